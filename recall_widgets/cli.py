"""The ``recall-widgets`` command line: validate decks, schema, links, progress, static site."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recall_widgets.deck.loader import check_decks, find_deck_files

if TYPE_CHECKING:
    from recall_widgets.deck.model import Deck
    from recall_widgets.progress.store import ProgressStore

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
                f"{result.file}: ok: deck {deck.id!r}: "
                f"{_plural(len(deck.cards), 'card')}, "
                f"{_plural(len(deck.questions), 'question')}, "
                f"{_plural(len(deck.prompts), 'prompt')}"
                + (f", {_plural(len(deck.exercises), 'exercise')}" if deck.exercises else "")
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
    from recall_widgets.deck.schema import deck_json_schema

    text = json.dumps(deck_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return EXIT_OK


def _predict(decks: Sequence[str], check: bool, timeout: float) -> int:
    from recall_widgets.deck.problems import ContentError
    from recall_widgets.publishing.predict import PredictError, generate_outputs

    missing = [p for p in decks if not Path(p).is_file()]
    if missing:
        raise _UsageError("no such deck file: " + ", ".join(missing) + " (give .yaml files)")
    status = EXIT_OK
    for deck in decks:
        try:
            result = generate_outputs(deck, write=not check, timeout=timeout)
        except (ContentError, PredictError) as error:
            print(error, file=sys.stderr)
            status = EXIT_INVALID
            continue
        outputs = _plural(result.count, "predict output")
        if check and result.changed:
            print(
                f"{result.path}: stale: {outputs} differ from what the code prints now; run "
                f"`recall-widgets predict {deck}`",
                file=sys.stderr,
            )
            status = EXIT_INVALID
        elif check or not result.changed:
            print(f"{result.path}: up to date ({outputs})")
        else:
            print(f"wrote {result.path} ({outputs})")
    return status


def _links(repo: str | None, branch: str | None, hub: str | None) -> int:
    from recall_widgets.deck.course import find_course
    from recall_widgets.publishing import links

    course = find_course()  # the course the working directory is in (CourseNotFound: how to add)
    try:
        if repo is None:
            url = course.require_repository()
            source = f"configured in {course.where}"
        else:
            url, source = repo, "given with --repo"
        branch = course.branch if branch is None else branch
        address = links.parse_repository(url)
        folder = course.relative(course.notebooks)
        notebooks = links.course_notebooks(course)
        start = notebooks[0]
        hub_url = links.HUB_PLACEHOLDER if hub is None else hub
        rows = [
            (
                name,
                links.binder_url(address.url, branch, name, folder) if address.binder else None,
                links.nbgitpuller_url(hub_url, address.url, branch, name, folder),
            )
            for name in notebooks
        ]
    except ValueError as error:
        raise _UsageError(str(error)) from None
    lines = [f"Repository: {address.url} (branch {branch}; {source})", ""]
    if address.binder:
        binder = links.binder_url(address.url, branch, start, folder)
        lines += [
            f"Binder, start notebook ({start}):",
            binder,
            "",
            "Binder badge (Markdown):",
            links.badge_markdown(binder),
        ]
    else:
        lines.append(
            "Binder: no link (mybinder.org builds only repositories at a public https address)."
        )
    lines += ["", "Each notebook:"]
    for name, binder_link, puller_link in rows:
        lines.append(f"- {name}")
        if binder_link is not None:
            lines.append(f"  Binder:      {binder_link}")
        lines.append(f"  nbgitpuller: {puller_link}")
    if hub is None:
        lines += [
            "",
            f"nbgitpuller links: replace {links.HUB_PLACEHOLDER} with your JupyterHub's "
            "address, or pass --hub URL.",
        ]
    print("\n".join(lines))
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

    predict = commands.add_parser(
        "predict",
        help="run the decks' predict questions' code and record what it prints",
        description="Run each predict question's code (in a fresh Python, in the deck's "
        "folder) and write what it prints to DECK.outputs.json beside the deck, which the "
        "loader reads (it never runs code). With --check, write nothing and exit 1 when that "
        "file is stale.",
    )
    predict.add_argument("decks", nargs="+", metavar="DECK", help="deck files (.yaml)")
    predict.add_argument(
        "--check", action="store_true", help="only check that the outputs are up to date"
    )
    predict.add_argument(
        "--timeout", type=float, default=60, help="seconds each snippet may run (default: 60)"
    )
    links = commands.add_parser(
        "links",
        help="print the Binder link and badge and a JupyterHub nbgitpuller link per notebook",
        description="Print the Binder link to the start notebook, its Markdown badge, and for "
        "each notebook of the course its Binder link and JupyterHub (nbgitpuller) link. The "
        "course is the one the working directory is in (its course.toml, or [tool.recall-widgets] "
        "in its pyproject.toml): its notebooks folder, start notebook, repository and branch, "
        "unless --repo or --branch is given.",
    )
    links.add_argument(
        "--repo",
        metavar="URL",
        help="repository address: any git address nbgitpuller can pull, e.g. "
        "https://github.com/ORG/REPO, git@HOST:ORG/REPO.git, ssh://HOST/PATH, "
        "http://localhost:PORT/REPO.git or file:///PATH (Binder links for public https ones "
        "only; default: the configured one)",
    )
    links.add_argument(
        "--branch", metavar="B", help="git branch (default: the course's branch, else main)"
    )
    links.add_argument(
        "--hub",
        metavar="URL",
        help="your JupyterHub's address for the nbgitpuller links (default: a placeholder)",
    )
    execute = commands.add_parser(
        "execute",
        help="run notebooks in place and store outputs that nbval can compare",
        description="Run each notebook in its own folder and store its outputs, keeping each "
        "widget's text instead of a widget view (see docs/write-your-own-course.md). A notebook "
        "whose cell fails is left unchanged and the command exits 1.",
    )
    execute.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help=".ipynb files")
    execute.add_argument(
        "--timeout", type=int, default=120, help="seconds each cell may run (default: 120)"
    )
    export_html = commands.add_parser(
        "export-html",
        help="write the course as a static web site that works with no kernel and no network",
        description="Run each notebook (in its folder, with an empty temporary progress store) "
        "and write a static site to --out: one page per notebook, an index.html linking them, "
        "and static/ with every script the pages load. Flashcards, quizzes and recall prompts "
        "work in the pages; publish the folder on any static host (e.g. GitHub Pages).",
    )
    export_html.add_argument(
        "notebooks",
        nargs="*",
        metavar="NOTEBOOK",
        help=".ipynb files or folders (default: the course's notebooks folder, from its config)",
    )
    export_html.add_argument("--out", required=True, metavar="DIR", help="the site's folder")
    export_html.add_argument(
        "--timeout", type=int, default=120, help="seconds each cell may run (default: 120)"
    )
    _add_embed_parser(commands)
    new = commands.add_parser(
        "new",
        help="scaffold a new course: config, a sample deck, notebooks, tests, Binder and CI",
        description="Write a new course into PATH (a new or empty folder): pyproject.toml with "
        "its [tool.recall-widgets] config, a sample deck in content/, a start notebook and a "
        "lesson with stored outputs, tests (every deck valid; nbval over notebooks/), "
        "environment.yml and postBuild for Binder, a Makefile (make lab, make test), a README, "
        "a CI workflow and .gitignore. Runs the notebooks first (needs a Jupyter kernel); on "
        "any error nothing is written.",
    )
    new.add_argument("path", metavar="PATH", help="the course's folder (new, or empty)")
    new.add_argument("--title", required=True, help="the course's title, e.g. 'Python generators'")
    new.add_argument(
        "--repository",
        metavar="URL",
        help="its public https address, e.g. https://github.com/ORG/REPO (for Binder links; "
        "can be added later)",
    )
    new.add_argument(
        "--id",
        dest="course_id",
        metavar="ID",
        help="the deck id and project name (default: made from the title)",
    )
    new.add_argument(
        "--timeout", type=int, default=120, help="seconds each cell may run (default: 120)"
    )
    _add_progress_parser(commands)
    _add_pulse_parser(commands)
    from recall_widgets import cli_exchange  # import, export-anki, export-qti

    cli_exchange.add_parsers(commands)
    return parser


# -- recall-widgets pulse ---------------------------------------------------------------------


def _add_pulse_parser(commands: Any) -> None:
    pulse = commands.add_parser(
        "pulse",
        help="the class pulse: a live page of the room's answers (needs recall-widgets[pulse])",
        description="Serve the class pulse: learners' widgets send their events to it (set "
        "RECALL_PULSE and RECALL_PULSE_TOKEN in their kernels), and the instructor watches "
        "the room live at the printed address. The room is kept in --db across restarts.",
    )
    pulse.add_argument(
        "--decks", nargs="+", metavar="PATH", help="deck files or folders (default: content/)"
    )
    pulse.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the room's database: a SQLite file, or postgresql://user:password@host/db "
        "(default: a SQLite file per user)",
    )
    pulse.add_argument(
        "--host", help="address to listen on (127.0.0.1; on a hub, its JUPYTERHUB_SERVICE_URL)"
    )
    pulse.add_argument(
        "--port", type=int, help="port to listen on (8765; on a hub, its JUPYTERHUB_SERVICE_URL)"
    )
    pulse.add_argument(
        "--hub",
        action="store_true",
        help="run as a JupyterHub service: hub users post and instruct, no pulse tokens (the "
        "default when the hub started it: JUPYTERHUB_API_TOKEN and JUPYTERHUB_SERVICE_PREFIX)",
    )
    pulse.add_argument(
        "--service-name",
        metavar="NAME",
        help="the service's name on the hub (JUPYTERHUB_SERVICE_NAME, else recall-pulse)",
    )
    pulse.add_argument(
        "--instructors-group",
        metavar="GROUP",
        help="the hub group whose members see the page (instructors; hub admins always do)",
    )
    pulse.add_argument(
        "--lang",
        metavar="TAG",
        help="the language of the instructor's page, a BCP 47 tag such as de or fr (default: "
        "the course config's lang, else RECALL_LANG, else each browser's language)",
    )
    pulse.add_argument(
        "--tokens",
        nargs="+",
        metavar="LEARNER",
        help="print a learner token for each learner id, then exit",
    )


def _pulse(args: argparse.Namespace) -> int:
    try:
        import tornado  # noqa: F401
    except ImportError:
        raise _UsageError(
            "the pulse needs its extra: pip install 'recall-widgets[pulse]'"
        ) from None
    from recall_widgets.pulse.command import default_database, print_tokens, run_pulse
    from recall_widgets.pulse.hub import hub_settings, listen_address, on_a_hub
    from recall_widgets.pulse.postgres import is_database_url
    from recall_widgets.pulse.storage import StorageError

    database: str | Path = args.db or default_database()
    if isinstance(database, str) and not is_database_url(database):
        database = Path(database)
    try:
        if args.tokens:
            print_tokens(database, args.tokens)
            return EXIT_OK
        decks = _decks(args.decks)
        if not decks:
            raise _UsageError("no decks: give --decks PATH (deck files or folders)")
        hub = None
        if args.hub or on_a_hub():
            hub = hub_settings(service=args.service_name, instructors_group=args.instructors_group)
        host, port = listen_address(hub) if hub is not None else (None, None)
        lang = _pulse_language(args.lang)
        address = args.host or host or "127.0.0.1"
        run_pulse(decks, database, address, args.port or port or 8765, hub, lang)
    except (StorageError, ValueError) as error:
        raise _UsageError(str(error)) from None
    return EXIT_OK


def _pulse_language(given: str | None) -> str:
    """The pulse page's language: ``--lang``, else the course config's ``lang``, else
    ``RECALL_LANG``; ``""`` lets each browser choose."""
    from recall_widgets.deck.course import CourseError, CourseNotFound, find_course
    from recall_widgets.i18n.languages import is_language_tag, resolve_language, suggest_tag

    if given is not None:
        if not is_language_tag(given):
            tag = suggest_tag(given)
            hint = f"; did you mean --lang {tag}?" if tag else " such as de or fr"
            raise _UsageError(f"--lang {given!r} is not a BCP 47 language tag{hint}")
        return given
    try:
        course = find_course(Path.cwd()).lang or ""
    except CourseNotFound:
        course = ""
    except CourseError as error:
        raise _UsageError(str(error)) from None
    return resolve_language(course)


# -- recall-widgets progress ------------------------------------------------------------------


def _add_progress_parser(commands: Any) -> None:
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--store",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the progress database (default: $RECALL_PROGRESS, else the per-user file)",
    )
    progress = commands.add_parser(
        "progress",
        parents=[store],
        help="summarise, export, import or reset learner progress",
        description="The learner's progress store: a summary per deck, section and level, "
        "export to and import from a JSON file, reset. With export files, `summary` gives the "
        "room's view: per question, learners who answered and who got it right first time.",
    )
    actions = progress.add_subparsers(dest="action", metavar="ACTION", required=True)
    summary = actions.add_parser(
        "summary",
        parents=[store],
        help="your progress; or, given export files, the room's results per question",
        description="Without FILEs: items new / learning / due / mastered per deck, section and "
        "level of the decks in --decks (default: content/ if it exists), and the weakest "
        "items. With FILEs (learners' exports, each learner counted once): per question, how "
        "many answered and how many got it right first time (decided again from the decks in "
        "--decks), most-missed first; the share of each choice, of each concept ticked, and "
        "the card ratings.",
    )
    summary.add_argument("files", nargs="*", metavar="FILE", help="learners' export files")
    summary.add_argument(
        "--decks",
        nargs="+",
        metavar="PATH",
        help="deck files or folders (default: content/); before or after the FILEs",
    )
    summary.add_argument(
        "--since",
        metavar="WHEN",
        help="only events from then on: a UTC time (2025-01-06T09:00Z) or minutes ago (90m)",
    )
    export = actions.add_parser(
        "export", parents=[store], help="write your progress to a JSON file"
    )
    export.add_argument("file", metavar="FILE")
    imports = actions.add_parser(
        "import",
        parents=[store],
        help="merge a JSON export into your progress (a bad file changes nothing)",
        description="Merge a JSON export into your progress; a bad file changes nothing. The "
        "answers and ratings about the decks in --decks (default: content/ if it exists) are "
        "decided again from them, whatever the file says; the others are kept as recorded.",
    )
    imports.add_argument("file", metavar="FILE")
    imports.add_argument(
        "--decks", nargs="+", metavar="PATH", help="deck files or folders (default: content/)"
    )
    reset = actions.add_parser(
        "reset",
        parents=[store],
        help="delete your progress: all of it, a deck's or some items' (asks first)",
        description="Delete your progress (events and schedules): all of it, or with --deck "
        "only that deck's, or with --deck and --item only those items of it. Asks first.",
    )
    reset.add_argument("--deck", metavar="ID", help="only this deck's progress")
    reset.add_argument(
        "--item",
        metavar="ID",
        action="append",
        default=[],
        help="only this item's progress (repeatable; needs --deck)",
    )
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _progress(args: argparse.Namespace) -> int:
    from recall_widgets.progress.database import ProgressError
    from recall_widgets.progress.store import ProgressStore

    store = ProgressStore(getattr(args, "store", None))
    try:
        if args.action == "summary":
            files = [*args.files, *(p for p in args.decks or () if p.endswith(".json"))]
            deck_paths = [p for p in args.decks or () if not p.endswith(".json")]
            deck_option = deck_paths if args.decks is not None else None
            if files:
                return _room(files, _decks(deck_option), _since(args.since))
            return _own_summary(store, _decks(deck_option))
        if args.action == "export":
            count = store.export_file(args.file)
            print(f"wrote {_plural(count, 'event')} to {args.file}")
            return EXIT_OK
        if args.action == "import":
            result = store.import_file(args.file, decks=_decks(args.decks))
            print(
                f"imported {_plural(result.added, 'new event')} from {args.file} into "
                f"{store.path} ({result.duplicates} already there)"
            )
            return EXIT_OK
        if args.action == "reset":
            return _reset(store, args.yes, args.deck, args.item)
    except ProgressError as error:  # ProgressFileError (a bad export file) included
        print(f"recall-widgets progress: {error}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        store.close()
    raise _UsageError(f"unknown action {args.action!r}")  # pragma: no cover - argparse checks


def _since(text: str | None) -> str | None:
    """``--since`` as a UTC time: ``90m`` is 90 minutes ago; else an ISO 8601 time."""
    if text is None:
        return None
    from recall_widgets.progress.clock import format_time, now, parse_time

    value = text.strip()
    if value.endswith("m") and value[:-1].replace(".", "", 1).isdigit():
        from recall_widgets.progress.room import since_minutes

        return since_minutes(float(value[:-1]), now())
    try:
        return format_time(parse_time(value, "--since"))
    except ValueError as error:
        raise _UsageError(f"{error} (or minutes ago, e.g. 90m)") from None


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], text_columns: int = 1) -> str:
    """Columns aligned with two spaces; the first ``text_columns`` left, numbers right."""
    cells = [list(header), *([str(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        padded = [
            c.ljust(w) if i < text_columns else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def _decks(deck_paths: Sequence[str] | None) -> list[Deck] | None:
    """The decks of ``--decks`` (default: ``content/`` if it exists), or None for none."""
    from recall_widgets.deck.loader import ContentError, load_decks

    if deck_paths is None:
        deck_paths = ["content"] if Path("content").is_dir() else []
    missing = [p for p in deck_paths if not Path(p).exists()]
    if missing:
        raise _UsageError("no such file or folder: " + ", ".join(missing))
    try:
        return load_decks(deck_paths) if deck_paths else None
    except ContentError as error:
        raise _UsageError(
            f"invalid decks ({len(error.problems)} problems; run recall-widgets validate): "
            f"{error.problems[0]}"
        ) from None


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.replace("`", "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _room(files: Sequence[str], decks: Sequence[Deck] | None, since: str | None) -> int:
    from recall_widgets.progress.room import filter_events, summarize_room
    from recall_widgets.progress.transfer import room_events

    learners, names = room_events(files, decks=decks)
    events = {
        learner: filter_events([e.to_event() for e in stored], since=since)
        for learner, stored in learners.items()
    }
    room = summarize_room(events, decks or [], names=names)
    answered = _answered_questions(events)
    exports = f" ({_plural(len(files), 'export')})" if len(files) != len(learners) else ""
    when = f" since {since}" if since else ""
    print(
        f"Room: {_plural(len(learners), 'learner')}{exports}, "
        f"{_plural(len(answered), 'question')} answered{when}"
    )
    if answered:
        rows = [(f"{q[0]}/{q[1]}", q[2], q[3], q[2] - q[3]) for q in answered]
        print(_table(("question", "answered", "right first time", "missed"), rows))
    shares = [q for q in room.questions if q.answered and (q.choices or q.common)]
    if shares:
        print("First answers:")
        for q in shares:
            parts = [
                f"{'✓ ' if c['correct'] else ''}{_short(c['text'], 30)} {c['share']:.0%}"
                for c in q.choices
            ] or [f"{_short(c['answer'], 30)} ×{c['count']}" for c in q.common]
            print(f"  {q.deck}/{q.item}: " + "; ".join(parts))
    ticked = [p for p in room.prompts if p.learners]
    if ticked:
        print("Concepts ticked:")
        for p in ticked:
            parts = [f"{_short(c['text'], 30)} {c['share']:.0%}" for c in p.concepts]
            print(f"  {p.deck}/{p.item} ({_plural(p.learners, 'learner')}): " + "; ".join(parts))
    rated = [c for c in room.cards if any(c.ratings.values())]
    if rated:
        print("Card ratings:")
        for c in rated:
            print(f"  {c.deck}/{c.item}: " + ", ".join(f"{k} {n}" for k, n in c.ratings.items()))
    return EXIT_OK


def _answered_questions(
    events: Mapping[str, Sequence[Mapping[str, Any]]],
) -> list[tuple[str, str, int, int]]:
    """(deck, item, answered, right first time) of every question answered, most-missed first
    (the decks' questions, and answers about items no deck given has)."""
    firsts: dict[tuple[str, str], list[bool]] = {}
    for learner_events in events.values():
        seen: set[tuple[str, str]] = set()
        for event in learner_events:
            key = (event["deck"], event["item"])
            if event["kind"] == "answer" and key not in seen:
                seen.add(key)
                firsts.setdefault(key, []).append(bool(event["value"].get("correct")))
    rows = [(d, i, len(r), sum(r)) for (d, i), r in firsts.items()]
    return sorted(rows, key=lambda r: (-(r[2] - r[3]), r[3] / r[2], r[0], r[1]))


def _own_summary(store: ProgressStore, decks: Sequence[Deck] | None) -> int:
    print(f"Progress in {store.path}: {_plural(store.event_count(), 'event')}")
    rows = [
        (r.deck, r.section or "-", r.level or "-", r.new, r.learning, r.due, r.mastered)
        for r in store.summary(decks)
    ]
    if rows:
        print(_table(("deck", "section", "level", "new", "learning", "due", "mastered"), rows, 3))
    weakest = [s for s in store.weakest(5, decks=decks) if s.lapses]
    if weakest:
        print("Weakest: " + ", ".join(f"{s.deck}/{s.item} ({s.lapses} missed)" for s in weakest))
    due, upcoming = len(store.due(decks=decks)), store.next_due(decks=decks)
    if due:
        print(f"Due now: {_plural(due, 'item')}")
    elif upcoming is not None:
        print(f"Next review: {upcoming.isoformat(timespec='minutes').replace('+00:00', 'Z')}")
    return EXIT_OK


def _reset(store: ProgressStore, yes: bool, deck: str | None, items: Sequence[str]) -> int:
    if items and deck is None:
        raise _UsageError("--item needs --deck: give the item's deck, e.g. --deck ID --item ID")
    items = list(dict.fromkeys(items))
    count = store.event_count(deck, items)
    if deck is None:
        what = "all progress"
    elif items:
        what = f"the progress of deck {deck!r}, {'item' if len(items) == 1 else 'items'} "
        what += ", ".join(items)
    else:
        what = f"the progress of deck {deck!r}"
    if not yes:
        if not sys.stdin.isatty():
            scope = "" if deck is None else f" ({what[4:]})"
            raise _UsageError(
                f"would delete {_plural(count, 'event')}{scope} in {store.path}; "
                "pass --yes to confirm when not at a terminal"
            )
        answer = input(f"Delete {what} ({_plural(count, 'event')}) in {store.path}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return EXIT_OK
    print(f"deleted {_plural(store.reset(deck, items), 'event')} from {store.path}")
    return EXIT_OK
    print(f"deleted {_plural(store.reset(), 'event')} from {store.path}")
    return EXIT_OK


def _execute(notebooks: Sequence[str], timeout: int) -> int:
    from nbclient.exceptions import CellExecutionError

    from recall_widgets.publishing.execute import NotANotebook, read_notebook, store_outputs

    missing = [n for n in notebooks if not Path(n).is_file()]
    if missing:
        raise _UsageError("no such notebook: " + ", ".join(missing))
    for notebook in notebooks:  # every path is checked before anything runs
        try:
            read_notebook(Path(notebook))
        except NotANotebook as error:
            raise _UsageError(str(error)) from None
    failed = 0
    for notebook in notebooks:
        try:
            cells = store_outputs(notebook, timeout=timeout)
        except CellExecutionError as error:
            failed += 1
            name = getattr(error, "ename", "error")
            value = getattr(error, "evalue", "")
            print(f"{notebook}: a cell failed ({name}: {value}); file left unchanged",
                  file=sys.stderr)  # fmt: skip
            continue
        print(f"{notebook}: ran {_plural(cells, 'code cell')}, outputs stored")
    return EXIT_INVALID if failed else EXIT_OK


def _export_html(notebooks: Sequence[str], out: str, timeout: int) -> int:
    from nbclient.exceptions import CellExecutionError

    from recall_widgets.publishing.site import export_site, find_notebooks

    if notebooks:
        paths = list(notebooks)
    else:
        from recall_widgets.deck.course import find_course

        paths = [str(find_course().notebooks)]  # the course's notebooks (CourseNotFound: how)
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise _UsageError("no such notebook or folder: " + ", ".join(missing))
    found = find_notebooks(paths)
    if not found:
        raise _UsageError("no notebooks found in " + ", ".join(paths) + " (looked for *.ipynb)")
    try:
        export_site(found, out, timeout=timeout)
    except ValueError as error:  # NotANotebook too
        raise _UsageError(str(error)) from None
    except CellExecutionError as error:
        name, value = getattr(error, "ename", "error"), getattr(error, "evalue", "")
        print(
            f"recall-widgets export-html: a cell failed ({name}: {value}); nothing was written"
            + (f", {out} is as it was" if Path(out).exists() else ""),
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(f"open {Path(out) / 'index.html'}, or publish {out} on any static host")
    return EXIT_OK


def _course_schema(root: Path, repository: str | None) -> str:
    """The deck schema for a new course at ``root``: its ``$id`` is that course's own (none
    without a repository), never that of a course the command happens to run in."""
    from recall_widgets.deck.course import Course, CourseError
    from recall_widgets.deck.schema import deck_json_schema

    schema = {k: v for k, v in deck_json_schema().items() if k != "$id"}
    root = root.absolute()
    course = Course("", root, root / "content", root / "notebooks", root, repository)
    try:
        schema_id = course.file_url(course.decks / "deck.schema.json")
    except CourseError:  # no repository, or a host with no raw address: no $id
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    ordered = {"$schema": schema.pop("$schema"), "$id": schema_id, **schema}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def _new(args: argparse.Namespace) -> int:
    import shlex

    from recall_widgets.deck.course import check_repository
    from recall_widgets.publishing.scaffold import ScaffoldError, ScaffoldRunError, scaffold

    repository = None
    if args.repository is not None:
        try:
            repository = check_repository(args.repository)
        except ValueError as error:
            raise _UsageError(f"--repository: {error}") from None
    try:
        written = scaffold(
            args.path,
            args.title,
            repository=repository,
            slug=args.course_id,
            schema=_course_schema(Path(args.path), repository),
            timeout=args.timeout,
        )
    except ScaffoldError as error:
        raise _UsageError(str(error)) from None
    except ScaffoldRunError as error:
        print(f"recall-widgets new: {error}", file=sys.stderr)
        return EXIT_INVALID
    files = _plural(len(written), "file")
    print(f"wrote the course {args.title.strip()!r} in {args.path} ({files})")
    print(f"next: cd {shlex.quote(args.path)} && make lab   (make test checks it; CI runs that)")
    return EXIT_OK


# -- recall-widgets embed ---------------------------------------------------------------------

_EMBED_KINDS = {"cards": "Flashcards", "questions": "Quiz", "prompts": "RecallPrompt"}


def _add_embed_parser(commands: Any) -> None:
    embed = commands.add_parser(
        "embed",
        help="write a deck (or a section, tags or ids of it) as one HTML fragment for any site",
        description="Write the deck's flashcards, quiz and recall prompts as one self-contained "
        "HTML fragment (its scripts, styles and content inline; no kernel, no network) to paste "
        "into a MkDocs, Sphinx, Jupyter Book or plain page, or with --page as a whole page. "
        "Progress is kept in the reader's browser. See docs/embedding.md for each site's snippet.",
    )
    embed.add_argument("deck", metavar="DECK", help="a deck file (.yaml)")
    embed.add_argument("-o", "--out", required=True, metavar="FILE", help="the HTML file to write")
    embed.add_argument("--section", help="only the items of this section")
    embed.add_argument("--tags", nargs="+", metavar="TAG", help="only items with any of these tags")
    embed.add_argument("--ids", nargs="+", metavar="ID", help="only these items, in this order")
    embed.add_argument(
        "--only",
        nargs="+",
        choices=sorted(_EMBED_KINDS),
        help="only these kinds of items (default: every kind the selection has)",
    )
    embed.add_argument(
        "--page", action="store_true", help="write a whole HTML page instead of a fragment"
    )
    embed.add_argument(
        "--course",
        help="the name progress is kept under in the browser (default: the deck's id)",
    )


def _embed(args: argparse.Namespace) -> int:
    import recall_widgets as api
    from recall_widgets.deck.loader import ContentError, load_deck
    from recall_widgets.publishing.embed import building, embed_fragment, embed_page, write_embed

    if not Path(args.deck).is_file():
        raise _UsageError(f"no such deck file: {args.deck}")
    try:
        deck = load_deck(args.deck)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    wanted = args.only or list(_EMBED_KINDS)
    known = {item.id for item in deck.items}
    unknown = [i for i in args.ids or () if i not in known]
    if unknown:
        raise _UsageError(
            f"deck {deck.id!r} has no item {', '.join(map(repr, unknown))}; "
            f"its ids: {', '.join(sorted(known))}"
        )
    made: list[Any] = []
    reasons: list[str] = []
    with building():
        for kind in wanted:
            items = getattr(deck, kind)
            options: dict[str, Any] = {"section": args.section, "tags": args.tags}
            if args.ids:
                options["ids"] = [i for i in args.ids if i in {item.id for item in items}]
                if not options["ids"]:
                    continue
            if not items:
                reasons.append(f"deck {deck.id!r} has no {kind}")
                continue
            widget_class = getattr(api, _EMBED_KINDS[kind])
            try:
                made.append(widget_class(args.deck, **options))
            except ValueError as error:
                reasons.append(str(error))
        if not made:
            raise _UsageError("nothing to embed: " + "; ".join(reasons or ["no items selected"]))
        text = embed_fragment(made, course=args.course or deck.id, title=deck.title)
    if args.page:
        text = embed_page(text, title=deck.title)
    path = write_embed(args.out, text)
    shown = ", ".join(
        _EMBED_KINDS[kind]
        for kind in wanted
        if any(type(w).__name__ == _EMBED_KINDS[kind] for w in made)
    )
    what = "page" if args.page else "fragment"
    print(f"wrote {path} ({what}: {shown}; {len(text.encode()) // 1024} KB, self-contained)")
    return EXIT_OK


def _version() -> str:
    import recall_widgets

    return str(recall_widgets.__version__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid content, 2 usage)."""
    from recall_widgets.deck.course import CourseError  # small: tomllib, no YAML

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.paths)
        if args.command == "schema":
            return _schema(args.out)
        if args.command == "predict":
            return _predict(args.decks, args.check, args.timeout)
        if args.command == "links":
            return _links(args.repo, args.branch, args.hub)
        if args.command == "execute":
            return _execute(args.notebooks, args.timeout)
        if args.command == "progress":
            return _progress(args)
        if args.command == "export-html":
            return _export_html(args.notebooks, args.out, args.timeout)
        if args.command == "new":
            return _new(args)
        if args.command == "pulse":
            return _pulse(args)
        if args.command == "embed":
            return _embed(args)
        if args.command in ("import", "export-anki", "export-qti"):
            from recall_widgets import cli_exchange

            return cli_exchange.run(args)
    except (_UsageError, CourseError) as error:  # CourseNotFound says how to add the config
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
