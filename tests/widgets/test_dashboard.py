"""Dashboard driven through its Python API and its browser messages, with the fixed clock."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from recall_widgets import Dashboard, Deck, Flashcards, Quiz, load_deck
from recall_widgets.deck.course import CourseError, CourseNotFound
from recall_widgets.progress.clock import format_time
from recall_widgets.progress.store import ProgressStore
from recall_widgets.progress.transfer import ProgressFileError
from recall_widgets.widgets.assets import FRONTEND
from recall_widgets.widgets.dashboard import plain_text
from recall_widgets.widgets.selection import course_content

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)  # the root conftest's RECALL_NOW


def make_deck(deck_id: str = "geo") -> Deck:
    """Cards c0-c3 in sections a/b; questions q0-q1 in section a; one prompt (not counted)."""
    cards = [
        {
            "id": f"c{i}",
            "section": "a" if i < 2 else "b",
            "level": "beginner" if i % 2 == 0 else "advanced",
            "front": f"Front **{i}** with `code`",
            "back": "Back",
        }
        for i in range(4)
    ]
    questions = [
        {
            "id": f"q{i}",
            "section": "a",
            "level": "beginner",
            "prompt": f"Which one is right, {i}?\n\nMore text.",
            "explanation": "E",
            "choices": [{"text": "right", "correct": True}, {"text": "wrong"}],
        }
        for i in range(2)
    ]
    prompts = [{"id": "p0", "section": "a", "prompt": "Explain", "concepts": ["x"]}]
    return Deck.model_validate(
        {
            "deck": deck_id,
            "title": "Geo <b>graphy</b>",
            "cards": cards,
            "questions": questions,
            "prompts": prompts,
        },
        strict=False,
    )


def totals(dashboard: Dashboard) -> dict[str, int]:
    return {s: sum(getattr(r, s) for r in dashboard.counts) for s in ("new", "learning", "due")}


def test_starts_all_new_without_creating_the_store(progress_path: Path) -> None:
    dashboard = Dashboard(make_deck())
    dashboard._repr_mimebundle_()
    assert repr(dashboard) == "Dashboard(decks=1, items=6, new=6, learning=0, due=0, mastered=0)"
    assert repr(dashboard) == repr(dashboard)
    assert not progress_path.exists()
    assert [(r.section, r.level, r.new) for r in dashboard.counts] == [
        ("a", "beginner", 3),
        ("a", "advanced", 1),
        ("b", "beginner", 1),
        ("b", "advanced", 1),
    ]
    assert dashboard.decks == [
        {"id": "geo", "title": "Geo <b>graphy</b>", "items": 6}
        | {"new": 6, "learning": 0, "due": 0, "mastered": 0}
    ]
    assert dashboard.next_review.startswith("Next review: none yet")
    assert dashboard.weakest == [] and dashboard.notice == ""
    assert [e["stage"] for e in dashboard.legend] == ["new", "learning", "due", "mastered"]
    assert "21 days" in dashboard.legend[3]["text"]


def test_counts_follow_the_widgets_without_a_refresh(monkeypatch: pytest.MonkeyPatch) -> None:
    deck = make_deck()
    dashboard = Dashboard(deck)
    cards, quiz = Flashcards(deck), Quiz(deck)
    cards.flip()  # a flip does not schedule anything
    assert totals(dashboard) == {"new": 6, "learning": 0, "due": 0}
    cards.rate("good")
    quiz.answer("q1", [1])  # wrong on the first attempt: Again, a lapse
    assert totals(dashboard) == {"new": 4, "learning": 2, "due": 0}
    row = dashboard.rows[0]
    assert (row["section"], row["level"], row["new"], row["learning"]) == ("a", "beginner", 1, 2)
    assert dashboard.next_review == "Next review: in 1 minute (2025-01-06 09:01 UTC)."
    assert dashboard.weakest[0] == {
        "deck": "geo",
        "item": "q1",
        "text": "Which one is right, 1?",
        "lapses": 1,
        "recall": 100,
    }
    assert repr(dashboard) == "Dashboard(decks=1, items=6, new=4, learning=2, due=0, mastered=0)"

    monkeypatch.setenv("RECALL_NOW", "2025-01-06T10:00:00Z")
    assert totals(dashboard) == {"new": 4, "learning": 2, "due": 0}  # not re-read yet
    dashboard.refresh()
    assert totals(dashboard) == {"new": 4, "learning": 0, "due": 2}
    assert dashboard.next_review == "Next review: now (2 items due)."
    assert dashboard.decks[0]["due"] == 2


def test_a_card_reviewed_well_for_weeks_is_mastered(
    monkeypatch: pytest.MonkeyPatch, progress_path: Path
) -> None:
    store = ProgressStore(progress_path)
    when = NOW
    for seq in range(1, 12):
        event = {"deck": "geo", "item": "c3", "kind": "rate", "value": "good"}
        assert store.record({**event, "seq": seq, "time": format_time(when)})
        due = store.status("geo", "c3").due
        if (due - when).days > 30:
            break
        when = due
    monkeypatch.setenv("RECALL_NOW", format_time(when + dt.timedelta(days=1)))
    dashboard = Dashboard(make_deck())
    assert [(r.section, r.level, r.mastered) for r in dashboard.counts if r.mastered] == [
        ("b", "advanced", 1)
    ]
    assert dashboard.next_review.startswith("Next review: in ")
    assert "mastered=1" in repr(dashboard)


def test_export_then_import_through_the_dashboard(tmp_path: Path) -> None:
    deck = make_deck()
    cards = Flashcards(deck)
    cards.rate("again")
    Quiz(deck).answer("q0", [0])
    mine = Dashboard(deck)
    text = mine.export_text()
    assert len(json.loads(text)["events"]) == 2

    other = Dashboard(deck, progress=tmp_path / "other.sqlite3")
    result = other.import_text(text, "mine.json")
    assert (result.added, result.duplicates) == (2, 0)
    assert other.notice == "Imported 2 events"
    assert other.counts == mine.counts and other.weakest == mine.weakest
    other.import_text(text)
    assert other.notice == "Imported 0 events (2 already there)"
    assert json.loads(other.export_text())["events"] == json.loads(text)["events"]


def test_a_bad_import_changes_nothing(tmp_path: Path) -> None:
    deck = make_deck()
    Flashcards(deck).rate("good")
    dashboard = Dashboard(deck)
    before = (dashboard.export_text(), dashboard.counts, dashboard.store.event_count())
    good = json.loads(before[0])
    broken = {**good, "events": [*good["events"], {"deck": "geo", "item": "c1"}]}
    for text, reason in [
        ("{not json", "not valid JSON"),
        ('{"format": "anki-deck"}', "not a recall-widgets progress export"),
        (json.dumps(broken), "event #2"),
    ]:
        with pytest.raises(ProgressFileError, match=reason):
            dashboard.import_text(text, "upload.json")
        assert dashboard.notice.startswith("upload.json: ") and reason in dashboard.notice
        assert dashboard.notice.endswith("nothing was imported")
        after = (dashboard.export_text(), dashboard.counts, dashboard.store.event_count())
        assert after == before


def test_the_browser_asks_for_a_download_and_sends_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RECALL_LEARNER", "ana")  # the file is named after the learner
    deck = make_deck()
    Flashcards(deck).rate("hard")
    dashboard = Dashboard(deck)
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(dashboard, "send", lambda content, buffers=None: sent.append(content))
    dashboard._on_message(dashboard, {"kind": "export"}, [])
    assert [m["filename"] for m in sent] == ["recall-progress-ana-20250106.json"]
    assert sent[0]["text"] == dashboard.export_text() and sent[0]["kind"] == "download"
    assert dashboard.notice == "Exported 1 event as recall-progress-ana-20250106.json"

    other = Dashboard(deck, progress=tmp_path / "other.sqlite3")
    message = {"kind": "import", "name": "mine.json", "text": sent[0]["text"]}
    other._on_message(other, message, [])
    assert other.notice == "Imported 1 event"
    assert other.counts == dashboard.counts
    other._on_message(other, {"kind": "import", "name": "x.json", "text": "[]"}, [])
    assert other.notice.startswith("x.json: not a recall-widgets progress export")
    assert other.counts == dashboard.counts  # nothing changed, nothing raised
    other._on_message(other, {"kind": "import", "name": "x.json", "text": None}, [])
    assert other.notice == "The chosen file could not be read."
    other._on_message(other, {"kind": "refresh"}, [])
    other._on_message(other, "nonsense", [])  # ignored


def test_default_decks_are_the_course_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "notebooks")
    assert course_content() == ROOT / "content"
    dashboard = Dashboard()
    course = load_deck(ROOT / "content" / "flask-sessions.yaml")
    items = len(course.cards) + len(course.questions) + len(course.exercises)
    assert repr(dashboard) == (
        f"Dashboard(decks=1, items={items}, new={items}, learning=0, due=0, mastered=0)"
    )


def test_the_content_folder_is_the_course_configs(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    (course / "decks").mkdir()
    (course / "decks" / "d.yaml").write_text("deck: d\ntitle: D\n", encoding="utf-8")
    (course / "content").mkdir()  # not the configured folder: never looked at
    (course / "course.toml").write_text('title = "C"\ndecks = "decks"\n', encoding="utf-8")
    assert course_content(course / "notebooks") == course / "decks"
    assert course_content(course) == course / "decks"
    with pytest.raises(CourseNotFound, match="no course config in"):
        course_content(tmp_path)  # no fallback to this checkout's content/
    (course / "course.toml").write_text('title = "C"\n', encoding="utf-8")
    with pytest.raises(CourseError, match="no decks"):
        course_content(course)


def test_accepts_folders_files_and_decks(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "flask-sessions.yaml", folder)
    by_folder = Dashboard(folder)
    by_file = Dashboard(str(folder / "flask-sessions.yaml"))
    mixed = Dashboard([make_deck("one"), folder])
    assert repr(by_folder) == repr(by_file)
    assert [d["id"] for d in mixed.decks] == ["one", "flask-sessions"]
    with pytest.raises(ValueError, match="the same deck given twice: one"):
        Dashboard([make_deck("one"), make_deck("one")])
    with pytest.raises(ValueError, match="no decks"):
        Dashboard([])
    with pytest.raises(TypeError, match="expected a Deck"):
        Dashboard([42])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="needs a progress store"):
        Dashboard(make_deck(), progress=False)  # type: ignore[arg-type]


def test_an_unreadable_store_is_shown_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    dashboard = Dashboard(make_deck(), progress=bad)
    assert dashboard.notice.startswith("Cannot read progress: ")
    assert bad.read_bytes() == b"this is not a database" * 100


def test_no_html_in_synced_state_and_none_made_in_the_view() -> None:
    deck = make_deck()
    Quiz(deck).answer("q0", [1])
    state = Dashboard(deck).get_state()
    data = {k: v for k, v in state.items() if not k.startswith("_")}
    text = json.dumps(data)
    assert "<p>" not in text and "<strong>" not in text and "<code>" not in text
    assert "Geo <b>graphy</b>" in text  # a title is text, shown as text: never parsed
    assert state["_css"].count(".recall-dashboard") > 3 and ".recall-widget" in state["_css"]
    js = (FRONTEND / "dashboard.js").read_text(encoding="utf-8")  # the bundle the browser runs
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js
    assert 'data-lm-suppress-shortcuts", "true"' in str(Dashboard._esm)  # common.js's h()
    js = (FRONTEND / "src" / "dashboard.js").read_text(encoding="utf-8")  # the widget's module
    assert js.rstrip().endswith("export default { render };")


def test_plain_text_of_an_item() -> None:
    assert plain_text("## Why **this** `x`?\n\nmore") == "Why this x?"
    assert plain_text("word " * 40, limit=20) == "word word word word…"


def test_a_closed_dashboard_stops_following_the_store(progress_path: Path) -> None:
    deck = make_deck()
    store = ProgressStore(progress_path)
    kept, closed = Dashboard(deck, progress=store), Dashboard(deck, progress=store)
    closed.close()
    closed.close()  # twice is fine
    Flashcards(deck, progress=store).rate("good")
    assert kept.counts[0].learning == 1 and closed.counts[0].learning == 0
    kept.close()
    assert store._on_change == []


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_view_helpers_in_node() -> None:
    script = f"""
    import {{ sectionTotals, deckLine }} from {json.dumps((FRONTEND / "dashboard.js").as_uri())};
    const stages = ["new", "learning", "due", "mastered"];
    const row = (section, level, n, l) =>
      ({{ deck: "d", section, level, new: n, learning: l, due: 0, mastered: 0, total: n + l }});
    const rows = [row("a", "x", 2, 1), row("a", "y", 1, 0), row("", "", 4, 0)];
    const bars = sectionTotals(rows, stages);
    console.log(JSON.stringify({{ bars, line: deckLine(
      {{ id: "d", title: "D", items: 1, new: 1, learning: 0, due: 0, mastered: 0 }}, stages) }}));
    """
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["bars"] == [
        {"section": "a", "counts": {"new": 3, "learning": 1, "due": 0, "mastered": 0}, "total": 4},
        {"section": "", "counts": {"new": 4, "learning": 0, "due": 0, "mastered": 0}, "total": 4},
    ]
    assert out["line"] == "1 item: 1 new · 0 learning · 0 due · 0 mastered"
