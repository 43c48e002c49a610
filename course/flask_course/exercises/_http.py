"""What the exercises' checks share: the learner's Flask app, driven with Flask's test client.

A check never changes what the learner wrote for good: :func:`checking` lets the learner's
exceptions reach the sub-check (``PROPAGATE_EXCEPTIONS``, so they are told by the learner's line,
not turned into a 500 and a logged traceback) and puts the app's config back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.test import TestResponse

from recall_widgets.checking import Learner, expect, fail

__all__ = [
    "BASE_URL",
    "checking",
    "cookie_attributes",
    "get",
    "learner_app",
    "needs_route",
    "session_cookie",
]

#: Requests go to an https site, so Secure cookies come back as a browser would send them.
BASE_URL = "https://localhost"


def learner_app(learner: Learner) -> Flask:
    """The learner's ``app``, which must be a Flask app."""
    return learner.get("app", Flask, "a Flask app: app = Flask(__name__)")


class PlainPermanentSession(SecureCookieSession):
    """A cookie session where making it permanent again, when it already is, changes nothing:
    what the session's data alone decides (no write hidden by ``session.permanent = True``)."""

    @property
    def permanent(self) -> bool:
        return bool(self.get("_permanent", False))

    @permanent.setter
    def permanent(self, value: bool) -> None:
        if bool(value) != self.permanent:
            self["_permanent"] = bool(value)


@contextmanager
def checking(app: Flask, *, plain: bool = False, **config: Any) -> Iterator[FlaskClient]:
    """A fresh test client of ``app`` with exceptions propagated and ``config`` set, both put
    back afterwards. ``plain``: a cookie session is saved only when its data changed (not
    refreshed on each request, and :class:`PlainPermanentSession`)."""
    changes = {"PROPAGATE_EXCEPTIONS": True, **config}
    if plain:
        changes["SESSION_REFRESH_EACH_REQUEST"] = False
    saved = {key: app.config.get(key) for key in changes}
    had = {key: key in app.config for key in changes}
    app.config.update(changes)
    interface = app.session_interface
    swapped = interface if isinstance(interface, SecureCookieSessionInterface) and plain else None
    if swapped is not None:
        swapped.session_class = PlainPermanentSession
    try:
        yield app.test_client()
    finally:
        if swapped is not None:
            del swapped.session_class  # back to the class's own
        for key, value in saved.items():
            if had[key]:
                app.config[key] = value
            else:
                app.config.pop(key, None)


def new_client(app: Flask) -> FlaskClient:
    """Another visitor (a client with no cookies) of the same app."""
    return app.test_client()


def needs_route(app: Flask, path: str, example: str) -> None:
    """Fail unless ``GET path`` reaches a view of ``app``; ``example`` is the decorator to add."""
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, "GET")
    except NotFound:
        fail(f"GET {path} finds no view (404): add one with {example}")
    except MethodNotAllowed:
        fail(f"{path} does not answer GET (405): use {example}")


def get(client: FlaskClient, path: str) -> TestResponse:
    """``GET path`` over https; fails when the app answers with an error status."""
    response = client.get(path, base_url=BASE_URL)
    expect(
        response.status_code < 400,
        f"GET {path} answered {response.status_code}, expected a page (200)",
    )
    return response


def session_cookie(client: FlaskClient, app: Flask) -> str | None:
    """The value of the session cookie ``client`` holds for ``app``, or None."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="localhost")
    return cookie.value if cookie is not None else None


def cookie_attributes(response: TestResponse, name: str) -> dict[str, str] | None:
    """The attributes (lower-case names) of the ``Set-Cookie`` for ``name``, or None."""
    for header in response.headers.getlist("Set-Cookie"):
        first, *rest = [part.strip() for part in header.split(";")]
        if first.partition("=")[0] == name:
            attributes: dict[str, str] = {"value": first.partition("=")[2]}
            for part in rest:
                key, _eq, value = part.partition("=")
                attributes[key.lower()] = value
            return attributes
    return None


def shown(value: Any) -> str:
    """A value as a learner reads it in a message (a short repr)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def session_data(app: Flask, cookie: str) -> Mapping[str, Any] | None:
    """What a signed-cookie session holds (read with the app's own key, as Flask's own cookie
    sessions sign it, whatever the app's session interface is), or None."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    if serializer is None:
        return None
    try:
        data: Mapping[str, Any] = serializer.loads(cookie)
    except Exception:  # not a cookie of this app: nothing to read
        return None
    return data
