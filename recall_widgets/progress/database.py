"""The progress store's SQLite file: where it lives, its schema and migrations, how it is opened.

Where it lives
--------------
``RECALL_PROGRESS`` (a database file) if set; else a per-user file outside any course checkout
(so nbgitpuller never touches it): ``$XDG_DATA_HOME/recall-widgets/progress.sqlite3`` (default
``~/.local/share/…``) on Linux, ``~/Library/Application Support/recall-widgets/…`` on macOS,
``%APPDATA%\\recall-widgets\\…`` on Windows. Only the standard library is used
(``platformdirs`` is not a dependency).

How it is opened
----------------
- ``journal_mode=WAL`` where the file system supports it; where it does not (the pragma fails
  or answers another mode, as on many NFS home folders under JupyterHub) the default rollback
  journal is used; ``synchronous=FULL``.
- A busy timeout makes two kernels writing at once wait for each other instead of failing;
  every write is one :func:`transaction` (``BEGIN IMMEDIATE``: the write lock first).
- A store's latest changes live in its ``-wal`` file until SQLite checkpoints them: a copy
  of the main file alone, made while a kernel was writing, may hold nothing, and is refused
  saying the ``-wal`` file is missing (rather than read as an empty store).
- The schema is versioned (``PRAGMA user_version``, plus an ``application_id`` so a foreign
  SQLite file is refused); :data:`MIGRATIONS` upgrades older stores on open.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from time import monotonic, sleep

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "ENV_PATH",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ProgressError",
    "connect",
    "default_path",
    "reason",
    "time_key",
    "transaction",
]

ENV_PATH = "RECALL_PROGRESS"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x52575047  # "RWPG": marks the file as a recall-widgets progress store
BUSY_TIMEOUT_S = 30.0


class ProgressError(Exception):
    """The progress store cannot do what was asked; ``str()`` is one line saying why."""


def default_path() -> Path:
    """``RECALL_PROGRESS`` if set, else the per-user data file (see the module docstring)."""
    configured = os.environ.get(ENV_PATH, "").strip()
    if configured:
        return Path(configured).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / "recall-widgets" / "progress.sqlite3"


def _create_v1(conn: sqlite3.Connection) -> None:
    """Schema 1: the events (the truth) and each item's schedule (a cache of them)."""
    conn.execute(
        """CREATE TABLE IF NOT EXISTS events (
             id INTEGER PRIMARY KEY,
             deck TEXT NOT NULL, item TEXT NOT NULL, kind TEXT NOT NULL,
             value TEXT NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
             UNIQUE (deck, item, time, seq, kind, value))"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS events_by_time ON events (time, seq)")
    conn.execute(
        """CREATE TABLE IF NOT EXISTS schedule (
             deck TEXT NOT NULL, item TEXT NOT NULL, due TEXT NOT NULL, state TEXT NOT NULL,
             stability REAL, last_rating INTEGER, lapses INTEGER NOT NULL,
             stats TEXT NOT NULL, PRIMARY KEY (deck, item)) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS schedule_by_due ON schedule (due, deck, item)")


#: ``MIGRATIONS[n]`` upgrades a store from schema version n to n + 1 (0 is an empty file).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}


def time_key(when: dt.datetime) -> str:
    """A fixed-width UTC time that sorts as text (the ``due`` column)."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def reason(error: BaseException) -> str:
    """An OS or SQLite error as a few words for a one-line message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` (take the write lock now, waiting up to the busy timeout)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _set_journal(conn: sqlite3.Connection) -> str:
    """WAL if the file system supports it, else the rollback journal; return the mode.

    A file already in WAL mode (another kernel set it; the mode is stored in the file) is left
    as it is. Switching needs a moment of exclusive access: while another process holds the
    file, SQLite answers "database is locked", which is retried for up to the busy timeout
    rather than taken for a file system without WAL.
    """
    current = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    if current == "wal":
        return current
    deadline = monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower()
            break
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy:
                mode = ""  # the file system refuses WAL (e.g. no shared memory on NFS)
                break
            if monotonic() > deadline:
                raise
            sleep(0.01)
    if mode != "wal":
        mode = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
    return mode


def connect(
    path: Path, factory: type[sqlite3.Connection] = sqlite3.Connection
) -> tuple[sqlite3.Connection, str]:
    """Open (creating) the store's file, set it up and migrate it; return it and its journal mode.

    Raises :class:`ProgressError` for a file that is not a store or is from a newer version, and
    ``sqlite3.Error`` / ``OSError`` when it cannot be opened; the connection is closed then.
    """
    without_wal = _wal_file_missing(path)
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
        factory=factory,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        if without_wal and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ProgressError(
                f"{path}: a copy of a store without its -wal file ({path.name}-wal), where "
                "SQLite keeps the latest changes: this file alone holds no events. Copy "
                "both files (while no kernel writes), or export the store instead "
                "(recall-widgets progress export)"
            )
        mode = _set_journal(conn)
        conn.execute("PRAGMA synchronous=FULL")
        _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, mode


def _wal_file_missing(path: Path) -> bool:
    """Whether ``path`` is a database file in WAL mode with no ``-wal`` file beside it (a copy
    of the main file alone, when its header is all SQLite wrote to it)."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError:
        return False
    in_wal = len(header) == 100 and header.startswith(b"SQLite format 3\x00") and header[18] == 2
    return in_wal and not Path(f"{path}-wal").exists()


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to :data:`SCHEMA_VERSION`, or refuse a foreign or newer one."""
    if _version(conn, path) == SCHEMA_VERSION:
        return
    with transaction(conn):
        version = _version(conn, path)  # another process may have migrated meanwhile
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version (0: empty); a foreign or newer file is a ProgressError."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if (version == 0 and tables) or (version and app != APPLICATION_ID):
        raise ProgressError(f"{path}: not a recall-widgets progress store")
    if version > SCHEMA_VERSION:
        raise ProgressError(
            f"{path}: written by a newer recall-widgets (store schema {version}; "
            f"this one knows {SCHEMA_VERSION}): upgrade recall-widgets"
        )
    return version
