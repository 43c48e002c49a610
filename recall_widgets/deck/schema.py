"""The JSON Schema of a deck, generated from the model, for editor completion and checks.

The committed copy is ``content/deck.schema.json``; regenerate it with
``python -m recall_widgets schema > content/deck.schema.json`` (a test keeps it in sync).
Authors hook it up in VS Code and other editors using the YAML language server with a first
line ``# yaml-language-server: $schema=deck.schema.json``.

JSON Schema cannot say everything the loader checks: ids must also be unique within a deck,
which only :func:`recall_widgets.load_deck` reports. Nor can it say whether an ``evidence``
name is a real test: :mod:`recall_widgets.deck.evidence` checks that against the test suite.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

import msgspec

from .model import Deck

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def deck_json_schema() -> dict[str, Any]:
    """The deck format as a JSON Schema (draft 2020-12).

    The schema of :class:`~recall_widgets.deck.model.Deck` (:func:`model_json_schema`), plus what
    JSON Schema can express of the loader's extra rules: a deck has at least one item, and every
    question has a choice with ``correct: true``.

    Example
    -------
    >>> schema = deck_json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    generated = model_json_schema(Deck)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": _schema_id(),
        "title": "recall-widgets deck",
        "description": (
            "A deck of flashcards (cards), multiple-choice questions, open-recall prompts and "
            "coding exercises "
            "for recall-widgets. Ids are slugs: letters, digits, '-' and '_', starting with a "
            "letter or digit; item ids are unique within the deck."
        ),
    }
    if schema["$id"] is None:  # no course config with a repository: the schema has no $id
        del schema["$id"]
    schema.update((k, v) for k, v in generated.items() if k not in ("title", "description"))
    schema["anyOf"] = [
        {"required": [section], "properties": {section: {"minItems": 1}}}
        for section in ("cards", "questions", "prompts", "exercises")
    ]
    choices = schema["$defs"]["Question"]["properties"]["choices"]
    choices["contains"] = {
        "type": "object",
        "required": ["correct"],
        "properties": {"correct": {"const": True}},
    }
    choices["description"] = (
        "At least two choices, at least one with correct: true "
        "(several correct choices make a multiple-select question)."
    )
    return schema


def model_json_schema(model: type[msgspec.Struct]) -> dict[str, Any]:
    """A struct's JSON Schema, read from its types with ``msgspec.inspect``.

    Each struct is a definition in ``$defs`` (its docstring the description, keys
    ``additionalProperties: false``); each field a property with its title (the name,
    capitalized), its description, its default when it has one and the constraints of its type
    (``X | None`` is ``anyOf`` X and null); keys sorted, except a struct's properties, which keep
    the fields' order.
    """
    from msgspec import inspect as mi

    defs: dict[str, Any] = {}

    def of(t: Any) -> dict[str, Any]:
        if isinstance(t, mi.Metadata):
            return {**of(t.type), **(t.extra_json_schema or {})}
        if isinstance(t, mi.StructType):
            name = t.cls.__name__
            if name not in defs:
                defs[name] = {}  # a placeholder while its fields are generated
                defs[name] = struct(t)
            return {"$ref": f"#/$defs/{name}"}
        if isinstance(t, mi.UnionType):
            return {"anyOf": [of(option) for option in t.types]}
        if isinstance(t, mi.NoneType):
            return {"type": "null"}
        if isinstance(t, mi.BoolType):
            return {"type": "boolean"}
        if isinstance(t, mi.LiteralType) and all(isinstance(v, str) for v in t.values):
            return {"enum": list(t.values), "type": "string"}
        if isinstance(t, mi.StrType):
            limits = {"minLength": t.min_length, "maxLength": t.max_length, "pattern": t.pattern}
            return {"type": "string", **{k: v for k, v in limits.items() if v is not None}}
        if isinstance(t, mi.VarTupleType):
            counts = {"minItems": t.min_length, "maxItems": t.max_length}
            return {
                "items": of(t.item_type),
                "type": "array",
                **{k: v for k, v in counts.items() if v is not None},
            }
        raise TypeError(f"no JSON Schema for the type {t!r}")

    def struct(t: Any) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for f in t.fields:
            prop = {**of(f.type), "title": f.encode_name.replace("_", " ").title()}
            if not f.required:
                prop["default"] = msgspec.json.decode(msgspec.json.encode(f.default))
            properties[f.encode_name] = _sorted(prop)
        schema = {
            "additionalProperties": not t.forbid_unknown_fields,
            "properties": properties,
            "required": [f.encode_name for f in t.fields if f.required],
            "title": t.cls.__name__,
            "type": "object",
        }
        if t.cls.__doc__:
            schema["description"] = inspect.cleandoc(t.cls.__doc__)
        return _sorted(schema)

    top = struct(mi.type_info(model))
    defs.pop(model.__name__, None)
    return {"$defs": dict(sorted(defs.items())), **top} if defs else top


def _sorted(schema: dict[str, Any]) -> dict[str, Any]:
    """Keys sorted, and the schemas inside too (not the names under ``properties``)."""
    out: dict[str, Any] = {}
    for key in sorted(schema):
        value = schema[key]
        if key == "properties":
            value = {name: _sorted(prop) for name, prop in value.items()}
        elif key in ("items", "contains") and isinstance(value, dict):
            value = _sorted(value)
        elif key == "anyOf":
            value = [_sorted(option) for option in value]
        out[key] = value
    return out


def schema_text() -> str:
    """The schema as the committed file holds it: 2-space indented JSON, trailing newline."""
    return json.dumps(deck_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | os.PathLike[str]) -> None:
    """Write the schema to ``path`` (e.g. ``content/deck.schema.json``)."""
    Path(path).write_text(schema_text(), encoding="utf-8")


def _schema_id() -> str | None:
    """Where the course's schema is served (its config's repository), or None without one."""
    from .course import CourseError, find_course

    try:
        course = find_course()
        return course.file_url(course.decks / "deck.schema.json")
    except CourseError:  # no course, no repository, or a host with no raw address: no $id
        return None
