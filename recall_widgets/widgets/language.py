"""The language a widget speaks, and the deck's language its content carries (issue 19).

Every widget of the engine mixes in :class:`Localized`: the synced ``lang`` (chosen in Python:
the decks' ``lang:``, else the course config's ``lang``, else ``RECALL_LANG``; ``""`` when none
is known), ``content_lang`` (the decks' declared language, the ``lang`` attribute of their
content), ``browser_lang`` (written by the front end when ``lang`` is ``""``: the browser's
choice) and ``_i18n``, the compiled catalogs of the ``widgets`` domain the front end reads
(``frontend/src/i18n.js``). Texts Python makes for the widget come from :attr:`Localized._tr`;
when the browser's language arrives, :meth:`Localized._relocalize` makes them again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import traitlets

from ..deck.model import Deck
from ..i18n.catalog import Translator, catalogs_json, translator
from ..i18n.languages import resolve_language

__all__ = ["Localized", "course_language", "deck_languages"]


@lru_cache(maxsize=32)
def _course_language_in(folder: str) -> str:
    from ..deck.course import CourseError, CourseNotFound, find_course

    try:
        return find_course(folder).lang or ""
    except (CourseNotFound, CourseError, OSError):
        return ""


def course_language() -> str:
    """The ``lang`` key of the course config found from the working folder (``""``: none)."""
    return _course_language_in(os.getcwd())


def deck_languages(decks: Sequence[Deck]) -> tuple[str, str]:
    """``(lang, content_lang)`` for a widget showing ``decks``.

    ``content_lang`` is the decks' declared ``lang:`` when they agree (``""`` otherwise);
    ``lang`` is that, else the course's ``lang``, else ``RECALL_LANG``, else ``""``.
    """
    declared = {deck.lang for deck in decks}
    content = declared.pop() if len(declared) == 1 else None
    return resolve_language(content, course_language()), content or ""


class Localized(traitlets.HasTraits):
    """The language traits of a widget (see the module's docstring)."""

    lang = traitlets.Unicode(
        "",
        help="The language the widget speaks (a BCP 47 tag), as Python chose it: the decks' "
        "`lang:`, the course's `lang`, or RECALL_LANG; '' lets the browser decide.",
    ).tag(sync=True)
    content_lang = traitlets.Unicode(
        "", help="The decks' declared language: the `lang` attribute of their content; '' for none."
    ).tag(sync=True)
    browser_lang = traitlets.Unicode(
        "",
        help="Written by the front end when `lang` is '': the shipped language the browser "
        "chose, in which Python then makes its texts.",
    ).tag(sync=True)
    _i18n = traitlets.Unicode(
        help="The compiled catalogs of the `widgets` domain (JSON): the chosen language's, or "
        "every shipped language when the browser chooses."
    ).tag(sync=True)

    def _init_language(self, decks: Sequence[Deck], lang: str | None = None) -> dict[str, Any]:
        """The language traits for a widget of ``decks`` (``lang=`` given by the author wins)."""
        chosen, content = deck_languages(decks)
        speaks = lang or chosen
        # A language chosen here: its catalog alone (none for English), so a notebook's saved
        # widget state carries one language, not all. Else every shipped one: the browser
        # chooses. On a static site each distinct text is one file, shared by every widget.
        catalogs = catalogs_json("widgets", lang=speaks or None)
        return {"lang": speaks, "content_lang": content, "_i18n": catalogs}

    @property
    def _tr(self) -> Translator:
        """The translator of the language the widget speaks (English until one is known)."""
        return translator(self.lang or self.browser_lang)

    _language_ready = False
    """Set by a widget once its texts are made: a change of language before only sets it."""

    @traitlets.observe("browser_lang", "lang")
    def _language_changed(self, change: dict[str, Any]) -> None:
        if self._language_ready and (change["name"] == "lang" or not self.lang):
            self._relocalize()

    def _relocalize(self) -> None:
        """Make the texts Python shows again, in the language now known (subclasses)."""


def locale_path() -> Path:
    """The engine's catalogs' folder (for a course's own domain, see docs/translating.md)."""
    from ..i18n.catalog import LOCALE

    return LOCALE
