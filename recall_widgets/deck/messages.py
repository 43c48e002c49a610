"""The words of the loader's messages: what was found, what is allowed, and how to fix it.

Pure functions from a location in the deck's data (and the model's refusal, for a value) to
one sentence; :mod:`.report` decides where a message goes, these say what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from yaml.nodes import Node, ScalarNode

from .model import CHECK_PATTERN, CHECKED, LEVELS, SLUG_PATTERN, TEST_NAME_PATTERN, THINKING
from .problems import Loc
from .walk import REFUSED, Refused

if TYPE_CHECKING:
    import msgspec

    from .validate import TypeProblem

__all__ = [
    "LIST_ENTRY",
    "SECTIONS",
    "describe_value",
    "field_names",
    "is_plain_concept_text",
    "missing_message",
    "quote_hint",
    "quoted",
    "unknown_key_message",
    "value_message",
]

SECTIONS = {
    "cards": "card",
    "questions": "question",
    "prompts": "prompt",
    "exercises": "exercise",
}
"""The deck's lists of items, and what one item of each is called in a message."""
LIST_ENTRY = {
    "choices": "choice",
    "concepts": "concept",
    "tags": "tag",
    "evidence": "test",
    "hints": "hint",
}
"""Lists inside an item, and what one entry of each is called in a message."""


def is_plain_concept_text(loc: Loc, data: Any) -> bool:
    """Whether ``loc`` is a concept written as a plain value, not a mapping.

    A concept ``- X`` that is not a mapping is checked as its text, at
    ``(..., 'concepts', i)``; the message then says what a concept may be.
    """
    if len(loc) < 2 or loc[-2] != "concepts" or not isinstance(loc[-1], int):
        return False
    for part in loc:
        if isinstance(part, int):
            data = data[part] if isinstance(data, tuple) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return not isinstance(data, dict)


def field_names(model: type[msgspec.Struct]) -> str:
    """The model's keys, comma-separated, for messages that say which keys are allowed."""
    return ", ".join(model.__struct_encode_fields__)


# difflib and .validate (which reads the model's types) serve only a deck with problems: they
# are imported on the first message that needs them, not when a good deck loads.


def _struct_at(loc: Loc) -> type[msgspec.Struct] | None:
    from .validate import struct_at

    return struct_at(loc)


def _closest(word: str, words: Iterable[str], cutoff: float = 0.6) -> list[str]:
    import difflib

    return difflib.get_close_matches(word, list(words), n=1, cutoff=cutoff)


def _required(model: type[msgspec.Struct]) -> str:
    from .validate import struct_fields

    return ", ".join(name for name, required in struct_fields(model) if required)


def _kind_name(model: type[msgspec.Struct]) -> str:
    return model.__name__.lower()


def missing_message(loc: Loc) -> str:
    """A required key is missing at ``loc``: say which keys every such item needs."""
    model = _struct_at(loc[:-1])
    if model is None:
        return f"the required key '{loc[-1]}' is missing"
    return (
        f"the required key '{loc[-1]}' is missing; every {_kind_name(model)} needs "
        f"{_required(model)}"
    )


def unknown_key_message(loc: Loc) -> str:
    """An unknown key at ``loc``: the closest allowed key, or the list of allowed ones."""
    key = str(loc[-1])
    model = _struct_at(loc[:-1])
    if model is None:
        return f"unknown key '{key}'"
    allowed = list(model.__struct_encode_fields__)
    close = _closest(key, allowed)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key '{key}'{hint}{'' if close else ';'} Allowed keys: {', '.join(allowed)}"


def describe_value(value: Any, node: Node | None) -> str:
    """Say what YAML produced, quoting the source text of scalars."""
    source = node.value if isinstance(node, ScalarNode) else value
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"true/false (`{source}`)"
    if isinstance(value, (int, float)):
        return f"the number `{source}`"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is REFUSED:
        return "a refused value"
    return f"the date `{source}`"


def quoted(text: str, limit: int = 40) -> str:
    """Quote a piece of text for a message, shortened if long."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def quote_hint(value: Any, node: Node | None) -> str:
    """For a scalar that YAML did not read as text: how to make it text."""
    if value is None or isinstance(value, (str, tuple, dict, Refused)):
        return ""
    read_as = "true/false" if isinstance(value, bool) else "a number"
    if not isinstance(value, (bool, int, float)):
        read_as = "a date"
    source = node.value if isinstance(node, ScalarNode) else value
    return f"; YAML reads `{source}` as {read_as}: put the text in quotes, e.g. '{source}'"


def value_message(problem: TypeProblem, node: Node) -> str:
    """A value the model's types refuse: what was found and what to write instead."""
    kind, loc, value, ctx = problem.kind, problem.loc, problem.value, problem.ctx
    found = describe_value(value, node)
    if kind == "string_type":
        return f"expected text, found {found}{quote_hint(value, node)}"
    if kind == "bool_type":
        return f"expected true or false, found {found}"
    if kind == "tuple_type":
        entry = LIST_ENTRY.get(str(loc[-1])) or SECTIONS.get(str(loc[-1]), "entry")
        hint = ""
        if loc[-1] == "evidence" and isinstance(value, str):
            hint = f"; write a list even for one test: evidence: [{value}]"
        return f"expected a list with one '- ' line per {entry}, found {found}{hint}"
    if kind == "model_type":
        model = _struct_at(loc)
        keys = f" with the keys {field_names(model)}" if model else ""
        what = f"a {_kind_name(model)}" if model else "an entry"
        return f"expected {what}: a mapping{keys}; found {found}"
    if kind == "string_pattern_mismatch":
        if ctx["pattern"] == CHECKED[SLUG_PATTERN]:
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-_") or "my-id"
            return (
                f"'{value}' is not a valid id: use only letters, digits, '-' and '_', starting "
                f"with a letter or digit (e.g. '{slug}')"
            )
        if ctx["pattern"] == CHECKED[TEST_NAME_PATTERN]:
            return _test_name_message(str(value))
        if ctx["pattern"] == CHECKED[CHECK_PATTERN]:
            return _check_name_message(str(value))
        return "the text is empty (only spaces); write some text"
    if kind == "string_too_short":
        return "the text is empty; write some text"
    if kind == "string_too_long":
        limit = ctx["max_length"]
        return f"{quoted(value)} is {len(str(value))} characters long; at most {limit} are allowed"
    if kind == "literal_error":
        if str(loc[-1]) == "level":
            close = _closest(str(value), LEVELS)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            if not isinstance(value, str):
                return f"expected one of {', '.join(LEVELS)}; found {found}"
            return f"unknown level '{value}'{hint}; allowed: {', '.join(LEVELS)}"
        if str(loc[-1]) == "thinking":
            kinds = ", ".join(f"{kind} ({meaning})" for kind, meaning in THINKING.items())
            if not isinstance(value, str):
                return f"expected one of {', '.join(THINKING)}; found {found}"
            close = _closest(value, THINKING)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"unknown kind of thinking '{value}'{hint}; allowed: {kinds}"
        return f"expected {ctx['expected']}; found {found}"
    if kind == "too_short":
        minimum = ctx["min_length"]
        entry = LIST_ENTRY.get(str(loc[-1]), "entry")
        owner = _struct_at(loc[:-1])
        who = f"a {_kind_name(owner)}" if owner else "this list"
        count = len(value) if isinstance(value, tuple) else 0
        need = {1: "at least one", 2: "at least two"}.get(minimum, f"at least {minimum}")
        return f"{who} needs {need} {entry}{'s' if minimum > 1 else ''}; found {count}"
    raise ValueError(f"no message for a problem of kind {kind!r}")


def _check_name_message(value: str) -> str:
    """Why ``value`` is not a check's ``module:function``, and the form to write instead."""
    rule = (
        "write the check as module:function, a dotted module path, one ':' and a function name "
        "(e.g. 'flask_course.exercises.cart:check')"
    )
    if ":" not in value and "." in value:
        module, _dot, name = value.rpartition(".")
        if re.match(CHECKED[CHECK_PATTERN], f"{module}:{name}"):
            return f"'{value}' is not a check: {rule}; write '{module}:{name}'"
    if value.endswith(".py") or "/" in value:
        return f"'{value}' is not a check: {rule}; name the module, not its file"
    return f"'{value}' is not a check: {rule}"


def _test_name_message(value: str) -> str:
    """Why ``value`` is not a test name, and the name to write instead when it can tell."""
    rule = (
        "write a pytest test function's name: 'test' then letters, digits and '_', optionally "
        "one parametrized case in brackets"
    )
    base = re.sub(r"\(\)$", "", value.rsplit("::", 1)[-1].strip())
    if base != value and re.match(CHECKED[TEST_NAME_PATTERN], base):
        return (
            f"'{value}' is not a test name: {rule}; write '{base}' (names, not file paths, so "
            "tests can move between files)"
        )
    example = "e.g. 'test_logout_clears_the_session' or 'test_x[case]'"
    return f"'{value}' is not a test name: {rule} ({example})"
