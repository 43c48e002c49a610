"""Widgets that remember: shown again, a widget finds what the learner did in the store, read
only at display and never created by it; reprs do not depend on it; "Start over" forgets it."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Dashboard, Deck, Flashcards, Quiz, RecallPrompt, Review
from recall_widgets.progress.store import ProgressStore
from recall_widgets.widgets.assets import FRONTEND
from recall_widgets.widgets.recording import ProgressWarning

NODE = shutil.which("node")


def make_deck() -> Deck:
    choice = [{"text": "a", "correct": True}, {"text": "b"}]
    return Deck.model_validate(
        {
            "deck": "mem",
            "title": "Memory",
            "cards": [{"id": "c", "front": "f", "back": "b"}],
            "questions": [
                {"id": "q1", "prompt": "?", "choices": choice, "explanation": "e"},
                {"id": "n", "kind": "numeric", "prompt": "?", "answer": 31, "explanation": "e"},
                {"id": "q3", "prompt": "?", "choices": choice, "explanation": "e"},
            ],
            "prompts": [{"id": "p", "prompt": "?", "concepts": ["x"]}],
        }
    )


def displayed(widget: Any) -> dict[str, Any]:
    """What Jupyter does to show a widget: its mime bundle (without its metadata)."""
    bundle = widget._repr_mimebundle_()
    data: dict[str, Any] = bundle[0] if isinstance(bundle, tuple) else bundle
    return data


def store_path() -> Path:
    return Path(os.environ["RECALL_PROGRESS"])


def test_displaying_any_widget_never_creates_the_store() -> None:
    path = store_path()
    assert not path.exists()
    deck = make_deck()
    for widget in (
        Quiz(deck),
        Flashcards(deck),
        RecallPrompt(deck),
        Review([deck]),
        Dashboard(deck),
    ):
        bundle = displayed(widget)
        assert "text/plain" in bundle
    assert not path.exists()
    assert not path.parent.joinpath(path.name + "-wal").exists()


def test_a_quiz_shown_again_shows_the_earlier_answers_decided_from_the_deck() -> None:
    deck = make_deck()
    first = Quiz(deck, shuffle_choices=False)
    first.answer("q1", [1])  # wrong
    first.answer("n", 31)  # right
    first.retry("n")
    again = Quiz(deck, shuffle_choices=False)
    assert again.earlier == []  # nothing is read until it is shown
    displayed(again)
    earlier = again.earlier
    assert [(e["item"], e["kind"], e["seq"]) for e in earlier] == [
        ("q1", "answer", -3),
        ("n", "answer", -2),
        ("n", "retry", -1),
    ]
    assert earlier[0]["value"] == {"choices": [1], "correct": False}
    assert earlier[1]["value"] == {"value": 31, "correct": True}
    # Nothing of it reaches what Python says or the repr (nbval's stored outputs).
    assert again.answers == {} and str(again.score) == "0/0"
    assert repr(again) == repr(Quiz(deck, shuffle_choices=False))


def test_earlier_answers_are_judged_by_the_deck_as_it_is_now() -> None:
    deck = make_deck()
    Quiz(deck).answer("q1", [0])
    data = deck.model_dump()
    data["questions"][0]["choices"][0]["correct"] = False
    data["questions"][0]["choices"][1]["correct"] = True
    changed = Deck.model_validate(data)
    quiz = Quiz(changed)
    displayed(quiz)
    assert quiz.earlier[0]["value"] == {"choices": [0], "correct": False}


def test_only_this_widgets_items_are_remembered() -> None:
    deck = make_deck()
    Quiz(deck).answer("q3", [0])
    only_q1 = Quiz(deck, ids="q1")
    displayed(only_q1)
    assert only_q1.earlier == []


def test_progress_false_reads_nothing() -> None:
    deck = make_deck()
    Quiz(deck).answer("q1", [0])
    quiz = Quiz(deck, progress=False)
    displayed(quiz)
    assert quiz.earlier == []


def test_start_over_forgets_these_items_in_the_store_and_on_screen() -> None:
    deck = make_deck()
    Quiz(deck).answer("q1", [0])
    Quiz(deck).answer("q3", [1])
    Flashcards(deck).rate("good")
    quiz = Quiz(deck, ids=["q1"])
    displayed(quiz)
    quiz.answer("q1", [1])
    assert quiz.earlier and quiz.answers
    assert quiz.start_over() == 2  # q1's earlier answer and this session's
    assert quiz.earlier == [] and quiz.answers == {} and quiz.cleared_seq == 1
    store = ProgressStore(store_path())
    assert sorted(e["item"] for e in store.events()) == ["c", "q3"]
    quiz.answer("q1", [0])  # a new first attempt
    assert quiz.answers["q1"]["correct"] is True


def test_the_browsers_start_over_message_starts_over() -> None:
    deck = make_deck()
    Quiz(deck).answer("q1", [0])
    quiz = Quiz(deck)
    displayed(quiz)
    quiz._on_memory_message(quiz, {"kind": "start_over"}, [])
    assert quiz.earlier == [] and ProgressStore(store_path()).events() == []


def test_start_over_with_no_store_creates_none() -> None:
    quiz = Quiz(make_deck())
    assert quiz.start_over() == 0
    assert not store_path().exists()


def test_a_store_that_cannot_be_read_is_said_once_and_the_quiz_still_works() -> None:
    store_path().write_text("not a database", encoding="utf-8")
    quiz = Quiz(make_deck())
    displayed(quiz)
    assert quiz.earlier == []
    assert quiz.notice.startswith("What you did before cannot be shown:")
    with pytest.warns(ProgressWarning, match="file is not a database"):
        assert quiz.answer("q1", [0]) is True


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_the_browser_draws_from_the_same_events_as_python_after_starting_over() -> None:
    # Python's answers (events since cleared_seq) and the browser's eventsSince agree.
    rng = random.Random(4)
    cases = []
    for _ in range(30):
        earlier = [{"item": "q1", "kind": "answer", "seq": s} for s in range(-rng.randrange(4), 0)]
        events = [{"item": "q1", "kind": "answer", "seq": s} for s in range(1, rng.randrange(8))]
        if rng.random() < 0.2:
            events.append({"item": "q1", "kind": "answer", "seq": "7"})
        cases.append([earlier, events, rng.randrange(6)])
    script = f"""
    import {{ eventsSince }} from {json.dumps((FRONTEND / "src" / "memory.js").as_uri())};
    const cases = {json.dumps(cases)};
    console.log(JSON.stringify(cases.map((c) => eventsSince(...c).map((e) => e.seq))));
    """
    done = subprocess.run(
        [str(NODE), "--input-type=module"], input=script, capture_output=True, text=True, check=True
    )
    python = [
        [e["seq"] for e in earlier]
        + [e["seq"] for e in events if isinstance(e["seq"], int) and e["seq"] > cleared]
        for earlier, events, cleared in cases
    ]
    assert json.loads(done.stdout) == python


def test_flashcards_and_recall_prompts_remember_too() -> None:
    deck = make_deck()
    cards = Flashcards(deck)
    cards.rate("hard")
    prompt = RecallPrompt(deck)
    prompt._record("recall_text", "p", "what I wrote")
    prompt._record("concepts", "p", {"checked": [0], "total": 1})
    again_cards, again_prompt = Flashcards(deck), RecallPrompt(deck)
    displayed(again_cards)
    displayed(again_prompt)
    assert [(e["kind"], e["value"]) for e in again_cards.earlier] == [("rate", "hard")]
    assert [(e["kind"], e["value"]) for e in again_prompt.earlier] == [
        ("recall_text", "what I wrote"),
        ("concepts", {"checked": [0], "total": 1}),
    ]
    assert again_cards.ratings == {} and repr(again_cards) == repr(Flashcards(deck))
    again_prompt.start_over()
    assert [e["item"] for e in ProgressStore(store_path()).events()] == ["c"]
