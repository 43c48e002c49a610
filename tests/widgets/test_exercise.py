"""Exercise driven through its Python API and its browser message, asserting on synced state,
events and the store: Check runs the same check Python's ``check`` does, hints come one at a
time, and the browser's word for an outcome is never taken."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Deck, Exercise
from recall_widgets.checking import Checks, Learner, expect
from recall_widgets.progress.store import ProgressStore

checks = Checks()


@checks.sub("`answer` is defined")
def _defined(learner: Learner) -> None:
    learner.get("answer")


@checks.sub("`answer` is 42")
def _value(learner: Learner) -> None:
    answer = learner.get("answer")
    expect(answer == 42, f"answer is {answer!r}, expected 42")


def make_deck(check: str = "test_exercise:checks") -> Deck:
    return Deck.model_validate(
        {
            "deck": "ex",
            "title": "Exercises",
            "exercises": [
                {
                    "id": "life",
                    "level": "beginner",
                    "section": "basics",
                    "title": "The *answer*",
                    "task": "Define `answer`.",
                    "starter": "answer = 0",
                    "hints": ["Think **big**.", "Six times seven."],
                    "solution": "answer = 6 * 7",
                    "check": check,
                }
            ],
        }
    )


def test_the_widget_shows_the_task_hints_and_solution_as_sanitized_html() -> None:
    widget = Exercise(make_deck(), "life", progress=False)
    content = widget.content["life"]
    assert content["title"] == "The <em>answer</em>"
    assert "<code>answer</code>" in content["task"]
    assert content["hints"] == ["<p>Think <strong>big</strong>.</p>", "<p>Six times seven.</p>"]
    assert "answer" in content["solution"] and "<pre" in content["solution"]
    assert content["level"] == "beginner" and widget.result == {} and not widget.checking
    assert repr(widget) == "Exercise(deck='ex', exercise='life')"


def test_check_returns_the_result_records_it_and_shows_exactly_it(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    widget = Exercise(make_deck(), "life", progress=store)
    result = widget.check({"answer": 41})
    assert not result.passed
    assert result.messages == [
        "✓ `answer` is defined",
        "✗ `answer` is 42: answer is 41, expected 42",
    ]
    assert widget.result["subchecks"] == [
        {"name": "`answer` is defined", "passed": True, "message": ""},
        {"name": "`answer` is 42", "passed": False, "message": "answer is 41, expected 42"},
    ]
    assert widget.result["passed"] is False and widget.result["seq"] == widget.events[-1]["seq"]
    assert widget.events[-1]["value"] == {"passed": False, "failed": ["`answer` is 42"], "total": 2}
    assert widget.check({"answer": 42}).passed and widget.result["passed"] is True
    assert widget.attempts == 2
    status = store.status("ex", "life")
    assert (status.reviews, status.lapses) == (1, 1)  # the fix is the same attempt


def test_the_check_button_runs_the_check_against_the_kernels_names() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell("answer = 6 * 7")
        widget = Exercise(make_deck(), "life", progress=False)
        widget._on_message(widget, {"kind": "check"}, [])
    finally:
        InteractiveShell.clear_instance()
    assert widget.result["passed"] is True and not widget.checking
    assert widget.events[-1]["kind"] == "check"


def test_outside_ipython_check_needs_the_names_and_the_button_says_so() -> None:
    widget = Exercise(make_deck(), "life", progress=False)
    with pytest.raises(RuntimeError, match="pass the learner's names"):
        widget.check()
    widget._on_message(widget, {"kind": "check"}, [])
    assert widget.notice.startswith("The check could not run: not running in IPython")
    assert widget.events == [] and not widget.checking


def test_a_check_the_course_got_wrong_is_said_in_the_notice_not_a_traceback() -> None:
    widget = Exercise(make_deck("no_such_course.checks:nothing"), "life", progress=False)
    widget._on_message(widget, {"kind": "check"}, [])
    assert widget.notice == (
        "The check could not run: check 'no_such_course.checks:nothing': cannot import "
        "'no_such_course.checks' (No module named 'no_such_course')"
    )


def test_hints_come_one_at_a_time_and_the_solution_on_request() -> None:
    widget = Exercise(make_deck(), "life", progress=False)
    assert widget.hints_shown == 0
    assert widget.show_hint() == 1 and widget.show_hint() == 2
    with pytest.raises(ValueError, match="has 2 hints, all shown"):
        widget.show_hint()
    assert widget.show_solution() == "answer = 6 * 7"
    assert [e["kind"] for e in widget.events] == ["hint", "hint", "solution"]


def browser_event(widget: Exercise, kind: str, value: Any) -> None:
    seq = len(widget.events) + 1
    event = {"deck": "ex", "item": "life", "kind": kind, "value": value, "seq": seq}
    widget.events = [*widget.events, {**event, "time": "2025-01-06T09:00:00.000Z"}]


def test_a_check_outcome_the_browser_makes_up_is_refused() -> None:
    widget = Exercise(make_deck(), "life", progress=False)
    seen: list[dict[str, Any]] = []
    widget.on_event(seen.append)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        browser_event(widget, "check", {"passed": True, "failed": ["`answer` is 42"], "total": 2})
    browser_event(widget, "hint", True)
    assert [e["kind"] for e in seen] == ["hint"] and widget.hints_shown == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "says"),
    [
        ({"exercise_id": 3}, TypeError, "exercise_id must be an exercise's id"),
        ({"exercise_id": "nope"}, ValueError, "nope"),
        ({"exercise_id": "life", "time_limit": 0}, ValueError, "time_limit must be more than 0"),
        ({"exercise_id": "life", "time_limit": "3"}, TypeError, "time_limit must be a number"),
    ],
)
def test_bad_arguments_say_what_is_allowed(
    kwargs: dict[str, Any], error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says):
        Exercise(make_deck(), progress=False, **kwargs)
