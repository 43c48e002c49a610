"""The peers' text (HTML with TeX, shown with ``innerHTML`` and MathJax) → our deck Markdown.

jupyterquiz and jupytercards put each text into the page with ``innerHTML`` after their
``jaxify`` turned ``$…$`` into ``\\(…\\)`` and ``$$…$$`` into ``\\[…\\]``; MathJax then typesets
those and ``\\begin{…}…\\end{…}``. So a peer's text is HTML whose text may hold TeX, and
:func:`to_markdown` turns it into Markdown that :mod:`recall_widgets.render` shows the same:

- math: ``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]`` and ``\\begin{env}…\\end{env}`` become
  ``$…$`` or ``$$…$$`` (``equation``, ``equation*`` and ``displaymath`` unwrapped, ``gather``
  written ``gathered``), checked with :func:`recall_widgets.tex.tex_to_mathml`; TeX our
  renderer cannot draw is kept as its source in a code span and reported. ``\\$`` is a dollar.
- the simple inline HTML the peers use: ``<i>``/``<em>`` → ``*…*``, ``<b>``/``<strong>`` →
  ``**…**``, ``<s>``/``<del>``/``<strike>`` → ``~~…~~``, ``<code>`` → a code span, ``<pre>``
  → a fenced block (lines of code spans where only one line of Markdown fits), ``<br>`` → a
  line break, ``<p>`` → a paragraph, ``<ul>``/``<ol>``/``<li>`` → a list, ``<a href>`` → a
  link, ``<img src>`` on the web → an image, ``<hr>``; ``<sub>``, ``<sup>`` and ``<kbd>``
  without attributes stay (the renderer allows them); entities are decoded.
- any other tag (``<span style=…>``, ``<div>``, ``<table>``…) is kept visible as text, as the
  renderer shows raw HTML it does not allow, and reported once per tag and field; a comment
  (which learners never saw) is left out and reported.
- everything else is text: Markdown's own characters are escaped so they show as written, and
  white space is collapsed as HTML collapses it.

jupyterquiz's ``jaxify`` also makes links of ``[text](url)`` and ``<http…>``: pass
``links=True`` for its texts (jupytercards shows those as written).
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..tex import TexError, tex_to_mathml

__all__ = ["Converted", "code_block", "code_spans", "plain_text", "to_markdown"]

# Private-use characters: a formula's place in the HTML, and a line the converter made itself.
_MATH_OPEN, _MATH_CLOSE, _OWN_LINE = "\ue000", "\ue001", "\ue002"
_MATH_MARK_RE = re.compile(f"{_MATH_OPEN}(\\d+){_MATH_CLOSE}")
_BEGIN_RE = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
_UNWRAPPED = {"equation", "equation*", "displaymath"}
_RENAMED = {"gather": "gathered", "gather*": "gathered"}
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "source", "area", "col"}
_KEPT_RAW = {"sub", "sup", "kbd"}
_EMPHASIS = {"i": "*", "em": "*", "b": "**", "strong": "**", "s": "~~", "del": "~~"}
_EMPHASIS["strike"] = "~~"
_BLOCK_START_RE = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$)")
_ENTITY_RE = re.compile(r"&(?=#\d+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)")
_JAXIFY_AUTOLINK_RE = re.compile(r"<http(.*?)>")
_JAXIFY_LINK_RE = re.compile(r"\[(.*?)\]\((.*?)\)")


@dataclass
class Converted:
    """A text in Markdown, with what could not be carried as the peer showed it."""

    markdown: str
    problems: list[str] = field(default_factory=list)


# -- math -------------------------------------------------------------------------------------


def _find_math(text: str) -> tuple[str, list[tuple[str, bool]]]:
    """Replace each formula in the raw text by a mark; return the text and the formulas."""
    formulas: list[tuple[str, bool]] = []
    out: list[str] = []
    i, n = 0, len(text)

    def mark(tex: str, display: bool) -> None:
        out.append(f"{_MATH_OPEN}{len(formulas)}{_MATH_CLOSE}")
        formulas.append((tex, display))

    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            nxt = text[i + 1]
            if nxt in "([":
                close = "\\)" if nxt == "(" else "\\]"
                end = text.find(close, i + 2)
                if end >= 0:
                    mark(text[i + 2 : end], nxt == "[")
                    i = end + 2
                    continue
            begin = _BEGIN_RE.match(text, i)
            if begin:
                close = f"\\end{{{begin.group(1)}}}"
                end = text.find(close, begin.end())
                if end >= 0:
                    mark(text[i : end + len(close)], True)
                    i = end + len(close)
                    continue
            out.append(text[i : i + 2])  # \$ and any other escape stay as written
            i += 2
            continue
        if char == "$":
            double = text.startswith("$$", i)
            width = 2 if double else 1
            end = _closing_dollar(text, i + width, double)
            if end >= 0 and text[i + width : end].strip():
                mark(text[i + width : end], double)
                i = end + width
                continue
        out.append(char)
        i += 1
    return "".join(out), formulas


def _closing_dollar(text: str, start: int, double: bool) -> int:
    i = start
    while True:
        i = text.find("$$" if double else "$", i)
        if i < 0:
            return -1
        if text[i - 1] != "\\":
            return i
        i += 1


def _formula_markdown(raw: str, display: bool, problems: list[str]) -> str:
    tex = " ".join(html.unescape(_TAG_RE.sub("", raw)).split())
    begin = _BEGIN_RE.match(tex)
    if begin:
        name = begin.group(1)
        if name in _UNWRAPPED and tex.endswith(f"\\end{{{name}}}"):
            tex = tex[begin.end() : -len(f"\\end{{{name}}}")].strip()
        elif name in _RENAMED:
            new = _RENAMED[name]
            tex = tex.replace(f"\\begin{{{name}}}", f"\\begin{{{new}}}").replace(
                f"\\end{{{name}}}", f"\\end{{{new}}}"
            )
    try:
        tex_to_mathml(tex, display=display)
    except TexError as error:
        dollars = "$$" if display else "$"
        problems.append(
            f"TeX our math renderer cannot draw, kept as its source in code: "
            f"{dollars}{_short(tex)}{dollars}: {error}"
        )
        return _code_span(f"{dollars}{tex}{dollars}")
    return f"$${tex}$$" if display else f"${tex}$"


_TAG_RE = re.compile(r"<[^>]*>")


# -- HTML → a small tree ----------------------------------------------------------------------


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    raw: str
    children: list[_Element | str] = field(default_factory=list)
    closed: bool = False


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", {}, "")
        self.stack = [self.root]
        self.comments = 0
        self.stray_ends: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.get_starttag_text() or "")
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.get_starttag_text() or "")
        element.closed = True
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                self.stack[depth].closed = True
                del self.stack[depth:]
                return
        if tag not in _VOID:
            self.stray_ends.append(tag)
            self.stack[-1].children.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments += 1


# -- the tree → Markdown ----------------------------------------------------------------------


@dataclass
class _Writer:
    formulas: list[tuple[str, bool]]
    problems: list[str]
    inline_only: bool
    code_language: str
    kept_tags: set[str] = field(default_factory=set)

    def children(self, element: _Element, pre: bool = False) -> str:
        return "".join(self.node(child, pre) for child in element.children)

    def node(self, node: _Element | str, pre: bool) -> str:
        if isinstance(node, str):
            return self.text(node, pre)
        tag = node.tag
        if tag in _EMPHASIS and not pre:
            return _wrap(self.children(node), _EMPHASIS[tag])
        if tag == "code" and not pre:
            return _code_span(self.raw_text(node))
        if tag == "pre":
            return self.pre(node)
        if tag == "br":
            return "\n"
        if tag == "p":
            gap = "\n" if self.inline_only else "\n\n"
            return f"{gap}{self.children(node).strip()}{gap}"
        if tag in ("ul", "ol"):
            return self.list(node)
        if tag == "li":
            return f"\n{_OWN_LINE}- {self.children(node).strip()}\n"
        if tag == "a" and node.attrs.get("href"):
            href = node.attrs["href"]
            label = self.children(node).strip()
            if label in ("", _escape(href)) and re.fullmatch(r"https?://[^\s<>]+", href):
                return f"<{href}>"
            return f"[{label or _escape(href)}](<{_link_target(href)}>)"
        if tag == "img" and urllib.parse.urlsplit(node.attrs.get("src", "")).scheme in (
            "http",
            "https",
        ):
            alt = _escape(node.attrs.get("alt", ""))
            return f"![{alt}](<{_link_target(node.attrs['src'])}>)"
        if tag == "hr":
            return "\n" if self.inline_only else f"\n\n{_OWN_LINE}---\n\n"
        if tag in _KEPT_RAW and not node.attrs:
            return f"<{tag}>{self.children(node, pre)}</{tag}>"
        return self.kept_as_text(node, pre)

    def kept_as_text(self, node: _Element, pre: bool) -> str:
        if node.tag not in self.kept_tags:
            self.kept_tags.add(node.tag)
            self.problems.append(
                f"HTML <{node.tag}> kept visible as text: deck Markdown has no such markup "
                "(only <b>, <i>, <em>, <strong>, <code>, <pre>, <br>, <p>, lists, links, "
                "<sub>, <sup> and <kbd> carry over)"
            )
        start = self.text(node.raw, pre=True) if pre else _escape(node.raw)
        inner = self.children(node, pre)
        if node.tag in _VOID or not node.closed:
            return start + inner
        end = f"</{node.tag}>"
        return start + inner + (end if pre else _escape(end))

    def list(self, node: _Element) -> str:
        items = [c for c in node.children if isinstance(c, _Element) and c.tag == "li"]
        others = "".join(self.node(c, False) for c in node.children if c not in items)
        lines = []
        for number, item in enumerate(items, 1):
            bullet = f"{number}." if node.tag == "ol" else "-"
            lines.append(f"{_OWN_LINE}{bullet} {self.children(item).strip()}")
        gap = "\n" if self.inline_only else "\n\n"
        return f"{gap}{others.strip()}{gap if others.strip() else ''}" + "\n".join(lines) + gap

    def pre(self, node: _Element) -> str:
        code = self.raw_text(node).strip("\n")
        if self.inline_only:
            return "\n" + code_spans(code) + "\n"
        return "\n\n" + code_block(code, self.code_language) + "\n\n"

    def raw_text(self, node: _Element | str) -> str:
        """The text of a node as the learner saw it, formulas as their source."""
        if isinstance(node, str):
            return _MATH_MARK_RE.sub(lambda m: self.source_of(int(m.group(1))), node)
        return "".join(self.raw_text(child) for child in node.children)

    def source_of(self, index: int) -> str:
        tex, display = self.formulas[index]
        if tex.startswith("\\begin"):
            return tex
        return f"$${tex}$$" if display else f"${tex}$"

    def text(self, text: str, pre: bool) -> str:
        if pre:
            return self.raw_text(text)
        parts = []
        last = 0
        for match in _MATH_MARK_RE.finditer(text):
            parts.append(_escape(text[last : match.start()], collapse=True))
            tex, display = self.formulas[int(match.group(1))]
            parts.append(_formula_markdown(tex, display, self.problems))
            last = match.end()
        parts.append(_escape(text[last:], collapse=True))
        return "".join(parts)


def _wrap(inner: str, delimiter: str) -> str:
    """``inner`` emphasised, with its outer white space moved outside the delimiters."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{delimiter}{stripped}{delimiter}{trail}"


def _escape(text: str, collapse: bool = False) -> str:
    """Text shown as written in Markdown: its special characters escaped."""
    if collapse:
        text = re.sub(r"[ \t\r\n\f]+", " ", text)
    out = []
    for i, char in enumerate(text):
        if char == "\\":
            out.append("\\$" if text.startswith("\\$", i) else "\\\\")
            continue
        if char == "$" and i > 0 and text[i - 1] == "\\":
            continue  # written with the backslash above: \$ is a dollar
        if char in "`*[]<|~$":
            out.append("\\" + char)
        elif char == "_":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        else:
            out.append(char)
    return _ENTITY_RE.sub("&amp;", "".join(out))


def _code_span(code: str) -> str:
    code = " ".join(code.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") or not code.strip(" ") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _link_target(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def code_block(code: str, language: str = "") -> str:
    """``code`` as a fenced Markdown block (the fence longer than any backtick run in it),
    without the white space at its lines' ends, which shows nothing."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    lines = "\n".join(line.rstrip() for line in code.rstrip().split("\n"))
    return f"{fence}{language}\n{lines}\n{fence}"


def code_spans(code: str) -> str:
    """``code`` as one code span per line, for a text that is one line of Markdown (a choice)."""
    lines = [line for line in code.strip("\n").split("\n")]
    return "\n".join(_code_span(line) if line.strip() else "" for line in lines)


def _tidy(markdown: str, inline_only: bool = False) -> str:
    """Lines trimmed, at most one blank line in a row (none in a one-line text), what would
    start a block escaped."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        if fence is not None:
            lines.append(line)
            if line.strip() == fence:
                fence = None
            continue
        line = line.strip(" ")
        opening = re.match(r"`{3,}", line)
        if opening:
            fence = opening.group()
            lines.append(line)
            continue
        if line.startswith(_OWN_LINE):
            lines.append(line[1:])
            continue
        start = _BLOCK_START_RE.match(line)
        if start and line[0].isdigit():
            at = len(line) - len(line.lstrip("0123456789"))
            line = line[:at] + "\\" + line[at:]
        elif start:
            line = "\\" + line
        if not line and (inline_only or not lines or not lines[-1]):
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n")


def _jaxify_links(text: str) -> str:
    """jupyterquiz's ``jaxify`` links: ``<http…>`` and ``[text](url)`` as anchors."""
    text = _JAXIFY_AUTOLINK_RE.sub(
        lambda m: f'<a href="http{html.escape(m.group(1))}">http{m.group(1)}</a>', text
    )
    return _JAXIFY_LINK_RE.sub(
        lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', text
    )


def to_markdown(
    text: str, *, links: bool = False, inline_only: bool = False, code_language: str = ""
) -> Converted:
    """A peer's HTML text as deck Markdown, with what could not be carried as it was shown.

    ``inline_only`` for a text shown as one line of Markdown (a choice): paragraphs and code
    blocks become line breaks and lines of code spans. ``code_language`` names the language
    of ``<pre>`` blocks' fences.

    Example
    -------
    >>> to_markdown("The <i>mean</i> of $x_1, x_2$ is <code>np.mean(x)</code>").markdown
    'The *mean* of $x_1, x_2$ is `np.mean(x)`'
    """
    if links:
        text = _jaxify_links(text)
    marked, formulas = _find_math(text)
    builder = _parsed(marked)
    problems: list[str] = []
    writer = _Writer(formulas, problems, inline_only, code_language)
    markdown = _tidy(writer.children(builder.root), inline_only)
    for tag in dict.fromkeys(builder.stray_ends):
        problems.append(f"a closing </{tag}> with no opening tag, kept visible as text")
    if builder.comments:
        problems.append(
            f"{builder.comments} HTML comment{'s' if builder.comments > 1 else ''} left out "
            "(learners never saw it)"
        )
    return Converted(markdown, problems)


def _parsed(text: str) -> _TreeBuilder:
    """``text`` parsed as a browser would, near enough: ``<![…`` (CDATA, which HTML has not)
    is text, as a browser shows it."""
    builder = _TreeBuilder()
    builder.feed(text.replace("<![", "&lt;!["))
    builder.close()
    return builder


def plain_text(text: str) -> str:
    """The words of a peer's text, tags and entities gone, formulas kept as their source: for
    ids and messages."""
    builder = _parsed(text)

    def words(node: _Element | str) -> str:
        if isinstance(node, str):
            return node
        return " ".join(words(child) for child in node.children)

    return " ".join(words(builder.root).split())
