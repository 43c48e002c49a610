"""Which decks and items a widget shows: decks from paths or folders, items by id or filter.

Flashcards, Quiz and RecallPrompt show one deck's items of their kind, chosen by
:func:`select_items` (``ids=``, ``section=``, ``level=``, ``tags=``, ``exclude_tags=``); Review and
Dashboard cover several decks, by default every deck of the course (:func:`course_content`).
Bad arguments are a ``ValueError`` or ``TypeError`` that says what is allowed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeAlias, TypeVar

from ..deck.model import LEVELS, Deck, Item

__all__ = [
    "DEFAULT_EXCLUDE_TAGS",
    "PREDICT_TAG",
    "DeckOrPath",
    "DeckSource",
    "IdsOption",
    "course_content",
    "name_list",
    "resolve_deck",
    "resolve_decks",
    "select_items",
]

DeckOrPath = Deck | str | os.PathLike[str]
"""A widget's deck: a :class:`Deck`, or the path of a YAML deck."""
DeckSource = Deck | str | os.PathLike[str]
"""One of Review's or Dashboard's decks: a :class:`Deck`, a deck file or a folder of decks."""
ItemT = TypeVar("ItemT", bound=Item)
IdsOption: TypeAlias = "str | Sequence[str] | None"
"""A widget's ``ids=``: one item id, or a sequence of them, shown exactly and in that order."""
PREDICT_TAG = "predict"
"""The tag of "predict, then see" items: shown with ``ids=`` before a demo, and left out of a
section's or level's widgets so they do not come back in the lesson's own quiz."""
DEFAULT_EXCLUDE_TAGS: tuple[str, ...] = (PREDICT_TAG,)
"""The default ``exclude_tags=`` of Flashcards, Quiz and RecallPrompt."""


def resolve_deck(deck_or_path: object) -> Deck:
    """Return ``deck_or_path`` if it is a :class:`Deck`, else load the YAML file it names."""
    if isinstance(deck_or_path, Deck):
        return deck_or_path
    if isinstance(deck_or_path, str | os.PathLike):
        from ..deck.loader import load_deck  # the loader imports YAML: only pay for it when needed

        return load_deck(deck_or_path)
    raise TypeError(f"expected a Deck or a path to a YAML deck, got {type(deck_or_path).__name__}")


def course_content(cwd: str | os.PathLike[str] | None = None) -> Path:
    """The decks folder of the course ``cwd`` (default: the working directory) is in.

    The course is found by :func:`recall_widgets.deck.course.find_course`, walking up from
    ``cwd`` (a kernel starts in the notebook's folder) to its ``course.toml`` or
    ``[tool.recall-widgets]`` table; its ``decks`` key names the folder. Nothing else is
    looked at: the engine knows no course of its own.

    Raises
    ------
    CourseNotFound
        No course config above ``cwd``; the message says what to add.
    CourseError
        The config is invalid, or its decks folder is missing or holds no deck.
    """
    from ..deck.course import course_decks, find_course

    course = find_course(cwd)
    course_decks(course)  # the folder exists and holds a deck, or a CourseError saying so
    return course.decks


def resolve_decks(decks_or_paths: DeckSource | Iterable[DeckSource] | None) -> list[Deck]:
    """Decks from Deck objects, deck files and folders (None: :func:`course_content`)."""
    from ..deck.loader import load_decks  # the loader imports YAML: only pay for it when needed

    if decks_or_paths is None:
        decks_or_paths = course_content()
    sources: list[object]
    if isinstance(decks_or_paths, Deck | str | os.PathLike):
        sources = [decks_or_paths]
    else:
        sources = list(decks_or_paths)
    decks: list[Deck] = []
    for source in sources:
        if isinstance(source, Deck):
            decks.append(source)
        elif isinstance(source, str | os.PathLike):
            decks.extend(load_decks(source))
        else:
            raise TypeError(
                f"expected a Deck, a deck file or a folder, got {type(source).__name__}"
            )
    if not decks:
        raise ValueError("no decks to show: give a Deck, a deck file or a folder of decks")
    ids = [deck.id for deck in decks]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"the same deck given twice: {', '.join(twice)}")
    return decks


def name_list(values: Sequence[str]) -> str:
    """Names for a message, comma-separated; ``(none)`` for none."""
    return ", ".join(values) if values else "(none)"


def select_items(
    deck: Deck,
    items: Sequence[ItemT],
    noun: str,
    *,
    section: str | None = None,
    level: str | Sequence[str] | None = None,
    ids: IdsOption = None,
    tags: str | Sequence[str] | None = None,
    exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
) -> list[ItemT]:
    """Select a widget's items, or raise ``ValueError`` saying what is allowed.

    Parameters
    ----------
    deck : Deck
        The deck ``items`` come from (for messages).
    items : sequence of Card, Question or Prompt
        The deck's items of the widget's kind, in deck order.
    noun : str
        Their plural name, ``"cards"``, ``"questions"`` or ``"prompts"``.
    section, level : str, optional
        Keep the items of this section, and of this level (or any of a sequence of levels).
    ids : str or sequence of str, optional
        Exactly these items, in this order, looked up among those ``section`` and ``level``
        keep (both are optional): an id that is not there is an error naming the ids that are,
        closest first. ``exclude_tags`` does not apply: ``ids`` always includes what it names.
    tags : str or sequence of str, optional
        Keep the items having any of these tags (looked up like ``section`` and ``level``,
        so ``ids`` are looked up among them too). A tag no item of this kind has is an error
        listing the tags there are. A tag named here is not left out by ``exclude_tags``.
    exclude_tags : str or sequence of str
        Without ``ids``, leave out the items carrying any of these tags; by default
        ``("predict",)``: "predict, then see" questions are shown by id before their demo and
        stay out of the lesson's own quiz. ``()`` keeps everything.

    Returns
    -------
    list
        The selected items, in deck order (or in the order of ``ids``).
    """
    if not items:
        raise ValueError(f"deck {deck.id!r} has no {noun}")
    excluded = _tag_set(exclude_tags)
    wanted_tags = None if tags is None else _tag_set(tags, "tags")
    wanted_ids = _id_list(ids)
    selected = list(items)
    where = ""
    if section is not None:
        sections = tuple(dict.fromkeys(i.section for i in selected if i.section is not None))
        if section not in sections:
            raise ValueError(
                f"deck {deck.id!r} has no {noun} in section {section!r}; "
                f"sections with {noun}: {name_list(sections)}"
            )
        selected = [i for i in selected if i.section == section]
        where = f" in section {section!r}"
    if level is not None:
        wanted = (level,) if isinstance(level, str) else tuple(level)
        unknown = [w for w in wanted if w not in LEVELS]
        if unknown or not wanted:
            raise ValueError(
                f"unknown level {unknown or list(wanted)}; levels: {name_list(LEVELS)}"
            )
        present = [lv for lv in LEVELS if any(i.level == lv for i in selected)]
        selected = [i for i in selected if i.level in wanted]
        if not selected:
            raise ValueError(
                f"deck {deck.id!r} has no {noun}{where} at level {name_list(wanted)}; "
                f"levels with {noun}{where}: {name_list(present)}"
            )
        where += f" at level {name_list(wanted)}"
    if wanted_tags is not None:
        there = sorted({t for i in items for t in i.tags})
        unknown_tags = sorted(wanted_tags.difference(there))
        if not wanted_tags:
            raise ValueError("tags is empty; name at least one tag, e.g. tags='cookies'")
        if unknown_tags:
            raise ValueError(
                f"deck {deck.id!r} has no {noun} tagged {name_list(unknown_tags)}; "
                f"tags of its {noun}: {name_list(there)}"
            )
        present_tags = sorted({t for i in selected for t in i.tags})
        selected = [i for i in selected if wanted_tags.intersection(i.tags)]
        if not selected:
            raise ValueError(
                f"deck {deck.id!r} has no {noun}{where} tagged {name_list(sorted(wanted_tags))}; "
                f"tags of its {noun}{where}: {name_list(present_tags)}"
            )
        where += f" tagged {name_list(sorted(wanted_tags))}"
        excluded = excluded - wanted_tags
    if wanted_ids is not None:
        return _by_id(deck, items, selected, wanted_ids, noun, where)
    kept = [i for i in selected if not excluded.intersection(i.tags)]
    if not kept:
        tags = " or ".join(repr(t) for t in sorted(excluded))
        count = len(selected)
        which = f"all {count} {noun}" if count > 1 else f"the only {noun[:-1]}"
        raise ValueError(
            f"{which}{where} of deck {deck.id!r} {'are' if count > 1 else 'is'} tagged {tags}, "
            "which is left out unless named: show them with ids=, or pass exclude_tags=() to "
            "keep them"
        )
    return kept


def _tag_set(tags: object, name: str = "exclude_tags") -> frozenset[str]:
    values = (tags,) if isinstance(tags, str) else tags
    if not isinstance(values, Sequence) or not all(isinstance(t, str) for t in values):
        example = (
            "e.g. exclude_tags=('predict',), or exclude_tags=() to keep every item"
            if name == "exclude_tags"
            else "e.g. tags='cookies' or tags=('cookies', 'security')"
        )
        raise TypeError(
            f"{name} must be a tag or a sequence of tags (str), got {tags!r}; {example}"
        )
    return frozenset(values)


def _id_list(ids: object) -> list[str] | None:
    """``ids=`` as a list of ids (None when not given); ``TypeError``/``ValueError`` if bad."""
    if ids is None:
        return None
    values = [ids] if isinstance(ids, str) else ids
    if not isinstance(values, Sequence) or not all(isinstance(i, str) for i in values):
        raise TypeError(f"ids must be an item id or a sequence of item ids (str), got {ids!r}")
    if not values:
        raise ValueError("ids is empty; name at least one item, e.g. ids='my-question'")
    repeated = [i for i in dict.fromkeys(values) if values.count(i) > 1]
    if repeated:
        raise ValueError(f"ids names {name_list(repeated)} more than once; name each item once")
    return list(values)


def _by_id(
    deck: Deck,
    items: Sequence[ItemT],
    selected: Sequence[ItemT],
    wanted: Sequence[str],
    noun: str,
    where: str,
) -> list[ItemT]:
    """The items of ``selected`` with these ids, in this order; else a ``ValueError`` naming
    the ids there are (close matches first) and why a named item is not among them."""
    by_id = {item.id: item for item in selected}
    missing = [i for i in wanted if i not in by_id]
    if not missing:
        return [by_id[i] for i in wanted]
    there = list(by_id)
    close = [c for m in missing for c in difflib.get_close_matches(m, there, n=3, cutoff=0.6)]
    ordered = list(dict.fromkeys([*close, *there]))
    more = len(ordered) - 20
    listing = name_list(ordered[:20]) + (f" … and {more} more" if more > 0 else "")
    singular = noun[:-1]
    what = f"{singular} {missing[0]!r}" if len(missing) == 1 else f"{noun} {name_list(missing)}"
    suggestion = f"; did you mean {close[0]!r}?" if close else ""
    same_kind = {item.id: item for item in items}
    reasons = []
    for name in missing:
        if name in same_kind:  # there, but outside section= or level=
            other = same_kind[name]
            reasons.append(f"{name!r} is in section {other.section!r}, level {other.level!r}")
        elif any(item.id == name for item in deck.items):
            kind = type(deck.item(name)).__name__.lower()
            reasons.append(f"{name!r} is a {kind}, not a {singular}")
    why = "".join(f"; {reason}" for reason in reasons)
    raise ValueError(f"deck {deck.id!r} has no {what}{where}{suggestion}; ids: {listing}{why}")
