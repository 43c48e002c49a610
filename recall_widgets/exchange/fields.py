"""One object of a peer's file being read: its fields, typed, with problems at their place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .positions import Located

if TYPE_CHECKING:
    from .importing import Reader

__all__ = ["Fields", "describe", "entries"]


def describe(value: object) -> str:
    """A JSON value in words, for messages: ``the text 'x'``, ``a list``, ``true``…"""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the number {value}"


def is_number(value: object) -> bool:
    """A JSON number (not true or false)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


#: The keys that tell each peer's objects apart, for a file read with the wrong ``--from``.
SIGNS = {"jupyterquiz": ("question", "answers"), "jupytercards": ("front", "back")}


def entries(root: Located, reader: Reader, what: str, peer: str) -> list[Located]:
    """The objects of a peer's file: its list, or the one object it holds (none, after an
    error, when it is not one, or when it is the other peer's file)."""
    found = [root] if isinstance(root.value, dict) else root.value
    first = found[0] if isinstance(found, list) and found else None
    if first is not None and isinstance(first.value, dict):
        for other, signs in SIGNS.items():
            theirs = all(k in first.value for k in signs)
            if other != peer and theirs and not any(k in first.value for k in SIGNS[peer]):
                keys = " and ".join(f"'{k}'" for k in signs)
                reader.error(
                    first.where,
                    "",
                    None,
                    f"this is a {other} file (its objects "
                    f"have {keys}); import it with --from {other}",
                )
                return []
    if isinstance(root.value, dict):
        return [root]
    if not isinstance(root.value, list):
        reader.error(
            root.where,
            "",
            None,
            f"expected a list of {what}s ([{{...}}, ...]); found {describe(root.value)}",
        )
        return []
    if not root.value:
        reader.error(root.where, "", None, f"the list of {what}s is empty")
    return list(root.value)


class Fields:
    """An object of a peer's file (a question, an answer, a card) and where it is.

    Each getter returns the field's :class:`Located` value, or None when it is missing or
    of the wrong type; a wrong type is an error at the value, a missing required field an
    error at the object. :attr:`failed` tells whether reading it found an error.
    """

    def __init__(self, located: Located, where: str, reader: Reader) -> None:
        self.located = located
        self.where = where
        self.reader = reader
        self.values: Mapping[str, Located] = located.value
        self._errors_before = len(reader.errors)

    @property
    def failed(self) -> bool:
        """True when an error was reported since this object was read."""
        return len(self.reader.errors) > self._errors_before

    def error(self, key: str | None, message: str, at: Located | None = None) -> None:
        """Stop the import: ``message`` at ``at``, else at ``key``, else at the object."""
        self.reader.error(self._place(key, at), self.where, key, message)

    def note(self, key: str | None, message: str, at: Located | None = None) -> None:
        """Note what could not be carried (the import goes on)."""
        self.reader.note(self._place(key, at), self.where, key, message)

    def _place(self, key: str | None, at: Located | None) -> tuple[int, int]:
        if at is not None:
            return at.where
        if key is not None and key in self.values:
            return self.values[key].where
        return self.located.where

    def check_keys(self, known: Mapping[str, str], peer: str) -> None:
        """Note each key the peer does not document (and each key written twice)."""
        self.reader.unknown_keys(self.located, known, self.where, peer)

    def _typed(self, key: str, fits: bool, wanted: str, required: bool) -> Located | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.error(None, f"no '{key}'; {wanted} is needed here")
            return None
        if not fits:
            self.error(key, f"'{key}' must be {wanted}; found {describe(value.value)}")
            return None
        return value

    def text(self, key: str, *, required: bool = False) -> Located | None:
        """A text field."""
        value = self.values.get(key)
        return self._typed(key, value is None or isinstance(value.value, str), "text", required)

    def boolean(self, key: str, *, required: bool = False) -> Located | None:
        """A field that is true or false."""
        value = self.values.get(key)
        fits = value is None or isinstance(value.value, bool)
        return self._typed(key, fits, "true or false", required)

    def number(self, key: str, *, required: bool = False) -> Located | None:
        """A number field."""
        value = self.values.get(key)
        return self._typed(key, value is None or is_number(value.value), "a number", required)

    def objects(self, key: str, what: str) -> list[Fields] | None:
        """A required list of objects, each as :class:`Fields` named ``<where>, <what> N``."""
        value = self.values.get(key)
        if value is None:
            self.error(None, f"no '{key}'; a list of {what}s is needed here")
            return None
        if not isinstance(value.value, list):
            self.error(key, f"'{key}' must be a list of {what}s; found {describe(value.value)}")
            return None
        out = []
        for number, item in enumerate(value.value, 1):
            where = f"{self.where}, {what} {number}"
            if isinstance(item.value, dict):
                out.append(Fields(item, where, self.reader))
            else:
                article = "an" if what[:1] in "aeiou" else "a"
                found = describe(item.value)
                self.reader.error(
                    item.where,
                    where,
                    None,
                    f"{article} {what} is an object ({{...}}); found {found}",
                )
        return out if len(out) == len(value.value) else None
