"""`recall-widgets pulse` at the command line: a clear line, never a traceback, for bad input."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from pulse_process import DECKS

COMMAND = [str(Path(sys.executable).parent / "recall-widgets"), "pulse"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=60)


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "pulse.sqlite3")
    missing = run("--decks", str(tmp_path / "nowhere"), "--db", db)
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"recall-widgets pulse: no such file or folder: {tmp_path / 'nowhere'}"
    ]
    bad_id = run("--db", db, "--tokens", "not valid!")
    assert bad_id.returncode == 2 and "learner id 'not valid!'" in bad_id.stderr
    assert "Traceback" not in bad_id.stderr
    (tmp_path / "foreign.sqlite3").write_text("not a database", encoding="utf-8")
    foreign = run("--decks", str(DECKS), "--db", str(tmp_path / "foreign.sqlite3"))
    assert foreign.returncode == 2 and "cannot open the pulse's database" in foreign.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = run("--decks", str(DECKS), "--db", db, "--port", port)
    assert busy.returncode == 2 and "Address already in use" in busy.stderr
    assert "Traceback" not in busy.stderr


def test_tokens_are_the_same_for_a_room_and_differ_between_learners(tmp_path: Path) -> None:
    db = str(tmp_path / "pulse.sqlite3")
    first = run("--db", db, "--tokens", "ana", "bo").stdout.splitlines()
    again = run("--db", db, "--tokens", "ana").stdout.splitlines()
    assert first[0] == again[0] and first[0].startswith("ana\t")
    assert first[1].split("\t")[1] != first[0].split("\t")[1]
