"""A recall prompt as a QTI 2.1 essay: an ``extendedTextInteraction`` graded by hand.

The learner writes an answer as in the widget; the key concepts go to whoever grades it, as a
``rubricBlock`` for the scorer, and to the learner after answering, as ``modalFeedback``
(``CONCEPTS``). No response processing scores it: the LMS's manual grading does. What the widget
does and QTI does not (the learner ticking their own concepts, the hint on request) is
returned for the export's report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from recall_widgets.deck.model import Prompt
from recall_widgets.render import render_inline, render_markdown

from .qti_items import ITEM_SCHEMA, QTI_NS, XSI_NS, BuiltItem, item_identifier, plain_title, q, sub
from .xhtml import append_html

__all__ = ["build_essay"]

SELF_RATED = (
    "the learner's own ticking of the concepts: the LMS grades the essay by hand (the "
    "concepts go to the scorer, and to the learner after answering)"
)


def _concepts(parent: ET.Element, prompt: Prompt, base: str | None) -> None:
    sub(parent, "p", "A good answer covers:")
    listed = sub(parent, "ul", class_="recall-concepts")
    for text in prompt.concept_texts:
        append_html(sub(listed, "li"), render_inline(text, base), QTI_NS)


def build_essay(prompt: Prompt, deck_id: str, base: str | None = None) -> BuiltItem:
    """``prompt`` of the deck ``deck_id`` as an essay ``assessmentItem``, and what it could
    not carry."""
    root = ET.Element(
        q("assessmentItem"),
        {
            "identifier": item_identifier(deck_id, prompt.id),
            "title": plain_title(prompt.prompt, prompt.id),
            "adaptive": "false",
            "timeDependent": "false",
            f"{{{XSI_NS}}}schemaLocation": ITEM_SCHEMA,
        },
    )
    sub(root, "responseDeclaration", identifier="RESPONSE", cardinality="single").set(
        "baseType", "string"
    )
    for name, base_type, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", "1")):
        outcome = sub(root, "outcomeDeclaration", identifier=name, cardinality="single")
        outcome.set("baseType", base_type)
        sub(sub(outcome, "defaultValue"), "value", default)
    feedback = sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple")
    feedback.set("baseType", "identifier")
    body = sub(root, "itemBody")
    append_html(
        sub(body, "div", class_="recall-prompt"), render_markdown(prompt.prompt, base), QTI_NS
    )
    _concepts(sub(body, "rubricBlock", view="scorer"), prompt, base)
    sub(
        body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines="6",
        format="plain",
    )  # fmt: skip
    processing = sub(root, "responseProcessing")
    shown = sub(sub(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple")
    sub(shown, "baseValue", "CONCEPTS", baseType="identifier")
    after = sub(
        root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="CONCEPTS",
        showHide="show", title="A good answer covers",
    )  # fmt: skip
    _concepts(after, prompt, base)
    lost = [SELF_RATED]
    if prompt.hint is not None:
        lost.append("a recall prompt's hint (QTI shows no hint on request)")
    return BuiltItem(root, lost)
