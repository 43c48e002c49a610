"""JSON read with positions: every value and key knows its line and column; bad JSON says where."""

from __future__ import annotations

import json

import pytest

from recall_widgets.exchange.positions import JsonSyntaxError, parse_json

DOC = """[
  {"question": "Q?",
   "answers": [ {"answer": "a", "correct": true},
                {"answer": "b", "correct": false} ],
   "precision": 2.5e1}
]"""


def test_values_and_keys_carry_their_line_and_column() -> None:
    root = parse_json(DOC)
    assert root.where == (1, 1)
    question = root.value[0]
    assert question.where == (2, 3)
    assert question.key_at("answers") == (3, 4)
    second = question.value["answers"].value[1]
    assert second.where == (4, 17)
    assert second.value["correct"].where == (4, 44)
    assert question.value["precision"].where == (5, 17)


def test_plain_is_what_json_loads_gives() -> None:
    assert parse_json(DOC).plain() == json.loads(DOC)
    text = '{"a": [1, -2.5, 1e3, true, false, null, "\\u00e9\\n"], "b": {}}'
    plain = parse_json(text).plain()
    assert plain == json.loads(text)
    assert [type(v) for v in plain["a"][:3]] == [int, float, float]


def test_a_key_written_twice_keeps_the_last_value_and_is_listed() -> None:
    root = parse_json('{"a": 1,\n "a": 2}')
    assert root.plain() == {"a": 2}
    assert root.repeated == [("a", 1, 2)]
    assert root.key_at("a") == (2, 2)


def test_a_byte_order_mark_is_allowed() -> None:
    assert parse_json('\ufeff["x"]').plain() == ["x"]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('[{"a": 1,}]', 1, 10, "no trailing comma"),
        ("[1, 2,]", 1, 7, "no trailing comma"),
        ('[{"a" 1}]', 1, 7, "expected ':' after the key 'a'"),
        ('{"a": 1\n "b": 2}', 2, 2, "expected ',' or '}' after the value of 'a'"),
        ("[1 2]", 1, 4, "expected ',' or ']' after item 1"),
        ("[tru]", 1, 2, "expected a value"),
        ("[NaN]", 1, 2, "expected a value"),
        ('["abc', 1, 2, "unterminated string"),
        ("[1] [2]", 1, 5, "more after the end"),
        ("", 1, 1, "the file is empty"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
    ],
)
def test_bad_json_says_where_and_what(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        parse_json(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in caught.value.message


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(JsonSyntaxError, match="nested more than"):
        parse_json("[" * 1000 + "]" * 1000)
