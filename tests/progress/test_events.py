"""The event contract: what Python decides a learner's action means, and the stored form."""

from __future__ import annotations

from typing import Any

import pytest

from recall_widgets.deck.model import Card, Deck, Exercise, Prompt, Question
from recall_widgets.progress.events import (
    EVENT_KINDS,
    DeckItems,
    check_event,
    decide,
    decide_event,
)

TIME = "2025-01-06T09:00:00.000Z"
EXERCISE = Exercise(id="e", title="E", task="Do", solution="x = 1", check="m:check")


def deck() -> Deck:
    """Card c; one-answer question q (choice 1 right) and multiple-select m (0 and 2 right);
    prompt p with three concepts."""
    return Deck.model_validate(
        {
            "deck": "d",
            "title": "D",
            "cards": [{"id": "c", "front": "F", "back": "B"}],
            "questions": [
                {
                    "id": "q",
                    "prompt": "?",
                    "explanation": "!",
                    "choices": [{"text": "a"}, {"text": "b", "correct": True}, {"text": "c"}],
                },
                {
                    "id": "m",
                    "prompt": "?",
                    "explanation": "!",
                    "choices": [
                        {"text": "a", "correct": True},
                        {"text": "b"},
                        {"text": "c", "correct": True},
                    ],
                },
            ],
            "prompts": [{"id": "p", "prompt": "Explain", "concepts": ["x", "y", "z"]}],
        }
    )


def item(item_id: str) -> Card | Question | Prompt:
    return deck().item(item_id)


def ev(item_id: str, kind: str, value: Any, deck_id: str = "d") -> dict[str, Any]:
    return {"deck": deck_id, "item": item_id, "kind": kind, "value": value, "seq": 1, "time": TIME}


@pytest.mark.parametrize(
    ("question", "sent", "decided"),
    [
        ("q", {"choices": [1]}, {"choices": [1], "correct": True}),
        ("q", {"choices": [0], "correct": True}, {"choices": [0], "correct": False}),
        ("q", {"choices": [1], "correct": False}, {"choices": [1], "correct": True}),
        ("q", {"choices": [1, 1]}, {"choices": [1], "correct": True}),
        ("m", {"choices": [2, 0]}, {"choices": [0, 2], "correct": True}),
        ("m", {"choices": [0], "correct": True}, {"choices": [0], "correct": False}),
        ("m", {"choices": [0, 1, 2], "correct": True}, {"choices": [0, 1, 2], "correct": False}),
    ],
)
def test_an_answer_is_correct_only_if_it_chose_the_decks_correct_choices(
    question: str, sent: dict[str, Any], decided: dict[str, Any]
) -> None:
    assert decide(item(question), "answer", sent) == decided


@pytest.mark.parametrize(
    ("item_id", "kind", "value", "message"),
    [
        ("q", "answer", {"choices": []}, r"choice indexes of 'q' must be among 0\.\.2, got \[\]"),
        ("q", "answer", {"choices": [3]}, r"must be among 0\.\.2, got \[3\]"),
        ("q", "answer", {"choices": [True]}, r"must be among 0\.\.2, got \[True\]"),
        ("q", "answer", {"choices": "1"}, r"must be among 0\.\.2, got '1'"),
        ("q", "answer", {"correct": True}, r"must be among 0\.\.2, got None"),
        ("q", "answer", [1], r"must be among 0\.\.2, got None"),
        ("q", "answer", {"choices": [0, 1]}, r"question 'q' takes exactly one choice"),
        ("c", "rate", "superb", "unknown rating 'superb'; ratings: again, hard, good, easy"),
        ("c", "rate", 3, "unknown rating 3"),
        ("p", "concepts", {"checked": [3]}, r"concept indexes of 'p' must be among 0\.\.2"),
        ("p", "concepts", {"total": 3}, r"concept indexes of 'p' must be among 0\.\.2, got None"),
        ("c", "flip", "yes", "a 'flip' event's value must be true or false, got 'yes'"),
        ("p", "hint", False, "a 'hint' event's value must be true, got False"),
        ("q", "retry", 1, "a 'retry' event's value must be null, got 1"),
        ("p", "recall_text", 42, "a 'recall_text' event's value must be text, got 42"),
        ("q", "rate", "good", "a 'rate' event is about a card; 'q' is a question"),
        ("c", "answer", {"choices": [0]}, "an 'answer' event is about a question; 'c' is a card"),
        ("c", "cheat", None, "unknown event kind 'cheat'; kinds: flip, rate, answer, retry"),
    ],
)
def test_a_value_that_cannot_mean_anything_is_refused_saying_what_is_allowed(
    item_id: str, kind: str, value: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        decide(item(item_id), kind, value)


def test_every_kind_is_decided() -> None:
    decided = {
        "flip": decide(item("c"), "flip", True),
        "rate": decide(item("c"), "rate", "hard"),
        "answer": decide(item("q"), "answer", {"choices": [1]}),
        "retry": decide(item("q"), "retry", None),
        "hint": decide(item("p"), "hint", True),
        "recall_text": decide(item("p"), "recall_text", "my words"),
        "concepts": decide(item("p"), "concepts", {"checked": [2, 0, 2], "total": 7}),
        "check": decide(EXERCISE, "check", {"passed": True, "failed": [], "total": 2}),
        "solution": decide(EXERCISE, "solution", True),
    }
    assert set(decided) == set(EVENT_KINDS)
    assert decided["concepts"] == {"checked": [0, 2], "total": 3}  # the deck's total
    assert decided["flip"] is True and decided["rate"] == "hard" and decided["retry"] is None


def test_decide_event_keeps_the_event_and_decides_its_value() -> None:
    items = DeckItems([deck()])
    event = ev("q", "answer", {"choices": [0], "correct": True}) | {"extra": 1}
    assert decide_event(event, items) == event | {"value": {"choices": [0], "correct": False}}
    with pytest.raises(ValueError, match="no deck 'e' here; decks: d"):
        decide_event(ev("q", "answer", {"choices": [1]}, deck_id="e"), items)
    with pytest.raises(ValueError, match="no item 'gone' of deck 'd' here"):
        decide_event(ev("gone", "answer", {"choices": [1]}), items)
    only = DeckItems.only("d", [item("m")])
    with pytest.raises(ValueError, match="no item 'q' of deck 'd' here"):
        decide_event(ev("q", "answer", {"choices": [1]}), only)


def test_check_event_re_decides_with_the_decks_and_keeps_what_it_cannot() -> None:
    items = DeckItems([deck()])
    forged = ev("q", "answer", {"choices": [0], "correct": True})
    assert check_event(forged, items=items).value == '{"choices":[0],"correct":false}'
    assert check_event(forged).value == '{"choices":[0],"correct":true}'  # no decks: as sent
    other = ev("q", "answer", {"choices": [0], "correct": True}, deck_id="elsewhere")
    assert check_event(other, items=items).value == '{"choices":[0],"correct":true}'
    gone = ev("gone", "answer", {"choices": [0], "correct": True})
    assert check_event(gone, items=items).value == '{"choices":[0],"correct":true}'
    with pytest.raises(ValueError, match="takes exactly one choice"):
        check_event(ev("q", "answer", {"choices": [0, 1], "correct": True}), items=items)
    with pytest.raises(ValueError, match="must have 'correct'"):  # its shape, with no deck
        check_event(ev("q", "answer", {"choices": [0]}))
