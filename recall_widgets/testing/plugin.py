"""The pytest plugin that shields every test and notebook run from its author's progress store.

Registered by recall-widgets' ``pytest11`` entry point (``recall_widgets``), so it is loaded in
every pytest run, nbval's included, where the package is installed: a course's own tests need no
``conftest.py`` for it. No test and no notebook ever touches the developer's own progress store,
and the clock is fixed so notebooks' stored outputs are deterministic. In
:func:`pytest_configure`, before anything is collected (nbval starts a notebook's kernel when it
sets up the notebook, before any fixture runs, and kernels inherit ``os.environ``), it sets:

- ``RECALL_PROGRESS``: a fresh database file in a temporary folder (the store of every kernel);
- ``RECALL_NOW``: :data:`FIXED_NOW` (see :func:`recall_widgets.progress.clock.now`);
- ``XDG_DATA_HOME``: a temporary folder, so that code that ignores ``RECALL_PROGRESS`` and
  falls back to the per-user store (on Linux) writes there too;
- ``RECALL_LEARNER``: ``learner`` (exports name the same learner on every machine), and no
  ``RECALL_PULSE``: no test reports to the developer's class pulse.

At the end the environment is restored and the folder removed, and the run fails if the
developer's own store (their ``RECALL_PROGRESS``, else the per-user file) changed during it.
The ``recall_harness`` fixture gives tests these paths; the report header names the store.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = [
    "FIXED_NOW",
    "HARNESS",
    "PLUGIN_NAME",
    "VARIABLES",
    "Harness",
    "recall_harness",
]

PLUGIN_NAME = "recall_widgets"
"""The plugin's name in pytest (its entry point's): ``-p no:recall_widgets`` turns it off."""
FIXED_NOW = "2025-01-06T09:00:00.000Z"
"""The clock of every test and notebook run (a Monday morning), as ``RECALL_NOW``."""
VARIABLES = (
    "RECALL_PROGRESS",
    "RECALL_NOW",
    "XDG_DATA_HOME",
    "RECALL_PULSE",
    "RECALL_PULSE_TOKEN",
    "RECALL_LEARNER",
    "RECALL_LEARNER_NAME",
)

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Harness:
    """What the session set up: its temporary folder, store, clock and the developer's store."""

    folder: Path
    progress: Path
    data_home: Path
    now: str
    developer_store: Path
    developer_fingerprint: Fingerprint
    saved: tuple[tuple[str, str | None], ...]

    @staticmethod
    def fingerprint(store: Path) -> Fingerprint:
        """Size and modification time of the store's database, WAL and journal files."""
        found = []
        for suffix in ("", "-wal", "-journal"):
            path = store.with_name(store.name + suffix)
            if path.exists():
                stat = path.stat()
                found.append((path.name, stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def developer_store_changed(self) -> bool:
        """Whether the developer's own store changed since the session started."""
        return self.fingerprint(self.developer_store) != self.developer_fingerprint


HARNESS = pytest.StashKey[Harness]()


def pytest_configure(config: pytest.Config) -> None:
    """Point the session (and every kernel it starts) at a temporary store and a fixed clock."""
    from recall_widgets.progress.database import default_path

    developer_store = default_path().absolute()  # with the developer's own environment
    folder = Path(tempfile.mkdtemp(prefix="recall-tests-")).resolve()
    harness = Harness(
        folder=folder,
        progress=folder / "progress.sqlite3",
        data_home=folder / "xdg-data",
        now=FIXED_NOW,
        developer_store=developer_store,
        developer_fingerprint=Harness.fingerprint(developer_store),
        saved=tuple((name, os.environ.get(name)) for name in VARIABLES),
    )
    config.stash[HARNESS] = harness
    os.environ["RECALL_PROGRESS"] = str(harness.progress)
    os.environ["RECALL_NOW"] = FIXED_NOW
    os.environ["XDG_DATA_HOME"] = str(harness.data_home)
    for name in ("RECALL_PULSE", "RECALL_PULSE_TOKEN", "RECALL_LEARNER_NAME"):
        os.environ.pop(name, None)  # no test reports to the developer's class pulse
    os.environ["RECALL_LEARNER"] = "learner"  # exports and their names are the same everywhere


def pytest_report_header(config: pytest.Config) -> str | None:
    """One header line saying the run is shielded, and where its store is."""
    harness = config.stash.get(HARNESS, None)
    if harness is None:
        return None
    return f"recall-widgets: progress store {harness.progress} (temporary), clock {harness.now}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if the developer's own store changed during it."""
    harness = session.config.stash.get(HARNESS, None)
    if harness is None:
        return
    if harness.developer_store_changed():
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = f"the test run changed the developer's progress store {harness.developer_store}"
        if reporter is not None:
            reporter.write("\n")
            reporter.write_sep("!", f"ERROR: {message}", red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    """Restore the environment and remove the session's temporary folder."""
    harness = config.stash.get(HARNESS, None)
    if harness is None:
        return
    for name, value in harness.saved:
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(harness.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def recall_harness(pytestconfig: pytest.Config) -> Harness:
    """The session's temporary store, data folder and clock, and the developer's own store."""
    return pytestconfig.stash[HARNESS]
