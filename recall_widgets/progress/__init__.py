"""Progress: learners' events in a SQLite store, FSRS schedules, queries, export and import.

The room's modules, from the bottom up: :mod:`.clock` (UTC times, ``RECALL_NOW``),
:mod:`.scheduling` (FSRS, ratings from events, stages), :mod:`.events` (an event as data),
:mod:`.database` (the SQLite file), :mod:`.queries` (the read model), :mod:`.store` (the
writer, :class:`ProgressStore`) and :mod:`.transfer` (export files, the room's summary).

The names a course or a widget needs are importable from here, ``from recall_widgets.progress
import ProgressStore``; each module is imported on first use (the store brings sqlite3 and
fsrs), so importing this package costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .database import ENV_PATH, ProgressError, default_path
    from .queries import DueItem, ItemStatus, SummaryRow
    from .store import ImportResult, ProgressStore, shared_store
    from .transfer import ProgressFileError

_LAZY = {
    "ENV_PATH": "database",
    "ProgressError": "database",
    "default_path": "database",
    "DueItem": "queries",
    "ItemStatus": "queries",
    "SummaryRow": "queries",
    "ImportResult": "store",
    "ProgressStore": "store",
    "shared_store": "store",
    "ProgressFileError": "transfer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENV_PATH",
    "DueItem",
    "ImportResult",
    "ItemStatus",
    "ProgressError",
    "ProgressFileError",
    "ProgressStore",
    "SummaryRow",
    "default_path",
    "shared_store",
]
