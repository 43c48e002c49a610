"""Which language: BCP 47 tags checked, matched against the shipped ones, and chosen in order.

The order (issue 19): the deck's ``lang:`` or the course config's ``lang`` key, else the
``RECALL_LANG`` environment variable, else the browser's (decided in the front end:
``frontend/src/i18n.js``). English is the source language: it is always available.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

__all__ = [
    "ENV_VAR",
    "SOURCE_LANGUAGE",
    "best_match",
    "env_language",
    "is_language_tag",
    "resolve_language",
]

SOURCE_LANGUAGE = "en"
"""The language of the msgids: shown when no catalog matches."""
ENV_VAR = "RECALL_LANG"
"""The environment variable naming the learner's language (``RECALL_LANG=de``)."""

_TAG = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language (extlang)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$",  # private use
    re.IGNORECASE,
)
_LANGUAGE_WORDS = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "italian": "it",
}


def is_language_tag(text: str) -> bool:
    """Whether ``text`` is a well-formed BCP 47 language tag (``de``, ``fr-CA``, ``zh-Hant``).

    A tag's language subtag is 2–3 letters (4–8 are reserved or registered, and refused here
    when they are an English word for a language, such as ``german``).
    """
    if not _TAG.match(text):
        return False
    first = text.split("-", 1)[0].lower()
    return len(first) <= 3


def suggest_tag(text: str) -> str | None:
    """The tag meant by a language's name (``german`` → ``de``), when it is one we know."""
    return _LANGUAGE_WORDS.get(text.strip().lower())


def _normal(tag: str) -> str:
    return tag.replace("_", "-").lower()


def best_match(wanted: str, available: Iterable[str]) -> str:
    """The available language closest to ``wanted``: the tag itself, else its language alone
    (``de-AT`` → ``de``), else English."""
    by_normal = {_normal(a): a for a in available}
    tag = _normal(wanted)
    if tag in by_normal:
        return by_normal[tag]
    base = tag.split("-", 1)[0]
    if base in by_normal:
        return by_normal[base]
    return SOURCE_LANGUAGE


def env_language() -> str:
    """``RECALL_LANG`` when set to a well-formed tag (a POSIX ``de_DE.UTF-8`` is read as
    ``de-DE``), else ``""``."""
    value = os.environ.get(ENV_VAR, "").strip()
    value = value.split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    return value if value and is_language_tag(value) else ""


def resolve_language(*candidates: str | None) -> str:
    """The first non-empty candidate (the deck's ``lang:``, the course's ``lang``), else
    ``RECALL_LANG``, else ``""``: no choice made, the browser decides."""
    for candidate in candidates:
        if candidate:
            return candidate
    return env_language()
