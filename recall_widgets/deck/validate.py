"""Step 3 of the loader, when msgspec refuses a deck: every problem with the model's types.

The loader builds the :class:`~.model.Deck` with ``msgspec.convert`` in one pass (in C), which
stops at the first problem. When it refuses a deck, :func:`type_problems` walks the same data
along the same types (read back with ``msgspec.inspect``, so the constraints are written only in
the model) and lists every problem, each a :class:`TypeProblem`: its kind, where, the value
found and the limit it broke. :mod:`.report` finds its line and :mod:`.messages` says it. Good
decks never come here, so the loader imports this module only for a bad one.

The kinds: ``missing`` (a required key), ``extra_forbidden`` (an unknown key), ``model_type``
(not a mapping), ``tuple_type`` (not a list), ``string_type``, ``bool_type``, ``literal_error``
(not one of the allowed words), ``string_too_short``, ``string_too_long``,
``string_pattern_mismatch``, ``too_short`` (a list with too few entries), ``number_type``
(not a number), ``int_type`` (not a whole number), ``scalar_type`` (none of a union's plain
types: ``expected`` says which).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import msgspec
from msgspec import inspect as mi

from .model import Deck
from .problems import Loc

__all__ = ["TypeProblem", "struct_at", "struct_fields", "type_problems"]


@dataclass(frozen=True)
class TypeProblem:
    """A value the model's types refuse: ``kind`` (see the module), where and what was found.

    ``ctx`` holds the limit broken: ``min_length``, ``max_length``, ``pattern`` (as Python
    checks it, a value of :data:`.model.CHECKED`), ``expected`` (the allowed words) or
    ``class_name`` (the struct expected).
    """

    kind: str
    loc: Loc
    value: Any
    ctx: dict[str, Any] = field(default_factory=dict)


def type_problems(data: Any, model: type[msgspec.Struct] = Deck) -> list[TypeProblem]:
    """Every problem the model's types find in ``data``, in the order of the model's fields
    (a mapping's unknown keys after its fields).

    A duplicate test in an ``evidence`` list is not among them: :mod:`.rules` reports those.
    """
    out: list[TypeProblem] = []
    _check(_type_info(model), data, (), out)
    return out


@cache
def _type_info(model: type[msgspec.Struct]) -> Any:
    return mi.type_info(model)


def _check(t: Any, value: Any, loc: Loc, out: list[TypeProblem]) -> None:
    if isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, mi.StructType):
        if not isinstance(value, dict):
            out.append(TypeProblem("model_type", loc, value, {"class_name": t.cls.__name__}))
            return
        try:  # msgspec, in C, finds most entries of a large deck fine: skip those
            msgspec.convert(value, t.cls, strict=True)
            return
        except msgspec.ValidationError:
            pass
        for f in t.fields:
            if f.encode_name in value:  # the key as written (the deck's id is `deck:`)
                _check(f.type, value[f.encode_name], (*loc, f.encode_name), out)
            elif f.required:
                out.append(TypeProblem("missing", (*loc, f.encode_name), value))
        if t.forbid_unknown_fields:
            names = {f.encode_name for f in t.fields}
            for key, entry in value.items():
                if key not in names:
                    out.append(TypeProblem("extra_forbidden", (*loc, key), entry))
    elif isinstance(t, mi.UnionType):
        options = [o for o in t.types if not isinstance(o, mi.NoneType)]
        if value is None and len(options) < len(t.types):
            return
        # as msgspec dispatches: a mapping to the struct, anything else to the other type
        struct = next((o for o in options if isinstance(_bare(o), mi.StructType)), None)
        others = [o for o in options if o is not struct]
        if struct is not None and (isinstance(value, dict) or not others):
            _check(struct, value, loc, out)
        elif len(others) == 1:
            _check(others[0], value, loc, out)
        elif all(isinstance(_bare(o), mi.FloatType | mi.StrType) for o in others):
            # a number or text (a feedback's answer): fine when one of them takes it
            tried: list[list[TypeProblem]] = []
            for option in others:
                tried.append([])
                _check(option, value, loc, tried[-1])
            if all(tried):
                found = tried[0][0] if len(tried[0]) == 1 and isinstance(value, str) else None
                expected = "a number or text"
                out.append(found or TypeProblem("scalar_type", loc, value, {"expected": expected}))
        else:
            raise TypeError(f"the loader cannot check the union {t!r}")
    elif isinstance(t, mi.StrType):
        _check_text(t, value, loc, out)
    elif isinstance(t, mi.FloatType):
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(TypeProblem("number_type", loc, value))
    elif isinstance(t, mi.IntType):
        if isinstance(value, bool) or not isinstance(value, int):
            out.append(TypeProblem("int_type", loc, value))
    elif isinstance(t, mi.BoolType):
        if not isinstance(value, bool):
            out.append(TypeProblem("bool_type", loc, value))
    elif isinstance(t, mi.LiteralType):
        if not isinstance(value, str) or value not in t.values:
            words = [repr(v) for v in t.values]
            expected = " or ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
            out.append(TypeProblem("literal_error", loc, value, {"expected": expected}))
    elif isinstance(t, mi.VarTupleType):
        if not isinstance(value, (tuple, list)):
            out.append(TypeProblem("tuple_type", loc, value))
            return
        for index, entry in enumerate(value):
            _check(t.item_type, entry, (*loc, index), out)
        if t.min_length is not None and len(value) < t.min_length:
            out.append(TypeProblem("too_short", loc, value, {"min_length": t.min_length}))
    else:
        raise TypeError(f"the loader cannot check the type {t!r}")


def _check_text(t: Any, value: Any, loc: Loc, out: list[TypeProblem]) -> None:
    """One text value: its type, then length, then pattern; only the first problem counts."""
    if not isinstance(value, str):
        out.append(TypeProblem("string_type", loc, value))
    elif t.min_length is not None and len(value) < t.min_length:
        out.append(TypeProblem("string_too_short", loc, value, {"min_length": t.min_length}))
    elif t.max_length is not None and len(value) > t.max_length:
        out.append(TypeProblem("string_too_long", loc, value, {"max_length": t.max_length}))
    elif t.pattern is not None and not re.search(t.pattern, value):
        out.append(TypeProblem("string_pattern_mismatch", loc, value, {"pattern": t.pattern}))


def _bare(t: Any) -> Any:
    return t.type if isinstance(t, mi.Metadata) else t


def struct_fields(model: type[msgspec.Struct]) -> Iterator[tuple[str, bool]]:
    """Each field of a struct, in order, and whether it is required."""
    for f in _type_info(model).fields:
        yield f.encode_name, f.required


def struct_at(loc: Loc) -> type[msgspec.Struct] | None:
    """The struct whose mapping sits at ``loc`` (e.g. Card for ``('cards', 2)``), if any."""
    t: Any = _type_info(Deck)
    for part in loc:
        if isinstance(part, int):
            continue
        found = next((f for f in t.fields if f.encode_name == part), None)
        t = _inner_struct(found.type) if found is not None else None
        if t is None:
            return None
    cls: type[msgspec.Struct] = t.cls
    return cls if isinstance(t, mi.StructType) else None


def _inner_struct(t: Any) -> Any:
    """The struct inside a type: itself, a list's entries or one option of a union."""
    t = _bare(t)
    if isinstance(t, mi.StructType):
        return t
    if isinstance(t, mi.VarTupleType):
        return _inner_struct(t.item_type)
    if isinstance(t, mi.UnionType):
        for option in t.types:
            found = _inner_struct(option)
            if found is not None:
                return found
    return None
