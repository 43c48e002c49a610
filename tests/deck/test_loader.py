"""The loader: good decks load; every class of bad deck gets an error naming its line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

import recall_widgets
from recall_widgets import ContentError, load_deck, load_decks
from recall_widgets.deck import compose as compose_module
from recall_widgets.deck.loader import DeckNotFoundError, Problem, find_deck_files, parse_deck

GOOD = """\
    deck: demo
    title: Demo deck
    cards:
      - id: session-object
        level: beginner
        section: basics
        front: What is the Flask `session` object for?
        back: It keeps data for one browser across requests.
    questions:
      - id: session-like
        prompt: What is the `session` similar to?
        choices:
          - text: A dictionary
            correct: true
          - text: A list
            why: A list has no keys.
        explanation: The session behaves like a dict.
    prompts:
      - id: explain-persistence
        prompt: Explain how sessions keep data across visits.
        hint: Think about cookies.
        concepts:
          - HTTP is stateless.
    """


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    path = write(tmp_path, text)
    with pytest.raises(ContentError) as info:
        load_deck(path)
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return info.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_names(problem: Problem, line: int, field: str | None, *words: str) -> None:
    """The printed line names the file and line (and the field), and says each of ``words``."""
    text = str(problem)
    assert text.startswith(f"{problem.file}:{line}:"), text
    assert problem.line == line, text
    if field is not None:
        assert f"field '{field}'" in text, text
        assert problem.field == field
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


# --- good decks -------------------------------------------------------------------------------


def test_good_deck_loads_with_its_items(tmp_path: Path) -> None:
    deck = recall_widgets.load_deck(write(tmp_path, GOOD))
    assert isinstance(deck, recall_widgets.Deck)
    assert [c.id for c in deck.cards] == ["session-object"]
    assert [q.id for q in deck.questions] == ["session-like"]
    assert [p.id for p in deck.prompts] == ["explain-persistence"]
    assert deck.questions[0].correct_indexes == (0,)
    assert deck.questions[0].choices[1].why == "A list has no keys."
    assert deck.cards[0].level == "beginner"
    assert deck.prompts[0].concepts == (recall_widgets.Concept(text="HTTP is stateless."),)
    assert deck.prompts[0].concept_texts == ("HTTP is stateless.",)
    assert deck.items[0].evidence == () and deck.questions[0].thinking is None


def test_a_decks_id_is_written_deck_and_named_id(tmp_path: Path) -> None:
    """One name in Python, ``Deck.id`` (as every item's), for the key a deck file writes
    ``deck:``; no second attribute for the same thing."""
    deck = recall_widgets.load_deck(write(tmp_path, GOOD))
    assert deck.id == "demo" and repr(deck).startswith("<Deck 'demo': ")
    assert not hasattr(deck, "deck")
    assert deck.model_dump()["deck"] == "demo" and "id" not in deck.model_dump()
    missing, unknown = problems_of(tmp_path, GOOD.replace("deck: demo", "id: demo"))
    assert "the required key 'deck' is missing; every deck needs deck, title" in str(missing)
    assert "unknown key 'id'; Allowed keys: deck, title," in str(unknown)


def test_public_api_is_exported() -> None:
    for name in ("load_deck", "load_decks", "ContentError", "Deck", "Card", "Question"):
        assert name in recall_widgets.__all__
        assert hasattr(recall_widgets, name)
    assert recall_widgets.__version__[0].isdigit()


def test_utf8_bom_and_non_ascii_text_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + textwrap.dedent(GOOD).replace("Demo", "Démo ✓").encode())
    assert load_deck(path).title == "Démo ✓ deck"


def test_aliases_that_expand_modestly_are_fine(tmp_path: Path) -> None:
    deck = load_deck(
        write(
            tmp_path,
            """\
            deck: demo
            title: Demo
            questions:
              - id: q1
                prompt: One?
                choices: &yes-no
                  - {text: "Yes", correct: true}
                  - {text: "No", why: Because.}
                explanation: Yes.
              - id: q2
                prompt: Two?
                choices: *yes-no
                explanation: Yes again.
            """,
        )
    )
    assert deck.questions[1].choices == deck.questions[0].choices


# --- YAML syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        pytest.param(
            "deck: demo\ncards:\n\t- id: x\n", 3, 1, ["tab", "spaces"], id="tab-indentation"
        ),
        pytest.param(
            "deck: demo\ntitle: Demo\ncards:\n  - id: x\n    front: 'Never closed\n    back: b\n",
            5, 12, ["unterminated quoted string", "'"], id="unterminated-single-quote",
        ),
        pytest.param(
            'deck: demo\ntitle: "Demo\n', 2, 8, ["unterminated quoted string", '"'],
            id="unterminated-double-quote",
        ),
        pytest.param(
            "deck: demo\ncards:\n  - id: x\n    front: `session` is what?\n", 4, 12,
            ["cannot start with `", "quotes"], id="value-starting-with-backtick",
        ),
        pytest.param(
            "deck: demo\ntitle: Sessions: the basics\n", 2, 16, ["': '", "quotes"],
            id="colon-in-plain-value",
        ),
        pytest.param(
            "deck: demo\ncards:\n  - id: x\n  front: y\n", 4, 3,
            ["not indented like the list that starts at line 3", "spaces"],
            id="bad-indentation",
        ),
        pytest.param("deck: *nothing\n", 1, 7, ["anchor"], id="undefined-alias"),
    ],
)  # fmt: skip
def test_yaml_syntax_errors_name_line_and_hint(
    tmp_path: Path, text: str, line: int, column: int, words: list[str]
) -> None:
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, line, None, *words)
    assert problem.column == column, str(problem)


def test_control_characters_are_reported_with_position(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, "deck: demo\ntitle: Dé\x07mo\n"))
    assert_names(problem, 2, None, "U+0007")
    assert problem.column == 10


def test_more_than_one_document(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, textwrap.dedent(GOOD) + "---\ndeck: other\n"))
    assert_names(problem, 24, None, "more than one YAML document", "---")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert_names(only(problems_of(tmp_path, text)), 1, None, "empty", "deck, title")


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("just some text\n", "the text"), ("42\n", "the number `42`")],
)
def test_top_level_not_a_mapping(tmp_path: Path, text: str, found: str) -> None:
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 1, None, "top level must be a mapping", "deck, title", found)


# --- encoding ---------------------------------------------------------------------------------


def test_not_utf8_reports_line_and_column_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(textwrap.dedent(GOOD).replace("Demo", "Démo").encode("latin-1"))
    with pytest.raises(ContentError) as info:
        load_deck(path)
    problem = only(info.value.problems)
    assert_names(problem, 2, None, "not valid UTF-8", "0xE9", "save the file with the UTF-8")
    assert problem.column == 9  # "title: D" is 8 characters


# --- structure: missing, unknown, wrong types -------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "item", "field"),
    [
        ("    back: It keeps data for one browser across requests.\n", "", 4,
         "card #1 'session-object'", "back"),
        ("    explanation: The session behaves like a dict.\n", "", 10,
         "question #1 'session-like'", "explanation"),
        ("    concepts:\n      - HTTP is stateless.\n", "", 19,
         "prompt #1 'explain-persistence'", "concepts"),
        ("title: Demo deck\n", "", 1, None, "title"),
        ("  - id: session-object\n    level", "  - level", 4, "card #1", "id"),
    ],
)  # fmt: skip
def test_missing_required_key_points_at_the_item(
    tmp_path: Path, old: str, new: str, line: int, item: str | None, field: str
) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    problem = only(problems_of(tmp_path, text.replace(old, new)))
    assert_names(problem, line, field, f"required key '{field}' is missing")
    assert problem.item == item


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("    front:", "    frnt:", 7,
         ["unknown key 'frnt'", "did you mean 'front'?",
          "Allowed keys: id, level, section, tags, front, back"]),
        ("cards:", "card:", 3,
         ["unknown key 'card'", "did you mean 'cards'?",
          "Allowed keys: deck, title, description, cards, questions, prompts"]),
        ("        why:", "        reason:", 16,
         ["unknown key 'reason'", "Allowed keys: text, correct, why"]),
    ],
)  # fmt: skip
def test_unknown_keys_are_errors_with_suggestions(
    tmp_path: Path, old: str, new: str, line: int, words: list[str]
) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    problems = problems_of(tmp_path, text.replace(old, new))
    field = new.strip().rstrip(":")
    unknown = [p for p in problems if "unknown key" in p.message]
    assert_names(only(unknown), line, field, *words)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("        correct: true", '        correct: "maybe"', 14, "correct",
         ["choice #1", "expected true or false", "'maybe'"]),
        ("    front: What is the Flask `session` object for?", "    front: yes", 7, "front",
         ["expected text", "`yes` as true/false", "quotes"]),
        ("  - id: session-object", "  - id: 123", 4, "id",
         ["expected text", "`123` as a number", "quotes"]),
        ("    back: It keeps data for one browser across requests.", "    back: 2024-01-01", 8,
         "back", ["expected text", "as a date"]),
        ("    hint: Think about cookies.", "    hint: [cookies]", 21, "hint",
         ["expected text", "found a list"]),
        ("title: Demo deck", "title:\n  text: Demo", 3, "title", ["expected text", "mapping"]),
    ],
)  # fmt: skip
def test_wrong_types_say_what_was_found_and_what_is_allowed(
    tmp_path: Path, old: str, new: str, line: int, field: str, words: list[str]
) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    assert_names(only(problems_of(tmp_path, text.replace(old, new))), line, field, *words)


def test_an_item_that_is_a_bare_string(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace("prompts:\n", "prompts:\n  - just a sentence\n")
    problem = only(problems_of(tmp_path, text))
    assert_names(
        problem, 19, None, "prompt #1", "a mapping with the keys id, level, section", "'just a"
    )


def test_a_list_given_as_text(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace(
        "    concepts:\n      - HTTP is stateless.", "    concepts: HTTP is stateless."
    )
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 22, "concepts", "expected a list", "per concept")


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("    back: It keeps data for one browser across requests.", '    back: ""', 8, "back",
         ["empty"]),
        ("    back: It keeps data for one browser across requests.", '    back: "   "', 8,
         "back", ["empty", "only spaces"]),
        ("    back: It keeps data for one browser across requests.", "    back:", 8, "back",
         ["expected text", "nothing"]),
        ("      - HTTP is stateless.", "      - ''", 23, "concepts", ["concept #1", "empty"]),
    ],
)  # fmt: skip
def test_empty_text(
    tmp_path: Path, old: str, new: str, line: int, field: str, words: list[str]
) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    assert_names(only(problems_of(tmp_path, text.replace(old, new))), line, field, *words)


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("  - id: session-object", "  - id: session object", 4, "id"),
        ("deck: demo", "deck: -demo", 1, "deck"),
        ("    section: basics", "    section: the/basics", 6, "section"),
        ("    section: basics", "    section: basics\n    tags: [ok, not ok]", 7, "tags"),
    ],
)
def test_ids_must_be_slugs(tmp_path: Path, old: str, new: str, line: int, field: str) -> None:
    text = textwrap.dedent(GOOD)
    assert old in text
    problem = only(problems_of(tmp_path, text.replace(old, new)))
    assert_names(problem, line, field, "letters, digits, '-' and '_'", "starting with a letter")


def test_unknown_level_lists_the_three(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace("level: beginner", "level: beginer")
    problem = only(problems_of(tmp_path, text))
    assert_names(
        problem,
        5,
        "level",
        "unknown level 'beginer'",
        "did you mean 'beginner'",
        "beginner, intermediate, advanced",
    )


# --- rules beyond types -----------------------------------------------------------------------


def test_duplicate_item_ids_across_the_deck(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace("id: explain-persistence", "id: session-object")
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 19, "id", "duplicate id 'session-object'", "card #1 (line 4)", "unique")
    assert problem.item == "prompt #1 'session-object'"


def test_same_mapping_key_twice(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace(
        "    back: It keeps", "    front: Again?\n    back: It keeps"
    )
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 8, "front", "given twice", "first at line 7")
    assert problem.item == "card #1 'session-object'"


def test_fewer_than_two_choices(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace(
        "      - text: A list\n        why: A list has no keys.\n", ""
    )
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 13, "choices", "at least two choices", "found 1")


def test_no_correct_choice_points_at_choices(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace("        correct: true\n", "")
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 12, "choices", "no choice is marked correct", "correct: true")
    assert problem.item == "question #1 'session-like'"


def test_prompt_with_empty_concepts(tmp_path: Path) -> None:
    text = textwrap.dedent(GOOD).replace(
        "    concepts:\n      - HTTP is stateless.", "    concepts: []"
    )
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 22, "concepts", "at least one concept")


@pytest.mark.parametrize(
    "text",
    [
        "deck: demo\ntitle: Demo\n",
        "deck: demo\ntitle: Demo\ncards: []\nquestions: []\n",
    ],
)
def test_deck_without_items(tmp_path: Path, text: str) -> None:
    assert_names(
        only(problems_of(tmp_path, text)),
        1,
        None,
        "no items",
        "cards, questions, prompts or exercises",
    )


@pytest.mark.parametrize(
    ("key", "words"),
    [("1", ["'1' as a number", "quotes"]), ("no", ["'no' as true/false", "quotes"])],
)
def test_keys_must_be_text(tmp_path: Path, key: str, words: list[str]) -> None:
    text = textwrap.dedent(GOOD).replace("    hint:", f"    {key}: x\n    hint:")
    assert_names(only(problems_of(tmp_path, text)), 21, key, "keys must be text", *words)


# --- hostile YAML -----------------------------------------------------------------------------


def test_python_object_tags_are_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f'!!python/object/apply:builtins.open ["{marker}", "w"]'
    control = tmp_path / "control"
    # The payload is real: an unsafe loader does create the file.
    yaml.unsafe_load(payload.replace(str(marker), str(control)))
    assert control.exists()

    text = textwrap.dedent(GOOD).replace("why: A list has no keys.", f"why: {payload}")
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 16, "why", "'!!python/object/apply:builtins.open' is not allowed")
    assert not marker.exists()


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system", "!!binary aGVsbG8=", "!custom x", "!!set {a: null}"]
)
def test_other_tags_are_refused(tmp_path: Path, tag: str) -> None:
    text = textwrap.dedent(GOOD).replace("hint: Think about cookies.", f"hint: {tag}")
    assert_names(only(problems_of(tmp_path, text)), 21, "hint", "is not allowed", "remove the tag")


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("hint: !!str {a: b}", 21, "hint", ["'!!str' cannot be put on a mapping"]),
        ("hint: Think.\n    ? [a, b]\n    : c", 22, None, ["keys must be plain text"]),
        ("hint: !!int twelve", 21, "hint", ["'twelve' is not a valid !!int value"]),
        ('hint: "C:\\Users\\x"', 21, None, ["bad escape", "single quotes"]),
    ],
)
def test_misplaced_standard_tags_complex_keys_and_bad_escapes(
    tmp_path: Path, text: str, line: int, field: str | None, words: list[str]
) -> None:
    source = textwrap.dedent(GOOD).replace("hint: Think about cookies.", text)
    assert_names(only(problems_of(tmp_path, source)), line, field, *words)


def test_a_tagged_top_level_is_refused_not_constructed(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, "!!python/object:os.system {deck: x}\n"))
    assert_names(problem, 1, None, "'!!python/object:os.system' is not allowed")


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    # Nine levels of ten aliases: 10**9 values once expanded. A naive walk could not finish.
    lines = ["deck: bomb", "title: Bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    problem = only(problems_of(tmp_path, "\n".join(lines) + "\n"))
    assert_names(problem, 7, None, "aliases (*name) would expand")  # a4 alone exceeds the limit


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, "deck: demo\ntitle: &t [a, *t]\n"))
    assert_names(problem, 2, None, "alias", "contains it")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = "deck: demo\ntitle: " + "[" * 200 + "]" * 200 + "\n"
    assert_names(only(problems_of(tmp_path, text)), 2, None, "nested")


# --- many problems, many files ----------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_in_line_order(tmp_path: Path) -> None:
    text = (
        textwrap.dedent(GOOD)
        .replace("    front:", "    frnt:")
        .replace("level: beginner", "level: expert")
        .replace("        correct: true\n", "")
        .replace("id: explain-persistence", "id: Explain Persistence")
    )
    problems = problems_of(tmp_path, text)
    fields = [(p.line, p.field) for p in problems]
    assert fields == [
        (4, "front"),  # missing, reported at the item
        (5, "level"),
        (7, "frnt"),
        (12, "choices"),
        (18, "id"),
    ], "\n".join(map(str, problems))


def test_errors_across_files_are_all_reported(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace("level: beginner", "level: expert"), "a.yaml")
    write(tmp_path, GOOD.replace("deck: demo", "deck: other"), "b.yaml")
    write(tmp_path, "deck: c\ntitle: C\n", "sub/c.yml")
    with pytest.raises(ContentError) as info:
        load_decks([tmp_path])
    text = str(info.value)
    assert [(Path(p.file).name, p.line) for p in info.value.problems] == [
        ("a.yaml", 5),
        ("c.yml", 1),
    ], text
    assert "level" in text
    assert "no items" in text


def test_load_decks_returns_every_deck_and_refuses_duplicate_deck_ids(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD.replace("deck: demo", "deck: other"), "b.yaml")
    assert [d.id for d in load_decks(tmp_path)] == ["demo", "other"]
    write(tmp_path, GOOD, "c.yaml")
    with pytest.raises(ContentError, match=r"c\.yaml:1:1: field 'deck': deck id 'demo' is already"):
        load_decks(tmp_path)


def test_find_deck_files_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ("b.yaml", "a/z.yml", "a/notes.txt", ".ipynb_checkpoints/b-checkpoint.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = find_deck_files([tmp_path, tmp_path / "b.yaml"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/z.yml", "b.yaml"]


def test_missing_path_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(DeckNotFoundError) as info:
        find_deck_files([tmp_path / "nope"])
    assert isinstance(info.value, FileNotFoundError)
    assert not isinstance(info.value, ContentError)
    with pytest.raises(FileNotFoundError):
        load_deck(tmp_path / "nope.yaml")


def test_problem_lines_omit_parts_that_do_not_apply() -> None:
    assert str(Problem("d.yaml", 3, 5, "card #1 'x'", "front", "m")) == (
        "d.yaml:3:5: card #1 'x', field 'front': m"
    )
    assert str(Problem("d.yaml", 3, None, None, "title", "m")) == "d.yaml:3: field 'title': m"
    assert str(Problem("d.yaml", None, None, None, None, "m")) == "d.yaml: m"


# --- the mistakes authors make, each told what is really wrong --------------------------------

CARD = "deck: demo\ntitle: Demo\ncards:\n  - id: x\n"


def test_smart_quotes_are_not_quotes(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, CARD + "    front: “What is a dict?”\n    back: B\n"))
    assert_names(problem, 5, "front", "typographic quote", 'write straight quotes "..."')
    assert problem.column == 12


def test_smart_quotes_around_a_colon_are_not_called_unquoted(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, CARD + "    front: “Sessions: the basics”\n"))
    assert_names(problem, 5, "front", "typographic quotes", 'front: "..."')
    assert "not quoted" not in str(problem) and problem.column == 12


def test_an_apostrophe_inside_single_quotes(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, CARD + "    front: F\n    back: 'It's a mapping'\n"))
    assert_names(problem, 6, "back", "ends the quoted value", "'It''s'")
    assert "indented" not in str(problem) and problem.column == 14


def test_a_quote_closed_on_the_next_line_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = CARD + '    front: "What is a dict?\n    back: "A mapping."\n'
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 5, "front", "closed only on line 6", 'with " on line 5')
    assert problem.column == 12


def test_back_indented_more_than_front(tmp_path: Path) -> None:
    problem = only(problems_of(tmp_path, CARD + "    front: F\n      back: B\n"))
    assert_names(problem, 6, "back", "more than 'front:' on line 5", "by 4 spaces")
    assert "quotes" not in str(problem) and problem.column == 7


@pytest.mark.parametrize("folded", [">", ">-"])
def test_a_code_block_in_a_folded_value_is_refused(tmp_path: Path, folded: str) -> None:
    text = CARD + f"    front: F\n    back: {folded}\n      ```python\n      d = {{}}\n      ```\n"
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 6, "back", "code block (```) in a folded value (>)", "'back: |'")


def test_a_code_block_in_a_quoted_value_is_refused(tmp_path: Path) -> None:
    text = CARD + '    front: F\n    back: "```python\\nd = {}\\n```"\n'
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 6, "back", "code block (```) in a quoted value", "'back: |'")


def test_a_code_block_after_the_key_is_told_to_use_a_literal_block(tmp_path: Path) -> None:
    """The advice leads to a block that loads (not to quotes, which are refused)."""
    text = CARD + "    front: F\n    back: ```python\n      d = {}\n      ```\n"
    problem = only(problems_of(tmp_path, text))
    assert_names(problem, 6, None, "'back: |'", "without quotes")
    fixed = CARD + "    front: F\n    back: |\n      ```python\n      d = {}\n      ```\n"
    assert load_deck(write(tmp_path, fixed)).cards[0].back == "```python\nd = {}\n```\n"


def test_inline_code_in_quotes_and_curly_quotes_inside_text_still_load(tmp_path: Path) -> None:
    text = CARD + "    front: '“What is a dict?”'\n    back: \"Use ```x``` or `y`, he said “no”\"\n"
    card = load_deck(write(tmp_path, text)).cards[0]
    assert card.front == "“What is a dict?”" and card.back.startswith("Use ```x```")


# --- robustness -------------------------------------------------------------------------------


def test_no_exception_but_content_error_for_any_truncation() -> None:
    """Every prefix of a good deck either loads or raises ContentError, never anything else."""
    text = textwrap.dedent(GOOD)
    for end in range(len(text)):
        try:
            parse_deck(text[:end], "cut.yaml")
        except ContentError as exc:
            assert exc.problems
            assert all(p.file == "cut.yaml" for p in exc.problems)


def test_pure_python_parser_gives_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = [
        textwrap.dedent(GOOD).replace("    front:", "    frnt:").replace("id: explain", "id: x y"),
        "deck: demo\ncards:\n\t- id: x\n",
        "deck: demo\ntitle: 'open\n",
        "deck: demo\ntitle: Dé\x07mo\n",
        CARD + "    front: F\n    back: 'It's a mapping'\n",
        CARD + '    front: "What is a dict?\n    back: "A mapping."\n',
        CARD + "    front: F\n      back: B\n",
        CARD + "    front: “What is a dict?”\n    back: >\n      ```python\n      ```\n",
    ]

    def lines() -> list[list[str]]:
        out = []
        for text in samples:
            with pytest.raises(ContentError) as info:
                parse_deck(text, "s.yaml")
            out.append([f"{p.line}:{p.column} {p.field}" for p in info.value.problems])
        return out

    with_libyaml = lines()
    monkeypatch.setattr(compose_module, "_Loader", yaml.SafeLoader)
    assert lines() == with_libyaml


# --- evidence and thinking --------------------------------------------------------------------

EVIDENCED = """\
    deck: demo
    title: Demo
    cards:
      - id: card
        front: F
        back: B
        evidence: [test_card, "test_case[one two]"]
    questions:
      - id: question
        thinking: prediction
        prompt: P
        choices:
          - {text: A, correct: true}
          - {text: B}
        explanation: E
        evidence:
          - test_question
    prompts:
      - id: prompt
        prompt: P
        evidence: [test_prompt]
        concepts:
          - A plain concept.
          - text: A concept with evidence.
            evidence: [test_concept]
    """


def test_evidence_thinking_and_concepts_with_evidence_load(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, EVIDENCED))
    card, question, prompt = deck.items
    assert card.evidence == ("test_card", "test_case[one two]")
    assert (question.thinking, question.evidence) == ("prediction", ("test_question",))
    assert prompt.evidence == ("test_prompt",)
    assert prompt.concepts == (
        recall_widgets.Concept(text="A plain concept."),
        recall_widgets.Concept(text="A concept with evidence.", evidence=("test_concept",)),
    )
    assert prompt.concept_texts == ("A plain concept.", "A concept with evidence.")


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ('"test_case[one two]"', "tests/test_x.py::test_y", 7, "evidence",
         ["test #2", "'tests/test_x.py::test_y' is not a test name", "write 'test_y'",
          "names, not file paths"]),
        ('"test_case[one two]"', "check_it", 7, "evidence",
         ["'check_it' is not a test name", "'test' then letters, digits and '_'",
          "parametrized case in brackets"]),
        ('"test_case[one two]"', "test_card", 7, "evidence",
         ["test #2", "'test_card' is already listed (test #1, line 7)", "list each test once"]),
        ("    evidence:\n      - test_question", "    evidence: test_question", 16,
         "evidence", ["expected a list", "per test", "evidence: [test_question]"]),
        ("thinking: prediction", "thinking: predicton", 10, "thinking",
         ["unknown kind of thinking 'predicton'", "did you mean 'prediction'",
          "recall (remember a fact)", "application (choose or apply"]),
        ("thinking: prediction", "thinking: 3", 10, "thinking",
         ["expected one of recall, concept, application, prediction", "the number `3`"]),
    ],
)  # fmt: skip
def test_bad_evidence_and_thinking_say_what_is_allowed(
    tmp_path: Path, old: str, new: str, line: int, field: str, words: list[str]
) -> None:
    text = textwrap.dedent(EVIDENCED)
    assert old in text
    assert_names(only(problems_of(tmp_path, text.replace(old, new))), line, field, *words)


@pytest.mark.parametrize(
    ("old", "new", "line", "item", "field", "words"),
    [
        ("      - A plain concept.", "      - 42", 23, "prompt #1 'prompt'", "concepts",
         ["concept #1", "expected a concept: Markdown text, or a mapping with the keys text, "
          "evidence", "the number `42`", "quotes"]),
        ("      - text: A concept with evidence.\n        evidence: [test_concept]\n",
         "      - evidence: [test_concept]\n", 24,
         "prompt #1 'prompt', concept #2", "text",
         ["the required key 'text' is missing", "every concept needs text"]),
        ("        evidence: [test_concept]", "        evidnce: [test_concept]", 25,
         "prompt #1 'prompt', concept #2", "evidnce",
         ["did you mean 'evidence'?", "Allowed keys: text, evidence"]),
        ("        evidence: [test_concept]", "        evidence: [test_concept, test_concept]",
         25, "prompt #1 'prompt', concept #2", "evidence",
         ["test #2", "'test_concept' is already listed"]),
        ("      - A plain concept.", "      - ''", 23, "prompt #1 'prompt'", "concepts",
         ["concept #1", "empty"]),
    ],
)  # fmt: skip
def test_bad_concepts_name_the_concept(
    tmp_path: Path, old: str, new: str, line: int, item: str, field: str, words: list[str]
) -> None:
    text = textwrap.dedent(EVIDENCED)
    assert old in text
    problem = only(problems_of(tmp_path, text.replace(old, new)))
    assert_names(problem, line, field, *words)
    assert problem.item == item


def test_a_repeated_test_is_reported_with_the_other_problems_of_its_list(tmp_path: Path) -> None:
    text = textwrap.dedent(EVIDENCED).replace(
        '[test_card, "test_case[one two]"]', "[test_card, not-a-test, test_card]"
    )
    problems = problems_of(tmp_path, text)
    assert [(p.line, p.column, p.message.split(":")[0]) for p in problems] == [
        (7, 27, "test #2"),
        (7, 39, "test #3"),
    ], "\n".join(map(str, problems))


def test_the_model_refuses_a_repeated_test_too() -> None:
    data = {"deck": "d", "title": "T", "cards": [{"id": "c", "front": "f", "back": "b"}]}
    data["cards"][0]["evidence"] = ["test_a", "test_a"]  # type: ignore[index]
    with pytest.raises(ValueError, match="test 'test_a' is listed twice"):
        recall_widgets.Deck.model_validate(data, strict=False)
