"""The content model: a deck of flashcards, questions and recall prompts, as plain data."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

#: Ids are slugs so they are safe in file names, URLs and HTML attributes.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
LEVELS = ("beginner", "intermediate", "advanced")
#: A pytest test's name: a function name starting with ``test``, optionally one parametrized
#: case in brackets (``test_x[case]``). Names, not file paths, so tests can move between files.
TEST_NAME_PATTERN = r"^test[A-Za-z0-9_]*(?:\[[^\r\n]+\])?$"
#: The kinds of thinking a question can test (its ``thinking`` key), with what each means.
THINKING = {
    "recall": "remember a fact",
    "concept": "explain or understand why",
    "application": "choose or apply for a situation, read this code or config",
    "prediction": "predict what code or a request will do",
}

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=100),
    Field(description="A slug: letters, digits, '-' and '_', starting with a letter or digit."),
]
#: Text that is not empty or only white space. Markdown unless the field says otherwise.
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Level = Literal["beginner", "intermediate", "advanced"]
Thinking = Literal["recall", "concept", "application", "prediction"]


def _distinct(names: tuple[str, ...]) -> tuple[str, ...]:
    """Refuse a test named twice in one ``evidence`` list (the loader points at the repeat)."""
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in first:
            raise PydanticCustomError(
                "duplicate_test",
                "test '{name}' is listed twice; list each test once",
                {"name": name, "index": index, "first": first[name]},
            )
        first[name] = index
    return names


TestName = Annotated[
    str,
    StringConstraints(pattern=TEST_NAME_PATTERN),
    Field(
        description="A pytest test's name: 'test_...' (letters, digits, '_'), optionally one "
        "parametrized case in brackets, 'test_...[case]'. Not a file path."
    ),
]
Evidence = Annotated[
    tuple[TestName, ...],
    AfterValidator(_distinct),
    Field(
        description="Names of the tests that prove what this says, each once: pytest test "
        "function names such as test_clear_sends_an_expired_cookie, or one parametrized case, "
        "test_x[case] (names, not file paths, so tests can move between files). "
        "recall_widgets.deck.evidence checks that each names a collected test.",
        json_schema_extra={"uniqueItems": True},
    ),
]


class _Model(BaseModel):
    """Strict, immutable base: unknown keys are errors, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Item(_Model):
    id: Slug = Field(description="Unique in the deck and stable: learner progress is keyed by it.")
    level: Level | None = Field(default=None, description="beginner, intermediate or advanced.")
    section: Slug | None = Field(
        default=None, description="Groups items into lessons; widgets can show one section."
    )
    tags: tuple[Slug, ...] = Field(
        default=(),
        description="Free labels for filtering. Widgets showing a section or level leave out "
        "items tagged 'predict' (questions to answer before a demo, shown with ids=).",
    )


class Card(_Item):
    """A flashcard: a question on the front, the answer on the back."""

    front: Text = Field(description="Markdown shown first.")
    back: Text = Field(description="Markdown shown after the flip.")
    evidence: Evidence = ()


class Choice(_Model):
    """One answer of a multiple-choice question."""

    text: Text = Field(description="Markdown.")
    correct: bool = Field(default=False, description="true for each right answer.")
    why: Text | None = Field(
        default=None, description="Markdown feedback shown when a learner picks this choice."
    )


class Question(_Item):
    """A multiple-choice question; several correct choices make it multiple-select."""

    thinking: Thinking | None = Field(
        default=None,
        description="The kind of thinking the question tests: "
        + "; ".join(f"{kind}: {meaning}" for kind, meaning in THINKING.items())
        + ".",
    )
    prompt: Text = Field(description="Markdown.")
    choices: tuple[Choice, ...] = Field(min_length=2, description="At least two choices.")
    explanation: Text = Field(description="Markdown shown after an answer, right or wrong.")
    evidence: Evidence = ()

    @property
    def multiple(self) -> bool:
        """True when more than one choice is correct (checkboxes instead of radio buttons)."""
        return sum(choice.correct for choice in self.choices) > 1

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Indexes of the correct choices, in YAML order."""
        return tuple(i for i, choice in enumerate(self.choices) if choice.correct)


class Concept(_Model):
    """One key point of a recall prompt, with the tests that prove it.

    In YAML, either its Markdown text alone or a mapping with text and evidence; both load
    as a Concept (evidence is empty for plain text).
    """

    text: Text = Field(description="Markdown.")
    evidence: Evidence = ()


def _concept_from_text(value: Any) -> Any:
    """A concept written as plain text is a concept with only ``text``."""
    return value if isinstance(value, dict) else {"text": value}


ConceptEntry = Annotated[
    Concept, BeforeValidator(_concept_from_text, json_schema_input_type=Text | Concept)
]


class Prompt(_Item):
    """An open-recall prompt: the learner writes an answer, then ticks the concepts it covered."""

    prompt: Text = Field(description="Markdown.")
    hint: Text | None = Field(default=None, description="Markdown shown on request.")
    concepts: tuple[ConceptEntry, ...] = Field(
        min_length=1,
        description="The key points a good answer covers: each Markdown text, or a mapping "
        "{text: Markdown, evidence: [test names]} when the concept carries its own evidence.",
    )
    evidence: Evidence = ()

    @property
    def concept_texts(self) -> tuple[str, ...]:
        """The Markdown of each concept, in order."""
        return tuple(concept.text for concept in self.concepts)


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
