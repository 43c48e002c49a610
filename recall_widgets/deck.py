"""The content model: a deck of flashcards, questions and recall prompts, as plain data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Ids are slugs so they are safe in file names, URLs and HTML attributes.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
LEVELS = ("beginner", "intermediate", "advanced")

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=100),
    Field(description="A slug: letters, digits, '-' and '_', starting with a letter or digit."),
]
#: Text that is not empty or only white space. Markdown unless the field says otherwise.
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Level = Literal["beginner", "intermediate", "advanced"]


class _Model(BaseModel):
    """Strict, immutable base: unknown keys are errors, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Item(_Model):
    id: Slug = Field(description="Unique in the deck and stable: learner progress is keyed by it.")
    level: Level | None = Field(default=None, description="beginner, intermediate or advanced.")
    section: Slug | None = Field(
        default=None, description="Groups items into lessons; widgets can show one section."
    )
    tags: tuple[Slug, ...] = Field(default=(), description="Free labels for filtering.")


class Card(_Item):
    """A flashcard: a question on the front, the answer on the back."""

    front: Text = Field(description="Markdown shown first.")
    back: Text = Field(description="Markdown shown after the flip.")


class Choice(_Model):
    """One answer of a multiple-choice question."""

    text: Text = Field(description="Markdown.")
    correct: bool = Field(default=False, description="true for each right answer.")
    why: Text | None = Field(
        default=None, description="Markdown feedback shown when a learner picks this choice."
    )


class Question(_Item):
    """A multiple-choice question; several correct choices make it multiple-select."""

    prompt: Text = Field(description="Markdown.")
    choices: tuple[Choice, ...] = Field(min_length=2, description="At least two choices.")
    explanation: Text = Field(description="Markdown shown after an answer, right or wrong.")

    @property
    def multiple(self) -> bool:
        """True when more than one choice is correct (checkboxes instead of radio buttons)."""
        return sum(choice.correct for choice in self.choices) > 1

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Indexes of the correct choices, in YAML order."""
        return tuple(i for i, choice in enumerate(self.choices) if choice.correct)


class Prompt(_Item):
    """An open-recall prompt: the learner writes an answer, then ticks the concepts it covered."""

    prompt: Text = Field(description="Markdown.")
    hint: Text | None = Field(default=None, description="Markdown shown on request.")
    concepts: tuple[Text, ...] = Field(
        min_length=1, description="The key points a good answer covers (Markdown each)."
    )


Item = Card | Question | Prompt


class Deck(_Model):
    """A deck: flashcards, questions and recall prompts on one topic.

    Load one with :func:`recall_widgets.load_deck`; the loader checks everything the schema
    cannot say (at least one item, unique ids, a correct choice per question) and reports
    every problem with its file, line and field.
    """

    deck: Slug = Field(description="Stable id of the deck: learner progress is keyed by it.")
    title: Text = Field(description="Plain text.")
    description: Text | None = Field(default=None, description="Markdown.")
    cards: tuple[Card, ...] = Field(default=(), description="Flashcards.")
    questions: tuple[Question, ...] = Field(default=(), description="Multiple-choice questions.")
    prompts: tuple[Prompt, ...] = Field(default=(), description="Open-recall prompts.")

    @property
    def id(self) -> str:
        """The deck's id (the ``deck`` key)."""
        return self.deck

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item: cards, then questions, then prompts."""
        return (*self.cards, *self.questions, *self.prompts)

    def item(self, item_id: str) -> Item:
        """Return the item with this id, or raise ``KeyError`` naming the ids there are."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"deck {self.deck!r} has no item {item_id!r}")

    @property
    def sections(self) -> tuple[str, ...]:
        """Section names in order of first appearance."""
        return tuple(dict.fromkeys(i.section for i in self.items if i.section is not None))

    def __repr__(self) -> str:
        return (
            f"<Deck {self.deck!r}: {len(self.cards)} cards, {len(self.questions)} questions, "
            f"{len(self.prompts)} prompts>"
        )
