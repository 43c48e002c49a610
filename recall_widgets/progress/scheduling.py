"""Spaced-review scheduling with FSRS: the clock, card ids, ratings from events, and stages.

Everything here is pure (no storage): :mod:`.store` keeps the events and a
cache of each item's schedule, and replays events through these functions.

The clock
---------
:func:`now` is the real UTC time, unless the environment variable ``RECALL_NOW`` holds an ISO
8601 time (``2025-01-06T09:00:00Z``; a time without an offset is taken as UTC): tests and the
notebook test harness set it so that stored outputs are deterministic. Reviews are always
scheduled from the *event's* own time, never from the clock.

The scheduler
-------------
:data:`SCHEDULER` is ``fsrs.Scheduler`` with fuzzing off (the same events always give the same
schedule), a desired retention of 0.9 (Anki's default) and learning steps that fit one study
session: a new item answered or rated comes back after **1 minute** and then **10 minutes**
before it graduates to a review in days, and a forgotten item comes back after **10 minutes**.
A notebook sitting lasts 20 to 60 minutes, so both steps fall inside it: the learner meets a
missed item again a few items later, then once more at the end of the lesson (the same steps
as Anki's defaults). Intervals are capped at one year (a course's lifetime).

Ratings
-------
Ratings come only from what Python decided an event means (:mod:`.events`), never from what a
browser claimed:

- ``rate`` event: its value ``again | hard | good | easy`` is the FSRS rating.
- ``answer`` event that is a **first attempt**: wrong → Again, right → Good. An answer is a
  first attempt unless the latest earlier ``answer``-or-``retry`` event of the same deck and
  item is a ``retry``: after "Try again" the quiz is practice (as in
  :attr:`recall_widgets.Quiz.score`), while answering the same question in a later session (no
  retry in between) counts again. Events carry no widget-session id, so this is the rule that
  needs none.
- ``check`` event (an exercise) that **starts an attempt**: failed → Again, passed → Good. A
  check starts an attempt when it is the exercise's first, or when the latest earlier ``check``
  or ``solution`` event of the exercise is a check that passed. So while a learner fixes their
  code, only the first check counts (the later ones are the same attempt, as a quiz's retries
  are practice); once it passes, the next check (say, when Review brings the exercise back)
  counts again; and a check after the solution was shown is practice until one passes.
- ``solution`` events give no rating themselves; they make the checks after them practice.
- Other kinds (``flip``, ``hint``, ``recall_text``, ``concepts``) are stored but do not
  schedule: recall prompts are not scheduled, so they are not counted in the stages.

Stages (the dashboard's levels)
-------------------------------
Each card or question is in exactly one stage at a time ``now``, checked in this order:

- **new**: never rated nor answered (as a first attempt).
- **due**: its next review time has come (``due <= now``), in any FSRS state.
- **mastered**: FSRS state Review, stability at least :data:`MASTERED_STABILITY_DAYS` (21 days,
  Anki's threshold for a "mature" card) and the latest rating was not Again.
- **learning**: everything else seen (Learning or Relearning steps, or young Review items).

"Level" elsewhere means the deck's difficulty level (beginner, intermediate, advanced).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from fsrs import Card, Rating, Scheduler, State

from . import events
from .clock import format_time, now, parse_time

__all__ = [
    "LEARNING_STEPS",
    "MASTERED_STABILITY_DAYS",
    "RELEARNING_STEPS",
    "SCHEDULER",
    "STAGES",
    "CardStats",
    "attempt_of",
    "card_id",
    "format_time",
    "now",
    "parse_time",
    "rating_of",
    "stage_from",
    "stage_of",
]

LEARNING_STEPS = (dt.timedelta(minutes=1), dt.timedelta(minutes=10))
"""A new item comes back after 1 minute, then 10 minutes, within the same study session."""
RELEARNING_STEPS = (dt.timedelta(minutes=10),)
"""A forgotten item (Again in Review) comes back after 10 minutes."""
MASTERED_STABILITY_DAYS = 21.0
"""Stability (days) from which a Review item not last rated Again counts as mastered."""
STAGES = ("new", "learning", "due", "mastered")
"""The stages of an item, from never seen to mastered (see the module docstring)."""

SCHEDULER = Scheduler(
    desired_retention=0.9,
    learning_steps=LEARNING_STEPS,
    relearning_steps=RELEARNING_STEPS,
    maximum_interval=365,
    enable_fuzzing=False,
)

RATINGS = dict(
    zip(events.RATINGS, (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy), strict=True)
)
"""A ``rate`` event's value (:data:`.events.RATINGS`) → FSRS rating."""

STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def card_id(deck: str, item: str) -> int:
    """A stable positive 63-bit id for an item: the first 8 bytes of sha256(deck, item)."""
    digest = hashlib.sha256(f"{deck}\0{item}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)


#: What an earlier ``check`` is, as :func:`attempt_of` says it: the check passed, or failed.
PASSED_CHECK, FAILED_CHECK = "check:passed", "check:failed"


def attempt_of(kind: str, value: Any) -> str:
    """What an event is as the previous attempt of a later one (see :func:`rating_of`): its
    kind, and for a ``check`` whether it passed (:data:`PASSED_CHECK`, :data:`FAILED_CHECK`)."""
    if kind == "check":
        return PASSED_CHECK if isinstance(value, Mapping) and value.get("passed") else FAILED_CHECK
    return kind


def rating_of(kind: str, value: Any, previous_attempt: str | None) -> Rating | None:
    """The FSRS rating an event gives, or None when it does not schedule.

    ``value`` is the value Python decided (:func:`.events.decide`) and the store keeps: a
    rating's name, an answer's ``correct`` computed from the deck, a check's ``passed``.
    ``previous_attempt`` is what the latest earlier scheduling event of the same item other
    than a rating was, as :func:`attempt_of` says it (``"answer"``, ``"retry"``,
    ``"solution"``, :data:`PASSED_CHECK` or :data:`FAILED_CHECK`), or None.
    """
    if kind == "rate":
        return RATINGS[value]
    if kind == "answer" and previous_attempt != "retry":
        return Rating.Good if value["correct"] else Rating.Again
    if kind == "check" and previous_attempt in (None, PASSED_CHECK):
        return Rating.Good if value["passed"] else Rating.Again
    return None


@dataclass
class CardStats:
    """An item's FSRS card plus the counts FSRS does not keep."""

    card: Card
    reviews: int = 0
    lapses: int = 0
    """Times rated Again (or answered wrong on a first attempt)."""
    last_rating: int | None = None

    @classmethod
    def new(cls, deck: str, item: str, when: dt.datetime) -> CardStats:
        """A card never reviewed, due at ``when``."""
        return cls(Card(card_id=card_id(deck, item), due=when))

    def review(self, rating: Rating, when: dt.datetime) -> CardStats:
        """The stats after a review at ``when`` (this object is left alone)."""
        card, _log = SCHEDULER.review_card(self.card, rating, review_datetime=when)
        lapses = self.lapses + (rating == Rating.Again)
        return CardStats(card, self.reviews + 1, lapses, int(rating))

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store."""
        return {
            "card": self.card.to_dict(),
            "reviews": self.reviews,
            "lapses": self.lapses,
            "last_rating": self.last_rating,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CardStats:
        """The inverse of :meth:`to_json`."""
        return cls(
            Card.from_dict(cast(Any, data["card"])),
            int(data["reviews"]),
            int(data["lapses"]),
            data["last_rating"],
        )

    @property
    def due(self) -> dt.datetime:
        """When the item should next be reviewed (aware UTC)."""
        return self.card.due.astimezone(dt.UTC)

    @property
    def state(self) -> str:
        """``learning``, ``review`` or ``relearning``."""
        return STATE_NAMES[self.card.state]

    def retrievability(self, at: dt.datetime) -> float:
        """FSRS's probability of recall at ``at`` (0 for an item never reviewed)."""
        return float(SCHEDULER.get_card_retrievability(self.card, current_datetime=at))


def stage_of(stats: CardStats | None, at: dt.datetime) -> str:
    """The stage (one of :data:`STAGES`) of an item with these stats at time ``at``."""
    if stats is None or stats.reviews == 0:
        return "new"
    return stage_from(stats.due, stats.state, stats.card.stability, stats.last_rating, at)


def stage_from(
    due: dt.datetime, state: str, stability: float | None, last_rating: int | None, at: dt.datetime
) -> str:
    """The stage of an item reviewed at least once, from the few fields it depends on."""
    if due <= at:
        return "due"
    if (
        state == "review"
        and (stability or 0.0) >= MASTERED_STABILITY_DAYS
        and last_rating != Rating.Again
    ):
        return "mastered"
    return "learning"
