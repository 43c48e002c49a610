"""Exercises in Review: one due again comes back with its task and where to redo it (the check
runs where the learner's code is); a new one is met in its lesson, not in Review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recall_widgets import Dashboard, Deck, Review
from recall_widgets.progress.store import ProgressStore

NOW = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)  # the root conftest's RECALL_NOW


def make_deck() -> Deck:
    return Deck.model_validate(
        {
            "deck": "d",
            "title": "Deck",
            "cards": [{"id": "c0", "front": "F", "back": "B", "section": "s1"}],
            "exercises": [
                {
                    "id": f"e{n}",
                    "section": "s1",
                    "title": f"Exercise *{n}*",
                    "task": f"Define `x{n}`.",
                    "solution": f"x{n} = 1",
                    "check": "some.course:checks",
                }
                for n in range(2)
            ],
        }
    )


def failed_check(store: ProgressStore, item: str) -> None:
    value = {"passed": False, "failed": ["x is 1"], "total": 1}
    event = {"deck": "d", "item": item, "kind": "check", "value": value, "seq": 1}
    assert store.record({**event, "time": "2025-01-06T09:00:00Z"})


def test_a_failed_exercise_comes_back_due_with_its_task_and_where_to_redo_it(
    progress_path: Path,
) -> None:
    failed_check(ProgressStore(progress_path), "e1")
    review = Review(make_deck(), now=NOW + dt.timedelta(minutes=2))
    assert review.queue == ["d/e1", "d/c0"]  # due first; e0, new, is not in Review
    entry = review.entries[0]
    assert (entry["kind"], entry["stage"], entry["source"]) == ("exercise", "due", "Deck · s1")
    content = review.content["d/e1"]
    assert content["title"] == "Exercise <em>1</em>"
    assert "<code>x1</code>" in content["task"]
    assert content["where"] == (
        "Redo it in its lesson (section s1): write the code in its cell, run it, press Check."
    )
    with pytest.raises(ValueError, match="d/e1 is an exercise: check it in its lesson"):
        review.flip()
    review.next()
    assert review.current == "d/c0"


def test_the_dashboard_counts_exercises_by_stage(progress_path: Path) -> None:
    failed_check(ProgressStore(progress_path), "e0")
    dashboard = Dashboard(make_deck())
    assert repr(dashboard) == "Dashboard(decks=1, items=3, new=2, learning=1, due=0, mastered=0)"
