"""Exercise ``cart-that-forgets`` (lesson 1): a cart in the session that keeps every item.

The learner's ``app`` must have ``GET /add/<item>``, appending the item to the list
``session["cart"]``, and ``GET /cart``, returning that list as JSON. The trap: appending to the
list in place changes nothing Flask can see, so the cookie is not sent again and the item is
lost. A permanent session refreshed on every request hides the bug (Flask then saves the whole
session each time) without fixing it: the check turns that refresh off to see.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from recall_widgets.checking import Checks, Learner, expect, fail

from ._http import checking, cookie_attributes, get, learner_app, needs_route, shown

__all__ = ["checks"]

checks = Checks()
ITEMS = ("apple", "pear", "plum")
IN_PLACE = (
    "appending to session['cart'] in place changes the list, not the session, so Flask does not "
    "send the cookie again: assign the new list, session['cart'] = cart + [item], or set "
    "session.modified = True"
)


def _cart(client: FlaskClient, learner: Learner) -> object:
    with learner.running("GET /cart", "the view must return the list, e.g. return cart"):
        response = get(client, "/cart")
    data = response.get_json(silent=True)
    if data is None:
        fail(
            f"GET /cart answered {response.mimetype}, not JSON: return the list itself (Flask "
            "sends a list as JSON), or jsonify(cart)"
        )
    return data


def _add_all(app: Flask, learner: Learner, client: FlaskClient) -> list[bool]:
    """Add each item; whether each answer set the session cookie."""
    sent = []
    for item in ITEMS:
        with learner.running(f"GET /add/{item}"):
            response = get(client, f"/add/{item}")
        sent.append(cookie_attributes(response, app.config["SESSION_COOKIE_NAME"]) is not None)
    return sent


@checks.sub("app is a Flask app with a secret key")
def _app(learner: Learner) -> None:
    app = learner_app(learner)
    expect(app.secret_key, "app.secret_key is not set: Flask cannot sign the session cookie")


@checks.sub("GET /add/<item> and GET /cart reach your views")
def _routes(learner: Learner) -> None:
    app = learner_app(learner)
    needs_route(app, "/add/apple", "@app.get('/add/<item>')")
    needs_route(app, "/cart", "@app.get('/cart')")


@checks.sub("a new visitor's cart is []")
def _empty(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as client:
        got = _cart(client, learner)
    expect(
        got == [],
        f"/cart returned {shown(got)} for a visitor who added nothing, expected []: start "
        "from session.get('cart', [])",
    )


@checks.sub("every item added stays in the cart")
def _persists(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app, plain=True) as client:
        _add_all(app, learner, client)
        got = _cart(client, learner)
    if got == list(ITEMS):
        return
    with checking(app) as client:
        _add_all(app, learner, client)
        refreshed = _cart(client, learner)
    if refreshed == list(ITEMS):
        fail(
            f"/cart returned {shown(got)} when the session is saved only if its data changed, "
            f"expected {list(ITEMS)}: the items stay only because the session is made permanent "
            f"and so saved on each request, which hides the bug; {IN_PLACE}"
        )
    hint = IN_PLACE if got == list(ITEMS[:1]) else "each /add must append its item to the list"
    fail(
        f"after adding {', '.join(ITEMS)}, /cart returned {shown(got)}, "
        f"expected {list(ITEMS)}: {hint}"
    )


@checks.sub("every add sends a Set-Cookie")
def _set_cookie(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app, plain=True) as client:
        sent = _add_all(app, learner, client)
    missing = [f"/add/{item}" for item, did in zip(ITEMS, sent, strict=True) if not did]
    expect(
        not missing,
        f"{', '.join(missing)} sent no Set-Cookie, so the browser keeps the old cart: Flask "
        "sends the cookie only when it sees the session itself change",
    )


@checks.sub("each visitor has a cart of their own")
def _own_cart(learner: Learner) -> None:
    app = learner_app(learner)
    with checking(app) as alice:
        with learner.running("GET /add/apple"):
            get(alice, "/add/apple")
        bob = app.test_client()
        got = _cart(bob, learner)
    expect(
        got == [],
        f"after alice added apple, a new visitor's /cart returned {shown(got)}, expected []: "
        "the cart is kept in the app (a global variable), shared by every visitor; keep it in "
        "session['cart']",
    )
