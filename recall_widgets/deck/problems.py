"""A deck file's problems: :class:`Problem` (one line each) and :class:`ContentError`.

Every module of the loader reports through these: a problem names the file, line and column,
the item and field, and says what is wrong and what is allowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ContentError", "DeckNotFoundError", "Loc", "Problem", "content_error", "line_column"]

Loc = tuple[str | int, ...]
"""A place in a deck's data: keys and list indexes from the top, e.g. ``("cards", 2, "front")``."""


@dataclass(frozen=True)
class Problem:
    """One problem in a deck file; ``str(problem)`` is the line the command line prints.

    Parameters
    ----------
    file : the file name as given.
    line, column : 1-based position, or None when unknown.
    item : which item, e.g. ``card #3 'session-object'`` or ``question #2, choice #1``.
    field : the key concerned, e.g. ``front``.
    message : what is wrong and what is allowed.
    """

    file: str
    line: int | None
    column: int | None
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        what = ", ".join(
            p for p in (self.item, f"field '{self.field}'" if self.field else None) if p
        )
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


class ContentError(Exception):
    """A deck file is invalid. ``.problems`` lists every problem; ``str()`` prints one per line.

    Example
    -------
    >>> from recall_widgets.deck.loader import parse_deck
    >>> try:
    ...     parse_deck("deck: x\\ntitle: X\\n", "x.yaml")
    ... except ContentError as error:
    ...     print(error)
    x.yaml:1:1: the deck has no items; add at least one of cards, questions or prompts
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DeckNotFoundError(FileNotFoundError):
    """A path given to the loader does not exist (a usage error, not a content error)."""


def content_error(file: str, message: str, mark: tuple[int, int] | None = None) -> ContentError:
    """A :class:`ContentError` with one problem about the whole file (at ``mark``, if given)."""
    line, column = mark if mark else (None, None)
    return ContentError([Problem(file, line, column, None, None, message)])


def line_column(obj: Any) -> tuple[int, int]:
    """The 1-based (line, column) of a YAML node or mark."""
    mark = obj.start_mark if hasattr(obj, "start_mark") else obj
    return mark.line + 1, mark.column + 1
