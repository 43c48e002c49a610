"""Markdown rendering: ordinary Markdown renders, hostile Markdown/HTML comes out harmless."""

from __future__ import annotations

import base64
import html
import itertools
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pygments.token import STANDARD_TYPES

from recall_widgets.render import (
    CACHE_SIZE,
    MAX_IMAGE_BYTES,
    ImageError,
    render_inline,
    render_markdown,
)

ALLOWED_ELEMENTS = {
    "p", "br", "hr", "em", "strong", "b", "i", "s", "del", "code", "pre", "kbd", "sub", "sup",
    "span", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img",
    # MathML's presentation elements, from $…$ (recall_widgets.tex)
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt", "mroot",
    "mstyle", "merror", "mpadded", "mphantom", "menclose", "msub", "msup", "msubsup",
    "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "mtable", "mtr", "mtd",
}  # fmt: skip
DANGEROUS_ELEMENTS = (
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "meta", "base", "link", "svg", "body",
    "maction", "annotation-xml", "annotation", "semantics", "mglyph", "malignmark",
    "html", "head", "title", "template", "noscript", "video", "audio", "source", "details",
    "marquee", "isindex", "xml", "import", "portal",
)  # fmt: skip
HREF_SCHEMES = {"http", "https", "mailto"}
SRC_SCHEMES = {"http", "https"}
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"([^/?#]*?):")


class Inspector(HTMLParser):
    """Collects what a browser would see in rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.others: list[str] = []  # comments, doctypes, processing instructions

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.others.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.others.append(f"decl {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.others.append(f"pi {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.others.append(f"unknown decl {data!r}")


def inspect_html(markup: str) -> Inspector:
    inspector = Inspector()
    inspector.feed(markup)
    inspector.close()
    return inspector


def visible_text(markup: str) -> str:
    return "".join(inspect_html(markup).text)


def url_is_safe(url: str, schemes: set[str]) -> bool:
    """Judge a URL in its most decoded form: entities, percent-escapes, control characters."""
    candidate = url
    for _ in range(3):
        candidate = CONTROL_OR_SPACE.sub("", html.unescape(urllib.parse.unquote(candidate)))
    match = SCHEME.match(candidate.replace("\\", "/").lower())
    return match is None or match.group(1) in schemes


def assert_harmless(markup: str) -> None:
    inspector = inspect_html(markup)
    assert not inspector.others, inspector.others
    for tag, attrs in inspector.elements:
        assert tag in ALLOWED_ELEMENTS, f"disallowed <{tag}> in {markup!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} in {markup!r}"
            assert name not in {"style", "id", "srcset", "formaction", "xlink:href"}, markup
            if name == "href":
                assert value is not None
                assert url_is_safe(value, HREF_SCHEMES), f"unsafe href {value!r} in {markup!r}"
            if name == "src":
                assert value is not None
                assert url_is_safe(value, SRC_SCHEMES), f"unsafe src {value!r} in {markup!r}"
        if tag == "a":
            attributes = dict(attrs)
            assert attributes.get("target") == "_blank", markup
            assert set((attributes.get("rel") or "").split()) >= {"noopener"}, markup
    # Belt and braces: no raw dangerous tag anywhere in the string, whatever a parser thinks.
    pattern = r"<\s*/?\s*(?:" + "|".join(DANGEROUS_ELEMENTS) + r")\b"
    assert re.search(pattern, markup, re.IGNORECASE) is None, markup


# --- Ordinary Markdown ------------------------------------------------------------------


def test_inline_code_and_emphasis() -> None:
    out = render_markdown("Use `session['user']`, *really* **always** ~~never~~.")
    assert out == (
        "<p>Use <code>session['user']</code>, <em>really</em> <strong>always</strong> "
        "<s>never</s>.</p>"
    )


def test_fenced_python_is_highlighted_with_classes_only() -> None:
    out = render_markdown("```python\ndef f(x):\n    return 1  # one\n```")
    assert out.startswith('<pre class="recall-code"><code class="language-python">')
    assert '<span class="k">def</span>' in out
    assert '<span class="nf">f</span>' in out
    assert '<span class="mi">1</span>' in out
    assert '<span class="c1"># one</span>' in out
    assert "style=" not in out
    assert visible_text(out) == "def f(x):\n    return 1  # one\n"


def test_highlight_classes_are_pygments_short_names() -> None:
    source = "```python\nimport os\n@dec\nclass A(B):\n    '''Doc.'''\n    x = f'{1.5}' + None\n```"
    out = render_markdown(source)
    classes = {c for _, attrs in inspect_html(out).elements for n, v in attrs if n == "class"
               for c in (v or "").split()}  # fmt: skip
    token_classes = classes - {"recall-code", "language-python"}
    assert {"kn", "nn", "nd", "k", "nc", "sd", "o", "sa", "kc"} <= token_classes
    assert token_classes <= set(STANDARD_TYPES.values())


@pytest.mark.parametrize("info", ["no-such-language", "", "   ", "python{.x}", '"><b>', "c++"])
def test_unknown_or_missing_language_gives_escaped_plain_code(info: str) -> None:
    out = render_markdown(f"```{info}\nif a < b and c > d: print('&')\n```")
    assert_harmless(out)
    assert "&lt;" in out and "&gt;" in out
    assert visible_text(out) == "if a < b and c > d: print('&')\n"


KNOWN_LANGUAGES = ["python", "py", "pycon", "yaml", "bash", "console", "html", "javascript",
                   "json", "text", "jinja", "sql"]  # fmt: skip


@pytest.mark.parametrize("language", KNOWN_LANGUAGES)
def test_known_languages_render_harmlessly(language: str) -> None:
    out = render_markdown(f"```{language}\n<script>alert(1)</script>\n>>> x = {{'a': 1}}\n```")
    assert_harmless(out)
    assert f'class="language-{language}"' in out
    assert "<script>alert(1)</script>" in visible_text(out)


def test_indented_code_block() -> None:
    out = render_markdown("para\n\n    <b>code</b>\n")
    assert '<pre class="recall-code"><code>&lt;b&gt;code&lt;/b&gt;\n</code></pre>' in out


def test_lists() -> None:
    out = render_markdown("- one\n- two\n\n3. three\n4. four")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in out
    assert '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>' in out


def test_links_open_in_a_new_tab() -> None:
    out = render_markdown('See [the docs](https://flask.palletsprojects.com/ "Flask").')
    assert out == (
        '<p>See <a href="https://flask.palletsprojects.com/" title="Flask" target="_blank" '
        'rel="noopener noreferrer">the docs</a>.</p>'
    )


def test_raw_author_links_are_text_and_markdown_links_get_target_and_rel() -> None:
    raw = '<a href="https://x.example" target="_self" rel="opener">x</a>'
    out = render_markdown(raw)
    assert "<a" not in out and visible_text(out) == raw
    link = render_markdown("[x](https://x.example)")
    assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link


@pytest.mark.parametrize("url", ["mailto:teacher@example.org", "/notebooks/x.ipynb", "#top",
                                 "other.html?a=b:c", "https://example.org/a%3Ab"])  # fmt: skip
def test_safe_urls_are_kept(url: str) -> None:
    assert f'href="{url}"' in render_markdown(f"[x]({url})")


def test_single_newline_becomes_br_and_author_br_survives() -> None:
    assert render_markdown("one\ntwo") == "<p>one<br>\ntwo</p>"
    assert render_markdown("one<br>two<br/>three") == "<p>one<br>two<br>three</p>"


def test_table() -> None:
    out = render_markdown("| key | value |\n|-----|------:|\n| `a` | 1 |")
    assert out.startswith("<table>\n<thead>\n<tr>\n<th>key</th>")
    assert "<td><code>a</code></td>" in out
    assert "style" not in out  # the alignment style is dropped, the table stays


def test_headings_are_shifted_below_the_notebook() -> None:
    out = render_markdown("# One\n\n## Two\n\n#### Four\n\n###### Six")
    assert "<h3>One</h3>" in out and "<h4>Two</h4>" in out
    assert "<h6>Four</h6>" in out and "<h6>Six</h6>" in out
    assert "<h1" not in out and "<h2" not in out


def test_harmless_author_html_within_the_allow_list() -> None:
    out = render_markdown("Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O; x<sup>2</sup>")
    assert out == "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O; x<sup>2</sup></p>"


def test_images_keep_http_src_and_alt() -> None:
    out = render_markdown('![Flask logo](https://example.org/flask.png "Logo")')
    assert out == '<p><img src="https://example.org/flask.png" alt="Flask logo" title="Logo"></p>'


def test_author_classes_ids_and_styles_never_become_attributes() -> None:
    raw = '<span id="a" class="recall-quiz k" style="position:fixed">t</span>'
    out = render_markdown(raw)
    assert "<span" not in out and visible_text(out) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">click</a>',
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_raw_html_outside_the_author_tags_is_shown_as_text(raw: str) -> None:
    for render in (render_markdown, render_inline):
        out = render(raw)
        assert_harmless(out)
        assert visible_text(out) == raw, out
        assert render(f"before {raw} after").count("&lt;") >= 1


def test_render_inline_drops_the_paragraph_only_for_one_paragraph() -> None:
    assert render_inline("A **dict**") == "A <strong>dict</strong>"
    assert render_inline("line one\nline two") == "line one<br>\nline two"
    assert render_inline("one\n\ntwo") == "<p>one</p>\n<p>two</p>"
    assert render_inline("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert render_inline("") == ""


def test_rendering_is_cached_and_bounded() -> None:
    text = "Cached *text* 1f0e"
    first = render_markdown(text)
    assert render_markdown(text) is first
    assert render_inline(text) is render_inline(text)
    for function in (render_markdown, render_inline):
        info = function.cache_info()
        assert info.maxsize == CACHE_SIZE
        assert info.currsize <= CACHE_SIZE
    assert render_markdown.cache_info().hits >= 1


def test_cache_evicts_beyond_its_bound() -> None:
    render_inline.cache_clear()
    for n in range(CACHE_SIZE + 10):
        render_inline(f"item {n}")
    assert render_inline.cache_info().currsize == CACHE_SIZE


# --- Hostile input (OWASP XSS filter evasion cheat sheet and friends) ---------------------

# (payload, text that must still be visible in the output, or None)
HOSTILE: list[tuple[str, str | None]] = [
    # Script tags in many spellings
    ("<script>alert(1)</script>", None),
    ("<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>", None),
    ("<ScRiPt>alert(1)</sCrIpT>", None),
    ('<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>', None),
    ('<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>', None),
    ('<<SCRIPT>alert("XSS");//<</SCRIPT>', None),
    ("<scr<script>ipt>alert(1)</scr</script>ipt>", None),
    ("<script\x00>alert(1)</script>", None),
    ("<scr\x00ipt>alert(1)</scr\x00ipt>", None),
    ("<script >alert(1)</script >", None),
    ("<script\n>alert(1)</script>", None),
    ("<SCRIPT SRC=http://xss.rocks/xss.js?< B >", None),
    ("<SCRIPT SRC=//xss.rocks/.j>", None),
    ('</TITLE><SCRIPT>alert("XSS");</SCRIPT>', None),
    ("<script>alert(1)", None),
    # Images and event handlers
    ("<img src=x onerror=alert(1)>", None),
    ("<IMG SRC=\"javascript:alert('XSS');\">", None),
    ("<IMG SRC=JaVaScRiPt:alert('XSS')>", None),
    ("<IMG SRC=javascript:alert(&quot;XSS&quot;)>", None),
    ("<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", None),
    ('<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>', None),
    ("<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>", None),
    ("<IMG SRC=# onmouseover=\"alert('xxs')\">", None),
    ('<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>', None),
    ("<IMG onmouseover=\"alert('xxs')\">", None),
    (
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;"
        "&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        None,
    ),
    (
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
        "&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040"
        "&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
        None,
    ),
    (
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65"
        "&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        None,
    ),
    ("<IMG SRC=\"jav\tascript:alert('XSS');\">", None),
    ("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", None),
    ("<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">", None),
    ("<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">", None),
    ("<IMG SRC=\" &#14;  javascript:alert('XSS');\">", None),
    ('<IMG SRC="livescript:[code]">', None),
    ('<img src="https://ok.example/a.png" srcset="javascript:alert(1) 1x">', None),
    ('<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', None),
    ('<img src="mailto:x@example.org">', None),
    ('<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>', None),
    ("<body onload=alert(1)>", None),
    ("<input autofocus onfocus=alert(1)>", None),
    ("<details open ontoggle=alert(1)>x</details>", "x"),
    ("<video><source onerror=alert(1)></video>", None),
    ("<marquee onstart=alert(1)>moving</marquee>", "moving"),
    ("<p onmouseover=alert(1)>hover</p>", "hover"),
    ('<span onclick="alert(1)" class="k">tok</span>', "tok"),
    # SVG and MathML
    ("<svg onload=alert(1)>", None),
    ("<svg/onload=alert(1)>", None),
    ("<svg><script>alert(1)</script></svg>", None),
    ('<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>', None),
    ('<math href="javascript:alert(1)">CLICKME</math>', "CLICKME"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", None),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", None),
    # Frames, objects, embeds, forms
    ('<iframe src="javascript:alert(1)"></iframe>', None),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', None),
    ('<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>', None),
    ('<FRAMESET><FRAME SRC="javascript:alert(1);"></FRAMESET>', None),
    ('<object data="javascript:alert(1)"></object>', None),
    ('<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>', None),
    ('<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">', None),
    ('<EMBED SRC="http://ha.ckers.org/xss.swf" AllowScriptAccess="always"></EMBED>', None),
    ('<form action="javascript:alert(1)"><input type="submit" value="go"></form>', None),
    ("<button formaction=javascript:alert(1)>press</button>", "press"),
    ("<textarea autofocus onfocus=alert(1)>", None),
    ("<select onfocus=alert(1) autofocus>", None),
    # Document-level elements
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', None),
    (
        '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,'
        'PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
        None,
    ),
    ('<base href="javascript:alert(1)//">', None),
    ('<BASE HREF="http://evil.example/">', None),
    ("<style>@import 'http://xss.rocks/xss.css';</style>", None),
    (
        "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</UL>",
        "XSS",
    ),
    ('<link rel="stylesheet" href="javascript:alert(1)">', None),
    ('<LINK REL="stylesheet" HREF="http://xss.rocks/xss.css">', None),
    ('<div style="background:url(javascript:alert(1))">styled</div>', "styled"),
    ("<div style=\"width: expression(alert('XSS'));\">expr</div>", "expr"),
    ('<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>', "cell"),
    ("<html><head><title>t</title></head><body>page</body></html>", "page"),
    ("<template><script>alert(1)</script></template>", None),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', None),
    ("<xml><i>x</i></xml>", None),
    # Links: schemes, casing, whitespace, entities, percent-encoding
    ('<a href="x" onclick="alert(1)">click</a>', "click"),
    ('<a href="javascript:alert(1)">click me</a>', "click me"),
    ('<a href="JaVaScRiPt:alert(1)">mixed</a>', "mixed"),
    ('<a href="  javascript:alert(1)">spaced</a>', "spaced"),
    ('<a href="&#1;javascript:alert(1)">ctrl</a>', "ctrl"),
    ('<a href="\x01javascript:alert(1)">raw ctrl</a>', "raw ctrl"),
    ('<a href="java&#x09;script:alert(1)">tab</a>', "tab"),
    ('<a href="java&Tab;script:alert(1)">named tab</a>', "named tab"),
    ('<a href="java\nscript:alert(1)">newline</a>', "newline"),
    ('<a href="java%0ascript:alert(1)">pct</a>', "pct"),
    ('<a href="jav&#97;script:alert(1)">ent</a>', "ent"),
    ('<a href="javascript&colon;alert(1)">colon</a>', "colon"),
    ('<a href="jAvAsCrIpT&colon;alert&lpar;1&rpar;">named</a>', "named"),
    ('<a href="&#x6A;avascript:alert(1)">hex</a>', "hex"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>', "data"),
    ('<a href="vbscript:msgbox(1)">vb</a>', "vb"),
    ('<a href="VBScript:msgbox(1)">VB</a>', "VB"),
    ('<a href="file:///etc/passwd">file</a>', "file"),
    ('<a href="https://example.com" title="x" onmouseover=alert(1)//">t</a>', None),
    ('<a href="https://ok.example"><img src=x onerror=alert(1)>', None),
    # Markdown links and images
    ("[click](javascript:alert(1))", "click"),
    ("[click](JaVaScRiPt:alert(1))", "click"),
    ("[click](java&#x09;script:alert(1))", "click"),
    ("[click](&#106;avascript:alert(1))", "click"),
    ("[click](javascript&#58;alert(1))", "click"),
    ("[click](java%09script:alert(1))", "click"),
    ("[click](<javascript:alert(1)>)", "click"),
    ("[click]( javascript:alert(1) )", "click"),
    ("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "click"),
    ("[click](vbscript:msgbox(1))", "click"),
    ("[click](VBSCRIPT:msgbox(1))", "click"),
    ("[ref][r]\n\n[r]: javascript:alert(1)", "ref"),
    ("[ref][r]\n\n[r]: &#x6A;avascript:alert(1)", "ref"),
    ("<javascript:alert(1)>", None),
    ("<data:text/html,<script>alert(1)</script>>", None),
    ("<vbscript:msgbox(1)>", None),
    ("![img](javascript:alert(1))", None),
    ("![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", None),
    ('![a" onerror="alert(1)](https://x.example/y.png)', None),
    ('[a](https://x.example "title\\" onmouseover=\\"alert(1)")', "a"),
    ('[x](https://x.example/"><script>alert(1)</script>)', None),
    ("[![img](x.png)](javascript:alert(1))", None),
    # Attribute breakouts, malformed and unclosed tags
    ('"><script>alert(1)</script>', '">'),
    ("'><img src=x onerror=alert(1)>", None),
    ('<a href="x" onclick=alert(1)>a</a>', "a"),
    ('<div title="a" onclick="alert(1)"', None),
    ("<div><p>unclosed <b>bold", "<div><p>unclosed <b>bold"),
    ("<b><i>mis</b>nested</i>", "misnested"),
    ("<<img src=x onerror=alert(1)>>", None),
    ("<img/src=x/onerror=alert(1)>", None),
    ("<img\nsrc=x\nonerror=alert(1)>", None),
    ('<img src="x"\x00onerror=alert(1)>', None),
    ("<a\x00href=javascript:alert(1)>nul</a>", None),
    ("<!--<script>alert(1)</script>-->after", "after"),
    ("<!-- --!><img src=x onerror=alert(1)> -->", None),
    ("<![CDATA[<script>alert(1)</script>]]>", None),
    ('<?xml version="1.0"?><x onload=alert(1)>', None),
    ("<!DOCTYPE html><p>doc</p>", "doc"),
    # Visible code: payloads shown as text
    ("`<script>alert(1)</script>`", "<script>alert(1)</script>"),
    ("``<img src=x onerror=alert(1)>``", "<img src=x onerror=alert(1)>"),
    ("`` ` <iframe src=javascript:alert(1)> ``", "` <iframe src=javascript:alert(1)>"),
    ("```html\n<script>alert(1)</script>\n```", "<script>alert(1)</script>"),
    ("```\n<svg onload=alert(1)>\n```", "<svg onload=alert(1)>"),
    ('```python" onmouseover="alert(1)\nx = 1\n```', "x = 1"),
    ("```<script>alert(1)</script>\nx = 1\n```", "x = 1"),
    ("    <script>alert(1)</script>", "<script>alert(1)</script>"),
    ("\\<script>alert(1)\\</script>", "<script>alert(1)</script>"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
    # Markdown and HTML mixed
    ("**<img src=x onerror=alert(1)>**", None),
    ("> <script>alert(1)</script>\n> quoted", "quoted"),
    ("- [item](javascript:alert(1))\n- <b onclick=alert(1)>two</b>", "two"),
    ("| <script>alert(1)</script> | b |\n|---|---|\n| c | `<x>` |", "<x>"),
    ("*<a href='javascript:alert(1)'>em</a>*", "em"),
    ("<div>\n\n[md](javascript:alert(1))\n\n</div>", "md"),
    ("<details>\n\n```\n</details><script>alert(1)</script>\n```", "</details><script>"),
]


@pytest.mark.parametrize(("payload", "text"), HOSTILE, ids=[repr(p)[:60] for p, _ in HOSTILE])
@pytest.mark.parametrize("render", [render_markdown, render_inline])
def test_hostile_input_is_harmless(payload: str, text: str | None, render: object) -> None:
    assert callable(render)
    out = render(payload)
    assert isinstance(out, str)
    assert_harmless(out)
    if text is not None:
        assert text in visible_text(out), out


def test_code_span_payload_is_escaped_text_not_markup() -> None:
    out = render_markdown("Never write `<script>alert(1)</script>` in a card.")
    assert out == (
        "<p>Never write <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> in a card.</p>"
    )


def test_dangerous_markdown_link_keeps_its_text_and_loses_its_url() -> None:
    out = render_markdown("[click me](javascript:alert(1))")
    assert "href" not in out and "click me" in visible_text(out)


def test_all_payloads_together_are_harmless() -> None:
    document = "\n\n".join(payload for payload, _ in HOSTILE)
    assert_harmless(render_markdown(document))
    # Each payload glued to the next without a paragraph break.
    for (first, _), (second, _) in itertools.pairwise(HOSTILE):
        assert_harmless(render_inline(first + second))


# --- Relative images, inlined from the deck's folder -------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_relative_images_are_inlined_from_the_base_folder(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "dot.png").write_bytes(PNG)
    (tmp_path / "images" / "pic.JPG").write_bytes(b"\xff\xd8\xff")
    out = render_markdown("![a dot](images/dot.png) ![pic](images/pic.JPG)", str(tmp_path))
    encoded = base64.b64encode(PNG).decode()
    assert f'<img src="data:image/png;base64,{encoded}" alt="a dot">' in out
    assert 'src="data:image/jpeg;base64,/9j/"' in out
    assert_harmless(out.replace(f"data:image/png;base64,{encoded}", "x.png").replace(
        "data:image/jpeg;base64,/9j/", "x.jpg"))  # fmt: skip
    # without base, and for absolute URLs, nothing is read
    assert render_markdown("![a](images/dot.png)") == '<p><img src="images/dot.png" alt="a"></p>'
    remote = render_markdown("![a](https://example.org/a.png)", str(tmp_path))
    assert remote == '<p><img src="https://example.org/a.png" alt="a"></p>'
    assert "data:image/png" in render_inline("![d](images/dot.png)", str(tmp_path))


def test_a_missing_oversized_or_svg_image_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"^image 'images/nope.png': no such file .*nope\.png$"):
        render_markdown("![x](images/nope.png)", str(tmp_path))
    (tmp_path / "big.png").write_bytes(b"\0" * (MAX_IMAGE_BYTES + 1))
    with pytest.raises(ImageError, match=r"^image 'big.png' \(.*big\.png\) is 1048577 bytes, "):
        render_markdown("![x](big.png)", str(tmp_path))
    (tmp_path / "a.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    with pytest.raises(ImageError, match=r"SVG images are not inlined"):
        render_markdown("![x](a.svg)", str(tmp_path))
    (tmp_path / "a.html").write_text("<script>", encoding="utf-8")
    with pytest.raises(ImageError, match=r"not an image type that is inlined"):
        render_markdown("![x](a.html)", str(tmp_path))


@pytest.mark.parametrize(
    "source",
    [
        "[x](data:image/png;base64,AAAA)",
        '<a href="data:image/png;base64,AAAA">x</a>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_data_urls_are_only_for_img_src(source: str) -> None:
    out = render_markdown(source)
    for tag, attrs in inspect_html(out).elements:
        for name, value in attrs:
            if name == "href":
                assert value is not None and not value.lower().startswith(("data", "javascript"))
            if name == "src":
                assert value is not None and not value.lower().startswith("javascript")
                assert not value.startswith("data:") or (
                    tag == "img"
                    and value.startswith(
                        (
                            "data:image/png;",
                            "data:image/jpeg;",
                            "data:image/gif;",
                            "data:image/webp;",
                        )
                    )
                )
    if source.startswith("[x]"):
        assert "href" not in out  # the URL is refused (by markdown-it or the sanitizer)


def test_an_author_data_image_keeps_only_a_raster_base64_src() -> None:
    assert render_markdown("![d](data:image/png;base64,AAAA)") == (
        '<p><img src="data:image/png;base64,AAAA" alt="d"></p>'
    )
    assert "src" not in render_markdown("![d](data:image/png;base64,AA<A)")
