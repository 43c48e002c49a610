"""Events about an exercise: a check's value decided for its shape, hints, the solution, FSRS."""

from __future__ import annotations

from typing import Any

import pytest
from fsrs import Rating

from recall_widgets.deck.model import Deck, Exercise
from recall_widgets.progress.events import DeckItems, check_event, decide
from recall_widgets.progress.scheduling import attempt_of, rating_of
from recall_widgets.progress.store import ProgressStore

EXERCISE = Exercise(
    id="cart", title="Cart", task="Define `app`.", solution="app = 1", check="m.n:check"
)
DECK = Deck(id="d", title="D", exercises=(EXERCISE,))


def test_a_check_is_decided_for_its_shape_and_passed_follows_failed() -> None:
    value = {"passed": False, "failed": ["items persist"], "total": 3, "extra": 1}
    assert decide(EXERCISE, "check", value) == {
        "passed": False,
        "failed": ["items persist"],
        "total": 3,
    }
    assert decide(EXERCISE, "check", {"passed": True, "failed": [], "total": 3})["passed"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"passed": True, "failed": ["a"], "total": 2}, "passed is true exactly when none"),
        ({"passed": False, "failed": [], "total": 2}, "passed is true exactly when none"),
        ({"passed": False, "failed": ["a", "b", "c"], "total": 2}, "got total 2"),
        ({"passed": True, "failed": [], "total": 0}, "at least 1"),
        ({"passed": False, "failed": ["a", "a"], "total": 2}, "names a failed sub-check twice"),
        ({"passed": False, "failed": [3], "total": 2}, "must list the failed sub-checks' names"),
        ({"passed": False, "failed": "a", "total": 2}, "must list the failed sub-checks' names"),
        (True, r"must be \{passed, failed, total\}"),
    ],
)
def test_a_check_that_contradicts_itself_is_refused(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide(EXERCISE, "check", value)


def test_hint_is_about_a_prompt_or_an_exercise_and_solution_only_an_exercise() -> None:
    assert decide(EXERCISE, "hint", True) is True
    assert decide(EXERCISE, "solution", True) is True
    with pytest.raises(ValueError, match="a 'solution' event's value must be true"):
        decide(EXERCISE, "solution", False)
    with pytest.raises(ValueError, match="a 'rate' event is about a card; 'cart' is an exercise"):
        decide(EXERCISE, "rate", "good")


def test_a_stored_check_is_redecided_from_the_deck() -> None:
    event = {
        "deck": "d",
        "item": "cart",
        "kind": "check",
        "value": {"passed": True, "failed": [], "total": 1},
        "seq": 1,
        "time": "2025-01-06T09:00:00Z",
    }
    assert check_event(event, items=DeckItems([DECK])).value == (
        '{"failed":[],"passed":true,"total":1}'
    )
    with pytest.raises(ValueError, match="must have 'passed'"):
        check_event({**event, "value": {"failed": []}}, items=DeckItems([]))


def test_only_the_check_that_starts_an_attempt_schedules() -> None:
    failed = {"passed": False, "failed": ["a"], "total": 2}
    passed = {"passed": True, "failed": [], "total": 2}
    assert rating_of("check", failed, None) == Rating.Again
    assert rating_of("check", passed, None) == Rating.Good
    assert rating_of("check", passed, attempt_of("check", failed)) is None  # fixing it
    assert rating_of("check", failed, attempt_of("check", passed)) == Rating.Again  # came back
    assert rating_of("check", passed, attempt_of("solution", True)) is None  # copied it
    assert rating_of("solution", True, None) is None


def test_the_store_schedules_a_failed_attempt_as_again_then_its_fix_as_practice(
    tmp_path: Any,
) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    failed = {"passed": False, "failed": ["a"], "total": 2}
    passed = {"passed": True, "failed": [], "total": 2}
    history = [(failed, "09:00"), (failed, "09:01"), (passed, "09:02"), (passed, "10:00")]
    for seq, (value, when) in enumerate(history, start=1):
        event = {"deck": "d", "item": "cart", "kind": "check", "value": value, "seq": seq}
        assert store.record({**event, "time": f"2025-01-06T{when}:00Z"})
        status = store.status("d", "cart")
        # the first check is Again; the fixes in the same attempt are practice; a check after
        # the pass starts a new attempt, and its pass is Good
        assert (status.reviews, status.lapses) == [(1, 1), (1, 1), (1, 1), (2, 1)][seq - 1]
    assert status.last_rating == "good"
