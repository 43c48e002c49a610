"""One test per fact of FLASK_FACTS.md that the course states, against the installed Flask.

Each docstring quotes its fact. A Flask upgrade that changes one of them fails here loudly.
These tests build their own small apps and decode cookies with the standard library, so
they do not depend on ``recall_widgets``' demo helpers (tested in ``test_flask_demo.py``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import json
import logging
import secrets
import string
import time
import uuid
import warnings
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from importlib.metadata import version
from typing import Any
from unittest import mock

import flask
import pytest
from cachelib import SimpleCache
from flask import Flask, flash, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_session import Session  # type: ignore[import-untyped]
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner
from markupsafe import Markup

NO_KEY_MESSAGE = (
    "The session is unavailable because no secret key was set.  "
    "Set the secret_key on the application to something unique and secret."
)
KEY = "test key"


def make(secret_key: str | None = KEY, **config: Any) -> Flask:
    """A fresh app with a few session routes."""
    app = Flask(__name__)
    app.testing = True
    app.secret_key = secret_key
    app.config.update(config)

    @app.route("/get/<key>")
    def get(key: str) -> str:
        return repr(session.get(key))

    @app.route("/set/<key>/<value>")
    def set_(key: str, value: str) -> str:
        session[key] = value
        return "ok"

    @app.route("/login/<user>")
    def login(user: str) -> str:
        session.clear()
        session["user"] = user
        return "ok"

    @app.route("/logout")
    def logout() -> str:
        session.clear()
        return "ok"

    @app.route("/whoami")
    def whoami() -> str:
        return str(session.get("user", "anonymous"))

    @app.route("/nothing")
    def nothing() -> str:
        return "ok"

    return app


def run_view(app: Flask, view: Callable[[], object], path: str = "/view") -> Any:
    """Add ``view`` at ``path`` (before the first request) and call it."""
    app.add_url_rule(path, view_func=lambda: (view(), "ok")[1], endpoint=path)
    return app.test_client().get(path)


def cookie_of(client: flask.testing.FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None, "no session cookie was set"
    return cookie.value


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def attributes(response: Any) -> dict[str, str]:
    header = response.headers["Set-Cookie"]
    pairs = (part.strip().partition("=") for part in header.split(";")[1:])
    return {name.lower(): value for name, _, value in pairs}


# --- Without a secret key ------------------------------------------------------------------


def test_no_secret_key_reading_works_with_an_empty_null_session() -> None:
    """Reading works: Flask hands the view an empty, read-only `NullSession`,
    `session.get('x')` is `None`, status 200, no cookie."""
    app = make(secret_key=None)
    seen: list[object] = []
    app.before_request(lambda: seen.append(type(session._get_current_object())))  # type: ignore[attr-defined]
    response = app.test_client().get("/get/x")
    assert (response.status_code, response.text) == (200, "None")
    assert "Set-Cookie" not in response.headers
    assert seen == [flask.sessions.NullSession]


WRITES: dict[str, Callable[[], object]] = {
    "session[k] = v": lambda: session.__setitem__("k", "v"),
    "del session[k]": lambda: session.__delitem__("k"),
    "pop(k)": lambda: session.pop("k"),
    "pop(k, None)": lambda: session.pop("k", None),
    "popitem()": lambda: session.popitem(),
    "clear()": lambda: session.clear(),
    "update()": lambda: session.update(k="v"),
    "setdefault()": lambda: session.setdefault("k", "v"),
    "permanent = True": lambda: setattr(session, "permanent", True),
    "flash()": lambda: flash("hello"),
}


@pytest.mark.parametrize("operation", list(WRITES))
def test_no_secret_key_every_write_raises_runtime_error(operation: str) -> None:
    """Only a **write** raises `RuntimeError: The session is unavailable because no secret
    key was set.  Set the secret_key on the application to something unique and secret.`
    (two spaces after "set."). Writes include `session[k] = v`, `del`, `pop` (even
    `pop(k, None)`), `popitem`, `clear`, `update`, `setdefault`, `session.permanent = True`,
    and `flash()`."""
    with pytest.raises(RuntimeError) as caught:
        run_view(make(secret_key=None), WRITES[operation])
    assert str(caught.value) == NO_KEY_MESSAGE


def test_empty_string_secret_key_counts_as_no_key() -> None:
    """An empty string key counts as no key."""
    app = make(secret_key="")
    assert app.test_client().get("/get/x").text == "None"
    with pytest.raises(RuntimeError, match="no secret key was set"):
        app.test_client().get("/set/x/1")


def test_no_secret_key_write_is_a_500_outside_testing_mode() -> None:
    """Outside testing mode the client sees a 500."""
    app = make(secret_key=None)
    app.testing = False
    app.logger.disabled = True
    try:
        assert app.test_client().get("/set/x/1").status_code == 500
    finally:
        app.logger.disabled = False


# --- Tampering -----------------------------------------------------------------------------


def _edited_payload() -> str:
    client = make().test_client()
    client.get("/login/alice")
    cookie = cookie_of(client)
    forged = base64.urlsafe_b64encode(b'{"user":"admin"}').rstrip(b"=").decode()
    return forged + cookie[cookie.index(".") :]


def _other_key() -> str:
    client = make(secret_key="another key").test_client()
    client.get("/login/alice")
    return cookie_of(client)


def _expired() -> str:
    lifetime = int(make().permanent_session_lifetime.total_seconds())
    with mock.patch.object(
        TimestampSigner, "get_timestamp", return_value=int(time.time()) - lifetime - 60
    ):
        client = make().test_client()
        client.get("/login/alice")
        return cookie_of(client)


BAD_COOKIES: dict[str, Callable[[], str]] = {
    "edited payload": _edited_payload,
    "signed with another key": _other_key,
    "garbage": lambda: "garbage",
    "older than PERMANENT_SESSION_LIFETIME (not permanent)": _expired,
}


@pytest.mark.parametrize("case", list(BAD_COOKIES))
def test_bad_cookie_gives_an_empty_session_without_exception_or_set_cookie(
    case: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Flask **does not raise**. `SecureCookieSessionInterface.open_session` catches
    `itsdangerous.BadSignature` and returns a new, empty session. No exception, nothing
    logged, no Set-Cookie (so the bad cookie is not even deleted). [...] Same for a cookie
    signed with another key, garbage, or a cookie older than `PERMANENT_SESSION_LIFETIME`
    (expiry is checked for non-permanent sessions too)."""
    client = make().test_client()
    client.set_cookie("session", BAD_COOKIES[case]())
    with caplog.at_level(logging.DEBUG):
        response = client.get("/whoami")  # testing mode: an exception would surface here
    assert (response.status_code, response.text) == (200, "anonymous")
    assert "Set-Cookie" not in response.headers
    assert caplog.records == []


def test_cookie_is_signed_not_encrypted() -> None:
    """Signing lets Flask **detect** a modified cookie and throw it away. It does not hide
    anything: the cookie is signed, **not encrypted**."""
    client = make().test_client()
    client.get("/set/secret/hunter2")
    payload = cookie_of(client).split(".")[0]
    assert json.loads(b64decode(payload)) == {"secret": "hunter2"}


# --- The cookie ----------------------------------------------------------------------------


def test_cookie_format_is_payload_timestamp_signature_readable_without_key() -> None:
    """Format `payload.timestamp.signature`; the payload is base64url JSON that anyone can
    decode without the key (`{"visits":2}`)."""
    app = make()

    @app.route("/visit")
    def visit() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return "ok"

    client = app.test_client()
    client.get("/visit")
    client.get("/visit")
    payload, timestamp, signature = cookie_of(client).split(".")
    assert b64decode(payload) == b'{"visits":2}'
    assert abs(int.from_bytes(b64decode(timestamp), "big") - time.time()) < 60
    assert signature


def test_compressed_payload_starts_with_a_dot_and_has_four_parts() -> None:
    """If zlib makes it at least 2 bytes smaller, the payload is compressed and the cookie
    starts with `.` (so splitting on `.` gives 4 parts)."""
    client = make().test_client()
    client.get("/set/note/" + "a" * 200)
    cookie = cookie_of(client)
    parts = cookie.split(".")
    assert cookie.startswith(".") and len(parts) == 4
    assert json.loads(zlib.decompress(b64decode(parts[1]))) == {"note": "a" * 200}
    client.get("/set/note/ab")  # too short to gain from compression
    assert not cookie_of(client).startswith(".")


def test_signing_uses_url_safe_timed_serializer_salt_hmac_sha1_tagged_json() -> None:
    """Signing: itsdangerous `URLSafeTimedSerializer`, salt `cookie-session`, key derivation
    `hmac`, digest SHA-1, payload serializer Flask's `TaggedJSONSerializer`.
    `app.session_interface.get_signing_serializer(app)` returns it."""
    app = make()
    interface = app.session_interface
    assert isinstance(interface, SecureCookieSessionInterface)
    serializer = interface.get_signing_serializer(app)
    assert isinstance(serializer, URLSafeTimedSerializer)
    assert serializer.salt == b"cookie-session"
    assert isinstance(serializer.serializer, TaggedJSONSerializer)
    signer = serializer.make_signer()
    assert signer.key_derivation == "hmac"
    assert signer.digest_method().name == "sha1"


def test_serializer_loads_a_real_cookie_with_its_timestamp() -> None:
    """`.loads(cookie, return_timestamp=True)` decodes a real cookie with the app's key."""
    app = make()
    client = app.test_client()
    client.get("/login/alice")
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    data, signed_at = serializer.loads(cookie_of(client), return_timestamp=True)
    assert data == {"user": "alice"}
    assert abs((datetime.now(UTC) - signed_at).total_seconds()) < 60


def test_tagged_json_keeps_tuple_bytes_datetime_uuid_markup() -> None:
    """`TaggedJSONSerializer` (keeps tuple, bytes, datetime, UUID, Markup)."""
    values = {
        "tuple": (1, 2),
        "bytes": b"\x00\xff",
        "datetime": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        "uuid": uuid.UUID(int=7),
        "markup": Markup("<b>hi</b>"),
    }
    app = make()
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    loaded = serializer.loads(_dump_with(app, values))
    for name, value in values.items():
        assert loaded[name] == value and type(loaded[name]) is type(value), name


def _dump_with(app: Flask, values: dict[str, Any]) -> str:
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return str(serializer.dumps(values))


def test_signature_can_be_recomputed_by_hand() -> None:
    """derived key = HMAC-SHA1(secret, b"cookie-session"); signature = HMAC-SHA1(derived,
    f"{payload}.{timestamp}"), base64url without padding (27 chars)."""
    client = make().test_client()
    client.get("/login/alice")
    signed, signature = cookie_of(client).rsplit(".", 1)
    derived = hmac.new(KEY.encode(), b"cookie-session", hashlib.sha1).digest()
    mac = hmac.new(derived, signed.encode(), hashlib.sha1).digest()
    assert base64.urlsafe_b64encode(mac).rstrip(b"=").decode() == signature
    assert len(signature) == 27


def test_last_signature_character_carries_two_unused_bits() -> None:
    """The last signature character carries 2 unused bits, so changing only the last
    character may still verify. Change the payload or the first signature character."""
    app = make()
    client = app.test_client()
    client.get("/login/alice")
    cookie = cookie_of(client)
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]

    def verifies(candidate: str) -> bool:
        try:
            serializer.loads(candidate)
        except BadSignature:
            return False
        return True

    alphabet = string.ascii_letters + string.digits + "-_"
    last = [c for c in alphabet if verifies(cookie[:-1] + c)]
    assert len(last) == 4 and cookie[-1] in last
    start = cookie.rindex(".") + 1
    first = [c for c in alphabet if verifies(cookie[:start] + c + cookie[start + 1 :])]
    assert first == [cookie[start]]
    assert not verifies(("A" if cookie[0] != "A" else "B") + cookie[1:])


def test_non_json_value_fails_with_type_error_at_save_not_at_assignment() -> None:
    """A value that is not JSON-serializable (a `set`, a custom object) fails with
    `TypeError` when the session is saved at the end of the request, not at the
    assignment."""
    assigned: list[bool] = []

    def store() -> None:
        session["tags"] = {"a", "b"}
        assigned.append(True)

    with pytest.raises(TypeError):
        run_view(make(), store)
    assert assigned == [True]


# --- Behaviour worth teaching --------------------------------------------------------------


def test_session_is_a_dict_subclass_with_flags() -> None:
    """`session` is a dict subclass (`SecureCookieSession`) with `permanent`, `modified`,
    `accessed`, `new`."""
    seen: dict[str, Any] = {}

    def look() -> None:
        real = session._get_current_object()  # type: ignore[attr-defined]
        seen.update(
            cls=type(real),
            is_dict=isinstance(real, dict),
            flags={name: getattr(real, name) for name in ("permanent", "modified", "new")},
            has_accessed=hasattr(real, "accessed"),
        )

    run_view(make(), look)
    assert seen["cls"] is SecureCookieSession and seen["is_dict"]
    assert seen["flags"] == {"permanent": False, "modified": False, "new": False}
    assert seen["has_accessed"]


def test_session_proxy_only_works_inside_a_request() -> None:
    """`flask.session` is a proxy that only works inside a request."""
    with pytest.raises(RuntimeError, match="outside of request context"):
        session.get("x")
    with make().test_request_context():
        assert session.get("x") is None


def test_in_place_change_of_a_mutable_value_is_not_tracked() -> None:
    """Only top-level changes are tracked: `session['cart'].append('x')` leaves `modified`
    False, no Set-Cookie is sent, and the change is lost."""
    app = make()
    modified: list[bool] = []

    @app.route("/add/<item>")
    def add(item: str) -> str:
        session["cart"].append(item)
        modified.append(session.modified)
        return "ok"

    client = app.test_client()
    client.set_cookie("session", _dump_with(app, {"cart": []}))
    response = client.get("/add/x")
    assert modified == [False] and "Set-Cookie" not in response.headers
    client.get("/add/y")
    assert modified == [False, False]


@pytest.mark.parametrize("fix", ["session.modified = True", "assign the key again"])
def test_in_place_change_is_saved_with_modified_or_reassignment(fix: str) -> None:
    """Fix: `session.modified = True`, or assign the key again."""
    app = make()

    @app.route("/add/<item>")
    def add(item: str) -> str:
        cart = session["cart"]
        cart.append(item)
        if fix == "session.modified = True":
            session.modified = True
        else:
            session["cart"] = cart
        return "ok"

    client = app.test_client()
    client.set_cookie("session", _dump_with(app, {"cart": []}))
    client.get("/add/x")
    client.get("/add/y")
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    assert serializer.loads(cookie_of(client)) == {"cart": ["x", "y"]}


@pytest.mark.parametrize(
    "operation", [lambda: session.pop("missing"), lambda: session.__delitem__("missing")]
)
def test_pop_and_del_of_a_missing_key_raise_key_error(operation: Callable[[], object]) -> None:
    """`session.pop('k')` and `del session['k']` raise `KeyError` when the key is missing."""
    with pytest.raises(KeyError):
        run_view(make(), operation)


def test_pop_with_default_does_not_raise() -> None:
    """`session.pop('k', None)` does not [raise]."""
    popped: list[object] = []
    assert run_view(make(), lambda: popped.append(session.pop("k", None))).status_code == 200
    assert popped == [None]


def test_clear_sends_an_expired_empty_cookie() -> None:
    """`session.clear()` sends an expired empty cookie."""
    client = make().test_client()
    client.get("/login/alice")
    response = client.get("/logout")
    header = response.headers["Set-Cookie"]
    assert header.startswith("session=;")
    expires = parsedate_to_datetime(attributes(response)["expires"])
    assert expires < datetime.now(UTC)
    assert client.get_cookie("session") is None


def test_permanent_session_stores_flag_and_expires_in_31_days() -> None:
    """`session.permanent = True` stores `_permanent` and gives the cookie an `Expires` of
    now + `PERMANENT_SESSION_LIFETIME` (default 31 days)."""
    app = make()
    response = run_view(app, lambda: setattr(session, "permanent", True))
    expires = parsedate_to_datetime(attributes(response)["expires"])
    expected = datetime.now(UTC) + app.permanent_session_lifetime
    assert app.permanent_session_lifetime.days == 31
    assert abs((expires - expected).total_seconds()) < 60
    value = response.headers["Set-Cookie"].split(";")[0].removeprefix("session=")
    assert json.loads(b64decode(value.split(".")[0])) == {"_permanent": True}


def test_non_permanent_cookie_has_no_expires() -> None:
    """A non-permanent cookie has no `Expires`."""
    response = make().test_client().get("/set/x/1")
    assert "expires" not in attributes(response)
    assert "max-age" not in attributes(response)


@pytest.mark.parametrize(
    ("permanent", "refresh", "sent"),
    [(False, True, False), (True, True, True), (True, False, False)],
)
def test_cookie_sent_when_modified_or_permanent_with_refresh_each_request(
    permanent: bool, refresh: bool, sent: bool
) -> None:
    """When the cookie is sent: if the session was modified, or if it is permanent and
    `SESSION_REFRESH_EACH_REQUEST` is True (the default) — then on every request."""
    app = make(SESSION_REFRESH_EACH_REQUEST=refresh)
    assert Flask(__name__).config["SESSION_REFRESH_EACH_REQUEST"] is True
    client = app.test_client()
    client.set_cookie("session", _dump_with(app, {"_permanent": permanent, "x": "1"}))
    assert ("Set-Cookie" in client.get("/nothing").headers) is sent
    assert "Set-Cookie" in client.get("/set/x/2").headers  # modified: always sent


def test_cookie_defaults() -> None:
    """Defaults: `SESSION_COOKIE_HTTPONLY=True`, `SECURE=False`, `SAMESITE=None`, name
    `session`, `MAX_COOKIE_SIZE=4093`."""
    app = make()
    config = app.config
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["SESSION_COOKIE_SAMESITE"] is None
    assert config["SESSION_COOKIE_NAME"] == "session"
    assert config["MAX_COOKIE_SIZE"] == 4093
    response = app.test_client().get("/set/x/1")
    assert response.headers["Set-Cookie"].startswith("session=")
    flags = attributes(response)
    assert "httponly" in flags and "secure" not in flags and "samesite" not in flags


def test_oversize_cookie_is_still_sent_with_a_user_warning() -> None:
    """A cookie over the limit is still sent, with a `UserWarning` ("Browsers may silently
    ignore cookies larger than this")."""
    app = make()
    noise = secrets.token_urlsafe(4000)  # random: zlib cannot shrink it below the limit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = app.test_client().get(f"/set/blob/{noise}")
    assert len(response.headers["Set-Cookie"]) > 4093
    messages = [str(w.message) for w in caught if w.category is UserWarning]
    assert any("Browsers may silently ignore cookies larger than this" in m for m in messages)


def test_secret_key_fallbacks_rotate_keys() -> None:
    """`SECRET_KEY_FALLBACKS` (new in Flask 3.1.0) rotates keys: old cookies still verify,
    new ones are signed with the current key."""
    old = make(secret_key="old").test_client()
    old.get("/login/alice")
    app = make(secret_key="new", SECRET_KEY_FALLBACKS=["old"])
    client = app.test_client()
    client.set_cookie("session", cookie_of(old))
    assert client.get("/whoami").text == "alice"
    client.get("/set/x/1")
    fresh = cookie_of(client)
    assert make(secret_key="new").session_interface.get_signing_serializer(  # type: ignore[attr-defined]
        make(secret_key="new")
    ).loads(fresh) == {"user": "alice", "x": "1"}
    with pytest.raises(BadSignature):
        URLSafeTimedSerializer(
            "old",
            salt="cookie-session",
            serializer=TaggedJSONSerializer(),
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
        ).loads(fresh)


def test_installed_flask_has_the_fallback_signing_fix() -> None:
    """Flask 3.1.0 had a bug that signed with the fallback key; fixed in 3.1.1
    (GHSA-4grg-w6v8-c28g). Pin `flask>=3.1.1`."""
    major, minor, patch = (int(x) for x in version("flask").split(".")[:3])
    assert (major, minor, patch) >= (3, 1, 1)


def test_clear_at_login_drops_data_planted_before_login() -> None:
    """`session.clear()` at login drops anything planted before login (with signed-cookie
    sessions; with Flask-Session the id stays the same: see the fixation tests below)."""
    client = make().test_client()
    client.get("/set/role/admin")
    client.get("/login/alice")
    assert client.get("/get/role").text == "None"
    assert client.get("/whoami").text == "alice"


def test_logout_does_not_revoke_a_copied_client_side_cookie() -> None:
    """Logout does **not** revoke a copied client-side cookie: replaying it still works
    until it expires."""
    app = make()
    client = app.test_client()
    client.get("/login/alice")
    copied = cookie_of(client)
    client.get("/logout")
    assert client.get("/whoami").text == "anonymous"
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/whoami").text == "alice"


def test_good_key_from_secrets_or_flask_secret_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Good key: `secrets.token_hex()` (or `FLASK_SECRET_KEY` with
    `app.config.from_prefixed_env()`), never a literal in source control."""
    assert len(secrets.token_hex()) == 64
    monkeypatch.setenv("FLASK_SECRET_KEY", "from the environment")
    app = Flask(__name__)
    app.config.from_prefixed_env()
    assert app.secret_key == "from the environment"


def test_adding_a_route_after_the_first_request_raises_assertion_error() -> None:
    """Adding a route to an app after its first request raises `AssertionError`."""
    app = make()
    app.test_client().get("/nothing")
    with pytest.raises(AssertionError, match="can no longer be called"):
        app.add_url_rule("/late", view_func=lambda: "late")


# --- Flask-Session -------------------------------------------------------------------------


def server_side(**config: Any) -> Flask:
    app = make(secret_key=None, SESSION_TYPE="cachelib", SESSION_CACHELIB=SimpleCache(), **config)
    Session(app)
    return app


def test_flask_session_type_must_be_set() -> None:
    """`SESSION_TYPE` must be set (the default `'null'` raises `ValueError`)."""
    with pytest.raises(ValueError, match="null"):
        Session(Flask(__name__))


@pytest.mark.parametrize(
    "backend", ["redis", "memcached", "filesystem", "cachelib", "mongodb", "sqlalchemy", "dynamodb"]
)
def test_flask_session_backends(backend: str) -> None:
    """Flask-Session 0.8: backends redis, memcached, filesystem (deprecated), cachelib,
    mongodb, sqlalchemy, dynamodb."""
    # Importing a backend needs its client library (redis, pymongo...): only find it.
    assert importlib.util.find_spec(f"flask_session.{backend}") is not None


def test_flask_session_filesystem_backend_is_deprecated(tmp_path: Any) -> None:
    """filesystem (deprecated)"""
    app = make(SESSION_TYPE="filesystem", SESSION_FILE_DIR=str(tmp_path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Session(app)
    messages = [str(w.message) for w in caught if w.category is DeprecationWarning]
    assert any(m.startswith("FileSystemSessionInterface is deprecated") for m in messages)


def test_server_side_cookie_holds_only_an_id_and_logout_deletes_the_record() -> None:
    """Server-side sessions (Flask-Session) fix that: the cookie holds only an id, and the
    record is deleted at logout."""
    app = server_side()
    client = app.test_client()
    client.get("/login/alice")
    copied = cookie_of(client)
    assert "." not in copied and "alice" not in copied
    interface: Any = app.session_interface
    cache = interface.cache
    assert cache.get("session:" + copied) == {"user": "alice", "_permanent": True}
    client.get("/logout")
    assert cache.get("session:" + copied) is None
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/whoami").text == "anonymous"


def test_flask_session_regenerate_issues_a_new_id() -> None:
    """`app.session_interface.regenerate(session)` issues a new id."""
    app = server_side()

    @app.route("/regenerate")
    def regenerate() -> str:
        interface: Any = app.session_interface
        interface.regenerate(session)
        return "ok"

    client = app.test_client()
    client.get("/login/alice")
    before = cookie_of(client)
    client.get("/regenerate")
    after = cookie_of(client)
    assert after != before
    assert client.get("/whoami").text == "alice"
    interface: Any = app.session_interface
    assert interface.cache.get("session:" + before) is None


# --- Corrections from the course review (COURSE_REVIEW.md §1) and new topics (§2) ----------
#
# Each test below proves one claim the course makes after the review; deck items cite them
# by name. Helpers: ``serializer_for(key)`` signs like Flask does, ``on_day(n)`` freezes the
# clock ``n`` days after a fixed day 0, ``payload_of(cookie)`` decodes a cookie by hand.

DAY = 86_400
DAY_0 = 1_700_000_000


def serializer_for(key: str) -> URLSafeTimedSerializer:
    """What Flask signs session cookies with, built from itsdangerous directly."""
    return URLSafeTimedSerializer(
        key,
        salt="cookie-session",
        serializer=TaggedJSONSerializer(),
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
    )


def on_day(day: int) -> Any:
    """Freeze the signing and checking clock ``day`` days after day 0."""
    return mock.patch.object(TimestampSigner, "get_timestamp", return_value=DAY_0 + day * DAY)


def payload_of(cookie: str) -> Any:
    """Decode a session cookie's payload with base64, zlib and json only."""
    compressed = cookie.startswith(".")
    raw = b64decode(cookie.lstrip(".").split(".")[0])
    return json.loads(zlib.decompress(raw) if compressed else raw)


def sending(app: Flask, cookie: str) -> flask.testing.FlaskClient:
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def set_cookie_headers(response: Any) -> list[str]:
    return list(response.headers.getlist("Set-Cookie"))


# Key rotation after a leak (H1)


def test_cookie_forged_with_a_leaked_key_kept_in_fallbacks_verifies() -> None:
    """Fallback keys are accepted for verification, so anyone holding the leaked key can
    forge sessions, e.g. `{"user": "admin"}`, until the key is removed."""
    forged = serializer_for("leaked").dumps({"user": "admin"})
    app = make(secret_key="new", SECRET_KEY_FALLBACKS=["leaked"])
    assert sending(app, forged).get("/whoami").text == "admin"


def test_new_key_without_fallbacks_refuses_forgeries_and_logs_everyone_out() -> None:
    """Set only the new `SECRET_KEY`: every existing cookie fails verification and all users
    are logged out, the forgery included."""
    old = make(secret_key="leaked").test_client()
    old.get("/login/alice")
    forged = serializer_for("leaked").dumps({"user": "admin"})
    app = make(secret_key="new")
    assert sending(app, forged).get("/whoami").text == "anonymous"
    assert sending(app, cookie_of(old)).get("/whoami").text == "anonymous"


def test_old_key_cookie_is_re_signed_only_when_the_session_is_sent_again() -> None:
    """An old-key cookie is re-signed only when Flask sends it again, i.e. modified or
    permanent with refresh; a read-only request does not re-sign it."""
    app = make(secret_key="new", SECRET_KEY_FALLBACKS=["old"])
    old_plain = serializer_for("old").dumps({"user": "alice"})
    reading = sending(app, old_plain)
    assert reading.get("/whoami").text == "alice"
    assert "Set-Cookie" not in reading.get("/whoami").headers  # read-only: not re-signed
    reading.get("/set/x/1")  # modified: sent again, signed with the new key
    assert serializer_for("new").loads(cookie_of(reading)) == {"user": "alice", "x": "1"}
    old_permanent = serializer_for("old").dumps({"user": "alice", "_permanent": True})
    refreshed = sending(app, old_permanent)
    assert "Set-Cookie" in refreshed.get("/nothing").headers  # permanent + refresh
    assert serializer_for("new").loads(cookie_of(refreshed))["user"] == "alice"


# Fixation with Flask-Session (H2)


def _fixed_session_id(app: Flask) -> str:
    attacker = app.test_client()
    attacker.get("/set/visits/1")  # the site stores a session for the attacker
    return cookie_of(attacker)


def test_flask_session_clear_at_login_keeps_the_session_id_so_fixation_works() -> None:
    """Flask-Session 0.8: `session.clear()` followed by a write keeps the **same session
    id**. An attacker who fixed that id in the victim's browser is then logged in as the
    victim."""
    app = server_side()
    fixed = _fixed_session_id(app)
    victim = sending(app, fixed)
    victim.get("/login/alice")  # clear(), then session["user"] = user
    assert cookie_of(victim) == fixed
    assert sending(app, fixed).get("/whoami").text == "alice"


def test_flask_session_regenerate_at_login_changes_the_id_and_locks_out_the_fixed_one() -> None:
    """Only `app.session_interface.regenerate(session)` changes the id: the attacker with
    the fixed id is then anonymous."""
    app = server_side()

    @app.route("/login-regenerate/<user>")
    def login_regenerate(user: str) -> str:
        session.clear()
        session["user"] = user
        interface: Any = app.session_interface
        interface.regenerate(session)
        return "ok"

    fixed = _fixed_session_id(app)
    victim = sending(app, fixed)
    victim.get("/login-regenerate/alice")
    assert cookie_of(victim) != fixed
    assert victim.get("/whoami").text == "alice"
    assert sending(app, fixed).get("/whoami").text == "anonymous"


def test_flask_session_clear_keeps_permanent() -> None:
    """Unlike Flask's cookie session, Flask-Session's `clear()` keeps `_permanent`."""
    app = server_side()
    seen: list[dict[str, Any]] = []

    @app.route("/clear")
    def clear() -> str:
        session["x"] = "1"
        session.clear()
        seen.append(dict(session))
        return "ok"

    app.test_client().get("/clear")
    assert seen == [{"_permanent": True}]


# How long a copied cookie works (H3)


def test_permanent_cookie_re_signed_on_every_request_can_be_kept_alive() -> None:
    """Permanent session (the default refresh is on): every request the attacker makes
    returns a freshly signed cookie, so a stolen cookie can be kept alive forever, as long
    as it is used at least once every 31 days (days 25, 50, 75 and 100 -> still `alice`)."""
    app = make()

    @app.route("/permanent")
    def permanent() -> str:
        session.permanent = True
        return "ok"

    victim = app.test_client()
    with on_day(0):
        victim.get("/login/alice")
        victim.get("/permanent")
    stolen = cookie_of(victim)
    assert payload_of(stolen) == {"user": "alice", "_permanent": True}
    attacker = sending(app, stolen)
    for day in (25, 50, 75, 100):
        with on_day(day):
            assert attacker.get("/whoami").text == "alice", day
    with on_day(100):
        assert sending(app, stolen).get("/whoami").text == "anonymous"  # the day-0 copy


def test_non_permanent_cookie_refused_permanent_session_lifetime_after_signing() -> None:
    """Non-permanent session: the copy is valid for `PERMANENT_SESSION_LIFETIME` after it was
    *signed*, whatever the browser does (works on day 30, fails on day 32)."""
    app = make()
    with on_day(0):
        victim = app.test_client()
        victim.get("/login/alice")
    copied = cookie_of(victim)
    assert "_permanent" not in payload_of(copied)
    with on_day(30):
        assert sending(app, copied).get("/whoami").text == "alice"
    with on_day(32):
        assert sending(app, copied).get("/whoami").text == "anonymous"


def test_a_view_that_writes_re_signs_a_non_permanent_copy() -> None:
    """Every write signs the cookie again, so a non-permanent copy sent to a view that
    writes on day 30 gives a cookie that still works on day 60."""
    app = make()
    with on_day(0):
        victim = app.test_client()
        victim.get("/login/alice")
    attacker = sending(app, cookie_of(victim))
    with on_day(30):
        attacker.get("/set/x/1")
    with on_day(60):
        assert attacker.get("/whoami").text == "alice"


def test_secret_key_change_without_fallback_revokes_every_copy() -> None:
    """Changing the secret key (with no fallback) revokes every copy."""
    app = make()
    victim = app.test_client()
    victim.get("/login/alice")
    copied = cookie_of(victim)
    assert sending(app, copied).get("/whoami").text == "alice"
    app.secret_key = "a new key"
    assert sending(app, copied).get("/whoami").text == "anonymous"


def test_signing_serializer_loads_without_max_age_skips_the_age_check_flask_applies() -> None:
    """`get_signing_serializer(app).loads(cookie)` without `max_age` skips the age check;
    Flask itself calls `loads(cookie, max_age=PERMANENT_SESSION_LIFETIME seconds)`."""
    app = make()
    with on_day(0):
        expired = serializer_for(KEY).dumps({"user": "alice"})
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    with on_day(40):
        assert serializer.loads(expired) == {"user": "alice"}
        with pytest.raises(SignatureExpired):
            serializer.loads(expired, max_age=lifetime)
        assert sending(app, expired).get("/whoami").text == "anonymous"


def test_permanent_session_lifetime_is_set_with_a_timedelta_or_seconds() -> None:
    """How to set the lifetime: `PERMANENT_SESSION_LIFETIME = timedelta(...)` (or a number of
    seconds); the permanent cookie's Expires follows it."""
    for lifetime in (timedelta(hours=1), 3600):
        app = make(PERMANENT_SESSION_LIFETIME=lifetime)
        assert app.permanent_session_lifetime == timedelta(hours=1)
        response = run_view(app, lambda: setattr(session, "permanent", True))
        expires = parsedate_to_datetime(attributes(response)["expires"])
        expected = datetime.now(UTC) + timedelta(hours=1)
        assert abs((expires - expected).total_seconds()) < 60


# Mutable values in a permanent session (M1), setdefault, clear()


def _cart_app(**config: Any) -> Flask:
    app = make(**config)

    @app.route("/permanent")
    def permanent() -> str:
        session.permanent = True
        return "ok"

    @app.route("/add/<item>")
    def add(item: str) -> str:
        session.setdefault("cart", []).append(item)
        return "ok"

    @app.route("/cart")
    def cart() -> str:
        return repr(session.get("cart"))

    return app


def test_permanent_session_in_place_change_is_saved_with_refresh_each_request() -> None:
    """With `session.permanent = True` and the default `SESSION_REFRESH_EACH_REQUEST=True`,
    the cookie is re-sent on every request, and the in-place append **is saved**."""
    client = _cart_app().test_client()
    client.get("/permanent")
    client.get("/add/apple")
    assert "Set-Cookie" in client.get("/add/pear").headers
    assert client.get("/cart").text == "['apple', 'pear']"


def test_permanent_session_in_place_change_is_lost_without_refresh_each_request() -> None:
    """With `SESSION_REFRESH_EACH_REQUEST=False` the in-place append is lost again."""
    client = _cart_app(SESSION_REFRESH_EACH_REQUEST=False).test_client()
    client.get("/permanent")
    client.get("/add/apple")
    assert "Set-Cookie" not in client.get("/add/pear").headers
    assert client.get("/cart").text == "['apple']"


def test_setdefault_creating_a_key_is_a_top_level_change() -> None:
    """`apple` survives because `setdefault` *created* the key (a top-level change); on an
    existing key `setdefault` changes nothing Flask can see."""
    app = make()
    modified: list[bool] = []

    @app.route("/add/<item>")
    def add(item: str) -> str:
        session.setdefault("cart", []).append(item)
        modified.append(session.modified)
        return "ok"

    client = app.test_client()
    assert "Set-Cookie" in client.get("/add/apple").headers
    assert "Set-Cookie" not in client.get("/add/pear").headers
    assert modified == [True, False]
    assert payload_of(cookie_of(client)) == {"cart": ["apple"]}


def test_clear_drops_permanent_and_flashes() -> None:
    """`session.clear()` also drops `_permanent` (the session becomes non-permanent) and
    `_flashes`."""
    app = make()

    @app.route("/before")
    def before() -> str:
        session.permanent = True
        flash("pending")
        return "ok"

    @app.route("/clear-login")
    def clear_login() -> str:
        session.clear()
        session["user"] = "alice"
        return "ok"

    client = app.test_client()
    client.get("/before")
    assert set(payload_of(cookie_of(client))) == {"_permanent", "_flashes"}
    response = client.get("/clear-login")
    assert payload_of(cookie_of(client)) == {"user": "alice"}
    assert "expires" not in attributes(response)


# session.new, session.accessed, Vary: Cookie


def test_session_new_is_always_false_for_the_cookie_session() -> None:
    """`SecureCookieSession` cannot tell a new session from an empty one: `new` is always
    `False` (no cookie, a valid cookie, a bad cookie)."""
    app = make()
    seen: list[bool] = []

    @app.route("/new")
    def new() -> str:
        seen.append(session.new)
        return "ok"

    client = app.test_client()
    client.get("/new")
    client.get("/set/x/1")
    client.get("/new")
    sending(app, "garbage").get("/new")
    assert seen == [False, False, False]


def test_reading_the_session_adds_vary_cookie_and_not_touching_it_adds_none() -> None:
    """`session.accessed` -> `Vary: Cookie`, even when no cookie is sent; a view that never
    touches the session gets no `Vary` header."""
    client = make().test_client()
    read = client.get("/get/x")
    assert read.headers.get("Vary") == "Cookie" and "Set-Cookie" not in read.headers
    assert "Vary" not in client.get("/nothing").headers


def test_membership_test_alone_marks_the_session_accessed() -> None:
    """Since Flask 3.1.3 (GHSA-68rp-wp8r-4726) `key in session` also marks the session
    accessed, so the response carries `Vary: Cookie`."""
    app = make()
    app.add_url_rule("/has", view_func=lambda: str("user" in session))
    response = app.test_client().get("/has")
    assert response.text == "False" and response.headers.get("Vary") == "Cookie"


# Cookie size and compression (M2)


def _set_blob(app: Flask, blob: str) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = app.test_client().get(f"/set/blob/{blob}")
    return response, [str(w.message) for w in caught if w.category is UserWarning]


def test_max_cookie_size_counts_the_whole_set_cookie_header() -> None:
    """The limit applies to the **whole Set-Cookie header** (name, value and attributes),
    not to the value alone."""
    blob = secrets.token_urlsafe(300)
    response, _ = _set_blob(make(), blob)
    header = response.headers["Set-Cookie"]
    value = header.split(";")[0].removeprefix("session=")
    _, warned = _set_blob(make(MAX_COOKIE_SIZE=len(value) + 1), blob)  # the value fits
    assert any("Browsers may silently ignore cookies" in m for m in warned)
    _, quiet = _set_blob(make(MAX_COOKIE_SIZE=len(header)), blob)  # the header fits
    assert quiet == []


def test_max_cookie_size_zero_disables_the_warning() -> None:
    """`MAX_COOKIE_SIZE = 0` disables the check."""
    response, warned = _set_blob(make(MAX_COOKIE_SIZE=0), secrets.token_urlsafe(5000))
    assert len(response.headers["Set-Cookie"]) > 4093 and warned == []


def test_cookie_size_warning_comes_from_werkzeug() -> None:
    """Werkzeug (not Flask) issues the size warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make().test_client().get(f"/set/blob/{secrets.token_urlsafe(5000)}")
    (warning,) = [w for w in caught if w.category is UserWarning]
    assert "/werkzeug/" in warning.filename.replace("\\", "/")


def test_5000_repeated_characters_compress_to_a_small_cookie() -> None:
    """`'x'*5000` gives a Set-Cookie of about 120 bytes and no warning, because of zlib."""
    response, warned = _set_blob(make(), "x" * 5000)
    header = response.headers["Set-Cookie"]
    assert len(header) < 200 and warned == []
    value = header.split(";")[0].removeprefix("session=")
    assert value.startswith(".") and payload_of(value) == {"blob": "x" * 5000}


def test_payload_is_compressed_only_when_at_least_two_bytes_shorter() -> None:
    """itsdangerous compresses only if the result is **at least 2 bytes shorter**."""
    for n, saved, compressed in [(11, 1, False), (12, 2, True)]:
        text = json.dumps({"note": "a" * n}, separators=(",", ":")).encode()
        assert len(text) - len(zlib.compress(text)) == saved  # the premise
        client = make().test_client()
        client.get(f"/set/note/{'a' * n}")
        assert cookie_of(client).startswith(".") is compressed, n


def test_compressed_payload_is_readable_without_the_key() -> None:
    """The compressed payload needs `zlib.decompress` after base64, but it is still readable
    without the key."""
    client = make().test_client()
    client.get("/set/secret/" + "hunter2" * 20)
    cookie = cookie_of(client)
    assert cookie.startswith(".")
    assert json.loads(zlib.decompress(b64decode(cookie.split(".")[1]))) == {
        "secret": "hunter2" * 20
    }


# Flask-Session basics (M3 and the server-side-sessions explanation)


def test_flask_session_needs_no_secret_key_for_writes_and_flash() -> None:
    """With Flask-Session no key is needed at all: `flash()` plus a write -> 200,
    `secret_key: None`."""
    app = server_side()
    assert app.secret_key is None

    @app.route("/flash-and-write")
    def flash_and_write() -> str:
        flash("hello")
        session["x"] = "1"
        return "ok"

    client = app.test_client()
    assert client.get("/flash-and-write").status_code == 200
    assert client.get("/get/x").text == "'1'"


def test_flask_session_sessions_are_permanent_by_default_expires_in_31_days() -> None:
    """Sessions are permanent by default (`SESSION_PERMANENT=True`, cookie `Expires` +31
    days)."""
    response = server_side().test_client().get("/login/alice")
    expires = parsedate_to_datetime(attributes(response)["expires"])
    assert round((expires - datetime.now(UTC)).total_seconds() / DAY) == 31


def test_flask_session_id_is_43_characters() -> None:
    """The id is 43 characters (`secrets.token_urlsafe(32)`)."""
    client = server_side().test_client()
    client.get("/login/alice")
    sid = cookie_of(client)
    assert len(sid) == 43 and set(sid) <= set(string.ascii_letters + string.digits + "-_")


def test_flask_session_serializes_with_msgpack_under_the_session_prefix() -> None:
    """Data is stored as msgpack under `session:<id>` (by the redis, memcached, mongodb,
    sqlalchemy and dynamodb backends; cachelib and filesystem store the dict itself)."""
    import msgspec

    app = server_side()
    client = app.test_client()
    client.get("/login/alice")
    interface: Any = app.session_interface
    assert interface.key_prefix == "session:"
    assert isinstance(interface.serializer.encoder, msgspec.msgpack.Encoder)
    record = interface.cache.get("session:" + cookie_of(client))
    assert record == {"user": "alice", "_permanent": True}  # cachelib: the dict itself
    encoded = interface.serializer.encode(record)
    assert msgspec.msgpack.decode(encoded) == record
    assert encoded[:1] == b"\x82"  # msgpack: a map of 2 entries


# SameSite (M4) and Partitioned


@pytest.mark.parametrize(
    ("setting", "attribute"), [(None, None), ("None", "None"), ("Lax", "Lax"), ("Strict", "Strict")]
)
def test_samesite_python_none_sends_no_attribute_but_the_string_none_does(
    setting: str | None, attribute: str | None
) -> None:
    """`SESSION_COOKIE_SAMESITE = None` (Python `None`: no SameSite attribute is sent) is
    not the string `'None'` (`SameSite=None`, cross-site allowed)."""
    response = make(SESSION_COOKIE_SAMESITE=setting).test_client().get("/set/x/1")
    assert attributes(response).get("samesite") == attribute


def test_session_cookie_partitioned_adds_the_partitioned_attribute() -> None:
    """`SESSION_COOKIE_PARTITIONED` (new in Flask 3.1) adds `Partitioned`; off by default."""
    assert "partitioned" not in attributes(make().test_client().get("/set/x/1"))
    app = make(SESSION_COOKIE_PARTITIONED=True, SESSION_COOKIE_SECURE=True)
    assert "partitioned" in attributes(app.test_client().get("/set/x/1"))


# Tampering, unless the view writes


def test_tampered_cookie_is_replaced_when_the_view_writes() -> None:
    """A bad cookie is not deleted, unless the view writes: then the response carries a new
    valid cookie holding only what the view wrote."""
    client = make().test_client()
    client.set_cookie("session", _edited_payload())
    response = client.get("/set/x/1")
    assert len(set_cookie_headers(response)) == 1
    assert serializer_for(KEY).loads(cookie_of(client)) == {"x": "1"}


# CSRF (§2): Flask has none built in; Flask-WTF's CSRFProtect


CROSS_SITE = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}


def csrf_app(protect: bool) -> Flask:
    from flask_wtf.csrf import CSRFProtect, generate_csrf  # type: ignore[import-untyped]

    app = make()
    if protect:
        CSRFProtect(app)
    app.add_url_rule("/token", view_func=lambda: str(generate_csrf()))

    @app.post("/email")
    def email() -> str:
        session["email"] = flask.request.form["email"]
        return "changed"

    return app


def _logged_in_client(app: Flask) -> flask.testing.FlaskClient:
    client = app.test_client()
    client.get("/login/alice")
    return client


def test_plain_flask_accepts_a_cross_site_post_that_carries_the_session_cookie() -> None:
    """The browser attaches the cookie to cross-site requests; Flask has no built-in CSRF
    protection: a cross-site form POST with the victim's cookie is accepted."""
    client = _logged_in_client(csrf_app(protect=False))
    response = client.post("/email", data={"email": "evil@evil.example"}, headers=CROSS_SITE)
    assert response.status_code == 200
    assert client.get("/get/email").text == "'evil@evil.example'"


def test_csrfprotect_refuses_a_post_without_a_token_with_400() -> None:
    """Flask-WTF `CSRFProtect` refuses it: 400, "The CSRF token is missing."."""
    client = _logged_in_client(csrf_app(protect=True))
    response = client.post("/email", data={"email": "evil@evil.example"}, headers=CROSS_SITE)
    assert response.status_code == 400
    assert "<p>The CSRF token is missing.</p>" in response.text
    assert client.get("/get/email").text == "None"


def test_csrfprotect_accepts_a_post_with_the_token_from_generate_csrf() -> None:
    """A POST carrying the token from `generate_csrf()` is accepted."""
    client = _logged_in_client(csrf_app(protect=True))
    token = client.get("/token").text
    response = client.post("/email", data={"email": "alice@example.org", "csrf_token": token})
    assert response.status_code == 200


def test_csrf_token_secret_lives_in_the_session_under_csrf_token() -> None:
    """Its token lives in the session, key `csrf_token`, readable in the cookie payload; the
    form gets a signed form of it."""
    client = _logged_in_client(csrf_app(protect=True))
    token = client.get("/token").text
    secret = payload_of(cookie_of(client))["csrf_token"]
    assert len(secret) == 40 and set(secret) <= set(string.hexdigits)
    assert URLSafeTimedSerializer(KEY, salt="wtf-csrf-token").loads(token) == secret


def test_clear_at_login_drops_the_csrf_token_so_an_old_token_is_refused() -> None:
    """`clear()` at login rotates the token: a token from before the login is refused."""
    client = _logged_in_client(csrf_app(protect=True))
    old = client.get("/token").text
    client.get("/login/alice")
    client.get("/token")  # the page after login makes a new token
    response = client.post("/email", data={"email": "alice@example.org", "csrf_token": old})
    assert response.status_code == 400
    assert "<p>The CSRF tokens do not match.</p>" in response.text


# flash() and get_flashed_messages() use the session (§2)


def _flash_app() -> Flask:
    app = make()

    @app.route("/flash")
    def flash_saved() -> str:
        flash("Saved!")
        return "ok"

    @app.route("/show")
    def show() -> str:
        return repr(flask.get_flashed_messages())

    return app


def test_flash_stores_category_message_tuples_under_flashes_readable_in_the_cookie() -> None:
    """`flash()` stores `(category, message)` tuples under `_flashes`, readable in the
    cookie: `{"_flashes":[{" t":["message","Saved!"]}]}` (default category `message`)."""
    client = _flash_app().test_client()
    client.get("/flash")
    cookie = cookie_of(client)
    assert b64decode(cookie.split(".")[0]) == b'{"_flashes":[{" t":["message","Saved!"]}]}'
    assert serializer_for(KEY).loads(cookie) == {"_flashes": [("message", "Saved!")]}


def test_get_flashed_messages_pops_them_and_deletes_an_otherwise_empty_cookie() -> None:
    """`get_flashed_messages()` pops them, a write that sends a deleting Set-Cookie when
    nothing else is left; the next request sees none."""
    client = _flash_app().test_client()
    client.get("/flash")
    response = client.get("/show")
    assert response.text == "['Saved!']"
    assert set_cookie_headers(response)[0].startswith("session=; Expires=Thu, 01 Jan 1970")
    assert client.get("/show").text == "[]"


def test_get_flashed_messages_sends_an_updated_cookie_when_other_data_remains() -> None:
    """... or a new Set-Cookie holding the rest of the session."""
    client = _flash_app().test_client()
    client.get("/login/alice")
    client.get("/flash")
    response = client.get("/show")
    assert len(set_cookie_headers(response)) == 1
    assert payload_of(cookie_of(client)) == {"user": "alice"}


# client.session_transaction() (§2)


def test_session_transaction_sets_the_session_before_a_request() -> None:
    """`client.session_transaction()` sets the session before a request: the block saves it
    into the client's cookie."""
    client = make().test_client()
    with client.session_transaction() as sess:
        sess["user"] = "alice"
    assert payload_of(cookie_of(client)) == {"user": "alice"}
    assert client.get("/whoami").text == "alice"


def test_session_transaction_reads_what_a_view_stored() -> None:
    """... and reads what the view stored after one."""
    client = make().test_client()
    client.get("/set/visits/2")
    with client.session_transaction() as sess:
        assert sess["visits"] == "2"


# Where the session is saved (§2)


def test_change_in_after_request_is_saved_in_the_cookie() -> None:
    """A change in an `after_request` function is saved into the cookie (the session is
    saved after them)."""
    app = make()

    @app.after_request
    def stamp(response: flask.Response) -> flask.Response:
        session["after"] = "ran"
        return response

    client = app.test_client()
    client.get("/nothing")
    assert payload_of(cookie_of(client)) == {"after": "ran"}


def test_change_in_teardown_request_is_not_saved() -> None:
    """A change in `teardown_request` is not saved: the cookie was already written."""
    app = make()
    ran: list[bool] = []

    @app.teardown_request
    def late(error: BaseException | None) -> None:
        session["late"] = "ran"
        ran.append(True)

    client = app.test_client()
    response = client.get("/nothing")
    assert ran == [True] and "Set-Cookie" not in response.headers
    assert client.get("/get/late").text == "None"


# Tagged JSON through the real cookie (§2)


def _round_trip(value: Any) -> Any:
    """Store ``value`` in one request, return what the next request gets from the cookie."""
    app = make()
    seen: list[Any] = []

    @app.route("/store")
    def store() -> str:
        session["v"] = value
        return "ok"

    @app.route("/load")
    def load() -> str:
        seen.append(session["v"])
        return "ok"

    client = app.test_client()
    client.get("/store")
    client.get("/load")
    return seen[0]


def test_tagged_json_naive_datetime_comes_back_aware_utc_without_microseconds() -> None:
    """A naive `datetime` comes back as aware UTC with microseconds dropped."""
    back = _round_trip(datetime(2024, 1, 2, 3, 4, 5, 678901))
    assert back == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert back.tzinfo is not None and back.microsecond == 0


def test_tagged_json_int_dict_keys_come_back_as_str() -> None:
    """`int` dict keys come back as `str`."""
    assert _round_trip({1: "one"}) == {"1": "one"}


@pytest.mark.parametrize(
    "value", [(1, 2), b"\x00\xff", uuid.UUID(int=7), Markup("<b>hi</b>")], ids=repr
)
def test_tagged_json_tuple_bytes_uuid_markup_survive_the_real_cookie(value: Any) -> None:
    """A tuple comes back a tuple; bytes, UUID and Markup are kept (through the cookie)."""
    back = _round_trip(value)
    assert back == value and type(back) is type(value)


def test_tagged_json_tags_are_one_key_objects_with_a_space_prefix() -> None:
    """The ` t` tag format: `{" t": [1, 2]}` for a tuple, `" b"` bytes, `" d"` datetime,
    `" u"` UUID, `" m"` Markup."""
    app = make()
    values = {
        "t": (1, 2),
        "b": b"\x00",
        "d": datetime(2024, 1, 2, tzinfo=UTC),
        "u": uuid.UUID(int=1),
        "m": Markup("<i>"),
    }
    app.add_url_rule("/store", "store", lambda: (session.update(values), "ok")[1])
    client = app.test_client()
    client.get("/store")
    payload = payload_of(cookie_of(client))
    assert {key: list(tagged) for key, tagged in payload.items()} == {
        key: [f" {key}"] for key in values
    }


# --- The basics the deck states ----------------------------------------------------------


def test_session_keeps_data_per_browser_across_requests() -> None:
    """HTTP is stateless: the session lives in the cookie each browser sends back, so each
    browser (client) has its own data, and a browser without the cookie starts empty."""
    app = make()
    alice, bob = app.test_client(), app.test_client()
    alice.get("/set/user/alice")
    assert alice.get("/whoami").text == "alice"
    assert bob.get("/whoami").text == "anonymous"
    alice.delete_cookie("session")
    assert alice.get("/whoami").text == "anonymous"


def test_get_returns_none_or_a_default_and_indexing_a_missing_key_raises_key_error() -> None:
    """``session.get('k')`` is None for a missing key, ``get('k', d)`` returns d, and
    ``session['k']`` raises KeyError, exactly as on a dict."""
    with make().test_request_context():
        assert session.get("missing") is None
        assert session.get("missing", "fallback") == "fallback"
        with pytest.raises(KeyError):
            session["missing"]


def test_session_has_no_remove_method_and_assigning_none_keeps_the_key() -> None:
    """The distractors of ``remove-key``: ``session.remove`` does not exist, and assigning
    None keeps the key (with the value None)."""
    with make().test_request_context():
        session["key"] = "value"
        with pytest.raises(AttributeError):
            session.remove("key")  # type: ignore[attr-defined]
        session["key"] = None
        assert "key" in session and session["key"] is None


def test_cookies_quoted_in_the_deck_decode_as_the_deck_says() -> None:
    """The cookies quoted in questions ``cookie-parts`` and ``read-set-cookie`` are real: the
    first is compressed (leading '.') and decodes to a cart of books without the key; the
    second decodes to ``{"user": "ada"}``."""
    compressed = ".eJyrVkpOLCpRsopWSsrPz1bSoSYVWwsAX1Ec8Q.ZVPxAA.t0tOIMF1D_ay4NHZ0UWNRl5reEQ"
    payload, _timestamp, _signature = compressed[1:].split(".")
    data = json.loads(zlib.decompress(b64decode(payload)))
    assert data == {"cart": ["book"] * 12}
    plain = "eyJ1c2VyIjoiYWRhIn0.ZVPxAA.OU2dflVk1NxQr6YprsbuqAJ2ySA"
    assert json.loads(b64decode(plain.split(".")[0])) == {"user": "ada"}
    # Both were signed by the demo app's key at 2023-11-14 22:13:20 UTC (the course's frozen
    # clock): they verify with it, so they are cookies Flask really made.
    serializer = SecureCookieSessionInterface().get_signing_serializer(
        make(secret_key="demo-only-key-never-use-in-production")
    )
    assert serializer is not None
    for cookie in (compressed, plain):
        _value, signed_at = serializer.loads(cookie, return_timestamp=True)
        assert signed_at == datetime.fromtimestamp(1_700_000_000, UTC)


def test_secret_key_fallbacks_from_the_environment_must_be_a_json_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``SECRET_KEY_FALLBACKS`` is a list. ``from_prefixed_env()`` keeps a value that is not
    JSON as a string, and Flask then takes each character as a key: a cookie signed with the
    one-character key ``'o'`` verifies. A JSON list gives the one real fallback."""
    forged_client = make(secret_key="o").test_client()
    forged_client.get("/set/user/admin")
    forged = cookie_of(forged_client)
    for value, accepted in (("old-key-abc", True), ('["old-key-abc"]', False)):
        monkeypatch.setenv("FLASK_SECRET_KEY_FALLBACKS", value)
        app = make(secret_key="new key")
        app.config.from_prefixed_env()
        client = app.test_client()
        client.set_cookie("session", forged)
        assert (client.get("/whoami").text == "admin") is accepted, value


def test_permanent_session_sends_vary_cookie_on_every_response() -> None:
    """A view that never touches the session still gets ``Vary: Cookie`` (and a new cookie)
    in a permanent session, whose cookie is re-sent on every response."""
    app = make()

    @app.route("/permanent")
    def permanent() -> str:
        session.permanent = True
        return "ok"

    client = app.test_client()
    assert client.get("/nothing").headers.get("Vary") is None
    client.get("/permanent")
    response = client.get("/nothing")
    assert response.headers.get("Vary") == "Cookie"
    assert "Set-Cookie" in response.headers


def test_tagged_json_converts_dataclass_decimal_and_date_silently() -> None:
    """In a request the app's JSON provider converts a dataclass to a dict, a ``Decimal`` to a
    string and a ``date`` to an HTTP-date string, silently; a plain object raises
    ``TypeError``."""
    import dataclasses
    import datetime as dt
    from decimal import Decimal

    @dataclasses.dataclass
    class Cart:
        items: list[str]

    app = make()
    values: dict[str, object] = {
        "cart": Cart(["book"]),
        "price": Decimal("9.99"),
        "day": dt.date(2024, 5, 1),
    }

    @app.route("/store/<name>")
    def store(name: str) -> str:
        session[name] = values[name]
        return "ok"

    @app.route("/read/<name>")
    def read(name: str) -> str:
        return repr(session[name])

    client = app.test_client()
    for name, expected in (
        ("cart", "{'items': ['book']}"),
        ("price", "'9.99'"),
        ("day", "'Wed, 01 May 2024 00:00:00 GMT'"),
    ):
        client.get(f"/store/{name}")
        assert client.get(f"/read/{name}").text == expected, name
    values["plain"] = object()
    with pytest.raises(TypeError):
        client.get("/store/plain")


def test_csrfprotect_checks_post_put_patch_and_delete() -> None:
    """Flask-WTF's ``CSRFProtect`` checks POST, PUT, PATCH and DELETE (``WTF_CSRF_METHODS``);
    GET is not checked."""
    from flask_wtf.csrf import CSRFProtect

    app = make()
    app.testing = False
    app.logger.disabled = True
    CSRFProtect(app)

    @app.route("/change", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def change() -> str:
        return "changed"

    client = app.test_client()
    assert client.get("/change").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/change").status_code == 400, method
