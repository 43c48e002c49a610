"""The course deck: it loads, it is complete, and the seed's wrong claims stay out of it.

The seed study material made three wrong claims about Flask sessions (see
``../shared/FLASK_FACTS.md``): that a missing secret key raises an error (reads work; only
writes raise), that tampering raises an error (the session is silently emptied), and that
signing "prevents tampering" or keeps the data "secure" (it detects changes; the cookie is
signed, not encrypted). ``test_wrong_claims_do_not_survive`` scans every deck, notebook and
the README for them; ``test_scanner_flags_the_seed_sentences`` proves the scanner would
catch the seed's own sentences, and ``test_scanner_allows_corrections`` that it leaves the
sentences correcting them alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DECK_PATH = CONTENT / "flask-sessions.yaml"
SECTIONS = {"basics", "cookie", "safety", "real-app"}
LEVELS = {"beginner", "intermediate", "advanced"}


@pytest.fixture(scope="module")
def deck() -> Any:
    from recall_widgets import load_deck

    return load_deck(DECK_PATH)


def test_deck_loads_with_its_counts(deck: Any) -> None:
    assert deck.id == "flask-sessions"
    assert len(deck.cards) == 28
    assert len(deck.questions) == 40
    assert len(deck.prompts) == 5


def test_seed_items_are_kept(deck: Any) -> None:
    ids = {item.id for item in deck.items}
    seed_ids = {
        # the seed's five cards
        "session-object", "session-signing", "store-value", "secret-key-required",
        "no-secret-key",
        # its five questions
        "session-like", "secret-key-setting", "session-storage", "remove-key",
        "tampered-cookie-result",
        # its two recall prompts
        "explain-persistence", "use-sessions-safely",
    }  # fmt: skip
    assert seed_ids <= ids
    # The seed's line break survives as authored HTML.
    assert "<br>" in deck.item("store-value").back


def test_every_item_has_level_and_section(deck: Any) -> None:
    for item in deck.items:
        assert item.level in LEVELS, item.id
        assert item.section in SECTIONS, item.id
    assert set(deck.sections) == SECTIONS


def test_each_section_has_enough_cards_and_questions(deck: Any) -> None:
    for section in SECTIONS:
        cards = [c for c in deck.cards if c.section == section]
        questions = [q for q in deck.questions if q.section == section]
        assert len(cards) >= 3, section
        assert len(questions) >= 3, section
        # each lesson ends with a recall prompt of its own section
        assert [p for p in deck.prompts if p.section == section], section


def test_the_course_asks_more_than_multiple_choice(deck: Any) -> None:
    kinds = [q.kind for q in deck.questions]
    assert kinds.count("predict") >= 3
    assert kinds.count("numeric") + kinds.count("text") >= 2
    assert kinds.count("order") >= 1
    for question in deck.questions:
        if question.kind in ("numeric", "text"):  # a wrong answer is always answered
            assert question.default_feedback and question.feedback, question.id


def test_every_wrong_choice_explains_why(deck: Any) -> None:
    for question in deck.questions:
        assert question.explanation.strip(), question.id
        if question.kind != "choice":
            continue
        assert any(choice.correct for choice in question.choices), question.id
        for choice in question.choices:
            if not choice.correct:
                assert choice.why and choice.why.strip(), (question.id, choice.text)


def test_there_is_a_multiple_select_question(deck: Any) -> None:
    assert any(sum(c.correct for c in q.choices) >= 2 for q in deck.questions)


def test_every_prompt_has_a_hint_and_four_concepts(deck: Any) -> None:
    for prompt in deck.prompts:
        assert prompt.hint, prompt.id
        assert len(prompt.concepts) == 4, prompt.id


# --------------------------------------------------------------------------- wrong claims
#
# The scanner works sentence by sentence. A sentence is flagged when it matches one of the
# claim patterns below. Negations are handled *inside* the patterns (a look-behind right
# before the verb: "does not raise an error" is fine, "raises an error" is not), never by a
# loose "the sentence contains 'not'" rule: the seed's own sentences contain "won't" and
# "cannot", and must still be flagged. A sentence that explicitly names the claim as a
# misconception or myth is allowed, so good teaching can quote the belief it corrects.
#
# In decks, the text of a *wrong* choice is not scanned: a distractor is a wrong statement
# by design. Everything else is — card faces, prompts, explanations, every `why`, the text
# of correct choices, hints and concepts — so marking a distractor `correct: true` is caught.

_NOT = r"(?<!\bnot )(?<!n't )(?<!\bnever )(?<!\bcannot )(?<!\bno )"
_RAISE = r"\b(?:raises?|raising|raised|throws?|throwing|will raise|would raise)"
_ERROR = r"(?:an? )?(?:\w+ )?(?:error|exception|BadSignature)\b"
_PASSIVE_RAISE = r"(?:an|the) (?:error|exception) (?:is|gets|will be) (?:raised|thrown)"

WRONG_CLAIMS: dict[str, re.Pattern[str]] = {
    # Tampering does not raise: the session is silently replaced by an empty one.
    "tampering raises an error": re.compile(
        "|".join(
            [
                rf"tamper\w*\b[^.!?;]*?{_NOT}{_RAISE}\s+{_ERROR}",
                rf"{_NOT}{_RAISE}\s+{_ERROR}[^.!?;]*\btamper",
                rf"\btamper[^.!?;]*\b{_PASSIVE_RAISE}",
                rf"\b{_PASSIVE_RAISE}[^.!?;]*\btamper",
            ]
        ),
        re.IGNORECASE,
    ),
    # Signing detects changes; it does not prevent them.
    "signing prevents tampering": re.compile(
        r"(?<!\bnot )(?<!n't )(?<!\bcannot )(?<!\bnever )"
        r"\b(?:prevent(?:s|ing|ed)?|stops?|stopping|block(?:s|ing)?)\s+"
        r"(?:\w+\s+){0,3}?(?:from\s+)?(?:tamper\w*|forg\w*)"
        r"|(?<!\bnot )(?<!n't )\btamper[- ]?proof",
        re.IGNORECASE,
    ),
    # Without a secret key, reads work; only writes raise. The seed's reason is also wrong:
    # it is not that Flask "cannot securely sign", it is that there is nothing to sign with.
    "no secret key raises on any use": re.compile(
        r"\b(?:raises?|throws?|will raise)\s+(?:an?\s+)?(?:error|exception)\s+"
        r"because\s+it\s+(?:cannot|can't|can not)\s+(?:securely\s+)?sign",
        re.IGNORECASE,
    ),
    # Signing does not keep the data secure, hidden or private: the cookie is readable.
    "signing keeps the session data secure": re.compile(
        r"\bkeep(?:s|ing)?\s+(?:the\s+|your\s+)?(?:session\s+)?(?:cookies?\s+)?"
        r"(?:data|cookies?|session|them|it)\s+(?:secure|safe|private|hidden|confidential)\b"
        r"|\bsecur(?:e|es|ing)\s+(?:the\s+)?session(?:\s+data|\s+cookies?)?\b"
        r"|\bsecurely\s+sign"
        r"|\bprotect(?:s|ing)?\s+(?:the\s+)?session\s+data\b"
        r"|\bsession\s+data\s+(?:is\s+|stays\s+)?(?:secure|hidden|private|encrypted)\b"
        r"|" + _NOT + r"\b(?:is|are|gets|get)\s+encrypted\b"
        r"|" + _NOT + r"\bencrypts\s+(?:the\s+)?(?:session|cookie|data)",
        re.IGNORECASE,
    ),
}

# A missing secret key: a sentence that says using the session without a key raises, but
# does not limit that to writes, repeats the seed's claim.
_NO_KEY = re.compile(
    r"\b(?:without|no|missing|don't set|do not set|not set|never set)\b[^.!?;]*"
    r"\bsecret[ _]?key|\bSECRET_KEY\b[^.!?;]*\b(?:unset|missing|not set)\b",
    re.IGNORECASE,
)
_FAILS = re.compile(
    _NOT + r"\b(?:raises?|raising|throws?|will raise|fails?|crash(?:es)?)\b", re.IGNORECASE
)
_ONLY_WRITES = re.compile(
    r"\b(?:writ\w*|assign\w*|stor\w*|modif\w*|only|pop|del|clear|flash)\b", re.IGNORECASE
)

# The December 2026 review's high findings (../shared/COURSE_REVIEW.md, H1-H3), as claims of
# their own: clear() alone at login "defeats" fixation (false with Flask-Session, whose id stays
# the same: a sentence that also names regenerate() is fine); a leaked key may stay in the
# fallbacks (cookies forged with it still verify); a copied cookie works "until it expires"
# (a permanent one is re-signed on every use; a non-permanent one dies a lifetime after signing).
_FIXATION = re.compile(
    r"\bclear\(\)[^.!?;]*\b(?:defeats?|prevents?|stops?|blocks?|protects? against|drops?)\b"
    r"[^.!?;]*\bfixation",
    re.IGNORECASE,
)
_REGENERATE = re.compile(r"\bregenerate\b", re.IGNORECASE)
_LEAKED_FALLBACK = re.compile(
    r"\bleak\w*\b[^.!?;]*\b(?:SECRET_KEY_FALLBACKS|fallbacks?)\b"
    r"|\b(?:SECRET_KEY_FALLBACKS|fallbacks?)\b[^.!?;]*\bleak\w*",
    re.IGNORECASE,
)
_KEEP = re.compile(r"\b(?:put|puts|keep|keeps|add|adds|move|moves|leave|leaves)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:never|not|no|n't|don't|do not|must not|instead)\b", re.IGNORECASE)
_UNTIL_EXPIRES = re.compile(
    r"\b(?:works?|valid|usable|replay\w*)\b[^.!?;]*\buntil (?:it|the cookie|the copy) expires\b",
    re.IGNORECASE,
)

# A sentence that explicitly presents the claim as a belief being corrected.
_CORRECTION = re.compile(
    r"\b(?:misconception|myth|common(?:ly)? belie\w*|wrongly|falsely|contrary to)\b",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    """Text as a reader sees it: no Markdown emphasis or code marks, HTML tags as spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"<[^>]+>", " ", text)
    # Emphasis marks and code ticks go; underscores inside names (SECRET_KEY) stay.
    text = re.sub(r"[*`]+|(?<!\w)_+|_+(?!\w)", "", text)
    return text


def _sentences(text: str) -> Iterator[str]:
    text = _plain(text)
    # A blank line or a list item starts a new sentence; other line breaks are spaces.
    for block in re.split(r"\n\s*\n|\n\s*(?:[-+]|\d+[.)])\s+|\n\s*#+\s", text):
        for sentence in re.split(r"(?<=[.!?;])\s+", " ".join(block.split())):
            if sentence:
                yield sentence


def wrong_claims(text: str) -> list[str]:
    """The names of the wrong claims ``text`` makes, one entry per offending sentence."""
    found = []
    for sentence in _sentences(text):
        if _CORRECTION.search(sentence):
            continue
        for name, pattern in WRONG_CLAIMS.items():
            if pattern.search(sentence):
                found.append(f"{name}: {sentence!r}")
        if (
            _NO_KEY.search(sentence)
            and _FAILS.search(sentence)
            and not _ONLY_WRITES.search(sentence)
        ):
            found.append(f"no secret key raises on any use: {sentence!r}")
        if _FIXATION.search(sentence) and not _REGENERATE.search(sentence):
            found.append(f"clear() alone defeats session fixation: {sentence!r}")
        if (
            _LEAKED_FALLBACK.search(sentence)
            and _KEEP.search(sentence)
            and not _NEGATION.search(sentence)
        ):
            found.append(f"a leaked key may stay in the fallbacks: {sentence!r}")
        if _UNTIL_EXPIRES.search(sentence):
            found.append(f"a copied cookie works until it expires: {sentence!r}")
    return found


def _deck_texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a parsed deck, except the text of wrong choices (distractors)."""
    if isinstance(node, dict):
        is_choice = "text" in node and ("correct" in node or "why" in node)
        for key, value in node.items():
            if is_choice and key == "text" and node.get("correct") is not True:
                continue
            yield from _deck_texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from _deck_texts(value, f"{where}[{label}]")
    elif isinstance(node, str):
        yield where, node


def _all_course_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(CONTENT.glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in _deck_texts(data):
            yield f"{path.name}:{where}", text
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook.get("cells", [])):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            yield f"{path.name}:cell {index}", text
    readme = ROOT / "README.md"
    if readme.exists():
        yield "README.md", readme.read_text(encoding="utf-8")


def test_wrong_claims_do_not_survive() -> None:
    problems = [
        f"{where}: {claim}" for where, text in _all_course_texts() for claim in wrong_claims(text)
    ]
    assert not problems, "\n".join(problems)


# The seed's own sentences (and close rewordings): each must be flagged.
SEED_WRONG_SENTENCES = [
    "How does Flask keep session data secure?",
    "Flask signs the session data with a secret key to prevent tampering.",
    "This key signs the session cookies to keep them secure.",
    "Flask will raise an error because it cannot securely sign the session cookie.",
    "The secret key is required to protect session data.",
    "The secret_key is used to sign session cookies and keep them secure.",
    "Flask detects tampering because the cookie signature won't match and raises an error.",
    # rewordings
    "If a user tampers with the cookie, Flask raises an error.",
    "Flask raises a BadSignature exception when the cookie was tampered with.",
    "When the cookie is tampered with, an error is raised.",
    "Signing the cookie prevents users from tampering with it.",
    "Without a secret key, Flask raises an error when you use the session.",
    "If you don't set a secret key, using the session raises `RuntimeError`.",
    "The secret key encrypts the session cookie.",
    "The session cookie is encrypted with the secret key.",
    "Use a strong key to **secure the session data**.",
    "If you don\u2019t set a secret key, Flask will raise an error.",
    "If SECRET_KEY is not set, Flask raises `RuntimeError` as soon as you touch the session.",
]

# The review's high findings in the course's own former words: each must be flagged.
REVIEW_WRONG_SENTENCES = [
    "At login, `session.clear()` drops anything planted in the session (session fixation).",
    "`session.clear()` at login defeats fixation; at logout it does not revoke copied cookies.",
    "Set the new key as `SECRET_KEY` and put the leaked one in `SECRET_KEY_FALLBACKS`.",
    "You replace a leaked secret key: keep the old one in the fallbacks for now.",
    "The copied cookie still has a valid signature, so it works until it expires.",
    "It still works until it expires, because a client-side session cannot be revoked.",
]

# Sentences that correct the claims (several from the deck): none may be flagged.
CORRECTIONS = [
    "With Flask-Session also call `regenerate()`: `clear()` alone does not defeat fixation, "
    "regenerate does.",
    "**Never keep a leaked key in the fallbacks:** cookies forged with it still verify.",
    "Never keep a **leaked** key in `SECRET_KEY_FALLBACKS`: cookies forged with it still verify.",
    "It works until its signed timestamp is older than `PERMANENT_SESSION_LIFETIME`.",
    "Flask detects tampering because the signature won't match — and then it does **not** "
    "raise: it replaces the session with a new, empty one.",
    "Flask does not raise an error when the cookie was tampered with.",
    "Tampering doesn't raise an exception; the session is silently emptied.",
    "A common misconception is that Flask raises an error when a cookie is tampered with.",
    "Signing does not prevent tampering: it detects it.",
    "Signing doesn't stop anyone from editing the cookie.",
    "The cookie is signed, **not encrypted**, so anyone can read what is in it.",
    "Reading works without a secret key; only a write raises `RuntimeError`.",
    "Without a secret key, writing to the session raises `RuntimeError`.",
    "Keep the secret key itself out of source control.",
    "Set `SESSION_COOKIE_SECURE = True` on HTTPS sites.",
    "Flask catches `BadSignature` and hands the view a new, empty session.",
]


@pytest.mark.parametrize("sentence", SEED_WRONG_SENTENCES)
def test_scanner_flags_the_seed_sentences(sentence: str) -> None:
    assert wrong_claims(sentence), sentence


@pytest.mark.parametrize("sentence", REVIEW_WRONG_SENTENCES)
def test_scanner_flags_the_reviews_high_findings(sentence: str) -> None:
    assert wrong_claims(sentence), sentence


@pytest.mark.parametrize("sentence", CORRECTIONS)
def test_scanner_allows_corrections(sentence: str) -> None:
    assert not wrong_claims(sentence), wrong_claims(sentence)


def test_scanner_skips_distractors_but_not_correct_choices() -> None:
    question: dict[str, Any] = {
        "id": "q",
        "prompt": "What happens if a user tampers with the cookie?",
        "choices": [
            {"text": "Flask raises an error because the cookie was tampered with.",
             "why": "A misconception: Flask silently empties the session."},
            {"text": "The session is silently replaced by an empty one.", "correct": True},
        ],
        "explanation": "Flask catches `BadSignature`.",
    }  # fmt: skip
    texts = [text for _, text in _deck_texts({"questions": [question]})]
    assert not [t for t in texts if wrong_claims(t)]
    question["choices"][0]["correct"] = True
    texts = [text for _, text in _deck_texts({"questions": [question]})]
    assert [t for t in texts if wrong_claims(t)]


# --------------------------------------------------------------------------- question quality
#
# Three checks that apply to any deck, each a pure function returning its problems (empty when
# the deck passes), shown failing on a bad fixture and passing on a good one below:
#
# - kind share: every question says what kind of `thinking` it tests, and at least half are
#   application or prediction (using a fact beats repeating it);
# - answer length: in at most 40 % of single-answer questions is the correct choice the single
#   longest one (learners learn to pick the longest answer);
# - causal clause: a question whose only choices giving a reason ("because", "so", "since",
#   "therefore") are correct ones gives its answer away by the reason.
#
# Lengths and words are measured on the choice's text as a reader sees it: `_plain()` (no
# backticks, emphasis marks or HTML tags) with white space collapsed.

APPLIED_THINKING = frozenset({"application", "prediction"})
MIN_APPLIED_SHARE = 0.5
MAX_LONGEST_CORRECT_SHARE = 0.4
CAUSAL = re.compile(r"\b(?:because|so|since|therefore)\b", re.IGNORECASE)


def plain_length(text: str) -> int:
    """The length of a choice as a reader sees it (Markdown marks gone, spaces collapsed)."""
    return len(" ".join(_plain(text).split()))


def kind_share_problems(deck: Any) -> list[str]:
    """Questions with no ``thinking``, and too few application or prediction questions."""
    questions = list(deck.questions)
    problems = [
        f"question '{q.id}': no thinking; add thinking: recall, concept, application or prediction"
        for q in questions
        if q.thinking is None
    ]
    applied = [q for q in questions if q.thinking in APPLIED_THINKING]
    if questions and len(applied) < MIN_APPLIED_SHARE * len(questions):
        problems.append(
            f"{len(applied)} of {len(questions)} questions are application or prediction; "
            f"at least {MIN_APPLIED_SHARE:.0%} should be (recall and concept questions: "
            f"{', '.join(q.id for q in questions if q not in applied)})"
        )
    return problems


def longest_is_correct(question: Any) -> bool:
    """Whether the correct choice of a single-answer question is strictly the longest."""
    (right,) = question.correct_indexes
    lengths = [plain_length(c.text) for c in question.choices]
    return all(lengths[right] > n for i, n in enumerate(lengths) if i != right)


def answer_length_problems(deck: Any) -> list[str]:
    """One problem when the correct choice is the single longest in too many questions."""
    single = [q for q in deck.questions if q.kind == "choice" and not q.multiple]
    tells = [q.id for q in single if longest_is_correct(q)]
    if len(tells) <= MAX_LONGEST_CORRECT_SHARE * len(single):
        return []
    return [
        f"the correct choice is the longest in {len(tells)} of {len(single)} single-answer "
        f"questions ({len(tells) / len(single):.0%}; at most "
        f"{MAX_LONGEST_CORRECT_SHARE:.0%}): {', '.join(tells)}"
    ]


def causal_clause_problems(deck: Any) -> list[str]:
    """Questions in which only correct choices give a reason (because, so, since, therefore)."""
    problems = []
    for question in deck.questions:
        giving = [c for c in question.choices if CAUSAL.search(_plain(c.text))]
        if giving and all(c.correct for c in giving):
            problems.append(
                f"question '{question.id}': only correct choices give a reason "
                "(because/so/since/therefore), which gives the answer away; give a wrong "
                "choice a reason too, or state the right one without it"
            )
    return problems


def test_flask_questions_name_their_thinking_and_half_apply_it(deck: Any) -> None:
    problems = kind_share_problems(deck)
    assert not problems, "\n".join(problems)


def test_flask_correct_choices_are_not_the_longest_too_often(deck: Any) -> None:
    problems = answer_length_problems(deck)
    assert not problems, "\n".join(problems)


def test_flask_reasons_are_not_only_on_correct_choices(deck: Any) -> None:
    problems = causal_clause_problems(deck)
    assert not problems, "\n".join(problems)


def quality_deck(*questions: dict[str, Any]) -> Any:
    from recall_widgets import Deck

    return Deck.model_validate({"deck": "d", "title": "D", "questions": questions}, strict=False)


def choice_question(
    qid: str, texts: list[str], correct: tuple[int, ...] = (0,), thinking: str | None = "recall"
) -> dict[str, Any]:
    choices = [{"text": t, "correct": i in correct} for i, t in enumerate(texts)]
    item = {"id": qid, "prompt": "?", "choices": choices, "explanation": "E."}
    return item if thinking is None else {**item, "thinking": thinking}


def test_kind_share_fails_without_thinking_or_with_too_little_application() -> None:
    two = ["Yes", "No"]
    unnamed = quality_deck(choice_question("a", two, thinking=None))
    assert kind_share_problems(unnamed)[0].startswith("question 'a': no thinking")
    mostly_recall = quality_deck(
        choice_question("r1", two), choice_question("r2", two, thinking="concept"),
        choice_question("p", two, thinking="prediction"),
    )  # fmt: skip
    assert kind_share_problems(mostly_recall) == [
        "1 of 3 questions are application or prediction; at least 50% should be (recall and "
        "concept questions: r1, r2)"
    ]
    half = quality_deck(
        choice_question("r", two), choice_question("a", two, thinking="application")
    )
    assert kind_share_problems(half) == []


def test_answer_length_fails_when_the_longest_choice_is_too_often_right() -> None:
    tell = choice_question("tell", ["The long and careful answer", "Short", "Brief"])
    tied = choice_question("tied", ["Same size", "Also same", "No"])  # not strictly longest
    short = choice_question("short", ["Short", "A much longer wrong answer"])
    multi = choice_question("multi", ["Long right answer one", "A", "B"], correct=(0, 1))
    assert answer_length_problems(quality_deck(tell, short, multi)) == [
        "the correct choice is the longest in 1 of 2 single-answer questions (50%; at most "
        "40%): tell"
    ]
    assert answer_length_problems(quality_deck(tell, tied, short)) == []  # 1 of 3: 33 %
    # Markdown marks do not count: `session` is as long as session.
    marked = choice_question("marked", ["`session`", "session!"])
    assert not longest_is_correct(quality_deck(marked).questions[0])


def test_causal_clause_fails_when_only_correct_choices_give_a_reason() -> None:
    giveaway = choice_question(
        "giveaway", ["It is empty, because the signature fails", "It raises", "It crashes"]
    )
    problems = causal_clause_problems(quality_deck(giveaway))
    assert len(problems) == 1 and problems[0].startswith("question 'giveaway': only correct")
    so = choice_question("so", ["Signed, SO readable", "Encrypted"])  # whole word, any case
    assert causal_clause_problems(quality_deck(so))
    both = choice_question(
        "both", ["Empty, because the signature fails", "An error, since it was changed"]
    )
    none = choice_question("none", ["Empty", "An error"])
    inside_words = choice_question("words", ["Also sound", "Sonic"])  # "so" inside words
    assert causal_clause_problems(quality_deck(both, none, inside_words)) == []
