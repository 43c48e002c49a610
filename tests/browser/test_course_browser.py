"""The real course notebooks in JupyterLab: stored outputs, Run All, widgets, demos, screenshots.

The server's root holds a copy of the repository's ``notebooks/`` and ``content/`` side by side
(see ``conftest.COURSE_FOLDERS``), so each lesson loads ``../content/flask-sessions.yaml`` exactly
as a learner's JupyterLab does. For each notebook, the test

1. opens it as stored: no widget error, no stderr, and every widget cell shows its text repr;
2. clears the outputs (so the execution counts prove each cell ran again) and runs all cells;
3. waits for every widget the stored reprs announce to render, with no error output, console
   error or widget error text (``open_notebook`` also checks the last two at teardown);
4. uses each kind of widget once (flip a card with Space, answer the quiz by keyboard, tick a
   concept; in lesson 2 forge ``{"user": "admin"}`` in the cookie inspector and read the ✗);
5. saves screenshots of widgets and demo cells into ``build/screenshots/course-*.png``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest
from pages import settle, use_theme
from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:  # conftest is not imported at run time: a root conftest.py has the same name
    from conftest import NotebookPage

pytestmark = [pytest.mark.browser, pytest.mark.course, pytest.mark.timeout(150)]

VIEWPORT = {"width": 1050, "height": 900}
TIMEOUT = 15_000  # ms: one kernel round trip, or a widget's own reaction
RUN_TIMEOUT = 60_000  # ms: one cell of Run All (the HTTP demos start a real server)
#: The widget classes the lessons use (their stored text repr starts with the class name) and the
#: root element each renders.
WIDGET_ROOTS = {
    "Flashcards": ".recall-flashcards",
    "Quiz": ".recall-quiz",
    "RecallPrompt": ".recall-recall-prompt",
    "CookieInspector": ".recall-cookie-inspector",
    "Review": ".recall-review",
    "Dashboard": ".recall-dashboard",
}
ALL_ROOTS = ", ".join(WIDGET_ROOTS.values())
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
VERDICT = re.compile(r"^(✓ Correct|✗ Incorrect)")
REFUSED = "✗ Signature does not match"


# ----------------------------------------------------------------------------------------------
# Helpers


def stored_widgets(nb: NotebookPage) -> list[str]:
    """The widget class of each code cell whose stored output is a widget's text repr, in order."""
    notebook = nbformat.read(nb.server.root / nb.name, as_version=4)
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = output.get("data", {}).get("text/plain", "")
            kind = text.split("(", 1)[0]
            if kind in WIDGET_ROOTS:
                found.append(kind)
    return found


def collapse_left_sidebar(page: Page) -> None:
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.click()
        expect(tab).to_have_count(0)


def stderr_texts(page: Page) -> list[str]:
    return [" ".join(t.split())[:300] for t in page.locator(STDERR).all_inner_texts()]


def open_course(open_notebook: Any, name: str) -> tuple[NotebookPage, list[str]]:
    """Open ``notebooks/NAME``, check it as stored, run it all, wait for every widget."""
    nb = open_notebook(f"notebooks/{name}")
    page = nb.page
    page.set_viewport_size(VIEWPORT)
    collapse_left_sidebar(page)
    widgets = stored_widgets(nb)

    # 1. As stored (before any cell runs): text reprs, no widget error, no stderr.
    nb.assert_no_widget_errors()
    assert not stderr_texts(page), f"{name}: stderr in the stored outputs: {stderr_texts(page)}"
    expect(page.locator(ALL_ROOTS)).to_have_count(0)
    reprs = page.locator(
        ".jp-OutputArea-output", has_text=re.compile(rf"^({'|'.join(WIDGET_ROOTS)})\(")
    )
    expect(reprs).to_have_count(len(widgets))

    # 2. Clear the outputs (the stored execution counts would satisfy run_all at once), run all.
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Edit$")).click()
    page.locator(".lm-Menu-item", has_text="Clear Outputs of All Cells").click()
    expect(page.locator(".jp-OutputArea-output")).to_have_count(0)
    counts = page.locator(".jp-CodeCell .jp-InputPrompt", has_text=re.compile(r"\d"))
    expect(counts).to_have_count(0)
    try:
        nb.run_all(timeout=RUN_TIMEOUT)
    except AssertionError as error:  # Run All stops at a failing cell: show why
        raise AssertionError(f"{name}: Run All did not finish: {stderr_texts(page)}") from error

    # 3. Every widget the stored reprs announce has rendered, in that order; nothing failed.
    for kind in set(widgets):
        expect(page.locator(WIDGET_ROOTS[kind])).to_have_count(widgets.count(kind), timeout=TIMEOUT)
    rendered = page.locator(ALL_ROOTS).evaluate_all(
        "(roots) => roots.map((r) => [...r.classList].find((c) => c.startsWith('recall-') "
        "&& c !== 'recall-widget'))"
    )
    assert rendered == [WIDGET_ROOTS[k][1:] for k in widgets], rendered
    loading = page.locator(".recall-widget .recall-loading:visible")
    expect(loading).to_have_count(0, timeout=TIMEOUT)
    assert not stderr_texts(page), f"{name}: error output after Run All: {stderr_texts(page)}"
    nb.assert_no_widget_errors()
    assert not nb.console_errors, f"{name}: {nb.console_errors}"
    return nb, widgets


def code_cell(nb: NotebookPage, source_text: str) -> Locator:
    """The one code cell whose source contains ``source_text``."""
    cell = nb.page.locator(".jp-CodeCell").filter(
        has=nb.page.locator(".jp-InputArea", has_text=source_text)
    )
    expect(cell).to_have_count(1)
    return cell


def cell_of(widget: Locator) -> Locator:
    return widget.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")


def shoot(page: Page, first: Locator, path: Path, *, last: Locator | None = None) -> None:
    """Screenshot ``first`` (down to the bottom of ``last``), growing the viewport to fit it."""
    last = last or first
    first.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    settle(page)
    top, bottom = first.bounding_box(), last.bounding_box()
    assert top and bottom, f"{path.name}: nothing to screenshot"
    height = bottom["y"] + bottom["height"] - top["y"]
    if top["y"] + height + 40 > VIEWPORT["height"]:
        page.set_viewport_size({"width": VIEWPORT["width"], "height": int(top["y"] + height + 80)})
        first.evaluate("(el) => el.scrollIntoView({block: 'start'})")
        settle(page)
        top, bottom = first.bounding_box(), last.bounding_box()
        assert top and bottom
        height = bottom["y"] + bottom["height"] - top["y"]
    clip = {"x": top["x"], "y": top["y"], "width": top["width"], "height": height}
    page.mouse.move(0, 0)  # no hover effect, no focus ring in the picture
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(path), clip=clip, animations="disabled")
    page.set_viewport_size(VIEWPORT)


def assert_notebook_unchanged(nb: NotebookPage, structure: list[Any], when: str) -> None:
    settle(nb.page)
    assert nb.structure() == structure, f"{nb.name}: the notebook changed {when}"


# -- one real interaction per kind of widget ---------------------------------------------------


def cell_index(cell: Locator) -> int:
    """The position of a notebook cell among the notebook's cells."""
    return int(
        cell.evaluate(
            "(cell) => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].indexOf(cell)"
        )
    )


def flip_card(nb: NotebookPage, cards: Locator) -> None:
    """Space on the deck flips the card: the back and the four ratings show."""
    structure = nb.structure()
    expect(cards.locator(".recall-card-back")).to_be_hidden()
    cards.focus()
    nb.page.keyboard.press("Space")
    expect(cards.locator(".recall-card-back")).to_be_visible(timeout=TIMEOUT)
    expect(cards.locator(".recall-card-front")).to_be_hidden()
    expect(cards.get_by_role("button", name=re.compile(r"\bGood$"))).to_be_visible()
    assert_notebook_unchanged(nb, structure, "after Space on the flashcards")


def answer_quiz(nb: NotebookPage, quiz: Locator) -> str:
    """Tick the first choice with Space, check with Enter; return the verdict shown."""
    structure = nb.structure()
    feedback = quiz.locator(".recall-feedback")
    expect(feedback).to_have_text("")
    choice = quiz.locator("fieldset input").first
    choice.focus()
    nb.page.keyboard.press("Space")
    expect(choice).to_be_checked()
    nb.page.keyboard.press("Enter")
    expect(feedback).to_have_text(VERDICT, timeout=TIMEOUT)
    expect(quiz.locator(".recall-score")).to_contain_text("Score: ")
    assert_notebook_unchanged(nb, structure, "answering the quiz")
    match = VERDICT.match(feedback.inner_text())
    assert match
    return match.group(1)


def tick_concepts(nb: NotebookPage, prompt: Locator, answer: str, ticks: int = 1) -> None:
    """Write an answer, open the key concepts, tick ``ticks`` of them: "You got N/M concepts"."""
    structure = nb.structure()
    prompt.get_by_role("textbox", name="Your answer").click()
    nb.page.keyboard.type(answer)
    prompt.get_by_role("button", name="Compare with the key concepts").click()
    boxes = prompt.get_by_role("checkbox")
    expect(boxes.first).to_be_visible(timeout=TIMEOUT)
    total = boxes.count()
    assert total > ticks, f"only {total} concepts"
    for i in range(ticks):
        boxes.nth(i).focus()
        nb.page.keyboard.press("Space")
    expect(prompt.locator(".recall-result")).to_contain_text(
        f"You got {ticks}/{total} concepts", timeout=TIMEOUT
    )
    assert_notebook_unchanged(nb, structure, "in the recall prompt")


def interact_with_each(
    nb: NotebookPage,
    widgets: list[str],
    answer: str = "The browser sends the cookie back with every request.",
) -> dict[str, Locator]:
    """One real interaction with the first widget of each kind; return those widgets."""
    page = nb.page
    first = {kind: page.locator(WIDGET_ROOTS[kind]).first for kind in dict.fromkeys(widgets)}
    for kind, widget in first.items():
        widget.scroll_into_view_if_needed()
        if kind == "Flashcards":
            flip_card(nb, widget)
        elif kind == "Quiz":
            answer_quiz(nb, widget)
        elif kind == "RecallPrompt":
            tick_concepts(nb, widget, answer)
        # The cookie inspector's interaction is lesson 2's own test.
    return first


# ----------------------------------------------------------------------------------------------
# The seven notebooks


def test_course_00_start(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "00-start.ipynb")
    page = nb.page
    assert widgets == ["Flashcards"]
    table = page.locator(".jp-MarkdownCell table").first
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table).to_contain_text("1. What a session is")
    expect(table).to_contain_text("4. Sessions in a real app")
    expect(table).to_contain_text("6. Spaced review")
    cards = interact_with_each(nb, widgets)["Flashcards"]
    expect(cards.locator(".recall-position")).to_have_text("1 / 3")
    markdown = page.locator(".jp-MarkdownCell")
    shoot(page, markdown.nth(0), screenshot_dir / "course-00-start.png", last=markdown.nth(1))


def test_course_01_what_is_a_session(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "01-what-is-a-session.ipynb")
    page = nb.page
    assert sorted(set(widgets)) == ["Flashcards", "Quiz", "RecallPrompt"]
    first = interact_with_each(nb, widgets)

    http = code_cell(nb, "with demo_server(make_app()) as url:")
    expect(http.locator(".jp-OutputArea")).to_contain_text("visits over HTTP: ['1', '2', '3']")
    # Predict, then see: the one-question quiz comes before the demo that settles it.
    prediction = first["Quiz"]
    expect(prediction.locator(".recall-position")).to_have_text("1 / 1")
    trap = code_cell(nb, "show_mutable_trap()")
    expect(trap.locator(".jp-OutputArea")).to_contain_text("Set-Cookie after adding pear: no")
    assert cell_index(cell_of(prediction)) < cell_index(trap), "the prediction comes first"
    shoot(page, http, screenshot_dir / "course-01-demo.png")
    shoot(page, cell_of(prediction), screenshot_dir / "course-01-prediction.png")
    shoot(page, trap, screenshot_dir / "course-01-mutable-trap.png")
    shoot(page, cell_of(first["Flashcards"]), screenshot_dir / "course-01-flashcards.png")


def test_course_02_the_signed_cookie(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "02-the-signed-cookie.ipynb")
    page = nb.page
    assert sorted(set(widgets)) == ["CookieInspector", "Flashcards", "Quiz", "RecallPrompt"]
    first = interact_with_each(nb, widgets, "payload.timestamp.signature, readable without the key")

    # The cookie inspector: claim to be admin, send, the server threw the cookie away.
    inspector = page.locator(".recall-cookie-inspector")
    expect(inspector).to_have_count(1)
    inspector.scroll_into_view_if_needed()
    structure = nb.structure()
    json_box = inspector.get_by_role("textbox", name="Payload JSON")
    expect(json_box).to_have_value(re.compile(r'"user": "alice"'))
    json_box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type('{"user": "admin"}')
    expect(inspector.get_by_role("textbox", name="Payload", exact=True)).to_have_value(
        "eyJ1c2VyIjoiYWRtaW4ifQ", timeout=TIMEOUT
    )
    inspector.get_by_role("button", name="Send to the server").click()
    result = inspector.get_by_role("status")
    expect(result.locator(".recall-verdict")).to_contain_text(REFUSED, timeout=TIMEOUT)
    expect(result).to_contain_text("anonymous")
    assert_notebook_unchanged(nb, structure, "editing the cookie")

    tampering = code_cell(nb, "show_tampering()")
    expect(tampering.locator(".jp-OutputArea")).to_contain_text("whoami -> anonymous")
    shoot(page, tampering, screenshot_dir / "course-02-tampering-demo.png")
    forged = code_cell(nb, "forged = tamper(stolen")
    expect(forged.locator(".jp-OutputArea")).to_contain_text("whoami: anonymous")
    shoot(page, forged, screenshot_dir / "course-02-forged-admin-demo.png")
    compressed = code_cell(nb, "show_compressed_cookie()")
    expect(compressed.locator(".jp-OutputArea")).to_contain_text("cookie starts with '.'")
    shoot(page, compressed, screenshot_dir / "course-02-compressed-demo.png")
    shoot(page, cell_of(first["RecallPrompt"]), screenshot_dir / "course-02-recall.png")
    shoot(page, inspector, screenshot_dir / "course-02-cookie-inspector.png")
    try:
        use_theme(page, "JupyterLab Dark")
        shoot(page, inspector, screenshot_dir / "course-02-cookie-inspector-dark.png")
    finally:
        use_theme(page, "JupyterLab Light")  # a user setting: leave it as found


def test_course_03_using_sessions_safely(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "03-using-sessions-safely.ipynb")
    page = nb.page
    assert sorted(set(widgets)) == ["Flashcards", "Quiz", "RecallPrompt"]
    first = interact_with_each(nb, widgets)

    replay = code_cell(nb, "attacker.set_cookie(copied)")
    expect(replay.locator(".jp-OutputArea")).to_contain_text(
        "attacker replaying the copied cookie: alice"
    )
    shoot(page, replay, screenshot_dir / "course-03-replay-demo.png")
    server_side = code_cell(nb, "show_replay_after_logout(make_app(server_side=True))")
    shoot(page, server_side, screenshot_dir / "course-03-server-side-demo.png")
    fixation = code_cell(nb, "show_fixation()")
    expect(fixation.locator(".jp-OutputArea")).to_contain_text(
        "the attacker sending the fixed id: alice"
    )
    shoot(page, fixation, screenshot_dir / "course-03-fixation-demo.png")
    stolen = code_cell(nb, "show_stolen_cookie_lifetime()")
    expect(stolen.locator(".jp-OutputArea")).to_contain_text("alice on days 25, 50, 75, 100")
    shoot(page, stolen, screenshot_dir / "course-03-stolen-cookie-demo.png")
    shoot(page, first["Quiz"], screenshot_dir / "course-03-quiz.png")


def test_course_04_sessions_in_a_real_app(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "04-sessions-in-a-real-app.ipynb")
    page = nb.page
    assert sorted(set(widgets)) == ["Flashcards", "Quiz", "RecallPrompt"]
    first = interact_with_each(nb, widgets, "Another site makes the browser send a POST.")
    csrf = code_cell(nb, "show_csrf()")
    expect(csrf.locator(".jp-OutputArea")).to_contain_text("The CSRF token is missing.")
    assert cell_index(cell_of(first["Quiz"])) < cell_index(csrf), "the prediction comes first"
    shoot(page, cell_of(first["Quiz"]), screenshot_dir / "course-04-prediction.png")
    shoot(page, csrf, screenshot_dir / "course-04-csrf-demo.png")
    flashes = code_cell(nb, "show_flashes()")
    expect(flashes.locator(".jp-OutputArea")).to_contain_text("_flashes")
    shoot(page, flashes, screenshot_dir / "course-04-flashes-demo.png")


def test_course_05_final_review(open_notebook: Any, screenshot_dir: Path) -> None:
    nb, widgets = open_course(open_notebook, "05-final-review.ipynb")
    page = nb.page
    assert sorted(set(widgets)) == ["Flashcards", "Quiz", "RecallPrompt"]
    answer = (
        "HTTP forgets everything between requests, so Flask puts the session data in a cookie; "
        "the browser sends it back with every request."
    )
    first = interact_with_each(nb, widgets, answer)
    prompt = first["RecallPrompt"]
    # A second concept for the picture: the result lists what was missed too.
    boxes = prompt.get_by_role("checkbox")
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    expect(prompt.locator(".recall-result")).to_contain_text(
        re.compile(r"You got 2/\d+ concepts"), timeout=TIMEOUT
    )
    shoot(page, prompt, screenshot_dir / "course-05-recall.png")

    # The score cell reads what the quiz synced to the kernel: one answered question.
    index = code_cell(nb, "score = quiz.score").evaluate(
        "(cell) => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].indexOf(cell)"
    )
    text = nb.run_cell(index)
    assert re.search(r"first attempts right: [01] of 1 answered", text), text


def test_course_06_spaced_review(open_notebook: Any, screenshot_dir: Path) -> None:
    """The review notebook over the session's store (other tests may have used it): rating
    the first card by keyboard moves the queue on and one item from new to learning."""
    nb, widgets = open_course(open_notebook, "06-spaced-review.ipynb")
    page = nb.page
    assert widgets == ["Review", "Dashboard"]
    review, dashboard = page.locator(".recall-review"), page.locator(".recall-dashboard")
    counts = dashboard.locator(".recall-dashboard-deck > p").first
    # 28 cards, 31 questions and 5 exercises: the scheduled items (recall prompts are not)
    line = re.compile(r"^64 items: (\d+) new · (\d+) learning · (\d+) due · (\d+) mastered$")
    expect(counts).to_have_text(line)
    match = line.match(counts.inner_text())
    assert match
    new, learning = int(match[1]), int(match[2])
    expect(review.locator(".recall-position")).to_have_text(re.compile(r"^1 / \d+$"))
    expect(review.locator(".recall-review-source")).to_contain_text("Flask sessions")
    flip_card(nb, review)
    structure = nb.structure()
    page.keyboard.press("3")
    expect(review.locator(".recall-position")).to_have_text(re.compile(r"^2 / \d+$"))
    assert_notebook_unchanged(nb, structure, "rating in the review")
    expect(counts).to_contain_text(f"{new - 1} new · {learning + 1} learning", timeout=TIMEOUT)
    shoot(page, review, screenshot_dir / "course-06-review.png")
    dashboard.get_by_role("button", name="Refresh").click()
    shoot(page, dashboard, screenshot_dir / "course-06-dashboard.png")
