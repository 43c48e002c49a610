"""What a learner may send the pulse: the envelope, each event decided again, the rate limit.

A learner's request to ``POST /api/events`` is one JSON object::

    {"events": [{"id": "<stable event id>", "event": {deck, item, kind, value, seq, time}}, …]}

optionally with ``"learner"``, which must then be the learner of the token. :func:`parse_batch`
refuses the whole batch with an :class:`IngestError` (the HTTP status and a message) when the
body is too large, not JSON, not this shape, names another learner, or has any event the decks
cannot decide (an unknown deck or item, a value that means nothing): nothing of it is stored.
Each event's value is decided from the pulse's own decks
(:func:`~recall_widgets.progress.events.decide`): a ``correct`` sent is never trusted.

:class:`RateLimiter` gives each learner a bucket of :data:`BURST` events refilled at
:data:`RATE` a second; a learner over it gets 429 and the others are not slowed.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from ..progress.events import DeckItems, check_event, decide_event
from .storage import RoomEvent

__all__ = [
    "BURST",
    "MAX_BATCH",
    "MAX_BODY",
    "RATE",
    "IngestError",
    "RateLimiter",
    "parse_batch",
    "parse_json_body",
]

MAX_BODY = 256 * 1024
"""The largest request body the pulse reads, in bytes (a batch of 100 long answers fits)."""
MAX_BATCH = 100
"""The most events in one request."""
RATE = 10.0
"""Events a second a learner may keep sending."""
BURST = 200.0
"""Events a learner may send at once (a queue resent after the pulse was away)."""
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class IngestError(Exception):
    """A request refused: ``status`` is the HTTP status, ``str()`` what is wrong."""

    def __init__(self, status: int, message: str, refused: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.refused = refused or []


def parse_json_body(body: bytes) -> Any:
    """The request body as JSON, or :class:`IngestError` (413 too large, 400 not JSON)."""
    if len(body) > MAX_BODY:
        raise IngestError(413, f"the body is {len(body)} bytes; the most is {MAX_BODY}")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(400, f"the body is not JSON: {error}") from None


def parse_batch(data: Any, learner: str, items: DeckItems, received: str) -> list[RoomEvent]:
    """The events of a learner's request (see the module docstring), decided, or
    :class:`IngestError` refusing all of them."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise IngestError(400, 'the body must be {"events": [{"id": …, "event": {…}}, …]}')
    if "learner" in data and data["learner"] != learner:
        raise IngestError(
            403, f"this token is {learner!r}'s: it cannot send as {data['learner']!r}"
        )
    entries = data["events"]
    if len(entries) > MAX_BATCH:
        raise IngestError(413, f"{len(entries)} events in one request; the most is {MAX_BATCH}")
    accepted: list[RoomEvent] = []
    refused: list[dict[str, str]] = []
    for number, entry in enumerate(entries, 1):
        event_id = entry.get("id") if isinstance(entry, dict) else None
        try:
            if not isinstance(event_id, str) or not EVENT_ID.match(event_id):
                raise ValueError("'id' must be 8 to 64 letters, digits, _ or -")
            event = entry.get("event")
            if not isinstance(event, dict):
                raise ValueError("'event' must be an object")
            stored = check_event(decide_event(event, items), items=None)
        except ValueError as error:
            refused.append({"id": str(event_id), "error": f"event #{number}: {error}"})
            continue
        accepted.append(RoomEvent(learner, event_id, *stored, received=received))
    if refused:
        raise IngestError(400, refused[0]["error"], refused)
    return accepted


class RateLimiter:
    """A token bucket per learner: ``burst`` events at once, ``rate`` a second after that.

    Example
    -------
    >>> now = [0.0]
    >>> limiter = RateLimiter(rate=1, burst=2, clock=lambda: now[0])
    >>> limiter.allow("ana", 2), limiter.allow("ana", 1), limiter.allow("bo", 1)
    (True, False, True)
    >>> now[0] = 1.0; limiter.allow("ana", 1)
    True
    """

    def __init__(
        self,
        *,
        rate: float = RATE,
        burst: float = BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate, self.burst, self._clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, learner: str, cost: float = 1.0) -> bool:
        """Take ``cost`` from the learner's bucket if it has that much (True), else False."""
        now = self._clock()
        level, then = self._buckets.get(learner, (self.burst, now))
        level = min(self.burst, level + (now - then) * self.rate)
        if level < cost:
            self._buckets[learner] = (level, now)
            return False
        self._buckets[learner] = (level - cost, now)
        return True

    def retry_after(self, learner: str, cost: float = 1.0) -> float:
        """Seconds until the learner may send ``cost`` events."""
        level, _then = self._buckets.get(learner, (self.burst, 0.0))
        return max(0.0, (cost - level) / self.rate)
