"""Events and a deck for the progress tests, timed around the fixed clock (``RECALL_NOW``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from recall_widgets.deck.model import Card, Choice, Deck, Question
from recall_widgets.progress import scheduling
from recall_widgets.progress.store import ProgressStore

NOW = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)  # tests/conftest.py's RECALL_NOW


def stamp(minutes: float = 0, days: float = 0) -> str:
    """An event time relative to NOW."""
    return scheduling.format_time(NOW + dt.timedelta(minutes=minutes, days=days))


def ev(item: str, kind: str, value: Any, seq: int, time: str, deck: str = "d") -> dict[str, Any]:
    return {"deck": deck, "item": item, "kind": kind, "value": value, "seq": seq, "time": time}


def answer(item: str, correct: bool, seq: int, time: str, deck: str = "d") -> dict[str, Any]:
    return ev(
        item, "answer", {"choices": [0 if correct else 1], "correct": correct}, seq, time, deck
    )


def make_deck(deck_id: str = "d") -> Deck:
    q = Choice(text="yes", correct=True), Choice(text="no")
    cards = (
        Card(id="c1", front="f", back="b", section="s1", level="beginner"),
        Card(id="c2", front="f", back="b", section="s1", level="beginner"),
        Card(id="c3", front="f", back="b", section="s2", level="advanced"),
    )
    questions = (Question(id="q1", prompt="p", choices=q, explanation="e", section="s1"),)
    # The deck's id is `Deck.id`, written `deck:` as in a YAML file.
    return Deck.model_validate(
        {"deck": deck_id, "title": "D", "cards": cards, "questions": questions}
    )


def filled_store(path: Path, learner: int = 0) -> ProgressStore:
    """A store with eight events of every kind (``learner`` varies the answers)."""
    store = ProgressStore(path)
    store.record(ev("c1", "flip", None, 1, stamp(-60)))
    store.record(ev("c1", "rate", "hard", 2, stamp(-59)))
    store.record(answer("q1", learner % 2 == 0, 3, stamp(-58)))
    store.record(ev("q1", "retry", None, 4, stamp(-57)))
    store.record(answer("q1", True, 5, stamp(-56)))
    store.record(ev("p1", "recall_text", "Sessions are signed — “ünïcode”", 6, stamp(-55)))
    store.record(ev("p1", "concepts", {"checked": [0, 2], "total": 3}, 7, stamp(-54)))
    store.record(answer("q2", learner == 2, 8, stamp(-53), deck="e"))
    return store
