"""jupytercards flashcard files → deck cards.

Read from jupytercards 3.2.1: its README ("Card Data": a JSON array of objects, each with
``front`` and ``back``, optionally ``topic``), ``dynamic.py`` (``topic`` may also be a list of
topics: a card shows when any of them is chosen) and ``flashcards.js`` (each side is set as
``innerHTML`` after ``jaxify``, so it is HTML with TeX; MathJax also typesets
``\\begin{…}…\\end{…}`` written without dollars). One card object alone is read too.

What each documented field becomes
----------------------------------
``front`` → ``front``, ``back`` → ``back`` (HTML and TeX as Markdown, :mod:`.markup`); the
id is derived from the front's words (:mod:`.importing`). ``topic``, one topic → the card's
``section`` (a slug of it: ``"linear algebra"`` → ``linear-algebra``; cards without one get
``--section`` if given); a list of topics → ``tags`` (a card belongs to one section, and may
have many tags; jupytercards chooses a card by any of its topics, as tags do). Any other key
is noted, not carried. A card with no ``front`` or ``back``, or one that is not text, is an
error: nothing is written.
"""

from __future__ import annotations

from typing import Any

from .fields import describe, entries
from .importing import Ids, Reader, slug
from .positions import Located

__all__ = ["CARD_FIELDS", "import_cards"]

#: The card keys jupytercards documents, with what each becomes.
CARD_FIELDS = {"front": "front", "back": "back", "topic": "section or tags"}


def import_cards(root: Located, reader: Reader, ids: Ids) -> dict[str, list[dict[str, Any]]]:
    """The cards of a jupytercards file (a list of cards, or one), as deck data."""
    cards = []
    for number, entry in enumerate(entries(root, reader, "card", "jupytercards"), 1):
        card = _import_card(entry, f"card {number}", reader, ids)
        if card is not None:
            cards.append(card)
    return {"cards": cards}


def _import_card(entry: Located, where: str, reader: Reader, ids: Ids) -> dict[str, Any] | None:
    if not isinstance(entry.value, dict):
        reader.error(
            entry.where,
            where,
            None,
            f"a card is an object ({{...}}); found {describe(entry.value)}",
        )
        return None
    fields: dict[str, Located] = entry.value
    reader.unknown_keys(entry, CARD_FIELDS, where, "jupytercards")
    sides: dict[str, str] = {}
    for side in ("front", "back"):
        value = fields.get(side)
        if value is None:
            reader.error(entry.where, where, None, f"no '{side}'; a card needs a front and a back")
            continue
        if not isinstance(value.value, str):
            reader.error(
                value.where, where, side, f"'{side}' must be text; found {describe(value.value)}"
            )
            continue
        markdown = reader.markdown(value, where, side)
        if not markdown.strip():
            reader.error(value.where, where, side, f"the {side} is empty")
            continue
        sides[side] = markdown
    section, tags = _topics(fields.get("topic"), where, reader)
    if len(sides) < 2:
        return None
    card: dict[str, Any] = {"id": ids.new(fields["front"].value, "card")}
    section = section or reader.options.section
    if section:
        card["section"] = section
    if tags:
        card["tags"] = tags
    card.update(sides)
    return card


def _topics(topic: Located | None, where: str, reader: Reader) -> tuple[str | None, list[str]]:
    if topic is None:
        return None, []
    values = topic.value if isinstance(topic.value, list) else [topic]
    names: list[str] = []
    for value in values:
        if not isinstance(value.value, str):
            reader.error(
                value.where, where, "topic", f"a topic is text; found {describe(value.value)}"
            )
            continue
        name = slug(value.value, limit=100, words=100)
        if not name:
            reader.note(
                value.where,
                where,
                "topic",
                f"not carried: the topic {value.value!r} "
                "has no letter or digit to name a section or tag by",
            )
            continue
        if name not in names:
            names.append(name)
    if isinstance(topic.value, list):
        return None, names
    return (names[0] if names else None), []
