"""Where a problem is: from a location in the deck's data to its item, field, line and column.

:class:`Report` collects the problems of one file. Lines are looked up only when there is a
problem, by descending the node tree along the location (or, for what the walk refused, by
indexing every node once), so loading a good deck costs nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .messages import (
    LIST_ENTRY,
    SECTIONS,
    describe_value,
    field_names,
    is_plain_concept_text,
    missing_message,
    quote_hint,
    quoted,
    unknown_key_message,
    value_message,
)
from .model import Concept
from .problems import Loc, Problem, line_column

if TYPE_CHECKING:
    from .validate import TypeProblem

__all__ = ["Report"]


class Report:
    """Collects problems and finds their lines by descending the node tree (only on error)."""

    def __init__(self, filename: str, root: Node, data: dict[str, Any]) -> None:
        self.filename, self.root, self.data = filename, root, data
        self.problems: list[Problem] = []
        self._locs: dict[int, tuple[Loc, bool]] | None = None

    def sorted(self) -> list[Problem]:
        """The problems, each once, in the order of their lines."""
        unique = dict.fromkeys(self.problems)
        return sorted(unique, key=lambda p: (p.line or 0, p.column or 0))

    def add(self, loc: Loc, message: str, node: Node | None, *, key: bool = False) -> None:
        """A problem about the value at ``loc`` (its key, ``key=True``), at ``node``'s line."""
        item, field, prefix = self._describe_loc(loc, key=key)
        line, column = line_column(node) if node is not None else (None, None)
        self.problems.append(Problem(self.filename, line, column, item, field, prefix + message))

    def add_node(self, node: Node, message: str) -> None:
        """A problem the walk found at ``node`` (its location is looked up once, here)."""
        if self._locs is None:
            self._locs = {}
            _index(self.root, (), self._locs, set())
        loc, is_key = self._locs.get(id(node), ((), False))
        self.add(loc, message, node, key=is_key)

    def add_type_problem(self, problem: TypeProblem) -> None:
        """A value the model's types refuse, as a problem with its line and message."""
        loc, kind, value = problem.loc, problem.kind, problem.value
        if kind == "missing":
            self.add(loc, missing_message(loc), self.node_at(loc[:-1]))
            return
        if kind == "extra_forbidden":
            self.add(loc, unknown_key_message(loc), self.node_at(loc, key=True), key=True)
            return
        node = self.node_at(loc)
        if is_plain_concept_text(loc, self.data) and kind == "string_type":
            message = (
                "expected a concept: Markdown text, or a mapping with the keys "
                f"{field_names(Concept)}; found {describe_value(value, node)}"
                f"{quote_hint(value, node)}"
            )
        else:
            message = value_message(problem, node)
        self.add(loc, message, node)

    def _describe_loc(self, loc: Loc, *, key: bool) -> tuple[str | None, str | None, str]:
        """Split a location into (item, field, message prefix)."""
        parts: list[str] = []
        field: str | None = None
        prefix = ""
        data: Any = self.data
        rest = list(loc[:-1] if key else loc)
        if key:
            field = str(loc[-1])
        i = 0
        while i < len(rest):
            part = rest[i]
            nxt = rest[i + 1] if i + 1 < len(rest) else None
            if isinstance(part, str) and isinstance(nxt, int) and part in SECTIONS:
                entry = _get(data, part, nxt)
                label = f"{SECTIONS[part]} #{nxt + 1}"
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    label += f" {quoted(entry['id'])}"
                parts.append(label)
                data = entry
                i += 2
            elif part == "choices" and isinstance(nxt, int):
                parts.append(f"choice #{nxt + 1}")
                data = _get(data, part, nxt)
                i += 2
            elif (
                part == "concepts"
                and isinstance(nxt, int)
                and isinstance(_get(data, part, nxt), dict)
            ):
                # a concept written as a mapping {text, evidence}: name it like a choice
                parts.append(f"concept #{nxt + 1}")
                data = _get(data, part, nxt)
                i += 2
            elif isinstance(part, str) and field is None:
                field = part
                if isinstance(nxt, int):
                    prefix = f"{LIST_ENTRY.get(part, 'entry')} #{nxt + 1}: "
                    i += 1
                i += 1
            else:
                i += 1
        return (", ".join(parts) or None), field, prefix

    def node_at(self, loc: Loc, *, key: bool = False) -> Node:
        """The node at ``loc`` (its key node with ``key=True``), or the deepest one found."""
        node = self.root
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, MappingNode):
                match = next(
                    (
                        (k, v)
                        for k, v in node.value
                        if isinstance(k, ScalarNode) and k.value == part
                    ),
                    None,
                )
                if match is None:
                    return node
                node = match[0] if key and last else match[1]
            elif (
                isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value)
            ):
                node = node.value[part]
            else:
                return node
        return node


def _index(node: Node, loc: Loc, locs: dict[int, tuple[Loc, bool]], seen: set[int]) -> None:
    """Map each node's identity to its location, and whether it is a mapping key."""
    locs.setdefault(id(node), (loc, False))
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                locs.setdefault(id(k), ((*loc, k.value), True))
                _index(v, (*loc, k.value), locs, seen)
            else:  # a list or mapping as a key: report it at the mapping
                locs.setdefault(id(k), (loc, False))
    elif isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*loc, i), locs, seen)


def _get(data: Any, key: str, index: int) -> Any:
    seq = data.get(key) if isinstance(data, dict) else None
    return seq[index] if isinstance(seq, tuple) and index < len(seq) else None
