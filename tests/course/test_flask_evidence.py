"""Evidence: every claim of the Flask deck names the tests that prove it, and those tests exist.

``recall_widgets.deck.evidence`` does the checking (``tests/deck/test_evidence.py`` shows it
failing for each kind of gap); here the course's own deck is held to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recall_widgets import load_deck
from recall_widgets.deck.evidence import collected_test_names, evidence_problems

ROOT = Path(__file__).resolve().parents[2]
DECK_PATH = ROOT / "content" / "flask-sessions.yaml"


@pytest.fixture(scope="session")
def collected() -> frozenset[str]:
    """The names of every test under tests/ (collected once per session, in a subprocess)."""
    return collected_test_names("tests", rootdir=ROOT)


def test_the_flask_deck_names_existing_tests_for_every_claim(collected: frozenset[str]) -> None:
    problems = evidence_problems(load_deck(DECK_PATH), collected)
    assert not problems, f"{len(problems)} evidence problems:\n" + "\n".join(problems)


def test_collected_names_hold_tests_cases_and_their_base_names(
    collected: frozenset[str],
) -> None:
    assert "test_the_flask_deck_names_existing_tests_for_every_claim" in collected
    assert "test_good_deck_loads_with_its_items" in collected  # another file's test
    assert "test_empty_file" in collected  # a parametrized test by its base name...
    assert "test_empty_file[---\\n]" in collected  # ...and one of its cases, as pytest ids it
    bases = {name.partition("[")[0] for name in collected}
    assert all(name.startswith("test") and "::" not in name for name in bases)
    assert not any(".ipynb" in name for name in bases)  # no notebooks (nbval is off)
