"""The cart exercise of lesson 1 in JupyterLab with a real kernel, keyboard only: Check fails the
starter code with the sub-check that names the mistake, hints come one at a time, the learner
fixes the cell and Check passes, the solution shows on request; axe; screenshots light and dark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import settle, use_theme
from playwright.sync_api import Page, expect

from recall_widgets import load_deck

pytestmark = [pytest.mark.browser, pytest.mark.course, pytest.mark.timeout(240)]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/01-what-is-a-session.ipynb"
ROOT = ".recall-exercise"
TIMEOUT = 20_000  # ms: a check runs in the kernel (a few test-client requests)
EXERCISE = next(
    e
    for e in load_deck(REPO / "content" / "flask-sessions.yaml").exercises
    if e.id == "cart-that-forgets"
)


def assert_axe_clean(page: Page, state: str) -> None:
    results = Axe().run(page, context=ROOT)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


def press(page: Page, button: Any, key: str = "Enter") -> None:
    """Operate ``button`` with the keyboard: focus it, press ``key``."""
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press(key)


def test_exercise_fails_then_passes_after_editing_the_cell_keyboard_only(
    open_notebook: Any, screenshot_dir: Path
) -> None:
    nb = open_notebook(NOTEBOOK)
    page = nb.page
    page.set_viewport_size({"width": 1000, "height": 1300})
    nb.run_all(expect=ROOT)
    root = page.locator(ROOT)
    root.scroll_into_view_if_needed()
    expect(root.get_by_role("heading", name="The cart that forgets")).to_be_visible()
    check = root.get_by_role("button", name="Check", exact=True)
    result = root.locator(".recall-exercise-result")
    missing = root.evaluate(
        """(root) => [...root.querySelectorAll("button, input, select, textarea, [tabindex]")]
            .filter((el) => el.getAttribute("data-lm-suppress-shortcuts") !== "true"
                            && el.tabIndex >= 0)
            .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert not missing, f"focusable without data-lm-suppress-shortcuts: {missing}"
    structure = nb.structure()

    # The starter code, as the lesson stores it: Check fails, naming the mistake.
    press(page, check)
    expect(result).to_contain_text("2 of 6 checks failed", timeout=TIMEOUT)
    failed = result.locator(".recall-exercise-subcheck.recall-failed")
    expect(failed).to_have_count(2)
    expect(failed.first).to_contain_text("every item added stays in the cart")
    expect(failed.first).to_contain_text(
        "/cart returned ['apple'], expected ['apple', 'pear', 'plum']: appending to "
        "session['cart'] in place"
    )
    expect(result.locator(".recall-exercise-subcheck.recall-passed")).to_have_count(4)
    expect(result).to_have_attribute("role", "status")
    assert nb.structure() == structure, "a key in the widget changed the notebook"

    # Hints one at a time, with the keyboard.
    hints = root.locator(".recall-exercise-hint-list > li")
    expect(hints).to_have_count(0)
    hint_button = root.get_by_role("button", name="Show hint 1 of 3")
    press(page, hint_button)
    expect(hints).to_have_count(1)
    expect(hints.first).to_contain_text("Run the check first")
    press(page, root.get_by_role("button", name="Show hint 2 of 3"), key="Space")
    expect(hints).to_have_count(2)
    expect(hints.nth(1)).to_contain_text("not changes inside a value it holds")
    expect(root.get_by_role("button", name="Show hint 3 of 3")).to_be_visible()
    assert_axe_clean(page, "failed, two hints")
    settle(page)
    root.screenshot(path=str(screenshot_dir / "exercise-failed-light.png"), animations="disabled")

    # Fix the learner's cell, run it, Check again: passed.
    learner = next(i for i, (kind, source) in enumerate(nb.layout) if "fix this view" in source)
    editor = nb.cells.nth(learner).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(EXERCISE.solution)
    nb.run_cell(learner)
    press(page, check)
    expect(result).to_contain_text("Passed: all 6 checks", timeout=TIMEOUT)
    expect(result.locator(".recall-exercise-subcheck.recall-failed")).to_have_count(0)
    expect(root.locator(".recall-exercise-stuck")).to_have_count(0)

    # The solution on request.
    solution = root.locator(".recall-exercise-solution")
    expect(solution).to_be_hidden()
    press(page, root.get_by_role("button", name="Show solution"))
    expect(solution).to_be_visible()
    expect(solution).to_contain_text('session["cart"] = session.get("cart", []) + [item]')
    expect(solution).to_be_focused()
    assert_axe_clean(page, "passed, solution shown")
    root.scroll_into_view_if_needed()
    settle(page)
    root.screenshot(path=str(screenshot_dir / "exercise-passed-light.png"), animations="disabled")
    try:
        use_theme(page, "JupyterLab Dark")
        root.scroll_into_view_if_needed()
        settle(page)
        assert_axe_clean(page, "dark")
        root.screenshot(
            path=str(screenshot_dir / "exercise-passed-dark.png"), animations="disabled"
        )
    finally:
        use_theme(page, "JupyterLab Light")  # the theme is a user setting: leave it as found
