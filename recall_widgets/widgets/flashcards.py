"""Flashcards: one card at a time, flip to the answer, rate your recall."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, cast

import traitlets

from ..deck.model import Card, Item
from ..progress.events import decide
from .assets import widget_css, widget_esm
from .base import DeckWidget
from .recording import ProgressOption
from .selection import DEFAULT_EXCLUDE_TAGS, DeckOrPath, IdsOption
from .views import card_content


def visible_indexes(levels: Sequence[str], level_filter: str) -> list[int]:
    """Indexes of the cards the level menu lets through: those of level ``level_filter``, or
    all for ``''``. ``levels`` has each card's level ('' for none), in display order.

    The browser's ``visibleIndexes`` (``frontend/src/flashcards.js``) follows the same rule;
    a test runs both on the same levels."""
    return [i for i, level in enumerate(levels) if not level_filter or level == level_filter]


class Flashcards(DeckWidget):
    """Flashcards from a deck, one card at a time.

    The learner sees the front, flips to the back ("Show answer", Space or Enter), rates the
    recall (Again / Hard / Good / Easy, keys 1-4, which also moves to the next card) and moves
    with Previous / Next or the arrow keys. A level menu narrows the cards in the browser.

    Parameters
    ----------
    deck_or_path:
        A :class:`~recall_widgets.Deck` or the path of a YAML deck.
    ids:
        Exactly these cards (one id, or a sequence of ids), in this order (unless
        ``shuffle``). Looked up among the cards ``section`` and ``level`` keep, when given;
        an unknown id raises ``ValueError`` naming the ids there are, closest first.
    section:
        Only the cards of this section.
    level:
        Only cards of this level (``"beginner"``, ``"intermediate"``, ``"advanced"``) or of
        any of a list of levels.
    tags:
        Only the cards having any of these tags (one tag, or a sequence); a tag no card has
        raises ``ValueError`` listing the tags there are.
    exclude_tags:
        Without ``ids``, leave out the cards with any of these tags: by default those tagged
        ``predict`` ("predict, then see" items shown by id before a demo); ``()`` keeps
        every card. ``ids`` always includes what it names.
    shuffle:
        Show the cards in random order.
    seed:
        Seed of the shuffle, to repeat it.
    progress:
        Where the learner's actions are recorded: by default the shared progress store
        (``RECALL_PROGRESS`` or the per-user file), ``False`` for nowhere, or a database path
        or :class:`~recall_widgets.progress.ProgressStore`. Opened on the first action.

    Example
    -------
    >>> cards = Flashcards("content/flask-sessions.yaml", section="basics")  # doctest: +SKIP
    >>> cards.flip(); cards.rate("good")  # doctest: +SKIP
    >>> cards.ratings  # doctest: +SKIP
    {'card-session-object': 'good'}
    """

    _esm = widget_esm("flashcards.js")
    _css = widget_css("card_view.css", "flashcards.css")
    _noun = "cards"
    _remember_kinds = ("rate",)

    levels = traitlets.List(
        traitlets.Unicode(), help="Level of each card, in `ids` order ('' when it has none)."
    ).tag(sync=True)
    level_filter = traitlets.Unicode(
        "", help="Level chosen in the level menu: only those cards are shown; '' shows all."
    ).tag(sync=True)
    flipped = traitlets.Bool(False, help="Whether the card on screen shows its back.").tag(
        sync=True
    )

    def __init__(
        self,
        deck_or_path: DeckOrPath,
        *,
        ids: IdsOption = None,
        section: str | None = None,
        level: str | Sequence[str] | None = None,
        tags: str | Sequence[str] | None = None,
        exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
        shuffle: bool = False,
        seed: int | str | None = None,
        progress: ProgressOption = None,
    ) -> None:
        deck, cards = self._select(
            deck_or_path,
            section=section,
            level=level,
            ids=ids,
            tags=tags,
            exclude_tags=exclude_tags,
        )
        if shuffle:
            random.Random(seed).shuffle(cards)
        shown_ids, shown_tags = self._shown_selection(ids, exclude_tags)
        filters = {
            "ids": shown_ids,
            "section": section,
            "level": level,
            "tags": self._shown_tags(tags),
            "exclude_tags": shown_tags,
            "shuffle": shuffle or None,
            "seed": seed,
        }
        levels = [card.level or "" for card in cards]
        super().__init__(
            deck,
            cards,
            filters,
            progress=progress,
            base=self._base_of(deck_or_path),
            levels=levels,
        )
        self.observe(lambda _change: self._show_a_visible_card(), names="level_filter")

    def _render_item(self, item: Item) -> dict[str, Any]:
        return card_content(cast(Card, item), self._base)

    def _visible(self) -> list[int]:
        return visible_indexes(self.levels, self.level_filter)

    def _show_a_visible_card(self) -> None:
        if self.level_filter and self.level_filter not in self.levels:
            present = sorted(set(self.levels) - {""})
            wrong = self.level_filter
            self.level_filter = ""
            raise ValueError(f"no card at level {wrong!r} here; levels: {', '.join(present)}")
        visible = self._visible()
        if self.position not in visible:
            later = [i for i in visible if i > self.position]
            self._move(later[0] if later else visible[-1])
        self._refresh_content()

    def _move(self, index: int) -> None:
        self.flipped = False
        super()._move(index)

    @property
    def current(self) -> str:
        """Id of the card on screen."""
        return self.ids[self.position]

    def flip(self) -> bool:
        """Turn the card on screen over; return whether it now shows its back."""
        self.flipped = not self.flipped
        self._record("flip", self.current, self.flipped)
        return bool(self.flipped)

    def rate(self, rating: str) -> None:
        """Rate the recall of the card on screen, then move to the next card (if any).

        Python may rate a card that was not flipped (the browser only offers the buttons
        after the flip): the rating is recorded as given.
        """
        card = self._items[self.position]
        self._record("rate", card.id, decide(card, "rate", rating))
        self.next()

    def go_to(self, index_or_id: int | str) -> None:
        """Show a card by index in ``ids`` or by id (clearing a level filter that hides it)."""
        index = self._index_of(index_or_id)
        if index not in self._visible():
            self.level_filter = ""
        self._move(index)

    @property
    def ratings(self) -> dict[str, str]:
        """The latest rating of each rated card: ``{card_id: "again"|"hard"|"good"|"easy"}``."""
        return {e["item"]: e["value"] for e in self._events_of("rate")}
