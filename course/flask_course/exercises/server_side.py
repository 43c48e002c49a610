"""Exercise ``server-side-login`` (lesson 3): log in and out with the session kept on the server.

The learner's ``app`` uses Flask-Session with the cachelib backend and has ``/login/<user>``,
``/logout`` and ``/whoami``: the cookie holds only a session id, the id changes at login (no
session fixation), and a copy of the cookie replayed after logout is logged out.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from recall_widgets.checking import Checks, Learner, expect, fail

from ._http import checking, get, learner_app, session_cookie, session_data, shown

__all__ = ["checks"]

checks = Checks()
SETUP = (
    "app.config.update(SESSION_TYPE='cachelib', SESSION_CACHELIB=SimpleCache()), then "
    "Session(app) (from flask_session import Session; from cachelib import SimpleCache)"
)


def _whoami(learner: Learner, client: FlaskClient) -> str:
    with learner.running("GET /whoami", "use session.get('user', 'anonymous')"):
        return get(client, "/whoami").text


def _login(learner: Learner, client: FlaskClient, user: str = "alice") -> None:
    with learner.running(f"GET /login/{user}"):
        get(client, f"/login/{user}")


def _server_side(app: Flask) -> None:
    interface = type(app.session_interface)
    if interface.__module__.startswith("flask_session.cachelib"):
        return
    if interface.__module__.startswith("flask.sessions"):
        fail(f"the session is still a signed cookie (Flask's own {interface.__name__}): {SETUP}")
    fail(
        f"the session interface is {interface.__name__}, not Flask-Session's cachelib one: {SETUP}"
    )


@checks.sub("app keeps sessions with Flask-Session's cachelib backend")
def _app(learner: Learner) -> None:
    _server_side(learner_app(learner))


@checks.sub("/whoami says who is logged in, 'anonymous' when nobody is")
def _who(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as client:
        before = _whoami(learner, client)
        expect(
            before == "anonymous",
            f"/whoami answered {shown(before)} before any login, expected 'anonymous'",
        )
        _login(learner, client)
        after = _whoami(learner, client)
    expect(
        after == "alice", f"/whoami answered {shown(after)} after /login/alice, expected 'alice'"
    )


@checks.sub("the cookie holds only a session id")
def _only_id(learner: Learner) -> None:
    app = learner_app(learner)
    _server_side(app)
    with checking(app) as client:
        _login(learner, client)
        cookie = session_cookie(client, app)
    if cookie is None:
        fail("/login/alice sent no session cookie: store the user in session['user']")
    readable = session_data(app, cookie) if app.secret_key else None
    expect(
        "alice" not in cookie and not readable,
        f"the cookie {shown(cookie)} carries the session's data, not only an id: {SETUP}",
    )


@checks.sub("the session id changes at login (no session fixation)")
def _fixation(learner: Learner) -> None:
    app = learner_app(learner)
    _server_side(app)
    with checking(app) as attacker:
        _login(learner, attacker, "mallory")
        fixed = session_cookie(attacker, app)
        if fixed is None:
            fail("/login/mallory sent no session cookie: store the user in session['user']")
        victim = app.test_client()
        victim.set_cookie(app.config["SESSION_COOKIE_NAME"], fixed, domain="localhost")
        _login(learner, victim)
        after = session_cookie(victim, app)
        replay = app.test_client()
        replay.set_cookie(app.config["SESSION_COOKIE_NAME"], fixed, domain="localhost")
        attacker_sees = _whoami(learner, replay)
    expect(
        after != fixed and attacker_sees != "alice",
        "the session id planted before /login/alice stayed the same after it, so whoever "
        f"planted it is logged in as alice (/whoami: {shown(attacker_sees)}): session.clear() "
        "keeps the id; call app.session_interface.regenerate(session) after the login",
    )


@checks.sub("a copy of the cookie replayed after /logout is logged out")
def _replay(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as victim:
        _login(learner, victim)
        copied = session_cookie(victim, app)
        if copied is None:
            fail("/login/alice sent no session cookie: store the user in session['user']")
        with learner.running("GET /logout", "session.clear() ends it for a visitor too"):
            get(victim, "/logout")
        replay = app.test_client()
        replay.set_cookie(app.config["SESSION_COOKIE_NAME"], copied, domain="localhost")
        seen = _whoami(learner, replay)
    expect(
        seen == "anonymous",
        f"a copy of alice's cookie saved before /logout still says {shown(seen)} after it: "
        "clear the session on the server at logout, session.clear(), so its record is deleted",
    )
