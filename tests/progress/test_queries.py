"""The read model: the review queue (decks interleaved), stages, summaries, the weakest."""

from __future__ import annotations

import datetime as dt

from sample_events import NOW, answer, ev, make_deck, stamp

from recall_widgets.progress.store import ProgressStore


def test_review_queue_order_interleaves_decks() -> None:
    store = ProgressStore()
    # Deck a: three items; deck b: two; all rated Again (due one minute later) at these times.
    for seq, (deck, item, minutes) in enumerate(
        [("a", "a1", -50), ("a", "a2", -40), ("a", "a3", -30), ("b", "b1", -45), ("b", "b2", -20),
         ("a", "later", -0.5)],  # due 30 s from now: not in the queue
        1,
    ):  # fmt: skip
        store.record(ev(item, "rate", "again", seq, stamp(minutes), deck))
    queue = [f"{d.deck}/{d.item}" for d in store.due()]
    assert queue == ["a/a1", "b/b1", "a/a2", "b/b2", "a/a3"]
    assert all(d.state == "learning" and d.due <= NOW for d in store.due())
    assert [d.item for d in store.due(decks=["b"])] == ["b1", "b2"]
    assert [d.item for d in store.due(now=NOW - dt.timedelta(minutes=42))] == ["a1", "b1"]
    assert store.next_due(decks=["a"]) == NOW - dt.timedelta(minutes=49)
    assert store.due(now=NOW - dt.timedelta(hours=1)) == []


def test_due_with_deck_objects_skips_items_no_longer_in_the_deck() -> None:
    store = ProgressStore()
    store.record(ev("c1", "rate", "again", 1, stamp(-10)))
    store.record(ev("removed", "rate", "again", 2, stamp(-10)))
    assert [d.item for d in store.due()] == ["c1", "removed"]
    assert [d.item for d in store.due(decks=[make_deck()])] == ["c1"]


def test_stages_summary_and_weakest() -> None:
    store = ProgressStore()
    store.record(ev("c1", "rate", "again", 1, stamp(-30)))  # due (1-minute step passed)
    store.record(ev("c2", "rate", "good", 2, stamp(-5)))  # learning (due in 5 minutes)
    for seq, days in enumerate((-200, -199.99, -199.98, -190, -160, -100), 3):
        store.record(ev("c3", "rate", "good", seq, stamp(days=days)))  # mastered
    store.record(answer("q1", False, 20, stamp(-0.5)))  # learning (due in 30 s), a lapse
    deck = make_deck()
    c3 = store.status("d", "c3")
    assert c3.state == "review" and (c3.stability or 0) >= 21 and c3.due > NOW, c3
    assert store.stages([deck]) == {
        ("d", "c1"): "due", ("d", "c2"): "learning", ("d", "c3"): "mastered",
        ("d", "q1"): "learning",
    }  # fmt: skip
    rows = [
        (r.deck, r.section, r.level, r.new, r.learning, r.due, r.mastered)
        for r in store.summary([deck])
    ]
    assert rows == [
        ("d", "s1", "beginner", 0, 1, 1, 0),
        ("d", "s1", None, 0, 1, 0, 0),
        ("d", "s2", "advanced", 0, 0, 0, 1),
    ]
    assert store.stages([deck], now=c3.due)[("d", "c3")] == "due"
    assert ProgressStore(store.path.with_name("empty")).summary([deck])[0].new == 2
    assert [s.item for s in store.weakest(2)] == ["c1", "q1"]
    assert [(r.deck, r.learning, r.due, r.mastered) for r in store.summary()] == [("d", 2, 1, 1)]
