"""Bounded runs for the widget benchmark; its servers and Chromium are tests/browser/servers.py's.

A command runs in its own session and is stopped with all its descendants by
:func:`tests.browser.servers.stop_tree`, also when it times out. The bench scripts put the
repository root on ``sys.path`` before importing this.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from tests.browser.servers import start_in_session, stop_tree


def run_bounded(
    command: list[str], *, cwd: Path, env: dict[str, str], timeout: float
) -> tuple[int | None, float, str]:
    """Run ``command`` in its own session; return (exit code or None on timeout, seconds, log)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = start_in_session(command, cwd=cwd, env=env, stdout=log)
        try:
            code: int | None = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            stop_tree(proc, grace=5)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    return code, time.perf_counter() - start, text
