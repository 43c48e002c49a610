"""Live Flask session demos: a small app factory, a real local server, a browser, a clock."""

from __future__ import annotations

import http.cookiejar
import inspect
import textwrap
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from flask import Flask, current_app, flash, get_flashed_messages, session
from itsdangerous.timed import TimestampSigner
from werkzeug.serving import WSGIRequestHandler, make_server

__all__ = [
    "DEMO_SECRET_KEY",
    "NO_REGENERATE_MESSAGE",
    "Browser",
    "DemoError",
    "demo_server",
    "frozen_clock",
    "make_app",
    "route_source",
]

#: A fixed key FOR DEMOS ONLY, so notebook outputs are stable. A real app takes its key
#: from ``secrets.token_hex()`` or the environment, never from source control.
DEMO_SECRET_KEY = "demo-only-key-never-use-in-production"


#: What ``/login-regenerate/<user>`` answers (status 500) on an app with signed cookie sessions.
NO_REGENERATE_MESSAGE = (
    "cannot regenerate: this app keeps the session in a signed cookie, which has no session "
    "id (SecureCookieSessionInterface has no regenerate()); use make_app(server_side=True)"
)


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
    - ``/login/<user>``: ``session.clear()``, then ``session["user"] = user``, nothing
      else (the session id of a server-side session stays the same);
    - ``/login-regenerate/<user>``: the same, then
      ``app.session_interface.regenerate(session)`` (Flask-Session: a new session id, the
      old record deleted); on a signed-cookie app, which has no ``regenerate``, it changes
      nothing and answers 500 with :data:`NO_REGENERATE_MESSAGE`;
    - ``/logout`` (``session.clear()``), ``/whoami``;
    - ``/permanent``: ``session.permanent = True``;
    - ``/flash/<message>``: ``flash(message)``; ``/flashes``: ``get_flashed_messages()``;
    - ``/hello``: never touches the session;
    - ``/has/<key>``: only ``key in session``; ``/new``: ``session.new``;
    - ``/big/<n>``: store ``n`` random bytes as base64 (barely compressible).

    :func:`route_source` prints a route's code, e.g. ``route_source(app, "/login/<user>")``.

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
        return f"logged in as {user}"

    @app.route("/login-regenerate/<user>")
    def login_regenerate(user: str) -> tuple[str, int]:
        interface: Any = current_app.session_interface
        if not hasattr(interface, "regenerate"):
            return NO_REGENERATE_MESSAGE, 500
        session.clear()
        session["user"] = user
        interface.regenerate(session)
        return f"logged in as {user}", 200

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

    @app.route("/flash/<message>")
    def flash_message(message: str) -> str:
        flash(message)
        return "flashed"

    @app.route("/flashes")
    def flashes() -> str:
        return repr(get_flashed_messages())

    @app.route("/hello")
    def hello() -> str:
        return "hello"

    @app.route("/has/<key>")
    def has(key: str) -> str:
        return str(key in session)

    @app.route("/new")
    def new() -> str:
        return str(session.new)

    @app.route("/big/<int:n>")
    def big(n: int) -> str:
        import base64
        import random

        session["blob"] = base64.b64encode(random.Random(n).randbytes(n)).decode()
        return f"stored {n} random bytes"

    return app


def route_source(app: Flask, rule: str, method: str | None = None) -> str:
    """The source code of the view function behind a URL rule, without its decorators.

    So a notebook can show the few lines of Flask code a demo runs, instead of hiding them.

    Parameters
    ----------
    app
        The app, e.g. from :func:`make_app`.
    rule
        The URL rule exactly as registered, e.g. ``"/login/<user>"``.
    method
        Only the view for this HTTP method (e.g. ``"POST"``); by default every view
        registered for the rule, separated by a blank line.

    Returns
    -------
    str
        Each ``def`` and its body, dedented, without a trailing newline.

    Raises
    ------
    KeyError
        If the app has no such rule (the message lists the rules it has).

    Example
    -------
    >>> print(route_source(make_app(), "/login/<user>"))
    def login(user: str) -> str:
        session.clear()
        session["user"] = user
        return f"logged in as {user}"
    """
    endpoints = list(
        dict.fromkeys(
            r.endpoint
            for r in app.url_map.iter_rules()
            if r.rule == rule and (method is None or method.upper() in (r.methods or ()))
        )
    )
    if not endpoints:
        rules = sorted({r.rule for r in app.url_map.iter_rules()})
        raise KeyError(f"no URL rule {rule!r} (method {method}); the app has {rules}")
    return "\n\n".join(_view_source(app.view_functions[e]) for e in endpoints)


def _view_source(view: Any) -> str:
    lines = textwrap.dedent(inspect.getsource(inspect.unwrap(view))).splitlines()
    while lines and not lines[0].lstrip().startswith(("def ", "async def ")):
        lines.pop(0)  # decorators, possibly over several lines
    return "\n".join(lines).rstrip()


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
