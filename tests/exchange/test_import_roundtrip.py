"""Import, write, validate with our loader, render in Quiz and Flashcards: the text intact, code
as highlighted code, TeX as MathML, and the imported questions answerable."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Flashcards, Quiz, load_deck
from recall_widgets.exchange.importing import import_file
from recall_widgets.exchange.markup import _find_math

PEERS = Path(__file__).parent / "peers"
QUIZ_FILES = sorted(
    p
    for p in PEERS.glob("jupyterquiz-*.json")
    if "unknown" not in p.name and "malformed" not in p.name
)
CARD_FILES = sorted(PEERS.glob("jupytercards-*.json"))


def written(path: Path, peer: str, tmp_path: Path) -> Path:
    out = tmp_path / f"{path.stem}.yaml"
    out.write_text(import_file(path, peer, out_name=str(out)).text, encoding="utf-8")
    return out


def words(text: str) -> list[str]:
    """The words a learner reads: tags, entities and formulas gone."""
    text = _find_math(text)[0]
    text = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"\ue000\d+\ue001", " ", text)))
    return re.findall(r"[A-Za-z0-9]+", text)


def shown_words(rendered: str) -> list[str]:
    """The words of rendered HTML outside its MathML."""
    rendered = re.sub(r"<math.*?</math>", " ", rendered, flags=re.DOTALL)
    return re.findall(r"[A-Za-z0-9]+", html.unescape(re.sub(r"<[^>]*>", " ", rendered)))


def in_order(wanted: list[str], seen: list[str]) -> bool:
    """``wanted`` appear in ``seen`` in this order (what was kept as text may come between)."""
    rest = iter(seen)
    return all(word in rest for word in wanted)


def formulas(text: str) -> int:
    return len(_find_math(text)[1])


@pytest.mark.parametrize("path", CARD_FILES, ids=lambda p: p.stem)
def test_cards_render_in_flashcards_with_text_and_math_intact(path: Path, tmp_path: Path) -> None:
    deck_file = written(path, "jupytercards", tmp_path)
    deck = load_deck(deck_file)
    widget = Flashcards(deck_file)
    peer_cards = json.loads(path.read_text())
    assert widget.ids == [card.id for card in deck.cards]
    for peer, card_id in zip(peer_cards, widget.ids, strict=True):
        content = widget.content[card_id]
        for side in ("front", "back"):
            assert in_order(words(peer[side]), shown_words(content[side])), (card_id, side)
            assert content[side].count("<math") == formulas(peer[side]), (card_id, side)


def _quiz_texts(peer: dict[str, Any], number: int, noted: set[tuple[int, int]]) -> list[str]:
    """The texts a learner of jupyterquiz read, less the answers noted as not carried."""
    keys = ("answer", "feedback") if peer["type"].endswith("_choice") else ("feedback",)
    return [peer["question"]] + [
        answer[key]
        for index, answer in enumerate(peer["answers"], 1)
        for key in keys
        if key in answer and (number, index) not in noted
    ]


def _noted_answers(path: Path) -> set[tuple[int, int]]:
    found = set()
    for note in import_file(path, "jupyterquiz").notes:
        match = re.fullmatch(r"question (\d+), answer (\d+)", note.where)
        if match:
            found.add((int(match.group(1)), int(match.group(2))))
    return found


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_questions_render_in_quiz_with_text_code_and_math(path: Path, tmp_path: Path) -> None:
    deck_file = written(path, "jupyterquiz", tmp_path)
    load_deck(deck_file)
    quiz = Quiz(deck_file, shuffle_choices=False)
    peers = json.loads(path.read_text())
    noted = _noted_answers(path)
    assert len(quiz.ids) == len(peers)
    for number, (peer, question_id) in enumerate(zip(peers, quiz.ids, strict=True), 1):
        texts = _quiz_texts(peer, number, noted)
        content = quiz.content[question_id]
        shown = " ".join(
            [
                content["prompt"],
                *content.get("choices", []),
                *content.get("whys", []),
                content.get("default_feedback", ""),
                content["explanation"],
                *(f["why"] for f in content.get("feedback", [])),
            ]
        )
        seen = shown_words(shown)
        for text in texts:
            for word in words(text):
                assert word in seen, (question_id, word)
        assert shown.count("<math") >= sum(formulas(t) for t in texts)
        if "code" in peer:
            assert '<pre class="recall-code"><code class="language-python">' in content["prompt"]
            assert shown_words(content["prompt"])[-len(words(peer["code"])) :] == words(
                html.unescape(peer["code"])
            )
        for answer, choice in zip(peer["answers"], content.get("choices", []), strict=False):
            if "code" in answer:
                assert "<code>" in choice


def test_math_in_choices_and_feedback_is_mathml(tmp_path: Path) -> None:
    quiz = Quiz(
        written(PEERS / "jupyterquiz-every-field.json", "jupyterquiz", tmp_path),
        shuffle_choices=False,
    )
    roots = quiz.content["which-are-roots-of-x-2-1-0"]
    assert all(choice.startswith("<math") for choice in roots["choices"])
    assert 'display="block"' in roots["whys"][1]


def test_imported_questions_can_be_answered(tmp_path: Path) -> None:
    quiz = Quiz(written(PEERS / "jupyterquiz-every-field.json", "jupyterquiz", tmp_path))
    assert quiz.answer("what-does-this-print-think-about-on-strings", 1) is True
    assert quiz.answer("which-are-roots-of-x-2-1-0", [0, 1]) is True
    assert quiz.answer("how-many-bytes-are-in-a-kibibyte-give", 1024) is True
    assert quiz.answer("give-avogadro-s-number-3-significant-digits-in", 6.0221e23) is True
    assert quiz.answer("pick-a-probability-strictly-between-0-2-and", 0.4) is False
    assert quiz.answer("name-the-python-keyword-that-defines-a-function", "Def") is False
    assert quiz.answer("spell-the-name-of-the-library-that-draws", "matplotlb") is True
    assert quiz.score.correct == 5
