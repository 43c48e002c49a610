"""Babel's extractor for the page's tornado template (``make i18n``, the ``pulse`` domain).

``templates/page.html`` shows its texts through ``{{ t("…") }}``, ``{{ nt("…", "…", n) }}``
and ``{% raw html(t("…"), …) %}``; Babel reads Python and JavaScript, not tornado templates.
This extractor hands the expressions inside ``{{ … }}`` and ``{% raw … %}`` to Babel's Python
extractor, each on its own line of the template, so the strings are found with their lines and
``TRANSLATORS:`` comments (a ``{# TRANSLATORS: … #}`` on the line before) as in Python code.
``locale/pulse.cfg`` names it in its ``[extractors]`` section.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

__all__ = ["expressions_source", "extract_tornado"]

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}|\{%-?\s*raw\s(.*?)-?%\}|\{#(.*?)#\}", re.DOTALL)


def expressions_source(template: str) -> str:
    """Python text holding the template's expressions (and its ``{# … #}`` comments as ``#``
    comments), each on the line where the template has it; everything else is blank lines."""
    lines: list[list[str]] = [[] for _ in range(template.count("\n") + 1)]
    for match in _EXPRESSION.finditer(template):
        line = template.count("\n", 0, match.start())
        expression, raw, comment = match.groups()
        if comment is not None:
            lines[line].append("# " + " ".join(comment.split()))
        else:
            code = " ".join((expression if expression is not None else raw).split())
            lines[line].append(f"({code})")
    out = []
    for parts in lines:
        statements = "; ".join(p for p in parts if not p.startswith("#"))
        comments = " ".join(p for p in parts if p.startswith("#"))
        out.append(
            f"{statements}  {comments}" if statements and comments else statements or comments
        )
    return "\n".join(out) + "\n"


def extract_tornado(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Any]:
    """Babel's extractor interface: the messages of a tornado template (see the module)."""
    encoding = str(options.get("encoding", "utf-8"))
    source = expressions_source(fileobj.read().decode(encoding))
    yield from extract_python(
        io.BytesIO(source.encode("utf-8")), keywords, comment_tags, {"encoding": "utf-8"}
    )
