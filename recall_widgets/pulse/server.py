"""The pulse's web service (tornado): learners' events in, the instructor's live page out.

Routes
------
==========================  ==============  ================================================
``GET /``                   instructor      the live page (``/?token=<instructor token>`` once
                                            sets a signed cookie, then redirects to ``/``)
``GET /api/summary``        instructor      the room summary as JSON (``deck``, ``section``,
                                            ``since``, ``projector`` filters)
``GET /api/stream``         instructor      the same, pushed as server-sent events on change
``GET /export.csv``         instructor      every event, one CSV row each
``POST /delete``            instructor      delete the room's learners and events (a form
                                            with its CSRF token and ``confirm=delete``)
``POST /api/join``          room code       ``{"room", "learner", "name"}`` → a learner token
``POST /api/events``        learner token   a batch of events (:mod:`.ingest`) → the ids
                                            acknowledged
``GET /api/health``         anyone          ``{"ok": true}``
==========================  ==============  ================================================

The page speaks the language :mod:`.language` chooses (``--lang``, the course's ``lang``,
``RECALL_LANG``, else the browser's ``Accept-Language``), as do the instructor routes' refusals;
the learners' API answers in English (machines read it).

On a JupyterHub (:mod:`.hub`) the same routes are under the service's prefix
(``/services/<name>/``), plus ``oauth_callback``: the hub says who a request is — a learner's
kernel posts with its hub token as that hub user, the instructor signs in through the hub's
OAuth, ``/api/join`` is not needed (404) — and a learner signed in to the hub gets 403.

A learner's token never opens an instructor route (403). Bodies over
:data:`~recall_widgets.pulse.ingest.MAX_BODY` are refused (413) before they are read whole;
every refusal is a JSON ``{"error": …}`` and stores nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tornado.escape
import tornado.httpserver
import tornado.web

from ..deck.model import Deck
from ..i18n.catalog import Translator, load_catalogs, translator
from ..progress.clock import format_time, now
from .auth import LEARNER_ID, RoomKeys
from .hub import HubGate
from .ingest import MAX_BODY, IngestError, RateLimiter, parse_batch, parse_json_body
from .language import DOMAIN, html_text, page_language, pt_text, script_json
from .live import LiveRoom

__all__ = ["KEEPALIVE_S", "STREAM_INTERVAL_S", "make_app"]

HERE = Path(__file__).resolve().parent
SHARED_I18N = HERE.parent / "widgets" / "frontend" / "src" / "i18n.js"
"""The widgets' language module, which the page imports as ``static/i18n.js``."""
COOKIE = "recall_pulse_instructor"
KEEPALIVE_S = 15.0
"""Seconds between a stream's keep-alive comments when nothing changes."""
STREAM_INTERVAL_S = 0.25
"""The shortest time between two updates of one stream (a burst of events is one update)."""
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class _StaticHandler(tornado.web.StaticFileHandler):
    """``pulse/static/``, and the widgets' ``i18n.js`` as ``static/i18n.js`` (one module for
    both: the page picks its texts and plurals exactly as the widgets do)."""

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        if path == "i18n.js":
            return str(SHARED_I18N)
        return super().get_absolute_path(root, path)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if absolute_path == str(SHARED_I18N):
            return super().validate_absolute_path(str(SHARED_I18N.parent), absolute_path)
        return super().validate_absolute_path(root, absolute_path)


class _Base(tornado.web.RequestHandler):
    @property
    def room(self) -> LiveRoom:
        room: LiveRoom = self.settings["room"]
        return room

    @property
    def keys(self) -> RoomKeys:
        keys: RoomKeys = self.settings["keys"]
        return keys

    @property
    def hub(self) -> HubGate | None:
        hub: HubGate | None = self.settings.get("hub")
        return hub

    @property
    def prefix(self) -> str:
        return self.hub.settings.prefix if self.hub is not None else "/"

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    @property
    def page_language(self) -> str:
        """The language the page speaks: the one the pulse was started with (``--lang``, the
        course's ``lang``, ``RECALL_LANG``), else the browser's first shipped one, else English."""
        header = self.request.headers.get("Accept-Language", "")
        return page_language(self.settings.get("lang") or "", header)

    @property
    def tr(self) -> Translator:
        """The page's translator (the ``pulse`` domain in :attr:`page_language`)."""
        return translator(self.page_language, DOMAIN)

    def refuse(self, status: int, message: str, **extra: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": message, **extra}))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": self._reason}))

    def bearer(self) -> str | None:
        header = self.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class _Instructor(_Base):
    """A route only the instructor may use: their cookie or token, else 403."""

    async def prepare(self) -> None:
        if self.hub is not None:
            await self._hub_instructor(self.hub)
            return
        token = self.bearer() or self.get_query_argument("token", None)
        cookie = self.get_signed_cookie(COOKIE, max_age_days=2)
        if cookie is not None and self.keys.is_instructor(cookie.decode()):
            return
        if self.keys.is_instructor(token):
            return
        if token and self.keys.learner_of(token):
            self.refuse(403, self.tr.t("Only the instructor may see this; a learner may not."))
        else:
            self.refuse(403, self.tr.t("Only the instructor may see this; you may not."))

    async def _hub_instructor(self, hub: HubGate) -> None:
        user = await hub.user(self)
        if user is None:
            if self.request.method == "GET" and self.request.path == self.prefix:
                self.redirect(hub.login_url(self))  # the hub's OAuth, then back here
            else:
                self.refuse(403, self.tr.t("Sign in to the hub as an instructor to see this."))
            return
        if not hub.is_instructor(user):
            message = self.tr.t(
                "Only an instructor may see this; {user} is not one (instructors are hub "
                "admins, members of the group {group}, or hold the scope {scope}).",
                user=user["name"],
                group=repr(hub.settings.instructors_group),
                scope=repr(hub.settings.instruct_scope),
            )
            self.refuse(403, message)


class PageHandler(_Instructor):
    def get(self) -> None:
        token = self.get_query_argument("token", None)
        if token is not None:  # the printed link: keep the instructor in, drop the token
            self.set_signed_cookie(
                COOKIE, self.keys.instructor_token, httponly=True, samesite="Strict"
            )
            self.redirect(
                "/" + ("?projector=1" if self.get_query_argument("projector", "") else "")
            )
            return
        tr = self.tr
        catalogs = {tr.lang: catalog} if (catalog := load_catalogs(DOMAIN).get(tr.lang)) else {}
        self.set_header("Content-Language", tr.lang)
        self.render(
            "page.html",
            room_code=self.keys.room_code,
            prefix=self.prefix,
            hub=self.hub.settings.service if self.hub is not None else "",
            lang=tr.lang,
            t=tr.t,
            nt=tr.nt,
            pt=lambda context, msgid, **values: pt_text(tr, context, msgid, **values),
            html=html_text,
            catalog=script_json(catalogs),
        )


def _filters(handler: _Base) -> dict[str, Any]:
    def arg(name: str) -> str | None:
        value = handler.get_query_argument(name, "").strip()
        return value or None

    return {
        "deck": arg("deck"),
        "section": arg("section"),
        "since": arg("since"),
        "projector": arg("projector") not in (None, "0", "false"),
        # TRANSLATORS: a learner's name on the projector, where names are hidden
        "anonymous": handler.tr.t("Learner {number}"),
    }


class SummaryHandler(_Instructor):
    def get(self) -> None:
        try:
            data = self.room.summary(**_filters(self))
        except ValueError as error:
            self.refuse(400, str(error))
            return
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data))


class StreamHandler(_Instructor):
    async def get(self) -> None:
        filters = _filters(self)
        try:
            self.room.summary(**filters)
        except ValueError as error:
            self.refuse(400, str(error))
            return
        self.set_header("Content-Type", "text/event-stream; charset=utf-8")
        self.set_header("X-Accel-Buffering", "no")
        version = -1
        try:
            while not self.request.connection.stream.closed():  # type: ignore[union-attr]
                if version != self.room.version:
                    version = self.room.version
                    data = json.dumps(self.room.summary(**filters))
                    self.write(f"event: summary\ndata: {data}\n\n")
                    await self.flush()
                    await asyncio.sleep(STREAM_INTERVAL_S)
                elif not await self.room.wait_for_change(version, KEEPALIVE_S):
                    self.write(": keep-alive\n\n")
                    await self.flush()
        except tornado.iostream.StreamClosedError:
            return


class CsvHandler(_Instructor):
    def get(self) -> None:
        stamp = format_time(now())[:10].replace("-", "")
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header(
            "Content-Disposition", f'attachment; filename="pulse-{self.keys.room_code}-{stamp}.csv"'
        )
        self.finish(self.room.csv_text())


class DeleteHandler(_Instructor):
    def post(self) -> None:
        if self.get_body_argument("confirm", "") != "delete":
            self.refuse(400, self.tr.t('Type "delete" to confirm.'))
            return
        self.room.delete_all()
        self.redirect(f"{self.prefix}?deleted=1")


class _Api(_Base):
    """A JSON route with a bearer token or a room code: no cookie, so no CSRF to check."""

    def check_xsrf_cookie(self) -> None:
        return None

    def body_json(self) -> Any:
        return parse_json_body(self.request.body)


class JoinHandler(_Api):
    def post(self) -> None:
        if self.hub is not None:
            self.refuse(404, "on a hub learners need no room code: their hub token says who")
            return
        try:
            data = self.body_json()
        except IngestError as error:
            self.refuse(error.status, str(error))
            return
        if not isinstance(data, dict) or not self.keys.is_room_code(data.get("room")):
            self.refuse(403, "wrong room code")
            return
        learner, name = data.get("learner"), data.get("name") or data.get("learner")
        if not isinstance(learner, str) or not LEARNER_ID.match(learner):
            self.refuse(400, "'learner' must be 1 to 64 letters, digits or _ . @ + -")
            return
        if not isinstance(name, str) or not 0 < len(name.strip()) <= 80:
            self.refuse(400, "'name' must be text of 1 to 80 characters")
            return
        if not self.room.join(learner, name.strip()):
            self.refuse(409, f"learner {learner!r} has joined already: use their token")
            return
        self.finish({"learner": learner, "token": self.keys.learner_token(learner)})


class EventsHandler(_Api):
    async def _learner(self) -> str | None:
        if self.hub is None:
            token = self.bearer()
            learner = self.keys.learner_of(token) if token else None
            if learner is None:
                self.refuse(401 if token is None else 403, "a learner token is needed")
            return learner
        user = await self.hub.user(self)
        if user is None:
            self.refuse(
                403,
                "a hub token holding the scope "
                f"{self.hub.settings.access_scope!r} is needed (JUPYTERHUB_API_TOKEN)",
            )
            return None
        name = str(user["name"])
        if not LEARNER_ID.match(name):
            self.refuse(403, f"hub user {name!r} cannot be a learner id (letters, digits, _.@+-)")
            return None
        return name

    async def post(self) -> None:
        learner = await self._learner()
        if learner is None:
            return
        limiter: RateLimiter = self.settings["limiter"]
        try:
            data = self.body_json()
            entries = data.get("events") if isinstance(data, dict) else None
            cost = max(1, len(entries)) if isinstance(entries, list) else 1
            if not limiter.allow(learner, cost):
                wait = limiter.retry_after(learner, cost)
                self.set_header("Retry-After", str(max(1, round(wait))))
                self.refuse(429, f"too many events; try again in {wait:.1f} s")
                return
            events = parse_batch(data, learner, self.room.items, format_time(now()))
        except IngestError as error:
            self.refuse(error.status, str(error), refused=error.refused)
            return
        name = data.get("name") if isinstance(data.get("name"), str) else None
        self.room.ensure_learner(learner, (name or learner).strip()[:80] or learner)
        new = self.room.add(events)
        acknowledged = [e.event_id for e in events]
        self.finish({"acknowledged": acknowledged, "new": new, "total": len(self.room.rows)})


class HealthHandler(_Base):
    def get(self) -> None:
        self.finish({"ok": True})


def make_app(
    room: LiveRoom,
    keys: RoomKeys,
    hub: HubGate | None = None,
    lang: str = "",
    **settings: Any,
) -> tornado.web.Application:
    """The pulse's tornado application over ``room`` (see the module docstring's routes); on
    a hub (``hub``), under its service prefix and with the hub's OAuth callback. The page
    speaks ``lang`` (a BCP 47 tag); ``""``: each browser's ``Accept-Language``."""
    prefix = hub.settings.prefix if hub is not None else "/"
    routes: list[Any] = [
        (rf"{prefix}", PageHandler),
        (rf"{prefix}api/summary", SummaryHandler),
        (rf"{prefix}api/stream", StreamHandler),
        (rf"{prefix}export\.csv", CsvHandler),
        (rf"{prefix}delete", DeleteHandler),
        (rf"{prefix}api/join", JoinHandler),
        (rf"{prefix}api/events", EventsHandler),
        (rf"{prefix}api/health", HealthHandler),
    ]
    if hub is not None:
        routes.append(hub.callback_handler())
    return tornado.web.Application(
        routes,
        room=room,
        keys=keys,
        hub=hub,
        static_url_prefix=f"{prefix}static/",
        limiter=settings.pop("limiter", None) or RateLimiter(),
        cookie_secret=keys.cookie_secret,
        xsrf_cookies=True,
        xsrf_cookie_kwargs={"samesite": "Strict", "httponly": False},
        template_path=str(HERE / "templates"),
        static_path=str(HERE / "static"),
        static_handler_class=_StaticHandler,
        lang=lang,
        **settings,
    )


def serve(
    room: LiveRoom,
    keys: RoomKeys,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    hub: HubGate | None = None,
    lang: str = "",
) -> tornado.httpserver.HTTPServer:
    """Listen on ``host:port`` (call inside a running event loop); the server. The page
    speaks ``lang`` (``""``: the browser's language)."""
    app = make_app(room, keys, hub, lang)
    # tornado cuts off far larger bodies; up to this, the handler answers 413 with a message
    server = tornado.httpserver.HTTPServer(app, max_body_size=4 * MAX_BODY)
    server.listen(port, address=host)
    return server


def open_room(storage_path: str | Path, decks: Sequence[Deck]) -> tuple[LiveRoom, RoomKeys]:
    """The room kept in ``storage_path`` (a SQLite file, or a ``postgresql://`` URL), over
    ``decks``, and its keys."""
    from .storage import open_storage

    storage = open_storage(storage_path)
    return LiveRoom(storage, decks), RoomKeys(storage)
