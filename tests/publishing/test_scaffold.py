"""``recall-widgets new``: a scaffolded course is valid, has stored outputs and passes its tests."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
import yaml

from recall_widgets import load_deck
from recall_widgets.deck.course import course_decks, course_notebooks, find_course
from recall_widgets.publishing import scaffold as scaffolding
from recall_widgets.publishing.scaffold import (
    ScaffoldError,
    ScaffoldRunError,
    check_title,
    course_id,
    render_template,
    scaffold,
)

ROOT = Path(__file__).resolve().parents[2]
TITLE = 'Python "generators": yield #1 \\ o/'
SLUG = "python-generators-yield-1-o"
TREE = {
    ".github/workflows/test.yml",
    ".gitignore",
    "Makefile",
    "README.md",
    f"content/{SLUG}.yaml",
    "content/deck.schema.json",
    "environment.yml",
    "notebooks/00-start.ipynb",
    "notebooks/01-first-lesson.ipynb",
    "postBuild",
    "pyproject.toml",
    "tests/test_course.py",
}


def new(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recall_widgets", "new", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One course, made by the command line (its notebooks run once)."""
    folder = tmp_path_factory.mktemp("scaffold") / "nested" / "course"
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # in no course: `new` needs none around it
    result = new(
        str(folder), "--title", TITLE, "--repository", "https://github.com/org/gen", cwd=elsewhere
    )
    assert result.returncode == 0, result.stderr
    assert "wrote the course" in result.stdout and "make lab" in result.stdout
    assert "ran 6 code cells, outputs stored" in result.stdout
    return folder


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_the_tree(course: Path) -> None:
    assert files_in(course) == TREE
    assert os.stat(course / "postBuild").st_mode & stat.S_IXUSR
    assert [p.name for p in course.parent.iterdir()] == ["course"]  # no staging folder left
    for name in TREE:
        text = (course / name).read_text(encoding="utf-8")
        assert "__" + "TITLE__" not in text and "__SLUG__" not in text, name
        assert "__ENGINE__" not in text and "__REPOSITORY_LINE__" not in text, name


def test_the_config_reads_back_every_value(course: Path) -> None:
    found = find_course(course / "notebooks")
    assert found.config == course / "pyproject.toml"
    assert found.title == TITLE  # quotes, backslash and '#' survive TOML
    assert found.repository == "https://github.com/org/gen"
    assert course_decks(found) == [course / "content" / f"{SLUG}.yaml"]
    assert course_notebooks(found) == [
        course / "notebooks" / "00-start.ipynb",
        course / "notebooks" / "01-first-lesson.ipynb",
    ]


def test_pyproject_depends_on_the_engine_and_runs_nbval(course: Path) -> None:
    pyproject = tomllib.loads((course / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == SLUG
    assert pyproject["project"]["description"].startswith(TITLE)
    assert pyproject["project"]["dependencies"][0].startswith("recall-widgets")
    assert {"nbval>=0.11", "pytest>=8.0"} <= set(
        pyproject["project"]["optional-dependencies"]["test"]
    )
    options = pyproject["tool"]["pytest"]["ini_options"]
    assert options["testpaths"] == ["tests", "notebooks"]
    assert "--nbval" in options["addopts"].split()
    environment = yaml.safe_load((course / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert sorted(pip) == sorted(pyproject["project"]["dependencies"])
    assert environment["dependencies"][:2] == ["python=3.11", "pip"]


def test_the_two_commands_and_ci(course: Path) -> None:
    makefile = (course / "Makefile").read_text(encoding="utf-8")
    assert "\nlab: $(STAMP)\n" in makefile and "\ntest: $(STAMP)\n" in makefile
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {TITLE}\n")
    assert "make lab" in readme and "make test" in readme
    workflow = yaml.safe_load((course / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert {"run": "make test"} in job["steps"]
    assert ".venv/" in (course / ".gitignore").read_text(encoding="utf-8").split()
    assert "recall-widgets validate content/" in (course / "postBuild").read_text("utf-8")


def content_checks() -> ModuleType:
    """The deck-quality checks any deck can be held to (tests/course/test_content.py)."""
    checks = ROOT / "tests" / "course" / "test_content.py"
    spec = importlib.util.spec_from_file_location("content_checks", checks)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_deck_is_valid_and_a_good_example(course: Path) -> None:
    path = course / "content" / f"{SLUG}.yaml"
    deck = load_deck(path)
    assert (deck.id, deck.title) == (SLUG, TITLE)
    assert len(deck.cards) >= 3 and len(deck.prompts) == 1
    assert len(deck.prompts[0].concepts) == 4
    kinds = {question.thinking for question in deck.questions}
    assert kinds == {"recall", "concept", "application", "prediction"}
    assert all(choice.correct or choice.why for q in deck.questions for choice in q.choices)
    assert not any(item.evidence for item in deck.items), "the sample names no tests"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./deck.schema.json\n")
    assert "#     evidence: [test_" in text  # says, in a comment, how to add it
    checks = content_checks()
    for check in ("kind_share_problems", "answer_length_problems", "causal_clause_problems"):
        assert getattr(checks, check)(deck) == [], check
    schema = json.loads((course / "content" / "deck.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "recall-widgets deck"
    assert list(schema)[:2] == ["$schema", "$id"]
    assert (
        schema["$id"] == "https://raw.githubusercontent.com/org/gen/main/content/deck.schema.json"
    )


def test_the_new_courses_schema_is_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run inside another course (this repository), the new course gets no $id of that one."""
    from recall_widgets.cli import _course_schema

    monkeypatch.chdir(ROOT)
    assert "$id" not in json.loads(_course_schema(tmp_path / "c", None))
    other = json.loads(_course_schema(tmp_path / "c", "https://git.example.org/o/r"))
    assert "$id" not in other and other["$schema"].startswith("https://json-schema.org/")


def test_the_notebooks_have_stored_outputs(course: Path) -> None:
    for path in sorted((course / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        silent = [c for c in code if c.source.rstrip().endswith('.yaml")')]  # loads the deck
        assert len(silent) <= 1 and all(cell.outputs for cell in code if cell not in silent)
        for cell in code:
            for output in cell.outputs:
                assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
        assert "widgets" not in nb.metadata
        assert nb.metadata.kernelspec.name == "python3"
    lesson = nbformat.read(course / "notebooks" / "01-first-lesson.ipynb", as_version=4)
    shown = [o["data"]["text/plain"] for c in lesson.cells for o in c.get("outputs", [])
             if "data" in o]  # fmt: skip
    assert f"Quiz(deck='{SLUG}', ids='predict-tagged'" in shown[0]
    assert any("Flashcards(" in s for s in shown) and any("RecallPrompt(" in s for s in shown)


def test_the_courses_own_tests_pass(course: Path) -> None:
    """pytest inside the new course, with this interpreter: its tests and nbval over notebooks/."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "configfile: pyproject.toml" in result.stdout
    assert "recall-widgets: progress store" in result.stdout  # the plugin shields it
    assert f"tests/test_course.py::test_deck_is_valid[{SLUG}.yaml] PASSED" in result.stdout
    cells = [line for line in result.stdout.splitlines() if "ipynb::Cell" in line]
    assert len(cells) == 8 and all(" PASSED" in line for line in cells), cells  # 2 + 6 cells
    assert any("00-start" in line for line in cells)
    assert any("01-first-lesson" in line for line in cells)


@pytest.mark.slow
def test_the_course_installs_as_a_project(course: Path, tmp_path: Path) -> None:
    """`make` runs `pip install -e '.[test]'`: the project must build (an empty wheel)."""
    pip_wheel = ["pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", *pip_wheel, str(course)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.glob("*.whl")] == [
        f"{SLUG.replace('-', '_')}-0.1.0-py3-none-any.whl"
    ]


# --- refusals --------------------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = new(str(folder), "--title", "Mine")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"recall-widgets new: {folder} exists and is not empty")
    assert "notes.txt" in result.stderr
    assert files_in(tmp_path) == {"mine/notes.txt"}  # nothing written, nothing left


def test_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "course"
    file.write_text("", encoding="utf-8")
    result = new(str(file), "--title", "T")
    assert result.returncode == 2 and "exists and is not a folder" in result.stderr


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "the title is empty"),
        ("two\nlines", "has a line break or control character"),
        ("x" * 81, "the title is 81 characters long"),
        ("日本語", r"cannot make a course id .* give one with --id"),
    ],
)
def test_a_bad_title_is_refused(tmp_path: Path, title: str, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        scaffold(tmp_path / "c", title, execute=False)
    assert list(tmp_path.iterdir()) == []


def test_a_bad_title_on_the_command_line(tmp_path: Path) -> None:
    result = new(str(tmp_path / "c"), "--title", "")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "recall-widgets new: the title is empty; give one line" in result.stderr
    result = new(str(tmp_path / "c"), "--title", "T", "--repository", "github.com/o/r")
    assert result.returncode == 2 and "--repository: not a repository address" in result.stderr
    result = new(str(tmp_path / "c"), "--title", "T", "--id", "Bad Id")
    assert result.returncode == 2 and "the id 'Bad Id' is not allowed" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_empty_folder_and_an_id_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    written = scaffold(tmp_path / "c", "日本語", slug="nihongo", execute=False, log=print)
    assert {p.as_posix() for p in written} == TREE - {"content/deck.schema.json"} - {
        f"content/{SLUG}.yaml"
    } | {"content/nihongo.yaml"}
    assert load_deck(tmp_path / "c" / "content" / "nihongo.yaml").title == "日本語"
    assert find_course(tmp_path / "c").repository is None
    assert '# repository = "https://github.com/ORG/REPO"' in (
        tmp_path / "c/pyproject.toml"
    ).read_text("utf-8")


def test_a_notebook_that_cannot_run_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_kernel(path: object, **options: object) -> int:
        raise RuntimeError("No such kernel named python3")

    monkeypatch.setattr("recall_widgets.publishing.execute.store_outputs", no_kernel)
    with pytest.raises(ScaffoldRunError, match=r"00-start\.ipynb failed \(RuntimeError: No such"):
        scaffold(tmp_path / "c", "T")
    assert list(tmp_path.iterdir()) == []


# --- the pieces ------------------------------------------------------------------------------


def test_course_id_and_title() -> None:
    assert course_id("Régression linéaire: 1st steps!") == "regression-lineaire-1st-steps"
    assert course_id("  --A  b--  ") == "a-b"
    assert len(course_id("word " * 40)) <= 60 and not course_id("word " * 40).endswith("-")
    assert check_title("  Flask sessions ") == "Flask sessions"


def test_the_title_is_escaped_where_it_is_quoted() -> None:
    values = {"__TITLE__": 'a "b" \\ c', "__SLUG__": "s"}
    assert render_template('t = "__TITLE__"', ".toml", values) == 't = "a \\"b\\" \\\\ c"'
    assert tomllib.loads(render_template('t = "__TITLE__"', ".toml", values))["t"] == 'a "b" \\ c'
    assert yaml.safe_load(render_template('t: "__TITLE__"', ".yaml", values))["t"] == 'a "b" \\ c'
    assert render_template("# __TITLE__ (__SLUG__)", ".md", values) == '# a "b" \\ c (s)'
    assert render_template("__OTHER__", ".md", values) == "__OTHER__"


def test_every_template_file_is_written() -> None:
    templates = [p for p in scaffolding.TEMPLATE.rglob("*") if p.is_file()]
    assert templates and all(p.name.endswith(".tmpl") for p in templates)
    assert len(templates) == len(TREE) - 1  # and the schema, which the command passes
