"""The progress store: scheduling, the review queue, export and import, failures (fixed clock)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.deck.model import Card, Choice, Deck, Question
from recall_widgets.progress import scheduling
from recall_widgets.progress import store as progress
from recall_widgets.progress.store import ProgressError, ProgressFileError, ProgressStore
from recall_widgets.progress.transfer import room_summary

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
    return Deck(
        deck=deck_id,
        title="D",
        cards=(
            Card(id="c1", front="f", back="b", section="s1", level="beginner"),
            Card(id="c2", front="f", back="b", section="s1", level="beginner"),
            Card(id="c3", front="f", back="b", section="s2", level="advanced"),
        ),
        questions=(Question(id="q1", prompt="p", choices=q, explanation="e", section="s1"),),
    )


# -- where and when ---------------------------------------------------------------------------


def test_constructing_and_querying_create_no_file(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "sub" / "p.sqlite3")
    assert store.due() == [] and store.events() == [] and store.next_due() is None
    assert store.status("d", "c1").stage == "new"
    assert store.summary() == [] and store.weakest() == [] and store.event_count() == 0
    assert not (tmp_path / "sub").exists()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert (tmp_path / "sub" / "p.sqlite3").is_file()


def test_recall_progress_is_honoured(progress_path: Path) -> None:
    store = ProgressStore()
    assert store.path == progress_path
    assert store.record(ev("c1", "flip", None, 1, stamp()))
    assert ProgressStore(progress_path).event_count() == 1


def test_default_path_is_a_per_user_data_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RECALL_PROGRESS")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert progress.default_path() == tmp_path / "data" / "recall-widgets" / "progress.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "recall-widgets" / "progress.sqlite3"
    assert progress.default_path() == expected
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "Library/Application Support/recall-widgets" in progress.default_path().as_posix()


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


# -- scheduling -------------------------------------------------------------------------------


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


def test_resent_events_are_stored_once() -> None:
    store = ProgressStore()
    event = ev("c1", "rate", "good", 1, stamp(-5))
    assert store.record(event) and store.record(dict(event)) and store.record(event)
    assert store.event_count() == 1
    assert store.status("d", "c1").reviews == 1


def test_malformed_events_are_a_value_error() -> None:
    store = ProgressStore()
    with pytest.raises(ValueError, match="one of again, hard, good, easy"):
        store.record(ev("c1", "rate", "great", 1, stamp()))
    with pytest.raises(ValueError, match="'correct'"):
        store.record(ev("q1", "answer", {"choices": [1]}, 1, stamp()))
    with pytest.raises(ValueError, match="field 'time'"):
        store.record(ev("c1", "flip", None, 1, "yesterday"))
    with pytest.raises(ValueError, match="missing field 'seq'"):
        store.record({"deck": "d", "item": "c1", "kind": "flip", "value": None, "time": stamp()})
    assert not store.path.exists()


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


# -- export and import ------------------------------------------------------------------------


def filled_store(path: Path, learner: int = 0) -> ProgressStore:
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


def test_export_import_export_is_lossless(tmp_path: Path) -> None:
    first = filled_store(tmp_path / "first.sqlite3")
    first.export_file(tmp_path / "one.json")
    second = ProgressStore(tmp_path / "second.sqlite3")
    result = second.import_file(tmp_path / "one.json")
    assert (result.added, result.duplicates) == (8, 0)
    second.export_file(tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert second.events() == first.events()
    for deck, item in (("d", "c1"), ("d", "q1"), ("e", "q2")):
        assert second.status(deck, item) == first.status(deck, item)
    assert json.loads((tmp_path / "one.json").read_text("utf-8"))["events"][5]["value"] == (
        "Sessions are signed — “ünïcode”"
    )


def test_import_merges_without_duplicates(tmp_path: Path) -> None:
    filled_store(tmp_path / "a.sqlite3").export_file(tmp_path / "a.json")
    store = ProgressStore()
    store.record(ev("c1", "rate", "hard", 2, stamp(-59)))  # already in the file
    store.record(ev("c9", "rate", "good", 1, stamp(-1)))  # not in it
    result = store.import_file(tmp_path / "a.json")
    assert (result.added, result.duplicates) == (7, 1)
    assert store.import_file(tmp_path / "a.json") == progress.ImportResult(0, 8)
    assert store.event_count() == 9
    assert store.status("d", "c1").reviews == 1 and store.status("d", "c9").reviews == 1


BAD_FILES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda good: good[: len(good) // 2],
    "corrupted": lambda good: b"\x00\xff" + good[2:],
    "foreign": lambda good: b'{"cells": [], "nbformat": 4}',
    "a list": lambda good: b"[1, 2]",
    "newer": lambda good: good.replace(b'"version": 1', b'"version": 2'),
    "bad event": lambda good: good.replace(b'"hard"', b'"superb"'),
    "unknown field": lambda good: good.replace(b'"seq": 8', b'"seq": 8, "who": "x"'),
    "no events": lambda good: b'{"format": "recall-widgets-progress", "version": 1}',
}
BAD_MESSAGES = {
    "truncated": "not valid JSON (truncated or corrupted?)",
    "corrupted": "not UTF-8 text",
    "foreign": "not a recall-widgets progress export",
    "a list": "not a recall-widgets progress export",
    "newer": "written by a newer recall-widgets (format version 2",
    "bad event": "event #2: a rate event's value must be one of",
    "unknown field": "event #8: unknown field 'who'",
    "no events": '"events" must be a list',
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_import_changes_nothing(kind: str, tmp_path: Path) -> None:
    filled_store(tmp_path / "other.sqlite3").export_file(tmp_path / "good.json")
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(BAD_FILES[kind]((tmp_path / "good.json").read_bytes()))
    store = ProgressStore()
    store.record(ev("c9", "rate", "good", 1, stamp(-1)))
    before = store.export_text(), store.status("d", "c9")
    with pytest.raises(ProgressFileError) as raised:
        store.import_file(bad)
    message = str(raised.value)
    assert message.startswith(f"{bad}: ") and BAD_MESSAGES[kind] in message, message
    assert message.endswith("nothing was imported") and "\n" not in message
    assert (store.export_text(), store.status("d", "c9")) == before


def test_an_import_failing_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_store(tmp_path / "other.sqlite3").export_file(tmp_path / "good.json")
    store = ProgressStore()
    store.record(ev("c9", "rate", "good", 1, stamp(-1)))
    before = store.export_text()

    def fail(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ProgressStore, "_rebuild", fail)  # after every event was inserted
    with pytest.raises(ProgressError, match="database or disk is full"):
        store.import_file(tmp_path / "good.json")
    monkeypatch.undo()
    monkeypatch.setenv("RECALL_NOW", "2025-01-06T09:00:00Z")
    assert store.export_text() == before


def test_room_summary_over_three_exports(tmp_path: Path) -> None:
    paths = []
    for learner in range(3):
        paths.append(tmp_path / f"learner{learner}.json")
        filled_store(tmp_path / f"{learner}.sqlite3", learner).export_file(paths[-1])
    # q1: learners 0 and 2 right first time (1 wrong, then right after a retry: still missed)
    # q2 (deck e): only learner 2 right. c1 is a flashcard, not a question.
    stats = [
        (s.deck, s.item, s.answered, s.right_first_time, s.missed) for s in room_summary(paths)
    ]
    assert stats == [("e", "q2", 3, 1, 2), ("d", "q1", 3, 2, 1)]
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ProgressFileError, match=r"bad\.json: not a recall-widgets progress export"):
        room_summary([*paths, tmp_path / "bad.json"])


# -- the database -----------------------------------------------------------------------------


def journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])


def test_wal_where_the_file_system_supports_it(progress_path: Path) -> None:
    store = ProgressStore()
    assert store.journal_mode is None
    store.record(ev("c1", "rate", "good", 1, stamp()))
    assert store.journal_mode == "wal" and journal_mode(progress_path) == "wal"
    with sqlite3.connect(progress_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == progress.SCHEMA_VERSION


class _WalRaises(sqlite3.Connection):
    """A file system where WAL fails loudly (e.g. NFS: 'disk I/O error' or 'locking protocol')."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "journal_mode=WAL" in sql:
            raise sqlite3.OperationalError("disk I/O error")
        return super().execute(sql, *args)


class _WalIgnored(sqlite3.Connection):
    """A file system where the WAL pragma quietly answers another mode."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "journal_mode=WAL" in sql:
            return super().execute("PRAGMA journal_mode")
        return super().execute(sql, *args)


@pytest.mark.parametrize("factory", [_WalRaises, _WalIgnored])
def test_rollback_journal_where_wal_fails(
    factory: type[sqlite3.Connection], progress_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ProgressStore, "_connection_factory", factory)
    store = ProgressStore()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert store.journal_mode == "delete" and journal_mode(progress_path) == "delete"
    assert store.status("d", "c1").reviews == 1


class _WalBusyTwice(sqlite3.Connection):
    """Another kernel holds the file for a moment: the WAL switch answers "locked" twice."""

    attempts = 0

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "journal_mode=WAL" in sql:
            type(self).attempts += 1
            if type(self).attempts <= 2:
                raise sqlite3.OperationalError("database is locked")
        return super().execute(sql, *args)


def test_a_busy_file_is_waited_for_not_taken_for_a_file_system_without_wal(
    progress_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ProgressStore, "_connection_factory", _WalBusyTwice)
    store = ProgressStore()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert _WalBusyTwice.attempts == 3
    assert store.journal_mode == "wal" and journal_mode(progress_path) == "wal"


def test_a_file_already_in_wal_mode_is_left_in_it(progress_path: Path) -> None:
    ProgressStore().record(ev("c1", "rate", "good", 1, stamp()))
    again = ProgressStore()  # a second kernel opening the same file
    assert again.record(ev("c2", "rate", "good", 2, stamp()))
    assert again.journal_mode == "wal" and journal_mode(progress_path) == "wal"


def test_an_unwritable_store_returns_false_and_says_why_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("a file where a folder should be", encoding="utf-8")
    store = ProgressStore(tmp_path / "home" / "progress.sqlite3")
    assert store.record(ev("c1", "rate", "good", 1, stamp())) is False
    assert store.error is not None and "\n" not in store.error
    assert store.error.startswith("progress is not being saved: cannot save progress in ")


def test_a_full_disk_returns_false(monkeypatch: pytest.MonkeyPatch) -> None:
    class Full(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, *args)

    store = ProgressStore()
    store.record(ev("c1", "rate", "good", 1, stamp(-2)))
    store.close()
    monkeypatch.setattr(ProgressStore, "_connection_factory", Full)
    assert store.record(ev("c1", "rate", "again", 2, stamp(-1))) is False
    assert store.error is not None and store.error.endswith("database or disk is full")
    monkeypatch.undo()
    monkeypatch.setenv("RECALL_NOW", "2025-01-06T09:00:00Z")
    assert store.record(ev("c2", "rate", "good", 3, stamp())) and store.error is None
    assert store.event_count() == 2 and store.status("d", "c1").reviews == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_returns_false(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir(mode=0o500)
    store = ProgressStore(tmp_path / "ro" / "progress.sqlite3")
    assert store.record(ev("c1", "rate", "good", 1, stamp())) is False
    assert store.error is not None


def test_foreign_corrupt_and_newer_databases_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text)")
    store = ProgressStore(foreign)
    assert store.record(ev("c1", "flip", None, 1, stamp())) is False
    assert store.error is not None and "not a recall-widgets progress store" in store.error
    with pytest.raises(ProgressError, match="not a recall-widgets progress store"):
        store.due()

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not SQLite at all" * 100)
    store = ProgressStore(garbage)
    assert store.record(ev("c1", "flip", None, 1, stamp())) is False
    assert store.error is not None and "file is not a database" in store.error

    newer = tmp_path / "newer.sqlite3"
    ProgressStore(newer).record(ev("c1", "flip", None, 1, stamp()))
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version={progress.SCHEMA_VERSION + 1}")
    with pytest.raises(ProgressError, match="newer recall-widgets"):
        ProgressStore(newer).events()


def test_migrations_run_from_an_empty_file(progress_path: Path) -> None:
    sqlite3.connect(progress_path).close()  # an empty file: schema version 0
    store = ProgressStore()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert store.event_count() == 1


def test_a_store_whose_file_was_deleted_starts_a_new_one(progress_path: Path) -> None:
    store = ProgressStore()
    store.record(ev("c1", "rate", "good", 1, stamp(-2)))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{progress_path}{suffix}").unlink(missing_ok=True)
    assert store.record(ev("c2", "rate", "good", 2, stamp(-1)))
    assert ProgressStore(progress_path).events() == store.events()
    assert [e["item"] for e in store.events()] == ["c2"]


def test_shared_store_is_one_per_file(progress_path: Path, tmp_path: Path) -> None:
    assert progress.shared_store() is progress.shared_store(progress_path)
    assert progress.shared_store(tmp_path / "other") is not progress.shared_store()


def test_reset_deletes_everything() -> None:
    store = filled_store(Path(os.environ["RECALL_PROGRESS"]))
    assert store.reset() == 8
    assert store.events() == [] and store.due(now=NOW + dt.timedelta(days=400)) == []
    assert store.status("d", "c1").stage == "new"
