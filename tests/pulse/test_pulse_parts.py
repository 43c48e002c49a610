"""The pulse's parts, each alone: storage and its migrations, the keys, a batch, the limiter,
the learner's sender."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from pgserver import Postgres
from pulse_process import PulseProcess, free_port

from recall_widgets import load_deck
from recall_widgets.progress.events import DeckItems
from recall_widgets.progress.sender import PulseSender, event_id
from recall_widgets.pulse.auth import RoomKeys
from recall_widgets.pulse.ingest import IngestError, RateLimiter, parse_batch, parse_json_body
from recall_widgets.pulse.sqlite import SQLiteStorage
from recall_widgets.pulse.storage import (
    SCHEMA_VERSION,
    Learner,
    RoomEvent,
    StorageError,
    open_storage,
)

DECK = load_deck(Path(__file__).resolve().parent.parent.parent / "content/flask-sessions.yaml")
WHEN = "2025-01-06T09:00:00.000Z"


def _event(choices: list[int], seq: int = 1) -> dict:
    value = {"choices": choices, "correct": True}
    return {"deck": DECK.id, "item": "session-like", "kind": "answer", "value": value,
            "seq": seq, "time": WHEN}  # fmt: skip


def _bump_schema(room_db: str | Path) -> None:
    """Write a schema version newer than this code knows, as a newer release would."""
    statement = f"INSERT INTO pulse_schema (version) VALUES ({SCHEMA_VERSION + 1})"
    if isinstance(room_db, Path):
        with sqlite3.connect(room_db) as conn:
            conn.execute(statement)
    else:
        import psycopg

        with psycopg.connect(room_db, autocommit=True) as conn:
            conn.execute(statement)


def test_storage_migrates_keeps_each_event_once_and_refuses_a_newer_schema(
    room_db: str | Path,
) -> None:
    storage = open_storage(room_db)
    assert storage.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
    if isinstance(storage, SQLiteStorage):
        assert storage.journal_mode == "wal"
    assert storage.add_learner(Learner("ana", "Ana", WHEN))
    assert not storage.add_learner(Learner("ana", "Someone else", WHEN))
    row = RoomEvent("ana", "id-00000001", "d", "q", "answer", "{}", 1, WHEN, WHEN)
    assert storage.add_events([row, dataclasses.replace(row, event_id="id-00000002")]) == [
        True,
        True,
    ]
    assert storage.add_events([row]) == [False]
    with pytest.raises(StorageError):  # an event of nobody who joined: the whole batch fails
        storage.add_events([dataclasses.replace(row, learner="ghost", event_id="id-3")])
    assert len(storage.events()) == 2
    storage.set_setting("room_code", "ABCD-EFGH")
    storage.set_setting("room_code", "WXYZ-2345")
    storage.close()
    reopened = open_storage(room_db)  # migrations are not run twice
    assert [e.event_id for e in reopened.events()] == ["id-00000001", "id-00000002"]
    assert reopened.learners() == [Learner("ana", "Ana", WHEN)]
    assert reopened.setting("room_code") == "WXYZ-2345" and reopened.setting("none") is None
    assert reopened.delete_room_data() == 2 and reopened.events() == []
    assert reopened.setting("room_code") == "WXYZ-2345"  # the room's keys stay
    reopened.close()
    _bump_schema(room_db)
    with pytest.raises(StorageError, match="newer recall-widgets"):
        open_storage(room_db)


def test_a_postgresql_database_that_is_not_there_is_one_line_without_the_password(
    postgres: Postgres,
) -> None:
    url = f"postgresql://postgres:s3cret@{postgres.host}:{postgres.port}/no_such_room"
    with pytest.raises(StorageError) as raised:
        open_storage(url)
    message = str(raised.value)
    assert "no_such_room" in message and "s3cret" not in message and "\n" not in message


def test_keys_survive_a_restart_and_tokens_cannot_be_forged(
    tmp_path: Path, room_db: str | Path
) -> None:
    storage = open_storage(room_db)
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


def test_the_pulse_decides_exercise_checks_and_typed_answers_from_its_deck() -> None:
    # The event kinds of exercises (issue 13) and of the other question kinds (issue 14) reach
    # the pulse as they reach the store: decided again, a forged `correct` never kept.
    items = DeckItems([DECK])
    failed = {"passed": False, "failed": ["every add sends a Set-Cookie"], "total": 6}
    sent = [
        {"deck": DECK.id, "item": "cart-that-forgets", "kind": "check", "value": failed},
        {"deck": DECK.id, "item": "cart-that-forgets", "kind": "hint", "value": True},
        {"deck": DECK.id, "item": "permanent-lifetime-days", "kind": "answer",
         "value": {"value": 30, "correct": True}},
    ]  # fmt: skip
    batch = {
        "events": [
            {"id": f"event-{n:04d}", "event": {**e, "seq": n, "time": WHEN}}
            for n, e in enumerate(sent, 1)
        ]
    }
    check, hint, answer = parse_batch(batch, "ana", items, WHEN)
    assert (check.kind, check.value) == ("check", '{"failed":["every add sends a Set-Cookie"],'
                                                  '"passed":false,"total":6}')  # fmt: skip
    assert hint.kind == "hint" and answer.value == '{"correct":false,"value":30}'
    lying = {"passed": True, "failed": ["every add sends a Set-Cookie"], "total": 6}
    forged = {"events": [{"id": "event-0009", "event": {**batch["events"][0]["event"],
                                                       "value": lying}}]}  # fmt: skip
    with pytest.raises(IngestError) as refused:
        parse_batch(forged, "ana", items, WHEN)
    assert refused.value.status == 400


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
