"""The rules written twice, once in the browser's JavaScript and once in Python, agree.

The browser decides some things itself, for a page with no Python behind it (a static site)
and for instant feedback: whether an answer is right, the next event's ``seq``, the Review's
end message and the answer it shows, the Flashcards' level filter, the Quiz's first attempts.
Python decides them again, and only Python's decision is recorded. Each test runs the
browser's function (from ``frontend/src/``, in Node) and Python's on the same inputs and lists
every disagreement; each check is also run against a deliberately wrong JavaScript function,
to show that it fails when the two drift apart.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import shutil
import subprocess
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import load_deck
from recall_widgets.deck.model import LEVELS, Deck, Question
from recall_widgets.progress.events import RATINGS, decide
from recall_widgets.widgets.assets import FRONTEND
from recall_widgets.widgets.flashcards import visible_indexes
from recall_widgets.widgets.recording import answers_of, next_seq
from recall_widgets.widgets.review import end_message, shown_answer
from recall_widgets.widgets.views import next_review_text, question_content

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")

ROOT = Path(__file__).resolve().parents[2]
SOURCES = FRONTEND / "src"
NOW = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)  # the root conftest's RECALL_NOW

Cases = Sequence[Sequence[Any]]
"""Each case: the arguments both functions are called with."""
Disagreements = list[tuple[Any, Any, Any]]
"""(arguments, Python's result, the browser's result) for each case on which they differ."""


def in_node(module: str, name: str, cases: Cases, wrong: str | None = None) -> list[Any]:
    """The export ``name`` of ``frontend/src/<module>`` (or ``wrong``, JavaScript to use
    instead) called on each case's arguments in Node, a constant taken as it is; the results
    as JSON (``undefined`` as null, a Map as its entries)."""
    target = wrong if wrong is not None else f"module[{json.dumps(name)}]"
    script = f"""
    import * as module from {json.dumps((SOURCES / module).as_uri())};
    const target = {target};
    const cases = {json.dumps(cases)};
    const results = cases.map((args) => (typeof target === "function" ? target(...args) : target));
    const plain = (_key, value) => (value instanceof Map ? [...value] : value ?? null);
    console.log(JSON.stringify(results, plain));
    """
    result = subprocess.run(
        ["node", "--input-type=module"], input=script, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    results: list[Any] = json.loads(result.stdout)
    assert len(results) == len(cases)
    return results


def disagreements(
    cases: Cases, python: Callable[..., Any], module: str, name: str, wrong: str | None
) -> Disagreements:
    """Run Python's ``python`` and the browser's ``name`` on every case: where they differ."""
    assert cases, "a parity check needs cases"
    browser = in_node(module, name, cases, wrong)
    expected = [json.loads(json.dumps(python(*case))) for case in cases]
    return [
        (case, mine, theirs)
        for case, mine, theirs in zip(cases, expected, browser, strict=True)
        if mine != theirs
    ]


# -- the checks: each returns its disagreements, for the real function or a wrong one ----------


@cache
def course_deck() -> Deck:
    return load_deck(ROOT / "content" / "flask-sessions.yaml")


def real_questions(multiple: bool) -> list[Question]:
    """A few of the course's questions: one-answer ones, or multiple-select ones."""
    questions = [q for q in course_deck().questions if q.multiple is multiple]
    assert len(questions) >= 3, "the course has fewer questions of this kind than this expects"
    return questions[:3]


def python_answer(content: dict[str, Any], chosen: list[int]) -> dict[str, Any] | None:
    """Python's decision on an answer to the question ``content["id"]`` (None: refused).
    A ``correct: true`` is sent along, as a forged browser event would: it must not count."""
    question = course_deck().item(content["id"])
    assert isinstance(question, Question)
    try:
        value: dict[str, Any] = decide(question, "answer", {"choices": chosen, "correct": True})
    except ValueError:
        return None
    return value


def answer_check(multiple: bool, wrong: str | None = None) -> Disagreements:
    """Every subset of each question's choices, and a few lists that are no answer as such
    (out of range, repeated, unsorted): the browser's ``gradeAnswer`` and Python's ``decide``."""
    cases = []
    for question in real_questions(multiple):
        n = len(question.choices)
        subsets = [list(s) for k in range(n + 1) for s in itertools.combinations(range(n), k)]
        content = {"id": question.id, **question_content(question, range(n))}
        for chosen in [*subsets, [n], [-1], [0, 0], [n - 1, 0]]:
            cases.append([content, chosen])
    assert len(cases) > 3 * 2**4
    return disagreements(cases, python_answer, "question_view.js", "gradeAnswer", wrong)


def seq_check(wrong: str | None = None) -> Disagreements:
    """The next event's ``seq`` after lists of events, ordinary and odd."""
    lasts: list[Any] = [1, 7, 0, 10**6, 2.0, 2.5, -4, "3", None, True, False, []]
    cases = [[[]], [[{}]], *([[{"seq": 1}, {"seq": last}]] for last in lasts)]
    cases += [[[{"seq": last}]] for last in lasts]
    return disagreements(cases, next_seq, "common.js", "nextSeq", wrong)


def end_message_check(wrong: str | None = None) -> Disagreements:
    """Review's end message for queues of several sizes, items left and next reviews."""
    nexts = [
        next_review_text(0, None, NOW),
        next_review_text(0, NOW + dt.timedelta(hours=2), NOW),
        next_review_text(3, NOW, NOW),
    ]
    cases = [[total, text, left] for total in (0, 1, 2, 12) for left in (0, 1, 3) for text in nexts]
    return disagreements(cases, end_message, "review.js", "endMessage", wrong)


def shown_answer_check(wrong: str | None = None) -> Disagreements:
    """The answer a Review shows, over random event lists of two decks' items (answers,
    retries, flips; now and then a ``seq`` that is no number), for several queue starts."""
    rng = random.Random(7)
    cases = []
    for _list in range(12):
        events: list[dict[str, Any]] = []
        for seq in range(1, 40):
            event = {
                "deck": rng.choice("de"),
                "item": rng.choice("qr"),
                "kind": rng.choice(["answer", "answer", "retry", "flip"]),
                "value": {"choices": [rng.randrange(3)], "correct": rng.random() < 0.5},
                "seq": seq if rng.random() < 0.9 else rng.choice([None, "9", True]),
                "time": "",
            }
            events.append(event)
        for since in (0, 5, 17, 38):
            for deck, item in (("d", "q"), ("e", "r")):
                cases.append([events, {"deck": deck, "item": item}, since])

    def python(events: list[dict[str, Any]], entry: dict[str, str], since: int) -> Any:
        return shown_answer(events, entry["deck"], entry["item"], since)

    return disagreements(cases, python, "review.js", "shownAnswer", wrong)


def level_filter_check(wrong: str | None = None) -> Disagreements:
    """Which cards a level menu lets through, for the course's cards and a few lists."""
    levels = [
        [card.level or "" for card in course_deck().cards],
        ["", "beginner", "advanced", "beginner", ""],
        [],
    ]
    wanted = ["", *LEVELS, "expert"]
    cases = [[lv, w] for lv in levels for w in wanted]
    return disagreements(cases, visible_indexes, "flashcards.js", "visibleIndexes", wrong)


def first_attempt_check(wrong: str | None = None) -> Disagreements:
    """Each question's first attempt, right or not (the score), over random answer lists:
    the Quiz's ``summarize`` in the browser and ``answers_of`` (``Quiz.answers``) in Python."""
    rng = random.Random(3)
    questions = real_questions(False) + real_questions(True)
    cases = []
    for _list in range(20):
        events = []
        for seq in range(1, 15):
            question = rng.choice(questions)
            kind = rng.choice(["answer", "answer", "retry"])
            value = None
            if kind == "answer":
                chosen = rng.sample(range(len(question.choices)), 1 + question.multiple)
                value = decide(question, "answer", {"choices": chosen})
            events.append(
                {"deck": "d", "item": question.id, "kind": kind, "value": value, "seq": seq}
            )
        cases.append([events])

    def python(events: list[dict[str, Any]]) -> list[list[Any]]:
        return [[item, a["correct"]] for item, a in answers_of(events, "answer").items()]

    js = wrong or "(events) => [...module.summarize(events).first]"
    return disagreements(cases, python, "quiz.js", "summarize", js)


def names_check(wrong: str | None = None) -> Disagreements:
    """The ratings (buttons, keys 1-4) and the levels (the level menu), in the same order."""
    ratings = disagreements([[]], lambda: list(RATINGS), "card_view.js", "RATINGS", wrong)
    levels = disagreements([[]], lambda: list(LEVELS), "flashcards.js", "LEVELS", wrong)
    return ratings + levels


# -- the tests ----------------------------------------------------------------------------------


def test_the_browser_and_python_agree_on_every_answer_to_one_answer_questions() -> None:
    assert answer_check(multiple=False) == []


def test_the_browser_and_python_agree_on_every_answer_to_multiple_select_questions() -> None:
    assert answer_check(multiple=True) == []


def test_the_browser_and_python_agree_on_the_next_seq() -> None:
    assert seq_check() == []


def test_the_browser_and_python_agree_on_the_review_end_message() -> None:
    assert end_message_check() == []


def test_the_browser_and_python_agree_on_the_answer_a_review_shows() -> None:
    assert shown_answer_check() == []


def test_the_browser_and_python_agree_on_the_level_filter() -> None:
    assert level_filter_check() == []


def test_the_browser_and_python_agree_on_the_quiz_first_attempts() -> None:
    assert first_attempt_check() == []


def test_the_browser_and_python_name_the_same_ratings_and_levels() -> None:
    assert names_check() == []


WRONG = {
    # A one-answer question answered with several choices: not refused.
    "one-answer": (
        lambda wrong: answer_check(False, wrong),
        """(content, chosen) => {
          const p = [...new Set(chosen)].sort((a, b) => a - b);
          if (!p.length || p.some((i) => i < 0 || i >= content.choices.length)) return null;
          return { choices: p, correct: p.length === content.correct.length
            && p.every((c, i) => c === content.correct[i]) };
        }""",
    ),
    # Multiple select: any correct choices count, not exactly the correct set.
    "multiple-select": (
        lambda wrong: answer_check(True, wrong),
        """(content, chosen) =>
          chosen.length && chosen.every((i) => i >= 0 && i < content.choices.length)
            ? { choices: [...new Set(chosen)].sort((a, b) => a - b),
                correct: chosen.every((c) => content.correct.includes(c)) }
            : null""",
    ),
    # The rule before this check: any number, even -4 or 2.5, is taken as the last seq.
    "seq": (
        seq_check,
        """(events) => {
          const last = events.length ? events[events.length - 1].seq : 0;
          return (typeof last === "number" ? last : events.length) + 1;
        }""",
    ),
    "end message": (
        end_message_check,
        "(total, next, left) => `Done: ${total} items reviewed. ${next}`",
    ),
    # Another deck's item of the same id counts.
    "shown answer": (
        shown_answer_check,
        """(events, entry, since) => {
          let shown = null;
          for (const e of events) {
            if (typeof e.seq !== "number" || !(e.seq > since) || e.item !== entry.item) continue;
            if (e.kind === "answer") shown = e;
            else if (e.kind === "retry") shown = null;
          }
          return shown;
        }""",
    ),
    # "All levels" shows nothing.
    "level filter": (
        level_filter_check,
        "(levels, wanted) => levels.map((_, i) => i).filter((i) => levels[i] === wanted)",
    ),
    # The latest attempt counts instead of the first.
    "first attempts": (
        first_attempt_check,
        """(events) => {
          const last = new Map();
          for (const e of events) if (e.kind === "answer") last.set(e.item, e.value.correct);
          return [...last];
        }""",
    ),
    "names": (names_check, '["again", "good", "hard", "easy"]'),
}


@pytest.mark.parametrize("check", list(WRONG))
def test_each_parity_check_fails_against_a_wrong_browser_function(check: str) -> None:
    run, wrong = WRONG[check]
    assert run(wrong) != []
