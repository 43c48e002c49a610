"""A real local JupyterHub on 127.0.0.1 for the hub tests and ``bench/bench_hub.py``.

:func:`local_hub` writes a ``jupyterhub_config.py`` into a temporary state folder and starts
``jupyterhub`` from this interpreter with it: DummyAuthenticator (one shared password),
SimpleLocalProcessSpawner (each learner's home a folder of the state folder, servers started
with ``--allow-root``), configurable-http-proxy from the repository's ``node_modules`` (pinned in
package.json), the hub, the proxy's API and every learner server on 127.0.0.1. The deployment
guide's fragment (``docs/jupyterhub_config_fragment.py``) is loaded as written, between the
test settings and the caller's ``extra_config`` (see :func:`service_override`). A ``test-driver``
service with an API token drives the hub through its REST API. At the end the hub gets SIGTERM
by its pid (with ``cleanup_servers`` it stops the proxy and the learners' servers), and anything
it started that is still alive is ended by pid.

:meth:`Hub.spawn` starts learners' servers (in parallel, timed); :meth:`Hub.run_code` runs code
in a kernel of a learner's server through that server's kernels REST API and websocket, with the
learner's own token. The module needs no pytest (a hub that never gets ready calls ``fail``).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import secrets
import shutil
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

import psutil

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "tests" / "browser") not in sys.path:
    sys.path.insert(0, str(REPO / "tests" / "browser"))

from kernels import KernelRun, run_in_kernel  # noqa: E402
from servers import (  # noqa: E402  (tests/browser's helpers: ports, processes)
    ServerError,
    free_port,
    running_server,
)

FRAGMENT = REPO / "docs" / "jupyterhub_config_fragment.py"
PROXY = Path(
    os.environ.get("RECALL_CHP", REPO / "node_modules" / ".bin" / "configurable-http-proxy")
)
#: The one password DummyAuthenticator accepts (any user name).
PASSWORD = "recall-hub-test-password"
INSTRUCTOR = "instructor"
#: The fragment's defaults: the pulse's service name and the instructors' group.
PULSE = "recall-pulse"
INSTRUCTORS = "instructors"
#: The learners the ``learners`` fixture spawns.
LEARNERS = [f"learner-{i}" for i in range(1, 6)]
DRIVER = "test-driver"
#: What the driver service may do: create users, start and stop servers, issue tokens.
DRIVER_SCOPES = [
    "admin:users",
    "admin:servers",
    "admin:groups",
    "tokens",
    "access:servers",
    "list:services",
    "read:services",
]
SPAWN_TIMEOUT = 180.0


def _raise(message: str) -> NoReturn:
    raise ServerError(message)


def missing_tools() -> list[str]:
    """What a local hub needs and this machine lacks (empty when it can run)."""
    missing = []
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        missing.append("jupyterhub (pip install -e '.[test]')")
    if not (PROXY.is_file() and os.access(PROXY, os.X_OK)):
        missing.append(f"configurable-http-proxy at {PROXY} (npm ci)")
    if shutil.which("node") is None:
        missing.append("node (apt-get install nodejs)")
    return missing


def service_override(name: str, **fields: Any) -> str:
    """Config text that updates the service ``name`` that the fragment declared (it must be
    there) with ``fields`` — e.g. a ``command`` that makes the hub start it, and its ``url``."""
    return (
        f"_found = [s for s in c.JupyterHub.services if s['name'] == {name!r}]\n"
        f"assert _found, 'the fragment declares no service named {name}'\n"
        f"_found[0].update({fields!r})\n"
    )


@dataclass
class Hub:
    """A running local JupyterHub: its public URL, the driver's token, where its state is."""

    url: str
    token: str
    state: Path
    log: Path
    #: Per learner: the API token issued to that learner (see :meth:`user_token`).
    tokens: dict[str, str] = field(default_factory=dict)

    # -- the REST API -----------------------------------------------------------------------

    def request(
        self, method: str, path: str, *, token: str | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """Call ``path`` (``/hub/api/...`` or ``/user/NAME/...``) with ``token`` (default: the
        driver's); return the status and the decoded JSON (None when empty or not JSON)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {token or self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw = int(response.status), response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None

    def api(self, method: str, path: str, *, body: Any = None) -> Any:
        """Call the hub's API as the driver; raise :class:`ServerError` unless it succeeds."""
        status, payload = self.request(method, f"/hub/api{path}", body=body)
        if status >= 400:
            raise ServerError(f"{method} /hub/api{path} gave {status}: {payload}")
        return payload

    def ready(self) -> bool:
        try:
            status, _ = self.request("GET", "/hub/api/")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
        return status == 200

    # -- learners ---------------------------------------------------------------------------

    def add_users(self, names: Iterable[str]) -> None:
        """Create the users the hub does not have yet."""
        existing = {user["name"] for user in self.api("GET", "/users")}
        new = [name for name in names if name not in existing]
        if new:
            self.api("POST", "/users", body={"usernames": new})

    def user_token(self, name: str) -> str:
        """An API token of ``name``'s own (issued once, then reused): it can do what that user
        can, no more."""
        if name not in self.tokens:
            issued = self.api(
                "POST", f"/users/{name}/tokens", body={"note": "hub tests", "expires_in": 7200}
            )
            self.tokens[name] = issued["token"]
        return self.tokens[name]

    def spawn_one(self, name: str, timeout: float = SPAWN_TIMEOUT) -> float:
        """Start ``name``'s server and wait until the hub says it is ready; return the seconds
        from the request to ready."""
        start = time.monotonic()
        status, payload = self.request("POST", f"/hub/api/users/{name}/server")
        if status not in (201, 202, 400):  # 400: already running
            raise ServerError(f"spawning {name} gave {status}: {payload}")
        while True:
            user = self.api("GET", f"/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - start
            if not user.get("pending") and not server and time.monotonic() - start > 5:
                raise ServerError(f"{name}'s server stopped while starting:\n{self.log_tail()}")
            if time.monotonic() - start > timeout:
                raise ServerError(f"{name}'s server not ready after {timeout:.0f} s")
            time.sleep(0.25)

    def spawn(self, names: list[str], timeout: float = SPAWN_TIMEOUT) -> dict[str, float]:
        """Start every learner's server at once (as a room does); return each one's spawn time.
        Raises :class:`ServerError` naming every learner whose server did not start."""
        self.add_users(names)
        results: dict[str, float] = {}
        failures: dict[str, str] = {}
        with ThreadPoolExecutor(max_workers=len(names) or 1) as pool:
            futures = {name: pool.submit(self.spawn_one, name, timeout) for name in names}
            for name, future in futures.items():
                try:
                    results[name] = future.result()
                except ServerError as error:
                    failures[name] = str(error)
        if failures:
            raise ServerError(f"{len(failures)} of {len(names)} servers failed: {failures}")
        return results

    def stop_server(self, name: str) -> None:
        """Stop ``name``'s server and wait until the hub has it stopped."""
        self.request("DELETE", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + 60
        while self.api("GET", f"/users/{name}").get("servers") and time.monotonic() < deadline:
            time.sleep(0.25)

    def server_pid(self, name: str) -> int:
        """The pid of ``name``'s single-user server (from the spawner's state)."""
        user = self.api("GET", f"/users/{name}?include_stopped_servers")
        state = user["servers"][""].get("state") or {}
        return int(state["pid"])

    def sign_in(self, name: str, password: str = PASSWORD) -> urllib.request.OpenerDirector:
        """Sign ``name`` in through the hub's login form, as a browser does (cookies, the
        ``_xsrf`` field); the opener carries the session. Raises :class:`ServerError` when the
        hub refuses the password."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{self.url}/hub/login", timeout=30):
            pass
        xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
        form = urlencode({"username": name, "password": password, "_xsrf": xsrf}).encode()
        try:
            with opener.open(f"{self.url}/hub/login?next=/hub/home", data=form, timeout=60):
                pass
        except urllib.error.HTTPError as error:
            raise ServerError(f"the hub refused {name}'s sign-in: {error.code}") from None
        return opener

    # -- kernels ----------------------------------------------------------------------------

    def start_kernel(self, name: str) -> str:
        """Start a ``python3`` kernel in ``name``'s server, with ``name``'s token; its id."""
        status, kernel = self.request(
            "POST",
            f"/user/{name}/api/kernels",
            token=self.user_token(name),
            body={"name": "python3"},
        )
        if status != 201:
            raise ServerError(f"starting a kernel for {name} gave {status}: {kernel}")
        return str(kernel["id"])

    def run_code(
        self, name: str, code: str, *, kernel: str | None = None, timeout: float = 120.0
    ) -> KernelRun:
        """Run ``code`` in a kernel of ``name``'s server (a new one unless ``kernel`` is given)
        over the Jupyter websocket, with ``name``'s token; what it printed and raised."""
        kernel_id = kernel or self.start_kernel(name)
        ws_url = self.url.replace("http://", "ws://", 1)
        return run_in_kernel(
            f"{ws_url}/user/{name}/api/kernels/{kernel_id}/channels",
            self.user_token(name),
            code,
            timeout,
        )

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def hub_config(
    state: Path, *, port: int, token: str, extra_config: str = "", fragment: Path = FRAGMENT
) -> str:
    """The test hub's ``jupyterhub_config.py``: test settings, the fragment, ``extra_config``."""
    venv_bin = Path(sys.executable).parent
    settings = {
        "bind_url": f"http://127.0.0.1:{port}",
        "hub_bind_url": f"http://127.0.0.1:{free_port()}",
        "proxy_api": f"http://127.0.0.1:{free_port()}",
        "proxy": [str(PROXY)],
        "singleuser": [str(venv_bin / "jupyterhub-singleuser")],
        "path": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "homes": str(state / "home" / "{username}"),
        "token": token,
    }
    return f"""\
# Written by tests/hub/hubs.py: a local hub for the tests, on 127.0.0.1 only.
import os
S = {settings!r}
c.JupyterHub.bind_url = S["bind_url"]
c.JupyterHub.hub_bind_url = S["hub_bind_url"]
c.ConfigurableHTTPProxy.api_url = S["proxy_api"]
c.ConfigurableHTTPProxy.command = S["proxy"]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///" + os.path.join({str(state)!r}, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join({str(state)!r}, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join({str(state)!r}, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.Authenticator.admin_users = {{{INSTRUCTOR!r}}}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = S["homes"]
c.Spawner.cmd = S["singleuser"]
c.Spawner.args = ["--allow-root"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.environment = {{"PATH": S["path"]}}
c.JupyterHub.services = [{{"name": {DRIVER!r}, "api_token": S["token"]}}]
c.JupyterHub.load_roles = [
    {{"name": {DRIVER!r}, "scopes": {DRIVER_SCOPES!r}, "services": [{DRIVER!r}]}}
]

# The deployment guide's fragment, as written.
load_subconfig({str(fragment)!r})

{extra_config}
"""


@contextlib.contextmanager
def local_hub(
    base: Path,
    *,
    extra_config: str = "",
    env: dict[str, str] | None = None,
    fragment: Path = FRAGMENT,
    fail: Callable[[str], NoReturn] = _raise,
) -> Iterator[Hub]:
    """A JupyterHub on a free 127.0.0.1 port with its state (database, cookie secret, log,
    learners' homes) under ``base``, ``env`` added to its environment (the fragment's
    settings); stopped with everything it started at the end."""
    missing = missing_tools()
    if missing:
        fail("a local JupyterHub needs: " + "; ".join(missing))
    state = base / "hub"
    (state / "home").mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(32)
    config = state / "jupyterhub_config.py"
    config.write_text(
        hub_config(state, port=port, token=token, extra_config=extra_config, fragment=fragment),
        encoding="utf-8",
    )
    log = state / "jupyterhub.log"
    hub = Hub(url=f"http://127.0.0.1:{port}", token=token, state=state, log=log)
    venv_bin = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONDONTWRITEBYTECODE": "1",
        **(env or {}),
    }
    for variable in ("JUPYTERHUB_API_TOKEN", "JUPYTER_TOKEN", "RECALL_NOW"):
        env.pop(variable, None)
    command = [str(venv_bin / "jupyterhub"), "-f", str(config)]
    try:
        with running_server(
            "jupyterhub", command, cwd=state, env=env, log=log, ready=hub.ready, fail=fail
        ):
            yield hub
    finally:
        end_leftovers(state)


def end_leftovers(state: Path) -> None:
    """End what a hub that died left running: its proxy (by the pid file the hub wrote in its
    working folder) and any process working in ``state`` (services, learners' servers and
    kernels, whose working folders are there). A hub stopped normally leaves none."""
    leftovers: list[psutil.Process] = []
    with contextlib.suppress(OSError, ValueError):
        pid = int((state / "jupyterhub-proxy.pid").read_text().strip())
        with contextlib.suppress(psutil.Error):
            proxy = psutil.Process(pid)
            if any("configurable-http-proxy" in part for part in proxy.cmdline()):
                leftovers.append(proxy)
    for proc in psutil.process_iter(["cwd"]):
        cwd = proc.info.get("cwd")
        if cwd and Path(cwd).is_relative_to(state) and proc.pid != os.getpid():
            leftovers.append(proc)
    for proc in leftovers:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _gone, alive = psutil.wait_procs(leftovers, timeout=5)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
