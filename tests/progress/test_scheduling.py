"""Scheduling: the fixed clock, stable card ids, FSRS steps, first attempts, arrival order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sample_events import NOW, answer, ev, stamp

from recall_widgets.progress import scheduling
from recall_widgets.progress.store import ProgressStore


def test_the_clock_is_fixed_by_recall_now(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scheduling.now() == NOW
    monkeypatch.setenv("RECALL_NOW", "2030-02-03T04:05:06+01:00")
    assert scheduling.now() == dt.datetime(2030, 2, 3, 3, 5, 6, tzinfo=dt.UTC)
    monkeypatch.setenv("RECALL_NOW", "next tuesday")
    with pytest.raises(ValueError, match="RECALL_NOW"):
        scheduling.now()


def test_card_ids_are_stable_63_bit_and_distinct() -> None:
    assert scheduling.card_id("d", "c1") == scheduling.card_id("d", "c1")
    assert scheduling.card_id("d", "c1") != scheduling.card_id("d", "c2")
    assert scheduling.card_id("d1", "c") != scheduling.card_id("d", "1c")
    assert 0 <= scheduling.card_id("d", "c1") < 2**63
    assert scheduling.card_id("d", "c1") == 5251755720277949520  # never changes across versions


def test_good_comes_due_later_than_again() -> None:
    store = ProgressStore()
    store.record(ev("again", "rate", "again", 1, stamp(-60)))
    store.record(ev("good", "rate", "good", 2, stamp(-60)))
    store.record(ev("easy", "rate", "easy", 3, stamp(-60)))
    again, good, easy = (store.status("d", i) for i in ("again", "good", "easy"))
    assert again.due == NOW - dt.timedelta(minutes=59)  # first learning step: 1 minute
    assert good.due == NOW - dt.timedelta(minutes=50)  # second learning step: 10 minutes
    assert easy.due - NOW > dt.timedelta(days=1)  # graduates at once
    assert again.due < good.due < easy.due
    assert (again.lapses, good.lapses, again.last_rating) == (1, 0, "again")


def test_schedules_are_reproducible_and_independent_of_arrival_order(tmp_path: Path) -> None:
    events = [
        ev("c1", "rate", "good", 1, stamp(days=-10)),
        ev("c1", "rate", "good", 2, stamp(days=-9.99)),
        ev("c1", "rate", "hard", 3, stamp(days=-3)),
        ev("c1", "rate", "again", 4, stamp(days=-1)),
        ev("c1", "rate", "good", 5, stamp(days=-0.9)),
    ]
    in_order, shuffled = ProgressStore(tmp_path / "a"), ProgressStore(tmp_path / "b")
    for event in events:
        in_order.record(event)
    for event in [events[3], events[0], events[4], events[2], events[1]]:
        shuffled.record(event)
    assert in_order.status("d", "c1") == shuffled.status("d", "c1")
    assert in_order.status("d", "c1").reviews == 5


def test_only_first_attempts_schedule_quiz_answers() -> None:
    store = ProgressStore()
    store.record(answer("q1", False, 1, stamp(-30)))
    store.record(ev("q1", "retry", None, 2, stamp(-29)))
    store.record(answer("q1", True, 3, stamp(-28)))  # after "Try again": practice
    first = store.status("d", "q1")
    assert (first.reviews, first.lapses, first.last_rating) == (1, 1, "again")
    store.record(answer("q1", True, 1, stamp(-5)))  # a later session, no retry: counts
    assert (store.status("d", "q1").reviews, store.status("d", "q1").last_rating) == (2, "good")
    store.record(ev("q2", "answer", {"choices": [0], "correct": True}, 4, stamp(-1)))
    assert store.status("d", "q2").last_rating == "good"
    for kind, value in (("flip", None), ("hint", None), ("recall_text", "x"),
                        ("concepts", {"checked": [0], "total": 2})):  # fmt: skip
        store.record(ev("p1", kind, value, 9, stamp()))
    assert store.status("d", "p1").stage == "new"
