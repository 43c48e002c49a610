"""Demos that check what they show: each raises DemoError if Flask behaves otherwise."""

from __future__ import annotations

import string
import time
import warnings
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from ._shared import (
    Shown,
    attributes,
    expect,
    get,
    logged_in,
    outside_testing,
    sending,
    session_cookie,
)
from .cookies import _b64decode, inspect_cookie, recompute_signature, tamper, verify_cookie
from .demo import DemoError, frozen_clock, make_app

__all__ = [
    "NO_SECRET_KEY_MESSAGE",
    "Shown",
    "show_cookie_flags",
    "show_mutable_trap",
    "show_no_secret_key",
    "show_replay_after_logout",
    "show_rotation",
    "show_signature",
    "show_size_limit",
    "show_tampering",
]

#: Flask's message when a view writes to the session of an app without a secret key.
NO_SECRET_KEY_MESSAGE = (
    "The session is unavailable because no secret key was set.  "
    "Set the secret_key on the application to something unique and secret."
)


#: The lines of question ``no-key-writes``: the line, the demo app's route running it, and
#: whether it raises ``RuntimeError`` without a secret key.
NO_KEY_LINES: tuple[tuple[str, str, bool], ...] = (
    ("session['user'] = 'ada'", "/set/user/ada", True),
    ("session.pop('user', None)", "/pop/user", True),
    ("flash('Saved!')", "/flash/Saved!", True),
    ("session.get('user')", "/get/user", False),
    ("'user' in session", "/has/user", False),
)


def show_no_secret_key(app: Flask | None = None) -> Shown:
    """Without a secret key reading the session works; only a write raises.

    Parameters
    ----------
    app
        An app from :func:`make_app` without a key (default: ``make_app(None)``).

    Example
    -------
    >>> print(show_no_secret_key())  # doctest: +ELLIPSIS
    Without a secret key, reading works and writing raises
    - read session.get('x'): status 200, value None, no cookie sent
    - write session['x'] = '1': RuntimeError: The session is unavailable ...
    - the same write outside testing mode: status 500
    - in a view, session['user'] = 'ada': RuntimeError
    - in a view, session.pop('user', None): RuntimeError
    - in a view, flash('Saved!'): RuntimeError
    - in a view, session.get('user'): works, gives None
    - in a view, 'user' in session: works, gives False
    """
    app = make_app(secret_key=None) if app is None else app
    claim = "reading the session without a key works"
    read = get(app.test_client(), "/get/x", claim)
    expect(read.status_code == 200 and read.text == "None", claim, (read.status, read.text))
    expect("Set-Cookie" not in read.headers, "no cookie is sent", read.headers)
    try:
        app.test_client().get("/set/x/1")
    except RuntimeError as exc:
        expect(str(exc) == NO_SECRET_KEY_MESSAGE, "the message is Flask's", str(exc))
    else:
        raise DemoError("the course says a write raises RuntimeError, but nothing was raised")
    with outside_testing(app):
        status = app.test_client().get("/set/x/1").status_code
    expect(status == 500, "the client sees a 500 outside testing mode", status)
    facts: dict[str, Any] = {
        "read session.get('x')": "status 200, value None, no cookie sent",
        "write session['x'] = '1'": f"RuntimeError: {NO_SECRET_KEY_MESSAGE}",
        "the same write outside testing mode": "status 500",
    }
    # The five lines of the question this demo settles (no-key-writes), each in a real view.
    for line, path, raises in NO_KEY_LINES:
        try:
            text = app.test_client().get(path).text
        except RuntimeError:
            expect(raises, f"{line} works without a key", "RuntimeError")
            facts[f"in a view, {line}"] = "RuntimeError"
        else:
            expect(not raises, f"{line} raises RuntimeError without a key", text)
            facts[f"in a view, {line}"] = f"works, gives {text}"
    return Shown("Without a secret key, reading works and writing raises", facts)


def show_tampering(app: Flask | None = None) -> Shown:
    """A changed, foreign, garbage or expired cookie gives an empty session, silently.

    Parameters
    ----------
    app
        An app from :func:`make_app` with signed cookie sessions (default: ``make_app()``).

    Example
    -------
    >>> print(show_tampering())  # doctest: +NORMALIZE_WHITESPACE
    A bad cookie is thrown away: no exception, an empty session, no Set-Cookie
    - a valid cookie: whoami -> alice
    - one payload character changed: status 200, whoami -> anonymous, no Set-Cookie
    - payload rewritten to user='admin': status 200, whoami -> anonymous, no Set-Cookie
    - signed with another key: status 200, whoami -> anonymous, no Set-Cookie
    - garbage: status 200, whoami -> anonymous, no Set-Cookie
    - older than PERMANENT_SESSION_LIFETIME: status 200, whoami -> anonymous, no Set-Cookie
    - the changed cookie sent to a view that writes (/visit): a view that writes replaces the
      bad cookie with a new valid one ({'visits': 1})
    """
    app = make_app() if app is None else app
    client, cookie = logged_in(app)
    valid = get(client, "/whoami", "a valid cookie is accepted").text
    expect(valid == "alice", "a valid cookie keeps the user logged in", valid)
    _other, foreign = logged_in(make_app(secret_key="another key"))
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    with frozen_clock(int(time.time()) - lifetime - 3600):
        _old, expired = logged_in(app)
    bad_cookies = {
        "one payload character changed": tamper(cookie),
        "payload rewritten to user='admin'": tamper(cookie, {"user": "admin"}),
        "signed with another key": foreign,
        "garbage": "not-a-cookie",
        "older than PERMANENT_SESSION_LIFETIME": expired,
    }
    facts: dict[str, Any] = {"a valid cookie": "whoami -> alice"}
    for case, bad in bad_cookies.items():
        claim = f"Flask does not raise on a cookie {case}"
        response = get(sending(app, bad), "/whoami", claim)
        seen = (response.status_code, response.text)
        expect(seen == (200, "anonymous"), f"a cookie {case} gives an empty session", seen)
        set_cookie = response.headers.getlist("Set-Cookie")
        expect(not set_cookie, f"no Set-Cookie answers a cookie {case}", set_cookie)
        facts[case] = "status 200, whoami -> anonymous, no Set-Cookie"
    writer = sending(app, bad_cookies["one payload character changed"])
    get(writer, "/visit", "Flask does not raise on a changed cookie")
    replaced = session_cookie(writer)
    try:
        fresh = verify_cookie(app, replaced)
    except BadSignature as exc:
        raise DemoError(f"the course says the new cookie is valid, but it is not: {exc}") from exc
    expect(fresh == {"visits": 1}, "the new cookie holds only what the view wrote", fresh)
    facts["the changed cookie sent to a view that writes (/visit)"] = (
        f"a view that writes replaces the bad cookie with a new valid one ({fresh!r})"
    )
    return Shown(
        "A bad cookie is thrown away: no exception, an empty session, no Set-Cookie", facts
    )


def show_signature(app: Flask | None = None) -> Shown:
    """Decode a real cookie without the key and recompute its signature by hand.

    Parameters
    ----------
    app
        An app from :func:`make_app` with signed cookie sessions (default: ``make_app()``).

    Example
    -------
    >>> print(show_signature())  # doctest: +NORMALIZE_WHITESPACE
    The cookie is signed, not encrypted
    - parts: 3
    - payload decoded without the key: {'visits': 2}
    - signature recomputed by hand: matches (HMAC-SHA1, salt 'cookie-session')
    - the app's serializer returns: {'visits': 2}
    - signature length: 27
    - last characters that still verify: 4 of 64: the original and 3 others (the last base64
      character carries 2 unused bits, so they decode to the same signature bytes)
    """
    app = make_app() if app is None else app
    client = app.test_client()
    client.get("/visit")
    client.get("/visit")
    cookie = session_cookie(client)
    parts = inspect_cookie(cookie)
    expect(parts.payload == {"visits": 2}, "the payload decodes without the key", parts)
    key = app.secret_key
    if not key:
        raise DemoError("the signature demo needs an app with a secret key")
    by_hand = recompute_signature(key, parts.signed_text)
    expect(by_hand == parts.signature, "the signature can be recomputed by hand", by_hand)
    verified = verify_cookie(app, cookie)
    expect(verified == parts.payload, "the app's serializer verifies the cookie", verified)
    expect(len(parts.signature) == 27, "the signature has 27 characters", parts.signature)
    still_valid = []
    for char in string.ascii_letters + string.digits + "-_":
        try:
            verify_cookie(app, cookie[:-1] + char)
        except BadSignature:
            continue
        still_valid.append(char)
    expect(len(still_valid) == 4, "4 last characters verify", still_valid)
    expect(cookie[-1] in still_valid, "the original last character is one of them", still_valid)
    decoded = {_b64decode(parts.signature[:-1] + char) for char in still_valid}
    expect(len(decoded) == 1, "the 4 decode to the same signature bytes", decoded)
    return Shown(
        "The cookie is signed, not encrypted",
        {
            "parts": parts.parts,
            "payload decoded without the key": parts.payload,
            "signature recomputed by hand": "matches (HMAC-SHA1, salt 'cookie-session')",
            "the app's serializer returns": verified,
            "signature length": len(parts.signature),
            "last characters that still verify": (
                "4 of 64: the original and 3 others (the last base64 character carries "
                "2 unused bits, so they decode to the same signature bytes)"
            ),
        },
    )


def _cart_after_apple_pear(app: Flask, route: str, *, permanent: bool = False) -> list[Any]:
    """Add apple then pear through ``route``: [cart, Set-Cookie for apple, for pear]."""
    client = app.test_client()
    if permanent:
        client.get("/permanent")
    apple = client.get(route + "apple")
    pear = client.get(route + "pear")
    return [client.get("/cart").text, "Set-Cookie" in apple.headers, "Set-Cookie" in pear.headers]


def show_mutable_trap(app: Flask | None = None) -> Shown:
    """Appending to a list in the session is not noticed; ``session.modified = True`` is.

    ``/cart/add/<item>`` runs ``session.setdefault("cart", []).append(item)``. The first
    item survives because ``setdefault`` *created* the key, a top-level change. In a
    permanent session the cookie is re-sent on every request (``SESSION_REFRESH_EACH_REQUEST``
    is True by default), so the in-place change happens to be saved; with that setting
    False it is lost again. Don't rely on it: set ``session.modified = True``.

    Parameters
    ----------
    app
        An app from :func:`make_app` with the default ``SESSION_REFRESH_EACH_REQUEST``
        (default: ``make_app()``). For the last fact the setting is turned off for a moment.

    Example
    -------
    >>> print(show_mutable_trap())  # doctest: +NORMALIZE_WHITESPACE
    Only top-level changes are tracked
    - cart after adding apple, pear in place: ['apple']
    - Set-Cookie after adding pear: no
    - cart with session.modified = True: ['apple', 'pear']
    - why apple survived: setdefault created the key 'cart' (a top-level change), so the
      first request sent a cookie
    - permanent session, in place (SESSION_REFRESH_EACH_REQUEST=True, the default):
      ['apple', 'pear'] (the cookie is re-sent on every request, so the append is saved)
    - permanent session, in place, SESSION_REFRESH_EACH_REQUEST=False: ['apple'] (lost)
    """
    app = make_app() if app is None else app
    in_place = _cart_after_apple_pear(app, "/cart/add/")
    fixed = _cart_after_apple_pear(app, "/cart/add-fixed/")
    expect(in_place[0] == "['apple']" and not in_place[2], "an in-place append is lost", in_place)
    expect(fixed[0] == "['apple', 'pear']" and fixed[2], "modified = True saves it", fixed)
    expect(in_place[1], "setdefault creating the key sends a cookie", in_place)
    refreshed = _cart_after_apple_pear(app, "/cart/add/", permanent=True)
    expect(
        refreshed == ["['apple', 'pear']", True, True],
        "a permanent session re-sends the cookie, so the in-place append is saved",
        refreshed,
    )
    before = app.config["SESSION_REFRESH_EACH_REQUEST"]
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    try:
        no_refresh = _cart_after_apple_pear(app, "/cart/add/", permanent=True)
    finally:
        app.config["SESSION_REFRESH_EACH_REQUEST"] = before
    expect(
        no_refresh[0] == "['apple']" and not no_refresh[2],
        "without SESSION_REFRESH_EACH_REQUEST the in-place append is lost",
        no_refresh,
    )
    return Shown(
        "Only top-level changes are tracked",
        {
            "cart after adding apple, pear in place": in_place[0],
            "Set-Cookie after adding pear": "no",
            "cart with session.modified = True": fixed[0],
            "why apple survived": (
                "setdefault created the key 'cart' (a top-level change), "
                "so the first request sent a cookie"
            ),
            "permanent session, in place (SESSION_REFRESH_EACH_REQUEST=True, the default)": (
                f"{refreshed[0]} (the cookie is re-sent on every request, so the append is saved)"
            ),
            "permanent session, in place, SESSION_REFRESH_EACH_REQUEST=False": (
                f"{no_refresh[0]} (lost)"
            ),
        },
    )


def show_replay_after_logout(app: Flask | None = None) -> Shown:
    """Replay a cookie copied before logout: client-side sessions cannot be revoked.

    Parameters
    ----------
    app
        An app from :func:`make_app`: with signed cookies (the default) the replay works;
        with ``make_app(server_side=True)`` the record is deleted at logout and it fails.

    Example
    -------
    >>> print(show_replay_after_logout())
    Replaying a copied cookie after logout (signed cookie sessions)
    - the cookie holds: the session data, signed
    - logout sends: an expired, empty cookie
    - whoami with the copied cookie: alice (logout did not revoke it)
    """
    app = make_app() if app is None else app
    client_side = isinstance(app.session_interface, SecureCookieSessionInterface)
    client, copied = logged_in(app)
    try:
        inspect_cookie(copied)
        holds = "the session data, signed"
    except ValueError:
        holds = "only a session id"
    logout = client.get("/logout")
    expect(client.get_cookie("session") is None, "logout deletes the cookie", logout.headers)
    seen = get(sending(app, copied), "/whoami", "a replayed cookie does not raise").text
    if client_side:
        expect(holds != "only a session id", "a signed cookie holds the data", holds)
        expect(seen == "alice", "a copied cookie still works after logout", seen)
        outcome = "alice (logout did not revoke it)"
    else:
        expect(holds == "only a session id", "a server-side cookie holds only an id", holds)
        expect(seen == "anonymous", "the record is deleted at logout", seen)
        outcome = "anonymous (the record was deleted at logout)"
    kind = "signed cookie sessions" if client_side else "server-side sessions"
    return Shown(
        f"Replaying a copied cookie after logout ({kind})",
        {
            "the cookie holds": holds,
            "logout sends": "an expired, empty cookie",
            "whoami with the copied cookie": outcome,
        },
    )


def show_rotation(old_key: str = "old demo key", new_key: str = "new demo key") -> Shown:
    """Rotate keys with ``SECRET_KEY_FALLBACKS``: old cookies verify, new ones use the new key.

    Parameters
    ----------
    old_key, new_key
        The retired and the current key (demo keys: never literals in a real app).

    Example
    -------
    >>> print(show_rotation())
    Key rotation with SECRET_KEY_FALLBACKS
    - cookie signed with the old key, new app with the old key as fallback: alice
    - the same cookie, new app without fallbacks: anonymous
    - the next cookie is signed with: the new key
    """
    _old, cookie = logged_in(make_app(secret_key=old_key))
    rotated = sending(make_app(secret_key=new_key, SECRET_KEY_FALLBACKS=[old_key]), cookie)
    seen = get(rotated, "/whoami", "an old cookie is accepted").text
    expect(seen == "alice", "a cookie signed with a fallback key verifies", seen)
    rotated.get("/visit")
    parts = inspect_cookie(session_cookie(rotated))
    expect(parts.payload.get("user") == "alice", "the session carries on", parts.payload)
    signed_new = recompute_signature(new_key, parts.signed_text) == parts.signature
    expect(signed_new, "new cookies are signed with the current key", parts)
    strict = sending(make_app(secret_key=new_key), cookie)
    without = get(strict, "/whoami", "a foreign cookie does not raise").text
    expect(without == "anonymous", "without fallbacks the old cookie is refused", without)
    return Shown(
        "Key rotation with SECRET_KEY_FALLBACKS",
        {
            "cookie signed with the old key, new app with the old key as fallback": seen,
            "the same cookie, new app without fallbacks": without,
            "the next cookie is signed with": "the new key",
        },
    )


def show_size_limit(app: Flask | None = None) -> Shown:
    """A cookie over ``MAX_COOKIE_SIZE`` is still sent, with a ``UserWarning``.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_size_limit())
    A cookie over the size limit is still sent, with a warning
    - MAX_COOKIE_SIZE: 4093
    - cookie after storing 4000 random bytes: sent, over the limit
    - warning: UserWarning ending 'Browsers may silently ignore cookies larger than this.'
    """
    app = make_app() if app is None else app
    limit = app.config["MAX_COOKIE_SIZE"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = app.test_client().get("/big/4000")
    messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    header = response.headers.get("Set-Cookie", "")
    expect(len(header) > limit, "the oversized cookie is still sent", len(header))
    tail = "Browsers may silently ignore cookies larger than this."
    expect(any(m.endswith(tail) for m in messages), "a UserWarning is raised", messages)
    return Shown(
        "A cookie over the size limit is still sent, with a warning",
        {
            "MAX_COOKIE_SIZE": limit,
            "cookie after storing 4000 random bytes": "sent, over the limit",
            "warning": f"UserWarning ending {tail!r}",
        },
    )


def show_cookie_flags(app: Flask | None = None) -> Shown:
    """Default cookie flags, and what ``session.permanent = True`` changes.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_cookie_flags())
    Cookie flags and lifetime
    - HttpOnly: yes
    - Secure: no
    - SameSite: not set
    - Expires (not permanent): not set (the browser normally drops it when it closes)
    - Expires (permanent): in about 31 days
    - stored in the payload: _permanent = True
    - permanent cookie sent again on a request that changes nothing: yes
    """
    app = make_app() if app is None else app
    client = app.test_client()
    plain = attributes(client.get("/visit"))
    expect("httponly" in plain, "HttpOnly is set by default", plain)
    expect("secure" not in plain, "Secure is off by default", plain)
    expect("samesite" not in plain, "SameSite is not set by default", plain)
    expect("expires" not in plain, "a non-permanent cookie has no Expires", plain)
    permanent = attributes(client.get("/permanent"))
    expires = parsedate_to_datetime(permanent.get("expires", "Thu, 01 Jan 1970 00:00:00 GMT"))
    days = round((expires - datetime.now(UTC)).total_seconds() / 86400)
    expect(days == 31, "a permanent cookie expires in about 31 days", days)
    payload = inspect_cookie(session_cookie(client)).payload
    expect(payload.get("_permanent") is True, "the payload stores _permanent", payload)
    refreshed = "Set-Cookie" in client.get("/whoami").headers
    expect(refreshed, "a permanent session is refreshed on each request", refreshed)
    return Shown(
        "Cookie flags and lifetime",
        {
            "HttpOnly": "yes",
            "Secure": "no",
            "SameSite": "not set",
            "Expires (not permanent)": "not set (the browser normally drops it when it closes)",
            "Expires (permanent)": f"in about {days} days",
            "stored in the payload": "_permanent = True",
            "permanent cookie sent again on a request that changes nothing": "yes",
        },
    )
