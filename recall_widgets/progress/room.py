"""A room's summary: what several learners did, per question, prompt, exercise, card and learner.

The input is each learner's decided events (as the store or the class pulse keeps them: an
answer's ``correct`` is the deck's). :func:`summarize_room` counts, per item:

- a **question**: learners who answered, who were right first time, the median seconds they
  took (from their previous event to their first answer, up to :data:`THINKING_CAP_S`), and
  the room's first answers: for a choice question the share of learners who ticked each choice
  (where the room's misconceptions show), for the other kinds the most common answers;
- a **prompt**: learners who ticked concepts, and the share ticking each one (their latest);
- an **exercise** (``check`` events): learners who checked, who passed, and the sub-check that
  fails most;
- a **card**: how many times it was rated again, hard, good and easy;
- a **learner**: events, items done of the decks' items, the latest section, and the items
  they are stuck on (:data:`STUCK_AFTER` wrong attempts or failed checks with no success since).

:func:`filter_events` keeps a deck, a section, and events since a time. Everything is plain
data (:meth:`RoomSummary.as_dict` is JSON-ready) so the command line, the pulse's page and its
CSV read the same numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..deck.model import Card, Deck, Prompt, Question
from .clock import parse_time
from .events import RATINGS

__all__ = [
    "STUCK_AFTER",
    "THINKING_CAP_S",
    "CardRatings",
    "ExerciseStats",
    "LearnerProgress",
    "PromptStats",
    "QuestionPulse",
    "RoomSummary",
    "filter_events",
    "learners_events",
    "since_minutes",
    "summarize_room",
]

STUCK_AFTER = 3
"""Wrong attempts at a question, or failed checks of an exercise, with no success since, that
make a learner stuck on it."""
THINKING_CAP_S = 600.0
"""The longest time counted as spent on one question (a learner away is not thinking)."""
TOP_ANSWERS = 5

Events = Sequence[Mapping[str, Any]]


@dataclass
class QuestionPulse:
    """One question: who answered, who was right first time, the room's first answers."""

    deck: str
    item: str
    prompt: str
    section: str | None
    kind: str
    answered: int = 0
    right_first_time: int = 0
    median_seconds: float | None = None
    #: A choice question's choices: ``{"text", "correct", "share", "count"}`` in YAML order.
    choices: list[dict[str, Any]] = field(default_factory=list)
    #: Another kind's most common first answers: ``{"answer", "count", "correct"}``.
    common: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PromptStats:
    """One recall prompt: learners who ticked concepts, and the share ticking each."""

    deck: str
    item: str
    prompt: str
    section: str | None
    learners: int = 0
    #: ``{"text", "share", "count"}`` per concept, in YAML order.
    concepts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ExerciseStats:
    """One exercise: learners who ran its check, who passed it, the sub-check failing most."""

    deck: str
    item: str
    section: str | None
    learners: int = 0
    passed: int = 0
    failing_most: str | None = None
    failing_count: int = 0

    @property
    def pass_rate(self) -> float:
        """The share of the learners who checked it and passed (0 when none did)."""
        return self.passed / self.learners if self.learners else 0.0


@dataclass
class CardRatings:
    """One card: how often the room rated it again, hard, good and easy."""

    deck: str
    item: str
    section: str | None
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))


@dataclass
class LearnerProgress:
    """One learner: how far through the decks, and where stuck."""

    learner: str
    name: str
    events: int = 0
    done: int = 0
    total: int = 0
    section: str | None = None
    last_seen: str | None = None
    stuck: list[str] = field(default_factory=list)


@dataclass
class RoomSummary:
    """Everything :func:`summarize_room` counts (see the module docstring)."""

    learners: list[LearnerProgress]
    questions: list[QuestionPulse]
    prompts: list[PromptStats]
    exercises: list[ExerciseStats]
    cards: list[CardRatings]
    events: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data (an exercise's ``pass_rate`` included)."""
        data = asdict(self)
        for exercise, stats in zip(data["exercises"], self.exercises, strict=True):
            exercise["pass_rate"] = stats.pass_rate
        return data


def _key(event: Mapping[str, Any]) -> tuple[str, int]:
    return (str(event.get("time", "")), int(event.get("seq", 0)))


def filter_events(
    events: Events,
    *,
    decks: Sequence[Deck] = (),
    deck: str | None = None,
    section: str | None = None,
    since: str | None = None,
) -> list[Mapping[str, Any]]:
    """The events of ``deck`` (an id), of ``section`` (of an item of ``decks``), and at or after
    ``since`` (UTC ISO 8601); None keeps all."""
    sections = {(d.id, i.id): i.section for d in decks for i in d.items}
    start = parse_time(since, "since") if since else None
    kept = []
    for event in events:
        if deck is not None and event.get("deck") != deck:
            continue
        if section is not None and sections.get((event["deck"], event["item"])) != section:
            continue
        if start is not None and parse_time(str(event["time"]), "time") < start:
            continue
        kept.append(event)
    return kept


def _answer_text(value: Mapping[str, Any]) -> str:
    for key in ("text", "value", "order", "choices"):
        if key in value:
            shown = value[key]
            return shown if isinstance(shown, str) else json.dumps(shown)
    return json.dumps({k: v for k, v in value.items() if k != "correct"}, sort_keys=True)


def _seconds(earlier: str, later: str) -> float:
    start, end = parse_time(earlier, "time"), parse_time(later, "time")
    return min(max((end - start).total_seconds(), 0.0), THINKING_CAP_S)


class _Room:
    """The running counts while the learners' events are read."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self.decks = decks
        self.questions: dict[tuple[str, str], QuestionPulse] = {}
        self.prompts: dict[tuple[str, str], PromptStats] = {}
        self.exercises: dict[tuple[str, str], ExerciseStats] = {}
        self.cards: dict[tuple[str, str], CardRatings] = {}
        self.firsts: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        self.seconds: dict[tuple[str, str], list[float]] = {}
        self.ticked: dict[tuple[str, str], list[list[int]]] = {}
        self.failures: dict[tuple[str, str], Counter[str]] = {}
        self.items = {(d.id, i.id): i for d in decks for i in d.items}
        for d in decks:
            for item in d.items:
                key = (d.id, item.id)
                if isinstance(item, Question):
                    self.questions[key] = QuestionPulse(
                        d.id, item.id, item.prompt, item.section, getattr(item, "kind", "choice")
                    )
                elif isinstance(item, Prompt):
                    self.prompts[key] = PromptStats(d.id, item.id, item.prompt, item.section)
                elif isinstance(item, Card):
                    self.cards[key] = CardRatings(d.id, item.id, item.section)

    def section(self, key: tuple[str, str]) -> str | None:
        item = self.items.get(key)
        return item.section if item is not None else None

    def learner(self, learner: str, name: str, events: Events) -> LearnerProgress:
        progress = LearnerProgress(learner, name, total=len(self.items))
        done: set[tuple[str, str]] = set()
        streak: dict[tuple[str, str], int] = {}
        answered: set[tuple[str, str]] = set()
        checked: dict[tuple[str, str], bool] = {}
        concepts: dict[tuple[str, str], list[int]] = {}
        previous: str | None = None
        for event in sorted(events, key=_key):
            key, kind, value = (event["deck"], event["item"]), event["kind"], event["value"]
            progress.events += 1
            progress.last_seen = str(event["time"])
            progress.section = self.section(key) or progress.section
            if kind in ("answer", "rate", "concepts", "check", "recall_text"):
                done.add(key)
            if kind == "answer" and isinstance(value, Mapping):
                right = bool(value.get("correct"))
                streak[key] = 0 if right else streak.get(key, 0) + 1
                if key not in answered:
                    answered.add(key)
                    self.firsts.setdefault(key, []).append(value)
                    if previous is not None:
                        self.seconds.setdefault(key, []).append(_seconds(previous, event["time"]))
            elif kind == "rate" and key in self.cards and value in RATINGS:
                self.cards[key].ratings[str(value)] += 1
            elif kind == "concepts" and isinstance(value, Mapping):
                concepts[key] = list(value.get("checked", []))
            elif kind == "check" and isinstance(value, Mapping):
                passed = bool(value.get("passed"))
                streak[key] = 0 if passed else streak.get(key, 0) + 1
                checked[key] = checked.get(key, False) or passed
                self.failures.setdefault(key, Counter()).update(
                    str(name) for name in value.get("failed", [])
                )
            previous = str(event["time"])
        for key, ticked in concepts.items():
            self.ticked.setdefault(key, []).append(ticked)
        for key, passed in checked.items():
            stats = self.exercises.setdefault(key, ExerciseStats(*key, self.section(key)))
            stats.learners += 1
            stats.passed += passed
        progress.done = len(done & set(self.items)) if self.items else len(done)
        progress.stuck = [f"{d}/{i}" for (d, i), n in streak.items() if n >= STUCK_AFTER]
        return progress

    def finish(self) -> None:
        for key, question in self.questions.items():
            firsts = self.firsts.get(key, [])
            question.answered = len(firsts)
            question.right_first_time = sum(bool(v.get("correct")) for v in firsts)
            times = self.seconds.get(key)
            question.median_seconds = statistics.median(times) if times else None
            item = self.items[key]
            if question.kind == "choice" and isinstance(item, Question):
                counts = Counter(i for v in firsts for i in v.get("choices", []))
                question.choices = [
                    {
                        "text": choice.text,
                        "correct": choice.correct,
                        "count": counts[index],
                        "share": counts[index] / len(firsts) if firsts else 0.0,
                    }
                    for index, choice in enumerate(item.choices)
                ]
            else:
                common = Counter(_answer_text(v) for v in firsts)
                right = {_answer_text(v): bool(v.get("correct")) for v in firsts}
                question.common = [
                    {"answer": answer, "count": n, "correct": right[answer]}
                    for answer, n in common.most_common(TOP_ANSWERS)
                ]
        for key, prompt_stats in self.prompts.items():
            ticked = self.ticked.get(key, [])
            prompt_stats.learners = len(ticked)
            item = self.items[key]
            if isinstance(item, Prompt):
                counts = Counter(i for t in ticked for i in t)
                prompt_stats.concepts = [
                    {
                        "text": concept.text if not isinstance(concept, str) else concept,
                        "count": counts[index],
                        "share": counts[index] / len(ticked) if ticked else 0.0,
                    }
                    for index, concept in enumerate(item.concepts)
                ]
        for key, exercise in self.exercises.items():
            failing = self.failures.get(key)
            if failing:
                exercise.failing_most, exercise.failing_count = failing.most_common(1)[0]


def summarize_room(
    learners: Mapping[str, Events],
    decks: Sequence[Deck] = (),
    *,
    names: Mapping[str, str] | None = None,
) -> RoomSummary:
    """The room's summary from each learner's decided events (``learner id → events``).

    ``decks`` give the items counted (their text, choices and concepts; a question or prompt
    no one touched shows with zeros); ``names`` the learners' display names (default: the id).
    Exercises are counted from ``check`` events whatever their deck says. Learners are sorted
    by name, items in deck order.
    """
    room = _Room(decks)
    shown = names or {}
    progress = [room.learner(lid, shown.get(lid, lid), events) for lid, events in learners.items()]
    room.finish()
    return RoomSummary(
        learners=sorted(progress, key=lambda p: (p.name.casefold(), p.learner)),
        questions=list(room.questions.values()),
        prompts=list(room.prompts.values()),
        exercises=sorted(room.exercises.values(), key=lambda e: (e.deck, e.item)),
        cards=list(room.cards.values()),
        events=sum(p.events for p in progress),
    )


def since_minutes(minutes: float, now: dt.datetime) -> str:
    """The time ``minutes`` before ``now`` as the events write it (for ``--since``)."""
    from .clock import format_time

    return format_time(now - dt.timedelta(minutes=minutes))


def learners_events(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, list[Any]]:
    """``(learner, event)`` pairs grouped by learner, in their order."""
    grouped: dict[str, list[Any]] = {}
    for learner, event in rows:
        grouped.setdefault(learner, []).append(event)
    return grouped
