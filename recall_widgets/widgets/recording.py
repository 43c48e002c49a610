"""Learner events: how a widget appends them, hands each to its callbacks once, and records it.

Events
------
Every learner action appends ``{"deck", "item", "kind", "value", "seq", "time"}`` to the
widget's synced ``events`` list, from the browser (JavaScript) or from Python methods; ``seq``
grows by one across both (:func:`next_seq`, the browser's ``nextSeq``), ``time`` is UTC ISO
8601 with milliseconds and a ``Z`` (from :func:`recall_widgets.progress.clock.now` for
Python's events, so ``RECALL_NOW`` fixes it). :func:`fresh_events` picks the new ones, once
each, by ``seq``.

The browser reports what the learner did and shows its own instant feedback; Python decides
what it means. :func:`decided` re-decides each new event from the deck
(:func:`recall_widgets.progress.events.decide`: an answer's ``correct`` is the deck's, never
the browser's; a value that cannot mean anything is refused with a :class:`ProgressWarning`),
and only the decided event goes to the store, to the ``on_event`` callbacks and to what the
widgets say (``score``, ``answers``, ``ratings``, ``concepts_checked``). :func:`answers_of`
gives ``answers`` their one shape.

Progress
--------
Each new event is also recorded in a :class:`~recall_widgets.progress.ProgressStore` (the
``progress=`` argument, :data:`ProgressOption`: by default the shared store of
``RECALL_PROGRESS`` or the per-user file; ``False`` records nothing). A :class:`Recorder`
opens the store's file on the first event, never when a widget is created or displayed (the
progress modules, sqlite3 and fsrs are not even imported until then). If it cannot be written
the widget keeps working, and says so once: one line in its ``notice`` and one
:class:`ProgressWarning`; it keeps trying, silently, with the events that follow.

Class pulse
-----------
When the kernel reports to a class pulse (``RECALL_PULSE``, or
:func:`recall_widgets.connect_pulse`), each event, once in the store, is also queued for it
(:mod:`recall_widgets.progress.sender`: sent in the background, never waited for); the first
widget to send one says so in its ``notice``, once.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from ..i18n.catalog import Translator, translator
from ..progress import clock
from ..progress.events import DeckItems, decide_event
from ..progress.sender import active_sender

if TYPE_CHECKING:  # the store (sqlite3, fsrs) is imported on the first event, not at import
    from ..progress.store import ProgressStore

__all__ = [
    "Event",
    "EventCallback",
    "ProgressOption",
    "ProgressWarning",
    "Recorder",
    "answers_of",
    "check_progress",
    "decided",
    "fresh_events",
    "new_event",
    "next_seq",
    "resolve_progress",
    "utc_now",
]

Event = dict[str, Any]
EventCallback = Callable[[Event], object]
ProgressOption: TypeAlias = "ProgressStore | str | os.PathLike[str] | bool | None"
"""A widget's ``progress=``: None or True (the shared default store), False (record nothing),
a database path or a :class:`~recall_widgets.progress.ProgressStore`."""


def utc_now() -> str:
    """The clock's time (``RECALL_NOW`` if set) as JavaScript's ``toISOString()`` writes it."""
    return clock.format_time(clock.now())


def next_seq(events: Sequence[Mapping[str, Any]]) -> int:
    """The ``seq`` of the event to append after ``events``: the last event's ``seq`` plus one,
    or, when that is not a whole number >= 0, the number of events plus one (1 for none).

    The browser's ``nextSeq`` (``frontend/src/common.js``) follows the same rule; a test runs
    both on the same lists."""
    if not events:
        return 1
    last = events[-1].get("seq")
    if isinstance(last, bool) or not isinstance(last, int | float):
        return len(events) + 1
    if float(last).is_integer() and last >= 0:
        return int(last) + 1
    return len(events) + 1


def new_event(events: Sequence[Event], deck: str, item: str, kind: str, value: object) -> Event:
    """The event to append after ``events``: the next ``seq``, timed by the clock."""
    seq = next_seq(events)
    return {"deck": deck, "item": item, "kind": kind, "value": value, "seq": seq, "time": utc_now()}


def fresh_events(events: Sequence[Event], after_seq: int) -> list[Event]:
    """The events at the end of ``events`` whose ``seq`` is above ``after_seq``, in order."""
    fresh: list[Event] = []
    for event in reversed(events):
        seq = event.get("seq")
        if not isinstance(seq, int) or seq <= after_seq:
            break
        fresh.append(event)
    return fresh[::-1]


class ProgressWarning(UserWarning):
    """Progress cannot be saved (the widget keeps working without recording)."""


def decided(event: Event, items: DeckItems) -> Event | None:
    """``event`` as Python decides it from the deck (:func:`~recall_widgets.progress.events.
    decide_event`), or None, with a :class:`ProgressWarning`, when it is refused."""
    try:
        return decide_event(event, items)
    except ValueError as error:
        warnings.warn(f"event not recorded: {error}", ProgressWarning, stacklevel=3)
        return None


def answers_of(events: Iterable[Event], kind: str) -> dict[str, dict[str, Any]]:
    """The learner's answers by item id, from decided events of ``kind``, in one shape.

    ``kind`` is ``answer`` (a question; an answer is what its kind takes: the chosen indexes in
    YAML order, the number, the text, or the line indexes in the learner's order) or
    ``recall_text`` (a prompt; an answer is the text written). Each item answered maps to
    ``{"first": answer, "last": answer, "attempts": n, "correct": bool | None}``: the first and
    the latest answers, how many were recorded, and whether the first one was correct — the
    one that counts for a score — or None for an answer that is not right or wrong (a
    written one, compared with the concepts by the learner).
    """
    answers: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.get("kind") != kind:
            continue
        value = event["value"]
        given = _given(value)
        if event["item"] not in answers:
            correct = value.get("correct") if isinstance(value, dict) else None
            answers[event["item"]] = {"first": given, "correct": correct, "attempts": 0}
        answer = answers[event["item"]]
        answer["attempts"] += 1
        answer["last"] = given
    return answers


def _given(value: object) -> object:
    """What the learner gave, from a decided value: an answer's choices, number, text or line
    order (the one key of its kind), or the value itself (a written recall text)."""
    if not isinstance(value, dict):
        return value
    for key in ("choices", "value", "text", "order"):
        if key in value:
            return value[key]
    return None


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


class Recorder:
    """Records a widget's events in the store its ``progress=`` names, resolved on first use.

    Parameters
    ----------
    progress:
        The widget's ``progress=`` (checked now; the store is looked up on the first event).

    Example
    -------
    >>> recorder = Recorder(False)
    >>> recorder.store is None and recorder.save({"kind": "flip"}) is None
    True
    """

    def __init__(self, progress: object) -> None:
        check_progress(progress)
        self._option = progress
        self._store: ProgressStore | None = None
        self._resolved = False
        self._failed = False

    @property
    def option(self) -> object:
        """The widget's ``progress=`` as given (None, True, False, a path or a store)."""
        return self._option

    @property
    def store(self) -> ProgressStore | None:
        """The store events are recorded in (None: not recorded), resolved on first use."""
        if not self._resolved:
            self._store = resolve_progress(self._option)
            self._resolved = True
        return self._store

    def save(self, event: Event, tr: Translator | None = None) -> str | None:
        """Record ``event``; the first time that fails, return the notice to show (else None),
        in ``tr``'s language (English when None; the store's own reason stays English).

        A malformed event (from a browser) is kept out of the store, with a warning.
        """
        store = self.store
        if store is None:
            return None
        try:
            saved = store.record(event)
        except ValueError as error:
            warnings.warn(f"event not recorded: {error}", ProgressWarning, stacklevel=3)
            return None
        announced = self._report(event, tr or translator(""))
        if saved or self._failed:
            return announced
        self._failed = True
        reason = store.error or "progress is not being saved"
        warnings.warn(reason, ProgressWarning, stacklevel=3)
        return reason[:1].upper() + reason[1:]

    @staticmethod
    def _report(event: Event, tr: Translator) -> str | None:
        """Queue the recorded event for the class pulse, if this kernel reports to one (never
        waits); the first time in this process, the notice saying so."""
        try:
            sender = active_sender()
        except ValueError as error:
            warnings.warn(f"not reporting to the class pulse: {error}", ProgressWarning, 3)
            return None
        if sender is None:
            return None
        sender.send(event)
        if sender.announced:
            return None
        sender.announced = True
        return tr.t(
            "Your answers also go to your instructor's class pulse ({url}).", url=sender.url
        )
