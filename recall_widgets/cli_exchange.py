"""``recall-widgets import``, ``export-anki`` and ``export-qti``: decks in from jupyterquiz and
jupytercards, out to Anki and to an LMS (the ``exchange/`` room's commands, beside ``cli.py``)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recall_widgets.cli import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, _plural, _UsageError
from recall_widgets.deck.loader import check_decks

if TYPE_CHECKING:
    from recall_widgets.deck.model import Deck
    from recall_widgets.exchange.exporting import ExportReport

__all__ = ["add_parsers", "run"]


def add_parsers(commands: Any) -> None:
    """Add ``import``, ``export-anki`` and ``export-qti`` to the command line's subparsers."""
    _add_import_parser(commands)
    _add_export_parsers(commands)


def run(args: argparse.Namespace) -> int:
    """Run one of this module's commands; errors as :mod:`recall_widgets.cli` reports them."""
    if args.command == "import":
        return _cmd_import(args)
    return _export(args)


# -- recall-widgets import ---------------------------------------------------------


def _add_import_parser(commands: Any) -> None:
    from recall_widgets.exchange.importing import PEERS

    peers = "; ".join(f"{name}: {what}" for name, what in PEERS.items())
    imp = commands.add_parser(
        "import",
        help="turn a jupyterquiz or jupytercards JSON file into a deck",
        description="Read a jupyterquiz or jupytercards JSON file and write it as a deck that "
        f"validates ({peers}). What the deck cannot carry is listed as FILE:LINE:COL: lines; "
        "a file that cannot be imported writes nothing (exit 2). Ids come from the text, so "
        "importing the file again gives the same ids. See docs/import-export.md.",
    )
    imp.add_argument("file", metavar="FILE", help="the peer's JSON file")
    imp.add_argument(
        "--from", dest="peer", required=True, choices=sorted(PEERS), help="the tool it is for"
    )
    imp.add_argument(
        "-o", "--out", metavar="DECK.yaml", help="the deck to write (default: FILE as .yaml)"
    )
    imp.add_argument("--deck", metavar="ID", help="the deck's id (default: DECK.yaml's name)")
    imp.add_argument("--title", help="the deck's title (default: from DECK.yaml's name)")
    imp.add_argument(
        "--section", metavar="SECTION", help="the section of items the file gives none"
    )
    imp.add_argument(
        "--code-language",
        default="python",
        metavar="LANG",
        help="the language of the peers' code blocks (default: python; '' for none)",
    )
    imp.add_argument("--force", action="store_true", help="replace DECK.yaml if it exists already")


def _existing_deck(path: Path) -> str:
    from recall_widgets.deck.loader import ContentError, load_deck

    try:
        deck = load_deck(path, check_outputs=False)
    except (ContentError, OSError):
        return "a file that is not a valid deck"
    return f"deck {deck.id!r}, {deck.title!r}"


def _cmd_import(args: argparse.Namespace) -> int:
    import os
    import tempfile

    from recall_widgets.deck.model import CHECKED, SLUG_PATTERN
    from recall_widgets.exchange.importing import (
        ImporterBug,
        ImportOptions,
        PeerFileError,
        import_file,
    )

    source = Path(args.file)
    if not source.is_file():
        raise _UsageError(f"no such file: {args.file}")
    out = Path(args.out) if args.out else source.with_suffix(".yaml")
    if out.suffix not in (".yaml", ".yml"):
        raise _UsageError(f"--out {out}: a deck file ends in .yaml or .yml")
    if not out.parent.is_dir():
        raise _UsageError(f"--out {out}: no such folder: {out.parent}")
    for option, value in (("--deck", args.deck), ("--section", args.section)):
        if value is not None and not re.match(CHECKED[SLUG_PATTERN], value):
            raise _UsageError(
                f"{option} {value!r}: a slug (letters, digits, '-' and '_', starting with a "
                "letter or digit)"
            )
    if args.title is not None and not args.title.strip():
        raise _UsageError("--title: the title is empty")
    existing = _existing_deck(out) if out.exists() else None
    if existing and not args.force:
        raise _UsageError(
            f"{out} exists already ({existing}); pass --force to replace it, or --out another"
        )
    options = ImportOptions(args.deck, args.title, args.section, args.code_language)
    try:
        result = import_file(source, args.peer, options, out_name=str(out))
    except PeerFileError as error:
        print(str(error), file=sys.stderr)
        print(f"recall-widgets import: {_plural(len(error.notes), 'problem')} in {source}; "
              "nothing written", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    except ImporterBug as error:
        print(f"recall-widgets import: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    for note in result.notes:
        print(note, file=sys.stderr)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(result.text)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    verb = f"replaced {out} ({existing}) with" if existing else f"wrote {out}:"
    carried = (
        f"; {_plural(len(result.notes), 'note')} on what did not carry as it was, listed above"
        if result.notes
        else "; everything carried"
    )
    print(f"{verb} deck {result.deck.id!r}, {result.counts}, from {source} "
          f"({args.peer}){carried}")  # fmt: skip
    return EXIT_OK


# -- recall-widgets export-anki, export-qti -----------------------------------------

_EXPORTS = {"export-anki": ".apkg", "export-qti": ".zip"}


def _add_export_parsers(commands: Any) -> None:
    anki = commands.add_parser(
        "export-anki",
        help="write decks as an Anki package (.apkg): a note per item, one Anki deck per deck",
        description="Write the decks' cards, questions, recall prompts and exercises as Anki "
        "notes (front and back, code and math kept; level, section, kind and tags as Anki "
        "tags), one Anki deck per deck, named by its title. Importing a later export updates "
        "the notes in place. Anki receives no progress and checks no answers. Needs "
        "recall-widgets[anki] (genanki).",
    )
    anki.add_argument(
        "--parent",
        metavar="NAME",
        help="an Anki deck to put the decks under, as NAME::Title (default: with several "
        "decks, the course's title when a course config is found; '' for none)",
    )
    qti = commands.add_parser(
        "export-qti",
        help="write decks' questions and prompts as a QTI 2.1 package (.zip) for an LMS",
        description="Write each question as a QTI 2.1 assessment item (choice, numeric, text, "
        "order, predict; per-choice feedback and the explanation), each recall prompt as an "
        "essay graded by hand, and each deck as an assessment test, in one content package an "
        "LMS imports. What QTI cannot carry (cards, exercises, fuzzy matching, patterns) is "
        "listed.",
    )
    for command, suffix in ((anki, ".apkg"), (qti, ".zip")):
        command.add_argument(
            "decks", nargs="+", metavar="DECK", help="deck files or folders (*.yaml, *.yml)"
        )
        command.add_argument(
            "-o", "--out", required=True, metavar="FILE", help=f"the {suffix} file to write"
        )


def _export_decks(paths: Sequence[str]) -> tuple[list[Deck], dict[str, str]] | None:
    """The decks under ``paths`` and each one's folder, or None after printing the loader's
    problems (every one, each a FILE:LINE:COL line)."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise _UsageError(f"no such file or folder: {', '.join(missing)} (give deck files)")
    results = list(check_decks(paths))
    if not results:
        raise _UsageError(f"no decks found in {', '.join(paths)} (looked for *.yaml and *.yml)")
    problems = [str(problem) for result in results for problem in result.problems]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return None
    decks = [result.deck for result in results if result.deck is not None]
    return decks, {r.deck.id: str(r.file.resolve().parent) for r in results if r.deck}


def _default_parent(decks: Sequence[Deck], first_file: str) -> str | None:
    """With several decks, the course's title (its config found from the first deck's file)."""
    from recall_widgets.deck.course import CourseError, find_course

    if len(decks) < 2:
        return None
    try:
        return find_course(Path(first_file).resolve().parent).title
    except CourseError:
        return None


def _export(args: argparse.Namespace) -> int:
    from recall_widgets.exchange.exporting import ExportError

    suffix = _EXPORTS[args.command]
    out = Path(args.out)
    if out.suffix.lower() != suffix:
        raise _UsageError(f"--out {args.out}: the file to write must end in {suffix}")
    if out.is_dir():
        raise _UsageError(f"--out {args.out} is a folder; give a {suffix} file")
    loaded = _export_decks(args.decks)
    if loaded is None:
        return EXIT_USAGE
    decks, bases = loaded
    try:
        if args.command == "export-anki":
            report = _export_anki(args, decks, bases, out)
        else:
            from recall_widgets.exchange.qti import export_qti

            report = export_qti(decks, out, bases=bases)
    except ExportError as error:
        raise _UsageError(str(error)) from None
    unit = "notes" if args.command == "export-anki" else "items"
    source = _plural(len(decks), "deck")
    print(f"wrote {out}: {report.total} {unit} from {source} ({report.summary()})")
    for what, where in report.grouped():
        shown = ", ".join(where[:4]) + (f" and {len(where) - 4} more" if len(where) > 4 else "")
        print(f"  not carried: {what}: {shown}")
    return EXIT_OK


def _export_anki(
    args: argparse.Namespace, decks: list[Deck], bases: dict[str, str], out: Path
) -> ExportReport:
    try:
        import genanki  # noqa: F401 - the extra's one requirement

        from recall_widgets.exchange.anki import export_anki
    except ImportError:
        raise _UsageError("export-anki needs genanki: pip install 'recall-widgets[anki]'") from None
    from recall_widgets.progress.clock import now

    parent = args.parent if args.parent is not None else _default_parent(decks, args.decks[0])
    return export_anki(decks, out, parent=parent or None, bases=bases, now=now())
