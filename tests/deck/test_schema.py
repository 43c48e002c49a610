"""The committed JSON Schema matches the model, and it agrees with the loader on sample decks."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from recall_widgets.deck.loader import ContentError, parse_deck
from recall_widgets.deck.outputs import RecordedOutput, code_hash
from recall_widgets.deck.schema import deck_json_schema, schema_text, write_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "content" / "deck.schema.json"
REGENERATE = ".venv/bin/python -m recall_widgets schema > content/deck.schema.json"

BASE: dict[str, Any] = {
    "deck": "demo",
    "title": "Demo",
    "cards": [{"id": "c1", "front": "Front", "back": "Back", "level": "beginner"}],
    "questions": [
        {
            "id": "q1",
            "prompt": "Which?",
            "choices": [{"text": "A", "correct": True}, {"text": "B", "why": "Because."}],
            "explanation": "A.",
        }
    ],
    "prompts": [{"id": "p1", "prompt": "Explain.", "hint": "Think.", "concepts": ["One."]}],
}


def variant(path: str, value: Any) -> dict[str, Any]:
    """BASE with the value at a dotted path replaced (``...`` deletes the key)."""
    deck = copy.deepcopy(BASE)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = deck
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return deck


COMMON = {"id": "q1", "prompt": "?", "explanation": "Because."}
NUMERIC = {**COMMON, "kind": "numeric", "answer": 3600}
TEXT = {
    **COMMON,
    "kind": "text",
    "answers": ["SECRET_KEY"],
    "fuzzy": 0.8,
    "feedback": [{"answer": "key", "why": "Which one?"}],
    "default_feedback": "Look at the config.",
}
ORDER = {**COMMON, "kind": "order", "lines": ["a", "b", "c"], "distractors": ["d"]}
PREDICT = {**COMMON, "kind": "predict", "code": "print(1)"}

VALID = {
    "base": BASE,
    "only-cards": {k: v for k, v in BASE.items() if k not in ("questions", "prompts")},
    "only-prompts": {k: v for k, v in BASE.items() if k not in ("cards", "questions")},
    "multiple-select": variant("questions.0.choices.1.correct", True),
    "with-tags-and-section": variant("cards.0.tags", ["flask", "web_2"]),
    "empty-cards-but-prompts": variant("cards", []),
    "description-null": variant("description", None),
    "level-null": variant("cards.0.level", None),
    "evidence-and-thinking": variant(
        "questions.0", {**BASE["questions"][0], "thinking": "application", "evidence": ["test_q"]}
    ),
    "evidence-on-a-card": variant("cards.0.evidence", ["test_card", "test_card[case one]"]),
    "concepts-plain-and-with-evidence": variant(
        "prompts.0.concepts", ["Plain.", {"text": "Proved.", "evidence": ["test_proof"]}]
    ),
    "concept-mapping-without-evidence": variant("prompts.0.concepts", [{"text": "Only text."}]),
    "thinking-null": variant("questions.0.thinking", None),
    "kind-choice-written": variant("questions.0.kind", "choice"),
    "numeric": variant("questions.0", {**NUMERIC, "tolerance": 0.5}),
    "numeric-range": variant(
        "questions.0", {k: v for k, v in NUMERIC.items() if k != "answer"} | {"range": [1, 2]}
    ),
    "numeric-precision-feedback": variant(
        "questions.0",
        {**NUMERIC, "precision": 2, "feedback": [{"answer": 60, "why": "Minutes."}]},
    ),
    "text": variant("questions.0", TEXT),
    "text-pattern-only": variant(
        "questions.0", {k: v for k, v in TEXT.items() if k != "answers"} | {"pattern": "a+"}
    ),
    "order": variant("questions.0", ORDER),
    "predict": variant("questions.0", PREDICT),
}
INVALID = {
    "no-items": {"deck": "demo", "title": "Demo"},
    "all-sections-empty": {"deck": "demo", "title": "Demo", "cards": [], "prompts": []},
    "unknown-top-key": variant("card", []),
    "unknown-item-key": variant("cards.0.frnt", "x"),
    "missing-title": variant("title", ...),
    "missing-back": variant("cards.0.back", ...),
    "missing-explanation": variant("questions.0.explanation", ...),
    "missing-concepts": variant("prompts.0.concepts", ...),
    "empty-concepts": variant("prompts.0.concepts", []),
    "empty-text": variant("cards.0.front", ""),
    "blank-text": variant("cards.0.front", "   "),
    "null-text": variant("cards.0.back", None),
    "text-is-bool": variant("cards.0.front", True),
    "text-is-number": variant("cards.0.front", 42),
    "correct-is-text": variant("questions.0.choices.0.correct", "maybe"),
    "item-is-text": variant("cards.0", "just text"),
    "id-not-slug": variant("cards.0.id", "not a slug"),
    "id-starts-with-dash": variant("cards.0.id", "-x"),
    "deck-id-not-slug": variant("deck", "my deck"),
    "unknown-level": variant("cards.0.level", "expert"),
    "one-choice": variant("questions.0.choices", [{"text": "A", "correct": True}]),
    "no-correct-choice": variant("questions.0.choices.0.correct", False),
    "top-level-list": [BASE],
    "evidence-is-a-path": variant("cards.0.evidence", ["tests/test_x.py::test_y"]),
    "evidence-not-test": variant("cards.0.evidence", ["check_y"]),
    "evidence-repeated": variant("cards.0.evidence", ["test_y", "test_y"]),
    "evidence-not-a-list": variant("cards.0.evidence", "test_y"),
    "unknown-thinking": variant("questions.0.thinking", "analysis"),
    "thinking-on-a-card": variant("cards.0.thinking", "recall"),
    "concept-mapping-without-text": variant("prompts.0.concepts", [{"evidence": ["test_y"]}]),
    "concept-mapping-unknown-key": variant("prompts.0.concepts", [{"text": "x", "proof": []}]),
    "concept-is-a-number": variant("prompts.0.concepts", [42]),
    "concept-evidence-repeated": variant(
        "prompts.0.concepts", [{"text": "x", "evidence": ["test_y", "test_y"]}]
    ),
    "unknown-kind": variant("questions.0.kind", "essay"),
    "choices-on-numeric": variant(
        "questions.0", {**NUMERIC, "choices": BASE["questions"][0]["choices"]}
    ),
    "numeric-without-answer": variant("questions.0", {**COMMON, "kind": "numeric"}),
    "numeric-answer-and-range": variant("questions.0", {**NUMERIC, "range": [1, 2]}),
    "numeric-answer-text": variant("questions.0", {**NUMERIC, "answer": "3600"}),
    "text-without-answers": variant("questions.0", {**COMMON, "kind": "text"}),
    "lines-on-text": variant("questions.0", {**TEXT, "lines": ["a", "b"]}),
    "order-one-line": variant("questions.0", {**ORDER, "lines": ["a"]}),
    "order-without-lines": variant("questions.0", {**COMMON, "kind": "order"}),
    "predict-without-code": variant("questions.0", {**COMMON, "kind": "predict"}),
    "predict-output-written": variant("questions.0", {**PREDICT, "output": "1\n"}),
    "answer-on-choice": variant("questions.0.answer", 3),
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = deck_json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == deck_json_schema(), (
        f"{SCHEMA_FILE.name} is out of date with the model; regenerate it with: {REGENERATE}"
    )


def test_schema_declares_draft_2020_12_and_the_extra_rules() -> None:
    schema = deck_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/content/deck.schema.json")
    assert schema["title"]
    assert schema["additionalProperties"] is False
    rules = schema["$defs"]["Question"]["allOf"]
    choice = next(r["then"] for r in rules if "anyOf" in r["if"])
    assert "contains" in choice["properties"]["choices"]


def test_write_schema_writes_two_space_json_with_a_trailing_newline(tmp_path: Path) -> None:
    out = tmp_path / "deck.schema.json"
    write_schema(out)
    text = out.read_text(encoding="utf-8")
    assert text == schema_text()
    assert text.endswith("}\n")
    assert text.startswith('{\n  "$schema"')
    assert json.loads(text) == deck_json_schema()


def loader_accepts(data: Any) -> bool:
    questions = data.get("questions", ()) if isinstance(data, dict) else ()
    predicts = [q for q in questions if isinstance(q, dict) and "code" in q]
    outputs = {q["id"]: RecordedOutput(code_hash(q["code"]), "1\n") for q in predicts}
    try:
        parse_deck(yaml.safe_dump(data, sort_keys=False), "sample.yaml", outputs=outputs)
    except ContentError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(VALID))
def test_schema_and_loader_accept_valid_samples(validator: Draft202012Validator, name: str) -> None:
    data = VALID[name]
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []
    assert loader_accepts(data)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_and_loader_refuse_invalid_samples(
    validator: Draft202012Validator, name: str
) -> None:
    data = INVALID[name]
    assert not validator.is_valid(data), f"the schema accepts {name}"
    assert not loader_accepts(data), f"the loader accepts {name}"


def test_duplicate_ids_are_caught_by_the_loader_only(validator: Draft202012Validator) -> None:
    # JSON Schema cannot say "ids are unique across cards, questions and prompts" (uniqueItems
    # compares whole items, not one key), so the schema accepts this and only the loader refuses.
    data = variant("prompts.0.id", "c1")
    assert validator.is_valid(data)
    assert not loader_accepts(data)


def test_id_with_a_trailing_newline_is_refused_by_the_loader(
    validator: Draft202012Validator,
) -> None:
    # Python's jsonschema evaluates "pattern" with Python's re, where "$" also matches before a
    # final newline; editors use ECMA regexes, where it does not. The loader refuses it anyway.
    data = variant("cards.0.id", "x\n")
    assert not loader_accepts(data)
