"""What the cookie can carry: Flask's tagged JSON, and itsdangerous' zlib compression.

Each demo raises :class:`~flask_course.demo.DemoError` if Flask behaves otherwise.
"""

from __future__ import annotations

import json
import traceback
import uuid
import warnings
import zlib
from datetime import datetime
from typing import Any

from flask import Flask, session
from markupsafe import Markup

from ._shared import Shown, expect, get, session_cookie
from .cookies import _b64decode, inspect_cookie
from .demo import DEMO_SECRET_KEY, DemoError, make_app

__all__ = [
    "TAGGED_VALUES",
    "make_tagged_app",
    "show_compressed_cookie",
    "show_tagged_json",
]

#: What :func:`make_tagged_app`'s ``/store`` puts in the session.
TAGGED_VALUES: dict[str, Any] = {
    "when": datetime(2024, 1, 2, 3, 4, 5, 678901),  # naive, with microseconds
    "by_id": {1: "one"},
    "pair": (1, 2),
    "raw": b"\x00\xff",
    "id": uuid.UUID(int=7),
    "html": Markup("<b>hi</b>"),
}


def make_tagged_app() -> Flask:
    """A small app that stores :data:`TAGGED_VALUES` and shows what comes back.

    Routes:

    - ``/store``: ``session.update(TAGGED_VALUES)``;
    - ``/load``: JSON of ``{key: [type name, repr]}`` for each value the next request gets;
    - ``/store-set``: ``session["tags"] = {"a", "b"}``, which is not JSON.

    Example
    -------
    >>> client = make_tagged_app().test_client()
    >>> client.get("/store").text
    'stored'
    >>> client.get("/load").json["pair"]
    ['tuple', '(1, 2)']
    """
    app = Flask(__name__)
    app.testing = True
    app.secret_key = DEMO_SECRET_KEY

    @app.route("/store")
    def store() -> str:
        session.update(TAGGED_VALUES)
        return "stored"

    @app.route("/load")
    def load() -> dict[str, list[str]]:
        return {key: [type(value).__name__, repr(value)] for key, value in session.items()}

    @app.route("/store-set")
    def store_set() -> str:
        session["tags"] = {"a", "b"}
        return "assigned"

    return app


def show_tagged_json(app: Flask | None = None) -> Shown:
    """Round-trip values through the real cookie: what Flask's tagged JSON keeps and changes.

    Flask's ``TaggedJSONSerializer`` tags what JSON cannot hold (``{" t": [...]}`` for a
    tuple, ``" d"`` datetime, ``" b"`` bytes, ``" u"`` UUID, ``" m"`` Markup). A datetime
    travels as an HTTP date, so a naive one comes back aware (UTC) and without
    microseconds; dict keys come back as strings; a ``set`` cannot be stored at all.

    Parameters
    ----------
    app
        An app from :func:`make_tagged_app` (default: a new one).

    Example
    -------
    >>> print(show_tagged_json())  # doctest: +NORMALIZE_WHITESPACE
    Flask's tagged JSON, through the real cookie
    - naive datetime(2024, 1, 2, 3, 4, 5, 678901) comes back: datetime.datetime(2024, 1, 2,
      3, 4, 5, tzinfo=datetime.timezone.utc) (aware UTC, microseconds dropped)
    - {1: 'one'} comes back: {'1': 'one'} (int keys become str)
    - (1, 2) comes back: (1, 2) (still a tuple)
    - b'\\x00\\xff', a UUID, Markup: kept, same type and value
    - tags in the cookie payload: ' b' bytes, ' d' datetime, ' m' Markup, ' t' tuple, ' u' UUID
    - a set: TypeError when the session is saved, after the view returned
    """
    app = make_tagged_app() if app is None else app
    client = app.test_client()
    get(client, "/store", "storing the values works")
    payload = inspect_cookie(session_cookie(client)).payload
    back = get(client, "/load", "reading them back works").json or {}
    when = back.get("when")
    utc = "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)"
    expect(when == ["datetime", utc], "a naive datetime comes back aware UTC, no µs", when)
    by_id = back.get("by_id")
    expect(by_id == ["dict", "{'1': 'one'}"], "int dict keys come back as str", by_id)
    expect(back.get("pair") == ["tuple", "(1, 2)"], "a tuple comes back a tuple", back)
    for key in ("raw", "id", "html"):
        value = TAGGED_VALUES[key]
        kept = [type(value).__name__, repr(value)]
        expect(back.get(key) == kept, f"{type(value).__name__} is kept", back.get(key))
    tags = sorted(
        (tag, key)
        for key, value in payload.items()
        if isinstance(value, dict) and len(value) == 1
        for tag in value
        if tag.startswith(" ")
    )
    names = {"raw": "bytes", "when": "datetime", "html": "Markup", "pair": "tuple", "id": "UUID"}
    tag_text = ", ".join(f"'{tag}' {names.get(key, key)}" for tag, key in tags)
    expected_tags = "' b' bytes, ' d' datetime, ' m' Markup, ' t' tuple, ' u' UUID"
    expect(tag_text == expected_tags, "the payload carries these tags", tag_text)
    try:
        get(app.test_client(), "/store-set", "")
    except DemoError as exc:
        cause = exc.__cause__
        frames = [] if cause is None else traceback.extract_tb(cause.__traceback__)
        at_save = any(frame.name == "save_session" for frame in frames)
        expect(
            isinstance(cause, TypeError) and at_save,
            "a set raises TypeError when the session is saved",
            cause,
        )
    else:
        raise DemoError("the course says a set cannot be stored, but it was")
    return Shown(
        "Flask's tagged JSON, through the real cookie",
        {
            "naive datetime(2024, 1, 2, 3, 4, 5, 678901) comes back": (
                f"{utc} (aware UTC, microseconds dropped)"
            ),
            "{1: 'one'} comes back": "{'1': 'one'} (int keys become str)",
            "(1, 2) comes back": "(1, 2) (still a tuple)",
            "b'\\x00\\xff', a UUID, Markup": "kept, same type and value",
            "tags in the cookie payload": tag_text,
            "a set": "TypeError when the session is saved, after the view returned",
        },
    )


def show_compressed_cookie(app: Flask | None = None) -> Shown:
    """A compressible payload is zlib-compressed: a leading ``.``, and still readable.

    itsdangerous compresses the JSON when that makes it at least 2 bytes shorter; the
    cookie then starts with ``.`` (so splitting on ``.`` gives 4 parts). Decoding needs
    ``zlib.decompress`` after base64, but still no key.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_compressed_cookie())  # doctest: +NORMALIZE_WHITESPACE
    A compressible payload is compressed, and still readable without the key
    - session['note'] = 'x' * 5000: cookie starts with '.', 4 parts when split on '.'
    - its payload: base64, then zlib.decompress, then JSON: {'note': 'x' * 5000}
    - its Set-Cookie header: 120 bytes, no size warning (MAX_COOKIE_SIZE is 4093)
    - 'a' * 11 (zlib saves 1 byte): not compressed, 3 parts
    - 'a' * 12 (zlib saves 2 bytes): compressed, 4 parts
    """
    app = make_app() if app is None else app
    client = app.test_client()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = get(client, "/set/note/" + "x" * 5000, "storing 5000 characters works")
    cookie = session_cookie(client)
    pieces = cookie.split(".")
    expect(cookie.startswith(".") and len(pieces) == 4, "the cookie starts with '.'", pieces[:1])
    by_hand = json.loads(zlib.decompress(_b64decode(pieces[1])))
    expect(by_hand == {"note": "x" * 5000}, "the payload is zlib-compressed JSON", len(by_hand))
    parts = inspect_cookie(cookie)
    expect(parts.compressed and parts.payload == by_hand, "inspect_cookie reads it", parts)
    header = len(response.headers["Set-Cookie"])
    limit = app.config["MAX_COOKIE_SIZE"]
    expect(header < limit and not caught, "5000 x's make a small cookie, no warning", header)

    edge = {}
    for n in (11, 12):
        text = json.dumps({"note": "a" * n}, separators=(",", ":")).encode()
        saved = len(text) - len(zlib.compress(text))
        edge_client = app.test_client()
        get(edge_client, f"/set/note/{'a' * n}", "storing a short note works")
        edge[n] = (saved, inspect_cookie(session_cookie(edge_client)))
    expect(
        edge[11][0] == 1 and not edge[11][1].compressed,
        "a payload zlib shortens by 1 byte is not compressed",
        edge[11],
    )
    expect(
        edge[12][0] == 2 and edge[12][1].compressed,
        "a payload zlib shortens by 2 bytes is compressed",
        edge[12],
    )
    return Shown(
        "A compressible payload is compressed, and still readable without the key",
        {
            "session['note'] = 'x' * 5000": (
                f"cookie starts with '.', {len(pieces)} parts when split on '.'"
            ),
            "its payload": "base64, then zlib.decompress, then JSON: {'note': 'x' * 5000}",
            "its Set-Cookie header": (
                f"{header} bytes, no size warning (MAX_COOKIE_SIZE is {limit})"
            ),
            "'a' * 11 (zlib saves 1 byte)": f"not compressed, {edge[11][1].parts} parts",
            "'a' * 12 (zlib saves 2 bytes)": f"compressed, {edge[12][1].parts} parts",
        },
    )
