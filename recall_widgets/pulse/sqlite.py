"""The pulse's storage in one SQLite file (WAL, ``synchronous=FULL``): :class:`SQLiteStorage`."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from .storage import MIGRATIONS, SCHEMA_VERSION, SQL, Learner, RoomEvent, StorageError

__all__ = ["SQLiteStorage"]

SERIAL = "id INTEGER PRIMARY KEY"
BUSY_TIMEOUT_MS = 30_000


class SQLiteStorage:
    """:class:`~recall_widgets.pulse.storage.PulseStorage` over one SQLite file.

    Parameters
    ----------
    path:
        The database file, created (with its folder) and migrated when needed.

    Example
    -------
    >>> import tempfile, pathlib
    >>> storage = SQLiteStorage(pathlib.Path(tempfile.mkdtemp()) / "pulse.sqlite3")
    >>> storage.add_learner(Learner("ana", "Ana", "2025-01-06T09:00:00.000Z"))
    True
    >>> storage.close()
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            self.journal_mode = str(mode).lower()
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (OSError, sqlite3.Error) as error:
            raise StorageError(f"{self.path}: cannot open the pulse's database: {error}") from None

    def _migrate(self) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(SQL["schema_table"])
            row = conn.execute(SQL["schema_version"]).fetchone()
            version = int(row[0] or 0)
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{self.path}: written by a newer recall-widgets (pulse schema {version}; "
                    f"this one knows {SCHEMA_VERSION}): upgrade recall-widgets"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement.format(serial=SERIAL))
                conn.execute(SQL["set_schema_version"], (step + 1,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        """The schema version of the file."""
        row = self._conn.execute(SQL["schema_version"]).fetchone()
        return int(row[0] or 0)

    def setting(self, key: str) -> str | None:
        """The room's setting ``key`` (None if unset)."""
        with self._lock:
            row = self._conn.execute(SQL["setting"], (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Set the room's setting ``key``."""
        with self._lock:
            self._conn.execute(SQL["set_setting"], (key, value))

    def add_learner(self, learner: Learner) -> bool:
        """Add a learner (True), or leave one already there as it is (False)."""
        with self._lock:
            cursor = self._conn.execute(
                SQL["add_learner"], (learner.learner, learner.name, learner.joined)
            )
        return cursor.rowcount == 1

    def learners(self) -> list[Learner]:
        """Every learner, in the order they joined."""
        with self._lock:
            rows = self._conn.execute(SQL["learners"]).fetchall()
        return [Learner(*row) for row in rows]

    def add_events(self, events: Sequence[RoomEvent]) -> list[bool]:
        """Store the events in one transaction; per event, whether it was new."""
        added = []
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for e in events:
                    cursor = self._conn.execute(
                        SQL["add_event"],
                        e.row(),
                    )
                    added.append(cursor.rowcount == 1)
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._conn.execute("ROLLBACK")
                raise StorageError(f"{self.path}: {error}") from None
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return added

    def events(self) -> list[RoomEvent]:
        """Every event stored, in the order received."""
        with self._lock:
            rows = self._conn.execute(SQL["events"]).fetchall()
        return [RoomEvent(*row) for row in rows]

    def delete_room_data(self) -> int:
        """Delete every learner and event (the room's secret stays); the events deleted."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                deleted = self._conn.execute(SQL["delete_events"]).rowcount
                self._conn.execute(SQL["delete_learners"])
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return int(deleted)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
