"""``recall-widgets embed``: widgets as one self-contained HTML fragment (or page) for any site.

The fragment is :func:`recall_widgets.publishing.runtime.fragment`'s — the widgets' saved
state, their modules, one stylesheet and the static runtime, all inline — inside a labelled
``<section>``, so it can be pasted into a MkDocs page, a Sphinx ``.. raw:: html`` block, a
Jupyter Book page or any hand-written page, and works there with no kernel, no network and no
other file. Several fragments may share a page. Progress is kept in the reader's browser under
the course's name. docs/embedding.md has the snippet for each kind of site.

The widgets are built by the caller (the command line builds them from a deck); this module
only makes the HTML, and :func:`building` is the setting to build them in: every item
rendered (no kernel will render more later) and an empty temporary progress store (so the
builder's own progress never reaches the page).
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["EMBED_CSS", "building", "embed_fragment", "embed_page", "write_embed"]

EMBED_CSS = Path(__file__).resolve().parent / "embed.css"
"""The fragment's own defaults against a host theme's element styles (inlined in each)."""


@contextmanager
def building() -> Iterator[None]:
    """Build widgets for a page inside this: all items rendered, an empty progress store."""
    saved = {name: os.environ.get(name) for name in ("RECALL_RENDER_ALL", "RECALL_PROGRESS")}
    with tempfile.TemporaryDirectory(prefix="recall-embed-") as folder:
        os.environ["RECALL_RENDER_ALL"] = "1"
        os.environ["RECALL_PROGRESS"] = str(Path(folder) / "progress.sqlite3")
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def embed_fragment(widgets: Sequence[Any], *, course: str, title: str) -> str:
    """One HTML fragment showing ``widgets``, self-contained, for any page of any site.

    Parameters
    ----------
    widgets
        The widgets, built inside :func:`building` (e.g. a ``Quiz`` and a ``Flashcards``).
    course
        The name the reader's progress is kept under in their browser (one per course, so
        two decks of one course share it and two courses on one site do not).
    title
        What the widgets are, for the section's accessible name (e.g. the deck's title).

    Returns
    -------
    str
        ``<section class="recall-embedded" aria-label="…">`` holding :data:`EMBED_CSS` and the
        runtime's fragment.
    """
    from .runtime import fragment

    label = html.escape(title, quote=True)
    css = EMBED_CSS.read_text(encoding="utf-8").replace("</", "<\\/")
    return (
        f'<section class="recall-embedded" aria-label="{label}">\n<style>{css}</style>\n'
        f"{fragment(list(widgets), course=course)}\n</section>\n"
    )


def embed_page(fragment: str, *, title: str, lang: str = "en") -> str:
    """A whole HTML page around a fragment: to open as a file, or to put in an ``<iframe>``.

    The page follows the reader's light or dark preference (``color-scheme``), as the
    fragment's own styles do.
    """
    name = html.escape(title, quote=False)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{name}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:0 auto;"
        "padding:1rem 1.25rem;line-height:1.5}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{name}</h1>\n{fragment}</main>\n</body>\n</html>\n"
    )


def write_embed(path: str | os.PathLike[str], text: str) -> Path:
    """Write a fragment or page to ``path`` (its folder created), all at once: a failed write
    leaves no half file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target
