"""Review: the cards and questions due across the course's decks, one at a time, spaced by FSRS."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import traitlets

from ..deck.model import Card, Deck, Exercise, Question
from ..i18n.catalog import Translator, translator
from ..progress import scheduling
from ..progress.database import ProgressError
from ..progress.events import DeckItems, decide
from ..progress.store import ProgressStore
from ..render import render_inline
from .assets import widget_css, widget_esm
from .base import RecallWidget
from .recording import ProgressOption, resolve_progress
from .selection import DeckSource, resolve_decks
from .views import (
    ENGLISH,
    card_content,
    display_count,
    exercise_content,
    graded_answer,
    next_review_text,
    question_content,
    shuffled_lines,
)

NEW_PER_QUEUE = 10
"""New items (never rated nor answered) added to each queue, like Anki's new-card limit."""
TITLE = "Spaced review"
"""The widget's title in English (its items come from several decks, each named on its item)."""


def title(tr: Translator) -> str:
    """The widget's title in ``tr``'s language."""
    return tr.t("Spaced review")


@dataclass(frozen=True)
class Entry:
    """One item of the review queue: its deck, the item and why it is there (due or new)."""

    deck: Deck
    item: Card | Question | Exercise
    stage: str

    @property
    def key(self) -> str:
        """``deck/item``: unique across decks (ids are slugs, which have no ``/``)."""
        return f"{self.deck.id}/{self.item.id}"


def end_message(total: int, next_review: str, new_left: int, tr: Translator = ENGLISH) -> str:
    """What a Review says once its queue of ``total`` items is done, or when it is empty.

    ``Nothing is due. Next review: in 9 minutes (2025-01-06 09:10 UTC).``, or ``Done: 12
    items reviewed. …``; then how many items were never tried (``new_left``), if any. The
    browser's ``endMessage`` (``frontend/src/review.js``) says the same; a test runs both.
    In ``tr``'s language.
    """
    head = tr.nt("Done: {n} item reviewed.", "Done: {n} items reviewed.", total) if total else ""
    head = head or tr.t("Nothing is due.")
    fresh = (
        " " + tr.nt("{n} item not tried yet.", "{n} items not tried yet.", new_left)
        if new_left
        else ""
    )
    return f"{head} {next_review}{fresh}"


def shown_answer(
    events: Sequence[Mapping[str, Any]], deck: str, item: str, since: int
) -> Mapping[str, Any] | None:
    """The answer on screen for an item of a Review's queue: its latest ``answer`` event with
    a ``seq`` above ``since`` (the queue's start), or None (none yet, or a ``retry`` after it).

    The browser's ``shownAnswer`` (``frontend/src/review.js``) follows the same rule; a test
    runs both on the same events."""
    shown = None
    for event in events:
        seq = event.get("seq")
        if not isinstance(seq, int | float) or isinstance(seq, bool) or seq <= since:
            continue
        if (event.get("deck"), event.get("item")) != (deck, item):
            continue
        if event.get("kind") == "answer":
            shown = event
        elif event.get("kind") == "retry":
            shown = None
    return shown


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_KINDS = {Card: "card", Question: "question", Exercise: "exercise"}


def _course_order(deck: Deck) -> list[Card | Question]:
    """A deck's cards and questions section by section (cards first within a section)."""
    sections = {name: n for n, name in enumerate(deck.sections)}
    items: list[Card | Question] = [*deck.cards, *deck.questions]
    return sorted(items, key=lambda i: sections.get(i.section or "", len(sections)))


def review_queue(
    store: ProgressStore,
    decks: Sequence[Deck],
    at: dt.datetime,
    *,
    new: int = NEW_PER_QUEUE,
    limit: int | None = None,
) -> list[Entry]:
    """The review queue at ``at``: the items due, then up to ``new`` new items.

    Due items come in the store's order (:meth:`ProgressStore.due`: most overdue first, decks
    taking turns). New items follow in course order (each deck section by section, cards
    before questions), decks taking turns. ``limit`` caps the whole queue (due items first).
    """
    found: dict[tuple[str, str], tuple[Deck, Card | Question | Exercise]] = {
        (d.id, i.id): (d, i) for d in decks for i in (*_course_order(d), *d.exercises)
    }  # a due exercise comes back here; a new one is met in its lesson
    queue = [
        Entry(*found[(d.deck, d.item)], "due")
        for d in store.due(at, decks=decks)
        if (d.deck, d.item) in found
    ]
    stages = store.stages(decks, at)
    fresh = [[i for i in _course_order(d) if stages[(d.id, i.id)] == "new"] for d in decks]
    turns = [
        Entry(deck, items[turn], "new")
        for turn in range(max(map(len, fresh), default=0))
        for deck, items in zip(decks, fresh, strict=True)
        if turn < len(items)
    ]
    queue += turns[:new]
    return queue if limit is None else queue[:limit]


class Review(RecallWidget):
    """Spaced review across decks: what is due now, then a few new items, one at a time.

    Cards show in the flashcards' flip-and-rate view (Space or Enter flips, keys 1-4 rate and
    move on), questions in the quiz's view (check, feedback, then "Next"). Each rating and each
    first answer is recorded in the progress store and reschedules the item with FSRS (see
    :mod:`recall_widgets.progress.scheduling`: a wrong first answer counts as Again, a right one as
    Good; "Try again" is practice). At the end, or when nothing is due, it says when the next
    review is; "Review more" (:meth:`refresh`) builds a new queue.

    The queue: every card and question due at ``now``, most overdue first with the decks taking
    turns, then up to ``new`` items never tried, in course order. A learner who has never
    practised thus starts with ``new`` items, and meets more each time the queue is rebuilt.

    Parameters
    ----------
    decks_or_paths:
        Decks, deck files or folders (one or a list). Default: every deck of the course's
        decks folder, from its course config (:func:`~.selection.course_content`, as the
        Dashboard).
    new:
        How many new items to add to each queue (default :data:`NEW_PER_QUEUE`, 0 for none).
    limit:
        At most this many items in a queue (due items first); None for no limit.
    progress:
        The progress store: by default the shared one (``RECALL_PROGRESS`` or the per-user
        file), or a database path or :class:`~recall_widgets.progress.ProgressStore`.
    now:
        The time the queue is built for, e.g. to look ahead (default: the clock, which
        ``RECALL_NOW`` fixes). Events are always timed by the clock.

    Example
    -------
    >>> review = Review()  # doctest: +SKIP
    >>> review  # doctest: +SKIP
    Review(decks=1, due=0, new=10, position=1/10, next_review=None)
    >>> review.flip(); review.rate("good")  # doctest: +SKIP
    """

    _esm = widget_esm("review.js")
    _css = widget_css("card_view.css", "question_view.css", "exercise_view.css", "review.css")

    entries = traitlets.List(
        traitlets.Dict(),
        help="Per item, in `ids` order: {deck, item, kind: card|question, stage: due|new, "
        "source: 'deck title · section', level} (plain text).",
    ).tag(sync=True)
    flipped = traitlets.Bool(False, help="Whether the card on screen shows its back.").tag(
        sync=True
    )
    since = traitlets.Int(
        0, help="Events with a greater seq belong to the current queue (answers shown)."
    ).tag(sync=True)
    next_review = traitlets.Unicode(help="When the next review is, as one sentence.").tag(sync=True)
    new_left = traitlets.Int(0, help="Items of these decks never tried yet.").tag(sync=True)

    def __init__(
        self,
        decks_or_paths: DeckSource | Iterable[DeckSource] | None = None,
        *,
        new: int = NEW_PER_QUEUE,
        limit: int | None = None,
        progress: ProgressOption = None,
        now: dt.datetime | None = None,
    ) -> None:
        if not _whole(new) or new < 0:
            raise ValueError(f"new must be a whole number, 0 or more, got {new!r}")
        if limit is not None and (not _whole(limit) or limit < 1):
            raise ValueError(f"limit must be None or a whole number, 1 or more, got {limit!r}")
        store = resolve_progress(progress)
        if store is None:
            raise TypeError("a Review needs a progress store; progress=False is for widgets")
        self.store: ProgressStore = store
        """The store the review reads and records into."""
        self._decks = resolve_decks(decks_or_paths)
        self._new, self._limit, self._now = new, limit, now
        self._next_due: dt.datetime | None = None
        self._progress_error = False
        self._build()
        language = self._init_language(self._decks)
        super().__init__(
            self.queue,
            deck_id="",
            title=title(translator(language["lang"])),
            progress=store,
            **self._queue_traits(),
            **language,
        )
        self.store.on_change(self._update_next_review)
        self._following = True
        self.on_msg(self._on_message)
        self._update_next_review()

    # -- the queue -------------------------------------------------------------------------

    def _at(self) -> dt.datetime:
        return self._now if self._now is not None else scheduling.now()

    def _build(self) -> None:
        self._queue = review_queue(
            self.store, self._decks, self._at(), new=self._new, limit=self._limit
        )
        self._by_key = {entry.key: entry for entry in self._queue}

    def _queue_traits(self) -> dict[str, Any]:
        return {
            "entries": [
                {
                    "deck": e.deck.id,
                    "item": e.item.id,
                    "kind": _KINDS[type(e.item)],
                    "stage": e.stage,
                    "source": " · ".join(filter(None, (e.deck.title, e.item.section))),
                    "level": e.item.level or "",
                }
                for e in self._queue
            ]
        }

    def _render_at(self, index: int) -> dict[str, Any]:
        entry = self._queue[index]
        if isinstance(entry.item, Card):
            return card_content(entry.item)
        if isinstance(entry.item, Exercise):
            return exercise_content(entry.item, tr=self._tr)
        if entry.item.kind == "order":
            order = shuffled_lines(entry.item, f"review:{entry.deck.id}")
        else:
            order = list(range(display_count(entry.item)))
            random.Random(f"review:{entry.key}").shuffle(order)  # stable for each item
        return question_content(entry.item, order)

    def refresh(self) -> None:
        """Build the queue again from the store, and show its first item."""
        self._build()
        last = self.events[-1].get("seq") if self.events else 0
        with self.hold_sync():
            self.since = last if isinstance(last, int) else 0
            self.set_trait("entries", self._queue_traits()["entries"])
            self._replace_keys(self.queue)
            self.flipped = False
            self.position = 0
            self._refresh_content()
            self._update_next_review()

    def _update_next_review(self) -> None:
        at = self._at()
        try:
            due = len(self.store.due(at, decks=self._decks))
            next_due = self.store.next_due(decks=self._decks)
            stages = self.store.stages(self._decks, at)
        except ProgressError as error:
            self.notice = self._tr.t("Cannot read progress: {error}", error=error)
            self._progress_error = True
            return
        if self._progress_error:
            self._progress_error = False
            self.notice = ""
        self.next_review = next_review_text(due, next_due, at, self._tr)
        self.new_left = sum(stage == "new" for stage in stages.values())
        self._next_due = next_due

    def _relocalize(self) -> None:
        """The title, the next review and a due exercise's line again, in the language now known."""
        if not hasattr(self, "_queue"):
            return
        self.title_html = render_inline(title(self._tr))
        self._rendered = {}
        with self.hold_sync():
            self.content = {}
            self._refresh_content()
        self._update_next_review()

    # -- the learner's actions -------------------------------------------------------------

    @property
    def queue(self) -> list[str]:
        """The queue's items as ``deck/item``, in order."""
        return [entry.key for entry in self._queue]

    @property
    def current(self) -> str | None:
        """``deck/item`` of the item on screen, or None when the queue is done (or empty)."""
        return self.ids[self.position] if self.position < len(self.ids) else None

    def _current(self, kind: type[Card] | type[Question]) -> Entry:
        key = self.current
        if key is None:
            raise ValueError(f"nothing to review: {self.message}")
        entry = self._by_key[key]
        if not isinstance(entry.item, kind):
            what = {
                Card: "a card: rate() it",
                Question: "a question: answer() it",
                Exercise: "an exercise: check it in its lesson, then next()",
            }[type(entry.item)]
            raise ValueError(f"{key} is {what}")
        return entry

    def _move(self, index: int) -> None:
        self.flipped = False
        super()._move(index)

    def next(self) -> None:
        """Move on to the next item (after the last one: the queue is done)."""
        self._move(min(self.position + 1, len(self.ids)))

    def flip(self) -> bool:
        """Turn the card on screen over; return whether it now shows its back."""
        entry = self._current(Card)
        self.flipped = not self.flipped
        self._record("flip", entry.item.id, self.flipped, deck=entry.deck.id)
        return bool(self.flipped)

    def rate(self, rating: str) -> None:
        """Rate the recall of the card on screen (again, hard, good, easy) and move on."""
        entry = self._current(Card)
        self._record("rate", entry.item.id, decide(entry.item, "rate", rating), deck=entry.deck.id)
        self.next()

    def _shown_answer(self, entry: Entry) -> Mapping[str, Any] | None:
        return shown_answer(self._decided, entry.deck.id, entry.item.id, self.since)

    def _event_items(self) -> DeckItems:
        return DeckItems(self._decks)

    def answer(self, answer: int | float | str | Sequence[int]) -> bool:
        """Answer the question on screen; return whether it is correct (Python decides).

        ``answer`` is what its kind takes (:meth:`recall_widgets.Quiz.answer`): choice
        indexes in YAML order, a number, text, or line indexes in the learner's order.

        The feedback stays on screen until :meth:`next`. Answering again needs :meth:`retry`
        first (practice: only the first answer schedules the question).
        """
        entry = self._current(Question)
        if self._shown_answer(entry) is not None:
            raise ValueError(f"{entry.key} is answered: next() moves on, retry() tries again")
        question = entry.item
        assert isinstance(question, Question)
        value = graded_answer(question, answer)
        self._record("answer", question.id, value, deck=entry.deck.id)
        return bool(value["correct"])

    def retry(self) -> None:
        """Clear the answer of the question on screen, to try again (practice, not scheduled)."""
        entry = self._current(Question)
        self._record("retry", entry.item.id, None, deck=entry.deck.id)

    @property
    def message(self) -> str:
        """What the widget says once the queue is done or when it is empty ('' before).

        ``Nothing is due. Next review: in 9 minutes (2025-01-06 09:10 UTC).``, or ``Done: 12
        items reviewed. …``; then how many items were never tried, if any.
        """
        n = len(self.ids)
        return (
            "" if self.position < n else end_message(n, self.next_review, self.new_left, self._tr)
        )

    def _on_message(self, _widget: object, content: Any, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("kind") == "refresh":
            self.refresh()

    def close(self) -> None:
        """Stop following the store, then close the widget."""
        if getattr(self, "_following", False):
            self._following = False
            self.store.on_change(self._update_next_review, remove=True)
        super().close()

    def __repr__(self) -> str:
        due = sum(e.stage == "due" for e in self._queue)
        n = len(self.ids)
        position = f"{min(self.position + 1, n)}/{n}" if self.position < n else "done"
        when = self._next_due.strftime("%Y-%m-%d %H:%M UTC") if self._next_due else None
        return (
            f"Review(decks={len(self._decks)}, due={due}, new={n - due}, position={position}, "
            f"next_review={when!r})"
        )
