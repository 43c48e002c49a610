"""The pulse's fixtures: one real `recall-widgets pulse` per test that needs it (its own room,
in SQLite and in the run's real PostgreSQL: ``room_db`` in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulse_process import LearnerKernel, PulseProcess


@pytest.fixture
def pulse(tmp_path: Path, room_db: str | Path) -> Iterator[PulseProcess]:
    """The pulse over its own room: once in a SQLite file, once in PostgreSQL (``room_db``)."""
    process = PulseProcess(room_db, tmp_path / "pulse.log").start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def kernels(tmp_path: Path) -> Iterator[list[LearnerKernel]]:
    started: list[LearnerKernel] = []
    try:
        yield started
    finally:
        for kernel in started:
            kernel.stop()
