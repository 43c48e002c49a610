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
from collections.abc import Sequence
from typing import Any

from ..deck.model import Card, Exercise, Question
from ..progress.events import decide
from ..render import render_inline, render_markdown

__all__ = [
    "card_content",
    "graded_answer",
    "next_review_text",
    "plural",
    "question_content",
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
    with; ``order`` is the display order of the choices; relative images are read from the
    folder ``base`` and inlined, when given."""
    return {
        "prompt": _markdown(question.prompt, base),
        "explanation": _markdown(question.explanation, base),
        "choices": [_inline(choice.text, base) for choice in question.choices],
        "whys": [_markdown(c.why, base) if c.why else "" for c in question.choices],
        "order": list(order),
        "correct": list(question.correct_indexes),
        "multiple": question.multiple,
        "level": question.level or "",
    }


def graded_answer(question: Question, choice_indexes: int | Sequence[int]) -> dict[str, Any]:
    """An ``answer`` event's value for these choice indexes (YAML order), as Python decides it
    (:func:`~recall_widgets.progress.events.decide`): ``{"choices": [...], "correct": bool}``;
    ``ValueError`` saying what is allowed."""
    chosen = [choice_indexes] if isinstance(choice_indexes, int) else list(choice_indexes)
    value: dict[str, Any] = decide(question, "answer", {"choices": chosen})
    return value


def plural(n: int, noun: str) -> str:
    """``1 item``, ``2 items``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _in(delta: dt.timedelta) -> str:
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 60:
        return plural(minutes, "minute")
    hours = round(minutes / 60)
    if hours < 48:
        return plural(hours, "hour")
    return f"{round(hours / 24)} days"


def next_review_text(due: int, next_due: dt.datetime | None, at: dt.datetime) -> str:
    """When the next review is, as one sentence (the Dashboard's and Review's).

    ``due``: items due at ``at``; ``next_due``: the store's earliest review time, or None.
    """
    if due:
        return f"Next review: now ({plural(due, 'item')} due)."
    if next_due is None:
        return "Next review: none yet. Rate a card or answer a question to start."
    when = next_due.strftime("%Y-%m-%d %H:%M UTC")
    return f"Next review: in {_in(next_due - at)} ({when})."


def exercise_content(exercise: Exercise, base: str | None = None) -> dict[str, Any]:
    """An exercise as Review shows it when it is due again: its title and task (sanitized
    HTML), and where to redo it (its section): the check runs where the learner's code is."""
    where = f" (section {exercise.section})" if exercise.section else ""
    return {
        "title": render_inline(exercise.title, base),
        "task": render_markdown(exercise.task, base),
        "where": f"Redo it in its lesson{where}: write the code in its cell, run it, press Check.",
    }
