"""Sending the learner's events to the class pulse, in the background, until acknowledged.

A widget records each event in the learner's own store first; then, if the kernel was told
where the pulse is, hands it to the process's :class:`PulseSender` (:func:`active_sender`),
which only puts it on a queue: a widget never waits for the network. A background thread
sends the queue in batches and drops an event only once the pulse acknowledged it (or refused
it as meaningless, with a 400 saying why); while the pulse or the network is away it keeps
them and tries again, waiting longer each time (up to :data:`MAX_BACKOFF_S`); a process
ending waits up to :data:`EXIT_FLUSH_S` for the last ones. Events still queued when a kernel
stops are in the learner's store, not at the pulse. Each event has a
stable id (:func:`event_id`, from its content), so an event sent twice is counted once.

Where the pulse is
------------------
``RECALL_PULSE`` (its address, ``http://host:port``) and ``RECALL_PULSE_TOKEN`` (a learner
token the instructor handed out, or the room code), in the kernel's environment; or a call in
the start notebook, :func:`recall_widgets.connect_pulse`. With the room code the sender joins
first as the learner (:func:`~recall_widgets.progress.identity.learner_identity`:
``RECALL_LEARNER`` and ``RECALL_LEARNER_NAME``, what ``set_learner`` saved, else the
JupyterHub user or the login name), and keeps the learner token it is given in ``pulse-token.json``
beside the learner's store, so a restarted kernel is the same learner.

On a JupyterHub
---------------
When the pulse is a service of the learner's hub, the hub's spawner sets ``RECALL_PULSE`` and
``RECALL_PULSE_SERVICE`` (the service's name, ``recall-pulse``) and no pulse token: the sender
posts with the kernel's own hub token, ``JUPYTERHUB_API_TOKEN``, to
``<RECALL_PULSE>/services/<name>/api/events``, and the pulse asks the hub whose token it is, so
the learner is the hub user (no join, no token file).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .events import canonical_json
from .identity import ENV_LEARNER, ENV_NAME, learner_identity

__all__ = [
    "ENV_HUB_TOKEN",
    "ENV_LEARNER",
    "ENV_NAME",
    "ENV_SERVICE",
    "ENV_TOKEN",
    "ENV_URL",
    "MAX_BACKOFF_S",
    "PulseSender",
    "active_sender",
    "configure",
    "connect_pulse",
    "event_id",
]

ENV_URL = "RECALL_PULSE"
ENV_TOKEN = "RECALL_PULSE_TOKEN"
ENV_SERVICE = "RECALL_PULSE_SERVICE"
ENV_HUB_TOKEN = "JUPYTERHUB_API_TOKEN"
BATCH = 50
TIMEOUT_S = 5.0
MAX_BACKOFF_S = 5.0
EXIT_FLUSH_S = 2.0
"""How long a process ending waits for its last events to be acknowledged."""


def event_id(event: Mapping[str, Any]) -> str:
    """An event's stable id: a hash of its deck, item, kind, value, seq and time."""
    keys = ("deck", "item", "kind", "value", "seq", "time")
    text = canonical_json({k: event.get(k) for k in keys})
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class PulseSender:
    """Sends events to the pulse at ``url`` from a background thread (see the module docstring).

    Parameters
    ----------
    url:
        The pulse's address, ``http://host:port``.
    token:
        A learner token, or the room code (then the sender joins as ``learner``).
    learner, name:
        The learner id and display name to join with (a room code only).
    token_file:
        Where a learner token got by joining is kept (None: not kept).
    service:
        On a hub: the pulse's service name; ``token`` is then the kernel's hub token
        (``JUPYTERHUB_API_TOKEN``) and the events go to ``<url>/services/<service>/``.

    Example
    -------
    >>> sender = PulseSender("http://127.0.0.1:9", "ABCD-EFGH", learner="ana")
    >>> sender.pending
    0
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        learner: str | None = None,
        name: str | None = None,
        token_file: Path | None = None,
        service: str | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        if service and not self.url.endswith(f"/services/{service}"):
            self.url += f"/services/{service}"
        self.service = service
        identity = learner_identity()
        self.learner = learner or identity.id
        self.name = name or (identity.name if self.learner == identity.id else self.learner)
        self._token_file = token_file
        self._room_code: str | None = None
        self._token: str | None = None
        if service or "." in token:  # the hub's token: the pulse asks the hub who it is
            self._token = token
        else:
            self._room_code = token
            self._token = self._kept_token()
        self._queue: list[tuple[str, dict[str, Any]]] = []
        self._ids: set[str] = set()
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None
        self.acknowledged = 0
        self.error: str | None = None
        self.announced = False

    @property
    def pending(self) -> int:
        """Events queued and not yet acknowledged."""
        with self._lock:
            return len(self._queue)

    def send(self, event: Mapping[str, Any]) -> None:
        """Queue a decided event (never blocks on the network); the same event once."""
        identity = event_id(event)
        with self._lock:
            if identity in self._ids:
                return
            self._ids.add(identity)
            self._queue.append((identity, dict(event)))
            self._lock.notify()
            if self._thread is None:
                atexit.register(self.flush, EXIT_FLUSH_S)  # a script's last answers go too
                self._thread = threading.Thread(
                    target=self._run, name="recall-widgets-pulse", daemon=True
                )
                self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued event is acknowledged (True) or ``timeout`` passed."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._queue:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.05))
        return True

    # -- the background thread ---------------------------------------------------------------

    def _run(self) -> None:
        backoff = 0.2
        while True:
            with self._lock:
                while not self._queue:
                    self._lock.wait()
                batch = self._queue[:BATCH]
            wait = self._send(batch)
            if wait is None:
                backoff = 0.2
                continue
            time.sleep(wait if wait > 0 else backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_S)

    def _send(self, batch: list[tuple[str, dict[str, Any]]]) -> float | None:
        """Send one batch; None when it went (or was refused), else seconds to wait (0: back
        off)."""
        if self._token is None and not self._join():
            return 0.0
        body = {"name": self.name, "events": [{"id": i, "event": e} for i, e in batch]}
        status, answer, retry = self._post("/api/events", body, self._token)
        if status == 200:
            self._done({str(i) for i in answer.get("acknowledged", [])})
            self.acknowledged += len(answer.get("acknowledged", []))
            self.error = None
            return None
        if status == 400 and answer.get("refused"):  # meaningless events: never accepted
            refused = {str(r.get("id")) for r in answer["refused"]}
            self.error = str(answer.get("error"))
            self._done(refused)
            return None
        self.error = str(answer.get("error") or f"HTTP {status}")
        return retry if status == 429 else 0.0

    def _done(self, ids: set[str]) -> None:
        with self._lock:
            self._queue = [(i, e) for i, e in self._queue if i not in ids]
            self._lock.notify_all()

    def _post(
        self, path: str, body: object, token: str | None
    ) -> tuple[int, dict[str, Any], float]:
        import urllib.error  # on the first send: importing the widgets stays light
        import urllib.request

        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"{'token' if self.service else 'Bearer'} {token}"
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return response.status, json.loads(response.read() or b"{}"), 0.0
        except urllib.error.HTTPError as error:
            try:
                answer = json.loads(error.read() or b"{}")
            except ValueError:
                answer = {}
            retry = float(error.headers.get("Retry-After") or 0)
            return error.code, answer if isinstance(answer, dict) else {}, retry
        except (OSError, ValueError) as error:  # the pulse or the network is away
            return 0, {"error": f"cannot reach the pulse at {self.url}: {error}"}, 0.0

    def _join(self) -> bool:
        body = {"room": self._room_code, "learner": self.learner, "name": self.name}
        status, answer, _retry = self._post("/api/join", body, None)
        if status == 200 and isinstance(answer.get("token"), str):
            self._token = answer["token"]
            self._keep_token()
            return True
        self.error = str(answer.get("error") or f"HTTP {status}")
        return False

    def _kept_token(self) -> str | None:
        if self._token_file is None:
            return None
        try:
            kept = json.loads(self._token_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        token = kept.get(f"{self.url} {self.learner}") if isinstance(kept, dict) else None
        return token if isinstance(token, str) else None

    def _keep_token(self) -> None:
        if self._token_file is None or self._token is None:
            return
        try:
            kept = json.loads(self._token_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        kept = kept if isinstance(kept, dict) else {}
        kept[f"{self.url} {self.learner}"] = self._token
        try:
            self._token_file.parent.mkdir(parents=True, exist_ok=True)
            self._token_file.write_text(json.dumps(kept, indent=1), encoding="utf-8")
            self._token_file.chmod(0o600)
        except OSError:
            pass  # the next kernel joins again; the room code says who may


_active: PulseSender | None = None
_configured = False
_config_lock = threading.Lock()


def configure(
    url: str | None,
    token: str | None = None,
    *,
    learner: str | None = None,
    name: str | None = None,
    service: str | None = None,
) -> PulseSender | None:
    """Send this process's events to the pulse at ``url`` (None: stop sending); the sender.

    With no ``token`` on a hub (``RECALL_PULSE_SERVICE`` or ``service``, and
    ``JUPYTERHUB_API_TOKEN``), the kernel's hub token is used.
    """
    global _active, _configured
    with _config_lock:
        _configured = True
        if not url:
            _active = None
            return None
        service = service or os.environ.get(ENV_SERVICE, "").strip() or None
        hub_token = os.environ.get(ENV_HUB_TOKEN, "").strip()
        if not token and service and hub_token:
            _active = PulseSender(url, hub_token, learner=learner, name=name, service=service)
            return _active
        if not token:
            raise ValueError(
                f"the pulse at {url} needs a token: a learner token or the room code "
                f"(set {ENV_TOKEN}, or pass token=)"
            )
        from .database import default_path

        token_file = default_path().parent / "pulse-token.json"
        _active = PulseSender(url, token, learner=learner, name=name, token_file=token_file)
        return _active


def active_sender() -> PulseSender | None:
    """This process's sender: the one :func:`configure` set, else one from ``RECALL_PULSE``
    and ``RECALL_PULSE_TOKEN`` if set (looked at once), else None."""
    if not _configured:
        url = os.environ.get(ENV_URL, "").strip()
        try:
            configure(url or None, os.environ.get(ENV_TOKEN, "").strip() or None)
        except ValueError:
            configure(None)
            raise
    return _active


def connect_pulse(
    url: str | None = None,
    token: str | None = None,
    *,
    learner: str | None = None,
    name: str | None = None,
) -> None:
    """Send this kernel's answers to the class pulse too, and print whether it does.

    Parameters
    ----------
    url:
        The pulse's address (default: ``RECALL_PULSE``; neither: nothing is sent).
    token:
        A learner token or the room code (default: ``RECALL_PULSE_TOKEN``).
    learner, name:
        The learner id and display name to join with (default: the learner's identity,
        :func:`~recall_widgets.progress.identity.learner_identity`).

    Example
    -------
    >>> connect_pulse(None)  # doctest: +SKIP
    Not reporting to a class pulse (RECALL_PULSE is not set): your answers stay with you.
    """
    url = url or os.environ.get(ENV_URL, "").strip() or None
    token = token or os.environ.get(ENV_TOKEN, "").strip() or None
    sender = configure(url, token, learner=learner, name=name)
    if sender is None:
        print(f"Not reporting to a class pulse ({ENV_URL} is not set): your answers stay with you.")
        return
    print(f"Your answers also go to the class pulse at {sender.url}, as {sender.name}.")
