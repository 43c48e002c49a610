"""Markdown to sanitized HTML: the only place deck content becomes HTML.

Pipeline: markdown-it-py (CommonMark + tables + strikethrough; raw HTML passed on only for a
few attribute-free tags such as ``<br>`` and ``<kbd>``, any other raw HTML shown as text; single
newlines become ``<br>``) -> fenced code highlighted by Pygments -> nh3 (ammonia) with an
explicit allow-list -> a final URL check of every ``href``/``src``.

What the output may contain
---------------------------
Elements: ``p br hr em strong b i s del code pre kbd sub sup ul ol li blockquote h3 h4 h5 h6
table thead tbody tr th td span a img``. Markdown headings are shifted down two levels
(``#`` -> ``<h3>``, ``##`` -> ``<h4>``, deeper ones -> ``<h5>``/``<h6>``) so an item never
outshouts the notebook around it; raw ``<h1>``/``<h2>`` from authors lose their tags and keep
their text. Every other element (``script``, ``style``, ``iframe``, ``object``, ``form``,
``svg``…) is removed; the contents of ``script``, ``style`` and the other raw-text elements go
with it, the text of the rest stays, escaped.

Math: ``$…$`` and ``$$…$$`` (found by :mod:`recall_widgets.tex`, never in code or after an
escaped ``\\$``) become MathML: ``math mrow mi mn mo ms mtext mspace mfrac msqrt mroot mstyle
merror mpadded mphantom menclose msub msup msubsup munder mover munderover mmultiscripts
mprescripts mtable mtr mtd`` with presentation attributes only (``display``, ``mathvariant``,
``stretchy``, ``columnalign``…; values letters, digits, spaces and ``.#%+-``). Never ``href``,
``xlink:href``, ``src``, ``style``, ``class`` or ``id`` on them; ``maction``, ``semantics``,
``annotation`` and ``annotation-xml`` (an HTML integration point) go with their content. Bad
TeX is shown as its source in ``<code class="recall-math-error">`` followed by what is wrong
(the deck loader has already refused it; this is for decks built in Python).

Attributes: ``a[href title]`` (plus ``target="_blank"`` and ``rel="noopener noreferrer"``,
always set by the sanitizer), ``img[src alt title]``, ``ol[start]``, ``th/td`` nothing, and
``class`` only where the renderer puts it (see below). Never ``id``, ``style`` or ``on*``.

URLs: ``href`` may be ``http:``, ``https:``, ``mailto:`` or relative; ``src`` only ``http:``,
``https:``, relative, or a base64 ``data:image/png|jpeg|gif|webp`` URL (never SVG, never in a
link). Anything else (``javascript:``, ``data:`` in a link, ``vbscript:``, whatever its
casing, entities, control characters or percent-encoding) drops the attribute.

Images: given ``base=`` (the deck file's folder), a relative image, ``![alt](images/x.png)``,
is read from that folder and inlined as a ``data:`` URL, so it shows in JupyterLab and in the
static site alike; PNG, JPEG, GIF and WebP up to :data:`MAX_IMAGE_BYTES`. A missing,
oversized or SVG image is an :class:`ImageError` naming the image and the file.

CSS classes for the widget stylesheet
-------------------------------------
Fenced code is emitted as::

    <pre class="recall-code"><code class="language-python"><span class="k">def</span> …</code></pre>

``language-…`` appears only when the fence names a language (letters, digits, ``_+#.-``);
unknown languages are shown as escaped plain text. Token spans carry Pygments' short class
names (``pygments.token.STANDARD_TYPES``), e.g. ``.k`` keyword (``.kc .kd .kn .kp .kr .kt``),
``.n`` name (``.nb`` builtin, ``.nf`` function, ``.nc`` class, ``.nd`` decorator, ``.nn``
namespace, ``.bp`` self), ``.s`` string (``.s1 .s2 .sa .sd .se .si``), ``.c`` comment
(``.c1 .cm .ch .cs .cp``), ``.o`` operator (``.ow`` word operator), ``.p`` punctuation,
``.m`` number (``.mi .mf .mh .mo .mb``), ``.l`` literal, ``.gp`` prompt, ``.go`` output,
``.gt`` traceback, ``.nt`` tag, ``.na`` attribute, ``.w`` whitespace, ``.err`` error. Style
them scoped as ``.recall-code .k { … }``. Pygments is asked for no inline styles.

Both public functions are cached (bounded LRU), so re-rendering a deck costs a dict lookup.
"""

from __future__ import annotations

import base64
import functools
import html
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .tex import MATH_TOKENS, TexError, add_math, tex_to_mathml

__all__ = [
    "CACHE_SIZE",
    "MAX_IMAGE_BYTES",
    "ImageError",
    "render_inline",
    "render_markdown",
    "sanitize",
]

MAX_IMAGE_BYTES = 1024 * 1024
"""The largest image file :func:`render_markdown` inlines (1 MB)."""

_IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
_DATA_IMAGE_RE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}")


class ImageError(ValueError):
    """A relative image in Markdown that cannot be inlined: missing, too large or not allowed."""


CACHE_SIZE = 8192
"""How many distinct texts each of the two render functions remembers."""

CODE_BLOCK_CLASS = "recall-code"

_ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr",
        "em", "strong", "b", "i", "s", "del", "code", "pre", "kbd", "sub", "sup", "span",
        "ul", "ol", "li", "blockquote",
        "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
        "a", "img",
    }
)  # fmt: skip

# MathML's presentation elements, as recall_widgets.tex makes them from TeX. Not ``maction``
# (it toggles and shows status text), ``semantics``/``annotation``/``annotation-xml`` (an
# HTML integration point), ``mglyph`` (an image source) nor anything with a link.
_MATHML_TAGS = frozenset(
    {
        "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt", "mroot",
        "mstyle", "merror", "mpadded", "mphantom", "menclose", "msub", "msup", "msubsup",
        "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "mtable", "mtr",
        "mtd",
    }
)  # fmt: skip
# Presentation attributes only: never href, xlink:href, src, style, class, id or on*.
_MATHML_ATTRIBUTES = frozenset(
    {
        "display", "displaystyle", "scriptlevel", "mathvariant", "mathsize", "mathcolor",
        "mathbackground", "dir", "stretchy", "fence", "separator", "form", "lspace", "rspace",
        "minsize", "maxsize", "largeop", "movablelimits", "symmetric", "accent", "accentunder",
        "linethickness", "width", "height", "depth", "voffset", "notation", "columnalign",
        "rowalign", "columnlines", "rowlines", "columnspacing", "rowspacing", "columnspan",
        "rowspan", "frame", "framespacing", "equalrows", "equalcolumns", "align",
    }
)  # fmt: skip
# Their values: keywords, numbers, lengths, #colors. No ":" or "(" (so no url(), no scheme).
_MATHML_VALUE_RE = re.compile(r"[A-Za-z0-9 .#%+-]{0,64}")
MATH_ERROR_CLASS = "recall-math-error"

# Elements removed together with their content: executable or raw-text elements whose
# "text" is markup or code, never something the learner is meant to read.
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "noembed", "noframes",
        "xmp", "plaintext", "textarea", "title",
        "annotation-xml", "annotation", "semantics", "maction",
    }
)  # fmt: skip

_ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "span": frozenset({"class"}),
    "code": frozenset({"class"}),
    "pre": frozenset({"class"}),
    **dict.fromkeys(_MATHML_TAGS, _MATHML_ATTRIBUTES),
}

_HREF_SCHEMES = frozenset({"http", "https", "mailto"})
_SRC_SCHEMES = frozenset({"http", "https"})

_LANGUAGE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+#.-]{0,39}")
# Browsers drop leading/trailing C0 controls and spaces and ignore tabs/newlines anywhere
# in a URL ("java\tscript:" is "javascript:"); strip all C0 controls, DEL and spaces.
_URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME_RE = re.compile(r"([^/?#]*?):")


def _url_allowed(url: str, schemes: frozenset[str]) -> bool:
    """Whether ``url`` (an attribute value, entities already decoded) is safe to keep.

    The URL is judged in its most decoded form, so no encoding trick can smuggle a scheme
    past: a relative URL must stay relative after percent-decoding, and any scheme must be
    in ``schemes``.
    """
    candidate = url
    for _ in range(3):  # "%2509" decodes twice; three rounds cover any realistic nesting
        candidate = _URL_NOISE_RE.sub("", html.unescape(urllib.parse.unquote(candidate)))
    candidate = candidate.replace("\\", "/").lower()
    match = _SCHEME_RE.match(candidate)
    return match is None or match.group(1) in schemes


@functools.cache
def _token_classes() -> frozenset[str]:
    """Pygments' short class names (imported on the first class the sanitizer sees)."""
    from pygments.token import STANDARD_TYPES

    return frozenset(cls for cls in STANDARD_TYPES.values() if cls)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Second gate after the allow-list: URLs and the few classes the renderer emits."""
    if attribute == "href":
        return value if _url_allowed(value, _HREF_SCHEMES) else None
    if attribute == "src":
        if tag == "img" and _DATA_IMAGE_RE.fullmatch(value):
            return value
        return value if _url_allowed(value, _SRC_SCHEMES) else None
    if tag in _MATHML_TAGS:
        return value if _MATHML_VALUE_RE.fullmatch(value) else None
    if attribute == "class":
        classes = value.split()
        if tag == "span":
            token_classes = _token_classes()
            kept = [c for c in classes if c in token_classes]
        elif tag == "pre":
            kept = [c for c in classes if c == CODE_BLOCK_CLASS]
        elif tag == "code":
            kept = [
                c
                for c in classes
                if c == MATH_ERROR_CLASS
                or (c.startswith("language-") and _LANGUAGE_RE.fullmatch(c[9:]))
            ]
        else:
            kept = []
        return " ".join(kept) or None
    if attribute == "start":
        return value if value.isdigit() and len(value) <= 9 else None
    return value


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS | _MATHML_TAGS,
    clean_content_tags=_DROP_WITH_CONTENT,
    attributes=_ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel="noopener noreferrer",
    set_tag_attribute_values={"a": {"target": "_blank"}},
    url_schemes=_HREF_SCHEMES | {"data"},  # data: only for <img src>: _attribute_filter
)


def _highlight(code: str, language: str) -> str:
    """Highlighted HTML for ``code``; escaped plain text when ``language`` is unknown.

    Pygments' lexers and formatter are imported here, on the first fenced block with a
    language, not when the module loads (most decks render without them).
    """
    if language:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
        except ClassNotFound:
            pass
        else:
            # CSS classes, never inline styles
            return highlight(code, lexer, HtmlFormatter(nowrap=True))
    return html.escape(code, quote=False)


def _render_fence(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    token = tokens[idx]
    info = html.unescape(token.info).strip()
    language = info.split(maxsplit=1)[0] if info else ""
    if not _LANGUAGE_RE.fullmatch(language):
        language = ""
    code_class = f' class="language-{language}"' if language else ""
    body = _highlight(token.content, language)
    return f'<pre class="{CODE_BLOCK_CLASS}"><code{code_class}>{body}</code></pre>\n'


def _render_code_block(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    body = html.escape(tokens[idx].content, quote=False)
    return f'<pre class="{CODE_BLOCK_CLASS}"><code>{body}</code></pre>\n'


# Raw HTML from authors: only these simple tags, written without attributes, reach the page as
# markup. Any other raw HTML (a <script>, an <img onerror=…>, a <div style=…>) is shown as text,
# so the author sees what they wrote and a learner sees a payload's text instead of nothing.
_AUTHOR_TAG_RE = re.compile(
    r"</?(?:br|kbd|sub|sup|em|strong|b|i|s|del|code|hr)\s*/?>", flags=re.IGNORECASE
)
_AUTHOR_HTML_RE = re.compile(rf"(?:\s*{_AUTHOR_TAG_RE.pattern}\s*)+", flags=re.IGNORECASE)


def _render_html_inline(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    content = tokens[idx].content
    return content if _AUTHOR_TAG_RE.fullmatch(content) else html.escape(content, quote=False)


def _render_html_block(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    content = tokens[idx].content
    if _AUTHOR_HTML_RE.fullmatch(content):
        return content
    text = html.escape(content.strip("\n"), quote=False).replace("\n", "<br>\n")
    return f"<p>{text}</p>\n"


def _render_math(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """A formula as MathML; bad TeX as its source, marked (the loader has reported it)."""
    token = tokens[idx]
    display = token.type != "math_inline"
    try:
        mathml = tex_to_mathml(token.content, display=display)
    except TexError as error:
        dollars = "$$" if display else "$"
        source = html.escape(f"{dollars}{token.content}{dollars}", quote=False)
        problem = html.escape(str(error), quote=False)
        return f'<code class="{MATH_ERROR_CLASS}">{source}</code> <em>({problem})</em>'
    return mathml + "\n" if token.type == "math_block" else mathml


def _shift_headings(tokens: Sequence[Token]) -> None:
    """``#`` -> ``h3``, ``##`` -> ``h4``, …, capped at ``h6``."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + 2, 6)
            token.tag = f"h{level}"


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "breaks": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("html_inline", _render_html_inline)
    md.add_render_rule("html_block", _render_html_block)
    add_math(md)
    for kind in MATH_TOKENS:
        md.add_render_rule(kind, _render_math)
    return md


_MD = _make_parser()
_RENDERER = cast(RendererHTML, _MD.renderer)


def _is_relative(url: str) -> bool:
    return bool(url) and _SCHEME_RE.match(url) is None and not url.startswith(("/", "#", "?"))


def _data_url(src: str, base: str) -> str:
    """The image ``src`` (relative to the folder ``base``) as a ``data:`` URL."""
    name = urllib.parse.unquote(src.split("?", 1)[0].split("#", 1)[0])
    path = Path(base) / name
    suffix = path.suffix.lower()
    if suffix == ".svg":
        raise ImageError(
            f"image {src!r} ({path}): SVG images are not inlined (they can carry scripts); "
            "use a PNG, JPEG, GIF or WebP"
        )
    if suffix not in _IMAGE_TYPES:
        raise ImageError(
            f"image {src!r} ({path}): not an image type that is inlined; "
            f"allowed: {', '.join(sorted(_IMAGE_TYPES))}"
        )
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageError(
                f"image {src!r} ({path}) is {size} bytes, more than the {MAX_IMAGE_BYTES} "
                "an inlined image may have; make it smaller"
            )
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise ImageError(f"image {src!r}: no such file {path}") from None
    except OSError as error:
        raise ImageError(f"image {src!r}: cannot read {path}: {error.strerror}") from None
    return f"data:{_IMAGE_TYPES[suffix]};base64,{base64.b64encode(data).decode('ascii')}"


def _inline_images(tokens: Sequence[Token], base: str) -> None:
    """Replace each relative image's ``src`` by its file's ``data:`` URL."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                if _is_relative(src):
                    child.attrSet("src", _data_url(src, base))


def _to_html(text: str, *, inline: bool, base: str | None = None) -> str:
    env: EnvType = {}
    tokens = _MD.parse(text, env)
    _shift_headings(tokens)
    if base is not None:
        _inline_images(tokens, base)
    is_one_paragraph = (
        len(tokens) == 3
        and tokens[0].type == "paragraph_open"
        and tokens[1].type == "inline"
        and tokens[2].type == "paragraph_close"
    )
    if inline and is_one_paragraph:
        raw = _RENDERER.renderInline(tokens[1].children or [], _MD.options, env)
    else:
        raw = _RENDERER.render(tokens, _MD.options, env)
    return sanitize(raw).strip()


def sanitize(markup: str) -> str:
    """The allow-list itself: ``markup`` with only the elements, attributes and URLs listed in
    this module's docstring left (what every rendered text goes through last).

    Example
    -------
    >>> sanitize('<math><mi href="javascript:x" mathvariant="bold">a</mi></math>')
    '<math><mi mathvariant="bold">a</mi></math>'
    """
    return _CLEANER.clean(markup)


@functools.lru_cache(maxsize=CACHE_SIZE)
def render_markdown(text: str, base: str | None = None) -> str:
    """Render block Markdown to sanitized HTML.

    Args:
        text: Markdown from a deck (a card side, an explanation, a description…).
        base: The deck file's folder: relative images are read from it and inlined as
            ``data:`` URLs (an :class:`ImageError` if one cannot be). None leaves them as
            they are.

    Returns:
        HTML safe to insert with ``innerHTML``: only allow-listed elements, attributes and
        URL schemes (see the module docstring).

    Example:
        >>> render_markdown("Use `session['user']`")
        "<p>Use <code>session['user']</code></p>"
    """
    return _to_html(text, inline=False, base=base)


@functools.lru_cache(maxsize=CACHE_SIZE)
def render_inline(text: str, base: str | None = None) -> str:
    """Render a short text (a quiz choice, a concept) without a wrapping ``<p>``.

    Same rules as :func:`render_markdown`; only when the Markdown is a single paragraph is
    the ``<p>`` left out. Longer texts (lists, several paragraphs) keep their blocks.

    Example:
        >>> render_inline("A **dict**")
        'A <strong>dict</strong>'
    """
    return _to_html(text, inline=True, base=base)
