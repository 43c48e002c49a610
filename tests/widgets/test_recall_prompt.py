"""RecallPrompt driven through its Python API, asserting on synced state and events."""

from __future__ import annotations

from typing import Any

import pytest

from recall_widgets import Deck, RecallPrompt


def make_deck() -> Deck:
    def prompt(pid: str, section: str, hint: str | None, n: int) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": pid,
            "section": section,
            "level": "intermediate",
            "prompt": f"Explain **{pid}**.",
            "concepts": [f"concept `{i}`" for i in range(n)],
        }
        if hint:
            item["hint"] = hint
        return item

    return Deck.model_validate(
        {
            "deck": "recall",
            "title": "Recall",
            "prompts": [
                prompt("p1", "a", "Think *small*.", 4),
                prompt("p2", "a", None, 2),
                prompt("p3", "b", "Hint 3", 3),
            ],
        },
        strict=False,
    )


def test_all_prompts_one_at_a_time() -> None:
    prompt = RecallPrompt(make_deck())
    state = prompt.get_state()
    assert state["ids"] == ["p1", "p2", "p3"]
    assert state["content"]["p1"] == {
        "prompt": "<p>Explain <strong>p1</strong>.</p>",
        "hint": "<p>Think <em>small</em>.</p>",
        "concepts": [f"concept <code>{i}</code>" for i in range(4)],
        "level": "intermediate",
    }
    assert state["content"]["p2"]["hint"] == ""
    assert repr(prompt) == "RecallPrompt(deck='recall', prompts=3, position=1/3)"


def test_one_prompt_by_id_and_section_filter() -> None:
    deck = make_deck()
    one = RecallPrompt(deck, "p3")
    assert one.ids == ["p3"]
    assert repr(one) == "RecallPrompt(deck='recall', prompt='p3', prompts=1, position=1/1)"
    assert RecallPrompt(deck, section="a").ids == ["p1", "p2"]
    with pytest.raises(ValueError, match=r"has no prompt 'p3' in section 'a'; ids: p1, p2"):
        RecallPrompt(deck, "p3", section="a")
    with pytest.raises(ValueError, match=r"sections with prompts: a, b"):
        RecallPrompt(deck, section="c")


def test_write_hint_and_check_concepts() -> None:
    prompt = RecallPrompt(make_deck())
    prompt.write("Small things matter.")
    prompt.show_hint()
    assert prompt.check([0, 2]) == (2, 4)
    assert prompt.check([3, 0, 2, 1]) == (4, 4)
    assert prompt.check([1], prompt_id="p3") == (1, 3)
    assert prompt.position == 2  # naming a prompt shows it
    assert prompt.concepts_checked == {"p1": [0, 1, 2, 3], "p3": [1]}
    assert prompt.answers == {  # the shape of every widget's answers (Quiz.answers too)
        "p1": {"first": "Small things matter.", "last": "Small things matter.", "attempts": 1}
        | {"correct": None}
    }
    assert [(e["kind"], e["item"], e["value"]) for e in prompt.events] == [
        ("recall_text", "p1", "Small things matter."),
        ("hint", "p1", True),
        ("concepts", "p1", {"checked": [0, 2], "total": 4}),
        ("concepts", "p1", {"checked": [0, 1, 2, 3], "total": 4}),
        ("concepts", "p3", {"checked": [1], "total": 3}),
    ]
    assert [e["seq"] for e in prompt.events] == [1, 2, 3, 4, 5]


def test_bad_input_says_what_is_allowed() -> None:
    prompt = RecallPrompt(make_deck())
    with pytest.raises(ValueError, match=r"must be among 0\.\.3, got \[4\]"):
        prompt.check([4])
    with pytest.raises(ValueError, match="no prompt 'nope' here"):
        prompt.write("x", prompt_id="nope")
    with pytest.raises(ValueError, match="prompt 'p2' has no hint"):
        prompt.show_hint("p2")
    with pytest.raises(TypeError, match="text must be a str"):
        prompt.write(3)  # type: ignore[arg-type]
    assert prompt.events == []


def test_on_event_and_browser_events() -> None:
    prompt = RecallPrompt(make_deck())
    seen: list[tuple[str, int]] = []
    prompt.on_event(lambda e: seen.append((e["kind"], e["seq"])))
    browser = {
        "deck": "recall",
        "item": "p1",
        "kind": "concepts",
        "value": {"checked": [1, 3], "total": 4},
        "seq": 1,
        "time": "2025-01-01T00:00:00.000Z",
    }
    prompt.set_state({"events": [browser]})
    prompt.set_state({"events": [browser]})
    prompt.write("mine")
    assert seen == [("concepts", 1), ("recall_text", 2)]
    assert prompt.concepts_checked == {"p1": [1, 3]}


def test_navigation() -> None:
    prompt = RecallPrompt(make_deck())
    prompt.next()
    prompt.next()
    prompt.next()
    assert prompt.position == 2
    assert repr(prompt).endswith("position=3/3)")
    prompt.previous()
    assert prompt.position == 1
    prompt.go_to("p1")
    assert prompt.position == 0


def test_header_title_and_section() -> None:
    state = RecallPrompt(make_deck(), section="b").get_state()
    assert (state["title_html"], state["section"]) == ("Recall", "b")
    assert RecallPrompt(make_deck(), "p1").get_state()["section"] == ""


def test_ids_shows_exactly_those_prompts_and_keeps_the_positional_id() -> None:
    deck = make_deck()
    several = RecallPrompt(deck, ids=["p3", "p1"])
    assert several.ids == ["p3", "p1"]
    assert repr(several) == "RecallPrompt(deck='recall', ids=['p3', 'p1'], prompts=2, position=1/2)"
    one = RecallPrompt(deck, ids="p2")
    assert repr(one) == "RecallPrompt(deck='recall', ids='p2', prompts=1, position=1/1)"
    assert RecallPrompt(deck, "p2").ids == one.ids  # the positional id is ids= for one prompt
    with pytest.raises(TypeError, match="give the prompt's id or ids=, not both"):
        RecallPrompt(deck, "p1", ids=["p2"])
    with pytest.raises(
        ValueError, match=r"has no prompt 'p11'; did you mean 'p1'\?; ids: p1, p2, p3$"
    ):
        RecallPrompt(deck, ids=["p1", "p11"])


def test_concepts_with_evidence_render_their_text() -> None:
    deck = Deck.model_validate(
        {
            "deck": "d",
            "title": "T",
            "prompts": [
                {
                    "id": "p",
                    "prompt": "Explain.",
                    "concepts": ["plain `one`", {"text": "with *proof*", "evidence": ["test_x"]}],
                },
                {"id": "later", "prompt": "?", "concepts": ["c"], "tags": ["predict"]},
            ],
        },
        strict=False,
    )
    prompt = RecallPrompt(deck)
    assert prompt.ids == ["p"]  # a predict prompt is left out unless named
    assert prompt.content["p"]["concepts"] == ["plain <code>one</code>", "with <em>proof</em>"]
    assert prompt.check([1]) == (1, 2)
    assert RecallPrompt(deck, "later").ids == ["later"]


def test_tags_keep_the_prompts_having_any_of_them() -> None:
    data = make_deck().model_dump()
    data["prompts"] = [
        {**p, "tags": tags}
        for p, tags in zip(data["prompts"], [["x"], ["y"], ["x", "z"]], strict=True)
    ]
    deck = Deck.model_validate(data, strict=False)
    prompt = RecallPrompt(deck, tags="x")
    assert prompt.ids == ["p1", "p3"]
    assert repr(prompt) == "RecallPrompt(deck='recall', tags='x', prompts=2, position=1/2)"
    assert RecallPrompt(deck, tags=["y", "z"], section="b").ids == ["p3"]
    with pytest.raises(ValueError, match=r"has no prompts tagged w; tags of its prompts: x, y, z$"):
        RecallPrompt(deck, tags="w")
