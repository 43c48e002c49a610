"""Widgets that remember: what the learner did before, read from the store when a widget shows.

A widget shown again — a reopened notebook, a restarted kernel — finds the learner's earlier
events about its items in the progress store and syncs them as its ``earlier`` trait; its
front end shows each item's earlier state (a question's answer and first result, the score)
until the learner acts on it again. :class:`~.base.RecallWidget` does this for every widget
that names the event kinds it remembers (``_remember_kinds``): Quiz its answers, Flashcards
its ratings, RecallPrompt its ticked concepts, an Exercise its checks.

The rules: the store is read at the widget's first display, read-only — a store that does not
exist is not created (it is still written only when the learner acts); with ``progress=False``
nothing is read; the events are decided again from the deck as it is now (an item whose
answer changed is judged by today's deck; an event that no longer means anything is left
out); their ``seq`` is renumbered below zero (``-n`` … ``-1``, in time order), so they never
collide with this session's events. Nothing of it reaches a repr, ``answers`` or ``score``, so
stored notebook outputs do not depend on the store. :func:`start_over` forgets them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..progress.events import DeckItems, decide_event
from .recording import Event

if TYPE_CHECKING:
    from ..progress.store import ProgressStore

__all__ = ["forget", "remembered_events", "store_exists"]


def store_exists(progress: object) -> bool:
    """Whether the store a widget's ``progress=`` names has a file yet (False for
    ``progress=False``): checked before the store's modules (sqlite3, fsrs) load, so showing a
    widget with no store yet costs a file check."""
    if progress is False:
        return False
    path = getattr(progress, "path", None)
    if isinstance(progress, str | os.PathLike):
        path = Path(progress)
    if path is None:
        from ..progress.database import default_path

        path = default_path()
    return Path(path).expanduser().exists()


def remembered_events(
    store: ProgressStore | None,
    deck_id: str,
    items: Sequence[str],
    kinds: Sequence[str],
    decide_with: DeckItems,
) -> list[Event]:
    """The earlier events of these kinds about these items, decided again from the deck and
    numbered ``-n`` … ``-1``; [] with no store (``progress=False``) or no file yet. Raises
    :class:`~recall_widgets.progress.ProgressError` when the file cannot be read."""
    if store is None or not kinds:
        return []
    found: list[Event] = []
    for event in store.item_events(deck_id, items, kinds):
        try:
            found.append(decide_event(event, decide_with))
        except ValueError:
            continue  # the deck changed: this answer no longer means anything
    count = len(found)
    return [{**event, "seq": index - count} for index, event in enumerate(found)]


def forget(store: ProgressStore | None, deck_id: str, items: Sequence[str]) -> int:
    """Delete the learner's events and schedules of these items (a widget's "Start over");
    return how many events went. Creates no store that does not exist."""
    if store is None or not items:
        return 0
    return store.reset(deck_id, list(items))
