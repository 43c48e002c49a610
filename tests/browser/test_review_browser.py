"""Review and Dashboard in JupyterLab: rate cards and answer by keyboard, see the counts change.

Uses the fixtures of ``conftest.py`` and its generated notebook ``review.ipynb``: a Review and a
Dashboard over ``fixtures/browser-deck.yaml`` (3 cards, 2 questions), both with ``progress=`` a
store file of their own in the server's fresh temporary root. (The lab server's kernels inherit
the test session's ``RECALL_PROGRESS`` and ``RECALL_NOW``; the notebook's own store keeps this
test apart from the other notebooks of the suite.) The kernel's clock is fixed, the browser's is
not: items rated in the browser are scheduled from the browser's time, after the kernel's
"now", so the dashboard counts them as learning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from test_widgets_browser import (
    KeyChecker,
    assert_axe_clean,
    assert_shortcuts_suppressed,
    settle,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(150)]

NOTEBOOK = "review.ipynb"
REVIEW = ".recall-review"
DASHBOARD = ".recall-dashboard"
TIMEOUT = 15_000  # ms: one kernel round trip
DECK = "browser-test"


def deck_line(dashboard: Locator) -> Locator:
    """The deck's line of counts: '5 items: 5 new · 0 learning · 0 due · 0 mastered'."""
    return dashboard.locator(".recall-dashboard-deck > p").first


def table_counts(dashboard: Locator) -> list[list[str]]:
    """The accessible table's rows: section, level, new, learning, due, mastered, total."""
    rows = dashboard.locator(".recall-dashboard-table tbody tr")
    return [
        [" ".join(c.split()) for c in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def choice_labels(review: Locator) -> list[str]:
    texts = review.locator(".recall-question-view .recall-choice-label").all_inner_texts()
    return [" ".join(t.split()) for t in texts]


def shoot(page: Page, locator: Locator, path: Path) -> None:
    locator.scroll_into_view_if_needed()
    settle(page)
    locator.screenshot(path=str(path), animations="disabled")


def test_rate_cards_in_review_and_see_the_dashboard_change(
    open_notebook: Any, screenshot_dir: Path
) -> None:
    nb = open_notebook(NOTEBOOK)
    page = nb.page
    page.set_viewport_size({"width": 1000, "height": 1300})
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.click()  # a wider notebook for the screenshots
    nb.run_all(expect=DASHBOARD)
    review, dashboard = page.locator(REVIEW), page.locator(DASHBOARD)
    position = review.locator(".recall-position")
    front = review.locator(".recall-card-front")
    back = review.locator(".recall-card-back")
    source = review.locator(".recall-review-source")

    # A fresh store: five new items, nothing reviewed.
    expect(position).to_have_text("1 / 5")
    expect(source).to_have_text(re.compile(r"^Browser test deck · geo\s*New$"))
    expect(front).to_contain_text("What is the capital of France?")
    expect(deck_line(dashboard)).to_have_text("5 items: 5 new · 0 learning · 0 due · 0 mastered")
    expect(dashboard.locator(".recall-dashboard-next")).to_have_text(
        "Next review: none yet. Rate a card or answer a question to start."
    )
    assert_shortcuts_suppressed(review)
    assert_shortcuts_suppressed(dashboard)
    assert_axe_clean(page, REVIEW, "first card")
    assert_axe_clean(page, DASHBOARD, "nothing reviewed")

    # Three cards by keyboard on the widget: Space flips, 3 / 1 / 4 rate and move on.
    review.focus()
    keys = KeyChecker(nb, review)
    for answer, key, then in [
        ("Paris", "3", "2 / 5"),
        ("The Danube", "1", "3 / 5"),
        ("Mont Blanc", "4", "4 / 5"),
    ]:
        keys.press("Space")
        expect(back).to_have_text(answer)
        if answer == "Paris":
            assert_axe_clean(page, REVIEW, "card flipped")
        keys.press(key)
        expect(position).to_have_text(then)
    # Each rating reached the kernel's store: the dashboard refreshed by itself.
    expect(deck_line(dashboard)).to_have_text(
        "5 items: 2 new · 3 learning · 0 due · 0 mastered", timeout=TIMEOUT
    )

    # A question: Tab to the first choice, arrows to the right one, Enter checks.
    expect(review.locator(".recall-question-view legend")).to_have_text(
        "Which planet is closest to the Sun?"
    )
    expect(review.locator(".recall-card-view")).to_be_hidden()
    keys.press("Tab")
    labels = choice_labels(review)
    assert sorted(labels) == ["Mars", "Mercury", "Venus"], labels
    for _ in range(labels.index("Mercury")):
        keys.press("ArrowDown")
    if labels.index("Mercury") == 0:
        keys.press("Space")
    keys.press("Enter")
    expect(review.locator(".recall-verdict")).to_have_text("✓ Correct")
    next_button = review.get_by_role("button", name="Next", exact=True)
    expect(next_button).to_be_focused()
    expect(deck_line(dashboard)).to_have_text(
        "5 items: 1 new · 4 learning · 0 due · 0 mastered", timeout=TIMEOUT
    )
    assert_axe_clean(page, REVIEW, "question answered")
    shoot(page, review, screenshot_dir / "review-light.png")

    # The table says the same; "Refresh" reads the store again and finds the same numbers.
    assert table_counts(dashboard) == [
        ["geo", "beginner", "0", "2", "0", "0", "2"],
        ["geo", "intermediate", "1", "1", "0", "0", "2"],
        ["geo", "advanced", "0", "1", "0", "0", "1"],
    ]
    dashboard.get_by_role("button", name="Refresh").click()
    expect(deck_line(dashboard)).to_have_text("5 items: 1 new · 4 learning · 0 due · 0 mastered")
    assert_axe_clean(page, DASHBOARD, "after the review")
    shoot(page, dashboard, screenshot_dir / "dashboard-light.png")

    # Next (Enter on the focused button), then a wrong answer to the last question, then done.
    review.focus()
    keys.press("Enter")  # the root: Enter on an answered question moves on
    expect(position).to_have_text("5 / 5")
    keys.press("Tab")  # the first checkbox; each checkbox is a tab stop
    labels = choice_labels(review)
    for _ in range(labels.index("4")):
        keys.press("Tab")
    keys.press("Space")  # a checkbox: Space ticks it
    keys.press("Enter")
    expect(review.locator(".recall-verdict")).to_have_text("✗ Incorrect")
    keys.press("Enter")  # on the focused Next button: its own click
    message = review.locator(".recall-review-message")
    expect(message).to_contain_text("Done: 5 items reviewed. Next review: in ")
    expect(deck_line(dashboard)).to_have_text(
        "5 items: 0 new · 5 learning · 0 due · 0 mastered", timeout=TIMEOUT
    )
    assert_axe_clean(page, REVIEW, "done")
    shoot(page, review, screenshot_dir / "review-done-light.png")
    keys.assert_unchanged("at the end")

    recorded, _text = nb.events()
    events = recorded["review"]
    assert all(e["deck"] == DECK for e in events), events
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert [(e["kind"], e["item"], e["value"]) for e in events if e["kind"] != "flip"] == [
        ("rate", "card-capital", "good"),
        ("rate", "card-river", "again"),
        ("rate", "card-peak", "easy"),
        ("answer", "q-single", {"choices": [1], "correct": True}),
        ("answer", "q-multi", {"choices": [1], "correct": False}),
    ]
    items = ("card-capital", "card-river", "card-peak", "q-single", "q-multi")
    assert recorded["queue"] == [f"{DECK}/{item}" for item in items]
    assert recorded["dashboard"] == (
        "Dashboard(decks=1, items=5, new=0, learning=5, due=0, mastered=0)"
    )
