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

import json
import os
from pathlib import Path
from typing import Any

from .model import Deck

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def deck_json_schema() -> dict[str, Any]:
    """The deck format as a JSON Schema (draft 2020-12).

    Pydantic's schema of :class:`~recall_widgets.deck.model.Deck`, plus what JSON Schema can express
    of the loader's extra rules: a deck has at least one item, and every question has a choice
    with ``correct: true``.

    Example
    -------
    >>> schema = deck_json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    generated = Deck.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": _schema_id(),
        "title": "recall-widgets deck",
        "description": (
            "A deck of flashcards (cards), multiple-choice questions and open-recall prompts "
            "for recall-widgets. Ids are slugs: letters, digits, '-' and '_', starting with a "
            "letter or digit; item ids are unique within the deck."
        ),
    }
    if schema["$id"] is None:  # no course config with a repository: the schema has no $id
        del schema["$id"]
    schema.update((k, v) for k, v in generated.items() if k not in ("title", "description"))
    schema["anyOf"] = [
        {"required": [section], "properties": {section: {"minItems": 1}}}
        for section in ("cards", "questions", "prompts")
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
