"""CSRF: the browser sends the session cookie with a cross-site form; Flask-WTF's token stops it.

Flask has no CSRF protection of its own. :func:`show_csrf` raises
:class:`~flask_course.demo.DemoError` if Flask or Flask-WTF behaves otherwise.
"""

from __future__ import annotations

import re
import string
from typing import Any

from flask import Flask, request, session
from flask.testing import FlaskClient
from flask_wtf.csrf import CSRFProtect, generate_csrf  # type: ignore[import-untyped]
from werkzeug.test import TestResponse

from ._shared import Shown, expect, get, session_cookie
from .cookies import inspect_cookie
from .demo import DEMO_SECRET_KEY

__all__ = ["CROSS_SITE_HEADERS", "make_csrf_app", "show_csrf"]

#: What a browser sends with a form that another site (``https://evil.example``) submits.
CROSS_SITE_HEADERS = {"Origin": "https://evil.example", "Referer": "https://evil.example/win"}


def make_csrf_app(*, protect: bool = True, **config: Any) -> Flask:
    """A small app with a login and a "change my e-mail" form, with or without ``CSRFProtect``.

    Routes (each returns plain text):

    - ``/login/<user>``: ``session.clear()``, then ``session["user"] = user``;
    - ``/form``: the page with the form; it returns the token from ``generate_csrf()``
      (a real page puts it in a hidden ``csrf_token`` field);
    - ``POST /email``: ``session["email"] = request.form["email"]`` (for the logged-in user);
    - ``/email``: the current e-mail address.

    Parameters
    ----------
    protect
        Apply Flask-WTF's ``CSRFProtect(app)``: every POST then needs the token.
    **config
        More ``app.config`` settings, e.g. ``WTF_CSRF_ENABLED=False``.

    Returns
    -------
    Flask
        A new app with ``testing = True`` and the demo key.

    Example
    -------
    >>> client = make_csrf_app(protect=False).test_client()
    >>> client.get("/login/alice").text
    'logged in as alice'
    >>> client.post("/email", data={"email": "alice@example.org"}).text
    'e-mail changed to alice@example.org'
    """
    app = Flask(__name__)
    app.testing = True
    app.secret_key = DEMO_SECRET_KEY
    app.config.update(config)
    if protect:
        CSRFProtect(app)

    @app.route("/login/<user>")
    def login(user: str) -> str:
        session.clear()
        session["user"] = user
        return f"logged in as {user}"

    @app.route("/form")
    def form() -> str:
        return str(generate_csrf())

    @app.post("/email")
    def change_email() -> str:
        session["email"] = request.form["email"]
        return f"e-mail changed to {session['email']}"

    @app.get("/email")
    def email() -> str:
        return str(session.get("email"))

    return app


def _reason(response: TestResponse) -> str:
    """The reason in Werkzeug's HTML error page, e.g. ``The CSRF token is missing.``"""
    found = re.search(r"<p>(.*?)</p>", response.text)
    return found.group(1) if found else response.text


def _cross_site_post(client: FlaskClient, **form: str) -> TestResponse:
    """The form on the other site posts a new e-mail, with the victim's cookie attached."""
    return client.post(
        "/email", data={"email": "attacker@evil.example", **form}, headers=CROSS_SITE_HEADERS
    )


def show_csrf(plain: Flask | None = None, protected: Flask | None = None) -> Shown:
    """A cross-site form POST carries the session cookie; only a CSRF token tells them apart.

    The test client plays the victim's browser: it holds the session cookie and sends it
    with a POST that another site's form makes (its ``Origin`` and ``Referer`` are that
    site). Plain Flask accepts it. With ``CSRFProtect`` the POST is refused without the
    token and accepted with it; the token's secret is stored in the session under
    ``csrf_token``, readable in the cookie. ``session.clear()`` at login drops it, so a
    token from before the login (one an attacker could know) is refused afterwards.

    Parameters
    ----------
    plain
        An app without CSRF protection (default: ``make_csrf_app(protect=False)``).
    protected
        An app with ``CSRFProtect`` (default: ``make_csrf_app()``).

    Example
    -------
    >>> print(show_csrf())  # doctest: +NORMALIZE_WHITESPACE
    CSRF: the browser attaches the session cookie to a cross-site POST
    - plain Flask, cross-site POST with the victim's cookie: status 200, e-mail changed to
      attacker@evil.example
    - with CSRFProtect, the same POST without a token: status 400, The CSRF token is missing.
    - with CSRFProtect, a POST with the token from generate_csrf(): status 200
    - where the token's secret lives: session['csrf_token'], 40 hex characters, readable in
      the cookie payload without the key
    - the token from before session.clear() at login, after it: status 400, The CSRF tokens
      do not match.
    """
    plain = make_csrf_app(protect=False) if plain is None else plain
    protected = make_csrf_app() if protected is None else protected

    victim = plain.test_client()
    get(victim, "/login/alice", "logging in works")
    forged = _cross_site_post(victim)
    changed = get(victim, "/email", "reading the e-mail works").text
    expect(
        forged.status_code == 200 and changed == "attacker@evil.example",
        "plain Flask accepts a cross-site POST that carries the session cookie",
        (forged.status_code, changed),
    )

    victim = protected.test_client()
    get(victim, "/login/alice", "logging in works")
    refused = _cross_site_post(victim)
    seen = (refused.status_code, _reason(refused))
    expect(seen == (400, "The CSRF token is missing."), "CSRFProtect refuses it", seen)
    unchanged = get(victim, "/email", "reading the e-mail works").text
    expect(unchanged == "None", "the refused POST changed nothing", unchanged)

    token = get(victim, "/form", "generate_csrf() works").text
    accepted = victim.post("/email", data={"email": "alice@example.org", "csrf_token": token})
    expect(accepted.status_code == 200, "a POST with the token is accepted", accepted.text)
    secret = inspect_cookie(session_cookie(victim)).payload.get("csrf_token")
    expect(
        isinstance(secret, str) and len(secret) == 40 and set(secret) <= set(string.hexdigits),
        "the token's secret is in the session under csrf_token",
        secret,
    )

    get(victim, "/login/alice", "logging in again works")
    get(victim, "/form", "generate_csrf() works")  # the page after login: a new token
    old = victim.post("/email", data={"email": "alice@example.org", "csrf_token": token})
    rotated = (old.status_code, _reason(old))
    expect(
        rotated == (400, "The CSRF tokens do not match."),
        "clear() at login drops the token, so an old token is refused",
        rotated,
    )
    return Shown(
        "CSRF: the browser attaches the session cookie to a cross-site POST",
        {
            "plain Flask, cross-site POST with the victim's cookie": (
                f"status {forged.status_code}, e-mail changed to {changed}"
            ),
            "with CSRFProtect, the same POST without a token": f"status {seen[0]}, {seen[1]}",
            "with CSRFProtect, a POST with the token from generate_csrf()": (
                f"status {accepted.status_code}"
            ),
            "where the token's secret lives": (
                "session['csrf_token'], 40 hex characters, readable in the cookie payload "
                "without the key"
            ),
            "the token from before session.clear() at login, after it": (
                f"status {rotated[0]}, {rotated[1]}"
            ),
        },
    )
