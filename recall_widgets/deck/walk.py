"""Walking a composed YAML node tree into plain data: dicts, tuples and scalars, nothing else.

PyYAML's own constructors would build whatever a tag asks for; this walk builds only text,
numbers, true/false, dates, lists (as tuples) and mappings, and collects a problem for each
refused tag, duplicate key and key that is not text (the value becomes :data:`REFUSED`), so one
pass reports them all. Nodes keep their line marks: :mod:`.report` looks problems up there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["FENCE_FIX", "REFUSED", "TAG", "Builder", "Refused"]

TAG = "tag:yaml.org,2002:"
"""The prefix of YAML's standard tags (``!!str`` is ``TAG + "str"``)."""
_STR, _MAP, _SEQ, _MERGE = TAG + "str", TAG + "map", TAG + "seq", TAG + "merge"
_SCALAR_KINDS = {
    TAG + "null": "nothing (null)",
    TAG + "bool": "true/false",
    TAG + "int": "a number",
    TAG + "float": "a number",
    TAG + "timestamp": "a date",
}


class Refused:
    """Stands in for a value whose tag was refused (already reported)."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = Refused()
FENCE_FIX = (
    "write the key with | (e.g. 'back: |') and the code block on the lines below it, indented "
    "by two more spaces, without quotes"
)
"""How to write a code block, for every message about one."""
_FENCE = re.compile(r"(?:^|\n)[ \t]*```")
_SMART_MESSAGE = (
    "the value starts with a typographic quote (“ or ‘), which YAML does not read as a quote, "
    'so the curly quotes become part of the text; write straight quotes "..." (or, to '
    "keep the curly quotes, put the whole value in straight quotes: '“...”')"
)
_CONSTRUCTOR = SafeConstructor()
_SCALARS: dict[str, Callable[[Any], Any]] = {
    TAG + "null": _CONSTRUCTOR.construct_yaml_null,
    TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


class Builder:
    """Turns a node tree into dicts, tuples and scalars, collecting problems as it goes."""

    def __init__(self) -> None:
        self.problems: list[tuple[Node, str]] = []

    def build(self, node: Node) -> Any:
        cls, tag = node.__class__, node.tag
        if cls is ScalarNode:
            if tag == _STR:
                value = node.value
                if "```" in value and getattr(node, "style", None):
                    return self._fence(node)
                if value and value[0] in "“‘„" and not getattr(node, "style", None):  # plain
                    self.problems.append((node, _SMART_MESSAGE))
                return value
            construct = _SCALARS.get(tag)
            if construct is None:
                return self._refuse(node)
            try:
                return construct(node)
            except Exception:
                short = tag.replace(TAG, "!!")
                why = f"{node.value!r} is not a valid {short} value; if it is text, quote it"
                return self._refuse(node, why)
        if cls is MappingNode and tag == _MAP:
            result: dict[str, Any] = {}
            build = self.build
            for key_node, value_node in node.value:
                if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                    if key in result:
                        self._duplicate(node.value, key_node)
                    else:
                        result[key] = build(value_node)
                else:
                    self._bad_key(key_node)
            return result
        if cls is SequenceNode and tag == _SEQ:
            return tuple(map(self.build, node.value))
        return self._refuse(node)

    def _fence(self, node: Node) -> Any:
        """A code fence (```) in a folded (>) or quoted value: refused unless it is inline."""
        style = getattr(node, "style", None)
        if style in (">", "'", '"') and (style == ">" or _FENCE.search(node.value)):
            how = (
                "in a folded value (>) renders broken: > joins its lines into one"
                if style == ">"
                else "in a quoted value renders broken: its line breaks are lost or need \\n"
            )
            self.problems.append((node, f"a code block (```) {how}; {FENCE_FIX}"))
            return REFUSED
        return node.value

    def _refuse(self, node: Node, why: str | None = None) -> Refused:
        tag = node.tag if node.tag.startswith("!") else node.tag.replace(TAG, "!!")
        if why is None and node.tag in (_STR, _MAP, _SEQ, *_SCALARS):
            kind = {ScalarNode: "a single value", MappingNode: "a mapping"}.get(
                type(node), "a list"
            )
            why = f"the YAML tag '{tag}' cannot be put on {kind}; remove the tag"
        if why is None:
            danger = " (it would create Python objects)" if "python/" in tag else ""
            why = (
                f"the YAML tag '{tag}' is not allowed{danger}; decks hold only text, numbers, "
                "true/false, lists and mappings: remove the tag"
            )
        self.problems.append((node, why))
        return REFUSED

    def _duplicate(self, pairs: list[tuple[Node, Node]], key_node: ScalarNode) -> None:
        first = next(k for k, _ in pairs if k.__class__ is ScalarNode and k.value == key_node.value)
        self.problems.append(
            (
                key_node,
                f"the key '{key_node.value}' is given twice (first at line "
                f"{first.start_mark.line + 1}); keep only one (YAML would silently drop the first)",
            )
        )

    def _bad_key(self, key_node: Node) -> None:
        if key_node.tag == _MERGE:
            message = "merge keys (<<) are not supported; write the keys out"
        elif isinstance(key_node, ScalarNode) and key_node.tag in _SCALAR_KINDS:
            kind = _SCALAR_KINDS[key_node.tag]
            message = (
                f"keys must be text, but YAML read '{key_node.value}' as {kind}; "
                f"put the key in quotes: '{key_node.value}':"
            )
        else:
            message = (
                "keys must be plain text such as 'front', not lists, mappings or tagged values"
            )
        self.problems.append((key_node, message))
