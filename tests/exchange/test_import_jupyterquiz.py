"""jupyterquiz files → decks: every documented field carried (or noted at its place), bad files
refused with every problem, and imported questions graded as jupyterquiz grades them."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.deck.model import Question
from recall_widgets.exchange.importing import ImportOptions, PeerFileError, import_file
from recall_widgets.progress.grading import grade, levenshtein_ratio

PEERS = Path(__file__).parent / "peers"
EVERY = PEERS / "jupyterquiz-every-field.json"
EXAMPLES = PEERS / "jupyterquiz-examples-questions.json"
README = PEERS / "jupyterquiz-readme.json"


def questions(path: Path, **options: Any) -> dict[str, dict[str, Any]]:
    result = import_file(path, "jupyterquiz", ImportOptions(**options))
    return {q["id"]: q for q in result.data["questions"]}


def notes(path: Path) -> list[str]:
    return [str(note) for note in import_file(path, "jupyterquiz").notes]


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(data, indent=2))
    return path


def test_multiple_choice_with_code_html_and_per_answer_feedback() -> None:
    q = questions(EVERY)["what-does-this-print-think-about-on-strings"]
    assert q["prompt"] == (
        "What does this **print**?\nThink about `+` on *strings*.\n\n"
        '```python\na = "1"\nb = "2"\nif a < b:\n    print(a + b)\n```'
    )
    assert q["choices"] == [
        {"text": "3", "why": "No: *+* joins strings."},
        {"text": "12", "correct": True, "why": "Yes: **concatenation**."},
        {"text": "`TypeError`"},
        {
            "text": "Nothing; the line\n`print(a + b)`\n`is never reached`",
            "why": 'It is reached: "1" \\< "2" is true.',
        },
    ]
    assert q["explanation"] == "The right answer: 12"
    assert "kind" not in q  # choice is the default kind


def test_many_choice_is_a_choice_question_with_several_right_answers() -> None:
    result = import_file(EVERY, "jupyterquiz")
    question = result.deck.item("which-are-roots-of-x-2-1-0")
    assert isinstance(question, Question)
    assert question.multiple and question.correct_indexes == (0, 1)
    assert [c.text for c in question.choices] == ["$x = 1$", "$x = -1$", "$x = 0$"]
    assert question.choices[1].why == "Yes: $$(-1)^2 = 1$$"
    assert "[the notes](<https://example.org/roots>)" in question.prompt
    assert "<https://example.org/algebra>" in question.prompt
    assert question.explanation == "The right answers:\n\n- $x = 1$\n- $x = -1$"


def test_numeric_value_with_wrong_value_feedback_and_default() -> None:
    q = questions(EVERY)["how-many-bytes-are-in-a-kibibyte-give"]
    assert q["kind"] == "numeric"
    assert q["prompt"] == "How many bytes are in a kibibyte?\n\nGive a whole number."
    assert q["answer"] == 1024 and "precision" not in q and "tolerance" not in q
    assert q["feedback"] == [{"answer": 1000, "why": "That is a *kilo*byte (10<sup>3</sup>)."}]
    assert q["default_feedback"] == "It is a power of two."
    assert q["explanation"] == "The right answer: 1024.\n\nRight: $2^{10}$."


def test_numeric_precision_is_significant_digits_carried_as_a_tolerance() -> None:
    q = questions(EVERY)["give-avogadro-s-number-3-significant-digits-in"]
    assert (q["answer"], q["tolerance"]) == (6.02e23, 0.5e21)
    assert q["feedback"] == [{"answer": 6.02e22, "why": "Off by a factor of ten."}]
    assert q["explanation"] == "The right answer: 6.02e+23 (to 3 significant digits)."


def test_numeric_precision_of_few_digits_becomes_decimal_places() -> None:
    q = questions(README)["enter-the-value-of-pi-will-be-checked"]
    assert (q["answer"], q["precision"]) == (3.1, 1)  # 2 significant digits of 3.14
    assert any(
        "field 'precision': carried as jupyterquiz 2.8 and later grade it: 2 significant "
        "digits, so 3.14 is 3.1 and anything from 3.05 to 3.15 counts" in n
        for n in notes(README)
    )


def test_numeric_range_answer() -> None:
    q = questions(EVERY)["pick-a-probability-strictly-between-0-2-and"]
    assert q["range"] == [0.2, 0.39999999999999997] and "answer" not in q  # [0.2, 0.4)
    assert q["explanation"] == (
        "The right answer: from 0.2 up to, not including, 0.4.\n\nAny number in there."
    )


def test_string_with_match_case_feedback_and_default() -> None:
    q = questions(EVERY)["name-the-python-keyword-that-defines-a-function"]
    assert (q["kind"], q["answers"], q["match_case"]) == ("text", ["def"], True)
    assert [f["answer"] for f in q["feedback"]] == ["function", "lambda"]
    assert q["default_feedback"] == "Three letters."
    assert q["explanation"] == "The right answer: `def`.\n\nYes, `def`."


def test_string_fuzzy_threshold_becomes_fuzzy() -> None:
    q = questions(EVERY)["spell-the-name-of-the-library-that-draws"]
    assert (q["answers"], q["fuzzy"]) == (["matplotlib"], 0.8)
    assert "match_case" not in q


def test_every_field_file_notes_only_the_layout_options() -> None:
    assert [n.split(": ", 1)[1] for n in notes(EVERY) if "precision" not in n] == [
        "question 1, field 'answer_cols': not carried: how many columns of answer buttons "
        "(layout; our quiz lays choices out itself)",
        "question 6, field 'input_width': not carried: the width of the answer box (layout; "
        "our quiz sizes it itself)",
    ]
    assert notes(EVERY)[0].startswith(f"{EVERY}:6:20: ")


def test_what_the_examples_file_cannot_carry_is_listed_with_positions() -> None:
    found = [n.removeprefix(f"{EXAMPLES}:") for n in notes(EXAMPLES)]
    assert [n.split(": ", 2)[:2] for n in found] == [
        ["36:24", "question 2, field 'answer_cols'"],
        ["101:13", "question 4, answer 2"],
        ["112:26", "question 4, answer 3, field 'range'"],
        ["143:29", "question 5, answer 2, field 'feedback'"],
        ["147:26", "question 5, answer 3, field 'range'"],
    ]
    assert "a second right answer, the range [3.142857, 3.142858)" in found[1]
    assert "feedback for a wrong range [-100000000, 0)" in found[2]
    assert "'$\\pi$ is the AREA of a circle of radius 1. Try again.'" in found[2]


def test_the_examples_file_imports_whole() -> None:
    result = import_file(EXAMPLES, "jupyterquiz")
    assert result.counts == "8 questions (6 choice, 2 numeric)"
    ids = [q.id for q in result.deck.questions]
    assert ids[3:5] == [
        "enter-the-value-of-pi-to-2-decimal",
        "enter-the-value-of-pi-to-2-decimal-2",
    ]
    assert len(set(ids)) == 8


def test_ids_are_the_same_on_every_import() -> None:
    first = [q.id for q in import_file(EXAMPLES, "jupyterquiz").deck.questions]
    again = [q.id for q in import_file(EXAMPLES, "jupyterquiz").deck.questions]
    assert first == again


def test_a_question_without_words_gets_a_hash_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [{"question": "$\\pi$?", "type": "numeric", "answers": [{"value": 3.14, "correct": True}]}],
    )
    (question,) = import_file(path, "jupyterquiz").data["questions"]
    assert question["id"] == "pi"
    path = write(
        tmp_path,
        [{"question": "∑?", "type": "numeric", "answers": [{"value": 1, "correct": True}]}],
    )
    (question,) = import_file(path, "jupyterquiz").data["questions"]
    assert question["id"].startswith("question-") and len(question["id"]) == 17


def test_one_question_object_is_a_file_too(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"question": "Q?", "type": "string", "answers": [{"answer": "a", "correct": True}]},
    )
    assert import_file(path, "jupyterquiz").counts == "1 question (1 text)"


def test_options_name_the_deck_and_section() -> None:
    result = import_file(EXAMPLES, "jupyterquiz", ImportOptions("ch1", "Chapter 1", "basics", ""))
    assert (result.deck.id, result.deck.title, result.deck.sections) == (
        "ch1",
        "Chapter 1",
        ("basics",),
    )
    assert "```\na=" in result.deck.questions[5].prompt  # no language on the fence


def test_unknown_keys_are_noted_not_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {
                "question": "Q?",
                "type": "multiple_choice",
                "points": 3,
                "answers": [
                    {"answer": "a", "correct": True, "hint": "h"},
                    {"answer": "b", "correct": False},
                ],
            }
        ],
    )
    found = [str(n) for n in import_file(path, "jupyterquiz").notes]
    assert found[0].startswith(f"{path}:5:5: question 1, field 'points': not carried: ")
    assert "jupyterquiz documents no such key (here: 3; it documents question, type, " in found[0]
    assert found[1].startswith(f"{path}:10:9: question 1, answer 1, field 'hint': not carried")


def _string_question(answers: list[dict[str, Any]]) -> dict[str, Any]:
    return {"question": "Q?", "type": "string", "answers": answers}


def test_string_options_that_differ_between_answers_are_noted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            _string_question(
                [
                    {
                        "answer": "Paris",
                        "correct": True,
                        "match_case": True,
                        "fuzzy_threshold": 0.9,
                    },
                    {
                        "answer": "paris",
                        "correct": True,
                        "fuzzy_threshold": 0.7,
                        "feedback": "Lower case.",
                    },
                    {"answer": "Lyon", "correct": False, "fuzzy_threshold": 0.8},
                ]
            )
        ],
    )
    result = import_file(path, "jupyterquiz")
    (q,) = result.data["questions"]
    assert (q.get("match_case"), q["fuzzy"]) == (None, 0.7)
    found = [n.message for n in result.notes]
    assert any("'match_case' differs between answers" in m for m in found)
    assert any("'fuzzy_threshold' differs between the right answers" in m for m in found)
    assert any("fuzzy matching of a wrong answer" in m for m in found)
    assert q["explanation"] == "The right answers: `Paris`, `paris`.\n\nLower case."


# -- bad files: every problem, one line each, nothing imported --------------------------------


def refused(path: Path) -> list[str]:
    with pytest.raises(PeerFileError) as caught:
        import_file(path, "jupyterquiz")
    return [str(note) for note in caught.value.notes]


def test_an_unknown_question_type_is_refused() -> None:
    assert refused(PEERS / "jupyterquiz-unknown-type.json") == [
        f"{PEERS / 'jupyterquiz-unknown-type.json'}:9:13: question 2, field 'type': unknown "
        "question type 'essay'; allowed: multiple_choice, many_choice, numeric, string"
    ]


def test_malformed_answers_are_refused_each_at_its_place() -> None:
    path = PEERS / "jupyterquiz-malformed-answer.json"
    assert refused(path) == [
        f"{path}:6:39: question 1, answer 1, field 'correct': 'correct' must be true or false; "
        "found the text 'yes'",
        f"{path}:7:7: question 1, answer 2: no 'correct'; true or false is needed here",
        f"{path}:13:44: question 2, answer 1, field 'range': 'range' must be two numbers, [A, B]",
    ]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"type": "numeric", "answers": []}, "no 'question'; text is needed here"),
        ({"question": "Q?", "answers": []}, "no 'type'; text is needed here"),
        ({"question": "Q?", "type": "string"}, "no 'answers'; a list of answers is needed"),
        ({"question": "Q?", "type": "string", "answers": {}}, "'answers' must be a list"),
        ({"question": "Q?", "type": "string", "answers": ["a"]}, "an answer is an object"),
        (
            {"question": "", "type": "string", "answers": [{"answer": "a", "correct": True}]},
            "the question is empty",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [{"answer": "a", "correct": False}, {"answer": "b", "correct": False}],
            },
            "no answer has 'correct': true",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [{"answer": "a", "correct": True}],
            },
            "needs at least two answers; found 1",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [{"correct": True}, {"answer": "b", "correct": False}],
            },
            "the answer has no text: give 'answer' or 'code'",
        ),
        (
            {"question": "Q?", "type": "numeric", "answers": [{"value": "3", "correct": True}]},
            "'value' must be a number; found the text '3'",
        ),
        (
            {"question": "Q?", "type": "numeric", "answers": [{"range": [2, 1], "correct": True}]},
            "the range [2, 1) holds no number",
        ),
        (
            {"question": "Q?", "type": "numeric", "answers": [{"type": "exact", "value": 1}]},
            "unknown answer type 'exact'; allowed: value, range, default",
        ),
        (
            {"question": "Q?", "type": "numeric", "answers": [{"value": 1, "range": [0, 2]}]},
            "each answer needs either 'value'",
        ),
        (
            {
                "question": "Q?",
                "type": "numeric",
                "precision": 0,
                "answers": [{"value": 1, "correct": True}],
            },
            "'precision' is a number of significant digits, 1 to 100; found 0",
        ),
        (
            {
                "question": "Q?",
                "type": "numeric",
                "answers": [{"type": "default", "feedback": "x"}],
            },
            "no answer has 'correct': true; a numeric question needs a right value or range",
        ),
        (
            {"question": "Q?", "type": "string", "answers": [{"answer": " ", "correct": True}]},
            "the answer is empty",
        ),
        (
            {
                "question": "Q?",
                "type": "string",
                "answers": [{"answer": "a", "correct": True, "fuzzy_threshold": 2}],
            },
            "'fuzzy_threshold' is a similarity from 0 to 1; found 2",
        ),
        (
            {"question": "Q?", "type": "string", "answers": [{"answer": "a", "correct": False}]},
            "no answer has 'correct': true; a text question needs at least one accepted answer",
        ),
    ],
)
def test_each_malformed_question_gets_one_clear_line(
    tmp_path: Path, question: dict[str, Any], message: str
) -> None:
    lines = refused(write(tmp_path, [question]))
    assert len(lines) == 1 and message in lines[0], lines
    assert lines[0].startswith(f"{tmp_path / 'quiz.json'}:") and ": question 1" in lines[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2,]", "1:7: not valid JSON: a ',' before ']'"),
        ('"just text"', "1:1: expected a list of questions"),
        ("[]", "1:1: the list of questions is empty"),
        ("[3]", "1:2: question 1: a question is an object"),
    ],
)
def test_files_that_are_not_question_lists(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "quiz.json"
    path.write_text(text)
    assert refused(path) == [f"{path}:{message}"] or message in refused(path)[0]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "quiz.json"
    path.write_bytes(b'[{"question": "caf\xe9"}]')
    assert refused(path) == [f"{path}:1:19: not UTF-8 text; save the file as UTF-8"]


# -- graded as jupyterquiz grades: a port of its js/numeric.js and js/string.js ---------------


def jupyterquiz_numeric(spec: dict[str, Any], submission: float) -> bool:
    """jupyterquiz 2.9.6.4's check_numeric: the first value or range that matches decides."""
    precision = spec.get("precision")
    if precision:
        submission = float(f"{submission:.{precision}g}")
    for answer in spec["answers"]:
        if "value" in answer:
            value = answer["value"]
            if precision:
                value = float(f"{value:.{precision}g}")
            if submission == value:
                return bool(answer["correct"])
        elif "range" in answer:
            low, high = answer["range"]
            if low <= submission < high:
                return bool(answer["correct"])
    return False


def jupyterquiz_string(spec: dict[str, Any], submission: str) -> bool:
    """jupyterquiz 2.9.6.4's check_string."""
    submission = submission.strip()
    for answer in spec["answers"]:
        if answer.get("type") == "default":
            continue
        case = answer.get("match_case")
        given, wanted = (
            (submission, answer["answer"])
            if case
            else (submission.lower(), answer["answer"].lower())
        )
        if given == wanted:
            return bool(answer["correct"])
        threshold = answer.get("fuzzy_threshold")
        if threshold and levenshtein_ratio(given, wanted) >= threshold:
            return bool(answer["correct"])
    return False


NUMBERS = [
    0,
    0.1,
    0.2,
    0.3,
    0.4,
    0.5,
    1,
    3.1,
    3.14,
    3.1416,
    3.2,
    22 / 7,
    999,
    1000,
    1023,
    1024,
    1025,
    6.01e23,
    6.02e23,
    6.0249e23,
    6.03e23,
    6.02e22,
    -1,
]
TEXTS = [
    "def",
    "Def",
    " def ",
    "function",
    "matplotlib",
    "matplotlb",
    "Matplotlib",
    "seaborn",
    "John F. Kennedy",
    "john f kennedy",
    "JFK",
    "jfk",
    "Kennedy",
    "lambda",
]


@pytest.mark.parametrize("path", [EVERY, README, EXAMPLES], ids=lambda p: p.stem)
def test_imported_questions_grade_as_jupyterquiz_where_nothing_was_noted(path: Path) -> None:
    specs = json.loads(path.read_text())
    result = import_file(path, "jupyterquiz")
    noted = {
        int(n.where.split()[1].rstrip(",")) for n in result.notes if "precision" not in n.message
    }
    compared = 0
    for number, (spec, question) in enumerate(zip(specs, result.deck.questions, strict=True), 1):
        if number in noted and spec["type"] == "numeric":
            continue  # what was noted is exactly what may differ
        if spec["type"] == "numeric":
            for x in NUMBERS:
                ours = grade(question, {"value": x})["correct"]
                assert ours == jupyterquiz_numeric(spec, x), (question.id, x)
                compared += 1
        elif spec["type"] == "string":
            for text in TEXTS:
                if number in noted and text.lower() in ("jfk",):
                    continue  # the noted fuzzy threshold now applies to JFK too
                ours = grade(question, {"text": text})["correct"]
                assert ours == jupyterquiz_string(spec, text), (question.id, text)
                compared += 1
    assert compared or path == EXAMPLES
    assert not math.isnan(compared)


def test_a_second_right_number_outside_the_first_is_what_differs() -> None:
    specs = json.loads(EXAMPLES.read_text())
    question = import_file(EXAMPLES, "jupyterquiz").deck.questions[3]
    assert jupyterquiz_numeric(specs[3], 22 / 7) is True
    assert grade(question, {"value": 22 / 7})["correct"] is False  # the note says so
    assert grade(question, {"value": 3.14})["correct"] is True
