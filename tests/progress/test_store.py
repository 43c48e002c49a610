"""The store records each event once, creates its file only then, and survives a bad disk."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sample_events import NOW, ev, filled_store, stamp

from recall_widgets.progress.store import ProgressStore, shared_store


def test_constructing_and_querying_create_no_file(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "sub" / "p.sqlite3")
    assert store.due() == [] and store.events() == [] and store.next_due() is None
    assert store.status("d", "c1").stage == "new"
    assert store.summary() == [] and store.weakest() == [] and store.event_count() == 0
    assert not (tmp_path / "sub").exists()
    assert store.record(ev("c1", "rate", "good", 1, stamp()))
    assert (tmp_path / "sub" / "p.sqlite3").is_file()


def test_recall_progress_is_honoured(progress_path: Path) -> None:
    store = ProgressStore()
    assert store.path == progress_path
    assert store.record(ev("c1", "flip", None, 1, stamp()))
    assert ProgressStore(progress_path).event_count() == 1


def test_resent_events_are_stored_once() -> None:
    store = ProgressStore()
    event = ev("c1", "rate", "good", 1, stamp(-5))
    assert store.record(event) and store.record(dict(event)) and store.record(event)
    assert store.event_count() == 1
    assert store.status("d", "c1").reviews == 1


def test_malformed_events_are_a_value_error() -> None:
    store = ProgressStore()
    with pytest.raises(ValueError, match="one of again, hard, good, easy"):
        store.record(ev("c1", "rate", "great", 1, stamp()))
    with pytest.raises(ValueError, match="'correct'"):
        store.record(ev("q1", "answer", {"choices": [1]}, 1, stamp()))
    with pytest.raises(ValueError, match="field 'time'"):
        store.record(ev("c1", "flip", None, 1, "yesterday"))
    with pytest.raises(ValueError, match="missing field 'seq'"):
        store.record({"deck": "d", "item": "c1", "kind": "flip", "value": None, "time": stamp()})
    assert not store.path.exists()


def test_an_unwritable_store_returns_false_and_says_why_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "home").write_text("a file where a folder should be", encoding="utf-8")
    store = ProgressStore(tmp_path / "home" / "progress.sqlite3")
    assert store.record(ev("c1", "rate", "good", 1, stamp())) is False
    assert store.error is not None and "\n" not in store.error
    assert store.error.startswith("progress is not being saved: cannot save progress in ")


def test_a_full_disk_returns_false(monkeypatch: pytest.MonkeyPatch) -> None:
    class Full(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, *args)

    store = ProgressStore()
    store.record(ev("c1", "rate", "good", 1, stamp(-2)))
    store.close()
    monkeypatch.setattr(ProgressStore, "_connection_factory", Full)
    assert store.record(ev("c1", "rate", "again", 2, stamp(-1))) is False
    assert store.error is not None and store.error.endswith("database or disk is full")
    monkeypatch.undo()
    monkeypatch.setenv("RECALL_NOW", "2025-01-06T09:00:00Z")
    assert store.record(ev("c2", "rate", "good", 3, stamp())) and store.error is None
    assert store.event_count() == 2 and store.status("d", "c1").reviews == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_returns_false(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir(mode=0o500)
    store = ProgressStore(tmp_path / "ro" / "progress.sqlite3")
    assert store.record(ev("c1", "rate", "good", 1, stamp())) is False
    assert store.error is not None


def test_a_store_whose_file_was_deleted_starts_a_new_one(progress_path: Path) -> None:
    store = ProgressStore()
    store.record(ev("c1", "rate", "good", 1, stamp(-2)))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{progress_path}{suffix}").unlink(missing_ok=True)
    assert store.record(ev("c2", "rate", "good", 2, stamp(-1)))
    assert ProgressStore(progress_path).events() == store.events()
    assert [e["item"] for e in store.events()] == ["c2"]


def test_shared_store_is_one_per_file(progress_path: Path, tmp_path: Path) -> None:
    assert shared_store() is shared_store(progress_path)
    assert shared_store(tmp_path / "other") is not shared_store()


def test_reset_deletes_everything() -> None:
    store = filled_store(Path(os.environ["RECALL_PROGRESS"]))
    assert store.reset() == 8
    assert store.events() == [] and store.due(now=NOW + dt.timedelta(days=400)) == []
    assert store.status("d", "c1").stage == "new"


def test_the_package_names_the_rooms_classes_and_imports_them_on_first_use() -> None:
    probe = (
        "import sys\n"
        "import recall_widgets.progress as progress\n"
        "assert 'recall_widgets.progress.store' not in sys.modules, 'imported eagerly'\n"
        "assert 'fsrs' not in sys.modules and 'sqlite3' not in sys.modules, 'imported eagerly'\n"
        "from recall_widgets.progress import ProgressStore\n"
        "from recall_widgets.progress.store import ProgressStore as Defined\n"
        "assert ProgressStore is Defined and 'fsrs' in sys.modules\n"
        "print(all(getattr(progress, name) is not None for name in progress.__all__))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_reset_of_a_deck_or_some_items() -> None:
    store = filled_store(Path(os.environ["RECALL_PROGRESS"]))
    decks = sorted({e["deck"] for e in store.events()})
    by_item = sorted({(e["deck"], e["item"]) for e in store.events()})
    deck, item = by_item[0]
    count = store.event_count(deck, [item])
    assert count and store.reset(deck, [item]) == count
    assert (deck, item) not in {(e["deck"], e["item"]) for e in store.events()}
    assert store.status(deck, item).stage == "new"
    assert store.event_count(deck) == store.reset(deck)
    assert {e["deck"] for e in store.events()} == set(decks) - {deck}
    with pytest.raises(ValueError, match="items need their deck"):
        store.reset(items=["c1"])
