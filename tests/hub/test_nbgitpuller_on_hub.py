"""The nbgitpuller link ``recall-widgets links`` prints works, as printed, on the real hub, for a
repository at a ``file://`` address (a course on the hub's own machine, no network)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from hubs import LEARNERS, Hub

REPO = Path(__file__).resolve().parents[2]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The course (config, notebooks, decks) committed to a bare repository ``course.git``;
    (its working copy, the bare repository)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed (apt-get install git)", pytrace=False)
    base = tmp_path_factory.mktemp("course-repo")
    work = base / "course"
    for folder in ("notebooks", "content"):
        shutil.copytree(REPO / folder, work / folder)
    shutil.copyfile(REPO / "course.toml", work / "course.toml")
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "the course", cwd=work)
    bare = base / "course.git"
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=base)
    return work, bare


def test_the_printed_file_link_pulls_the_course_into_a_learners_server(
    hub: Hub, learners: dict[str, float], course_repo: tuple[Path, Path]
) -> None:
    work, bare = course_repo
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "recall_widgets",
            "links",
            "--repo",
            bare.as_uri(),
            "--hub",
            hub.url,
        ],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert printed.returncode == 0, printed.stderr
    link = next(
        line.split("nbgitpuller:", 1)[1].strip()
        for line in printed.stdout.splitlines()
        if "nbgitpuller:" in line
    )
    name = LEARNERS[0]
    token = hub.user_token(name)
    # The link as printed, in the learner's signed-in browser session: the hub sends them to
    # their own server's nbgitpuller page.
    browser = hub.sign_in(name)
    with browser.open(link, timeout=60) as page:
        assert urlsplit(page.url).path == f"/user/{name}/git-pull"
        assert "nbgitpuller" in page.read().decode()
    # What that page's script then asks the server: pull, streaming the progress.
    query = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    target = query.get("targetpath", query["repo"].rstrip("/").split("/")[-1])
    api = f"{hub.url}/user/{name}/git-pull/api?" + urlencode(
        {"repo": query["repo"], "branch": query["branch"], "targetpath": target}
    )
    request = urllib.request.Request(api, headers={"Authorization": f"token {token}"})
    phases = []
    with urllib.request.urlopen(request, timeout=120) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data:"):
                event = json.loads(line[len("data:") :])
                phases.append(event.get("phase"))
                assert event.get("phase") != "error", event
                if event.get("phase") == "finished":
                    break
    assert phases[-1] == "finished"
    # The notebook the link opens (its urlpath) is now in the learner's server.
    notebook = query["urlpath"].removeprefix("lab/tree/")
    assert notebook == f"{bare.name}/notebooks/00-start.ipynb"
    status, model = hub.request("GET", f"/user/{name}/api/contents/{notebook}", token=token)
    assert status == 200 and model["type"] == "notebook"
    assert (hub.state / "home" / name / bare.name / "content" / "flask-sessions.yaml").is_file()
