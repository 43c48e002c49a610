"""The widgets' front-end files: where they are, and each widget's ``_esm`` and ``_css``.

``frontend/`` holds ``src/`` (plain ES modules with JSDoc types: what you edit), one committed
bundle per widget built from them by ``build.mjs`` (``make js``), and the stylesheets:
``common.css``, one per shared view and one per widget.
"""

from __future__ import annotations

import pathlib

__all__ = ["FRONTEND", "widget_css", "widget_esm"]

FRONTEND = pathlib.Path(__file__).parent / "frontend"
"""The front end: ``src/`` (ES modules), the committed bundles and the stylesheets."""


def widget_css(*names: str) -> str:
    """``frontend/common.css`` followed by the named stylesheets, in order, as one CSS text.

    Views shared by several widgets have their own stylesheet, scoped to the view's root class
    (``card_view.css``: ``.recall-card-view …``), listed before the widget's own:
    ``_css = widget_css("card_view.css", "flashcards.css")``.
    """
    if not names:
        raise ValueError("widget_css() needs the widget's own file, e.g. widget_css('quiz.css')")
    return "\n".join((FRONTEND / f).read_text(encoding="utf-8") for f in ("common.css", *names))


def widget_esm(name: str) -> pathlib.Path:
    """The widget's ES module: its bundle ``frontend/<name>``, as a path for ``_esm``.

    A bundle is one file holding the widget's module, ``frontend/src/<name>``, and every module
    it imports (``common.js``, the shared views), joined by esbuild: anywidget loads ``_esm`` as
    a single module that cannot import its sibling files. ``npm run build`` (``make js``) writes
    the bundles and they are committed, so the package needs no Node;
    ``tests/widgets/test_frontend_bundles.py`` fails when one is stale. A path (not its text)
    lets anywidget reload the widget when the file changes, with ``ANYWIDGET_HMR=1`` and
    ``npm run watch``.
    """
    path = FRONTEND / name
    if not path.is_file():
        raise FileNotFoundError(f"no bundle {path}: build it with `make js` (npm run build)")
    return path
