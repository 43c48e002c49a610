"""Cookie inspector driven from Python (and through its custom messages, as the browser does)."""

from __future__ import annotations

import doctest
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask.wrappers import Request

from flask_course import inspector as cookie_inspector
from flask_course.cookies import inspect_cookie
from flask_course.demo import DemoError, make_app
from flask_course.inspector import ASSETS as FRONTEND
from flask_course.inspector import CookieInspector, Result

JS = FRONTEND / "cookie_inspector.js"
REFUSED = (
    "Signature does not match: Flask silently started an empty session — no error, no Set-Cookie"
)
STAMP = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def message(inspector: CookieInspector, **content: Any) -> None:
    """Deliver a custom message as the front end's ``model.send(content)`` does."""
    inspector._handle_custom_msg(content, [])


def synced_strings(inspector: CookieInspector) -> list[str]:
    """Every string in the synced state the widget itself defines (not _esm/_css)."""
    state = inspector.get_state(inspector.trait_names(sync=True))
    own = {name: state[name] for name in CookieInspector.class_own_traits(sync=True)}
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(own)
    return found


def test_the_original_cookie_is_accepted() -> None:
    inspector = CookieInspector()
    assert inspector.cookie == inspector.original
    assert json.loads(inspector.decoded) == {"user": "alice"}
    result = inspector.send_cookie()
    assert (result.status, result.body, result.set_cookie) == (200, "alice", False)
    assert result.session == {"user": "alice"} and result.signature_valid
    assert result.received == inspector.original
    assert result.verdict.startswith("Signature valid: the server accepted the cookie")
    assert inspector.result["verdict"] == result.verdict
    assert inspector.result["session"] == "{'user': 'alice'}"


def test_an_edited_payload_is_refused_silently() -> None:
    inspector = CookieInspector()
    original = inspect_cookie(inspector.original)
    forged = inspector.edit_payload({"user": "admin"})
    parts = inspect_cookie(forged)
    assert parts.payload == {"user": "admin"}
    assert (parts.timestamp, parts.signature) == (original.timestamp, original.signature)
    assert json.loads(inspector.decoded) == {"user": "admin"}
    result = inspector.send_cookie()
    assert (result.status, result.body, result.set_cookie) == (200, "anonymous", False)
    assert result.session == {} and not result.signature_valid
    assert result.verdict == REFUSED
    assert inspector.result["signature_valid"] is False


@pytest.mark.parametrize(
    ("garbage", "decodes"),
    [("garbage", False), ("a.b.c", False), ("e30.AAAA.xxxxxxxxxxxxxxxxxxxxxxxxxxx", True)],
)
def test_garbage_is_refused_silently_too(garbage: str, decodes: bool) -> None:
    inspector = CookieInspector()
    inspector.cookie = garbage
    assert (inspector.decoded == "{}") is decodes and bool(inspector.decode_error) is not decodes
    result = inspector.send_cookie()
    assert (result.status, result.body, result.verdict) == (200, "anonymous", REFUSED)


def test_no_cookie_and_a_changed_signature() -> None:
    inspector = CookieInspector()
    assert inspector.send_cookie("").verdict.startswith(
        "No session cookie sent: the view saw an empty"
    )
    first = inspector.original.rsplit(".", 1)[1][0]
    changed = inspector.original.rsplit(".", 1)[0] + "." + ("B" if first == "A" else "A")
    changed += inspector.original.rsplit(".", 1)[1][1:]
    assert inspector.send_cookie(changed).verdict == REFUSED
    with pytest.raises(ValueError, match="printable ASCII"):
        inspector.send_cookie("two words")


def test_reset_restores_the_original_and_history_grows() -> None:
    inspector = CookieInspector()
    inspector.edit_payload({"user": "admin"})
    assert inspector.send_cookie().body == "anonymous"
    inspector.reset()
    assert inspector.cookie == inspector.original
    assert json.loads(inspector.decoded) == {"user": "alice"}
    assert inspector.send_cookie().body == "alice"
    history = inspector.history
    assert [r.body for r in history] == ["anonymous", "alice"]
    assert all(isinstance(r, Result) for r in history)
    assert inspector.result["seq"] == 2
    history.clear()  # a copy: the inspector's own history is untouched
    assert len(inspector.history) == 2


def test_a_view_that_writes_sends_a_new_cookie_after_a_refused_one() -> None:
    inspector = CookieInspector(path="/visit")
    inspector.edit_payload({"visits": 41})
    result = inspector.send_cookie()
    assert (result.body, result.session, result.set_cookie) == ("1", {}, True)
    assert "a new cookie came back" in result.verdict and "no Set-Cookie" not in result.verdict


def test_a_compressed_cookie_has_four_parts_and_is_accepted() -> None:
    inspector = CookieInspector(user="a" * 200)
    assert inspector.original.startswith(".") and len(inspector.original.split(".")) == 4
    assert json.loads(inspector.decoded) == {"user": "a" * 200}
    assert inspector.send_cookie().body == "a" * 200
    forged = inspector.edit_payload({"user": "admin"})
    assert not forged.startswith(".") and inspector.send_cookie().verdict == REFUSED


def test_a_frozen_timestamp_makes_the_cookie_stable() -> None:
    first, second = CookieInspector(timestamp=STAMP), CookieInspector(timestamp=STAMP)
    assert (
        first.cookie == second.cookie == "eyJ1c2VyIjoiYWxpY2UifQ.ZVPxAA.aFxV1YmP1QRZ4NfBqeoUcSsrhj4"
    )
    assert first.signed_at == "2023-11-14 22:13:20 UTC"
    # 2023 is far older than PERMANENT_SESSION_LIFETIME: it verifies only in the frozen clock.
    assert first.send_cookie().body == "alice"
    assert CookieInspector().send_cookie(first.cookie).verdict == REFUSED


def test_repr_is_deterministic() -> None:
    inspector = CookieInspector()
    assert repr(inspector) == "CookieInspector(path='/whoami', user='alice', sends=0)"
    inspector.send_cookie()
    inspector.send_cookie("garbage")
    assert repr(inspector) == "CookieInspector(path='/whoami', user='alice', sends=2)"
    frozen = CookieInspector(path="/visit", user="bob", timestamp=STAMP)
    assert (
        repr(frozen) == "CookieInspector(path='/visit', user='bob', timestamp=1700000000, sends=0)"
    )


def test_browser_messages_encode_send_and_reset() -> None:
    inspector = CookieInspector()
    message(inspector, kind="encode", json='{"user": "admin", "role": "root"}')
    assert inspect_cookie(inspector.cookie).payload == {"user": "admin", "role": "root"}
    before = inspector.cookie
    message(inspector, kind="encode", json='{"user": ')
    assert inspector.json_error.startswith("Not valid JSON") and inspector.cookie == before
    message(inspector, kind="encode", json="[1, 2]")
    assert "JSON object" in inspector.json_error and inspector.cookie == before
    message(inspector, kind="send")
    assert inspector.result["body"] == "anonymous" and inspector.result["verdict"] == REFUSED
    message(inspector, kind="reset")
    assert (inspector.cookie, inspector.json_error) == (inspector.original, "")
    message(inspector, kind="send")
    assert inspector.result == {
        "seq": 2,
        "path": "/whoami",
        "status": 200,
        "body": "alice",
        "set_cookie": False,
        "session": "{'user': 'alice'}",
        "signature_valid": True,
        "verdict": "Signature valid: the server accepted the cookie"
        " — the view saw {'user': 'alice'}",
    }
    assert inspector.error == ""


def test_the_widget_still_sends_ipywidgets_custom_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    inspector = CookieInspector()
    sent: list[Any] = []
    monkeypatch.setattr(inspector, "_send", lambda msg, buffers=None: sent.append(msg))
    inspector.focus()  # DOMWidget.focus() calls self.send_cookie({"do": "focus"})
    assert sent == [{"method": "custom", "content": {"do": "focus"}}]
    assert inspector.history == []


def test_the_synced_state_is_plain_text() -> None:
    inspector = CookieInspector()
    inspector.edit_payload({"user": "admin"})
    inspector.send_cookie()
    message(inspector, kind="encode", json="{")
    strings = synced_strings(inspector)
    assert any("Signature does not match" in s for s in strings)
    assert not [s for s in strings if re.search(r"<[a-zA-Z/!]", s)]
    # Hostile text travels as text (the view only ever sets textContent and values).
    hostile = "<img src=x onerror=alert(1)>"
    inspector.edit_payload({"user": hostile})
    assert json.loads(inspector.decoded) == {"user": hostile}


def test_every_synced_trait_documents_itself() -> None:
    own = CookieInspector.class_own_traits(sync=True)
    assert {"cookie", "decoded", "result", "error", "json_error"} <= set(own)
    assert all(trait.help for trait in own.values())


def test_the_view_inserts_no_html_and_keeps_its_keys() -> None:
    source = (FRONTEND / "src" / "cookie_inspector.js").read_text(encoding="utf-8")  # its module
    bundle = JS.read_text(encoding="utf-8")  # what the browser runs: with common.js's helpers
    sinks = (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    )
    for forbidden in sinks:
        assert forbidden not in source and forbidden not in bundle, forbidden
    assert 'setAttribute("data-lm-suppress-shortcuts", "true")' in source
    assert "stopPropagation()" in source and 'aria-live", "polite"' in source
    assert source.rstrip().endswith("export default { render };")
    assert ".recall-cookie-inspector" in (FRONTEND / "cookie_inspector.css").read_text()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_views_split_and_join_round_trip() -> None:
    script = f"""
    const {{ splitCookie, joinCookie }} = await import({json.dumps(JS.as_uri())});
    const cookies = ["abc.def.ghi", ".zzz.def.ghi", "a.b.c.d", "garbage", "x.y", ""];
    console.log(JSON.stringify(cookies.map((c) => [splitCookie(c), joinCookie(splitCookie(c))])));
    """
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    pairs = json.loads(out)
    assert [joined for _, joined in pairs] == [
        "abc.def.ghi",
        ".zzz.def.ghi",
        "a.b.c.d",
        "garbage",
        "x.y",
        "",
    ]
    assert pairs[1][0] == {"prefix": ".", "payload": "zzz", "timestamp": "def", "signature": "ghi"}
    assert pairs[2][0] == {"prefix": "", "payload": "a.b", "timestamp": "c", "signature": "d"}


class TrustingInterface(SecureCookieSessionInterface):
    """A broken interface that believes any cookie's payload without checking the signature."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        value = request.cookies.get(self.get_cookie_name(app))
        return self.session_class(inspect_cookie(value).payload if value else {})


class DeafInterface(SecureCookieSessionInterface):
    """A broken interface that ignores every cookie, even a valid one."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        return self.session_class()


def test_a_server_that_accepts_a_forged_cookie_raises_demo_error() -> None:
    app = make_app()
    app.session_interface = TrustingInterface()
    inspector = CookieInspector(app)
    assert inspector.send_cookie().body == "alice"  # a valid cookie: both agree
    inspector.edit_payload({"user": "admin"})
    with pytest.raises(DemoError, match="verify_cookie rejects it"):
        inspector.send_cookie()
    message(inspector, kind="send")  # from the browser: shown in the widget, not lost
    assert inspector.error.startswith("DemoError: verify_cookie rejects it")


def test_a_server_that_ignores_a_valid_cookie_raises_demo_error() -> None:
    app = make_app()
    app.session_interface = DeafInterface()
    inspector = CookieInspector(app)
    with pytest.raises(DemoError, match="verify_cookie accepts it"):
        inspector.send_cookie()


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        CookieInspector(path="whoami")
    with pytest.raises(ValueError, match="non-empty"):
        CookieInspector(user="")
    with pytest.raises(ValueError, match="signed-cookie sessions"):
        CookieInspector(make_app(server_side=True))
    with pytest.raises(RuntimeError, match="no secret key"):
        CookieInspector(make_app(secret_key=None))  # logging in writes to the session
    inspector = CookieInspector()
    inspector.cookie = "garbage"
    with pytest.raises(ValueError, match="reset it first"):
        inspector.edit_payload({"user": "admin"})


def test_docstring_examples_run() -> None:
    result = doctest.testmod(cookie_inspector)
    assert result.attempted > 0 and result.failed == 0


# --- the course's own bundle ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "recall_widgets" / "widgets" / "frontend" / "build.mjs"
COURSE_BUILD = [
    "--widgets",
    "cookie_inspector",
    "--from",
    "course/flask_course/assets/src/",
]


def build_course_bundle(out: Path, src: Path = FRONTEND / "src") -> bytes:
    """The engine's build.mjs pointed at the course's src/ (what `npm run build:course` runs)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the course's bundle cannot be checked")
    if not (ROOT / "node_modules" / "esbuild" / "package.json").is_file():
        pytest.fail("node_modules/ has no esbuild: run `make js` (npm ci, build); `make test` does")
    result = subprocess.run(
        [node, str(BUILD), "--src", str(src), "--out", str(out), *COURSE_BUILD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.js")) == ["cookie_inspector.js"]
    return (out / "cookie_inspector.js").read_bytes()


def test_the_committed_course_bundle_is_built_from_its_sources(tmp_path: Path) -> None:
    built = build_course_bundle(tmp_path)
    assert built == JS.read_bytes(), "stale course bundle: run `make js` (npm run build)"
    assert "// ../../../recall_widgets/widgets/frontend/src/common.js" in built.decode()
    copy = tmp_path / "src"
    shutil.copytree(FRONTEND / "src", copy)  # a stale source is found
    module = copy / "cookie_inspector.js"
    module.write_text(module.read_text().replace("Send to the server", "Send it"), "utf-8")
    assert build_course_bundle(tmp_path / "edited", copy) != JS.read_bytes()


def test_the_widget_loads_its_files_through_the_engines_public_helper() -> None:
    import recall_widgets
    from recall_widgets.widgets.assets import FRONTEND as ENGINE_FRONTEND

    assert "asset_files" in recall_widgets.__all__
    esm, css = recall_widgets.asset_files(FRONTEND, "cookie_inspector.js", "cookie_inspector.css")
    assert str(CookieInspector.__dict__["_esm"]) == esm.read_text(encoding="utf-8")
    assert css.startswith((ENGINE_FRONTEND / "common.css").read_text())
    assert ".recall-cookie-inspector" in css
    with pytest.raises(FileNotFoundError, match="no bundle"):
        recall_widgets.asset_files(FRONTEND, "missing.js")


def test_the_catalogs_sent_follow_the_chosen_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the engine's widgets: a chosen language's catalogs alone (the course's domain and the
    engine's), every shipped one when the browser chooses."""
    monkeypatch.delenv("RECALL_LANG", raising=False)
    german = json.loads(CookieInspector(lang="de")._i18n)
    assert {domain: set(langs) for domain, langs in german.items()} == {
        "cookie_inspector": {"de"},
        "widgets": {"de"},
    }
    chosen_by_browser = json.loads(CookieInspector()._i18n)
    assert {domain: set(langs) for domain, langs in chosen_by_browser.items()} == {
        "cookie_inspector": {"de", "fr"},
        "widgets": {"de", "fr"},
    }
