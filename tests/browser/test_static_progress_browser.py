"""A static page remembers in the browser: reload, download, import into a kernel's store,
start over; storage that is refused or full never breaks a page; dark and light, axe-clean.

One site is exported (``export_site``) from a notebook with every widget; each test opens it
over a 127.0.0.1 HTTP server with every other request blocked, on its own server (its own
origin, so its own empty localStorage).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from servers import static_server
from test_static_site_browser import (
    NO_KERNEL_PROGRESS,
    WIDGETS_NOTEBOOK,
    assert_clean,
    watched_page,
)

from conftest import FIXTURES, write_notebook
from recall_widgets.publishing.site import export_site

pytestmark = pytest.mark.browser

DECK = FIXTURES / "browser-deck.yaml"
NOT_KEPT = re.compile("not keeping your progress")
BAR = ".recall-runtime-bar"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("progress-src")
    shutil.copyfile(DECK, src / "browser-deck.yaml")
    review = ("code", "from recall_widgets import Review\nReview('browser-deck.yaml')")
    write_notebook(src / "widgets.ipynb", [*WIDGETS_NOTEBOOK, review], display_name="Python 3")
    out = tmp_path_factory.mktemp("progress-site")
    export_site([src / "widgets.ipynb"], out, log=lambda _line: None)
    return out


def answer_wrong_then_rate(page: Any) -> None:
    """Answer the first question wrong (Venus), rate the first card Good, tick two concepts,
    rate the spaced review's first card Good."""
    quiz = page.locator(".recall-quiz")
    quiz.locator("fieldset label", has_text="Venus").click()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".recall-feedback")).to_contain_text("✗ Incorrect")
    cards = page.locator(".recall-flashcards")
    cards.get_by_role("button", name="Show answer").click()
    cards.get_by_role("button", name=re.compile(r"\bGood$")).click()
    expect(cards.locator(".recall-position")).to_have_text("2 / 3")
    prompt = page.locator(".recall-recall-prompt")
    prompt.get_by_role("textbox", name="Your answer").fill("Light and CO2.")
    prompt.get_by_role("button", name="Compare with the key concepts").click()
    for concept in ("Light energy is captured", "Carbon dioxide"):
        prompt.locator(".recall-concept", has_text=concept).click()
    expect(prompt.locator(".recall-result")).to_contain_text("You got 2/4 concepts")
    review = page.locator(".recall-review")
    expect(review.locator(".recall-position")).to_have_text(re.compile(r"^1 / \d+$"))
    review.get_by_role("button", name="Show answer").click()
    review.get_by_role("button", name=re.compile(r"\bGood$")).click()
    expect(review.locator(".recall-position")).to_have_text(re.compile(r"^2 / \d+$"))


def test_progress_is_kept_across_a_reload_and_imported_into_a_kernel_store(
    site: Path, browser_context: Any, tmp_path: Path
) -> None:
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.goto(f"{url}/widgets.html")
        expect(page.locator(f"{BAR} .recall-runtime-status")).to_have_text(NO_KERNEL_PROGRESS)
        expect(page.locator(".recall-quiz .recall-notice")).to_have_text(NO_KERNEL_PROGRESS)
        expect(page.locator(BAR).get_by_role("button", name="Download progress")).to_be_disabled()
        answer_wrong_then_rate(page)
        kept = page.evaluate("Object.keys(localStorage)")
        assert kept == ["recall-widgets:progress:widgets"], "one entry, per course"
        stored = page.evaluate("localStorage.getItem('recall-widgets:progress:widgets')")
        assert "browser-test" in stored and "Venus" not in stored  # events, not the page

        page.reload()
        status = page.locator(f"{BAR} .recall-runtime-status")
        expect(status).to_contain_text("Welcome back: what you did before is shown")
        quiz = page.locator(".recall-quiz")
        expect(quiz.locator(".recall-feedback")).to_contain_text("✗ Incorrect")
        expect(quiz.locator(".recall-score")).to_have_text("Score: 0/1 (first attempts)")
        expect(page.locator(".recall-flashcards .recall-position")).to_have_text("2 / 3")
        prompt = page.locator(".recall-recall-prompt")
        expect(prompt.locator(".recall-result")).to_contain_text("You got 2/4 concepts")
        review = page.locator(".recall-review")
        expect(review.locator(".recall-position")).to_have_text(re.compile(r"^2 / \d+$"))

        with page.expect_download() as download_info:
            page.locator(BAR).get_by_role("button", name="Download progress").click()
        download = download_info.value
        assert download.suggested_filename == "progress-widgets.json"
        export = tmp_path / "progress.json"
        download.save_as(export)
        assert_clean(watched)

    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["format"] == "recall-widgets-progress" and document["version"] == 1
    kinds = sorted({e["kind"] for e in document["events"]})
    assert {"answer", "rate"} <= set(kinds), kinds
    answer = next(e for e in document["events"] if e["kind"] == "answer")
    assert answer["item"] == "q-single" and answer["value"]["correct"] is False

    # A learner who edits the file to claim the wrong answer was right gains nothing: the
    # import decides every answer again from the deck.
    answer["value"]["correct"] = True
    export.write_text(json.dumps(document), encoding="utf-8")
    store = tmp_path / "kernel.sqlite3"
    command = [sys.executable, "-m", "recall_widgets", "progress", "--store", str(store)]
    imported = subprocess.run(
        [*command, "import", str(export), "--decks", str(DECK)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    count = len(document["events"])
    assert f"imported {count} new events" in imported.stdout
    from recall_widgets.progress.store import ProgressStore

    kernel = ProgressStore(store)
    try:
        answers = [e for e in kernel.events() if e["kind"] == "answer"]
    finally:
        kernel.close()
    assert len(answers) == 1 and answers[0]["value"]["correct"] is False


def test_start_over_forgets_the_course_in_this_browser(site: Path, browser_context: Any) -> None:
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.goto(f"{url}/widgets.html")
        answer_wrong_then_rate(page)
        page.locator(BAR).get_by_role("button", name="Start over").click()
        expect(page.locator(".recall-runtime-confirm")).to_contain_text("Forget everything")
        page.locator(BAR).get_by_role("button", name="Keep it").click()  # changed their mind
        expect(page.locator(BAR).get_by_role("button", name="Start over")).to_be_focused()
        page.locator(BAR).get_by_role("button", name="Start over").click()
        with page.expect_navigation():
            page.locator(BAR).get_by_role("button", name="Forget it all").click()
        expect(page.locator(".recall-runtime-status")).to_have_text(NO_KERNEL_PROGRESS)
        expect(page.locator(".recall-quiz .recall-feedback")).to_be_empty()
        expect(page.locator(".recall-flashcards .recall-position")).to_have_text("1 / 3")
        assert page.evaluate("localStorage.length") == 0
        assert_clean(watched)


REFUSED = (
    "Object.defineProperty(window, 'localStorage', "
    "{get() { throw new DOMException('no', 'SecurityError'); }});"
)
FULL = (
    "Storage.prototype.setItem = function (key) {"
    " if (String(key).startsWith('recall-widgets:progress:') && !key.endsWith('probe'))"
    " throw new DOMException('full', 'QuotaExceededError'); };"
)


@pytest.mark.parametrize("storage", ["refused", "full"])
def test_a_refused_or_full_storage_never_breaks_the_page(
    site: Path, browser_context: Any, storage: str
) -> None:
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.add_init_script(REFUSED if storage == "refused" else FULL)
        page.goto(f"{url}/widgets.html")
        answer_wrong_then_rate(page)  # every widget still works
        expect(page.locator(".recall-runtime-status")).to_have_text(NOT_KEPT)
        if storage == "refused":
            expect(page.locator(".recall-quiz .recall-notice")).to_have_text(NOT_KEPT)
        assert_clean(watched)


def assert_axe_clean(page: Any, state: str) -> None:
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + ", ".join(
            f"{n['html'][:120]} {n.get('failureSummary', '')[-160:]}" for n in v["nodes"][:4]
        )
        for v in bad
    )
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_follows_the_browsers_light_or_dark(
    site: Path, browser_context: Any, screenshot_dir: Path, scheme: str
) -> None:
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{url}/widgets.html")
        quiz = page.locator(".recall-quiz")
        expect(quiz.locator("fieldset label").first).to_be_visible()
        looks = page.evaluate(
            """() => {
              const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
                                   return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
              const quiz = document.querySelector('.recall-quiz');
              const radio = quiz.querySelector('input[type=radio]');
              return { body: lum(getComputedStyle(document.body).backgroundColor),
                       widget: lum(getComputedStyle(quiz).backgroundColor),
                       text: lum(getComputedStyle(quiz).color),
                       radioScheme: getComputedStyle(radio).colorScheme,
                       checked: radio.checked };
            }"""
        )
        dark = scheme == "dark"
        assert (looks["body"] < 0.3) is dark and (looks["widget"] < 0.3) is dark, looks
        assert (looks["text"] > 0.6) is dark, looks
        # An unticked radio is drawn in the scheme of the widget around it: never filled dark
        # on a light widget (where it looks chosen).
        assert looks["radioScheme"] == scheme and looks["checked"] is False, looks
        assert_axe_clean(page, f"{scheme}, fresh")
        answer_wrong_then_rate(page)
        assert_axe_clean(page, f"{scheme}, answered")
        quiz.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"static-{scheme}.png"), full_page=False)
        assert_clean(watched)


def test_progress_is_kept_over_file_urls_too(site: Path, browser_context: Any) -> None:
    """Opened from a folder (a USB stick): the page still remembers across a reload."""
    base = site.as_uri()
    with watched_page(browser_context, base + "/") as watched:
        page = watched.page
        page.goto(f"{base}/widgets.html")
        page.evaluate("localStorage.clear()")  # file:// pages share one storage
        page.reload()
        answer_wrong_then_rate(page)
        page.reload()
        expect(page.locator(f"{BAR} .recall-runtime-status")).to_contain_text("Welcome back")
        expect(page.locator(".recall-quiz .recall-feedback")).to_contain_text("✗ Incorrect")
        page.evaluate("localStorage.clear()")
        assert_clean(watched)
