"""Reading a deck file safely: bytes to text, text to one YAML node tree, refusing what is unsafe.

libyaml composes the node tree (with line marks) and nothing is constructed yet: a file that
is not UTF-8, holds more than one document, is nested too deeply or whose aliases would expand
into an alias bomb is refused here, and YAML's syntax errors become messages that say how to
fix the line. :mod:`.walk` then turns the tree into plain data.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .messages import field_names
from .model import Deck
from .problems import ContentError, Problem, content_error, line_column
from .walk import FENCE_FIX, TAG

__all__ = ["MAX_DEPTH", "MAX_EXPANSION", "compose", "decode"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper nesting than this is refused (a deck needs about five levels).
MAX_DEPTH = 64
#: Aliases may expand a file to at most this many times its own number of values (plus a margin).
MAX_EXPANSION = 10


def decode(data: bytes, name: str) -> str:
    """The bytes as text (UTF-8, a BOM allowed), or a ContentError pointing at the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        guess = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        raise content_error(
            name,
            f"the file is not valid UTF-8 (byte 0x{bad}, perhaps {guess!r} saved as "
            "Latin-1/Windows-1252); save the file with the UTF-8 encoding",
            (line, column),
        ) from None


def compose(text: str, filename: str) -> Node:
    """Compose the single YAML document in ``text`` into a node tree (no Python objects)."""
    loader = None
    try:
        loader = _Loader(text)
        root = cast("Node | None", loader.get_node() if loader.check_node() else None)
        if root is not None and loader.check_node():
            raise content_error(
                filename,
                "the file holds more than one YAML document (a line '---' starts another); "
                "one file holds one deck: remove the '---' or split the file",
                _second_document(text, root),
            )
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text, filename) from None
    except yaml.reader.ReaderError as exc:
        raise content_error(filename, *_reader_message(exc, text)) from None
    except RecursionError:
        raise content_error(
            filename, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)"
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.tag == TAG + "null"):
        raise content_error(
            filename,
            f"the file is empty; a deck is a mapping with the keys {field_names(Deck)}",
            (1, 1),
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


_Hint = tuple[str | None, str, tuple[int, int]]
"""A syntax error's field (the key on its line), message and position."""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, filename: str) -> ContentError:
    """A syntax error as a problem: at the field it concerns when that can be told."""
    hint = _field_hint(exc, text)
    if hint is None:
        return content_error(filename, *_syntax_message(exc, text))
    field, message, (line, column) = hint
    return ContentError([Problem(filename, line, column, None, field, message)])


def _field_hint(exc: yaml.MarkedYAMLError, text: str) -> _Hint | None:
    """The mistakes whose syntax error points elsewhere: a quote ended too early or too late,
    typographic quotes, a key indented more than the one above it."""
    problem, mark = exc.problem or "", exc.problem_mark
    if mark is None or _first_tab(text, mark) or _char_at(text, mark) == "\t":
        return None
    hint = _quote_hint(exc, text)
    if hint is not None:
        return hint
    if "mapping values are not allowed" not in problem:
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    key = _key_of(line)
    if any(q in line for q in _SMART_QUOTES):
        column = min(line.find(q) for q in _SMART_QUOTES if q in line) + 1
        return (
            key,
            "the value is in typographic quotes (“…” or ‘…’), which YAML does not read as "
            "quotes, so its ': ' is taken for a new key; write straight quotes: "
            f'{key or "front"}: "..."',
            (mark.line + 1, column),
        )
    above = _key_line_above(lines, mark.line)
    mine = len(line) - len(line.lstrip())
    if key and above is not None and mine > above[2]:
        number, other, indent = above
        return (
            key,
            f"'{key}:' is indented {mine} spaces, more than '{other}:' on line {number + 1} "
            f"({indent}), so YAML reads it as part of that value; indent '{key}:' by {indent} "
            f"spaces like '{other}:'",
            (mark.line + 1, mine + 1),
        )
    return None


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, tuple[int, int] | None]:
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    here = line_column(mark) if mark else None
    char = _char_at(text, mark)
    if "quoted scalar" in context and start is not None:
        quote = _char_at(text, start) or '"'
        if "end of stream" in problem:
            return (
                f"unterminated quoted string: the {quote} opened here is never closed; "
                f"end the text with a matching {quote}",
                line_column(start),
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
        line = text.splitlines()[mark.line] if mark else ""
        key = _key_of(line)
        if line[mark.column :].startswith("```") if mark else False:
            fix = FENCE_FIX.replace("'back: |'", f"'{key or 'back'}: |'")
            return f"a code block (```) cannot follow the key on its line; {fix}", here
        return (
            f"a plain value cannot start with {char}; put the whole value in quotes, "
            f'e.g. {key or "front"}: "{char}..."',
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


_SMART_QUOTES = "“”‘’„‚«»"
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")


def _key_of(line: str) -> str | None:
    """The key a line starts with (``front`` in ``  - front: x``), if any."""
    match = _KEY.match(line)
    return match.group(1) if match else None


def _key_line_above(lines: list[str], index: int) -> tuple[int, str, int] | None:
    """The nearest line above ``index`` that starts with a key: (index, key, indentation)."""
    for number in range(index - 1, -1, -1):
        key = _key_of(lines[number])
        if key:
            line = lines[number]
            indent = len(line) - len(line.lstrip())
            if line.lstrip().startswith("- "):
                indent += len(line.lstrip()) - len(line.lstrip()[1:].lstrip())
            return number, key, indent
    return None


def _quoted_before(text: str, mark: Any) -> Any:
    """The last quoted scalar token that ends at or before ``mark`` (scanning only)."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _quote_hint(exc: yaml.MarkedYAMLError, text: str) -> _Hint | None:
    """A quote ended too early (an apostrophe in '…') or too late (closed on a later line)."""
    mark = exc.problem_mark
    if mark is None or not (exc.problem or "").startswith(("did not find expected", "expected")):
        return None
    token = _quoted_before(text, mark)
    if token is None or token.end_mark.index > mark.index:
        return None
    lines = text.splitlines()
    start, end = token.start_mark, token.end_mark
    line = lines[start.line] if start.line < len(lines) else ""
    key = _key_of(line)
    quote = token.style
    if end.line > start.line and end.line == mark.line:
        return (
            key,
            f"the {quote} opened at line {start.line + 1}, column "
            f"{start.column + 1} is closed only on line {end.line + 1}, so the value runs "
            f"into the lines after it; end the value with {quote} on line {start.line + 1}",
            (start.line + 1, start.column + 1),
        )
    if end.line == mark.line == start.line and end.index == mark.index:
        if quote == "'":
            fix = "write '' for an apostrophe inside '…' (e.g. 'It''s'), or use double quotes"
        else:
            fix = 'write \\" for a quote inside "…", or use single quotes'
        return (
            key,
            f"the {quote} at column {end.column} ends the quoted value, and "
            f"the rest of the line is left over; {fix}",
            (end.line + 1, end.column),
        )
    return None


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
            raise content_error(
                filename,
                f"the YAML is nested more than {MAX_DEPTH} levels deep; a deck needs about five",
                line_column(node),
            )
        if node.__class__ is ScalarNode:
            distinct += 1
            return 1
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            if known < 0:
                raise content_error(
                    filename,
                    "an alias (*name) refers to a mapping or list that contains it, which "
                    "would never end; aliases may only repeat finished values",
                    line_column(node),
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
        raise content_error(
            filename,
            f"aliases (*name) would expand this file from {distinct:,} to {total:,} values "
            f"(at most {limit:,} allowed); write the content out instead of nesting aliases",
            line_column(node),
        )
