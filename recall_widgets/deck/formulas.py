"""The deck's rule for math: every ``$…$`` and ``$$…$$`` in a Markdown field is TeX that converts.

Which fields are Markdown is read from the model (a field whose description says
"Markdown"), so a new Markdown field is checked without being listed here. Only texts with a
dollar are parsed, so a deck without math pays one ``in`` test per field; the conversion
itself is :mod:`recall_widgets.tex`'s (the renderer uses the same).
"""

from __future__ import annotations

import functools
from typing import Any

import msgspec.inspect as mi

from .model import Deck
from .problems import Loc
from .report import Report

__all__ = ["check_math", "markdown_fields"]


def _is_markdown(info: mi.Type) -> bool:
    while isinstance(info, mi.Metadata):
        if "Markdown" in str((info.extra_json_schema or {}).get("description", "")):
            return True
        info = info.type
    return False


def _structs(info: mi.Type) -> list[mi.StructType]:
    """The struct types inside a field's type (through metadata, unions and lists)."""
    if isinstance(info, mi.Metadata):
        return _structs(info.type)
    if isinstance(info, mi.StructType):
        return [info]
    if isinstance(info, mi.UnionType):
        return [s for t in info.types for s in _structs(t)]
    if isinstance(info, (mi.VarTupleType, mi.ListType)):
        return _structs(info.item_type)
    return []


@functools.cache
def markdown_fields() -> frozenset[str]:
    """The keys (as written in YAML) of the deck's Markdown fields, at any depth."""
    found: set[str] = set()
    seen: set[type] = set()
    pending = _structs(mi.type_info(Deck))
    while pending:
        struct = pending.pop()
        if struct.cls in seen:
            continue
        seen.add(struct.cls)
        for field in struct.fields:
            if _is_markdown(field.type):
                found.add(field.encode_name)
            pending.extend(_structs(field.type))
    return frozenset(found)


def check_math(data: dict[str, Any], report: Report) -> None:
    """Report each formula in a Markdown field that is not TeX latex2mathml can convert."""
    _walk(data, (), None, report)


def _walk(value: Any, loc: Loc, key: str | None, report: Report) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            if isinstance(name, str):
                _walk(child, (*loc, name), name, report)
    elif isinstance(value, tuple):
        for index, child in enumerate(value):
            _walk(child, (*loc, index), key, report)
    elif isinstance(value, str) and "$" in value and key in markdown_fields():
        from ..tex import math_problems

        for problem in math_problems(value):
            report.add(
                loc,
                f"bad math {problem}; fix the TeX (or write \\$ for a dollar sign)",
                report.node_at(loc),
            )
