"""recall-widgets export-html: a static site with no outside references and no builder progress."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from recall_widgets.cli import main
from recall_widgets.publishing import site as static_site
from recall_widgets.publishing.site import (
    Lesson,
    export_site,
    find_notebooks,
    index_page,
    lesson_title,
    outside_references,
    partly_rendered,
)

REPO = Path(__file__).resolve().parents[2]
DECK = REPO / "tests" / "browser" / "fixtures" / "browser-deck.yaml"


def notebook(path: Path, *cells: tuple[str, str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        for kind, src in cells
    ]
    nbformat.write(nb, path)
    return path


def test_outside_references_finds_what_would_load_from_another_host() -> None:
    page = (
        '<script src="https://cdn.example/require.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css">'
        '<a href="https://flask.palletsprojects.com/">a link to read is fine</a>'
        '<img src="static/local.png"><script src="static/require.js"></script>'
        '<script>require.config({paths: {anywidget: "https://unpkg.com/anywidget"}});'
        'import("https://esm.example/x.js")</script>'
        "<style>@import url(https://css.example/a.css);"
        "b { background: url(http://i.example/i.png) }"
        "</style>"
        '<script type="application/vnd.jupyter.widget-state+json">'
        '{"_esm": "import x from \\"https://esm.example/y.js\\""}</script>'
    )
    found = outside_references(page)
    assert found == sorted(
        [
            "https://cdn.example/require.js",
            "//fonts.example/css",
            'anywidget: "https://unpkg.com/anywidget"',
            "https://esm.example/x.js",
            "https://css.example/a.css",
            "http://i.example/i.png",
            "https://esm.example/y.js",
        ]
    )
    assert outside_references('<script src="static/a.js"></script><a href="https://x.org">') == []


def test_lesson_title_is_the_first_heading_without_markup() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("# a comment, not a heading"),
        nbformat.v4.new_markdown_cell("Intro\n\n## The *signed* `cookie`\n\n# Later"),
    ]
    assert lesson_title(nb, "fallback") == "The signed cookie"
    assert lesson_title(nbformat.v4.new_notebook(), "fallback") == "fallback"


def test_index_page_escapes_titles_and_links_every_lesson() -> None:
    lessons = [
        Lesson(Path("a.ipynb"), "a.html", "Course <b>one</b>"),
        Lesson(Path("b.ipynb"), "b.html", "B & C"),
    ]
    page = index_page(lessons)
    assert "<title>Course &lt;b&gt;one&lt;/b&gt;</title>" in page
    assert '<a href="b.html">B &amp; C</a>' in page
    assert "keeps your progress for this course" in page
    assert outside_references(page) == []


def test_find_notebooks_takes_files_and_folders(tmp_path: Path) -> None:
    a = notebook(tmp_path / "b.ipynb")
    b = notebook(tmp_path / "a.ipynb")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert find_notebooks([tmp_path]) == [b, a]
    assert find_notebooks([a, tmp_path]) == [a, b]


def test_partly_rendered_reports_windowed_widgets() -> None:
    nb = nbformat.v4.new_notebook()
    state = {
        "m1": {"state": {"ids": ["a", "b", "c"], "content": {"a": {}}}},
        "m2": {"state": {"ids": ["a"], "content": {"a": {}}}},
        "m3": {"state": {"value": 1}},
    }
    nb.metadata["widgets"] = {static_site.WIDGET_STATE: {"state": state}}
    assert partly_rendered(nb) == [(1, 3)]


def test_export_site_runs_with_an_empty_store_and_loads_nothing_from_outside(
    tmp_path: Path, progress_path: Path
) -> None:
    """The kernel's store is a fresh temporary one, never the builder's (RECALL_PROGRESS)."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "tiny.yaml").write_bytes(DECK.read_bytes())
    first = notebook(
        course / "01-quiz.ipynb",
        ("md", "# The tiny quiz\n\nNext: [the other lesson](02-other.ipynb)."),
        ("code", "import os\nprint('STORE=' + os.environ['RECALL_PROGRESS'])"),
        ("code", "from recall_widgets import Quiz\nQuiz('tiny.yaml')"),
    )
    second = notebook(course / "02-other.ipynb", ("md", "# Other"), ("code", "1 + 1"))
    out = tmp_path / "site"
    lines: list[str] = []
    lessons = export_site([first, second], out, log=lines.append)

    assert [(x.page, x.title) for x in lessons] == [
        ("01-quiz.html", "The tiny quiz"),
        ("02-other.html", "Other"),
    ]
    page = (out / "01-quiz.html").read_text(encoding="utf-8")
    found = re.search(r"STORE=(/[^\s<]+)", page)  # the output, not the code
    store = found.group(1) if found else ""
    assert store and Path(store).name == "progress.sqlite3"
    assert Path(store) != progress_path and str(progress_path.parent) not in store
    assert not Path(store).exists(), "the temporary store outlived the export"
    assert 'href="02-other.html"' in page, "links between lessons point at the pages"
    # The shared files: the runtime, one stylesheet, the quiz's module once, no require.js.
    assert '<script src="static/recall-runtime.js"></script>' in page
    assert re.search(r'<link href="static/recall-widgets.css" rel="stylesheet"/?>', page)
    assert "require" not in page and "embed-amd" not in page and "<style" not in page
    modules = re.findall(r'src="static/(module-[0-9a-f]{16}\.js)"', page)
    assert len(modules) == 1
    catalogs = re.findall(r'src="static/(catalog-[0-9a-f]{16}\.js)"', page)
    assert len(catalogs) == 1, "the widgets' translations, once for every widget of the site"
    static = {p.name for p in (out / "static").iterdir()}
    assert static == {"recall-runtime.js", "recall-widgets.css", *modules, *catalogs}
    state = json.loads(
        re.search(
            r'<script type="application/vnd.jupyter.widget-state\+json">\s*(.+?)\s*</script>',
            page,
            re.DOTALL,
        ).group(1)
    )
    assert state["recall"] == {"course": "01-quiz"}, "no course config: its first page"
    traits = next(m["state"] for m in state["state"].values() if "_esm" in m["state"])
    assert traits["_esm"] == "recall-module:" + modules[0][len("module-") : -len(".js")]
    assert traits["_css"].startswith("recall-style:"), "the CSS is in the shared stylesheet"
    css = (out / "static" / "recall-widgets.css").read_text(encoding="utf-8")
    assert "@media (prefers-color-scheme: dark)" in css and ".recall-quiz" in css
    assert "mathjax" not in page.lower() and "mermaid" not in page.lower()
    for html in out.glob("*.html"):
        assert outside_references(html.read_text(encoding="utf-8")) == [], html.name
    assert "01-quiz.html" in (out / "index.html").read_text(encoding="utf-8")
    assert not any("warning" in line for line in lines), lines


def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(tmp_path)  # in no course: no notebooks folder to default to
    try:
        assert main(["export-html", "--out", "site"]) == 2
        assert "no course config in" in capsys.readouterr().err
        (tmp_path / "course.toml").write_text('title = "T"\n', encoding="utf-8")
        assert main(["export-html", "--out", "site"]) == 2
        assert "no such notebook or folder: " in capsys.readouterr().err
        (tmp_path / "course.toml").unlink()
        (tmp_path / "empty").mkdir()
        assert main(["export-html", "empty", "--out", "site"]) == 2
        assert "no notebooks found in empty" in capsys.readouterr().err
        notebook(tmp_path / "x.ipynb")
        (tmp_path / "sub").mkdir()
        notebook(tmp_path / "sub" / "x.ipynb")
        assert main(["export-html", "x.ipynb", "sub", "--out", "site"]) == 2
        err = capsys.readouterr().err
        assert "x.html" in err and "Traceback" not in err
    finally:
        os.chdir(REPO)
    with pytest.raises(SystemExit) as exit_info:
        main(["export-html"])  # --out is required
    assert exit_info.value.code == 2


def test_cli_reports_a_failing_cell_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = notebook(tmp_path / "bad.ipynb", ("code", "raise RuntimeError('boom')"))
    assert main(["export-html", str(bad), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "a cell failed (RuntimeError: boom)" in err and "Traceback" not in err
