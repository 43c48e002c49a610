"""The test harness (root conftest.py): no test run touches the developer's own progress store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Flashcards, load_deck
from recall_widgets.progress.database import default_path

ROOT = Path(__file__).resolve().parent.parent


def test_the_session_points_every_kernel_at_a_temporary_store(recall_harness: Any) -> None:
    """What a kernel started by nbval inherits: the session's variables, not the test's."""
    env = {**os.environ, "RECALL_PROGRESS": str(recall_harness.progress)}  # undo the per-test
    probe = (
        "from recall_widgets.progress.database import default_path\n"
        "from recall_widgets.progress.clock import now, format_time\n"
        "print(default_path()); print(format_time(now()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    path, now = result.stdout.split()
    assert Path(path) == recall_harness.progress
    assert Path(path).is_relative_to(recall_harness.folder)
    assert now == recall_harness.now == "2025-01-06T09:00:00.000Z"
    assert os.environ["XDG_DATA_HOME"] == str(recall_harness.data_home)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG_DATA_HOME is Linux's")
def test_without_recall_progress_records_land_in_the_temporary_data_home(
    monkeypatch: pytest.MonkeyPatch, recall_harness: Any
) -> None:
    monkeypatch.delenv("RECALL_PROGRESS")
    store = default_path()
    assert store.is_relative_to(recall_harness.data_home)
    assert store.absolute() != recall_harness.developer_store
    cards = Flashcards(load_deck(ROOT / "content" / "flask-sessions.yaml"))
    cards.flip()
    assert cards.progress is not None and cards.progress.path == store
    assert store.is_file()


def test_the_developers_store_is_untouched_so_far(recall_harness: Any) -> None:
    """Checked again when the session ends (root conftest.py fails the run if it changed)."""
    assert not recall_harness.developer_store.is_relative_to(recall_harness.folder)
    assert not recall_harness.developer_store_changed()


def test_fingerprint_sees_a_change(tmp_path: Path, recall_harness: Any) -> None:
    fingerprint = recall_harness.fingerprint
    store = tmp_path / "p.sqlite3"
    assert fingerprint(store) == ()
    store.write_bytes(b"x")
    first = fingerprint(store)
    store.with_name("p.sqlite3-wal").write_bytes(b"yy")
    assert first and fingerprint(store) != first
