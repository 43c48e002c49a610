"""Fixtures for every test under tests/: each test has its own progress store and a fixed clock.

The session-wide part (before nbval's kernels and the browser suite's JupyterLab start, which
inherit the environment) is the recall_widgets pytest plugin (``recall_widgets/testing/plugin.py``,
loaded by the package's ``pytest11`` entry point): ``RECALL_PROGRESS``, ``RECALL_NOW`` and
``XDG_DATA_HOME`` point into a temporary folder for the whole run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def progress_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recall_harness: Any) -> Path:
    """This test's own progress database (``RECALL_PROGRESS``); the clock is fixed."""
    path = tmp_path / "progress.sqlite3"
    monkeypatch.setenv("RECALL_PROGRESS", str(path))
    monkeypatch.setenv("RECALL_NOW", recall_harness.now)
    return path
