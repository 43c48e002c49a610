"""Page helpers shared by the browser tests: wait for the DOM to settle, switch JupyterLab's theme.

Imported as ``pages`` (pytest puts ``tests/browser`` on ``sys.path``, as for ``servers``).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def settle(page: Page) -> None:
    """Wait two animation frames, so whatever a key press changed has reached the DOM."""
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def use_theme(page: Page, theme: str, timeout: float = 15_000) -> None:
    """Switch JupyterLab's theme through the Settings menu and wait until it applies."""
    light = "true" if theme == "JupyterLab Light" else "false"
    if page.locator(f'body[data-jp-theme-light="{light}"]').count():
        return
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Settings$")).click()
    page.locator(".lm-Menu-item", has_text=re.compile(r"^Theme")).first.hover()
    page.get_by_role("menuitem", name=theme, exact=True).click()
    expect(page.locator(f'body[data-jp-theme-light="{light}"]')).to_have_count(1)
    expect(page.locator(f'body[data-jp-theme-name="{theme}"]')).to_have_count(1)
    # JupyterLab shows its splash screen while the theme loads: wait until it is gone.
    expect(page.locator("#jupyterlab-splash")).to_have_count(0, timeout=timeout)
    settle(page)
