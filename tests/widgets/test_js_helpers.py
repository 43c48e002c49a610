"""The widgets' pure JavaScript helpers, run in Node from their bundles (no page, no DOM)."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from recall_widgets.widgets.assets import FRONTEND

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")


def run(file: str, names: str, expression: str) -> Any:
    """Import ``names`` from the bundle ``frontend/<file>`` and print ``expression`` as JSON."""
    script = f"""
    import {{ {names} }} from {json.dumps((FRONTEND / file).as_uri())};
    console.log(JSON.stringify({expression}));
    """
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def event(seq: int, item: str, kind: str, value: object = None, deck: str = "d") -> dict[str, Any]:
    return {"deck": deck, "item": item, "kind": kind, "value": value, "seq": seq, "time": ""}


def test_the_quiz_scores_first_attempts_and_shows_the_latest_answer() -> None:
    events = [
        event(1, "q1", "answer", {"choices": [0], "correct": False}),
        event(2, "q1", "retry"),
        event(3, "q1", "answer", {"choices": [1], "correct": True}),
        event(4, "q2", "answer", {"choices": [2], "correct": True}),
        event(5, "q2", "retry"),
    ]
    out = run(
        "quiz.js",
        "summarize",
        f"(({{ first, shown }}) => ({{ first: [...first], shown: [...shown] }}))"
        f"(summarize({json.dumps(events)}))",
    )
    assert out["first"] == [["q1", False], ["q2", True]]  # a retry never changes the score
    assert out["shown"] == [["q1", events[2]], ["q2", None]]


def test_the_review_shows_answers_since_the_queue_was_built() -> None:
    entry = {"deck": "d", "item": "q", "kind": "question"}
    events = [
        event(1, "q", "answer", {"correct": True}),
        event(2, "q", "retry"),
        event(3, "q", "answer", {"correct": False}),
        event(4, "q", "answer", {"correct": True}, deck="other"),  # another deck's item q
    ]
    shown = f"(since) => shownAnswer({json.dumps(events)}, {json.dumps(entry)}, since)"
    out = run("review.js", "shownAnswer", f"[0, 2, 3].map({shown})")
    assert out == [events[2], events[2], None]
    first = f"shownAnswer({json.dumps(events[:2])}, {json.dumps(entry)}, 0)"
    assert run("review.js", "shownAnswer", first) is None  # "Try again" clears it


@pytest.mark.parametrize(
    ("total", "left", "expected"),
    [
        (0, 0, "Nothing is due. Next review: tomorrow."),
        (1, 0, "Done: 1 item reviewed. Next review: tomorrow."),
        (12, 1, "Done: 12 items reviewed. Next review: tomorrow. 1 item not tried yet."),
        (0, 3, "Nothing is due. Next review: tomorrow. 3 items not tried yet."),
    ],
)
def test_the_review_end_message_says_what_review_message_says(
    total: int, left: int, expected: str
) -> None:
    """The same words as ``Review.message`` (review.py), for a queue of ``total`` items."""
    said = run("review.js", "endMessage", f'endMessage({total}, "Next review: tomorrow.", {left})')
    assert said == expected
