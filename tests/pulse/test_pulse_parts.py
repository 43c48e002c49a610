"""The pulse's parts, each alone: storage and its migrations, the keys, a batch, the limiter,
the learner's sender."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from pulse_process import PulseProcess, free_port

from recall_widgets import load_deck
from recall_widgets.progress.events import DeckItems
from recall_widgets.progress.sender import PulseSender, event_id
from recall_widgets.pulse.auth import RoomKeys
from recall_widgets.pulse.ingest import IngestError, RateLimiter, parse_batch, parse_json_body
from recall_widgets.pulse.sqlite import SQLiteStorage
from recall_widgets.pulse.storage import SCHEMA_VERSION, Learner, RoomEvent, StorageError

DECK = load_deck(Path(__file__).resolve().parent.parent.parent / "content/flask-sessions.yaml")
WHEN = "2025-01-06T09:00:00.000Z"


def _event(choices: list[int], seq: int = 1) -> dict:
    value = {"choices": choices, "correct": True}
    return {"deck": DECK.id, "item": "session-like", "kind": "answer", "value": value,
            "seq": seq, "time": WHEN}  # fmt: skip


def test_storage_migrates_keeps_each_event_once_and_refuses_a_newer_file(tmp_path: Path) -> None:
    path = tmp_path / "room" / "pulse.sqlite3"
    storage = SQLiteStorage(path)
    assert storage.journal_mode == "wal" and storage.schema_version == SCHEMA_VERSION
    assert storage.add_learner(Learner("ana", "Ana", WHEN))
    assert not storage.add_learner(Learner("ana", "Someone else", WHEN))
    row = RoomEvent("ana", "id-00000001", "d", "q", "answer", "{}", 1, WHEN, WHEN)
    assert storage.add_events([row, dataclasses.replace(row, event_id="id-00000002")]) == [
        True,
        True,
    ]
    assert storage.add_events([row]) == [False]
    storage.close()
    reopened = SQLiteStorage(path)  # migrations are not run twice
    assert [e.event_id for e in reopened.events()] == ["id-00000001", "id-00000002"]
    assert reopened.learners() == [Learner("ana", "Ana", WHEN)]
    assert reopened.delete_room_data() == 2 and reopened.events() == []
    reopened.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO pulse_schema (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StorageError, match="newer recall-widgets"):
        SQLiteStorage(path)


def test_keys_survive_a_restart_and_tokens_cannot_be_forged(tmp_path: Path) -> None:
    storage = SQLiteStorage(tmp_path / "p.sqlite3")
    keys = RoomKeys(storage)
    again = RoomKeys(storage)
    assert (keys.room_code, keys.instructor_token) == (again.room_code, again.instructor_token)
    token = keys.learner_token("ana")
    assert again.learner_of(token) == "ana"
    other_room = RoomKeys(SQLiteStorage(tmp_path / "other.sqlite3"))
    assert other_room.learner_of(token) is None
    signature = token.partition(".")[2]
    bo = keys.learner_token("bo").partition(".")[0]
    assert keys.learner_of(f"{bo}.{signature}") is None  # ana's signature on bo's id
    assert keys.learner_of("garbage") is None and not keys.is_instructor(token)
    assert keys.is_room_code(keys.room_code.lower().replace("-", "-"))
    with pytest.raises(ValueError, match="learner id"):
        keys.learner_token("not a valid id!")


def test_a_batch_is_decided_from_the_deck_or_refused_whole() -> None:
    items = DeckItems([DECK])
    batch = {"events": [{"id": "event-0001", "event": _event([1])}]}
    (stored,) = parse_batch(batch, "ana", items, WHEN)
    assert stored.value == '{"choices":[1],"correct":false}'  # the sent `correct` is ignored
    bad = {"events": [{"id": "event-0001", "event": _event([0])}, {"id": "b", "event": {}}]}
    with pytest.raises(IngestError) as refused:
        parse_batch(bad, "ana", items, WHEN)
    assert refused.value.status == 400 and refused.value.refused[0]["id"] == "b"
    with pytest.raises(IngestError, match="cannot send as 'bo'"):
        parse_batch({**batch, "learner": "bo"}, "ana", items, WHEN)
    with pytest.raises(IngestError) as too_big:
        parse_json_body(b" " * 300_000)
    assert too_big.value.status == 413


def test_the_limiter_slows_one_learner_and_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=10, burst=20, clock=lambda: now[0])
    assert limiter.allow("ana", 20) and not limiter.allow("ana", 1)
    assert limiter.allow("bo", 20)
    assert limiter.retry_after("ana", 5) == pytest.approx(0.5)
    now[0] = 0.5
    assert limiter.allow("ana", 5) and not limiter.allow("ana", 1)


def test_the_sender_never_waits_and_sends_once_the_pulse_is_back(tmp_path: Path) -> None:
    pulse = PulseProcess(tmp_path / "pulse.sqlite3", tmp_path / "log", port=free_port()).start()
    token = pulse.learner_token("ana")
    pulse.stop()
    sender = PulseSender(pulse.url, token, learner="ana")
    first = _event([0])
    sender.send(first)
    sender.send(dict(first))  # the same event again: queued once
    assert sender.pending == 1
    assert not sender.flush(timeout=0.3)  # no pulse: kept, and said why
    assert "cannot reach the pulse" in str(sender.error)
    sender.send(_event([1], seq=2))
    pulse.start()
    try:
        assert sender.flush(timeout=30), sender.error
        assert sender.acknowledged == 2 and sender.error is None
        assert sorted(e.event_id for e in _events(pulse)) == sorted(
            [event_id(first), event_id(_event([1], seq=2))]
        )
    finally:
        pulse.stop()


def _events(pulse: PulseProcess) -> list[RoomEvent]:
    storage = SQLiteStorage(pulse.database)
    try:
        return storage.events()
    finally:
        storage.close()
