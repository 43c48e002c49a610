"""Flashcards driven through its Python API, asserting on synced state and events."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import ipywidgets.widgets.widget as ipywidget_module
import pytest

from recall_widgets import Deck, Flashcards
from recall_widgets.widgets import window as window_module

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def make_deck(n: int = 6, deck_id: str = "geo") -> Deck:
    """n cards: sections alternate a/b, levels cycle beginner/intermediate/advanced."""
    levels = ("beginner", "intermediate", "advanced")
    cards = [
        {
            "id": f"c{i}",
            "level": levels[i % 3],
            "section": "a" if i % 2 == 0 else "b",
            "front": f"Front **{i}**",
            "back": f"Back `{i}`",
        }
        for i in range(n)
    ]
    return Deck.model_validate({"deck": deck_id, "title": "Geo", "cards": cards}, strict=False)


def test_starts_on_the_front_of_the_first_card() -> None:
    cards = Flashcards(make_deck())
    state = cards.get_state()
    assert state["ids"] == [f"c{i}" for i in range(6)]
    assert state["position"] == 0
    assert state["flipped"] is False
    assert state["events"] == []
    assert state["deck_id"] == "geo"
    assert state["levels"][:3] == ["beginner", "intermediate", "advanced"]
    assert state["content"]["c0"] == {
        "front": "<p>Front <strong>0</strong></p>",
        "back": "<p>Back <code>0</code></p>",
    }
    assert state["_esm"].lstrip().startswith("//")
    assert ".recall-widget" in state["_css"] and ".recall-flashcards" in state["_css"]


def test_flip_next_previous_and_rate_record_events() -> None:
    cards = Flashcards(make_deck())
    assert cards.flip() is True
    assert cards.get_state()["flipped"] is True
    cards.rate("good")  # rating moves on to the next card, front side up
    assert (cards.position, cards.flipped) == (1, False)
    cards.next()
    cards.next()
    assert cards.position == 3
    cards.previous()
    assert cards.position == 2
    cards.flip()
    cards.flip()
    kinds = [(e["kind"], e["item"], e["value"]) for e in cards.events]
    assert kinds == [
        ("flip", "c0", True),
        ("rate", "c0", "good"),
        ("flip", "c2", True),
        ("flip", "c2", False),
    ]
    assert [e["seq"] for e in cards.events] == [1, 2, 3, 4]
    for event in cards.events:
        assert event["deck"] == "geo"
        assert ISO_UTC.match(event["time"]), event["time"]


def test_navigation_stops_at_the_ends_and_resets_the_flip() -> None:
    cards = Flashcards(make_deck(3))
    cards.previous()
    assert cards.position == 0
    cards.flip()
    cards.next()
    assert cards.flipped is False
    cards.go_to("c2")
    cards.next()
    assert cards.position == 2
    cards.go_to(0)
    assert cards.position == 0
    with pytest.raises(ValueError, match=r"no card 'nope' here; ids: c0, c1, c2"):
        cards.go_to("nope")
    with pytest.raises(ValueError, match=r"out of range 0\.\.2"):
        cards.go_to(3)


def test_rate_accepts_only_the_four_ratings_and_the_latest_counts() -> None:
    cards = Flashcards(make_deck())
    with pytest.raises(ValueError, match="ratings: again, hard, good, easy"):
        cards.rate("great")
    cards.rate("again")  # Python may rate without flipping (documented)
    cards.go_to("c0")
    cards.flip()
    cards.rate("easy")
    cards.rate("hard")
    assert cards.ratings == {"c0": "easy", "c1": "hard"}


def test_filter_by_section_and_level() -> None:
    deck = make_deck(12)
    by_section = Flashcards(deck, section="b")
    assert by_section.ids == ["c1", "c3", "c5", "c7", "c9", "c11"]
    by_level = Flashcards(deck, level="advanced")
    assert by_level.ids == ["c2", "c5", "c8", "c11"]
    both = Flashcards(deck, section="a", level=["beginner", "advanced"])
    assert both.ids == ["c0", "c2", "c6", "c8"]
    assert repr(both) == (
        "Flashcards(deck='geo', section='a', level=['beginner', 'advanced'], cards=4, position=1/4)"
    )


def test_filter_errors_name_what_is_allowed() -> None:
    deck = make_deck()
    with pytest.raises(ValueError, match=r"no cards in section 'zz'; sections with cards: a, b"):
        Flashcards(deck, section="zz")
    with pytest.raises(ValueError, match=r"levels: beginner, intermediate, advanced"):
        Flashcards(deck, level="expert")
    two = Deck.model_validate(
        {
            "deck": "d",
            "title": "T",
            "cards": [{"id": "x", "level": "beginner", "front": "f", "back": "b"}],
        },
        strict=False,
    )
    with pytest.raises(ValueError, match=r"at level advanced; levels with cards: beginner"):
        Flashcards(two, level="advanced")
    no_cards = Deck.model_validate(
        {"deck": "d", "title": "T", "prompts": [{"id": "p", "prompt": "?", "concepts": ["c"]}]},
        strict=False,
    )
    with pytest.raises(ValueError, match="deck 'd' has no cards"):
        Flashcards(no_cards)
    with pytest.raises(TypeError, match="Deck or a path"):
        Flashcards(42)  # type: ignore[arg-type]


def test_level_menu_narrows_navigation() -> None:
    cards = Flashcards(make_deck(9))
    cards.next()  # c1, intermediate
    cards.level_filter = "advanced"  # as the browser's <select> does
    assert cards.position == 2  # moved to the first advanced card after it
    cards.next()
    assert cards.position == 5
    assert repr(cards).endswith("cards=9, position=2/3)")
    cards.previous()
    cards.previous()
    assert cards.position == 2
    cards.go_to("c1")  # a card the menu hides: the menu goes back to all levels
    assert (cards.level_filter, cards.position) == ("", 1)
    with pytest.raises(ValueError, match="no card at level 'expert'"):
        cards.level_filter = "expert"
    assert cards.level_filter == ""


def test_shuffle_is_reproducible_with_a_seed() -> None:
    deck = make_deck(30)
    first = Flashcards(deck, shuffle=True, seed=7).ids
    assert first == Flashcards(deck, shuffle=True, seed=7).ids
    assert first != Flashcards(deck, shuffle=True, seed=8).ids
    assert sorted(first) == sorted(Flashcards(deck).ids)
    assert first != Flashcards(deck).ids


def test_on_event_is_called_once_per_new_event_from_python_and_browser() -> None:
    cards = Flashcards(make_deck())
    seen: list[dict[str, Any]] = []
    cards.on_event(seen.append)
    cards.flip()
    # The browser sends the whole list back with one new event (and repeats old ones).
    browser_event = {**cards.events[0], "kind": "rate", "value": "good", "seq": 2}
    cards.set_state({"events": [*cards.events, browser_event]})
    cards.set_state({"events": list(cards.events)})  # same list again: nothing new
    cards.next()  # no event
    cards.flip()
    assert [(e["kind"], e["seq"]) for e in seen] == [("flip", 1), ("rate", 2), ("flip", 3)]
    cards.on_event(seen.append, remove=True)
    cards.flip()
    assert len(seen) == 3


def test_repr_is_stable_and_says_what_it_holds() -> None:
    cards = Flashcards(make_deck(6), section="a", shuffle=True, seed=1)
    assert (
        repr(cards)
        == "Flashcards(deck='geo', section='a', shuffle=True, seed=1, cards=3, position=1/3)"
    )
    assert "0x" not in repr(cards)
    bundle = cards._repr_mimebundle_()
    assert bundle is not None and bundle[0]["text/plain"] == repr(cards)


def test_large_deck_renders_only_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    import recall_widgets.widgets.views as views_module

    real = views_module.render_markdown
    monkeypatch.setattr(
        views_module, "render_markdown", lambda text: calls.append(text) or real(text)
    )
    models_before = set(ipywidget_module._instances)
    cards = Flashcards(make_deck(10_000))
    new_models = [
        ipywidget_module._instances[k] for k in set(ipywidget_module._instances) - models_before
    ]
    # One widget model whatever the size (plus the Layout model every DOMWidget has).
    assert sorted(type(m).__name__ for m in new_models) == ["Flashcards", "Layout"]
    window = 1 + window_module.WINDOW_AHEAD
    assert len(cards.content) == window
    assert len(calls) == 2 * window  # front and back of each card in the window, nothing more
    cards.go_to(5000)
    assert "c5000" in cards.content and "c5020" in cards.content and "c4995" in cards.content
    assert len(cards.content) == 1 + window_module.WINDOW_AHEAD + window_module.WINDOW_BEHIND
    assert "c0" not in cards.content
    assert len(json.dumps(cards.get_state()["content"])) < 10_000


def test_small_deck_renders_everything_up_front() -> None:
    cards = Flashcards(make_deck(window_module.EAGER_LIMIT))
    assert len(cards.content) == window_module.EAGER_LIMIT
    assert len(Flashcards(make_deck(window_module.EAGER_LIMIT + 1)).content) < 100


def test_static_export_renders_every_item_of_a_large_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    """export-html sets RECALL_RENDER_ALL: no kernel will render the rest later."""
    monkeypatch.setenv(window_module.ENV_RENDER_ALL, "1")
    size = window_module.EAGER_LIMIT + 50
    assert len(Flashcards(make_deck(size)).content) == size
    monkeypatch.setenv(window_module.ENV_RENDER_ALL, "0")
    assert len(Flashcards(make_deck(size)).content) < size


def test_builds_from_a_path_and_writes_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "course"  # the progress store (RECALL_PROGRESS) is in tmp_path
    folder.mkdir()
    deck_file = folder / "deck.yaml"
    deck_file.write_text(
        "deck: tiny\ntitle: Tiny\ncards:\n  - id: one\n    front: Front\n    back: Back\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(folder)
    before = sorted(os.listdir(folder))
    cards = Flashcards(deck_file)
    cards._repr_mimebundle_()
    cards.flip()
    assert repr(Flashcards(str(deck_file))) == "Flashcards(deck='tiny', cards=1, position=1/1)"
    assert sorted(os.listdir(folder)) == before


def test_header_syncs_the_title_as_sanitized_html_and_the_section() -> None:
    """The header's title goes through the one renderer like every other content text."""
    title = "Maps & <b>Rivers</b> <script>alert(1)</script>"
    deck = Deck.model_validate(
        {"deck": "geo", "title": title, "cards": make_deck().cards}, strict=False
    )
    state = Flashcards(deck, section="a").get_state()
    assert state["title_html"] == ("Maps &amp; <b>Rivers</b> &lt;script&gt;alert(1)&lt;/script&gt;")
    assert state["section"] == "a"
    assert Flashcards(make_deck()).get_state()["section"] == ""
    assert Flashcards(make_deck()).get_state()["title_html"] == "Geo"
    for name in ("title_html", "section"):
        assert Flashcards.class_traits()[name].help, f"{name} needs help="


def test_ids_shows_exactly_those_cards_in_that_order() -> None:
    deck = make_deck()
    cards = Flashcards(deck, ids=["c4", "c1"])
    assert (cards.ids, cards.levels) == (["c4", "c1"], ["intermediate", "intermediate"])
    assert cards.current == "c4"
    assert repr(cards) == "Flashcards(deck='geo', ids=['c4', 'c1'], cards=2, position=1/2)"
    assert Flashcards(deck, ids="c3", section="b").ids == ["c3"]
    shuffled = Flashcards(make_deck(30), ids=[f"c{i}" for i in range(20)], shuffle=True, seed=2)
    assert shuffled.ids != [f"c{i}" for i in range(20)]  # shuffle=True still shuffles
    with pytest.raises(ValueError, match=r"has no card 'c3' in section 'a'; ids: c0, c2, c4"):
        Flashcards(deck, ids="c3", section="a")
    with pytest.raises(ValueError, match=r"has no card 'c9'; ids: c0, c1, c2, c3, c4, c5$"):
        Flashcards(deck, ids="c9")


def test_predict_cards_stay_out_unless_named() -> None:
    data = make_deck(3).model_dump()
    data["cards"] = [
        *data["cards"],
        {"id": "guess", "front": "?", "back": "!", "tags": ["predict"]},
    ]
    deck = Deck.model_validate(data, strict=False)
    assert Flashcards(deck).ids == ["c0", "c1", "c2"]
    assert Flashcards(deck, ids=["guess", "c0"]).ids == ["guess", "c0"]
    assert Flashcards(deck, exclude_tags=()).ids == ["c0", "c1", "c2", "guess"]
    assert "exclude_tags=()" in repr(Flashcards(deck, exclude_tags=()))


def test_tags_keep_the_cards_having_any_of_them() -> None:
    data = make_deck(4).model_dump()
    data["cards"] = [
        {**card, "tags": tags}
        for card, tags in zip(
            data["cards"], [["maps"], [], ["maps", "rivers"], ["rivers"]], strict=True
        )
    ]
    deck = Deck.model_validate(data, strict=False)
    cards = Flashcards(deck, tags="rivers")
    assert cards.ids == ["c2", "c3"]
    assert repr(cards) == "Flashcards(deck='geo', tags='rivers', cards=2, position=1/2)"
    assert Flashcards(deck, tags=["maps"], section="a").ids == ["c0", "c2"]
    assert sorted(Flashcards(deck, tags="maps", shuffle=True, seed=1).ids) == ["c0", "c2"]
    with pytest.raises(
        ValueError, match=r"^deck 'geo' has no cards tagged lakes; tags of its cards: maps, rivers$"
    ):
        Flashcards(deck, tags="lakes")


def test_relative_images_are_read_from_the_deck_files_folder(tmp_path: Path) -> None:
    from recall_widgets.render import ImageError

    png = bytes.fromhex("89504e470d0a1a0a")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "x.png").write_bytes(png)
    deck_file = tmp_path / "img.yaml"
    deck_file.write_text(
        "deck: img\ntitle: Img\ncards:\n  - {id: c, front: '![an x](images/x.png)', back: B}\n",
        encoding="utf-8",
    )
    cards = Flashcards(str(deck_file))
    assert 'src="data:image/png;base64,iVBORw0KGgo=" alt="an x"' in cards.content["c"]["front"]
    deck_file.write_text(deck_file.read_text().replace("x.png", "gone.png"), encoding="utf-8")
    with pytest.raises(ImageError, match=r"image 'images/gone.png': no such file .*gone\.png"):
        Flashcards(deck_file)
