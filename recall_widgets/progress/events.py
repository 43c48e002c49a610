"""A learner's event as data: its fields, the check every event passes, and how it is stored.

The widgets append events ``{"deck", "item", "kind", "value", "seq", "time"}`` (see
:mod:`recall_widgets.widgets.recording`). :func:`check_event` refuses a malformed one with a
``ValueError`` saying why, and returns it as a :class:`StoredEvent`: the value as canonical
JSON and the time normalised, so the same event is the same row however often it is sent or
imported. Only ``rate``, ``answer`` and ``retry`` events schedule (:data:`SCHEDULING_KINDS`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from .scheduling import RATINGS, format_time, parse_time

__all__ = ["EVENT_KEYS", "SCHEDULING_KINDS", "StoredEvent", "canonical_json", "check_event"]

EVENT_KEYS = ("deck", "item", "kind", "value", "seq", "time")
SCHEDULING_KINDS = ("rate", "answer", "retry")


class StoredEvent(NamedTuple):
    """An event as the store keeps it: ``value`` as canonical JSON, ``time`` normalised."""

    deck: str
    item: str
    kind: str
    value: str
    seq: int
    time: str

    def to_event(self) -> dict[str, Any]:
        """The widget's event dict."""
        return {
            "deck": self.deck,
            "item": self.item,
            "kind": self.kind,
            "value": json.loads(self.value),
            "seq": self.seq,
            "time": self.time,
        }


def canonical_json(value: Any) -> str:
    """Compact JSON with sorted keys: equal values give equal text (the dedupe key uses it)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _text(event: Mapping[str, Any], key: str) -> str:
    value = event.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"field {key!r} must be a non-empty string, got {value!r}")
    return value


def check_event(event: Any, *, strict: bool = False) -> StoredEvent:
    """Check a widget event and return it normalised, or raise ``ValueError`` saying why.

    ``strict`` (for imports) also refuses keys other than deck, item, kind, value, seq and
    time; the widgets' live events may carry more, which are not stored.
    """
    if not isinstance(event, Mapping):
        raise ValueError(f"an event must be an object, got {type(event).__name__}")
    missing = [k for k in EVENT_KEYS if k not in event]
    if missing:
        raise ValueError(f"missing field {missing[0]!r} (events have {', '.join(EVENT_KEYS)})")
    extra = sorted(str(k) for k in event if k not in EVENT_KEYS)
    if strict and extra:
        raise ValueError(f"unknown field {extra[0]!r} (events have {', '.join(EVENT_KEYS)})")
    deck, item, kind = _text(event, "deck"), _text(event, "item"), _text(event, "kind")
    seq, value = event["seq"], event["value"]
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ValueError(f"field 'seq' must be a whole number >= 0, got {seq!r}")
    when = format_time(parse_time(_text(event, "time"), "field 'time'"))
    if kind == "rate" and value not in RATINGS:
        raise ValueError(f"a rate event's value must be one of {', '.join(RATINGS)}, got {value!r}")
    if kind == "answer" and not (
        isinstance(value, Mapping) and isinstance(value.get("correct"), bool)
    ):
        raise ValueError(f"an answer event's value must have 'correct': true/false, got {value!r}")
    try:
        text = canonical_json(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"field 'value' is not JSON data: {error}") from None
    return StoredEvent(deck, item, kind, text, seq, when)
