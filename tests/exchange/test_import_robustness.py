"""Whatever text a peer's file holds, the import makes a deck our loader accepts (or refuses
the file with its reasons): never a traceback, never a deck that reads back changed.

Texts are drawn (seeded, so every run is the same) from the pieces that broke earlier
versions: Markdown's own characters, unclosed and unknown tags, ``<![``, TeX delimiters, tabs
in code, control characters, line separators YAML counts as line breaks.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.exchange.importing import PeerFileError, clean_text, import_file

PIECES = [
    "*",
    "_",
    "`",
    "$",
    "\\",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<span>",
    "</span>",
    "&lt;",
    "&amp;",
    "#",
    "-",
    "1.",
    "\n",
    "[",
    "](",
    ")",
    "<br>",
    "<p>",
    "</p>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "$$",
    "\\(",
    "\\)",
    "\\begin{align}",
    "\\end{align}",
    "x",
    " ",
    "^",
    "{",
    "}",
    "|",
    "~",
    ":",
    "'",
    '"',
    "%",
    "!",
    ">",
    "<",
    "7",
    "word",
    "é",
    "\t",
    "<!--",
    "-->",
    "&",
    ";",
    "=",
    "+",
    "<ul>",
    "<li>",
    "</ul>",
    "<a href='http://x.org'>",
    "</a>",
    "<sup>",
    "</sup>",
    "---",
    "***",
    "\\$",
    "<https://x.org>",
    "[a](http://y.org)",
    "\x07",
    "\u2028",
    "\x00",
    "\ufeff",
    "\r",
    "\x85",
    "<![CDATA[",
    "<!DOCTYPE",
    "<?php",
    "<x:y>",
    '<a href="javascript:alert(1)">',
    '<img src="x.png">',
    "<h1>",
    "<table>",
    "\ud800",
]


def text(rng: random.Random, n: int = 8) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, n)))


def quiz(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "question": text(rng) + " q",
            "type": "multiple_choice",
            "code": text(rng, 4),
            "answers": [
                {"answer": text(rng) + " a", "correct": True, "feedback": text(rng)},
                {"answer": text(rng) + " b", "correct": False, "code": text(rng, 3)},
            ],
        },
        {
            "question": text(rng) + " s",
            "type": "string",
            "answers": [
                {"answer": text(rng, 3) + "z", "correct": True, "feedback": text(rng)},
                {"answer": text(rng, 3) + "y", "correct": False, "feedback": text(rng)},
                {"type": "default", "feedback": text(rng)},
            ],
        },
        {
            "question": text(rng) + " n",
            "type": "numeric",
            "precision": rng.randint(1, 5),
            "answers": [
                {"value": rng.uniform(-1e6, 1e6), "correct": True, "feedback": text(rng)},
                {"value": rng.uniform(-10, 10), "correct": False, "feedback": text(rng)},
                {"type": "default", "feedback": text(rng)},
            ],
        },
    ]


def cards(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"front": text(rng) + " f", "back": text(rng) + " b", "topic": text(rng, 3)}
        for _ in range(3)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_drawn_texts_make_decks_the_loader_accepts(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    for peer, data in (("jupyterquiz", quiz(rng)), ("jupytercards", cards(rng))):
        path = tmp_path / f"{peer}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            result = import_file(path, peer)  # the loader's check and the read-back inside
        except PeerFileError as error:  # a text that shows nothing: refused, with its place
            assert all(
                "empty" in note.message or "no text" in note.message for note in error.notes
            ), error
            continue
        assert result.deck.items
        result.text.encode("utf-8")


@pytest.mark.parametrize(
    ("given", "cleaned", "removed"),
    [
        ("a\r\nb\rc", "a\nb\nc", 0),
        ("line\u2028break\x85next\u2029", "line\nbreak\nnext\n", 0),
        ("bell\x07 and bom\ufeff", "bell and bom", 2),
        ("nul\x00 and \ud800", "nul\ufffd and \ufffd", 0),
        ("tab\tand form\x0cfeed", "tab\tand form feed", 0),
    ],
)
def test_texts_are_read_as_a_browser_reads_them(given: str, cleaned: str, removed: int) -> None:
    assert clean_text(given) == (cleaned, removed)


def test_left_out_control_characters_are_noted(tmp_path: Path) -> None:
    path = tmp_path / "cards.json"
    path.write_text(json.dumps([{"front": "ring\u0007", "back": "b"}]))
    (note,) = import_file(path, "jupytercards").notes
    assert str(note) == (
        f"{path}:1:12: 1 invisible control character left out (they show nothing, and a deck "
        "file cannot hold them)"
    )
