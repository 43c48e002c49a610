"""Review driven through its Python API and as the browser drives it, with the fixed clock."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from test_widget_security import hostile_deck, html_strings, problems_in

from recall_widgets import Dashboard, Deck, Flashcards, Review
from recall_widgets.progress.store import ProgressStore
from recall_widgets.widgets.assets import FRONTEND
from recall_widgets.widgets.review import NEW_PER_QUEUE, review_queue
from recall_widgets.widgets.window import EAGER_LIMIT

NOW = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)  # the root conftest's RECALL_NOW
ROOT = Path(__file__).resolve().parents[2]


def make_deck(deck_id: str, cards: int = 3, questions: int = 2) -> Deck:
    """Cards c0… in sections s1 (first two) and s2; questions q0… in s1 (choice 0 is right)."""
    return Deck.model_validate(
        {
            "deck": deck_id,
            "title": f"Deck {deck_id.upper()}",
            "cards": [
                {
                    "id": f"c{i}",
                    "section": "s1" if i < 2 else "s2",
                    "level": "beginner",
                    "front": f"Front {i}",
                    "back": f"Back {i}",
                }
                for i in range(cards)
            ],
            "questions": [
                {
                    "id": f"q{i}",
                    "section": "s1",
                    "prompt": f"Question {i}?",
                    "explanation": "Because.",
                    "choices": [{"text": "right", "correct": True}, {"text": "wrong"}],
                }
                for i in range(questions)
            ],
        },
        strict=False,
    )


def event(deck: str, item: str, kind: str, value: Any, minutes: float, seq: int = 1) -> dict:
    time = NOW + dt.timedelta(minutes=minutes)
    return {
        "deck": deck,
        "item": item,
        "kind": kind,
        "value": value,
        "seq": seq,
        "time": time.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


# -- the queue --------------------------------------------------------------------------------


def test_a_learner_who_never_practised_gets_new_items_in_course_order(progress_path: Path) -> None:
    a, b = make_deck("a"), make_deck("b")
    review = Review([a, b], new=7)
    # Decks take turns; each deck section by section (s1: c0, c1, q0, q1; then s2: c2).
    assert review.queue == ["a/c0", "b/c0", "a/c1", "b/c1", "a/q0", "b/q0", "a/q1"]
    assert [e["stage"] for e in review.entries] == ["new"] * 7
    assert Review([a, b]).queue.__len__() == NEW_PER_QUEUE == 10
    assert review.current == "a/c0"
    assert not progress_path.exists(), "building a queue must not create the store"


def test_the_queue_is_keyed_deck_slash_item_with_no_deck_of_its_own(progress_path: Path) -> None:
    a, b = make_deck("a"), make_deck("b")  # the same item ids in both decks
    review = Review([a, b], new=4)
    assert review.ids == review.queue == ["a/c0", "b/c0", "a/c1", "b/c1"]
    assert set(review.content) == set(review.queue)  # rendered under the queue's keys
    assert review.content["a/c0"]["front"] == review.content["b/c0"]["front"] == "<p>Front 0</p>"
    assert review.deck_id == "" and "Spaced review" in review.title_html
    assert not hasattr(review, "deck")  # no stand-in deck: the items keep their own
    review.flip()
    assert (review.events[-1]["deck"], review.events[-1]["item"]) == ("a", "c0")


def test_due_items_come_first_most_overdue_first_decks_interleaved(progress_path: Path) -> None:
    a, b = make_deck("a"), make_deck("b")
    store = ProgressStore(progress_path)
    # Rated Again at 09:00, 09:01, 09:02 (due a minute later each); b/c0 at 09:03.
    for seq, (deck, item) in enumerate([("a", "c2"), ("a", "c0"), ("b", "c1"), ("b", "c0")], 1):
        assert store.record(event(deck, item, "rate", "again", seq - 1, seq))
    at = NOW + dt.timedelta(hours=1)
    queue = [e.key for e in review_queue(store, [a, b], at, new=2)]
    assert queue == ["a/c2", "b/c1", "a/c0", "b/c0", "a/c1", "b/q0"]
    assert [e.stage for e in review_queue(store, [a, b], at, new=2)][:4] == ["due"] * 4
    assert [e.key for e in review_queue(store, [a, b], at, new=5, limit=3)] == queue[:3]
    # Nothing rated is due at 09:00 itself: only new items.
    assert all(e.stage == "new" for e in review_queue(store, [a, b], NOW))


def test_rating_again_brings_an_item_back_sooner_than_good(progress_path: Path) -> None:
    deck = make_deck("a")
    review = Review(deck)
    assert review.current == "a/c0"
    assert review.flip() is True
    review.rate("again")
    assert review.current == "a/c1"
    review.rate("good")
    store = ProgressStore(progress_path)
    again, good = store.status("a", "c0"), store.status("a", "c1")
    assert again.due < good.due
    assert again.due == NOW + dt.timedelta(minutes=1)  # the first learning step
    later = Review(deck, now=NOW + dt.timedelta(minutes=5), new=0)
    assert later.queue == ["a/c0"]
    assert Review(deck, now=NOW + dt.timedelta(minutes=15), new=0).queue == ["a/c0", "a/c1"]


def test_a_wrong_first_answer_is_due_again_soon_and_a_right_one_later(progress_path: Path) -> None:
    deck = make_deck("a", cards=0, questions=2)
    review = Review(deck)
    assert review.answer(1) is False  # wrong → Again
    with pytest.raises(ValueError, match="is answered: next\\(\\) moves on"):
        review.answer(0)
    review.retry()
    assert review.answer(0) is True  # after "Try again": practice, not scheduled
    review.next()
    assert review.answer([0]) is True  # right → Good
    review.next()
    assert review.current is None
    store = ProgressStore(progress_path)
    wrong, right = store.status("a", "q0"), store.status("a", "q1")
    assert (wrong.reviews, wrong.lapses, right.reviews) == (1, 1, 1)
    assert wrong.due == NOW + dt.timedelta(minutes=1) < right.due
    assert Review(deck, now=NOW + dt.timedelta(minutes=2)).queue == ["a/q0"]


def test_nothing_due_says_when_the_next_review_is(
    progress_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = make_deck("a")
    empty = Review(deck, new=0)
    assert empty.queue == [] and empty.current is None
    assert empty.message == (
        "Nothing is due. Next review: none yet. Rate a card or answer a question to start. "
        "5 items not tried yet."
    )
    review = Review(deck, new=1)
    review.rate("good")  # due in 10 minutes
    assert review.message == (
        "Done: 1 item reviewed. Next review: in 10 minutes (2025-01-06 09:10 UTC). "
        "4 items not tried yet."
    )
    empty.refresh()  # the same store: the message follows it
    assert empty.message.startswith(
        "Nothing is due. Next review: in 10 minutes (2025-01-06 09:10 UTC)."
    )
    monkeypatch.setenv("RECALL_NOW", "2025-01-06T09:30:00Z")  # half an hour later
    late = Review(deck, new=0)
    assert late.queue == ["a/c0"]
    assert late.message == ""
    late.rate("good")  # graduates: the next review is in days
    assert late.message == (
        "Done: 1 item reviewed. Next review: in 2 days (2025-01-08 09:30 UTC). "
        "4 items not tried yet."
    )


def test_refresh_builds_the_next_queue_and_only_its_answers_are_shown(progress_path: Path) -> None:
    deck = make_deck("a", cards=1, questions=1)
    review = Review(deck, new=1)
    review.rate("again")
    assert review.current is None
    review.refresh()
    assert review.queue == ["a/q0"]  # c0 is not due before 09:01
    assert review.since == 1
    assert review.answer(0) is True
    review._now = NOW + dt.timedelta(minutes=2)  # a later sitting, same widget
    review.refresh()
    assert review.queue == ["a/c0"]
    assert (review.position, review.flipped, review.since) == (0, False, 2)


def test_every_action_is_recorded_in_the_store_with_its_own_deck(progress_path: Path) -> None:
    a, b = make_deck("a", cards=1, questions=0), make_deck("b", cards=0, questions=1)
    review = Review([a, b])
    assert review.queue == ["a/c0", "b/q0"]
    review.flip()
    review.rate("hard")
    review.answer(1)
    stored = ProgressStore(progress_path).events()
    assert stored == review.events
    assert [(e["deck"], e["item"], e["kind"]) for e in stored] == [
        ("a", "c0", "flip"),
        ("a", "c0", "rate"),
        ("b", "q0", "answer"),
    ]
    assert {e["time"] for e in stored} == {"2025-01-06T09:00:00.000Z"}


def test_events_from_the_browser_are_recorded_like_python_ones(progress_path: Path) -> None:
    """The browser appends events (with each item's deck) and moves `position` itself."""
    a, b = make_deck("a", cards=1, questions=0), make_deck("b", cards=0, questions=1)
    review = Review([a, b])
    seen: list[dict[str, Any]] = []
    review.on_event(seen.append)
    browser = [
        event("a", "c0", "flip", True, 0, 1),
        event("a", "c0", "rate", "easy", 0, 2),
        event("b", "q0", "answer", {"choices": [0], "correct": True}, 0, 3),
    ]
    review.events = browser[:2]
    review.position = 1
    review.events = browser
    assert [e["seq"] for e in seen] == [1, 2, 3]
    store = ProgressStore(progress_path)
    assert store.events() == browser
    assert store.status("a", "c0").last_rating == "easy"
    assert store.status("b", "q0").last_rating == "good"
    with pytest.raises(ValueError, match="b/q0 is answered"):
        review.answer(0)


def test_the_dashboard_follows_the_review(progress_path: Path) -> None:
    deck = make_deck("a")
    dashboard, review = Dashboard(deck), Review(deck)
    assert repr(dashboard) == "Dashboard(decks=1, items=5, new=5, learning=0, due=0, mastered=0)"
    review.rate("good")
    review.rate("again")
    assert repr(dashboard) == "Dashboard(decks=1, items=5, new=3, learning=2, due=0, mastered=0)"
    expected = "Next review: in 1 minute (2025-01-06 09:01 UTC)."
    assert dashboard.next_review == review.next_review == expected


def test_repr_is_stable(progress_path: Path) -> None:
    deck = make_deck("a")
    review = Review(deck, new=3)
    assert repr(review) == "Review(decks=1, due=0, new=3, position=1/3, next_review=None)"
    review.rate("again")
    assert repr(review) == (
        "Review(decks=1, due=0, new=3, position=2/3, next_review='2025-01-06 09:01 UTC')"
    )
    review.rate("good")
    review.answer(0)
    review.next()
    assert repr(review) == (
        "Review(decks=1, due=0, new=3, position=done, next_review='2025-01-06 09:01 UTC')"
    )
    later = Review(deck, new=1, now=NOW + dt.timedelta(minutes=1))
    assert repr(later) == (
        "Review(decks=1, due=1, new=1, position=1/2, next_review='2025-01-06 09:01 UTC')"
    )


def test_nothing_is_written_until_the_learner_acts(progress_path: Path) -> None:
    review = Review(make_deck("a"))
    review._repr_mimebundle_()
    review.get_state()
    review.next()
    review.refresh()
    repr(review)
    assert not progress_path.exists()


def test_wrong_calls_say_what_is_allowed(progress_path: Path) -> None:
    deck = make_deck("a", cards=1, questions=1)
    with pytest.raises(TypeError, match="needs a progress store"):
        Review(deck, progress=False)
    with pytest.raises(ValueError, match="new must be a whole number, 0 or more, got -1"):
        Review(deck, new=-1)
    with pytest.raises(ValueError, match="limit must be None or a whole number, 1 or more"):
        Review(deck, limit=0)
    review = Review(deck)
    with pytest.raises(ValueError, match="a/c0 is a card: rate\\(\\) it"):
        review.answer(0)
    with pytest.raises(ValueError, match="unknown rating 'ok'; ratings: again, hard, good, easy"):
        review.rate("ok")
    review.rate("good")
    with pytest.raises(ValueError, match="a/q0 is a question: answer\\(\\) it"):
        review.flip()
    with pytest.raises(ValueError, match=r"must be among 0\.\.1"):
        review.answer(2)
    review.answer(0)
    review.next()
    with pytest.raises(ValueError, match="nothing to review: Done: 2 items reviewed"):
        review.rate("good")


def test_default_decks_are_the_course_content_folder(
    progress_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "notebooks")
    review = Review()
    assert repr(review).startswith("Review(decks=1, due=0, new=10, position=1/10")
    assert {e["deck"] for e in review.entries} == {"flask-sessions"}


def test_a_large_queue_is_one_model_rendered_lazily(progress_path: Path) -> None:
    deck = make_deck("big", cards=EAGER_LIMIT + 50, questions=0)
    review = Review(deck, new=EAGER_LIMIT + 50)
    assert len(review.ids) == EAGER_LIMIT + 50
    assert review.current in review.content and len(review.content) < 40
    review.go_to(230)
    assert review.ids[230] in review.content


# -- what reaches the browser ----------------------------------------------------------------


def test_no_html_outside_sanitized_content(progress_path: Path) -> None:
    """Content is sanitized HTML; entries and messages are plain text the view sets as text."""
    deck = hostile_deck()
    review = Review(deck)
    state = review.get_state()
    markers: set[str] = set()
    for path, text in html_strings(state["content"]):
        assert not problems_in(text), f"content{path}: {problems_in(text)}"
        markers.update(re.findall(r"\bF\d+\b", text))
    assert len(markers) == 14  # card front/back, 2 questions' prompt/explanation/choices/whys
    assert review.entries[0]["source"] == "<script>alert('title')</script>"  # text, not HTML
    assert "<script>" not in state["title_html"]


def test_the_view_inserts_html_only_from_content() -> None:
    source = str(Review._esm)  # the bundle: review.js with the views it imports
    own = (FRONTEND / "src" / "review.js").read_text(encoding="utf-8")
    assert own.rstrip().endswith("export default { render };") and "function shownAnswer(" in source
    assert "innerHTML" not in own and "outerHTML" not in own and "insertAdjacentHTML" not in own
    for plain in ("entry.source", "entry.level", "endMessage("):
        assert re.search(rf"textContent = [^;]*{re.escape(plain)}", own) or plain == "entry.level"
    assert "showLevel(bar.badge, entry ? entry.level" in own  # showLevel sets textContent
    assert Review._css.count(".recall-card-view .recall-card {") == 1
    assert ".recall-question-view .recall-choice {" in Review._css
    assert Flashcards._css.count(".recall-card-view .recall-card {") == 1
