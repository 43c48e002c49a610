"""Export and import: lossless, merged without duplicates, all or nothing; the room summary."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_events import ev, filled_store, make_deck, stamp

from recall_widgets.progress.database import ProgressError
from recall_widgets.progress.store import ImportResult, ProgressStore
from recall_widgets.progress.transfer import ProgressFileError, room_events, room_summary


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
    assert store.import_file(tmp_path / "a.json") == ImportResult(0, 8)
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


def test_room_summary_over_three_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for learner in range(3):
        monkeypatch.setenv("RECALL_LEARNER", f"learner{learner}")  # each export names its own
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


def forged_export(path: Path) -> Path:
    """An export whose answers lie: q1's wrong choice (1) claims correct, its right one not."""
    store = ProgressStore(path.with_suffix(".sqlite3"))
    store.record(ev("q1", "answer", {"choices": [1], "correct": True}, 1, stamp(-30)))
    store.record(ev("q1", "answer", {"choices": [0], "correct": False}, 2, stamp(-20), "e"))
    store.export_file(path)
    return path


def test_an_import_re_decides_the_events_of_the_decks_it_is_given(tmp_path: Path) -> None:
    path = forged_export(tmp_path / "forged.json")
    decided = ProgressStore(tmp_path / "decided.sqlite3")
    decided.import_file(path, decks=[make_deck("d"), make_deck("e")])
    assert [e["value"]["correct"] for e in decided.events()] == [False, True]
    assert decided.status("d", "q1").last_rating == "again"
    assert decided.status("e", "q1").last_rating == "good"
    kept = ProgressStore(tmp_path / "kept.sqlite3")  # deck e only: d's answer kept as recorded
    kept.import_text(path.read_text("utf-8"), "forged.json", decks=[make_deck("e")])
    assert [e["value"]["correct"] for e in kept.events()] == [True, True]
    assert [(s.deck, s.right_first_time) for s in room_summary([path], decks=[make_deck("d")])] == [
        ("d", 0),
        ("e", 0),
    ]


def test_an_import_with_a_choice_the_deck_does_not_have_changes_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "bad.sqlite3")
    store.record(ev("q1", "answer", {"choices": [7], "correct": True}, 1, stamp(-30)))
    store.export_file(tmp_path / "bad.json")
    target = ProgressStore(tmp_path / "target.sqlite3")
    with pytest.raises(ProgressFileError, match=r"event #1: choice indexes of 'q1' must be among"):
        target.import_file(tmp_path / "bad.json", decks=[make_deck("d")])
    assert target.event_count() == 0


def test_the_store_re_decides_an_event_given_its_deck(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    forged = ev("q1", "answer", {"choices": [1], "correct": True}, 1, stamp())
    assert store.record(forged, decks=[make_deck("d")])
    assert store.events()[0]["value"] == {"choices": [1], "correct": False}
    assert store.status("d", "q1").last_rating == "again"
    with pytest.raises(ValueError, match="unknown rating 'superb'"):
        store.record(ev("c1", "rate", "superb", 2, stamp()), decks=[make_deck("d")])


def test_each_learner_counts_once_however_many_of_their_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECALL_LEARNER", "ana")
    monkeypatch.setenv("RECALL_LEARNER_NAME", "Ana Lima")
    ana = filled_store(tmp_path / "ana.sqlite3", 0)
    ana.export_file(tmp_path / "ana-monday.json")
    ana.export_file(tmp_path / "ana-tuesday.json")
    document = json.loads((tmp_path / "ana-monday.json").read_text("utf-8"))
    assert document["learner"] == {"id": "ana", "name": "Ana Lima"}
    monkeypatch.delenv("RECALL_LEARNER")
    old = tmp_path / "old.json"  # an export from before exports named their learner
    del document["learner"]
    old.write_text(json.dumps(document), encoding="utf-8")
    twice = tmp_path / "old-again.json"
    twice.write_text(old.read_text("utf-8"), encoding="utf-8")
    paths = [tmp_path / "ana-monday.json", tmp_path / "ana-tuesday.json", old, twice]
    learners, names = room_events(paths)
    assert len(learners) == 2  # ana once; the same anonymous file given twice, once
    assert names["ana"] == "Ana Lima"
    assert len(learners["ana"]) == len(document["events"])
    assert {s.answered for s in room_summary(paths)} == {2}
