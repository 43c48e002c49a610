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

The numeric and string kinds are read by :mod:`.jupyterquiz_numeric` and
:mod:`.jupyterquiz_string`. A question jupyterquiz could not show (no ``type`` or an unknown
one, answers that are not a list, an answer without ``correct``, no right answer, an empty
question) is an error: nothing is written.
"""

from __future__ import annotations

import html
from typing import Any

from .fields import Fields, describe, entries
from .importing import Ids, Reader
from .markup import code_block, code_spans, plain_text
from .positions import Located

__all__ = ["LAYOUT", "QUESTION_FIELDS", "TYPES", "import_questions", "peer_code"]

#: jupyterquiz's question types and the kind each becomes.
TYPES = {
    "multiple_choice": "choice",
    "many_choice": "choice",
    "numeric": "numeric",
    "string": "text",
}
#: The question keys jupyterquiz documents (README, schemas and JavaScript), by type.
QUESTION_FIELDS = {
    "multiple_choice": ("question", "type", "answers", "code", "answer_cols"),
    "numeric": ("question", "type", "answers", "code", "precision"),
    "string": ("question", "type", "answers", "code", "input_width"),
}
QUESTION_FIELDS["many_choice"] = QUESTION_FIELDS["multiple_choice"]
#: Layout options, which a deck leaves to the widget: noted, not carried.
LAYOUT = {
    "answer_cols": "how many columns of answer buttons (layout; our quiz lays choices out itself)",
    "input_width": "the width of the answer box (layout; our quiz sizes it itself)",
}
_CHOICE_KEYS = dict.fromkeys(("answer", "code", "correct", "feedback", "answer_cols"), "")


def peer_code(code: str) -> str:
    """A jupyterquiz ``code`` field as the learner saw it (it is set as ``innerHTML``)."""
    return html.unescape(code)


def import_questions(root: Located, reader: Reader, ids: Ids) -> dict[str, list[dict[str, Any]]]:
    """The questions of a jupyterquiz file (a list of questions, or one), as deck data."""
    questions = []
    for number, entry in enumerate(entries(root, reader, "question", "jupyterquiz"), 1):
        where = f"question {number}"
        if not isinstance(entry.value, dict):
            reader.error(
                entry.where,
                where,
                None,
                f"a question is an object ({{...}}); found {describe(entry.value)}",
            )
            continue
        question = _import_question(Fields(entry, where, reader), ids)
        if question is not None:
            questions.append(question)
    return {"questions": questions}


def _import_question(q: Fields, ids: Ids) -> dict[str, Any] | None:
    from .jupyterquiz_numeric import numeric_fields
    from .jupyterquiz_string import string_fields

    kind_value = q.text("type", required=True)
    if kind_value is None:
        return None
    peer_type = kind_value.value
    if peer_type not in TYPES:
        q.error("type", f"unknown question type {peer_type!r}; allowed: {', '.join(TYPES)}")
        return None
    q.check_keys(dict.fromkeys(QUESTION_FIELDS[peer_type], ""), "jupyterquiz")
    for key, meaning in LAYOUT.items():
        if key in q.values and key in QUESTION_FIELDS[peer_type]:
            q.note(key, f"not carried: {meaning}")
    prompt = _prompt(q)
    answers = q.objects("answers", "answer")
    if answers is None or prompt is None:
        return None
    kind = TYPES[peer_type]
    read = {"choice": _choice_fields, "numeric": numeric_fields, "text": string_fields}[kind]
    body = read(q, answers)
    if body is None or q.failed:
        return None
    question: dict[str, Any] = {"id": ids.new(q.values["question"].value or prompt, "question")}
    if kind != "choice":
        question["kind"] = kind
    if q.reader.options.section:
        question["section"] = q.reader.options.section
    question["prompt"] = prompt
    explanation = body.pop("explanation")
    question.update(body)
    question["explanation"] = explanation
    return question


def _prompt(q: Fields) -> str | None:
    """The question and its code as the prompt's Markdown (None after an error)."""
    question = q.text("question", required=True)
    code = q.text("code")
    if question is None or q.failed:
        return None
    prompt = q.reader.markdown(question, q.where, "question", links=True)
    if code is not None and code.value.strip():
        block = code_block(peer_code(code.value), q.reader.options.code_language)
        prompt = f"{prompt}\n\n{block}" if prompt else block
    if not prompt.strip():
        q.error(
            "question",
            "the question is empty (jupyterquiz then shows only the answers, "
            "with the question written around the quiz); write the question here",
        )
        return None
    return prompt


def short(text: str, limit: int = 60) -> str:
    """A peer's text in a message: its words, quoted, cut at ``limit`` characters."""
    words = plain_text(text)
    return f"'{words if len(words) <= limit else words[: limit - 1] + '…'}'"


# -- multiple_choice, many_choice -------------------------------------------------------------


def _choice_fields(q: Fields, answers: list[Fields]) -> dict[str, Any] | None:
    choices = [_choice(answer) for answer in answers]
    if q.failed:
        return None
    if len(choices) < 2:
        q.error("answers", f"a choice question needs at least two answers; found {len(choices)}")
        return None
    right = [c["text"] for c in choices if c is not None and c.get("correct")]
    if not right:
        q.error(
            "answers",
            "no answer has 'correct': true; a deck's choice question needs at "
            "least one right answer",
        )
        return None
    return {"choices": choices, "explanation": _right_answers(right)}


def _choice(a: Fields) -> dict[str, Any] | None:
    a.check_keys(_CHOICE_KEYS, "jupyterquiz")
    if "answer_cols" in a.values:
        a.note("answer_cols", f"not carried: {LAYOUT['answer_cols']}")
    correct = a.boolean("correct", required=True)
    text, code, feedback = a.text("answer"), a.text("code"), a.text("feedback")
    if a.failed or correct is None:
        return None
    parts = []
    if text is not None and text.value.strip():
        parts.append(a.reader.markdown(text, a.where, "answer", links=True, inline_only=True))
    if code is not None and code.value.strip():
        parts.append(code_spans(peer_code(code.value)))
    markdown = "\n".join(part for part in parts if part)
    if not markdown.strip():
        a.error(None, "the answer has no text: give 'answer' or 'code'")
        return None
    choice: dict[str, Any] = {"text": markdown}
    if correct.value:
        choice["correct"] = True
    why = a.reader.markdown(feedback, a.where, "feedback", links=True) if feedback else ""
    if why:
        choice["why"] = why
    return choice


def _right_answers(right: list[str]) -> str:
    if len(right) == 1 and "\n" not in right[0]:
        return f"The right answer: {right[0]}"
    items = "\n".join("- " + text.replace("\n", "\n  ") for text in right)
    heading = "The right answer:" if len(right) == 1 else "The right answers:"
    return f"{heading}\n\n{items}"
