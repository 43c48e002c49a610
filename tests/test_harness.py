"""The test harness, the recall_widgets pytest plugin: no run touches the developer's store.

The plugin (``recall_widgets/testing/plugin.py``) is registered by the package's ``pytest11``
entry point, so every course's pytest and nbval run loads it; the root ``conftest.py`` stops a
run of this repository in which it is not loaded.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import recall_widgets.testing.plugin
from recall_widgets import Flashcards, load_deck
from recall_widgets.progress.database import default_path

ROOT = Path(__file__).resolve().parent.parent


def test_the_isolation_comes_from_the_installed_entry_point(pytestconfig: pytest.Config) -> None:
    """A missing entry point (an install older than it) must not skip isolation in silence."""
    (entry,) = importlib.metadata.entry_points(group="pytest11", name="recall_widgets")
    assert entry.value == "recall_widgets.testing.plugin", "reinstall: pip install -e . --no-deps"
    assert pytestconfig.pluginmanager.get_plugin("recall_widgets") is recall_widgets.testing.plugin


def test_a_run_without_the_plugin_stops_before_anything_runs() -> None:
    without = ["-p", "no:recall_widgets", "-p", "no:cacheprovider", "--collect-only", "-q"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *without, "tests/test_render.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "the recall_widgets pytest plugin is not loaded" in result.stderr
    assert "test_render" not in result.stdout  # nothing was collected


COURSE_TEST = """import os
from pathlib import Path


def test_the_store_is_temporary():
    store = Path(os.environ["RECALL_PROGRESS"])
    assert store != Path(os.environ["DEVELOPER_STORE"])
    assert store.name == "progress.sqlite3" and store.parent.name.startswith("recall-tests-")
    assert os.environ["RECALL_NOW"] == "2025-01-06T09:00:00.000Z"
    assert Path(os.environ["XDG_DATA_HOME"]).is_relative_to(store.parent)


def test_touch_the_developers_store():
    if os.environ.get("TOUCH"):
        Path(os.environ["DEVELOPER_STORE"]).write_bytes(b"changed")
"""


def run_course_tests(folder: Path, touch: bool) -> subprocess.CompletedProcess[str]:
    """pytest in a course of its own, outside this repository: no conftest.py, only the plugin."""
    developer_store = folder / "developer.sqlite3"
    env = {
        **os.environ,
        "RECALL_PROGRESS": str(developer_store),  # the author's own store, for that run
        "DEVELOPER_STORE": str(developer_store),
        "TOUCH": "1" if touch else "",
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_course_of_its_own_is_shielded_by_the_plugin_alone(tmp_path: Path) -> None:
    (tmp_path / "test_course_store.py").write_text(COURSE_TEST, encoding="utf-8")
    assert not list(tmp_path.glob("conftest.py"))
    clean = run_course_tests(tmp_path, touch=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "recall-widgets: progress store " in clean.stdout  # the report header says so
    touched = run_course_tests(tmp_path, touch=True)
    assert touched.returncode == pytest.ExitCode.TESTS_FAILED, touched.stdout
    assert "2 passed" in touched.stdout
    assert "the test run changed the developer's progress store" in touched.stdout
    assert str(tmp_path / "developer.sqlite3") in touched.stdout


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
    """Checked again when the session ends (the plugin fails the run if it changed)."""
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
