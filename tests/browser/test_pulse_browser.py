"""The instructor's live page in headless Chromium: answers from learner kernels appear
without a reload, projector mode hides names, light and dark (screenshots looked at)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pulse"))
from pulse_process import LearnerKernel, PulseProcess

pytestmark = pytest.mark.browser
LEARNERS = ["ana", "bo", "chen", "dara", "eli"]
#: What each learner answers to `remove-key` (choice index): the room's misconception shows.
REMOVE_KEY = {"ana": 0, "bo": 1, "chen": 1, "dara": 2, "eli": 1}


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[PulseProcess, list[LearnerKernel]]]:
    pulse = PulseProcess(tmp_path / "pulse.sqlite3", tmp_path / "pulse.log").start()
    kernels: list[LearnerKernel] = []
    try:
        for learner in LEARNERS:
            env = {
                "RECALL_PULSE": pulse.url,
                "RECALL_PULSE_TOKEN": pulse.room_code,
                "RECALL_LEARNER": learner,
                "RECALL_LEARNER_NAME": learner.title(),
            }
            kernels.append(LearnerKernel(tmp_path / learner, env))
        yield pulse, kernels
    finally:
        for kernel in kernels:
            kernel.stop()
        pulse.stop()


def _card(page: Any, item: str) -> Any:
    return page.locator(f'[data-item="flask-sessions/{item}"]')


def test_the_instructor_sees_each_answer_live(
    room: tuple[PulseProcess, list[LearnerKernel]], browser_context: Any, screenshot_dir: Path
) -> None:
    pulse, kernels = room
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{pulse.url}/?token={pulse.instructor_token}&theme=light")
        page.get_by_text("live", exact=True).wait_for(timeout=15_000)
        assert page.url == f"{pulse.url}/"  # the token is not left in the address bar
        for number, (kernel, learner) in enumerate(zip(kernels, LEARNERS, strict=True), 1):
            kernel.do(action="answer", item="session-like", choices=[0])
            kernel.do(action="answer", item="remove-key", choices=[REMOVE_KEY[learner]])
            # each answer shows, without a reload (a bounded wait, not a timing assertion)
            _card(page, "remove-key").get_by_text(f"{number} learner").wait_for(timeout=15_000)
            page.locator("#pulse-learners-table td", has_text=learner.title()).wait_for()
        kernels[0].do(action="concepts", item=_first_prompt(), checked=[0])
        kernels[1].do(action="rate", item="session-object", rating="again")
        _card(page, _first_prompt()).wait_for(timeout=15_000)
        card = _card(page, "remove-key")
        assert "5 learners answered" in card.inner_text()
        assert "60% (3)" in card.inner_text()  # the distractor most of the room believes
        assert "100% right first time" in _card(page, "session-like").inner_text()
        page.screenshot(path=str(screenshot_dir / "pulse-light.png"), full_page=True)
        page.get_by_role("button", name="Theme").click()  # auto -> light -> dark
        page.get_by_role("button", name="Theme").click()
        page.locator("html[data-theme='dark']").wait_for()
        page.screenshot(path=str(screenshot_dir / "pulse-dark.png"), full_page=True)
        page.get_by_label("projector (no names)").check()
        page.locator("#pulse-learners-table td", has_text="Learner 5").wait_for(timeout=15_000)
        assert "Ana" not in page.locator("#pulse-learners-table").inner_text()
        page.screenshot(path=str(screenshot_dir / "pulse-projector-dark.png"), full_page=True)
        assert errors == []
    finally:
        page.close()


def test_a_learner_gets_403_for_the_page_and_the_instructor_deletes_the_room(
    room: tuple[PulseProcess, list[LearnerKernel]], browser_context: Any
) -> None:
    pulse, kernels = room
    kernels[0].do(action="answer", item="session-like", choices=[0])
    assert kernels[0].do(action="flush")["flushed"]
    page = browser_context.new_page()
    try:
        learner = pulse.learner_token("ana")
        assert page.goto(f"{pulse.url}/?token={learner}").status == 403
        page.goto(f"{pulse.url}/?token={pulse.instructor_token}")
        _card(page, "session-like").wait_for(timeout=15_000)
        page.get_by_text("Delete the room's data").click()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_label("Type delete").fill("delete")
        page.get_by_role("button", name="Delete", exact=True).click()
        page.get_by_text("No answers yet.").wait_for(timeout=15_000)
        assert pulse.summary()["events"] == 0
    finally:
        page.close()


def _first_prompt() -> str:
    from recall_widgets import load_deck

    deck = load_deck(Path(__file__).resolve().parent.parent.parent / "content/flask-sessions.yaml")
    return deck.prompts[0].id
