"""Hostile content in every field of every widget: no dangerous markup in any synced state."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

from recall_widgets import Deck, Flashcards, Quiz, RecallPrompt
from recall_widgets.widgets.assets import FRONTEND
from recall_widgets.widgets.base import DeckWidget

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<svg onload=alert(1)><circle/></svg>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>',
    "<style>body { display: none }</style>",
    '<div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<textarea><script>alert(1)</script></textarea>",
    '```"><img src=x onerror=alert(1)>\nprint("<script>alert(1)</script>")\n```',
    "```python\n'<img src=x onerror=alert(1)>'\n```",
    "<a href='https://example.org' onmouseover='alert(1)'>ok link</a>",
    '<p title="x" id="hijack" class="recall-quiz">classes</p>',
]
HOSTILE = "\n\n".join(PAYLOADS)

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "style",
    "svg", "math", "base", "meta", "link", "input", "button", "textarea", "select", "details",
    "template", "audio", "video", "source", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "cite", "codebase", "ping",
}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "id", "srcdoc", "formaction"}:
                self.problems.append(f"<{tag} {name}=...>")
            url = re.sub(r"[\x00-\x20\x7f]+", "", value or "").lower()
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(url):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "class" and any(
                c.startswith("recall-") and c != "recall-code" for c in (value or "").split()
            ):
                self.problems.append(f"<{tag} class={value!r}> imitates the widget's classes")

    handle_startendtag = handle_starttag


def problems_in(fragment: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(fragment)
    scanner.close()
    return scanner.problems


def html_strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a synced value, with where it is."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from html_strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from html_strings(item, f"{path}[{i}]")


def hostile_deck() -> Deck:
    """Every Markdown field holds every payload, plus a marker saying which field it is."""
    counter = itertools.count(1)

    def text() -> str:
        return f"F{next(counter)} {HOSTILE}"

    return Deck.model_validate(
        {
            "deck": "hostile",
            "title": "<script>alert('title')</script>",
            "description": text(),
            "cards": [{"id": "c1", "level": "beginner", "front": text(), "back": text()}],
            "questions": [
                {
                    "id": "q1",
                    "prompt": text(),
                    "explanation": text(),
                    "choices": [
                        {"text": text(), "correct": True, "why": text()},
                        {"text": text(), "why": text()},
                    ],
                },
                {
                    "id": "q2",
                    "prompt": text(),
                    "explanation": text(),
                    "choices": [
                        {"text": text(), "correct": True, "why": text()},
                        {"text": text(), "correct": True},
                        {"text": text()},
                    ],
                },
            ],
            "prompts": [
                {"id": "p1", "prompt": text(), "hint": text(), "concepts": [text(), text()]}
            ],
        },
        strict=False,
    )


def test_the_scanner_can_fail() -> None:
    """Each payload, inserted raw, is caught: the assertions below are not vacuous."""
    missed = [p for p in PAYLOADS if p.startswith("<") and not problems_in(p)]
    assert not missed
    assert problems_in('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')
    assert problems_in('<a href="vbscript:msgbox(1)">x</a>')
    assert problems_in("<img src=x onerror=alert(1)>")
    assert problems_in('<a href="JAVASCRIPT:alert(1)">x</a>')
    assert problems_in('<a href=" java\tscript:alert(1)">x</a>')
    assert problems_in("<script>alert(1)</script>")
    assert not problems_in('<p><a href="https://example.org">ok</a> <code>x</code></p>')


@pytest.mark.parametrize(
    "make",
    [
        lambda deck: Flashcards(deck),
        lambda deck: Quiz(deck, seed=1),
        lambda deck: RecallPrompt(deck),
    ],
    ids=["Flashcards", "Quiz", "RecallPrompt"],
)
def test_no_dangerous_markup_in_synced_state(make: Any) -> None:
    widget: DeckWidget = make(hostile_deck())
    state = widget.get_state()
    markers = set()
    for path, text in html_strings({k: v for k, v in state.items() if k not in ("_esm", "_css")}):
        problems = problems_in(text)
        assert not problems, f"{type(widget).__name__} state{path}: {problems}\n{text}"
        markers.update(re.findall(r"\bF\d+\b", text))
    # Every field of every item reached the state (so every field was checked).
    expected = {"Flashcards": 2, "Quiz": 12, "RecallPrompt": 4}[type(widget).__name__]
    assert len(markers) == expected, sorted(markers)


def test_learner_text_stays_in_events_as_data() -> None:
    """What the learner types is synced as a plain string, never rendered into `content`."""
    prompt = RecallPrompt(hostile_deck())
    before = prompt.get_state()["content"]
    prompt.write("<img src=x onerror=alert(1)>")
    assert prompt.events[-1]["value"] == "<img src=x onerror=alert(1)>"
    assert prompt.get_state()["content"] == before


@pytest.mark.parametrize("name", ["flashcards.js", "quiz.js", "recall_prompt.js"])
def test_front_end_inserts_html_only_from_content(name: str) -> None:
    """innerHTML only ever receives the sanitized HTML of `content`; no other HTML sinks."""
    # The module the browser runs: the widget's bundle, with common.js and the shared views in it.
    widget = {"flashcards.js": Flashcards, "quiz.js": Quiz, "recall_prompt.js": RecallPrompt}[name]
    source = str(widget._esm)
    assert source == (FRONTEND / name).read_text(encoding="utf-8")
    for sink in ("outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"{name} uses {sink}"
    assignments = re.findall(r"\.innerHTML\s*=\s*([^;]+);", source)
    assert assignments, f"{name}: expected content to be inserted with innerHTML"
    allowed = re.compile(
        r"^(content\.\w+|content \? content\.\w+ : \"\"|content\.\w+\[\w+\]|html"
        r"|String\(model\.get\(\"title_html\"\) \|\| \"\"\))$"
    )
    for rhs in assignments:
        assert allowed.match(rhs.strip()), f"{name}: innerHTML = {rhs}"
