"""The pulse's storage in PostgreSQL (psycopg 3), for large hubs: :class:`PostgresStorage`.

The same schema, statements and migrations as SQLite (:mod:`.storage`); a database URL
``postgresql://user:password@host:port/database`` (any libpq connection string works). Two
pulses starting at once on one database migrate it once: the migration holds a transaction
advisory lock.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from .storage import MIGRATIONS, SCHEMA_VERSION, SQL, Learner, RoomEvent, StorageError

__all__ = ["PostgresStorage", "is_database_url", "redact"]

SERIAL = "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
MIGRATION_LOCK = 0x7265_6361_6C6C  # pg_advisory_xact_lock key: "recall"
CONNECT_TIMEOUT_S = 10


def is_database_url(target: str) -> bool:
    """Whether ``--db`` names a PostgreSQL database (``postgresql://`` or ``postgres://``)."""
    return target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages)."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _sql(name: str) -> str:
    return SQL[name].replace("?", "%s")


class PostgresStorage:
    """:class:`~recall_widgets.pulse.storage.PulseStorage` over a PostgreSQL database.

    Parameters
    ----------
    url:
        The database, ``postgresql://…``; its tables are created and migrated when needed.

    Raises
    ------
    StorageError
        psycopg is not installed, the server cannot be reached, or the schema is newer.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = redact(url)  # what messages show
        try:
            import psycopg
        except ImportError:
            raise StorageError(
                "a postgresql:// database needs psycopg: pip install 'recall-widgets[postgres]'"
            ) from None
        self._errors: type[Exception] = psycopg.Error
        self._lock = threading.Lock()
        try:
            self._conn: Any = psycopg.connect(
                url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
            )
            self._migrate()
        except psycopg.Error as error:
            message = " ".join(str(error).split())
            raise StorageError(
                f"{self.path}: cannot open the pulse's database: {message}"
            ) from None

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self._conn.execute(_sql("schema_table"))
            row = self._conn.execute(_sql("schema_version")).fetchone()
            version = int(row[0] or 0)
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{self.path}: written by a newer recall-widgets (pulse schema {version}; "
                    f"this one knows {SCHEMA_VERSION}): upgrade recall-widgets"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    self._conn.execute(statement.format(serial=SERIAL))
                self._conn.execute(_sql("set_schema_version"), (step + 1,))

    def _run(self, name: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(_sql(name), params)
        except self._errors as error:
            message = " ".join(str(error).split())
            raise StorageError(f"{self.path}: {message}") from None

    @property
    def schema_version(self) -> int:
        """The schema version of the database."""
        with self._lock:
            row = self._run("schema_version").fetchone()
        return int(row[0] or 0)

    def setting(self, key: str) -> str | None:
        """The room's setting ``key`` (None if unset)."""
        with self._lock:
            row = self._run("setting", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Set the room's setting ``key``."""
        with self._lock:
            self._run("set_setting", (key, value))

    def add_learner(self, learner: Learner) -> bool:
        """Add a learner (True), or leave one already there as it is (False)."""
        with self._lock:
            cursor = self._run("add_learner", (learner.learner, learner.name, learner.joined))
        return bool(cursor.rowcount == 1)

    def learners(self) -> list[Learner]:
        """Every learner, in the order they joined."""
        with self._lock:
            rows = self._run("learners").fetchall()
        return [Learner(*row) for row in rows]

    def add_events(self, events: Sequence[RoomEvent]) -> list[bool]:
        """Store the events in one transaction; per event, whether it was new."""
        added = []
        with self._lock, self._conn.transaction():
            for e in events:
                cursor = self._run(
                    "add_event",
                    e.row(),
                )
                added.append(cursor.rowcount == 1)
        return added

    def events(self) -> list[RoomEvent]:
        """Every event stored, in the order received."""
        with self._lock:
            rows = self._run("events").fetchall()
        return [RoomEvent(*row) for row in rows]

    def delete_room_data(self) -> int:
        """Delete every learner and event (the room's secret stays); the events deleted."""
        with self._lock, self._conn.transaction():
            deleted = self._run("delete_events").rowcount
            self._run("delete_learners")
        return int(deleted)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
