"""The static runtime: widgets drawn from their saved state, with no kernel and no network.

A page (``recall-widgets export-html``) or a fragment for another site holds the widgets' saved
state — the usual ``application/vnd.jupyter.widget-state+json`` document — and one
``widget-view`` script where each widget shows. ``static/recall-runtime.js``, a classic script
(it runs from ``file://``, where Chromium refuses module scripts by ``src``), hands each
widget's anywidget ES module the model it uses (``get``, ``set``, ``on``, ``off``,
``save_changes``, ``send``) and keeps what the learner does in the browser's localStorage, per
course (see the script's header). No require.js, no Jupyter widgets renderer.

:func:`split_state` takes the widgets' code out of the state: each model's ``_esm`` becomes
``"recall-module:<hash>"`` and its ``_css`` ``"recall-style:<hash>"``, their texts collected
in :class:`Assets` once however many widgets and pages use them; so are the translation
catalogs of each model's ``_i18n`` (``"recall-i18n:<hash>"``: the language Python chose, or
every shipped language of a domain for the runtime to pick from). A site writes them as shared files
(:func:`write_static`, :func:`linked_head`); a fragment inlines them (:func:`inline_head`,
:func:`fragment`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CATALOG_REF",
    "MODULE_REF",
    "RUNTIME_FILE",
    "STATIC",
    "STYLESHEET_FILE",
    "STYLE_REF",
    "Assets",
    "catalog_file",
    "catalog_script",
    "course_key",
    "fragment",
    "inline_head",
    "linked_head",
    "module_file",
    "module_script",
    "page_css",
    "runtime_script",
    "split_state",
    "state_markup",
    "stylesheet",
    "view_markup",
    "widget_state",
    "write_static",
]

STATIC = Path(__file__).resolve().parent / "static"
"""The runtime's own files: ``recall-runtime.js`` and ``recall-page.css``."""
RUNTIME_FILE = "recall-runtime.js"
STYLESHEET_FILE = "recall-widgets.css"
MODULE_REF = "recall-module:"
STYLE_REF = "recall-style:"
CATALOG_REF = "recall-i18n:"
STATE_TYPE = "application/vnd.jupyter.widget-state+json"
VIEW_TYPE = "application/vnd.jupyter.widget-view+json"


@dataclass
class Assets:
    """The widgets' code a page or fragment needs, each text once, by its content hash."""

    modules: dict[str, str] = field(default_factory=dict)
    """ES module texts by hash (``module-<hash>.js`` in a site)."""
    styles: dict[str, str] = field(default_factory=dict)
    """CSS texts by hash, in first-use order (all in one stylesheet)."""
    catalogs: dict[str, str] = field(default_factory=dict)
    """Translation catalogs (a model's ``_i18n`` JSON text) by hash (``catalog-<hash>.js``)."""

    def add(self, other: Assets) -> None:
        """Add another page's assets (the ones already here are kept once)."""
        self.modules.update(other.modules)
        self.styles.update(other.styles)
        self.catalogs.update(other.catalogs)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def course_key(title: str | None) -> str:
    """The course's name in the browser's storage: its title, lowercased, dashes for the rest."""
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "course").lower()).strip("-")
    return slug or "course"


def split_state(state_doc: Mapping[str, Any], course: str) -> tuple[dict[str, Any], Assets]:
    """A widget-state document without the widgets' code, and that code.

    Parameters
    ----------
    state_doc
        ``{"version_major": 2, "version_minor": 0, "state": {model_id: {"model_name": …,
        "state": {traits}}}}`` (a notebook's ``metadata.widgets`` entry, or
        :func:`widget_state`).
    course
        The course the widgets belong to: the localStorage namespace of the learner's
        progress (:func:`course_key`).

    Returns
    -------
    tuple of (dict, Assets)
        The document (a copy: ``_esm``/``_css``/``_i18n`` replaced by references, and
        ``"recall": {"course": course}``) and the texts taken out of it.
    """
    assets = Assets()
    models: dict[str, Any] = {}
    for model_id, model in dict(state_doc.get("state", {})).items():
        traits = dict(model.get("state", {}))
        esm, css = traits.get("_esm"), traits.get("_css")
        if isinstance(esm, str) and esm and not esm.startswith(MODULE_REF):
            digest = _digest(esm)
            assets.modules[digest] = esm
            traits["_esm"] = MODULE_REF + digest
        if isinstance(css, str) and css and not css.startswith(STYLE_REF):
            digest = _digest(css)
            assets.styles[digest] = css
            traits["_css"] = STYLE_REF + digest
        catalog = traits.get("_i18n")
        if isinstance(catalog, str) and catalog and not catalog.startswith(CATALOG_REF):
            digest = _digest(catalog)
            assets.catalogs[digest] = catalog
            traits["_i18n"] = CATALOG_REF + digest
        models[model_id] = {**model, "state": traits}
    doc = {
        "version_major": state_doc.get("version_major", 2),
        "version_minor": state_doc.get("version_minor", 0),
        "state": models,
        "recall": {"course": course},
    }
    return doc, assets


def widget_state(widgets: Sequence[Any]) -> dict[str, Any]:
    """The widget-state document of live widgets (each and every model it refers to).

    No kernel is needed: the widgets' traits are read in Python (as ``ipywidgets.embed`` does).
    """
    from ipywidgets.embed import dependency_state

    return {
        "version_major": 2,
        "version_minor": 0,
        "state": dependency_state(list(widgets), drop_defaults=False),
    }


def _script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</``, ``<!--`` or line separators break out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def view_markup(model_id: str) -> str:
    """Where one widget shows: its ``widget-view`` script (the runtime draws it just before)."""
    view = {"version_major": 2, "version_minor": 0, "model_id": model_id}
    return f'<script type="{VIEW_TYPE}">{_script_json(view)}</script>'


def state_markup(state_doc: Mapping[str, Any]) -> str:
    """The ``widget-state`` script holding the models (after :func:`split_state`)."""
    return f'<script type="{STATE_TYPE}">{_script_json(state_doc)}</script>'


def module_script(digest: str, text: str) -> str:
    """A classic script defining one widget module for the runtime (it works in any order)."""
    return (
        "(window.RecallRuntime = window.RecallRuntime || {modules: {}}).modules"
        f"[{json.dumps(digest)}] = {_script_json(text)};\n"
    )


def catalog_script(digest: str, text: str) -> str:
    """A classic script giving the runtime one translation catalog (it works in any order)."""
    return (
        "((window.RecallRuntime = window.RecallRuntime || {modules: {}}).catalogs = "
        "window.RecallRuntime.catalogs || {})"
        f"[{json.dumps(digest)}] = {_script_json(text)};\n"
    )


def catalog_file(digest: str) -> str:
    """The file name of a translation catalog in a site's ``static/``."""
    return f"catalog-{digest}.js"


def module_file(digest: str) -> str:
    """The file name of a widget module in a site's ``static/``."""
    return f"module-{digest}.js"


def runtime_script() -> str:
    """The runtime's JavaScript (``static/recall-runtime.js``)."""
    return (STATIC / RUNTIME_FILE).read_text(encoding="utf-8")


def page_css() -> str:
    """The runtime's own CSS: the progress bar, and dark mode for fragments on other sites."""
    return (STATIC / "recall-page.css").read_text(encoding="utf-8")


def stylesheet(assets: Assets, *, extra: Sequence[str] = ()) -> str:
    """One CSS text: ``extra`` (a page's own), the runtime's, then every widget style once."""
    return "\n".join([*extra, page_css(), *assets.styles.values()])


def _inline(tag: str, text: str) -> str:
    # A script or style text can't hold its own end tag; JSON above is escaped already, the
    # runtime and CSS are ours, but stay safe for any widget CSS.
    safe = re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)
    return f"<{tag}>{safe}</{tag}>"


def inline_head(assets: Assets) -> str:
    """Everything the widgets need, inline: one ``<style>``, the runtime, their modules."""
    parts = [_inline("style", stylesheet(assets))]
    parts += [_inline("script", module_script(d, t)) for d, t in assets.modules.items()]
    parts += [_inline("script", catalog_script(d, t)) for d, t in assets.catalogs.items()]
    parts.append(_inline("script", runtime_script()))  # last: the modules are defined
    return "\n".join(parts)


def linked_head(assets: Assets, static: str = "static/") -> str:
    """The tags loading a site's shared files: its stylesheet, the runtime, the modules used."""
    tags = [f'<link rel="stylesheet" href="{html.escape(static + STYLESHEET_FILE)}">']
    tags.append(f'<script src="{html.escape(static + RUNTIME_FILE)}"></script>')
    tags += [
        f'<script src="{html.escape(static + module_file(digest))}"></script>'
        for digest in assets.modules
    ]
    tags += [
        f'<script src="{html.escape(static + catalog_file(digest))}"></script>'
        for digest in assets.catalogs
    ]
    return "\n".join(tags)


def write_static(folder: Path, assets: Assets, *, extra_css: Sequence[str] = ()) -> list[Path]:
    """Write a site's shared files into ``folder``: runtime, one stylesheet, each module once."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {
        folder / RUNTIME_FILE: runtime_script(),
        folder / STYLESHEET_FILE: stylesheet(assets, extra=extra_css),
    }
    for digest, text in assets.modules.items():
        written[folder / module_file(digest)] = module_script(digest, text)
    for digest, text in assets.catalogs.items():
        written[folder / catalog_file(digest)] = catalog_script(digest, text)
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return list(written)


def fragment(widgets: Sequence[Any], *, course: str) -> str:
    """One self-contained HTML fragment showing ``widgets``, for any page of any site.

    It holds its stylesheet, the runtime, the widgets' modules and state, and needs nothing
    else: no kernel, no network, no other file. Several fragments can share a page (the runtime
    runs once; each draws its own widgets). Progress is kept in the browser under ``course``.
    """
    doc, assets = split_state(widget_state(widgets), course)
    views = "\n".join(view_markup(widget.model_id) for widget in widgets)
    return (
        f'<div class="recall-embed">\n{views}\n{state_markup(doc)}\n{inline_head(assets)}\n</div>'
    )
