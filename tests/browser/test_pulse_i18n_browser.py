"""The instructor's page in German and French in headless Chromium (issue 19): German chosen
with ``--lang de`` (an English browser), French from the browser's own language (Playwright's
``locale="fr-FR"``: its ``Accept-Language`` and ``navigator.languages``); the counts right for
1 and 2 learners, light and dark screenshots (looked at), no long German word wider than a
phone's screen, axe without serious or critical violations."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from servers import chromium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pulse"))
from pulse_process import LearnerKernel, PulseProcess

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
LEARNERS = ["ana", "bo"]
#: What each language says, for 1 and for 2 learners (the page's plural forms).
SAYS = {
    "de": {
        "title": "Kurspuls",
        "live": "live",
        "answered": ("1 Person hat geantwortet", "2 Personen haben geantwortet"),
        "learners": ("1 Person", "2 Personen"),
        "ticked": "1 Person hat Konzepte abgehakt",
        "theme": "Farbschema",
        "projector": "Beamer (ohne Namen)",
        "anonymous": "Person 2",
        "right": "beim ersten Versuch richtig",
    },
    "fr": {
        "title": "Pouls de la classe",
        "live": "en direct",
        "answered": ("1 apprenant a répondu", "2 apprenants ont répondu"),
        "learners": ("1 apprenant", "2 apprenants"),
        "ticked": "1 apprenant a coché des notions",
        "theme": "Thème",
        "projector": "projecteur (sans les noms)",
        "anonymous": "Apprenant 2",
        "right": "juste du premier coup",
    },
}


def _room(tmp_path: Path, args: list[str]) -> tuple[PulseProcess, list[LearnerKernel]]:
    pulse = PulseProcess(
        tmp_path / "pulse.sqlite3", tmp_path / "pulse.log", args=args, env={"RECALL_LANG": ""}
    ).start()
    kernels = []
    for learner in LEARNERS:
        env = {
            "RECALL_PULSE": pulse.url,
            "RECALL_PULSE_TOKEN": pulse.room_code,
            "RECALL_LEARNER": learner,
            "RECALL_LEARNER_NAME": learner.title(),
        }
        kernels.append(LearnerKernel(tmp_path / learner, env))
    return pulse, kernels


@pytest.fixture
def german_room(tmp_path: Path) -> Iterator[tuple[PulseProcess, list[LearnerKernel]]]:
    pulse, kernels = _room(tmp_path, ["--lang", "de"])
    try:
        yield pulse, kernels
    finally:
        for kernel in kernels:
            kernel.stop()
        pulse.stop()


@pytest.fixture
def french_room(tmp_path: Path) -> Iterator[tuple[PulseProcess, list[LearnerKernel]]]:
    pulse, kernels = _room(tmp_path, [])
    try:
        yield pulse, kernels
    finally:
        for kernel in kernels:
            kernel.stop()
        pulse.stop()


@pytest.fixture
def french_browser(chromium_executable: str, tmp_path: Path) -> Iterator[Any]:
    """A second Chromium whose language is French (the suite's own speaks English)."""
    with chromium(
        tmp_path / "profile-fr", executable=chromium_executable, locale="fr-FR"
    ) as context:
        yield context


def _card(page: Any, item: str) -> Any:
    return page.locator(f'[data-item="flask-sessions/{item}"]')


def assert_axe_clean(page: Any, state: str) -> None:
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(f"{n['html'][:90]} {n.get('failureSummary', '')[-120:]}" for n in v["nodes"])
        for v in bad
    )
    assert not bad, f"axe found serious/critical violations ({state}): {report}"


def assert_nothing_overflows(page: Any, state: str) -> None:
    """No text sticks out of its box and the page needs no sideways scrolling."""
    wide = page.evaluate(
        """() => {
          const out = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            const widest = [...document.body.querySelectorAll("*")]
              .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
              .map((el) => [el.tagName, el.className, Math.round(el.getBoundingClientRect().right)])
              .map(([tag, cls, right]) => `${tag}.${cls} ${right}px`);
            out.push(`page ${root.scrollWidth}px > ${root.clientWidth}px: ${widest.slice(0, 6)}`);
          }
          const boxes = "h1, h2, h3, p, label, button, summary, a, th, td, span";
          for (const el of document.querySelectorAll(boxes))
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== "visible")
              out.push(el.outerHTML.slice(0, 80));
          return out;
        }"""
    )
    assert not wide, f"text wider than its box ({state}): {wide}"


def _watch(page: Any, pulse: PulseProcess, kernels: list[LearnerKernel], lang: str) -> None:
    says = SAYS[lang]
    page.get_by_text(says["live"], exact=True).wait_for(timeout=15_000)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.title().startswith(says["title"])
    for number, kernel in enumerate(kernels, 1):
        kernel.do(action="answer", item="remove-key", choices=[number % 2])
        kernel.do(action="answer", item="session-like", choices=[0])
        answered = says["answered"][number - 1]
        _card(page, "remove-key").get_by_text(answered).wait_for(timeout=15_000)
        page.locator("#pulse-learners", has_text=says["learners"][number - 1]).wait_for()
    assert says["right"] in _card(page, "session-like").inner_text()
    prompt = _first_prompt()
    kernels[0].do(action="concepts", item=prompt, checked=[0])
    _card(page, prompt).get_by_text(says["ticked"]).wait_for(timeout=15_000)


def _screens(page: Any, lang: str, screenshot_dir: Path) -> None:
    says = SAYS[lang]
    assert_axe_clean(page, f"{lang}, light")
    assert_nothing_overflows(page, f"{lang}, light")
    page.screenshot(path=str(screenshot_dir / f"pulse-{lang}-light.png"), full_page=True)
    theme = page.get_by_role("button", name=says["theme"])
    theme.click()  # auto -> light -> dark
    theme.click()
    page.locator("html[data-theme='dark']").wait_for()
    assert_axe_clean(page, f"{lang}, dark")
    page.screenshot(path=str(screenshot_dir / f"pulse-{lang}-dark.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})  # a phone: long words must wrap
    assert_nothing_overflows(page, f"{lang}, 390 px wide")
    page.screenshot(path=str(screenshot_dir / f"pulse-{lang}-narrow-dark.png"), full_page=True)
    page.get_by_label(says["projector"]).check()
    page.locator("#pulse-learners-table td", has_text=says["anonymous"]).wait_for(timeout=15_000)
    assert "Ana" not in page.locator("#pulse-learners-table").inner_text()


def test_the_page_in_german_by_lang(
    german_room: tuple[PulseProcess, list[LearnerKernel]],
    browser_context: Any,
    screenshot_dir: Path,
) -> None:
    pulse, kernels = german_room
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{pulse.url}/?token={pulse.instructor_token}&theme=light")
        assert page.locator("#pulse-learners").inner_text() in ("0 Personen", "0 Person")
        _watch(page, pulse, kernels, "de")
        _screens(page, "de", screenshot_dir)
        assert errors == []
    finally:
        page.close()


def test_the_page_in_french_from_the_browsers_language(
    french_room: tuple[PulseProcess, list[LearnerKernel]],
    french_browser: Any,
    screenshot_dir: Path,
) -> None:
    pulse, kernels = french_room
    page = french_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{pulse.url}/?token={pulse.instructor_token}&theme=light")
        _watch(page, pulse, kernels, "fr")
        _screens(page, "fr", screenshot_dir)
        # the browser's delete confirmation speaks French too
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_text("Supprimer les données de la salle").click()
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.once("dialog", on_dialog)
        page.get_by_label("Tapez delete").fill("delete")
        page.get_by_role("button", name="Supprimer", exact=True).click()
        page.wait_for_timeout(200)
        assert dialogs and dialogs[0].startswith("Supprimer tous les apprenants")
        assert pulse.summary()["events"] > 0  # dismissed: nothing deleted
        assert errors == []
    finally:
        page.close()


def _first_prompt() -> str:
    from recall_widgets import load_deck

    deck = load_deck(Path(__file__).resolve().parent.parent.parent / "content/flask-sessions.yaml")
    return deck.prompts[0].id
