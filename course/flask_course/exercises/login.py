"""Exercise ``login-logout`` (lesson 3): log in and out with a signed-cookie session set up for
a real site.

The learner's ``app`` must have ``/login/<user>``, ``/logout`` and ``/whoami`` (the user, or
``anonymous``), a secret key of at least 32 random bytes that is not a known example, a Secure,
HttpOnly, SameSite=Lax cookie, a one-hour permanent session made at login, nothing from before
the login kept, and a logout that works for a visitor who never logged in and deletes the
cookie.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from recall_widgets.checking import Checks, Learner, expect, fail

from ._http import checking, cookie_attributes, get, learner_app, session_data, shown

__all__ = ["checks", "key_strength"]

checks = Checks()

#: Keys copied from documentation and tutorials: anyone can sign cookies with them.
KNOWN_KEYS = frozenset(
    {
        "dev",
        "secret",
        "secret key",
        "super secret key",
        "change me",
        "changeme",
        "change-me",
        "your-secret-key",
        "your_secret_key",
        "mysecretkey",
        "my-secret-key",
        "you-will-never-guess",
        "192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf",  # Flask's docs
        '_5#y2L"F4Q8z\n\xec]/',  # Flask's quickstart, as text
        "d2f5a9c1e8b7d4f3a6c9e2b5d8f1a4c7e0b3d6f9a2c5e8b1d4f7a0c3e6b9d2f5",
    }
)
MAKE_KEY = "make one with secrets.token_hex() (32 random bytes) and keep it out of the code"


def key_strength(key: str | bytes) -> float:
    """Roughly how many random bytes a key holds: its length, counting what each character
    can carry (hex 4 bits, base64 6, other text or bytes 8); 0 for a repetitive key (fewer than
    10 different characters, or one of them a quarter of the key), which no random source
    makes."""
    distinct: Counter[object] = Counter(key.lower() if isinstance(key, str) else key)
    if isinstance(key, bytes):
        bits_per_char, length = 8.0, len(key)
    elif re.fullmatch(r"[0-9a-fA-F]+", key):
        bits_per_char, length = 4.0, len(key)
    elif re.fullmatch(r"[A-Za-z0-9_=+/-]+", key):
        bits_per_char, length, distinct = 6.0, len(key), Counter(key)
    else:
        bits_per_char, length, distinct = 8.0, len(key.encode()), Counter(key)
    if len(distinct) < 10 or distinct.most_common(1)[0][1] > length / 4:
        return 0.0
    return length * bits_per_char / 8


@checks.sub("app is a Flask app")
def _app(learner: Learner) -> None:
    learner_app(learner)


@checks.sub("the secret key is at least 32 random bytes, not a known example")
def _key(learner: Learner) -> None:
    key = learner_app(learner).secret_key
    if not key:
        fail(f"app.secret_key is not set: {MAKE_KEY}")
    expect(isinstance(key, str | bytes), f"app.secret_key is {type(key).__name__}: {MAKE_KEY}")
    assert isinstance(key, str | bytes)
    text = key.decode("latin-1") if isinstance(key, bytes) else key
    if text.strip().lower() in KNOWN_KEYS or text in KNOWN_KEYS:
        fail(
            f"app.secret_key is a known example key {shown(key)}, so anyone can sign "
            f"cookies: {MAKE_KEY}"
        )
    strength = key_strength(key)
    expect(
        strength >= 32,
        f"app.secret_key holds about {strength:.0f} random bytes ({len(key)} characters), "
        f"expected at least 32: {MAKE_KEY}",
    )


@checks.sub("/whoami says who is logged in, 'anonymous' when nobody is")
def _whoami(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as client:
        with learner.running("GET /whoami", "use session.get('user', 'anonymous')"):
            before = get(client, "/whoami").text
        expect(
            before == "anonymous",
            f"/whoami answered {shown(before)} before any login, expected 'anonymous'",
        )
        with learner.running("GET /login/alice"):
            get(client, "/login/alice")
        with learner.running("GET /whoami"):
            after = get(client, "/whoami").text
    expect(
        after == "alice", f"/whoami answered {shown(after)} after /login/alice, expected 'alice'"
    )


@checks.sub("the cookie is Secure, HttpOnly and SameSite=Lax")
def _flags(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as client, learner.running("GET /login/alice"):
        response = get(client, "/login/alice")
    cookie = cookie_attributes(response, app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        fail("/login/alice sent no session cookie: store the user in session['user']")
    problems = []
    if "secure" not in cookie:
        problems.append("not Secure: set SESSION_COOKIE_SECURE = True (sent over https only)")
    if "httponly" not in cookie:
        problems.append("not HttpOnly: leave SESSION_COOKIE_HTTPONLY = True (no JavaScript)")
    if cookie.get("samesite", "").lower() != "lax":
        found = cookie.get("samesite") or "not set"
        problems.append(f"SameSite is {found}: set SESSION_COOKIE_SAMESITE = 'Lax'")
    expect(not problems, "the login cookie is " + "; ".join(problems))


@checks.sub("a login makes a permanent session of one hour")
def _lifetime(learner: Learner) -> None:
    app = learner_app(learner)
    lifetime = app.permanent_session_lifetime
    expect(
        lifetime == dt.timedelta(hours=1),
        f"PERMANENT_SESSION_LIFETIME is {lifetime}, expected one hour: "
        "app.config['PERMANENT_SESSION_LIFETIME'] = timedelta(hours=1)",
    )
    with checking(app) as client, learner.running("GET /login/alice"):
        response = get(client, "/login/alice")
    cookie = cookie_attributes(response, app.config["SESSION_COOKIE_NAME"]) or {}
    expect(
        "expires" in cookie,
        "the login cookie has no Expires, so it is a browser-session cookie: set "
        "session.permanent = True at login",
    )


@checks.sub("nothing from before the login is kept")
def _clears(learner: Learner) -> None:
    app = learner_app(learner)
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    if serializer is None:
        fail("the app cannot sign cookies (no secret key)")
    planted = serializer.dumps({"csrf_token": "known-to-the-attacker", "cart": ["apple"]})
    with checking(app) as client:
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], planted, domain="localhost")
        with learner.running("GET /login/alice"):
            response = get(client, "/login/alice")
    cookie = cookie_attributes(response, app.config["SESSION_COOKIE_NAME"]) or {}
    data = session_data(app, cookie.get("value", planted)) or {}
    left = sorted(k for k in ("csrf_token", "cart") if k in data)
    expect(
        not left,
        f"after /login/alice the session still holds {', '.join(left)} from before the login "
        "(planted by someone else, perhaps): call session.clear() before storing the user",
    )


@checks.sub("/logout works for a visitor who never logged in")
def _logout_anonymous(learner: Learner) -> None:
    app = learner_app(learner)
    with (
        checking(app) as client,
        learner.running(
            "GET /logout by a visitor who never logged in",
            "session.pop('user') raises KeyError when there is none: use session.clear()",
        ),
    ):
        get(client, "/logout")


@checks.sub("/logout deletes the session cookie")
def _logout_deletes(learner: Learner) -> None:
    app = learner_app(learner)
    name = app.config["SESSION_COOKIE_NAME"]
    with checking(app) as client:
        with learner.running("GET /login/alice"):
            get(client, "/login/alice")
        with learner.running("GET /logout"):
            response = get(client, "/logout")
        with learner.running("GET /whoami"):
            after = get(client, "/whoami").text
    expect(
        after == "anonymous", f"/whoami answered {shown(after)} after /logout, expected 'anonymous'"
    )
    cookie = cookie_attributes(response, name)
    deleted = cookie is not None and (cookie.get("max-age") == "0" or cookie.get("value") == "")
    if not deleted:
        data = session_data(app, cookie["value"]) if cookie else None
        left = f": the session still holds {sorted(data)}" if data else ""
        fail(
            "/logout did not delete the cookie (Flask deletes it only when the session is "
            f"empty){left}; use session.clear()"
        )
