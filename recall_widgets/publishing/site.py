"""Export course notebooks as a static web site that works with no kernel and no network.

``recall-widgets export-html [NOTEBOOK...] --out DIR`` calls :func:`export_site`. Each notebook
is executed in its own folder, with ``RECALL_PROGRESS`` (and ``XDG_DATA_HOME``) pointing into an
empty temporary folder, so the builder's own progress never reaches the page, and with the
widgets' state saved in the notebook. nbconvert then writes one HTML page per notebook with the
``recall_static`` template (``publishing/templates/``). The pages share ``static/``: one
stylesheet (:mod:`.theme`, with the widgets' styles), the static runtime and each widget's ES
module once (:mod:`.runtime`), which draw the widgets from the state saved in the page. An
``index.html`` links the lessons.

In the pages, flashcards flip, quizzes check answers and recall prompts reveal their concepts
in the browser, and what the learner does is kept in the browser's storage for the course (a
bar above the widgets downloads it for ``recall-widgets progress import``, or starts over).
What needs Python says so: the widgets see that no kernel is behind the page (``common.js``:
``kernelBehind``); the cookie inspector and the dashboard need a running kernel. Every item of
every widget is rendered into the page (``RECALL_RENDER_ALL``), however large the deck; a widget
that still holds fewer rendered items than it shows is reported by :func:`export_site`.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n.catalog import Translator, translator
from ..i18n.languages import resolve_language
from .runtime import Assets, course_key, linked_head, split_state, write_static

if TYPE_CHECKING:
    from ..deck.course import Course
from .theme import site_css

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "recall_static"
STATIC_DIR = "static"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_NOTEBOOK_LINK = re.compile(r'href="([^"/:?#]+)\.ipynb(#[^"]*)?"')


@dataclass(frozen=True)
class Lesson:
    """One exported notebook: where it came from, its page (relative to the site) and title."""

    source: Path
    page: str
    title: str


def find_notebooks(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``.ipynb`` files named, and those in the folders named (sorted, no checkpoints)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.glob("*.ipynb") if p.is_file())
        elif path.suffix == ".ipynb" and path.is_file():
            found.append(path)
    return list(dict.fromkeys(found))


def lesson_title(nb: Any, fallback: str) -> str:
    """The text of the notebook's first Markdown heading (``fallback`` if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _HEADING.search(cell.source)
            if match:
                return re.sub(r"[*_`]", "", match.group(1)).strip()
    return fallback


def execute(path: Path, *, timeout: int = 120, kernel_name: str = "python3") -> Any:
    """Run a notebook in its folder with an empty temporary progress store; keep widget state.

    Raises ``nbclient.exceptions.CellExecutionError`` when a cell fails.
    """
    from .execute import notebook_client, read_notebook

    nb = read_notebook(path)
    with tempfile.TemporaryDirectory(prefix="recall-export-") as tmp:
        env = {
            **os.environ,
            "RECALL_PROGRESS": str(Path(tmp) / "progress.sqlite3"),
            "XDG_DATA_HOME": str(Path(tmp) / "xdg-data"),
            "RECALL_RENDER_ALL": "1",  # no kernel will render more later: every item, now
        }
        with notebook_client(
            nb, path, timeout=timeout, kernel_name=kernel_name, store_widget_state=True
        ) as client:
            client.execute(env=env)
    return nb


def partly_rendered(nb: Any) -> list[tuple[int, int]]:
    """(items rendered, items) of each saved widget that holds more items than it rendered."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    found = []
    for model in state.values():
        traits = model.get("state", {})
        ids, content = traits.get("ids"), traits.get("content")
        if isinstance(ids, list) and isinstance(content, dict) and len(content) < len(ids):
            found.append((len(content), len(ids)))
    return found


def share_widgets(nb: Any, course: str) -> Assets:
    """Take the widgets' code out of the notebook's saved state (:func:`.runtime.split_state`)
    and return it, for the site's shared files; the state keeps references to it."""
    widgets = nb.metadata.get("widgets", {})
    if WIDGET_STATE not in widgets:
        return Assets()
    widgets[WIDGET_STATE], assets = split_state(widgets[WIDGET_STATE], course)
    return assets


def to_html(
    nb: Any,
    title: str,
    pages: dict[str, str],
    assets: Assets | None = None,
    tr: Translator | None = None,
) -> str:
    """One lesson page; links to other exported notebooks (``x.ipynb``) point at their pages.

    ``assets`` are the page's widgets' code (:func:`share_widgets`), loaded from ``static/``;
    the page's own lines (its ``lang``, "All lessons") are in ``tr``'s language (English when
    None; see :func:`site_language`).
    """
    tr = tr or translator("")
    from nbconvert import HTMLExporter

    nb.metadata["title"] = title
    from traitlets.config import Config

    # Code highlighting is in the site's shared stylesheet (theme.py), not inlined per page.
    config = Config(
        {
            "CSSHTMLHeaderPreprocessor": {"enabled": False},
            "HTMLExporter": {"language_code": tr.lang},
        }
    )
    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)], config=config
    )
    head = linked_head(assets) if assets is not None and "widgets" in nb.metadata else ""
    resources = {
        "metadata": {"name": title},
        "recall_head": head,
        "recall_nav_label": html.escape(tr.t("Course")),
        "recall_all_lessons": html.escape(tr.t("All lessons")),
    }
    body, _resources = exporter.from_notebook_node(nb, resources=resources)

    def relink(match: re.Match[str]) -> str:
        page = pages.get(match.group(1))
        return f'href="{page}{match.group(2) or ""}"' if page else match.group(0)

    return _NOTEBOOK_LINK.sub(relink, str(body))


_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "background"}
_IN_TEXT = (
    re.compile(r"""\bimport\s*\(?\s*["']([^"']+)["']"""),  # import "x", import("x")
    re.compile(r"""\bfrom\s*["']([^"']+)["']"""),  # import … from "x"
    re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)"""),
    re.compile(r"""\burl\(\s*["']?([^"')\s]+)"""),
    re.compile(r"""\bpaths\s*:\s*\{([^}]*)\}"""),  # require.config({paths: {…}})
)
_OUTSIDE = re.compile(r"""(?:^|["'\s])(?:[a-z][a-z0-9+.-]*:)?//""", re.IGNORECASE)


class _References(HTMLParser):
    """Collect what a page would load: loading attributes, <link href>, and script/style text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._text_of: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in _LOADING_ATTRIBUTES or (name == "href" and tag != "a")):
                self.found.append(value)
        self._text_of = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._text_of = None

    def handle_data(self, data: str) -> None:
        if self._text_of is None:
            return
        text = data.replace('\\"', '"')  # JSON strings (the saved state's `_esm`)
        for pattern in _IN_TEXT:
            self.found += [m.group(1) for m in pattern.finditer(text)]


def outside_references(page: str) -> list[str]:
    """What a page would load from another host: ``src``/``href`` (links to read, ``<a>``,
    excepted), ``import``s, CSS ``url()``/``@import`` and require.js ``paths`` in its scripts
    and styles (the saved widget state, with each widget's JavaScript, is a script too)."""
    parser = _References()
    parser.feed(page)
    parser.close()
    return sorted({ref.strip() for ref in parser.found if _OUTSIDE.search(ref.strip())})


def plural(count: int, noun: str) -> str:
    """``1 lesson``, ``2 lessons``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _course(notebooks: Sequence[Path]) -> Course | None:
    from recall_widgets.deck.course import CourseError, find_course

    if not notebooks:
        return None
    try:
        return find_course(notebooks[0].resolve().parent)
    except CourseError:
        return None


def course_title(notebooks: Sequence[Path]) -> str | None:
    """The title of the course the notebooks belong to (its course config), or ``None``."""
    course = _course(notebooks)
    return course.title if course is not None else None


def site_language(notebooks: Sequence[Path]) -> str:
    """The language of the site's own lines: the course config's ``lang``, else
    ``RECALL_LANG``, else ``""`` (English; the widgets themselves then follow the browser)."""
    course = _course(notebooks)
    return resolve_language(course.lang if course is not None else None)


def index_page(
    lessons: Sequence[Lesson], title: str | None = None, tr: Translator | None = None
) -> str:
    """The site's front page: the course's title (else the first lesson's), a link per lesson,
    in ``tr``'s language (English when None)."""
    tr = tr or translator("")
    heading = html.escape(title or (lessons[0].title if lessons else tr.t("Course")))
    note = html.escape(
        tr.t(
            "Flashcards, quizzes and recall prompts work right here, in your browser, which "
            "keeps your progress for this course (nothing else: no name, no account). Each "
            "lesson can download it for {command}, to continue in Jupyter."
        )
    ).replace("{command}", "<code>recall-widgets progress import</code>")
    items = "\n".join(
        f'    <li><a href="{html.escape(lesson.page)}">{html.escape(lesson.title)}</a></li>'
        for lesson in lessons
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(tr.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{heading}</title>
<link rel="icon" href="data:,">
<style>
:root {{ color-scheme: light dark; }}
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; }}
main {{ padding: 0 1rem; }}
li {{ margin: 0.4rem 0; }}
.note {{ opacity: 0.75; }}
</style>
</head>
<body>
<main>
  <h1>{heading}</h1>
  <ol>
{items}
  </ol>
  <p class="note">{note}</p>
</main>
</body>
</html>
"""


def export_site(
    notebooks: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    timeout: int = 120,
    kernel_name: str = "python3",
    log: Callable[[str], object] = print,
) -> list[Lesson]:
    """Execute and export ``notebooks`` into the folder ``out``; return the lessons written.

    Parameters
    ----------
    notebooks
        ``.ipynb`` files, in the order the index lists them.
    out
        The site's folder (created): ``index.html``, one page per notebook, ``static/``.
    timeout
        Seconds each cell may run.
    kernel_name
        The Jupyter kernel to run the notebooks with.
    log
        Called with one line per page written (and per partly rendered widget).

    Raises
    ------
    ValueError
        Two notebooks would get the same page name.
    recall_widgets.publishing.execute.NotANotebook
        A path is not a readable notebook.
    nbclient.exceptions.CellExecutionError
        A cell failed: nothing is written, and a site already in ``out`` stays as it was.

    Example
    -------
    >>> export_site(["notebooks/01-what-is-a-session.ipynb"], "site")  # doctest: +SKIP
    [Lesson(source=PosixPath('notebooks/01-what-is-a-session.ipynb'), ...)]
    """
    sources = [Path(n) for n in notebooks]
    pages = {source.stem: f"{source.stem}.html" for source in sources}
    if len(pages) != len(sources):
        names = [s.stem for s in sources]
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"two notebooks would both become {', '.join(twice)}.html; rename one")
    final = Path(out)
    final.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the old site and swap it in only when every page was written: a failed
    # export leaves the old site (or nothing) behind, never half a site.
    site = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
    try:
        lessons = _write_site(sources, pages, site, timeout, kernel_name, log)
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        raise
    _replace(final, site)
    log(f"wrote {final / 'index.html'} ({plural(len(lessons), 'lesson')})")
    return lessons


def _replace(final: Path, built: Path) -> None:
    """Put the folder ``built`` where ``final`` is, removing the old ``final`` after."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        final.rename(old)
    built.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_site(
    sources: Sequence[Path],
    pages: dict[str, str],
    site: Path,
    timeout: int,
    kernel_name: str,
    log: Callable[[str], object],
) -> list[Lesson]:
    """Execute and write every page, the browser files and the index into ``site``."""
    title = course_title(sources)
    tr = translator(site_language(sources))
    course = course_key(title or (sources[0].stem if sources else None))
    shared = Assets()
    lessons = []
    for source in sources:
        nb = execute(source, timeout=timeout, kernel_name=kernel_name)
        lesson = Lesson(source, pages[source.stem], lesson_title(nb, source.stem))
        partly = partly_rendered(nb)
        assets = share_widgets(nb, course)
        shared.add(assets)
        page = to_html(nb, lesson.title, pages, assets, tr)
        (site / lesson.page).write_text(page, encoding="utf-8")
        log(f"{source}: wrote {lesson.page} ({lesson.title})")
        for reference in outside_references(page):
            log(f"{source}: warning: the page loads {reference} from another host")
        for rendered, total in partly:
            log(
                f"{source}: a widget of {total} items has {rendered} rendered; without a "
                "kernel the others show 'Loading…' (split it into sets of at most 200)"
            )
        lessons.append(lesson)
    for path in write_static(site / STATIC_DIR, shared, extra_css=[site_css()]):
        tag = "style" if path.suffix == ".css" else "script"
        text = path.read_text(encoding="utf-8")
        for reference in outside_references(f"<{tag}>{text}</{tag}>"):
            log(f"{STATIC_DIR}/{path.name}: warning: loads {reference} from another host")
    (site / "index.html").write_text(index_page(lessons, title, tr), encoding="utf-8")
    return lessons
