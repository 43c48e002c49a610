"""Running code in a kernel of a Jupyter server over its websocket (the hub tests' learners).

A learner's kernel is reached the way JupyterLab reaches it: the server's
``/api/kernels/ID/channels`` websocket, JSON messages of the Jupyter protocol (no subprotocol),
authenticated with the learner's own token. Needs only ``websocket-client`` (a dependency of
jupyter_server).
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from servers import ServerError


@dataclass
class KernelRun:
    """What a piece of code printed in a kernel, and the error it raised (if any)."""

    stdout: str
    error: str | None


def run_in_kernel(channels_url: str, token: str, code: str, timeout: float) -> KernelRun:
    """Run ``code`` in the kernel whose channels websocket is ``channels_url``, with ``token``;
    what it printed on stdout and the error it raised."""
    import websocket

    conn = websocket.create_connection(
        channels_url, header=[f"Authorization: token {token}"], timeout=timeout
    )
    try:
        msg_id = uuid.uuid4().hex
        conn.send(json.dumps(execute_request(msg_id, code)))
        return collect_output(conn, msg_id, timeout)
    finally:
        conn.close()


def execute_request(msg_id: str, code: str) -> dict[str, Any]:
    """A Jupyter ``execute_request`` message for the websocket's JSON protocol."""
    return {
        "header": {
            "msg_id": msg_id,
            "username": "hub-tests",
            "session": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }


def collect_output(conn: Any, msg_id: str, timeout: float) -> KernelRun:
    """Read the kernel's messages for ``msg_id`` until it is idle again."""
    stdout: list[str] = []
    error: str | None = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = json.loads(conn.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream" and content.get("name") == "stdout":
            stdout.append(content["text"])
        elif kind == "error":
            error = f"{content['ename']}: {content['evalue']}"
        elif kind == "status" and content.get("execution_state") == "idle":
            return KernelRun(stdout="".join(stdout), error=error)
    raise ServerError(f"the kernel did not finish in {timeout:.0f} s")
