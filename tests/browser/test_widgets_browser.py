"""The widgets in real JupyterLab, in headless Chromium: keyboard, events, a11y, XSS, screenshots.

See ``conftest.py`` for how to run these and what the fixtures do. Each test opens its own
generated notebook (a fresh kernel) and runs it; the notebooks and the decks they load live in
``conftest.NOTEBOOKS`` and ``fixtures/``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from pages import settle, use_theme
from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:  # conftest is not imported at run time: a root conftest.py has the same name
    from conftest import NotebookPage

pytestmark = [pytest.mark.browser, pytest.mark.timeout(150)]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOTS = ".recall-flashcards, .recall-quiz, .recall-recall-prompt"
TIMEOUT = 15_000  # ms, for anything the widget itself does (no kernel round trip)
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


# ----------------------------------------------------------------------------------------------
# Helpers


class KeyChecker:
    """Press keys in a widget and assert, after each, that the notebook itself did not change.

    In command mode JupyterLab turns ``1``-``6`` into headings, ``y``/``m`` change cell types,
    ``a``/``b`` add cells, Enter starts editing: a key the widget fails to keep changes the
    notebook's cells, or moves the focus out of the widget.
    """

    def __init__(self, nb: NotebookPage, root: Locator) -> None:
        self.nb = nb
        self.root = root
        self.structure = nb.structure()
        assert self.structure, "no cells found"

    def press(self, key: str) -> None:
        self.nb.page.keyboard.press(key)
        settle(self.nb.page)
        self.assert_unchanged(f"after {key!r}")

    def assert_unchanged(self, when: str) -> None:
        assert self.nb.structure() == self.structure, f"the notebook changed {when}"
        inside = self.root.evaluate("(root) => root.contains(document.activeElement)")
        assert inside, f"the focus left the widget {when}"


def active_text(page: Page) -> str:
    """The text of the focused element (of its label, for an input), whitespace collapsed."""
    text = page.evaluate(
        """() => {
            const el = document.activeElement;
            return ((el && (el.closest("label") || el).innerText) || "").trim();
        }"""
    )
    return " ".join(text.split())


def tab_to(keys: KeyChecker, text: str, *, backwards: bool = False, limit: int = 12) -> None:
    """Press Tab (or Shift+Tab) until the focused control reads ``text``; check each press."""
    for _ in range(limit):
        if active_text(keys.nb.page) == text:
            return
        keys.press("Shift+Tab" if backwards else "Tab")
    assert active_text(keys.nb.page) == text, f"{text!r} not reached with Tab"


def choose_radio(keys: KeyChecker, labels: list[str], text: str) -> None:
    """From the first radio of a group (focused, none checked), select ``text`` by keyboard."""
    assert active_text(keys.nb.page) == labels[0], "the focus should be on the first choice"
    index = labels.index(text)
    if index == 0:
        keys.press("Space")
    for _ in range(index):
        keys.press("ArrowDown")  # moves to the next radio and checks it
    assert active_text(keys.nb.page) == text


def assert_shortcuts_suppressed(root: Locator) -> None:
    """Every focusable element of the widget opts out of JupyterLab's shortcuts itself."""
    missing = root.evaluate(
        """(root) => [root, ...root.querySelectorAll("button, input, select, textarea, a[href],"
                + " [tabindex]")]
            .filter((el) => el.matches("button, input, select, textarea, a[href], [tabindex]"))
            .filter((el) => el.getAttribute("data-lm-suppress-shortcuts") !== "true")
            .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert not missing, f"focusable without data-lm-suppress-shortcuts: {missing}"


def assert_axe_clean(page: Page, selector: str, state: str) -> None:
    """axe-core on the elements matching ``selector``: no serious or critical violation."""
    results = Axe().run(page, context=selector)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"axe found serious/critical violations in {selector} ({state}):\n{report}"


def events_of(events: list[dict[str, Any]], deck: str) -> list[tuple[str, str, Any]]:
    """(kind, item, value) of each event, after checking the fields every event must have."""
    for i, event in enumerate(events, start=1):
        assert set(event) >= {"deck", "item", "kind", "value", "seq", "time"}, event
        assert event["deck"] == deck, event
        assert event["seq"] == i, f"seq should count 1, 2, 3…: {events}"
        assert ISO_UTC.match(event["time"]), event
    return [(e["kind"], e["item"], e["value"]) for e in events]


# ----------------------------------------------------------------------------------------------
# Flashcards


def test_flashcards_mouse_and_keyboard(open_notebook: Any) -> None:
    """Flip with the mouse and with Space/Enter, move with arrows, rate with 1-4; events sync."""
    nb = open_notebook("flashcards.ipynb")
    nb.run_all(expect=".recall-flashcards")
    page = nb.page
    root = page.locator(".recall-flashcards")
    position = root.locator(".recall-position")
    front = root.locator(".recall-card-front")
    back = root.locator(".recall-card-back")
    expect(position).to_have_text("1 / 3")
    expect(front).to_contain_text("What is the capital of France?")
    expect(back).to_be_hidden()
    expect(root.locator(".recall-level")).to_have_text("beginner")
    expect(root.locator("button", has_text="Again")).to_be_hidden()  # until the flip
    assert_shortcuts_suppressed(root)
    assert_axe_clean(page, ".recall-flashcards", "front")

    keys = KeyChecker(nb, root)
    # The mouse: "Show answer" shows the back and the four ratings.
    root.get_by_role("button", name="Show answer").click()
    expect(back).to_have_text("Paris")
    expect(front).to_be_hidden()
    for name in ("Again", "Hard", "Good", "Easy"):
        expect(root.get_by_role("button", name=re.compile(rf"\b{name}$"))).to_be_visible()
    assert_axe_clean(page, ".recall-flashcards", "back")
    keys.assert_unchanged("after the click")

    # 3 rates "Good" and moves on (the focus is on the flip button the mouse clicked).
    keys.press("3")
    expect(position).to_have_text("2 / 3")
    expect(front).to_contain_text("Which river flows through Vienna?")

    # The keyboard on the widget itself: Space and Enter flip, arrows move, 1 rates "Again".
    root.focus()
    keys.press("Space")
    expect(back).to_have_text("The Danube")
    keys.press("Enter")
    expect(front).to_be_visible()
    expect(back).to_be_hidden()
    keys.press("ArrowRight")
    expect(position).to_have_text("3 / 3")
    expect(root.locator(".recall-level")).to_have_text("advanced")
    keys.press("ArrowLeft")
    expect(position).to_have_text("2 / 3")
    keys.press("ArrowLeft")
    expect(position).to_have_text("1 / 3")
    keys.press("ArrowRight")
    expect(position).to_have_text("2 / 3")
    keys.press("Space")
    expect(back).to_have_text("The Danube")
    keys.press("1")
    expect(position).to_have_text("3 / 3")
    expect(front).to_contain_text("highest mountain in the Alps")

    # The level menu, by keyboard too: arrows in a <select> must not reach the notebook.
    level_menu = root.get_by_role("combobox")
    keys.press("Tab")  # from the widget root to its first control, the menu
    expect(level_menu).to_be_focused()
    for _ in range(3):
        keys.press("ArrowDown")
    expect(level_menu).to_have_value("advanced")
    expect(position).to_have_text("1 / 1")
    for _ in range(3):
        keys.press("ArrowUp")
    expect(level_menu).to_have_value("")
    expect(position).to_have_text(re.compile(r"^[123] / 3$"))  # all three cards again

    events, _text = nb.events()
    assert events_of(events["cards"], "browser-test") == [
        ("flip", "card-capital", True),
        ("rate", "card-capital", "good"),
        ("flip", "card-river", True),
        ("flip", "card-river", False),
        ("flip", "card-river", True),
        ("rate", "card-river", "again"),
    ]
    assert events["ratings"] == {"card-capital": "good", "card-river": "again"}

    # The notebook check can fail: the same key on a selected cell in command mode is taken by
    # JupyterLab ("y" turns the markdown cell into a code cell).
    nb.cells.first.locator(".jp-InputPrompt").click()
    page.keyboard.press("y")
    settle(page)
    assert nb.structure() != keys.structure, "the notebook check cannot see a stolen key"


# ----------------------------------------------------------------------------------------------
# Quiz


def test_quiz_keyboard_only(open_notebook: Any) -> None:
    """Single and multiple choice, right and wrong, with Tab/arrows/Space/Enter only."""
    nb = open_notebook("quiz.ipynb")
    nb.run_all(expect=".recall-quiz")
    page = nb.page
    quiz = page.locator(".recall-quiz")
    feedback = quiz.locator(".recall-feedback")
    score = quiz.locator(".recall-score")
    expect(feedback).to_have_attribute("aria-live", "polite")
    expect(quiz.locator(".recall-position")).to_have_text("1 / 2")
    expect(quiz.locator("fieldset > legend")).to_contain_text("Which planet is closest to the Sun?")
    expect(quiz.get_by_role("radio")).to_have_count(3)
    expect(quiz.get_by_role("checkbox")).to_have_count(0)
    assert_axe_clean(page, ".recall-quiz", "single choice")
    assert_shortcuts_suppressed(quiz)
    labels = [" ".join(t.split()) for t in quiz.locator("fieldset label").all_inner_texts()]
    assert sorted(labels) == ["Mars", "Mercury", "Venus"]
    keys = KeyChecker(nb, quiz)

    # Single choice, wrong: arrows select, Tab to "Check", Enter.
    quiz.get_by_role("radio").first.focus()  # the one step that is not a key: enter the widget
    choose_radio(keys, labels, "Venus")
    keys.press("Tab")
    assert active_text(page) == "Check"
    keys.press("Enter")
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("The order is Mercury, Venus, Earth, Mars.")
    expect(feedback).to_contain_text("Venus is the second planet.")
    expect(score).to_have_text("Score: 0/1 (first attempts)")
    assert_axe_clean(page, ".recall-quiz", "feedback")

    # Try again (practice), right this time: Enter on the radio checks the answer.
    tab_to(keys, "Try again")
    keys.press("Space")
    expect(feedback).to_have_text("")
    expect(quiz.locator("input:checked")).to_have_count(0)
    choose_radio(keys, labels, "Mercury")
    keys.press("Enter")
    expect(feedback).to_contain_text("✓ Correct")
    expect(feedback).to_contain_text("Mercury orbits closest to the Sun.")
    expect(score).to_have_text("Score: 0/1 (first attempts)")  # the first attempt counts

    tab_to(keys, "Next")
    keys.press("Enter")
    expect(quiz.locator(".recall-position")).to_have_text("2 / 2")
    expect(quiz.locator("fieldset > legend")).to_contain_text("Which of these numbers are prime?")
    expect(quiz.get_by_role("checkbox")).to_have_count(4)
    expect(quiz.get_by_role("radio")).to_have_count(0)
    expect(quiz).to_contain_text("Select all that apply")

    # Multiple choice, right at the first attempt: Space ticks, Tab to "Check", Space.
    tab_to(keys, "9", backwards=True)  # the last checkbox, coming back from "Next"
    for text in ("2", "7"):
        tab_to(keys, text, backwards=True)
        keys.press("Space")
    expect(quiz.locator("input:checked")).to_have_count(2)
    tab_to(keys, "Check")
    keys.press("Space")
    expect(feedback).to_contain_text("✓ Correct")
    expect(feedback).to_contain_text("Two is the only even prime.")
    expect(feedback).to_contain_text("Seven has no divisors but 1 and itself.")
    expect(score).to_have_text("Score: 1/2 (first attempts)")

    # Then wrong on a retry (only "2"): practice, the score keeps the first attempt.
    tab_to(keys, "Try again")
    keys.press("Enter")
    expect(quiz.locator("input:checked")).to_have_count(0)
    tab_to(keys, "2")
    keys.press("Space")
    keys.press("Enter")
    expect(feedback).to_contain_text("✗ Incorrect")
    expect(feedback).to_contain_text("A prime has exactly two divisors, 1 and itself.")
    expect(score).to_have_text("Score: 1/2 (first attempts)")
    expect(quiz.locator(".recall-quiz-summary")).to_contain_text("1/2 correct")
    expect(quiz.locator(".recall-quiz-summary")).to_contain_text(
        "review: Which planet is closest to the Sun?"
    )
    assert_axe_clean(page, ".recall-quiz", "multiple choice with summary")

    events, _text = nb.events()
    assert events_of(events["quiz"], "browser-test") == [
        ("answer", "q-single", {"choices": [0], "correct": False}),  # indexes in YAML order
        ("retry", "q-single", None),
        ("answer", "q-single", {"choices": [1], "correct": True}),
        ("answer", "q-multi", {"choices": [0, 2], "correct": True}),
        ("retry", "q-multi", None),
        ("answer", "q-multi", {"choices": [0], "correct": False}),
    ]
    assert events["answers"]["q-single"]["correct"] is False
    assert events["answers"]["q-multi"]["correct"] is True
    assert events["score"] == [1, 2, 2]


# ----------------------------------------------------------------------------------------------
# RecallPrompt


def test_recall_prompt_complete(open_notebook: Any) -> None:
    """Type an answer, show the hint, compare, tick 3 of 4 concepts: "You got 3/4 concepts"."""
    nb = open_notebook("recall_prompt.ipynb")
    nb.run_all(expect=".recall-recall-prompt")
    page = nb.page
    prompt = page.locator(".recall-recall-prompt")
    result = prompt.locator(".recall-result")
    expect(prompt).to_contain_text("Explain photosynthesis in your own words.")
    expect(result).to_have_attribute("aria-live", "polite")
    hint = prompt.locator(".recall-hint")
    expect(hint).to_be_hidden()
    expect(prompt.locator("input[type=checkbox]")).to_have_count(4)
    expect(prompt.locator("input[type=checkbox]").first).to_be_hidden()
    assert_axe_clean(page, ".recall-recall-prompt", "fresh")
    assert_shortcuts_suppressed(prompt)

    answer = prompt.get_by_role("textbox", name="Your answer")
    answer.click()
    keys = KeyChecker(nb, prompt)
    # Keys JupyterLab uses in command mode (1, a, b, m, y, d d…) are just text here.
    typed = "Leaves use light; take in CO2 (1 a b m y dd)."
    page.keyboard.type(typed)
    settle(page)
    keys.assert_unchanged("after typing")
    expect(answer).to_have_value(typed)

    tab_to(keys, "Show hint")
    keys.press("Enter")
    expect(hint).to_have_text("Think about what a leaf takes in and gives off.")
    tab_to(keys, "Compare with the key concepts")
    keys.press("Space")
    boxes = prompt.get_by_role("checkbox")
    expect(boxes.first).to_be_visible()
    assert active_text(page) == "Light energy is captured"
    keys.press("Space")  # every tick updates the result at once (and records an event)
    expect(result).to_contain_text("You got 1/4 concepts")
    keys.press("Tab")
    keys.press("Space")
    expect(result).to_contain_text("You got 2/4 concepts")
    prompt.locator(".recall-concept", has_text="Oxygen and sugar are produced").click()  # mouse
    expect(prompt.locator("input:checked")).to_have_count(3)
    expect(result).to_contain_text("You got 3/4 concepts")
    expect(result).to_contain_text("Water is split")  # the missed one is listed
    expect(result).not_to_contain_text("Carbon dioxide is taken in")
    assert_axe_clean(page, ".recall-recall-prompt", "result")

    events, _text = nb.events()
    item = "p-photosynthesis"
    assert events_of(events["prompt"], "browser-test") == [
        ("recall_text", item, typed),
        ("hint", item, True),
        ("concepts", item, {"checked": [0], "total": 4}),
        ("concepts", item, {"checked": [0, 1], "total": 4}),
        ("concepts", item, {"checked": [0, 1, 3], "total": 4}),
    ]
    assert events["checked"] == {"p-photosynthesis": [0, 1, 3]}


# ----------------------------------------------------------------------------------------------
# XSS


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text_of(fragment: str) -> str:
    """The text a browser shows for an HTML fragment, whitespace collapsed."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return normalize(html.unescape("".join(parser.parts)))


def normalize(text: str) -> str:
    return " ".join(text.split())


def xss_deck() -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / "xss-deck.yaml").read_text(encoding="utf-8"))


def expected_texts(*fields: str) -> list[str]:
    """What the learner must read for each field: its text as the project's renderer keeps it.

    The renderer removes tags (with the contents of ``script``/``iframe``…) and unsafe URLs;
    everything else stays as text, so each field's marker (``F1``…) and the Markdown-link
    payloads (``[x](javascript:alert(1))``) must be on screen, literally.
    """
    from recall_widgets.render import render_markdown

    return [visible_text_of(render_markdown(field)) for field in fields]


#: Finds executable markup anywhere in the page and returns the visible text of the roots.
_SCAN_JS = """
(rootSelector) => {
  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "poster", "background", "srcset", "srcdoc", "ping", "cite", "codebase", "dynsrc", "lowsrc"]);
  const FORBIDDEN = "script, iframe, frame, object, embed, applet, base, meta, link, form";
  const name = (el) => el.tagName.toLowerCase()
    + (typeof el.className === "string" && el.className.trim()
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const problems = [];
  const roots = [...document.querySelectorAll(rootSelector)];
  for (const el of document.querySelectorAll("*")) {
    const inRoot = roots.some((root) => root.contains(el));
    for (const attribute of el.attributes) {
      const attr = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020\\u007f]+/g, "").toLowerCase();
      if (attr.startsWith("on")) {
        problems.push(`${name(el)} has ${attribute.name}="${attribute.value}"`);
      } else if ((inRoot || URL_ATTRIBUTES.has(attr))
                 && /(javascript|vbscript|data:text\\/html)/.test(value)
                 && (URL_ATTRIBUTES.has(attr) || value.includes("javascript:"))) {
        problems.push(`${name(el)} has ${attribute.name}="${attribute.value}"`);
      }
    }
  }
  for (const root of roots) {
    for (const el of root.querySelectorAll(FORBIDDEN)) problems.push(`${name(el)} in a widget`);
  }
  return { problems, roots: roots.length, text: roots.map((r) => r.innerText).join("\\n") };
}
"""


def find_xss_problems(nb: NotebookPage, root_selector: str, expected: list[str]) -> list[str]:
    """Everything wrong with the page's safety right now (shared by the real and unsafe cases).

    - an ``on*`` attribute on any element of the page, or a ``javascript:`` (``vbscript:``,
      ``data:text/html``) URL in a URL attribute anywhere, or in any attribute in a widget;
    - a script, iframe, object, embed, form… element inside a widget root;
    - an expected text not visible (as text) in the widget roots;
    - any dialog (``alert``…) opened since the page was opened.
    """
    scan = nb.page.evaluate(_SCAN_JS, root_selector)
    problems = list(scan["problems"])
    if not scan["roots"]:
        problems.append(f"no element matches {root_selector}")
    shown = normalize(scan["text"])
    problems += [f"not visible as text: {text!r}" for text in expected if text not in shown]
    problems += [f"a dialog opened: {dialog}" for dialog in nb.dialogs]
    return problems


def test_xss_payloads_stay_text(open_notebook: Any) -> None:
    """Hostile content in every field: shown as text, no handlers, no javascript: URLs, no alert."""
    deck = xss_deck()
    card, question, prompt_item = deck["cards"][0], deck["questions"][0], deck["prompts"][0]
    nb = open_notebook("xss.ipynb", allow_console_errors=False)
    nb.run_all(expect=".recall-recall-prompt")
    page = nb.page
    for selector in (".recall-flashcards", ".recall-quiz", ".recall-recall-prompt"):
        expect(page.locator(selector)).to_be_visible()
    seen: list[str] = []

    def check(*fields: str) -> None:
        texts = expected_texts(*fields)
        problems = find_xss_problems(nb, ROOTS, texts)
        assert not problems, "\n".join(problems)
        seen.extend(fields)

    # What is on screen at first: the card's front, the question and its choices, the prompt.
    check(card["front"], question["prompt"], *(c["text"] for c in question["choices"]))
    check(prompt_item["prompt"])
    cards = page.locator(".recall-flashcards")
    cards.get_by_role("button", name="Show answer").click()
    expect(cards.locator(".recall-card-back")).to_be_visible()
    check(card["back"])

    quiz = page.locator(".recall-quiz")
    for i, choice in enumerate(question["choices"]):
        if i:
            quiz.get_by_role("button", name="Try again").click()
        quiz.locator("fieldset label").nth(i).click()
        quiz.get_by_role("button", name="Check").click()
        expect(quiz.locator(".recall-feedback")).to_contain_text(re.compile("Correct|Incorrect"))
        check(question["explanation"], choice["why"])

    prompt = page.locator(".recall-recall-prompt")
    prompt.get_by_role("textbox", name="Your answer").fill("<img src=x onerror=alert(1)> mine")
    prompt.get_by_role("button", name="Show hint").click()
    check(prompt_item["hint"])
    prompt.get_by_role("button", name="Compare with the key concepts").click()
    check(*prompt_item["concepts"])
    assert set(seen) >= {
        card["front"],
        card["back"],
        question["prompt"],
        question["explanation"],
        prompt_item["prompt"],
        prompt_item["hint"],
        *(c["text"] for c in question["choices"]),
        *(c["why"] for c in question["choices"]),
        *prompt_item["concepts"],
    }


def test_xss_checker_flags_an_unsafe_widget(open_notebook: Any) -> None:
    """The XSS check can fail: a widget that uses innerHTML on raw deck text is caught."""
    deck = xss_deck()
    nb = open_notebook("unsafe.ipynb", allow_console_errors=True)  # its <img src=x> is a 404
    nb.run_all(expect=".recall-unsafe")
    expected = expected_texts(deck["cards"][0]["back"])
    problems = find_xss_problems(nb, ".recall-unsafe", expected)
    assert any("onerror=" in p for p in problems), problems
    assert any("javascript:" in p for p in problems), problems
    assert any(p.startswith("a dialog opened") for p in problems), problems
    assert any(" in a widget" in p for p in problems), problems
    # The real widgets' roots are not on this page: the same check on them finds no root.
    assert "no element matches .recall-quiz" in find_xss_problems(nb, ".recall-quiz", [])


# ----------------------------------------------------------------------------------------------
# Screenshots, light and dark, with axe in both themes


def collapse_left_sidebar(page: Page) -> None:
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.click()
        expect(tab).to_have_count(0)


def shoot(page: Page, selector: str, path: Path) -> None:
    """Screenshot one widget root (the output area around it is wider than the widget)."""
    widget = page.locator(selector)
    widget.scroll_into_view_if_needed()
    settle(page)
    widget.screenshot(path=str(path), animations="disabled")


def test_screenshots_light_and_dark(open_notebook: Any, screenshot_dir: Path) -> None:
    """Each widget in both themes (front, back, feedback, result); axe on each state and theme."""
    nb = open_notebook("gallery.ipynb")
    page = nb.page
    collapse_left_sidebar(page)
    nb.run_all(expect=".recall-recall-prompt")
    cards = page.locator(".recall-flashcards")
    quiz = page.locator(".recall-quiz")
    prompt = page.locator(".recall-recall-prompt")

    # The quiz with feedback (a wrong answer shows explanation and why); the prompt's result.
    quiz.get_by_role("radio", name="Venus").check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".recall-feedback")).to_contain_text("Incorrect")
    prompt.get_by_role("textbox", name="Your answer").fill(
        "Leaves capture light and take in carbon dioxide to make sugar."
    )
    prompt.get_by_role("button", name="Show hint").click()
    prompt.get_by_role("button", name="Compare with the key concepts").click()
    for concept in ("Light energy is captured", "Carbon dioxide is taken in"):
        prompt.get_by_role("checkbox", name=concept).check()
    expect(prompt.locator(".recall-result")).to_contain_text("You got 2/4 concepts")

    try:
        for theme, suffix in (("JupyterLab Light", "light"), ("JupyterLab Dark", "dark")):
            use_theme(page, theme)
            shoot(page, ".recall-flashcards", screenshot_dir / f"flashcards-{suffix}.png")
            assert_axe_clean(page, ".recall-flashcards", f"front, {suffix}")
            cards.get_by_role("button", name="Show answer").click()
            expect(cards.locator(".recall-card-back")).to_be_visible()
            shoot(page, ".recall-flashcards", screenshot_dir / f"flashcards-back-{suffix}.png")
            assert_axe_clean(page, ".recall-flashcards", f"back, {suffix}")
            cards.get_by_role("button", name="Hide answer").click()
            expect(cards.locator(".recall-card-front")).to_be_visible()
            shoot(page, ".recall-quiz", screenshot_dir / f"quiz-{suffix}.png")
            assert_axe_clean(page, ".recall-quiz", f"feedback, {suffix}")
            shoot(page, ".recall-recall-prompt", screenshot_dir / f"recall-prompt-{suffix}.png")
            assert_axe_clean(page, ".recall-recall-prompt", f"result, {suffix}")
    finally:
        use_theme(page, "JupyterLab Light")  # the theme is a user setting: leave it as found
