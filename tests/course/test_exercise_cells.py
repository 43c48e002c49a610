"""Each exercise sits in its lesson after the demo it builds on: its widget, then the learner's
cell holding the deck's starter code, which stores no output (nbval compares nothing the
learner's store or code could change)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from recall_widgets import load_deck

ROOT = Path(__file__).resolve().parents[2]
DECK = load_deck(ROOT / "content" / "flask-sessions.yaml")
PLACES = {
    "cart-that-forgets": ("01-what-is-a-session.ipynb", "show_mutable_trap()"),
    "decode-without-key": ("02-the-signed-cookie.ipynb", "show_compressed_cookie()"),
    "verify-signature": ("02-the-signed-cookie.ipynb", "show_signature()"),
    "login-logout": ("03-using-sessions-safely.ipynb", "show_stolen_cookie_lifetime()"),
    "server-side-login": ("03-using-sessions-safely.ipynb", "show_fixation()"),
}
"""Each exercise's lesson, and the demo it builds on (a call in an earlier code cell)."""
WIDGET = re.compile(r'^Exercise\(DECK, "([a-z0-9-]+)"\)$')


def test_every_exercise_of_the_deck_has_a_place() -> None:
    assert sorted(PLACES) == sorted(e.id for e in DECK.exercises)


@pytest.mark.parametrize("exercise_id", list(PLACES))
def test_the_exercise_follows_its_demo_with_the_starter_in_the_next_cell(exercise_id: str) -> None:
    name, demo = PLACES[exercise_id]
    cells = nbformat.read(ROOT / "notebooks" / name, as_version=4).cells
    shown = {
        i: match[1]
        for i, c in enumerate(cells)
        if c.cell_type == "code" and (match := WIDGET.match(c.source.strip()))
    }
    found = [i for i, shown_id in shown.items() if shown_id == exercise_id]
    assert len(found) == 1, f"{name} shows {exercise_id} {len(found)} times"
    at = found[0]
    demo_at = next(i for i, c in enumerate(cells) if c.cell_type == "code" and demo in c.source)
    assert demo_at < at, f"{exercise_id} comes before its demo {demo}"
    assert cells[at].outputs[0]["data"]["text/plain"] == (
        f"Exercise(deck='flask-sessions', exercise='{exercise_id}')"
    )
    learner = cells[at + 1]
    starter = next(e.starter for e in DECK.exercises if e.id == exercise_id)
    assert learner.cell_type == "code" and learner.metadata.get("tags") == ["exercise"]
    assert learner.source == starter
    assert learner.outputs == []
