"""The pulse's fixtures: one real `recall-widgets pulse` per test that needs it (its own room)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulse_process import LearnerKernel, PulseProcess


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[PulseProcess]:
    process = PulseProcess(tmp_path / "pulse.sqlite3", tmp_path / "pulse.log").start()
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
