"""Importing a peer's file as a deck: the parts every importer shares.

:func:`import_file` reads the file (JSON with positions, :mod:`.positions`), hands it to the
peer's importer (:mod:`.jupyterquiz`, :mod:`.jupytercards`), builds the deck's plain data in
our own field order, writes it as YAML (:mod:`recall_widgets.deck.writer`) and checks that text
with our loader before anything is written: a deck the loader refuses is a bug of the importer,
and :class:`ImporterBug` says so. What a peer's file holds that a deck cannot carry is a
:class:`Note` with the file, line and column; a file that cannot be imported at all (an unknown
question type, a malformed answer) raises :class:`PeerFileError` with one note per problem.

Ids are derived from the text (a question's prompt, a card's front): its words, lower case,
ASCII, joined by ``-``, at most 8 words and 60 characters; a repeat gets ``-2``, ``-3``… in the
file's order; a text with no letter or digit gets ``question-``/``card-`` and 8 hex digits of
its SHA-1. Importing the same file again gives the same ids, so learners keep their progress.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..deck.loader import ContentError, parse_deck
from ..deck.model import Deck
from ..deck.writer import deck_yaml
from .markup import plain_text, to_markdown
from .positions import JsonSyntaxError, Located, parse_json

__all__ = [
    "PEERS",
    "ImportOptions",
    "ImportResult",
    "ImporterBug",
    "Note",
    "PeerFileError",
    "Reader",
    "import_file",
    "read_peer_file",
    "slug",
]

#: The peers :func:`import_file` reads, with what each file holds.
PEERS = {
    "jupyterquiz": "questions: multiple_choice, many_choice, numeric, string",
    "jupytercards": "flashcards: front, back, topic",
}


@dataclass(frozen=True)
class Note:
    """One thing about a peer's file, at its place: ``FILE:LINE:COL: WHERE, field 'F': MESSAGE``."""

    file: str
    line: int
    column: int
    where: str
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.where + (f", field '{self.field}'" if self.field else "")
        prefix = f"{place}: " if place else ""
        return f"{self.file}:{self.line}:{self.column}: {prefix}{self.message}"


class PeerFileError(ValueError):
    """A peer's file that cannot be imported: every problem, one :class:`Note` each."""

    def __init__(self, notes: list[Note]) -> None:
        super().__init__("\n".join(map(str, notes)))
        self.notes = notes


class ImporterBug(RuntimeError):
    """The deck made from a peer's file does not validate: a bug of the importer."""


@dataclass(frozen=True)
class ImportOptions:
    """How to name and place what is imported.

    Parameters
    ----------
    deck_id, title:
        The deck's id and title (default: from the file's name).
    section:
        The section of every item that gets none from the file (jupyterquiz has no topics).
    code_language:
        The language named on code blocks made from the peers' ``code`` (default python).
    """

    deck_id: str | None = None
    title: str | None = None
    section: str | None = None
    code_language: str = "python"


@dataclass
class Reader:
    """What a peer's importer works with: the file's name, the options, the notes so far."""

    file: str
    options: ImportOptions
    notes: list[Note] = field(default_factory=list)
    errors: list[Note] = field(default_factory=list)

    def note(self, at: tuple[int, int], where: str, field: str | None, message: str) -> None:
        """Something that could not be carried as the peer had it (the import goes on)."""
        self.notes.append(Note(self.file, *at, where, field, message))

    def error(self, at: tuple[int, int], where: str, field: str | None, message: str) -> None:
        """A problem that stops the import (reported with the others, then nothing written)."""
        self.errors.append(Note(self.file, *at, where, field, message))

    def markdown(
        self,
        value: Located,
        where: str,
        name: str,
        *,
        links: bool = False,
        inline_only: bool = False,
    ) -> str:
        """The peer's HTML text at ``value`` as Markdown (``""`` when it shows nothing), noting
        what did not carry."""
        converted = to_markdown(
            value.value,
            links=links,
            inline_only=inline_only,
            code_language=self.options.code_language,
        )
        for problem in converted.problems:
            self.note(value.where, where, name, problem)
        return converted.markdown if converted.markdown.strip() else ""

    def unknown_keys(self, obj: Located, known: Mapping[str, str], where: str, what: str) -> None:
        """Note each key of ``obj`` that is not in ``known`` (key → what becomes of it)."""
        for key, value in obj.value.items():
            if key not in known:
                shown = json.dumps(value.plain(), ensure_ascii=False)
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                self.note(
                    obj.key_at(key),
                    where,
                    key,
                    f"not carried: {what} documents no such key (here: {shown}; it documents "
                    f"{', '.join(known)})",
                )
        for key, line, column in obj.repeated:
            self.note(
                (line, column),
                where,
                key,
                "written twice; the last one is used, as the peer's JavaScript does",
            )


@dataclass
class ImportResult:
    """An imported deck: its data, the deck the loader built, its YAML, what did not carry."""

    deck: Deck
    data: dict[str, Any]
    text: str
    notes: list[Note]
    peer: str
    source: str

    @property
    def counts(self) -> str:
        """What the deck holds, in words: ``3 cards`` or ``8 questions (6 choice, 2 numeric)``."""
        parts = []
        if self.deck.cards:
            parts.append(_plural(len(self.deck.cards), "card"))
        if self.deck.questions:
            kinds: dict[str, int] = {}
            for question in self.deck.questions:
                kinds[question.kind] = kinds.get(question.kind, 0) + 1
            detail = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
            parts.append(f"{_plural(len(self.deck.questions), 'question')} ({detail})")
        return " and ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def slug(text: str, limit: int = 60, words: int = 8) -> str:
    """``text``'s first words as an id: lower case ASCII letters and digits joined by ``-``
    (empty when it has none).

    Example
    -------
    >>> slug("Enter the value of $\\\\pi$ to 2 decimal places.")
    'enter-the-value-of-pi-to-2-decimal'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    out = ""
    for part in parts:
        longer = f"{out}-{part}" if out else part
        if len(longer) > limit:
            break
        out = longer
    return out or (parts[0][:limit] if parts else "")


class Ids:
    """Stable, distinct ids for one deck, in the order items are met."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, text: str, kind: str) -> str:
        """An id from ``text`` (``kind``-hash when it has no word), ``-2``… for a repeat."""
        base = slug(plain_text(text))
        if not base:
            base = f"{kind}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base[: 60 - len(str(n)) - 1]}-{n}"
        self.taken.add(candidate)
        return candidate


Importer = Callable[[Located, Reader, Ids], dict[str, list[dict[str, Any]]]]


def _importer(peer: str) -> Importer:
    if peer == "jupyterquiz":
        from .jupyterquiz import import_questions

        return import_questions
    if peer == "jupytercards":
        from .jupytercards import import_cards

        return import_cards
    raise ValueError(f"unknown peer {peer!r}; allowed: {', '.join(PEERS)}")


def read_peer_file(path: str | os.PathLike[str]) -> Located:
    """A peer's JSON file with positions; :class:`PeerFileError` if it is not JSON."""
    name = os.fspath(path)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PeerFileError(
            [Note(name, line, column, "", None, "not UTF-8 text; save the file as UTF-8")]
        ) from None
    try:
        return parse_json(text)
    except JsonSyntaxError as error:
        raise PeerFileError(
            [Note(name, error.line, error.column, "", None, f"not valid JSON: {error.message}")]
        ) from None


# Characters a browser shows as nothing, which a YAML file cannot hold as they are: C0 and C1
# controls other than tab and line feed, a byte-order mark inside text, noncharacters.
_INVISIBLE_RE = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_LINE_BREAKS_RE = re.compile("\r\n?|[\x85\u2028\u2029]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, int]:
    """``text`` as a browser reads it into a page: line breaks as ``\\n``, NUL and lone
    surrogates as U+FFFD, form feed as a space, invisible controls left out (their count)."""
    text = _LINE_BREAKS_RE.sub("\n", text).replace("\x0c", " ")
    text = _SURROGATE_RE.sub("\ufffd", text.replace("\x00", "\ufffd"))
    cleaned, removed = _INVISIBLE_RE.subn("", text)
    return cleaned, removed


def _clean(value: Located, reader: Reader) -> None:
    """Every text of the file as :func:`clean_text` makes it, noting what was left out."""
    if isinstance(value.value, dict):
        for item in value.value.values():
            _clean(item, reader)
    elif isinstance(value.value, list):
        for item in value.value:
            _clean(item, reader)
    elif isinstance(value.value, str):
        value.value, removed = clean_text(value.value)
        if removed:
            reader.note(
                value.where,
                "",
                None,
                f"{_plural(removed, 'invisible control character')} "
                "left out (they show nothing, and a deck file cannot hold them)",
            )


def _default_title(stem: str) -> str:
    words = " ".join(re.split(r"[-_\s]+", stem)).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported deck"


def import_file(
    path: str | os.PathLike[str],
    peer: Literal["jupyterquiz", "jupytercards"] | str,
    options: ImportOptions | None = None,
    *,
    out_name: str | None = None,
) -> ImportResult:
    """Import a jupyterquiz or jupytercards JSON file as a deck, checked by our loader.

    Nothing is written: :attr:`ImportResult.text` is the deck's YAML (``out_name`` is the
    file name the loader's messages would use). Raises :class:`PeerFileError` when the file
    cannot be imported and :class:`ImporterBug` when the deck made does not validate.

    Example
    -------
    >>> result = import_file("questions.json", "jupyterquiz")  # doctest: +SKIP
    >>> result.counts, [str(note) for note in result.notes]  # doctest: +SKIP
    """
    options = options or ImportOptions()
    name = os.fspath(path)
    importer = _importer(peer)
    root = read_peer_file(path)
    reader = Reader(name, options)
    _clean(root, reader)
    items = importer(root, reader, Ids())
    if reader.errors:
        raise PeerFileError(sorted(reader.errors, key=lambda note: (note.line, note.column)))
    stem = Path(out_name).stem if out_name else Path(name).stem
    deck_id = options.deck_id or slug(stem, limit=100, words=100) or "imported"
    data: dict[str, Any] = {
        "deck": deck_id,
        "title": options.title or _default_title(stem),
        "description": f"Imported from `{Path(name).name}` ({peer}) by `recall-widgets import`.",
        **{kind: entries for kind, entries in items.items() if entries},
    }
    text = deck_yaml(
        data,
        header=f"Imported from {Path(name).name} ({peer}) by recall-widgets import.\n"
        "Ids come from the text: import the file again and they stay the same.",
    )
    shown = out_name or str(Path(name).with_suffix(".yaml"))
    try:
        deck = parse_deck(text, shown, outputs={})
    except ContentError as error:
        raise ImporterBug(
            f"the deck made from {name} does not validate (a bug of the importer, please "
            f"report it; nothing was written):\n{error}"
        ) from None
    if deck.model_dump() != Deck.model_validate(data, strict=False).model_dump():
        raise ImporterBug(
            f"the deck made from {name} does not read back as it was built (a bug of the "
            "importer's YAML, please report it; nothing was written)"
        )
    notes = sorted(reader.notes, key=lambda note: (note.line, note.column))
    return ImportResult(deck, data, text, notes, peer, name)
