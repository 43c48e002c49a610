"""The widgets' front-end files: where they are, and each widget's ``_esm`` and ``_css``.

``frontend/`` holds ``src/`` (plain ES modules with JSDoc types: what you edit), one committed
bundle per widget built from them by ``build.mjs`` (``make js``), and the stylesheets:
``common.css``, one per shared view and one per widget.

A course's own widget keeps its files in a folder of its own (its bundle, built from its
``src/``, and its stylesheet) and loads them with :func:`asset_files`, public as
``recall_widgets.asset_files``::

    ASSETS = pathlib.Path(__file__).parent / "assets"

    class CookieInspector(anywidget.AnyWidget):
        _esm, _css = asset_files(ASSETS, "cookie_inspector.js", "cookie_inspector.css")
"""

from __future__ import annotations

import os
import pathlib

__all__ = ["FRONTEND", "asset_files", "widget_css", "widget_esm"]

FRONTEND = pathlib.Path(__file__).parent / "frontend"
"""The front end: ``src/`` (ES modules), the committed bundles and the stylesheets."""


def widget_css(*names: str, folder: str | os.PathLike[str] = FRONTEND) -> str:
    """``frontend/common.css`` followed by the named stylesheets, in order, as one CSS text.

    Views shared by several widgets have their own stylesheet, scoped to the view's root class
    (``card_view.css``: ``.recall-card-view …``), listed before the widget's own:
    ``_css = widget_css("card_view.css", "flashcards.css")``. The named files are read from
    ``folder`` (default: the engine's ``frontend/``); ``common.css`` always from the engine.
    """
    if not names:
        raise ValueError("widget_css() needs the widget's own file, e.g. widget_css('quiz.css')")
    where = pathlib.Path(folder)
    texts = [(FRONTEND / "common.css").read_text(encoding="utf-8")]
    texts += [_file(where, name, "stylesheet").read_text(encoding="utf-8") for name in names]
    return "\n".join(texts)


def widget_esm(name: str, folder: str | os.PathLike[str] = FRONTEND) -> pathlib.Path:
    """The widget's ES module: its bundle ``frontend/<name>`` (or ``folder/<name>``), a path.

    A bundle is one file holding the widget's module, ``frontend/src/<name>``, and every module
    it imports (``common.js``, the shared views), joined by esbuild: anywidget loads ``_esm`` as
    a single module that cannot import its sibling files. ``npm run build`` (``make js``) writes
    the bundles and they are committed, so the package needs no Node;
    ``tests/widgets/test_frontend_bundles.py`` fails when one is stale. A path (not its text)
    lets anywidget reload the widget when the file changes, with ``ANYWIDGET_HMR=1`` and
    ``npm run watch``.
    """
    return _file(pathlib.Path(folder), name, "bundle")


def asset_files(folder: str | os.PathLike[str], esm: str, *css: str) -> tuple[pathlib.Path, str]:
    """A course widget's ``_esm`` and ``_css`` from the folder of its files.

    Parameters
    ----------
    folder
        The folder holding the widget's bundle and stylesheets (e.g. the course package's
        ``assets/``).
    esm
        The bundle's file name in ``folder`` (an ES module exporting ``render``; a path, so
        ``ANYWIDGET_HMR=1`` reloads it).
    *css
        Its stylesheets in ``folder``, appended in order to the engine's ``common.css`` (the
        look every widget shares: the theme's colours, ``.recall-widget``, the toolbar, the
        notice line).

    Returns
    -------
    tuple of (Path, str)
        ``(bundle path, CSS text)``: ``_esm, _css = asset_files(ASSETS, "x.js", "x.css")``.

    Raises
    ------
    FileNotFoundError
        A file is missing; the message names it (a bundle: build it first).
    """
    return widget_esm(esm, folder), widget_css(*css, folder=folder) if css else _common_css()


def _common_css() -> str:
    return (FRONTEND / "common.css").read_text(encoding="utf-8")


def _file(folder: pathlib.Path, name: str, what: str) -> pathlib.Path:
    path = folder / name
    if not path.is_file():
        if what == "bundle":
            raise FileNotFoundError(f"no bundle {path}: build it with `make js` (npm run build)")
        raise FileNotFoundError(f"no {what} {path}")
    return path
