"""Quiz, Review and the Dashboard with every kind of question, through their Python API."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recall_widgets import Dashboard, Quiz, Review, load_deck
from recall_widgets.progress.store import ProgressStore
from recall_widgets.widgets.views import shuffled_lines

DECK = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "kinds-deck.yaml"


def test_the_quiz_sends_each_kind_what_its_view_needs() -> None:
    quiz = Quiz(DECK, shuffle_choices=False)
    for key in quiz.ids:
        quiz.go_to(key)
    content = {key: quiz.content.get(key) for key in quiz.ids}
    assert content["k-choice"]["kind"] == "choice" and content["k-choice"]["correct"] == [0]
    assert "<pre" in content["k-choice"]["prompt"]
    assert content["k-numeric"]["answer"] == 31
    assert content["k-numeric"]["feedback"][0]["answer"] == 30
    assert content["k-text"]["answers"] == ["csrf_token"] and content["k-text"]["fuzzy"] == 0.85
    order = content["k-order"]
    assert order["lines"][3] == "reload the session after the view" and order["count"] == 3
    assert sorted(order["order"]) == [0, 1, 2, 3] and order["order"][:3] != [0, 1, 2]
    assert content["k-predict"]["output"] == "SESSION\nCOOKIE\n"
    assert 'class="recall-code"' in content["k-predict"]["code"]


def test_order_lines_are_never_shown_in_their_right_order() -> None:
    question = load_deck(DECK).item("k-order")
    for seed in range(200):
        assert shuffled_lines(question, seed)[:3] != [0, 1, 2]  # type: ignore[arg-type]


def test_quiz_answers_each_kind_and_refuses_what_is_no_answer() -> None:
    quiz = Quiz(DECK, progress=False)
    assert quiz.answer("k-numeric", 31.0) is True
    assert quiz.answer("k-text", "  CSRF_TOKEN ") is True
    assert quiz.answer("k-order", [0, 1, 3]) is False
    assert quiz.answer("k-predict", "SESSION\r\nCOOKIE  \n\n") is True
    for question, answer, message in [
        ("k-numeric", "31", "must be a number"),
        ("k-numeric", float("nan"), "must be a number"),
        ("k-text", "   ", "text that is not empty"),
        ("k-order", [0, 0], "goes in once"),
        ("k-order", [4], "among 0..3"),
        ("k-predict", None, "text that is not empty"),
    ]:
        with pytest.raises(ValueError, match=message):
            quiz.answer(question, answer)  # type: ignore[arg-type]
    assert quiz.answers["k-order"] == {"first": [0, 1, 3], "last": [0, 1, 3], "attempts": 1,
                                        "correct": False}  # fmt: skip
    assert str(quiz.score) == "3/4"


def test_review_schedules_every_kind_and_the_dashboard_counts_them() -> None:
    review = Review([load_deck(DECK)])
    kinds = ("k-choice", "k-numeric", "k-text", "k-order", "k-predict")
    assert review.queue == [f"kinds-demo/{q}" for q in kinds]
    answers = [[0], 30, "csrf_token", [0, 1, 2], "SESSION\nCOOKIE"]
    results = []
    for answer in answers:
        results.append(review.answer(answer))  # type: ignore[arg-type]
        review.next()
    assert results == [True, False, True, True, True]
    store = ProgressStore(os.environ["RECALL_PROGRESS"])
    numeric = store.status("kinds-demo", "k-numeric")
    assert (numeric.reviews, numeric.lapses) == (1, 1)
    assert store.status("kinds-demo", "k-predict").reviews == 1
    assert "items=5" in repr(Dashboard(DECK)) and "new=0" in repr(Dashboard(DECK))
