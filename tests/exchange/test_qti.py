"""export-qti: the QTI 2.1 package read back by an independent reader, citolab-qti-convert
(GPL, a test-only extra), which upgrades it to QTI 3; its output parsed with lxml."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from qti_convert import upgrade_package

from recall_widgets import load_deck
from recall_widgets.cli import main
from recall_widgets.deck.loader import parse_deck
from recall_widgets.deck.model import Prompt
from recall_widgets.exchange.exporting import ExportReport
from recall_widgets.exchange.qti import export_qti
from recall_widgets.exchange.xhtml import MATHML_NS, append_html

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EVERY = HERE / "decks" / "every-kind.yaml"
SECOND = HERE / "decks" / "second.yaml"
FLASK = ROOT / "content" / "flask-sessions.yaml"
DOC = ROOT / "docs" / "import-export.md"
QTI2 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI3 = {"q": "http://www.imsglobal.org/xsd/imsqtiasi_v3p0", "m": MATHML_NS}
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
#: An export's report and its items upgraded to QTI 3, by identifier.
Exported = tuple[ExportReport, dict[str, Any]]
#: The item shown in docs/import-export.md, as the exporter writes it from the Flask deck.
SAMPLE = "items/flask-sessions/session-like.xml"


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The every-kind deck exported, upgraded to QTI 3 by citolab, each item parsed."""
    folder = tmp_path_factory.mktemp("qti")
    report = export_qti([load_deck(EVERY)], folder / "every.zip")
    upgrade_package(folder / "every.zip", folder / "qti3.zip")
    items = {}
    with zipfile.ZipFile(folder / "qti3.zip") as archive:
        for name in archive.namelist():
            root = etree.fromstring(archive.read(name))
            if etree.QName(root).localname == "qti-assessment-item":
                items[root.get("identifier")] = root
    return report, items


def feedback(item: etree._Element) -> dict[str, str]:
    return {f.get("identifier"): text_of(f) for f in item.iterfind("q:qti-modal-feedback", QTI3)}


def correct(item: etree._Element) -> list[str]:
    return [v.text or "" for v in item.iterfind(".//q:qti-correct-response/q:qti-value", QTI3)]


def test_choice_questions_keep_their_choices_answers_and_feedback(every_kind: Exported) -> None:
    _report, items = every_kind
    deck = load_deck(EVERY)
    for question in (deck.item("choice-one"), deck.item("choice-many")):
        item = items[f"every-kind.{question.id}"]
        body = item.find("q:qti-item-body", QTI3)
        assert body is not None
        interaction = body.find("q:qti-choice-interaction", QTI3)
        choices = interaction.findall("q:qti-simple-choice", QTI3)
        assert len(choices) == len(question.choices)
        assert [c.get("identifier") for c in choices] == [f"C{i + 1}" for i in range(len(choices))]
        assert correct(item) == [f"C{i + 1}" for i in question.correct_indexes]
        declared = item.find("q:qti-response-declaration", QTI3)
        assert declared.get("cardinality") == ("multiple" if question.multiple else "single")
        assert interaction.get("max-choices") == ("0" if question.multiple else "1")
        shown = feedback(item)
        for index, choice in enumerate(question.choices):
            if choice.why is not None:
                assert shown[f"C{index + 1}"].startswith(choice.why.split("$")[0].strip())
        assert shown["EXPLANATION"].split()[:3] == question.explanation.replace("`", "").split()[:3]
    one = items["every-kind.choice-one"]
    assert "Which is a dict?" in text_of(one.find("q:qti-item-body/*", QTI3))
    # math stays MathML, in MathML's namespace, in a choice and in a why
    assert one.find(".//q:qti-simple-choice/m:math/m:mrow/m:msqrt", QTI3) is not None
    assert one.find(".//q:qti-modal-feedback//m:math", QTI3) is not None
    assert [text_of(c) for c in one.iterfind(".//q:qti-simple-choice", QTI3)][:2] == ["{}", "[]"]


def test_numeric_questions_use_equal_with_their_tolerance_or_the_range(
    every_kind: Exported,
) -> None:
    _report, items = every_kind
    tolerance = items["every-kind.numeric-tolerance"]
    assert tolerance.find("q:qti-response-declaration", QTI3).get("base-type") == "float"
    assert tolerance.find(".//q:qti-text-entry-interaction", QTI3) is not None
    assert correct(tolerance) == ["4093"]
    equal = tolerance.find(".//q:qti-response-if/q:qti-equal", QTI3)
    assert equal.get("tolerance-mode") == "absolute" and equal.get("tolerance") == "10"
    assert feedback(tolerance) == {
        "F1": "Far more than a kilobyte.",
        "DEFAULT": "It is a little under 4 KiB.",
        "EXPLANATION": "Flask's MAX_COOKIE_SIZE is 4093.",
    }
    wrong = tolerance.findall(".//q:qti-response-condition", QTI3)[1]
    assert wrong.find("q:qti-response-if/q:qti-equal/q:qti-base-value", QTI3).text == "1024"
    precision = items["every-kind.numeric-precision"]
    assert precision.find(".//q:qti-equal", QTI3).get("tolerance") == "0.005"
    assert precision.find(".//q:qti-item-body//m:math", QTI3) is not None  # $\pi$ in the prompt
    bounds = items["every-kind.numeric-range"].find(".//q:qti-response-if/q:qti-and", QTI3)
    assert [e.find("q:qti-base-value", QTI3).text for e in bounds] == ["1", "5"]
    assert [etree.QName(e).localname for e in bounds] == ["qti-gte", "qti-lte"]


def test_text_questions_carry_their_answers_and_case(every_kind: Exported) -> None:
    report, items = every_kind
    case = items["every-kind.text-case"]
    assert case.find("q:qti-response-declaration", QTI3).get("base-type") == "string"
    entries = case.findall(".//q:qti-mapping/q:qti-map-entry", QTI3)
    keys = [(e.get("map-key"), e.get("case-sensitive")) for e in entries]
    assert keys == [("Set-Cookie", "true")]
    match = case.find(".//q:qti-response-if/q:qti-string-match", QTI3)
    assert match.get("case-sensitive") == "true"
    assert feedback(case)["F1"] == "That one the browser sends back."
    fuzzy = items["every-kind.text-fuzzy"]
    assert fuzzy.find(".//q:qti-string-match", QTI3).get("case-sensitive") == "false"
    # what QTI cannot carry is reported with the deck and item, never dropped silently
    lost = {(n.item, n.what.split(":")[0].split(" (")[0]) for n in report.not_carried}
    assert ("text-fuzzy", "fuzzy matching") in lost
    assert ("text-fuzzy", "the pattern") in lost
    assert ("text-pattern-only", "the whole question") in lost
    assert "every-kind.text-pattern-only" not in items


def test_order_and_predict_questions(every_kind: Exported) -> None:
    report, items = every_kind
    order = items["every-kind.order-lines"]
    interaction = order.find(".//q:qti-order-interaction", QTI3)
    assert [text_of(c) for c in interaction] == [
        "open the session", "run the view", "save the session", "reload the session"
    ]  # fmt: skip
    assert correct(order) == ["L1", "L2", "L3"]  # the distractor D1 is no part of the answer
    assert interaction.get("max-choices") == "3"
    predict = items["every-kind.predict-print"]
    assert correct(predict) == ["A\nB"]
    assert predict.find(".//q:qti-extended-text-interaction", QTI3) is not None
    code = predict.find(".//q:qti-item-body//q:pre", QTI3)
    assert code is not None and "print(word.upper())" in text_of(code).replace(" ", "")
    assert code.find(".//q:span[@class='nb']", QTI3) is not None  # highlighted, as XHTML
    one_line = items["every-kind.predict-one-line"]
    assert correct(one_line) == ["True"]
    assert one_line.find(".//q:qti-text-entry-interaction", QTI3) is not None
    not_items = {n.item for n in report.not_carried if n.what.startswith(("a flashcard", "an "))}
    assert not_items == {"card-code", "card-math", "exercise-cart"}


def test_a_recall_prompt_is_an_essay_with_its_concepts_for_the_scorer(every_kind: Exported) -> None:
    report, items = every_kind
    essay = items["every-kind.prompt-explain"]
    body = essay.find("q:qti-item-body", QTI3)
    assert "signed cookie keeps the session safe" in text_of(body.find("q:div", QTI3))
    assert body.find("q:qti-extended-text-interaction", QTI3) is not None
    rubric = body.find("q:qti-rubric-block", QTI3)
    assert rubric.get("view") == "scorer"
    concepts = ["the data is readable but signed", "a change breaks the signature"]
    assert [text_of(li) for li in rubric.iterfind(".//q:li", QTI3)] == concepts
    assert "a change breaks the signature" in feedback(essay)["CONCEPTS"]  # after answering
    assert not correct(essay)  # graded by hand
    lost = [n.what for n in report.not_carried if n.item == "prompt-explain"]
    assert any("ticking of the concepts" in what for what in lost)
    assert any(what.startswith("a recall prompt's hint") for what in lost)


def test_the_package_is_well_formed_and_its_manifest_lists_every_file(tmp_path: Path) -> None:
    out = tmp_path / "both.zip"
    report = export_qti([load_deck(EVERY), load_deck(SECOND)], out)
    assert report.total == 11 + 1
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        documents = {name: etree.fromstring(archive.read(name)) for name in names}  # parses
    assert names[0] == "imsmanifest.xml"
    manifest = documents["imsmanifest.xml"]
    files = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert files == set(names) - {"imsmanifest.xml"}
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    tests = [r for r in resources.values() if r.get("type") == "imsqti_test_xmlv2p1"]
    assert len(tests) == 2  # one assessmentTest per deck
    for test in tests:
        for dependency in test.iter(f"{CP}dependency"):
            assert resources[dependency.get("identifierref")].get("type") == "imsqti_item_xmlv2p1"
    for name, root in documents.items():
        if name.startswith("items/"):
            assert root.tag == f"{{{QTI2}}}assessmentItem"
            for element in root.iter():
                if isinstance(element.tag, str) and etree.QName(element).localname == "math":
                    assert etree.QName(element).namespace == MATHML_NS
    test = documents["tests/every-kind.xml"]
    sections = test.findall(f".//{{{QTI2}}}assessmentSection")
    assert [s.get("title") for s in sections] == ["basics", "numbers", "words", "code"]
    for ref in test.iter(f"{{{QTI2}}}assessmentItemRef"):
        assert ref.get("href").removeprefix("../") in names


def test_our_html_becomes_well_formed_xml() -> None:
    import xml.etree.ElementTree as ET

    parent = ET.Element("div")
    html = (
        '<p>a<br>b&nbsp;&lt;c&gt; <s>x</s> <img src="i.png"> <a href="/x" target="_blank">l</a></p>'
    )
    append_html(parent, html, "")
    text = ET.tostring(parent, encoding="unicode")
    etree.fromstring(text)
    assert text == (
        '<div><p>a<br />b\xa0&lt;c&gt; <span class="recall-strikethrough">x</span> '
        '<img src="i.png" alt="" /> <a href="/x">l</a></p></div>'
    )


def test_a_deck_of_only_cards_exports_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "cards.yaml"
    deck.write_text("deck: cards\ntitle: C\ncards: [{id: c, front: F, back: B}]\n", "utf-8")
    out = tmp_path / "cards.zip"
    assert main(["export-qti", str(deck), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no question or recall prompt" in err
    assert not out.exists()


def test_a_deck_that_does_not_load_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "deck: bad\ntitle: B\nquestions:\n  - id: q\n    prompt: P\n    explanation: E\n"
        "    choices: [{text: a}, {text: b}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "bad.zip"
    out.write_bytes(b"an earlier export")
    assert main(["export-qti", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"bad\.yaml:\d+:\d+: .*no choice is marked correct", err), err
    assert "Traceback" not in err
    assert out.read_bytes() == b"an earlier export"  # left whole


def test_the_flask_course_through_the_installed_command(tmp_path: Path) -> None:
    out = tmp_path / "flask.zip"
    result = subprocess.run(
        [sys.executable, "-m", "recall_widgets", "export-qti", str(FLASK), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    deck = load_deck(FLASK)
    items_written = len(deck.questions) + len(deck.prompts)
    assert result.stdout.startswith(f"wrote {out}: {items_written} items from 1 deck")
    assert "not carried: fuzzy matching" in result.stdout
    assert "flask-sessions/csrf-field-name" in result.stdout
    converted = upgrade_package(out)
    items = [
        etree.fromstring(content if isinstance(content, bytes) else content.encode())
        for name, content in converted.files.items()
        if name.startswith("items/")
    ]
    assert len(items) == items_written == 45
    for item, question in zip(items, [*deck.questions, *deck.prompts], strict=True):
        assert item.get("identifier") == f"flask-sessions.{question.id}"
        if isinstance(question, Prompt):
            assert feedback(item)["CONCEPTS"]
            continue
        assert feedback(item)["EXPLANATION"]
        assert correct(item)
        if question.kind == "choice":
            assert len(item.findall(".//q:qti-simple-choice", QTI3)) == len(question.choices)


def doc_sample(doc: str) -> str:
    """The XML shown under the sample's marker in docs/import-export.md."""
    found = re.search(rf"<!-- qti-sample: {re.escape(SAMPLE)} -->\n```xml\n(.*?)```", doc, re.S)
    assert found, f"docs/import-export.md has no sample marked <!-- qti-sample: {SAMPLE} -->"
    return found.group(1)


def exported_sample(folder: Path) -> str:
    export_qti([load_deck(FLASK)], folder / "flask.zip")
    with zipfile.ZipFile(folder / "flask.zip") as archive:
        return archive.read(SAMPLE).decode("utf-8")


def test_the_sample_in_the_docs_is_what_the_exporter_writes(tmp_path: Path) -> None:
    shown = doc_sample(DOC.read_text(encoding="utf-8"))
    assert shown == exported_sample(tmp_path), (
        "docs/import-export.md's QTI sample is stale: run "
        "`python tests/exchange/test_qti.py` to write it again"
    )
    broken = doc_sample(DOC.read_text(encoding="utf-8").replace("SecureCookieSession", "X"))
    assert broken != exported_sample(tmp_path)  # the check sees a changed sample


def test_the_same_decks_give_the_same_bytes(tmp_path: Path) -> None:
    deck = parse_deck(SECOND.read_text(), str(SECOND))
    export_qti([deck], tmp_path / "a.zip")
    export_qti([deck], tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.parametrize(
    ("command", "out"), [("export-anki", "flask.apkg"), ("export-qti", "flask-qti.zip")]
)
def test_the_docs_show_what_the_commands_print(
    command: str,
    out: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "content").mkdir()
    for name in ("flask-sessions.yaml", "flask-sessions.outputs.json"):
        (tmp_path / "content" / name).write_bytes((ROOT / "content" / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    line = f"$ recall-widgets {command} content/flask-sessions.yaml --out {out}\n"
    assert main([command, "content/flask-sessions.yaml", "--out", out]) == 0
    printed = capsys.readouterr().out
    doc = DOC.read_text(encoding="utf-8")
    assert line in doc
    shown = doc.split(line, 1)[1].split("```", 1)[0]
    assert shown == printed


if __name__ == "__main__":  # write the sample into docs/import-export.md
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        sample = exported_sample(Path(folder))
    text = DOC.read_text(encoding="utf-8")
    old = doc_sample(text)
    DOC.write_text(text.replace(f"```xml\n{old}```", f"```xml\n{sample}```", 1), "utf-8")
    print(f"wrote the sample {SAMPLE} into {DOC}")
