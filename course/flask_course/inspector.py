"""Cookie inspector: edit a real Flask session cookie, resend it, see what the server made of it."""

from __future__ import annotations

import json
import string
import urllib.parse
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import traitlets
from flask import Flask, request, request_started, session
from itsdangerous import BadSignature

from recall_widgets import asset_files
from recall_widgets.i18n.catalog import Translator, translator
from recall_widgets.widgets.language import Localized

from .cookies import _b64encode, inspect_cookie, verify_cookie
from .demo import DemoError, frozen_clock, make_app
from .translations import DOMAIN, LOCALE, inspector_catalogs

__all__ = ["ASSETS", "CookieInspector", "Result", "replay_cookie", "verdict_text"]

ASSETS = Path(__file__).resolve().parent / "assets"
"""The widget's files: ``src/`` (its ES module), the bundle built from it and its stylesheet."""
_PRINTABLE = frozenset(string.printable) - frozenset(string.whitespace)


@dataclass(frozen=True)
class Result:
    """What the server made of one cookie: observed, and checked against ``verify_cookie``.

    ``received`` is the cookie value Flask parsed from the request (``None`` if none);
    ``session`` is the session the view saw; ``set_cookie`` whether a session cookie came back.
    """

    cookie: str
    path: str
    status: int
    body: str
    set_cookie: bool
    session: dict[str, Any]
    received: str | None
    signature_valid: bool
    verdict: str

    def as_state(self, seq: int) -> dict[str, Any]:
        """Plain data for the widget (the session as its ``repr`` text): no markup anywhere."""
        return {
            "seq": seq,
            "path": self.path,
            "status": self.status,
            "body": self.body,
            "set_cookie": self.set_cookie,
            "session": repr(self.session),
            "signature_valid": self.signature_valid,
            "verdict": self.verdict,
        }


def verdict_text(
    tr: Translator,
    *,
    valid: bool,
    session: Mapping[str, Any],
    received: str | None,
    status: int,
    set_cookie: bool,
) -> str:
    """The verdict on one send, in ``tr``'s language: accepted (with the session the view saw),
    or why not, with whether the server failed and whether a new cookie came back."""
    if valid:
        return tr.t(
            "Signature valid: the server accepted the cookie — the view saw {session}",
            session=repr(dict(session)),
        )
    if received:
        why = tr.t("Signature does not match: Flask silently started an empty session")
    else:
        why = tr.t("No session cookie sent: the view saw an empty session")
    error = tr.t("no error") if status < 500 else tr.t("status {status}", status=status)
    if set_cookie:
        back = tr.t("the view wrote to it: a new cookie came back")
    else:
        back = tr.t("no Set-Cookie")
    return f"{why} — {error}, {back}"


def replay_cookie(
    app: Flask, cookie: str, path: str = "/whoami", tr: Translator | None = None
) -> Result:
    """GET ``path`` with ``cookie`` through a fresh test client; raise if Flask disagrees.

    The verdict comes from :func:`~flask_course.cookies.verify_cookie` on the value Flask
    received, and is checked against what the view saw: a valid cookie must give the view its
    data, an invalid one an empty session. Otherwise :class:`DemoError` is raised. The verdict
    is in ``tr``'s language (English by default: :func:`verdict_text`).
    """
    if not set(cookie) <= _PRINTABLE:
        raise ValueError(f"a cookie value is printable ASCII without spaces; got {cookie!r}")
    name = app.config["SESSION_COOKIE_NAME"]
    seen: list[tuple[dict[str, Any], str | None]] = []

    def capture(_sender: Flask, **_extra: Any) -> None:
        seen.append((dict(session), request.cookies.get(name)))

    headers = {"Cookie": f"{name}={cookie}"} if cookie else {}
    with request_started.connected_to(capture, app):
        response = app.test_client(use_cookies=False).get(path, headers=headers)
    if len(seen) != 1:
        raise DemoError(f"GET {path} did not reach a view (status {response.status_code})")
    view_session, received = seen[0]
    set_cookie = any(
        h.split("=", 1)[0].strip() == name for h in response.headers.getlist("Set-Cookie")
    )
    data: dict[str, Any] = {}
    valid = False
    if received:
        with suppress(BadSignature):
            data, valid = verify_cookie(app, received), True
    if view_session != data:
        claim = "accepts it" if valid else "rejects it"
        raise DemoError(
            f"verify_cookie {claim}, so the view should see {data!r}, but it saw "
            f"{view_session!r}: Flask did not behave the way this demo says"
        )
    verdict = verdict_text(
        tr or translator("en", DOMAIN, LOCALE),
        valid=valid,
        session=data,
        received=received,
        status=response.status_code,
        set_cookie=set_cookie,
    )
    return Result(
        cookie=cookie,
        path=path,
        status=response.status_code,
        body=response.get_data(as_text=True)[:2000],
        set_cookie=set_cookie,
        session=view_session,
        received=received,
        signature_valid=valid,
        verdict=verdict,
    )


def encode_payload(cookie: str, payload: Mapping[str, Any]) -> str:
    """``cookie`` with its payload replaced by ``payload`` (base64url JSON, uncompressed, like
    :func:`~flask_course.cookies.tamper`), keeping its timestamp and signature."""
    pieces = cookie.removeprefix(".").rsplit(".", 2)
    if len(pieces) != 3:
        raise ValueError("the cookie has no timestamp and signature to keep: reset it first")
    text = _b64encode(json.dumps(dict(payload), separators=(",", ":")).encode())
    return f"{text}.{pieces[1]}.{pieces[2]}"


class CookieInspector(Localized, anywidget.AnyWidget):
    """A real session cookie in three editable parts; send it and see what the server did.

    ``user`` logs in through the Flask test client; the cookie it gets is shown as payload,
    timestamp and signature, with the payload decoded in Python (no key needed). Edit a part
    or the payload JSON (re-encoded, the old signature kept) and send it: the server's answer
    (status, body, Set-Cookie, the session the view saw) and a verdict come back. The verdict
    is checked against :func:`~flask_course.cookies.verify_cookie`: if Flask does something
    else, :class:`~flask_course.demo.DemoError` is raised (shown in the widget).

    Parameters
    ----------
    app
        The Flask app, with signed-cookie sessions; a new ``make_app()`` by default.
    path
        The path each send requests with GET.
    user
        Who logs in (``/login/<user>``) to get the original cookie.
    timestamp
        Sign (and check) cookies at this time (``frozen_clock``), so the cookie is stable.
    lang
        The language the widget speaks (a BCP 47 tag); by default the course config's ``lang``,
        else ``RECALL_LANG``, else the browser's (as the engine's widgets).

    Example
    -------
    >>> inspector = CookieInspector(timestamp=1_700_000_000)
    >>> inspector.send_cookie().body
    'alice'
    >>> inspector.edit_payload({"user": "admin"})
    'eyJ1c2VyIjoiYWRtaW4ifQ.ZVPxAA.aFxV1YmP1QRZ4NfBqeoUcSsrhj4'
    >>> inspector.send_cookie().verdict
    'Signature does not match: Flask silently started an empty session — no error, no Set-Cookie'
    >>> inspector
    CookieInspector(path='/whoami', user='alice', timestamp=1700000000, sends=2)
    """

    _esm, _css = asset_files(ASSETS, "cookie_inspector.js", "cookie_inspector.css")

    path = traitlets.Unicode(help="The path each send requests with GET.").tag(sync=True)
    user = traitlets.Unicode(help="Who logged in to get the original cookie.").tag(sync=True)
    original = traitlets.Unicode(help="The cookie Flask set at login (for Reset).").tag(sync=True)
    cookie = traitlets.Unicode(help="The cookie as edited: what Send sends.").tag(sync=True)
    decoded = traitlets.Unicode(
        help="The payload of `cookie` as JSON text, decoded in Python without the key; "
        "'' when it does not decode."
    ).tag(sync=True)
    decode_error = traitlets.Unicode(help="Why `cookie` does not decode, or ''.").tag(sync=True)
    signed_at = traitlets.Unicode(help="The cookie's timestamp, 'YYYY-MM-DD HH:MM:SS UTC'.").tag(
        sync=True
    )
    json_error = traitlets.Unicode(help="Why the payload JSON typed in was refused, or ''.").tag(
        sync=True
    )
    result = traitlets.Dict(
        help="The last send: {seq, path, status, body, set_cookie, session, signature_valid, "
        "verdict}, plain text and numbers; {} before the first."
    ).tag(sync=True)
    error = traitlets.Unicode(help="Why the last send from the browser failed, or ''.").tag(
        sync=True
    )

    def __init__(
        self,
        app: Flask | None = None,
        *,
        path: str = "/whoami",
        user: str = "alice",
        timestamp: int | None = None,
        lang: str | None = None,
    ) -> None:
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/', like '/whoami'; got {path!r}")
        if not user:
            raise ValueError("user must be a non-empty name, like 'alice'")
        self.app = app if app is not None else make_app()
        self.timestamp = timestamp
        self._history: list[Result] = []
        with self._clock():
            client = self.app.test_client()
            client.get(f"/login/{urllib.parse.quote(user, safe='')}")
        login = client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
        if login is None:
            raise DemoError(f"logging in as {user!r} set no session cookie")
        try:
            inspect_cookie(login.value)
        except ValueError as exc:
            raise ValueError(f"the inspector needs signed-cookie sessions: {exc}") from exc
        language = self._init_language([], lang)
        language["_i18n"] = inspector_catalogs(language["lang"])
        super().__init__(path=path, user=user, original=login.value, **language)
        self.observe(lambda _change: self._decode(), names="cookie")
        self.cookie = login.value
        self.on_msg(self._on_msg)
        self._language_ready = True

    @property
    def _course_tr(self) -> Translator:
        """The translator of the course's domain in the language the widget speaks."""
        return translator(self.lang or self.browser_lang, DOMAIN, LOCALE)

    def _relocalize(self) -> None:
        """The last verdict again, in the language now known (the browser's, arriving after
        the widget was made; later messages are made in it from the start)."""
        if self._history and self.result:
            last = self._history[-1]
            verdict = verdict_text(
                self._course_tr,
                valid=last.signature_valid,
                session=last.session,
                received=last.received,
                status=last.status,
                set_cookie=last.set_cookie,
            )
            self.result = {**self.result, "verdict": verdict}

    def _clock(self) -> AbstractContextManager[None]:
        return nullcontext() if self.timestamp is None else frozen_clock(self.timestamp)

    def _decode(self) -> None:
        try:
            parts = inspect_cookie(self.cookie)
            self.signed_at = parts.timestamp.strftime("%Y-%m-%d %H:%M:%S UTC")
        except (ValueError, OverflowError, OSError) as exc:
            self.decoded, self.signed_at, self.decode_error = "", "", str(exc)
            return
        self.decoded, self.decode_error = json.dumps(parts.payload, ensure_ascii=False), ""

    @property
    def history(self) -> list[Result]:
        """Every send's :class:`Result`, oldest first."""
        return list(self._history)

    def send_cookie(self, cookie: str | None = None) -> Result:
        """Send ``cookie`` (default: the edited one) to ``path``; return what the server did."""
        with self._clock():
            cookie = self.cookie if cookie is None else cookie
            result = replay_cookie(self.app, cookie, self.path, self._course_tr)
        self._history.append(result)
        self.result = result.as_state(len(self._history))
        return result

    def edit_payload(self, payload: Mapping[str, Any]) -> str:
        """Replace the payload (the old timestamp and signature stay); return the new cookie."""
        self.cookie = encode_payload(self.cookie, payload)
        self.json_error = ""
        return self.cookie

    def reset(self) -> None:
        """Go back to the cookie Flask set at login."""
        self.cookie, self.json_error = self.original, ""

    def _on_msg(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("kind")
        if kind == "reset":
            self.reset()
        elif kind == "encode":
            self._encode_json(str(content.get("json", "")))
        elif kind == "send":
            self.error = ""
            try:
                self.send_cookie()
            except Exception as exc:  # shown in the widget: a comm handler's traceback is lost
                self.error = f"{type(exc).__name__}: {exc}"

    def _encode_json(self, text: str) -> None:
        try:
            payload = json.loads(text)
        except ValueError as exc:
            self.json_error = self._course_tr.t(
                "Not valid JSON ({error}): the cookie keeps its previous payload.", error=exc
            )
            return
        if not isinstance(payload, dict):
            self.json_error = self._course_tr.t(
                "The payload must be a JSON object, like {example}.", example='{"user": "admin"}'
            )
            return
        try:
            self.edit_payload(payload)
        except ValueError as exc:
            self.json_error = str(exc)

    def __repr__(self) -> str:
        stamp = "" if self.timestamp is None else f", timestamp={self.timestamp}"
        return (
            f"{type(self).__name__}(path={self.path!r}, user={self.user!r}{stamp}, "
            f"sends={len(self._history)})"
        )
