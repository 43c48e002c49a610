"""The deck's rules its types cannot say: items exist, ids are unique, a question has an answer.

And each test is listed once in an ``evidence`` list, and each formula is TeX that converts
(:mod:`.formulas`). msgspec checks every value against
:mod:`.model`; these rules look across values, and report through the same
:class:`~.report.Report`, at the line of the offending value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .formulas import check_math
from .kinds import check_question
from .messages import SECTIONS
from .outputs import RecordedOutput
from .problems import Loc, line_column
from .report import Report

__all__ = ["check_deck"]


def check_deck(
    data: dict[str, Any],
    report: Report,
    outputs: Mapping[str, RecordedOutput] | None = None,
) -> None:
    """The rules the model's types cannot say: items exist, ids are unique, each question has
    what its kind needs (:mod:`.kinds`; ``outputs``: the predict outputs beside the deck, None
    to leave them unchecked)."""
    if not any(isinstance(data.get(s), tuple) and data[s] for s in SECTIONS) and not any(
        s in data and not isinstance(data[s], tuple) for s in SECTIONS
    ):
        report.add(
            (),
            "the deck has no items; add at least one of cards, questions, prompts or exercises",
            report.root,
        )
    first: dict[str, tuple[Loc, str]] = {}
    for section, kind in SECTIONS.items():
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
                    line = line_column(report.node_at(other_loc))[0]
                    report.add(
                        loc,
                        f"duplicate id '{item_id}': {other} (line {line}) already uses it; "
                        "ids must be unique within the deck",
                        report.node_at(loc),
                    )
                else:
                    first[item_id] = (loc, f"{kind} #{index + 1}")
            if section == "questions":
                check_question(item, (section, index), report, outputs)
            _check_evidence(item.get("evidence"), (section, index, "evidence"), report)
            concepts = item.get("concepts") if section == "prompts" else None
            for number, concept in enumerate(concepts if isinstance(concepts, tuple) else ()):
                if isinstance(concept, dict):
                    where: Loc = (section, index, "concepts", number, "evidence")
                    _check_evidence(concept.get("evidence"), where, report)
    _check_lang(data.get("lang"), report)
    check_math(data, report)


def _check_lang(lang: Any, report: Report) -> None:
    """A deck's ``lang:`` is a BCP 47 tag (``de``, not ``german``)."""
    from ..i18n.languages import is_language_tag, suggest_tag

    if not isinstance(lang, str) or is_language_tag(lang):
        return
    meant = suggest_tag(lang)
    hint = f"did you mean '{meant}'? " if meant else ""
    report.add(
        ("lang",),
        f"'{lang}' is not a BCP 47 language tag; {hint}write a tag such as de, fr or en-GB",
        report.node_at(("lang",)),
    )


def _check_evidence(names: Any, loc: Loc, report: Report) -> None:
    """Each test is listed once in an ``evidence`` list (the model refuses repeats too, but
    only in a list with no other problem; this reports them all, at the repeat)."""
    if not isinstance(names, tuple):
        return
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        if name in first:
            first_line = line_column(report.node_at((*loc, first[name])))[0]
            report.add(
                (*loc, index),
                f"'{name}' is already listed (test #{first[name] + 1}, line {first_line}); "
                "list each test once",
                report.node_at((*loc, index)),
            )
        else:
            first[name] = index
