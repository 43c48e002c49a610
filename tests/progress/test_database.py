"""The store's SQLite file: where it lives, its journal mode, migrations, foreign files."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from sample_events import ev, stamp

from recall_widgets.progress import database
from recall_widgets.progress.database import ProgressError
from recall_widgets.progress.store import ProgressStore


def test_default_path_is_a_per_user_data_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RECALL_PROGRESS")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert database.default_path() == tmp_path / "data" / "recall-widgets" / "progress.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "recall-widgets" / "progress.sqlite3"
    assert database.default_path() == expected
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "Library/Application Support/recall-widgets" in database.default_path().as_posix()


def journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])


def test_wal_where_the_file_system_supports_it(progress_path: Path) -> None:
    store = ProgressStore()
    assert store.journal_mode is None
    store.record(ev("c1", "rate", "good", 1, stamp()))
    assert store.journal_mode == "wal" and journal_mode(progress_path) == "wal"
    with sqlite3.connect(progress_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION


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
        conn.execute(f"PRAGMA user_version={database.SCHEMA_VERSION + 1}")
    with pytest.raises(ProgressError, match="newer recall-widgets"):
        ProgressStore(newer).events()


def test_migrations_run_from_an_empty_file(progress_path: Path) -> None:
    sqlite3.connect(progress_path).close()  # an empty file: schema version 0
    store = ProgressStore()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert store.event_count() == 1


def test_a_copy_without_its_wal_file_says_what_is_missing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.record(
        {"deck": "d", "item": "c", "kind": "rate", "value": "good", "seq": 1,
         "time": "2025-01-06T09:00:00.000Z"}
    )  # fmt: skip
    assert (tmp_path / "progress.sqlite3-wal").exists()  # the event is there, not yet in the file
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes((tmp_path / "progress.sqlite3").read_bytes())
    with pytest.raises(ProgressError, match=r"without its -wal file \(copy\.sqlite3-wal\)"):
        ProgressStore(copy).events()
    assert not (tmp_path / "copy.sqlite3-wal").exists()  # the copy was not touched
    (tmp_path / "copy.sqlite3-wal").write_bytes((tmp_path / "progress.sqlite3-wal").read_bytes())
    assert len(ProgressStore(copy).events()) == 1  # with both files, the event is there
    store.close()
