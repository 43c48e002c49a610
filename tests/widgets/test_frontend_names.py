"""One name per widget across its files: `quiz.py`, `src/quiz.js`, `quiz.css`, `.recall-quiz`.

A widget's JavaScript gives its root the class named after its module, its stylesheet scopes
every rule under that class, and neither names its own parts after another widget (the Quiz's
summary was once ``.recall-review-list``). Each check is shown failing on a fake first.
"""

from __future__ import annotations

import re

import pytest

from recall_widgets.widgets.assets import FRONTEND

WIDGETS = tuple(
    sorted(
        path.stem
        for path in (FRONTEND / "src").glob("*.js")
        if path.stem != "common" and "widgetRoot(" in path.read_text(encoding="utf-8")
    )
)
"""The widgets' modules: those of ``frontend/src/`` that make a widget's root."""


def root_class(widget: str) -> str:
    """``recall_prompt`` → ``recall-recall-prompt``."""
    return "recall-" + widget.replace("_", "-")


def roots_made(js: str) -> list[str]:
    """The classes a module gives its widget's root (``widgetRoot("…")``)."""
    return re.findall(r'widgetRoot\(\s*"([^"]+)"', js)


def classes_made(js: str) -> set[str]:
    """The ``recall-*`` classes a module puts on the elements it makes (``h(tag, "…")``)."""
    found: set[str] = set()
    for names in re.findall(r'\bh\(\s*"[a-z0-9]+"\s*,\s*[`"]([^`"]*)[`"]', js):
        found.update(n for n in names.split() if n.startswith("recall-"))
    return found


def selectors(css: str) -> list[str]:
    """Every selector of a stylesheet's rules (inside ``@media`` too)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", css)
    return [s.strip() for rule in rules for s in rule.split(",") if s.strip()]


def unscoped(widget: str, css: str) -> list[str]:
    """The selectors of a widget's stylesheet that do not start with its root class."""
    root = re.compile(rf"^\.{re.escape(root_class(widget))}(?![\w-])")
    return [s for s in selectors(css) if not root.match(s)]


def foreign(widget: str, classes: set[str]) -> list[str]:
    """The classes named after another widget's root (``recall-review-…`` in the Quiz)."""
    own = root_class(widget)
    return sorted(
        name
        for name in classes
        for other in WIDGETS
        if other != widget
        and (name == root_class(other) or name.startswith(root_class(other) + "-"))
        and not (name == own or name.startswith(own + "-"))
    )


def css_classes(css: str) -> set[str]:
    return set(re.findall(r"\.(recall-[a-z0-9-]+)", css))


def test_the_checks_fail_on_drifted_names() -> None:
    assert {"flashcards", "quiz", "recall_prompt", "review", "dashboard"} <= set(WIDGETS)
    assert roots_made('const root = widgetRoot("recall-prompt");') == ["recall-prompt"]
    assert root_class("recall_prompt") != "recall-prompt"
    fake_js = 'h("span", "recall-review-list"); h("p", `recall-verdict ${x}`)'
    assert foreign("quiz", classes_made(fake_js)) == ["recall-review-list"]
    fake_css = ".recall-prompt .recall-x {}\n@media (x) { .recall-dashboard .a, .b { } }"
    assert unscoped("dashboard", fake_css) == [".recall-prompt .recall-x", ".b"]
    assert foreign("recall_prompt", css_classes(".recall-dashboard .recall-dash-bar {}")) == [
        "recall-dashboard"
    ]


@pytest.mark.parametrize("widget", WIDGETS)
def test_a_widgets_js_and_css_use_its_one_name(widget: str) -> None:
    js = (FRONTEND / "src" / f"{widget}.js").read_text(encoding="utf-8")
    css = (FRONTEND / f"{widget}.css").read_text(encoding="utf-8")
    assert roots_made(js) == [root_class(widget)]
    assert classes_made(js), "the module makes elements with classes"
    assert selectors(css) and unscoped(widget, css) == []
    assert foreign(widget, classes_made(js) | css_classes(css)) == []


def test_no_class_keeps_an_old_name() -> None:
    old = re.compile(r"(?<![\w-])recall-(dash-|summary\b|prompt(?![\w-])|review-l)")
    files = [*sorted((FRONTEND / "src").glob("*.js")), *sorted(FRONTEND.glob("*.css"))]
    assert len(files) > 10
    found = [f.name for f in files if old.search(f.read_text(encoding="utf-8"))]
    assert found == []
