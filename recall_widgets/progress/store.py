"""The progress store: learners' events in SQLite, each item's review schedule, and queries.

Where it lives
--------------
``ProgressStore(path)`` uses ``path``; else the environment variable ``RECALL_PROGRESS`` (a
database file); else a per-user file outside any course checkout (so nbgitpuller never touches
it): ``$XDG_DATA_HOME/recall-widgets/progress.sqlite3`` (default ``~/.local/share/…``) on
Linux, ``~/Library/Application Support/recall-widgets/…`` on macOS, ``%APPDATA%\\recall-widgets\\…``
on Windows. Only the standard library is used (``platformdirs`` is not a dependency).

Constructing a store touches no file. The file is created on the first :meth:`record` (the
learner's first action); queries on a store that does not exist yet return nothing and create
nothing, so displaying a widget never writes.

Safety
------
- Every :meth:`record` is its own ``BEGIN IMMEDIATE … COMMIT`` with ``synchronous=FULL``: once
  it returns True the event is on disk, and a process killed at any moment leaves a database
  that opens with every acknowledged event.
- ``journal_mode=WAL`` where the file system supports it; where it does not (the pragma fails
  or answers another mode, as on many NFS home folders under JupyterHub) the default rollback
  journal is used. :attr:`ProgressStore.journal_mode` says which.
- A busy timeout makes two kernels writing at once wait for each other instead of failing; a
  schedule's read-modify-write happens inside the write lock, so none is lost.
- :meth:`record` never raises for a store that cannot be written (read-only home, full disk,
  corrupted file): it returns False and sets :attr:`ProgressStore.error` to one line the widget
  shows once. Malformed events are a ``ValueError``.
- The schema is versioned (``PRAGMA user_version``, plus an ``application_id`` so a foreign
  SQLite file is refused); :data:`_MIGRATIONS` upgrades older stores on open.

Events and schedules
--------------------
Events are the truth; an item's schedule (``fsrs`` card, see :mod:`recall_widgets.scheduling`)
is a cache, rebuilt by replaying the item's events in time order whenever an event arrives out
of order or is imported. An event is stored once: re-sending the same event (same deck, item,
kind, value, seq and time) is ignored, so re-sent event lists and repeated imports do not
duplicate anything.

Example
-------
>>> store = ProgressStore("/tmp/progress.sqlite3")  # doctest: +SKIP
>>> store.record({"deck": "flask", "item": "c1", "kind": "rate", "value": "good",
...               "seq": 1, "time": "2025-01-06T09:00:00.000Z"})  # doctest: +SKIP
True
>>> store.due()  # doctest: +SKIP
[]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from time import monotonic, sleep
from typing import Any

from ..deck.model import LEVELS, Deck
from . import scheduling
from .scheduling import STAGES, CardStats, format_time, parse_time, rating_of, stage_from, stage_of
from .transfer import (
    SCHEDULING_KINDS,
    ProgressError,
    ProgressFileError,
    StoredEvent,
    check_event,
    export_document,
    parse_export,
    read_export,
)

__all__ = [
    "ENV_PATH",
    "DueItem",
    "ImportResult",
    "ItemStatus",
    "ProgressError",
    "ProgressFileError",
    "ProgressStore",
    "SummaryRow",
    "default_path",
    "shared_store",
]

ENV_PATH = "RECALL_PROGRESS"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x52575047  # "RWPG": marks the file as a recall-widgets progress store
BUSY_TIMEOUT_S = 30.0
_SCHED = "(" + ", ".join(f"'{kind}'" for kind in SCHEDULING_KINDS) + ")"  # for SQL's IN
_ORDER = "time, seq, kind, value"  # the total order of one item's events

DeckScope = Iterable[Deck | str] | None


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


_SHARED: dict[Path, ProgressStore] = {}


def shared_store(path: str | os.PathLike[str] | None = None) -> ProgressStore:
    """One :class:`ProgressStore` per database file in this process (widgets share it)."""
    resolved = Path(path) if path is not None else default_path()
    key = resolved.expanduser().absolute()
    if key not in _SHARED:
        _SHARED[key] = ProgressStore(resolved)
    return _SHARED[key]


@dataclass(frozen=True)
class DueItem:
    """An item in the review queue."""

    deck: str
    item: str
    due: dt.datetime
    state: str
    """FSRS state: ``learning``, ``review`` or ``relearning``."""


@dataclass(frozen=True)
class ItemStatus:
    """Everything the store knows about one item's schedule at time ``at``."""

    deck: str
    item: str
    stage: str
    """One of new, learning, due, mastered (see :mod:`recall_widgets.scheduling`)."""
    state: str
    due: dt.datetime
    last_review: dt.datetime | None
    stability: float | None
    difficulty: float | None
    retrievability: float
    reviews: int
    lapses: int
    last_rating: str | None


@dataclass(frozen=True)
class SummaryRow:
    """Counts of items per stage for one deck, section and (difficulty) level."""

    deck: str
    section: str | None
    level: str | None
    new: int = 0
    learning: int = 0
    due: int = 0
    mastered: int = 0

    @property
    def total(self) -> int:
        """Items in this row."""
        return self.new + self.learning + self.due + self.mastered


@dataclass(frozen=True)
class ImportResult:
    """What an import did: events added, and events already in the store."""

    added: int
    duplicates: int


def _create_v1(conn: sqlite3.Connection) -> None:
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


#: ``_MIGRATIONS[n]`` upgrades a store from schema version n to n + 1 (0 is an empty file).
_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}


def _key(when: dt.datetime) -> str:
    """A fixed-width UTC time that sorts as text (the ``due`` column)."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _at(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return scheduling.now()
    return now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
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


class ProgressStore:
    """A learner's progress: the widgets' events and each item's review schedule.

    Parameters
    ----------
    path:
        The SQLite file. Default: ``RECALL_PROGRESS``, else a per-user data file.

    Example
    -------
    >>> store = ProgressStore()  # doctest: +SKIP
    >>> quiz.on_event(store.record)  # doctest: +SKIP
    >>> [f"{d.deck}/{d.item}" for d in store.due()]  # doctest: +SKIP
    """

    #: The sqlite3 connection class (tests substitute one to simulate a file system without WAL).
    _connection_factory: type[sqlite3.Connection] = sqlite3.Connection

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.error: str | None = None
        """Why the latest :meth:`record` could not be saved (one line), or None."""
        self.journal_mode: str | None = None
        """``wal`` or ``delete`` once the file is open, else None."""
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._on_change: list[Callable[[], object]] = []

    def __repr__(self) -> str:
        journal = f", journal={self.journal_mode}" if self.journal_mode else ""
        return f"ProgressStore({str(self.path)!r}{journal})"

    def on_change(self, callback: Callable[[], object], *, remove: bool = False) -> None:
        """Call ``callback()`` after this object stores new events, imports or resets.

        Only changes made through this object (in this process) are seen; a callback that
        raises is reported as a warning and never makes :meth:`record` fail.
        """
        if remove:
            self._on_change.remove(callback)
        else:
            self._on_change.append(callback)

    def _changed(self) -> None:
        for callback in list(self._on_change):
            try:
                callback()
            except Exception as error:
                warnings.warn(f"progress change callback failed: {error!r}", stacklevel=3)

    # -- opening ---------------------------------------------------------------------------

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            if self.path.exists():
                return self._conn
            self.close()  # the file was deleted under us: start a new one, do not write to limbo
        if not create and not self.path.exists():
            return None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
            factory=self._connection_factory,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            self.journal_mode = _set_journal(conn)
            conn.execute("PRAGMA synchronous=FULL")
            self._migrate(conn)
        except BaseException:
            conn.close()
            self.journal_mode = None
            raise
        self._conn = conn
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        def check() -> int:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if (version == 0 and tables) or (version and app != APPLICATION_ID):
                raise ProgressError(f"{self.path}: not a recall-widgets progress store")
            if version > SCHEMA_VERSION:
                raise ProgressError(
                    f"{self.path}: written by a newer recall-widgets (store schema {version}; "
                    f"this one knows {SCHEMA_VERSION}): upgrade recall-widgets"
                )
            return version

        if check() == SCHEMA_VERSION:
            return
        with _transaction(conn):
            version = check()  # another process may have migrated meanwhile
            while version < SCHEMA_VERSION:
                _MIGRATIONS[version](conn)
                version += 1
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the database (it reopens on the next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _reading(self) -> sqlite3.Connection | None:
        """The connection for a query, or None if the store does not exist yet."""
        try:
            with self._lock:
                return self._open(create=False)
        except (sqlite3.Error, OSError) as error:
            raise ProgressError(f"cannot read progress in {self.path}: {_reason(error)}") from None

    @contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction; errors become one-line ProgressErrors."""
        with self._lock:
            try:
                conn = self._open(create=True)
                assert conn is not None
                with _transaction(conn):
                    yield conn
            except (sqlite3.Error, OSError) as error:
                self.close()
                raise ProgressError(f"cannot {what} {self.path}: {_reason(error)}") from None

    # -- writing ---------------------------------------------------------------------------

    def record(self, event: Mapping[str, Any]) -> bool:
        """Store a widget event and update the item's schedule; True once it is on disk.

        Returns False, and sets :attr:`error`, when the store cannot be written; never raises
        for that. Raises ``ValueError`` for a malformed event. Re-sent events are ignored
        (and return True).
        """
        stored = check_event(event)
        try:
            with self._writing("save progress in") as conn:
                added = self._insert(conn, stored, schedule=True)
        except ProgressError as error:
            self.error = f"progress is not being saved: {error}"
            return False
        self.error = None
        if added:
            self._changed()
        return True

    def _insert(self, conn: sqlite3.Connection, event: StoredEvent, *, schedule: bool) -> bool:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO events (deck, item, kind, value, seq, time) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            event,
        )
        if cursor.rowcount == 0:
            return False
        if schedule and event.kind in SCHEDULING_KINDS:
            self._schedule(conn, event)
        return True

    def _schedule(self, conn: sqlite3.Connection, event: StoredEvent) -> None:
        deck, item = event.deck, event.item
        where = f"deck = ? AND item = ? AND kind IN {_SCHED} AND ({_ORDER})"
        position = (deck, item, event.time, event.seq, event.kind, event.value)
        later = conn.execute(
            f"SELECT 1 FROM events WHERE {where} > (?, ?, ?, ?) LIMIT 1", position
        ).fetchone()
        if later:  # an older event arrived late: replay the item's whole history
            self._rebuild(conn, deck, item)
            return
        previous = conn.execute(
            f"SELECT kind FROM events WHERE {where} < (?, ?, ?, ?) AND kind != 'rate' "
            "ORDER BY time DESC, seq DESC, kind DESC, value DESC LIMIT 1",
            position,
        ).fetchone()
        rating = rating_of(event.kind, json.loads(event.value), previous and previous[0])
        if rating is None:
            return
        when = parse_time(event.time)
        stats = self._stats(conn, deck, item) or CardStats.new(deck, item, when)
        self._save(conn, deck, item, stats.review(rating, when))

    def _rebuild(self, conn: sqlite3.Connection, deck: str, item: str) -> None:
        stats: CardStats | None = None
        previous: str | None = None
        rows = conn.execute(
            f"SELECT kind, value, time FROM events WHERE deck = ? AND item = ? "
            f"AND kind IN {_SCHED} ORDER BY {_ORDER}",
            (deck, item),
        )
        for kind, value, time in rows.fetchall():
            rating = rating_of(kind, json.loads(value), previous)
            if kind != "rate":
                previous = kind
            if rating is not None:
                when = parse_time(time)
                stats = (stats or CardStats.new(deck, item, when)).review(rating, when)
        if stats is None:
            conn.execute("DELETE FROM schedule WHERE deck = ? AND item = ?", (deck, item))
        else:
            self._save(conn, deck, item, stats)

    @staticmethod
    def _stats(conn: sqlite3.Connection, deck: str, item: str) -> CardStats | None:
        row = conn.execute(
            "SELECT stats FROM schedule WHERE deck = ? AND item = ?", (deck, item)
        ).fetchone()
        return CardStats.from_json(json.loads(row[0])) if row else None

    @staticmethod
    def _save(conn: sqlite3.Connection, deck: str, item: str, stats: CardStats) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO schedule "
            "(deck, item, due, state, stability, last_rating, lapses, stats) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                deck,
                item,
                _key(stats.due),
                stats.state,
                stats.card.stability,
                stats.last_rating,
                stats.lapses,
                json.dumps(stats.to_json()),
            ),
        )

    def reset(self) -> int:
        """Delete every event and schedule (in one transaction); return the events deleted."""
        if self._reading() is None:
            return 0
        with self._writing("reset progress in") as conn:
            count = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM schedule")
        self._changed()
        return count

    # -- export and import -----------------------------------------------------------------

    def _stored_events(self) -> list[StoredEvent]:
        conn = self._reading()
        if conn is None:
            return []
        with self._lock:
            rows = conn.execute(
                "SELECT deck, item, kind, value, seq, time FROM events "
                "ORDER BY time, seq, deck, item, kind, value"
            ).fetchall()
        return [StoredEvent(*row) for row in rows]

    def events(self) -> list[dict[str, Any]]:
        """Every stored event as the widgets wrote it, in time order."""
        return [event.to_event() for event in self._stored_events()]

    def event_count(self) -> int:
        """How many events are stored."""
        conn = self._reading()
        if conn is None:
            return 0
        with self._lock:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])

    def export_text(self) -> str:
        """The export file's text (see :mod:`recall_widgets.progress_io`), dated by the clock."""
        return export_document(self._stored_events(), format_time(scheduling.now()))

    def export_file(self, path: str | os.PathLike[str]) -> int:
        """Write the export file atomically (a reader never sees half of it); return the events."""
        text = self.export_text()
        target = Path(path)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise
        return len(json.loads(text)["events"])

    def import_file(self, path: str | os.PathLike[str]) -> ImportResult:
        """Merge an export file's events; raise :class:`ProgressFileError` if it is refused.

        All or nothing: the file is checked first, then merged in one transaction, so a bad
        file (or a failure half-way) leaves the store exactly as it was.
        """
        try:
            events = read_export(path)
        except ProgressFileError as error:
            raise ProgressFileError(f"{error}; nothing was imported") from None
        return self._import(events)

    def import_text(self, text: str, name: str = "the imported file") -> ImportResult:
        """Like :meth:`import_file`, from an export's text (``name`` is used in messages)."""
        try:
            events = parse_export(text, name)
        except ProgressFileError as error:
            raise ProgressFileError(f"{error}; nothing was imported") from None
        return self._import(events)

    def _import(self, events: Sequence[StoredEvent]) -> ImportResult:
        added = 0
        touched: set[tuple[str, str]] = set()
        with self._writing("import into") as conn:  # one transaction: all or nothing
            for event in events:
                if self._insert(conn, event, schedule=False):
                    added += 1
                    if event.kind in SCHEDULING_KINDS:
                        touched.add((event.deck, event.item))
            for deck, item in sorted(touched):
                self._rebuild(conn, deck, item)
        if added:
            self._changed()
        return ImportResult(added=added, duplicates=len(events) - added)

    # -- queries ---------------------------------------------------------------------------

    def _all_stats(self) -> dict[tuple[str, str], CardStats]:
        conn = self._reading()
        if conn is None:
            return {}
        with self._lock:
            rows = conn.execute("SELECT deck, item, stats FROM schedule").fetchall()
        return {(d, i): CardStats.from_json(json.loads(s)) for d, i, s in rows}

    def due(self, now: dt.datetime | None = None, decks: DeckScope = None) -> list[DueItem]:
        """The review queue: items whose review time has come, decks interleaved.

        Each deck's items are in due order (then item id); the decks take turns, one item
        each, starting with the deck whose item is most overdue (ties: deck id). ``decks``
        limits the queue to these decks (ids, or :class:`Deck` objects: then only items
        still in the deck).
        """
        conn = self._reading()
        if conn is None:
            return []
        with self._lock:
            rows = conn.execute(
                "SELECT deck, item, due, state FROM schedule WHERE due <= ? "
                "ORDER BY due, deck, item",
                (_key(_at(now)),),
            ).fetchall()
        keep = _scope(decks)
        queues: dict[str, list[DueItem]] = {}
        for deck, item, due, state in rows:
            if keep is None or _kept(keep, deck, item):
                queues.setdefault(deck, []).append(DueItem(deck, item, parse_time(due), state))
        return _interleave(list(queues.values()))

    def next_due(self, decks: DeckScope = None) -> dt.datetime | None:
        """The earliest review time of any item seen (it may be past), or None."""
        keep = _scope(decks)
        conn = self._reading()
        if conn is None:
            return None
        with self._lock:
            rows = conn.execute("SELECT deck, item, due FROM schedule ORDER BY due, deck, item")
            for deck, item, due in rows:
                if keep is None or _kept(keep, deck, item):
                    return parse_time(due)
        return None

    def status(self, deck: str, item: str, now: dt.datetime | None = None) -> ItemStatus:
        """The item's schedule and stage (stage ``new`` for an item never reviewed)."""
        conn = self._reading()
        with self._lock:
            stats = self._stats(conn, deck, item) if conn is not None else None
        return _status(deck, item, stats, _at(now))

    def _stages(self, at: dt.datetime) -> dict[tuple[str, str], str]:
        """The stage of every item reviewed, from the schedule's columns (no JSON parsing)."""
        conn = self._reading()
        if conn is None:
            return {}
        with self._lock:
            rows = conn.execute(
                "SELECT deck, item, due, state, stability, last_rating FROM schedule"
            ).fetchall()
        return {
            (deck, item): stage_from(parse_time(due), state, stability, last, at)
            for deck, item, due, state, stability, last in rows
        }

    def stages(
        self, decks: Sequence[Deck], now: dt.datetime | None = None
    ) -> dict[tuple[str, str], str]:
        """The stage of each card and question of these decks, by (deck id, item id)."""
        seen = self._stages(_at(now))
        return {
            (deck.id, item.id): seen.get((deck.id, item.id), "new")
            for deck in decks
            for item in (*deck.cards, *deck.questions)
        }

    def summary(
        self, decks: Sequence[Deck] | None = None, now: dt.datetime | None = None
    ) -> list[SummaryRow]:
        """Items per stage, per deck, section and level.

        With ``decks``: every card and question of them (recall prompts are not scheduled),
        rows in deck order, then section order, then level order. Without: one row per deck
        seen in the store (no section or level, and no ``new`` items: the store does not know
        what it has not seen).
        """
        seen = self._stages(_at(now))
        counts: dict[tuple[str, str | None, str | None], dict[str, int]] = {}
        if decks is None:
            for (deck_id, _item), stage in sorted(seen.items()):
                counts.setdefault((deck_id, None, None), dict.fromkeys(STAGES, 0))[stage] += 1
        else:
            for deck in decks:
                sections = {name: n for n, name in enumerate(deck.sections)}
                for item in sorted(
                    (*deck.cards, *deck.questions),
                    key=lambda i: (
                        sections.get(i.section or "", len(sections)),
                        LEVELS.index(i.level) if i.level else len(LEVELS),
                    ),
                ):
                    row = counts.setdefault(
                        (deck.id, item.section, item.level), dict.fromkeys(STAGES, 0)
                    )
                    row[seen.get((deck.id, item.id), "new")] += 1
        return [SummaryRow(d, s, lv, **c) for (d, s, lv), c in counts.items()]

    def weakest(
        self, n: int = 5, now: dt.datetime | None = None, decks: DeckScope = None
    ) -> list[ItemStatus]:
        """The ``n`` items reviewed that are weakest: most lapses, then lowest retrievability."""
        at, keep = _at(now), _scope(decks)
        statuses = [
            _status(deck, item, stats, at)
            for (deck, item), stats in self._all_stats().items()
            if keep is None or _kept(keep, deck, item)
        ]
        statuses.sort(key=lambda s: (-s.lapses, s.retrievability, s.deck, s.item))
        return statuses[:n]


def _status(deck: str, item: str, stats: CardStats | None, at: dt.datetime) -> ItemStatus:
    if stats is None:
        return ItemStatus(deck, item, "new", "new", at, None, None, None, 0.0, 0, 0, None)
    card = stats.card
    rating = next((k for k, v in scheduling.RATINGS.items() if v == stats.last_rating), None)
    return ItemStatus(
        deck,
        item,
        stage_of(stats, at),
        stats.state,
        stats.due,
        card.last_review.astimezone(dt.UTC) if card.last_review else None,
        card.stability,
        card.difficulty,
        stats.retrievability(at),
        stats.reviews,
        stats.lapses,
        rating,
    )


def _scope(decks: DeckScope) -> dict[str, set[str] | None] | None:
    """Deck id → the item ids kept (None: all), or None for every deck."""
    if decks is None:
        return None
    scope: dict[str, set[str] | None] = {}
    for deck in decks:
        if isinstance(deck, Deck):
            scope[deck.id] = {item.id for item in deck.items}
        else:
            scope[deck] = None
    return scope


def _kept(scope: dict[str, set[str] | None], deck: str, item: str) -> bool:
    if deck not in scope:
        return False
    items = scope[deck]
    return items is None or item in items


def _interleave(queues: list[list[DueItem]]) -> list[DueItem]:
    """Round-robin over per-deck queues, decks ordered by their first item (due, deck)."""
    queues.sort(key=lambda q: (q[0].due, q[0].deck))
    result: list[DueItem] = []
    for turn in range(max((len(q) for q in queues), default=0)):
        result.extend(q[turn] for q in queues if turn < len(q))
    return result
