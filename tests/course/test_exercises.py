"""The five Flask exercises: each check passes the course's solution (the deck's ``solution:``),
fails the typical wrong ones with the message that names the mistake, stops an endless loop and
names the learner's line when the learner's code raises.

The learner's code runs as notebook cells do, through a real IPython shell, so messages name
cells as IPython does (``Cell In[3], line 5``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from IPython.core.interactiveshell import InteractiveShell

from recall_widgets import load_deck
from recall_widgets.checking import CheckResult, resolve_check, run_check
from recall_widgets.deck.model import Exercise

ROOT = Path(__file__).resolve().parents[2]
DECK = load_deck(ROOT / "content" / "flask-sessions.yaml")
EXERCISES = {exercise.id: exercise for exercise in DECK.exercises}


@pytest.fixture(scope="module")
def shell() -> Iterator[InteractiveShell]:
    """A real IPython shell for the learner's cells; gone afterwards (no test sees it)."""
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def run_cell(shell: InteractiveShell, source: str) -> dict[str, Any]:
    """Run ``source`` as the learner's one cell, in a fresh namespace; the learner's names."""
    shell.reset(new_session=False)
    result = shell.run_cell(source, store_history=True)
    result.raise_error()
    return shell.user_ns


def checked(
    shell: InteractiveShell, exercise_id: str, source: str, time_limit: float = 3.0
) -> CheckResult:
    exercise = EXERCISES[exercise_id]
    names = run_cell(shell, source)
    return run_check(resolve_check(exercise.check), names, time_limit=time_limit)


def changed(source: str, old: str, new: str) -> str:
    """``source`` with ``old`` replaced (which must be there: the wrong one stays in step)."""
    assert old in source, old
    return source.replace(old, new)


def solution(exercise_id: str) -> str:
    return EXERCISES[exercise_id].solution


def test_the_deck_has_the_five_exercises_each_placed_in_a_lesson_section() -> None:
    assert list(EXERCISES) == [
        "cart-that-forgets",
        "decode-without-key",
        "verify-signature",
        "login-logout",
        "server-side-login",
    ]
    assert all(isinstance(e, Exercise) and e.section and e.hints for e in DECK.exercises)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_each_check_resolves_to_its_subchecks(exercise_id: str) -> None:
    checks = resolve_check(EXERCISES[exercise_id].check)
    assert len(checks) >= 3
    assert len(set(checks.names)) == len(checks.names)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_the_courses_solution_passes(shell: InteractiveShell, exercise_id: str) -> None:
    result = checked(shell, exercise_id, solution(exercise_id))
    assert result.passed, result.messages
    assert result.failed == [] and all(line.startswith("✓ ") for line in result.messages)
    assert result.value == {"passed": True, "failed": [], "total": len(result.subchecks)}


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_the_starter_code_fails_so_the_learner_has_work_to_do(
    shell: InteractiveShell, exercise_id: str
) -> None:
    starter = EXERCISES[exercise_id].starter
    assert starter is not None
    result = checked(shell, exercise_id, starter)
    assert not result.passed
    assert result.value["failed"] == result.failed and result.failed


CART = solution("cart-that-forgets")
CART_ADD = 'session["cart"] = session.get("cart", []) + [item]  # a new list: Flask sees it'
DECODE = solution("decode-without-key")
VERIFY = solution("verify-signature")
LOGIN = solution("login-logout")
SERVER = solution("server-side-login")

MISTAKES = {
    "cart-in-place": (
        "cart-that-forgets",
        changed(CART, CART_ADD, 'session.setdefault("cart", []).append(item)'),
        "every item added stays in the cart",
        "/cart returned ['apple'], expected ['apple', 'pear', 'plum']: appending to "
        "session['cart'] in place",
    ),
    "cart-permanent-hides-it": (
        "cart-that-forgets",
        changed(
            CART,
            CART_ADD,
            'session.permanent = True\n    session.setdefault("cart", []).append(item)',
        ),
        "every item added stays in the cart",
        "the items stay only because the session is made permanent",
    ),
    "cart-global": (
        "cart-that-forgets",
        changed(
            changed(CART, CART_ADD, "CART.append(item)"),
            'return session.get("cart", [])',
            "return CART",
        ).replace('@app.get("/add', 'CART = []\n\n\n@app.get("/add'),
        "each visitor has a cart of their own",
        "the cart is kept in the app (a global variable), shared by every visitor",
    ),
    "cart-not-json": (
        "cart-that-forgets",
        changed(CART, 'return session.get("cart", [])', 'return str(session.get("cart", []))'),
        "a new visitor's cart is []",
        "GET /cart answered text/html, not JSON",
    ),
    "decode-no-padding": (
        "decode-without-key",
        changed(DECODE, 'payload + "=" * (-len(payload) % 4)', "payload"),
        "reads a cookie's data, base64url with no padding",
        "Incorrect padding at Cell In[",
    ),
    "decode-not-compressed": (
        "decode-without-key",
        changed(DECODE, "data = zlib.decompress(data)", "pass"),
        "reads a compressed cookie (it starts with '.')",
        "is zlib-compressed",
    ),
    "decode-returns-text": (
        "decode-without-key",
        changed(DECODE, "return json.loads(data)", "return data.decode()"),
        "reads a cookie's data, base64url with no padding",
        "decode_cookie returned str",
    ),
    "verify-always-true": (
        "verify-signature",
        changed(
            VERIFY,
            "return hmac.compare_digest(expected, given) and time.time() - timestamp <= max_age",
            "return True",
        ),
        "refuses a cookie whose payload was changed",
        "verify_cookie returned True for a cookie whose payload was changed",
    ),
    "verify-ignores-age": (
        "verify-signature",
        changed(VERIFY, " and time.time() - timestamp <= max_age", ""),
        "refuses a cookie older than max_age, accepts it within",
        "returned True for a cookie signed 40 days ago, expected False",
    ),
    "verify-splits-every-dot": (
        "verify-signature",
        changed(
            VERIFY,
            'signed, signature = cookie.rsplit(".", 1)',
            'payload, stamp, signature = cookie.split(".")\n        signed = f"{payload}.{stamp}"',
        ),
        "accepts a compressed cookie signed with the key",
        "split with cookie.rsplit('.', 1)",
    ),
    "verify-raw-secret": (
        "verify-signature",
        changed(
            VERIFY,
            'key = hmac.new(secret_key.encode(), b"cookie-session", hashlib.sha1).digest()',
            "key = secret_key.encode()",
        ),
        "accepts a cookie signed with the key",
        "a key derived from the secret",
    ),
    "login-example-key": (
        "login-logout",
        changed(LOGIN, "SECRET_KEY=secrets.token_hex(),", 'SECRET_KEY="dev",'),
        "the secret key is at least 32 random bytes, not a known example",
        "is a known example key 'dev'",
    ),
    "login-short-key": (
        "login-logout",
        changed(
            LOGIN,
            "SECRET_KEY=secrets.token_hex(),",
            'SECRET_KEY="0123456789abcdef0123456789abcdef",',  # 16 bytes, as hex
        ),
        "the secret key is at least 32 random bytes, not a known example",
        "holds about 16 random bytes (32 characters), expected at least 32",
    ),
    "login-keeps-what-was-before": (
        "login-logout",
        changed(LOGIN, "    session.clear()  # nothing from before the login\n", ""),
        "nothing from before the login is kept",
        "still holds cart, csrf_token from before the login",
    ),
    "login-not-permanent": (
        "login-logout",
        changed(LOGIN, "    session.permanent = True\n", ""),
        "a login makes a permanent session of one hour",
        "has no Expires",
    ),
    "login-not-secure": (
        "login-logout",
        changed(LOGIN, "    SESSION_COOKIE_SECURE=True,\n", ""),
        "the cookie is Secure, HttpOnly and SameSite=Lax",
        "not Secure",
    ),
    "login-pop-at-logout": (
        "login-logout",
        changed(
            LOGIN,
            "session.clear()  # an empty session: Flask deletes the cookie",
            'session.pop("user")',
        ),
        "/logout works for a visitor who never logged in",
        "raised KeyError: 'user' at Cell In[",
    ),
    "login-pop-keeps-the-cookie": (
        "login-logout",
        changed(
            LOGIN,
            "session.clear()  # an empty session: Flask deletes the cookie",
            'session.pop("user", None)',
        ),
        "/logout deletes the session cookie",
        "the session still holds ['_permanent']",
    ),
    "server-cookie-session": (
        "server-side-login",
        changed(SERVER, "Session(app)\n", ""),
        "app keeps sessions with Flask-Session's cachelib backend",
        "the session is still a signed cookie",
    ),
    "server-fixation": (
        "server-side-login",
        changed(
            SERVER, "    app.session_interface.regenerate(session)  # a new id: no fixation\n", ""
        ),
        "the session id changes at login (no session fixation)",
        "call app.session_interface.regenerate(session) after the login",
    ),
    "server-logout-deletes-only-the-cookie": (
        "server-side-login",
        changed(
            SERVER,
            '    session.clear()  # the record on the server is deleted\n    return "logged out"',
            '    response = make_response("logged out")\n'
            '    response.delete_cookie("session")\n'
            "    return response",
        ).replace(
            "from flask import Flask, session", "from flask import Flask, make_response, session"
        ),
        "a copy of the cookie replayed after /logout is logged out",
        "still says 'alice' after it",
    ),
}


@pytest.mark.parametrize(
    ("exercise_id", "source", "subcheck", "says"), MISTAKES.values(), ids=MISTAKES
)
def test_a_typical_mistake_fails_saying_what_it_is(
    shell: InteractiveShell, exercise_id: str, source: str, subcheck: str, says: str
) -> None:
    result = checked(shell, exercise_id, source)
    assert not result.passed
    assert subcheck in result.failed, result.messages
    message = next(s.message for s in result.subchecks if s.name == subcheck)
    assert says in message, message
    assert "Traceback" not in " ".join(result.messages)


#: Where each exercise's learner code runs first, to put a loop or an error there.
ENTRY = {
    "cart-that-forgets": "def cart():\n",
    "decode-without-key": "def decode_cookie(cookie: str) -> dict:\n",
    "verify-signature": (
        "def verify_cookie(cookie: str, secret_key: str, max_age: int = 2678400) -> bool:\n"
    ),
    "login-logout": "def whoami():\n",
    "server-side-login": "def whoami():\n",
}


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_an_endless_loop_in_the_learners_code_is_stopped_at_the_limit(
    shell: InteractiveShell, exercise_id: str
) -> None:
    entry = ENTRY[exercise_id]
    looping = changed(solution(exercise_id), entry, entry + "    while True:\n        pass\n")
    result = checked(shell, exercise_id, looping, time_limit=0.5)
    assert result.stopped and not result.passed
    stopped = [s for s in result.subchecks if "time limit" in s.message]
    assert stopped and stopped[0].message.startswith("stopped after 0.5 s, the time limit")
    assert all(s.message == "not run: the check was stopped at the time limit" for s in stopped[1:])
    assert len(result.subchecks) == len(resolve_check(EXERCISES[exercise_id].check))


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_an_exception_in_the_learners_code_names_the_learners_line(
    shell: InteractiveShell, exercise_id: str
) -> None:
    entry = ENTRY[exercise_id]
    raising = changed(solution(exercise_id), entry, entry + "    ratio = 1 / 0\n")
    line = raising.splitlines().index("    ratio = 1 / 0") + 1
    result = checked(shell, exercise_id, raising)
    assert not result.passed
    said = [s.message for s in result.subchecks if not s.passed]
    pattern = (
        r"your code raised ZeroDivisionError: division by zero at "
        rf"Cell In\[\d+\], line {line}: ratio = 1 / 0"
    )
    assert said and all(re.search(pattern, m) for m in said), said
    assert not any("exercises" in m or ".py" in m for m in said)  # never the check's own lines
