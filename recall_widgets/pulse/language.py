"""The instructor's page's language (issue 19): which one, and the texts the template needs.

The page speaks, first found first: the language the pulse was started with (``--lang``, else
the course config's ``lang``, else ``RECALL_LANG``: ``recall-widgets pulse`` resolves them),
else the instructor's browser (``Accept-Language``, its first language the ``pulse`` domain
ships), else English. Its texts are the ``pulse`` domain (``i18n/locale/pulse.cfg``).
"""

from __future__ import annotations

import json
from typing import Any

import tornado.escape

from ..i18n.catalog import CONTEXT_SEPARATOR, Translator, format_message, load_catalogs
from ..i18n.languages import SOURCE_LANGUAGE, best_match

__all__ = ["DOMAIN", "accept_languages", "html_text", "page_language", "pt_text", "script_json"]

DOMAIN = "pulse"
"""The page's catalogs' domain."""


def accept_languages(header: str) -> list[str]:
    """The languages of an ``Accept-Language`` header, most wanted first (as tornado's
    ``get_browser_locale`` reads it: ``q`` weights, ties in the header's order, ``q=0`` and
    ``*`` left out)."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            wanted.append((-quality, index, tag))
    return [tag for _q, _i, tag in sorted(wanted)]


def page_language(chosen: str, accept_language: str) -> str:
    """The shipped language the page speaks: ``chosen`` (``--lang``, the course's, or
    ``RECALL_LANG``; ``de-AT`` speaks ``de``), else the first of ``accept_language`` the page
    speaks (one it does not, such as ``es``, is passed over), else English."""
    shipped = [SOURCE_LANGUAGE, *load_catalogs(DOMAIN)]
    if chosen:
        return best_match(chosen, shipped)
    for wanted in accept_languages(accept_language):
        found = best_match(wanted, shipped)
        if found != SOURCE_LANGUAGE or wanted.lower().split("-")[0] == SOURCE_LANGUAGE:
            return found
    return SOURCE_LANGUAGE


def pt_text(tr: Translator, context: str, msgid: str, **values: Any) -> str:
    """``msgid`` said in ``context`` (a short word such as "all" or "auto"), as the catalogs
    key it: ``context`` + ``\\x04`` + ``msgid``."""
    key = f"{context}{CONTEXT_SEPARATOR}{msgid}"
    found = tr.t(key)
    return format_message(msgid if found == key else found, values)


def html_text(text: str, **markup: str) -> str:
    """``text`` escaped as HTML, then its ``{name}`` placeholders filled with ``markup`` (HTML
    the template made: a translation never brings markup of its own)."""
    return format_message(tornado.escape.xhtml_escape(text), markup)


def script_json(data: Any) -> str:
    """JSON that can stand inside ``<script type="application/json">`` (no ``</script>``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
