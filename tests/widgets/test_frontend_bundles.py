"""The widgets' committed bundles (``frontend/<widget>.js``): built from ``frontend/src/``, current,
self-contained, each a module whose default export has ``render``.

The stale-bundle tests run esbuild from ``node_modules`` (``make test`` and ``make unit`` run
``npm ci`` first when it is missing or ``package-lock.json`` changed); without it they fail and
say how to get it, rather than skip: a stale bundle is what learners would run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import anywidget
import pytest
import traitlets
from anywidget._file_contents import FileContents

import recall_widgets
from recall_widgets import Dashboard, Exercise, Flashcards, Quiz, RecallPrompt, Review
from recall_widgets.widgets.assets import FRONTEND, widget_esm

ROOT = Path(__file__).resolve().parents[2]
SRC = FRONTEND / "src"
BUILD = FRONTEND / "build.mjs"
ESBUILD = ROOT / "node_modules" / "esbuild"

WIDGETS: dict[type[anywidget.AnyWidget], str] = {
    Flashcards: "flashcards.js",
    Quiz: "quiz.js",
    RecallPrompt: "recall_prompt.js",
    Review: "review.js",
    Dashboard: "dashboard.js",
    Exercise: "exercise.js",
}
"""Each widget of the package and its bundle (a course's own widgets are checked with the
course: tests/course/test_cookie_inspector.py)."""
BUNDLES = {cls.__name__: file for cls, file in WIDGETS.items()}

IMPORT = re.compile(r"^\s*import\b|\bimport\s*\(|\brequire\s*\(", re.MULTILINE)
"""An import statement, a dynamic import or a CommonJS require: none may be left in a bundle."""
SOURCE_IMPORT = re.compile(r'^import\s[^;]*?from\s+"([^"]+)";', re.MULTILINE)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: the bundles cannot be checked (.ci/run installs it)")
    return found


def build(out: Path, src: Path = SRC) -> dict[str, bytes]:
    """Run the project's build (``build.mjs``: esbuild from node_modules) into ``out``."""
    if not (ESBUILD / "package.json").is_file():
        pytest.fail("node_modules/ has no esbuild: run `make js` (npm ci, build); `make test` does")
    result = subprocess.run(
        [node(), str(BUILD), "--src", str(src), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.js"))}


def committed() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(FRONTEND.glob("*.js"))}


def package_widgets() -> dict[str, type[anywidget.AnyWidget]]:
    """Every anywidget class the package defines, by name."""
    found: dict[str, type[anywidget.AnyWidget]] = {}
    todo = list(anywidget.AnyWidget.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith(recall_widgets.__name__) and "_esm" in cls.__dict__:
            if isinstance(cls.__dict__["_esm"], traitlets.TraitType):
                continue  # the per-instance subclass traitlets' add_traits() makes
            found[cls.__name__] = cls
    return found


def test_every_widget_loads_its_committed_bundle_as_a_file() -> None:
    widgets = package_widgets()
    assert set(widgets) == set(BUNDLES)
    for name, cls in widgets.items():
        esm = cls.__dict__["_esm"]
        # A path became anywidget's FileContents: read once, watched with ANYWIDGET_HMR=1.
        assert isinstance(esm, FileContents), name
        assert str(esm) == (FRONTEND / BUNDLES[name]).read_text(encoding="utf-8"), name
    assert set(committed()) == set(BUNDLES.values()), "a bundle with no widget, or one missing"
    with pytest.raises(FileNotFoundError, match="make js"):
        widget_esm("no_such_widget.js")


def test_the_committed_bundles_are_built_from_the_sources(tmp_path: Path) -> None:
    built = build(tmp_path)
    assert set(built) == set(BUNDLES.values())
    stale = sorted(name for name, data in built.items() if committed().get(name) != data)
    assert not stale, f"stale bundles {stale}: run `make js` (npm run build) and commit them"


def test_a_stale_bundle_is_found(tmp_path: Path) -> None:
    """A copy of the sources builds the same bytes anywhere; an edit to a shared view changes
    exactly the bundles of the widgets that import it."""
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy)
    assert build(tmp_path / "same", copy) == committed()
    view = copy / "card_view.js"
    view.write_text(view.read_text().replace('"Show answer"', '"Show the answer"'), "utf-8")
    edited = build(tmp_path / "edited", copy)
    changed = sorted(name for name, data in edited.items() if data != committed()[name])
    assert changed == ["flashcards.js", "review.js"]


@pytest.mark.parametrize("file", sorted(BUNDLES.values()))
def test_each_bundle_is_one_module_with_a_default_render(file: str) -> None:
    text = (FRONTEND / file).read_text(encoding="utf-8")
    assert text.startswith("// Built by `npm run build`"), "the bundle says where it comes from"
    assert not IMPORT.search(text), f"{file} still imports: {IMPORT.search(text)}"
    default = re.search(r"^export \{[^}]*\b(\w+) as default\b[^}]*\};\s*$", text, re.MULTILINE)
    assert default and text.rstrip().endswith("};"), "the bundle ends with its exports"
    assert re.search(rf"^var {default[1]} = \{{ render \}};$", text, re.MULTILINE)
    script = f"""
    const module = await import({json.dumps((FRONTEND / file).as_uri())});
    console.log(JSON.stringify(Object.keys(module.default)), typeof module.default.render);
    """
    result = subprocess.run(
        [node(), "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr  # loading it runs nothing that needs a page
    assert result.stdout.split() == ['["render"]', "function"]


def test_the_sources_import_only_each_other() -> None:
    """Relative imports of files in src/ (nothing from npm or the network reaches a bundle);
    each widget's module ends with its default export, the shared ones have none."""
    modules = {p.name: p.read_text(encoding="utf-8") for p in SRC.glob("*.js")}
    shared = {"common.js", "card_view.js", "question_view.js", "exercise_view.js"}
    shared |= {"answer_parts.js", "order_part.js", "grading.js", "memory.js", "i18n.js"}
    assert {*shared, *BUNDLES.values()} == set(modules)
    for name, text in modules.items():
        imports = SOURCE_IMPORT.findall(text)
        assert all(i.startswith("./") and i[2:] in modules for i in imports), (name, imports)
        if name in BUNDLES.values():
            assert "./common.js" in imports, name
            assert text.rstrip().endswith("export default { render };"), name
        else:
            assert "export default" not in text, name
