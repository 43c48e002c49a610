"""What the views shared by several widgets show, made in Python: cards, questions, next review.

The front end's shared views (``frontend/src/card_view.js``: Flashcards and Review;
``question_view.js``: Quiz and Review) draw what these functions produce: sanitized HTML from
:mod:`recall_widgets.render` and the little data the browser needs to check an answer. Python
also decides here what a learner's answer means (:func:`graded_answer`) when it is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..deck.model import Card, Question
from ..render import render_inline, render_markdown

__all__ = [
    "RATINGS",
    "card_content",
    "chosen_indexes",
    "graded_answer",
    "next_review_text",
    "plural",
    "question_content",
]

RATINGS = ("again", "hard", "good", "easy")
"""Self-ratings after a flip, in the order of the buttons and of the keys 1-4."""


def card_content(card: Card) -> dict[str, Any]:
    """What the card view shows: the card's front and back, as sanitized HTML."""
    return {"front": render_markdown(card.front), "back": render_markdown(card.back)}


def question_content(question: Question, order: Sequence[int]) -> dict[str, Any]:
    """What the question view shows: sanitized HTML and the data the browser checks an answer
    with; ``order`` is the display order of the choices."""
    return {
        "prompt": render_markdown(question.prompt),
        "explanation": render_markdown(question.explanation),
        "choices": [render_inline(choice.text) for choice in question.choices],
        "whys": [render_markdown(c.why) if c.why else "" for c in question.choices],
        "order": list(order),
        "correct": list(question.correct_indexes),
        "multiple": question.multiple,
        "level": question.level or "",
    }


def chosen_indexes(question: Question, choice_indexes: int | Sequence[int]) -> list[int]:
    """An answer's choice indexes (YAML order), sorted; ``ValueError`` saying what is allowed."""
    chosen = [choice_indexes] if isinstance(choice_indexes, int) else list(choice_indexes)
    allowed = range(len(question.choices))
    if not chosen or any(not isinstance(i, int) or i not in allowed for i in chosen):
        raise ValueError(
            f"choice indexes of {question.id!r} must be among 0..{len(allowed) - 1}, got {chosen!r}"
        )
    if len(set(chosen)) > 1 and not question.multiple:
        raise ValueError(f"question {question.id!r} takes exactly one choice, got {chosen!r}")
    return sorted(set(chosen))


def graded_answer(question: Question, choice_indexes: int | Sequence[int]) -> dict[str, Any]:
    """An ``answer`` event's value: ``{"choices": [...], "correct": bool}`` (YAML order)."""
    chosen = chosen_indexes(question, choice_indexes)
    return {"choices": chosen, "correct": tuple(chosen) == question.correct_indexes}


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
