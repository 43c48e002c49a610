"""CLDR plural rules for counts, evaluated in Python the way ``Intl.PluralRules`` does.

The compiled catalogs carry each language's rules as Babel writes them from CLDR
(``{"one": "i in 1 and v in 0"}``); the front end picks a message's form with the browser's
``Intl.PluralRules(lang)``, Python with :func:`plural_category` on the same rules, so both show
the same form (``tests/i18n/test_plurals.py`` compares them for n = 0..200). Counts are whole
numbers: the operands are n = i = |count|, v = w = f = t = c = e = 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["CATEGORIES", "plural_category"]

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, in CLDR's (and gettext index) order; ``other`` is always there."""

_RELATION = re.compile(
    r"^\s*(?P<operand>[niftvwce])\s*(?:(?:mod|%)\s*(?P<mod>\d+))?\s*"
    r"(?P<op>not\s+in|not\s+within|!=|=|in|within|is\s+not|is)\s*(?P<ranges>[\d.,\s]+)$"
)


def _ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split(","):
        low, _, high = part.strip().partition("..")
        ranges.append((int(low), int(high or low)))
    return ranges


@lru_cache(maxsize=256)
def _relation(text: str) -> tuple[str, int | None, bool, tuple[tuple[int, int], ...]]:
    match = _RELATION.match(text)
    if match is None:
        raise ValueError(f"not a CLDR plural relation: {text!r}")
    op = " ".join(match["op"].split())
    negated = op in ("not in", "not within", "!=", "is not")
    mod = int(match["mod"]) if match["mod"] else None
    return match["operand"], mod, negated, tuple(_ranges(match["ranges"]))


def _holds(relation: str, n: int) -> bool:
    operand, mod, negated, ranges = _relation(relation)
    value = n if operand in "ni" else 0
    if mod is not None:
        value %= mod
    inside = any(low <= value <= high for low, high in ranges)
    return inside != negated


def _matches(rule: str, n: int) -> bool:
    rule = rule.split("@", 1)[0]  # CLDR's sample lists (@integer …), if any
    return any(
        all(_holds(relation, n) for relation in re.split(r"\band\b", alternative))
        for alternative in re.split(r"\bor\b", rule)
        if alternative.strip()
    )


def plural_category(rules: Mapping[str, str], n: int) -> str:
    """The CLDR category of the count ``n`` under ``rules`` (category → rule), else ``other``.

    >>> plural_category({"one": "i in 1 and v in 0"}, 1)
    'one'
    >>> plural_category({"one": "i in 0..1"}, 0)
    'one'
    """
    count = abs(int(n))
    for category in CATEGORIES:
        rule = rules.get(category)
        if rule and _matches(rule, count):
            return category
    return "other"
