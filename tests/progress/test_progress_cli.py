"""``recall-widgets progress``: summary, the room's view, export, import, reset (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.progress.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
DECK = """\
deck: tiny
title: Tiny deck
cards:
  - {id: one, front: F, back: B, section: basics, level: beginner}
  - {id: two, front: F, back: B, section: basics, level: beginner}
questions:
  - id: q
    section: later
    prompt: Pick A
    choices: [{text: A, correct: true}, {text: B}]
    explanation: A is right.
"""


def run(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recall_widgets", "progress", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
    )


def ev(item: str, kind: str, value: Any, seq: int, minute: int) -> dict[str, Any]:
    time = f"2025-01-06T08:{minute:02}:00.000Z"
    return {"deck": "tiny", "item": item, "kind": kind, "value": value, "seq": seq, "time": time}


def one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_summary_of_your_own_progress(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_text(DECK, encoding="utf-8")
    store = ProgressStore()
    store.record(ev("one", "rate", "again", 1, 0))
    store.record(ev("q", "answer", {"choices": [1], "correct": False}, 2, 58))
    result = run("summary", "--decks", str(tmp_path / "tiny.yaml"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Progress in {store.path}: 2 events"
    assert lines[1].split() == ["deck", "section", "level", "new", "learning", "due", "mastered"]
    assert lines[2].split() == ["tiny", "basics", "beginner", "1", "0", "1", "0"]
    assert lines[3].split() == ["tiny", "later", "-", "0", "0", "1", "0"]
    assert lines[4] == "Weakest: tiny/one (1 missed), tiny/q (1 missed)"
    assert lines[5] == "Due now: 2 items"


def test_room_summary_over_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for learner, correct in enumerate((True, False, False)):
        monkeypatch.setenv("RECALL_LEARNER", f"learner{learner}")  # each export names its own
        store = ProgressStore(tmp_path / f"{learner}.sqlite3")
        store.record(ev("q", "answer", {"choices": [0], "correct": correct}, 1, 0))
        store.record(ev("q2", "answer", {"choices": [0], "correct": True}, 2, 1))
        files.append(str(tmp_path / f"learner{learner}.json"))
        store.export_file(files[-1])
    result = run("summary", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Room: 3 learners, 2 questions answered",
        "question  answered  right first time  missed",
        "tiny/q           3                 1       2",
        "tiny/q2          3                 3       0",
    ]


def test_export_then_import_elsewhere(tmp_path: Path, progress_path: Path) -> None:
    ProgressStore().record(ev("one", "rate", "good", 1, 0))
    exported = tmp_path / "mine.json"
    result = run("export", str(exported))
    assert (result.returncode, result.stdout) == (0, f"wrote 1 event to {exported}\n")
    assert json.loads(exported.read_text("utf-8"))["events"][0]["item"] == "one"
    other = tmp_path / "other.sqlite3"
    result = run("import", str(exported), "--store", str(other))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"imported 1 new event from {exported} into {other} (0 already there)\n"
    result = run("--store", str(other), "import", str(exported))
    assert "imported 0 new events" in result.stdout and "(1 already there)" in result.stdout
    assert ProgressStore(other).status("tiny", "one").reviews == 1


def test_a_bad_import_is_refused_in_one_line(tmp_path: Path) -> None:
    ProgressStore().record(ev("one", "rate", "good", 1, 0))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "recall-widgets-progress", "version": 1, "events": [', "utf-8")
    message = one_line_error(run("import", str(bad)), 1)
    assert message.startswith(f"recall-widgets progress: {bad}: not valid JSON")
    assert message.rstrip().endswith("nothing was imported")
    assert ProgressStore().event_count() == 1
    assert f"{tmp_path / 'nope.json'}: no such file" in one_line_error(
        run("summary", str(tmp_path / "nope.json")), 1
    )


def test_reset_asks_or_needs_yes() -> None:
    ProgressStore().record(ev("one", "rate", "good", 1, 0))
    message = one_line_error(run("reset"), 2)  # stdin is not a terminal
    assert "would delete 1 event" in message and "--yes" in message
    assert ProgressStore().event_count() == 1
    result = run("reset", "--yes")
    assert result.returncode == 0 and result.stdout.startswith("deleted 1 event from ")
    assert ProgressStore().event_count() == 0


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("export").returncode == 2
    assert "no such file or folder" in one_line_error(run("summary", "--decks", "nowhere/"), 2)


def test_import_and_the_room_decide_answers_again_from_the_decks(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_text(DECK, encoding="utf-8")
    forged = ProgressStore(tmp_path / "forged.sqlite3")  # B is wrong, whatever the file says
    forged.record(ev("q", "answer", {"choices": [1], "correct": True}, 1, 0))
    export = tmp_path / "forged.json"
    forged.export_file(export)
    decks = ("--decks", str(tmp_path / "tiny.yaml"))
    result = run("summary", str(export), *decks)
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["tiny/q", "1", "0", "1"], result.stderr
    assert lines[3:5] == ["First answers:", "  tiny/q: ✓ A 0%; B 100%"]  # the room's choice
    before = run("summary", *decks, str(export))  # --decks before the files: the same
    assert before.stdout == result.stdout, before.stderr
    later = run("summary", str(export), *decks, "--since", "2099-01-01T00:00Z")
    assert later.stdout.splitlines() == ["Room: 1 learner, 0 questions answered since "
                                          "2099-01-01T00:00:00.000Z"]  # fmt: skip
    other = tmp_path / "other.sqlite3"
    result = run("import", str(export), "--store", str(other), *decks)
    assert result.returncode == 0, result.stderr
    assert ProgressStore(other).events()[0]["value"] == {"choices": [1], "correct": False}
    assert ProgressStore(other).status("tiny", "q").last_rating == "again"


def test_reset_of_a_deck_or_of_some_items_keeps_the_rest() -> None:
    store = ProgressStore()
    store.record(ev("one", "rate", "good", 1, 0))
    store.record(ev("two", "rate", "again", 2, 1))
    store.record(ev("q", "answer", {"choices": [0], "correct": True}, 3, 2))
    store.record({**ev("x", "rate", "good", 4, 3), "deck": "other"})
    message = one_line_error(run("reset", "--deck", "tiny", "--item", "one"), 2)
    assert "would delete 1 event (progress of deck 'tiny', item one)" in message
    assert "--yes" in message
    assert ProgressStore().event_count() == 4
    result = run("reset", "--deck", "tiny", "--item", "one", "--item", "q", "--yes")
    assert result.returncode == 0 and result.stdout.startswith("deleted 2 events from ")
    left = ProgressStore()
    assert sorted((e["deck"], e["item"]) for e in left.events()) == [
        ("other", "x"),
        ("tiny", "two"),
    ]
    assert left.status("tiny", "one").stage == "new"
    assert left.status("tiny", "two").stage != "new"
    assert "would delete 1 event (progress of deck 'tiny')" in one_line_error(
        run("reset", "--deck", "tiny"), 2
    )
    result = run("reset", "--deck", "tiny", "--yes")
    assert result.returncode == 0 and result.stdout.startswith("deleted 1 event from ")
    assert [e["deck"] for e in ProgressStore().events()] == ["other"]


def test_reset_item_needs_deck() -> None:
    ProgressStore().record(ev("one", "rate", "good", 1, 0))
    message = one_line_error(run("reset", "--item", "one", "--yes"), 2)
    assert "--item needs --deck" in message
    assert ProgressStore().event_count() == 1
