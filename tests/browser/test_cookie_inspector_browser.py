"""The cookie inspector in JupyterLab: edit the payload, send, read the verdict; axe; screenshot.

Uses the fixtures of ``conftest.py`` (one JupyterLab, one Chromium) and its notebook
``cookie_inspector.ipynb``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import settle
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.course, pytest.mark.timeout(150)]

NOTEBOOK = "cookie_inspector.ipynb"
ROOT = ".recall-cookie-inspector"
TIMEOUT = 15_000  # ms: one kernel round trip
REFUSED = (
    "✗ Signature does not match: Flask silently started an empty session — no error, no Set-Cookie"
)


def assert_axe_clean(page: Page, state: str) -> None:
    results = Axe().run(page, context=ROOT)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


def test_cookie_inspector_edit_send_verdict(
    open_notebook: Any, lab_server: Any, screenshot_dir: Path
) -> None:
    nb = open_notebook(NOTEBOOK)
    page = nb.page
    page.set_viewport_size({"width": 1000, "height": 1300})  # the whole widget in one screenshot
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.click()  # collapse the file browser: a wider notebook for the screenshot
    nb.run_all(expect=ROOT)
    root = page.locator(ROOT)
    payload = root.get_by_role("textbox", name="Payload", exact=True)
    signature = root.get_by_role("textbox", name="Signature", exact=True)
    json_box = root.get_by_role("textbox", name="Payload JSON")
    result = root.get_by_role("status")
    expect(payload).to_have_value("eyJ1c2VyIjoiYWxpY2UifQ")
    expect(root.get_by_role("textbox", name="Timestamp")).to_have_value("ZVPxAA")
    expect(root).to_contain_text("Signed at 2023-11-14 22:13:20 UTC.")
    expect(json_box).to_have_value('{"user": "alice"}')
    missing = root.evaluate(
        """(root) => [...root.querySelectorAll("button, input, select, textarea, [tabindex]")]
            .filter((el) => el.getAttribute("data-lm-suppress-shortcuts") !== "true")
            .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert not missing, f"focusable without data-lm-suppress-shortcuts: {missing}"

    # The original cookie: accepted.
    root.get_by_role("button", name="Send to the server").click()
    expect(result).to_contain_text("✓ Signature valid: the server accepted the cookie")
    expect(result).to_contain_text("Response body")
    expect(result.locator("dd").nth(2)).to_have_text("alice")

    # Type a new payload with the keyboard: no key may reach the notebook.
    structure = nb.structure()
    json_box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type('{"user": "admin"}')
    settle(page)
    assert nb.structure() == structure, "typing in the widget changed the notebook"
    expect(payload).to_have_value("eyJ1c2VyIjoiYWRtaW4ifQ", timeout=TIMEOUT)
    expect(signature).to_have_value("aFxV1YmP1QRZ4NfBqeoUcSsrhj4")  # the old signature stays
    root.get_by_role("button", name="Send to the server").click()
    expect(result.locator(".recall-verdict")).to_have_text(REFUSED, timeout=TIMEOUT)
    expect(result.locator("dd").nth(0)).to_have_text("#2: GET /whoami")
    expect(result.locator("dd").nth(2)).to_have_text("anonymous")
    expect(result.locator("dd").nth(3)).to_have_text("none")
    expect(result.locator("dd").nth(4)).to_have_text("{}")
    assert_axe_clean(page, "refused")
    root.scroll_into_view_if_needed()
    settle(page)
    root.screenshot(path=str(screenshot_dir / "cookie-inspector-light.png"), animations="disabled")

    # Enter in a part field sends too; Reset brings the original back.
    signature.click()
    page.keyboard.press("Home")
    page.keyboard.press("Delete")
    page.keyboard.type("Z")
    page.keyboard.press("Enter")
    expect(result.locator("dd").nth(0)).to_have_text("#3: GET /whoami", timeout=TIMEOUT)
    expect(result.locator(".recall-verdict")).to_have_text(REFUSED)
    assert nb.structure() == structure, "a key in the signature field changed the notebook"
    root.get_by_role("button", name="Reset").click()
    expect(payload).to_have_value("eyJ1c2VyIjoiYWxpY2UifQ", timeout=TIMEOUT)
    expect(json_box).to_have_value('{"user": "alice"}')
    root.get_by_role("button", name="Send to the server").click()
    expect(result.locator("dd").nth(0)).to_have_text("#4: GET /whoami", timeout=TIMEOUT)
    expect(result.locator(".recall-verdict")).to_contain_text("✓ Signature valid")
    assert_axe_clean(page, "accepted after reset")

    recorded, _text = nb.events()
    verdicts = recorded["verdicts"]
    assert len(verdicts) == 4
    assert [v.startswith("Signature valid") for v in verdicts] == [True, False, False, True]
