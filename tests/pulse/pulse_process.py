"""Helpers for the pulse's tests and benchmark: the real `recall-widgets pulse` in a process of
its own on 127.0.0.1, and learner kernels (processes using the widgets' Python API)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
DECKS = REPO / "content"
LEARNER_SCRIPT = Path(__file__).resolve().parent / "learner_kernel.py"
READY_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(
    url: str,
    *,
    body: bytes | None = None,
    token: str | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, dict[str, str]]:
    """One HTTP request: (status, body, headers), HTTP errors included."""
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=body, headers=sent, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class PulseProcess:
    """`recall-widgets pulse` on a free 127.0.0.1 port over the course's decks, its room in
    ``database``; started by :meth:`start`, stopped (or killed) by pid."""

    def __init__(
        self,
        database: str | Path,
        log: Path,
        port: int | None = None,
        args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.database, self.log = database, log
        self.args, self.env = list(args), dict(env or {})
        self.cwd: Path | None = None
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.instructor_token = self.room_code = ""

    def start(self) -> PulseProcess:
        command = [
            str(Path(sys.executable).parent / "recall-widgets"),
            "pulse",
            "--decks",
            str(DECKS),
            "--db",
            str(self.database),
            "--port",
            str(self.port),
            *self.args,
        ]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                command,
                env={**os.environ, **self.env} if self.env else None,
                cwd=self.cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the pulse exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if request(f"{self.url}/api/health")[0] == 200:
                    break
            time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError(f"the pulse was not ready: {self.log.read_text()[-2000:]}")
        text = self.log.read_text()
        self.instructor_token = re.findall(r"\?token=(\S+)", text)[-1]
        self.room_code = re.findall(r"RECALL_PULSE_TOKEN=(\S+)", text)[-1]
        return self

    def stop(self, *, kill: bool = False) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def learner_token(self, learner: str) -> str:
        """A learner token, as `recall-widgets pulse --tokens` prints it."""
        command = [
            str(Path(sys.executable).parent / "recall-widgets"),
            "pulse",
            "--db",
            str(self.database),
            "--tokens",
            learner,
        ]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return out.split("\t")[1].strip()

    def summary(self, **params: str) -> dict[str, Any]:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        status, body, _ = request(f"{self.url}/api/summary?{query}", token=self.instructor_token)
        assert status == 200, body
        return dict(json.loads(body))

    def post_events(self, token: str | None, events: Any) -> tuple[int, dict[str, Any]]:
        body = events if isinstance(events, bytes) else json.dumps(events).encode()
        status, answer, _ = request(f"{self.url}/api/events", body=body, token=token)
        try:
            return status, json.loads(answer)
        except ValueError:
            return status, {"raw": answer.decode(errors="replace")}


class LearnerKernel:
    """A learner's kernel: a Python process with its own store, driving a Quiz, Flashcards and
    a RecallPrompt over the course's deck; told what to do one JSON line at a time."""

    def __init__(self, home: Path, env: dict[str, str]) -> None:
        home.mkdir(parents=True, exist_ok=True)
        full = {
            **os.environ,
            "RECALL_PROGRESS": str(home / "progress.sqlite3"),
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        full.pop("RECALL_NOW", None)  # real times: each learner's events are their own
        self.proc = subprocess.Popen(
            [sys.executable, str(LEARNER_SCRIPT), str(DECKS / "flask-sessions.yaml")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(home / "stderr").open("wb"),
            env=full,
            text=True,
            start_new_session=True,
        )
        self.home = home

    def do(self, **command: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError((self.home / "stderr").read_text()[-2000:])
        return dict(json.loads(line))

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                self.do(action="quit")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
