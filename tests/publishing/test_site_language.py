"""A static site's own lines (the front page, each page's "All lessons" and its ``lang``) in the
course's language: its config's ``lang``, else RECALL_LANG, else English."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from recall_widgets.i18n.catalog import translator
from recall_widgets.publishing.site import Lesson, index_page, site_language, to_html


def test_the_site_speaks_the_courses_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECALL_LANG", "fr")
    lesson = tmp_path / "notebooks" / "01.ipynb"
    lesson.parent.mkdir()
    assert site_language([lesson]) == "fr"  # no course config: RECALL_LANG
    (tmp_path / "course.toml").write_text('title = "Kurs"\nlang = "de"\n', encoding="utf-8")
    assert site_language([lesson]) == "de"  # the course's lang comes first
    de = translator(site_language([lesson]))
    front = index_page([Lesson(lesson, "01.html", "Listen")], "Kurs", de)
    assert '<html lang="de">' in front
    assert "Lernkarten, Quizze und Abruffragen funktionieren direkt hier" in front
    assert "<code>recall-widgets progress import</code>" in front
    page = to_html(nbformat.v4.new_notebook(), "Listen", {}, None, de)
    assert '<html lang="de">' in page
    assert 'aria-label="Kurs"' in page and '<a href="index.html">Alle Lektionen</a>' in page
    monkeypatch.delenv("RECALL_LANG")
    (tmp_path / "course.toml").write_text('title = "Course"\n', encoding="utf-8")
    english = index_page(
        [Lesson(lesson, "01.html", "Lists")], "Course", translator(site_language([lesson]))
    )
    assert '<html lang="en">' in english and "work right here, in your browser" in english
