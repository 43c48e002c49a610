"""docs/architecture.md is the engine's map: it names every module, and the rules it states hold.

Each check is a pure function over a module list, the doc's text or an import graph, shown
failing on a fake one before it is applied to the real package.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "recall_widgets"
DOC = ROOT / "docs" / "architecture.md"
ROOMS = ("deck", "widgets", "progress", "checking", "publishing", "pulse", "testing", "exchange")
#: What each part of the engine may import (a room, or one module by its path).
ALLOWED = {
    "deck": {"deck", "tex.py"},
    "progress": {"progress", "deck/model.py"},
    "widgets": {"widgets", "deck", "progress", "checking", "render.py"},
    "checking": {"checking"},
    "publishing": {"publishing", "deck/course.py", "deck/loader.py", "deck/outputs.py"},
    "pulse": {"pulse", "progress", "deck/model.py"},
    "testing": {"testing", "progress/database.py"},
    "exchange": {"exchange", "deck", "render.py", "tex.py", "progress/grading.py"},
    "render.py": {"tex.py"},
    "tex.py": set(),
}
#: The exceptions docs/architecture.md names, each with its reason there.
EXCEPTIONS = {}
WIDGETS = {
    f"widgets/{name}.py"
    for name in ("flashcards", "quiz", "recall_prompt", "review", "dashboard", "exercise")
}
# The learner's language (issue 19): a room every part may import, that imports none.
ROOMS = (*ROOMS, "i18n")
ALLOWED = {part: {*allowed, "i18n"} for part, allowed in ALLOWED.items()} | {"i18n": {"i18n"}}
HEAVY = ("anywidget", "ipywidgets", "sqlite3", "fsrs", "nbconvert", "pygments", "flask")


def engine_modules(package: Path = PACKAGE) -> list[str]:
    """Every module under ``package`` as its path there (``deck/compose.py``), sorted; package
    ``__init__.py`` files and ``__main__.py`` are not counted."""
    return sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py") and "__pycache__" not in path.parts
    )


def named_in(doc: str) -> set[str]:
    """The Python files the doc names in backticks: ``deck/compose.py``, ``cli.py``…"""
    return set(re.findall(r"`([\w/]+\.py)`", doc))


def missing_from(doc: str, modules: Iterable[str]) -> list[str]:
    """The modules the doc does not name by their path in the package."""
    named = named_in(doc)
    return [module for module in modules if module not in named]


def unknown_in(doc: str, modules: Iterable[str]) -> list[str]:
    """Paths in a room (``widgets/old.py``) the doc names but the package does not have."""
    rooms = "|".join(ROOMS)
    room_paths = {name for name in named_in(doc) if re.match(rf"^({rooms})/", name)}
    return sorted(room_paths - set(modules))


def test_the_doc_check_fails_for_a_module_it_leaves_out(tmp_path: Path) -> None:
    package = tmp_path / "recall_widgets"
    for path in ("__init__.py", "__main__.py", "cli.py", "deck/__init__.py", "deck/new.py"):
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_text('"""A module."""\n', encoding="utf-8")
    modules = engine_modules(package)
    assert modules == ["cli.py", "deck/new.py"]  # __init__ and __main__ are not counted
    assert missing_from("| `cli.py` | the command line |", modules) == ["deck/new.py"]
    assert missing_from("`cli.py` and `deck/new.py`", modules) == []
    assert unknown_in("`deck/gone.py`, `tests/x.py`, `cli.py`", modules) == ["deck/gone.py"]
    real = DOC.read_text(encoding="utf-8")
    without_a_row = real.replace("`deck/walk.py`", "walk")
    assert missing_from(without_a_row, engine_modules()) == ["deck/walk.py"]


def test_every_module_is_named_in_the_architecture_doc() -> None:
    modules = engine_modules()
    assert {"cli.py", "render.py", "deck/loader.py", "widgets/base.py"} <= set(modules)
    assert all(m.split("/")[0] in ROOMS for m in modules if "/" in m), modules
    doc = DOC.read_text(encoding="utf-8")
    missing = missing_from(doc, modules)
    assert not missing, f"docs/architecture.md does not name {missing}: add a row for each"


def test_the_doc_names_no_module_that_does_not_exist() -> None:
    doc = DOC.read_text(encoding="utf-8")
    unknown = unknown_in(doc, engine_modules())
    assert not unknown, f"docs/architecture.md names modules that do not exist: {unknown}"


# --- the rules ---------------------------------------------------------------------------------


def module_path(name: str, package: Path = PACKAGE) -> str | None:
    """``recall_widgets.deck.model`` → ``deck/model.py`` (a package → its ``__init__.py``)."""
    parts = name.split(".")[1:]
    base = package.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py").relative_to(package).as_posix()
    if (base / "__init__.py").is_file():
        return (base / "__init__.py").relative_to(package).as_posix()
    return None


def imports_of(path: str, package: Path = PACKAGE) -> set[str]:
    """The package's modules that the module at ``path`` imports, anywhere in it (lazy imports
    inside functions and ``TYPE_CHECKING`` blocks count too)."""
    file = package / path
    here = ["recall_widgets", *Path(path).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        for name in names:
            target = module_path(name, package) if name.startswith("recall_widgets.") else None
            if target is not None and target != path:
                found.add(target)
    return found


def part_of(path: str) -> str:
    """Which part of the package a module belongs to: its room, or itself."""
    first = path.split("/")[0]
    return first if first in ROOMS else path


def dependency_problems(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Each import that breaks the rooms' one-way rule (``ALLOWED``, ``EXCEPTIONS``)."""
    problems = []
    for source, targets in sorted(graph.items()):
        allowed = ALLOWED.get(part_of(source))
        if allowed is None:  # the top level (the public API, the command line) may import all
            continue
        for target in sorted(targets):
            if part_of(target) in allowed or target in allowed:
                continue
            if (source, target) not in EXCEPTIONS:
                problems.append(f"{source} imports {target}")
    return problems


def sibling_widget_problems(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Each widget module that imports another widget module."""
    return [
        f"{source} imports {target}"
        for source, targets in sorted(graph.items())
        if source in WIDGETS
        for target in sorted(targets)
        if target in WIDGETS
    ]


def import_graph() -> dict[str, set[str]]:
    """Every file of the package (``__init__.py`` files too) → the package modules it imports."""
    files = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
    return {path: imports_of(path) for path in files if "__pycache__" not in path}


def test_the_rule_checks_fail_on_a_broken_graph() -> None:
    graph = {
        "deck/model.py": {"widgets/base.py"},  # the model importing a widget
        "publishing/links.py": {"deck/course.py"},  # the course config, the one allowed
        "progress/store.py": {"deck/model.py", "deck/loader.py"},  # only the model is allowed
        "widgets/review.py": {"widgets/quiz.py", "widgets/views.py", "progress/store.py"},
        "render.py": {"deck/model.py"},
        "cli.py": {"widgets/quiz.py"},  # the top level may
    }
    assert dependency_problems(graph) == [
        "deck/model.py imports widgets/base.py",
        "progress/store.py imports deck/loader.py",
        "render.py imports deck/model.py",
    ]
    assert sibling_widget_problems(graph) == ["widgets/review.py imports widgets/quiz.py"]
    assert imports_of("widgets/review.py") >= {"widgets/base.py", "widgets/views.py"}


def test_rooms_depend_one_way() -> None:
    graph = import_graph()
    assert "deck/model.py" in graph["progress/queries.py"]  # the graph sees real imports
    assert "progress/store.py" in graph["widgets/recording.py"]  # lazy ones too
    assert dependency_problems(graph) == []


def test_no_widget_module_imports_another() -> None:
    graph = import_graph()
    assert set(graph) >= WIDGETS
    assert sibling_widget_problems(graph) == []


def test_importing_the_rooms_loads_nothing_heavy() -> None:
    probe = (
        "import sys\n"
        "import recall_widgets, recall_widgets.deck, recall_widgets.widgets\n"
        "import recall_widgets.progress, recall_widgets.publishing\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
        "from recall_widgets.widgets import quiz\n"
        "print('anywidget' in sys.modules, 'fsrs' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "True False"]  # a widget, and still no store


# --- the engine knows no course ------------------------------------------------------------------

#: Top-level modules only a course may import: Flask and its extensions, and the course's package.
COURSE_ONLY = ("flask", "flask_session", "flask_wtf", "flask_course")
TESTS = ROOT / "tests"
#: The course's tests: tests/course/, and the browser tests that open its notebooks (marked
#: ``course``); everything else under tests/ is the engine's and must run with Flask absent.
COURSE_TESTS = (
    "course/",
    "browser/test_course_browser.py",
    "browser/test_cookie_inspector_browser.py",
    "browser/test_samesite_browser.py",
)


def top_level_imports(source: str) -> set[str]:
    """Every top-level module name a Python source imports, anywhere in it (absolute imports:
    relative ones stay inside their package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def course_imports(files: Mapping[str, str]) -> list[str]:
    """Each file (path → source) that imports Flask, a Flask extension or the course package."""
    return [
        f"{path} imports {name}"
        for path, source in sorted(files.items())
        for name in sorted(top_level_imports(source) & set(COURSE_ONLY))
    ]


def engine_test_files() -> dict[str, str]:
    """The engine's test files and conftests (path under tests/ → source)."""
    return {
        path: (TESTS / path).read_text(encoding="utf-8")
        for path in sorted(p.relative_to(TESTS).as_posix() for p in TESTS.rglob("*.py"))
        if not path.startswith(COURSE_TESTS) and "__pycache__" not in path
    }


def test_the_course_import_check_fails_on_a_fake() -> None:
    files = {
        "a.py": "import flask\n",
        "b.py": "def f():\n    from flask_course.demo import make_app\n",  # a lazy import too
        "c.py": "from flask_wtf.csrf import CSRFProtect\nfrom . import flask\n",
        "d.py": "import flasky, recall_widgets\nx = 'import flask'\n",  # neither counts
    }
    assert course_imports(files) == [
        "a.py imports flask",
        "b.py imports flask_course",
        "c.py imports flask_wtf",
    ]


def test_no_engine_module_imports_flask_or_a_course() -> None:
    files = {
        path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert "deck/model.py" in files
    assert course_imports(files) == []


def test_the_engines_tests_import_no_flask() -> None:
    files = engine_test_files()
    assert "test_cli.py" in files and "widgets/test_quiz.py" in files
    assert not any(path.startswith("course/") for path in files)
    assert course_imports(files) == []


def test_the_engine_declares_no_flask_requirement() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=!~\[ ;]", r)[0].lower().replace("_", "-") for r in requirements}
    assert not names & {"flask", "flask-session", "flask-wtf", "flask-sessions-course"}
