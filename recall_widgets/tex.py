"""TeX math in deck Markdown (``$…$``, ``$$…$$``) → MathML, and what is wrong with bad TeX.

Math is found by markdown-it-py with mdit-py-plugins' ``dollarmath`` (never inside code spans
or blocks, never after an escaped ``\\$``; ``$5 and $10`` stays text because a digit touches
the dollars) and converted by latex2mathml. latex2mathml is lenient — it turns ``\\foo`` into
a letter "\\foo", drops an unknown environment and builds a fraction with one part — so
:func:`tex_to_mathml` also checks what it built and raises :class:`TexError` saying what is
wrong, in words an author can act on. The deck loader reports those errors at the field's
line (:func:`math_problems`); :mod:`recall_widgets.render` shows bad TeX as its source, marked,
never as a broken page.

The MathML is serialized here with every text escaped (latex2mathml's own serializer
un-escapes ``\\text{<…>}`` into markup); the sanitizer in :mod:`recall_widgets.render` then
keeps only MathML's presentation elements and attributes.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown_it import MarkdownIt

__all__ = ["MATH_TOKENS", "TexError", "add_math", "math_problems", "tex_to_mathml"]

#: The markdown-it token types of math: inline ``$x$``, ``$$x$$`` in a paragraph, a block.
MATH_TOKENS = ("math_inline", "math_inline_double", "math_block")

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"


class TexError(ValueError):
    """TeX that cannot become MathML: says what is wrong and, where it can, what to write."""


# Elements whose children are fixed in number, and how an author would name what is missing.
_ARITY = {
    "mfrac": (2, r"a fraction (\frac, \binom, \over…) needs a numerator and a denominator"),
    "mroot": (2, r"a root (\sqrt[n]{x}) needs its index and what is under it"),
    "msub": (2, "a subscript (_) needs something after it"),
    "msup": (2, "a superscript (^) needs something after it"),
    "msubsup": (3, "a subscript and superscript need something after each"),
    "munder": (2, r"\underset and \underbrace need two parts"),
    "mover": (2, r"\overset, \hat, \vec and the like need something to go over"),
    "munderover": (3, "limits under and over need something after each"),
}

_EXCEPTION_MESSAGES = {
    "NumeratorNotFoundError": r"a fraction (\frac) has no numerator",
    "DenominatorNotFoundError": r"a fraction (\frac) has no denominator",
    "ExtraLeftOrMissingRightError": r"a \left has no matching \right",
    "MissingSuperScriptOrSubscriptError": "a ^ or _ has nothing after it",
    "DoubleSubscriptsError": "a double subscript (x_1_2); use braces: x_{1_2}",
    "DoubleSuperscriptsError": "a double superscript (x^1^2); use braces: x^{1^2}",
    "NoAvailableTokensError": r"a command (\frac, \sqrt…) is missing its argument",
    "InvalidStyleForGenfracError": r"\genfrac's style must be 0, 1, 2 or 3",
    "MissingEndError": r"a \begin{…} has no matching \end{…}",
    "InvalidAlignmentError": "an array's column alignment must be made of l, c and r",
    "InvalidWidthError": r"\hspace needs a width such as {1em}",
    "LimitsMustFollowMathOperatorError": r"\limits must follow an operator such as \sum",
}

_UNKNOWN_COMMAND_RE = re.compile(r"\\[A-Za-z]+\*?")
_BEGIN_RE = re.compile(r"\\begin\{([^}]*)\}")


@functools.cache
def _environments() -> frozenset[str]:
    from latex2mathml import commands

    return frozenset(name.lstrip("\\") for name in commands.MATRICES) | {"aligned", "gathered"}


def _check_braces(tex: str) -> None:
    depth = 0
    escaped = False
    for char in tex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise TexError(
                    "a '}' closes a brace that was never opened; add the '{' or write \\}"
                )
    if depth > 0:
        raise TexError(f"{depth} '{{' never closed; add the '}}' (or write \\{{ for a brace)")


def _check_tree(math: Element) -> None:
    for element in math.iter():
        tag = element.tag
        arity = _ARITY.get(tag)
        if arity is not None and len(element) != arity[0]:
            raise TexError(arity[1])
        if tag in ("mi", "mo") and element.text and _UNKNOWN_COMMAND_RE.fullmatch(element.text):
            raise TexError(
                f"unknown command {element.text}; check its spelling (commands that define "
                "macros and packages are not available)"
            )


def _escape_texts(math: Element) -> None:
    """latex2mathml writes symbols as ``&#x…;`` text; make them characters, so that serializing
    escapes every text (and a ``\\text{<b>}`` stays text)."""
    for element in math.iter():
        if element.text:
            element.text = html.unescape(element.text)
        if element.tail:
            element.tail = html.unescape(element.tail)


@functools.lru_cache(maxsize=4096)
def tex_to_mathml(tex: str, *, display: bool = False) -> str:
    """The MathML of one TeX formula (without its dollars).

    Parameters
    ----------
    tex
        The formula, e.g. ``\\frac{\\pi}{2}``.
    display
        A displayed formula (``$$…$$``, on its own line) rather than one inside the text.

    Returns
    -------
    str
        One ``<math>`` element, every text escaped; still to go through the sanitizer.

    Raises
    ------
    TexError
        What is wrong with the TeX: an unknown command or environment, an unbalanced brace, a
        fraction or script missing a part, an unmatched ``\\left`` or ``\\begin``.

    Example
    -------
    >>> tex_to_mathml("x^2").removeprefix(f'<math xmlns="{MATHML_NAMESPACE}" display="inline">')
    '<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
    """
    if not tex.strip():
        raise TexError("the formula is empty; write something between the dollars")
    _check_braces(tex)
    for name in _BEGIN_RE.findall(tex):
        if name not in _environments():
            allowed = ", ".join(sorted(_environments()))
            raise TexError(f"unknown environment {{{name}}}; allowed: {allowed}")
    from xml.etree.ElementTree import tostring

    from latex2mathml.converter import convert_to_element

    try:
        math = convert_to_element(tex, display="block" if display else "inline")
    except TexError:
        raise
    except Exception as error:  # latex2mathml's own errors carry no message, only a class
        name = type(error).__name__
        message = _EXCEPTION_MESSAGES.get(name, f"latex2mathml cannot read it ({name})")
        raise TexError(message) from None
    _check_tree(math)
    _escape_texts(math)
    return tostring(math, encoding="unicode")


def add_math(md: MarkdownIt) -> MarkdownIt:
    """Teach a parser ``$…$`` and ``$$…$$`` (the one set of options the renderer and the
    loader's check share): no labels (they would make ``id`` attributes), no space inside the
    dollars and no digit outside them, so prices such as ``$5 and $10`` stay text."""
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    dollarmath_plugin(
        md, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True
    )
    return md


@functools.cache
def _finder() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    return add_math(md)


def _formulas(text: str) -> Iterator[tuple[str, bool]]:
    for token in _finder().parse(text):
        if token.type == "math_block":
            yield token.content, True
        for child in token.children or ():
            if child.type in MATH_TOKENS:
                yield child.content, child.type != "math_inline"


def math_problems(text: str) -> list[str]:
    """What is wrong with each formula in a Markdown text, as ``"$…$: what"`` messages.

    Costs one ``in`` test for a text without a dollar; only texts with one are parsed.

    Example
    -------
    >>> math_problems(r"Area: $\\pi r^2$ and $x^$")
    ['$x^$: a ^ or _ has nothing after it']
    """
    if "$" not in text:
        return []
    problems = []
    for tex, display in _formulas(text):
        try:
            tex_to_mathml(tex, display=display)
        except TexError as error:
            dollars = "$$" if display else "$"
            shown = tex if len(tex) <= 60 else tex[:57] + "…"
            problems.append(f"{dollars}{shown}{dollars}: {error}")
    return problems
