"""Servers and the browser for the browser tests and the benchmarks: one place for each helper.

JupyterLab, Notebook 7, Voilà and static HTTP servers listen on 127.0.0.1 only. Every process
started here runs in its own session and is stopped with all its descendants (kernels included,
which jupyter_client starts in sessions of their own) by :func:`stop_tree`, whatever happened.

The browser tests import this module as ``servers`` (pytest puts ``tests/browser`` on
``sys.path``); the benchmarks as ``tests.browser.servers`` (they put the repository root on it).
It needs no pytest: a server that never gets ready calls ``fail`` (``pytest.fail`` in the tests,
:class:`ServerError` by default).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import psutil

CHROMIUM = os.environ.get("RECALL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1000, "height": 900}
KERNEL_IDLE_TEXT = "Python 3 (ipykernel) | Idle"
SERVER_START_TIMEOUT = 60.0

SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # Every cell stays in the DOM, so the tests can read the whole notebook's structure.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


class ServerError(RuntimeError):
    """A server exited, or was not ready in time (the message ends with its log's tail)."""


def _raise_server_error(message: str) -> NoReturn:
    raise ServerError(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_tree(proc: subprocess.Popen[Any], grace: float = 15.0) -> None:
    """SIGTERM the process's group (a server shuts its kernels down), then end any descendant
    still alive. ``proc`` must have been started with ``start_new_session=True``."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.terminate()
    _gone, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


def start_in_session(
    command: list[str], *, cwd: Path, env: dict[str, str], stdout: Any
) -> subprocess.Popen[bytes]:
    """Start ``command`` in a session of its own, no stdin, stdout and stderr to ``stdout``."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def answers_http(url: str, *, below: int = 500) -> bool:
    """Whether ``url`` gives an HTTP answer with a status below ``below`` (a server is up)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status) < below
    except urllib.error.HTTPError as error:
        return error.code < below
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def jupyter_env(base: Path) -> dict[str, str]:
    """The environment of a Jupyter server started here: this interpreter's scripts first on
    PATH, and every Jupyter config, data, runtime, settings and workspaces folder under
    ``base`` (nothing of the developer's own Jupyter setup is read or written). Its kernels
    record progress in their own store under ``base`` too, never in the store nbval's kernels
    use (the root conftest's), so what a browser test does cannot change a notebook's output;
    and they keep the real clock, like the browser."""
    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "RECALL_PROGRESS": str(base / "progress.sqlite3"),
    }
    env.pop("JUPYTER_TOKEN", None)
    # The browser stamps its events with the real time: the kernel's clock must agree with it
    # (RECALL_NOW fixes the clock for nbval's kernels only).
    env.pop("RECALL_NOW", None)
    return env


def jupyter_server_command(app: str, *, port: int, token: str, root: Path) -> list[str]:
    """``python -m app`` (a Jupyter server application) on 127.0.0.1:``port`` only, with
    ``token``, serving ``root``, opening no browser."""
    return [
        sys.executable,
        "-m",
        app,
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--allow-root",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={root}",
    ]


@contextlib.contextmanager
def running_server(
    name: str,
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    log: Path,
    ready: Callable[[], bool],
    timeout: float = SERVER_START_TIMEOUT,
    fail: Callable[[str], NoReturn] = _raise_server_error,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server in its own session, wait until ``ready()``, and at the end stop it and
    every process it started (by pid), whatever happened. Calls ``fail`` (with the log's tail)
    if it exits or is not ready in ``timeout`` seconds."""
    with log.open("wb") as log_file:
        proc = start_in_session(command, cwd=cwd, env=env, stdout=log_file)
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            if proc.poll() is not None:
                fail(f"{name} exited with {proc.returncode}:\n{tail(log)}")
            if time.monotonic() > deadline:
                fail(f"{name} was not ready after {timeout:.0f} s:\n{tail(log)}")
            time.sleep(0.2)
        yield proc
    finally:
        stop_tree(proc)


@dataclass
class LabServer:
    """A running JupyterLab: where it listens, its token and the folder it serves."""

    url: str
    token: str
    root: Path
    log: Path

    def api(self, method: str, path: str) -> Any:
        """Call the REST API with the token; return the decoded JSON (or None)."""
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"

    def ready(self) -> bool:
        try:
            self.api("GET", "/api/status")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
        return True


@contextlib.contextmanager
def jupyterlab(
    base: Path, root: Path, *, fail: Callable[[str], NoReturn] = _raise_server_error
) -> Iterator[LabServer]:
    """JupyterLab from this interpreter on a free 127.0.0.1 port with a random token, serving
    ``root``; its Jupyter folders, settings overrides (:data:`SETTINGS_OVERRIDES`) and log
    (``jupyterlab.log``) under ``base``. Stopped with its kernels at the end."""
    app_settings = base / "app-settings"
    app_settings.mkdir(parents=True, exist_ok=True)
    (app_settings / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    command = [
        *jupyter_server_command("jupyterlab", port=port, token=token, root=root),
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.app_settings_dir={app_settings}",
    ]
    log = base / "jupyterlab.log"
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)
    env = jupyter_env(base)
    with running_server(
        "jupyter-lab", command, cwd=root, env=env, log=log, ready=server.ready, fail=fail
    ):
        yield server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free 127.0.0.1 port, in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


#: The loopback names a test server may bind. Browsers treat ``127.0.0.1`` and ``localhost`` as
#: two different sites (cookies ignore ports: two ports of one host are the same site).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


@contextlib.contextmanager
def wsgi_server(app: Callable[..., Any], *, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve the WSGI ``app`` (a Flask app) with Werkzeug's ``make_server`` on a free port of
    ``host`` (a :data:`LOOPBACK_HOSTS` name; ``localhost`` binds 127.0.0.1), threaded, with no
    access log, in a thread; yield the base URL as the browser should use it
    (``http://HOST:PORT``). Stopped at the end, whatever happened."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"test servers bind loopback names only, not {host!r}")

    class QuietWSGIHandler(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    server = make_server(host, 0, app, threaded=True, request_handler=QuietWSGIHandler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


_PLAYWRIGHT: list[Any] = []
"""The running Playwright driver, if any (see :func:`chromium`)."""


@contextlib.contextmanager
def chromium(
    profile: Path, *, executable: str = CHROMIUM, timeout: float = 30_000, **options: Any
) -> Iterator[Any]:
    """One headless Chromium: a persistent Playwright context in ``profile``, default timeout
    ``timeout`` ms; ``options`` go to ``launch_persistent_context`` (``reduced_motion`` …).

    Playwright's sync API runs one driver per thread: while one is running (the suite's shared
    browser), a nested call launches its own Chromium from that driver instead of a second one."""
    from playwright.sync_api import sync_playwright

    own = not _PLAYWRIGHT
    playwright = sync_playwright().start() if own else _PLAYWRIGHT[-1]
    if own:
        _PLAYWRIGHT.append(playwright)
    try:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            **options,
        )
        context.set_default_timeout(timeout)
        try:
            yield context
        finally:
            context.close()
    finally:
        if own:
            _PLAYWRIGHT.pop()
            playwright.stop()
