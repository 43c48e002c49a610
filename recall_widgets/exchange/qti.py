"""``recall-widgets export-qti``: decks' questions and prompts as a QTI 2.1 package (a zip).

The package holds ``imsmanifest.xml`` (IMS Content Packaging 1.1: a resource per file), one
``assessmentItem`` per question (:mod:`.qti_items`) or recall prompt (an essay graded by hand,
:mod:`.qti_essay`) under ``items/DECK/ITEM.xml`` and one ``assessmentTest`` per deck under
``tests/DECK.xml``, a section per deck section, which Canvas, Moodle and Blackboard import as a
quiz. Every file is built with ElementTree and read back before it is written (well-formed or
the export fails, writing nothing). Cards and exercises are not assessment items; they are
reported, with what an item could not carry, in the :class:`~.exporting.ExportReport`.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from recall_widgets.deck.model import Deck, Prompt, Question

from .exporting import ExportError, ExportReport, distinct_decks, item_kind, written_atomically
from .qti_essay import build_essay
from .qti_items import QTI_NS, XSI_NS, build_item, item_identifier, q, sub
from .xhtml import MATHML_NS

__all__ = ["CP_NS", "export_qti", "item_path", "qti_files", "serialize"]

CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
TEST_SCHEMA = f"{QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_SCHEMA = f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
#: Every file's time in the zip: the same bytes for the same decks.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)

_NOT_ITEMS = {
    "card": "a flashcard: QTI has no self-rated card (export to Anki for cards)",
    "exercise": "an exercise: its check runs Python in the learner's kernel, which QTI cannot",
}


def item_path(deck_id: str, item_id: str) -> str:
    """Where a question's item is in the package."""
    return f"items/{deck_id}/{item_id}.xml"


def serialize(root: ET.Element) -> bytes:
    """An element as an XML document (UTF-8, with its declaration), checked well-formed: its
    own namespace the default one (``xmlns="…"``), MathML's ``m:``. Changes ``root``."""
    ET.register_namespace("m", MATHML_NS)
    ET.register_namespace("xsi", XSI_NS)
    _indent(root)
    own = root.tag[: root.tag.index("}") + 1]
    for element in root.iter():
        if element.tag.startswith(own):
            element.tag = element.tag[len(own) :]
    root.attrib = {"xmlns": own[1:-1], **root.attrib}
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    ET.fromstring(data)  # well-formed, or ParseError
    return data


#: Elements whose content is text and markup (never indented: white space there shows).
_CONTENT = frozenset(
    q(tag)
    for tag in ("div", "p", "pre", "ul", "ol", "table", "blockquote", "simpleChoice",
                "modalFeedback", "rubricBlock", "h3", "h4", "h5", "h6", "hr", "value", "baseValue")
)  # fmt: skip


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the structure two spaces a level, leaving the content of :data:`_CONTENT`
    elements as it is (a ``pre``'s or a paragraph's white space is part of it)."""
    if element.tag in _CONTENT or not len(element) or (element.text or "").strip():
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _test(deck: Deck, questions: Sequence[Question | Prompt]) -> ET.Element:
    test = ET.Element(
        q("assessmentTest"),
        {
            "identifier": item_identifier(deck.id, "test"),
            "title": deck.title,
            f"{{{XSI_NS}}}schemaLocation": TEST_SCHEMA,
        },
    )
    outcome = sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    part = sub(
        test, "testPart", identifier="part", navigationMode="nonlinear",
        submissionMode="individual",
    )  # fmt: skip
    sections: dict[str | None, list[Question | Prompt]] = {}
    for question in questions:
        sections.setdefault(question.section, []).append(question)
    for number, (name, members) in enumerate(sections.items(), start=1):
        section = sub(
            part, "assessmentSection", identifier=f"S{number}",
            title=name or deck.title, visible="true",
        )  # fmt: skip
        for question in members:
            sub(
                section, "assessmentItemRef", identifier=item_identifier(deck.id, question.id),
                href=f"../{item_path(deck.id, question.id)}",
            )  # fmt: skip
    processing = sub(test, "outcomeProcessing")
    total = sub(sub(processing, "setOutcomeValue", identifier="SCORE"), "sum")
    sub(total, "testVariables", variableIdentifier="SCORE")
    return test


def _manifest(entries: Sequence[tuple[str, str, str, Sequence[str]]]) -> ET.Element:
    """``entries``: each resource's identifier, type, file and the resources it depends on."""
    manifest = ET.Element(
        f"{{{CP_NS}}}manifest",
        {"identifier": "recall-widgets-qti", f"{{{XSI_NS}}}schemaLocation": CP_SCHEMA},
    )
    metadata = ET.SubElement(manifest, f"{{{CP_NS}}}metadata")
    ET.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP_NS}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP_NS}}}resources")
    for identifier, kind, href, depends in entries:
        resource = ET.SubElement(
            resources,
            f"{{{CP_NS}}}resource",
            {"identifier": identifier, "type": kind, "href": href},
        )
        ET.SubElement(resource, f"{{{CP_NS}}}file", {"href": href})
        for other in depends:
            ET.SubElement(resource, f"{{{CP_NS}}}dependency", {"identifierref": other})
    return manifest


def qti_files(
    decks: Sequence[Deck], report: ExportReport, bases: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """The package's files by path (the manifest first), counting into ``report``."""
    files: dict[str, bytes] = {}
    entries: list[tuple[str, str, str, Sequence[str]]] = []
    for deck in decks:
        exported: list[Question | Prompt] = []
        base = (bases or {}).get(deck.id)
        for item in deck.items:
            if isinstance(item, Question):
                built = build_item(item, deck.id, base)
            elif isinstance(item, Prompt):
                built = build_essay(item, deck.id, base)
            else:
                report.skip(deck, item, _NOT_ITEMS[item_kind(item)])
                continue
            for what in built.not_carried:
                report.skip(deck, item, what)
            if built.element is None:
                continue
            path = item_path(deck.id, item.id)
            files[path] = serialize(built.element)
            entries.append((item_identifier(deck.id, item.id), "imsqti_item_xmlv2p1", path, ()))
            exported.append(item)
            report.count(item_kind(item))
        if not exported:
            continue
        path = f"tests/{deck.id}.xml"
        files[path] = serialize(_test(deck, exported))
        depends = [item_identifier(deck.id, question.id) for question in exported]
        entries.append((f"test.{deck.id}", "imsqti_test_xmlv2p1", path, depends))
    if not files:
        raise ExportError(
            "nothing to export: the decks have no question or recall prompt (cards and "
            "exercises are not assessment items)"
        )
    return {"imsmanifest.xml": serialize(_manifest(entries)), **files}


def export_qti(
    decks: Sequence[Deck], out: Path, *, bases: Mapping[str, str] | None = None
) -> ExportReport:
    """Write the questions of ``decks`` to the QTI 2.1 package ``out`` (a zip).

    Parameters
    ----------
    decks:
        The decks, each once.
    out:
        The ``.zip`` to write (replaced whole; nothing written on an error).
    bases:
        Each deck's folder by deck id, where its relative images are read from (inlined).

    Returns
    -------
    ExportReport
        The items written per kind of question, and what QTI does not carry.

    Example
    -------
    >>> from recall_widgets import load_deck
    >>> export_qti([load_deck("content/flask-sessions.yaml")], Path("flask-qti.zip"))
    ... # doctest: +SKIP
    """
    decks = distinct_decks(decks)
    report = ExportReport(out=Path(out), decks=[deck.id for deck in decks])
    files = qti_files(decks, report, bases)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    with written_atomically(Path(out)) as temporary:
        temporary.write_bytes(buffer.getvalue())
    return report
