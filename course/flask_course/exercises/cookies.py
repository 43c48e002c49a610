"""Exercises ``decode-without-key`` and ``verify-signature`` (lesson 2): a cookie read and
verified by hand.

``decode_cookie(cookie)`` returns a Flask session cookie's data with no key: base64url without
padding, zlib when the cookie starts with ``.``, then JSON. ``verify_cookie(cookie, secret_key,
max_age=2678400)`` redoes Flask's check with ``hmac`` and ``hashlib``: the key derived as
HMAC-SHA1(secret key, ``b"cookie-session"``), the signature HMAC-SHA1 of ``payload.timestamp``
under it, and the timestamp no older than ``max_age`` seconds.
"""

from __future__ import annotations

import inspect
import secrets
import time
from typing import Any

from flask import Flask

from recall_widgets.checking import Checks, Learner, expect, fail

from ..cookies import tamper
from ..demo import frozen_clock
from ._http import shown

__all__ = ["decode_checks", "verify_checks"]

decode_checks = Checks()
verify_checks = Checks()

#: 31 days, Flask's default PERMANENT_SESSION_LIFETIME, in seconds.
MAX_AGE = 2_678_400
PADDING = (
    "Flask writes base64url without the '=' padding: add it back, "
    "payload + '=' * (-len(payload) % 4), and decode with base64.urlsafe_b64decode"
)
COMPRESSED = (
    "a cookie that starts with '.' is zlib-compressed: drop the '.', base64url-decode the "
    "payload, then zlib.decompress it before json.loads"
)


def _sign(data: dict[str, Any], key: str, at: int | None = None) -> str:
    """A cookie Flask signs for ``data`` with ``key`` (at the time ``at``, default now)."""
    app = Flask(__name__)
    app.secret_key = key
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    with frozen_clock(int(time.time()) if at is None else at):
        cookie: str = serializer.dumps(data)
    return cookie


def _awkward() -> dict[str, Any]:
    """Data whose cookie payload needs padding and uses base64url's '-' or '_'."""
    for number in range(10_000):
        data = {"user": "alice", "theme": "dark?>", "n": number}
        payload = _sign(data, "k", 1_700_000_000).split(".")[0]
        if len(payload) % 4 and ("-" in payload or "_" in payload):
            return data
    raise RuntimeError("no awkward payload found")  # pragma: no cover - the search finds one


AWKWARD = _awkward()
LARGE = {"user": "alice", "cart": ["apple", "pear", "plum"] * 12}


def _decoded(learner: Learner, cookie: str, why: str) -> object:
    got = learner.call("decode_cookie", cookie, why=why)
    if isinstance(got, str | bytes):
        fail(
            f"decode_cookie returned {type(got).__name__} {shown(got)}; expected the data as a "
            "dict: json.loads the decoded payload"
        )
    return got


@decode_checks.sub("decode_cookie is a function")
def _decode_defined(learner: Learner) -> None:
    learner.function("decode_cookie")


@decode_checks.sub("reads a cookie's data, base64url with no padding")
def _decode_plain(learner: Learner) -> None:
    cookie = _sign(AWKWARD, secrets.token_hex())
    got = _decoded(learner, cookie, PADDING)
    expect(got == AWKWARD, f"decode_cookie returned {shown(got)}, expected {AWKWARD!r}: {PADDING}")


@decode_checks.sub("reads a compressed cookie (it starts with '.')")
def _decode_compressed(learner: Learner) -> None:
    cookie = _sign(LARGE, secrets.token_hex())
    expect(cookie.startswith("."), "the check's own cookie was not compressed")  # Flask's choice
    got = _decoded(learner, cookie, COMPRESSED)
    expect(
        got == LARGE, f"decode_cookie returned {shown(got)} for a compressed cookie: {COMPRESSED}"
    )


# -- verify_cookie ------------------------------------------------------------------------------

RSPLIT = (
    "the signed text is everything before the last '.', the leading '.' of a compressed cookie "
    "included: split with cookie.rsplit('.', 1)"
)
DERIVED = (
    "Flask signs with a key derived from the secret, hmac.new(secret_key.encode(), "
    "b'cookie-session', hashlib.sha1).digest(), then HMAC-SHA1 over 'payload.timestamp', "
    "base64url without padding"
)


def _verified(learner: Learner, cookie: str, key: str, why: str, **max_age: int) -> object:
    return learner.call("verify_cookie", cookie, key, why=why, **max_age)


def _expect_bool(got: object, wanted: bool, what: str, why: str) -> None:
    if got is wanted:
        return
    kind = "" if isinstance(got, bool) else f" ({type(got).__name__}, not a bool)"
    fail(f"verify_cookie returned {shown(got)}{kind} for {what}, expected {wanted}: {why}")


@verify_checks.sub("verify_cookie(cookie, secret_key, max_age=2678400) is a function")
def _verify_defined(learner: Learner) -> None:
    function = learner.function("verify_cookie")
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return
    names = [p.name for p in parameters]
    expect(
        names[:3] == ["cookie", "secret_key", "max_age"],
        f"verify_cookie takes ({', '.join(names)}); expected (cookie, secret_key, max_age)",
    )
    default = parameters[2].default
    found = "nothing" if default is inspect.Parameter.empty else shown(default)
    expect(
        default == MAX_AGE,
        f"max_age defaults to {found}, expected {MAX_AGE} (31 days, Flask's "
        "PERMANENT_SESSION_LIFETIME)",
    )


@verify_checks.sub("accepts a cookie signed with the key")
def _verify_good(learner: Learner) -> None:
    key = secrets.token_hex()
    got = _verified(learner, _sign({"user": "alice"}, key), key, DERIVED)
    _expect_bool(got, True, "a cookie Flask signed with that key", DERIVED)


@verify_checks.sub("accepts a compressed cookie signed with the key")
def _verify_compressed(learner: Learner) -> None:
    key = secrets.token_hex()
    got = _verified(learner, _sign(LARGE, key), key, RSPLIT)
    _expect_bool(got, True, "a compressed cookie (it starts with '.') Flask signed", RSPLIT)


@verify_checks.sub("refuses a cookie whose payload was changed")
def _verify_tampered(learner: Learner) -> None:
    key = secrets.token_hex()
    forged = tamper(_sign({"user": "alice"}, key), {"user": "admin"})
    why = "compare the signature you compute with the cookie's, hmac.compare_digest(a, b)"
    got = _verified(learner, forged, key, why)
    _expect_bool(got, False, "a cookie whose payload was changed to {'user': 'admin'}", why)


@verify_checks.sub("refuses a cookie signed with another key")
def _verify_other_key(learner: Learner) -> None:
    cookie = _sign({"user": "alice"}, secrets.token_hex())
    why = "the signature must be computed from the secret_key given, not read from the cookie"
    got = _verified(learner, cookie, secrets.token_hex(), why)
    _expect_bool(got, False, "a cookie signed with another key", why)


@verify_checks.sub("refuses a cookie older than max_age, accepts it within")
def _verify_age(learner: Learner) -> None:
    key = secrets.token_hex()
    old = _sign({"user": "alice"}, key, int(time.time()) - 40 * 86_400)
    why = (
        "the timestamp is the middle part, base64url of the signing time in seconds "
        "(int.from_bytes(..., 'big')): refuse the cookie when time.time() - timestamp > max_age"
    )
    _expect_bool(_verified(learner, old, key, why), False, "a cookie signed 40 days ago", why)
    within = _verified(learner, old, key, why, max_age=100 * 86_400)
    _expect_bool(within, True, "a cookie signed 40 days ago with max_age of 100 days", why)


@verify_checks.sub("returns False for text that is not a session cookie")
def _verify_garbage(learner: Learner) -> None:
    why = "catch what does not split or decode, and return False"
    for text in ("not-a-cookie", "a.b", "..", ""):
        got = _verified(learner, text, "key", why)
        _expect_bool(got, False, repr(text), why)
