"""Reading a deck file safely: bytes to text, text to one YAML node tree, refusing what is unsafe.

libyaml composes the node tree (with line marks) and nothing is constructed yet: a file that
is not UTF-8, holds more than one document, is nested too deeply or whose aliases would expand
into an alias bomb is refused here, and YAML's syntax errors become messages that say how to
fix the line. :mod:`.walk` then turns the tree into plain data.
"""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .messages import field_names
from .model import Deck
from .problems import content_error, line_column
from .walk import TAG

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
        raise content_error(filename, *_syntax_message(exc, text)) from None
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
