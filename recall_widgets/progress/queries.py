"""The progress store's read model: what is due, each item's stage and status, summaries.

Everything here reads the ``schedule`` table, the cache of each item's FSRS card that
:mod:`.store` keeps up to date as events arrive, and never writes. :class:`ProgressQueries` is
the read side of :class:`~.store.ProgressStore`, which gives it its rows (:meth:`_rows`);
a store whose file does not exist yet answers every query with nothing, and creates nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..deck.model import LEVELS, Deck
from . import scheduling
from .database import time_key
from .scheduling import STAGES, CardStats, parse_time, stage_from, stage_of

__all__ = ["DeckScope", "DueItem", "ItemStatus", "ProgressQueries", "SummaryRow"]

DeckScope = Iterable[Deck | str] | None
"""Which decks a query covers: ids (all their items), :class:`Deck` objects (only the items
still in the deck), or None for every deck in the store."""


@dataclass(frozen=True)
class DueItem:
    """An item in the review queue."""

    deck: str
    item: str
    due: dt.datetime
    state: str
    """FSRS state: ``learning``, ``review`` or ``relearning``."""


@dataclass(frozen=True)
class ItemStatus:
    """Everything the store knows about one item's schedule at time ``at``."""

    deck: str
    item: str
    stage: str
    """One of new, learning, due, mastered (see :mod:`.scheduling`)."""
    state: str
    due: dt.datetime
    last_review: dt.datetime | None
    stability: float | None
    difficulty: float | None
    retrievability: float
    reviews: int
    lapses: int
    last_rating: str | None


@dataclass(frozen=True)
class SummaryRow:
    """Counts of items per stage for one deck, section and (difficulty) level."""

    deck: str
    section: str | None
    level: str | None
    new: int = 0
    learning: int = 0
    due: int = 0
    mastered: int = 0

    @property
    def total(self) -> int:
        """Items in this row."""
        return self.new + self.learning + self.due + self.mastered


def _at(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return scheduling.now()
    return now.replace(tzinfo=dt.UTC) if now.tzinfo is None else now.astimezone(dt.UTC)


class ProgressQueries:
    """The queries of :class:`~.store.ProgressStore` (mixed in; the store provides :meth:`_rows`).

    Example
    -------
    >>> store = ProgressStore()  # doctest: +SKIP
    >>> [f"{d.deck}/{d.item}" for d in store.due()]  # doctest: +SKIP
    >>> store.summary([deck])  # doctest: +SKIP
    """

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any] | None:
        """The rows a query gives, or None when the store's file does not exist yet."""
        raise NotImplementedError

    def _all_stats(self) -> dict[tuple[str, str], CardStats]:
        rows = self._rows("SELECT deck, item, stats FROM schedule") or []
        return {(d, i): CardStats.from_json(json.loads(s)) for d, i, s in rows}

    def due(self, now: dt.datetime | None = None, decks: DeckScope = None) -> list[DueItem]:
        """The review queue: items whose review time has come, decks interleaved.

        Each deck's items are in due order (then item id); the decks take turns, one item
        each, starting with the deck whose item is most overdue (ties: deck id). ``decks``
        limits the queue to these decks (ids, or :class:`Deck` objects: then only items
        still in the deck).
        """
        rows = self._rows(
            "SELECT deck, item, due, state FROM schedule WHERE due <= ? ORDER BY due, deck, item",
            (time_key(_at(now)),),
        )
        keep = _scope(decks)
        queues: dict[str, list[DueItem]] = {}
        for deck, item, due, state in rows or []:
            if keep is None or _kept(keep, deck, item):
                queues.setdefault(deck, []).append(DueItem(deck, item, parse_time(due), state))
        return _interleave(list(queues.values()))

    def next_due(self, decks: DeckScope = None) -> dt.datetime | None:
        """The earliest review time of any item seen (it may be past), or None."""
        keep = _scope(decks)
        rows = self._rows("SELECT deck, item, due FROM schedule ORDER BY due, deck, item")
        for deck, item, due in rows or []:
            if keep is None or _kept(keep, deck, item):
                return parse_time(due)
        return None

    def status(self, deck: str, item: str, now: dt.datetime | None = None) -> ItemStatus:
        """The item's schedule and stage (stage ``new`` for an item never reviewed)."""
        rows = self._rows("SELECT stats FROM schedule WHERE deck = ? AND item = ?", (deck, item))
        stats = CardStats.from_json(json.loads(rows[0][0])) if rows else None
        return _status(deck, item, stats, _at(now))

    def _stages(self, at: dt.datetime) -> dict[tuple[str, str], str]:
        """The stage of every item reviewed, from the schedule's columns (no JSON parsing)."""
        rows = self._rows("SELECT deck, item, due, state, stability, last_rating FROM schedule")
        return {
            (deck, item): stage_from(parse_time(due), state, stability, last, at)
            for deck, item, due, state, stability, last in rows or []
        }

    def stages(
        self, decks: Sequence[Deck], now: dt.datetime | None = None
    ) -> dict[tuple[str, str], str]:
        """The stage of each card, question and exercise of these decks, by (deck id, item id)."""
        seen = self._stages(_at(now))
        return {
            (deck.id, item.id): seen.get((deck.id, item.id), "new")
            for deck in decks
            for item in (*deck.cards, *deck.questions, *deck.exercises)
        }

    def summary(
        self, decks: Sequence[Deck] | None = None, now: dt.datetime | None = None
    ) -> list[SummaryRow]:
        """Items per stage, per deck, section and level.

        With ``decks``: every card, question and exercise of them (recall prompts are not
        scheduled),
        rows in deck order, then section order, then level order. Without: one row per deck
        seen in the store (no section or level, and no ``new`` items: the store does not know
        what it has not seen).
        """
        seen = self._stages(_at(now))
        counts: dict[tuple[str, str | None, str | None], dict[str, int]] = {}
        if decks is None:
            for (deck_id, _item), stage in sorted(seen.items()):
                counts.setdefault((deck_id, None, None), dict.fromkeys(STAGES, 0))[stage] += 1
        else:
            for deck in decks:
                sections = {name: n for n, name in enumerate(deck.sections)}
                for item in sorted(
                    (*deck.cards, *deck.questions, *deck.exercises),
                    key=lambda i: (
                        sections.get(i.section or "", len(sections)),
                        LEVELS.index(i.level) if i.level else len(LEVELS),
                    ),
                ):
                    row = counts.setdefault(
                        (deck.id, item.section, item.level), dict.fromkeys(STAGES, 0)
                    )
                    row[seen.get((deck.id, item.id), "new")] += 1
        return [SummaryRow(d, s, lv, **c) for (d, s, lv), c in counts.items()]

    def weakest(
        self, n: int = 5, now: dt.datetime | None = None, decks: DeckScope = None
    ) -> list[ItemStatus]:
        """The ``n`` items reviewed that are weakest: most lapses, then lowest retrievability."""
        at, keep = _at(now), _scope(decks)
        statuses = [
            _status(deck, item, stats, at)
            for (deck, item), stats in self._all_stats().items()
            if keep is None or _kept(keep, deck, item)
        ]
        statuses.sort(key=lambda s: (-s.lapses, s.retrievability, s.deck, s.item))
        return statuses[:n]


def _status(deck: str, item: str, stats: CardStats | None, at: dt.datetime) -> ItemStatus:
    if stats is None:
        return ItemStatus(deck, item, "new", "new", at, None, None, None, 0.0, 0, 0, None)
    card = stats.card
    rating = next((k for k, v in scheduling.RATINGS.items() if v == stats.last_rating), None)
    return ItemStatus(
        deck,
        item,
        stage_of(stats, at),
        stats.state,
        stats.due,
        card.last_review.astimezone(dt.UTC) if card.last_review else None,
        card.stability,
        card.difficulty,
        stats.retrievability(at),
        stats.reviews,
        stats.lapses,
        rating,
    )


def _scope(decks: DeckScope) -> dict[str, set[str] | None] | None:
    """Deck id → the item ids kept (None: all), or None for every deck."""
    if decks is None:
        return None
    scope: dict[str, set[str] | None] = {}
    for deck in decks:
        if isinstance(deck, Deck):
            scope[deck.id] = {item.id for item in deck.items}
        else:
            scope[deck] = None
    return scope


def _kept(scope: dict[str, set[str] | None], deck: str, item: str) -> bool:
    if deck not in scope:
        return False
    items = scope[deck]
    return items is None or item in items


def _interleave(queues: list[list[DueItem]]) -> list[DueItem]:
    """Round-robin over per-deck queues, decks ordered by their first item (due, deck)."""
    queues.sort(key=lambda q: (q[0].due, q[0].deck))
    result: list[DueItem] = []
    for turn in range(max((len(q) for q in queues), default=0)):
        result.extend(q[turn] for q in queues if turn < len(q))
    return result
