"""The progress store across processes: killed with SIGKILL mid-stream, and two writers at once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from recall_widgets.progress import ProgressStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Records rate events on ITEMS items in turn and prints each seq once record() has returned.
WRITER = textwrap.dedent(
    """\
    import sys
    from recall_widgets.progress import ProgressStore

    path, name, count, items = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = ProgressStore(path)
    seq = 0
    while count < 0 or seq < count:
        seq += 1
        event = {"deck": "d", "item": f"c{seq % items}", "kind": "rate",
                 "value": ("again", "hard", "good", "easy")[seq % 4], "seq": seq,
                 "time": f"2025-01-0{1 + seq % 5}T{seq // 3600 % 24:02}:{seq // 60 % 60:02}:"
                         f"{seq % 60:02}.{name}Z"}
        if not store.record(event):
            sys.exit(f"not saved: {store.error}")
        print(seq, flush=True)
    """
)


def writer(path: Path, name: str, count: int, items: int = 7) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(count), str(items)],
        stdout=subprocess.PIPE,
        text=True,
    )


def stored(path: Path, name: str) -> set[int]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT seq FROM events WHERE time LIKE ?", (f"%.{name}Z",))
        return {seq for (seq,) in rows}


def test_every_acknowledged_record_survives_sigkill(progress_path: Path) -> None:
    process = writer(progress_path, "100", count=-1)  # writes until killed
    assert process.stdout is not None
    acknowledged = [int(process.stdout.readline()) for _ in range(60)]
    process.send_signal(signal.SIGKILL)  # mid-stream: it is writing the next events
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    acknowledged += [int(line) for line in process.stdout.read().split()]  # sent before the kill
    process.stdout.close()

    with sqlite3.connect(progress_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert acknowledged == list(range(1, len(acknowledged) + 1))
    assert set(acknowledged) <= stored(progress_path, "100")
    store = ProgressStore(progress_path)  # opens, and the schedules match the events
    reviews = sum(store.status("d", f"c{i}").reviews for i in range(7))
    assert reviews == store.event_count() >= len(acknowledged)


def test_two_concurrent_writers_lose_nothing(progress_path: Path) -> None:
    count = 40
    processes = [writer(progress_path, name, count, items=3) for name in ("200", "300")]
    outputs = [p.communicate(timeout=60)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0]
    for name, output in zip(("200", "300"), outputs, strict=True):
        assert [int(s) for s in output.split()] == list(range(1, count + 1))
        assert stored(progress_path, name) == set(range(1, count + 1))
    store = ProgressStore(progress_path)
    assert store.event_count() == 2 * count
    # Both processes updated the same three schedules; no update was lost.
    assert sum(store.status("d", f"c{i}").reviews for i in range(3)) == 2 * count
    exported = json.loads(store.export_text())["events"]
    assert len(exported) == 2 * count
