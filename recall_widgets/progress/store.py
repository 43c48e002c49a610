"""The progress store, its writing side: learners' events in SQLite and each item's schedule.

:class:`ProgressStore` is the one object the widgets, the dashboard and the command line use.
It writes here (record, import, reset) and reads through :class:`~.queries.ProgressQueries`
(its read model); the file itself — where it lives, its schema, how it is opened — is
:mod:`.database`, and the export file format :mod:`.transfer`.

Constructing a store touches no file. The file is created on the first :meth:`record` (the
learner's first action); queries on a store that does not exist yet return nothing and create
nothing, so displaying a widget never writes.

Safety
------
- Every :meth:`record` is its own ``BEGIN IMMEDIATE … COMMIT`` with ``synchronous=FULL``: once
  it returns True the event is on disk, and a process killed at any moment leaves a database
  that opens with every acknowledged event.
- WAL where the file system supports it, else the rollback journal
  (:attr:`ProgressStore.journal_mode` says which); two kernels writing at once wait for each
  other, and a schedule's read-modify-write happens inside the write lock, so none is lost.
- :meth:`record` never raises for a store that cannot be written (read-only home, full disk,
  corrupted file): it returns False and sets :attr:`ProgressStore.error` to one line the widget
  shows once. Malformed events are a ``ValueError``.

What an event means (an answer right or wrong, which rating) is what Python decided from the
deck (:mod:`.events`), never what a browser claimed: the widgets decide each event before they
record it, and :meth:`ProgressStore.record` and the imports given ``decks=`` decide again.

Events and schedules
--------------------
Events are the truth; an item's schedule (``fsrs`` card, see :mod:`.scheduling`) is
a cache, rebuilt by replaying the item's events in time order whenever an event arrives out
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

import json
import os
import sqlite3
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..deck.model import Deck
from . import scheduling
from .database import ProgressError, connect, default_path, reason, time_key, transaction
from .events import SCHEDULING_KINDS, DeckItems, StoredEvent, check_event
from .queries import ProgressQueries
from .scheduling import CardStats, attempt_of, format_time, parse_time, rating_of
from .transfer import ProgressFileError, export_document, parse_export, read_export

__all__ = ["ImportResult", "ProgressStore", "shared_store"]

_SCHED = "(" + ", ".join(f"'{kind}'" for kind in SCHEDULING_KINDS) + ")"  # for SQL's IN
_ORDER = "time, seq, kind, value"  # the total order of one item's events

_SHARED: dict[Path, ProgressStore] = {}


def shared_store(path: str | os.PathLike[str] | None = None) -> ProgressStore:
    """One :class:`ProgressStore` per database file in this process (widgets share it)."""
    resolved = Path(path) if path is not None else default_path()
    key = resolved.expanduser().absolute()
    if key not in _SHARED:
        _SHARED[key] = ProgressStore(resolved)
    return _SHARED[key]


@dataclass(frozen=True)
class ImportResult:
    """What an import did: events added, and events already in the store."""

    added: int
    duplicates: int


class ProgressStore(ProgressQueries):
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
        self.journal_mode = None
        self._conn, self.journal_mode = connect(self.path, self._connection_factory)
        return self._conn

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
            raise ProgressError(f"cannot read progress in {self.path}: {reason(error)}") from None

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any] | None:
        """The rows of a query (for :class:`~.queries.ProgressQueries`); None: no file yet."""
        conn = self._reading()
        if conn is None:
            return None
        with self._lock:
            return conn.execute(sql, parameters).fetchall()

    @contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction; errors become one-line ProgressErrors."""
        with self._lock:
            try:
                conn = self._open(create=True)
                assert conn is not None
                with transaction(conn):
                    yield conn
            except (sqlite3.Error, OSError) as error:
                self.close()
                raise ProgressError(f"cannot {what} {self.path}: {reason(error)}") from None

    # -- writing ---------------------------------------------------------------------------

    def record(
        self, event: Mapping[str, Any], *, decks: DeckItems | Iterable[Deck] | None = None
    ) -> bool:
        """Store a widget event and update the item's schedule; True once it is on disk.

        With ``decks``, an event about one of their items is re-decided first
        (:func:`~.events.decide`: an answer is correct only if its choices are the deck's
        correct ones, whatever it claims); without, the event is taken as already decided
        (the widgets decide every event before they record it) and only its shape is checked.

        Returns False, and sets :attr:`error`, when the store cannot be written; never raises
        for that. Raises ``ValueError`` for a malformed event, or one whose value cannot mean
        anything. Re-sent events are ignored (and return True).
        """
        stored = check_event(event, items=None if decks is None else DeckItems.of(decks))
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
            f"SELECT kind, value FROM events WHERE {where} < (?, ?, ?, ?) AND kind != 'rate' "
            "ORDER BY time DESC, seq DESC, kind DESC, value DESC LIMIT 1",
            position,
        ).fetchone()
        before = attempt_of(previous[0], json.loads(previous[1])) if previous else None
        rating = rating_of(event.kind, json.loads(event.value), before)
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
            decided = json.loads(value)
            rating = rating_of(kind, decided, previous)
            if kind != "rate":
                previous = attempt_of(kind, decided)
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
                time_key(stats.due),
                stats.state,
                stats.card.stability,
                stats.last_rating,
                stats.lapses,
                json.dumps(stats.to_json()),
            ),
        )

    def reset(self, deck: str | None = None, items: Sequence[str] = ()) -> int:
        """Delete events and schedules (in one transaction); return the events deleted.

        Everything by default; with ``deck``, only that deck's; with ``items`` too, only
        those items of it (``items`` without ``deck`` is a ``ValueError``).
        """
        where, params = _part(deck, items)
        if self._reading() is None:
            return 0
        with self._writing("reset progress in") as conn:
            count = int(conn.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])
            conn.execute(f"DELETE FROM events{where}", params)
            conn.execute(f"DELETE FROM schedule{where}", params)
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

    def event_count(self, deck: str | None = None, items: Sequence[str] = ()) -> int:
        """How many events are stored (of ``deck``, and of its ``items``, when given)."""
        where, params = _part(deck, items)
        conn = self._reading()
        if conn is None:
            return 0
        with self._lock:
            return int(conn.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])

    def export_text(self) -> str:
        """The export file's text (see :mod:`.transfer`), dated by the clock."""
        from .identity import learner_identity

        return export_document(
            self._stored_events(), format_time(scheduling.now()), learner_identity()
        )

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

    def import_file(
        self, path: str | os.PathLike[str], *, decks: DeckItems | Iterable[Deck] | None = None
    ) -> ImportResult:
        """Merge an export file's events; raise :class:`ProgressFileError` if it is refused.

        All or nothing: the file is checked first, then merged in one transaction, so a bad
        file (or a failure half-way) leaves the store exactly as it was. The events about the
        items of ``decks`` are re-decided from them (see :func:`~.transfer.parse_export`).
        """
        try:
            events = read_export(path, decks=decks)
        except ProgressFileError as error:
            raise ProgressFileError(f"{error}; nothing was imported") from None
        return self._import(events)

    def import_text(
        self,
        text: str,
        name: str = "the imported file",
        *,
        decks: DeckItems | Iterable[Deck] | None = None,
    ) -> ImportResult:
        """Like :meth:`import_file`, from an export's text (``name`` is used in messages)."""
        try:
            events = parse_export(text, name, decks=decks)
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


def _part(deck: str | None, items: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The ``WHERE`` clause (and its parameters) of a deck's events, or of some of its items."""
    if isinstance(items, str):
        items = (items,)
    if items and deck is None:
        raise ValueError("items need their deck: give deck= with items=")
    if deck is None:
        return "", ()
    if not items:
        return " WHERE deck = ?", (deck,)
    marks = ", ".join("?" for _ in items)
    return f" WHERE deck = ? AND item IN ({marks})", (deck, *items)
