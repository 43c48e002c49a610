"""The room as the pulse holds it while it runs: storage, an in-memory copy, who is watching.

:class:`LiveRoom` keeps every accepted event in memory too (read back from storage when the
pulse starts), so the live page's summary is computed without reading the database; each
change wakes the page's streams (:meth:`LiveRoom.wait_for_change`). :meth:`LiveRoom.csv_text`
is the instructor's CSV download: one row per event.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ..deck.model import Deck
from ..progress.clock import format_time, now
from ..progress.events import DeckItems
from ..progress.room import filter_events, summarize_room
from .storage import Learner, PulseStorage, RoomEvent

__all__ = ["CSV_COLUMNS", "LiveRoom"]

CSV_COLUMNS = (
    "learner",
    "name",
    "deck",
    "item",
    "section",
    "kind",
    "value",
    "correct",
    "seq",
    "time",
    "received",
    "event_id",
)


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _as_event(e: RoomEvent) -> dict[str, Any]:
    return {
        "deck": e.deck,
        "item": e.item,
        "kind": e.kind,
        "value": json.loads(e.value),
        "seq": e.seq,
        "time": e.time,
    }


class LiveRoom:
    """The room's storage, its decks and an in-memory copy of its learners and events.

    Parameters
    ----------
    storage:
        Where the room is kept (read once now).
    decks:
        The decks events are decided against and summarised over.
    """

    def __init__(self, storage: PulseStorage, decks: Sequence[Deck]) -> None:
        self.storage = storage
        self.decks = list(decks)
        self.items = DeckItems(self.decks)
        self.learners: dict[str, Learner] = {}
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.rows: list[RoomEvent] = []
        self.version = 0
        self._changed: asyncio.Event | None = None
        self._reload()

    def _reload(self) -> None:
        self.learners = {learner.learner: learner for learner in self.storage.learners()}
        self.events = {lid: [] for lid in self.learners}
        self.rows = self.storage.events()
        for row in self.rows:
            self.events.setdefault(row.learner, []).append(_as_event(row))

    def _notify(self) -> None:
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def wait_for_change(self, version: int, timeout: float) -> bool:
        """Wait until the room changed after ``version`` (True) or ``timeout`` seconds passed."""
        if self.version != version:
            return True
        if self._changed is None:
            self._changed = asyncio.Event()
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def join(self, learner: str, name: str) -> bool:
        """Add a learner (True), or False if the id is taken."""
        added = self.storage.add_learner(Learner(learner, name, format_time(now())))
        if added:
            self._reload_learners()
            self._notify()
        return added

    def ensure_learner(self, learner: str, name: str) -> None:
        """Add a learner who came with a token the instructor handed out, as ``name``."""
        if learner not in self.learners:
            self.join(learner, name)

    def _reload_learners(self) -> None:
        self.learners = {learner.learner: learner for learner in self.storage.learners()}
        for lid in self.learners:
            self.events.setdefault(lid, [])

    def add(self, events: Sequence[RoomEvent]) -> int:
        """Store the events; keep the new ones in memory too; how many were new."""
        added = self.storage.add_events(events)
        new = [e for e, is_new in zip(events, added, strict=True) if is_new]
        for e in new:
            self.rows.append(e)
            self.events.setdefault(e.learner, []).append(_as_event(e))
        if new:
            self._notify()
        return len(new)

    def delete_all(self) -> int:
        """Delete the room's learners and events; how many events were deleted."""
        deleted = self.storage.delete_room_data()
        self._reload()
        self._notify()
        return deleted

    def summary(
        self,
        *,
        deck: str | None = None,
        section: str | None = None,
        since: str | None = None,
        projector: bool = False,
        anonymous: str = "Learner {number}",
    ) -> dict[str, Any]:
        """The page's data: the room summary of the events kept by the filters; in projector
        mode each learner is named ``anonymous`` with ``{number}`` filled (1, 2, …)."""
        kept = {
            lid: filter_events(events, decks=self.decks, deck=deck, section=section, since=since)
            for lid, events in self.events.items()
        }
        decks = [d for d in self.decks if deck is None or d.id == deck]
        names = {lid: learner.name for lid, learner in self.learners.items()}
        data = summarize_room(kept, decks, names=names).as_dict()
        if section is not None:
            for part in ("questions", "prompts", "cards", "exercises"):
                data[part] = [i for i in data[part] if i["section"] == section]
        if projector:
            for number, learner in enumerate(data["learners"], 1):
                learner["learner"] = learner["name"] = anonymous.replace("{number}", str(number))
        data["total_events"] = len(self.rows)
        data["version"] = self.version
        data["decks"] = [
            {"id": d.id, "title": d.title, "sections": list(d.sections)} for d in self.decks
        ]
        return data

    def csv_text(self) -> str:
        """Every event as CSV, one row each (:data:`CSV_COLUMNS`), in the order received."""
        sections = {(d.id, i.id): i.section or "" for d in self.decks for i in d.items}
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for e in self.rows:
            value = json.loads(e.value)
            correct = value.get("correct", "") if isinstance(value, dict) else ""
            learner = self.learners.get(e.learner)
            writer.writerow(
                _cell(cell)
                for cell in [
                    e.learner,
                    learner.name if learner else e.learner,
                    e.deck,
                    e.item,
                    sections.get((e.deck, e.item), ""),
                    e.kind,
                    e.value,
                    correct,
                    e.seq,
                    e.time,
                    e.received,
                    e.event_id,
                ]
            )
        return out.getvalue()
