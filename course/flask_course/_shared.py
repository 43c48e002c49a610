"""What every checked Flask demo shares: ``Shown``, ``expect`` and a few client helpers.

Private: the public names are re-exported by the ``flask_*`` demo modules.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .demo import DemoError

__all__ = [
    "Shown",
    "attributes",
    "expect",
    "get",
    "logged_in",
    "outside_testing",
    "sending",
    "session_cookie",
]


@dataclass(frozen=True)
class Shown:
    """What a demo checked: derived facts only, so its output is the same on every run.

    Parameters
    ----------
    title
        What the demo shows.
    facts
        Each checked fact, by name (strings print as they are, other values as repr).

    Example
    -------
    >>> Shown("a visit counter", {"third visit": "3"})
    a visit counter
    - third visit: 3
    """

    title: str
    facts: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [self.title]
        for name, value in self.facts.items():
            lines.append(f"- {name}: {value if isinstance(value, str) else repr(value)}")
        return "\n".join(lines)

    __repr__ = __str__


def expect(condition: bool, claim: str, seen: object) -> None:
    """Raise :class:`DemoError` unless ``condition``: Flask did not do what ``claim`` says.

    Example
    -------
    >>> expect(1 + 1 == 3, "1 + 1 is 3", 1 + 1)
    Traceback (most recent call last):
    ...
    flask_course.demo.DemoError: the course says 1 + 1 is 3, but this Flask gave 2
    """
    if not condition:
        raise DemoError(f"the course says {claim}, but this Flask gave {seen!r}")


def session_cookie(client: FlaskClient, name: str = "session") -> str:
    """The value of the session cookie in ``client``'s jar; :class:`DemoError` if none."""
    cookie = client.get_cookie(name)
    if cookie is None:
        raise DemoError("the app did not set a session cookie")
    return cookie.value


def get(client: FlaskClient, path: str, claim: str) -> TestResponse:
    """``client.get(path)``; an exception becomes a :class:`DemoError` that names ``claim``."""
    try:
        return client.get(path)
    except Exception as exc:
        raise DemoError(f"the course says {claim}, but Flask raised {exc!r}") from exc


def logged_in(app: Flask, user: str = "alice") -> tuple[FlaskClient, str]:
    """A client of ``app`` logged in (``/login/<user>``) as ``user``, and its session cookie."""
    client = app.test_client()
    client.get(f"/login/{user}")
    return client, session_cookie(client)


def sending(app: Flask, cookie: str) -> FlaskClient:
    """A fresh client of ``app`` that sends ``cookie`` as its session cookie."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


@contextmanager
def outside_testing(app: Flask) -> Iterator[None]:
    """Turn testing mode off and silence the app's error log (its traceback has a time)."""
    testing, disabled = app.testing, app.logger.disabled
    app.testing, app.logger.disabled = False, True
    try:
        yield
    finally:
        app.testing, app.logger.disabled = testing, disabled


def attributes(response: TestResponse) -> dict[str, str]:
    """The Set-Cookie attributes of the session cookie, by lower-case name."""
    header = response.headers.get("Set-Cookie", "")
    pairs = (item.strip().partition("=") for item in header.split(";")[1:])
    return {name.lower(): value for name, _, value in pairs}
