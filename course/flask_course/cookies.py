"""Take a Flask session cookie apart by hand: payload, timestamp and signature."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

__all__ = [
    "SALT",
    "CookieParts",
    "inspect_cookie",
    "recompute_signature",
    "tamper",
    "verify_cookie",
]

#: The salt Flask's ``SecureCookieSessionInterface`` mixes into the key.
SALT = "cookie-session"


def _b64decode(text: str) -> bytes:
    """Decode base64url without padding, as itsdangerous writes it."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> str:
    """Encode base64url without padding, as itsdangerous writes it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class CookieParts:
    """A Flask session cookie, decoded without the secret key.

    Its ``repr`` and ``str`` show only what stays the same from run to run (parts,
    compression, payload, signature length), never the timestamp or the signature.

    Parameters
    ----------
    compressed
        True when the payload was zlib-compressed (the cookie starts with ``.``).
    payload
        The decoded JSON payload, exactly as stored (Flask's tagged values such as
        ``{" t": [...]}`` for a tuple are left as they are).
    timestamp
        When the cookie was signed, in UTC.
    signature
        The base64url signature, the last ``.``-separated part.
    parts
        How many parts splitting the cookie on ``.`` gives (3, or 4 when compressed).
    signed_text
        ``payload.timestamp``: the text the signature covers.

    Example
    -------
    >>> parts = inspect_cookie("eyJ2aXNpdHMiOjJ9.ZVPxAA.qMYHCvNzSjwDXGHzMBcnofqMD-w")
    >>> parts
    CookieParts(compressed=False, payload={'visits': 2}, parts=3)
    """

    compressed: bool
    payload: dict[str, Any]
    timestamp: datetime = field(repr=False)
    signature: str = field(repr=False)
    parts: int
    signed_text: str = field(repr=False)

    def __str__(self) -> str:
        return "\n".join(
            [
                f"parts: {self.parts} (payload.timestamp.signature"
                + (", after a leading '.')" if self.compressed else ")"),
                f"compressed: {'yes' if self.compressed else 'no'}",
                f"payload, decoded without the key: {self.payload!r}",
                f"signature: {len(self.signature)} characters of base64url",
            ]
        )


def inspect_cookie(cookie: str) -> CookieParts:
    """Decode a Flask session cookie with nothing but base64, zlib and json.

    No secret key is needed: the cookie is signed, not encrypted.

    Parameters
    ----------
    cookie
        The value of the ``session`` cookie.

    Returns
    -------
    CookieParts
        The payload, timestamp and signature.

    Raises
    ------
    ValueError
        If the text is not a Flask session cookie.

    Example
    -------
    >>> inspect_cookie("eyJ2aXNpdHMiOjJ9.ZVPxAA.qMYHCvNzSjwDXGHzMBcnofqMD-w").payload
    {'visits': 2}
    """
    compressed = cookie.startswith(".")
    pieces = (cookie[1:] if compressed else cookie).split(".")
    if len(pieces) != 3:
        raise ValueError(
            "a Flask session cookie is payload.timestamp.signature (with a leading '.' "
            f"when compressed); this one splits into {len(cookie.split('.'))} parts"
        )
    payload_text, timestamp_text, signature = pieces
    try:
        raw = _b64decode(payload_text)
        if compressed:
            raw = zlib.decompress(raw)
        payload = json.loads(raw)
        seconds = int.from_bytes(_b64decode(timestamp_text), "big")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not a Flask session cookie: {exc}") from exc
    if not isinstance(payload, dict):
        raise ValueError(f"the payload is JSON but not an object: {payload!r}")
    return CookieParts(
        compressed=compressed,
        payload=payload,
        timestamp=datetime.fromtimestamp(seconds, UTC),
        signature=signature,
        parts=len(cookie.split(".")),
        signed_text=cookie.rsplit(".", 1)[0],
    )


def recompute_signature(secret_key: str | bytes, signed_text: str) -> str:
    """Compute a session cookie's signature by hand, the way itsdangerous does for Flask.

    The derived key is HMAC-SHA1(secret_key, b"cookie-session"); the signature is
    HMAC-SHA1(derived key, ``payload.timestamp``) in base64url without padding.

    Parameters
    ----------
    secret_key
        The app's ``SECRET_KEY``.
    signed_text
        ``payload.timestamp``, e.g. ``inspect_cookie(cookie).signed_text``.

    Returns
    -------
    str
        The 27-character signature.

    Example
    -------
    >>> from flask_course.demo import DEMO_SECRET_KEY
    >>> recompute_signature(DEMO_SECRET_KEY, "eyJ2aXNpdHMiOjJ9.ZVPxAA")
    'qMYHCvNzSjwDXGHzMBcnofqMD-w'
    """
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    derived = hmac.new(key, SALT.encode(), hashlib.sha1).digest()
    return _b64encode(hmac.new(derived, signed_text.encode(), hashlib.sha1).digest())


def verify_cookie(app: Flask, cookie: str) -> dict[str, Any]:
    """Check a cookie with the app's own signing serializer and return the session data.

    Uses ``app.session_interface.get_signing_serializer(app)`` (current key and
    ``SECRET_KEY_FALLBACKS``) and the app's ``PERMANENT_SESSION_LIFETIME`` as max age,
    as Flask does when a request comes in.

    Parameters
    ----------
    app
        A Flask app using the default cookie session interface, with a secret key.
    cookie
        The value of the ``session`` cookie.

    Returns
    -------
    dict
        The session data (tagged values such as tuples restored).

    Raises
    ------
    itsdangerous.BadSignature
        If the cookie was changed, signed with another key, or has expired (Flask
        itself catches this and starts an empty session).
    ValueError
        If the app has no secret key or does not use signed cookies.

    Example
    -------
    >>> from flask_course.demo import make_app
    >>> app = make_app()
    >>> cookie = app.test_client().get("/visit").headers["Set-Cookie"].split(";")[0][8:]
    >>> verify_cookie(app, cookie)
    {'visits': 1}
    """
    interface = app.session_interface
    if not isinstance(interface, SecureCookieSessionInterface):
        raise ValueError(f"{type(interface).__name__} does not keep the session in a signed cookie")
    serializer = interface.get_signing_serializer(app)
    if serializer is None:
        raise ValueError("the app has no secret key, so it cannot verify cookies")
    max_age = int(app.permanent_session_lifetime.total_seconds())
    return cast(dict[str, Any], serializer.loads(cookie, max_age=max_age))


def tamper(cookie: str, changes: Mapping[str, Any] | None = None) -> str:
    """Return a copy of the cookie whose signed part was changed but not re-signed.

    Without ``changes`` the first payload character is replaced. With ``changes``
    the payload is decoded, updated and encoded again (what an attacker would try:
    ``{"user": "admin"}``), keeping the old timestamp and signature. The signature
    is never touched: its last character carries 2 unused bits, so changing only
    that character may still verify.

    Parameters
    ----------
    cookie
        A Flask session cookie.
    changes
        Keys and values to write into the payload.

    Returns
    -------
    str
        A cookie that differs from ``cookie`` in its signed part.

    Example
    -------
    >>> tamper("eyJ2aXNpdHMiOjJ9.ZVPxAA.qMYHCvNzSjwDXGHzMBcnofqMD-w")
    'AyJ2aXNpdHMiOjJ9.ZVPxAA.qMYHCvNzSjwDXGHzMBcnofqMD-w'
    """
    parts = inspect_cookie(cookie)
    timestamp_text = parts.signed_text.rsplit(".", 1)[1]
    if changes is None:
        start = 1 if parts.compressed else 0
        old = cookie[start]
        new = "B" if old == "A" else "A"
        tampered = cookie[:start] + new + cookie[start + 1 :]
    else:
        payload = {**parts.payload, **changes}
        text = _b64encode(json.dumps(payload, separators=(",", ":")).encode())
        tampered = f"{text}.{timestamp_text}.{parts.signature}"
    if tampered.rsplit(".", 1)[0] == parts.signed_text:
        raise ValueError("these changes leave the signed part of the cookie as it was")
    return tampered
