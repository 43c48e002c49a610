"""Which language: tags checked, matched to a shipped one, chosen in order."""

from __future__ import annotations

import pytest

from recall_widgets.i18n.catalog import Translator, format_message, shipped_languages, translator
from recall_widgets.i18n.languages import (
    best_match,
    env_language,
    is_language_tag,
    resolve_language,
)


@pytest.mark.parametrize("tag", ["de", "fr", "en-GB", "de-AT", "zh-Hant", "sr-Latn-RS", "es-419"])
def test_well_formed_tags(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize("text", ["german", "Deutsch", "de_DE", "d", "", "de-", "fr--CA", "12"])
def test_malformed_tags(text: str) -> None:
    assert not is_language_tag(text)


def test_the_closest_shipped_language() -> None:
    shipped = shipped_languages()
    assert shipped == ["en", "de", "fr"]
    assert best_match("de-AT", shipped) == "de"
    assert best_match("FR-ca", shipped) == "fr"
    assert best_match("es", shipped) == "en"
    assert translator("de-CH").lang == "de"


def test_the_order_deck_then_course_then_recall_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECALL_LANG", "fr")
    assert resolve_language("de", "en") == "de"  # the deck's
    assert resolve_language(None, "en") == "en"  # the course's
    assert resolve_language(None, "") == "fr"  # RECALL_LANG
    monkeypatch.setenv("RECALL_LANG", "de_DE.UTF-8")  # a POSIX locale is read as its tag
    assert env_language() == "de-DE"
    monkeypatch.setenv("RECALL_LANG", "klingon!")
    assert resolve_language(None) == ""  # not a tag: the browser decides
    monkeypatch.delenv("RECALL_LANG")
    assert resolve_language(None, None) == ""


def test_placeholders_and_fallbacks() -> None:
    assert format_message("{a} and {b}", {"a": 1}) == "1 and {b}"
    assert format_message("{0} {a.b} {}", {"a": 1}) == "{0} {a.b} {}"  # no format syntax
    de = Translator("de")
    assert de.t("Show answer") == "Antwort zeigen"
    assert de.t("A message no catalog has: {x}", x=3) == "A message no catalog has: 3"
    assert de.pt("rating", "Again") == "Nochmal" and de.pt("level", "beginner") == "Einstieg"
    assert translator("fr").t("Cannot read progress: {error}", error="disk") == (
        "Impossible de lire la progression\u202f: disk"
    )
