"""Math without MathJax: $…$ and $$…$$ become sanitized MathML; bad or hostile TeX stays inert."""

from __future__ import annotations

import itertools
import re
import textwrap
from pathlib import Path

import pytest

from recall_widgets import ContentError, load_deck
from recall_widgets.render import render_inline, render_markdown, sanitize
from recall_widgets.tex import TexError, math_problems, tex_to_mathml
from tests.test_render import assert_harmless, inspect_html, visible_text


def tags(markup: str) -> list[str]:
    return [tag for tag, _ in inspect_html(markup).elements]


# --- Finding the math --------------------------------------------------------------------


def test_inline_and_display_math_become_mathml() -> None:
    out = render_markdown(r"Area $\pi r^2$, and on its own line:" + "\n\n$$\n\\frac{a}{b}\n$$")
    assert '<math display="inline"><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup>' in out
    assert '<math display="block"><mrow><mfrac>' in out
    assert "$" not in visible_text(out)


def test_double_dollars_inside_a_paragraph_are_displayed() -> None:
    out = render_inline(r"so $$\sum_i x_i$$ holds")
    assert out.startswith('so <math display="block">') and out.endswith("</math> holds")


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("`$x$` in code", "$x$"),
        ("```\n$x^2$\n```", "$x^2$"),
        ("    $indented$", "$indented$"),
        (r"an escaped \$5 and \$6", "$5 and $6"),
        ("prices: $5 and $10", "$5 and $10"),
        ("a lone $ sign", "a lone $ sign"),
        ("$ x $ with spaces", "$ x $ with spaces"),
    ],
)
def test_dollars_that_are_not_math_stay_text(markdown: str, shown: str) -> None:
    out = render_markdown(markdown)
    assert "<math" not in out and shown in visible_text(out), out
    assert math_problems(markdown) == []


def test_math_in_tables_lists_and_emphasis() -> None:
    out = render_markdown("| $a$ | b |\n|---|---|\n| $c_1$ | d |\n\n- **$x$** and *$y$*")
    assert tags(out).count("math") == 4


# --- Converting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "element"),
    [
        (r"\sqrt[3]{x}", "mroot"),
        (r"\int_0^1 f(x)\,dx", "msubsup"),
        (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", "mtable"),
        (r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}", "mtable"),
        (r"\hat{y} = \vec{v} \cdot \mathbb{R}", "mover"),
        (r"\lim_{n \to \infty} \left( 1 + \frac{1}{n} \right)^n", "mfrac"),
        (r"\operatorname{argmax}_\theta \alpha \le \beta", "mo"),
    ],
)
def test_common_tex_converts(tex: str, element: str) -> None:
    out = render_inline(f"${tex}$")
    assert element in tags(out), out
    assert_harmless(out)


@pytest.mark.parametrize(
    ("tex", "says"),
    [
        (r"\frac{1}", "needs a numerator and a denominator"),
        (r"\frac", "missing its argument"),
        (r"\foo x", r"unknown command \foo"),
        (r"{x", "never closed"),
        (r"x}", "never opened"),
        (r"x^", "nothing after it"),
        (r"\left( x", r"no matching \right"),
        (r"\begin{tabularx}x\end{tabularx}", "unknown environment {tabularx}"),
        (r"\begin{matrix} x", r"no matching \end"),
        (r"x_1_2", "double subscript"),
        (" ", "empty"),
    ],
)
def test_bad_tex_says_what_is_wrong(tex: str, says: str) -> None:
    with pytest.raises(TexError, match=re.escape(says)):
        tex_to_mathml(tex)
    if tex.strip():
        out = render_inline(f"see ${tex}$ here")
        assert "<math" not in out
        assert '<code class="recall-math-error">' in out and says in visible_text(out)
        assert_harmless(out)


# --- Hostile TeX and MathML ------------------------------------------------------------------

HOSTILE_TEX = [
    r"\text{<script>alert(1)</script>}",
    r"\text{<img src=x onerror=alert(1)>}",
    r"\text{</mtext></math><img src=x onerror=alert(1)>}",
    r"\mathrm{<svg onload=alert(1)>}",
    r"\href{javascript:alert(1)}{click}",
    r"\href{https://example.org}{x}",
    r"\color{red;background:url(javascript:alert(1))}{x}",
    r"\color{expression(alert(1))}{x}",
    r"\style{background:url(x)}{x}",
    r"\class{x}{y} \cssId{z}{w}",
    r"\unicode{x3C}script\unicode{x3E}",
    r"\operatorname{<b onclick=alert(1)>x</b>}",
    r"\begin{array}{<script>}x\end{array}",
    r"\mathbb{\text{&lt;script&gt;}}",
    r"\text{&#60;img src=x onerror=alert(1)&#62;}",
    r"\hspace{1em onmouseover=alert(1)}",
]

HOSTILE_MATHML = [
    '<math><mi href="javascript:alert(1)">h</mi></math>',
    '<math href="javascript:alert(1)"><mi>h</mi></math>',
    '<math><mrow xlink:href="javascript:alert(1)"><mi>x</mi></mrow></math>',
    '<math><mi xlink:type="simple" xlink:href="data:text/html,<script>alert(1)</script>">x</mi>'
    "</math>",
    '<math><maction actiontype="statusline"><mi>x</mi><mtext>status</mtext></maction></math>',
    '<math><maction actiontype="toggle" onclick="alert(1)"><mi>a</mi><mi>b</mi></maction></math>',
    '<math><semantics><mi>x</mi><annotation-xml encoding="text/html"><img src=x '
    "onerror=alert(1)><script>alert(1)</script></annotation-xml></semantics></math>",
    '<math><annotation-xml encoding="application/xhtml+xml"><iframe src="javascript:alert(1)">'
    "</iframe></annotation-xml></math>",
    "<math><annotation>\\alert</annotation></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math>",
    '<math><mi style="background:url(javascript:alert(1))" class="x" id="y">s</mi></math>',
    '<math><mi mathcolor="url(javascript:alert(1))" mathbackground="expression(alert(1))">c</mi>'
    "</math>",
    '<math><mglyph src="javascript:alert(1)"></mglyph><malignmark></malignmark></math>',
    "<math><mi><svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg></mi></math>",
    '<math><mtext><a href="javascript:alert(1)">a</a></mtext></math>',
    '<math><mi onmouseover="alert(1)" onfocus=alert(1) tabindex="0">f</mi></math>',
]


@pytest.mark.parametrize("tex", HOSTILE_TEX)
@pytest.mark.parametrize("display", ["$", "$$"])
def test_hostile_tex_leaves_nothing_live(tex: str, display: str) -> None:
    out = render_markdown(f"before {display}{tex}{display} after")
    assert_harmless(out)
    assert "before" in visible_text(out) and "after" in visible_text(out)
    for _, attrs in inspect_html(out).elements:
        assert all(name not in {"href", "xlink:href", "mathcolor"} for name, _ in attrs) or (
            all(re.fullmatch(r"[A-Za-z0-9 .#%+-]*", v or "") for _, v in attrs)
        ), out


def test_text_in_tex_is_shown_as_text() -> None:
    out = render_inline(r"$\text{<script>alert(1)</script>}$")
    assert "<script>alert(1)</script>" in visible_text(out) and "<script" not in out


@pytest.mark.parametrize("markup", HOSTILE_MATHML)
def test_hostile_mathml_is_disarmed_by_the_allow_list(markup: str) -> None:
    out = sanitize(markup)
    assert_harmless(out)
    for name in ("maction", "annotation", "semantics", "mglyph", "href", "style", "on"):
        assert not re.search(rf"<{name}\b|\s{name}[\w:-]*=", out), out


@pytest.mark.parametrize("markup", HOSTILE_MATHML)
def test_hostile_mathml_written_in_markdown_is_text(markup: str) -> None:
    assert_harmless(render_markdown(markup))
    assert_harmless(render_inline(f"$x$ {markup} $y$"))


def test_all_hostile_math_together_is_harmless() -> None:
    document = " ".join(f"${tex}$" for tex in HOSTILE_TEX) + "\n\n" + "\n\n".join(HOSTILE_MATHML)
    assert_harmless(render_markdown(document))
    for first, second in itertools.pairwise(HOSTILE_TEX):
        assert_harmless(render_inline(f"${first}$${second}$"))


# --- The loader refuses bad TeX, with file, line, item and field ----------------------------


def write_deck(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "math.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_deck_with_good_math_loads(tmp_path: Path) -> None:
    path = write_deck(
        tmp_path,
        r"""
        deck: math
        title: Circles
        cards:
          - id: area
            front: What is the area of a circle of radius $r$?
            back: $\pi r^2$, and the price of a pizza is $5 to $10.
        """,
    )
    assert load_deck(path).cards[0].back.startswith("$\\pi")


def test_bad_tex_in_any_markdown_field_is_a_teaching_error(tmp_path: Path) -> None:
    path = write_deck(
        tmp_path,
        r"""
        deck: math
        title: Fractions $\frac{1}$ in a title are plain text
        description: Half is $\frac{1}{2}$
        cards:
          - id: half
            front: Half
            back: |
              A half is
              $$\frac{1}$$
        questions:
          - id: pick
            prompt: Which is $\foo$?
            choices:
              - text: $x^$
                correct: true
              - text: "`$\frac$` in code is fine"
                why: "{x"
            explanation: Prices like $5 are fine.
        prompts:
          - id: say
            prompt: Explain $\sqrt{x}$
            concepts:
              - "$\\left( x$"
              - text: "$\\begin{tabularx}x\\end{tabularx}$"
        """,
    )
    with pytest.raises(ContentError) as caught:
        load_deck(path)
    lines = str(caught.value).splitlines()
    expected = [
        (8, "card #1 'half', field 'back'", "needs a numerator and a denominator"),
        (13, "question #1 'pick', field 'prompt'", r"unknown command \foo"),
        (15, "question #1 'pick', choice #1, field 'text'", "a ^ or _ has nothing after it"),
        (24, "prompt #1 'say', field 'concepts': concept #1", r"a \left has no matching \right"),
        (25, "prompt #1 'say', concept #2, field 'text'", "unknown environment {tabularx}"),
    ]
    assert len(lines) == len(expected), lines
    for line, (number, where, what) in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:{number}:"), line
        assert where in line and what in line and "bad math" in line, line
        assert "write \\$ for a dollar sign" in line


def test_decks_without_dollars_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import recall_widgets.tex as tex

    def refuse(text: str) -> object:
        raise AssertionError("parsed a text without math")

    monkeypatch.setattr(tex, "_formulas", refuse)
    assert math_problems("no math here, only **Markdown**") == []
