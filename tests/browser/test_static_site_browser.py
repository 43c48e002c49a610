"""Where the course runs: the static site (no kernel, no network), Notebook 7 and Voilà.

The static site is exported once (``recall-widgets export-html``'s :func:`export_site`) from a
small notebook with every widget type and the course's lesson 1, then opened over ``file://``
and over a 127.0.0.1 HTTP server with every other request blocked (and recorded: any attempt
to reach another host fails the test). Notebook 7 and Voilà run on copies of the course on free
127.0.0.1 ports (servers.py's helpers, like JupyterLab in conftest.py). Each place saves one
screenshot to ``build/screenshots/where-*.png`` (the README shows them, from docs/images/).
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from servers import (
    answers_http,
    free_port,
    jupyter_env,
    jupyter_server_command,
    running_server,
    static_server,
)

from conftest import FIXTURES, REPO, copy_course, write_notebook
from recall_widgets.publishing.site import export_site, outside_references

pytestmark = pytest.mark.browser

#: What the widgets of a static page say under them: the runtime keeps progress in the browser.
NO_KERNEL_PROGRESS = "Your progress is kept in this browser only (for this course)."
NO_KERNEL_DEMO = "This demo needs a running Python kernel."
NO_KERNEL_CHECK = (
    "Checking needs a running Python kernel: open this notebook in Jupyter, run your cells, "
    "then press Check."
)
LESSON_1 = "notebooks/01-what-is-a-session.ipynb"
WIDGETS_NOTEBOOK = [
    ("markdown", "# Every widget, no kernel\n\nThen [lesson 1](01-what-is-a-session.ipynb)."),
    (
        "code",
        "from flask_course.inspector import CookieInspector\n"
        "from recall_widgets import Dashboard, Flashcards, Quiz, RecallPrompt\n"
        "cards = Flashcards('browser-deck.yaml')\n"
        "quiz = Quiz('browser-deck.yaml', shuffle_choices=False)\n"
        "prompt = RecallPrompt('browser-deck.yaml')",
    ),
    ("code", "cards"),
    ("code", "quiz"),
    ("code", "prompt"),
    ("code", "CookieInspector(timestamp=1_700_000_000)"),
    ("code", "Dashboard('browser-deck.yaml')"),
]


# --------------------------------------------------------------------------------------------
# The site and what a page tried to load


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported site: ``widgets.html`` (every widget) and lesson 1, with ``index.html``."""
    src = tmp_path_factory.mktemp("static-src")
    shutil.copyfile(FIXTURES / "browser-deck.yaml", src / "browser-deck.yaml")
    write_notebook(src / "widgets.ipynb", WIDGETS_NOTEBOOK, display_name="Python 3")
    out = tmp_path_factory.mktemp("static-site")
    export_site([src / "widgets.ipynb", REPO / LESSON_1], out, log=lambda _line: None)
    for page in out.glob("*.html"):
        assert outside_references(page.read_text(encoding="utf-8")) == [], page.name
    return out


@dataclass
class Watched:
    """A page and what it did: requests outside the allowed origins, console errors."""

    page: Any
    allowed: tuple[str, ...]
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.allowed)]


@contextlib.contextmanager
def watched_page(context: Any, *allowed: str, block: bool = False) -> Iterator[Watched]:
    """A new page that records every request and console error; with ``block``, requests to
    anything but ``allowed`` are aborted (and recorded)."""
    page = context.new_page()
    watched = Watched(page, (*allowed, "blob:", "data:"))
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("pageerror", lambda error: watched.errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda m: watched.errors.append(f"console: {m.text}") if m.type == "error" else None,
    )
    if block:

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(watched.allowed):
                route.continue_()
            else:
                watched.blocked.append(url)
                route.abort()

        page.route("**/*", route)
    try:
        yield watched
    finally:
        page.close()


# --------------------------------------------------------------------------------------------
# What every place must do


def flip_and_answer(page: Any) -> None:
    """Flip the first card, rate it; answer the first question wrong, then right."""
    cards = page.locator(".recall-flashcards").first
    expect(cards.locator(".recall-card-front")).to_contain_text(re.compile(r"\S"))
    cards.get_by_role("button", name="Show answer").click()
    expect(cards.locator(".recall-card-back")).to_be_visible()
    expect(cards.get_by_role("button", name="Hide answer")).to_be_visible()
    quiz = page.locator(".recall-quiz").first
    feedback = quiz.locator(".recall-feedback")
    labels = quiz.locator("fieldset label")
    expect(labels.first).to_be_visible()
    for i in range(labels.count()):
        if i:
            quiz.get_by_role("button", name="Try again").click()
        labels.nth(i).click()
        quiz.get_by_role("button", name="Check").click()
        expect(feedback).to_contain_text(re.compile("✓ Correct|✗ Incorrect"))
        if "Correct" in feedback.inner_text() and "Incorrect" not in feedback.inner_text():
            break
    expect(feedback).to_contain_text("✓ Correct")


def exercise_every_widget(page: Any) -> None:
    """widgets.html with no kernel: flip, rate, answer with feedback, reveal concepts; and the
    polite lines where Python is needed."""
    cards = page.locator(".recall-flashcards")
    expect(cards.locator(".recall-card-front")).to_contain_text("What is the capital of France?")
    cards.get_by_role("button", name="Show answer").click()
    expect(cards.locator(".recall-card-back")).to_have_text("Paris")
    cards.get_by_role("button", name=re.compile(r"\bGood$")).click()
    expect(cards.locator(".recall-position")).to_have_text("2 / 3")
    expect(cards.locator(".recall-card-front")).to_contain_text("Which river flows through Vienna?")

    quiz = page.locator(".recall-quiz")
    feedback = quiz.locator(".recall-feedback")
    quiz.locator("fieldset label", has_text="Venus").click()
    quiz.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("Venus is the second planet.")
    quiz.get_by_role("button", name="Try again").click()
    quiz.locator("fieldset label", has_text="Mercury").click()
    quiz.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✓ Correct")
    expect(feedback).to_contain_text("Mercury orbits closest to the Sun.")
    expect(quiz.locator(".recall-score")).to_have_text("Score: 0/1 (first attempts)")

    prompt = page.locator(".recall-recall-prompt")
    prompt.get_by_role("textbox", name="Your answer").fill("Leaves take in light and CO2.")
    prompt.get_by_role("button", name="Compare with the key concepts").click()
    for concept in ("Light energy is captured", "Carbon dioxide", "Oxygen and sugar"):
        prompt.locator(".recall-concept", has_text=concept).click()
    expect(prompt.locator(".recall-result")).to_contain_text("You got 3/4 concepts")
    expect(prompt.locator(".recall-result")).to_contain_text("Water is split")

    for root in (cards, quiz, prompt):
        expect(root.locator(".recall-notice")).to_have_text(NO_KERNEL_PROGRESS)
    inspector = page.locator(".recall-cookie-inspector")
    expect(inspector.locator(".recall-no-kernel")).to_have_text(NO_KERNEL_DEMO)
    expect(page.locator(".recall-dashboard .recall-no-kernel")).to_contain_text(
        "needs a running Python kernel"
    )


#: Where a host's own page has errors of its own (Notebook 7: a settings "schema" page error;
#: Voilà 0.5: Font Awesome stylesheets from a CDN, and Notebook 7's lab extension failing to
#: load in it), only errors that come from our widgets (their code runs from blob: URLs, through
#: anywidget) fail the test.
OURS = re.compile(r"recall|anywidget|blob:", re.IGNORECASE)
#: The outside requests Voilà's own template makes (there is no network here: they fail).
VOILA_OUTSIDE = re.compile(r"font-?awesome", re.IGNORECASE)


def assert_widgets_clean(watched: Watched, allowed_outside: re.Pattern[str] | None = None) -> None:
    ours = [e for e in watched.errors if OURS.search(e)]
    assert ours == [], ours
    outside = [u for u in watched.outside() if not (allowed_outside and allowed_outside.search(u))]
    assert outside == [], f"requests to other hosts: {outside}"
    page_text = watched.page.locator("body").inner_text()
    assert "Error displaying widget" not in page_text and "Model not found" not in page_text


def assert_clean(watched: Watched) -> None:
    assert watched.errors == [], watched.errors
    assert watched.blocked == [], f"tried to reach outside: {watched.blocked}"
    assert watched.outside() == [], f"requests outside the site: {watched.outside()}"


# --------------------------------------------------------------------------------------------
# The static site


def test_static_site_over_file_url(site: Path, browser_context: Any) -> None:
    base = site.as_uri()
    with watched_page(browser_context, base + "/") as watched:
        page = watched.page
        page.goto(f"{base}/index.html")
        expect(page.get_by_role("link")).to_have_count(2)
        page.get_by_role("link", name="Every widget, no kernel").click()
        exercise_every_widget(page)
        page.get_by_role("link", name="lesson 1").click()
        expect(page).to_have_url(f"{base}/01-what-is-a-session.html")
        expect(page.locator(".recall-widget")).to_have_count(5)
        flip_and_answer(page)
        assert_clean(watched)


def test_static_site_over_http_with_every_other_request_blocked(
    site: Path, browser_context: Any, screenshot_dir: Path
) -> None:
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.goto(f"{url}/widgets.html")
        exercise_every_widget(page)
        page.goto(f"{url}/01-what-is-a-session.html")
        expect(page.locator(".recall-widget")).to_have_count(5)
        flip_and_answer(page)
        expect(page.locator(".recall-quiz .recall-notice").first).to_have_text(NO_KERNEL_PROGRESS)
        page.locator(".recall-quiz").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "where-static.png"))
        assert_clean(watched)
        # The check is real: a request to another host is blocked and recorded.
        page.evaluate("fetch('https://cdn.jsdelivr.net/npm/x').catch(() => null)")
        page.wait_for_timeout(200)
        assert watched.blocked == ["https://cdn.jsdelivr.net/npm/x"]


def test_static_site_shows_an_exercise_and_says_checking_needs_a_kernel(
    site: Path, browser_context: Any, screenshot_dir: Path
) -> None:
    """Lesson 1's exercise offline: the task, the hints one at a time and the solution work;
    Check is unavailable, and the widget says why."""
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.goto(f"{url}/01-what-is-a-session.html")
        exercise = page.locator(".recall-exercise")
        expect(exercise.get_by_role("heading", name="The cart that forgets")).to_be_visible()
        expect(exercise.locator(".recall-exercise-text")).to_contain_text("GET /add/<item>")
        expect(exercise.locator(".recall-no-kernel")).to_have_text(NO_KERNEL_CHECK)
        check = exercise.get_by_role("button", name="Check", exact=True)
        expect(check).to_have_attribute("aria-disabled", "true")
        check.dispatch_event("click")  # a click does nothing: there is no Python to run it
        expect(exercise.locator(".recall-exercise-result")).to_be_empty()
        expect(check).to_have_text("Check")
        hints = exercise.locator(".recall-exercise-hint-list > li")
        for shown in (1, 2, 3):
            exercise.get_by_role("button", name=f"Show hint {shown} of 3").click()
            expect(hints).to_have_count(shown)
        expect(exercise.get_by_role("button", name=re.compile("Show hint"))).to_have_count(0)
        exercise.get_by_role("button", name="Show solution").click()
        expect(exercise.locator(".recall-exercise-solution")).to_contain_text(
            'session["cart"] = session.get("cart", []) + [item]'
        )
        expect(exercise.locator(".recall-notice").last).to_have_text(NO_KERNEL_PROGRESS)
        exercise.scroll_into_view_if_needed()
        exercise.screenshot(path=str(screenshot_dir / "exercise-static.png"))
        assert_clean(watched)


# --------------------------------------------------------------------------------------------
# Notebook 7 and Voilà (a live kernel: no "static page" line)


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    copy_course(root)
    return root


def test_course_in_notebook_7(
    course_copy: Path, tmp_path: Path, browser_context: Any, screenshot_dir: Path
) -> None:
    base = tmp_path / "jupyter"
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}"
    command = jupyter_server_command("notebook", port=port, token=token, root=course_copy)
    with (
        running_server(
            "jupyter notebook",
            command,
            cwd=course_copy,
            env=jupyter_env(base),
            log=tmp_path / "notebook.log",
            ready=lambda: answers_http(f"{url}/api/status?token={token}", below=400),
            fail=pytest.fail,
        ),
        watched_page(browser_context, url + "/") as watched,
    ):
        page = watched.page
        page.goto(f"{url}/notebooks/{LESSON_1}?token={token}")
        expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=60_000)
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        expect(page.locator(".jp-KernelName")).to_have_text("Python 3 (ipykernel)", timeout=60_000)
        expect(idle).to_be_attached(timeout=60_000)
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt")
        for attempt in range(3):  # a click before the kernel is connected can be lost
            page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
            page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
            try:
                expect(prompts.first).not_to_have_text("[ ]:", timeout=10_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        expect(prompts.last).to_have_text(re.compile(r"\[\d+\]"), timeout=90_000)
        expect(idle).to_be_attached(timeout=60_000)
        page.locator(".recall-quiz").first.scroll_into_view_if_needed(timeout=30_000)
        expect(page.locator(".recall-quiz").first).to_be_visible()
        flip_and_answer(page)
        expect(page.locator(".recall-quiz .recall-notice").first).to_be_hidden()
        page.locator(".recall-flashcards").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "where-notebook7.png"))
        assert_widgets_clean(watched)


def test_course_in_voila(
    course_copy: Path, tmp_path: Path, browser_context: Any, screenshot_dir: Path
) -> None:
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--token={token}",
        LESSON_1,
    ]
    with (
        running_server(
            "voila",
            command,
            cwd=course_copy,
            env=jupyter_env(tmp_path / "jupyter"),
            log=tmp_path / "voila.log",
            ready=lambda: answers_http(f"{url}/not-a-page"),  # Voilà has no /api/status
            fail=pytest.fail,
        ),
        watched_page(browser_context, url + "/") as watched,
    ):
        page = watched.page
        page.goto(f"{url}/?token={token}")
        expect(page.locator(".recall-quiz").first).to_be_visible(timeout=90_000)
        flip_and_answer(page)
        expect(page.locator(".recall-quiz .recall-notice").first).to_be_hidden()
        page.locator(".recall-flashcards").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "where-voila.png"))
        assert_widgets_clean(watched, VOILA_OUTSIDE)
