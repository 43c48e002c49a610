"""When Flask reads and saves the session: flashes, tests, ``Vary: Cookie``, request hooks.

Each demo raises :class:`~flask_course.demo.DemoError` if Flask behaves otherwise.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, session

from ._shared import Shown, attributes, expect, get, logged_in, sending, session_cookie
from .cookies import inspect_cookie, tamper, verify_cookie
from .demo import DemoError, make_app

__all__ = [
    "make_hooks_app",
    "show_flashes",
    "show_session_new_and_accessed",
    "show_session_transaction",
    "show_vary_cookie",
    "show_where_saved",
]


def show_flashes(app: Flask | None = None) -> Shown:
    """``flash()`` keeps its messages in the session, so in the readable cookie.

    ``flash(message)`` appends a ``(category, message)`` tuple to ``session["_flashes"]``
    (Flask's tagged JSON writes the tuple as ``{" t": [...]}``). ``get_flashed_messages()``
    pops them: a write, so its response sends a new cookie, or deletes it when nothing
    else is left in the session.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_flashes())  # doctest: +NORMALIZE_WHITESPACE
    flash() stores its messages in the session cookie, readable without the key
    - cookie payload after flash('Saved!'): {'_flashes': [{' t': ['message', 'Saved!']}]}
    - what the app's serializer makes of it: {'_flashes': [('message', 'Saved!')]} (a
      (category, message) tuple, default category 'message')
    - get_flashed_messages(): ['Saved!'], and it pops them (a write)
    - its response, nothing else in the session: Set-Cookie deletes the cookie
    - its response, logged in as alice: Set-Cookie with a new cookie holding {'user': 'alice'}
    - get_flashed_messages() on the next request: []
    """
    app = make_app() if app is None else app
    client = app.test_client()
    get(client, "/flash/Saved!", "flash() works")
    cookie = session_cookie(client)
    payload = inspect_cookie(cookie).payload
    expected: Any = {"_flashes": [{" t": ["message", "Saved!"]}]}
    expect(payload == expected, "flash() stores _flashes in the cookie", payload)
    loaded = verify_cookie(app, cookie)
    tuples = {"_flashes": [("message", "Saved!")]}
    expect(loaded == tuples, "the app reads it back as (category, message) tuples", loaded)
    popped = get(client, "/flashes", "get_flashed_messages() works")
    expect(popped.text == "['Saved!']", "get_flashed_messages() returns the message", popped.text)
    deleted = attributes(popped)
    expect(
        popped.headers.get("Set-Cookie", "").startswith("session=;") and "expires" in deleted,
        "popping the last flash deletes the cookie",
        popped.headers.get("Set-Cookie"),
    )
    again = get(client, "/flashes", "get_flashed_messages() works").text
    expect(again == "[]", "the messages were popped", again)

    member, _cookie = logged_in(app)
    get(member, "/flash/Saved!", "flash() works")
    popped_member = get(member, "/flashes", "get_flashed_messages() works")
    expect("Set-Cookie" in popped_member.headers, "popping sends a new cookie", popped_member)
    left = inspect_cookie(session_cookie(member)).payload
    expect(left == {"user": "alice"}, "the new cookie keeps the rest of the session", left)
    return Shown(
        "flash() stores its messages in the session cookie, readable without the key",
        {
            "cookie payload after flash('Saved!')": payload,
            "what the app's serializer makes of it": (
                f"{loaded!r} (a (category, message) tuple, default category 'message')"
            ),
            "get_flashed_messages()": f"{popped.text}, and it pops them (a write)",
            "its response, nothing else in the session": "Set-Cookie deletes the cookie",
            "its response, logged in as alice": f"Set-Cookie with a new cookie holding {left!r}",
            "get_flashed_messages() on the next request": again,
        },
    )


def show_session_transaction(app: Flask | None = None) -> Shown:
    """How a test sets and reads the session: ``client.session_transaction()``.

    The block opens the session from the client's cookie with the app's own session
    interface, and saves it back into the client's cookie when it ends, so the next
    request sends it. No view runs.

    Parameters
    ----------
    app
        An app from :func:`make_app` with a secret key (default: ``make_app()``).

    Example
    -------
    >>> print(show_session_transaction())
    Tests set and read the session with client.session_transaction()
    - set sess['user'] = 'alice' in the block, then request /whoami: alice
    - the block saved it into the client's cookie: {'user': 'alice'}
    - after two requests to /visit, the block reads sess['visits']: 2
    """
    app = make_app() if app is None else app
    client = app.test_client()
    try:
        with client.session_transaction() as sess:
            sess["user"] = "alice"
    except RuntimeError as exc:
        raise DemoError(f"the course says session_transaction() works, but: {exc}") from exc
    saved = inspect_cookie(session_cookie(client)).payload
    expect(saved == {"user": "alice"}, "the block saves the session into the cookie", saved)
    user = get(client, "/whoami", "whoami works").text
    expect(user == "alice", "the next request sees what the block set", user)

    visitor = app.test_client()
    get(visitor, "/visit", "visiting works")
    get(visitor, "/visit", "visiting works")
    with visitor.session_transaction() as sess:
        visits = sess.get("visits")
    expect(visits == 2, "the block reads what the views stored", visits)
    return Shown(
        "Tests set and read the session with client.session_transaction()",
        {
            "set sess['user'] = 'alice' in the block, then request /whoami": user,
            "the block saved it into the client's cookie": saved,
            "after two requests to /visit, the block reads sess['visits']": visits,
        },
    )


def show_vary_cookie(app: Flask | None = None) -> Shown:
    """A response that used the session says ``Vary: Cookie``; one that did not, doesn't.

    Flask sets ``session.accessed`` whenever a view uses the ``session`` proxy (since
    Flask 3.1.3 even ``key in session``, GHSA-68rp-wp8r-4726) and then adds
    ``Vary: Cookie``, even when no cookie is sent. A caching proxy must not give a response
    that depends on one user's cookie to another user: ``Vary: Cookie`` tells it so.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_vary_cookie())  # doctest: +NORMALIZE_WHITESPACE
    Responses that used the session carry Vary: Cookie
    - /whoami (session.get, no cookie sent back): Vary: Cookie
    - /has/user (only 'user' in session): Vary: Cookie
    - /hello (never touches the session): no Vary header
    - why it matters: a caching proxy may give one stored response to everyone unless it
      varies on the cookie; a page that read alice's session must not reach bob
    """
    app = make_app() if app is None else app
    client, _cookie = logged_in(app)
    seen = {}
    for path in ("/whoami", "/has/user", "/hello"):
        response = get(client, path, f"{path} works")
        seen[path] = ("Set-Cookie" in response.headers, response.headers.get("Vary"))
    expect(seen["/whoami"] == (False, "Cookie"), "a read adds Vary: Cookie", seen["/whoami"])
    expect(seen["/has/user"][1] == "Cookie", "an `in` test adds Vary: Cookie", seen["/has/user"])
    expect(seen["/hello"][1] is None, "a view without the session has no Vary", seen["/hello"])
    return Shown(
        "Responses that used the session carry Vary: Cookie",
        {
            "/whoami (session.get, no cookie sent back)": "Vary: Cookie",
            "/has/user (only 'user' in session)": "Vary: Cookie",
            "/hello (never touches the session)": "no Vary header",
            "why it matters": (
                "a caching proxy may give one stored response to everyone unless it varies "
                "on the cookie; a page that read alice's session must not reach bob"
            ),
        },
    )


def make_hooks_app() -> Flask:
    """:func:`make_app` with an ``after_request`` and a ``teardown_request`` function that
    each write to the session.

    ``after_request`` sets ``session["after_request"] = "ran"``; ``teardown_request`` sets
    ``session["teardown_request"] = "ran"`` and counts its runs in
    ``app.extensions["teardown_runs"]`` (so a demo can tell it ran).

    Example
    -------
    >>> client = make_hooks_app().test_client()
    >>> client.get("/hello").text
    'hello'
    >>> client.get("/get/after_request").text, client.get("/get/teardown_request").text
    ("'ran'", 'None')
    """
    app = make_app()
    app.extensions["teardown_runs"] = 0

    @app.after_request
    def mark_after_request(response: Response) -> Response:
        session["after_request"] = "ran"
        return response

    @app.teardown_request
    def mark_teardown_request(error: BaseException | None) -> None:
        session["teardown_request"] = "ran"
        current_app.extensions["teardown_runs"] += 1

    return app


def show_where_saved(app: Flask | None = None) -> Shown:
    """A change in ``after_request`` is saved; a change in ``teardown_request`` is lost.

    Flask saves the session into the response after the ``after_request`` functions have
    run; ``teardown_request`` functions run after the response is made, when the cookie
    has been written already.

    Parameters
    ----------
    app
        An app from :func:`make_hooks_app` (default: a new one).

    Example
    -------
    >>> print(show_where_saved())
    Where a change to the session is saved
    - cookie payload after one request to /hello: {'after_request': 'ran'}
    - set in an after_request function: saved (the session is saved after them)
    - set in a teardown_request function: lost (the cookie was already written)
    """
    app = make_hooks_app() if app is None else app
    client = app.test_client()
    runs = app.extensions.get("teardown_runs", 0)
    get(client, "/hello", "the hooks run")
    ran = app.extensions.get("teardown_runs", 0) - runs
    expect(ran == 1, "the teardown_request function ran", ran)
    cookie = client.get_cookie("session")
    payload = {} if cookie is None else inspect_cookie(cookie.value).payload
    expect(payload.get("after_request") == "ran", "an after_request change is saved", payload)
    expect("teardown_request" not in payload, "a teardown_request change is lost", payload)
    return Shown(
        "Where a change to the session is saved",
        {
            "cookie payload after one request to /hello": payload,
            "set in an after_request function": "saved (the session is saved after them)",
            "set in a teardown_request function": "lost (the cookie was already written)",
        },
    )


def show_session_new_and_accessed(app: Flask | None = None) -> Shown:
    """``session.new`` is always False for Flask's cookie session; any use sets ``accessed``.

    ``SecureCookieSession`` cannot tell a new session from an empty one, so ``new`` is hard
    coded to ``False``: don't use it to detect a first visit. Using the ``session`` proxy at
    all, even to read ``session.new``, sets ``session.accessed``, which adds ``Vary: Cookie``.

    Parameters
    ----------
    app
        An app from :func:`make_app` (default: ``make_app()``).

    Example
    -------
    >>> print(show_session_new_and_accessed())
    session.new is always False; any use of the session sets accessed
    - session.new, no cookie: False
    - session.new, a valid cookie: False
    - session.new, a tampered cookie (a new, empty session): False
    - reading session.new set session.accessed: yes, the response has Vary: Cookie
    """
    app = make_app() if app is None else app
    _client, cookie = logged_in(app)
    clients = {
        "no cookie": app.test_client(),
        "a valid cookie": sending(app, cookie),
        "a tampered cookie (a new, empty session)": sending(app, tamper(cookie)),
    }
    facts: dict[str, Any] = {}
    for case, client in clients.items():
        response = get(client, "/new", "reading session.new works")
        expect(response.text == "False", f"session.new is False with {case}", response.text)
        expect(
            response.headers.get("Vary") == "Cookie",
            "reading session.new sets accessed and adds Vary: Cookie",
            response.headers.get("Vary"),
        )
        facts[f"session.new, {case}"] = response.text
    facts["reading session.new set session.accessed"] = "yes, the response has Vary: Cookie"
    return Shown("session.new is always False; any use of the session sets accessed", facts)
