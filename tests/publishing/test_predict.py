"""`recall-widgets predict`: predict questions' outputs are what their code really prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recall_widgets import load_deck
from recall_widgets.cli import main
from recall_widgets.deck.loader import ContentError
from recall_widgets.deck.outputs import outputs_path, read_outputs
from recall_widgets.publishing.predict import PredictError, generate_outputs

ROOT = Path(__file__).resolve().parents[2]
COURSE_DECK = ROOT / "content" / "flask-sessions.yaml"
KINDS_DECK = ROOT / "tests" / "browser" / "fixtures" / "kinds-deck.yaml"

DECK = """\
deck: d
title: D
questions:
  - id: sum
    kind: predict
    prompt: What does it print?
    explanation: Six times seven.
    code: |
      print(6 * 7)
      print({{"b", "a"}} == {{"a", "b"}})
  - id: other
    prompt: Which?
    choices: [{{text: a, correct: true}}, {{text: b}}]
    explanation: e
{extra}"""


def write_deck(folder: Path, extra: str = "") -> Path:
    path = folder / "d.yaml"
    path.write_text(DECK.format(extra=extra), encoding="utf-8")
    return path


@pytest.mark.parametrize("deck_path", [COURSE_DECK, KINDS_DECK], ids=["course", "browser-kinds"])
def test_the_committed_outputs_are_what_the_code_prints_now(deck_path: Path) -> None:
    # Fails when a predict question's code changed and `recall-widgets predict` was not run,
    # and when Flask itself now prints something else.
    result = generate_outputs(deck_path, write=False)
    assert result.count >= (3 if deck_path == COURSE_DECK else 1)
    assert not result.changed, (
        f"{result.path} is stale: run `recall-widgets predict {deck_path.relative_to(ROOT)}`"
    )
    deck = load_deck(deck_path)
    assert all(q.output for q in deck.questions if q.kind == "predict")


def test_predict_writes_the_outputs_the_loader_then_reads(tmp_path: Path) -> None:
    path = write_deck(tmp_path)
    with pytest.raises(ContentError, match="no output is recorded"):
        load_deck(path)
    result = generate_outputs(path)
    assert result.changed and result.count == 1
    assert read_outputs(outputs_path(path))["sum"].output == "42\nTrue\n"
    assert load_deck(path).questions[0].output == "42\nTrue\n"
    assert json.loads(outputs_path(path).read_text())["deck"] == "d"
    assert not generate_outputs(path).changed  # the same text again: nothing to do


def test_changing_the_code_makes_the_outputs_stale_until_predict_runs(tmp_path: Path) -> None:
    path = write_deck(tmp_path)
    generate_outputs(path)
    path.write_text(path.read_text().replace("6 * 7", "6 * 8"), encoding="utf-8")
    with pytest.raises(ContentError, match="stale: the code changed"):
        load_deck(path)
    assert main(["predict", "--check", str(path)]) == 1
    assert main(["predict", str(path)]) == 0
    assert load_deck(path).questions[0].output == "48\nTrue\n"
    assert main(["predict", "--check", str(path)]) == 0


def test_a_failing_snippet_names_its_question_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck(
        tmp_path,
        "  - id: broken\n    kind: predict\n    prompt: p\n    explanation: e\n"
        "    code: import nothing_by_this_name\n",
    )
    with pytest.raises(PredictError, match=r"question 'broken': the code failed .*ModuleNotFound"):
        generate_outputs(path)
    assert not outputs_path(path).exists()
    assert main(["predict", str(path)]) == 1
    err = capsys.readouterr().err
    assert "question 'broken'" in err and "Traceback" not in err


def test_a_snippet_that_prints_nothing_is_refused(tmp_path: Path) -> None:
    path = write_deck(
        tmp_path,
        "  - id: quiet\n    kind: predict\n    prompt: p\n    explanation: e\n    code: x = 1\n",
    )
    with pytest.raises(PredictError, match="'quiet': the code prints nothing"):
        generate_outputs(path)


def test_snippets_run_in_the_decks_folder(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("from the folder\n", encoding="utf-8")
    path = write_deck(
        tmp_path,
        "  - id: here\n    kind: predict\n    prompt: p\n    explanation: e\n"
        "    code: print(open('data.txt').read().strip())\n",
    )
    generate_outputs(path)
    assert load_deck(path).item("here").output == "from the folder\n"  # type: ignore[union-attr]


def test_a_deck_without_predict_questions_gets_no_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("deck: p\ntitle: P\ncards: [{id: c, front: f, back: b}]\n", encoding="utf-8")
    assert main(["predict", str(path)]) == 0
    assert not outputs_path(path).exists()


def test_predict_on_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["predict", str(tmp_path / "nope.yaml")]) == 2
    assert "no such deck file" in capsys.readouterr().err
