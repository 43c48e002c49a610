"""JSON read with the line and column of every value and key, for messages that point at them.

Python's :mod:`json` says where a syntax error is but not where a good value was; an importer
that reports "question 3, field 'type'" must also say on which line. :func:`parse_json` reads
strict JSON (RFC 8259: no comments, no trailing commas, no ``NaN``) into :class:`Located`
values. Strings are decoded by :func:`json.decoder.scanstring`, numbers as :mod:`json` does
(``int`` for integers, ``float`` otherwise). A key written twice keeps its last value, as the
peers' ``JSON.parse`` does; :attr:`Located.repeated` lists the earlier ones so the importer can
say so.
"""

from __future__ import annotations

import json.decoder
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["JsonSyntaxError", "Located", "parse_json"]

_scanstring: Any = getattr(json.decoder, "scanstring")  # noqa: B009 - untyped in typeshed
_NUMBER_RE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SPACE = " \t\n\r"
_WORDS = {"true": True, "false": False, "null": None}
_MAX_DEPTH = 200


class JsonSyntaxError(ValueError):
    """Text that is not JSON: ``line`` and ``column`` (1-based) say where, ``message`` what."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Located:
    """A JSON value and where it starts (1-based line and column).

    ``value`` is a ``dict[str, Located]`` for an object, a ``list[Located]`` for an array and
    the plain value (``str``, ``int``, ``float``, ``bool``, ``None``) otherwise. ``keys``
    holds, for an object, the position of each key; ``repeated`` the keys written twice.
    """

    value: Any
    line: int
    column: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    repeated: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def where(self) -> tuple[int, int]:
        """``(line, column)`` of the value."""
        return self.line, self.column

    def key_at(self, key: str) -> tuple[int, int]:
        """Where ``key`` is written in this object (the object's own place if it is not)."""
        return self.keys.get(key, self.where)

    def plain(self) -> Any:
        """The value as :func:`json.loads` would return it."""
        if isinstance(self.value, dict):
            return {key: item.plain() for key, item in self.value.items()}
        if isinstance(self.value, list):
            return [item.plain() for item in self.value]
        return self.value


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, index: int) -> tuple[int, int]:
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= index:
                low = middle
            else:
                high = middle - 1
        return low + 1, index - self.line_starts[low] + 1

    def fail(self, message: str, index: int) -> JsonSyntaxError:
        return JsonSyntaxError(message, *self.position(index))

    def skip(self, index: int) -> int:
        text = self.text
        while index < len(text) and text[index] in _SPACE:
            index += 1
        return index

    def found(self, index: int) -> str:
        if index >= len(self.text):
            return "the end of the file"
        return repr(self.text[index])

    def value(self, index: int, depth: int) -> tuple[Located, int]:
        index = self.skip(index)
        if depth > _MAX_DEPTH:
            raise self.fail(f"nested more than {_MAX_DEPTH} levels deep", index)
        line, column = self.position(index)
        text = self.text
        char = text[index] if index < len(text) else ""
        if char == "{":
            return self.object(index, depth)
        if char == "[":
            return self.array(index, depth)
        if char == '"':
            string, end = self.string(index)
            return Located(string, line, column), end
        for word, meaning in _WORDS.items():
            if text.startswith(word, index):
                return Located(meaning, line, column), index + len(word)
        match = _NUMBER_RE.match(text, index)
        if match:
            number = match.group()
            plain = float(number) if any(c in number for c in ".eE") else int(number)
            return Located(plain, line, column), match.end()
        raise self.fail(
            f"expected a value (text in double quotes, a number, true, false, "
            f"null, [ or {{); found {self.found(index)}",
            index,
        )

    def string(self, index: int) -> tuple[str, int]:
        try:
            decoded: tuple[str, int] = _scanstring(self.text, index + 1, True)
            return decoded
        except json.JSONDecodeError as error:
            raise self.fail(error.msg.lower(), error.pos) from None

    def object(self, index: int, depth: int) -> tuple[Located, int]:
        line, column = self.position(index)
        members: dict[str, Located] = {}
        result = Located(members, line, column)
        index = self.skip(index + 1)
        if self.text.startswith("}", index):
            return result, index + 1
        while True:
            index = self.skip(index)
            if not self.text.startswith('"', index):
                raise self.fail(
                    f"expected a key in double quotes; found {self.found(index)}"
                    + self._trailing_comma(index, "}"),
                    index,
                )
            key_place = self.position(index)
            key, index = self.string(index)
            index = self.skip(index)
            if not self.text.startswith(":", index):
                raise self.fail(
                    f"expected ':' after the key {key!r}; found {self.found(index)}", index
                )
            item, index = self.value(index + 1, depth + 1)
            if key in members:
                result.repeated.append((key, *result.keys[key]))
            members[key] = item
            result.keys[key] = key_place
            index = self.skip(index)
            if self.text.startswith(",", index):
                index += 1
                continue
            if self.text.startswith("}", index):
                return result, index + 1
            raise self.fail(
                f"expected ',' or '}}' after the value of {key!r}; found {self.found(index)}", index
            )

    def array(self, index: int, depth: int) -> tuple[Located, int]:
        line, column = self.position(index)
        items: list[Located] = []
        index = self.skip(index + 1)
        if self.text.startswith("]", index):
            return Located(items, line, column), index + 1
        while True:
            start = self.skip(index)
            if self.text.startswith("]", start) and items:
                raise self.fail("a ',' before ']': JSON allows no trailing comma", start)
            item, index = self.value(index, depth + 1)
            items.append(item)
            index = self.skip(index)
            if self.text.startswith(",", index):
                index += 1
                continue
            if self.text.startswith("]", index):
                return Located(items, line, column), index + 1
            raise self.fail(
                f"expected ',' or ']' after item {len(items)} of the list; found "
                f"{self.found(index)}",
                index,
            )

    def _trailing_comma(self, index: int, close: str) -> str:
        if self.text.startswith(close, index):
            return " (a ',' before it: JSON allows no trailing comma)"
        return ""


def parse_json(text: str) -> Located:
    """Parse JSON text (a leading byte-order mark is allowed), with every value's position.

    Raises :class:`JsonSyntaxError` at the first problem.

    Example
    -------
    >>> doc = parse_json('[{"front": "x",\\n  "back": "y"}]')
    >>> card = doc.value[0]
    >>> card.value["back"].where, card.key_at("back")
    ((2, 11), (2, 3))
    """
    reader = _Reader(text.removeprefix("\ufeff"))
    if not reader.text.strip(_SPACE):
        raise JsonSyntaxError("the file is empty; expected a JSON list", 1, 1)
    value, index = reader.value(0, 0)
    index = reader.skip(index)
    if index < len(reader.text):
        raise reader.fail(f"more after the end of the JSON value: {reader.found(index)}", index)
    return value
