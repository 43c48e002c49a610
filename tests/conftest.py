"""Fixtures for every test under tests/: no test ever touches the developer's own progress store.

- Session-wide (autouse, before any other session fixture such as the browser suite's
  JupyterLab server, whose kernels inherit the environment): ``RECALL_PROGRESS`` points at a
  file in a temporary folder and ``RECALL_NOW`` fixes the clock.
- Per test (autouse): a fresh ``RECALL_PROGRESS`` file in the test's ``tmp_path`` and the same
  fixed clock, so tests are independent of each other.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXED_NOW = "2025-01-06T09:00:00.000Z"
"""The clock of every test (a Monday morning), as ``RECALL_NOW``."""


@pytest.fixture(scope="session", autouse=True)
def _session_progress_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("progress") / "progress.sqlite3"
    saved = {name: os.environ.get(name) for name in ("RECALL_PROGRESS", "RECALL_NOW")}
    os.environ["RECALL_PROGRESS"] = str(path)
    os.environ["RECALL_NOW"] = FIXED_NOW
    yield path
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def progress_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own progress database (``RECALL_PROGRESS``); the clock is fixed."""
    path = tmp_path / "progress.sqlite3"
    monkeypatch.setenv("RECALL_PROGRESS", str(path))
    monkeypatch.setenv("RECALL_NOW", FIXED_NOW)
    return path
