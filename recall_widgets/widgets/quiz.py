"""Quiz: multiple-choice questions one at a time, checked instantly, first attempts scored."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from typing import Any, cast

from ..deck.model import Item, Question
from .assets import widget_css, widget_esm
from .base import DeckWidget
from .recording import ProgressOption, answers_of
from .selection import DEFAULT_EXCLUDE_TAGS, DeckOrPath, IdsOption
from .views import display_count, graded_answer, question_content, shuffled_lines


@dataclasses.dataclass(frozen=True)
class Score:
    """First-attempt score: ``correct`` of ``answered`` questions, out of ``total``."""

    correct: int
    answered: int
    total: int

    def __str__(self) -> str:
        return f"{self.correct}/{self.answered}"


class Quiz(DeckWidget):
    """Multiple-choice questions from a deck, one at a time.

    Radio buttons when one choice is correct, checkboxes when several are. "Check" gives
    ✓ Correct / ✗ Incorrect with the explanation and the chosen choices' ``why``; "Try again"
    allows practice, but only the **first attempt** counts for :attr:`score`. Choice indexes
    (in events and in :meth:`answer`) are always in the deck's YAML order, whatever the order
    on screen.

    Parameters
    ----------
    deck_or_path:
        A :class:`~recall_widgets.Deck` or the path of a YAML deck.
    ids:
        Exactly these questions (one id, or a sequence of ids), in this order: e.g. a
        "predict, then see" question before its demo. Looked up among the questions
        ``section`` and ``level`` keep, when given; an unknown id raises ``ValueError``
        naming the ids there are, closest first.
    section:
        Only the questions of this section.
    level:
        Only questions of this level, or of any of a list of levels.
    tags:
        Only the questions having any of these tags (one tag, or a sequence); a tag no
        question has raises ``ValueError`` listing the tags there are.
    exclude_tags:
        Without ``ids``, leave out the questions with any of these tags: by default those
        tagged ``predict``, so a demo's prediction does not come back in the lesson's quiz;
        ``()`` keeps every question. ``ids`` always includes what it names.
    sample:
        Show only this many questions, picked at random (seeded by ``seed``) from those the
        other arguments select; they keep their order unless ``shuffle``.
    shuffle:
        Show the questions in random order (seeded by ``seed``), as Flashcards does.
    shuffle_choices:
        Show each question's choices in random order.
    seed:
        Seed of the shuffles and of ``sample``, to repeat them.
    progress:
        Where the learner's actions are recorded: by default the shared progress store
        (``RECALL_PROGRESS`` or the per-user file), ``False`` for nowhere, or a database path
        or :class:`~recall_widgets.progress.ProgressStore`. Opened on the first action.

    Example
    -------
    >>> quiz = Quiz("content/flask-sessions.yaml", seed=1)  # doctest: +SKIP
    >>> quiz.answer("q-secret-key", [0])  # doctest: +SKIP
    True
    >>> quiz.score  # doctest: +SKIP
    Score(correct=1, answered=1, total=5)
    """

    _esm = widget_esm("quiz.js")
    _css = widget_css("question_view.css", "quiz.css")
    _noun = "questions"
    _remember_kinds = ("answer", "retry")

    def __init__(
        self,
        deck_or_path: DeckOrPath,
        *,
        ids: IdsOption = None,
        section: str | None = None,
        level: str | Sequence[str] | None = None,
        tags: str | Sequence[str] | None = None,
        exclude_tags: str | Sequence[str] = DEFAULT_EXCLUDE_TAGS,
        sample: int | None = None,
        shuffle: bool = False,
        shuffle_choices: bool = True,
        seed: int | str | None = None,
        progress: ProgressOption = None,
    ) -> None:
        deck, questions = self._select(
            deck_or_path,
            section=section,
            level=level,
            ids=ids,
            tags=tags,
            exclude_tags=exclude_tags,
        )
        questions = _sampled(questions, sample, shuffle=shuffle, seed=seed)
        # One base draw, then a per-question generator: orders do not depend on which
        # questions were rendered first (rendering is lazy).
        self._shuffle_base = random.Random(seed).getrandbits(64) if shuffle_choices else None
        shown_ids, shown_tags = self._shown_selection(ids, exclude_tags)
        filters = {
            "ids": shown_ids,
            "section": section,
            "level": level,
            "tags": self._shown_tags(tags),
            "exclude_tags": shown_tags,
            "sample": sample,
            "shuffle": shuffle or None,
            "seed": seed,
        }
        super().__init__(
            deck, questions, filters, progress=progress, base=self._base_of(deck_or_path)
        )

    def _order(self, question: Question) -> list[int]:
        if question.kind == "order":
            return shuffled_lines(question, self._shuffle_base)
        order = list(range(display_count(question)))
        if self._shuffle_base is not None:
            random.Random(f"{self._shuffle_base}:{question.id}").shuffle(order)
        return order

    def _render_item(self, item: Item) -> dict[str, Any]:
        question = cast(Question, item)
        return question_content(question, self._order(question), self._base)

    def _question(self, question_id: str) -> Question:
        return cast(Question, self._items[self._index_of(question_id)])

    def answer(self, question_id: str, answer: int | float | str | Sequence[int]) -> bool:
        """Answer a question; return whether it is correct (as Python decides it).

        ``answer`` is what a learner gives for the question's kind: choice indexes in YAML
        order (one, or a sequence) for a choice question, a number for a numeric one, text for
        a text or predict one, line indexes (its lines, then its distractors) in the learner's
        order for an order one. The first answer to a question counts for the score; later
        ones are practice. An answer that cannot be one (a choice the question does not have,
        several for a one-answer question, empty text, a line twice) is a ``ValueError``.
        """
        value = graded_answer(self._question(question_id), answer)
        self.go_to(question_id)
        self._record("answer", question_id, value)
        return bool(value["correct"])

    def retry(self, question_id: str) -> None:
        """Clear the shown answer of a question so it can be tried again (practice)."""
        self._question(question_id)
        self.go_to(question_id)
        self._record("retry", question_id, None)

    @property
    def answers(self) -> dict[str, dict[str, Any]]:
        """Per answered question: ``{"first", "last", "attempts", "correct"}``.

        ``first`` and ``last`` are the chosen indexes (YAML order) of the first and latest
        attempts, ``attempts`` counts them all and ``correct`` is whether the first attempt
        (the one that counts) chose exactly the deck's correct choices — decided by Python,
        whatever the browser said. The shape every widget's ``answers`` has
        (:func:`~.recording.answers_of`).
        """
        return answers_of(self._events_of("answer"), "answer")

    @property
    def score(self) -> Score:
        """First attempts correct, questions answered, questions in the quiz."""
        answers = self.answers
        correct = sum(a["correct"] for a in answers.values())
        return Score(correct=correct, answered=len(answers), total=len(self._items))

    @property
    def missed(self) -> list[str]:
        """Ids of the questions whose first attempt was wrong, in quiz order."""
        answers = self.answers
        return [i for i in self.ids if i in answers and not answers[i]["correct"]]

    def _repr_extra(self) -> str:
        return f", score={self.score}" if self.events else ""


def _sampled(
    items: list[Item], sample: int | None, *, shuffle: bool, seed: int | str | None
) -> list[Item]:
    """``sample`` of ``items`` picked at random (in their order unless ``shuffle``), or all
    of them (shuffled if ``shuffle``, as Flashcards shuffles); ``ValueError`` if too many."""
    rng = random.Random(seed)
    if sample is None:
        if shuffle:
            rng.shuffle(items)
        return items
    if isinstance(sample, bool) or not isinstance(sample, int):
        raise TypeError(f"sample must be a number of questions (int), got {sample!r}")
    if not 1 <= sample <= len(items):
        raise ValueError(
            f"sample={sample} but {len(items)} question{'s' if len(items) != 1 else ''} "
            f"{'are' if len(items) != 1 else 'is'} selected; give 1 to {len(items)}"
        )
    picked = rng.sample(range(len(items)), sample)
    return [items[i] for i in (picked if shuffle else sorted(picked))]
