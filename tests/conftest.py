"""Fixtures for every test under tests/: each test has its own progress store and a fixed clock.

The session-wide part (before nbval's kernels and the browser suite's JupyterLab start, which
inherit the environment) is the recall_widgets pytest plugin (``recall_widgets/testing/plugin.py``,
loaded by the package's ``pytest11`` entry point): ``RECALL_PROGRESS``, ``RECALL_NOW`` and
``XDG_DATA_HOME`` point into a temporary folder for the whole run.

``postgres`` (session) is ONE real PostgreSQL for the run (``pgserver.py``: a temporary
cluster run as the ``postgres`` user on a free 127.0.0.1 port), started only when a test needs
it; ``room_db`` runs a test once on a SQLite file and once on a fresh PostgreSQL database.
Without PostgreSQL those are skipped, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pgserver
import pytest
from pgserver import Postgres, postgresql


@pytest.fixture(autouse=True)
def progress_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recall_harness: Any) -> Path:
    """This test's own progress database (``RECALL_PROGRESS``); the clock is fixed."""
    path = tmp_path / "progress.sqlite3"
    monkeypatch.setenv("RECALL_PROGRESS", str(path))
    monkeypatch.setenv("RECALL_NOW", recall_harness.now)
    return path


def unavailable(what: str, missing: list[str]) -> None:
    """Skip (or, with ``CI`` set, fail) a test whose real parts this machine lacks."""
    if not missing:
        return
    reason = f"{what} cannot run here, it needs: " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """One PostgreSQL server for the run (``postgres.dsn``), stopped at the end."""
    unavailable("a test PostgreSQL", pgserver.missing_tools())
    with postgresql(fail=pytest.fail) as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def room_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """What ``--db`` names for this test's room: a SQLite file, or a fresh PostgreSQL
    database on the run's server (dropped at the end)."""
    if request.param == "sqlite":
        yield tmp_path / "pulse.sqlite3"
        return
    server: Postgres = request.getfixturevalue("postgres")
    import psycopg

    name = f"room_{secrets.token_hex(6)}"
    admin = f"postgresql://{server.user}@{server.host}:{server.port}/{server.database}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql://{server.user}@{server.host}:{server.port}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
