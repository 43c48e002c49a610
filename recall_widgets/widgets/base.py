"""The base of the widgets that show items one at a time: keys, position, content, events.

:class:`RecallWidget` holds a list of item keys (the synced ``ids``) and the one on screen
(``position``), renders a window of them into ``content`` (:mod:`.window`), appends the
learner's actions to ``events``, decides what each means from the deck and records that
decision in the progress store (:mod:`.recording`). Shown again, a widget that names the event
kinds it remembers (``_remember_kinds``) shows what the learner did before, read from the
store at its first display (``earlier``, :mod:`.memory`), and can start over.
Review subclasses it directly, its keys ``deck/item`` across decks; :class:`DeckWidget` adds
one deck's items of one kind, selected by :func:`~.selection.select_items`, for Flashcards,
Quiz and RecallPrompt. The Dashboard and the CookieInspector show no items and stand alone.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from ..deck.model import Deck, Item
from ..progress.events import DeckItems
from ..render import render_inline
from .language import Localized
from .recording import (
    Event,
    EventCallback,
    ProgressOption,
    Recorder,
    decided,
    fresh_events,
    new_event,
    next_seq,
)
from .selection import (
    DEFAULT_EXCLUDE_TAGS,
    DeckOrPath,
    IdsOption,
    name_list,
    resolve_deck,
    select_items,
)
from .window import window

if TYPE_CHECKING:  # the store (sqlite3, fsrs) is imported on the first event, not at import
    from ..progress.store import ProgressStore

__all__ = ["DeckWidget", "RecallWidget"]


class RecallWidget(anywidget.AnyWidget, Localized):
    """Base of the widgets that show items one at a time, each under a unique key.

    Subclasses set ``_esm``/``_css`` and ``_noun``, and implement :meth:`_render_at` and
    :meth:`_event_items` (the items events may be about, to decide them against).

    Parameters
    ----------
    keys:
        The items' keys, in display order (an item id; ``deck/item`` in a Review).
    deck_id:
        The deck the items come from ('' when they come from several).
    title:
        The header's title, as inline Markdown.
    section:
        The section the items were filtered to, shown after the title ('' for none).
    progress:
        Where the learner's actions are recorded (see :data:`~.recording.ProgressOption`).
    """

    deck_id = traitlets.Unicode(
        help="Id of the deck the items come from ('' when they come from several)."
    ).tag(sync=True)
    title_html = traitlets.Unicode(
        help="The widget's title for its header, as sanitized HTML (recall_widgets.render)."
    ).tag(sync=True)
    section = traitlets.Unicode(
        "", help="The section the items were filtered to, shown after the title; '' for all."
    ).tag(sync=True)
    ids = traitlets.List(
        traitlets.Unicode(), help="Keys of all items the widget shows, in display order."
    ).tag(sync=True)
    position = traitlets.Int(0, help="Index in `ids` of the item on screen.").tag(sync=True)
    content = traitlets.Dict(
        help="Rendered HTML (and answer data) by item key, for a window around `position`."
    ).tag(sync=True)
    events = traitlets.List(
        traitlets.Dict(),
        help="Learner actions as reported: {deck, item, kind, value, seq, time}; append-only. "
        "Python decides what each means (an answer's `correct` is the deck's) when it records "
        "it; `on_event` callbacks and the store get that decision.",
    ).tag(sync=True)
    notice = traitlets.Unicode(
        "",
        help="One line of plain text shown muted under the widget (e.g. that progress is not "
        "being saved); '' for none.",
    ).tag(sync=True)
    earlier = traitlets.List(
        traitlets.Dict(),
        help="What the learner did before with these items, from the progress store (read "
        "at the first display, read-only; [] with progress=False or no store yet): events "
        "decided from the deck, seq -n..-1. Shown until the learner acts on an item again.",
    ).tag(sync=True)
    cleared_seq = traitlets.Int(
        0,
        help="The learner started over after the event with this seq: the widget shows none "
        "of the events up to it (0: never).",
    ).tag(sync=True)

    _noun = "items"
    _remember_kinds: tuple[str, ...] = ()
    """The event kinds a widget shown again remembers (:mod:`.memory`); () for none."""

    def __init__(
        self,
        keys: Sequence[str],
        *,
        deck_id: str,
        title: str,
        section: str = "",
        progress: ProgressOption = None,
        **traits: Any,
    ) -> None:
        self._recorder = Recorder(progress)
        self._keys: list[str] = list(keys)
        self._index = {key: i for i, key in enumerate(self._keys)}
        self._rendered: dict[str, dict[str, Any]] = {}
        self._callbacks: list[EventCallback] = []
        self._dispatched_seq = 0
        self._decided: list[Event] = []  # the events as Python decided them, in order
        self._items_for_events: DeckItems | None = None
        self._remembered = False
        super().__init__(
            deck_id=deck_id,
            title_html=render_inline(title),
            section=section,
            ids=self._keys,
            **traits,
        )
        self.observe(self._on_events, names="events")
        self.on_msg(self._on_memory_message)
        self.observe(lambda _change: self._refresh_content(), names="position")
        self._refresh_content()
        self._language_ready = True

    # -- items and rendering -------------------------------------------------------------

    def _render_at(self, index: int) -> dict[str, Any]:
        """What the browser needs to show the item at ``index``: sanitized HTML and data."""
        raise NotImplementedError

    def _rendered_item(self, index: int) -> dict[str, Any]:
        key = self._keys[index]
        if key not in self._rendered:
            self._rendered[key] = self._render_at(index)
        return self._rendered[key]

    def _replace_keys(self, keys: Sequence[str]) -> None:
        """Show these items instead (rendered afresh); the caller sets ``position`` after."""
        self._keys = list(keys)
        self._index = {key: i for i, key in enumerate(self._keys)}
        self._rendered = {}
        self.ids = self._keys

    def _visible(self) -> list[int]:
        """Indexes of the items the learner can move between (all, unless a filter hides some)."""
        return list(range(len(self._keys)))

    def _refresh_content(self) -> None:
        shown = window(len(self._keys), self.position, self._visible())
        if set(self.content) != {self._keys[i] for i in shown}:
            self.content = {self._keys[i]: self._rendered_item(i) for i in shown}

    def _index_of(self, index_or_key: int | str) -> int:
        if isinstance(index_or_key, str):
            if index_or_key not in self._index:
                raise ValueError(
                    f"no {self._noun[:-1]} {index_or_key!r} here; ids: {self._some_ids()}"
                )
            return self._index[index_or_key]
        if not 0 <= index_or_key < len(self._keys):
            raise ValueError(f"index {index_or_key} out of range 0..{len(self._keys) - 1}")
        return index_or_key

    def _some_ids(self, limit: int = 20) -> str:
        more = len(self._keys) - limit
        return name_list(self._keys[:limit]) + (f" … and {more} more" if more > 0 else "")

    # -- navigation ----------------------------------------------------------------------

    def _move(self, index: int) -> None:
        self.position = index

    def next(self) -> None:
        """Show the next item (stays on the last one)."""
        later = [i for i in self._visible() if i > self.position]
        if later:
            self._move(later[0])

    def previous(self) -> None:
        """Show the previous item (stays on the first one)."""
        earlier = [i for i in self._visible() if i < self.position]
        if earlier:
            self._move(earlier[-1])

    def go_to(self, index_or_id: int | str) -> None:
        """Show an item, by its index in ``ids`` or by its id."""
        self._move(self._index_of(index_or_id))

    # -- events --------------------------------------------------------------------------

    def on_event(self, callback: EventCallback, *, remove: bool = False) -> None:
        """Call ``callback(event)`` once for each new learner action (or stop, ``remove=True``).

        ``event`` is the action as Python decided it from the deck (an answer's ``correct``
        computed from the deck's correct choices, whatever the browser sent); an action that
        cannot mean anything is refused, with a warning, and never reaches a callback.
        """
        if remove:
            self._callbacks.remove(callback)
        else:
            self._callbacks.append(callback)

    def _record(self, kind: str, item_id: str, value: object, *, deck: str | None = None) -> Event:
        """Append an event about an item of ``deck`` (default: this widget's deck)."""
        deck_id = deck if deck is not None else self.deck_id
        event = new_event(self.events, deck_id, item_id, kind, value)
        self.events = [*self.events, event]
        return event

    def _event_items(self) -> DeckItems:
        """The items this widget's events may be about (their deck's, to decide them)."""
        raise NotImplementedError

    def _on_events(self, change: dict[str, Any]) -> None:
        for event in fresh_events(change["new"], self._dispatched_seq):
            self._dispatched_seq = event["seq"]
            if self._items_for_events is None:
                self._items_for_events = self._event_items()
            decision = decided(event, self._items_for_events)
            if decision is None:
                continue
            self._decided.append(decision)
            notice = self._recorder.save(decision, self._tr)
            if notice is not None:
                self.notice = notice
            for callback in list(self._callbacks):
                callback(decision)

    # -- memory: what the learner did before (memory.py) ----------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        self._remember()
        return super()._repr_mimebundle_(**kwargs)

    def _memory_items(self) -> list[str]:
        """The ids of the items whose earlier events this widget shows (its keys)."""
        return list(self._keys)

    def _remember(self) -> None:
        """At the first display: ``earlier``, the learner's earlier events about these items,
        read from the store without creating it (nothing with ``progress=False``)."""
        if self._remembered or not self._remember_kinds:
            return
        self._remembered = True
        from .memory import remembered_events, store_exists

        if not store_exists(self._recorder.option):
            return  # nothing to remember: the store's modules are not even loaded
        from ..progress.database import ProgressError

        if self._items_for_events is None:
            self._items_for_events = self._event_items()
        try:
            found = remembered_events(
                self._recorder.store,
                self.deck_id,
                self._memory_items(),
                self._remember_kinds,
                self._items_for_events,
            )
        except ProgressError as error:
            self.notice = self._tr.t("What you did before cannot be shown: {error}", error=error)
            return
        if found:
            self.earlier = found

    def start_over(self) -> int:
        """Forget what the learner did with these items: their events and review schedules
        in the store (not other items'), the earlier state shown and this session's answers;
        return how many stored events were deleted. The widget's "Start over" does this."""
        from ..progress.database import ProgressError
        from .memory import forget

        deleted = 0
        try:
            deleted = forget(self._recorder.store, self.deck_id, self._memory_items())
        except ProgressError as error:
            self.notice = self._tr.t("Could not forget what you did before: {error}", error=error)
        self.earlier = []
        self.cleared_seq = max(self.cleared_seq, next_seq(self.events) - 1)
        return deleted

    def _on_memory_message(self, _widget: object, content: Any, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("kind") == "start_over":
            self.start_over()

    @property
    def progress(self) -> ProgressStore | None:
        """The store this widget's events are recorded in (None: not recorded); resolved, and
        the progress module imported, on first use, so displaying a widget costs nothing."""
        return self._recorder.store

    def _events_of(self, *kinds: str) -> list[Event]:
        """The decided events of these kinds, in order, since the learner last started over
        (what the widget's properties read)."""
        cleared = self.cleared_seq
        return [e for e in self._decided if e.get("kind") in kinds and e["seq"] > cleared]


class DeckWidget(RecallWidget):
    """Base of Flashcards, Quiz and RecallPrompt: one deck's items of one kind (``_noun``).

    Subclasses implement :meth:`_render_item` (the item, not its index).

    Parameters
    ----------
    deck:
        The deck.
    items:
        Its items the widget shows, in display order (from :meth:`_select`).
    filters:
        The arguments that chose them, for the repr (None values are left out).
    base:
        The deck file's folder, where relative images are read from (None: a Deck object,
        whose relative images are left as they are); see :meth:`_base_of`.
    """

    def __init__(
        self,
        deck: Deck,
        items: Sequence[Item],
        filters: Mapping[str, object],
        *,
        progress: ProgressOption = None,
        base: str | None = None,
        **traits: Any,
    ) -> None:
        self.deck = deck
        self._base = base
        self._items: list[Item] = list(items)
        self._filters = {k: v for k, v in filters.items() if v is not None}
        section = filters.get("section")
        super().__init__(
            [item.id for item in self._items],
            deck_id=deck.id,
            title=deck.title,
            section=section if isinstance(section, str) else "",
            progress=progress,
            **{**self._init_language([deck]), **traits},
        )

    @classmethod
    def _select(
        cls,
        deck_or_path: DeckOrPath,
        *,
        section: str | None = None,
        level: str | Sequence[str] | None = None,
        ids: IdsOption = None,
        tags: str | Sequence[str] | None = None,
        exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
    ) -> tuple[Deck, list[Item]]:
        """The deck (loaded if a path) and its items of this widget's kind (``_noun``: its
        ``cards``, ``questions`` or ``prompts``), selected by :func:`select_items`."""
        deck = resolve_deck(deck_or_path)
        items: Sequence[Item] = getattr(deck, cls._noun)
        selected = select_items(
            deck,
            items,
            cls._noun,
            section=section,
            level=level,
            ids=ids,
            tags=tags,
            exclude_tags=exclude_tags,
        )
        return deck, selected

    @staticmethod
    def _shown_selection(
        ids: IdsOption, exclude_tags: str | Sequence[str]
    ) -> tuple[object, object]:
        """``ids`` and ``exclude_tags`` as the repr shows them, or None where it leaves them
        out: ``ids`` only when given (the one id, or a list), ``exclude_tags`` only when it is
        not the default and applies (not with ``ids``), so other reprs stay as they were."""
        shown_ids = None if ids is None else ids if isinstance(ids, str) else list(ids)
        tags = (exclude_tags,) if isinstance(exclude_tags, str) else tuple(exclude_tags)
        shown_tags = tags if ids is None and tags != DEFAULT_EXCLUDE_TAGS else None
        return shown_ids, shown_tags

    @staticmethod
    def _base_of(deck_or_path: DeckOrPath) -> str | None:
        """The folder of the deck file ``deck_or_path`` names (None for a Deck object)."""
        if isinstance(deck_or_path, str | os.PathLike):
            return str(Path(deck_or_path).resolve().parent)
        return None

    @staticmethod
    def _shown_tags(tags: str | Sequence[str] | None) -> object:
        """``tags=`` as the repr shows it: the one tag, or a list; None when not given."""
        return None if tags is None else tags if isinstance(tags, str) else list(tags)

    def _render_item(self, item: Item) -> dict[str, Any]:
        raise NotImplementedError

    def _event_items(self) -> DeckItems:
        return DeckItems.only(self.deck.id, self._items)

    def _memory_items(self) -> list[str]:
        return [item.id for item in self._items]

    def _render_at(self, index: int) -> dict[str, Any]:
        return self._render_item(self._items[index])

    def _repr_extra(self) -> str:
        return ""

    def __repr__(self) -> str:
        filters = "".join(f", {k}={v!r}" for k, v in self._filters.items())
        visible = self._visible()
        rank = bisect.bisect_left(visible, self.position) + 1
        return (
            f"{type(self).__name__}(deck={self.deck.id!r}{filters}, "
            f"{self._noun}={len(self._items)}, position={rank}/{len(visible)}{self._repr_extra()})"
        )
