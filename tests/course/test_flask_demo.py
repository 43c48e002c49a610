"""The live-demo helpers: app factory, real server, browser, cookie inspector, checks."""

from __future__ import annotations

import doctest
import hashlib
import json
import re
import threading
import types
import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import psutil
import pytest
from flask import Flask, current_app, session
from flask.json.tag import JSONTag, TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from flask_course import _shared as _flask_shared
from flask_course import checks as flask_checks
from flask_course import cookies
from flask_course import csrf as flask_csrf
from flask_course import demo as flask_demo
from flask_course import lifecycle as flask_lifecycle
from flask_course import risks as flask_risks
from flask_course import serialization as flask_serialization
from flask_course import topics as flask_topics
from flask_course.checks import (
    NO_SECRET_KEY_MESSAGE,
    show_cookie_flags,
    show_mutable_trap,
    show_no_secret_key,
    show_replay_after_logout,
    show_rotation,
    show_signature,
    show_size_limit,
    show_tampering,
)
from flask_course.cookies import inspect_cookie, recompute_signature, tamper, verify_cookie
from flask_course.csrf import make_csrf_app, show_csrf
from flask_course.demo import (
    DEMO_SECRET_KEY,
    NO_REGENERATE_MESSAGE,
    Browser,
    DemoError,
    demo_server,
    frozen_clock,
    make_app,
    route_source,
)
from flask_course.lifecycle import (
    make_hooks_app,
    show_flashes,
    show_session_new_and_accessed,
    show_session_transaction,
    show_vary_cookie,
    show_where_saved,
)
from flask_course.risks import (
    show_fallback_forgery,
    show_fixation,
    show_stolen_cookie_lifetime,
)
from flask_course.serialization import (
    make_tagged_app,
    show_compressed_cookie,
    show_tagged_json,
)

CHECKS: list[Callable[[], object]] = [
    show_no_secret_key,
    show_tampering,
    show_signature,
    show_mutable_trap,
    show_replay_after_logout,
    lambda: show_replay_after_logout(make_app(server_side=True)),
    show_rotation,
    show_size_limit,
    show_cookie_flags,
    show_fixation,
    show_fallback_forgery,
    show_stolen_cookie_lifetime,
    show_csrf,
    show_flashes,
    show_session_transaction,
    show_vary_cookie,
    show_where_saved,
    show_session_new_and_accessed,
    show_tagged_json,
    show_compressed_cookie,
]


def listening_ports() -> set[int]:
    return {
        c.laddr.port
        for c in psutil.Process().net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    }


@pytest.mark.parametrize(
    "module",
    [
        _flask_shared,
        cookies,
        flask_demo,
        flask_checks,
        flask_risks,
        flask_csrf,
        flask_lifecycle,
        flask_serialization,
        flask_topics,
    ],
)
def test_docstring_examples_run(module: Any) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_flask_topics_gathers_the_topic_demos_from_their_modules() -> None:
    for name in flask_topics.__all__:
        home = next(
            m for m in (flask_csrf, flask_lifecycle, flask_serialization) if name in m.__all__
        )
        assert getattr(flask_topics, name) is getattr(home, name)
    demos = {n for m in (flask_csrf, flask_lifecycle, flask_serialization) for n in m.__all__}
    assert set(flask_topics.__all__) == demos


def test_make_app_builds_a_fresh_testing_app_each_time() -> None:
    first, second = make_app(), make_app()
    assert first is not second and first.testing and first.secret_key == DEMO_SECRET_KEY
    first.test_client().get("/visit")
    second.add_url_rule("/extra", view_func=lambda: "ok")  # the second app is untouched


def test_login_only_clears_and_sets_the_user_so_a_server_side_id_stays() -> None:
    app = make_app(server_side=True)
    client = app.test_client()
    client.get("/visit")
    before = client.get_cookie("session")
    assert client.get("/login/alice").text == "logged in as alice"
    after = client.get_cookie("session")
    assert before is not None and after is not None and after.value == before.value
    assert client.get("/get/visits").text == "None"  # cleared


def test_login_regenerate_gives_a_server_side_session_a_new_id() -> None:
    app = make_app(server_side=True)
    client = app.test_client()
    client.get("/visit")
    before = client.get_cookie("session")
    assert client.get("/login-regenerate/alice").text == "logged in as alice"
    after = client.get_cookie("session")
    assert before is not None and after is not None and after.value != before.value
    assert client.get("/whoami").text == "alice"


def test_login_regenerate_on_a_cookie_session_app_fails_clearly_and_changes_nothing() -> None:
    client = make_app().test_client()
    client.get("/login/alice")
    response = client.get("/login-regenerate/bob")
    assert (response.status_code, response.text) == (500, NO_REGENERATE_MESSAGE)
    assert "Set-Cookie" not in response.headers
    assert client.get("/whoami").text == "alice"


def test_route_source_shows_the_view_without_decorators() -> None:
    app = make_app()
    source = route_source(app, "/login-regenerate/<user>")
    assert source.startswith("def login_regenerate(user: str)")
    assert "@app.route" not in source and "interface.regenerate(session)" in source
    assert not source.endswith("\n") and not source.startswith(" ")
    assert route_source(app, "/cart/add/<item>").splitlines()[1].strip() == (
        'session.setdefault("cart", []).append(item)'
    )


def test_route_source_picks_a_method_or_shows_every_view_of_a_rule() -> None:
    app = make_csrf_app()
    both = route_source(app, "/email")
    assert both.count("def ") == 2 and "\n\ndef " in both
    assert route_source(app, "/email", "POST").startswith("def change_email()")
    assert route_source(app, "/email", "get").startswith("def email()")


def test_route_source_names_the_rules_when_the_rule_is_unknown() -> None:
    with pytest.raises(KeyError, match="/login/<user>"):
        route_source(make_app(), "/login")


def test_demo_server_serves_and_leaves_no_socket_or_thread() -> None:
    threads_before = set(threading.enumerate())
    with demo_server(make_app()) as url:
        port = int(url.rsplit(":", 1)[1])
        assert url.startswith("http://127.0.0.1:")
        assert port in listening_ports()
        browser = Browser(url)
        assert [browser.get("/visit") for _ in range(3)] == [(200, "1"), (200, "2"), (200, "3")]
        assert browser.get("/nowhere")[0] == 404
    assert port not in listening_ports()
    assert set(threading.enumerate()) == threads_before


def test_demo_server_stops_when_the_block_raises() -> None:
    threads_before = set(threading.enumerate())
    with pytest.raises(ZeroDivisionError), demo_server(make_app()) as url:
        port = int(url.rsplit(":", 1)[1])
        _ = 1 / 0
    assert port not in listening_ports()
    assert set(threading.enumerate()) == threads_before


def test_browser_keeps_replaces_and_clears_cookies() -> None:
    with demo_server(make_app()) as url:
        browser = Browser(url)
        assert browser.cookie() is None
        browser.get("/login/alice")
        cookie = browser.cookie()
        assert cookie is not None and inspect_cookie(cookie).payload == {"user": "alice"}
        browser.set_cookie(tamper(cookie))
        assert browser.get("/whoami") == (200, "anonymous")
        browser.clear_cookies()
        browser.set_cookie(cookie)
        assert browser.get("/whoami") == (200, "alice")


def test_frozen_clock_makes_cookies_identical() -> None:
    def cookie() -> str | None:
        client = make_app().test_client()
        client.get("/visit")
        found = client.get_cookie("session")
        return None if found is None else found.value

    with frozen_clock(1_700_000_000):
        first, second = cookie(), cookie()
    assert first is not None and first == second
    assert inspect_cookie(first).timestamp.timestamp() == 1_700_000_000


def test_inspect_cookie_reads_a_real_cookie_without_the_key() -> None:
    app = make_app()
    client = app.test_client()
    client.get("/set/note/short")
    found = client.get_cookie("session")
    assert found is not None
    parts = inspect_cookie(found.value)
    assert (parts.parts, parts.compressed, parts.payload) == (3, False, {"note": "short"})
    assert recompute_signature(DEMO_SECRET_KEY, parts.signed_text) == parts.signature
    assert verify_cookie(app, found.value) == {"note": "short"}
    assert repr(parts) == "CookieParts(compressed=False, payload={'note': 'short'}, parts=3)"


def test_inspect_cookie_reads_a_compressed_cookie() -> None:
    client = make_app().test_client()
    client.get("/set/note/" + "la" * 100)
    found = client.get_cookie("session")
    assert found is not None
    parts = inspect_cookie(found.value)
    assert (parts.parts, parts.compressed, parts.payload) == (4, True, {"note": "la" * 100})
    assert recompute_signature(DEMO_SECRET_KEY, parts.signed_text) == parts.signature
    assert "4 (payload.timestamp.signature, after a leading '.')" in str(parts)


@pytest.mark.parametrize("text", ["garbage", "a.b", "!!!.AAAA.sig", "WzFd.AAAA.sig"])
def test_inspect_cookie_rejects_what_is_not_a_cookie(text: str) -> None:
    with pytest.raises(ValueError):
        inspect_cookie(text)


def test_tamper_changes_the_signed_part_never_the_signature() -> None:
    app = make_app()
    client = app.test_client()
    client.get("/login/alice")
    found = client.get_cookie("session")
    assert found is not None
    for bad in (tamper(found.value), tamper(found.value, {"user": "admin"})):
        assert bad.rsplit(".", 1)[1] == found.value.rsplit(".", 1)[1]
        with pytest.raises(BadSignature):
            verify_cookie(app, bad)
    assert inspect_cookie(tamper(found.value, {"user": "admin"})).payload == {"user": "admin"}
    with pytest.raises(ValueError, match="as it was"):
        tamper(found.value, {"user": "alice"})


def test_verify_cookie_needs_a_key_and_a_cookie_session_interface() -> None:
    with pytest.raises(ValueError, match="no secret key"):
        verify_cookie(make_app(secret_key=None), "x.y.z")
    with pytest.raises(ValueError, match="signed cookie"):
        verify_cookie(make_app(server_side=True), "x.y.z")


def test_server_side_app_keeps_only_an_id_in_the_cookie() -> None:
    client = make_app(server_side=True).test_client()
    client.get("/login/alice")
    found = client.get_cookie("session")
    assert found is not None and "alice" not in found.value
    with pytest.raises(ValueError):
        inspect_cookie(found.value)
    assert client.get("/whoami").text == "alice"


@pytest.mark.parametrize("check", CHECKS)
def test_checks_pass_and_print_the_same_derived_facts_twice(check: Callable[[], object]) -> None:
    first, second = str(check()), str(check())
    assert first == second and repr(check()) == first
    assert "eyJ" not in first and "127.0.0.1" not in first
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", first)  # no dates or times


# --- Fed an app that behaves otherwise, each check raises DemoError ------------------------


class RaisingInterface(SecureCookieSessionInterface):
    """What the seed claimed: raise on a bad signature, and without a key."""

    def open_session(self, app: Flask, request: Any) -> Any:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            raise RuntimeError("no secret key")
        cookie = request.cookies.get("session")
        return self.session_class(serializer.loads(cookie) if cookie else None)


class Sha256Interface(SecureCookieSessionInterface):
    digest_method = staticmethod(hashlib.sha256)


class NullOnBadCookieInterface(SecureCookieSessionInterface):
    """A bad cookie gives no session at all (Flask then uses a read-only NullSession)."""

    def open_session(self, app: Flask, request: Any) -> Any:
        cookie = request.cookies.get("session")
        serializer = self.get_signing_serializer(app)
        if cookie and serializer is not None:
            try:
                serializer.loads(cookie)
            except BadSignature:
                return None
        return super().open_session(app, request)


class NoMaxAgeInterface(SecureCookieSessionInterface):
    """Never checks the age of a cookie's signature."""

    def open_session(self, app: Flask, request: Any) -> Any:
        cookie = request.cookies.get("session")
        serializer = self.get_signing_serializer(app)
        if not cookie or serializer is None:
            return self.session_class()
        try:
            return self.session_class(serializer.loads(cookie))
        except BadSignature:
            return self.session_class()


class KeepsDemoKeyInterface(SecureCookieSessionInterface):
    """Always accepts the demo key as a fallback, so changing the key revokes nothing."""

    def get_signing_serializer(self, app: Flask) -> Any:
        serializer = super().get_signing_serializer(app)
        if serializer is not None:
            serializer.secret_keys.insert(0, DEMO_SECRET_KEY.encode())
        return serializer


class NoVaryInterface(SecureCookieSessionInterface):
    """Never adds Vary: Cookie."""

    def save_session(self, app: Flask, session: Any, response: Any) -> None:
        super().save_session(app, session, response)
        response.vary.discard("Cookie")


class NewSecureCookieSession(SecureCookieSession):
    def __init__(self, initial: Any = None) -> None:
        super().__init__(initial)
        self.new = not initial


class NewSessionInterface(SecureCookieSessionInterface):
    """A session class whose ``new`` is True for an empty session."""

    session_class = NewSecureCookieSession


class TagSet(JSONTag):
    key = " s"

    def check(self, value: Any) -> bool:
        return isinstance(value, set)

    def to_json(self, value: Any) -> Any:
        return sorted(value)

    def to_python(self, value: Any) -> Any:
        return set(value)


class SetTaggingSerializer(TaggedJSONSerializer):
    def __init__(self) -> None:
        super().__init__()
        self.register(TagSet)


class SetTaggingInterface(SecureCookieSessionInterface):
    """Tagged JSON that also stores sets."""

    serializer = SetTaggingSerializer()


class PlainJson:
    """Plain JSON: tuples become lists, datetimes and bytes cannot be stored."""

    def dumps(self, value: Any) -> str:
        return json.dumps(value, default=str)

    def loads(self, value: str | bytes) -> Any:
        return json.loads(value)


class PlainJsonInterface(SecureCookieSessionInterface):
    serializer = PlainJson()  # type: ignore[assignment]


def regenerating_login(user: str) -> str:
    session.clear()
    session["user"] = user
    interface: Any = current_app.session_interface
    interface.regenerate(session)
    return f"logged in as {user}"


def clearing_login(user: str) -> str:
    session.clear()
    session["user"] = user
    return f"logged in as {user}"


def replace_view(app: Flask, endpoint: str, view: Callable[..., str]) -> Flask:
    app.view_functions[endpoint] = view
    return app


def with_interface(app: Flask, interface: SecureCookieSessionInterface) -> Flask:
    app.session_interface = interface
    return app


def saving_cart_add(item: str) -> str:
    session["cart"] = [*session.get("cart", []), item]
    return "ok"


def no_logout() -> str:
    return "logged out"


MISBEHAVING: dict[str, Callable[[], object]] = {
    "tampering raises": lambda: show_tampering(with_interface(make_app(), RaisingInterface())),
    "reading without a key raises": lambda: show_no_secret_key(
        with_interface(make_app(secret_key=None), RaisingInterface())
    ),
    "writing without a key works": lambda: show_no_secret_key(make_app()),
    "signature uses SHA-256": lambda: show_signature(with_interface(make_app(), Sha256Interface())),
    "in-place append is saved": lambda: show_mutable_trap(
        replace_view(make_app(), "cart_add", saving_cart_add)
    ),
    "logout keeps the cookie": lambda: show_replay_after_logout(
        replace_view(make_app(), "logout", no_logout)
    ),
    "server-side logout keeps the record": lambda: show_replay_after_logout(
        replace_view(make_app(server_side=True), "logout", no_logout)
    ),
    "no size warning": lambda: show_size_limit(make_app(MAX_COOKIE_SIZE=0)),
    "SameSite set": lambda: show_cookie_flags(make_app(SESSION_COOKIE_SAMESITE="Lax")),
    "Secure set": lambda: show_cookie_flags(make_app(SESSION_COOKIE_SECURE=True)),
    "permanent session not refreshed": lambda: show_mutable_trap(
        make_app(SESSION_REFRESH_EACH_REQUEST=False)
    ),
    "a bad cookie gives a null session, so a write raises": lambda: show_tampering(
        with_interface(make_app(), NullOnBadCookieInterface())
    ),
    "login regenerates the id": lambda: show_fixation(
        replace_view(make_app(server_side=True), "login", regenerating_login)
    ),
    "regenerate keeps the id": lambda: show_fixation(
        replace_view(make_app(server_side=True), "login_regenerate", clearing_login)
    ),
    "stolen permanent cookie not refreshed": lambda: show_stolen_cookie_lifetime(
        make_app(SESSION_REFRESH_EACH_REQUEST=False)
    ),
    "cookie age not checked": lambda: show_stolen_cookie_lifetime(
        with_interface(make_app(), NoMaxAgeInterface())
    ),
    "old key kept as a fallback": lambda: show_stolen_cookie_lifetime(
        with_interface(make_app(), KeepsDemoKeyInterface())
    ),
    "lifetime of 60 days": lambda: show_stolen_cookie_lifetime(
        make_app(PERMANENT_SESSION_LIFETIME=timedelta(days=60))
    ),
    "CSRF protection off": lambda: show_csrf(protected=make_csrf_app(WTF_CSRF_ENABLED=False)),
    "plain Flask refuses cross-site POSTs": lambda: show_csrf(plain=make_csrf_app()),
    "CSRF token under another field name": lambda: show_csrf(
        protected=make_csrf_app(WTF_CSRF_FIELD_NAME="_csrf")
    ),
    "session_transaction without a key": lambda: show_session_transaction(
        make_app(secret_key=None)
    ),
    "no Vary: Cookie": lambda: show_vary_cookie(with_interface(make_app(), NoVaryInterface())),
    "session.new set for a new session": lambda: show_session_new_and_accessed(
        with_interface(make_app(), NewSessionInterface())
    ),
    "a set can be stored": lambda: show_tagged_json(
        with_interface(make_tagged_app(), SetTaggingInterface())
    ),
    "plain JSON sessions": lambda: show_tagged_json(
        with_interface(make_tagged_app(), PlainJsonInterface())
    ),
}


@pytest.mark.parametrize("case", list(MISBEHAVING))
def test_checks_raise_demo_error_when_flask_behaves_otherwise(case: str) -> None:
    with pytest.raises(DemoError, match="the course says"):
        MISBEHAVING[case]()


def test_rotation_check_catches_the_flask_3_1_0_fallback_bug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Flask 3.1.0 signed new cookies with the fallback key: the check must notice."""
    original = SecureCookieSessionInterface.get_signing_serializer

    def signs_with_fallback(self: SecureCookieSessionInterface, app: Flask) -> Any:
        serializer = original(self, app)
        if serializer is not None:
            serializer.secret_keys = list(reversed(serializer.secret_keys))
        return serializer

    monkeypatch.setattr(SecureCookieSessionInterface, "get_signing_serializer", signs_with_fallback)
    with pytest.raises(DemoError, match="current key"):
        show_rotation()


def test_no_secret_key_check_uses_flasks_exact_message() -> None:
    assert "set.  Set" in NO_SECRET_KEY_MESSAGE
    assert NO_SECRET_KEY_MESSAGE in str(show_no_secret_key())


def test_fixation_check_needs_a_server_side_app() -> None:
    with pytest.raises(DemoError, match="server-side app"):
        show_fixation(make_app())


def test_stolen_cookie_check_needs_a_cookie_session_app() -> None:
    with pytest.raises(DemoError, match="signed cookie sessions"):
        show_stolen_cookie_lifetime(make_app(server_side=True))


def test_stolen_cookie_check_puts_the_apps_key_back() -> None:
    app = make_app()
    show_stolen_cookie_lifetime(app)
    assert app.secret_key == DEMO_SECRET_KEY


def test_mutable_trap_check_puts_the_refresh_setting_back() -> None:
    app = make_app()
    show_mutable_trap(app)
    assert app.config["SESSION_REFRESH_EACH_REQUEST"] is True


def test_fallback_forgery_check_notices_fallbacks_that_do_not_verify(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Flask without working SECRET_KEY_FALLBACKS would refuse the forgery."""
    original = SecureCookieSessionInterface.get_signing_serializer

    def without_fallbacks(self: SecureCookieSessionInterface, app: Flask) -> Any:
        serializer = original(self, app)
        if serializer is not None:
            serializer.secret_keys = serializer.secret_keys[-1:]
        return serializer

    monkeypatch.setattr(SecureCookieSessionInterface, "get_signing_serializer", without_fallbacks)
    with pytest.raises(DemoError, match="the course says a cookie forged with a fallback key"):
        show_fallback_forgery()


def test_fallback_forgery_check_notices_a_new_key_that_still_accepts_the_old_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = SecureCookieSessionInterface.get_signing_serializer

    def always_leaked(self: SecureCookieSessionInterface, app: Flask) -> Any:
        serializer = original(self, app)
        if serializer is not None:
            serializer.secret_keys.insert(0, b"leaked demo key")
        return serializer

    monkeypatch.setattr(SecureCookieSessionInterface, "get_signing_serializer", always_leaked)
    with pytest.raises(DemoError, match="the course says without the leaked key"):
        show_fallback_forgery()


def test_flashes_check_notices_flashes_kept_outside_the_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept: list[str] = []
    monkeypatch.setattr(flask_demo, "flash", kept.append)
    with pytest.raises(DemoError, match="did not set a session cookie"):
        show_flashes()


def test_flashes_check_notices_get_flashed_messages_that_does_not_pop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def peek() -> list[str]:
        return [message for _category, message in session.get("_flashes", [])]

    monkeypatch.setattr(flask_demo, "get_flashed_messages", peek)
    with pytest.raises(DemoError, match="the course says popping the last flash"):
        show_flashes()


def test_where_saved_check_notices_a_session_saved_before_after_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Flask that saved the session before running the after_request functions."""
    from flask.globals import request_ctx

    def save_first(self: Flask, response: Any) -> Any:
        ctx: Any = request_ctx._get_current_object()  # type: ignore[attr-defined]
        self.session_interface.save_session(self, ctx._session, response)
        for func in reversed(self.after_request_funcs.get(None, [])):
            response = func(response)
        return response

    monkeypatch.setattr(Flask, "process_response", save_first)
    with pytest.raises(DemoError, match="the course says an after_request change is saved"):
        show_where_saved(make_hooks_app())


def test_compressed_cookie_check_notices_itsdangerous_without_compression(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import itsdangerous.url_safe

    no_gain = types.SimpleNamespace(compress=lambda data: data, decompress=zlib.decompress)
    monkeypatch.setattr(itsdangerous.url_safe, "zlib", no_gain)
    with pytest.raises(DemoError, match=r"the course says the cookie starts with '\.'"):
        show_compressed_cookie()


def test_compressed_cookie_check_notices_compression_that_saves_only_one_byte(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import itsdangerous.url_safe
    from itsdangerous.encoding import base64_encode

    def greedy(data: bytes) -> bytes:  # as if compressing whenever it is shorter at all
        packed = zlib.compress(data)
        return packed if len(packed) < len(data) else data + b"!"

    original = itsdangerous.url_safe.URLSafeSerializerMixin.dump_payload

    def dump_payload(self: Any, obj: Any) -> bytes:
        text = super(itsdangerous.url_safe.URLSafeSerializerMixin, self).dump_payload(obj)
        packed = greedy(text)
        if len(packed) < len(text):
            return b"." + base64_encode(packed)
        return bytes(original(self, obj))

    monkeypatch.setattr(itsdangerous.url_safe.URLSafeSerializerMixin, "dump_payload", dump_payload)
    with pytest.raises(DemoError, match="shortens by 1 byte is not compressed"):
        show_compressed_cookie()
