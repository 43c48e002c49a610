"""What the first demos hid: fixation with Flask-Session, a leaked fallback key, stolen cookies.

Each demo raises :class:`~flask_course.demo.DemoError` if Flask behaves otherwise.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient

from ._shared import Shown, expect, get, logged_in, sending, session_cookie
from .cookies import inspect_cookie
from .demo import DemoError, frozen_clock, make_app

__all__ = [
    "DAY",
    "show_fallback_forgery",
    "show_fixation",
    "show_stolen_cookie_lifetime",
]

#: Seconds in a day, for the frozen clock of :func:`show_stolen_cookie_lifetime`.
DAY = 86_400

#: Day 0 of :func:`show_stolen_cookie_lifetime` (any fixed time works: it is never printed).
_DAY_0 = 1_700_000_000


def _fixed_id_login(app: Flask, login: str) -> dict[str, Any]:
    """The attacker plants a session id from ``app`` in the victim's client; the victim
    logs in through ``login``. What each side sees afterwards."""
    attacker = app.test_client()
    get(attacker, "/visit", "visiting the site creates a session")
    fixed = session_cookie(attacker)
    victim = app.test_client()
    victim.set_cookie("session", fixed)  # planted: a link, a sub-domain, a shared computer
    response = get(victim, login + "alice", "logging in works")
    expect(response.status_code == 200, f"{login}<user> logs in", response.text)
    return {
        "fixed": fixed,
        "unchanged": session_cookie(victim) == fixed,
        "victim": get(victim, "/whoami", "whoami works").text,
        "attacker": get(sending(app, fixed), "/whoami", "whoami works").text,
    }


def show_fixation(app: Flask | None = None) -> Shown:
    """Session fixation with Flask-Session: ``session.clear()`` keeps the id, ``regenerate()``
    changes it.

    The attacker gets a session id from the site and plants it in the victim's browser.
    The victim logs in through ``/login/<user>`` (``clear()``, then the user is set): the
    id stays the same, so the attacker, sending that id, is logged in as the victim.
    Through ``/login-regenerate/<user>`` (also ``app.session_interface.regenerate(session)``)
    the id changes and the old record is deleted: the attacker is anonymous.

    Parameters
    ----------
    app
        A server-side app (default: ``make_app(server_side=True)``).

    Example
    -------
    >>> print(show_fixation())
    Session fixation with server-side sessions (Flask-Session)
    - the attacker's session id from the site: 43 characters, planted in the victim's browser
    - /login/<user> (clear() only): the victim's session id is unchanged
    - the attacker sending the fixed id: alice (logged in as the victim)
    - /login-regenerate/<user> (clear() and regenerate()): the victim gets a new session id
    - the attacker sending the fixed id then: anonymous
    - the victim with the new id: alice
    """
    app = make_app(server_side=True) if app is None else app
    if isinstance(app.session_interface, SecureCookieSessionInterface):
        raise DemoError("the fixation demo needs a server-side app: make_app(server_side=True)")
    cleared = _fixed_id_login(app, "/login/")
    expect(len(cleared["fixed"]) == 43, "a Flask-Session id has 43 characters", cleared["fixed"])
    expect(cleared["unchanged"], "clear() at login keeps the session id", cleared)
    expect(cleared["victim"] == "alice", "the victim is logged in", cleared["victim"])
    expect(
        cleared["attacker"] == "alice",
        "the attacker with the fixed id is logged in as the victim",
        cleared["attacker"],
    )
    regenerated = _fixed_id_login(app, "/login-regenerate/")
    expect(not regenerated["unchanged"], "regenerate() gives a new session id", regenerated)
    expect(regenerated["victim"] == "alice", "the victim stays logged in", regenerated)
    expect(
        regenerated["attacker"] == "anonymous",
        "the fixed id is worthless after regenerate()",
        regenerated["attacker"],
    )
    return Shown(
        "Session fixation with server-side sessions (Flask-Session)",
        {
            "the attacker's session id from the site": (
                f"{len(cleared['fixed'])} characters, planted in the victim's browser"
            ),
            "/login/<user> (clear() only)": "the victim's session id is unchanged",
            "the attacker sending the fixed id": "alice (logged in as the victim)",
            "/login-regenerate/<user> (clear() and regenerate())": (
                "the victim gets a new session id"
            ),
            "the attacker sending the fixed id then": regenerated["attacker"],
            "the victim with the new id": regenerated["victim"],
        },
    )


def show_fallback_forgery(
    leaked_key: str = "leaked demo key", new_key: str = "new demo key"
) -> Shown:
    """Never keep a leaked key in ``SECRET_KEY_FALLBACKS``: cookies forged with it verify.

    Anyone holding the leaked key can sign any session, e.g. ``{"user": "admin"}``, without
    logging in. An app with the new key that keeps the leaked one as a fallback accepts it;
    an app with only the new key refuses it, and logs everyone out, which is the right
    price after a leak.

    Parameters
    ----------
    leaked_key, new_key
        The leaked and the replacing key (demo keys: never literals in a real app).

    Example
    -------
    >>> print(show_fallback_forgery())  # doctest: +NORMALIZE_WHITESPACE
    A leaked key kept in SECRET_KEY_FALLBACKS still signs valid cookies
    - forged with the leaked key, without logging in: {'user': 'admin'}
    - new key, leaked key in SECRET_KEY_FALLBACKS: whoami -> admin (the forgery verifies)
    - new key only: whoami -> anonymous (the forgery is refused)
    - alice's real cookie, new key only: whoami -> anonymous (everyone is logged out: the
      right price after a leak)
    """
    leaked = make_app(secret_key=leaked_key)
    serializer = SecureCookieSessionInterface().get_signing_serializer(leaked)
    if serializer is None:
        raise DemoError("the forgery demo needs a leaked key")
    forged = str(serializer.dumps({"user": "admin"}))
    payload = inspect_cookie(forged).payload
    expect(payload == {"user": "admin"}, "the forged cookie holds user=admin", payload)
    _alice, real = logged_in(leaked)
    fallback = make_app(secret_key=new_key, SECRET_KEY_FALLBACKS=[leaked_key])
    with_fallback = get(sending(fallback, forged), "/whoami", "a forged cookie does not raise")
    accepted = with_fallback.text
    expect(accepted == "admin", "a cookie forged with a fallback key verifies", accepted)
    strict = make_app(secret_key=new_key)
    refused = get(sending(strict, forged), "/whoami", "a forged cookie does not raise").text
    expect(refused == "anonymous", "without the leaked key the forgery is refused", refused)
    logged_out = get(sending(strict, real), "/whoami", "an old cookie does not raise").text
    expect(logged_out == "anonymous", "without the leaked key everyone is logged out", logged_out)
    return Shown(
        "A leaked key kept in SECRET_KEY_FALLBACKS still signs valid cookies",
        {
            "forged with the leaked key, without logging in": payload,
            "new key, leaked key in SECRET_KEY_FALLBACKS": (
                f"whoami -> {accepted} (the forgery verifies)"
            ),
            "new key only": f"whoami -> {refused} (the forgery is refused)",
            "alice's real cookie, new key only": (
                f"whoami -> {logged_out} (everyone is logged out: the right price after a leak)"
            ),
        },
    )


def _on_day(day: int, client: FlaskClient, path: str = "/whoami") -> str:
    """What ``client`` gets from ``path`` with the clock frozen ``day`` days after day 0."""
    with frozen_clock(_DAY_0 + day * DAY):
        return get(client, path, "an old cookie does not raise").text


def show_stolen_cookie_lifetime(app: Flask | None = None) -> Shown:
    """How long a stolen signed cookie keeps working, with the clock frozen on each day.

    Flask keeps no record of the cookies it issued, so logout cannot revoke a copy. A copy
    works until its *signed* timestamp is older than ``PERMANENT_SESSION_LIFETIME``, even
    for a non-permanent session, whatever the browser does with ``Expires``. A permanent
    session (with the default ``SESSION_REFRESH_EACH_REQUEST=True``) answers every request
    with a freshly signed cookie, so an attacker who keeps it can use it forever. A new
    secret key (no fallback) revokes every copy.

    Parameters
    ----------
    app
        An app from :func:`make_app` with signed cookie sessions and the default lifetime
        and refresh (default: ``make_app()``). Its key is replaced for a moment for the
        last fact.

    Example
    -------
    >>> print(show_stolen_cookie_lifetime())  # doctest: +NORMALIZE_WHITESPACE
    How long a stolen cookie works (the clock frozen on each day)
    - PERMANENT_SESSION_LIFETIME: 31 days
    - permanent session copied on day 0, the attacker keeping each fresh cookie: alice on
      days 25, 50, 75, 100
    - the day-0 permanent copy itself on day 100: anonymous (signed too long ago)
    - non-permanent copy on day 30: alice
    - non-permanent copy on day 32: anonymous (older than PERMANENT_SESSION_LIFETIME since it
      was signed, whatever the browser does)
    - non-permanent copy sent to a view that writes on day 30, the fresh cookie on day 60:
      alice (every write signs it again)
    - after the secret key changes (no fallback): every copy -> anonymous
    """
    app = make_app() if app is None else app
    if not isinstance(app.session_interface, SecureCookieSessionInterface):
        raise DemoError("the stolen-cookie demo needs an app with signed cookie sessions")
    days = app.permanent_session_lifetime.days
    expect(days == 31, "PERMANENT_SESSION_LIFETIME is 31 days", app.permanent_session_lifetime)

    victim = app.test_client()
    with frozen_clock(_DAY_0):
        get(victim, "/login/alice", "logging in works")
        non_permanent = session_cookie(victim)
        get(victim, "/permanent", "making the session permanent works")
        permanent = session_cookie(victim)

    attacker = sending(app, permanent)
    kept = {day: _on_day(day, attacker) for day in (25, 50, 75, 100)}
    expect(
        set(kept.values()) == {"alice"},
        "a permanent cookie re-signed on every request can be kept alive",
        kept,
    )
    kept_alive = session_cookie(attacker)
    original = _on_day(100, sending(app, permanent))
    expect(original == "anonymous", "the day-0 copy itself has expired by day 100", original)

    day_30 = _on_day(30, sending(app, non_permanent))
    day_32 = _on_day(32, sending(app, non_permanent))
    expect(day_30 == "alice", "a non-permanent copy works on day 30", day_30)
    expect(
        day_32 == "anonymous",
        "a non-permanent copy is refused PERMANENT_SESSION_LIFETIME after it was signed",
        day_32,
    )
    refresher = sending(app, non_permanent)
    _on_day(30, refresher, "/visit")
    day_60 = _on_day(60, refresher)
    expect(day_60 == "alice", "a view that writes re-signs a non-permanent copy", day_60)

    key = app.secret_key
    app.secret_key = "a new key, no fallback"
    try:
        after = {
            name: _on_day(day, sending(app, cookie))
            for name, day, cookie in [
                ("non-permanent copy", 30, non_permanent),
                ("kept-alive permanent cookie", 100, kept_alive),
            ]
        }
    finally:
        app.secret_key = key
    expect(set(after.values()) == {"anonymous"}, "a new key revokes every copy", after)
    return Shown(
        "How long a stolen cookie works (the clock frozen on each day)",
        {
            "PERMANENT_SESSION_LIFETIME": f"{days} days",
            "permanent session copied on day 0, the attacker keeping each fresh cookie": (
                "alice on days " + ", ".join(str(day) for day in kept)
            ),
            "the day-0 permanent copy itself on day 100": f"{original} (signed too long ago)",
            "non-permanent copy on day 30": day_30,
            "non-permanent copy on day 32": (
                f"{day_32} (older than PERMANENT_SESSION_LIFETIME since it was signed, "
                "whatever the browser does)"
            ),
            "non-permanent copy sent to a view that writes on day 30, the fresh cookie on day 60": (
                f"{day_60} (every write signs it again)"
            ),
            "after the secret key changes (no fallback)": "every copy -> anonymous",
        },
    )
