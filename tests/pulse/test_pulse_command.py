"""`recall-widgets pulse` at the command line: a clear line, never a traceback, for bad input."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from pulse_process import DECKS

from recall_widgets.pulse.hub import hub_settings, listen_address, on_a_hub

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


def test_on_a_hub_without_its_token_the_pulse_says_where_to_put_it(tmp_path: Path) -> None:
    db = str(tmp_path / "pulse.sqlite3")
    no_token = run("--decks", str(DECKS), "--db", db, "--hub")
    assert no_token.returncode == 2 and "RECALL_PULSE_TOKEN_FILE" in no_token.stderr
    assert len(no_token.stderr.strip().splitlines()) == 1
    unreadable = subprocess.run(
        [*COMMAND, "--decks", str(DECKS), "--db", db, "--hub"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "RECALL_PULSE_TOKEN_FILE": str(tmp_path / "no-token")},
    )
    assert unreadable.returncode == 2 and str(tmp_path / "no-token") in unreadable.stderr
    assert "Traceback" not in unreadable.stderr
    pg = run("--decks", str(DECKS), "--db", "postgresql://u:pw@127.0.0.1:1/room")
    assert pg.returncode == 2 and "cannot open the pulse's database" in pg.stderr
    assert ":pw@" not in pg.stderr and "u:***@" in pg.stderr


def test_the_hub_settings_come_from_the_hubs_environment(tmp_path: Path) -> None:
    token = tmp_path / "api_token"
    token.write_text("abc123\n", encoding="utf-8")
    external = hub_settings({"RECALL_PULSE_TOKEN_FILE": str(token)}, instructors_group="staff")
    assert external.api_token == "abc123" and external.prefix == "/services/recall-pulse/"
    assert external.client_id == "service-recall-pulse"
    assert external.callback_url == "/services/recall-pulse/oauth_callback"
    assert external.instruct_scope == "custom:recall-pulse:instruct"
    assert external.instructors_group == "staff"
    assert listen_address(external) == (None, None)
    managed = hub_settings(
        {
            "JUPYTERHUB_API_TOKEN": "t",
            "JUPYTERHUB_SERVICE_NAME": "pulse-b",
            "JUPYTERHUB_SERVICE_PREFIX": "/services/pulse-b/",
            "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:9123",
        }
    )
    assert managed.access_scope == "access:services!service=pulse-b"
    assert listen_address(managed) == ("127.0.0.1", 9123)
    service = {"JUPYTERHUB_API_TOKEN": "t", "JUPYTERHUB_SERVICE_PREFIX": "/services/p/"}
    assert on_a_hub({**service, "JUPYTERHUB_SERVICE_NAME": "p"})
    # a learner's server (a terminal on it) has a hub token and a prefix, but is no service
    assert not on_a_hub({**service, "JUPYTERHUB_SERVICE_PREFIX": "/user/ana/"})
