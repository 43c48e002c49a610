"""The live-demo helpers: app factory, real server, browser, cookie inspector, checks."""

from __future__ import annotations

import doctest
import hashlib
import re
import threading
from collections.abc import Callable
from typing import Any

import psutil
import pytest
from flask import Flask, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from recall_widgets import cookies, flask_checks, flask_demo
from recall_widgets.cookies import inspect_cookie, recompute_signature, tamper, verify_cookie
from recall_widgets.flask_checks import (
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
from recall_widgets.flask_demo import (
    DEMO_SECRET_KEY,
    Browser,
    DemoError,
    demo_server,
    frozen_clock,
    make_app,
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
]


def listening_ports() -> set[int]:
    return {
        c.laddr.port
        for c in psutil.Process().net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    }


@pytest.mark.parametrize("module", [cookies, flask_demo, flask_checks])
def test_docstring_examples_run(module: Any) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_make_app_builds_a_fresh_testing_app_each_time() -> None:
    first, second = make_app(), make_app()
    assert first is not second and first.testing and first.secret_key == DEMO_SECRET_KEY
    first.test_client().get("/visit")
    second.add_url_rule("/extra", view_func=lambda: "ok")  # the second app is untouched


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
