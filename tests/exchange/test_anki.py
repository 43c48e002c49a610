"""export-anki: the package opened by the real ``anki`` library (AGPL, a test-only extra)
into a fresh collection, and re-imported after a change."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from recall_widgets import load_deck
from recall_widgets.cli import main
from recall_widgets.deck.loader import parse_deck
from recall_widgets.exchange.anki import anki_deck_names, export_anki, note_css, note_guid
from recall_widgets.exchange.exporting import ExportError, stable_number
from recall_widgets.exchange.flatten import sides_of

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EVERY = HERE / "decks" / "every-kind.yaml"
SECOND = HERE / "decks" / "second.yaml"
FLASK = ROOT / "content" / "flask-sessions.yaml"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@contextmanager
def collection(folder: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection in ``folder``."""
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, package: Path) -> object:
    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    return col.import_anki_package(request).log


def notes_by_source(col: Collection) -> dict[str, object]:
    notes = {}
    for note_id in col.find_notes("note:recall_widgets"):
        note = col.get_note(note_id)
        notes[note["Source"]] = note
    return notes


def test_the_package_opens_in_anki_with_its_decks_notes_fields_and_tags(tmp_path: Path) -> None:
    decks = [load_deck(EVERY), load_deck(SECOND)]
    out = tmp_path / "course.apkg"
    report = export_anki(decks, out, parent="My course", bases={"every-kind": str(EVERY.parent)})
    assert report.total == 15 + 2
    assert report.counts["card"] == 3 and report.counts["choice"] == 3
    assert report.counts["prompt"] == 1 and report.counts["exercise"] == 1

    with collection(tmp_path) as col:
        log = import_package(col, out)
        assert len(log.new) == 17 and not log.updated and not log.duplicate  # type: ignore[attr-defined]
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"My course::Every kind of item", "My course::A second deck"} <= names
        assert col.note_count() == 17
        notes = notes_by_source(col)
        assert len(notes) == 17
        for deck in decks:
            anki_deck = col.decks.by_name(f"My course::{deck.title}")
            assert anki_deck is not None
            if deck.description:  # the deck's Markdown description, rendered
                assert anki_deck["desc"] == f"<p>{deck.description}</p>"
            in_deck = col.find_cards(f'"deck:My course::{deck.title}"')
            assert len(in_deck) == len(deck.items)  # each deck's notes in its own Anki deck
            for item in deck.items:
                note = notes[f"{deck.id}/{item.id}"]
                sides = sides_of(item, str(EVERY.parent))
                assert note["Front"] == sides.front  # the fields arrive as written
                assert note["Back"] == sides.back
                assert note.guid == note_guid(deck, item)
                if item.level:
                    assert f"level::{item.level}" in note.tags
                if item.section:
                    assert f"section::{item.section}" in note.tags
                assert set(item.tags) <= set(note.tags)

        code = notes["every-kind/card-code"]["Back"]
        assert '<pre class="recall-code"><code class="language-python">' in code
        assert '<span class="k">def</span>' in code  # Pygments' classes, styled by the CSS
        model = col.models.by_name("recall_widgets")
        assert model is not None
        assert (
            ".recall-code .k {" in model["css"] and ".nightMode .recall-code .k {" in model["css"]
        )
        assert model["css"] == note_css()
        math = notes["every-kind/card-math"]["Back"]
        assert '<math display="block">' in math and "<mi>π</mi>" in math
        assert "<mfrac>" in math  # \frac survives as MathML
        choice = notes["every-kind/choice-one"]
        assert "<msqrt>" in choice["Front"]  # math in a choice, on the front
        assert "Braces alone make an empty dict." in choice["Back"]  # each why on the back
        assert "Answer: A" in choice["Back"]
        assert "kind::choice" in choice.tags
        predict = notes["every-kind/predict-print"]
        assert "A\nB" in predict["Back"] and '<span class="nb">print</span>' in predict["Front"]
        prompt = notes["every-kind/prompt-explain"]
        assert "a change breaks the signature" in prompt["Back"] and "Hint" in prompt["Front"]
        exercise = notes["every-kind/exercise-cart"]
        assert "The cart" in exercise["Front"] and "session" in exercise["Back"]


def test_a_later_export_of_a_changed_deck_updates_the_notes_in_place(tmp_path: Path) -> None:
    text = EVERY.read_text(encoding="utf-8")
    first = parse_deck(text, str(EVERY), check_outputs=False)
    changed_text = text.replace("The area of a circle", "The area of a round disc")
    changed = parse_deck(changed_text, str(EVERY), check_outputs=False)
    with collection(tmp_path) as col:
        export_anki([first], tmp_path / "v1.apkg", now=T0)
        import_package(col, tmp_path / "v1.apkg")
        ids = set(col.find_notes("note:recall_widgets"))
        assert len(ids) == len(first.items)

        # in the same second Anki sees nothing newer: its copy stays
        export_anki([changed], tmp_path / "same-time.apkg", now=T0)
        log = import_package(col, tmp_path / "same-time.apkg")
        assert not log.updated  # type: ignore[attr-defined]
        assert "round disc" not in notes_by_source(col)["every-kind/card-math"]["Front"]

        export_anki([changed], tmp_path / "v2.apkg", now=T0 + dt.timedelta(minutes=1))
        log = import_package(col, tmp_path / "v2.apkg")
        assert not log.new  # type: ignore[attr-defined]
        assert len(log.updated) == len(first.items)  # type: ignore[attr-defined]
        assert set(col.find_notes("note:recall_widgets")) == ids  # the same notes, updated
        assert col.note_count() == len(first.items)
        front = notes_by_source(col)["every-kind/card-math"]["Front"]
        assert "round disc" in front and "circle" not in front


def test_ids_are_derived_from_the_deck_and_item_ids() -> None:
    deck = load_deck(SECOND)
    other = parse_deck(SECOND.read_text().replace("deck: second", "deck: third"), "x.yaml")
    card = deck.cards[0]
    assert note_guid(deck, card) == note_guid(load_deck(SECOND), card)
    assert note_guid(deck, card) != note_guid(other, card)
    assert note_guid(deck, card) != note_guid(deck, deck.questions[0])
    assert stable_number("a", "b") == stable_number("a", "b") != stable_number("a", "c")
    assert 2**30 <= stable_number("x") < 2**31


def test_deck_names_nest_under_a_parent_and_stay_distinct() -> None:
    one = parse_deck("deck: a\ntitle: Basics\ncards: [{id: c, front: F, back: B}]\n", "a.yaml")
    two = parse_deck("deck: b\ntitle: Basics\ncards: [{id: c, front: F, back: B}]\n", "b.yaml")
    odd = parse_deck("deck: c\ntitle: 'A::B'\ncards: [{id: c, front: F, back: B}]\n", "c.yaml")
    assert anki_deck_names([one]) == {"a": "Basics"}
    assert anki_deck_names([one, two, odd], "Course") == {
        "a": "Course::Basics (a)",
        "b": "Course::Basics (b)",
        "c": "Course::A:B",  # Anki's separator in a title does not make a sub-deck
    }
    with pytest.raises(ExportError, match="given twice"):
        export_anki([one, one], Path("never.apkg"))


def test_the_flask_course_exports_and_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "flask.apkg"
    assert main(["export-anki", str(FLASK), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    deck = load_deck(FLASK)
    assert f"wrote {out}: {len(deck.items)} notes from 1 deck" in printed
    assert "not carried: review history and progress" in printed
    assert "flask-sessions/cart-that-forgets" in printed  # an exercise's check, by its id
    with collection(tmp_path) as col:
        import_package(col, out)
        assert col.note_count() == len(deck.items) == 78
        assert col.decks.by_name("Flask sessions") is not None
        notes = notes_by_source(col)
        question = deck.item("max-cookie-size")
        assert notes["flask-sessions/max-cookie-size"]["Back"] == sides_of(question).back
        assert "4093 (± 10)" in notes["flask-sessions/max-cookie-size"]["Back"]


def test_the_command_line_moves_with_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(SECOND.read_text(), encoding="utf-8")
    out = tmp_path / "deck.apkg"
    monkeypatch.setenv("RECALL_NOW", "2026-03-01T09:00:00Z")
    assert main(["export-anki", str(deck), "-o", str(out)]) == 0
    with collection(tmp_path) as col:
        import_package(col, out)
        deck.write_text(
            SECOND.read_text().replace("Yes, one", "Yes, exactly one"), encoding="utf-8"
        )
        monkeypatch.setenv("RECALL_NOW", "2026-03-02T09:00:00Z")
        assert main(["export-anki", str(deck), "-o", str(out)]) == 0
        log = import_package(col, out)
        assert len(log.updated) == 2 and col.note_count() == 2  # type: ignore[attr-defined]
        assert "Yes, exactly one" in notes_by_source(col)["second/only-card"]["Back"]


def test_several_decks_go_under_the_course_title(tmp_path: Path) -> None:
    out = tmp_path / "both.apkg"
    assert main(["export-anki", str(EVERY), str(SECOND), "-o", str(out)]) == 0
    with collection(tmp_path) as col:
        import_package(col, out)
        names = {d.name for d in col.decks.all_names_and_ids()}
    # the repository's course.toml (found from the first deck's folder) names the course
    assert {"Flask sessions::Every kind of item", "Flask sessions::A second deck"} <= names


def test_a_deck_that_does_not_load_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: bad\ntitle: Bad\ncards:\n  - id: c\n    front: F\n", encoding="utf-8")
    out = tmp_path / "out.apkg"
    assert main(["export-anki", str(bad), str(SECOND), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"bad\.yaml:4:\d+: card #1 'c'.*'back'", err), err
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]  # not even a temporary file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml", "-o", "x.apkg"], "no such file or folder: missing.yaml"),
        ([str(SECOND), "-o", "x.zip"], "must end in .apkg"),
    ],
)
def test_usage_errors_are_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-anki", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("recall-widgets export-anki:")


def test_without_genanki_it_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "genanki", None)  # import genanki: ImportError
    assert main(["export-anki", str(SECOND), "-o", str(tmp_path / "x.apkg")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'recall-widgets[anki]'" in err and err.count("\n") == 1
    assert not (tmp_path / "x.apkg").exists()


def test_the_installed_command_exports(tmp_path: Path) -> None:
    out = tmp_path / "second.apkg"
    result = subprocess.run(
        [sys.executable, "-m", "recall_widgets", "export-anki", str(SECOND), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: 2 notes from 1 deck (1 card, 1 choice question)")
    with collection(tmp_path) as col:
        import_package(col, out)
        assert col.note_count() == 2


def test_a_relative_image_travels_inside_the_note(tmp_path: Path) -> None:
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "dot.png").write_bytes(png)
    deck = tmp_path / "pictures.yaml"
    deck.write_text(
        "deck: pictures\ntitle: Pictures\ncards:\n"
        "  - id: dot\n    front: 'What is this? ![a dot](images/dot.png)'\n    back: A dot.\n",
        encoding="utf-8",
    )
    out = tmp_path / "pictures.apkg"
    assert main(["export-anki", str(deck), "-o", str(out)]) == 0
    with collection(tmp_path) as col:
        import_package(col, out)
        front = notes_by_source(col)["pictures/dot"]["Front"]
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in front


def test_the_learners_anki_schedule_survives_a_later_export(tmp_path: Path) -> None:
    text = SECOND.read_text(encoding="utf-8")
    with collection(tmp_path) as col:
        export_anki([parse_deck(text, str(SECOND))], tmp_path / "v1.apkg", now=T0)
        import_package(col, tmp_path / "v1.apkg")
        (card_id,) = col.find_cards('"Source:second/only-card"')
        card = col.get_card(card_id)
        card.start_timer()
        col.sched.answerCard(card, 3)  # the learner reviews it once in Anki: Good
        reviewed = col.get_card(card_id)
        assert reviewed.reps == 1
        changed = parse_deck(text.replace("Yes, one", "Yes, exactly one"), str(SECOND))
        export_anki([changed], tmp_path / "v2.apkg", now=T0 + dt.timedelta(days=1))
        import_package(col, tmp_path / "v2.apkg")
        after = col.get_card(card_id)  # the same card, its schedule kept, its text new
        assert (after.reps, after.due, after.ivl, after.queue) == (
            reviewed.reps, reviewed.due, reviewed.ivl, reviewed.queue
        )  # fmt: skip
        assert after.note()["Back"] == "<p>Yes, exactly one Anki deck per deck.</p>"
        assert col.card_count() == 2
