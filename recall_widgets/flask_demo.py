"""Live Flask session demos: a small app factory, a real local server, a browser, a clock."""

from __future__ import annotations

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from flask import Flask, current_app, session
from itsdangerous.timed import TimestampSigner
from werkzeug.serving import WSGIRequestHandler, make_server

__all__ = [
    "DEMO_SECRET_KEY",
    "Browser",
    "DemoError",
    "demo_server",
    "frozen_clock",
    "make_app",
]

#: A fixed key FOR DEMOS ONLY, so notebook outputs are stable. A real app takes its key
#: from ``secrets.token_hex()`` or the environment, never from source control.
DEMO_SECRET_KEY = "demo-only-key-never-use-in-production"


class DemoError(Exception):
    """Flask did not behave the way the demo says it does."""


def make_app(
    secret_key: str | None = DEMO_SECRET_KEY, *, server_side: bool = False, **config: Any
) -> Flask:
    """Build a fresh demo app, so a notebook cell can be run again.

    Routes (each returns plain text):

    - ``/visit``: count visits in ``session["visits"]``;
    - ``/set/<key>/<value>``, ``/get/<key>``, ``/pop/<key>`` (``pop(key, None)``);
    - ``/cart/add/<item>``: append to ``session["cart"]`` in place, which Flask does not
      notice (only the first item is kept); ``/cart/add-fixed/<item>`` also sets
      ``session.modified = True``; ``/cart`` shows the cart;
    - ``/login/<user>`` (``session.clear()`` first, and a new session id on a
      server-side session), ``/logout`` (``session.clear()``), ``/whoami``;
    - ``/permanent``: ``session.permanent = True``;
    - ``/big/<n>``: store ``n`` random bytes as base64 (barely compressible).

    Parameters
    ----------
    secret_key
        The app's ``SECRET_KEY``; ``None`` (or ``""``) for an app without one.
    server_side
        Keep sessions on the server with Flask-Session's cachelib backend (an in-memory
        ``SimpleCache``): the cookie then holds only a session id.
    **config
        More ``app.config`` settings, e.g. ``SECRET_KEY_FALLBACKS=["old key"]``.

    Returns
    -------
    Flask
        A new app with ``testing = True``, so exceptions reach the notebook cell.

    Example
    -------
    >>> client = make_app().test_client()
    >>> [client.get("/visit").text for _ in range(3)]
    ['1', '2', '3']
    """
    app = Flask(__name__)
    app.testing = True
    app.secret_key = secret_key
    app.config.update(config)
    if server_side:
        from cachelib import SimpleCache
        from flask_session import Session  # type: ignore[import-untyped]

        app.config.update(SESSION_TYPE="cachelib", SESSION_CACHELIB=SimpleCache())
        Session(app)

    @app.route("/visit")
    def visit() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return str(session["visits"])

    @app.route("/set/<key>/<value>")
    def set_value(key: str, value: str) -> str:
        session[key] = value
        return "ok"

    @app.route("/get/<key>")
    def get_value(key: str) -> str:
        return repr(session.get(key))

    @app.route("/pop/<key>")
    def pop_value(key: str) -> str:
        return repr(session.pop(key, None))

    @app.route("/cart")
    def cart() -> str:
        return repr(session.get("cart", []))

    @app.route("/cart/add/<item>")
    def cart_add(item: str) -> str:
        session.setdefault("cart", []).append(item)
        return repr(session["cart"])

    @app.route("/cart/add-fixed/<item>")
    def cart_add_fixed(item: str) -> str:
        session.setdefault("cart", []).append(item)
        session.modified = True
        return repr(session["cart"])

    @app.route("/login/<user>")
    def login(user: str) -> str:
        session.clear()
        session["user"] = user
        regenerate = getattr(current_app.session_interface, "regenerate", None)
        if regenerate is not None:
            regenerate(session)
        return f"logged in as {user}"

    @app.route("/logout")
    def logout() -> str:
        session.clear()
        return "logged out"

    @app.route("/whoami")
    def whoami() -> str:
        return str(session.get("user", "anonymous"))

    @app.route("/permanent")
    def permanent() -> str:
        session.permanent = True
        return "permanent"

    @app.route("/big/<int:n>")
    def big(n: int) -> str:
        import base64
        import random

        session["blob"] = base64.b64encode(random.Random(n).randbytes(n)).decode()
        return f"stored {n} random bytes"

    return app


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's request handler without the access log (it prints a timestamp)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@contextmanager
def demo_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` over real HTTP on 127.0.0.1, on a free port, on a daemon thread.

    The server is shut down, its socket closed and its thread joined on exit, even
    when the block raises.

    Parameters
    ----------
    app
        The app to serve.

    Yields
    ------
    str
        The base URL, e.g. ``http://127.0.0.1:40123`` (the port changes every run:
        do not print it).

    Example
    -------
    >>> with demo_server(make_app()) as url:
    ...     browser = Browser(url)
    ...     [browser.get("/visit") for _ in range(2)]
    [(200, '1'), (200, '2')]
    """
    server = make_server("127.0.0.1", 0, app, threaded=False, request_handler=_QuietHandler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Browser:
    """A minimal browser for :func:`demo_server`: ``urllib`` with a cookie jar, no proxy.

    Parameters
    ----------
    base_url
        The URL that :func:`demo_server` yields.
    timeout
        Seconds to wait for each response.

    Example
    -------
    >>> with demo_server(make_app()) as url:
    ...     browser = Browser(url)
    ...     browser.get("/login/alice")
    ...     browser.cookie() is not None
    (200, 'logged in as alice')
    True
    """

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, path: str) -> tuple[int, str]:
        """Request ``path``; return the status and the body (also for 4xx and 5xx)."""
        try:
            with self._opener.open(self.base_url + path, timeout=self.timeout) as response:
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return int(error.code), error.read().decode()

    def cookie(self, name: str = "session") -> str | None:
        """The value of the cookie ``name`` in the jar, or ``None``."""
        for cookie in self.jar:
            if cookie.name == name:
                return cookie.value
        return None

    def set_cookie(self, value: str, name: str = "session") -> None:
        """Put a cookie in the jar (e.g. a tampered or copied one) for the next request."""
        host = urllib.parse.urlparse(self.base_url).hostname or "127.0.0.1"
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                version=0,
                name=name,
                value=value,
                port=None,
                port_specified=False,
                domain=host,
                domain_specified=False,
                domain_initial_dot=False,
                path="/",
                path_specified=True,
                secure=False,
                expires=None,
                discard=True,
                comment=None,
                comment_url=None,
                rest={"HttpOnly": ""},
            )
        )

    def clear_cookies(self) -> None:
        """Forget every cookie, like a new private window."""
        self.jar.clear()


@contextmanager
def frozen_clock(timestamp: int) -> Iterator[None]:
    """Make every cookie signed inside the block carry ``timestamp``, so it is stable.

    Patches ``itsdangerous.timed.TimestampSigner.get_timestamp``, which is also used to
    check a cookie's age: inside the block "now" is ``timestamp``.

    Parameters
    ----------
    timestamp
        Seconds since the epoch.

    Example
    -------
    >>> with frozen_clock(1_700_000_000):
    ...     header = make_app().test_client().get("/visit").headers["Set-Cookie"]
    >>> header.split(";")[0]
    'session=eyJ2aXNpdHMiOjF9.ZVPxAA.PYAF7Fk2Ooxo3Ow-1XYvnIq_W_E'
    """
    with mock.patch.object(TimestampSigner, "get_timestamp", return_value=timestamp):
        yield
