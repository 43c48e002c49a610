"""What every export shares: the report of what was carried and what not, stable numbers."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from recall_widgets.deck.model import Card, Deck, Exercise, Item, Prompt, Question

__all__ = [
    "ExportError",
    "ExportReport",
    "NotCarried",
    "distinct_decks",
    "item_kind",
    "stable_number",
    "written_atomically",
]


class ExportError(ValueError):
    """An export that cannot be written as asked (two decks with one id, nothing to export)."""


@dataclass(frozen=True)
class NotCarried:
    """Something of a deck the other tool does not receive.

    Parameters
    ----------
    deck, item:
        The deck's id and the item's id (``None`` for the whole deck).
    what:
        What is not carried, in words (``"fuzzy matching (0.85)"``).
    """

    deck: str
    item: str | None
    what: str

    def __str__(self) -> str:
        where = self.deck if self.item is None else f"{self.deck}/{self.item}"
        return f"{where}: {self.what}"


@dataclass
class ExportReport:
    """What an export wrote: counts per kind of item and what could not be carried.

    Parameters
    ----------
    out:
        The file written.
    counts:
        How many of each kind were exported (``card``, ``choice``, ``numeric``, …, ``prompt``,
        ``exercise``), summed over the decks.
    decks:
        The ids of the decks exported, in order.
    not_carried:
        Each thing the other tool does not receive, with its deck and item.

    Example
    -------
    >>> report = ExportReport(out=Path("x.apkg"))
    >>> report.count("card")
    >>> report.summary()
    '1 card'
    """

    out: Path
    counts: dict[str, int] = field(default_factory=dict)
    decks: list[str] = field(default_factory=list)
    not_carried: list[NotCarried] = field(default_factory=list)

    def count(self, kind: str) -> None:
        """Count one exported item of ``kind``."""
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def skip(self, deck: Deck, item: Item | None, what: str) -> None:
        """Record that ``what`` of ``item`` (or of the deck) is not carried."""
        self.not_carried.append(NotCarried(deck.id, None if item is None else item.id, what))

    @property
    def total(self) -> int:
        """How many items (notes, assessment items) were written."""
        return sum(self.counts.values())

    def summary(self) -> str:
        """The counts in words: ``3 cards, 2 choice questions``."""
        parts = [_counted(n, kind) for kind, n in self.counts.items()]
        return ", ".join(parts) if parts else "nothing"

    def grouped(self) -> list[tuple[str, list[str]]]:
        """What was not carried, grouped by what: ``[(what, ["deck/item", …]), …]``."""
        groups: dict[str, list[str]] = {}
        for entry in self.not_carried:
            where = entry.deck if entry.item is None else f"{entry.deck}/{entry.item}"
            groups.setdefault(entry.what, []).append(where)
        return list(groups.items())


_NOUNS = {"card": "card", "prompt": "recall prompt", "exercise": "exercise"}


def _counted(n: int, kind: str) -> str:
    noun = _NOUNS.get(kind, f"{kind} question")
    return f"{n} {noun}{'' if n == 1 else 's'}"


def item_kind(item: Item) -> str:
    """``card``, ``prompt``, ``exercise``, or a question's kind (``choice``, ``numeric``, …)."""
    if isinstance(item, Question):
        return item.kind
    if isinstance(item, Card):
        return "card"
    if isinstance(item, Prompt):
        return "prompt"
    assert isinstance(item, Exercise)
    return "exercise"


def stable_number(*parts: str, bits: int = 31) -> int:
    """A number from ``parts`` that is the same on every run and machine (SHA-256), at least
    ``2**(bits-1)`` and below ``2**bits``: ids the other tool keys its copy by."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    low = 1 << (bits - 1)
    return low + int.from_bytes(digest[:8], "big") % low


def distinct_decks(decks: Sequence[Deck]) -> list[Deck]:
    """``decks`` as a list, refusing a deck id given twice (their items would collide)."""
    seen: set[str] = set()
    for deck in decks:
        if deck.id in seen:
            raise ExportError(
                f"deck {deck.id!r} is given twice; give each deck once (deck ids key the "
                "exported items)"
            )
        seen.add(deck.id)
    if not decks:
        raise ExportError("no decks to export")
    return list(decks)


@contextmanager
def written_atomically(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` to write to; moved onto ``out`` when the block ends
    without an error, removed otherwise: a failed export leaves nothing (an earlier file
    stays whole)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
