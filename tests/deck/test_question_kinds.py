"""The loader on each kind of question: good ones load, and every problem names its line,
item and field and says what that kind allows (deck/kinds.py, the types in deck/model.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from recall_widgets import load_deck
from recall_widgets.deck.loader import ContentError, parse_deck
from recall_widgets.deck.outputs import RecordedOutput, code_hash, outputs_document, outputs_path

HEAD = "deck: d\ntitle: D\nquestions:\n"


def deck_text(question: str) -> str:
    """A deck of one question (its YAML without the leading '- ', indented by the caller)."""
    return HEAD + textwrap.indent(textwrap.dedent(question).strip(), "    ").replace(
        "    ", "  - ", 1
    )


def problems(question: str, **kwargs: object) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ContentError) as caught:
        parse_deck(deck_text(question), "d.yaml", **kwargs)  # type: ignore[arg-type]
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_a_question_without_kind_is_multiple_choice() -> None:
    deck = parse_deck(
        deck_text("""
        id: q
        prompt: Which?
        choices: [{text: a, correct: true}, {text: b}]
        explanation: e
        """),
        "d.yaml",
    )
    assert deck.questions[0].kind == "choice"
    assert deck.questions[0].correct_indexes == (0,)


def test_each_kind_loads_with_its_own_keys(tmp_path: Path) -> None:
    text = HEAD + textwrap.dedent("""\
      - {id: n, kind: numeric, prompt: p, explanation: e, answer: 3600, tolerance: 0.5,
         feedback: [{answer: 60, why: Minutes.}], default_feedback: Seconds.}
      - {id: r, kind: numeric, prompt: p, explanation: e, range: [1, 2.5]}
      - {id: t, kind: text, prompt: p, explanation: e, answers: [Lax], match_case: true,
         pattern: 'la+x', fuzzy: 0.8}
      - {id: o, kind: order, prompt: p, explanation: e, lines: [a, b], distractors: [c]}
      - id: c
        kind: predict
        prompt: p
        explanation: e
        code: |
          print(6 * 7)
    """)
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    recorded = {"c": RecordedOutput(code_hash("print(6 * 7)\n"), "42\n")}
    outputs_path(path).write_text(outputs_document("d", recorded), encoding="utf-8")
    deck = load_deck(path)
    n, r, t, o, c = deck.questions
    assert (n.answer, n.tolerance, n.feedback[0].answer, n.default_feedback) == (
        3600,
        0.5,
        60,
        "Seconds.",
    )
    assert r.range == (1, 2.5) and r.answer is None
    assert (t.answers, t.match_case, t.pattern, t.fuzzy) == (("Lax",), True, "la+x", 0.8)
    assert (o.lines, o.distractors) == (("a", "b"), ("c",))
    assert c.output == "42\n"


CASES = {
    "unknown kind": (
        "id: q\nkind: nmeric\nprompt: p\nexplanation: e",
        (5, "kind", "unknown kind of question 'nmeric' (did you mean 'numeric'?); allowed: "),
    ),
    "a key of another kind": (
        "id: q\nkind: text\nprompt: p\nexplanation: e\nanswers: [x]\ntolerance: 1",
        (9, "tolerance", "'tolerance' is a key of numeric questions; a text question's own keys"),
    ),
    "a numeric key on a question without kind": (
        "id: q\nprompt: p\nexplanation: e\nchoices: [{text: a, correct: true}, {text: b}]\n"
        "answer: 3",
        (8, "answer", "(add 'kind: numeric' for a numeric question)"),
    ),
    "choice without choices": (
        "id: q\nprompt: p\nexplanation: e",
        (4, "choices", "the required key 'choices' is missing; a choice question needs"),
    ),
    "choice with one choice": (
        "id: q\nprompt: p\nexplanation: e\nchoices: [{text: a, correct: true}]",
        (7, "choices", "a choice question needs at least two choices; found 1"),
    ),
    "choice with no right choice": (
        "id: q\nprompt: p\nexplanation: e\nchoices: [{text: a}, {text: b}]",
        (7, "choices", "no choice is marked correct"),
    ),
    "numeric without answer or range": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e",
        (4, "answer", "a numeric question needs 'answer: NUMBER'"),
    ),
    "numeric with answer and range": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\nrange: [0, 2]",
        (8, "answer", "give either 'answer'"),
    ),
    "numeric answer as text": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: many",
        (8, "answer", "expected a number (e.g. 3600 or 0.5), found the text 'many'"),
    ),
    "negative tolerance": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\ntolerance: -1",
        (9, "tolerance", "the tolerance must be 0 or more; found -1"),
    ),
    "tolerance and precision": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\ntolerance: 1\nprecision: 2",
        (10, "precision", "give 'tolerance' or 'precision', not both"),
    ),
    "precision not whole": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\nprecision: 1.5",
        (9, "precision", "expected a whole number (e.g. 2), found the number `1.5`"),
    ),
    "range backwards": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nrange: [5, 1]",
        (8, "range", "the lowest value comes first: write [1, 5]"),
    ),
    "range of three": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nrange: [1, 2, 3]",
        (8, "range", "'range' takes two numbers, [lowest, highest]; found 3"),
    ),
    "tolerance with range": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nrange: [1, 2]\ntolerance: 1",
        (9, "tolerance", "'tolerance' goes with 'answer', not with 'range'"),
    ),
    "numeric feedback as text": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\n"
        "feedback: [{answer: two, why: w}]",
        (9, "feedback", "a numeric question's feedback answers are a number; found 'two'"),
    ),
    "feedback without why": (
        "id: q\nkind: numeric\nprompt: p\nexplanation: e\nanswer: 1\nfeedback: [{answer: 2}]",
        (9, "feedback", "the required key 'why' is missing; every feedback needs answer, why"),
    ),
    "text without answers": (
        "id: q\nkind: text\nprompt: p\nexplanation: e",
        (4, "answers", "a text question needs 'answers' (a list of accepted answers) or a"),
    ),
    "text with a bad pattern": (
        "id: q\nkind: text\nprompt: p\nexplanation: e\npattern: '(['",
        (8, "pattern", "not a regular expression: unterminated character set"),
    ),
    "fuzzy above 1": (
        "id: q\nkind: text\nprompt: p\nexplanation: e\nanswers: [a]\nfuzzy: 85",
        (9, "fuzzy", "'fuzzy' is a similarity above 0 and at most 1 (e.g. 0.85); found 85"),
    ),
    "text answers not a list": (
        "id: q\nkind: text\nprompt: p\nexplanation: e\nanswers: Lax",
        (8, "answers", "expected a list with one '- ' line per accepted answer"),
    ),
    "text feedback as a number": (
        "id: q\nkind: text\nprompt: p\nexplanation: e\nanswers: [a]\n"
        "feedback: [{answer: 3, why: w}]",
        (9, "feedback", "a text question's feedback answers are text; found 3"),
    ),
    "order without lines": (
        "id: q\nkind: order\nprompt: p\nexplanation: e",
        (4, "lines", "an order question needs 'lines': at least two, in their right order"),
    ),
    "order with one line": (
        "id: q\nkind: order\nprompt: p\nexplanation: e\nlines: [a]",
        (8, "lines", "an order question needs at least two lines; found 1"),
    ),
    "order with a repeated line": (
        "id: q\nkind: order\nprompt: p\nexplanation: e\nlines: [a, b]\ndistractors: [b]",
        (9, "distractors", "this line is the same as line #2"),
    ),
    "predict without code": (
        "id: q\nkind: predict\nprompt: p\nexplanation: e",
        (4, "code", "a predict question needs 'code'"),
    ),
    "predict with its output written": (
        "id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: print(1)\noutput: '1'",
        (9, "output", "a predict question's output is generated from its code, never written"),
    ),
    "predict with no output recorded": (
        "id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: print(1)",
        (8, "code", "no output is recorded for this code; run `recall-widgets predict d.yaml`"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_names_its_line_field_and_what_is_allowed(name: str) -> None:
    question, (line, field, message) = CASES[name]
    found = problems(question)
    assert any(
        (got_line, got_field) == (line, field) and message in got_message
        for got_line, got_field, got_message in found
    ), found


def test_every_problem_line_names_the_file_and_the_question() -> None:
    with pytest.raises(ContentError) as caught:
        parse_deck(deck_text("id: q\nkind: text\nprompt: p\nexplanation: e\nfuzzy: 2"), "x.yaml")
    lines = str(caught.value).splitlines()
    assert lines and all(line.startswith("x.yaml:") and "question #1 'q'" in line for line in lines)


def test_a_stale_output_says_the_code_changed() -> None:
    stale = {"q": RecordedOutput(code_hash("print(2)"), "2\n")}
    found = problems(
        "id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: print(1)", outputs=stale
    )
    assert found == [
        (
            8,
            "code",
            "the recorded output is stale: the code changed since it was generated; run "
            "`recall-widgets predict d.yaml` to generate them",
        )
    ]


def test_a_current_output_is_the_questions_and_the_loader_runs_no_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    code = f"open({str(marker)!r}, 'w').write('x'); print(1)"
    current = {"q": RecordedOutput(code_hash(code), "1\n")}
    yaml_code = code.replace("'", "''")
    deck = parse_deck(
        deck_text(f"id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: '{yaml_code}'"),
        "d.yaml",
        outputs=current,
    )
    assert deck.questions[0].output == "1\n"
    assert not marker.exists()


def test_check_outputs_false_loads_a_deck_whose_outputs_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(deck_text("id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: print(1)"))
    with pytest.raises(ContentError):
        load_deck(path)
    assert load_deck(path, check_outputs=False).questions[0].output is None


def test_a_damaged_outputs_file_is_one_problem_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(deck_text("id: q\nkind: predict\nprompt: p\nexplanation: e\ncode: print(1)"))
    outputs_path(path).write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_deck(path)
    (problem,) = caught.value.problems
    assert problem.file.endswith("d.outputs.json")
    assert "cannot read the predict outputs: not JSON" in problem.message
    assert "recall-widgets predict" in problem.message
