"""The whole trade: a peer's file imported, validated, exported to Anki and opened by the real
``anki`` library, with every text the peer's learner read still on the notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recall_widgets import load_deck
from recall_widgets.cli import main
from recall_widgets.exchange.anki import note_guid
from recall_widgets.exchange.flatten import sides_of
from tests.exchange.test_anki import collection, import_package, notes_by_source
from tests.exchange.test_import_roundtrip import in_order, shown_words, words

PEERS = Path(__file__).parent / "peers"
CASES = [
    ("jupyterquiz", PEERS / "jupyterquiz-every-field.json"),
    ("jupyterquiz", PEERS / "jupyterquiz-readme.json"),
    ("jupytercards", PEERS / "jupytercards-every-field.json"),
    ("jupytercards", PEERS / "jupytercards-example.json"),
]


def _peer_texts(peer: str, entry: dict[str, object]) -> list[str]:
    """What a learner of the peer read for one entry: a card's sides, a question and its
    answers' texts (jupyterquiz shows a choice's ``answer``; every kind shows ``feedback``)."""
    if peer == "jupytercards":
        return [str(entry["front"]), str(entry["back"])]
    texts = [str(entry["question"])]
    for answer in entry["answers"]:  # type: ignore[attr-defined]
        if str(entry["type"]).endswith("_choice") and "answer" in answer:
            texts.append(str(answer["answer"]))
    return texts


@pytest.mark.parametrize(("peer", "path"), CASES, ids=lambda c: getattr(c, "stem", c))
def test_an_imported_file_reaches_anki_with_its_text_intact(
    peer: str, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck_file = tmp_path / "imported.yaml"
    assert main(["import", str(path), "--from", peer, "--out", str(deck_file)]) == 0
    assert main(["validate", str(deck_file)]) == 0
    deck = load_deck(deck_file)
    package = tmp_path / "imported.apkg"
    assert main(["export-anki", str(deck_file), "--out", str(package)]) == 0
    capsys.readouterr()

    entries = json.loads(path.read_text(encoding="utf-8"))
    entries = entries if isinstance(entries, list) else [entries]
    with collection(tmp_path) as col:
        import_package(col, package)
        notes = notes_by_source(col)
        assert col.note_count() == len(deck.items) == len(entries)
        for entry, item in zip(entries, deck.items, strict=True):
            note = notes[f"{deck.id}/{item.id}"]
            assert note.guid == note_guid(deck, item)
            sides = sides_of(item, str(deck_file.parent))
            assert (note["Front"], note["Back"]) == (sides.front, sides.back)
            shown = shown_words(note["Front"] + " " + note["Back"])
            for text in _peer_texts(peer, entry):
                text = re.sub(r"\]\([^)]*\)", "]", text)  # a Markdown link shows its words only
                assert in_order(words(text), shown), (item.id, text)


def test_importing_and_exporting_again_updates_the_same_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Import, export, import the file again and export later: Anki gets no copies, because the
    ids (and so the GUIDs) come out the same."""
    source = PEERS / "jupyterquiz-every-field.json"
    deck_file = tmp_path / "quiz.yaml"
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    monkeypatch.setenv("RECALL_NOW", "2026-03-01T09:00:00+00:00")
    assert main(["import", str(source), "--from", "jupyterquiz", "--out", str(deck_file)]) == 0
    assert main(["export-anki", str(deck_file), "--out", str(first)]) == 0
    assert main(["import", str(source), "--from", "jupyterquiz", "--out", str(deck_file),
                 "--force"]) == 0  # fmt: skip
    monkeypatch.setenv("RECALL_NOW", "2026-03-02T09:00:00+00:00")
    assert main(["export-anki", str(deck_file), "--out", str(second)]) == 0
    capsys.readouterr()
    with collection(tmp_path) as col:
        import_package(col, first)
        count = col.note_count()
        log = import_package(col, second)
        assert col.note_count() == count
        assert not log.new  # type: ignore[attr-defined]
