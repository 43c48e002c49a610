"""The pulse on the hub, as a workshop uses it: five learners answer through the widgets in
their own kernels on their own servers, and the instructor, a hub admin signed in to the hub in
headless Chromium, sees each answer arrive on the live page (screenshots looked at); a learner
signed in to the hub gets 403 on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hubs import INSTRUCTOR, LEARNERS, PASSWORD, PULSE, Hub

REPO = Path(__file__).resolve().parents[2]
DECK = REPO / "content" / "flask-sessions.yaml"
#: What each learner answers to `remove-key` (a choice index): the room's misconception shows.
REMOVE_KEY = dict(zip(LEARNERS, [0, 1, 1, 2, 1], strict=True))

#: Run in a learner's kernel: answer two questions through the widgets' Python API, with
#: nothing but what the hub's spawner set (RECALL_PULSE, RECALL_PULSE_SERVICE, the server's
#: JUPYTERHUB_API_TOKEN); wait until the pulse acknowledged them.
ANSWER_CODE = """
import json
from recall_widgets import Quiz, load_deck
from recall_widgets.progress.sender import active_sender
deck = load_deck({deck!r})
quiz = Quiz(deck, ids=["session-like", "remove-key"], shuffle_choices=False)
quiz.answer("session-like", [0])
quiz.answer("remove-key", [{choice}])
sender = active_sender()
flushed = sender.flush(60)
print(json.dumps({{"url": sender.url, "service": sender.service, "flushed": flushed,
                  "acknowledged": sender.acknowledged, "error": sender.error}}))
"""


def _sign_in(page: Any, hub: Hub, name: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url(lambda url: "/hub/login" not in url, timeout=60_000)


def _card(page: Any, item: str) -> Any:
    return page.locator(f'[data-item="flask-sessions/{item}"]')


def test_the_instructor_sees_each_learners_answer_live_through_the_hub(
    hub: Hub, learners: dict[str, float], hub_browser: Any, screenshot_dir: Path
) -> None:
    page = hub_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        _sign_in(page, hub, INSTRUCTOR)
        page.goto(f"{hub.url}/services/{PULSE}/?theme=light")  # the hub's OAuth, no consent
        page.get_by_text("live", exact=True).wait_for(timeout=30_000)
        assert page.url.startswith(f"{hub.url}/services/{PULSE}/")
        assert f"on the hub, as {PULSE}" in page.locator(".pulse-join").inner_text()
        for number, name in enumerate(LEARNERS, 1):
            code = ANSWER_CODE.format(deck=str(DECK), choice=REMOVE_KEY[name])
            run = hub.run_code(name, code)
            assert run.error is None, f"{name}: {run.error}"
            sent = json.loads(run.stdout.strip().splitlines()[-1])
            assert sent["service"] == PULSE and sent["flushed"], sent
            assert sent["acknowledged"] == 2 and sent["error"] is None, sent
            # each answer shows, without a reload (a bounded wait, not a timing assertion)
            _card(page, "remove-key").get_by_text(f"{number} learner").wait_for(timeout=30_000)
            page.locator("#pulse-learners-table td", has_text=name).wait_for(timeout=30_000)
        card = _card(page, "remove-key").inner_text()
        assert "5 learners answered" in card and "60% (3)" in card
        assert "100% right first time" in _card(page, "session-like").inner_text()
        page.screenshot(path=str(screenshot_dir / "pulse-hub-light.png"), full_page=True)
        page.goto(f"{hub.url}/services/{PULSE}/?theme=dark")  # signed in still: no OAuth again
        _card(page, "remove-key").get_by_text("5 learners answered").wait_for(timeout=30_000)
        assert page.locator("html").get_attribute("data-theme") == "dark"
        page.screenshot(path=str(screenshot_dir / "pulse-hub-dark.png"), full_page=True)
        assert errors == []
    finally:
        page.close()


def test_a_learner_signed_in_to_the_hub_gets_403_on_the_page_and_the_data(
    hub: Hub, learners: dict[str, float], hub_browser: Any
) -> None:
    context = hub_browser.browser.new_context() if hub_browser.browser else None
    page = (context or hub_browser).new_page()
    try:
        page.context.clear_cookies()
        _sign_in(page, hub, LEARNERS[2])
        response = page.goto(f"{hub.url}/services/{PULSE}/")
        assert response is not None and response.status == 403
        assert f"{LEARNERS[2]} is not one" in page.content()
        data = page.request.get(f"{hub.url}/services/{PULSE}/api/summary")
        assert data.status == 403
        assert page.request.get(f"{hub.url}/services/{PULSE}/export.csv").status == 403
    finally:
        page.close()
        if context is not None:
            context.close()
