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
from datetime import UTC, datetime
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
from itsdangerous import BadSignature, URLSafeTimedSerializer
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
    """`session.clear()` at login drops anything planted before login (fixation)."""
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
