"""`recall-widgets embed` without a browser: what it writes, what it refuses, and how it says so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recall_widgets.cli import main
from recall_widgets.publishing.embed import building, embed_page, write_embed

DECK = Path(__file__).parents[1] / "browser" / "fixtures" / "math-deck.yaml"
STATE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.DOTALL
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["embed", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def models(fragment: str) -> dict[str, dict[str, object]]:
    match = STATE.search(fragment)
    assert match, fragment[:500]
    state: dict[str, dict[str, object]] = json.loads(match.group(1))["state"]
    return {k: v for k, v in state.items() if str(v["model_name"]) == "AnyModel"}


def widget_ids(fragment: str) -> list[list[str]]:
    return [list(m["state"]["ids"]) for m in models(fragment).values()]  # type: ignore[index]


def test_a_whole_deck_is_one_self_contained_fragment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site" / "quiz.html"
    status, said, err = run(capsys, str(DECK), "-o", str(out))
    assert status == 0, err
    assert said.startswith(f"wrote {out} (fragment: Flashcards, Quiz;")
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<section class="recall-embedded" aria-label="Circles and sums">')
    assert sorted(map(sorted, widget_ids(text))) == [["card-area", "card-sum"], ["q-circumference"]]
    assert "\\u003cmath" in text  # rendered in Python, every item (no kernel renders more later)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", text), "loads something"
    assert "<!DOCTYPE" not in text


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--section", "circles"], [["card-area"], ["q-circumference"]]),
        (["--tags", "area", "--only", "questions"], [["q-circumference"]]),
        (["--ids", "card-sum", "q-circumference"], [["card-sum"], ["q-circumference"]]),
    ],
)
def test_a_selection_embeds_only_its_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: object
) -> None:
    out = tmp_path / "part.html"
    status, _, err = run(capsys, str(DECK), "-o", str(out), *options)
    assert status == 0, err
    assert widget_ids(out.read_text(encoding="utf-8")) == expected


def test_page_is_a_whole_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    assert run(capsys, str(DECK), "-o", str(out), "--page")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Circles and sums</title>" in text and '<section class="recall-embedded"' in text


def test_a_bad_deck_gets_the_loaders_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "bad.yaml"
    deck.write_text(
        "deck: bad\ntitle: Bad\ncards:\n  - id: c\n    front: $\\frac{1}$\n    back: b\n"
    )
    out = tmp_path / "out.html"
    status, _, err = run(capsys, str(deck), "-o", str(out))
    assert status == 1 and not out.exists()
    assert f"{deck}:5:" in err and "card #1 'c', field 'front': bad math" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--section", "nope"], "sections with cards: circles, sums"),
        (["--ids", "nope"], "has no item 'nope'; its ids: card-area, card-sum, q-circumference"),
        (["--tags", "nope"], "has no cards tagged nope; tags of its cards: area"),
        (["--only", "prompts"], "deck 'math-test' has no prompts"),
    ],
)
def test_a_selection_that_matches_nothing_says_what_there_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], says: str
) -> None:
    out = tmp_path / "out.html"
    status, _, err = run(capsys, str(DECK), "-o", str(out), *options)
    assert status == 2 and not out.exists(), err
    assert err.startswith("recall-widgets embed: ") and says in err, err


def test_a_missing_deck_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, str(tmp_path / "none.yaml"), "-o", str(tmp_path / "x.html"))
    assert status == 2 and "no such deck file" in err


def test_building_renders_everything_into_an_empty_store(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("RECALL_PROGRESS", "/somewhere/mine.sqlite3")
    monkeypatch.delenv("RECALL_RENDER_ALL", raising=False)
    with building():
        assert os.environ["RECALL_RENDER_ALL"] == "1"
        store = Path(os.environ["RECALL_PROGRESS"])
        assert store.parent.is_dir() and not store.exists()
    assert os.environ["RECALL_PROGRESS"] == "/somewhere/mine.sqlite3"
    assert "RECALL_RENDER_ALL" not in os.environ
    assert not store.parent.exists()


def test_page_escapes_its_title_and_write_is_whole(tmp_path: Path) -> None:
    page = embed_page("<p>x</p>", title="A <b> & C")
    assert "<title>A &lt;b&gt; &amp; C</title>" in page
    target = write_embed(tmp_path / "a" / "b.html", page)
    assert target.read_text(encoding="utf-8") == page
    assert [p.name for p in target.parent.iterdir()] == ["b.html"]
