"""Translations at run time: the compiled JSON catalogs, read without Babel.

A *domain* is one part's strings (``widgets``: everything the engine's widgets and the static
runtime show; ``pulse``: the instructor's page; a course's own, in the course's package). Its
files are ``<locale>/<lang>/<domain>.json``, compiled from the ``.po`` translations by
``make i18n`` (:mod:`.build`). English is the source: a message missing from a catalog (or any
message in English) is its msgid, the plural form by the English rule.

Placeholders are ``{name}``; ``nt`` always passes ``{n}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .languages import SOURCE_LANGUAGE, best_match
from .plurals import plural_category

__all__ = [
    "CONTEXT_SEPARATOR",
    "ENGLISH_RULES",
    "LOCALE",
    "Translator",
    "catalogs_json",
    "format_message",
    "load_catalogs",
    "shipped_languages",
    "translator",
]

LOCALE = Path(__file__).resolve().parent / "locale"
"""The engine's catalogs (domains ``widgets`` and ``pulse``)."""
CONTEXT_SEPARATOR = "\x04"
"""Between a message's context and its msgid in a catalog's keys (as gettext)."""
ENGLISH_RULES = {"one": "i = 1 and v = 0"}
"""English's plural rule (the msgids' language has no catalog)."""


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(text: str, values: Mapping[str, Any]) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]`` (unknown names kept as they are;
    no format specs, no attribute access)."""
    if "{" not in text:
        return text
    out, rest = [], text
    mapping = _Missing(values)
    while rest:
        start = rest.find("{")
        end = rest.find("}", start + 1)
        if start < 0 or end < 0:
            out.append(rest)
            break
        name = rest[start + 1 : end]
        out.append(rest[:start])
        if name.isidentifier():
            out.append(str(mapping[name]))
        else:
            out.append(rest[start : end + 1])
        rest = rest[end + 1 :]
    return "".join(out)


@lru_cache(maxsize=64)
def load_catalogs(domain: str, locale_dir: Path = LOCALE) -> dict[str, dict[str, Any]]:
    """Every compiled catalog of ``domain`` in ``locale_dir``, by language."""
    catalogs: dict[str, dict[str, Any]] = {}
    if not locale_dir.is_dir():
        return catalogs
    for path in sorted(locale_dir.glob(f"*/{domain}.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        catalogs[path.parent.name] = data
    return catalogs


def shipped_languages(domain: str = "widgets", locale_dir: Path = LOCALE) -> list[str]:
    """The languages ``domain`` speaks: English and every compiled catalog."""
    return [SOURCE_LANGUAGE, *(lang for lang in load_catalogs(domain, locale_dir) if lang != "en")]


@lru_cache(maxsize=64)
def catalogs_json(
    domain: str = "widgets", locale_dir: Path = LOCALE, lang: str | None = None
) -> str:
    """The text the front end reads a domain from (a widget's ``_i18n`` trait):
    ``{domain: {lang: catalog}}``, for every shipped language (the browser chooses), or for
    ``lang`` alone when the language is chosen already (none for English)."""
    catalogs = load_catalogs(domain, locale_dir)
    if lang is not None:
        chosen = best_match(lang, [SOURCE_LANGUAGE, *catalogs])
        catalogs = {k: v for k, v in catalogs.items() if k == chosen}
    data = {domain: catalogs}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Translator:
    """One language's messages of one domain.

    Parameters
    ----------
    lang:
        The language wanted (a BCP 47 tag; ``de-AT`` uses ``de``); ``""`` or one not shipped
        is English.
    domain:
        The catalogs' domain.
    locale_dir:
        Where the domain's catalogs are.
    """

    def __init__(self, lang: str, domain: str = "widgets", locale_dir: Path = LOCALE) -> None:
        catalogs = load_catalogs(domain, locale_dir)
        self.lang = best_match(lang or SOURCE_LANGUAGE, [SOURCE_LANGUAGE, *catalogs])
        catalog = catalogs.get(self.lang, {})
        self._messages: Mapping[str, Any] = catalog.get("messages", {})
        self._rules: Mapping[str, str] = catalog.get("plural", ENGLISH_RULES)

    def __repr__(self) -> str:
        return f"Translator(lang={self.lang!r})"

    def _lookup(self, key: str) -> Any:
        return self._messages.get(key)

    def t(self, msgid: str, **values: Any) -> str:
        """The message ``msgid`` in this language, its ``{name}`` placeholders filled."""
        return self._text(msgid, msgid, values)

    def pt(self, context: str, msgid: str, **values: Any) -> str:
        """:meth:`t` for a short text whose meaning needs a context (``pt("rating", "Good")``)."""
        return self._text(f"{context}{CONTEXT_SEPARATOR}{msgid}", msgid, values)

    def nt(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form of a counted message for ``n`` (``{n}`` and the other placeholders filled)."""
        return self._counted(singular, singular, plural, n, values)

    def npt(self, context: str, singular: str, plural: str, n: int, **values: Any) -> str:
        """:meth:`nt` with a context."""
        key = f"{context}{CONTEXT_SEPARATOR}{singular}"
        return self._counted(key, singular, plural, n, values)

    def _text(self, key: str, msgid: str, values: Mapping[str, Any]) -> str:
        found = self._lookup(key)
        return format_message(found if isinstance(found, str) and found else msgid, values)

    def _counted(
        self, key: str, singular: str, plural: str, n: int, values: Mapping[str, Any]
    ) -> str:
        forms = self._lookup(key)
        if isinstance(forms, Mapping) and forms:
            text = forms.get(plural_category(self._rules, n)) or forms.get("other") or singular
        else:
            text = singular if plural_category(ENGLISH_RULES, n) == "one" else plural
        return format_message(text, {"n": n, **values})

    def category(self, n: int) -> str:
        """The CLDR plural category of ``n`` in this language."""
        return plural_category(self._rules, n)


@lru_cache(maxsize=64)
def translator(lang: str, domain: str = "widgets", locale_dir: Path = LOCALE) -> Translator:
    """The (cached) :class:`Translator` of ``lang`` for ``domain``."""
    return Translator(lang, domain, locale_dir)
