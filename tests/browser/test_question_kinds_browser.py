"""Every kind of question in real JupyterLab: answered by keyboard only, axe-clean in every
state, screenshots light and dark; and a quiz that remembers across a kernel restart.

The deck is ``fixtures/kinds-deck.yaml`` (a choice question whose prompt holds a wide code
block, then numeric, text, order and predict; its predict output generated beside it). The
notebooks are written into the server's root by each test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pages import settle, use_theme
from playwright.sync_api import Locator, Page, expect
from test_widgets_browser import KeyChecker, assert_axe_clean, collapse_left_sidebar, shoot

from conftest import FIXTURES, write_notebook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

MARKER = "KINDS-JSON:"
KINDS = ["k-choice", "k-numeric", "k-text", "k-order", "k-predict"]


def kinds_notebook(store: str) -> list[tuple[str, str]]:
    return [
        ("markdown", "# Every kind of question"),
        (
            "code",
            "from recall_widgets import Quiz\n"
            f"quiz = Quiz('kinds-deck.yaml', shuffle_choices=False, progress={store!r})",
        ),
        ("code", "quiz"),
        (
            "code",
            f"import json\nprint({MARKER!r} + json.dumps({{'answers': quiz.answers, "
            "'events': quiz.events, 'earlier': quiz.earlier}))",
        ),
    ]


def kernel_says(nb: Any) -> dict[str, Any]:
    text = nb.run_cell(nb.cells.count() - 1)
    line = next(line for line in text.splitlines() if line.startswith(MARKER))
    said: dict[str, Any] = json.loads(line[len(MARKER) :])
    return said


def focus_by_keys(keys: KeyChecker, selector: str, *, limit: int = 30) -> None:
    """Tab, or Shift+Tab when ``selector`` comes before the focus, until the focused element
    matches it; the notebook is checked unchanged after each press."""
    page = keys.nb.page
    where = f"""() => {{
        const active = document.activeElement;
        if (active && active.matches({selector!r})) return "here";
        const target = document.querySelector({selector!r});
        if (!target || !active) return "Tab";
        return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING
            ? "Shift+Tab" : "Tab";
    }}"""
    for _ in range(limit):
        key = page.evaluate(where)
        if key == "here":
            return
        keys.press(key)
    assert page.evaluate(where) == "here", f"{selector} not reached with Tab"


def next_question(keys: KeyChecker, quiz: Locator, position: str) -> None:
    focus_by_keys(keys, ".recall-quiz .recall-next")
    keys.press("Enter")
    expect(quiz.locator(".recall-position")).to_have_text(position)


def order_rows(quiz: Locator) -> list[int]:
    return [
        int(n)
        for n in quiz.locator(".recall-order-list:not(.recall-order-unused) > li").evaluate_all(
            "(rows) => rows.map((r) => r.dataset.line)"
        )
    ]


def answer_every_kind_by_keyboard(nb: Any) -> Locator:
    """Answer each question, wrong first where the kind has feedback, with keys only."""
    page = nb.page
    quiz = page.locator(".recall-quiz")
    feedback = quiz.locator(".recall-feedback")
    keys = KeyChecker(nb, quiz)
    quiz.get_by_role("radio").first.focus()  # the one step that is not a key: enter the widget

    # Choice: the prompt's wide code block stays inside the frame (it scrolls).
    frame = quiz.locator("fieldset").bounding_box()
    code = quiz.locator("legend pre").bounding_box()
    assert frame and code and code["x"] + code["width"] <= frame["x"] + frame["width"] + 0.5
    assert_axe_clean(page, ".recall-quiz", "choice with a code block")
    keys.press("Space")
    keys.press("Enter")
    expect(feedback).to_contain_text("✓ Correct")

    # Numeric: a common wrong value gets its feedback and the right answer, then right.
    next_question(keys, quiz, "2 / 5")
    field = quiz.get_by_role("textbox", name="Your answer (a number)")
    expect(field).to_be_visible()
    assert_axe_clean(page, ".recall-quiz", "numeric")
    focus_by_keys(keys, ".recall-answer-input")
    page.keyboard.type("30")
    keys.press("Enter")
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("A month and a day, not 30 days.")
    expect(feedback).to_contain_text("The right answer: 31")
    assert_axe_clean(page, ".recall-quiz", "numeric, wrong")
    focus_by_keys(keys, ".recall-retry")
    keys.press("Enter")
    expect(feedback).to_have_text("")
    page.keyboard.press("Control+a")
    page.keyboard.type("31")
    keys.press("Enter")
    expect(feedback).to_contain_text("✓ Correct")

    # Text: a typo within the fuzzy threshold counts, with the case ignored.
    next_question(keys, quiz, "3 / 5")
    focus_by_keys(keys, ".recall-answer-input")
    page.keyboard.type("CSRF_tokn")
    keys.press("Enter")
    expect(feedback).to_contain_text("✓ Correct")
    assert_axe_clean(page, ".recall-quiz", "text, right")

    # Order: checked as shuffled (wrong, lines named), then put right with Alt+↑ and buttons.
    next_question(keys, quiz, "4 / 5")
    expect(quiz.locator(".recall-order-line")).to_have_count(4)
    assert_axe_clean(page, ".recall-quiz", "order")
    assert order_rows(quiz) != [0, 1, 2]
    focus_by_keys(keys, ".recall-check")
    keys.press("Enter")
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("Not in place: lines")
    expect(quiz.locator(".recall-order-tag", has_text="Does not belong")).to_have_count(1)
    assert_axe_clean(page, ".recall-quiz", "order, wrong")
    focus_by_keys(keys, ".recall-retry")
    keys.press("Enter")
    for target in range(3):
        focus_by_keys(keys, f".recall-order-line[data-line='{target}'] button")
        while order_rows(quiz).index(target) > target:
            keys.press("Alt+ArrowUp")
    assert order_rows(quiz)[:3] == [0, 1, 2]
    focus_by_keys(keys, ".recall-order-line[data-line='3'] .recall-order-out")
    keys.press("Enter")
    expect(quiz.locator(".recall-order-unused > li")).to_have_count(1)
    assert order_rows(quiz) == [0, 1, 2]
    focus_by_keys(keys, ".recall-check")
    keys.press("Enter")
    expect(feedback).to_contain_text("✓ Correct")
    expect(quiz.locator(".recall-order-tag", has_text="In place")).to_have_count(3)

    # Predict: type the output over two lines; Ctrl+Enter checks (not the notebook's run).
    next_question(keys, quiz, "5 / 5")
    expect(quiz.locator(".recall-predict-code pre")).to_contain_text('for word in ["session"')
    assert_axe_clean(page, ".recall-quiz", "predict")
    focus_by_keys(keys, "textarea.recall-answer-input")
    page.keyboard.type("SESSION\nCookie")
    keys.press("Control+Enter")
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback.locator(".recall-predict-printed-text")).to_have_text("SESSION\nCOOKIE\n")
    assert_axe_clean(page, ".recall-quiz", "predict, wrong")
    expect(quiz.locator(".recall-score")).to_have_text("Score: 2/5 (first attempts)")
    return quiz


def test_every_kind_answered_by_keyboard_only(
    open_notebook: Any, lab_server: Any, screenshot_dir: Path
) -> None:
    write_notebook(lab_server.root / "kinds.ipynb", kinds_notebook("kinds-keys.sqlite3"))
    nb = open_notebook("kinds.ipynb")
    page = nb.page
    collapse_left_sidebar(page)
    nb.run_all(expect=".recall-quiz")
    quiz = answer_every_kind_by_keyboard(nb)

    said = kernel_says(nb)
    answers = said["answers"]
    assert {k: a["correct"] for k, a in answers.items()} == {
        "k-choice": True, "k-numeric": False, "k-text": True, "k-order": False,
        "k-predict": False,
    }  # fmt: skip
    assert answers["k-numeric"]["first"] == 30 and answers["k-numeric"]["last"] == 31
    values = {e["item"]: e["value"] for e in said["events"] if e["kind"] == "answer"}
    assert values["k-numeric"] == {"value": 31, "correct": True}  # the latest, re-decided
    assert values["k-order"] == {"order": [0, 1, 2], "correct": True}
    assert values["k-text"] == {"text": "CSRF_tokn", "correct": True}

    # Each kind's answered state, light and dark, axe in both.
    try:
        for theme, suffix in (("JupyterLab Light", "light"), ("JupyterLab Dark", "dark")):
            use_theme(page, theme)
            for position, kind in enumerate(KINDS, start=1):
                while quiz.locator(".recall-position").inner_text() != f"{position} / 5":
                    here = int(quiz.locator(".recall-position").inner_text().split()[0])
                    quiz.locator(".recall-prev" if here > position else ".recall-next").click()
                settle(page)
                shoot(page, ".recall-quiz", screenshot_dir / f"quiz-{kind}-{suffix}.png")
                assert_axe_clean(page, ".recall-quiz", f"{kind} answered, {suffix}")
    finally:
        use_theme(page, "JupyterLab Light")


def restart_kernel(nb: Any) -> None:
    page: Page = nb.page
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Kernel$")).click()
    page.locator('.lm-Menu-item[data-command="kernelmenu:restart"]').click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    nb.wait_idle()


def test_a_quiz_remembers_across_a_kernel_restart_and_starts_over(
    open_notebook: Any, lab_server: Any
) -> None:
    store = "kinds-memory.sqlite3"
    write_notebook(lab_server.root / "kinds-memory.ipynb", kinds_notebook(store))
    assert not (lab_server.root / store).exists()
    nb = open_notebook("kinds-memory.ipynb")
    page = nb.page
    nb.run_all(expect=".recall-quiz")
    quiz = page.locator(".recall-quiz")
    assert not (lab_server.root / store).exists()  # shown, not yet answered: no store
    quiz.get_by_role("radio").first.check()
    quiz.get_by_role("button", name="Check").click()
    quiz.get_by_role("button", name="Next").click()
    quiz.get_by_role("textbox", name="Your answer (a number)").fill("30")
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".recall-feedback")).to_contain_text("✗ Incorrect")
    assert kernel_says(nb)["answers"]["k-numeric"]["correct"] is False  # recorded

    restart_kernel(nb)
    nb.run_all(expect=".recall-quiz")
    quiz = page.locator(".recall-quiz")
    memory = quiz.locator(".recall-memory")
    expect(memory).to_contain_text("Your earlier answers are shown (2 from your saved progress).")
    expect(quiz.locator(".recall-score")).to_have_text("Score: 1/2 (first attempts)")
    expect(quiz.locator(".recall-feedback")).to_contain_text("✓ Correct")  # question 1
    quiz.get_by_role("button", name="Next").click()
    expect(quiz.get_by_role("textbox", name="Your answer (a number)")).to_have_value("30")
    expect(quiz.locator(".recall-feedback")).to_contain_text("A month and a day")
    assert_axe_clean(page, ".recall-quiz", "remembered")
    said = kernel_says(nb)
    assert said["answers"] == {} and len(said["earlier"]) == 2  # Python's own view: this run

    # Start over, by keyboard: asked first, then the earlier answers are gone, here and stored.
    memory.get_by_role("button", name="Start over").focus()
    page.keyboard.press("Enter")
    expect(memory.get_by_role("button", name="Forget and start over")).to_be_visible()
    assert_axe_clean(page, ".recall-quiz", "start over asked")
    page.keyboard.press("Shift+Tab")  # from Cancel to the confirmation
    page.keyboard.press("Enter")
    expect(memory).to_be_hidden()
    expect(quiz.locator(".recall-score")).to_have_text("Score: 0/0 (first attempts)")
    expect(quiz.get_by_role("textbox", name="Your answer (a number)")).to_have_value("")
    said = kernel_says(nb)
    assert said["earlier"] == []
    restart_kernel(nb)
    nb.run_all(expect=".recall-quiz")
    expect(page.locator(".recall-quiz .recall-memory")).to_be_hidden()


class StaticPage:
    """A static page as KeyChecker sees it: no notebook cells to change."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def structure(self) -> list[tuple[str, str]]:
        return [("static page", "")]


def test_every_kind_on_a_static_page_with_the_network_blocked(
    browser_context: Any, tmp_path: Path, screenshot_dir: Path
) -> None:
    from servers import static_server
    from test_static_site_browser import assert_clean, watched_page

    from recall_widgets.publishing.site import export_site

    src = tmp_path / "src"
    src.mkdir()
    for name in ("kinds-deck.yaml", "kinds-deck.outputs.json"):
        (src / name).write_bytes((FIXTURES / name).read_bytes())
    cells = [
        ("markdown", "# Every kind, no kernel"),
        ("code", "from recall_widgets import Quiz\nQuiz('kinds-deck.yaml', shuffle_choices=False)"),
    ]
    write_notebook(src / "kinds.ipynb", cells, display_name="Python 3")
    out = tmp_path / "site"
    export_site([src / "kinds.ipynb"], out, log=lambda _line: None)
    with (
        static_server(out) as url,
        watched_page(browser_context, url + "/", block=True) as watched,
    ):
        page = watched.page
        page.goto(f"{url}/kinds.html")
        expect(page.locator(".recall-quiz fieldset")).to_be_visible()
        expect(page.locator(".recall-quiz .recall-memory")).to_be_hidden()  # nothing remembered
        answer_every_kind_by_keyboard(StaticPage(page))
        shoot(page, ".recall-quiz", screenshot_dir / "quiz-kinds-static.png")
        assert_clean(watched)
