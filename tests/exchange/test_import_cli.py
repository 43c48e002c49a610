"""``recall-widgets import``: writes a deck that validates, lists what was not carried, never
overwrites without --force, and writes nothing for a file it cannot import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recall_widgets import load_deck
from recall_widgets.cli import main

PEERS = Path(__file__).parent / "peers"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for path in PEERS.glob("*.json"):
        shutil.copy(path, tmp_path)
    return tmp_path


def test_import_writes_the_deck_beside_the_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = folder / "jupytercards-example.json"
    assert main(["import", str(source), "--from", "jupytercards"]) == 0
    out, err = capsys.readouterr()
    deck_file = folder / "jupytercards-example.yaml"
    assert out == (
        f"wrote {deck_file}: deck 'jupytercards-example', 4 cards, from {source} "
        "(jupytercards); everything carried\n"
    )
    assert err == ""
    deck = load_deck(deck_file)
    assert (deck.id, deck.title, len(deck.cards)) == (
        "jupytercards-example",
        "Jupytercards example",
        4,
    )
    assert main(["validate", str(deck_file)]) == 0


def test_options_and_what_was_not_carried(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = folder / "jupyterquiz-examples-questions.json"
    out_file = folder / "ch1.yaml"
    code = main(
        [
            "import",
            str(source),
            "--from",
            "jupyterquiz",
            "--out",
            str(out_file),
            "--deck",
            "ch1",
            "--title",
            "Chapter 1",
            "--section",
            "intro",
        ]
    )
    assert code == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 5 and all(line.startswith(f"{source}:") for line in lines)
    assert lines[0] == (
        f"{source}:36:24: question 2, field 'answer_cols': not carried: how many columns of "
        "answer buttons (layout; our quiz lays choices out itself)"
    )
    assert out == (
        f"wrote {out_file}: deck 'ch1', 8 questions (6 choice, 2 numeric), from {source} "
        "(jupyterquiz); 5 notes on what did not carry as it was, listed above\n"
    )
    deck = load_deck(out_file)
    assert (deck.title, deck.sections) == ("Chapter 1", ("intro",))


def test_an_existing_deck_is_not_replaced_without_force(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = folder / "jupytercards-example.json"
    deck_file = folder / "cards.yaml"
    deck_file.write_text("deck: mine\ntitle: Mine\ncards:\n  - {id: a, front: f, back: b}\n")
    before = deck_file.read_bytes()
    assert main(["import", str(source), "--from", "jupytercards", "-o", str(deck_file)]) == 2
    _, err = capsys.readouterr()
    assert err == (
        f"recall-widgets import: {deck_file} exists already (deck 'mine', 'Mine'); pass --force "
        "to replace it, or --out another\n"
    )
    assert deck_file.read_bytes() == before
    args = ["import", str(source), "--from", "jupytercards", "-o", str(deck_file), "--force"]
    assert main(args) == 0
    out, _ = capsys.readouterr()
    assert out.startswith(f"replaced {deck_file} (deck 'mine', 'Mine') with deck 'cards', 4 cards")
    assert load_deck(deck_file).id == "cards"


@pytest.mark.parametrize("name", ["jupyterquiz-unknown-type", "jupyterquiz-malformed-answer"])
def test_a_file_that_cannot_be_imported_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    assert main(["import", str(folder / f"{name}.json"), "--from", "jupyterquiz"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    *problems, summary = err.splitlines()
    assert problems and all(p.startswith(f"{folder / name}.json:") for p in problems)
    assert summary.endswith(f"in {folder / name}.json; nothing written")
    assert "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_bad_file_with_force_leaves_the_old_deck(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck_file = folder / "jupyterquiz-unknown-type.yaml"
    deck_file.write_text("deck: old\ntitle: Old\ncards:\n  - {id: a, front: f, back: b}\n")
    args = [
        "import",
        str(folder / "jupyterquiz-unknown-type.json"),
        "--from",
        "jupyterquiz",
        "--force",
    ]
    assert main(args) == 2
    assert load_deck(deck_file).id == "old"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.json", "--from", "jupyterquiz"], "no such file: missing.json"),
        (["{src}", "--from", "jupyterquiz", "--out", "deck.txt"], "a deck file ends in .yaml"),
        (["{src}", "--from", "jupyterquiz", "--out", "nowhere/deck.yaml"], "no such folder"),
        (["{src}", "--from", "jupyterquiz", "--deck", "Not a slug"], "--deck 'Not a slug': a slug"),
        (["{src}", "--from", "jupyterquiz", "--title", " "], "--title: the title is empty"),
        (["{src}", "--from", "jupytercards"], "import it with --from jupyterquiz"),
    ],
)
def test_usage_errors_are_one_line(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(folder)
    args = [a.replace("{src}", "jupyterquiz-readme.json") for a in args]
    assert main(["import", *args]) == 2
    _, err = capsys.readouterr()
    assert message in err and "Traceback" not in err


def test_the_wrong_peer_says_what_it_found(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(folder / "jupyterquiz-readme.json"), "--from", "jupytercards"]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{folder / 'jupyterquiz-readme.json'}:2:3: this is a jupyterquiz file (its objects have "
        "'question' and 'answers'); import it with --from jupyterquiz",
        f"recall-widgets import: 1 problem in {folder / 'jupyterquiz-readme.json'}; nothing "
        "written",
    ]


def test_not_json_is_one_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "bad.json"
    bad.write_text('[{"front": "a", "back": "b",}]')
    assert main(["import", str(bad), "--from", "jupytercards"]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        f"{bad}:1:29: not valid JSON: expected a key in double quotes; found '}}' (a ',' before "
        "it: JSON allows no trailing comma)"
    )
    assert not (folder / "bad.yaml").exists()


def test_importing_twice_gives_the_same_deck(folder: Path) -> None:
    source = str(folder / "jupyterquiz-every-field.json")
    deck_file = folder / "quiz.yaml"
    assert main(["import", source, "--from", "jupyterquiz", "-o", str(deck_file)]) == 0
    first = deck_file.read_text()
    ids = [q.id for q in load_deck(deck_file).questions]
    assert main(["import", source, "--from", "jupyterquiz", "-o", str(deck_file), "--force"]) == 0
    assert deck_file.read_text() == first
    assert [q.id for q in load_deck(deck_file).questions] == ids


def test_a_real_run_of_the_command(folder: Path) -> None:
    script = Path(sys.executable).parent / "recall-widgets"
    result = subprocess.run(
        [str(script), "import", "jupyterquiz-every-field.json", "--from", "jupyterquiz"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "wrote jupyterquiz-every-field.yaml: deck 'jupyterquiz-every-field', 7 questions "
        "(2 choice, 3 numeric, 2 text)"
    )
    assert result.stderr.count("jupyterquiz-every-field.json:") == 3
    check = subprocess.run(
        [str(script), "validate", "jupyterquiz-every-field.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    bad = subprocess.run(
        [str(script), "import", "jupyterquiz-unknown-type.json", "--from", "jupyterquiz"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.splitlines()[0].startswith("jupyterquiz-unknown-type.json:9:13: question 2")
    assert "Traceback" not in bad.stderr
    assert not (folder / "jupyterquiz-unknown-type.yaml").exists()


def test_a_deck_our_loader_refuses_is_called_a_bug_and_not_written(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import recall_widgets.exchange.importing as importing

    def broken(data: object, *, header: str = "") -> str:
        return "deck: x\ntitle: X\ncards:\n  - id: a\n    front: f\n"  # no back

    monkeypatch.setattr(importing, "deck_yaml", broken)
    source = folder / "jupytercards-example.json"
    assert main(["import", str(source), "--from", "jupytercards"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        f"recall-widgets import: the deck made from {source} does not validate (a bug of the "
        "importer, please report it; nothing was written):\n"
    )
    assert "field 'back'" in err and "Traceback" not in err
    assert not (folder / "jupytercards-example.yaml").exists()


def test_a_deck_that_reads_back_changed_is_called_a_bug(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recall_widgets.exchange.importing as importing

    real = importing.deck_yaml
    monkeypatch.setattr(
        importing,
        "deck_yaml",
        lambda data, header="": real(data, header=header).replace("front: data", "front: changed"),
    )
    with pytest.raises(importing.ImporterBug, match="does not read back as it was built"):
        importing.import_file(folder / "jupytercards-example.json", "jupytercards")
