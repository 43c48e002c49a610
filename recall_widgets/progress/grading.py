"""Whether an answer is right, for each kind of question: the rules Python decides with.

Pure functions of the deck's question and the learner's answer. :func:`~.events.decide`
calls :func:`grade` for every ``answer`` event; the browser has a twin of each rule for its
instant feedback (``frontend/src/grading.js``), and ``tests/widgets/test_js_parity.py`` runs
both on the same answers. An answer that cannot mean anything (no choice, a number that is not
one, an empty text, a line twice) is a ``ValueError`` saying what is allowed.

- choice: ``{"choices": [indexes]}``, right when exactly the correct choices;
- numeric: ``{"value": number}``, right within the range, the tolerance (default 0) or half a
  unit of the last decimal place of the precision;
- text: ``{"text": str}``, right when, white space normalised and (unless ``match_case``) in
  lower case, it is an accepted answer, matches the pattern as a whole, or is at least
  ``fuzzy`` close (Levenshtein ratio) to an accepted answer;
- order: ``{"order": [line indexes]}`` (the question's lines then its distractors), right when
  exactly the lines, in their order;
- predict: ``{"text": str}``, right when it is the recorded output, line ends and trailing
  blank lines aside.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..deck.model import Feedback, Question

__all__ = [
    "WHITESPACE",
    "feedback_for",
    "grade",
    "levenshtein_ratio",
    "misplaced",
    "normalize_output",
    "normalize_text",
]

WHITESPACE = (
    "[ \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+"
)
"""White space as both Python and JavaScript read it here (their ``\\s`` differ)."""
_SPACES = re.compile(WHITESPACE)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def normalize_text(text: str, *, match_case: bool = False) -> str:
    """``text`` with runs of white space as one space, none at the ends, lower case unless
    ``match_case``: what a text question compares."""
    spaced = _SPACES.sub(" ", text).strip(" ")
    return spaced if match_case else spaced.lower()


def normalize_output(text: str) -> str:
    """Printed output as a predict question compares it: ``\\r\\n`` as ``\\n``, no white space
    at line ends, no blank lines at the start or end."""
    lines = [line.rstrip(" \t") for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def levenshtein_ratio(a: str, b: str) -> float:
    """1 minus the edit distance over the longer length (1.0 for equal texts), by code point."""
    if a == b:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))


def _number_right(question: Question, value: float, target: float | None = None) -> bool:
    if target is None and question.range is not None:
        low, high = question.range
        return bool(low <= value <= high)
    aim = question.answer if target is None else target
    if aim is None:
        return False
    if question.precision is not None:
        return abs(value - aim) <= 0.5 / float(10**question.precision)
    return abs(value - aim) <= (question.tolerance or 0)


def _text_right(question: Question, text: str) -> bool:
    given = normalize_text(text, match_case=question.match_case)
    accepted = [normalize_text(a, match_case=question.match_case) for a in question.answers]
    if given in accepted:
        return True
    if question.pattern is not None:
        flags = re.ASCII | (0 if question.match_case else re.IGNORECASE)
        if re.fullmatch(question.pattern, given, flags):
            return True
    if question.fuzzy is not None:
        return any(levenshtein_ratio(given, a) >= question.fuzzy for a in accepted)
    return False


def _text_of(question: Question, value: Mapping[str, Any]) -> str:
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(
            f"the answer to {question.id!r} must be text that is not empty, got {text!r}"
        )
    return text


def _choice(question: Question, value: Mapping[str, Any]) -> dict[str, Any]:
    choices = value.get("choices")
    count = len(question.choices)
    listed = list(choices) if isinstance(choices, list | tuple) else None
    if not listed or any(not _whole(i) or not 0 <= i < count for i in listed):
        raise ValueError(
            f"choice indexes of {question.id!r} must be among 0..{count - 1}, got {choices!r}"
        )
    chosen = sorted(set(listed))
    if len(chosen) > 1 and not question.multiple:
        raise ValueError(f"question {question.id!r} takes exactly one choice, got {choices!r}")
    return {"choices": chosen, "correct": tuple(chosen) == question.correct_indexes}


def _numeric(question: Question, value: Mapping[str, Any]) -> dict[str, Any]:
    number = value.get("value")
    if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number):
        raise ValueError(f"the answer to {question.id!r} must be a number, got {number!r}")
    return {"value": number, "correct": _number_right(question, number)}


def _text(question: Question, value: Mapping[str, Any]) -> dict[str, Any]:
    text = _text_of(question, value)
    return {"text": text, "correct": _text_right(question, text)}


def _order(question: Question, value: Mapping[str, Any]) -> dict[str, Any]:
    order = value.get("order")
    count = len(question.lines) + len(question.distractors)
    listed = list(order) if isinstance(order, list | tuple) else None
    if not listed or any(not _whole(i) or not 0 <= i < count for i in listed):
        raise ValueError(
            f"line indexes of {question.id!r} must be among 0..{count - 1}, got {order!r}"
        )
    if len(set(listed)) < len(listed):
        raise ValueError(f"each line of {question.id!r} goes in once, got {order!r}")
    return {"order": listed, "correct": listed == list(range(len(question.lines)))}


def _predict(question: Question, value: Mapping[str, Any]) -> dict[str, Any]:
    text = _text_of(question, value)
    if question.output is None:
        raise ValueError(
            f"predict question {question.id!r} has no recorded output; load its deck from the "
            "file (run `recall-widgets predict DECK` to generate the outputs)"
        )
    return {"text": text, "correct": normalize_output(text) == normalize_output(question.output)}


_GRADE = {
    "choice": _choice,
    "numeric": _numeric,
    "text": _text,
    "order": _order,
    "predict": _predict,
}


def grade(question: Question, value: object) -> dict[str, Any]:
    """An ``answer`` event's value decided from the deck: what the learner gave (per kind, see
    the module) and ``correct``, computed here whatever ``correct`` was sent."""
    if not isinstance(value, Mapping):
        value = {}
    decided: dict[str, Any] = _GRADE[question.kind](question, value)
    return decided


def misplaced(question: Question, order: Sequence[int]) -> list[int]:
    """The positions (0-based) in the learner's ``order`` holding a line that is not the right
    one there (a distractor, or a line out of place): what an order question's feedback names."""
    return [position for position, line in enumerate(order) if line != position]


def feedback_for(question: Question, value: Mapping[str, Any]) -> Feedback | None:
    """The question's feedback entry that matches a wrong numeric or text answer, if any."""
    for entry in question.feedback:
        if question.kind == "numeric" and isinstance(entry.answer, int | float):
            number = value.get("value")
            if isinstance(number, int | float) and _number_right(question, number, entry.answer):
                return entry
        if question.kind == "text" and isinstance(entry.answer, str):
            text = value.get("text")
            mine = normalize_text(entry.answer, match_case=question.match_case)
            if (
                isinstance(text, str)
                and normalize_text(text, match_case=question.match_case) == mine
            ):
                return entry
    return None
