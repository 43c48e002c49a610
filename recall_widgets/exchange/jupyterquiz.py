"""jupyterquiz question files → deck questions.

Read from jupyterquiz 2.9.6.4: its README (the JSON format of each question type), its JSON
schemas (``schema/mc_schema.json``, ``num_schema.json``, ``string_schema.json`` in
github.com/jmshea/jupyterquiz) and its JavaScript (``js/multiple_choice.js``, ``numeric.js``,
``string.js``, ``helpers.js``: what each field does when a learner answers). A file is a JSON
list of questions (``display_quiz`` also takes one question object; both are read). Texts are
HTML with TeX (:mod:`.markup`).

What each documented field becomes
----------------------------------
Every question: ``question`` (HTML) → ``prompt``; ``code`` (shown in ``<pre><code>``) → a fenced
code block after it; ``type`` → ``kind``; the id is derived from the question's words
(:mod:`.importing`). jupyterquiz has no explanation shown after any answer, so
``explanation`` says what the right answer is (and, for numeric and string questions, adds the
right answer's feedback, which is what jupyterquiz shows to a learner who got it right).

``multiple_choice`` and ``many_choice`` → ``kind: choice``. Each of ``answers``: ``answer``
(HTML) and ``code`` (a code span per line) → the choice's ``text``; ``correct`` → ``correct``;
``feedback`` → ``why``. jupyterquiz decides single or multiple answers by how many are correct,
whatever the type says, and so do we: several correct choices make the question
multiple-select. ``answer_cols`` (how many columns of buttons) is layout: not carried, noted.

``numeric`` → ``kind: numeric``. ``answers`` are tried in order, the first match decides:

- the first right ``value`` → ``answer``, or the first right ``range`` → ``range``. jupyterquiz's
  ranges leave out their upper end ([A, B)); ours include it.
- ``precision`` (since jupyterquiz 2.8, a number of *significant digits* both the learner's
  number and the value are rounded to) → the same accepted numbers in our terms: ``answer`` the
  value rounded to that many digits, ``precision`` the decimal places that leaves (or
  ``tolerance``, half a unit of the last digit, when that is not 0 to 15 places). With a right
  range, precision cannot be carried (our ranges are exact): noted.
- a wrong ``value`` with ``feedback`` → a ``feedback`` entry (matched with the same precision).
- ``type: default`` with ``feedback`` → ``default_feedback`` (the last one, as jupyterquiz).
- what has no place: a second right answer (ours has one value or one range; learners giving it
  would be told they are wrong), a wrong ``range``'s feedback (our feedback is for one number),
  the feedback of a right answer other than the first: each noted, with its text.

``string`` → ``kind: text``. Each of ``answers``: a right ``answer`` → one of ``answers`` (plain
text, compared as typed, as jupyterquiz does); a wrong one with ``feedback`` → a ``feedback``
entry; ``type: default`` → ``default_feedback``. ``match_case`` and ``fuzzy_threshold`` are
per answer in jupyterquiz and per question here: when the right answers agree they carry
exactly (jupyterquiz's fuzzy ratio is ours: 1 - Levenshtein distance / longer length); when
they differ the question ignores case if any answer did, takes the lowest threshold, and the
difference is noted. ``input_width`` is layout: not carried, noted.

A question jupyterquiz could not show (no ``type`` or an unknown one, answers that are not a
list, an answer without ``correct``, no right answer, an empty question) is an error: nothing
is written.
"""

from __future__ import annotations

import math
from typing import Any

from .importing import Ids, Reader
from .markup import code_block, code_spans, plain_text
from .positions import Located

__all__ = ["QUESTION_FIELDS", "TYPES", "import_questions"]

#: jupyterquiz's question types and the kind each becomes.
TYPES = {
    "multiple_choice": "choice",
    "many_choice": "choice",
    "numeric": "numeric",
    "string": "text",
}
#: The question keys jupyterquiz documents (README, schemas and JavaScript).
QUESTION_FIELDS = {
    "multiple_choice": ("question", "type", "answers", "code", "answer_cols"),
    "numeric": ("question", "type", "answers", "code", "precision"),
    "string": ("question", "type", "answers", "code", "input_width"),
}
QUESTION_FIELDS["many_choice"] = QUESTION_FIELDS["multiple_choice"]
_CHOICE_KEYS = {"answer": "", "code": "", "correct": "", "feedback": "", "answer_cols": ""}
_NUMERIC_KEYS = {"type": "", "value": "", "range": "", "correct": "", "feedback": ""}
_STRING_KEYS = {
    "type": "",
    "answer": "",
    "correct": "",
    "feedback": "",
    "match_case": "",
    "fuzzy_threshold": "",
}
_LAYOUT = {
    "answer_cols": "how many columns of answer buttons (layout; our quiz lays choices out itself)",
    "input_width": "the width of the answer box (layout; our quiz sizes it itself)",
}


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _short(text: str, limit: int = 60) -> str:
    text = plain_text(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Question:
    """One question being read: its place, its fields, the reader to note problems to."""

    def __init__(self, located: Located, number: int, reader: Reader) -> None:
        self.located = located
        self.fields: dict[str, Located] = located.value
        self.where = f"question {number}"
        self.reader = reader

    def error(self, key: str | None, message: str, at: Located | None = None) -> None:
        place = at.where if at is not None else self.located.key_at(key) if key else None
        self.reader.error(place or self.located.where, self.where, key, message)

    def note(self, key: str | None, message: str, at: Located | None = None) -> None:
        place = at.where if at is not None else self.located.key_at(key) if key else None
        self.reader.note(place or self.located.where, self.where, key, message)

    def text(self, key: str, *, required: bool = True) -> Located | None:
        value = self.fields.get(key)
        if value is None:
            if required:
                self.error(None, f"no '{key}'; a jupyterquiz question needs one")
            return None
        if not isinstance(value.value, str):
            self.error(key, f"'{key}' must be text; found {_kind_of(value.value)}")
            return None
        return value


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the number {value}"


def import_questions(root: Located, reader: Reader, ids: Ids) -> dict[str, list[dict[str, Any]]]:
    """The questions of a jupyterquiz file (a list of questions, or one), as deck data."""
    if isinstance(root.value, dict):
        entries = [root]
    elif isinstance(root.value, list):
        entries = root.value
    else:
        reader.error(
            root.where,
            "",
            None,
            "a jupyterquiz file holds a list of questions "
            f"([{{...}}, ...]); found {_kind_of(root.value)}",
        )
        return {}
    if not entries:
        reader.error(root.where, "", None, "the list of questions is empty")
    questions = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry.value, dict):
            reader.error(
                entry.where,
                f"question {number}",
                None,
                f"a question is an object ({{...}}); found {_kind_of(entry.value)}",
            )
            continue
        question = _import_question(_Question(entry, number, reader), ids)
        if question is not None:
            questions.append(question)
    return {"questions": questions}


def _import_question(q: _Question, ids: Ids) -> dict[str, Any] | None:
    kind_value = q.fields.get("type")
    if kind_value is None:
        q.error(None, f"no 'type'; allowed: {', '.join(TYPES)}")
        return None
    peer_type = kind_value.value
    if peer_type not in TYPES:
        q.error(
            "type", f"unknown question type {peer_type!r}; allowed: {', '.join(TYPES)}", kind_value
        )
        return None
    before = len(q.reader.errors)
    prompt_value = q.text("question")
    code_value = q.text("code", required=False)
    known = {key: "" for key in QUESTION_FIELDS[peer_type]}
    q.reader.unknown_keys(q.located, known, q.where, "jupyterquiz")
    for key, meaning in _LAYOUT.items():
        if key in q.fields and key in known:
            q.note(key, f"not carried: {meaning}")
    answers = q.fields.get("answers")
    if answers is None:
        q.error(None, "no 'answers'; a jupyterquiz question needs a list of answers")
        return None
    if not isinstance(answers.value, list):
        q.error("answers", f"'answers' must be a list; found {_kind_of(answers.value)}", answers)
        return None
    prompt = ""
    if prompt_value is not None:
        prompt = q.reader.markdown(prompt_value, q.where, "question", links=True)
    if code_value is not None and code_value.value.strip():
        block = code_block(_code(code_value.value), q.reader.options.code_language)
        prompt = f"{prompt}\n\n{block}" if prompt else block
    if prompt_value is not None and not prompt.strip():
        q.error(
            "question",
            "the question is empty (jupyterquiz then shows only the answers, "
            "with the question written around the quiz); write the question here",
        )
    kind = TYPES[peer_type]
    body = {"choice": _choice, "numeric": _numeric, "text": _string}[kind](q, answers.value)
    if body is None or len(q.reader.errors) > before:
        return None
    base = plain_text(prompt_value.value if prompt_value else "") or prompt
    question: dict[str, Any] = {"id": ids.new(base, "question")}
    if kind != "choice":
        question["kind"] = kind
    if q.reader.options.section:
        question["section"] = q.reader.options.section
    question["prompt"] = prompt
    explanation = body.pop("explanation")
    question.update(body)
    question["explanation"] = explanation
    return question


def _code(code: str) -> str:
    """A jupyterquiz ``code`` field as the learner saw it (it is set as ``innerHTML``)."""
    import html

    return html.unescape(code)


# -- multiple_choice, many_choice -------------------------------------------------------------


def _choice(q: _Question, answers: list[Located]) -> dict[str, Any] | None:
    choices: list[dict[str, Any]] = []
    for index, answer in enumerate(answers, 1):
        where = f"{q.where}, answer {index}"
        if not isinstance(answer.value, dict):
            q.reader.error(
                answer.where,
                where,
                None,
                f"an answer is an object ({{...}}); found {_kind_of(answer.value)}",
            )
            continue
        fields: dict[str, Located] = answer.value
        q.reader.unknown_keys(answer, _CHOICE_KEYS, where, "jupyterquiz")
        if "answer_cols" in fields:
            q.reader.note(
                answer.key_at("answer_cols"),
                where,
                "answer_cols",
                f"not carried: {_LAYOUT['answer_cols']}",
            )
        correct = fields.get("correct")
        if correct is None or not isinstance(correct.value, bool):
            found = "none" if correct is None else _kind_of(correct.value)
            at = correct.where if correct is not None else answer.where
            q.reader.error(
                at, where, "correct", f"each answer needs 'correct': true or false; found {found}"
            )
            continue
        parts = []
        for key in ("answer", "code"):
            value = fields.get(key)
            if value is not None and not isinstance(value.value, str):
                q.reader.error(
                    value.where, where, key, f"'{key}' must be text; found {_kind_of(value.value)}"
                )
                value = None
            if value is None or not value.value.strip():
                continue
            if key == "answer":
                parts.append(q.reader.markdown(value, where, key, links=True, inline_only=True))
            else:
                parts.append(code_spans(_code(value.value)))
        text = "\n".join(part for part in parts if part)
        if not text.strip():
            q.reader.error(
                answer.where, where, None, "the answer has no text: give 'answer' or 'code'"
            )
            continue
        choice: dict[str, Any] = {"text": text}
        if correct.value:
            choice["correct"] = True
        feedback = fields.get("feedback")
        if feedback is not None:
            if not isinstance(feedback.value, str):
                q.reader.error(
                    feedback.where,
                    where,
                    "feedback",
                    f"'feedback' must be text; found {_kind_of(feedback.value)}",
                )
            elif feedback.value.strip():
                choice["why"] = q.reader.markdown(feedback, where, "feedback", links=True)
        choices.append(choice)
    if len(choices) != len(answers):
        return None
    if len(choices) < 2:
        q.error(
            "answers",
            f"a choice question needs at least two answers; found {len(choices)}",
            q.fields["answers"],
        )
        return None
    right = [c["text"] for c in choices if c.get("correct")]
    if not right:
        q.error(
            "answers",
            "no answer has 'correct': true; a deck's choice question needs at "
            "least one right answer",
            q.fields["answers"],
        )
        return None
    return {"choices": choices, "explanation": _right_answers(right)}


def _right_answers(right: list[str]) -> str:
    if len(right) == 1 and "\n" not in right[0]:
        return f"The right answer: {right[0]}"
    items = "\n".join("- " + text.replace("\n", "\n  ") for text in right)
    heading = "The right answer:" if len(right) == 1 else "The right answers:"
    return f"{heading}\n\n{items}"


# -- numeric ----------------------------------------------------------------------------------


def _significant(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits, as JavaScript's ``toPrecision``."""
    return float(f"{value:.{digits}g}")


def _precision_fields(value: float, digits: int) -> dict[str, Any]:
    """jupyterquiz's ``precision`` (significant digits) as our answer and decimal places."""
    rounded = _significant(value, digits)
    if rounded == 0:
        return {"answer": 0}
    places = digits - 1 - math.floor(math.log10(abs(rounded)))
    answer: Any = int(rounded) if places <= 0 else rounded
    if 0 <= places <= 15:
        return {"answer": answer, "precision": places}
    return {"answer": answer, "tolerance": 0.5 * 10.0 ** (-places)}


def _numeric(q: _Question, answers: list[Located]) -> dict[str, Any] | None:
    precision_value = q.fields.get("precision")
    digits: int | None = None
    if precision_value is not None:
        p = precision_value.value
        if not isinstance(p, int) or isinstance(p, bool) or p < 0 or p > 100:
            q.error(
                "precision",
                "'precision' is a number of significant digits, 1 to 100 "
                f"(0 for none); found {_kind_of(p)}",
                precision_value,
            )
            return None
        digits = p or None  # jupyterquiz ignores 0
    right: list[tuple[str, Located, Located]] = []  # (value or range, the value, the answer)
    wrong_feedback: list[Any] = []
    default: str | None = None
    defaults: list[Located] = []
    feedback_of: dict[int, str] = {}
    ok = True
    for index, answer in enumerate(answers, 1):
        where = f"{q.where}, answer {index}"
        parsed = _numeric_answer(q, answer, where)
        if parsed is None:
            ok = False
            continue
        what, value, correct, feedback = parsed
        fb_text = (
            q.reader.markdown(feedback, where, "feedback", links=True)
            if feedback is not None and feedback.value.strip()
            else None
        )
        if what == "default":
            defaults.append(answer)
            default = fb_text
            continue
        if fb_text:
            feedback_of[index] = fb_text
        if correct:
            right.append((what, value, answer))
        elif what == "value" and fb_text:
            number = value.value
            if digits:
                number = _significant(number, digits)
            wrong_feedback.append((index, number, fb_text, answer))
        elif what == "range" and fb_text:
            low, high = (v.value for v in value.value)
            q.reader.note(
                answer.where,
                where,
                "range",
                f"not carried: feedback for a wrong range [{low}, {high}) (our "
                f"feedback is for one number): {_short(feedback.value if feedback else '')}",
            )
    if not ok:
        return None
    if not right:
        q.error(
            "answers",
            "no answer has 'correct': true; a numeric question needs a right value or range",
            q.fields["answers"],
        )
        return None
    for extra in defaults[:-1]:
        q.reader.note(
            extra.where,
            q.where,
            "answers",
            "not carried: a second 'default' answer; jupyterquiz uses the last one, and so do we",
        )
    what, value, first = right[0]
    body: dict[str, Any] = {}
    if what == "value":
        if digits:
            body.update(_precision_fields(value.value, digits))
        else:
            body["answer"] = value.value
        shown = _number_text(body["answer"])
        if digits:
            shown += f" (to {digits} significant digit{'s' if digits > 1 else ''})"
    else:
        low, high = (v.value for v in value.value)
        body["range"] = [low, high]
        shown = f"from {_number_text(low)} to {_number_text(high)}"
        if digits:
            q.note(
                "precision",
                "not carried: precision with a right range (the learner's "
                "number was rounded before it was compared; our ranges are exact)",
            )
    low_ok, high_ok = _accepted(body)
    first_index = answers.index(first) + 1
    first_feedback = feedback_of.get(first_index)
    for what_other, value_other, answer_other in right[1:]:
        index = answers.index(answer_other) + 1
        where = f"{q.where}, answer {index}"
        if what_other == "value":
            number = value_other.value
            number = _significant(number, digits) if digits else number
            desc = f"the value {_number_text(value_other.value)}"
            covered = low_ok <= number <= high_ok
        else:
            low, high = (v.value for v in value_other.value)
            desc = f"the range [{_number_text(low)}, {_number_text(high)})"
            covered = low_ok <= low and high <= high_ok
        other_feedback = feedback_of.get(index)
        if covered and other_feedback and other_feedback != first_feedback:
            q.reader.note(
                answer_other.where,
                where,
                "feedback",
                f"not carried: the feedback of a second right answer, {desc}, which "
                f"the first right answer includes: {_short(other_feedback)}",
            )
        elif not covered:
            q.reader.note(
                answer_other.where,
                where,
                None,
                f"not carried: a second right answer, {desc} (a deck's numeric "
                "question has one right value or range; learners who give it are "
                "told it is wrong)",
            )
    kept = []
    for index, number, fb_text, answer in wrong_feedback:
        if not low_ok <= number <= high_ok:
            kept.append({"answer": number, "why": fb_text})
            continue
        where = f"{q.where}, answer {index}"
        if index < first_index:
            q.reader.note(
                answer.where,
                where,
                "value",
                f"not carried: jupyterquiz marks {_number_text(number)} wrong (it "
                "comes before the right answer); here it is within the right answer "
                "and counts as right",
            )
        else:
            q.reader.note(
                answer.where,
                where,
                "feedback",
                f"not carried: feedback for {_number_text(number)}, which jupyterquiz "
                "never shows (the right answer before it matches first)",
            )
    wrong_feedback = kept
    if wrong_feedback:
        body["feedback"] = wrong_feedback
    if default:
        body["default_feedback"] = default
    explanation = f"The right answer: {shown}."
    if first_index in feedback_of:
        explanation += "\n\n" + feedback_of[first_index]
    body["explanation"] = explanation
    return body


def _accepted(body: dict[str, Any]) -> tuple[float, float]:
    """The lowest and highest number the carried answer accepts (as our grading decides)."""
    if "range" in body:
        low, high = body["range"]
        return low, high
    answer = body["answer"]
    places = body.get("precision")
    margin = 0.5 / 10**places if places is not None else body.get("tolerance", 0)
    return answer - margin, answer + margin


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _numeric_answer(
    q: _Question, answer: Located, where: str
) -> tuple[str, Located, bool, Located | None] | None:
    if not isinstance(answer.value, dict):
        q.reader.error(
            answer.where,
            where,
            None,
            f"an answer is an object ({{...}}); found {_kind_of(answer.value)}",
        )
        return None
    fields: dict[str, Located] = answer.value
    q.reader.unknown_keys(answer, _NUMERIC_KEYS, where, "jupyterquiz")
    declared = fields.get("type")
    has = [key for key in ("value", "range") if key in fields]
    if declared is not None and declared.value not in ("value", "range", "default"):
        q.reader.error(
            declared.where,
            where,
            "type",
            f"unknown answer type {declared.value!r}; allowed: value, range, default",
        )
        return None
    what = declared.value if declared is not None else (has[0] if len(has) == 1 else None)
    feedback = fields.get("feedback")
    if feedback is not None and not isinstance(feedback.value, str):
        q.reader.error(
            feedback.where,
            where,
            "feedback",
            f"'feedback' must be text; found {_kind_of(feedback.value)}",
        )
        return None
    if what == "default":
        if has:
            q.reader.error(
                answer.where,
                where,
                has[0],
                "a 'default' answer has only 'feedback', no value or range",
            )
            return None
        return "default", answer, False, feedback
    if what is None or len(has) != 1 or what not in has:
        q.reader.error(
            answer.where,
            where,
            None,
            "each answer needs either 'value' (a number) or 'range' ([A, B]), or "
            "'type': 'default' with 'feedback'",
        )
        return None
    value = fields[what]
    if what == "value" and not _number(value.value):
        q.reader.error(
            value.where, where, "value", f"'value' must be a number; found {_kind_of(value.value)}"
        )
        return None
    if what == "range":
        bounds = value.value
        if not (
            isinstance(bounds, list) and len(bounds) == 2 and all(_number(b.value) for b in bounds)
        ):
            q.reader.error(value.where, where, "range", "'range' must be two numbers, [A, B]")
            return None
        if bounds[0].value >= bounds[1].value:
            q.reader.error(
                value.where,
                where,
                "range",
                f"the range [{bounds[0].value}, "
                f"{bounds[1].value}) holds no number: A must be below B",
            )
            return None
    correct = fields.get("correct")
    if correct is None or not isinstance(correct.value, bool):
        found = "none" if correct is None else _kind_of(correct.value)
        q.reader.error(
            correct.where if correct else answer.where,
            where,
            "correct",
            f"each value or range needs 'correct': true or false; found {found}",
        )
        return None
    return what, value, correct.value, feedback


# -- string -----------------------------------------------------------------------------------


def _string(q: _Question, answers: list[Located]) -> dict[str, Any] | None:
    accepted: list[tuple[Located, str, bool, float | None, str | None]] = []
    feedback: list[dict[str, Any]] = []
    wrong_cases: set[bool] = set()
    default: str | None = None
    ok = True
    for index, answer in enumerate(answers, 1):
        where = f"{q.where}, answer {index}"
        if not isinstance(answer.value, dict):
            q.reader.error(
                answer.where,
                where,
                None,
                f"an answer is an object ({{...}}); found {_kind_of(answer.value)}",
            )
            ok = False
            continue
        fields: dict[str, Located] = answer.value
        q.reader.unknown_keys(answer, _STRING_KEYS, where, "jupyterquiz")
        fb = fields.get("feedback")
        if fb is not None and not isinstance(fb.value, str):
            q.reader.error(
                fb.where, where, "feedback", f"'feedback' must be text; found {_kind_of(fb.value)}"
            )
            ok = False
            continue
        fb_text = (
            q.reader.markdown(fb, where, "feedback", links=True)
            if fb and fb.value.strip()
            else None
        )
        declared = fields.get("type")
        if declared is not None and declared.value == "default":
            default = fb_text
            continue
        if declared is not None:
            q.reader.error(
                declared.where,
                where,
                "type",
                f"unknown answer type {declared.value!r}; allowed: default (or none)",
            )
            ok = False
            continue
        text, correct = fields.get("answer"), fields.get("correct")
        if text is None or not isinstance(text.value, str) or not text.value.strip():
            found = "none" if text is None else _kind_of(text.value)
            q.reader.error(
                text.where if text else answer.where,
                where,
                "answer",
                f"each answer needs 'answer': the text to match; found {found}",
            )
            ok = False
            continue
        if correct is None or not isinstance(correct.value, bool):
            found = "none" if correct is None else _kind_of(correct.value)
            q.reader.error(
                correct.where if correct else answer.where,
                where,
                "correct",
                f"each answer needs 'correct': true or false; found {found}",
            )
            ok = False
            continue
        case = fields.get("match_case")
        if case is not None and not isinstance(case.value, bool):
            q.reader.error(
                case.where,
                where,
                "match_case",
                f"'match_case' is true or false; found {_kind_of(case.value)}",
            )
            ok = False
            continue
        fuzzy_value = fields.get("fuzzy_threshold")
        fuzzy: float | None = None
        if fuzzy_value is not None:
            f = fuzzy_value.value
            if not _number(f) or not 0 <= f <= 1:
                q.reader.error(
                    fuzzy_value.where,
                    where,
                    "fuzzy_threshold",
                    f"'fuzzy_threshold' is a similarity from 0 to 1; found {_kind_of(f)}",
                )
                ok = False
                continue
            fuzzy = f or None  # jupyterquiz ignores 0
        match_case = bool(case.value) if case is not None else False
        if correct.value:
            accepted.append((answer, text.value.strip(), match_case, fuzzy, fb_text))
            continue
        wrong_cases.add(match_case)
        if fuzzy is not None:
            q.reader.note(
                fuzzy_value.where if fuzzy_value else answer.where,
                where,
                "fuzzy_threshold",
                "not carried: fuzzy matching of a wrong answer "
                "(our feedback matches the answer as written)",
            )
        if fb_text:
            feedback.append({"answer": text.value.strip(), "why": fb_text})
    if not ok:
        return None
    if not accepted:
        q.error(
            "answers",
            "no answer has 'correct': true; a text question needs at least one accepted answer",
            q.fields["answers"],
        )
        return None
    body: dict[str, Any] = {"answers": [a[1] for a in accepted]}
    cases = {a[2] for a in accepted} | wrong_cases
    if cases == {True}:
        body["match_case"] = True
    elif len(cases) > 1:
        q.note(
            "answers",
            "not carried exactly: 'match_case' differs between answers; a deck's "
            "text question decides for all its answers, so case is ignored for all",
        )
    thresholds = {a[3] for a in accepted}
    given = sorted(t for t in thresholds if t is not None)
    if given:
        body["fuzzy"] = given[0]
        if len(thresholds) > 1:
            q.note(
                "answers",
                f"not carried exactly: 'fuzzy_threshold' differs between the "
                f"right answers; a deck's text question has one, the lowest ({given[0]}), "
                "for all its answers",
            )
    if feedback:
        body["feedback"] = feedback
    if default:
        body["default_feedback"] = default
    shown = ", ".join(f"`{a[1]}`" if "`" not in a[1] else a[1] for a in accepted)
    explanation = f"The right answer{'s' if len(accepted) > 1 else ''}: {shown}."
    right_feedback = [a[4] for a in accepted if a[4]]
    if right_feedback:
        explanation += "\n\n" + right_feedback[0]
    for answer, _text, _case, _fuzzy, fb_text in accepted:
        if fb_text and fb_text != right_feedback[0]:
            q.reader.note(
                answer.where,
                q.where,
                "feedback",
                "not carried: the feedback of a "
                "second right answer (a deck's question explains once, with the "
                f"first right answer's feedback): {_short(fb_text)}",
            )
    body["explanation"] = explanation
    return body
