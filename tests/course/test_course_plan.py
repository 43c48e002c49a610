"""The course's plan: a prediction before each main demo, and timings that add up.

Predict, then see: each deck item tagged ``predict`` is shown on its own (``ids=``) in a lesson,
*before* the demo cell that settles it; that cell carries the notebook cell tag
``settles:<item id>``. :func:`prediction_problems` checks the order; the bad fixtures below show
it failing.

Honest timings: each lesson's first cell says ``*Estimated time: N minutes (a …, b …, c …)*``,
and the parts add up to N; the start notebook, the README and the instructor guide state the
same N; and every workshop plan in the guide adds up to its slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DECK_PATH = ROOT / "content" / "flask-sessions.yaml"
GUIDE = ROOT / "docs" / "instructor-guide.md"
README = ROOT / "README.md"
MIN_PREDICTIONS = 6

_WIDGET_CALL = re.compile(r"\b(?:Quiz|Flashcards|RecallPrompt)\(\s*DECK\b(?P<args>[^)]*)\)")
_IDS = re.compile(r"\bids\s*=\s*(?P<value>\[[^\]]*\]|\"[^\"]*\"|'[^']*')")
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def _widget_ids(source: str) -> list[str]:
    """The item ids a cell shows with ``ids=`` (empty when it shows none that way)."""
    found: list[str] = []
    for call in _WIDGET_CALL.finditer(source):
        ids = _IDS.search(call.group("args"))
        if ids:
            found.extend(_QUOTED.findall(ids.group("value")))
    return found


def _settles(cell: Any) -> set[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return {tag.split(":", 1)[1] for tag in tags if tag.startswith("settles:")}


def prediction_problems(
    notebooks: Iterable[tuple[str, Any]], predict_ids: Sequence[str]
) -> list[str]:
    """What is wrong with the order of predictions and demos, one line each.

    ``notebooks`` are ``(name, notebook)`` pairs; ``predict_ids`` the deck's items tagged
    ``predict``. Each such item must be shown once, by a widget cell with ``ids=``, and
    settled by a later code cell of the same notebook tagged ``settles:<id>`` that is a demo
    (shows no deck widget). A ``settles:`` tag must name a prediction shown before it.
    """
    problems: list[str] = []
    shown: dict[str, list[str]] = {}
    for name, notebook in notebooks:
        asked: dict[str, int] = {}
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            for item_id in _widget_ids(cell.source):
                if item_id in predict_ids:
                    asked.setdefault(item_id, index)
                    shown.setdefault(item_id, []).append(f"{name} cell {index}")
            for item_id in sorted(_settles(cell)):
                where = f"{name} cell {index}"
                if item_id not in predict_ids:
                    problems.append(f"{where} settles {item_id!r}, which is not a prediction item")
                elif item_id not in asked:
                    problems.append(f"{where} settles {item_id!r} before the prediction is asked")
                elif _WIDGET_CALL.search(cell.source):
                    problems.append(f"{where} settles {item_id!r} but is a widget, not a demo")
                else:
                    asked[item_id] = -1  # settled
        for item_id, index in asked.items():
            if index >= 0:
                problems.append(
                    f"{name} cell {index} asks {item_id!r}, but no later cell of {name} is "
                    f"tagged 'settles:{item_id}'"
                )
    for item_id in predict_ids:
        places = shown.get(item_id, [])
        if len(places) != 1:
            problems.append(f"prediction {item_id!r} is shown {len(places)} times: {places}")
    return problems


def _course_notebooks() -> list[tuple[str, Any]]:
    paths = sorted(NOTEBOOKS.glob("0*.ipynb"))
    assert len(paths) == 7, [p.name for p in paths]
    return [(p.name, nbformat.read(p, as_version=4)) for p in paths]


def _predict_ids() -> list[str]:
    from recall_widgets import load_deck

    deck = load_deck(DECK_PATH)
    return [item.id for item in deck.items if "predict" in item.tags]


def test_each_prediction_comes_before_the_demo_that_settles_it() -> None:
    predict_ids = _predict_ids()
    assert len(predict_ids) >= MIN_PREDICTIONS, predict_ids
    problems = prediction_problems(_course_notebooks(), predict_ids)
    assert not problems, "\n".join(problems)


def test_every_lesson_asks_for_a_prediction() -> None:
    predict_ids = set(_predict_ids())
    for name, notebook in _course_notebooks():
        if name.startswith(("01", "02", "03", "04")):
            asked = {i for c in notebook.cells for i in _widget_ids(c.source)} & predict_ids
            assert asked, f"{name} asks for no prediction"


def _fixture(*cells: Any) -> Any:
    notebook = new_notebook()
    notebook.cells = list(cells)
    return notebook


def _settling(source: str, item_id: str) -> Any:
    cell = new_code_cell(source)
    cell.metadata["tags"] = [f"settles:{item_id}"]
    return cell


def test_prediction_check_passes_a_good_order() -> None:
    good = _fixture(
        new_markdown_cell("Predict first."),
        new_code_cell('Quiz(DECK, ids="p")'),
        _settling("show_demo()", "p"),
    )
    assert prediction_problems([("good.ipynb", good)], ["p"]) == []


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param(
            [_settling("show_demo()", "p"), new_code_cell('Quiz(DECK, ids="p")')],
            "before the prediction is asked",
            id="demo-before-prediction",
        ),
        pytest.param(
            [new_code_cell('Quiz(DECK, ids=["p"])'), new_code_cell("show_demo()")],
            "no later cell",
            id="no-settling-demo",
        ),
        pytest.param(
            [new_code_cell('Quiz(DECK, ids="p")'), _settling('Quiz(DECK, section="x")', "p")],
            "is a widget, not a demo",
            id="settled-by-a-widget",
        ),
        pytest.param(
            [new_code_cell("show_demo()")],
            "is shown 0 times",
            id="prediction-never-asked",
        ),
    ],
)
def test_prediction_check_fails_a_bad_order(cells: list[Any], expected: str) -> None:
    problems = prediction_problems([("bad.ipynb", _fixture(*cells))], ["p"])
    assert any(expected in problem for problem in problems), problems


# --------------------------------------------------------------------------- timings

_ESTIMATE = re.compile(r"\*Estimated time: (?P<total>\d+) minutes \((?P<parts>[^)]*)\)")


def stated_estimates() -> dict[str, int]:
    """Each lesson's stated total, checked to be the sum of its stated parts."""
    totals: dict[str, int] = {}
    for name, notebook in _course_notebooks():
        match = _ESTIMATE.search(" ".join(notebook.cells[0].source.split()))
        if match is None:
            continue
        totals[name.removesuffix(".ipynb")] = int(match.group("total"))
        assert sum(_parts(match.group("parts"))) == int(match.group("total")), (name, match[0])
    return totals


def _parts(text: str) -> list[int]:
    """The minutes in an estimate's parts: "about 5 to read, 8 for the demos, 12 for practice"
    or "about 40 for the 31 questions, …" (counts of items are not minutes)."""
    return [int(n) for n in re.findall(r"(?:about |, |and )(\d+) (?:to|for)\b", text)]


def test_each_lesson_estimate_adds_up_and_is_stated_for_every_lesson() -> None:
    totals = stated_estimates()
    assert set(totals) == {
        "01-what-is-a-session",
        "02-the-signed-cookie",
        "03-using-sessions-safely",
        "04-sessions-in-a-real-app",
        "05-final-review",
    }


def _table_minutes(text: str, stems: Iterable[str]) -> dict[str, int]:
    """The first ``N min`` in the table row of each notebook (by stem or by its link)."""
    found: dict[str, int] = {}
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        for stem in stems:
            if f"`{stem}`" in line or f"({stem}.ipynb)" in line:
                minutes = re.search(r"\|\s*(\d+) min", line)
                if minutes:
                    found[stem] = int(minutes.group(1))
    return found


def test_readme_guide_and_start_notebook_state_the_lessons_own_times() -> None:
    totals = stated_estimates()
    start = "\n".join(
        c.source for c in nbformat.read(NOTEBOOKS / "00-start.ipynb", as_version=4).cells
    )
    for where, text in {
        "README.md": README.read_text(encoding="utf-8"),
        "docs/instructor-guide.md": GUIDE.read_text(encoding="utf-8"),
        "00-start.ipynb": start,
    }.items():
        assert _table_minutes(text, totals) == totals, where


_PLAN_ROW = re.compile(r"^\| (?P<slot>[^|]*\((?P<minutes>\d+) min\)) \| (?P<plan>[^|]*) \|", re.M)


def plan_problems(guide: str, totals: dict[str, int]) -> list[str]:
    """Workshop plans whose parts do not add up to their slot, or misstate a lesson's time."""
    problems: list[str] = []
    rows = list(_PLAN_ROW.finditer(guide))
    if not rows:
        return ["the guide has no workshop plans"]
    short = {stem[:2]: minutes for stem, minutes in totals.items()}
    for row in rows:
        plan = row.group("plan")
        for lesson, minutes in re.findall(r"`(\d\d)` \((\d+)\)", plan):
            if lesson in short and int(minutes) != short[lesson]:
                problems.append(f"{row['slot']}: `{lesson}` takes {short[lesson]}, not {minutes}")
        parts = [int(a or b) for a, b in re.findall(r"\((\d+)\)|(\d+)[- ]minutes?\b", plan)]
        if sum(parts) != int(row.group("minutes")):
            problems.append(f"{row['slot']}: the parts add up to {sum(parts)}")
    return problems


def test_the_guides_workshop_plans_add_up() -> None:
    problems = plan_problems(GUIDE.read_text(encoding="utf-8"), stated_estimates())
    assert not problems, "\n".join(problems)


def test_the_plan_check_catches_a_plan_that_does_not_add_up() -> None:
    totals = {"01-what-is-a-session": 25, "02-the-signed-cookie": 35}
    good = "| one hour (60 min) | `01` (25) + `02` (35) | rest |\n"
    assert plan_problems(good, totals) == []
    over = "| two hours (120 min) | `01` (25) + `02` (35) + a 10-minute break + `03` (45) | |\n"
    assert any("add up to 115" in p for p in plan_problems(over, totals))
    wrong = "| one hour (60 min) | `01` (20) + `02` (40) | rest |\n"
    assert any("`01` takes 25" in p for p in plan_problems(wrong, totals))
