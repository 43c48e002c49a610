"""Load decks from YAML: safe, strict, fast, and with errors that name the file, line and field.

The loader composes the YAML node tree with libyaml, walks the nodes into plain data itself (so
it can refuse Python-object tags, duplicate keys and alias bombs), validates that data with the
pydantic model in :mod:`recall_widgets.deck`, and translates every problem into a line of the
form ``FILE:LINE:COL: ITEM, field 'FIELD': MESSAGE``. Line numbers are looked up only when
there is an error, so loading a good deck costs little more than parsing it.
"""

from __future__ import annotations

import difflib
import errno
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, cast, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import LEVELS, SLUG_PATTERN, TEST_NAME_PATTERN, THINKING, Concept, Deck

__all__ = [
    "ContentError",
    "DeckNotFoundError",
    "Problem",
    "find_deck_files",
    "load_deck",
    "load_decks",
    "parse_deck",
]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper nesting than this is refused (a deck needs about five levels).
MAX_DEPTH = 64
#: Aliases may expand a file to at most this many times its own number of values (plus a margin).
MAX_EXPANSION = 10

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_SCALAR_KINDS = {
    _TAG + "null": "nothing (null)",
    _TAG + "bool": "true/false",
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "timestamp": "a date",
}
_SECTIONS = {"cards": "card", "questions": "question", "prompts": "prompt"}
_LIST_ENTRY = {"choices": "choice", "concepts": "concept", "tags": "tag", "evidence": "test"}
_DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Problem:
    """One problem in a deck file; ``str(problem)`` is the line the command line prints.

    Parameters
    ----------
    file : the file name as given.
    line, column : 1-based position, or None when unknown.
    item : which item, e.g. ``card #3 'session-object'`` or ``question #2, choice #1``.
    field : the key concerned, e.g. ``front``.
    message : what is wrong and what is allowed.
    """

    file: str
    line: int | None
    column: int | None
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        what = ", ".join(
            p for p in (self.item, f"field '{self.field}'" if self.field else None) if p
        )
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


class ContentError(Exception):
    """A deck file is invalid. ``.problems`` lists every problem; ``str()`` prints one per line.

    Example
    -------
    >>> try:
    ...     parse_deck("deck: x\\ntitle: X\\n", "x.yaml")
    ... except ContentError as error:
    ...     print(error)
    x.yaml:1:1: the deck has no items; add at least one of cards, questions or prompts
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DeckNotFoundError(FileNotFoundError):
    """A path given to the loader does not exist (a usage error, not a content error)."""


# --------------------------------------------------------------------------------------------
# Public functions


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Load and validate one deck file.

    Raises :class:`ContentError` listing every problem in the file, and
    :class:`DeckNotFoundError` when the file does not exist.

    Example
    -------
    >>> deck = load_deck("content/flask-sessions.yaml")  # doctest: +SKIP
    >>> [card.id for card in deck.cards]  # doctest: +SKIP
    """
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DeckNotFoundError(errno.ENOENT, "no such file", name) from None
    except IsADirectoryError:
        raise _error(
            name, "this is a folder, not a deck file; use load_decks() for folders"
        ) from None
    except OSError as exc:
        raise _error(name, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_deck(_decode(data, name), name)


def load_decks(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Deck]:
    """Load every deck in these files and folders (recursing into ``*.yaml``/``*.yml``).

    Keeps going after a bad file and raises one :class:`ContentError` with the problems of all
    files; two files with the same ``deck`` id are also an error.
    """
    decks: list[Deck] = []
    problems: list[Problem] = []
    for result in check_decks(paths):
        problems.extend(result.problems)
        if result.deck is not None and not result.problems:
            decks.append(result.deck)
    if problems:
        raise ContentError(problems)
    return decks


@dataclass(frozen=True)
class DeckResult:
    """What :func:`check_decks` found in one file: the deck (if it loaded) and its problems."""

    file: Path
    deck: Deck | None
    problems: tuple[Problem, ...]


def check_decks(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> Iterator[DeckResult]:
    """Check each deck file under ``paths`` in turn, keeping going after bad files.

    Besides each file's own problems, a deck whose ``deck`` id an earlier file already uses is
    reported (learner progress is keyed by that id). ``recall-widgets validate`` and
    :func:`load_decks` both use this.
    """
    first_file: dict[str, str] = {}
    for file in find_deck_files(paths):
        try:
            deck = load_deck(file)
        except ContentError as exc:
            yield DeckResult(file, None, tuple(exc.problems))
            continue
        problems: tuple[Problem, ...] = ()
        if deck.deck in first_file:
            problems = (
                Problem(
                    str(file), _top_key_line(file, "deck"), 1, None, "deck",
                    f"deck id '{deck.deck}' is already used by {first_file[deck.deck]}; "
                    "every deck needs its own id (learner progress is keyed by it)",
                ),
            )  # fmt: skip
        first_file.setdefault(deck.deck, str(file))
        yield DeckResult(file, deck, problems)


def _top_key_line(file: Path, key: str) -> int | None:
    """The line of a top-level key in a file that has already loaded (for cross-file checks)."""
    text = file.read_text(encoding="utf-8-sig")
    match = re.search(rf"^{re.escape(key)}\s*:", text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def find_deck_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders into deck files, in a stable order.

    Folders are searched recursively for ``*.yaml`` and ``*.yml`` (sorted; hidden files and
    folders such as ``.ipynb_checkpoints`` are skipped); files are taken as given. Raises
    :class:`DeckNotFoundError` for a path that does not exist.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in file.relative_to(path).parts)
                if file.suffix in _DECK_SUFFIXES and file.is_file() and not hidden:
                    found[file] = None
        elif path.exists():
            found[path] = None
        else:
            raise DeckNotFoundError(errno.ENOENT, "no such file or folder", os.fspath(raw))
    return list(found)


def parse_deck(text: str, filename: str) -> Deck:
    """Validate a deck given as YAML text; ``filename`` is used in the error messages."""
    # The cyclic garbage collector would repeatedly scan the hundreds of thousands of nodes this
    # creates (tripling the time of a large deck); nothing here makes reference cycles we need
    # collected promptly, so pause it.
    with _gc_paused():
        return _parse(text.removeprefix("\ufeff"), filename)


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, filename: str) -> Deck:
    root = _compose(text, filename)
    builder = _Builder()
    data = builder.build(root)
    if data is _REFUSED:
        raise ContentError(
            [Problem(filename, *_mark(n), None, None, m) for n, m in builder.problems]
        )
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, tuple) else _describe(data, root)
        raise _error(
            filename,
            f"the top level must be a mapping with the keys {_keys(Deck)}; found {kind}",
            _mark(root),
        )
    try:
        deck = Deck.model_validate(data)
        errors: list[Any] = []
    except ValidationError as exc:
        errors = list(exc.errors(include_url=False))
    report = _Report(filename, root, data)
    for node, message in builder.problems:
        report.add_node(node, message)
    for err in errors:
        if err["type"] != "extra_forbidden" and err["input"] is _REFUSED:
            continue  # the refused tag is already reported
        report.add_validation_error(err)
    _check_deck(data, report)
    if report.problems:
        raise ContentError(report.sorted())
    return deck


# --------------------------------------------------------------------------------------------
# Reading and composing


def _error(file: str, message: str, mark: tuple[int, int] | None = None) -> ContentError:
    line, column = mark if mark else (None, None)
    return ContentError([Problem(file, line, column, None, None, message)])


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        guess = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        raise _error(
            name,
            f"the file is not valid UTF-8 (byte 0x{bad}, perhaps {guess!r} saved as "
            "Latin-1/Windows-1252); save the file with the UTF-8 encoding",
            (line, column),
        ) from None


def _compose(text: str, filename: str) -> Node:
    """Compose the single YAML document in ``text`` into a node tree (no Python objects)."""
    loader = None
    try:
        loader = _Loader(text)
        root = cast("Node | None", loader.get_node() if loader.check_node() else None)
        if root is not None and loader.check_node():
            raise _error(
                filename,
                "the file holds more than one YAML document (a line '---' starts another); "
                "one file holds one deck: remove the '---' or split the file",
                _second_document(text, root),
            )
    except yaml.MarkedYAMLError as exc:
        raise _error(filename, *_syntax_message(exc, text)) from None
    except yaml.reader.ReaderError as exc:
        raise _error(filename, *_reader_message(exc, text)) from None
    except RecursionError:
        raise _error(filename, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)") from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.tag == _TAG + "null"):
        raise _error(
            filename, f"the file is empty; a deck is a mapping with the keys {_keys(Deck)}", (1, 1)
        )
    _check_size(root, filename)
    return root


def _second_document(text: str, root: Node) -> tuple[int, int]:
    """Where the second document starts: the first '---' or '...' line after the first one."""
    lines = text.splitlines()
    for index in range(root.end_mark.line, len(lines)):
        if lines[index].startswith(("---", "...")):
            return index + 1, 1
    return root.end_mark.line + 1, root.end_mark.column + 1


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, tuple[int, int] | None]:
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    here = _mark(mark) if mark else None
    char = _char_at(text, mark)
    if "quoted scalar" in context and start is not None:
        quote = _char_at(text, start) or '"'
        if "end of stream" in problem:
            return (
                f"unterminated quoted string: the {quote} opened here is never closed; "
                f"end the text with a matching {quote}",
                _mark(start),
            )
        if quote == '"':
            return (
                f"a bad escape in a double-quoted string ({problem}): there a backslash starts "
                "an escape such as \\n; write \\\\ for a backslash, or use single quotes",
                here,
            )
    tab = _first_tab(text, mark)
    if "tab" in problem or char == "\t" or tab:
        return "a tab character in the indentation; YAML indents with spaces only", tab or here
    if "cannot start any token" in problem and char in ("`", "@", "%"):
        return (
            f"a plain value cannot start with {char}; put the whole value in quotes, "
            f'e.g. front: "{char}..."',
            here,
        )
    if "mapping values are not allowed" in problem:
        return (
            "a ': ' inside a value that is not quoted (or a key indented wrongly); "
            "put a value containing ': ' in quotes",
            here,
        )
    indentation = ("did not find expected key", "did not find expected '-' indicator")
    if problem.startswith(indentation) and start is not None:
        what = "list" if "'-'" in problem else "mapping"
        return (
            f"this line is not indented like the {what} that starts at line {start.line + 1}; "
            "indent the keys of one mapping, and the '- ' of one list, by the same number "
            "of spaces",
            here,
        )
    if "undefined alias" in problem:
        return "an alias (*name) with no anchor (&name) before it; define the anchor first", here
    where = f" ({context} at line {start.line + 1})" if context and start is not None else ""
    return f"YAML syntax error: {problem}{where}", here


def _reader_message(exc: yaml.reader.ReaderError, text: str) -> tuple[str, tuple[int, int]]:
    # libyaml reports a byte offset into the UTF-8 text, pure-Python PyYAML a character offset.
    prefix = (
        text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        if _Loader is not yaml.SafeLoader
        else text[: exc.position]
    )
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return (
        f"the file contains the control character U+{code:04X}, which YAML does not allow; "
        "remove it (only printable text, tabs and line breaks are allowed)",
        (line, column),
    )


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


def _first_tab(text: str, mark: Any) -> tuple[int, int] | None:
    """The position of a tab in the leading white space of the error's line or the one before."""
    if mark is None:
        return None
    lines = text.splitlines()
    for index in (mark.line, mark.line - 1):
        if 0 <= index < len(lines):
            line = lines[index]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return index + 1, indent.index("\t") + 1
    return None


def _mark(obj: Any) -> tuple[int, int]:
    mark = obj.start_mark if hasattr(obj, "start_mark") else obj
    return mark.line + 1, mark.column + 1


def _check_size(root: Node, filename: str) -> None:
    """Refuse alias bombs and recursive aliases before anything is expanded.

    Each node's expanded size is computed once (memoized by identity), so this takes time and
    memory proportional to the file, however large the expansion would be.
    """
    sizes: dict[int, int] = {}
    distinct = 0

    def size(node: Node, depth: int) -> int:
        nonlocal distinct
        if depth > MAX_DEPTH:
            raise _error(
                filename,
                f"the YAML is nested more than {MAX_DEPTH} levels deep; a deck needs about five",
                _mark(node),
            )
        if node.__class__ is ScalarNode:
            distinct += 1
            return 1
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            if known < 0:
                raise _error(
                    filename,
                    "an alias (*name) refers to a mapping or list that contains it, which "
                    "would never end; aliases may only repeat finished values",
                    _mark(node),
                )
            return known
        distinct += 1
        sizes[key] = -1
        total = 1
        if node.__class__ is MappingNode:
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        else:
            for child in node.value:
                total += size(child, depth + 1)
        sizes[key] = total
        return total

    total = size(root, 0)
    limit = MAX_EXPANSION * distinct + 10_000
    if total > limit:
        node = root  # point at the innermost value that alone expands beyond the limit
        while True:
            children = node.value if node.__class__ is SequenceNode else []
            if node.__class__ is MappingNode:
                children = [v for _, v in node.value]
            big = [c for c in children if sizes.get(id(c), 1) > limit]
            if not big:
                break
            node = big[0]
        raise _error(
            filename,
            f"aliases (*name) would expand this file from {distinct:,} to {total:,} values "
            f"(at most {limit:,} allowed); write the content out instead of nesting aliases",
            _mark(node),
        )


# --------------------------------------------------------------------------------------------
# Walking nodes into plain data


class _Refused:
    """Stands in for a value whose tag was refused (already reported)."""

    def __repr__(self) -> str:
        return "<refused>"


_REFUSED = _Refused()
_CONSTRUCTOR = SafeConstructor()
_SCALARS: dict[str, Callable[[Any], Any]] = {
    _TAG + "null": _CONSTRUCTOR.construct_yaml_null,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


class _Builder:
    """Turns a node tree into dicts, tuples and scalars, collecting problems as it goes."""

    def __init__(self) -> None:
        self.problems: list[tuple[Node, str]] = []

    def build(self, node: Node) -> Any:
        cls, tag = node.__class__, node.tag
        if cls is ScalarNode:
            if tag == _STR:
                return node.value
            construct = _SCALARS.get(tag)
            if construct is None:
                return self._refuse(node)
            try:
                return construct(node)
            except Exception:
                short = tag.replace(_TAG, "!!")
                why = f"{node.value!r} is not a valid {short} value; if it is text, quote it"
                return self._refuse(node, why)
        if cls is MappingNode and tag == _MAP:
            result: dict[str, Any] = {}
            build = self.build
            for key_node, value_node in node.value:
                if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                    if key in result:
                        self._duplicate(node.value, key_node)
                    else:
                        result[key] = build(value_node)
                else:
                    self._bad_key(key_node)
            return result
        if cls is SequenceNode and tag == _SEQ:
            return tuple(map(self.build, node.value))
        return self._refuse(node)

    def _refuse(self, node: Node, why: str | None = None) -> _Refused:
        tag = node.tag if node.tag.startswith("!") else node.tag.replace(_TAG, "!!")
        if why is None and node.tag in (_STR, _MAP, _SEQ, *_SCALARS):
            kind = {ScalarNode: "a single value", MappingNode: "a mapping"}.get(
                type(node), "a list"
            )
            why = f"the YAML tag '{tag}' cannot be put on {kind}; remove the tag"
        if why is None:
            danger = " (it would create Python objects)" if "python/" in tag else ""
            why = (
                f"the YAML tag '{tag}' is not allowed{danger}; decks hold only text, numbers, "
                "true/false, lists and mappings: remove the tag"
            )
        self.problems.append((node, why))
        return _REFUSED

    def _duplicate(self, pairs: list[tuple[Node, Node]], key_node: ScalarNode) -> None:
        first = next(k for k, _ in pairs if k.__class__ is ScalarNode and k.value == key_node.value)
        self.problems.append(
            (
                key_node,
                f"the key '{key_node.value}' is given twice (first at line "
                f"{first.start_mark.line + 1}); keep only one (YAML would silently drop the first)",
            )
        )

    def _bad_key(self, key_node: Node) -> None:
        if key_node.tag == _MERGE:
            message = "merge keys (<<) are not supported; write the keys out"
        elif isinstance(key_node, ScalarNode) and key_node.tag in _SCALAR_KINDS:
            kind = _SCALAR_KINDS[key_node.tag]
            message = (
                f"keys must be text, but YAML read '{key_node.value}' as {kind}; "
                f"put the key in quotes: '{key_node.value}':"
            )
        else:
            message = (
                "keys must be plain text such as 'front', not lists, mappings or tagged values"
            )
        self.problems.append((key_node, message))


# --------------------------------------------------------------------------------------------
# Reporting


Loc = tuple[str | int, ...]


class _Report:
    """Collects problems and finds their lines by descending the node tree (only on error)."""

    def __init__(self, filename: str, root: Node, data: dict[str, Any]) -> None:
        self.filename, self.root, self.data = filename, root, data
        self.problems: list[Problem] = []
        self._locs: dict[int, tuple[Loc, bool]] | None = None

    def sorted(self) -> list[Problem]:
        unique = dict.fromkeys(self.problems)
        return sorted(unique, key=lambda p: (p.line or 0, p.column or 0))

    def add(self, loc: Loc, message: str, node: Node | None, *, key: bool = False) -> None:
        item, field, prefix = self._describe_loc(loc, key=key)
        line, column = _mark(node) if node is not None else (None, None)
        self.problems.append(Problem(self.filename, line, column, item, field, prefix + message))

    def add_node(self, node: Node, message: str) -> None:
        if self._locs is None:
            self._locs = {}
            _index(self.root, (), self._locs, set())
        loc, is_key = self._locs.get(id(node), ((), False))
        self.add(loc, message, node, key=is_key)

    def add_validation_error(self, err: Any) -> None:
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        value = err["input"]
        if (
            kind == "too_short"
            and isinstance(value, tuple)
            and len(value) >= err["ctx"]["min_length"]
        ):
            return  # enough entries were given; the invalid ones are reported themselves
        if kind == "missing":
            self.add(loc, _missing_message(loc), self.node_at(loc[:-1]))
            return
        if kind == "extra_forbidden":
            self.add(loc, _unknown_key_message(loc), self.node_at(loc, key=True), key=True)
            return
        if kind == "duplicate_test":
            return  # _check_deck reports every repeated test, also in lists with other problems
        node = self.node_at(loc)
        if _is_plain_concept_text(loc, self.data) and kind == "string_type":
            message = (
                f"expected a concept: Markdown text, or a mapping with the keys "
                f"{_keys(Concept)}; found {_describe(value, node)}{_quote_hint(value, node)}"
            )
        else:
            message = _value_message(kind, loc, value, node, err)
        self.add(loc, message, node)

    def _describe_loc(self, loc: Loc, *, key: bool) -> tuple[str | None, str | None, str]:
        """Split a location into (item, field, message prefix)."""
        parts: list[str] = []
        field: str | None = None
        prefix = ""
        data: Any = self.data
        rest = list(loc[:-1] if key else loc)
        if key:
            field = str(loc[-1])
        i = 0
        while i < len(rest):
            part = rest[i]
            nxt = rest[i + 1] if i + 1 < len(rest) else None
            if isinstance(part, str) and isinstance(nxt, int) and part in _SECTIONS:
                entry = _get(data, part, nxt)
                label = f"{_SECTIONS[part]} #{nxt + 1}"
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    label += f" {_short(entry['id'])}"
                parts.append(label)
                data = entry
                i += 2
            elif part == "choices" and isinstance(nxt, int):
                parts.append(f"choice #{nxt + 1}")
                data = _get(data, part, nxt)
                i += 2
            elif (
                part == "concepts"
                and isinstance(nxt, int)
                and isinstance(_get(data, part, nxt), dict)
            ):
                # a concept written as a mapping {text, evidence}: name it like a choice
                parts.append(f"concept #{nxt + 1}")
                data = _get(data, part, nxt)
                i += 2
            elif isinstance(part, str) and field is None:
                field = part
                if isinstance(nxt, int):
                    prefix = f"{_LIST_ENTRY.get(part, 'entry')} #{nxt + 1}: "
                    i += 1
                i += 1
            else:
                i += 1
        return (", ".join(parts) or None), field, prefix

    def node_at(self, loc: Loc, *, key: bool = False) -> Node:
        """The node at ``loc`` (its key node with ``key=True``), or the deepest one found."""
        node = self.root
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, MappingNode):
                match = next(
                    (
                        (k, v)
                        for k, v in node.value
                        if isinstance(k, ScalarNode) and k.value == part
                    ),
                    None,
                )
                if match is None:
                    return node
                node = match[0] if key and last else match[1]
            elif (
                isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value)
            ):
                node = node.value[part]
            else:
                return node
        return node


def _index(node: Node, loc: Loc, locs: dict[int, tuple[Loc, bool]], seen: set[int]) -> None:
    """Map each node's identity to its location, and whether it is a mapping key."""
    locs.setdefault(id(node), (loc, False))
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                locs.setdefault(id(k), ((*loc, k.value), True))
                _index(v, (*loc, k.value), locs, seen)
            else:  # a list or mapping as a key: report it at the mapping
                locs.setdefault(id(k), (loc, False))
    elif isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*loc, i), locs, seen)


def _check_deck(data: dict[str, Any], report: _Report) -> None:
    """The rules the model's types cannot say: items exist, ids are unique, a choice is right."""
    if not any(isinstance(data.get(s), tuple) and data[s] for s in _SECTIONS) and not any(
        s in data and not isinstance(data[s], tuple) for s in _SECTIONS
    ):
        report.add(
            (),
            "the deck has no items; add at least one of cards, questions or prompts",
            report.root,
        )
    first: dict[str, tuple[Loc, str]] = {}
    for section, kind in _SECTIONS.items():
        items = data.get(section)
        if not isinstance(items, tuple):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            loc: Loc = (section, index, "id")
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in first:
                    other_loc, other = first[item_id]
                    line = _mark(report.node_at(other_loc))[0]
                    report.add(
                        loc,
                        f"duplicate id '{item_id}': {other} (line {line}) already uses it; "
                        "ids must be unique within the deck",
                        report.node_at(loc),
                    )
                else:
                    first[item_id] = (loc, f"{kind} #{index + 1}")
            if section == "questions":
                _check_correct(item, (section, index, "choices"), report)
            _check_evidence(item.get("evidence"), (section, index, "evidence"), report)
            concepts = item.get("concepts") if section == "prompts" else None
            for number, concept in enumerate(concepts if isinstance(concepts, tuple) else ()):
                if isinstance(concept, dict):
                    where: Loc = (section, index, "concepts", number, "evidence")
                    _check_evidence(concept.get("evidence"), where, report)


def _check_evidence(names: Any, loc: Loc, report: _Report) -> None:
    """Each test is listed once in an ``evidence`` list (the model refuses repeats too, but
    only in a list with no other problem; this reports them all, at the repeat)."""
    if not isinstance(names, tuple):
        return
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        if name in first:
            first_line = _mark(report.node_at((*loc, first[name])))[0]
            report.add(
                (*loc, index),
                f"'{name}' is already listed (test #{first[name] + 1}, line {first_line}); "
                "list each test once",
                report.node_at((*loc, index)),
            )
        else:
            first[name] = index


def _check_correct(question: dict[str, Any], loc: Loc, report: _Report) -> None:
    choices = question.get("choices")
    if not isinstance(choices, tuple) or not choices:
        return
    if not all(isinstance(c, dict) for c in choices):
        return
    if any("correct" in c and not isinstance(c["correct"], bool) for c in choices):
        return  # a wrong type is reported on its own
    if not any(c.get("correct") is True for c in choices):
        report.add(
            loc,
            "no choice is marked correct; add 'correct: true' to at least one choice "
            "(several correct choices make a multiple-select question)",
            report.node_at(loc, key=True),
        )


# --------------------------------------------------------------------------------------------
# Messages


def _is_plain_concept_text(loc: Loc, data: Any) -> bool:
    """Whether ``loc`` is the ``text`` of a concept written as a plain value, not a mapping.

    The model reads a plain concept ``- X`` as ``{text: X}``, so its problems come at
    ``(..., 'concepts', i, 'text')``; the message then says what a concept may be.
    """
    if len(loc) < 3 or loc[-3] != "concepts" or loc[-1] != "text":
        return False
    for part in loc[:-1]:
        if isinstance(part, int):
            data = data[part] if isinstance(data, tuple) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return not isinstance(data, dict)


def _get(data: Any, key: str, index: int) -> Any:
    seq = data.get(key) if isinstance(data, dict) else None
    return seq[index] if isinstance(seq, tuple) and index < len(seq) else None


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose mapping sits at ``loc`` (e.g. Card for ``('cards', 2)``)."""
    model: type[BaseModel] = Deck
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        inner = _inner_model(info.annotation) if info else None
        if inner is None:
            return None
        model = inner
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Annotated:
        return _inner_model(get_args(annotation)[0])
    if get_origin(annotation) in (tuple, list, Union, UnionType):
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _keys(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


def _required(model: type[BaseModel]) -> str:
    return ", ".join(name for name, f in model.model_fields.items() if f.is_required())


def _kind_name(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _missing_message(loc: Loc) -> str:
    model = _model_at(loc[:-1])
    if model is None:
        return f"the required key '{loc[-1]}' is missing"
    return (
        f"the required key '{loc[-1]}' is missing; every {_kind_name(model)} needs "
        f"{_required(model)}"
    )


def _unknown_key_message(loc: Loc) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    if model is None:
        return f"unknown key '{key}'"
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key '{key}'{hint}{'' if close else ';'} Allowed keys: {', '.join(allowed)}"


def _describe(value: Any, node: Node | None) -> str:
    """Say what YAML produced, quoting the source text of scalars."""
    source = node.value if isinstance(node, ScalarNode) else value
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"true/false (`{source}`)"
    if isinstance(value, (int, float)):
        return f"the number `{source}`"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is _REFUSED:
        return "a refused value"
    return f"the date `{source}`"


def _short(text: str, limit: int = 40) -> str:
    """Quote a piece of text for a message, shortened if long."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _quote_hint(value: Any, node: Node | None) -> str:
    """For a scalar that YAML did not read as text: how to make it text."""
    if value is None or isinstance(value, (str, tuple, dict, _Refused)):
        return ""
    read_as = "true/false" if isinstance(value, bool) else "a number"
    if not isinstance(value, (bool, int, float)):
        read_as = "a date"
    source = node.value if isinstance(node, ScalarNode) else value
    return f"; YAML reads `{source}` as {read_as}: put the text in quotes, e.g. '{source}'"


def _value_message(kind: str, loc: Loc, value: Any, node: Node, err: Any) -> str:
    found = _describe(value, node)
    if kind == "string_type":
        return f"expected text, found {found}{_quote_hint(value, node)}"
    if kind == "bool_type":
        return f"expected true or false, found {found}"
    if kind in ("tuple_type", "list_type"):
        entry = _LIST_ENTRY.get(str(loc[-1])) or _SECTIONS.get(str(loc[-1]), "entry")
        hint = ""
        if loc[-1] == "evidence" and isinstance(value, str):
            hint = f"; write a list even for one test: evidence: [{value}]"
        return f"expected a list with one '- ' line per {entry}, found {found}{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        model = _model_at(loc)
        keys = f" with the keys {_keys(model)}" if model else ""
        what = f"a {_kind_name(model)}" if model else "an entry"
        return f"expected {what}: a mapping{keys}; found {found}"
    if kind == "string_pattern_mismatch":
        if err["ctx"]["pattern"] == SLUG_PATTERN:
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-_") or "my-id"
            return (
                f"'{value}' is not a valid id: use only letters, digits, '-' and '_', starting "
                f"with a letter or digit (e.g. '{slug}')"
            )
        if err["ctx"]["pattern"] == TEST_NAME_PATTERN:
            return _test_name_message(str(value))
        return "the text is empty (only spaces); write some text"
    if kind == "string_too_short":
        return "the text is empty; write some text"
    if kind == "string_too_long":
        limit = err["ctx"]["max_length"]
        return f"{_short(value)} is {len(str(value))} characters long; at most {limit} are allowed"
    if kind == "literal_error":
        if str(loc[-1]) == "level":
            close = difflib.get_close_matches(str(value), LEVELS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            if not isinstance(value, str):
                return f"expected one of {', '.join(LEVELS)}; found {found}"
            return f"unknown level '{value}'{hint}; allowed: {', '.join(LEVELS)}"
        if str(loc[-1]) == "thinking":
            kinds = ", ".join(f"{kind} ({meaning})" for kind, meaning in THINKING.items())
            if not isinstance(value, str):
                return f"expected one of {', '.join(THINKING)}; found {found}"
            close = difflib.get_close_matches(value, THINKING, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"unknown kind of thinking '{value}'{hint}; allowed: {kinds}"
        return f"expected {err['ctx']['expected']}; found {found}"
    if kind == "too_short":
        minimum = err["ctx"]["min_length"]
        entry = _LIST_ENTRY.get(str(loc[-1]), "entry")
        owner = _model_at(loc[:-1])
        who = f"a {_kind_name(owner)}" if owner else "this list"
        count = len(value) if isinstance(value, tuple) else 0
        need = {1: "at least one", 2: "at least two"}.get(minimum, f"at least {minimum}")
        return f"{who} needs {need} {entry}{'s' if minimum > 1 else ''}; found {count}"
    return f"{err['msg']}; found {found}"


def _test_name_message(value: str) -> str:
    """Why ``value`` is not a test name, and the name to write instead when it can tell."""
    rule = (
        "write a pytest test function's name: 'test' then letters, digits and '_', optionally "
        "one parametrized case in brackets"
    )
    base = re.sub(r"\(\)$", "", value.rsplit("::", 1)[-1].strip())
    if base != value and re.match(TEST_NAME_PATTERN, base):
        return (
            f"'{value}' is not a test name: {rule}; write '{base}' (names, not file paths, so "
            "tests can move between files)"
        )
    example = "e.g. 'test_logout_clears_the_session' or 'test_x[case]'"
    return f"'{value}' is not a test name: {rule} ({example})"
