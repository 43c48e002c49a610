"""A deck's plain data written as YAML an author can read and edit (``deck/`` knows YAML).

Keys stay in the order given (a deck's own order: ``deck``, ``title``, ``description``,
``cards``, ``questions``; each item's ``id`` first), text with a line break is a literal block
scalar (``|``), long lines are folded at white space, lists of short slugs (``tags``) are
written inline. PyYAML's emitter quotes whatever needs it, so every value reads back as written:
:func:`deck_yaml` is checked against the loader by the importer that uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

__all__ = ["deck_yaml"]

_INLINE_LISTS = frozenset({"tags", "range"})


class _DeckDumper(yaml.SafeDumper):
    """SafeDumper with block scalars for multi-line text and lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> Any:
        """PyYAML's analysis, counting a tab inside a line as text (YAML allows it in a block
        scalar), so code indented with tabs stays a readable block, not a quoted line."""
        analysis = super().analyze_scalar(scalar.replace("\t", " "))
        analysis.scalar = scalar
        return analysis


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


class _Inline(list[Any]):
    """A list written in flow style: ``tags: [a, b]``."""


def _inline(dumper: yaml.SafeDumper, items: _Inline) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_DeckDumper.add_representer(str, _text)
_DeckDumper.add_representer(_Inline, _inline)


def _marked(value: Any, key: str | None = None) -> Any:
    if isinstance(value, Mapping):
        return {k: _marked(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_marked(v) for v in value]
        return _Inline(items) if key in _INLINE_LISTS else items
    return value


def deck_yaml(data: Mapping[str, Any], *, header: str = "") -> str:
    """``data`` (a deck as plain data, keys in the order to write) as YAML text.

    ``header`` is written first as ``#`` comment lines.

    Example
    -------
    >>> print(deck_yaml({"deck": "d", "title": "T", "cards": [
    ...     {"id": "a", "tags": ["x"], "front": "Q?", "back": "line 1\\nline 2"}]}), end="")
    deck: d
    title: T
    cards:
      - id: a
        tags: [x]
        front: Q?
        back: |-
          line 1
          line 2
    """
    body = yaml.dump(
        _marked(data),
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=96,
        indent=2,
    )
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + body
