"""The peers' HTML with TeX becomes deck Markdown that our renderer shows as the peer did."""

from __future__ import annotations

import html
import re

import pytest

from recall_widgets.exchange.markup import plain_text, to_markdown
from recall_widgets.render import render_inline, render_markdown
from recall_widgets.tex import math_problems


def md(text: str, **options: object) -> str:
    converted = to_markdown(text, **options)  # type: ignore[arg-type]
    assert converted.problems == [], converted.problems
    return converted.markdown


@pytest.mark.parametrize(
    ("peer", "markdown"),
    [
        ("<i>mean</i> and <em>median</em>", "*mean* and *median*"),
        ("<b>bold</b>, <strong>strong</strong>", "**bold**, **strong**"),
        ("a <b> spaced </b> word", "a  **spaced**  word"),
        ("<s>old</s> <del>gone</del>", "~~old~~ ~~gone~~"),
        ("call <code>f(x)</code>", "call `f(x)`"),
        ("<code>a`b</code>", "``a`b``"),
        ("line one<br>line two<br/>three", "line one\nline two\nthree"),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<ul><li>a</li><li><b>b</b></li></ul>", "- a\n- **b**"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ('<a href="https://example.org/x">the notes</a>', "[the notes](<https://example.org/x>)"),
        (
            '<img src="https://example.org/p.png" alt="a plot">',
            "![a plot](<https://example.org/p.png>)",
        ),
        (
            "x<sup>2</sup> and H<sub>2</sub>O, <kbd>Ctrl</kbd>",
            "x<sup>2</sup> and H<sub>2</sub>O, <kbd>Ctrl</kbd>",
        ),
        ("a &lt; b &amp;&amp; c &gt; d &mdash; &quot;q&quot;", 'a \\< b && c > d — "q"'),
        ("spread\n  over\tlines", "spread over lines"),
        ("<hr>", "---"),
    ],
)
def test_the_simple_html_the_peers_use_becomes_markdown(peer: str, markdown: str) -> None:
    assert md(peer) == markdown


@pytest.mark.parametrize(
    "text",
    [
        "2 * 3 * 4 and _private_ names, snake_case stays",
        "[not a link](nowhere) and `not code` and <not a tag>",
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "> not a quote",
        "a | b | c and ~~not struck~~",
        "a backslash \\ and C:\\path\\n",
        "AT&T &amp; &copy; written out",
        "costs $5",
    ],
)
def test_text_with_markdown_characters_shows_as_written(text: str) -> None:
    markdown = md(html.escape(text, quote=False))
    shown = html.unescape(re.sub(r"<[^>]+>", "", render_inline(markdown)))
    assert shown == text


def test_jaxify_links_only_for_jupyterquiz() -> None:
    peer = "See [the notes](https://example.org/n) or <https://example.org/a>."
    assert md(peer, links=True) == (
        "See [the notes](<https://example.org/n>) or <https://example.org/a>."
    )
    assert md(html.escape(peer, quote=False)).startswith("See \\[the notes\\](https")


@pytest.mark.parametrize(
    ("peer", "markdown"),
    [
        ("area $\\pi r^2$ here", "area $\\pi r^2$ here"),
        ("$ x + 1 $ trimmed", "$x + 1$ trimmed"),
        ("display $$\\sum_i x_i$$", "display $$\\sum_i x_i$$"),
        ("inline \\(a^2\\) and \\[b^2\\]", "inline $a^2$ and $$b^2$$"),
        (
            "\\begin{align} a &= b \\\\ c &= d \\end{align}",
            "$$\\begin{align} a &= b \\\\ c &= d \\end{align}$$",
        ),
        ("\\begin{equation*} E = mc^2 \\end{equation*}", "$$E = mc^2$$"),
        ("\\begin{equation}\n  x = 1\n\\end{equation}", "$$x = 1$$"),
        (
            "\\begin{gather} a \\\\ b \\end{gather}",
            "$$\\begin{gathered} a \\\\ b \\end{gathered}$$",
        ),
        ("$x &lt; y$", "$x < y$"),
        ("a dollar \\$ and $x$", "a dollar \\$ and $x$"),
        ("one lone $ dollar", "one lone \\$ dollar"),
        ("<code>$HOME</code> is not math", "`$HOME` is not math"),
    ],
)
def test_tex_is_kept_for_our_math_renderer(peer: str, markdown: str) -> None:
    assert md(peer) == markdown
    assert math_problems(markdown) == []


def test_formulas_render_as_mathml() -> None:
    out = render_markdown(
        md("\\begin{equation*} \\mu_X = \\sum x P_X(x) \\end{equation*} and $\\sigma$")
    )
    assert out.count("<math") == 2
    assert 'display="block"' in out


def test_tex_our_renderer_cannot_draw_is_kept_as_code_and_reported() -> None:
    converted = to_markdown("bad $\\frob{x}$ here")
    assert converted.markdown == "bad `$\\frob{x}$` here"
    assert len(converted.problems) == 1
    assert "kept as its source in code" in converted.problems[0]
    assert "\\frob" in converted.problems[0]


def test_other_html_is_kept_visible_as_text_and_reported_once_per_tag() -> None:
    converted = to_markdown(
        'a <span style="color:red">red</span> and <span>plain</span> <div>box</div>'
    )
    shown = html.unescape(re.sub(r"<[^>]+>", "", render_inline(converted.markdown)))
    assert shown == 'a <span style="color:red">red</span> and <span>plain</span> <div>box</div>'
    assert [p.split(" kept")[0] for p in converted.problems] == ["HTML <span>", "HTML <div>"]


def test_comments_and_stray_closing_tags_are_reported() -> None:
    converted = to_markdown("text<!-- a note --> and </b> more")
    assert converted.markdown == "text and \\</b> more"
    assert any("closing </b>" in p for p in converted.problems)
    assert any("1 HTML comment left out" in p for p in converted.problems)


def test_pre_becomes_a_fenced_block_or_code_spans_in_one_line_texts() -> None:
    peer = "<pre>def f():\n    return 1 &lt; 2</pre>"
    assert md(peer, code_language="python") == "```python\ndef f():\n    return 1 < 2\n```"
    assert md(peer, inline_only=True) == "`def f():`\n`    return 1 < 2`"
    assert md("<p>a</p><p>b</p>", inline_only=True) == "a\nb"


def test_plain_text_is_the_words_without_markup() -> None:
    assert plain_text("The <i>mean</i> of $x$ &amp; y") == "The mean of $x$ & y"
