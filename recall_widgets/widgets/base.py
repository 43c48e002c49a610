"""Shared machinery of the recall widgets: decks, filters, seeded shuffles, events, lazy rendering.

Lazy rendering
--------------
Each widget syncs a light list of item ids (``ids``) for its whole filtered set, and a dict
``content`` of rendered HTML (plus the little data the browser needs to check an answer) for
a *window* of items only. When the browser moves ``position``, Python renders the next window
(the Markdown renderer is cached). When the filtered set has at most :data:`EAGER_LIMIT` items
(a lesson) everything is rendered at construction, so a saved widget state also works with no
kernel (a static HTML export). A browser that reaches an item not rendered yet shows
"Loading…" until ``content`` arrives.

Events
------
Every learner action appends ``{"deck", "item", "kind", "value", "seq", "time"}`` to the
synced ``events`` list, from the browser (JavaScript) or from Python methods; ``seq`` grows by
one across both, ``time`` is UTC ISO 8601 with milliseconds and a ``Z`` (from
:func:`recall_widgets.scheduling.now` for Python's events, so ``RECALL_NOW`` fixes it). Python
calls each :meth:`RecallWidget.on_event` callback once per new event, deduplicated by ``seq``.

Progress
--------
Each new event is also recorded in a :class:`~recall_widgets.progress.ProgressStore` (the
``progress=`` argument: by default the shared store of ``RECALL_PROGRESS`` or the per-user
file; ``False`` records nothing). The store's file is opened on the first event, never when a
widget is created or displayed. If it cannot be written the widget keeps working, and says so
once: one line in the ``notice`` trait (shown muted under the widget) and one
:class:`ProgressWarning`; it keeps trying, silently, with the events that follow.
"""

from __future__ import annotations

import bisect
import difflib
import os
import pathlib
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import anywidget
import traitlets

from ..deck.model import LEVELS, Deck, Item
from ..progress import clock
from ..render import render_inline

if TYPE_CHECKING:  # the store (sqlite3, fsrs) is imported on the first event, not at import
    from ..progress.store import ProgressStore

FRONTEND = pathlib.Path(__file__).parent / "frontend"
"""The front end: ``src/`` (ES modules), the committed bundles and the stylesheets."""

EAGER_LIMIT = 200
"""Filtered sets up to this size are rendered entirely at construction (works with no kernel)."""
ENV_RENDER_ALL = "RECALL_RENDER_ALL"
"""Set (to anything but ``""``/``0``) to render every item at construction whatever the size:
``recall-widgets export-html`` sets it, so a static page holds all items of a large deck."""
WINDOW_AHEAD = 20
"""Items rendered after the current one in a large set."""
WINDOW_BEHIND = 5
"""Items rendered before the current one in a large set."""

Event = dict[str, Any]
EventCallback = Callable[[Event], object]
DeckOrPath = Deck | str | os.PathLike[str]
ProgressOption: TypeAlias = "ProgressStore | str | os.PathLike[str] | bool | None"
"""A widget's ``progress=``: None or True (the shared default store), False (record nothing),
a database path or a :class:`~recall_widgets.progress.ProgressStore`."""
ItemT = TypeVar("ItemT", bound=Item)
IdsOption: TypeAlias = "str | Sequence[str] | None"
"""A widget's ``ids=``: one item id, or a sequence of them, shown exactly and in that order."""
PREDICT_TAG = "predict"
"""The tag of "predict, then see" items: shown with ``ids=`` before a demo, and left out of a
section's or level's widgets so they do not come back in the lesson's own quiz."""
DEFAULT_EXCLUDE_TAGS: tuple[str, ...] = (PREDICT_TAG,)
"""The default ``exclude_tags=`` of Flashcards, Quiz and RecallPrompt."""


def widget_css(*names: str) -> str:
    """``frontend/common.css`` followed by the named stylesheets, in order, as one CSS text.

    Views shared by several widgets have their own stylesheet, scoped to the view's root class
    (``card_view.css``: ``.recall-card-view …``), listed before the widget's own:
    ``_css = widget_css("card_view.css", "flashcards.css")``.
    """
    if not names:
        raise ValueError("widget_css() needs the widget's own file, e.g. widget_css('quiz.css')")
    return "\n".join((FRONTEND / f).read_text(encoding="utf-8") for f in ("common.css", *names))


def widget_esm(name: str) -> pathlib.Path:
    """The widget's ES module: its bundle ``frontend/<name>``, as a path for ``_esm``.

    A bundle is one file holding the widget's module, ``frontend/src/<name>``, and every module
    it imports (``common.js``, the shared views), joined by esbuild: anywidget loads ``_esm`` as
    a single module that cannot import its sibling files. ``npm run build`` (``make js``) writes
    the bundles and they are committed, so the package needs no Node;
    ``tests/widgets/test_frontend_bundles.py`` fails when one is stale. A path (not its text)
    lets anywidget reload the widget when the file changes, with ``ANYWIDGET_HMR=1`` and
    ``npm run watch``.
    """
    path = FRONTEND / name
    if not path.is_file():
        raise FileNotFoundError(f"no bundle {path}: build it with `make js` (npm run build)")
    return path


def resolve_deck(deck_or_path: object) -> Deck:
    """Return ``deck_or_path`` if it is a :class:`Deck`, else load the YAML file it names."""
    if isinstance(deck_or_path, Deck):
        return deck_or_path
    if isinstance(deck_or_path, str | os.PathLike):
        from ..deck.loader import load_deck  # the loader imports YAML: only pay for it when needed

        return load_deck(deck_or_path)
    raise TypeError(f"expected a Deck or a path to a YAML deck, got {type(deck_or_path).__name__}")


def utc_now() -> str:
    """The clock's time (``RECALL_NOW`` if set) as JavaScript's ``toISOString()`` writes it."""
    return clock.format_time(clock.now())


class ProgressWarning(UserWarning):
    """Progress cannot be saved (the widget keeps working without recording)."""


def check_progress(progress: object) -> None:
    """Raise ``TypeError`` unless ``progress`` is a valid ``progress=`` argument (imports nothing:
    a ProgressStore instance means its module is loaded already)."""
    module = sys.modules.get("recall_widgets.progress.store")
    store_class = getattr(module, "ProgressStore", None)
    if progress is None or isinstance(progress, bool | str | os.PathLike):
        return
    if store_class is not None and isinstance(progress, store_class):
        return
    raise TypeError(
        "progress must be None (the default store), False (do not record), a path or a "
        f"ProgressStore, got {type(progress).__name__}"
    )


def resolve_progress(progress: object) -> ProgressStore | None:
    """The store a widget records into for its ``progress=`` argument (opens no file)."""
    check_progress(progress)
    from ..progress.store import ProgressStore, shared_store

    if progress is None or progress is True:
        return shared_store()
    if progress is False:
        return None
    if isinstance(progress, ProgressStore):
        return progress
    if isinstance(progress, str | os.PathLike):
        return shared_store(progress)
    raise TypeError(
        "progress must be None (the default store), False (do not record), a path or a "
        f"ProgressStore, got {type(progress).__name__}"
    )


def _names(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "(none)"


def select_items(
    deck: Deck,
    items: Sequence[ItemT],
    noun: str,
    *,
    section: str | None = None,
    level: str | Sequence[str] | None = None,
    ids: IdsOption = None,
    exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
) -> list[ItemT]:
    """Select a widget's items, or raise ``ValueError`` saying what is allowed.

    Parameters
    ----------
    deck : Deck
        The deck ``items`` come from (for messages).
    items : sequence of Card, Question or Prompt
        The deck's items of the widget's kind, in deck order.
    noun : str
        Their plural name, ``"cards"``, ``"questions"`` or ``"prompts"``.
    section, level : str, optional
        Keep the items of this section, and of this level (or any of a sequence of levels).
    ids : str or sequence of str, optional
        Exactly these items, in this order, looked up among those ``section`` and ``level``
        keep (both are optional): an id that is not there is an error naming the ids that are,
        closest first. ``exclude_tags`` does not apply: ``ids`` always includes what it names.
    exclude_tags : str or sequence of str
        Without ``ids``, leave out the items carrying any of these tags; by default
        ``("predict",)``: "predict, then see" questions are shown by id before their demo and
        stay out of the lesson's own quiz. ``()`` keeps everything.

    Returns
    -------
    list
        The selected items, in deck order (or in the order of ``ids``).
    """
    if not items:
        raise ValueError(f"deck {deck.id!r} has no {noun}")
    excluded = _tag_set(exclude_tags)
    wanted_ids = _id_list(ids)
    selected = list(items)
    where = ""
    if section is not None:
        sections = tuple(dict.fromkeys(i.section for i in selected if i.section is not None))
        if section not in sections:
            raise ValueError(
                f"deck {deck.id!r} has no {noun} in section {section!r}; "
                f"sections with {noun}: {_names(sections)}"
            )
        selected = [i for i in selected if i.section == section]
        where = f" in section {section!r}"
    if level is not None:
        wanted = (level,) if isinstance(level, str) else tuple(level)
        unknown = [w for w in wanted if w not in LEVELS]
        if unknown or not wanted:
            raise ValueError(f"unknown level {unknown or list(wanted)}; levels: {_names(LEVELS)}")
        present = [lv for lv in LEVELS if any(i.level == lv for i in selected)]
        selected = [i for i in selected if i.level in wanted]
        if not selected:
            raise ValueError(
                f"deck {deck.id!r} has no {noun}{where} at level {_names(wanted)}; "
                f"levels with {noun}{where}: {_names(present)}"
            )
        where += f" at level {_names(wanted)}"
    if wanted_ids is not None:
        return _by_id(deck, items, selected, wanted_ids, noun, where)
    kept = [i for i in selected if not excluded.intersection(i.tags)]
    if not kept:
        tags = " or ".join(repr(t) for t in sorted(excluded))
        count = len(selected)
        which = f"all {count} {noun}" if count > 1 else f"the only {noun[:-1]}"
        raise ValueError(
            f"{which}{where} of deck {deck.id!r} {'are' if count > 1 else 'is'} tagged {tags}, "
            "which is left out unless named: show them with ids=, or pass exclude_tags=() to "
            "keep them"
        )
    return kept


def _tag_set(tags: object) -> frozenset[str]:
    values = (tags,) if isinstance(tags, str) else tags
    if not isinstance(values, Sequence) or not all(isinstance(t, str) for t in values):
        raise TypeError(
            f"exclude_tags must be a tag or a sequence of tags (str), got {tags!r}; "
            "e.g. exclude_tags=('predict',), or exclude_tags=() to keep every item"
        )
    return frozenset(values)


def _id_list(ids: object) -> list[str] | None:
    """``ids=`` as a list of ids (None when not given); ``TypeError``/``ValueError`` if bad."""
    if ids is None:
        return None
    values = [ids] if isinstance(ids, str) else ids
    if not isinstance(values, Sequence) or not all(isinstance(i, str) for i in values):
        raise TypeError(f"ids must be an item id or a sequence of item ids (str), got {ids!r}")
    if not values:
        raise ValueError("ids is empty; name at least one item, e.g. ids='my-question'")
    repeated = [i for i in dict.fromkeys(values) if values.count(i) > 1]
    if repeated:
        raise ValueError(f"ids names {_names(repeated)} more than once; name each item once")
    return list(values)


def _by_id(
    deck: Deck,
    items: Sequence[ItemT],
    selected: Sequence[ItemT],
    wanted: Sequence[str],
    noun: str,
    where: str,
) -> list[ItemT]:
    """The items of ``selected`` with these ids, in this order; else a ``ValueError`` naming
    the ids there are (close matches first) and why a named item is not among them."""
    by_id = {item.id: item for item in selected}
    missing = [i for i in wanted if i not in by_id]
    if not missing:
        return [by_id[i] for i in wanted]
    there = list(by_id)
    close = [c for m in missing for c in difflib.get_close_matches(m, there, n=3, cutoff=0.6)]
    ordered = list(dict.fromkeys([*close, *there]))
    more = len(ordered) - 20
    listing = _names(ordered[:20]) + (f" … and {more} more" if more > 0 else "")
    singular = noun[:-1]
    what = f"{singular} {missing[0]!r}" if len(missing) == 1 else f"{noun} {_names(missing)}"
    suggestion = f"; did you mean {close[0]!r}?" if close else ""
    same_kind = {item.id: item for item in items}
    reasons = []
    for name in missing:
        if name in same_kind:  # there, but outside section= or level=
            other = same_kind[name]
            reasons.append(f"{name!r} is in section {other.section!r}, level {other.level!r}")
        elif any(item.id == name for item in deck.items):
            kind = type(deck.item(name)).__name__.lower()
            reasons.append(f"{name!r} is a {kind}, not a {singular}")
    why = "".join(f"; {reason}" for reason in reasons)
    raise ValueError(f"deck {deck.id!r} has no {what}{where}{suggestion}; ids: {listing}{why}")


class RecallWidget(anywidget.AnyWidget):
    """Base of the three widgets: one model holding a filtered list of deck items.

    Subclasses set ``_esm``/``_css``, ``_noun`` and implement :meth:`_render_item`.
    """

    deck_id = traitlets.Unicode(help="Id of the deck the items come from.").tag(sync=True)
    title_html = traitlets.Unicode(
        help="The deck's title for the widget's header, as sanitized HTML (recall_widgets.render)."
    ).tag(sync=True)
    section = traitlets.Unicode(
        "", help="The section the items were filtered to, shown after the title; '' for all."
    ).tag(sync=True)
    ids = traitlets.List(
        traitlets.Unicode(), help="Ids of all items the widget shows, in display order."
    ).tag(sync=True)
    position = traitlets.Int(0, help="Index in `ids` of the item on screen.").tag(sync=True)
    content = traitlets.Dict(
        help="Rendered HTML (and answer data) by item id, for a window of items around `position`."
    ).tag(sync=True)
    events = traitlets.List(
        traitlets.Dict(),
        help="Learner actions: {deck, item, kind, value, seq, time}; append-only.",
    ).tag(sync=True)
    notice = traitlets.Unicode(
        "",
        help="One line of plain text shown muted under the widget (e.g. that progress is not "
        "being saved); '' for none.",
    ).tag(sync=True)

    _noun = "items"

    def __init__(
        self,
        deck: Deck,
        items: Sequence[Item],
        filters: Mapping[str, object],
        *,
        progress: ProgressOption = None,
        **traits: Any,
    ) -> None:
        self.deck = deck
        check_progress(progress)
        self._progress_option = progress
        self._progress: ProgressStore | None = None
        self._progress_resolved = False
        self._progress_failed = False
        self._items: list[Item] = list(items)
        self._index = {item.id: i for i, item in enumerate(self._items)}
        self._filters = {k: v for k, v in filters.items() if v is not None}
        self._rendered: dict[str, dict[str, Any]] = {}
        self._callbacks: list[EventCallback] = []
        self._dispatched_seq = 0
        section = filters.get("section")
        super().__init__(
            deck_id=deck.id,
            title_html=render_inline(deck.title),
            section=section if isinstance(section, str) else "",
            ids=[item.id for item in self._items],
            **traits,
        )
        self.observe(self._on_events, names="events")
        self.observe(lambda _change: self._refresh_content(), names="position")
        self._refresh_content()

    @classmethod
    def _select(
        cls,
        deck_or_path: DeckOrPath,
        *,
        section: str | None = None,
        level: str | Sequence[str] | None = None,
        ids: IdsOption = None,
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

    # -- items and rendering -------------------------------------------------------------

    def _render_item(self, item: Item) -> dict[str, Any]:
        raise NotImplementedError

    def _rendered_item(self, index: int) -> dict[str, Any]:
        item = self._items[index]
        if item.id not in self._rendered:
            self._rendered[item.id] = self._render_item(item)
        return self._rendered[item.id]

    def _visible(self) -> list[int]:
        """Indexes of the items the learner can move between (all, unless a filter hides some)."""
        return list(range(len(self._items)))

    def _window(self) -> list[int]:
        if len(self._items) <= EAGER_LIMIT or os.environ.get(ENV_RENDER_ALL, "") not in ("", "0"):
            return list(range(len(self._items)))
        position = min(max(self.position, 0), len(self._items) - 1)
        visible = self._visible()
        rank = bisect.bisect_left(visible, position)
        start = max(0, rank - WINDOW_BEHIND)
        return sorted({position, *visible[start : rank + WINDOW_AHEAD + 1]})

    def _refresh_content(self) -> None:
        window = self._window()
        if set(self.content) != {self._items[i].id for i in window}:
            self.content = {self._items[i].id: self._rendered_item(i) for i in window}

    def _index_of(self, index_or_id: int | str) -> int:
        if isinstance(index_or_id, str):
            if index_or_id not in self._index:
                raise ValueError(
                    f"no {self._noun[:-1]} {index_or_id!r} here; ids: {self._some_ids()}"
                )
            return self._index[index_or_id]
        if not 0 <= index_or_id < len(self._items):
            raise ValueError(f"index {index_or_id} out of range 0..{len(self._items) - 1}")
        return index_or_id

    def _some_ids(self, limit: int = 20) -> str:
        ids = [item.id for item in self._items[:limit]]
        more = len(self._items) - limit
        return _names(ids) + (f" … and {more} more" if more > 0 else "")

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
        """Call ``callback(event)`` once for each new learner action (or stop, ``remove=True``)."""
        if remove:
            self._callbacks.remove(callback)
        else:
            self._callbacks.append(callback)

    def _record(self, kind: str, item_id: str, value: object, *, deck: str | None = None) -> Event:
        """Append an event about an item of ``deck`` (default: this widget's deck)."""
        last = self.events[-1].get("seq") if self.events else 0
        seq = (last if isinstance(last, int) else len(self.events)) + 1
        event: Event = {
            "deck": deck if deck is not None else self.deck.id,
            "item": item_id,
            "kind": kind,
            "value": value,
            "seq": seq,
            "time": utc_now(),
        }
        self.events = [*self.events, event]
        return event

    def _on_events(self, change: dict[str, Any]) -> None:
        fresh: list[Event] = []
        for event in reversed(change["new"]):
            seq = event.get("seq")
            if not isinstance(seq, int) or seq <= self._dispatched_seq:
                break
            fresh.append(event)
        for event in reversed(fresh):
            self._dispatched_seq = event["seq"]
            self._save_progress(event)
            for callback in list(self._callbacks):
                callback(event)

    @property
    def progress(self) -> ProgressStore | None:
        """The store this widget's events are recorded in (None: not recorded); resolved, and
        the progress module imported, on first use, so displaying a widget costs nothing."""
        if not self._progress_resolved:
            self._progress = resolve_progress(self._progress_option)
            self._progress_resolved = True
        return self._progress

    def _save_progress(self, event: Event) -> None:
        """Record an event in the store; on the first failure say so once (notice + warning)."""
        if self.progress is None:
            return
        try:
            saved = self.progress.record(event)
        except ValueError as error:  # a malformed event (from a browser): keep it out
            warnings.warn(f"event not recorded: {error}", ProgressWarning, stacklevel=2)
            return
        if not saved and not self._progress_failed:
            self._progress_failed = True
            reason = self.progress.error or "progress is not being saved"
            self.notice = reason[:1].upper() + reason[1:]
            warnings.warn(reason, ProgressWarning, stacklevel=2)

    def _events_of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.get("kind") in kinds]

    # -- repr ----------------------------------------------------------------------------

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
