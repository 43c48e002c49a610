"""The widgets record every learner action in the progress store, lazily, and survive a bad one."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Deck, Flashcards, Quiz, RecallPrompt, Review, Score
from recall_widgets.progress.scheduling import CardStats, Rating, parse_time
from recall_widgets.progress.store import ProgressStore
from recall_widgets.widgets.recording import ProgressWarning

FIXED = "2025-01-06T09:00:00.000Z"


def make_deck(deck_id: str = "geo") -> Deck:
    return Deck.model_validate(
        {
            "deck": deck_id,
            "title": "Geo",
            "cards": [{"id": f"c{i}", "front": f"F{i}", "back": f"B{i}"} for i in range(3)],
            "questions": [
                {
                    "id": f"q{i}",
                    "prompt": f"Q{i}",
                    "explanation": "E",
                    "choices": [{"text": "right", "correct": True}, {"text": "wrong"}],
                }
                for i in range(2)
            ],
            "prompts": [{"id": "p0", "prompt": "Explain", "hint": "H", "concepts": ["a", "b"]}],
        },
        strict=False,
    )


def stored(path: Path) -> list[dict[str, Any]]:
    return ProgressStore(path).events()


def test_every_kind_of_event_reaches_the_default_store(progress_path: Path) -> None:
    deck = make_deck()
    cards, quiz, prompt = Flashcards(deck), Quiz(deck), RecallPrompt(deck)
    cards.flip()
    cards.rate("good")
    quiz.answer("q0", [1])
    quiz.retry("q0")
    quiz.answer("q0", [0])
    prompt.write("my answer")
    prompt.show_hint()
    prompt.check([0])
    events = [*cards.events, *quiz.events, *prompt.events]
    assert sorted(e["kind"] for e in events) == sorted(
        ["flip", "rate", "answer", "retry", "answer", "recall_text", "hint", "concepts"]
    )
    key = lambda e: (e["item"], e["seq"], e["kind"])  # noqa: E731
    assert sorted(stored(progress_path), key=key) == sorted(events, key=key)


def test_python_events_take_their_time_from_the_fixed_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cards = Flashcards(make_deck())
    cards.flip()
    monkeypatch.setenv("RECALL_NOW", "2025-03-01T12:30:00+01:00")
    cards.flip()
    assert [e["time"] for e in cards.events] == [FIXED, "2025-03-01T11:30:00.000Z"]


def test_nothing_is_written_on_construction_or_display(progress_path: Path) -> None:
    deck = make_deck()
    for widget in (Flashcards(deck), Quiz(deck), RecallPrompt(deck)):
        widget._repr_mimebundle_()
        widget.get_state()
        widget.next()  # moving is not a learner action worth recording
        repr(widget)
    assert not progress_path.exists()
    assert not progress_path.parent.joinpath("progress.sqlite3-wal").exists()


def test_progress_false_records_nothing(progress_path: Path) -> None:
    cards = Flashcards(make_deck(), progress=False)
    assert cards.progress is None
    cards.flip()
    cards.rate("again")
    assert len(cards.events) == 2 and cards.ratings == {"c0": "again"}
    assert not progress_path.exists()


def test_progress_can_be_a_path_or_a_store(tmp_path: Path, progress_path: Path) -> None:
    quiz = Quiz(make_deck(), progress=tmp_path / "mine.sqlite3")
    quiz.answer("q1", [0])
    store = ProgressStore(tmp_path / "other.sqlite3")
    prompt = RecallPrompt(make_deck(), progress=store)
    prompt.write("text")
    assert [e["item"] for e in stored(tmp_path / "mine.sqlite3")] == ["q1"]
    assert [e["kind"] for e in store.events()] == ["recall_text"]
    assert not progress_path.exists()
    with pytest.raises(TypeError, match="progress must be None"):
        Flashcards(make_deck(), progress=42)  # type: ignore[arg-type]


def test_a_rating_schedules_the_card(progress_path: Path) -> None:
    cards = Flashcards(make_deck())
    cards.rate("again")  # c0, then moves to c1
    cards.rate("good")
    store = ProgressStore(progress_path)
    again, good = store.status("geo", "c0"), store.status("geo", "c1")
    assert (again.reviews, again.last_rating, again.lapses) == (1, "again", 1)
    assert (good.reviews, good.last_rating) == (1, "good")
    assert again.stage == good.stage == "learning"
    assert good.due > again.due
    assert store.status("geo", "c2").stage == "new"


def test_browser_events_are_recorded_once_even_when_resent(progress_path: Path) -> None:
    quiz = Quiz(make_deck())
    event = {
        "deck": "geo",
        "item": "q0",
        "kind": "answer",
        "value": {"choices": [0], "correct": True},
        "seq": 1,
        "time": "2025-01-06T08:59:00.000Z",
    }
    quiz.events = [event]  # as the browser syncs it
    quiz.events = [dict(event)]  # the same list again (a re-sent state)
    assert stored(progress_path) == [event]
    assert ProgressStore(progress_path).status("geo", "q0").last_rating == "good"


def test_a_malformed_browser_event_is_warned_about_and_not_recorded(progress_path: Path) -> None:
    cards = Flashcards(make_deck())
    bad = {"deck": "geo", "item": "c0", "kind": "rate", "value": "great", "seq": 1, "time": FIXED}
    with pytest.warns(ProgressWarning, match="event not recorded"):
        cards.events = [bad]
    assert cards.notice == ""
    cards.rate("good")  # still works, and is recorded
    assert [e["value"] for e in stored(progress_path)] == ["good"]


def test_an_unwritable_store_gives_one_notice_and_the_widget_keeps_working(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be", encoding="utf-8")
    cards = Flashcards(make_deck(), progress=blocker / "progress.sqlite3")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert cards.flip() is True
        cards.rate("good")
        cards.flip()
        cards.rate("easy")
    progress_warnings = [w for w in caught if issubclass(w.category, ProgressWarning)]
    assert len(progress_warnings) == 1
    notice = cards.get_state()["notice"]
    assert notice.startswith("Progress is not being saved: ")
    assert str(blocker) in notice and "\n" not in notice
    assert str(progress_warnings[0].message) == notice[0].lower() + notice[1:]
    assert cards.ratings == {"c0": "good", "c1": "easy"}
    assert cards.position == 2 and len(cards.events) == 4


def test_the_notice_is_empty_while_recording_works(progress_path: Path) -> None:
    cards = Flashcards(make_deck())
    cards.flip()
    assert progress_path.exists() and cards.notice == ""


def test_on_change_fires_for_new_events_only_and_never_breaks_record(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    calls: list[str] = []
    store.on_change(lambda: calls.append("ok"))

    def broken() -> None:
        raise RuntimeError("boom")

    store.on_change(broken)
    event = {"deck": "d", "item": "c", "kind": "flip", "value": True, "seq": 1, "time": FIXED}
    with pytest.warns(UserWarning, match="boom"):
        assert store.record(event)
    assert store.record(event)  # a duplicate: nothing changed, no call
    assert calls == ["ok"]
    store.on_change(broken, remove=True)
    store.reset()
    assert calls == ["ok", "ok"]


# -- Python decides what a browser event means ------------------------------------------------


def forged(choices: list[int], claimed: bool, seq: int = 1) -> dict[str, Any]:
    """A browser's answer to q0 (choice 0 is right) that claims ``correct: claimed``."""
    value = {"choices": choices, "correct": claimed}
    return {
        "deck": "geo",
        "item": "q0",
        "kind": "answer",
        "value": value,
        "seq": seq,
        "time": FIXED,
    }


def schedule_of(rating: Rating) -> CardStats:
    """A new item's schedule after one review with ``rating`` at the fixed clock."""
    when = parse_time(FIXED)
    return CardStats.new("geo", "q0", when).review(rating, when)


@pytest.mark.parametrize(
    ("choices", "claimed", "correct", "rating"),
    [([1], True, False, Rating.Again), ([0], False, True, Rating.Good)],
    ids=["a wrong choice claiming correct", "a right choice claiming incorrect"],
)
def test_a_browser_answer_is_decided_from_the_deck_whatever_it_claims(
    progress_path: Path, choices: list[int], claimed: bool, correct: bool, rating: Rating
) -> None:
    quiz = Quiz(make_deck())
    seen: list[dict[str, Any]] = []
    quiz.on_event(seen.append)
    quiz.set_state({"events": [forged(choices, claimed)]})  # as the browser syncs it
    decided = {"choices": choices, "correct": correct}
    assert quiz.score == Score(correct=int(correct), answered=1, total=2)
    assert quiz.answers["q0"] == {"first": choices, "last": choices, "attempts": 1} | {
        "correct": correct
    }
    assert quiz.missed == ([] if correct else ["q0"])
    assert [e["value"] for e in seen] == [decided]  # callbacks get the decision
    store = ProgressStore(progress_path)
    assert [e["value"] for e in store.events()] == [decided]
    status, expected = store.status("geo", "q0"), schedule_of(rating)
    assert status.last_rating == rating.name.lower()
    assert (status.due, status.lapses) == (expected.due, expected.lapses)


@pytest.mark.parametrize(
    ("choices", "claimed", "correct", "rating"),
    [([1], True, False, Rating.Again), ([0], False, True, Rating.Good)],
    ids=["a wrong choice claiming correct", "a right choice claiming incorrect"],
)
def test_a_review_decides_a_browser_answer_from_the_deck_too(
    progress_path: Path, choices: list[int], claimed: bool, correct: bool, rating: Rating
) -> None:
    review = Review(make_deck(), new=10)
    review.go_to("geo/q0")
    review.set_state({"events": [forged(choices, claimed)]})
    store = ProgressStore(progress_path)
    assert [e["value"] for e in store.events()] == [{"choices": choices, "correct": correct}]
    status, expected = store.status("geo", "q0"), schedule_of(rating)
    assert (status.last_rating, status.due) == (rating.name.lower(), expected.due)
    assert review._shown_answer(review._by_key["geo/q0"])["value"]["correct"] is correct


@pytest.mark.parametrize(
    ("kind", "item", "value", "why"),
    [
        ("answer", "q0", {"choices": [5], "correct": True}, r"must be among 0\.\.1, got \[5\]"),
        ("answer", "q0", {"choices": [0, 1], "correct": True}, "takes exactly one choice"),
        ("answer", "q0", {"correct": True}, "must be among 0..1, got None"),
        ("rate", "c0", "superb", "unknown rating 'superb'; ratings: again, hard, good, easy"),
        ("rate", "q0", "good", "a 'rate' event is about a card; 'q0' is a question"),
        ("concepts", "p0", {"checked": [0, 7], "total": 9}, r"among 0\.\.1, got \[0, 7\]"),
        ("answer", "nope", {"choices": [0]}, "no item 'nope' of deck 'geo' here"),
        ("cheat", "q0", None, "unknown event kind 'cheat'"),
    ],
)
def test_a_browser_event_that_cannot_mean_anything_is_refused(
    progress_path: Path, kind: str, item: str, value: Any, why: str
) -> None:
    widget = {"q": Quiz, "c": Flashcards, "p": RecallPrompt, "n": Quiz}[item[0]](make_deck())
    seen: list[dict[str, Any]] = []
    widget.on_event(seen.append)
    event = {"deck": "geo", "item": item, "kind": kind, "value": value, "seq": 1}
    with pytest.warns(ProgressWarning, match=f"event not recorded: .*{why}"):
        widget.set_state({"events": [event | {"time": FIXED}]})
    assert seen == [] and widget._events_of(kind) == []
    assert not progress_path.exists()


def test_another_decks_event_and_an_item_the_widget_does_not_show_are_refused(
    progress_path: Path,
) -> None:
    quiz = Quiz(make_deck(), ids="q1")
    other = forged([0], True) | {"deck": "other"}
    with pytest.warns(ProgressWarning, match="no deck 'other' here; decks: geo"):
        quiz.set_state({"events": [other]})
    with pytest.warns(ProgressWarning, match="no item 'q0' of deck 'geo' here"):
        quiz.set_state({"events": [other, forged([0], True, seq=2)]})
    assert quiz.answers == {} and not progress_path.exists()


def test_ratings_and_concepts_are_what_python_decided(progress_path: Path) -> None:
    cards, prompt = Flashcards(make_deck()), RecallPrompt(make_deck())
    cards.set_state(
        {
            "events": [
                {"deck": "geo", "item": "c1", "kind": "rate", "value": "hard"}
                | {"seq": 1, "time": FIXED}
            ]
        }
    )
    ticks = {"checked": [1, 0, 1], "total": 99}  # repeated, unsorted, a wrong total
    prompt.set_state(
        {
            "events": [
                {"deck": "geo", "item": "p0", "kind": "concepts"}
                | {"value": ticks, "seq": 1, "time": FIXED}
            ]
        }
    )
    assert cards.ratings == {"c1": "hard"}
    assert prompt.concepts_checked == {"p0": [0, 1]}
    concepts = [e for e in stored(progress_path) if e["kind"] == "concepts"]
    assert [e["value"] for e in concepts] == [{"checked": [0, 1], "total": 2}]
