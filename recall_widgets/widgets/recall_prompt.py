"""RecallPrompt: write your own answer, then tick the key concepts it covered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from ..deck.model import Item, Prompt
from ..progress.events import decide
from ..render import render_inline, render_markdown
from .assets import widget_css, widget_esm
from .base import DeckWidget
from .recording import ProgressOption, answers_of
from .selection import DEFAULT_EXCLUDE_TAGS, DeckOrPath, IdsOption


class RecallPrompt(DeckWidget):
    """Open-recall prompts from a deck: one prompt, or all of them one at a time.

    The learner writes an answer in a text area, may ask for the hint, then "Compare with the
    key concepts" reveals a checklist; each tick of what the answer covered updates "You got
    3/4 concepts" and the list of missed ones (and records a ``concepts`` event).

    Parameters
    ----------
    deck_or_path:
        A :class:`~recall_widgets.Deck` or the path of a YAML deck.
    prompt_id:
        Show only this prompt; by default all prompts (of the section), one at a time.
        The same as ``ids=prompt_id``.
    ids:
        Exactly these prompts (one id, or a sequence of ids), in this order. Looked up among
        the prompts of ``section``, when given; an unknown id raises ``ValueError`` naming
        the ids there are, closest first. Give ``prompt_id`` or ``ids``, not both.
    section:
        Only the prompts of this section.
    tags:
        Only the prompts having any of these tags (one tag, or a sequence); a tag no prompt
        has raises ``ValueError`` listing the tags there are.
    exclude_tags:
        Without ``prompt_id`` or ``ids``, leave out the prompts with any of these tags: by
        default those tagged ``predict``; ``()`` keeps every prompt.
    progress:
        Where the learner's actions are recorded: by default the shared progress store
        (``RECALL_PROGRESS`` or the per-user file), ``False`` for nowhere, or a database path
        or :class:`~recall_widgets.progress.ProgressStore`. Opened on the first action.

    Example
    -------
    >>> prompt = RecallPrompt("content/flask-sessions.yaml", "p-explain-sessions")  # doctest: +SKIP
    >>> prompt.write("Signed cookies keyed by the secret key")  # doctest: +SKIP
    >>> prompt.check([0, 2])  # doctest: +SKIP
    (2, 3)
    """

    _esm = widget_esm("recall_prompt.js")
    _css = widget_css("recall_prompt.css")
    _noun = "prompts"
    _remember_kinds = ("recall_text", "concepts", "hint")

    def __init__(
        self,
        deck_or_path: DeckOrPath,
        prompt_id: str | None = None,
        *,
        ids: IdsOption = None,
        section: str | None = None,
        tags: str | Sequence[str] | None = None,
        exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
        progress: ProgressOption = None,
    ) -> None:
        if prompt_id is not None and ids is not None:
            raise TypeError(
                f"give the prompt's id or ids=, not both (got {prompt_id!r} and ids={ids!r})"
            )
        if prompt_id is not None and not isinstance(prompt_id, str):
            raise TypeError(f"prompt_id must be a prompt's id (str), got {prompt_id!r}")
        deck, prompts = self._select(
            deck_or_path,
            section=section,
            ids=prompt_id if prompt_id is not None else ids,
            tags=tags,
            exclude_tags=exclude_tags,
        )
        shown_ids, shown_tags = self._shown_selection(
            prompt_id if prompt_id is not None else ids, exclude_tags
        )
        filters = {
            "prompt": prompt_id,
            "ids": shown_ids if prompt_id is None else None,
            "section": section,
            "tags": self._shown_tags(tags),
            "exclude_tags": shown_tags,
        }
        super().__init__(
            deck, prompts, filters, progress=progress, base=self._base_of(deck_or_path)
        )

    def _render_item(self, item: Item) -> dict[str, Any]:
        prompt = cast(Prompt, item)
        return {
            "prompt": render_markdown(prompt.prompt, self._base),
            "hint": render_markdown(prompt.hint, self._base) if prompt.hint else "",
            "concepts": [render_inline(text, self._base) for text in prompt.concept_texts],
            "level": prompt.level or "",
        }

    def _prompt(self, prompt_id: str | None) -> Prompt:
        if prompt_id is None:
            return cast(Prompt, self._items[self.position])
        prompt = cast(Prompt, self._items[self._index_of(prompt_id)])
        self.go_to(prompt_id)
        return prompt

    def write(self, text: str, prompt_id: str | None = None) -> None:
        """Record the learner's own answer to a prompt (the one on screen by default)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        self._record("recall_text", self._prompt(prompt_id).id, text)

    def show_hint(self, prompt_id: str | None = None) -> None:
        """Show the hint of a prompt (the one on screen by default)."""
        prompt = self._prompt(prompt_id)
        if prompt.hint is None:
            raise ValueError(f"prompt {prompt.id!r} has no hint")
        self._record("hint", prompt.id, True)

    def check(
        self, concept_indexes: Sequence[int], prompt_id: str | None = None
    ) -> tuple[int, int]:
        """Tick the concepts the answer covered; return ``(got, total)``.

        Indexes are 0-based in the deck's order of the prompt's ``concepts``.
        """
        prompt = self._prompt(prompt_id)
        value = decide(prompt, "concepts", {"checked": list(concept_indexes)})
        self._record("concepts", prompt.id, value)
        return len(value["checked"]), value["total"]

    @property
    def concepts_checked(self) -> dict[str, list[int]]:
        """The latest ticked concept indexes, by prompt id (only indexes the prompt has)."""
        return {e["item"]: list(e["value"]["checked"]) for e in self._events_of("concepts")}

    @property
    def answers(self) -> dict[str, dict[str, Any]]:
        """Per prompt answered: ``{"first", "last", "attempts", "correct"}``, the shape every
        widget's ``answers`` has (:func:`~.recording.answers_of`).

        ``first`` and ``last`` are the first and the latest text the learner wrote,
        ``attempts`` counts the texts recorded, and ``correct`` is None: a written answer is
        not right or wrong (the learner compares it with the concepts, :attr:`concepts_checked`).
        """
        return answers_of(self._events_of("recall_text"), "recall_text")
