"""``recall-widgets links``: Binder, badge and nbgitpuller links from the course config."""

from __future__ import annotations

import doctest
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from recall_widgets.deck.course import CourseError, find_course
from recall_widgets.publishing import links

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
START = "00-start.ipynb"


def configured() -> str:
    data = tomllib.loads((ROOT / "course.toml").read_text(encoding="utf-8"))
    url: str = data["repository"]
    return url


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recall_widgets", "links", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


def nb_lines(stdout: str) -> dict[str, tuple[str, str]]:
    """Per notebook in the output: (Binder link, nbgitpuller link)."""
    found: dict[str, tuple[str, str]] = {}
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("- ") and line.endswith(".ipynb"):
            binder = lines[i + 1].removeprefix("  Binder:").strip()
            puller = lines[i + 2].removeprefix("  nbgitpuller:").strip()
            found[line[2:]] = (binder, puller)
    return found


# --- the one setting -----------------------------------------------------------------------------


def test_the_address_is_read_from_the_course_config() -> None:
    assert find_course(ROOT).repository == configured()
    assert find_course(ROOT / "notebooks").repository == configured()


def test_the_links_code_does_not_hard_code_the_address() -> None:
    address = configured().removeprefix("https://")
    for source in ("publishing/links.py", "cli.py"):
        text = (ROOT / "recall_widgets" / source).read_text(encoding="utf-8")
        assert address not in text, f"{source} hard-codes the address"


def copy_course(tmp_path: Path, repository: str) -> Path:
    """A copy of the course's config and notebooks, with its repository replaced."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    text = (ROOT / "course.toml").read_text(encoding="utf-8")
    old = f'repository = "{configured()}"'
    assert text.count(old) == 1
    (tmp_path / "course.toml").write_text(
        text.replace(old, f'repository = "{repository}"'), encoding="utf-8"
    )
    return tmp_path


def test_changing_the_one_setting_changes_every_link(tmp_path: Path) -> None:
    course = copy_course(tmp_path, "https://github.com/someone-else/their-course")
    result = run(cwd=course)
    assert result.returncode == 0, result.stderr
    assert configured() not in result.stdout
    assert (
        "https://mybinder.org/v2/gh/someone-else/their-course/main"
        "?urlpath=lab/tree/notebooks/00-start.ipynb"
    ) in result.stdout
    assert "repo=https%3A%2F%2Fgithub.com%2Fsomeone-else%2Ftheir-course" in result.stdout


# --- the links themselves ------------------------------------------------------------------------


def test_configured_address_output() -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    org_repo = configured().removeprefix("https://github.com/")
    name = org_repo.split("/")[1]
    start = f"https://mybinder.org/v2/gh/{org_repo}/main?urlpath=lab/tree/notebooks/{START}"
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Repository: {configured()} (branch main;")
    assert start in lines
    assert f"[![Binder](https://mybinder.org/badge_logo.svg)]({start})" in lines
    rows = nb_lines(result.stdout)
    assert list(rows) == [START, *[n for n in NOTEBOOKS if n != START]]
    repo_q = "https%3A%2F%2Fgithub.com%2F" + org_repo.replace("/", "%2F")
    for nb, (binder, puller) in rows.items():
        assert binder == (
            f"https://mybinder.org/v2/gh/{org_repo}/main?urlpath=lab/tree/notebooks/{nb}"
        )
        assert puller == (
            f"https://YOUR-JUPYTERHUB/hub/user-redirect/git-pull?repo={repo_q}"
            f"&branch=main&urlpath=lab/tree/{name}/notebooks/{nb}"
        )
    assert lines[-1] == (
        "nbgitpuller links: replace https://YOUR-JUPYTERHUB with your JupyterHub's address, "
        "or pass --hub URL."
    )


def test_repo_branch_and_hub_options() -> None:
    result = run(
        "--repo",
        "https://github.com/acme/flask-course.git/",
        "--branch",
        "spring-2026",
        "--hub",
        "https://hub.example.org/",
    )
    assert result.returncode == 0, result.stderr
    rows = nb_lines(result.stdout)
    assert rows["01-what-is-a-session.ipynb"] == (
        "https://mybinder.org/v2/gh/acme/flask-course/spring-2026"
        "?urlpath=lab/tree/notebooks/01-what-is-a-session.ipynb",
        "https://hub.example.org/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Facme%2Fflask-course&branch=spring-2026"
        "&urlpath=lab/tree/flask-course/notebooks/01-what-is-a-session.ipynb",
    )
    assert "(branch spring-2026; given with --repo)" in result.stdout.splitlines()[0]
    assert "YOUR-JUPYTERHUB" not in result.stdout
    assert configured() not in result.stdout


def test_odd_branch_names_are_url_encoded() -> None:
    branch = "feature/cookies+sessions#2%"
    assert links.binder_url("https://github.com/o/r", branch, START) == (
        "https://mybinder.org/v2/gh/o/r/feature/cookies%2Bsessions%232%25"
        "?urlpath=lab/tree/notebooks/00-start.ipynb"
    )
    puller = links.nbgitpuller_url(
        "https://hub.example.org", "https://github.com/o/r", branch, START
    )
    assert puller == (
        "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fr"
        "&branch=feature%2Fcookies%2Bsessions%232%25&urlpath=lab/tree/r/notebooks/00-start.ipynb"
    )
    # What JupyterHub hands to nbgitpuller is exactly the original values.
    query = parse_qs(urlsplit(puller).query)
    assert query == {
        "repo": ["https://github.com/o/r"],
        "branch": [branch],
        "urlpath": ["lab/tree/r/notebooks/00-start.ipynb"],
    }
    result = run("--branch", branch)
    assert result.returncode == 0, result.stderr
    assert "/main?" not in result.stdout
    assert "feature/cookies%2Bsessions%232%25?urlpath=" in result.stdout


def test_gitlab_and_other_git_hosts() -> None:
    assert links.binder_url("https://gitlab.com/group/sub/project.git", "main", START) == (
        "https://mybinder.org/v2/gl/group%2Fsub%2Fproject/main"
        "?urlpath=lab/tree/notebooks/00-start.ipynb"
    )
    assert links.binder_url("https://git.example.org/team/course.git", "v1.0", START) == (
        "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.org%2Fteam%2Fcourse.git/v1.0"
        "?urlpath=lab/tree/notebooks/00-start.ipynb"
    )
    # nbgitpuller clones into the URL's last segment, ".git" and all, for a generic host.
    assert links.nbgitpuller_url(
        "https://hub.example.org", "https://git.example.org/team/course.git", "main", START
    ).endswith("&urlpath=lab/tree/course.git/notebooks/00-start.ipynb")


@pytest.mark.parametrize(
    "url",
    [
        "not-a-url",
        "",
        "github.com/o/r",
        "ftp://github.com/o/r",
        "https://github.com/o",
        "https://github.com/o/r/tree/main",
        "https://gitlab.com/g/p/-/tree/main",
        "https://github.com/o/r?tab=readme",
        "https://user:secret@github.com/o/r",
        "https://user@git.example.org/o/r",
        "ssh://git:secret@host/o/r.git",
        "file://server/srv/course.git",
        "file:///",
        "svn://host/repo",
        "/srv/git/course.git",
        "../course",
        "git@host:",
        "host/with/slash:path",
        "https://git.example.org/o/r.git#main",
        "git@github.com:o/r .git",
    ],
)
def test_a_url_that_is_not_a_repository_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="not a repository address"):
        links.binder_url(url, "main", START)
    with pytest.raises(ValueError, match="not a repository address"):
        links.nbgitpuller_url("https://hub.example.org", url)


@pytest.mark.parametrize(
    ("url", "clone", "name", "target"),
    [
        # (given, address handed to nbgitpuller, folder it clones into, explicit targetpath)
        ("file:///srv/git/course.git", "file:///srv/git/course.git", "course.git", None),
        ("file://localhost/srv/git/course/", "file:///srv/git/course", "course", None),
        ("git@github.com:org/repo.git", "git@github.com:org/repo.git", "repo.git", None),
        ("git@gitolite.example.org:course.git", None, "course.git", "course.git"),
        ("ssh://git@git.example.org:2222/srv/course.git", None, "course.git", None),
        ("ssh://host/~teacher/course", None, "course", None),
        ("http://localhost:8080/course.git", None, "course.git", None),
        ("http://127.0.0.1:3000/teacher/course", None, "course", None),
        ("https://localhost/o/r", None, "r", None),
        ("git://git.example.org/course.git", None, "course.git", None),
        (
            "https://git.example.org/team/course.git/",
            "https://git.example.org/team/course.git",
            "course.git",
            None,
        ),
    ],
)
def test_any_address_nbgitpuller_can_pull_gives_a_working_puller_link(
    url: str, clone: str | None, name: str, target: str | None
) -> None:
    address = links.parse_repository(url)
    assert address.url == (clone or url)
    assert address.name == name
    puller = links.nbgitpuller_url("https://hub.example.org", url, "main", START)
    query = parse_qs(urlsplit(puller).query)
    # What JupyterHub hands nbgitpuller: the address to clone, and where the notebook is.
    assert query["repo"] == [address.url]
    assert query["urlpath"] == [f"lab/tree/{name}/notebooks/{START}"]
    assert query.get("targetpath") == ([target] if target else None)
    # nbgitpuller's own rule for the folder, when no targetpath is given:
    assert (target or address.url.rstrip("/").split("/")[-1]) == name


@pytest.mark.parametrize(
    "url",
    [
        "file:///srv/git/course.git",
        "git@github.com:org/repo.git",
        "ssh://git@github.com/org/repo.git",
        "http://localhost:8080/course.git",
        "https://localhost/o/r",
        "https://192.168.1.20/o/r.git",
        "https://hub.local/o/r.git",
        "http://git.example.org/o/r.git",
    ],
)
def test_binder_links_only_for_an_address_mybinder_org_can_reach(url: str) -> None:
    assert links.parse_repository(url).binder is False
    with pytest.raises(ValueError, match=r"mybinder\.org builds only repositories at a public"):
        links.binder_url(url, "main", START)


def test_a_local_path_is_refused_with_the_file_form_to_use() -> None:
    with pytest.raises(ValueError, match=r"a local repository is given as file:///ABSOLUTE/PATH"):
        links.parse_repository("/srv/git/course.git")
    with pytest.raises(ValueError, match=r"file:///ABSOLUTE/PATH, with no host"):
        links.parse_repository("file://server/srv/course.git")


def test_cli_prints_puller_links_and_no_binder_for_a_local_repository() -> None:
    result = run("--repo", "file:///srv/git/course.git", "--hub", "http://127.0.0.1:8000")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Repository: file:///srv/git/course.git (branch main;")
    assert (
        "Binder: no link (mybinder.org builds only repositories at a public https address)."
    ) in lines
    assert "mybinder.org/v2" not in result.stdout
    pullers = [line.strip() for line in lines if line.strip().startswith("nbgitpuller:")]
    assert len(pullers) == len(NOTEBOOKS)
    for line, notebook in zip(pullers, links.course_notebooks(find_course(ROOT)), strict=True):
        assert line == (
            "nbgitpuller: http://127.0.0.1:8000/hub/user-redirect/git-pull"
            "?repo=file%3A%2F%2F%2Fsrv%2Fgit%2Fcourse.git&branch=main"
            f"&urlpath=lab/tree/course.git/notebooks/{notebook}"
        )


def test_cli_refuses_a_non_repository_url_in_one_line() -> None:
    result = run("--repo", "not-a-url")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "recall-widgets links: not a repository address: 'not-a-url' (give the address of a "
        f"git repository: {links.ADDRESS_FORMS})\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--branch", "a..b"], "not a git branch name: 'a..b'"),
        (["--branch", "has space"], "not a git branch name: 'has space'"),
        (["--hub", "hub.example.org"], "not a JupyterHub address: 'hub.example.org'"),
    ],
)
def test_cli_refuses_bad_branch_and_hub(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"recall-widgets links: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_it_lists_exactly_the_notebooks() -> None:
    names = links.course_notebooks(find_course(ROOT))
    assert sorted(names) == NOTEBOOKS
    assert names[0] == START
    assert len(names) == len(set(names))


def test_course_notebooks_skips_hidden_and_subfolders(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    (folder / "instructor").mkdir()
    for name in ["02-b.ipynb", "00-start.ipynb", "01-a.ipynb", ".hidden.ipynb", "notes.md"]:
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / ".ipynb_checkpoints" / "01-a-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    (folder / "instructor" / "guide.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "course.toml").write_text('title = "T"\n', encoding="utf-8")
    course = find_course(tmp_path)
    assert links.course_notebooks(course) == ["00-start.ipynb", "01-a.ipynb", "02-b.ipynb"]
    (tmp_path / "course.toml").write_text('title = "T"\nnotebooks = "gone"\n', encoding="utf-8")
    with pytest.raises(CourseError, match="gone does not exist"):
        links.course_notebooks(find_course(tmp_path))


def test_docstring_examples() -> None:
    result = doctest.testmod(links, raise_on_error=False)
    assert result.attempted >= 6
    assert result.failed == 0
