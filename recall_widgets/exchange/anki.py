"""``recall-widgets export-anki``: decks as an Anki package (``.apkg``), written with genanki.

Each deck becomes an Anki deck named by its title (``Parent::Title`` under ``parent``); each
item a note of one note type, *recall_widgets*, with the fields Front, Back (sanitized HTML
from :mod:`.flatten`) and Source (``deck/item``); its level, section, tags and kind become Anki
tags (``level::beginner``, ``section::cookie``, ``kind::choice``). The note type's id, each
deck's id and each note's GUID are derived from the ids, so importing a later export updates
the notes instead of adding copies; Anki updates a note only when the export is newer than its
copy (each note's modification time is the export's ``now``).

Code keeps the renderer's Pygments classes, styled by the note type's CSS (light and Anki's
night mode); math stays the renderer's MathML, which Anki's web views draw (Chromium 109+,
WebKit). Anki receives no progress: no review history, no schedule, and no checking of
answers (the learner compares with the back and rates), nor an exercise's check.
"""

from __future__ import annotations

import datetime as dt
import html
import warnings
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from recall_widgets.render import render_markdown

from .exporting import (
    ExportReport,
    distinct_decks,
    item_kind,
    stable_number,
    written_atomically,
)
from .flatten import sides_of

if TYPE_CHECKING:
    import genanki

    from recall_widgets.deck.model import Deck, Item

__all__ = ["MODEL_NAME", "anki_deck_names", "anki_tags", "export_anki", "note_css", "note_guid"]

MODEL_NAME = "recall_widgets"
"""The note type's name in Anki; its id is derived from it (and its version)."""
_MODEL_VERSION = "1"
FIELDS = ("Front", "Back", "Source")

_FRONT = '<div class="recall-anki recall-front">{{Front}}</div>'
_BACK = (
    '<div class="recall-anki recall-front">{{Front}}</div>\n<hr id="answer">\n'
    '<div class="recall-anki recall-back">{{Back}}</div>\n'
    '<p class="recall-source">{{Source}}</p>'
)

_BASE_CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;
  text-align: left; color: #1f2328; background: #ffffff; }
.card.nightMode { color: #e6edf3; background: #1e1e1e; }
.recall-anki { max-width: 44em; margin: 0 auto; }
.recall-label { font-weight: 600; margin: 0.8em 0 0.3em; }
.recall-choices { list-style: none; padding-left: 0; }
.recall-choices li, .recall-whys li { margin: 0.3em 0; }
.recall-letter { font-weight: 600; }
.recall-right { color: #1a7f37; font-weight: 600; }
.recall-wrong { color: #a40e26; }
.nightMode .recall-right { color: #3fb950; }
.nightMode .recall-wrong { color: #ff7b72; }
.recall-explanation { margin-top: 0.8em; padding-top: 0.4em; border-top: 1px solid #d0d7de; }
.recall-source { font-size: 0.7em; opacity: 0.6; margin-top: 1.5em; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; }
.recall-code, .recall-output { overflow-x: auto; padding: 0.6em 0.8em; border-radius: 4px;
  border: 1px solid #d0d7de; background: #f6f8fa; line-height: 1.4; }
.nightMode .recall-code, .nightMode .recall-output { background: #161b22; border-color: #30363d; }
math[display="block"] { margin: 0.6em 0; }
"""


@cache
def note_css() -> str:
    """The note type's CSS: the layout, then Pygments' classes for ``.recall-code`` in a light
    style and, under Anki's ``.nightMode``, a dark one."""
    from pygments.formatters import HtmlFormatter

    light: str = HtmlFormatter(style="default").get_style_defs(".recall-code")  # type: ignore[no-untyped-call]
    dark: str = HtmlFormatter(style="monokai").get_style_defs(".nightMode .recall-code")  # type: ignore[no-untyped-call]
    keep = [
        line
        for line in (*light.splitlines(), *dark.splitlines())
        if line.startswith((".recall-code .", ".nightMode .recall-code ."))
    ]
    return _BASE_CSS + "\n".join(keep) + "\n"


def _model() -> genanki.Model:
    import genanki

    return genanki.Model(
        stable_number("recall_widgets", "note type", _MODEL_VERSION),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Recall", "qfmt": _FRONT, "afmt": _BACK}],
        css=note_css(),
    )


def note_guid(deck: Deck, item: Item) -> str:
    """The note's GUID: from the deck's id and the item's id (the same on every export)."""
    import genanki

    return str(genanki.guid_for("recall_widgets", deck.id, item.id))


def anki_tags(item: Item) -> list[str]:
    """The item's level, section, kind and tags as Anki tags (no spaces: ids are slugs)."""
    tags = [f"kind::{item_kind(item)}"]
    if item.level is not None:
        tags.append(f"level::{item.level}")
    if item.section is not None:
        tags.append(f"section::{item.section}")
    return [*tags, *item.tags]


def anki_deck_names(decks: Sequence[Deck], parent: str | None = None) -> dict[str, str]:
    """Each deck's Anki deck name (by deck id): its title (``::`` in it, Anki's separator, as
    ``:``), under ``parent::`` when given; a title two decks share gets the deck's id too."""
    titles = {deck.id: " ".join(deck.title.replace("::", ":").split()) for deck in decks}
    shared = {t for t in titles.values() if list(titles.values()).count(t) > 1}
    names = {}
    for deck_id, title in titles.items():
        name = f"{title} ({deck_id})" if title in shared else title
        if parent:
            name = f"{' '.join(parent.replace('::', ':').split())}::{name}"
        names[deck_id] = name
    return names


def export_anki(
    decks: Sequence[Deck],
    out: Path,
    *,
    parent: str | None = None,
    bases: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> ExportReport:
    """Write ``decks`` to the Anki package ``out``, one Anki deck per deck.

    Parameters
    ----------
    decks:
        The decks, each once (their ids key the notes).
    out:
        The ``.apkg`` file to write (replaced whole; nothing written on an error).
    parent:
        An Anki deck to put the decks under (``Course`` gives ``Course::Deck title``).
    bases:
        Each deck's folder by deck id, where its relative images are read from (inlined).
    now:
        The export's time, each note's modification time: Anki updates its copy of a note
        from a later export only. Default: the clock's time.

    Returns
    -------
    ExportReport
        The notes written per kind, and what Anki does not receive.

    Example
    -------
    >>> from recall_widgets import load_deck
    >>> export_anki([load_deck("content/flask-sessions.yaml")], Path("flask.apkg"))
    ... # doctest: +SKIP
    """
    import genanki

    decks = distinct_decks(decks)
    report = ExportReport(out=Path(out), decks=[deck.id for deck in decks])
    model = _model()
    names = anki_deck_names(decks, parent)
    written = []
    for deck in decks:
        anki_deck = genanki.Deck(stable_number("recall_widgets", "deck", deck.id), names[deck.id])
        base = (bases or {}).get(deck.id)
        if deck.description is not None:  # shown on the deck's overview
            anki_deck.description = render_markdown(deck.description, base)
        for item in deck.items:
            sides = sides_of(item, base)
            anki_deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[sides.front, sides.back, html.escape(f"{deck.id}/{item.id}")],
                    tags=anki_tags(item),
                    guid=note_guid(deck, item),
                )
            )
            report.count(item_kind(item))
            _not_carried(report, deck, item)
        report.skip(
            deck,
            None,
            "review history and progress (Anki schedules its own reviews from the first)",
        )
        if deck.questions:
            report.skip(
                deck,
                None,
                "answer checking (the learner turns the note and rates; no fuzzy matching, "
                "pattern or order check)",
            )
        written.append(anki_deck)
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    with written_atomically(Path(out)) as temporary, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # genanki's guess at "invalid HTML"; ours is sanitized
        genanki.Package(written).write_to_file(str(temporary), timestamp=moment)
    return report


def _not_carried(report: ExportReport, deck: Deck, item: Item) -> None:
    from recall_widgets.deck.model import Exercise, Question

    if isinstance(item, Exercise):
        report.skip(deck, item, "the exercise's check (Anki shows the task and a solution)")
    elif isinstance(item, Question) and item.kind == "predict" and item.output is None:
        report.skip(deck, item, "no recorded output (run `recall-widgets predict DECK`)")
