"""An item as the two sides of a note: front and back HTML, made by our renderer.

What each kind becomes (Anki, and any other flashcard tool, shows a front and then a back):

- card: its front and its back;
- choice question: the prompt and the choices, lettered, on the front ("choose all that apply"
  when several are right); on the back the right choices, every choice's ``why``, the
  explanation;
- numeric question: the prompt on the front; on the back the answer (with its tolerance,
  precision or range), the feedback for common wrong answers, the explanation;
- text question: the prompt; on the back the accepted answers (and the pattern, as text), the
  feedback, the explanation;
- order question: the prompt and the lines shuffled (seeded by the item's id, never already
  in order; distractors among them); on the back the lines in order, the lines that belong
  nowhere, the explanation;
- predict question: the prompt and the code, highlighted; on the back what it prints and the
  explanation;
- recall prompt: the prompt (its hint folded under it); on the back its key concepts;
- exercise: its title, task and starter code; on the back the hints and the solution.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass

from recall_widgets.deck.model import Card, Exercise, Item, Prompt, Question
from recall_widgets.render import render_inline, render_markdown

__all__ = ["Sides", "code_block", "sides_of"]


@dataclass(frozen=True)
class Sides:
    """The front and back of an item, each sanitized HTML from :mod:`recall_widgets.render`."""

    front: str
    back: str


def code_block(code: str, language: str = "python") -> str:
    """``code`` as the renderer shows a fenced block: ``<pre class="recall-code">``, highlighted."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return render_markdown(f"{fence}{language}\n{code.rstrip()}\n{fence}")


def _div(css: str, inner: str) -> str:
    return f'<div class="recall-{css}">{inner}</div>'


def _label(text: str) -> str:
    return f'<p class="recall-label">{html.escape(text)}</p>'


def _items(parts: list[str], tag: str = "ul", css: str = "") -> str:
    cls = f' class="recall-{css}"' if css else ""
    return f"<{tag}{cls}>" + "".join(f"<li>{part}</li>" for part in parts) + f"</{tag}>"


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _line(text: str) -> str:
    """An order question's line: plain text (as the widget shows it), in code type."""
    return f"<code>{html.escape(text, quote=False)}</code>"


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


class _Sides:
    """Builds one item's sides; ``base`` is the deck file's folder (relative images)."""

    def __init__(self, base: str | None) -> None:
        self.base = base

    def md(self, text: str) -> str:
        return render_markdown(text, self.base)

    def inline(self, text: str) -> str:
        return render_inline(text, self.base)

    def explanation(self, question: Question) -> str:
        return _div("explanation", self.md(question.explanation))

    def feedback(self, question: Question) -> str:
        entries = [
            f"<strong>{html.escape(self._given(question, f.answer))}</strong>: {self.inline(f.why)}"
            for f in question.feedback
        ]
        parts = []
        if entries:
            parts.append(_label("If you answered") + _items(entries, css="feedback"))
        if question.default_feedback is not None:
            parts.append(_label("Any other answer") + self.md(question.default_feedback))
        return _div("feedback", "".join(parts)) if parts else ""

    @staticmethod
    def _given(question: Question, answer: float | str) -> str:
        return _number(answer) if isinstance(answer, int | float) else str(answer)

    def card(self, card: Card) -> Sides:
        return Sides(self.md(card.front), self.md(card.back))

    def choice(self, q: Question) -> Sides:
        how = "Choose all that apply." if q.multiple else "Choose one."
        choices = [
            f'<span class="recall-letter">{_letter(i)}.</span> {self.inline(c.text)}'
            for i, c in enumerate(q.choices)
        ]
        front = self.md(q.prompt) + _items(choices, "ol", "choices") + _label(how)
        right = [_letter(i) for i in q.correct_indexes]
        marked = []
        for i, choice in enumerate(q.choices):
            mark = "✓" if choice.correct else "✗"
            state = "right" if choice.correct else "wrong"
            why = f" — {self.inline(choice.why)}" if choice.why is not None else ""
            marked.append(
                f'<span class="recall-{state}">{mark} {_letter(i)}.</span> '
                f"{self.inline(choice.text)}{why}"
            )
        answer = _label(f"Answer: {', '.join(right)}")
        back = answer + _items(marked, css="whys") + self.explanation(q)
        return Sides(front, back)

    def numeric(self, q: Question) -> Sides:
        if q.range is not None:
            low, high = q.range
            answer = f"from {_number(low)} to {_number(high)}"
        else:
            assert q.answer is not None
            answer = _number(q.answer)
            if q.precision is not None:
                answer += f" (to {q.precision} decimal places)"
            elif q.tolerance:
                answer += f" (± {_number(q.tolerance)})"
        back = _label(f"Answer: {answer}") + self.feedback(q) + self.explanation(q)
        return Sides(self.md(q.prompt) + _label("Answer with a number."), back)

    def text(self, q: Question) -> Sides:
        accepted = [f"<code>{html.escape(a)}</code>" for a in q.answers]
        if q.pattern is not None:
            accepted.append(f"any answer matching <code>{html.escape(q.pattern)}</code>")
        case = " (upper and lower case count)" if q.match_case else ""
        back = (
            _label(f"Accepted answers{case}")
            + _items(accepted, css="answers")
            + self.feedback(q)
            + self.explanation(q)
        )
        return Sides(self.md(q.prompt), back)

    def order(self, q: Question) -> Sides:
        every = [*q.lines, *q.distractors]
        shown = list(range(len(every)))
        random.Random(f"export:{q.id}").shuffle(shown)
        if shown[: len(q.lines)] == list(range(len(q.lines))):
            shown = shown[1:] + shown[:1]
        how = "Put the lines in order."
        if q.distractors:
            how += " Some lines belong nowhere."
        lines = [_line(every[i]) for i in shown]
        front = self.md(q.prompt) + _items(lines, css="lines") + _label(how)
        ordered = _items([_line(line) for line in q.lines], "ol", "lines")
        back = _label("In order") + ordered
        if q.distractors:
            nowhere = [_line(line) for line in q.distractors]
            back += _label("Belong nowhere") + _items(nowhere, css="lines")
        return Sides(front, back + self.explanation(q))

    def predict(self, q: Question) -> Sides:
        assert q.code is not None
        front = self.md(q.prompt) + code_block(q.code) + _label("What does it print?")
        output = q.output if q.output is not None else ""
        printed = f'<pre class="recall-output"><code>{html.escape(output)}</code></pre>'
        return Sides(front, _label("It prints") + printed + self.explanation(q))

    def prompt(self, p: Prompt) -> Sides:
        front = self.md(p.prompt)
        if p.hint is not None:
            front += f"<details><summary>Hint</summary>{self.md(p.hint)}</details>"
        concepts = [self.inline(text) for text in p.concept_texts]
        return Sides(front, _label("A good answer covers") + _items(concepts, css="concepts"))

    def exercise(self, e: Exercise) -> Sides:
        front = f"<h3>{html.escape(e.title)}</h3>" + self.md(e.task)
        if e.starter:
            front += _label("Start from") + code_block(e.starter)
        back = ""
        if e.hints:
            back += _label("Hints") + _items([self.md(h) for h in e.hints], "ol", "hints")
        back += _label("A solution") + code_block(e.solution)
        return Sides(front, back)


def sides_of(item: Item, base: str | None = None) -> Sides:
    """The front and back of ``item`` (see the module's docstring for each kind).

    Parameters
    ----------
    item:
        A card, question, recall prompt or exercise.
    base:
        The deck file's folder: relative images are inlined from it (None leaves them).

    Example
    -------
    >>> from recall_widgets.deck.model import Card
    >>> sides_of(Card(id="c", front="**Q**", back="A")).front
    '<p><strong>Q</strong></p>'
    """
    build = _Sides(base)
    if isinstance(item, Card):
        return build.card(item)
    if isinstance(item, Prompt):
        return build.prompt(item)
    if isinstance(item, Exercise):
        return build.exercise(item)
    kinds = {
        "choice": build.choice,
        "numeric": build.numeric,
        "text": build.text,
        "order": build.order,
        "predict": build.predict,
    }
    return kinds[item.kind](item)
