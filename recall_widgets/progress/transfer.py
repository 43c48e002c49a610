"""Progress export files: their format, writing and checking them, and a room's summary.

The export file
---------------
One JSON object::

    {"format": "recall-widgets-progress", "version": 1,
     "exported": "2025-01-06T09:00:00.000Z",
     "learner": {"id": "ana", "name": "Ana Lima"},
     "events": [{"deck": …, "item": …, "kind": …, "value": …, "seq": …, "time": …}, …]}

``learner`` (optional: files written before it have none) says whose progress it is: the room
summary counts each learner once, however many of their files it is given. The events are the
widgets' own (see :mod:`.events`), in time order, each as Python decided it
when it was recorded; they are the whole truth: schedules are rebuilt from them on import. An
import given the decks re-decides the events about their items (:func:`parse_export` says what
happens to the others). :func:`read_export` refuses a
file that is not JSON (truncated or corrupted), not this format (foreign), from a newer
version, or with any malformed event, with a :class:`ProgressFileError` whose message is one
line naming the file and what is wrong.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..deck.model import Deck
from .database import ProgressError
from .events import DeckItems, StoredEvent, check_event
from .identity import LearnerIdentity

__all__ = [
    "FORMAT",
    "VERSION",
    "ProgressFileError",
    "QuestionStats",
    "export_document",
    "parse_export",
    "read_export",
    "room_events",
    "room_summary",
]

FORMAT = "recall-widgets-progress"
VERSION = 1


class ProgressFileError(ProgressError):
    """An export file is refused (corrupted, truncated, foreign, newer, or bad events)."""


def export_document(
    events: Iterable[StoredEvent], exported: str, learner: LearnerIdentity | None = None
) -> str:
    """The export file's text, one event a line (same events and time give the same bytes);
    with ``learner``, their id and display name (``"learner": {"id", "name"}``)."""
    head_data: dict[str, object] = {"format": FORMAT, "version": VERSION, "exported": exported}
    if learner is not None:
        head_data["learner"] = {"id": learner.id, "name": learner.name}
    head = json.dumps(head_data, ensure_ascii=False)
    lines = [json.dumps(e.to_event(), ensure_ascii=False) for e in events]
    body = ",\n".join(lines)
    return f'{head[:-1]}, "events": [\n{body}\n]}}\n' if lines else f'{head[:-1]}, "events": []}}\n'


def parse_export(
    text: str, name: str, *, decks: DeckItems | Iterable[Deck] | None = None
) -> list[StoredEvent]:
    """Check an export's text; return its events or raise :class:`ProgressFileError`.

    An event about an item of ``decks`` (a deck that is available) is re-decided from it, as
    a live one is (:func:`~.events.decide`): an answer counts as correct only if its choices
    are the deck's correct ones, whatever the file says, and a value that cannot mean
    anything (a choice the question does not have) refuses the file. An event about a deck
    that is not available (not in ``decks``, or none given), or about an item its deck no
    longer has, cannot be re-decided: it is kept as it was recorded — decided by the store
    that recorded it — with only its shape checked (an answer has ``correct``, a rating is a
    known one). The widgets only show, and the queries given decks only count, the items the
    decks have.
    """
    items = None if decks is None else DeckItems.of(decks)

    def refuse(why: str) -> ProgressFileError:
        return ProgressFileError(f"{name}: {why}")

    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise refuse(
            f"not valid JSON (truncated or corrupted?): {error.msg} at line {error.lineno} "
            f"column {error.colno}"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise refuse(
            f'not a recall-widgets progress export (expected "format": {FORMAT!r}'
            + (f", found {found!r})" if found is not None else ")")
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(f'"version" must be a whole number >= 1, found {version!r}')
    if version > VERSION:
        raise refuse(
            f"written by a newer recall-widgets (format version {version}; this one reads "
            f"version {VERSION}): upgrade recall-widgets to import it"
        )
    events = document.get("events")
    if not isinstance(events, list):
        raise refuse(f'"events" must be a list, found {type(events).__name__}')
    checked = []
    for number, event in enumerate(events, 1):
        try:
            checked.append(check_event(event, strict=True, items=items))
        except ValueError as error:
            raise refuse(f"event #{number}: {error}") from None
    return checked


def read_export(
    path: str | os.PathLike[str], *, decks: DeckItems | Iterable[Deck] | None = None
) -> list[StoredEvent]:
    """Read and check an export file; raise :class:`ProgressFileError` naming it if it is bad.

    The events about the items of ``decks`` are re-decided (see :func:`parse_export`)."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ProgressFileError(f"{name}: no such file") from None
    except OSError as error:
        raise ProgressFileError(f"{name}: cannot read it: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProgressFileError(
            f"{name}: not UTF-8 text (not a progress export, or corrupted)"
        ) from None
    return parse_export(text, name, decks=decks)


@dataclass(frozen=True)
class QuestionStats:
    """The room's results on one question: learners who answered it and who got it right first."""

    deck: str
    item: str
    answered: int
    right_first_time: int

    @property
    def missed(self) -> int:
        """Learners whose first attempt was wrong."""
        return self.answered - self.right_first_time


def _learner_in(path: str | os.PathLike[str]) -> LearnerIdentity | None:
    """The ``learner`` an export names (read after :func:`read_export` checked the file)."""
    try:
        document = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
        learner = document.get("learner")
        if isinstance(learner, dict) and isinstance(learner.get("id"), str) and learner["id"]:
            name = learner.get("name")
            return LearnerIdentity(learner["id"], name if isinstance(name, str) else learner["id"])
    except (OSError, ValueError, AttributeError):
        pass
    return None


def room_events(
    paths: Sequence[str | os.PathLike[str]], *, decks: DeckItems | Iterable[Deck] | None = None
) -> tuple[dict[str, list[StoredEvent]], dict[str, str]]:
    """Each learner's events over several exports, and their display names.

    Files naming the same learner are one learner (their events merged, each once); a file
    naming none is a learner of its own, but the same events given twice count once. Every
    file is checked first: a bad one raises :class:`ProgressFileError`.
    """
    items = None if decks is None else DeckItems.of(decks)
    learners: dict[str, set[StoredEvent]] = {}
    names: dict[str, str] = {}
    anonymous: dict[frozenset[StoredEvent], str] = {}
    for path in paths:
        events = read_export(path, decks=items)
        learner = _learner_in(path)
        if learner is None:
            key = anonymous.setdefault(frozenset(events), f"file:{os.fspath(path)}")
            names.setdefault(key, Path(path).name)
        else:
            key = learner.id
            names[key] = learner.name
        learners.setdefault(key, set()).update(events)
    ordered = {
        key: sorted(events, key=lambda e: (e.time, e.seq, e.kind, e.value))
        for key, events in learners.items()
    }
    return ordered, names


def room_summary(
    paths: Sequence[str | os.PathLike[str]], *, decks: DeckItems | Iterable[Deck] | None = None
) -> list[QuestionStats]:
    """Per question over several learners' exports (each learner once: :func:`room_events`),
    most-missed first.

    A learner's first attempt at a question is their earliest ``answer`` event for it, right
    or wrong as re-decided from ``decks`` when its deck is among them (:func:`parse_export`).
    Every file is checked before any is counted: a bad one raises :class:`ProgressFileError`.
    Order: most learners missed, then lowest share right first time, then deck and item id.
    """
    learners, _names = room_events(paths, decks=decks)
    answered: dict[tuple[str, str], int] = {}
    right: dict[tuple[str, str], int] = {}
    for events in learners.values():
        first: dict[tuple[str, str], bool] = {}
        for event in events:
            key = (event.deck, event.item)
            if event.kind == "answer" and key not in first:
                first[key] = bool(json.loads(event.value)["correct"])
        for key, correct in first.items():
            answered[key] = answered.get(key, 0) + 1
            right[key] = right.get(key, 0) + correct
    stats = [
        QuestionStats(deck, item, n, right[deck, item]) for (deck, item), n in answered.items()
    ]
    return sorted(stats, key=lambda s: (-s.missed, s.right_first_time / s.answered, s.deck, s.item))
