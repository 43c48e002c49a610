"""The engine knows no course: a second course, made with ``recall-widgets new`` in a temporary
folder, gets its own links, Binder paths, schema ``$id``, static site, Review and Dashboard, all
from its course config; outside any course each says how to add one, in a message, never a
traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recall_widgets import Dashboard, Review
from recall_widgets.deck.course import CourseNotFound, find_course
from recall_widgets.deck.schema import deck_json_schema

ROOT = Path(__file__).resolve().parent.parent
FLASK_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
REPOSITORY = "https://github.com/someone/generators-course"
HOW_TO = "Declare the course in a course.toml"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "recall_widgets", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second course, scaffolded once for this module: 'Python generators', with a repository."""
    where = tmp_path_factory.mktemp("second") / "generators"
    result = cli("new", str(where), "--title", "Python generators", "--repository", REPOSITORY,
                 cwd=where.parent)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return where


@pytest.fixture
def nowhere(tmp_path: Path) -> Path:
    """A folder in no course (tmp_path's parents hold no course config)."""
    with pytest.raises(CourseNotFound):
        find_course(tmp_path)
    return tmp_path


def assert_says_how_to_add_a_course(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2
    assert HOW_TO in result.stderr
    assert "[tool.recall-widgets]" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- links and Binder paths --------------------------------------------------------------------


def test_links_list_the_second_courses_notebooks(course: Path) -> None:
    result = cli("links", cwd=course)
    assert result.returncode == 0, result.stderr
    assert f"Repository: {REPOSITORY} (branch main; configured in {course}" in result.stdout
    notebooks = [line[2:] for line in result.stdout.splitlines() if line.startswith("- ")]
    assert notebooks == ["00-start.ipynb", "01-first-lesson.ipynb"]
    assert not set(FLASK_NOTEBOOKS) - {"00-start.ipynb"} & set(result.stdout.split())
    assert "01-what-is-a-session" not in result.stdout
    assert (
        "https://mybinder.org/v2/gh/someone/generators-course/main"
        "?urlpath=lab/tree/notebooks/00-start.ipynb"
    ) in result.stdout


def test_links_with_repo_still_list_the_courses_own_notebooks(course: Path) -> None:
    result = cli("links", "--repo", "https://github.com/other/fork", "--branch", "dev",
                 cwd=course / "notebooks")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "01-first-lesson.ipynb" in result.stdout
    assert "01-what-is-a-session" not in result.stdout
    assert "v2/gh/other/fork/dev?urlpath=lab/tree/notebooks/01-first-lesson.ipynb" in result.stdout


def test_binder_paths_and_start_come_from_the_config(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for name in ("a.ipynb", "b.ipynb", "welcome.ipynb"):
        (lessons / name).write_text("{}", encoding="utf-8")
    (tmp_path / "course.toml").write_text(
        'title = "T"\nnotebooks = "lessons"\nstart = "welcome.ipynb"\n'
        'repository = "https://gitlab.com/g/p"\nbranch = "live"\n',
        encoding="utf-8",
    )
    result = cli("links", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Binder, start notebook (welcome.ipynb):" in lines
    assert [line[2:] for line in lines if line.startswith("- ")] == [
        "welcome.ipynb",
        "a.ipynb",
        "b.ipynb",
    ]
    assert "https://mybinder.org/v2/gl/g%2Fp/live?urlpath=lab/tree/lessons/welcome.ipynb" in lines
    assert "urlpath=lab/tree/p/lessons/a.ipynb" in result.stdout  # nbgitpuller


def test_links_without_a_repository_say_where_to_add_it(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00-start.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "course.toml").write_text('title = "T"\n', encoding="utf-8")
    result = cli("links", cwd=tmp_path)
    assert result.returncode == 2
    assert "has no repository: add a line such as" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("links", "--repo", REPOSITORY, cwd=tmp_path).returncode == 0


def test_links_outside_a_course_say_how_to_add_one(nowhere: Path) -> None:
    assert_says_how_to_add_a_course(cli("links", cwd=nowhere))
    assert_says_how_to_add_a_course(cli("links", "--repo", REPOSITORY, cwd=nowhere))


# --- the schema's $id ------------------------------------------------------------------------


def test_the_schema_id_is_the_courses(
    course: Path, monkeypatch: pytest.MonkeyPatch, nowhere: Path
) -> None:
    monkeypatch.chdir(course / "notebooks")
    assert deck_json_schema()["$id"] == (
        "https://raw.githubusercontent.com/someone/generators-course/main/content/deck.schema.json"
    )
    result = cli("schema", cwd=course)
    assert json.loads(result.stdout)["$id"].startswith("https://raw.githubusercontent.com/someone/")
    monkeypatch.chdir(nowhere)
    assert "$id" not in deck_json_schema()  # no course: no address to claim


# --- Review and Dashboard ----------------------------------------------------------------------


def test_review_and_dashboard_read_the_second_courses_decks(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(course / "notebooks")
    decks = {p.stem for p in (course / "content").glob("*.yaml")}
    review = Review()
    assert {entry["deck"] for entry in review.entries} == decks
    assert "flask-sessions" not in repr(Dashboard()) + repr(review)
    assert repr(Dashboard()).startswith("Dashboard(decks=1,")


def test_review_and_dashboard_outside_a_course_say_how(
    nowhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(nowhere)
    for widget in (Review, Dashboard):
        with pytest.raises(CourseNotFound, match=HOW_TO):
            widget()


# --- export-html -------------------------------------------------------------------------------


def test_export_html_builds_the_second_course(course: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = cli("export-html", "--out", str(site), cwd=course)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in site.glob("*.html"))
    assert pages == ["00-start.html", "01-first-lesson.html", "index.html"]
    assert "Python generators" in (site / "index.html").read_text(encoding="utf-8")


def test_export_html_outside_a_course_says_how(nowhere: Path) -> None:
    assert_says_how_to_add_a_course(cli("export-html", "--out", str(nowhere / "s"), cwd=nowhere))
