"""The language a widget speaks: the deck's `lang:`, else the course's `lang`, else RECALL_LANG,
else the browser's (written back by the front end); Python's own texts follow it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Dashboard, Deck, Flashcards, Quiz, RecallPrompt, Review, load_deck
from recall_widgets.deck.course import CourseError, find_course
from recall_widgets.deck.problems import ContentError
from recall_widgets.widgets.review import end_message
from recall_widgets.widgets.views import next_review_text


def deck(lang: str | None = None, deck_id: str = "d") -> Deck:
    data: dict[str, Any] = {
        "deck": deck_id,
        "title": "Karten",
        "cards": [{"id": "c1", "front": "Vorne", "back": "Hinten"}],
        "questions": [
            {
                "id": "q1",
                "prompt": "Welche?",
                "explanation": "Weil.",
                "choices": [{"text": "A", "correct": True}, {"text": "B"}],
            }
        ],
        "prompts": [{"id": "p1", "prompt": "Erkläre.", "concepts": [{"text": "x"}, {"text": "y"}]}],
    }
    if lang:
        data["lang"] = lang
    return Deck.model_validate(data)


@pytest.fixture(autouse=True)
def no_recall_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECALL_LANG", raising=False)


def test_the_decks_lang_is_the_widgets_and_the_contents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECALL_LANG", "fr")  # the deck's comes first
    for widget in (Flashcards(deck("de")), Quiz(deck("de")), RecallPrompt(deck("de"))):
        assert (widget.lang, widget.content_lang) == ("de", "de")
        catalogs = json.loads(widget._i18n)["widgets"]
        assert set(catalogs) == {"de"}  # the chosen language's catalog alone
        assert catalogs["de"]["messages"]["Show answer"] == "Antwort zeigen"


def test_the_catalogs_sent_are_the_chosen_languages_or_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert set(json.loads(Quiz(deck())._i18n)["widgets"]) == {"de", "fr"}  # the browser decides
    monkeypatch.setenv("RECALL_LANG", "fr-CA")
    assert set(json.loads(Quiz(deck())._i18n)["widgets"]) == {"fr"}
    monkeypatch.setenv("RECALL_LANG", "en")
    assert json.loads(Quiz(deck())._i18n)["widgets"] == {}  # English needs no catalog


def test_recall_lang_when_the_deck_says_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECALL_LANG", "fr")
    cards = Flashcards(deck())
    assert (cards.lang, cards.content_lang) == ("fr", "")
    monkeypatch.delenv("RECALL_LANG")
    assert Flashcards(deck()).lang == ""  # none known: the browser decides


def test_the_course_configs_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "course.toml").write_text('title = "Cours"\nlang = "fr"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECALL_LANG", "de")  # the course's comes before RECALL_LANG
    assert find_course(tmp_path).lang == "fr"
    assert Quiz(deck()).lang == "fr"
    assert Quiz(deck("de")).lang == "de"  # and the deck's before the course's


def test_a_course_lang_that_is_not_a_tag(tmp_path: Path) -> None:
    (tmp_path / "course.toml").write_text('title = "K"\nlang = "german"\n', encoding="utf-8")
    with pytest.raises(
        CourseError, match=r"course.toml: lang: expected a BCP 47 .* did you mean 'de'\?"
    ):
        find_course(tmp_path)


def test_a_deck_lang_that_is_not_a_tag(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("deck: d\ntitle: T\nlang: french\ncards:\n  - {id: a, front: x, back: y}\n")
    with pytest.raises(ContentError) as raised:
        load_deck(path)
    assert (
        f"{path}:3:7: field 'lang': 'french' is not a BCP 47 language tag; did you mean 'fr'?"
        in str(raised.value)
    )


def test_decks_of_different_languages_give_no_content_lang(progress_path: Path) -> None:
    review = Review([deck("de", "a"), deck("fr", "b")])
    assert (review.lang, review.content_lang) == ("", "")


def test_python_texts_follow_the_browsers_language(progress_path: Path) -> None:
    review = Review([deck()])
    assert review.next_review.startswith("Next review: none yet.")
    assert "Spaced review" in review.title_html
    review.browser_lang = "de"  # what the front end writes when Python chose none
    assert review.next_review.startswith("Nächste Wiederholung: noch keine.")
    assert review.message == ""  # the queue is on screen; done, it says so in German:
    assert end_message(2, review.next_review, review.new_left, review._tr).startswith(
        "Fertig: 2 Einträge wiederholt. Nächste Wiederholung"
    )
    assert "Verteilte Wiederholung" in review.title_html
    dashboard = Dashboard([deck()])
    dashboard.browser_lang = "fr"
    assert dashboard.legend[0] == {"stage": "new", "label": "Nouveau", "text": "pas encore essayé"}
    assert dashboard.next_review.startswith("Prochaine révision\u202f: aucune pour l’instant.")


def test_a_chosen_language_is_not_overridden_by_the_browser(progress_path: Path) -> None:
    review = Review([deck("fr")])
    review.browser_lang = "de"
    assert review.next_review.startswith("Prochaine révision")


def test_the_end_message_and_next_review_in_german() -> None:
    from recall_widgets.i18n.catalog import translator

    de = translator("de")
    assert (
        end_message(1, "X.", 1, de)
        == "Fertig: 1 Eintrag wiederholt. X. 1 Eintrag noch nicht versucht."
    )
    assert end_message(0, "X.", 2, de) == "Nichts ist fällig. X. 2 Einträge noch nicht versucht."
    import datetime as dt

    at = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
    assert next_review_text(0, at + dt.timedelta(minutes=1), at, de) == (
        "Nächste Wiederholung: in 1 Minute (2025-01-06 09:01 UTC)."
    )
    assert next_review_text(0, at + dt.timedelta(days=3), at, de).startswith(
        "Nächste Wiederholung: in 3 Tagen"
    )
