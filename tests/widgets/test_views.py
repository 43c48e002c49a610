"""The shared views' content: sanitized HTML for cards and questions, graded answers, when next."""

from __future__ import annotations

import datetime as dt

import pytest

from recall_widgets import Card, Choice, Question
from recall_widgets.widgets.views import (
    card_content,
    graded_answer,
    next_review_text,
    plural,
    question_content,
)

AT = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)


def question(multiple: bool = False) -> Question:
    return Question(
        id="q",
        prompt="Which **one**?",
        choices=(
            Choice(text="`a`", correct=True, why="Because <script>x</script>."),
            Choice(text="b", correct=multiple),
            Choice(text="c"),
        ),
        explanation="E.",
    )


def test_card_content_is_sanitized_html() -> None:
    content = card_content(Card(id="c", front="**F** <script>x</script>", back="B"))
    assert content == {
        "front": "<p><strong>F</strong> &lt;script&gt;x&lt;/script&gt;</p>",
        "back": "<p>B</p>",
    }


def test_question_content_holds_what_the_browser_checks_with() -> None:
    content = question_content(question(), [2, 0, 1])
    assert content["order"] == [2, 0, 1] and content["correct"] == [0]
    assert content["multiple"] is False and content["choices"][0] == "<code>a</code>"
    assert "<script>" not in content["whys"][0] and content["whys"][1] == ""


def test_graded_answer_is_what_the_event_records() -> None:
    assert graded_answer(question(), 0) == {"choices": [0], "correct": True}
    assert graded_answer(question(), [1]) == {"choices": [1], "correct": False}
    assert graded_answer(question(multiple=True), [1, 0]) == {"choices": [0, 1], "correct": True}
    with pytest.raises(ValueError, match="exactly one choice"):
        graded_answer(question(), [0, 1])
    with pytest.raises(ValueError, match=r"among 0\.\.2"):
        graded_answer(question(), 3)


def test_next_review_text() -> None:
    assert next_review_text(2, None, AT) == "Next review: now (2 items due)."
    assert next_review_text(0, None, AT).startswith("Next review: none yet.")
    later = AT + dt.timedelta(minutes=9)
    assert next_review_text(0, later, AT) == "Next review: in 9 minutes (2025-01-06 09:09 UTC)."
    assert "in 3 days" in next_review_text(0, AT + dt.timedelta(days=3), AT)
    assert plural(1, "item") == "1 item" and plural(0, "event") == "0 events"
