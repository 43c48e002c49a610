"""The widgets in German and French (issue 19), in JupyterLab and on a static page.

- Every widget (Flashcards, Quiz with each kind of question, RecallPrompt, Review, Dashboard,
  Exercise) from a deck with ``lang: de`` / ``lang: fr`` (tests/browser/fixtures/i18n-*.yaml):
  its buttons, labels, feedback and counted texts in that language, plurals right for 1 and 2,
  the ``lang`` attribute on the widget and on the deck's content; axe in both themes; a
  screenshot of each widget, light and dark (``build/screenshots/i18n-*.png``).
- The order: a deck's ``lang:`` before ``RECALL_LANG`` before the browser's language (a second
  Chromium with Playwright's ``locale=``), and Python's own texts following the browser's.
- A static page (``export_site``): the same languages with no kernel, the catalogs shipped once.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import use_theme
from playwright.sync_api import Page, expect
from servers import chromium
from test_widgets_browser import assert_axe_clean, collapse_left_sidebar, shoot

from conftest import FIXTURES, NotebookPage, write_notebook
from recall_widgets.publishing.site import export_site

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]

ROOTS = {
    "flashcards": ".recall-flashcards",
    "quiz": ".recall-quiz",
    "prompt": ".recall-recall-prompt",
    "exercise": ".recall-exercise",
    "review": ".recall-review",
    "dashboard": ".recall-dashboard",
}


def widgets_notebook(lang: str) -> list[tuple[str, str]]:
    """Every widget of the ``lang`` deck; two Reviews (1 and 2 items: the counted end texts);
    then the question kinds of kinds-deck.yaml (English content) under ``RECALL_LANG``."""
    deck = f"i18n-{lang}.yaml"
    exercise = {"de": "uebung-summe", "fr": "exercice-somme"}[lang]
    return [
        ("markdown", f"# Every widget in {lang}"),
        (
            "code",
            "import os\n"
            "os.environ.pop('RECALL_LANG', None)\n"
            "from recall_widgets import Dashboard, Exercise, Flashcards, Quiz, RecallPrompt\n"
            "from recall_widgets import Review\n"
            f"STORE = 'i18n-{lang}-progress.sqlite3'\n"
            f"cards = Flashcards({deck!r})\n"
            f"quiz = Quiz({deck!r}, shuffle_choices=False)\n"
            f"prompt = RecallPrompt({deck!r})\n"
            f"exercise = Exercise({deck!r}, {exercise!r})\n"
            f"one = Review({deck!r}, progress=STORE, limit=1)\n"
            f"two = Review({deck!r}, progress=STORE, limit=2)\n"
            f"dashboard = Dashboard({deck!r}, progress=STORE)\n"
            "items, total = [1, 2, 3], 0  # the exercise's cell, one sub-check wrong",
        ),
        ("code", "cards"),
        ("code", "quiz"),
        ("code", "prompt"),
        ("code", "exercise"),
        ("code", "one"),
        ("code", "two"),
        ("code", "dashboard"),
        (
            "code",
            f"os.environ['RECALL_LANG'] = {lang!r}\n"
            "kinds = Quiz('kinds-deck.yaml', shuffle_choices=False)\n"
            "del os.environ['RECALL_LANG']\n"
            "kinds",
        ),
    ]


#: What each language says (the catalogs' words, as a learner reads them).
SAYS: dict[str, dict[str, Any]] = {
    "de": {
        "show": "Antwort zeigen",
        "hide": "Antwort verbergen",
        "ratings": ["1 Nochmal", "2 Schwer", "3 Gut", "4 Einfach"],
        "flashcards": "Lernkarten: Sitzungen und Cookies",
        "level": "Einstieg",
        "check": "Prüfen",
        "next": "Weiter",
        "correct": "✓ Richtig",
        "score": "Punkte: 1/1 (erste Versuche)",
        "summary": "1/1 richtig – nichts zu wiederholen",
        "compare": "Mit den Kernkonzepten vergleichen",
        "answer": "Deine Antwort",
        "got": [
            "Du hast 1 von 2 Kernkonzepten getroffen",
            "Du hast 2 von 2 Kernkonzepten getroffen",
        ],
        "failed": "1 von 2 Prüfungen fehlgeschlagen",
        "hint": "Hinweis 1 von 2 zeigen",
        "solution": "Lösung zeigen",
        "done": ["Fertig: 1 Eintrag wiederholt.", "Fertig: 2 Einträge wiederholt."],
        "review_title": "Verteilte Wiederholung",
        "deck_line": r"^4 Einträge: ",
        "next_review": "Nächste Wiederholung:",
        "progress": "Dein Lernstand",
        "kinds": [
            "Wähle eine Antwort",
            "Gib eine Zahl ein und klicke auf „Prüfen“",
            "Gib deine Antwort ein und klicke auf „Prüfen“",
            "Bring die Zeilen mit ↑ und ↓ in die richtige Reihenfolge (oder Alt+↑ / Alt+↓); "
            "lass die Zeilen weg, die nicht dazugehören",
            "Gib genau ein, was der Code ausgibt, und klicke auf „Prüfen“ (Strg+Eingabe)",
        ],
        "order_tags": {
            "✓ An der richtigen Stelle",
            "✗ Gehört nicht dazu",
            "✗ An der falschen Stelle",
        },
    },
    "fr": {
        "show": "Afficher la réponse",
        "hide": "Masquer la réponse",
        "ratings": ["1 À revoir", "2 Difficile", "3 Correct", "4 Facile"],
        "flashcards": "Cartes mémoire\u202f: Sessions et cookies",
        "level": "débutant",
        "check": "Vérifier",
        "next": "Suivant",
        "correct": "✓ Correct",
        "score": "Score : 1/1 (premières tentatives)",
        "summary": "1/1 bonnes réponses — rien à revoir",
        "compare": "Comparer avec les concepts clés",
        "answer": "Votre réponse",
        "got": ["Vous avez trouvé 1 concept sur 2", "Vous avez trouvé 2 concepts sur 2"],
        "failed": "Vérifications échouées : 1 sur 2",
        "hint": "Afficher l’indice 1 sur 2",
        "solution": "Afficher la solution",
        "done": ["Terminé : 1 élément révisé.", "Terminé : 2 éléments révisés."],
        "review_title": "Révision espacée",
        "deck_line": r"^4 éléments\s:\s",
        "next_review": "Prochaine révision :",
        "progress": "Votre progression",
        "kinds": [
            "Sélectionnez une réponse",
            "Saisissez un nombre, puis cliquez sur « Vérifier »",
            "Saisissez votre réponse, puis cliquez sur « Vérifier »",
            "Remettez les lignes dans l’ordre avec ↑ et ↓ (ou Alt+↑ / Alt+↓) ; écartez celles "
            "qui n’ont rien à y faire",
            "Saisissez exactement ce que le code affiche, puis cliquez sur « Vérifier » "
            "(Ctrl+Entrée)",
        ],
        "order_tags": {"✓ Bien placée", "✗ N’a rien à y faire", "✗ Mal placée"},
    },
}


def fits(page: Page, selector: str) -> None:
    """No button or card face of the widget is wider than its box (long words wrap)."""
    over = page.locator(selector).evaluate(
        """(root) => [...root.querySelectorAll(
                "button, .recall-card, .recall-card-front, .recall-card-back, .recall-content,"
                + " .recall-toolbar, .recall-exercise-title, .recall-review-message")]
            .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.className + ": " + (el.textContent || "").slice(0, 60))"""
    )
    assert not over, f"text overflows its box in {selector}: {over}"


def rate_all(review: Any, says: dict[str, Any], n: int) -> None:
    """Flip and rate Good each of a Review's ``n`` cards, then read its end message."""
    for _ in range(n):
        review.get_by_role("button", name=says["show"]).click()
        review.get_by_role("button", name=says["ratings"][2]).click()
    expect(review.locator(".recall-review-message")).to_contain_text(says["done"][n - 1])


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_every_widget_speaks_the_decks_language(
    lang: str, lab_server: Any, open_notebook: Any, screenshot_dir: Path
) -> None:
    says = SAYS[lang]
    name = f"i18n-{lang}.ipynb"
    write_notebook(lab_server.root / name, widgets_notebook(lang))
    nb = open_notebook(name)
    page = nb.page
    page.set_viewport_size({"width": 640, "height": 1200})  # narrow: long words must wrap
    collapse_left_sidebar(page)
    nb.run_all(expect=".recall-dashboard")
    roots = {key: page.locator(selector).first for key, selector in ROOTS.items()}
    for key, root in roots.items():
        expect(root).to_have_attribute("lang", lang)  # screen readers, hyphenation
        assert root.get_attribute("lang") == lang, key

    # Flashcards: the deck's content marked as the deck's language; the flip and the ratings.
    cards = roots["flashcards"]
    expect(cards).to_have_attribute("aria-label", says["flashcards"])
    expect(cards.locator(".recall-card-front")).to_have_attribute("lang", lang)
    expect(cards.locator(".recall-level")).to_have_text(says["level"])
    cards.get_by_role("button", name=says["show"]).click()
    expect(cards.get_by_role("button", name=says["hide"])).to_be_visible()
    expect(cards.locator(".recall-rate")).to_have_text(says["ratings"])

    # Quiz: check, the verdict, the score and the summary.
    quiz = roots["quiz"]
    quiz.locator("fieldset label").first.click()  # the deck's first choice is the right one
    quiz.get_by_role("button", name=says["check"]).click()
    expect(quiz.locator(".recall-verdict")).to_have_text(says["correct"])
    expect(quiz.locator(".recall-score")).to_have_text(says["score"])
    expect(quiz.locator(".recall-quiz-summary")).to_have_text(says["summary"])

    # RecallPrompt: the counted score follows the concepts ticked (1, then 2).
    prompt = roots["prompt"]
    prompt.get_by_role("textbox", name=says["answer"]).fill("…")
    prompt.get_by_role("button", name=says["compare"]).click()
    boxes = prompt.get_by_role("checkbox")
    boxes.nth(0).check()
    expect(prompt.locator(".recall-result-text")).to_have_text(says["got"][0])
    boxes.nth(1).check()
    expect(prompt.locator(".recall-result-text")).to_have_text(says["got"][1])

    # Exercise: Python runs the check and says how many sub-checks failed, in the language.
    exercise = roots["exercise"]
    expect(exercise.get_by_role("button", name=says["hint"])).to_be_visible()
    exercise.get_by_role("button", name=says["check"], exact=True).click()
    expect(exercise.locator(".recall-exercise-verdict")).to_have_text(
        says["failed"], timeout=30_000
    )
    expect(exercise.get_by_role("button", name=says["solution"])).to_be_visible()

    # Review (1 item, then 2): the end texts count right; its title; the Dashboard after.
    one, two = page.locator(ROOTS["review"]).nth(0), page.locator(ROOTS["review"]).nth(1)
    expect(one.locator(".recall-title")).to_have_text(says["review_title"])
    rate_all(one, says, 1)
    rate_all(two, says, 2)
    dashboard = roots["dashboard"]
    expect(dashboard).to_have_attribute("aria-label", says["progress"])
    expect(dashboard.locator(".recall-dashboard-deck p").first).to_have_text(
        re.compile(says["deck_line"])
    )
    expect(dashboard.locator(".recall-dashboard-next")).to_contain_text(says["next_review"])

    # Every kind of question, by its instructions (Next through the quiz).
    kinds = page.locator(ROOTS["quiz"]).nth(1)
    seen = []
    for i in range(len(says["kinds"])):
        # as a reader sees it: French's narrow no-break spaces read as spaces
        seen.append(" ".join(kinds.locator(".recall-instructions").inner_text().split()))
        if i == 3:  # the order question: check it as it stands, each line says where it is
            kinds.get_by_role("button", name=says["check"]).click()
            tags = set(kinds.locator(".recall-order-tag").all_inner_texts())
            assert tags and tags <= says["order_tags"], tags
        if i < len(says["kinds"]) - 1:
            kinds.get_by_role("button", name=says["next"]).click()
    assert seen == says["kinds"]

    # The second card (the German one has two long compound words), its back on screen.
    cards.get_by_role("button", name=says["next"]).click()
    cards.get_by_role("button", name=says["show"]).click()
    expect(cards.get_by_role("button", name=says["hide"])).to_be_visible()
    try:
        for theme, suffix in (("JupyterLab Light", "light"), ("JupyterLab Dark", "dark")):
            use_theme(page, theme)
            for key, selector in ROOTS.items():
                shoot(
                    page, f"{selector} >> nth=0", screenshot_dir / f"i18n-{lang}-{key}-{suffix}.png"
                )
                fits(page, f"{selector} >> nth=0")
                assert_axe_clean(page, f"{selector}", f"{lang}, {suffix}")
            shoot(
                page,
                f"{ROOTS['quiz']} >> nth=1",
                screenshot_dir / f"i18n-{lang}-kinds-{suffix}.png",
            )
    finally:
        use_theme(page, "JupyterLab Light")


# --------------------------------------------------------------------------------------------
# The order: deck, RECALL_LANG, browser


ORDER_NOTEBOOK = [
    ("markdown", "# Which language"),
    (
        "code",
        "import os\n"
        "from recall_widgets import Flashcards, Review\n"
        "os.environ['RECALL_LANG'] = 'fr'\n"
        "by_deck = Flashcards('i18n-de.yaml')  # the deck's lang: de, before RECALL_LANG\n"
        "by_env = Flashcards('browser-deck.yaml')  # no lang: in the deck, RECALL_LANG=fr\n"
        "del os.environ['RECALL_LANG']\n"
        "by_browser = Flashcards('browser-deck.yaml')  # nothing chosen: the browser's\n"
        "review = Review('browser-deck.yaml', progress='i18n-order-progress.sqlite3')",
    ),
    ("code", "by_deck"),
    ("code", "by_env"),
    ("code", "by_browser"),
    ("code", "review"),
]


@pytest.fixture
def german_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A second Chromium whose language is German (Playwright's ``locale``)."""
    profile = tmp_path_factory.mktemp("chromium-de")
    with chromium(profile, locale="de-DE", reduced_motion="reduce") as context:
        yield context


def open_in(context: Any, server: Any, name: str, layout: list[tuple[str, str]]) -> NotebookPage:
    page = context.new_page()
    nb = NotebookPage(page=page, server=server, name=name, layout=layout)
    page.on("pageerror", lambda error: nb.console_errors.append(f"pageerror: {error}"))
    page.goto(server.notebook_url(name))
    expect(nb.cells.first).to_be_visible(timeout=60_000)
    nb.wait_idle()
    return nb


def test_the_language_comes_from_the_deck_then_recall_lang_then_the_browser(
    lab_server: Any, open_notebook: Any, german_browser: Any
) -> None:
    name = "i18n-order.ipynb"
    write_notebook(lab_server.root / name, ORDER_NOTEBOOK)

    # The suite's browser (English): the deck's German, RECALL_LANG's French, then English.
    nb = open_notebook(name)
    nb.run_all(expect=".recall-review")
    flips = nb.page.locator(".recall-flashcards .recall-flip")
    expect(flips).to_have_text(["Antwort zeigen", "Afficher la réponse", "Show answer"])
    expect(nb.page.locator(".recall-review .recall-title")).to_have_text("Spaced review")
    nb.page.close()
    for session in lab_server.api("GET", "/api/sessions") or []:
        lab_server.api("DELETE", f"/api/sessions/{session['id']}")

    # A German browser: the third speaks German now, and so do Python's own texts in Review
    # (its title and next review), made again in the language the browser wrote back.
    german = open_in(german_browser, lab_server, name, ORDER_NOTEBOOK)
    try:
        german.run_all(expect=".recall-review")
        flips = german.page.locator(".recall-flashcards .recall-flip")
        expect(flips).to_have_text(["Antwort zeigen", "Afficher la réponse", "Antwort zeigen"])
        review = german.page.locator(".recall-review")
        expect(review).to_have_attribute("lang", "de")
        expect(review.locator(".recall-title")).to_have_text("Verteilte Wiederholung")
        expect(review.locator(".recall-review-stage")).to_have_text("Neu")
        assert german.console_errors == []
    finally:
        german.page.close()
        for session in lab_server.api("GET", "/api/sessions") or []:
            lab_server.api("DELETE", f"/api/sessions/{session['id']}")


# --------------------------------------------------------------------------------------------
# A static page


STATIC_NOTEBOOK = [
    ("markdown", "# Static, three languages"),
    (
        "code",
        "from recall_widgets import Flashcards, Quiz, RecallPrompt\n"
        "cards = Flashcards('i18n-de.yaml')\n"
        "prompt = RecallPrompt('i18n-fr.yaml')\n"
        "quiz = Quiz('browser-deck.yaml', shuffle_choices=False)  # no lang: the browser's",
    ),
    ("code", "cards"),
    ("code", "prompt"),
    ("code", "quiz"),
]


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("i18n-static-src")
    for deck in ("i18n-de.yaml", "i18n-fr.yaml", "browser-deck.yaml"):
        shutil.copyfile(FIXTURES / deck, src / deck)
    write_notebook(src / "languages.ipynb", STATIC_NOTEBOOK, display_name="Python 3")
    out = tmp_path_factory.mktemp("i18n-static-site")
    export_site([src / "languages.ipynb"], out, log=lambda _line: None)
    return out


def test_a_static_page_speaks_each_widgets_language(
    static_site: Path, german_browser: Any, browser_context: Any, screenshot_dir: Path
) -> None:
    # a widget whose language is chosen carries that catalog alone, one that lets the browser
    # choose carries them all: three distinct texts (de, fr, all), each one file for the site
    catalogs = sorted((static_site / "static").glob("catalog-*.js"))
    assert len(catalogs) == 3, f"each distinct catalog once for the whole site: {catalogs}"
    texts = [p.read_text(encoding="utf-8") for p in catalogs]
    languages = [re.findall(r'\\"lang\\":\\"(\w+)\\"', text) for text in texts]
    assert sorted(languages) == [["de"], ["de", "fr"], ["fr"]]
    url = (static_site / "languages.html").as_uri()
    for context, browser_says in ((browser_context, "Check"), (german_browser, "Prüfen")):
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        try:
            page.goto(url)
            cards = page.locator(".recall-flashcards")
            expect(cards).to_have_attribute("lang", "de")
            expect(cards.locator(".recall-flip")).to_have_text("Antwort zeigen")
            expect(cards.locator(".recall-card-front")).to_have_attribute("lang", "de")
            prompt = page.locator(".recall-recall-prompt")
            expect(prompt).to_have_attribute("lang", "fr")
            prompt.get_by_role("button", name="Comparer avec les concepts clés").click()
            prompt.get_by_role("checkbox").nth(0).check()
            expect(prompt.locator(".recall-result-text")).to_have_text(
                "Vous avez trouvé 1 concept sur 2"
            )
            prompt.get_by_role("checkbox").nth(1).check()
            expect(prompt.locator(".recall-result-text")).to_have_text(
                "Vous avez trouvé 2 concepts sur 2"
            )
            quiz = page.locator(".recall-quiz")
            expect(quiz.locator(".recall-check")).to_have_text(browser_says)
            # the runtime's own bar speaks the page's first widget's language (the deck's German)
            expect(page.locator(".recall-runtime-download")).to_have_text("Lernstand herunterladen")
            suffix = "en" if browser_says == "Check" else "de"
            page.set_viewport_size({"width": 760, "height": 1400})
            page.screenshot(path=str(screenshot_dir / f"i18n-static-{suffix}.png"), full_page=True)
            for selector in (".recall-flashcards", ".recall-recall-prompt", ".recall-quiz"):
                fits(page, selector)
            assert errors == []
        finally:
            page.close()
