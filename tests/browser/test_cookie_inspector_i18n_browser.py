"""The Flask course's CookieInspector in German and French in JupyterLab (issue 19): German
given by the author (``lang="de"``) in the suite's English browser; French chosen by the
browser itself (a Chromium whose locale is ``fr-FR``), the verdicts Python makes following it;
axe; screenshots looked at.

Uses the fixtures of ``conftest.py`` (one JupyterLab, one Chromium); the notebook is written
into the server's folder here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import settle
from playwright.sync_api import Page, expect
from servers import chromium

from conftest import NotebookPage, forget_the_learner, write_notebook

pytestmark = [pytest.mark.browser, pytest.mark.course, pytest.mark.timeout(240)]

NOTEBOOK = "cookie_inspector_languages.ipynb"
ROOT = ".recall-cookie-inspector"
TIMEOUT = 15_000  # ms: one kernel round trip
CELLS = [
    ("markdown", "# The cookie inspector in the learner's language"),
    (
        "code",
        "from flask_course.inspector import CookieInspector\n"
        "german = CookieInspector(timestamp=1_700_000_000, lang='de')\n"
        "chosen = CookieInspector(timestamp=1_700_000_000)  # the browser's language",
    ),
    ("code", "german"),
    ("code", "chosen"),
    (
        "code",
        "import json\nprint('EVENTS-JSON:' + json.dumps({'browser_lang': chosen.browser_lang, "
        "'verdicts': [r.verdict for r in german.history + chosen.history]}))",
    ),
]


def assert_axe_clean(page: Page, root: Any, state: str) -> None:
    results = Axe().run(page, context=ROOT)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


@pytest.fixture
def languages_notebook(lab_server: Any) -> str:
    write_notebook(lab_server.root / NOTEBOOK, CELLS)
    return NOTEBOOK


@pytest.fixture
def french_lab_page(
    lab_server: Any, chromium_executable: str, tmp_path: Path, languages_notebook: str
) -> Iterator[NotebookPage]:
    """The notebook open in a second Chromium whose language is French."""
    forget_the_learner(lab_server)
    with chromium(
        tmp_path / "profile-fr", executable=chromium_executable, locale="fr-FR"
    ) as context:
        page = context.new_page()
        nb = NotebookPage(page=page, server=lab_server, name=languages_notebook, layout=CELLS)
        page.on("pageerror", lambda error: nb.console_errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda m: nb.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.goto(lab_server.notebook_url(languages_notebook))
        expect(nb.cells.first).to_be_visible(timeout=60_000)
        nb.wait_idle()
        try:
            yield nb
        finally:
            page.close()
            for session in lab_server.api("GET", "/api/sessions") or []:
                lab_server.api("DELETE", f"/api/sessions/{session['id']}")


def _wide(page: Page) -> None:
    page.set_viewport_size({"width": 1000, "height": 1300})  # the whole widget in one screenshot
    tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if tab.count():
        tab.click()  # collapse the file browser: a wider notebook for the screenshot


def test_the_inspector_in_german_given_by_the_author(
    open_notebook: Any, languages_notebook: str, screenshot_dir: Path
) -> None:
    nb = open_notebook(languages_notebook)
    page = nb.page
    _wide(page)
    nb.run_all(expect=ROOT)
    german, chosen = page.locator(ROOT).nth(0), page.locator(ROOT).nth(1)
    expect(german).to_have_attribute("lang", "de")
    expect(german).to_have_attribute("aria-label", "Cookie-Inspektor: GET /whoami")
    expect(german).to_contain_text("Signiert am 2023-11-14 22:13:20 UTC.")
    expect(german.get_by_role("textbox", name="Nutzdaten", exact=True)).to_have_value(
        "eyJ1c2VyIjoiYWxpY2UifQ"
    )
    german.get_by_role("button", name="An den Server senden").click()
    result = german.get_by_role("status")
    expect(result).to_contain_text(
        "✓ Signatur gültig: Der Server hat das Cookie angenommen – die View sah {'user': 'alice'}",
        timeout=TIMEOUT,
    )
    expect(result).to_contain_text("Antwortinhalt")
    # a payload that is no JSON object: the message Python makes is German too
    json_box = german.get_by_role("textbox", name="Nutzdaten als JSON")
    json_box.fill("[1]")
    expect(german).to_contain_text("Die Nutzdaten müssen ein JSON-Objekt sein", timeout=TIMEOUT)
    json_box.fill('{"user": "admin"}')
    expect(german.get_by_role("textbox", name="Nutzdaten", exact=True)).to_have_value(
        "eyJ1c2VyIjoiYWRtaW4ifQ", timeout=TIMEOUT
    )
    german.get_by_role("button", name="An den Server senden").click()
    expect(result.locator(".recall-verdict")).to_have_text(
        "✗ Signatur passt nicht: Flask hat stillschweigend eine leere Session begonnen"
        " — kein Fehler, kein Set-Cookie",
        timeout=TIMEOUT,
    )
    # the one the browser chooses speaks English here: the suite's browser is English
    expect(chosen).to_have_attribute("lang", "en")
    expect(chosen.get_by_role("button", name="Send to the server")).to_be_visible()
    assert_axe_clean(page, german, "German, refused")
    german.scroll_into_view_if_needed()
    settle(page)
    german.screenshot(path=str(screenshot_dir / "cookie-inspector-de.png"), animations="disabled")
    recorded, _text = nb.events()
    assert recorded["browser_lang"] == "en"
    assert [v.split(":")[0] for v in recorded["verdicts"]] == [
        "Signatur gültig",
        "Signatur passt nicht",
    ]


def test_the_inspector_in_french_chosen_by_the_browser(
    french_lab_page: NotebookPage, screenshot_dir: Path
) -> None:
    nb = french_lab_page
    page = nb.page
    _wide(page)
    nb.run_all(expect=ROOT)
    german, chosen = page.locator(ROOT).nth(0), page.locator(ROOT).nth(1)
    expect(german).to_have_attribute("lang", "de")  # the author's choice wins over the browser
    expect(chosen).to_have_attribute("lang", "fr")
    expect(chosen).to_have_attribute("aria-label", "Inspecteur de cookie\u00a0: GET /whoami")
    expect(chosen).to_contain_text(
        "Le cookie de session que Flask a posé quand alice s’est connecté."
    )
    chosen.get_by_role("button", name="Envoyer au serveur").click()
    result = chosen.get_by_role("status")
    expect(result).to_contain_text(
        "✓ Signature valide\u00a0: le serveur a accepté le cookie — la vue a vu {'user': 'alice'}",
        timeout=TIMEOUT,
    )
    expect(result).to_contain_text("Corps de la réponse")
    signature = chosen.get_by_role("textbox", name="Signature", exact=True)
    signature.click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("Z")
    page.keyboard.press("Enter")
    expect(result.locator(".recall-verdict")).to_have_text(
        "✗ La signature ne correspond pas\u00a0: Flask a discrètement ouvert une session vide"
        " — aucune erreur, pas de Set-Cookie",
        timeout=TIMEOUT,
    )
    expect(result.locator("dd").nth(0)).to_have_text("n°2\u00a0: GET /whoami")
    assert_axe_clean(page, chosen, "French, refused")
    chosen.scroll_into_view_if_needed()
    settle(page)
    chosen.screenshot(path=str(screenshot_dir / "cookie-inspector-fr.png"), animations="disabled")
    recorded, _text = nb.events()
    assert recorded["browser_lang"] == "fr"  # the front end told Python the browser's choice
    assert recorded["verdicts"][-2].startswith("Signature valide")
    assert nb.console_errors == []
