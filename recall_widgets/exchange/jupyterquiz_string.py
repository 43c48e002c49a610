"""A jupyterquiz ``string`` question → the fields of a deck's text question.

jupyterquiz (``js/string.js``) trims the learner's text and tries the answers in order: an
answer matches the same text (ignoring case unless its ``match_case``) or, with its
``fuzzy_threshold``, a text at least that similar (1 - Levenshtein distance / the longer
length, the ratio our grading uses). ``type: default`` gives the feedback when nothing
matches. :func:`string_fields` carries that as a deck's text question and notes what a deck
cannot say: see :mod:`.jupyterquiz` for the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fields import Fields, is_number
from .jupyterquiz import short

__all__ = ["string_fields"]

_KEYS = dict.fromkeys(
    ("type", "answer", "correct", "feedback", "match_case", "fuzzy_threshold"), ""
)


@dataclass
class _Answer:
    fields: Fields
    text: str
    correct: bool
    match_case: bool
    fuzzy: float | None
    feedback: str | None  # as Markdown


def _read(a: Fields) -> _Answer | str | None:
    """An answer, or the default feedback (Markdown, ``""`` for none), or None after an error."""
    a.check_keys(_KEYS, "jupyterquiz")
    declared, feedback = a.text("type"), a.text("feedback")
    if a.failed:
        return None
    markdown = None
    if feedback is not None:
        markdown = a.reader.markdown(feedback, a.where, "feedback", links=True) or None
    if declared is not None:
        if declared.value != "default":
            a.error("type", f"unknown answer type {declared.value!r}; allowed: default (or none)")
            return None
        return markdown or ""
    text = a.text("answer", required=True)
    correct = a.boolean("correct", required=True)
    case = a.boolean("match_case")
    threshold = a.values.get("fuzzy_threshold")
    if threshold is not None and not (is_number(threshold.value) and 0 <= threshold.value <= 1):
        a.error(
            "fuzzy_threshold",
            f"'fuzzy_threshold' is a similarity from 0 to 1; found {threshold.value!r}",
        )
    if a.failed or text is None or correct is None:
        return None
    if not text.value.strip():
        a.error("answer", "the answer is empty; give the text a learner types")
        return None
    fuzzy = (threshold.value or None) if threshold is not None else None  # 0 means none
    match_case = bool(case.value) if case is not None else False
    return _Answer(a, text.value.strip(), correct.value, match_case, fuzzy, markdown)


def string_fields(q: Fields, answer_fields: list[Fields]) -> dict[str, Any] | None:
    """``answers``, ``match_case``, ``fuzzy``, ``feedback``, ``default_feedback`` and
    ``explanation`` of a text question (None after an error)."""
    read = [_read(a) for a in answer_fields]
    if q.failed:
        return None
    answers = [a for a in read if isinstance(a, _Answer)]
    defaults = [a for a in read if isinstance(a, str)]
    right = [a for a in answers if a.correct]
    if not right:
        q.error(
            "answers",
            "no answer has 'correct': true; a text question needs at least one accepted answer",
        )
        return None
    body: dict[str, Any] = {"answers": [a.text for a in right]}
    cases = {a.match_case for a in answers}
    if cases == {True}:
        body["match_case"] = True
    elif len(cases) > 1:
        q.note(
            "answers",
            "not carried exactly: 'match_case' differs between answers; a deck's "
            "text question decides for all its answers, so case is ignored for all",
        )
    thresholds = {a.fuzzy for a in right}
    given = sorted(t for t in thresholds if t is not None)
    if given:
        body["fuzzy"] = given[0]
        if len(thresholds) > 1:
            q.note(
                "answers",
                "not carried exactly: 'fuzzy_threshold' differs between the right "
                f"answers; a deck's text question has one for all, the lowest ({given[0]})",
            )
    feedback = []
    for wrong in (a for a in answers if not a.correct):
        if wrong.fuzzy is not None:
            wrong.fields.note(
                "fuzzy_threshold",
                "not carried: fuzzy matching of a wrong answer "
                "(our feedback matches the answer as written)",
            )
        if wrong.feedback:
            feedback.append({"answer": wrong.text, "why": wrong.feedback})
    if feedback:
        body["feedback"] = feedback
    if defaults and defaults[-1]:
        body["default_feedback"] = defaults[-1]
    shown = ", ".join(_code(a.text) for a in right)
    explanation = f"The right answer{'s' if len(right) > 1 else ''}: {shown}."
    first_feedback = next((a.feedback for a in right if a.feedback), None)
    if first_feedback:
        explanation += f"\n\n{first_feedback}"
    for other in right:
        if other.feedback and other.feedback != first_feedback:
            other.fields.note(
                "feedback",
                "not carried: the feedback of another right answer "
                "(a deck's question explains once, with the first right answer's "
                f"feedback): {short(other.feedback)}",
            )
    body["explanation"] = explanation
    return body


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
