"""Load decks from YAML: safe, strict, fast, and with errors that name the file, line and field.

The public face of the deck's loader; each step is its own module:

1. :mod:`.compose`: bytes → text → one YAML node tree, composed by libyaml with line marks,
   refusing what is unsafe (alias bombs, deep nesting, several documents);
2. :mod:`.walk`: the node tree → plain data (dicts, tuples, scalars), refusing Python-object
   tags, duplicate keys and keys that are not text;
3. msgspec checks that data against :mod:`.model` and builds the deck (:mod:`.validate` lists
   every problem when it refuses), and :mod:`.rules` checks what types cannot say (unique ids,
   a right answer);
4. :mod:`.report` and :mod:`.messages` turn every problem into a line of the form
   ``FILE:LINE:COL: ITEM, field 'FIELD': MESSAGE`` (:mod:`.problems`).

Line numbers are looked up only when there is an error, so loading a good deck costs little
more than parsing it. This module also finds the deck files in folders.
"""

from __future__ import annotations

import errno
import gc
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from .compose import compose, decode
from .messages import describe_value, field_names
from .model import Deck
from .outputs import RecordedOutput, outputs_path, read_outputs
from .problems import ContentError, DeckNotFoundError, Problem, content_error, line_column
from .report import Report
from .rules import check_deck
from .walk import REFUSED, Builder

__all__ = [
    "ContentError",
    "DeckNotFoundError",
    "DeckResult",
    "Problem",
    "check_decks",
    "find_deck_files",
    "load_deck",
    "load_decks",
    "parse_deck",
]

_DECK_SUFFIXES = (".yaml", ".yml")


def load_deck(path: str | os.PathLike[str], *, check_outputs: bool = True) -> Deck:
    """Load and validate one deck file.

    Its predict questions' outputs come from the generated file beside it
    (:mod:`.outputs`); ``check_outputs=False`` loads a deck whose outputs are missing or stale
    (their ``output`` is then None), as ``recall-widgets predict`` does to regenerate them.
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
        raise content_error(
            name, "this is a folder, not a deck file; use load_decks() for folders"
        ) from None
    except OSError as exc:
        raise content_error(name, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_deck(decode(data, name), name, check_outputs=check_outputs)


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
        if deck.id in first_file:
            problems = (
                Problem(
                    str(file), _top_key_line(file, "deck"), 1, None, "deck",
                    f"deck id '{deck.id}' is already used by {first_file[deck.id]}; "
                    "every deck needs its own id (learner progress is keyed by it)",
                ),
            )  # fmt: skip
        first_file.setdefault(deck.id, str(file))
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


def parse_deck(
    text: str,
    filename: str,
    *,
    outputs: Mapping[str, RecordedOutput] | None = None,
    check_outputs: bool = True,
) -> Deck:
    """Validate a deck given as YAML text; ``filename`` is used in the error messages.

    Predict questions take their output from ``outputs`` (by question id), by default from
    the generated file beside ``filename`` (``x.yaml`` → ``x.outputs.json``, if it exists); a
    missing or stale one is a problem unless ``check_outputs`` is False.
    """
    if outputs is None and check_outputs:
        outputs = _outputs_beside(filename)
    # The cyclic garbage collector would repeatedly scan the hundreds of thousands of nodes this
    # creates (tripling the time of a large deck); nothing here makes reference cycles we need
    # collected promptly, so pause it.
    with _gc_paused():
        return _parse(text.removeprefix("\ufeff"), filename, outputs if check_outputs else None)


def _outputs_beside(filename: str) -> dict[str, RecordedOutput]:
    """The predict outputs generated beside the deck file ``filename`` ({} for none)."""
    path = outputs_path(filename)
    try:
        return read_outputs(path)
    except (ValueError, OSError) as error:
        raise content_error(
            str(path), f"cannot read the predict outputs: {error}; run `recall-widgets "
            f"predict {filename}` to write them again",
        ) from None  # fmt: skip


def _with_outputs(
    data: dict[str, Any], outputs: Mapping[str, RecordedOutput] | None
) -> dict[str, Any]:
    """``data`` with each predict question's recorded output (when it is for its code as
    written now, and the deck does not write one itself: the rules report both)."""
    questions = data.get("questions")
    if not outputs or not isinstance(questions, tuple):
        return data
    filled = []
    for q in questions:
        if isinstance(q, dict) and q.get("kind") == "predict" and "output" not in q:
            recorded = outputs.get(q.get("id"))  # type: ignore[arg-type]
            code = q.get("code")
            if recorded is not None and isinstance(code, str) and recorded.matches(code):
                q = {**q, "output": recorded.output}
        filled.append(q)
    return {**data, "questions": tuple(filled)}


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, filename: str, outputs: Mapping[str, RecordedOutput] | None) -> Deck:
    root = compose(text, filename)
    builder = Builder()
    data = builder.build(root)
    if data is REFUSED:
        raise ContentError(
            [Problem(filename, *line_column(n), None, None, m) for n, m in builder.problems]
        )
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, tuple) else describe_value(data, root)
        raise content_error(
            filename,
            f"the top level must be a mapping with the keys {field_names(Deck)}; found {kind}",
            line_column(root),
        )
    deck: Deck | None = None
    written = data
    data = _with_outputs(data, outputs)
    try:
        deck = msgspec.convert(data, Deck, strict=True)
    except msgspec.ValidationError as exc:
        refusal = str(exc)  # only the first problem: validate.py lists them all
    report = Report(filename, root, written)
    for node, message in builder.problems:
        report.add_node(node, message)
    if deck is None:
        from .validate import type_problems

        for problem in type_problems(written):
            if problem.kind != "extra_forbidden" and problem.value is REFUSED:
                continue  # the refused tag is already reported
            report.add_type_problem(problem)
    check_deck(written, report, outputs)
    if report.problems:
        raise ContentError(report.sorted())
    if deck is None:  # msgspec refused what neither the types nor the rules found wrong
        raise content_error(filename, refusal, line_column(root))
    return deck
