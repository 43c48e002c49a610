"""Exercises in a deck: a good one loads; each kind of bad one gets an error naming its line and
field and saying what is allowed. The check is named, never imported, by the loader."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from recall_widgets import ContentError, load_deck
from recall_widgets.deck.loader import Problem
from recall_widgets.deck.model import Exercise

GOOD = """\
    deck: demo
    title: Demo deck
    exercises:
      - id: double
        level: beginner
        section: basics
        title: Double it
        task: Define `double(x)`.
        starter: |-
          def double(x):
              return x
        hints:
          - Multiply.
          - By two.
        solution: |-
          def double(x):
              return 2 * x
        check: never_imported_course.checks:double
    """


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    with pytest.raises(ContentError) as info:
        load_deck(write(tmp_path, text))
    return info.value.problems


def only(problems: list[Problem]) -> str:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return str(problems[0])


def test_an_exercise_loads_with_its_hints_in_order_and_its_check_never_imported(
    tmp_path: Path,
) -> None:
    deck = load_deck(write(tmp_path, GOOD))
    (exercise,) = deck.exercises
    assert isinstance(exercise, Exercise) and deck.item("double") is exercise
    assert exercise.hints == ("Multiply.", "By two.")
    assert exercise.starter == "def double(x):\n    return x"
    assert exercise.check == "never_imported_course.checks:double"
    assert "never_imported_course" not in sys.modules
    assert deck.items[-1] is exercise and deck.sections == ("basics",)


def test_a_deck_of_only_exercises_has_items(tmp_path: Path) -> None:
    assert len(load_deck(write(tmp_path, GOOD)).items) == 1


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        (
            "check: never_imported_course.checks:double",
            "check: never_imported_course.checks.double",
            18,
            "field 'check': 'never_imported_course.checks.double' is not a check: write the "
            "check as module:function, a dotted module path, one ':' and a function name "
            "(e.g. 'flask_course.exercises.cart:check'); write "
            "'never_imported_course.checks:double'",
        ),
        (
            "check: never_imported_course.checks:double",
            "check: course/checks.py:double",
            18,
            "name the module, not its file",
        ),
        (
            "check: never_imported_course.checks:double",
            "check: 'a:b:c'",
            18,
            "'a:b:c' is not a check",
        ),
        (
            "    check: never_imported_course.checks:double\n",
            "",
            4,
            "the required key 'check' is missing; every exercise needs id, title, task, "
            "solution, check",
        ),
        ("    starter: |-\n", "    starter_code: |-\n", 9, "unknown key 'starter_code'"),
        ("      - By two.", "      - ''", 14, "the text is empty"),
        (
            "    hints:\n      - Multiply.\n      - By two.\n",
            "    hints: Multiply.\n",
            12,
            "one '- ' line per hint",
        ),
        ("title: Double it", "title: 3", 7, "expected text"),
    ],
    ids=[
        "check-with-a-dot",
        "check-as-a-file",
        "check-with-two-colons",
        "no-check",
        "unknown-key",
        "empty-hint",
        "hints-not-a-list",
        "title-not-text",
    ],
)
def test_a_bad_exercise_is_told_by_its_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, says: str
) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    problem = only(problems_of(tmp_path, text.replace(old, new)))
    assert f"deck.yaml:{line}:" in problem and "exercise #1" in problem, problem
    assert says in problem, problem


def test_an_exercise_id_used_by_a_card_is_a_duplicate(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD) + textwrap.dedent(
        """\
        cards:
          - id: double
            front: F
            back: B
        """
    )
    problem = only(problems_of(tmp_path, text))
    assert "duplicate id 'double'" in problem and "exercise #1" in problem, problem


def test_an_empty_deck_says_exercises_count_as_items(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, "deck: d\ntitle: D\nexercises: []\n"))
    assert "add at least one of cards, questions, prompts or exercises" in problem
