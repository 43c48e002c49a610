"""One question as a QTI 2.1 ``assessmentItem``, built with ElementTree.

Each item has a ``RESPONSE`` (what the candidate gives), ``SCORE`` (1 when right, else 0) and
``FEEDBACK`` (the identifiers of the feedback to show, a multiple), set by its own response
processing, and ``modalFeedback`` for each: the picked choices' ``why`` (``C1``, ``C2``…), a
common wrong answer's feedback (``F1``…), the default feedback (``DEFAULT``) and the
explanation, always (``EXPLANATION``).

- choice: ``choiceInteraction`` (``maxChoices`` 1, or 0 for several right choices) with a
  ``simpleChoice`` per choice, right when the response matches the correct choices;
- numeric: ``textEntryInteraction`` with a float response, right by ``equal`` (``exact``, or
  ``absolute`` with the tolerance, or half a unit of the precision's last place) or, for a
  range, ``gte`` and ``lte`` its bounds;
- text: ``textEntryInteraction`` with a string response, right by ``stringMatch`` on any
  accepted answer (``caseSensitive`` from ``match_case``), also as a ``mapping``;
- order: ``orderInteraction``, right when the lines come in their order (distractors among
  the choices, the response then the ``minChoices``/``maxChoices`` lines);
- predict: the code, then a text entry (``extendedTextInteraction`` for an output of several
  lines), right when it is the output.

What QTI cannot say (fuzzy matching, a pattern in Python's syntax) is left out and returned,
in words, for the export's report.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from recall_widgets.deck.model import Question
from recall_widgets.render import render_inline, render_markdown

from .flatten import code_block
from .xhtml import append_html

__all__ = [
    "ITEM_SCHEMA",
    "QTI_NS",
    "XSI_NS",
    "BuiltItem",
    "build_item",
    "item_identifier",
    "plain_title",
]

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_SCHEMA = f"{QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"


def q(tag: str) -> str:
    """A QTI element's name in the QTI namespace."""
    return f"{{{QTI_NS}}}{tag}"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A QTI child element of ``parent`` (``class_`` for ``class``)."""
    element = ET.SubElement(parent, q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def item_identifier(deck_id: str, item_id: str) -> str:
    """The item's QTI identifier: ``deck.item`` (an XML name: ``_`` before a leading digit)."""
    name = f"{deck_id}.{item_id}"
    return name if name[0].isalpha() else f"_{name}"


def _number(value: float) -> str:
    """A number as QTI's float values are written (``4093``, ``0.005``, ``1e+16``)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


@dataclass
class BuiltItem:
    """An item's XML, or why it was not written, and what it could not carry."""

    element: ET.Element | None
    not_carried: list[str] = field(default_factory=list)


@dataclass
class _Parts:
    """What one kind of question adds to the common frame."""

    declaration: ET.Element
    right: ET.Element  # the expression that is true for a right response
    #: Each feedback: its identifier, when it is shown (None: it is a choice's, shown when
    #: picked), its Markdown.
    feedback: list[tuple[str, ET.Element | None, str]] = field(default_factory=list)


def _expression(tag: str, *children: ET.Element, **attrs: str) -> ET.Element:
    element = ET.Element(q(tag), attrs)
    element.extend(children)
    return element


def _variable(name: str = "RESPONSE") -> ET.Element:
    return _expression("variable", identifier=name)


def _value(base_type: str, text: str) -> ET.Element:
    element = _expression("baseValue", baseType=base_type)
    element.text = text
    return element


def _response(
    cardinality: str, base_type: str, correct: Sequence[str], item: ET.Element
) -> ET.Element:
    declaration = sub(
        item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality,
        baseType=base_type,
    )  # fmt: skip
    if correct:
        correct_response = sub(declaration, "correctResponse")
        for value in correct:
            sub(correct_response, "value", value)
    return declaration


class _Item:
    def __init__(self, question: Question, identifier: str, title: str, base: str | None):
        self.question = question
        self.base = base
        self.not_carried: list[str] = []
        self.root = ET.Element(
            q("assessmentItem"),
            {
                "identifier": identifier,
                "title": title,
                "adaptive": "false",
                "timeDependent": "false",
                f"{{{XSI_NS}}}schemaLocation": ITEM_SCHEMA,
            },
        )

    def html(self, parent: ET.Element, markdown: str, *, inline: bool = False) -> ET.Element:
        render = render_inline if inline else render_markdown
        return append_html(parent, render(markdown, self.base), QTI_NS)

    def body(self) -> ET.Element:
        body = ET.Element(q("itemBody"))
        self.html(sub(body, "div", class_="recall-prompt"), self.question.prompt)
        return body

    def finish(self, parts: _Parts, body: ET.Element) -> ET.Element:
        """Outcomes, the body, the response processing and the feedback, in the schema's order."""
        root = self.root
        outcomes = [
            ("SCORE", "single", "float", "0"),
            ("MAXSCORE", "single", "float", "1"),
            ("FEEDBACK", "multiple", "identifier", None),
        ]
        for name, cardinality, base_type, default in outcomes:
            outcome = sub(
                root, "outcomeDeclaration", identifier=name, cardinality=cardinality,
                baseType=base_type,
            )  # fmt: skip
            if default is not None:
                sub(sub(outcome, "defaultValue"), "value", default)
        root.append(body)
        processing = sub(root, "responseProcessing")
        condition = sub(processing, "responseCondition")
        when_right = sub(condition, "responseIf")
        when_right.append(parts.right)
        self._set(when_right, "SCORE", _value("float", "1"))
        self._set(sub(condition, "responseElse"), "SCORE", _value("float", "0"))
        shown = [_value("identifier", "EXPLANATION")]
        if self.question.kind == "choice":
            shown.insert(0, _variable())  # each picked choice's why
        self._set(processing, "FEEDBACK", _expression("multiple", *shown))
        answered = [(i, when) for i, when, _why in parts.feedback if when is not None]
        if answered:
            branches = sub(processing, "responseCondition")
            for index, (identifier, when) in enumerate(answered):
                branch = sub(branches, "responseIf" if index == 0 else "responseElseIf")
                branch.append(when)
                both = _expression(
                    "multiple", _variable("FEEDBACK"), _value("identifier", identifier)
                )
                self._set(branch, "FEEDBACK", both)
        for identifier, _when, why in parts.feedback:
            feedback = sub(
                root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=identifier,
                showHide="show",
            )  # fmt: skip
            self.html(feedback, why)
        explanation = sub(
            root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="EXPLANATION",
            showHide="show", title="Explanation",
        )  # fmt: skip
        self.html(explanation, self.question.explanation)
        return root

    @staticmethod
    def _set(parent: ET.Element, name: str, expression: ET.Element) -> None:
        sub(parent, "setOutcomeValue", identifier=name).append(expression)

    # --- the kinds ---------------------------------------------------------------------------

    def choice(self) -> ET.Element:
        question = self.question
        ids = [f"C{i + 1}" for i in range(len(question.choices))]
        correct = [ids[i] for i in question.correct_indexes]
        cardinality = "multiple" if question.multiple else "single"
        declaration = _response(cardinality, "identifier", correct, self.root)
        body = self.body()
        interaction = sub(
            body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false",
            maxChoices="0" if question.multiple else "1",
        )  # fmt: skip
        feedback: list[tuple[str, ET.Element | None, str]] = []
        for identifier, choice in zip(ids, question.choices, strict=True):
            choice_element = sub(interaction, "simpleChoice", identifier=identifier)
            self.html(choice_element, choice.text, inline=True)
            if choice.why is not None:  # shown when picked: FEEDBACK holds the response
                feedback.append((identifier, None, choice.why))
        right = _expression("match", _variable(), _expression("correct", identifier="RESPONSE"))
        return self.finish(_Parts(declaration, right, feedback), body)

    def numeric(self) -> ET.Element:
        question = self.question
        if question.range is not None:
            low, high = question.range
            aim = (low + high) / 2
            right = _expression(
                "and",
                _expression("gte", _variable(), _value("float", _number(low))),
                _expression("lte", _variable(), _value("float", _number(high))),
            )
        else:
            assert question.answer is not None
            aim = question.answer
            right = self._near(question.answer)
        declaration = _response("single", "float", [_number(aim)], self.root)
        body = self.body()
        entry = sub(body, "p", class_="recall-answer")
        sub(
            entry, "textEntryInteraction", responseIdentifier="RESPONSE",
            expectedLength=str(max(6, len(_number(aim)))),
        )  # fmt: skip
        feedback: list[tuple[str, ET.Element | None, str]] = [
            (f"F{i + 1}", self._near(float(f.answer)), f.why)
            for i, f in enumerate(question.feedback)
            if isinstance(f.answer, int | float)
        ]
        return self.finish(_Parts(declaration, right, self._with_default(feedback, right)), body)

    def _near(self, target: float) -> ET.Element:
        question = self.question
        if question.precision is not None:
            tolerance: float | None = 0.5 / float(10**question.precision)
        else:
            tolerance = question.tolerance or None
        if tolerance is None:
            return _expression(
                "equal", _variable(), _value("float", _number(target)), toleranceMode="exact"
            )
        return _expression(
            "equal", _variable(), _value("float", _number(target)),
            toleranceMode="absolute", tolerance=_number(tolerance),
        )  # fmt: skip

    def _with_default(
        self, feedback: list[tuple[str, ET.Element | None, str]], right: ET.Element
    ) -> list[tuple[str, ET.Element | None, str]]:
        if self.question.default_feedback is None:
            return feedback
        wrong = _expression("not", _copy(right))
        return [*feedback, ("DEFAULT", wrong, self.question.default_feedback)]

    def text(self) -> ET.Element | None:
        question = self.question
        if question.pattern is not None:
            self.not_carried.append(
                "the pattern (a regular expression in Python's syntax): the LMS accepts only "
                "the listed answers"
            )
        if question.fuzzy is not None:
            self.not_carried.append("fuzzy matching: QTI matches the listed answers exactly")
        if not question.answers:
            self.not_carried.append("the whole question: it has no listed answer, only a pattern")
            return None
        case = "true" if question.match_case else "false"
        answers = list(question.answers)
        declaration = _response("single", "string", answers[:1], self.root)
        mapping = sub(declaration, "mapping", defaultValue="0")
        for answer in answers:
            sub(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive=case)
        body = self.body()
        longest = max(len(a) for a in answers)
        sub(
            sub(body, "p", class_="recall-answer"), "textEntryInteraction",
            responseIdentifier="RESPONSE", expectedLength=str(max(10, longest)),
        )  # fmt: skip
        right = self._matches(answers, case)
        feedback: list[tuple[str, ET.Element | None, str]] = [
            (f"F{i + 1}", self._matches([f.answer], case), f.why)
            for i, f in enumerate(question.feedback)
            if isinstance(f.answer, str)
        ]
        return self.finish(_Parts(declaration, right, self._with_default(feedback, right)), body)

    @staticmethod
    def _matches(texts: Sequence[str], case: str) -> ET.Element:
        matches = [
            _expression("stringMatch", _variable(), _value("string", text), caseSensitive=case)
            for text in texts
        ]
        return matches[0] if len(matches) == 1 else _expression("or", *matches)

    def order(self) -> ET.Element:
        question = self.question
        lines = [f"L{i + 1}" for i in range(len(question.lines))]
        declaration = _response("ordered", "identifier", lines, self.root)
        body = self.body()
        attrs = {"responseIdentifier": "RESPONSE", "shuffle": "true"}
        if question.distractors:
            attrs |= {"minChoices": str(len(lines)), "maxChoices": str(len(lines))}
            self.not_carried.append(
                "distractor lines as such: they are choices left out of the answer "
                "(minChoices/maxChoices), which an LMS that orders every choice cannot grade"
            )
        interaction = sub(body, "orderInteraction", **attrs)
        every = [*zip(lines, question.lines, strict=True)]
        every += [(f"D{i + 1}", text) for i, text in enumerate(question.distractors)]
        for identifier, text in every:
            choice = sub(interaction, "simpleChoice", identifier=identifier)
            sub(choice, "code", text)
        right = _expression("match", _variable(), _expression("correct", identifier="RESPONSE"))
        return self.finish(_Parts(declaration, right), body)

    def predict(self) -> ET.Element | None:
        question = self.question
        if question.output is None:
            self.not_carried.append(
                "the whole question: no output is recorded (run `recall-widgets predict DECK`)"
            )
            return None
        output = _output(question.output)
        declaration = _response("single", "string", [output], self.root)
        body = self.body()
        assert question.code is not None
        append_html(sub(body, "div", class_="recall-code-shown"), code_block(question.code), QTI_NS)
        if "\n" in output:
            self.not_carried.append(
                "the forgiving comparison of printed output (white space at line ends, blank "
                "lines around): the LMS compares the lines as typed"
            )
            sub(
                body, "extendedTextInteraction", responseIdentifier="RESPONSE",
                expectedLines=str(output.count("\n") + 1), format="plain",
            )  # fmt: skip
        else:
            sub(
                sub(body, "p", class_="recall-answer"), "textEntryInteraction",
                responseIdentifier="RESPONSE", expectedLength=str(max(10, len(output))),
            )  # fmt: skip
        right = self._matches([output], "true")
        return self.finish(_Parts(declaration, right), body)


def _copy(element: ET.Element) -> ET.Element:
    return ET.fromstring(ET.tostring(element))


def _output(text: str) -> str:
    """Printed output as the predict question compares it (line ends, blank lines trimmed)."""
    lines = [line.rstrip(" \t") for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def plain_title(markdown: str, fallback: str) -> str:
    """A short plain-text title from a prompt's Markdown (what an LMS lists), else
    ``fallback``."""
    text = re.sub(r"<[^>]+>", "", render_inline(markdown))
    flat = " ".join(html.unescape(text).split()) or fallback
    return flat if len(flat) <= 80 else flat[:79].rstrip() + "…"


def build_item(question: Question, deck_id: str, base: str | None = None) -> BuiltItem:
    """``question`` of the deck ``deck_id`` as an ``assessmentItem`` element (or None, with
    the reason, when QTI cannot grade it at all) and what it could not carry."""
    item = _Item(
        question,
        item_identifier(deck_id, question.id),
        plain_title(question.prompt, question.id),
        base,
    )
    builders: dict[str, Callable[[], ET.Element | None]] = {
        "choice": item.choice,
        "numeric": item.numeric,
        "text": item.text,
        "order": item.order,
        "predict": item.predict,
    }
    return BuiltItem(builders[question.kind](), item.not_carried)
