"""The room's summary from several learners' decided events (progress/room.py)."""

from __future__ import annotations

from typing import Any

from recall_widgets.deck.model import Card, Choice, Deck, Prompt, Question
from recall_widgets.progress.room import STUCK_AFTER, filter_events, summarize_room

DECK = Deck(
    id="d",
    title="D",
    cards=(Card(id="c", front="f", back="b", section="one"),),
    questions=(
        Question(
            id="q",
            prompt="Which?",
            explanation="!",
            section="one",
            choices=(Choice(text="right", correct=True), Choice(text="wrong"), Choice(text="no")),
        ),
    ),
    prompts=(Prompt(id="p", prompt="Explain", concepts=("a", "b"), section="two"),),
)


def ev(item: str, kind: str, value: Any, seq: int, minute: int) -> dict[str, Any]:
    time = f"2025-01-06T09:{minute:02d}:00.000Z"
    return {"deck": "d", "item": item, "kind": kind, "value": value, "seq": seq, "time": time}


def answer(choice: int, seq: int, minute: int, item: str = "q") -> dict[str, Any]:
    return ev(item, "answer", {"choices": [choice], "correct": choice == 0}, seq, minute)


def check(failed: list[str], seq: int, minute: int, item: str = "x") -> dict[str, Any]:
    return ev(item, "check", {"passed": not failed, "failed": failed, "total": 3}, seq, minute)


def test_questions_count_first_attempts_and_show_the_share_of_each_choice() -> None:
    room = {
        "ana": [ev("c", "flip", True, 1, 0), answer(1, 2, 2), answer(0, 3, 3)],
        "bo": [answer(1, 1, 1)],
        "cy": [answer(0, 1, 1)],
        "di": [],
    }
    summary = summarize_room(room, [DECK], names={"ana": "Ana"})
    (q,) = summary.questions
    assert (q.answered, q.right_first_time) == (3, 1)
    assert [(c["text"], c["count"]) for c in q.choices] == [("right", 1), ("wrong", 2), ("no", 0)]
    assert round(q.choices[1]["share"], 3) == 0.667
    assert q.median_seconds == 120.0  # ana: 2 minutes from her flip; bo, cy: no earlier event
    assert [learner.name for learner in summary.learners] == ["Ana", "bo", "cy", "di"]
    assert summary.events == 5


def test_prompts_cards_and_other_answer_kinds() -> None:
    numeric = {"value": 42, "correct": True}
    room = {
        "ana": [
            ev("p", "concepts", {"checked": [0], "total": 2}, 1, 0),
            ev("p", "concepts", {"checked": [0, 1], "total": 2}, 2, 1),  # the latest counts
            ev("c", "rate", "again", 3, 2),
            ev("c", "rate", "good", 4, 3),
        ],
        "bo": [
            ev("p", "concepts", {"checked": [1], "total": 2}, 1, 0),
            ev("c", "rate", "good", 2, 1),
        ],
    }
    summary = summarize_room(room, [DECK])
    (p,) = summary.prompts
    assert p.learners == 2
    assert [(c["text"], c["count"], c["share"]) for c in p.concepts] == [
        ("a", 1, 0.5),
        ("b", 2, 1.0),
    ]
    assert summary.cards[0].ratings == {"again": 1, "hard": 0, "good": 2, "easy": 0}
    # a question of another kind (issue 14's numeric, text …): its most common first answers
    other = summarize_room({"a": [ev("q", "answer", numeric, 1, 0)]}, []).questions
    assert other == []  # no deck, no question to show
    texts = [ev("q", "answer", {"text": "dict", "correct": True}, 1, 0)]
    from recall_widgets.progress import room as room_module

    counted = room_module._answer_text(texts[0]["value"]), room_module._answer_text(numeric)
    assert counted == ("dict", "42")


def test_exercises_pass_rate_and_the_sub_check_failing_most() -> None:
    room = {
        "ana": [check(["types"], 1, 0), check(["types", "edge"], 2, 1), check([], 3, 2)],
        "bo": [check(["edge"], 1, 0)],
        "cy": [check(["types"], 1, 0), check(["types"], 2, 1), check(["types"], 3, 2)],
    }
    summary = summarize_room(room, [DECK])
    (x,) = summary.exercises
    assert (x.learners, x.passed) == (3, 1)
    assert round(x.pass_rate, 3) == 0.333
    assert (x.failing_most, x.failing_count) == ("types", 5)
    stuck = {learner.learner: learner.stuck for learner in summary.learners}
    assert stuck == {"ana": [], "bo": [], "cy": ["d/x"]}  # three failed checks, none passed
    assert summary.as_dict()["exercises"][0]["pass_rate"] == x.pass_rate


def test_a_learner_is_stuck_after_wrong_attempts_until_right() -> None:
    wrong = [answer(1, n, n) for n in range(1, STUCK_AFTER + 1)]
    summary = summarize_room({"ana": wrong, "bo": [*wrong, answer(0, 9, 9)]}, [DECK])
    assert {lr.learner: lr.stuck for lr in summary.learners} == {"ana": ["d/q"], "bo": []}
    assert {lr.learner: (lr.done, lr.total, lr.section) for lr in summary.learners}["ana"] == (
        1,
        3,
        "one",
    )


def test_filters_keep_a_deck_a_section_and_a_time() -> None:
    events = [answer(0, 1, 0), ev("p", "concepts", {"checked": [], "total": 2}, 2, 5)]
    other = {**answer(0, 3, 9), "deck": "other"}
    assert filter_events([*events, other], deck="d") == events
    assert filter_events(events, decks=[DECK], section="two") == events[1:]
    assert filter_events(events, since="2025-01-06T09:01:00.000Z") == events[1:]
