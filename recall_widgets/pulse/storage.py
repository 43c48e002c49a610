"""What the pulse keeps, behind one small interface: the room, its learners and their events.

The schema
----------
Three tables, written once here in SQL that SQLite and PostgreSQL both read, so every backend
creates the same schema with the same migrations:

- ``room (key, value)``: the room's secret (learner tokens are signed with it), its code and
  the instructor's token, so a restarted pulse lets the same people in;
- ``learners (learner, name, joined)``: who joined, once each;
- ``events (id, learner, event_id, deck, item, kind, value, seq, time, received)``: every event
  accepted, its value as decided by the pulse (canonical JSON); ``(learner, event_id)`` is
  unique, so an event sent twice is stored once.

:data:`MIGRATIONS` ``[n]`` brings a schema from version n to n + 1 (0 is empty); a backend
records the version it reached in ``pulse_schema`` and refuses a newer one. ``{serial}`` in
them is the backend's auto-numbered primary key (SQLite ``INTEGER PRIMARY KEY``, PostgreSQL
``BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY``).

A backend
---------
:class:`PulseStorage` is what the service uses, and :data:`SQL` every statement a backend
runs. :class:`~recall_widgets.pulse.sqlite.SQLiteStorage` implements it over one SQLite file in
WAL mode; :class:`~recall_widgets.pulse.postgres.PostgresStorage` (psycopg 3) the same methods
with the same statements over the same :data:`MIGRATIONS`. :func:`open_storage` picks one from
what ``--db`` names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQL",
    "Learner",
    "PulseStorage",
    "RoomEvent",
    "StorageError",
    "open_storage",
]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE room (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE learners (learner TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "joined TEXT NOT NULL)",
        "CREATE TABLE events ({serial}, learner TEXT NOT NULL REFERENCES learners (learner), "
        "event_id TEXT NOT NULL, deck TEXT NOT NULL, item TEXT NOT NULL, kind TEXT NOT NULL, "
        "value TEXT NOT NULL, seq BIGINT NOT NULL, time TEXT NOT NULL, received TEXT NOT NULL, "
        "UNIQUE (learner, event_id))",
        "CREATE INDEX events_by_time ON events (time)",
    ),
)
"""``MIGRATIONS[n]``: the statements that upgrade the schema from version n to n + 1."""
SCHEMA_VERSION = len(MIGRATIONS)

SQL = {
    "setting": "SELECT value FROM room WHERE key = ?",
    "set_setting": "INSERT INTO room (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "add_learner": "INSERT INTO learners (learner, name, joined) VALUES (?, ?, ?) "
    "ON CONFLICT (learner) DO NOTHING",
    "learners": "SELECT learner, name, joined FROM learners ORDER BY joined, learner",
    "add_event": "INSERT INTO events (learner, event_id, deck, item, kind, value, seq, time, "
    "received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, event_id) DO NOTHING",
    "events": "SELECT learner, event_id, deck, item, kind, value, seq, time, received "
    "FROM events ORDER BY id",
    "delete_events": "DELETE FROM events",
    "delete_learners": "DELETE FROM learners",
    "schema_table": "CREATE TABLE IF NOT EXISTS pulse_schema (version INTEGER NOT NULL)",
    "schema_version": "SELECT MAX(version) FROM pulse_schema",
    "set_schema_version": "INSERT INTO pulse_schema (version) VALUES (?)",
}
"""Every statement a backend runs, in SQL both SQLite and PostgreSQL read; ``?`` marks a
parameter (a psycopg backend writes ``%s`` instead: ``sql.replace("?", "%s")``)."""


class StorageError(Exception):
    """The pulse's storage cannot be opened or used; ``str()`` says why in one line."""


@dataclass(frozen=True)
class Learner:
    """A learner who joined the room: their id (from their token), display name, when."""

    learner: str
    name: str
    joined: str


@dataclass(frozen=True)
class RoomEvent:
    """An event the pulse accepted: the learner's event (decided) and where it came from."""

    learner: str
    event_id: str
    deck: str
    item: str
    kind: str
    value: str
    seq: int
    time: str
    received: str

    def row(self) -> tuple[str, str, str, str, str, str, int, str, str]:
        """The values in the order of the events table's columns (``add_event``'s parameters)."""
        return (
            self.learner,
            self.event_id,
            self.deck,
            self.item,
            self.kind,
            self.value,
            self.seq,
            self.time,
            self.received,
        )


class PulseStorage(Protocol):
    """The pulse's storage: a backend implements these, over :data:`MIGRATIONS`."""

    def setting(self, key: str) -> str | None:
        """The room's setting ``key`` (None if unset)."""

    def set_setting(self, key: str, value: str) -> None:
        """Set the room's setting ``key``."""

    def add_learner(self, learner: Learner) -> bool:
        """Add a learner (True), or leave one already there as it is (False)."""

    def learners(self) -> list[Learner]:
        """Every learner, in the order they joined."""

    def add_events(self, events: Sequence[RoomEvent]) -> list[bool]:
        """Store the events in one transaction; per event, True if new, False if it was there
        already (the same learner and event id)."""

    def events(self) -> list[RoomEvent]:
        """Every event stored, in the order received."""

    def delete_room_data(self) -> int:
        """Delete every learner and event (the room's secret stays); the events deleted."""

    def close(self) -> None:
        """Close the connection."""


def open_storage(target: str | Path) -> PulseStorage:
    """The storage ``--db`` names: a ``postgresql://`` URL, else a SQLite file's path.

    Raises
    ------
    StorageError
        The database cannot be opened (the message says which and why, without a password).
    """
    from .postgres import PostgresStorage, is_database_url

    if isinstance(target, str) and is_database_url(target):
        return PostgresStorage(target)
    from .sqlite import SQLiteStorage

    return SQLiteStorage(Path(target))
