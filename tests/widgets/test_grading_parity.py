"""Each kind of question's rule, in the browser (``frontend/src/grading.js``) and in Python
(``progress/grading.py``, through ``decide``), gives the same verdict on the same answers.

As in ``test_js_parity.py`` (whose Node runner this uses): each check lists the cases where the
two differ, and each is also run against a deliberately wrong JavaScript function to show it
fails when they drift apart. The questions are the course's own of each kind, and a few more
that reach the options the course does not use.
"""

from __future__ import annotations

import itertools
import random
import shutil
from functools import cache
from typing import Any

import pytest
from test_js_parity import Disagreements, course_deck, disagreements

from recall_widgets.deck.model import Feedback, Question
from recall_widgets.progress.events import decide
from recall_widgets.progress.grading import feedback_for, levenshtein_ratio, misplaced
from recall_widgets.widgets.views import question_content

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")

COMMON = {"prompt": "?", "explanation": "Because."}


@cache
def questions(kind: str) -> list[Question]:
    """The course's questions of ``kind``, then made-up ones for the options it lacks."""
    made: dict[str, list[Question]] = {
        "numeric": [
            Question(id="n-exact", kind="numeric", answer=3600, **COMMON),
            Question(id="n-tolerance", kind="numeric", answer=0.5, tolerance=0.1, **COMMON),
            Question(id="n-precision", kind="numeric", answer=3.14, precision=2, **COMMON),
            Question(id="n-range", kind="numeric", range=(1, 2), **COMMON),
            Question(
                id="n-feedback",
                kind="numeric",
                answer=1209600,
                feedback=(Feedback(answer=14, why="Days."), Feedback(answer=60, why="No.")),
                default_feedback="Seconds.",
                **COMMON,
            ),
        ],
        "text": [
            Question(id="t-plain", kind="text", answers=("SECRET_KEY",), **COMMON),
            Question(id="t-case", kind="text", answers=("Lax",), match_case=True, **COMMON),
            Question(id="t-pattern", kind="text", pattern=r"max[-_ ]?age", **COMMON),
            Question(
                id="t-fuzzy",
                kind="text",
                answers=("Set-Cookie", "set cookie header"),
                fuzzy=0.8,
                feedback=(Feedback(answer="cookie", why="Which header?"),),
                default_feedback="A response header.",
                **COMMON,
            ),
        ],
        "order": [
            Question(id="o-plain", kind="order", lines=("a", "b", "c"), **COMMON),
            Question(
                id="o-distractors",
                kind="order",
                lines=("a", "b", "c"),
                distractors=("x", "y"),
                **COMMON,
            ),
        ],
        "predict": [
            Question(id="p-two", kind="predict", code="print('a')", output="a\nb\n", **COMMON),
            Question(id="p-blank", kind="predict", code="print()", output="\n1\n\n2  \n", **COMMON),
        ],
    }
    return [q for q in course_deck().questions if q.kind == kind] + made[kind]


def content_of(question: Question) -> dict[str, Any]:
    count = len(question.lines) + len(question.distractors) or len(question.choices)
    return {"id": question.id, **question_content(question, range(count))}


def decided(content: dict[str, Any], given: dict[str, Any]) -> dict[str, Any] | None:
    """Python's decision (None: refused), a forged ``correct: true`` sent along."""
    question = next(q for k in KINDS for q in questions(k) if q.id == content["id"])
    try:
        value: dict[str, Any] = decide(question, "answer", {**given, "correct": True})
    except ValueError:
        return None
    return value


KINDS = ("numeric", "text", "order", "predict")


def numeric_check(wrong: str | None = None) -> Disagreements:
    """Numbers on and around each question's answer, range and precision, and non-numbers."""
    values: list[Any] = [0, 1, 2, -1, 1.5, 2.0000001, 0.9999999, 3600, 3599.9, 3600.0001]
    values += [0.4, 0.6, 0.39, 0.61, 0.4000001, 3.14, 3.145, 3.135, 3.1449, 3.14159, 14, 60]
    values += [1209600, 1e300, -0.0, "3600", True, None, [1]]
    cases = [[content_of(q), v] for q in questions("numeric") for v in values]
    return disagreements(
        cases, lambda c, v: decided(c, {"value": v}), "grading.js", "gradeNumeric", wrong
    )


TEXTS = [
    "SECRET_KEY", "secret_key", " Secret_Key ", "SECRET KEY", "SECRET_KE", "secret-key",
    "Lax", "lax", "LAX", "max-age", "Max_Age", "maxage", "max  age", "max-ages", "Set-Cookie",
    "set-cooky", "setcookie", "Set\u00a0Cookie", "set cookie  header", "cookie", "Cookie",
    "", "   ", "\u0130stanbul", "\U0001f36a cookie", "Stra\u00dfe", 7, None,
]  # fmt: skip


def text_check(wrong: str | None = None) -> Disagreements:
    """Exact, differently cased and spaced, misspelt and patterned answers, and non-answers."""
    cases = [[content_of(q), t] for q in questions("text") for t in TEXTS]
    return disagreements(
        cases, lambda c, t: decided(c, {"text": t}), "grading.js", "gradeText", wrong
    )


def orders(question: Question) -> list[Any]:
    n = len(question.lines) + len(question.distractors)
    every = [list(p) for k in range(1, n + 1) for p in itertools.permutations(range(n), k)]
    if len(every) > 400:
        every = [*random.Random(5).sample(every, 400), list(range(len(question.lines)))]
    return [*every, [], [0, 0], [n], [-1], "0,1", [0.5]]


def order_check(wrong: str | None = None) -> Disagreements:
    """Every arrangement of each question's lines (and distractors), and non-arrangements."""
    cases = [[content_of(q), o] for q in questions("order") for o in orders(q)]
    return disagreements(
        cases, lambda c, o: decided(c, {"order": o}), "grading.js", "gradeOrder", wrong
    )


def misplaced_check(wrong: str | None = None) -> Disagreements:
    """Which positions an order question's feedback names, for every arrangement."""
    question = questions("order")[-1]
    cases = [[o] for o in orders(question) if isinstance(o, list) and o]
    return disagreements(cases, lambda o: misplaced(question, o), "grading.js", "misplaced", wrong)


def predict_check(wrong: str | None = None) -> Disagreements:
    """The output and variants of it: line ends, trailing spaces, blank lines, case."""
    variants = [
        "a\nb\n", "a\nb", "a \nb\t\n\n", "\na\nb", "a\r\nb\r\n", "A\nb", "a\n\nb", "a b",
        "\n1\n\n2", "1\n\n2", "1\n2", " 1\n\n2", "", " \n ", None,
    ]  # fmt: skip
    cases = [[content_of(q), t] for q in questions("predict") for t in variants]
    return disagreements(
        cases, lambda c, t: decided(c, {"text": t}), "grading.js", "gradePredict", wrong
    )


def feedback_check(wrong: str | None = None) -> Disagreements:
    """Which feedback a wrong numeric or text answer gets: an entry's (its index) or -1."""
    cases: list[list[Any]] = []
    for question in [*questions("numeric"), *questions("text")]:
        if question.feedback:
            given = [{"value": v} for v in (14, 14.0, 60, 61, 5)]
            if question.kind == "text":
                given = [{"text": t} for t in ("cookie", " COOKIE ", "cookies", "x")]
            cases += [[content_of(question), g] for g in given]

    def python(content: dict[str, Any], given: dict[str, Any]) -> int:
        question = next(q for k in KINDS for q in questions(k) if q.id == content["id"])
        entry = feedback_for(question, given)
        return -1 if entry is None else question.feedback.index(entry)

    js = (
        wrong
        or """(content, given) => {
      const why = module.feedbackFor(content, given);
      return content.feedback.findIndex((entry) => entry.why === why);
    }"""
    )
    return disagreements(cases, python, "grading.js", "feedbackFor", js)


def ratio_check(wrong: str | None = None) -> Disagreements:
    """The Levenshtein ratio on random short texts, astral characters included."""
    rng = random.Random(11)
    alphabet = "abcé\U0001f36a "
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(6))) for _ in range(40)]
    cases = [[a, b] for a, b in itertools.pairwise(words)] + [["", ""], ["a", ""]]
    return disagreements(cases, levenshtein_ratio, "grading.js", "levenshteinRatio", wrong)


@pytest.mark.parametrize(
    "check", [numeric_check, text_check, order_check, misplaced_check, predict_check,
              feedback_check, ratio_check],
)  # fmt: skip
def test_the_browser_and_python_agree(check: Any) -> None:
    assert check() == []


def test_the_course_has_questions_of_every_kind() -> None:
    kinds = {q.kind for q in course_deck().questions}
    assert {"choice", "numeric", "text", "order", "predict"} <= kinds


WRONG = {
    # A tolerance of 0 taken as "close enough": within 1e-6.
    "numeric": (
        numeric_check,
        """(content, value) => typeof value !== "number" ? null : { value,
          correct: content.range ? content.range[0] <= value && value <= content.range[1]
            : Math.abs(value - content.answer) <= (content.tolerance || 1e-6) }""",
    ),
    # Case always ignored, even with match_case.
    "text": (
        text_check,
        """(content, text) => module.gradeText({ ...content, match_case: false }, text)""",
    ),
    # Distractors not refused when the right lines are all there in order.
    "order": (
        order_check,
        """(content, order) => { const v = module.gradeOrder(content, order);
          return v && { ...v, correct: order.slice(0, content.count).every((l, i) => l === i)
            && order.length >= content.count }; }""",
    ),
    "misplaced": (misplaced_check, "(order) => order.flatMap((l, p) => (l > p ? [p] : []))"),
    # Trailing white space at line ends counted.
    "predict": (
        predict_check,
        """(content, text) => typeof text !== "string" || !text.trim() ? null
          : { text, correct: text.trim() === content.output.trim() }""",
    ),
    # Feedback matched with the case kept.
    "feedback": (
        feedback_check,
        """(content, given) => content.feedback.findIndex((e) => e.answer === given.value
          || e.answer === given.text)""",
    ),
    # By UTF-16 unit instead of code point.
    "ratio": (
        ratio_check,
        """(a, b) => { if (a === b) return 1; const m = a.length, n = b.length;
          let p = Array.from({ length: n + 1 }, (_, j) => j);
          for (let i = 1; i <= m; i++) { const c = [i];
            for (let j = 1; j <= n; j++) c.push(Math.min(p[j] + 1, c[j - 1] + 1,
              p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
            p = c; }
          return 1 - p[n] / Math.max(m, n); }""",
    ),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_each_check_fails_against_a_wrong_browser_rule(name: str) -> None:
    check, wrong = WRONG[name]
    assert check(wrong) != [], f"the {name} check passes with a wrong JavaScript rule"
