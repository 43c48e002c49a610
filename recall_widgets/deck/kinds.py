"""The rules of each kind of question the types cannot say: its own keys, a right answer.

A question's ``kind`` (``choice`` unless written) decides which keys it takes
(:data:`~.model.KIND_FIELDS`): a key of another kind is reported with the keys this kind
has. Then each kind's rules: a choice question has a right choice; a numeric question an
answer or a range (and a tolerance or a precision, not both); a text question accepted
answers or a pattern Python compiles; an order question distinct lines; a predict question
code whose output the generated file beside the deck records (:mod:`.outputs`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeGuard

from .model import KIND_FIELDS, QUESTION_KINDS
from .outputs import RecordedOutput
from .problems import Loc
from .report import Report

__all__ = ["check_question", "predict_fix"]

_OWNER = {key: kind for kind, keys in KIND_FIELDS.items() for key in keys}


def predict_fix(filename: str) -> str:
    """How to (re)generate the outputs of a deck's predict questions."""
    return f"run `recall-widgets predict {filename}` to generate them"


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_question(
    question: dict[str, Any],
    loc: Loc,
    report: Report,
    outputs: Mapping[str, RecordedOutput] | None,
) -> None:
    """Report what is wrong for the question's kind (a kind that is not one is reported by the
    types); ``outputs`` are the predict outputs beside the deck (None: not checked)."""
    kind = question.get("kind", "choice")
    if not isinstance(kind, str) or kind not in QUESTION_KINDS:
        return
    own = KIND_FIELDS[kind]
    for key in question:
        owner = _OWNER.get(str(key))
        if owner is not None and owner != kind and key not in own:
            hint = "" if "kind" in question else f" (add 'kind: {owner}' for a {owner} question)"
            report.add(
                (*loc, key),
                f"'{key}' is a key of {owner} questions; {article_for(kind)} {kind} "
                f"question's own keys are {', '.join(own)}{hint}",
                report.node_at((*loc, key), key=True),
            )
    _RULES[kind](question, loc, report, outputs)


def article_for(word: str) -> str:
    """'a' or 'an' before ``word``."""
    return "an" if word[0] in "aeiou" else "a"


def _choice(q: dict[str, Any], loc: Loc, report: Report, _outputs: object) -> None:
    choices = q.get("choices")
    if "choices" not in q:
        report.add(
            (*loc, "choices"),
            "the required key 'choices' is missing; a choice question needs at least two "
            "choices, one with 'correct: true' (or set kind: numeric, text, order or predict)",
            report.node_at(loc),
        )
        return
    if not isinstance(choices, tuple) or not all(isinstance(c, dict) for c in choices):
        return  # a wrong type is reported on its own
    if len(choices) < 2:
        report.add(
            (*loc, "choices"),
            f"a choice question needs at least two choices; found {len(choices)}",
            report.node_at((*loc, "choices")),
        )
        return
    if any("correct" in c and not isinstance(c["correct"], bool) for c in choices):
        return
    if not any(c.get("correct") is True for c in choices):
        report.add(
            (*loc, "choices"),
            "no choice is marked correct; add 'correct: true' to at least one choice "
            "(several correct choices make a multiple-select question)",
            report.node_at((*loc, "choices"), key=True),
        )


def _numeric(q: dict[str, Any], loc: Loc, report: Report, _outputs: object) -> None:
    def add(key: str, message: str) -> None:
        at = (*loc, key) if key in q else loc
        report.add((*loc, key), message, report.node_at(at, key=key in q))

    has_answer, has_range = q.get("answer") is not None, q.get("range") is not None
    if has_answer == has_range:
        add(
            "answer",
            "give either 'answer' (a number, with an optional tolerance or precision) or "
            "'range' ([lowest, highest]), not both"
            if has_answer
            else "a numeric question needs 'answer: NUMBER' (with an optional tolerance or "
            "precision) or 'range: [LOWEST, HIGHEST]'",
        )
    if has_range:
        bounds = q["range"]
        if isinstance(bounds, tuple) and all(_number(b) for b in bounds):
            if len(bounds) != 2:
                add("range", f"'range' takes two numbers, [lowest, highest]; found {len(bounds)}")
            elif bounds[0] > bounds[1]:
                add("range", f"the lowest value comes first: write [{bounds[1]}, {bounds[0]}]")
        for key in ("tolerance", "precision"):
            if q.get(key) is not None:
                add(key, f"'{key}' goes with 'answer', not with 'range' (the range is exact)")
    if q.get("tolerance") is not None and q.get("precision") is not None:
        add("precision", "give 'tolerance' or 'precision', not both")
    tolerance = q.get("tolerance")
    if _number(tolerance) and tolerance < 0:
        add("tolerance", f"the tolerance must be 0 or more; found {tolerance}")
    precision = q.get("precision")
    if _number(precision) and not 0 <= precision <= 15:
        add("precision", f"the precision is a number of decimal places, 0 to 15; found {precision}")
    _feedback(q, loc, report, "a number", _number)


def _text(q: dict[str, Any], loc: Loc, report: Report, _outputs: object) -> None:
    answers, pattern = q.get("answers"), q.get("pattern")
    if not answers and pattern is None:
        at = (*loc, "answers") if "answers" in q else loc
        report.add(
            (*loc, "answers"),
            "a text question needs 'answers' (a list of accepted answers) or a 'pattern'",
            report.node_at(at),
        )
    if isinstance(pattern, str):
        try:
            re.compile(pattern)
        except re.error as error:
            report.add(
                (*loc, "pattern"),
                f"not a regular expression: {error}; quote it in single quotes ('...') so "
                "YAML keeps its backslashes",
                report.node_at((*loc, "pattern")),
            )
    fuzzy = q.get("fuzzy")
    if _number(fuzzy) and not 0 < fuzzy <= 1:
        report.add(
            (*loc, "fuzzy"),
            f"'fuzzy' is a similarity above 0 and at most 1 (e.g. 0.85); found {fuzzy}",
            report.node_at((*loc, "fuzzy")),
        )
    _feedback(q, loc, report, "text", lambda v: isinstance(v, str))


def _feedback(
    q: dict[str, Any], loc: Loc, report: Report, wanted: str, fits: Callable[[object], bool]
) -> None:
    entries = q.get("feedback")
    for index, entry in enumerate(entries if isinstance(entries, tuple) else ()):
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if answer is not None and not fits(answer):
            where = (*loc, "feedback", index, "answer")
            report.add(
                where,
                f"a {q.get('kind')} question's feedback answers are {wanted}; found {answer!r}",
                report.node_at(where),
            )


def _order(q: dict[str, Any], loc: Loc, report: Report, _outputs: object) -> None:
    lines = q.get("lines")
    if not isinstance(lines, tuple):
        if "lines" not in q:
            report.add(
                (*loc, "lines"),
                "an order question needs 'lines': at least two, in their right order",
                report.node_at(loc),
            )
        return
    if len(lines) < 2:
        report.add(
            (*loc, "lines"),
            f"an order question needs at least two lines; found {len(lines)}",
            report.node_at((*loc, "lines")),
        )
    distractors = q.get("distractors")
    everything = [("lines", i, t) for i, t in enumerate(lines)]
    if isinstance(distractors, tuple):
        everything += [("distractors", i, t) for i, t in enumerate(distractors)]
    seen: dict[str, str] = {}
    for key, index, text in everything:
        if not isinstance(text, str):
            continue
        if text.strip() in seen:
            report.add(
                (*loc, key, index),
                f"this line is the same as {seen[text.strip()]}; a learner could not tell them "
                "apart: make each line different",
                report.node_at((*loc, key, index)),
            )
        else:
            name = "line" if key == "lines" else "distractor line"
            seen[text.strip()] = f"{name} #{index + 1}"


def _predict(
    q: dict[str, Any],
    loc: Loc,
    report: Report,
    outputs: Mapping[str, RecordedOutput] | None,
) -> None:
    if "output" in q:
        report.add(
            (*loc, "output"),
            "a predict question's output is generated from its code, never written in the "
            f"deck: delete this key and {predict_fix(report.filename)}",
            report.node_at((*loc, "output"), key=True),
        )
    code = q.get("code")
    if "code" not in q:
        report.add(
            (*loc, "code"),
            "a predict question needs 'code': the Python code whose output the learner "
            "predicts (write 'code: |' with the code indented below)",
            report.node_at(loc),
        )
        return
    if outputs is None or not isinstance(code, str) or not isinstance(q.get("id"), str):
        return
    recorded = outputs.get(q["id"])
    if recorded is None:
        message = "no output is recorded for this code"
    elif not recorded.matches(code):
        message = "the recorded output is stale: the code changed since it was generated"
    else:
        return
    report.add(
        (*loc, "code"),
        f"{message}; {predict_fix(report.filename)}",
        report.node_at((*loc, "code"), key=True),
    )


_RULES: dict[str, Callable[..., None]] = {
    "choice": _choice,
    "numeric": _numeric,
    "text": _text,
    "order": _order,
    "predict": _predict,
}
