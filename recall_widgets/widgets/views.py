"""What the views shared by several widgets show, made in Python: cards, questions, next review.

The front end's shared views (``frontend/src/card_view.js``: Flashcards and Review;
``question_view.js``: Quiz and Review) draw what these functions produce: sanitized HTML from
:mod:`recall_widgets.render` and the little data the browser needs to check an answer for its
instant feedback (``question_view.js``: ``gradeAnswer``). What an answer means when it is
recorded is Python's decision, :func:`recall_widgets.progress.events.decide`
(:func:`graded_answer` for choice indexes); a test runs both checks on the same answers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from ..deck.model import Card, Exercise, Question
from ..i18n.catalog import Translator, translator
from ..progress.events import decide
from ..render import render_inline, render_markdown

__all__ = [
    "card_content",
    "display_count",
    "graded_answer",
    "next_review_text",
    "plural",
    "question_content",
    "shuffled_lines",
]


def _markdown(text: str, base: str | None) -> str:
    """``render_markdown(text)``, with ``base`` only when there is one."""
    return render_markdown(text) if base is None else render_markdown(text, base)


def _inline(text: str, base: str | None) -> str:
    """``render_inline(text)``, with ``base`` only when there is one."""
    return render_inline(text) if base is None else render_inline(text, base)


def card_content(card: Card, base: str | None = None) -> dict[str, Any]:
    """What the card view shows: the card's front and back, as sanitized HTML (relative
    images read from the folder ``base`` and inlined, when given)."""
    return {"front": _markdown(card.front, base), "back": _markdown(card.back, base)}


def question_content(
    question: Question, order: Sequence[int], base: str | None = None
) -> dict[str, Any]:
    """What the question view shows: sanitized HTML and the data the browser checks an answer
    with (``kind`` says which); ``order`` is the display order of the choices (or of an order
    question's lines and distractors); relative images are read from the folder ``base`` and
    inlined, when given."""
    content: dict[str, Any] = {
        "kind": question.kind,
        "prompt": _markdown(question.prompt, base),
        "explanation": _markdown(question.explanation, base),
        "level": question.level or "",
    }
    content.update(_KIND_CONTENT[question.kind](question, order, base))
    return content


def _choice(question: Question, order: Sequence[int], base: str | None) -> dict[str, Any]:
    return {
        "choices": [_inline(choice.text, base) for choice in question.choices],
        "whys": [_markdown(c.why, base) if c.why else "" for c in question.choices],
        "order": list(order),
        "correct": list(question.correct_indexes),
        "multiple": question.multiple,
    }


def _feedback(question: Question, base: str | None) -> dict[str, Any]:
    return {
        "feedback": [
            {"answer": entry.answer, "why": _markdown(entry.why, base)}
            for entry in question.feedback
        ],
        "default_feedback": _markdown(question.default_feedback, base)
        if question.default_feedback
        else "",
    }


def _numeric(question: Question, _order: Sequence[int], base: str | None) -> dict[str, Any]:
    return {
        "answer": question.answer,
        "tolerance": question.tolerance,
        "range": list(question.range) if question.range is not None else None,
        "precision": question.precision,
        **_feedback(question, base),
    }


def _text(question: Question, _order: Sequence[int], base: str | None) -> dict[str, Any]:
    return {
        "answers": list(question.answers),
        "match_case": question.match_case,
        "pattern": question.pattern,
        "fuzzy": question.fuzzy,
        **_feedback(question, base),
    }


def _order(question: Question, order: Sequence[int], _base: str | None) -> dict[str, Any]:
    return {
        "lines": [*question.lines, *question.distractors],  # plain text, shown as text
        "count": len(question.lines),
        "order": list(order),
    }


def _predict(question: Question, _order: Sequence[int], _base: str | None) -> dict[str, Any]:
    code = question.code or ""
    fence = "`" * max(3, _longest_run(code, "`") + 1)
    return {
        "code": render_markdown(f"{fence}python\n{code.rstrip()}\n{fence}"),
        "output": question.output or "",
    }


def _longest_run(text: str, char: str) -> int:
    longest = current = 0
    for c in text:
        current = current + 1 if c == char else 0
        longest = max(longest, current)
    return longest


_KIND_CONTENT = {
    "choice": _choice,
    "numeric": _numeric,
    "text": _text,
    "order": _order,
    "predict": _predict,
}


def display_count(question: Question) -> int:
    """How many entries a question's display order shuffles: its choices, or an order
    question's lines and distractors (0 for the other kinds)."""
    if question.kind == "order":
        return len(question.lines) + len(question.distractors)
    return len(question.choices)


def shuffled_lines(question: Question, seed: object) -> list[int]:
    """An order question's lines and distractors in the order they are shown: shuffled
    (seeded by ``seed`` and the question's id), never already in the right order."""
    order = list(range(display_count(question)))
    random.Random(f"{seed}:{question.id}").shuffle(order)
    count = len(question.lines)
    if order[:count] == list(range(count)):
        order = order[1:] + order[:1]
    return order


def graded_answer(question: Question, answer: object) -> dict[str, Any]:
    """An ``answer`` event's value for what the learner gave, as Python decides it
    (:func:`~recall_widgets.progress.events.decide`): choice indexes in YAML order (one, or a
    sequence) for a choice question, a number for a numeric one, text for a text or predict
    one, line indexes (lines then distractors) in the learner's order for an order one; the
    value has ``correct``. ``ValueError`` saying what is allowed."""
    given: dict[str, Any]
    if question.kind == "choice":
        indexes = [answer] if isinstance(answer, int) else answer
        given = {"choices": list(indexes) if isinstance(indexes, Sequence) else indexes}
    elif question.kind == "numeric":
        given = {"value": answer}
    elif question.kind == "order":
        given = {"order": list(answer) if isinstance(answer, Sequence) else answer}
    else:
        given = {"text": answer}
    value: dict[str, Any] = decide(question, "answer", given)
    return value


def plural(n: int, noun: str) -> str:
    """``1 item``, ``2 items``."""
    return f"{n} {noun}{'s' * (n != 1)}"


ENGLISH = translator("")
"""The texts in English, the msgids' language (what a function is given when no language is)."""


def next_review_text(
    due: int, next_due: dt.datetime | None, at: dt.datetime, tr: Translator = ENGLISH
) -> str:
    """When the next review is, as one sentence (the Dashboard's and Review's), in ``tr``'s
    language.

    ``due``: items due at ``at``; ``next_due``: the store's earliest review time, or None.
    """
    if due:
        return tr.nt("Next review: now ({n} item due).", "Next review: now ({n} items due).", due)
    if next_due is None:
        return tr.t("Next review: none yet. Rate a card or answer a question to start.")
    when = next_due.strftime("%Y-%m-%d %H:%M UTC")
    minutes = max(1, round((next_due - at).total_seconds() / 60))
    hours = round(minutes / 60)
    if minutes < 60:
        return tr.nt(
            "Next review: in {n} minute ({when}).",
            "Next review: in {n} minutes ({when}).",
            minutes,
            when=when,
        )
    if hours < 48:
        return tr.nt(
            "Next review: in {n} hour ({when}).",
            "Next review: in {n} hours ({when}).",
            hours,
            when=when,
        )
    return tr.nt(
        "Next review: in {n} day ({when}).",
        "Next review: in {n} days ({when}).",
        round(hours / 24),
        when=when,
    )


def exercise_content(
    exercise: Exercise, base: str | None = None, tr: Translator = ENGLISH
) -> dict[str, Any]:
    """An exercise as Review shows it when it is due again: its title and task (sanitized
    HTML), and where to redo it (its section), in ``tr``'s language: the check runs where the
    learner's code is."""
    if exercise.section:
        where = tr.t(
            "Redo it in its lesson (section {section}): write the code in its cell, run it, "
            "press Check.",
            section=exercise.section,
        )
    else:
        where = tr.t("Redo it in its lesson: write the code in its cell, run it, press Check.")
    return {
        "title": render_inline(exercise.title, base),
        "task": render_markdown(exercise.task, base),
        "where": where,
    }
