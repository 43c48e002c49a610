"""A jupyterquiz ``numeric`` question → the fields of a deck's numeric question.

jupyterquiz (``js/numeric.js``) tries the answers in order and the first that matches decides:
a ``value`` matches a number equal to it, a ``range`` [A, B) a number from A up to, not
including, B; with ``precision`` (significant digits, jupyterquiz 2.8 and later) the learner's
number and each value are first rounded to that many digits. ``type: default`` gives the
feedback when nothing matches. :func:`numeric_fields` carries what a deck can say (one right
value or range, feedback for wrong values, a default feedback) and notes the rest: see
:mod:`.jupyterquiz` for the mapping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .fields import Fields, is_number
from .jupyterquiz import short

__all__ = ["numeric_fields", "significant"]

_KEYS = dict.fromkeys(("type", "value", "range", "correct", "feedback"), "")


@dataclass
class _Answer:
    index: int
    fields: Fields
    what: str  # value, range or default
    low: float  # the value, or the range's ends
    high: float
    correct: bool
    feedback: str | None  # as Markdown


def significant(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits, as JavaScript's ``toPrecision``."""
    return float(f"{value:.{digits}g}")


def _precision_fields(value: float, digits: int) -> dict[str, Any]:
    """jupyterquiz's ``precision`` (significant digits) as our answer and decimal places."""
    rounded = significant(value, digits)
    if rounded == 0:
        return {"answer": 0}
    places = digits - 1 - math.floor(math.log10(abs(rounded)))
    answer: Any = int(rounded) if places <= 0 and abs(rounded) < 1e15 else rounded
    if 0 <= places <= 15:
        return {"answer": answer, "precision": places}
    return {"answer": answer, "tolerance": 0.5 * 10.0 ** (-places)}


def number_text(value: float) -> str:
    """A number as a learner would type it (``3`` for 3.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _read(a: Fields, index: int) -> _Answer | None:
    a.check_keys(_KEYS, "jupyterquiz")
    declared = a.text("type")
    feedback = a.text("feedback")
    if a.failed:
        return None
    given = [key for key in ("value", "range") if key in a.values]
    what = declared.value if declared is not None else (given[0] if len(given) == 1 else None)
    if what not in (None, "value", "range", "default"):
        a.error("type", f"unknown answer type {what!r}; allowed: value, range, default")
        return None
    markdown = None
    if feedback is not None:
        markdown = a.reader.markdown(feedback, a.where, "feedback", links=True) or None
    if what == "default":
        if given:
            a.error(given[0], "a 'default' answer has only 'feedback', no value or range")
            return None
        return _Answer(index, a, "default", 0, 0, False, markdown)
    if what is None or given != [what]:
        a.error(
            None,
            "each answer needs either 'value' (a number) or 'range' ([A, B]), or "
            "'type': 'default' with 'feedback'",
        )
        return None
    correct = a.boolean("correct", required=True)
    if what == "value":
        value = a.number("value", required=True)
        if value is None or correct is None:
            return None
        low = high = value.value
    else:
        bounds = a.values["range"].value
        if not (
            isinstance(bounds, list)
            and len(bounds) == 2
            and all(is_number(b.value) for b in bounds)
        ):
            a.error("range", "'range' must be two numbers, [A, B]")
            return None
        low, high = bounds[0].value, bounds[1].value
        if low >= high:
            a.error("range", f"the range [{low}, {high}) holds no number: A must be below B")
            return None
        if correct is None:
            return None
    return _Answer(index, a, what, low, high, correct.value, markdown)


def _digits(q: Fields) -> int | None:
    precision = q.values.get("precision")
    if precision is None:
        return None
    p = precision.value
    if not isinstance(p, int) or isinstance(p, bool) or not 1 <= p <= 100:
        q.error(
            "precision", f"'precision' is a number of significant digits, 1 to 100; found {p!r}"
        )
        return None
    return p


def _accepted(body: dict[str, Any]) -> tuple[float, float]:
    """The lowest and highest number the carried answer accepts (as our grading decides)."""
    if "range" in body:
        low, high = body["range"]
        return low, high
    places = body.get("precision")
    margin = 0.5 / 10**places if places is not None else body.get("tolerance", 0)
    return body["answer"] - margin, body["answer"] + margin


def _accepted_text(body: dict[str, Any]) -> str:
    low, high = _accepted(body)
    return f"anything from {number_text(round(low, 15))} to {number_text(round(high, 15))}"


def numeric_fields(q: Fields, answer_fields: list[Fields]) -> dict[str, Any] | None:
    """``answer``/``range``, ``precision``/``tolerance``, ``feedback``, ``default_feedback``
    and ``explanation`` of a numeric question (None after an error)."""
    digits = _digits(q)
    answers = [_read(a, index) for index, a in enumerate(answer_fields, 1)]
    if q.failed:
        return None
    parsed = [a for a in answers if a is not None]
    right = [a for a in parsed if a.correct]
    if not right:
        q.error(
            "answers",
            "no answer has 'correct': true; a numeric question needs a right value or range",
        )
        return None
    first = right[0]
    body: dict[str, Any] = {}
    if first.what == "value":
        body.update(_precision_fields(first.low, digits) if digits else {"answer": first.low})
        shown = number_text(body["answer"])
        if digits:
            shown += f" (to {digits} significant digit{'s' if digits > 1 else ''})"
            if body["answer"] != first.low:
                q.note(
                    "precision",
                    f"carried as jupyterquiz 2.8 and later grade it: "
                    f"{digits} significant digits, so {number_text(first.low)} is "
                    f"{number_text(body['answer'])} and {_accepted_text(body)} counts (before "
                    "2.8 precision counted decimal places; write that in the deck if it was "
                    "meant)",
                )
    else:
        # [A, B) exactly: the largest number below B is the highest that counts.
        body["range"] = [first.low, math.nextafter(first.high, -math.inf)]
        shown = f"from {number_text(first.low)} up to, not including, {number_text(first.high)}"
        if digits:
            q.note(
                "precision",
                "not carried: precision with a right range (jupyterquiz "
                "rounds the learner's number before comparing it; our ranges are exact)",
            )
    low, high = _accepted(body)
    for other in right[1:]:
        _second_right(other, first, low, high, digits)
    feedback = []
    for wrong in (a for a in parsed if not a.correct and a.what != "default"):
        entry = _wrong(wrong, first, low, high, digits)
        if entry is not None:
            feedback.append(entry)
    if feedback:
        body["feedback"] = feedback
    defaults = [a for a in parsed if a.what == "default"]
    for extra in defaults[:-1]:
        extra.fields.note(
            None,
            "not carried: a second 'default' answer; jupyterquiz uses the last one, and so do we",
        )
    if defaults and defaults[-1].feedback:
        body["default_feedback"] = defaults[-1].feedback
    body["explanation"] = f"The right answer: {shown}." + (
        f"\n\n{first.feedback}" if first.feedback else ""
    )
    return body


def _second_right(
    other: _Answer, first: _Answer, low: float, high: float, digits: int | None
) -> None:
    if other.what == "value":
        number = significant(other.low, digits) if digits else other.low
        described = f"the value {number_text(other.low)}"
        covered = low <= number <= high
    else:
        described = f"the range [{number_text(other.low)}, {number_text(other.high)})"
        covered = low <= other.low and math.nextafter(other.high, -math.inf) <= high
    if not covered:
        other.fields.note(
            None,
            f"not carried: a second right answer, {described} (a deck's "
            "numeric question has one right value or range; learners who give "
            "it are told it is wrong)",
        )
    elif other.feedback and other.feedback != first.feedback:
        other.fields.note(
            "feedback",
            f"not carried: the feedback of a second right answer, "
            f"{described}, which the first right answer includes: "
            f"{short(other.feedback)}",
        )


def _wrong(
    wrong: _Answer, first: _Answer, low: float, high: float, digits: int | None
) -> dict[str, Any] | None:
    if wrong.what == "range":
        if wrong.feedback:
            wrong.fields.note(
                "range",
                f"not carried: feedback for a wrong range "
                f"[{number_text(wrong.low)}, {number_text(wrong.high)}) (our "
                f"feedback is for one number): {short(wrong.feedback)}",
            )
        return None
    number = significant(wrong.low, digits) if digits else wrong.low
    if not low <= number <= high:
        return {"answer": number, "why": wrong.feedback} if wrong.feedback else None
    if wrong.index < first.index:
        wrong.fields.note(
            "value",
            f"not carried: jupyterquiz marks {number_text(number)} wrong "
            "(it comes before the right answer); here it is within the right "
            "answer and counts as right",
        )
    elif wrong.feedback:
        wrong.fields.note(
            "feedback",
            f"not carried: feedback for {number_text(number)}, which "
            "jupyterquiz never shows (the right answer before it matches first)",
        )
    return None
