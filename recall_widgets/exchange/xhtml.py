"""Our rendered HTML as well-formed XML elements: the content of a QTI item.

:mod:`recall_widgets.render` makes sanitized HTML (void elements unclosed, entities such as
``&nbsp;``); QTI 2.1 wants its XHTML subset in the QTI namespace and MathML in MathML's. This
reads that HTML with the standard library's parser and builds ElementTree elements: each
element the renderer may emit gets its QTI name (``s`` and ``del``, which QTI lacks, become a
``span`` with a class), attributes QTI does not have (``target``, ``rel``, ``start``) are left
out, an image keeps ``src`` and gets the ``alt`` QTI requires, and MathML keeps its
presentation attributes. Nothing is joined as text: the XML is serialized by ElementTree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

__all__ = ["MATHML_NS", "append_html"]

MATHML_NS = "http://www.w3.org/1998/Math/MathML"

_VOID = frozenset({"br", "hr", "img"})
#: The renderer's elements QTI 2.1 has under the same name, with the attributes kept.
_KEPT: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "kbd", "sub", "sup",
            "span", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6", "table", "thead",
            "tbody", "tr", "th", "td", "div",
        ),
        frozenset({"class"}),
    ),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
}  # fmt: skip
#: Elements QTI lacks, as a span with this class.
_AS_SPAN = {"s": "recall-strikethrough", "del": "recall-strikethrough"}


class _Builder(HTMLParser):
    def __init__(self, parent: ET.Element, namespace: str) -> None:
        super().__init__(convert_charrefs=True)
        self.namespace = namespace
        self.stack = [parent]
        self.math_depth = 0

    def _name(self, tag: str) -> tuple[str, dict[str, str]] | None:
        if tag == "math" or self.math_depth:
            return f"{{{MATHML_NS}}}{tag}", {}
        own = f"{{{self.namespace}}}" if self.namespace else ""
        if tag in _AS_SPAN:
            return f"{own}span", {"class": _AS_SPAN[tag]}
        if tag in _KEPT:
            return f"{own}{tag}", {}
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = self._name(tag)
        if named is None:  # not one the renderer makes: keep its text, lose the tag
            return
        name, extra = named
        in_math = name.startswith(f"{{{MATHML_NS}}}")
        allowed = _KEPT.get(tag, frozenset())
        values = {k: v or "" for k, v in attrs if in_math or k in allowed}
        if tag == "img":
            values.setdefault("alt", "")
        element = ET.SubElement(self.stack[-1], name, {**values, **extra})
        if tag in _VOID and not in_math:
            return
        self.stack.append(element)
        if in_math:
            self.math_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID and not self.math_depth:
            return
        named = self._name(tag)
        if named is None:
            return
        for depth in range(len(self.stack) - 1, 0, -1):  # close up to the matching element
            if self.stack[depth].tag == named[0]:
                for closed in self.stack[depth:]:
                    if closed.tag.startswith(f"{{{MATHML_NS}}}"):
                        self.math_depth -= 1
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        current = self.stack[-1]
        if len(current):
            last = current[-1]
            last.tail = (last.tail or "") + data
        else:
            current.text = (current.text or "") + data


def append_html(parent: ET.Element, markup: str, namespace: str) -> ET.Element:
    """Append the elements and text of ``markup`` (our renderer's HTML) to ``parent``, HTML
    elements in ``namespace`` (none when empty) and MathML in :data:`MATHML_NS`; returns ``parent``.

    Example
    -------
    >>> div = append_html(ET.Element("div"), "<p>a<br>b&amp;<s>c</s></p>", "")
    >>> ET.tostring(div, encoding="unicode")
    '<div><p>a<br />b&amp;<span class="recall-strikethrough">c</span></p></div>'
    """
    builder = _Builder(parent, namespace)
    builder.feed(markup)
    builder.close()
    return parent
