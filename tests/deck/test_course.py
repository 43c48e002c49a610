"""The course config: course.toml or pyproject's [tool.recall-widgets], found by walking up."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from recall_widgets.deck.course import (
    Course,
    CourseError,
    CourseNotFound,
    check_repository,
    course_decks,
    course_notebooks,
    find_course,
    read_course,
    snippet,
)

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
title = "Python generators"
decks = "decks"
notebooks = "lessons"
start = "00-start.ipynb"
repository = "https://github.com/org/generators/"
branch = "trunk"
"""


def make_course(root: Path, config: str = GOOD, *, pyproject: bool = False) -> Path:
    """A course folder with a deck and two notebooks; the config in course.toml or pyproject."""
    (root / "decks" / "more").mkdir(parents=True)
    (root / "decks" / "b.yaml").write_text("deck: b\n", encoding="utf-8")
    (root / "decks" / "more" / "a.yml").write_text("deck: a\n", encoding="utf-8")
    (root / "decks" / ".ipynb_checkpoints").mkdir()
    (root / "decks" / ".ipynb_checkpoints" / "b-checkpoint.yaml").write_text("", "utf-8")
    (root / "decks" / "deck.schema.json").write_text("{}", encoding="utf-8")
    (root / "lessons").mkdir()
    for name in ("01-basics.ipynb", "00-start.ipynb", ".hidden.ipynb"):
        (root / "lessons" / name).write_text("{}", encoding="utf-8")
    if pyproject:
        text = f'[project]\nname = "generators"\n\n[tool.recall-widgets]\n{config}'
        (root / "pyproject.toml").write_text(text, encoding="utf-8")
    else:
        (root / "course.toml").write_text(config, encoding="utf-8")
    return root


@pytest.mark.parametrize("pyproject", [False, True], ids=["course.toml", "pyproject.toml"])
def test_a_good_config_either_way(tmp_path: Path, pyproject: bool) -> None:
    make_course(tmp_path, pyproject=pyproject)
    course = find_course(tmp_path)
    assert course == Course(
        title="Python generators",
        root=tmp_path,
        decks=tmp_path / "decks",
        notebooks=tmp_path / "lessons",
        start=tmp_path / "lessons" / "00-start.ipynb",
        repository="https://github.com/org/generators",  # no trailing slash
        branch="trunk",
        config=tmp_path / ("pyproject.toml" if pyproject else "course.toml"),
    )
    assert course_decks(course) == [tmp_path / "decks" / "b.yaml", tmp_path / "decks/more/a.yml"]
    assert [p.name for p in course_notebooks(course)] == ["00-start.ipynb", "01-basics.ipynb"]
    assert course.relative(course.start) == "lessons/00-start.ipynb"
    assert course.file_url(course.decks / "deck.schema.json") == (
        "https://raw.githubusercontent.com/org/generators/trunk/decks/deck.schema.json"
    )
    assert ("[tool.recall-widgets]" in course.where) is pyproject


def test_defaults_need_only_a_title(tmp_path: Path) -> None:
    (tmp_path / "course.toml").write_text('title = "  T  "\n', encoding="utf-8")
    course = find_course(tmp_path)
    assert (course.title, course.decks, course.notebooks) == (
        "T",
        tmp_path / "content",
        tmp_path / "notebooks",
    )
    assert course.start == tmp_path / "notebooks" / "00-start.ipynb"
    assert (course.repository, course.branch) == (None, "main")
    with pytest.raises(CourseError, match=r"has no repository: add a line such as\n  repository"):
        course.file_url("content/deck.schema.json")


def test_found_from_nested_folders_and_a_file(tmp_path: Path) -> None:
    make_course(tmp_path)
    deep = tmp_path / "lessons" / "drafts" / "old"
    deep.mkdir(parents=True)
    assert find_course(deep).root == tmp_path
    assert find_course(tmp_path / "lessons" / "01-basics.ipynb").root == tmp_path


def test_the_nearest_config_wins_and_a_plain_pyproject_is_passed_by(tmp_path: Path) -> None:
    make_course(tmp_path)
    inner = tmp_path / "lessons" / "tool"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "tool"\n', encoding="utf-8")
    assert find_course(inner).root == tmp_path  # no table: not a course, keep walking
    (inner / "course.toml").write_text('title = "Inner"\n', encoding="utf-8")
    assert find_course(inner).title == "Inner"


def test_the_working_directory_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_course(tmp_path)
    monkeypatch.chdir(tmp_path / "lessons")  # where a notebook's kernel starts
    assert find_course().root == tmp_path


def test_not_found_says_exactly_how_to_add_one(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(CourseNotFound) as caught:
        find_course(folder)
    message = str(caught.value)
    assert message.startswith(f"no course config in {folder} or any folder above it.")
    assert "course.toml" in message and "[tool.recall-widgets]" in message
    assert "recall-widgets new" in message
    pasted = "\n".join(line.strip() for line in message.splitlines() if line.startswith("    "))
    assert tomllib.loads(pasted)["title"] == "My course"  # the snippet is ready to paste
    assert isinstance(caught.value, CourseError) and isinstance(caught.value, ValueError)


def test_not_found_names_the_pyproject_to_add_the_table_to(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(CourseNotFound, match=rf"table in {tmp_path / 'pyproject.toml'}:"):
        find_course(tmp_path)


def test_the_snippet_is_a_valid_config(tmp_path: Path) -> None:
    (tmp_path / "course.toml").write_text(snippet('Say "hi" \\ o/'), encoding="utf-8")
    assert find_course(tmp_path).title == 'Say "hi" \\ o/'


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('titel = "T"\n', r"unknown key 'titel'; did you mean 'title'\? Allowed keys: title, "),
        ('title = "T"\nfrobnicate = 1\n', r"unknown key 'frobnicate'; Allowed keys: title"),
        ('decks = "content"\n', r"the required key 'title' is missing; add e\.g\. title = "),
        ('title = ""\n', r"title is empty"),
        ('title = "a\\nb"\n', r"title must be one line"),
        ("title = 3\n", r"title must be text in quotes \(the course's title \(required\)\), found"),
        ('title = "T"\ndecks = ["content"]\n', r"decks must be text in quotes .* found list"),
        ('title = "T"\ndecks = "/abs/content"\n', r"decks = '/abs/content' is an absolute path"),
        ('title = "T"\nnotebooks = "../elsewhere"\n', r"'../elsewhere' is outside the course"),
        ('title = "T"\nnotebooks = " "\n', r"notebooks is empty"),
        (
            'title = "T"\nstart = "notebooks/00-start.ipynb"\n',
            r"start = 'notebooks/00-start.ipynb' is a path; .* write start = '00-start\.ipynb'",
        ),
        ('title = "T"\nstart = "00-start.py"\n', r"is not a notebook file name"),
        ('title = "T"\nrepository = "github.com/org/repo"\n', r"repository: not a repository"),
        ('title = "T"\nrepository = "http://github.com/o/r"\n', r"e\.g\. https://github"),
        ('title = "T"\nrepository = "https://github.com/"\n', r"not a repository address"),
        ('title = "T"\nrepository = 1\n', r"repository: expected text in quotes"),
        ('title = "T"\nbranch = "a b"\n', r"branch: not a git branch name: 'a b'"),
        ('title = "T"\nbranch = ""\n', r"branch: expected a git branch name"),
        ('title = "T\n', r"not valid TOML: .*line 1"),
    ],
)
def test_each_bad_config_is_refused_with_what_is_allowed(
    tmp_path: Path, config: str, message: str
) -> None:
    file = tmp_path / "course.toml"
    file.write_text(config, encoding="utf-8")
    with pytest.raises(CourseError, match=message) as caught:
        find_course(tmp_path)
    assert str(caught.value).startswith(str(file)), "the message names the file"


def test_a_bad_table_in_pyproject_names_the_table(tmp_path: Path) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text('[tool.recall-widgets]\ntitle = "T"\nstrat = "x.ipynb"\n', encoding="utf-8")
    with pytest.raises(CourseError, match=r"\[tool\.recall-widgets\]: unknown key 'strat'; did"):
        find_course(tmp_path)


@pytest.mark.parametrize("name", ["recall_widgets", "recall-widget", "RecallWidgets"])
def test_a_misspelt_table_is_not_passed_by_in_silence(tmp_path: Path, name: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.{name}]\ntitle = "T"\n', encoding="utf-8")
    with pytest.raises(CourseError, match=rf"unknown table \[tool\.{name}\]; did you mean"):
        find_course(tmp_path)


def test_a_table_that_is_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\nrecall-widgets = "x"\n', encoding="utf-8")
    with pytest.raises(CourseError, match=r"must be a table of keys \(title, decks"):
        find_course(tmp_path)


def test_declared_twice_in_one_folder_is_refused(tmp_path: Path) -> None:
    make_course(tmp_path)
    text = '[tool.recall-widgets]\ntitle = "Other"\n'
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CourseError, match=r"declares the course twice.*keep one of them"):
        find_course(tmp_path)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "course.toml").write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(CourseError, match="not UTF-8 text"):
        find_course(tmp_path)


def test_read_course_of_a_pyproject_without_the_table(tmp_path: Path) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(CourseError, match=r"has no \[tool\.recall-widgets\] table; add one"):
        read_course(file)


def test_missing_folders_are_reported_by_what_reads_them(tmp_path: Path) -> None:
    (tmp_path / "course.toml").write_text('title = "T"\n', encoding="utf-8")
    course = find_course(tmp_path)  # declared before anything is written: fine
    with pytest.raises(CourseError, match=r"decks folder .*content does not exist \(decks = in"):
        course_decks(course)
    with pytest.raises(CourseError, match=r"notebooks folder .*notebooks does not exist"):
        course_notebooks(course)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.md").write_text("", encoding="utf-8")
    with pytest.raises(CourseError, match=r"no decks \(\*\.yaml, \*\.yml\) in"):
        course_decks(course)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00-strat.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(CourseError, match=r"did you mean '00-strat\.ipynb'\? Notebooks there"):
        course_notebooks(course)


def test_relative_refuses_a_path_outside_the_course(tmp_path: Path) -> None:
    make_course(tmp_path)
    course = find_course(tmp_path)
    assert course.relative("lessons/01-basics.ipynb") == "lessons/01-basics.ipynb"
    with pytest.raises(CourseError, match="is not inside the course folder"):
        course.relative(tmp_path.parent / "elsewhere.ipynb")


def test_raw_file_addresses_by_host(tmp_path: Path) -> None:
    def url(repository: str) -> str:
        (tmp_path / "course.toml").write_text(
            f'title = "T"\nrepository = "{repository}"\n', encoding="utf-8"
        )
        return find_course(tmp_path).file_url("content/deck.schema.json")

    assert url("https://gitlab.com/group/sub/p.git") == (
        "https://gitlab.com/group/sub/p/-/raw/main/content/deck.schema.json"
    )
    with pytest.raises(CourseError, match=r"no raw file address is known for git\.example\.org"):
        url("https://git.example.org/org/repo")


def test_check_repository() -> None:
    assert check_repository(" https://github.com/o/r/ ") == "https://github.com/o/r"
    for bad in ("https://u:p@github.com/o/r", "https://github.com/o/r?x=1", "https://[::1"):
        with pytest.raises(ValueError, match="not a repository address"):
            check_repository(bad)


def test_this_repository_declares_the_flask_course() -> None:
    course = find_course(ROOT / "notebooks")
    assert course.config == ROOT / "course.toml"
    assert course.title == "Flask sessions"
    assert course.start == ROOT / "notebooks" / "00-start.ipynb"
    assert course_decks(course) == [ROOT / "content" / "flask-sessions.yaml"]
    assert course_notebooks(course)[0] == course.start
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert course.repository == pyproject["project"]["urls"]["Repository"]
