"""The ``recall-widgets`` command line, run as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = textwrap.dedent(
    """\
    deck: tiny
    title: Tiny deck
    cards:
      - id: one
        front: Front
        back: Back
    questions:
      - id: q
        prompt: Pick A
        choices:
          - text: A
            correct: true
          - text: B
            why: Not B.
        explanation: A is right.
    """
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recall_widgets", *args], cwd=cwd, capture_output=True, text=True
    )


def test_validate_the_course_content() -> None:
    result = run("validate", "content/")
    assert result.returncode == 0, result.stderr
    assert re.search(r"flask-sessions\.yaml: ok: deck 'flask-sessions': \d+ cards", result.stdout)


def test_validate_good_file_prints_counts(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("deck 'tiny': 1 card, 1 question, 0 prompts")


def test_validate_bad_file_exits_1_with_file_line_col(tmp_path: Path) -> None:
    (tmp_path / "a-good.yaml").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "b-bad.yml"
    bad.write_text(GOOD.replace("    front: Front", "    frnt: Front"), encoding="utf-8")
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "c-bad.yaml").write_text("deck: x\ntitle: T\ncards: []\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "deck 'tiny'" in result.stdout  # the good file is still reported
    assert re.search(rf"{re.escape(str(bad))}:5:5: .*frnt", result.stderr), result.stderr
    assert str(nested / "c-bad.yaml") in result.stderr  # kept going across files
    assert "(1 of 3 valid)" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "does/not/exist.yaml"),
        ("validate",),
        ("frobnicate",),
        (),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage" in result.stderr or "no such file" in result.stderr


def test_folder_without_decks_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert "no decks found" in result.stderr


def test_schema_command_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    committed = json.loads((ROOT / "content" / "deck.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == committed


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "recall-widgets"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("recall-widgets ")


def test_execute_stores_text_outputs_and_leaves_a_failing_notebook_unchanged(
    tmp_path: Path,
) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    (tmp_path / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    nbformat.write(
        new_notebook(cells=[new_code_cell("from recall_widgets import Quiz\nQuiz('tiny.yaml')")]),
        good,
    )
    nbformat.write(new_notebook(cells=[new_code_cell("1/0")]), bad)
    before = bad.read_bytes()
    result = run("execute", str(good), str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ZeroDivisionError: division by zero" in result.stderr
    assert bad.read_bytes() == before
    (output,) = nbformat.read(good, as_version=4).cells[0].outputs
    assert output["data"] == {"text/plain": "Quiz(deck='tiny', questions=1, position=1/1)"}
