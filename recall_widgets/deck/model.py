"""The content model: a deck of flashcards, questions, recall prompts and exercises, as data.

Frozen msgspec structs: ``msgspec.convert(data, Deck)`` checks plain data (what the loader
builds from YAML) against these types and builds the deck in one pass, in C. The constraints
are written once, here, as ``Meta``: the loader's messages (:mod:`.validate`, :mod:`.messages`)
and the JSON Schema (:mod:`.schema`) read them back with ``msgspec.inspect``.

No ``from __future__ import annotations`` here: msgspec would evaluate every field's annotation
from its text on the first ``convert`` (about 10 ms of the first widget's start).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

import msgspec
from msgspec import Meta

#: Ids are slugs so they are safe in file names, URLs and HTML attributes.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
LEVELS = ("beginner", "intermediate", "advanced")
#: A pytest test's name: a function name starting with ``test``, optionally one parametrized
#: case in brackets (``test_x[case]``). Names, not file paths, so tests can move between files.
TEST_NAME_PATTERN = r"^test[A-Za-z0-9_]*(?:\[[^\r\n]+\])?$"
#: Text has a character that is not white space.
TEXT_PATTERN = r"\S"
#: An exercise's check, ``module:function``: a dotted module path, a colon, a function name.
CHECK_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$"
#: Each pattern above (as JSON Schema and editors read it, ECMA-262) as Python's ``re`` checks
#: it (msgspec matches with ``re.search``): ``\Z``, not ``$``, ends the text, so an id with a
#: final line break is refused, and U+001C to U+001F, which Python counts as white space and
#: Unicode does not, are text.
CHECKED = {
    SLUG_PATTERN: r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z",
    TEST_NAME_PATTERN: r"^test[A-Za-z0-9_]*(?:\[[^\r\n]+\])?\Z",
    TEXT_PATTERN: r"[\S\x1c-\x1f]",
    CHECK_PATTERN: r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*\Z",
}
#: The kinds of thinking a question can test (its ``thinking`` key), with what each means.
THINKING = {
    "recall": "remember a fact",
    "concept": "explain or understand why",
    "application": "choose or apply for a situation, read this code or config",
    "prediction": "predict what code or a request will do",
}


def _pattern(pattern: str, **meta: Any) -> Meta:
    """A Meta checking ``pattern`` the way Python's re must, shown as written in JSON Schema."""
    schema = {"pattern": pattern, **meta.pop("extra_json_schema", {})}
    return Meta(pattern=CHECKED[pattern], extra_json_schema=schema, **meta)


def _in_order(words: Iterable[str]) -> Meta:
    """The allowed words in this order in the JSON Schema (``msgspec.inspect`` sorts them)."""
    return Meta(extra_json_schema={"enum": list(words)})


def _doc(description: str) -> Meta:
    """A field's description (in the JSON Schema; the type's own description gives way)."""
    return Meta(description=description)


Slug = Annotated[
    str,
    _pattern(
        SLUG_PATTERN,
        max_length=100,
        description="A slug: letters, digits, '-' and '_', starting with a letter or digit.",
    ),
]
#: Text that is not empty or only white space. Markdown unless the field says otherwise.
Text = Annotated[str, _pattern(TEXT_PATTERN, min_length=1)]
Level = Annotated[Literal["beginner", "intermediate", "advanced"], _in_order(LEVELS)]
Thinking = Annotated[Literal["recall", "concept", "application", "prediction"], _in_order(THINKING)]
TestName = Annotated[
    str,
    _pattern(
        TEST_NAME_PATTERN,
        description="A pytest test's name: 'test_...' (letters, digits, '_'), optionally one "
        "parametrized case in brackets, 'test_...[case]'. Not a file path.",
    ),
]
Evidence = Annotated[
    tuple[TestName, ...],
    Meta(
        description="Names of the tests that prove what this says, each once: pytest test "
        "function names such as test_clear_sends_an_expired_cookie, or one parametrized case, "
        "test_x[case] (names, not file paths, so tests can move between files). "
        "recall_widgets.deck.evidence checks that each names a collected test.",
        extra_json_schema={"uniqueItems": True},
    ),
]


def _distinct(names: tuple[str, ...]) -> None:
    """Refuse a test named twice in one ``evidence`` list (the loader points at the repeat)."""
    if len(names) > 1 and len(set(names)) < len(names):
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise ValueError(f"test '{name}' is listed twice; list each test once")
            seen.add(name)


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Strict, immutable base: unknown keys are errors, no type coercion."""

    @classmethod
    def model_validate(cls, data: Any, *, strict: bool = True) -> Self:
        """Check plain data (mappings, lists, scalars) and build one; ``strict=False`` also
        converts text such as ``"true"`` or ``"3"``. Raises ``msgspec.ValidationError`` (a
        ``ValueError``) at the first problem; :func:`recall_widgets.load_deck` reports them all.
        """
        return msgspec.convert(data, cls, strict=strict)

    def model_dump(self) -> dict[str, Any]:
        """This as plain data (dicts, lists, scalars), which :meth:`model_validate` accepts."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


class _Item(_Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: Annotated[Slug, _doc("Unique in the deck and stable: learner progress is keyed by it.")]
    level: Annotated[Level | None, _doc("beginner, intermediate or advanced.")] = None
    section: Annotated[
        Slug | None, _doc("Groups items into lessons; widgets can show one section.")
    ] = None
    tags: Annotated[
        tuple[Slug, ...],
        _doc(
            "Free labels for filtering. Widgets showing a section or level leave out items "
            "tagged 'predict' (questions to answer before a demo, shown with ids=)."
        ),
    ] = ()


class Card(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A flashcard: a question on the front, the answer on the back."""

    front: Annotated[Text, _doc("Markdown shown first.")]
    back: Annotated[Text, _doc("Markdown shown after the flip.")]
    evidence: Evidence = ()

    def __post_init__(self) -> None:
        _distinct(self.evidence)


class Choice(_Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One answer of a multiple-choice question."""

    text: Annotated[Text, _doc("Markdown.")]
    correct: Annotated[bool, _doc("true for each right answer.")] = False
    why: Annotated[
        Text | None, _doc("Markdown feedback shown when a learner picks this choice.")
    ] = None


QUESTION_KINDS = {
    "choice": "pick the right choice (or choices)",
    "numeric": "type a number: a value with a tolerance, a range or a precision",
    "text": "fill in a word or phrase: accepted answers, a pattern, fuzzy matching",
    "order": "put lines in order (a Parsons problem), leaving out distractor lines",
    "predict": "read code and type what it prints (the output is generated from the code)",
}
"""The kinds of question (a question's ``kind``, ``choice`` when not written), with what the
learner does in each."""
QuestionKind = Annotated[
    Literal["choice", "numeric", "text", "order", "predict"], _in_order(QUESTION_KINDS)
]
#: The keys that belong to one kind of question (every kind has the others: id, prompt, ...).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("choices",),
    "numeric": ("answer", "tolerance", "range", "precision", "feedback", "default_feedback"),
    "text": ("answers", "match_case", "pattern", "fuzzy", "feedback", "default_feedback"),
    "order": ("lines", "distractors"),
    "predict": ("code", "output"),
}


class Feedback(_Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What to say to a learner who gives a common wrong answer (numeric and text questions)."""

    answer: Annotated[
        float | str,
        _doc(
            "The wrong answer: a number (numeric questions, matched with the question's "
            "tolerance) or text (text questions, matched as the accepted answers are)."
        ),
    ]
    why: Annotated[Text, _doc("Markdown feedback shown when a learner gives this answer.")]


class Question(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A question: multiple choice unless ``kind`` says numeric, text, order or predict.

    Each kind has its own keys (:data:`KIND_FIELDS`); the loader refuses a key of another kind.
    Several correct choices make a choice question multiple-select.
    """

    kind: Annotated[
        QuestionKind,
        _doc(
            "What the learner does: "
            + "; ".join(f"{kind}: {meaning}" for kind, meaning in QUESTION_KINDS.items())
            + ". Default: choice."
        ),
    ] = "choice"
    thinking: Annotated[
        Thinking | None,
        _doc(
            "The kind of thinking the question tests: "
            + "; ".join(f"{kind}: {meaning}" for kind, meaning in THINKING.items())
            + "."
        ),
    ] = None
    prompt: Annotated[Text, _doc("Markdown.")]
    choices: Annotated[
        tuple[Choice, ...],
        _doc("choice: at least two choices, at least one with correct: true."),
    ] = ()
    answer: Annotated[
        float | None,
        _doc("numeric: the right value (with tolerance or precision), unless range is given."),
    ] = None
    tolerance: Annotated[
        float | None,
        Meta(
            description="numeric: how far from answer still counts (0 or more; default 0).",
            extra_json_schema={"minimum": 0},
        ),
    ] = None
    range: Annotated[
        tuple[float, ...] | None,
        Meta(
            description="numeric: [lowest, highest] right values, both included (instead of "
            "answer).",
            extra_json_schema={"minItems": 2, "maxItems": 2},
        ),
    ] = None
    precision: Annotated[
        int | None,
        Meta(
            description="numeric: decimal places the answer must match: with 2, anything "
            "within 0.005 of answer counts (instead of tolerance).",
            extra_json_schema={"minimum": 0, "maximum": 15},
        ),
    ] = None
    answers: Annotated[
        tuple[Text, ...],
        _doc(
            "text: the accepted answers (plain text), matched with white space normalised and "
            "ignoring case unless match_case."
        ),
    ] = ()
    match_case: Annotated[bool, _doc("text: true to tell upper from lower case.")] = False
    pattern: Annotated[
        Text | None,
        _doc(
            "text: a regular expression a right answer matches as a whole (also accepted; "
            "write it in the syntax Python and JavaScript share)."
        ),
    ] = None
    fuzzy: Annotated[
        float | None,
        Meta(
            description="text: also accept an answer this close to an accepted one (a "
            "Levenshtein ratio above 0 and at most 1, e.g. 0.85 forgives a typo).",
            extra_json_schema={"exclusiveMinimum": 0, "maximum": 1},
        ),
    ] = None
    lines: Annotated[
        tuple[Text, ...],
        _doc("order: the lines in their right order (at least two); shown shuffled."),
    ] = ()
    distractors: Annotated[
        tuple[Text, ...],
        _doc("order: lines that belong nowhere in the answer, shown among the others."),
    ] = ()
    code: Annotated[
        Text | None,
        _doc(
            "predict: the Python code shown; the learner types what it prints. Its output is "
            "generated by `recall-widgets predict DECK` into DECK's .outputs.json."
        ),
    ] = None
    output: Annotated[
        str | None,
        _doc(
            "predict: what code prints, read from the generated .outputs.json beside the deck "
            "(never written in the deck)."
        ),
    ] = None
    feedback: Annotated[
        tuple[Feedback, ...],
        _doc("numeric, text: feedback for common wrong answers."),
    ] = ()
    default_feedback: Annotated[
        Text | None,
        _doc("numeric, text: Markdown shown for a wrong answer no feedback entry matches."),
    ] = None
    explanation: Annotated[Text, _doc("Markdown shown after an answer, right or wrong.")]
    evidence: Evidence = ()

    def __post_init__(self) -> None:
        _distinct(self.evidence)

    @property
    def multiple(self) -> bool:
        """True when more than one choice is correct (checkboxes instead of radio buttons)."""
        return sum(choice.correct for choice in self.choices) > 1

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Indexes of the correct choices, in YAML order."""
        return tuple(i for i, choice in enumerate(self.choices) if choice.correct)


class Concept(_Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One key point of a recall prompt, with the tests that prove it.

    In YAML, either its Markdown text alone or a mapping with text and evidence; both load
    as a Concept (evidence is empty for plain text).
    """

    text: Annotated[Text, _doc("Markdown.")]
    evidence: Evidence = ()

    def __post_init__(self) -> None:
        _distinct(self.evidence)


if TYPE_CHECKING:
    ConceptEntry = Concept
else:
    #: A concept as written: its text alone, or a mapping (a Prompt stores each as a Concept).
    ConceptEntry = Text | Concept


class Prompt(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An open-recall prompt: the learner writes an answer, then ticks the concepts it covered."""

    prompt: Annotated[Text, _doc("Markdown.")]
    hint: Annotated[Text | None, _doc("Markdown shown on request.")] = None
    concepts: Annotated[
        tuple[ConceptEntry, ...],
        Meta(
            min_length=1,
            description="The key points a good answer covers: each Markdown text, or a "
            "mapping {text: Markdown, evidence: [test names]} when the concept carries its own "
            "evidence.",
        ),
    ]
    evidence: Evidence = ()

    def __post_init__(self) -> None:
        _distinct(self.evidence)
        concepts: tuple[Concept | str, ...] = self.concepts
        if any(isinstance(concept, str) for concept in concepts):
            as_concepts = tuple(Concept(text=c) if isinstance(c, str) else c for c in concepts)
            msgspec.structs.force_setattr(self, "concepts", as_concepts)

    @property
    def concept_texts(self) -> tuple[str, ...]:
        """The Markdown of each concept, in order."""
        return tuple(concept.text for concept in self.concepts)


CheckName = Annotated[
    str,
    _pattern(
        CHECK_PATTERN,
        description="The check, as module:function (e.g. flask_course.exercises.cart:check): "
        "a dotted module path, a colon and the name of a recall_widgets.checking.Checks in it. "
        "The loader checks the form and never imports it.",
    ),
]


class Exercise(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A coding exercise: the learner writes code in notebook cells and a check runs it."""

    title: Annotated[Text, _doc("Plain text: what the exercise is called.")]
    task: Annotated[Text, _doc("Markdown: what the learner's cells must define.")]
    starter: Annotated[
        str | None, _doc("Python code the learner starts from (shown in the task's cell).")
    ] = None
    hints: Annotated[
        tuple[Text, ...], _doc("Markdown hints, revealed one at a time, in this order.")
    ] = ()
    solution: Annotated[Text, _doc("Python code that passes the check, shown on request.")]
    check: Annotated[CheckName, _doc("The check that runs in the learner's kernel.")]
    evidence: Evidence = ()

    def __post_init__(self) -> None:
        _distinct(self.evidence)


Item = Card | Question | Prompt | Exercise


class Deck(_Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A deck: flashcards, questions, recall prompts and exercises on one topic.

    Load one with :func:`recall_widgets.load_deck`; the loader checks everything the schema
    cannot say (at least one item, unique ids, a correct choice per question) and reports
    every problem with its file, line and field.
    """

    id: Annotated[Slug, _doc("Stable id of the deck: learner progress is keyed by it.")] = (
        msgspec.field(name="deck")  # written `deck:` in YAML; `Deck.id` in Python
    )
    title: Annotated[Text, _doc("Plain text.")]
    description: Annotated[Text | None, _doc("Markdown.")] = None
    cards: Annotated[tuple[Card, ...], _doc("Flashcards.")] = ()
    questions: Annotated[
        tuple[Question, ...],
        _doc("Questions: multiple choice, numeric, text, order or predict (their kind)."),
    ] = ()
    prompts: Annotated[tuple[Prompt, ...], _doc("Open-recall prompts.")] = ()
    exercises: Annotated[tuple[Exercise, ...], _doc("Coding exercises.")] = ()
    lang: Annotated[
        str | None,
        _doc(
            "The language the deck is written in, a BCP 47 tag (de, fr, en-GB): the lang "
            "attribute of its content for screen readers, and the language the widgets speak."
        ),
    ] = None

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item: cards, then questions, then prompts, then exercises."""
        return (*self.cards, *self.questions, *self.prompts, *self.exercises)

    def item(self, item_id: str) -> Item:
        """Return the item with this id, or raise ``KeyError`` naming the ids there are."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"deck {self.id!r} has no item {item_id!r}")

    @property
    def sections(self) -> tuple[str, ...]:
        """Section names in order of first appearance."""
        return tuple(dict.fromkeys(i.section for i in self.items if i.section is not None))

    def __repr__(self) -> str:
        exercises = f", {len(self.exercises)} exercises" if self.exercises else ""
        return (
            f"<Deck {self.id!r}: {len(self.cards)} cards, {len(self.questions)} questions, "
            f"{len(self.prompts)} prompts{exercises}>"
        )
