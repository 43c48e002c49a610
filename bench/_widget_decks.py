"""Decks for the widget benchmark, and the same content in the peers' JSON formats.

``deck_yaml(n)`` writes ``n`` flashcards and ``n`` multiple-choice questions (every fifth one has
two correct choices). The peers get exactly that content, as the HTML our sanitized renderer
makes of it (they insert HTML as given):

- jupyterquiz: ``[{"question", "type": "multiple_choice" | "many_choice",
  "answers": [{"answer", "correct", "feedback"}]}]``. It has no explanation field: a wrong
  choice's ``feedback`` is its ``why``, a correct choice's is the question's explanation, so
  every piece of text is there once, as in ours.
- jupytercards: ``[{"front", "back"}]``.
"""

from __future__ import annotations

from typing import Any

from recall_widgets.deck.model import Deck
from recall_widgets.render import render_inline, render_markdown

WORDS = [
    *("session", "cookie", "request", "response", "server", "browser", "signed", "secret"),
    *("key", "value", "user", "login", "redirect", "template", "route", "view", "blueprint"),
    *("context", "header", "encrypted", "readable", "tamper", "dictionary", "store", "expire"),
    *("permanent", "lifetime"),
]
LEVELS = ("beginner", "intermediate", "advanced")


def _sentence(i: int, n: int = 14) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)]
    return " ".join(words).capitalize()


def deck_yaml(n: int) -> str:
    """A deck ``bench-N`` with ``n`` cards and ``n`` questions, realistic Markdown."""
    out = [f"deck: bench-{n}\ntitle: Benchmark deck with {n} cards and {n} questions\ncards:\n"]
    for i in range(n):
        out.append(
            f"  - id: card-{i}\n    level: {LEVELS[i % 3]}\n    section: lesson-{i // 50}\n"
            f"    front: What does `session[{i}]` do when the {_sentence(i, 6)}?\n"
            f"    back: |\n      {_sentence(i)}. For example:\n\n"
            f"      ```python\n      session['key-{i}'] = 'value'\n      ```\n"
        )
    out.append("questions:\n")
    for i in range(n):
        correct = {0, 2} if i % 5 == 4 else {0}
        choices = "".join(
            f"      - text: {_sentence(i + c, 8)} `{c}`\n"
            + ("        correct: true\n" if c in correct else f"        why: {_sentence(i + c)}.\n")
            for c in range(4)
        )
        out.append(
            f"  - id: q-{i}\n    level: {LEVELS[i % 3]}\n    section: lesson-{i // 50}\n"
            f"    prompt: Which statement about **{WORDS[i % len(WORDS)]}** number {i} is true?\n"
            f"    choices:\n{choices}    explanation: {_sentence(i, 20)}.\n"
        )
    return "".join(out)


def jupyterquiz_json(deck: Deck) -> list[dict[str, Any]]:
    """The deck's questions in jupyterquiz's format (content as our rendered HTML)."""
    explanation_of = {q.id: render_markdown(q.explanation) for q in deck.questions}
    return [
        {
            "question": render_markdown(q.prompt),
            "type": "many_choice" if q.multiple else "multiple_choice",
            "answers": [
                {
                    "answer": render_inline(c.text),
                    "correct": c.correct,
                    "feedback": explanation_of[q.id]
                    if c.correct
                    else (render_markdown(c.why) if c.why else ""),
                }
                for c in q.choices
            ],
        }
        for q in deck.questions
    ]


def jupytercards_json(deck: Deck) -> list[dict[str, Any]]:
    """The deck's cards in jupytercards' format (content as our rendered HTML)."""
    return [
        {"front": render_markdown(c.front), "back": render_markdown(c.back)} for c in deck.cards
    ]
