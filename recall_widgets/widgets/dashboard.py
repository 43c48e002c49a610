"""Dashboard: a learner's progress per deck, section and level, the weakest items, export/import."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

import anywidget
import traitlets

from ..deck.model import Item
from ..i18n.catalog import Translator, translator
from ..progress import scheduling
from ..progress.database import ProgressError
from ..progress.identity import export_filename, learner_identity
from ..progress.queries import SummaryRow
from ..progress.scheduling import MASTERED_STABILITY_DAYS, STAGES
from ..progress.store import ImportResult, ProgressStore
from .assets import widget_css, widget_esm
from .language import Localized
from .recording import resolve_progress
from .selection import DeckSource, resolve_decks
from .views import next_review_text

WEAKEST = 5
"""How many of the weakest items the dashboard lists."""


def legend(tr: Translator) -> list[dict[str, str]]:
    """The stages in order, each with its name and one line saying what it means (the
    widget's legend, see :class:`Dashboard`), in ``tr``'s language."""
    days = round(MASTERED_STABILITY_DAYS)
    said = {
        "new": (tr.pt("stage", "New"), tr.t("not tried yet")),
        "learning": (
            tr.pt("stage", "Learning"),
            tr.nt(
                "tried; remembered for less than {n} day so far",
                "tried; remembered for less than {n} days so far",
                days,
            ),
        ),
        "due": (tr.pt("stage", "Due"), tr.t("time to review it again")),
        "mastered": (
            tr.pt("stage", "Mastered"),
            tr.nt("remembered for {n} day or more", "remembered for {n} days or more", days),
        ),
    }
    return [{"stage": s, "label": said[s][0], "text": said[s][1]} for s in STAGES]


def plain_text(markdown: str, limit: int = 80) -> str:
    """The first line of a Markdown text without code and emphasis marks, at most ``limit``."""
    line = next((s for s in markdown.splitlines() if s.strip()), "")
    line = " ".join(re.sub(r"^[#>\s]+|`|\*\*|__", "", line).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _item_text(item: Item | None) -> str:
    return plain_text(str(getattr(item, "front", None) or getattr(item, "prompt", "")))


class Dashboard(anywidget.AnyWidget, Localized):
    """A learner's progress over the course's decks, from the progress store.

    Per deck, section and (difficulty) level it counts the cards and questions in each
    **stage** (the stages of :mod:`recall_widgets.progress.scheduling`), which follow Khan Academy's
    mastery levels, with FSRS's thresholds:

    - **new** (Khan's *Not started*): never rated nor answered.
    - **learning** (*Attempted* and *Familiar*): seen, but in FSRS's learning steps (1 and
      10 minutes), relearning after a lapse, or remembered for less than 21 days so far.
    - **due** (*needs review*, Khan's decay of a level): its review time has come, whatever
      it had reached; reviewing it moves it back to learning or mastered.
    - **mastered** (*Proficient* and *Mastered*): in review with a memory stability of 21 days
      or more (Anki's "mature") and not last rated Again.

    The widget shows a legend, a stacked bar per section with a text count in each part and
    the same numbers as a table, the weakest items (most lapses, then lowest chance of
    recall), and when the next review is. It refreshes by itself when a widget in this kernel
    records into the same store ("Refresh" reads changes made elsewhere). "Download progress"
    saves ``recall-progress-<learner>-YYYYMMDD.json``; the file picker imports such a file (merged
    without duplicates; a bad file changes nothing).

    Parameters
    ----------
    decks_or_paths:
        Decks, deck files or folders of decks (one or a list). Default: every deck in the
        course's decks folder, from the course config above the working directory
        (:func:`~.selection.course_content`; without one, a ``CourseNotFound`` saying what to
        add).
    progress:
        The progress store: by default the shared one (``RECALL_PROGRESS`` or the per-user
        file), or a database path or :class:`~recall_widgets.progress.ProgressStore`.

    Example
    -------
    >>> dashboard = Dashboard()  # doctest: +SKIP
    >>> dashboard  # doctest: +SKIP
    Dashboard(decks=1, items=34, new=34, learning=0, due=0, mastered=0)
    >>> text = dashboard.export_text()  # doctest: +SKIP
    """

    _esm = widget_esm("dashboard.js")
    _css = widget_css("dashboard.css")

    decks = traitlets.List(
        traitlets.Dict(),
        help="Per deck: {id, title, items, new, learning, due, mastered} (plain text, counts).",
    ).tag(sync=True)
    rows = traitlets.List(
        traitlets.Dict(),
        help="Per deck, section and level: {deck, section, level, new, learning, due, mastered, "
        "total}; '' for no section or level.",
    ).tag(sync=True)
    legend = traitlets.List(
        traitlets.Dict(), help="The stages in order: {stage, label, text} (plain text)."
    ).tag(sync=True)
    weakest = traitlets.List(
        traitlets.Dict(),
        help="The weakest items: {deck, item, text, lapses, recall} (text: plain; recall: %).",
    ).tag(sync=True)
    next_review = traitlets.Unicode(help="When the next review is, as one sentence.").tag(sync=True)
    notice = traitlets.Unicode(
        "",
        help="One line of plain text shown muted under the widget, as every widget's `notice`: "
        "the outcome of the latest import or export, or why progress cannot be read; '' for "
        "none.",
    ).tag(sync=True)

    def __init__(
        self,
        decks_or_paths: DeckSource | Iterable[DeckSource] | None = None,
        *,
        progress: ProgressStore | str | os.PathLike[str] | None = None,
    ) -> None:
        store = resolve_progress(progress)
        if store is None:
            raise TypeError("a Dashboard needs a progress store; progress=False is for widgets")
        self.store: ProgressStore = store
        """The store the dashboard reads."""
        self._decks = resolve_decks(decks_or_paths)
        self._items = {(d.id, i.id): i for d in self._decks for i in d.items}
        self._counts: list[SummaryRow] = []
        language = self._init_language(self._decks)
        super().__init__(legend=legend(translator(language["lang"])), **language)
        self.on_msg(self._on_message)
        store.on_change(self.refresh)
        self._following = True
        self.refresh()
        self._language_ready = True

    # -- Python API ------------------------------------------------------------------------

    @property
    def counts(self) -> list[SummaryRow]:
        """The summary rows (per deck, section and level) as of the latest refresh."""
        return list(self._counts)

    def refresh(self) -> None:
        """Read the store again (never creates it) and update the counts, chart and lists."""
        at = scheduling.now()
        try:
            rows = self.store.summary(self._decks, now=at)
            weakest = self.store.weakest(WEAKEST, now=at, decks=self._decks)
            next_due = self.store.next_due(decks=self._decks)
        except ProgressError as error:
            self.notice = self._tr.t("Cannot read progress: {error}", error=error)
            return
        self._counts = rows
        self.rows = [
            {
                "deck": r.deck,
                "section": r.section or "",
                "level": r.level or "",
                **{s: getattr(r, s) for s in STAGES},
                "total": r.total,
            }
            for r in rows
        ]
        self.decks = [
            {
                "id": deck.id,
                "title": deck.title,
                "items": sum(r.total for r in rows if r.deck == deck.id),
                **{s: sum(getattr(r, s) for r in rows if r.deck == deck.id) for s in STAGES},
            }
            for deck in self._decks
        ]
        self.weakest = [
            {
                "deck": s.deck,
                "item": s.item,
                "text": _item_text(self._items.get((s.deck, s.item))),
                "lapses": s.lapses,
                "recall": round(100 * s.retrievability),
            }
            for s in weakest
        ]
        self.next_review = next_review_text(sum(r.due for r in rows), next_due, at, self._tr)

    def _relocalize(self) -> None:
        """The legend and the next review again, in the language now known."""
        self.legend = legend(self._tr)
        self.refresh()

    def export_text(self) -> str:
        """The progress export (JSON text), as :meth:`ProgressStore.export_text` writes it."""
        return self.store.export_text()

    def import_text(self, text: str, name: str = "the imported file") -> ImportResult:
        """Merge an export's events; raise :class:`ProgressFileError` (changing nothing) if bad.

        The events about the dashboard's decks are re-decided from them, as live ones are (an
        answer is correct only if it chose the deck's correct choices); see
        :func:`~recall_widgets.progress.transfer.parse_export` for the others.
        """
        try:
            result = self.store.import_text(text, name, decks=self._decks)
        except ProgressError as error:
            self.notice = str(error)
            raise
        tr, added, already = self._tr, result.added, result.duplicates
        if already:
            self.notice = tr.nt(
                "Imported {n} event ({already} already there)",
                "Imported {n} events ({already} already there)",
                added,
                already=already,
            )
        else:
            self.notice = tr.nt("Imported {n} event", "Imported {n} events", added)
        self.refresh()
        return result

    def close(self) -> None:
        """Stop following the store, then close the widget."""
        if getattr(self, "_following", False):  # also called by __del__ of a failed __init__
            self._following = False
            self.store.on_change(self.refresh, remove=True)
        super().close()

    # -- the browser's requests ------------------------------------------------------------

    def _on_message(self, _widget: object, content: Any, _buffers: object) -> None:
        kind = content.get("kind") if isinstance(content, dict) else None
        if kind in ("export", "import"):
            self.notice = ""  # the same message twice still reaches the browser
        if kind == "refresh":
            self.refresh()
        elif kind == "export":
            try:
                text = self.export_text()
            except ProgressError as error:
                self.notice = str(error)
                return
            filename = export_filename(learner_identity(), f"{scheduling.now():%Y%m%d}")
            self.send({"kind": "download", "filename": filename, "text": text})
            events = len(json.loads(text)["events"])
            self.notice = self._tr.nt(
                "Exported {n} event as {file}",
                "Exported {n} events as {file}",
                events,
                file=filename,
            )
        elif kind == "import":
            text, name = content.get("text"), content.get("name")
            if not isinstance(text, str):
                self.notice = self._tr.t("The chosen file could not be read.")
                return
            with suppress(ProgressError):  # import_text has shown the message in `notice`
                self.import_text(
                    text, name if isinstance(name, str) and name else self._tr.t("the file")
                )

    def __repr__(self) -> str:
        rows = self._counts
        stages = ", ".join(f"{s}={sum(getattr(r, s) for r in rows)}" for s in STAGES)
        items = sum(r.total for r in rows)
        return f"{type(self).__name__}(decks={len(self._decks)}, items={items}, {stages})"
