"""recall-widgets execute and export-html as a new author meets them: wrong files, failed cells,
the kernel's warnings, the site's front page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from recall_widgets.cli import main
from recall_widgets.publishing.execute import NotANotebook, read_notebook
from recall_widgets.publishing.site import Lesson, course_title, index_page, plural

TCP_WARNING = "TCP without encryption"


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)
    return path


def test_execute_refuses_a_deck_and_says_to_validate_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The author's mistake: `recall-widgets execute content/python-dicts.yaml` (it ended in
    'internal error: NotJSONError … (please report this)', exit 3)."""
    deck = tmp_path / "python-dicts.yaml"
    deck.write_text("deck: python-dicts\ntitle: Dicts\ncards: []\n", encoding="utf-8")
    assert main(["execute", str(deck)]) == 2
    err = capsys.readouterr().err
    assert "is not a notebook (an .ipynb file)" in err
    assert f"recall-widgets validate {deck}" in err
    assert "internal error" not in err and "Traceback" not in err


def test_execute_refuses_a_damaged_notebook_before_running_any(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = notebook(tmp_path / "good.ipynb", "print('ran')")
    damaged = tmp_path / "damaged.ipynb"
    damaged.write_text("{ not json", encoding="utf-8")
    before = good.read_text(encoding="utf-8")
    assert main(["execute", str(good), str(damaged)]) == 2
    assert "damaged.ipynb is not a readable notebook" in capsys.readouterr().err
    assert good.read_text(encoding="utf-8") == before, "nothing runs when one path is bad"
    with pytest.raises(NotANotebook):
        read_notebook(damaged)


def test_execute_runs_the_kernel_without_the_tcp_warning(tmp_path: Path) -> None:
    """ipykernel warned on every run that it talks over TCP without encryption; the kernel now
    talks over IPC sockets in a private folder (POSIX), so there is nothing to warn about."""
    path = notebook(tmp_path / "quiet.ipynb", "print('quiet')")
    command = [sys.executable, "-m", "recall_widgets", "execute", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "outputs stored" in result.stdout
    if sys.platform != "win32":
        assert TCP_WARNING not in result.stderr, result.stderr
    assert not list(tmp_path.glob("k-*")), "no IPC socket files are left in the folder"
    assert "quiet" in path.read_text(encoding="utf-8")


def test_a_failed_export_leaves_the_old_site_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failed export-html left a half-built site/; now the old one stays whole."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", encoding="utf-8")
    ok = notebook(tmp_path / "01-ok.ipynb", "1 + 1")
    broken = notebook(tmp_path / "02-broken.ipynb", "raise ValueError('boom')")
    assert main(["export-html", str(ok), str(broken), "--out", str(site)]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_new_export_replaces_the_old_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older export", encoding="utf-8")
    ok = notebook(tmp_path / "01-ok.ipynb", "1 + 1")
    assert main(["export-html", str(ok), "--out", str(site)]) == 0
    assert not (site / "stale.html").exists()
    assert (site / "01-ok.html").exists() and (site / "index.html").exists()


def test_the_front_page_takes_the_course_title_not_the_first_lessons(tmp_path: Path) -> None:
    """The site's index.html took its title from the first lesson; the log said "1 lessons"."""
    (tmp_path / "course.toml").write_text(
        'title = "Python dictionaries"\ndecks = "content"\nnotebooks = "notebooks"\n'
        'start = "00-start.ipynb"\n',
        encoding="utf-8",
    )
    (tmp_path / "content").mkdir()
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "00-start.ipynb").write_text("{}", encoding="utf-8")
    lesson = notebooks / "01-lists.ipynb"
    assert course_title([lesson]) == "Python dictionaries"
    page = index_page([Lesson(lesson, "01-lists.html", "Lists")], course_title([lesson]))
    assert "<h1>Python dictionaries</h1>" in page and "<title>Python dictionaries</title>" in page
    # Without a course config the first lesson's title is the heading, as before.
    assert course_title([tmp_path.parent / "elsewhere" / "x.ipynb"]) is None
    assert "<h1>Lists</h1>" in index_page([Lesson(lesson, "01-lists.html", "Lists")])
    assert (plural(1, "lesson"), plural(2, "lesson")) == ("1 lesson", "2 lessons")
