"""The ``recall-widgets`` command line: validate decks, print the deck JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from recall_widgets.loader import check_decks, find_deck_files

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class _UsageError(Exception):
    """Bad command-line input: printed as one line, exit 2."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _validate(paths: Sequence[str]) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise _UsageError(
            "no such file or folder: " + ", ".join(missing) + " (give deck files or folders)"
        )
    files = find_deck_files(paths)
    if not files:
        raise _UsageError(
            "no decks found in " + ", ".join(paths) + " (looked for *.yaml and *.yml files)"
        )
    problems = 0
    bad_files = 0
    for result in check_decks(files):
        if result.problems:
            print("\n".join(map(str, result.problems)), file=sys.stderr)
            problems += len(result.problems)
            bad_files += 1
        elif result.deck is not None:
            deck = result.deck
            print(
                f"{result.file}: ok: deck {deck.deck!r}: "
                f"{_plural(len(deck.cards), 'card')}, "
                f"{_plural(len(deck.questions), 'question')}, "
                f"{_plural(len(deck.prompts), 'prompt')}"
            )
    if bad_files:
        print(
            f"{_plural(problems, 'problem')} in {_plural(bad_files, 'file')} "
            f"({len(files) - bad_files} of {len(files)} valid)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return EXIT_OK


def _schema(out: str | None) -> int:
    from recall_widgets.schema import deck_json_schema

    text = json.dumps(deck_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the docs and tests)."""
    parser = argparse.ArgumentParser(
        prog="recall-widgets",
        description="Flashcards, quizzes and recall prompts for Jupyter, authored as YAML.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check deck files; exit 1 and print FILE:LINE:COL: problems if any is invalid",
        description="Check deck files (folders are searched for *.yaml and *.yml). "
        "Prints one summary line per valid deck; every problem as FILE:LINE:COL: message.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the deck format",
        description="Print the JSON Schema of the deck format (content/deck.schema.json).",
    )
    schema.add_argument("-o", "--out", help="write to this file instead of standard output")
    return parser


def _version() -> str:
    from recall_widgets import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid content, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.paths)
        if args.command == "schema":
            return _schema(args.out)
    except _UsageError as error:
        print(f"recall-widgets {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"recall-widgets {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: one line, never a traceback
        print(
            f"recall-widgets {args.command}: internal error: {type(error).__name__}: {error} "
            "(please report this)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover - argparse checks it


if __name__ == "__main__":
    raise SystemExit(main())
