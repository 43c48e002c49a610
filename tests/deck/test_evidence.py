"""The evidence check (``recall_widgets.deck.evidence``) fails for each kind of gap.

On small fixture decks: an item with no evidence, a concept with none, a name of a test that
does not exist; and it passes for a deck with none of them. The Flask deck itself is held to it
by ``tests/course/test_flask_evidence.py``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from recall_widgets import Deck, load_deck
from recall_widgets.deck.evidence import (
    evidence_problems,
    names_from_collect_output,
)

#: The tests the fixture decks may name (as if collected).
COLLECTED = frozenset({"test_card_claim", "test_question_claim", "test_concept", "test_case"})
COLLECTED |= {"test_case[one]", "test_case[two]"}

GOOD = """\
    deck: evidenced
    title: Evidenced
    cards:
      - id: card
        front: F
        back: B
        evidence: [test_card_claim]
    questions:
      - id: question
        prompt: P
        choices:
          - {text: A, correct: true}
          - {text: B}
        explanation: E
        evidence: [test_question_claim, test_case]
    prompts:
      - id: prompt
        prompt: P
        concepts:
          - text: First concept.
            evidence: [test_concept]
          - text: Second concept.
            evidence: ["test_case[two]"]
    """


def fixture_deck(tmp_path: Path, text: str = GOOD, old: str = "", new: str = "") -> Deck:
    """The GOOD deck (with ``old`` replaced by ``new``), written to a file and loaded."""
    source = textwrap.dedent(text)
    assert old in source
    path = tmp_path / "deck.yaml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return load_deck(path)


def test_a_good_deck_has_no_problems(tmp_path: Path) -> None:
    assert evidence_problems(fixture_deck(tmp_path), COLLECTED) == []


def test_an_item_with_no_evidence_is_a_problem(tmp_path: Path) -> None:
    deck = fixture_deck(tmp_path, old="    evidence: [test_card_claim]\n")
    assert evidence_problems(deck, COLLECTED) == [
        "evidenced: card 'card': no evidence; list the tests that prove it under evidence:"
    ]
    deck = fixture_deck(tmp_path, old="    evidence: [test_question_claim, test_case]\n")
    assert evidence_problems(deck, COLLECTED) == [
        "evidenced: question 'question': no evidence; list the tests that prove it under evidence:"
    ]


def test_a_concept_with_no_evidence_is_a_problem(tmp_path: Path) -> None:
    plain = fixture_deck(
        tmp_path, old="      - text: First concept.\n        evidence: [test_concept]\n",
        new="      - First concept.\n",
    )  # fmt: skip
    assert evidence_problems(plain, COLLECTED) == [
        "evidenced: prompt 'prompt', concept #1 'First concept.': no evidence; write the "
        "concept as {text: ..., evidence: [test_...]}"
    ]
    # Evidence on the prompt itself does not stand in for a concept's own.
    with_prompt_evidence = fixture_deck(
        tmp_path,
        old="    concepts:\n      - text: First concept.\n        evidence: [test_concept]\n",
        new="    evidence: [test_concept]\n    concepts:\n      - First concept.\n",
    )
    assert evidence_problems(with_prompt_evidence, COLLECTED) == evidence_problems(plain, COLLECTED)


def test_a_name_of_a_missing_test_is_a_problem(tmp_path: Path) -> None:
    deck = fixture_deck(tmp_path, old="[test_card_claim]", new="[test_card_claims]")
    assert evidence_problems(deck, COLLECTED) == [
        "evidenced: card 'card': evidence 'test_card_claims' names no collected test "
        "(did you mean 'test_card_claim'?)"
    ]
    deck = fixture_deck(tmp_path, old='["test_case[two]"]', new='["test_case[three]"]')
    assert evidence_problems(deck, COLLECTED) == [
        "evidenced: prompt 'prompt', concept #2 'Second concept.': evidence "
        "'test_case[three]' names no collected test (test_case has no such case; it has "
        "test_case[one], test_case[two])"
    ]
    assert evidence_problems(fixture_deck(tmp_path), set()) != []  # nothing collected


def test_without_require_only_missing_tests_are_problems(tmp_path: Path) -> None:
    deck = fixture_deck(tmp_path, old="    evidence: [test_card_claim]\n")
    assert evidence_problems(deck, COLLECTED, require=False) == []
    deck = fixture_deck(tmp_path, old="[test_concept]", new="[test_gone]")
    problems = evidence_problems(deck, COLLECTED, require=False)
    assert len(problems) == 1 and "'test_gone' names no collected test" in problems[0]


def test_names_from_collect_output_keeps_full_and_base_names() -> None:
    output = textwrap.dedent(
        """\
        tests/test_a.py::test_plain
        tests/test_a.py::test_cases[x::y]
        tests/sub/test_b.py::TestGroup::test_method[1-2]

        3 tests collected in 0.01s
        """
    )
    assert names_from_collect_output(output) == {
        "test_plain", "test_cases", "test_cases[x::y]", "test_method", "test_method[1-2]",
    }  # fmt: skip
