"""`recall-widgets embed` in real sites: a Sphinx and a MkDocs site built from PyPI's packages,
each with an embedded card set and quiz, driven in headless Chromium with every other host
blocked; axe on the embed; math shown as MathML; screenshots light and dark to
``build/screenshots/embed-*.png``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.servers import static_server
from tests.browser.test_static_site_browser import watched_page

HERE = Path(__file__).parent
DECK = HERE / "fixtures" / "math-deck.yaml"
BIN = Path(sys.executable).parent
ROOT = ".recall-embedded"


def embed(out: Path, *options: str) -> str:
    """Run the real command line; the fragment it wrote."""
    command = [str(BIN / "recall-widgets"), "embed", str(DECK), "-o", str(out), *options]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    return out.read_text(encoding="utf-8")


def sphinx_site(root: Path) -> Path:
    """A Sphinx project whose page includes the fragment with ``.. raw:: html``."""
    source = root / "sphinx"
    source.mkdir()
    embed(source / "_static_quiz.html")
    (source / "conf.py").write_text('project = "Embed test"\nhtml_theme = "alabaster"\n')
    (source / "index.rst").write_text(
        textwrap.dedent(
            """\
            Circles
            =======

            Text of the page before the widgets.

            .. raw:: html
               :file: _static_quiz.html

            Text after them.
            """
        )
    )
    out = root / "sphinx-html"
    command = [str(BIN / "sphinx-build"), "-q", "-b", "html", str(source), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


def mkdocs_site(root: Path) -> Path:
    """A MkDocs project whose page has the fragment pasted into its Markdown."""
    project = root / "mkdocs"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Embed test\ntheme:\n  name: mkdocs\n  highlightjs: false\n"
    )
    fragment = embed(root / "mkdocs-quiz.html")
    (project / "docs" / "index.md").write_text(
        f"# Circles\n\nText of the page before the widgets.\n\n{fragment}\nText after them.\n"
    )
    out = root / "mkdocs-html"
    command = [
        str(BIN / "mkdocs"),
        "build",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(out),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


SITES: dict[str, Callable[[Path], Path]] = {"sphinx": sphinx_site, "mkdocs": mkdocs_site}


def assert_axe_clean(page: Any, state: str) -> None:
    results = Axe().run(page, context=ROOT)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


def drive(page: Any) -> None:
    """Flip and rate a card, answer the quiz wrong then right: all with no kernel."""
    cards = page.locator(f"{ROOT} .recall-flashcards")
    expect(cards.locator(".recall-card-front")).to_contain_text("What is the area of a circle")
    expect(cards.locator(".recall-card-front math")).to_have_count(1)
    cards.get_by_role("button", name="Show answer").click()
    back_math = cards.locator(".recall-card-back math")
    expect(back_math).to_have_attribute("display", "block")
    cards.get_by_role("button", name=re.compile(r"\bGood$")).click()
    expect(cards.locator(".recall-position")).to_have_text("2 / 2")

    quiz = page.locator(f"{ROOT} .recall-quiz")
    feedback = quiz.locator(".recall-feedback")
    expect(quiz.locator(".recall-question-prompt math, .recall-prompt math").first).to_be_visible()
    area = page.locator("msup")  # the wrong choice, pi r^2 (choices are shuffled)
    quiz.locator("fieldset label", has=area).click()
    quiz.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("That is its area.")
    quiz.get_by_role("button", name="Try again").click()
    quiz.locator("fieldset label").filter(has_not=area).click()
    quiz.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✓ Correct")
    expect(feedback.locator("math").first).to_be_visible()


def assert_mathml(page: Any) -> None:
    """Math is real MathML (the browser's namespace, laid out), never raw dollars."""
    facts = page.evaluate(
        """(root) => {
            const maths = [...document.querySelectorAll(root + ' math')];
            return {
                count: maths.length,
                namespaces: [...new Set(maths.map((m) => m.namespaceURI))],
                laidOut: maths.every((m) => m.getBoundingClientRect().width > 0 ||
                    m.closest('[hidden], .recall-hidden') !== null ||
                    getComputedStyle(m).display === 'none' || m.offsetParent === null),
                text: document.querySelector(root).innerText,
            };
        }""",
        ROOT,
    )
    assert facts["count"] >= 3, facts
    assert facts["namespaces"] == ["http://www.w3.org/1998/Math/MathML"], facts
    assert facts["laidOut"], facts
    assert "$" not in facts["text"], facts["text"]


@pytest.mark.parametrize("name", sorted(SITES))
def test_embedded_widgets_work_in_a_real_site_offline(
    name: str, tmp_path: Path, browser_context: Any, screenshot_dir: Path
) -> None:
    site = SITES[name](tmp_path)
    with (
        static_server(site) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.emulate_media(color_scheme="light")
        page.goto(f"{url}/index.html")
        expect(page.get_by_text("Text of the page before the widgets.")).to_be_visible()
        expect(
            page.locator(f"{ROOT} .recall-widget, {ROOT} .recall-runtime-widget").first
        ).to_be_visible()
        assert_mathml(page)
        assert_axe_clean(page, f"{name}, light, before answering")
        drive(page)
        assert_axe_clean(page, f"{name}, light, answered")
        page.locator(ROOT).scroll_into_view_if_needed()
        page.locator(ROOT).screenshot(path=str(screenshot_dir / f"embed-{name}-light.png"))
        page.emulate_media(color_scheme="dark")
        page.reload()
        expect(page.locator(f"{ROOT} .recall-quiz")).to_be_visible()
        assert_axe_clean(page, f"{name}, dark")
        page.locator(ROOT).screenshot(path=str(screenshot_dir / f"embed-{name}-dark.png"))
        assert watched.errors == [], watched.errors
        assert watched.blocked == [], f"tried to reach outside: {watched.blocked}"
        assert watched.outside() == [], watched.outside()


def test_an_embedded_page_works_from_a_file(tmp_path: Path, browser_context: Any) -> None:
    out = tmp_path / "circles.html"
    embed(out, "--page", "--section", "circles")
    with watched_page(browser_context, tmp_path.as_uri() + "/", block=True) as watched:
        page = watched.page
        page.goto(out.as_uri())
        expect(page.get_by_role("heading", level=1)).to_have_text("Circles and sums")
        expect(page.locator(f"{ROOT} .recall-card-front")).to_contain_text("area of a circle")
        expect(page.locator(f"{ROOT} .recall-position").first).to_have_text("1 / 1")
        assert_mathml(page)
        assert watched.errors == [] and watched.blocked == [], (watched.errors, watched.blocked)
