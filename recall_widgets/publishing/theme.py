"""The look of a static course site's lesson pages: one stylesheet shared by every page.

JupyterLab's page styles (nbconvert's ``lab`` template: ``index.css``), its light theme, and its
dark theme under ``@media (prefers-color-scheme: dark)`` — the same variables the widgets read,
so a learner whose browser prefers dark gets dark pages and widgets — then code highlighting
(``jupyterlab_pygments``, whose colours are those variables too) and the site's navigation.
Written once into ``static/`` with the widgets' styles (:func:`.runtime.write_static`), where
nbconvert would have inlined about 270 kB of CSS into every page.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["lab_static", "site_css"]

_PAGE = """
/* nbconvert's lab template, as it inlines it */
a.anchor-link { display: none; }
.jp-InputArea { overflow: hidden; }
.jp-InputArea-editor { overflow: hidden; }
.cm-editor.cm-s-jupyter .highlight pre {
  padding: var(--jp-code-padding) 4px; margin: 0;
  font-family: inherit; font-size: inherit; line-height: inherit; color: inherit;
}
.jp-OutputArea-output pre { line-height: inherit; font-family: inherit; }
.jp-RenderedText pre { color: var(--jp-content-font-color1); font-size: var(--jp-code-font-size); }
.jp-Collapser { display: none; }
@media print {
  .jp-Cell-inputWrapper, .jp-Cell-outputWrapper { display: block; }
}
/* the course site; code colours at AA contrast (>= 4.5:1) on the cells' background */
:root { color-scheme: light; }
:root {
  --jp-mirror-editor-keyword-color: #007000;
  --jp-mirror-editor-atom-color: #4040c0;
  --jp-mirror-editor-number-color: #007000;
  --jp-mirror-editor-def-color: #0000d0;
  --jp-mirror-editor-punctuation-color: #004f9e;
  --jp-mirror-editor-property-color: #004f9e;
  --jp-mirror-editor-operator-color: #8a00d4;
  --jp-mirror-editor-comment-color: #3d6e6e;
  --jp-mirror-editor-string-color: #b01e1e;
  --jp-mirror-editor-meta-color: #8a00d4;
  --jp-mirror-editor-qualifier-color: #555555;
  --jp-mirror-editor-builtin-color: #007000;
  --jp-mirror-editor-bracket-color: #6b6b4a;
  --jp-mirror-editor-tag-color: #116600;
  --jp-mirror-editor-attribute-color: #0000c0;
  --jp-mirror-editor-header-color: #0000d0;
  --jp-mirror-editor-quote-color: #007000;
  --jp-mirror-editor-link-color: #0000c0;
  --jp-mirror-editor-error-color: #c00000;
  --jp-mirror-editor-hr-color: #767676;
}
body.recall-static { background: var(--jp-layout-color0); color: var(--jp-content-font-color1); }
.recall-site-nav { max-width: 1000px; margin: 0 auto; padding: 8px 16px;
  font: var(--jp-ui-font-size1) var(--jp-ui-font-family); }
.recall-site-nav a { color: var(--jp-content-link-color, #1976d2); }
/* The cells' In/Out prompts at AA contrast (JupyterLab's are lighter) */
.jp-Notebook .jp-Cell .jp-InputPrompt.jp-InputArea-prompt,
.jp-Notebook .jp-Cell .jp-OutputPrompt.jp-OutputArea-prompt {
  color: #616161; opacity: 1;
}
"""

_DARK_PAGE = """
:root { color-scheme: dark; }
:root {
  --jp-mirror-editor-keyword-color: #66bb6a;
  --jp-mirror-editor-atom-color: #90caf9;
  --jp-mirror-editor-number-color: #81c784;
  --jp-mirror-editor-def-color: #64b5f6;
  --jp-mirror-editor-punctuation-color: #42a5f5;
  --jp-mirror-editor-property-color: #42a5f5;
  --jp-mirror-editor-operator-color: #ce93d8;
  --jp-mirror-editor-comment-color: #80b0b0;
  --jp-mirror-editor-string-color: #ff7070;
  --jp-mirror-editor-meta-color: #ce93d8;
  --jp-mirror-editor-qualifier-color: #b0b0b0;
  --jp-mirror-editor-builtin-color: #66bb6a;
  --jp-mirror-editor-bracket-color: #c8c8a0;
  --jp-mirror-editor-tag-color: #81c784;
  --jp-mirror-editor-attribute-color: #90caf9;
  --jp-mirror-editor-header-color: #64b5f6;
  --jp-mirror-editor-quote-color: #a5d6a7;
  --jp-mirror-editor-link-color: #90caf9;
  --jp-mirror-editor-error-color: #ff6b6b;
  --jp-mirror-editor-hr-color: #9e9e9e;
}
.jp-Notebook .jp-Cell .jp-InputPrompt.jp-InputArea-prompt,
.jp-Notebook .jp-Cell .jp-OutputPrompt.jp-OutputArea-prompt { color: #ababab; }
"""


def lab_static() -> Path:
    """nbconvert's ``lab`` template's ``static/`` folder (``index.css``, the two themes)."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    for base in TemplateExporter().template_paths:  # type: ignore[no-untyped-call]
        folder = Path(base) / "lab" / "static"
        if (folder / "index.css").is_file():
            return folder
    raise FileNotFoundError("nbconvert's lab template (static/index.css) is not installed")


def _highlighting() -> str:
    from jupyterlab_pygments import JupyterStyle  # type: ignore[import-untyped]
    from pygments.formatters import HtmlFormatter

    formatter = HtmlFormatter(style=JupyterStyle)
    return str(formatter.get_style_defs(".highlight"))  # type: ignore[no-untyped-call]


def site_css() -> str:
    """The lesson pages' CSS (the site's stylesheet adds the widgets' to it)."""
    lab = lab_static()

    def read(name: str) -> str:
        return (lab / name).read_text(encoding="utf-8")

    dark = read("theme-dark.css")
    return "\n".join(
        [
            read("index.css"),
            read("theme-light.css"),
            _highlighting(),
            _PAGE,
            f"@media (prefers-color-scheme: dark) {{\n{dark}\n{_DARK_PAGE}\n}}",
        ]
    )
