"""What ``SESSION_COOKIE_SAMESITE`` changes for CSRF, in real headless Chromium.

A small Flask app (the victim) is served for real on ``http://127.0.0.1:PORT`` (servers.py's
``wsgi_server``: Werkzeug, a thread, no access log): ``/login`` puts ``alice`` in the session,
``/whoami`` says who the session is, ``/settings`` is its own form, and a POST to ``/email``
changes the email of the session's user. An attacker page is served on ``http://localhost:PORT``:
``localhost`` and ``127.0.0.1`` are two different *sites* to the browser (two ports of one host
would be the same site: SameSite ignores ports). It has a form that POSTs to the victim's
``/email`` and a plain link to its ``/whoami``.

The victim logs in, then, in the same browser, saves an email from the app's own page
(same-site), clicks the attacker's button (a cross-site top-level POST), the attacker's link (a
cross-site top-level GET), and submits the attacker's form into an iframe (a cross-site POST that
is not a top-level navigation). The victim app records, on the server, whether each request
arrived with the session cookie and for which user: the assertions read that record, never the
pages alone.

What Chromium 156 did (every run checks it again):

============  =================  =================  ===============  ===================
SameSite      same-site POST     cross-site POST    cross-site link  cross-site iframe
============  =================  =================  ===============  ===================
``Lax``       cookie (alice)     no cookie          cookie (alice)   no cookie
``Strict``    cookie (alice)     no cookie          no cookie        no cookie
not set       cookie (alice)     cookie (alice)!    cookie (alice)   no cookie
============  =================  =================  ===============  ===================

Without the attribute (Flask's default, ``SESSION_COOKIE_SAMESITE=None``), Chromium treats the
cookie as Lax ("Lax by default": the iframe POST gets no cookie) *except* that a cookie younger
than 2 minutes is still sent with a cross-site top-level POST ("Lax+POST"), so a CSRF right
after login succeeds. The core check, :func:`assert_cross_site_post_acted_for_nobody`, passes
against the Lax app and is shown to FAIL against the same app without the attribute: the Lax
test cannot pass by accident.

Each run uses a fresh Chromium profile (a fresh cookie jar: cookies ignore ports, so the victim
apps of different tests would otherwise share ``127.0.0.1``'s ``session`` cookie). Screenshots go
to ``build/screenshots/samesite-*.png``.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request, session
from markupsafe import Markup
from playwright.sync_api import Page, expect
from servers import chromium, wsgi_server

pytestmark = [pytest.mark.browser, pytest.mark.course, pytest.mark.timeout(120)]

USER = "alice"
OWN_EMAIL = "alice@example.org"
ATTACKER_EMAIL = "attacker@evil.example"
#: Chromium's "Lax+POST" window: a cookie without SameSite younger than this is still sent
#: with a cross-site top-level POST.
LAX_POST_WINDOW = 120.0  # seconds

STYLE = Markup(
    "<style>body{font:18px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
    ".bar{padding:.4em .8em;border-radius:6px;color:#fff;font-weight:600}"
    ".victim{background:#1f5fa8}.attacker{background:#a11d1d}"
    "button{font-size:1.1em;padding:.4em 1em}.ok{color:#176b25}.refused{color:#a11d1d}"
    "code{background:#eee;padding:0 .2em}</style>"
)


def html(title: str, bar_class: str, bar: str, body: Markup) -> str:
    return str(
        Markup(
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>{}</title>{}</head>"
            '<body><p class="bar {}">{}</p>{}</body></html>'
        ).format(title, STYLE, bar_class, bar, body)
    )


# --------------------------------------------------------------------------------------------
# The victim app, which records what it received


@dataclass(frozen=True)
class Arrival:
    """One request as the victim app received it."""

    method: str
    path: str
    #: Whether the request carried the ``session`` cookie at all.
    cookie: bool
    #: The session's user (None: the request acted for nobody).
    user: str | None
    #: The browser's own view of where the request came from (``Sec-Fetch-Site``).
    fetch_site: str | None


@dataclass
class Victim:
    app: Flask
    arrivals: list[Arrival] = field(default_factory=list)
    #: Every ``Set-Cookie`` header the app sent.
    set_cookies: list[str] = field(default_factory=list)
    #: The one account's email, which the POST to ``/email`` changes.
    emails: dict[str, str] = field(default_factory=dict)


def make_victim(samesite: str | None) -> Victim:
    """The victim app with ``SESSION_COOKIE_SAMESITE=samesite`` (None: no attribute)."""
    app = Flask(__name__)
    app.secret_key = "samesite-browser-test-key"  # a test key, never a real one
    app.config["SESSION_COOKIE_SAMESITE"] = samesite
    victim = Victim(app, emails={USER: OWN_EMAIL})

    def page(title: str, body: Markup) -> str:
        return html(title, "victim", f"Victim app — {request.host}", body)

    @app.before_request
    def record() -> None:
        if request.path != "/favicon.ico":
            victim.arrivals.append(
                Arrival(
                    request.method,
                    request.path,
                    app.config["SESSION_COOKIE_NAME"] in request.cookies,
                    session.get("user"),
                    request.headers.get("Sec-Fetch-Site"),
                )
            )

    # The Set-Cookie headers as they leave the app (Flask adds the session's after the
    # after_request functions have run).
    wsgi_app = app.wsgi_app

    def recording_wsgi_app(environ: Any, start_response: Any) -> Any:
        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            victim.set_cookies.extend(v for k, v in headers if k.lower() == "set-cookie")
            return start_response(status, headers, exc_info)

        return wsgi_app(environ, recording_start_response)

    app.wsgi_app = recording_wsgi_app  # type: ignore[method-assign]

    @app.get("/login")
    def login() -> str:
        session.clear()
        session["user"] = USER
        return page("Logged in", Markup("<h1>Logged in as {}</h1>").format(USER))

    @app.get("/whoami")
    def whoami() -> str:
        user = session.get("user") or "nobody"
        return page("Who am I", Markup("<h1>Signed in as {}</h1>").format(user))

    @app.get("/settings")
    def settings() -> str:
        return page(
            "Settings",
            Markup(
                '<h1>Your email</h1><form method="post" action="/email">'
                '<input name="email" value="{}"><button type="submit">Save</button></form>'
            ).format(OWN_EMAIL),
        )

    @app.post("/email")
    def change_email() -> tuple[str, int]:
        user = session.get("user")
        fetch_site = request.headers.get("Sec-Fetch-Site", "?")
        if user is None:
            body = Markup(
                '<h1 class="refused">Acted for nobody</h1><p>The POST arrived without a session '
                "(no session cookie): email not changed.</p><p>Sec-Fetch-Site: <code>{}</code></p>"
            ).format(fetch_site)
            return page("Refused", body), 403
        victim.emails[user] = request.form["email"]
        body = Markup(
            '<h1 class="ok">Acted for {}</h1><p>Email changed to <code>{}</code>.</p>'
            "<p>Sec-Fetch-Site: <code>{}</code></p>"
        ).format(user, victim.emails[user], fetch_site)
        return page("Email changed", body), 200

    return victim


def make_attacker(victim_url: str) -> Flask:
    """The attacker's site: a button that POSTs to the victim, a link, and an iframe form."""
    app = Flask(__name__)
    form = Markup(
        '<form id="{}" method="post" action="{}/email"{}>'
        '<input type="hidden" name="email" value="{}"><button type="submit">{}</button></form>'
    )

    @app.get("/")
    def prize() -> str:
        body = Markup(
            "<h1>You won a prize!</h1><p>Click to claim it (the button POSTs to the victim "
            "app's <code>/email</code>).</p>{}"
            '<p><a id="link" href="{}/whoami">Or see your account first</a></p>'
        ).format(
            form.format("attack", victim_url, "", ATTACKER_EMAIL, "Claim your prize"), victim_url
        )
        return html("You won!", "attacker", f"Attacker site — {request.host}", body)

    @app.get("/frame")
    def frame() -> str:
        body = Markup('<iframe name="sink" title="sink"></iframe>{}').format(
            form.format("frame-attack", victim_url, Markup(' target="sink"'), ATTACKER_EMAIL, "Go")
        )
        return html("Frame", "attacker", f"Attacker site — {request.host}", body)

    return app


# --------------------------------------------------------------------------------------------
# One run: log in, then the four requests


@dataclass
class Observed:
    """What the victim app received in one run."""

    samesite: str | None
    login_set_cookie: str
    same_site_post: Arrival
    cross_site_post: Arrival
    cross_site_link: Arrival
    cross_site_iframe_post: Arrival
    #: A direct visit after the attacks: the cookie is still in the browser.
    direct_visit: Arrival
    #: Seconds from the login to the cross-site POST (the Lax+POST window is 2 minutes).
    cookie_age_at_post: float
    emails: dict[str, str]


def one_arrival(victim: Victim, before: int, path: str) -> Arrival:
    new = [a for a in victim.arrivals[before:] if a.path == path]
    assert len(new) == 1, f"expected one request to {path}, the app received {new}"
    return new[0]


def run_csrf(
    samesite: str | None,
    *,
    executable: str,
    profile: Path,
    screenshots: Path,
    shoot_attacker: bool = False,
) -> Observed:
    """Log in at 127.0.0.1, then a same-site POST, the cross-site POST, link and iframe POST,
    and a direct visit; return what the victim app received. Saves
    ``samesite-<label>-result.png`` (the cross-site POST's answer) and, with
    ``shoot_attacker``, ``samesite-attacker.png``."""
    label = (samesite or "none").lower()
    victim = make_victim(samesite)
    with (
        wsgi_server(victim.app) as victim_url,
        wsgi_server(make_attacker(victim_url), host="localhost") as attacker_url,
        chromium(profile, executable=executable, timeout=15_000) as context,
    ):
        page: Page = context.new_page()
        page.set_viewport_size({"width": 1000, "height": 420})  # the screenshots: no blank half

        page.goto(f"{victim_url}/login")
        logged_in_at = time.monotonic()
        expect(page.get_by_role("heading")).to_have_text(f"Logged in as {USER}")
        login_set_cookie = victim.set_cookies[-1]

        n = len(victim.arrivals)
        page.goto(f"{victim_url}/settings")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"{victim_url}/email")
        expect(page.get_by_role("heading")).to_have_text(f"Acted for {USER}")
        same_site_post = one_arrival(victim, n, "/email")

        page.goto(f"{attacker_url}/")
        expect(page.get_by_role("button", name="Claim your prize")).to_be_visible()
        if shoot_attacker:
            page.screenshot(path=str(screenshots / "samesite-attacker.png"))
        n = len(victim.arrivals)
        page.get_by_role("button", name="Claim your prize").click()
        page.wait_for_url(f"{victim_url}/email")
        cookie_age_at_post = time.monotonic() - logged_in_at
        expect(page.get_by_role("heading")).to_have_text(re.compile(r"^Acted for "))
        page.screenshot(path=str(screenshots / f"samesite-{label}-result.png"))
        cross_site_post = one_arrival(victim, n, "/email")

        page.goto(f"{attacker_url}/")
        n = len(victim.arrivals)
        page.get_by_role("link", name="Or see your account first").click()
        page.wait_for_url(f"{victim_url}/whoami")
        expect(page.get_by_role("heading")).to_have_text(re.compile(r"^Signed in as "))
        cross_site_link = one_arrival(victim, n, "/whoami")

        page.goto(f"{attacker_url}/frame")
        n = len(victim.arrivals)
        page.get_by_role("button", name="Go").click()
        frame = page.frame_locator("iframe[name=sink]")
        expect(frame.get_by_role("heading")).to_have_text(re.compile(r"^Acted for "))
        cross_site_iframe_post = one_arrival(victim, n, "/email")

        n = len(victim.arrivals)
        page.goto(f"{victim_url}/whoami")
        direct_visit = one_arrival(victim, n, "/whoami")

    return Observed(
        samesite=samesite,
        login_set_cookie=login_set_cookie,
        same_site_post=same_site_post,
        cross_site_post=cross_site_post,
        cross_site_link=cross_site_link,
        cross_site_iframe_post=cross_site_iframe_post,
        direct_visit=direct_visit,
        cookie_age_at_post=cookie_age_at_post,
        emails=dict(victim.emails),
    )


CsrfRun = Callable[..., Observed]


@pytest.fixture
def csrf(chromium_executable: str, tmp_path: Path, screenshot_dir: Path) -> Iterator[CsrfRun]:
    """``csrf(samesite, shoot_attacker=False)``: one :func:`run_csrf` in a fresh profile."""
    runs = itertools.count()

    def _run(samesite: str | None, *, shoot_attacker: bool = False) -> Observed:
        profile = tmp_path / f"chromium-profile-{next(runs)}"
        return run_csrf(
            samesite,
            executable=chromium_executable,
            profile=profile,
            screenshots=screenshot_dir,
            shoot_attacker=shoot_attacker,
        )

    yield _run


# --------------------------------------------------------------------------------------------
# The checks


def assert_cross_site_post_acted_for_nobody(seen: Observed) -> None:
    """The CSRF defence itself: the attacker's cross-site POST reached the app without the
    session cookie, so it acted for nobody and the email stayed the victim's own; while the
    victim was logged in all along (the direct visit afterwards carried the cookie)."""
    post = seen.cross_site_post
    assert post.method == "POST" and post.fetch_site == "cross-site", post
    assert not post.cookie and post.user is None, (
        f"SameSite={seen.samesite}: the cross-site POST arrived with the session cookie "
        f"and acted for {post.user!r} (Set-Cookie: {seen.login_set_cookie})"
    )
    assert seen.emails == {USER: OWN_EMAIL}, f"the attacker changed the email: {seen.emails}"
    assert seen.direct_visit.cookie and seen.direct_visit.user == USER, seen.direct_visit


def assert_same_site_post_works(seen: Observed) -> None:
    post = seen.same_site_post
    assert post.fetch_site == "same-origin" and post.cookie and post.user == USER, post


def samesite_attribute(set_cookie: str) -> str | None:
    for part in set_cookie.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "samesite":
            return value
    return None


def test_lax_withholds_the_cookie_from_a_cross_site_post_not_from_a_link(csrf: CsrfRun) -> None:
    seen = csrf("Lax", shoot_attacker=True)
    assert samesite_attribute(seen.login_set_cookie) == "Lax", seen.login_set_cookie
    assert_same_site_post_works(seen)
    assert_cross_site_post_acted_for_nobody(seen)
    # What Lax allows: a top-level GET navigation from another site carries the cookie.
    link = seen.cross_site_link
    assert link.fetch_site == "cross-site" and link.cookie and link.user == USER, link
    # Not a top-level navigation: no cookie.
    assert not seen.cross_site_iframe_post.cookie, seen.cross_site_iframe_post


def test_strict_withholds_the_cookie_even_from_a_cross_site_link(csrf: CsrfRun) -> None:
    seen = csrf("Strict")
    assert samesite_attribute(seen.login_set_cookie) == "Strict", seen.login_set_cookie
    assert_same_site_post_works(seen)
    assert_cross_site_post_acted_for_nobody(seen)
    link = seen.cross_site_link
    assert link.fetch_site == "cross-site" and not link.cookie and link.user is None, link
    assert not seen.cross_site_iframe_post.cookie, seen.cross_site_iframe_post


def test_without_samesite_the_lax_check_fails_a_fresh_cookie_goes_with_the_post(
    csrf: CsrfRun,
) -> None:
    """Flask's default (no SameSite attribute): the same check as the Lax test FAILS, because
    Chromium sends a cookie younger than 2 minutes with a cross-site top-level POST."""
    seen = csrf(None)
    assert samesite_attribute(seen.login_set_cookie) is None, seen.login_set_cookie
    assert seen.cookie_age_at_post < LAX_POST_WINDOW, "too slow to be inside Lax+POST's window"
    with pytest.raises(AssertionError, match="cross-site POST arrived with the session cookie"):
        assert_cross_site_post_acted_for_nobody(seen)
    # The attack worked: the POST acted for alice and the email is now the attacker's.
    post = seen.cross_site_post
    assert post.fetch_site == "cross-site" and post.cookie and post.user == USER, post
    assert seen.emails == {USER: ATTACKER_EMAIL}
    assert_same_site_post_works(seen)
    # Otherwise Chromium treats the cookie as Lax: the link carries it, the iframe POST does not.
    assert seen.cross_site_link.cookie and seen.cross_site_link.user == USER, seen.cross_site_link
    assert not seen.cross_site_iframe_post.cookie, seen.cross_site_iframe_post
