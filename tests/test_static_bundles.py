"""The widgets' ES modules joined by ``widget_esm``: no name defined twice, one default export."""

from __future__ import annotations

import re
from collections import Counter

import anywidget
import pytest

import recall_widgets
from recall_widgets import CookieInspector, Flashcards, Quiz, RecallPrompt
from recall_widgets._widget import STATIC, widget_esm

TOP_LEVEL = re.compile(
    r"^(?:export\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)",
    re.MULTILINE,
)
"""A declaration at the start of a line: the shared files declare nothing indented at top level."""


def top_level_names(source: str) -> list[str]:
    """The names a module declares at its top level, in order, repeats kept."""
    return TOP_LEVEL.findall(source)


def default_exports(source: str) -> int:
    """How many ``export default`` statements start a line (a comment naming one is no export)."""
    return len(re.findall(r"^export\s+default\b", source, re.MULTILINE))


def twice(source: str) -> list[str]:
    return sorted(name for name, n in Counter(top_level_names(source)).items() if n > 1)


def bundles() -> dict[str, str]:
    """Every anywidget of the package with a string ``_esm`` (a joined bundle), by class name."""
    found: dict[str, str] = {}
    todo = list(anywidget.AnyWidget.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        esm = cls.__dict__.get("_esm")
        if cls.__module__.startswith(recall_widgets.__name__) and isinstance(esm, str):
            found[cls.__name__] = esm
    return found


def test_every_widget_is_a_bundle_of_common_js() -> None:
    found = bundles()
    assert {"Flashcards", "Quiz", "RecallPrompt", "CookieInspector"} <= set(found)
    common = (STATIC / "common.js").read_text(encoding="utf-8")
    for name, esm in found.items():
        assert esm.startswith(common), f"{name}: common.js does not come first"


def test_the_views_are_joined_in_dependency_order() -> None:
    assert Flashcards._esm == widget_esm("card_view.js", "flashcards.js")
    assert Quiz._esm == widget_esm("question_view.js", "quiz.js")
    assert RecallPrompt._esm == widget_esm("recall_prompt.js")
    assert CookieInspector._esm == widget_esm("cookie_inspector.js")
    card = str(Flashcards._esm)
    assert (
        card.index("function h(")
        < card.index("function createCardView(")
        < card.index("function render(")
    )


@pytest.mark.parametrize("name", sorted(bundles()))
def test_no_top_level_name_is_defined_twice(name: str) -> None:
    esm = bundles()[name]
    names = top_level_names(esm)
    assert {"h", "record", "render"} <= set(names) or name == "CookieInspector", names
    assert not twice(esm), f"{name} defines {twice(esm)} more than once"


@pytest.mark.parametrize("name", sorted(bundles()))
def test_each_bundle_ends_with_its_one_default_export(name: str) -> None:
    esm = bundles()[name]
    assert default_exports(esm) == 1
    assert esm.rstrip().endswith("export default { render };")
    assert not re.search(r"^\s*import\b", esm, re.MULTILINE), f"{name} imports"


def test_shared_files_only_define() -> None:
    """common.js and the views export nothing and run nothing when the module loads."""
    for file in ("common.js", "card_view.js", "question_view.js"):
        source = (STATIC / file).read_text(encoding="utf-8")
        assert "export" not in re.sub(r"//.*|/\*[\s\S]*?\*/", "", source), file
        code = [
            line
            for line in source.splitlines()
            if line and not line.startswith((" ", "}", ")", "//", "/*", " *", "*/"))
        ]
        assert all(re.match(r"(function|const) ", line) for line in code), (file, code)


def test_the_checks_can_fail() -> None:
    """A repeated helper, in any declaration form, is found; a nested one is not a repeat."""
    source = "function h() {}\nconst x = 1;\nexport function h() {}\n"
    assert twice(source) == ["h"]
    assert twice("const f = () => 1;\nlet f = 2;\n") == ["f"]
    assert twice("function render() {\n  function h() {}\n  const h2 = 1;\n}\nconst h = 1;\n") == []
    assert top_level_names("async function go() {}\nclass View {}\n") == ["go", "View"]
    assert default_exports("// ends `export default { render };`\nexport default { render };") == 1
    assert default_exports("export default { a };\nexport default { render };") == 2


def test_widget_esm_needs_a_file() -> None:
    with pytest.raises(ValueError, match="widget's own file"):
        widget_esm()
    with pytest.raises(FileNotFoundError):
        widget_esm("no_such_widget.js")
