"""A learner's event: what the learner did, what Python decides it means, and how it is stored.

The event contract
------------------
The widgets append events ``{"deck", "item", "kind", "value", "seq", "time"}`` (see
:mod:`recall_widgets.widgets.recording`). The browser reports what the learner did — the
choices ticked, a rating, the concepts ticked — and keeps its own instant feedback, which a
static page with no Python needs. Python never takes the browser's word for what that means:
:func:`decide` re-decides every event's value from the deck when it is recorded, and the
score, ``answers``, the store and the scheduler read only that decision. Every place that takes
events from outside does the same: the widgets (:func:`decide_event`), and the store's
:meth:`~recall_widgets.progress.store.ProgressStore.record` and imports given the decks
(:func:`check_event` with ``items=``).

What each kind's value is, once decided (:data:`EVENT_KINDS` says which item each is about):

- ``answer`` (a question): ``{"choices": [...], "correct": bool}``; the choice indexes in the
  deck's YAML order, sorted and once each, and ``correct`` computed from the deck's correct
  choices — whether they are exactly those — whatever ``correct`` the browser sent.
- ``retry`` (a question): ``None``. ``rate`` (a card): one of :data:`RATINGS`, the FSRS
  rating. ``flip`` (a card): ``True`` or ``False``, the side now shown.
- ``concepts`` (a prompt): ``{"checked": [...], "total": n}``, the ticked concept indexes,
  sorted and once each, and the prompt's number of concepts. ``hint`` (a prompt or an
  exercise): ``True``, one event per hint revealed. ``recall_text`` (a prompt): the text written.
- ``check`` (an exercise): ``{"passed": bool, "failed": [...], "total": n}``, the names of the
  failed sub-checks in check order and the number of sub-checks. The check runs in the
  learner's kernel (:mod:`recall_widgets.checking`), not in the deck, so what is decided here is
  the shape and that it agrees with itself: ``passed`` is true exactly when ``failed`` is empty,
  names are distinct text, and there are no more of them than ``total``. ``solution`` (an
  exercise): ``True``, the solution was shown.

A value that cannot mean anything — an index out of range, two choices for a one-answer
question, an unknown rating or kind — is refused with a ``ValueError`` saying what is allowed.

Storing
-------
:func:`check_event` refuses a malformed event with a ``ValueError`` saying why, and returns it
as a :class:`StoredEvent`: the value as canonical JSON and the time normalised, so the same
event is the same row however often it is sent or imported. Only ``rate``, ``answer`` and
``retry`` events schedule (:data:`SCHEDULING_KINDS`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from ..deck.model import Card, Deck, Exercise, Item, Prompt, Question
from .clock import format_time, parse_time

__all__ = [
    "EVENT_KEYS",
    "EVENT_KINDS",
    "RATINGS",
    "SCHEDULING_KINDS",
    "DeckItems",
    "StoredEvent",
    "canonical_json",
    "check_event",
    "decide",
    "decide_event",
]

EVENT_KEYS = ("deck", "item", "kind", "value", "seq", "time")
SCHEDULING_KINDS = ("rate", "answer", "retry", "check", "solution")
RATINGS = ("again", "hard", "good", "easy")
"""The self-ratings after a flip, in the order of the buttons and of the keys 1-4: a ``rate``
event's value, and FSRS's Again, Hard, Good and Easy."""
EVENT_KINDS: dict[str, tuple[type[Item], ...]] = {
    "flip": (Card,),
    "rate": (Card,),
    "answer": (Question,),
    "retry": (Question,),
    "hint": (Prompt, Exercise),
    "recall_text": (Prompt,),
    "concepts": (Prompt,),
    "check": (Exercise,),
    "solution": (Exercise,),
}
"""Every kind of event, and the kinds of item it may be about."""

_NOUNS = {Card: "card", Question: "question", Prompt: "prompt", Exercise: "exercise"}


# -- deciding ---------------------------------------------------------------------------------


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _indexes(value: object, what: str, count: int) -> list[int]:
    """``value`` as sorted distinct indexes among ``0..count-1``, or ``ValueError``."""
    listed = list(value) if isinstance(value, list | tuple) else None
    if listed is None or any(not _whole(i) or not 0 <= i < count for i in listed):
        raise ValueError(f"{what} must be among 0..{count - 1}, got {value!r}")
    return sorted(set(listed))


def _answer(question: Question, value: object) -> dict[str, Any]:
    choices = value.get("choices") if isinstance(value, Mapping) else None
    what = f"choice indexes of {question.id!r}"
    chosen = _indexes(choices, what, len(question.choices))
    if not chosen:
        raise ValueError(f"{what} must be among 0..{len(question.choices) - 1}, got []")
    if len(chosen) > 1 and not question.multiple:
        raise ValueError(f"question {question.id!r} takes exactly one choice, got {choices!r}")
    return {"choices": chosen, "correct": tuple(chosen) == question.correct_indexes}


def _concepts(prompt: Prompt, value: object) -> dict[str, Any]:
    checked = value.get("checked") if isinstance(value, Mapping) else None
    total = len(prompt.concepts)
    return {
        "checked": _indexes(checked, f"concept indexes of {prompt.id!r}", total),
        "total": total,
    }


def _rating(_card: Card, value: object) -> str:
    if not isinstance(value, str) or value not in RATINGS:
        raise ValueError(f"unknown rating {value!r}; ratings: {', '.join(RATINGS)}")
    return value


def _exactly(kind: str, allowed: tuple[object, ...], shown: str) -> Any:
    def decide_kind(_item: Item, value: object) -> object:
        if not any(value is a for a in allowed):
            raise ValueError(f"a {kind!r} event's value must be {shown}, got {value!r}")
        return value

    return decide_kind


def _text(_prompt: Prompt, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a 'recall_text' event's value must be text, got {value!r}")
    return value


def _check(exercise: Exercise, value: object) -> dict[str, Any]:
    what = f"a 'check' event's value for {exercise.id!r}"
    if not isinstance(value, Mapping):
        raise ValueError(f"{what} must be {{passed, failed, total}}, got {value!r}")
    passed, failed, total = value.get("passed"), value.get("failed"), value.get("total")
    names = list(failed) if isinstance(failed, list | tuple) else None
    if names is None or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(f"{what} must list the failed sub-checks' names, got {failed!r}")
    if len(set(names)) < len(names):
        raise ValueError(f"{what} names a failed sub-check twice: {failed!r}")
    if not isinstance(total, int) or not _whole(total) or total < max(len(names), 1):
        raise ValueError(
            f"{what} must count its sub-checks, at least 1 and the {len(names)} failed; "
            f"got total {total!r}"
        )
    if passed is not (not names):
        raise ValueError(
            f"{what} says passed is {passed!r} with {len(names)} failed sub-checks; passed is "
            "true exactly when none failed"
        )
    return {"passed": not names, "failed": names, "total": total}


_DECIDE: dict[str, Any] = {
    "answer": _answer,
    "concepts": _concepts,
    "rate": _rating,
    "flip": _exactly("flip", (True, False), "true or false"),
    "retry": _exactly("retry", (None,), "null"),
    "hint": _exactly("hint", (True,), "true"),
    "recall_text": _text,
    "check": _check,
    "solution": _exactly("solution", (True,), "true"),
}


def decide(item: Item, kind: str, value: object) -> Any:
    """What a learner's action on ``item`` means, decided from the deck: the value to record.

    ``value`` is what the learner did, as a widget reports it (for an answer, the ``choices``;
    any ``correct`` sent is ignored). Returns the decided value (see the module docstring);
    raises ``ValueError`` saying what is allowed when it cannot mean anything.

    Example
    -------
    >>> from recall_widgets.deck.model import Choice, Question
    >>> q = Question(id="q", prompt="?", explanation="!",
    ...              choices=(Choice(text="yes", correct=True), Choice(text="no")))
    >>> decide(q, "answer", {"choices": [1], "correct": True})
    {'choices': [1], 'correct': False}
    """
    expected = EVENT_KINDS.get(kind)
    if expected is None:
        raise ValueError(f"unknown event kind {kind!r}; kinds: {', '.join(EVENT_KINDS)}")
    if not isinstance(item, expected):
        article = "an" if kind[0] in "aeiou" else "a"
        nouns = " or ".join(_NOUNS[t] for t in expected)
        noun = _NOUNS.get(type(item), type(item).__name__)
        raise ValueError(
            f"{article} {kind!r} event is about a {nouns}; {item.id!r} is "
            f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        )
    return _DECIDE[kind](item, value)


class DeckItems:
    """The items events may be about, by deck and item id: what events are decided against.

    Parameters
    ----------
    decks:
        The decks (each id once); all their items.

    Example
    -------
    >>> from recall_widgets.deck.model import Card, Deck
    >>> items = DeckItems([Deck(id="d", title="D", cards=(Card(id="c", front="f", back="b"),))])
    >>> items.get("d", "c").id, items.get("d", "nope")
    ('c', None)
    """

    def __init__(self, decks: Iterable[Deck] = ()) -> None:
        self._sources: list[tuple[str, Sequence[Item]]] = [(d.id, d.items) for d in decks]
        self._index: dict[tuple[str, str], Item] | None = None  # built on first use

    @classmethod
    def only(cls, deck_id: str, items: Sequence[Item]) -> DeckItems:
        """Only these items of the deck ``deck_id`` (a widget's: it shows no other)."""
        only = cls()
        only._sources = [(deck_id, items)]
        return only

    @classmethod
    def of(cls, decks: DeckItems | Iterable[Deck]) -> DeckItems:
        """``decks`` as :class:`DeckItems` (itself if it is one)."""
        return decks if isinstance(decks, DeckItems) else cls(decks)

    @property
    def deck_ids(self) -> tuple[str, ...]:
        """The decks' ids."""
        return tuple(deck_id for deck_id, _items in self._sources)

    def get(self, deck: object, item: object) -> Item | None:
        """The item ``item`` of the deck ``deck``, or None when either is not here."""
        if self._index is None:
            self._index = {(d, i.id): i for d, items in self._sources for i in items}
        if not isinstance(deck, str) or not isinstance(item, str):
            return None
        return self._index.get((deck, item))


def decide_event(event: Mapping[str, Any], items: DeckItems) -> dict[str, Any]:
    """``event`` with its value decided (:func:`decide`) from the deck it names in ``items``.

    For the widgets' live events: an event about a deck or item not in ``items`` is refused
    (``ValueError``), as is a value that cannot mean anything. Other keys are left as they are
    (:func:`check_event` checks them when the event is stored).
    """
    deck, item_id = event.get("deck"), event.get("item")
    if deck not in items.deck_ids:
        raise ValueError(f"no deck {deck!r} here; decks: {', '.join(items.deck_ids)}")
    item = items.get(deck, item_id)
    if item is None:
        raise ValueError(f"no item {item_id!r} of deck {deck!r} here")
    return {**event, "value": decide(item, str(event.get("kind")), event.get("value"))}


# -- storing ----------------------------------------------------------------------------------


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


def _text_field(event: Mapping[str, Any], key: str) -> str:
    value = event.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"field {key!r} must be a non-empty string, got {value!r}")
    return value


def check_event(event: Any, *, strict: bool = False, items: DeckItems | None = None) -> StoredEvent:
    """Check an event and return it normalised, or raise ``ValueError`` saying why.

    ``strict`` (for imports) also refuses keys other than deck, item, kind, value, seq and
    time; the widgets' live events may carry more, which are not stored. With ``items``, an
    event about one of their items is re-decided (:func:`decide`: an answer's ``correct`` is
    the deck's, never the sender's); an event about a deck or item not there is kept as it
    was recorded, its value only checked for its shape (an answer has ``correct``, a rating
    is one of :data:`RATINGS`).
    """
    if not isinstance(event, Mapping):
        raise ValueError(f"an event must be an object, got {type(event).__name__}")
    missing = [k for k in EVENT_KEYS if k not in event]
    if missing:
        raise ValueError(f"missing field {missing[0]!r} (events have {', '.join(EVENT_KEYS)})")
    extra = sorted(str(k) for k in event if k not in EVENT_KEYS)
    if strict and extra:
        raise ValueError(f"unknown field {extra[0]!r} (events have {', '.join(EVENT_KEYS)})")
    deck, item_id = _text_field(event, "deck"), _text_field(event, "item")
    kind = _text_field(event, "kind")
    seq, value = event["seq"], event["value"]
    if not _whole(seq) or seq < 0:
        raise ValueError(f"field 'seq' must be a whole number >= 0, got {seq!r}")
    when = format_time(parse_time(_text_field(event, "time"), "field 'time'"))
    item = items.get(deck, item_id) if items is not None else None
    if item is not None:
        value = decide(item, kind, value)
    if kind == "rate" and value not in RATINGS:
        raise ValueError(f"a rate event's value must be one of {', '.join(RATINGS)}, got {value!r}")
    if kind == "answer" and not (
        isinstance(value, Mapping) and isinstance(value.get("correct"), bool)
    ):
        raise ValueError(f"an answer event's value must have 'correct': true/false, got {value!r}")
    if kind == "check" and not (
        isinstance(value, Mapping)
        and isinstance(value.get("passed"), bool)
        and isinstance(value.get("failed"), list)
    ):
        raise ValueError(
            f"a check event's value must have 'passed': true/false and 'failed': [...], "
            f"got {value!r}"
        )
    try:
        text = canonical_json(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"field 'value' is not JSON data: {error}") from None
    return StoredEvent(deck, item_id, kind, text, seq, when)
