"""Math in JupyterLab: $…$ in a deck shows as MathML (the browser's own, no MathJax, no network),
and hostile TeX shows as text. Screenshot: ``build/screenshots/math-jupyterlab.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import write_notebook

MATHML = "http://www.w3.org/1998/Math/MathML"
HOSTILE = r"""deck: hostile-math
title: Hostile math
cards:
  - id: hostile
    front: 'F $\text{<img src=x onerror=alert(1)>}$ and $\href{javascript:alert(1)}{click}$'
    back: 'B $\color{red;background:url(javascript:alert(1))}{x}$'
"""


def math_facts(page: Any, root: str) -> dict[str, Any]:
    facts: dict[str, Any] = page.evaluate(
        """(root) => {
            const el = document.querySelector(root);
            const maths = [...el.querySelectorAll('math')];
            const all = [...el.querySelectorAll('*')];
            return {
                count: maths.length,
                namespaces: [...new Set(maths.map((m) => m.namespaceURI))],
                widths: maths.map((m) => m.getBoundingClientRect().width),
                text: el.innerText,
                live: all.flatMap((e) => [...e.attributes]
                    .filter((a) => /^on|href$|^style$/i.test(a.name))
                    .map((a) => e.tagName + ' ' + a.name + '=' + a.value)),
                images: el.querySelectorAll('img').length,
            };
        }""",
        root,
    )
    return facts


def test_math_shows_as_mathml_in_jupyterlab(
    open_notebook: Any, lab_server: Any, screenshot_dir: Path
) -> None:
    root = Path(lab_server.root)
    (root / "hostile-math.yaml").write_text(HOSTILE, encoding="utf-8")
    write_notebook(
        root / "math.ipynb",
        [
            ("code", "from recall_widgets import Flashcards, Quiz\nQuiz('math-deck.yaml')"),
            ("code", "Flashcards('hostile-math.yaml')"),
        ],
    )
    nb = open_notebook("math.ipynb", allow_console_errors=False)
    nb.run_all(expect=".recall-flashcards")
    page = nb.page
    quiz = page.locator(".recall-quiz")
    expect(quiz.locator("math").first).to_be_visible()
    facts = math_facts(page, ".recall-quiz")
    assert facts["count"] >= 3, facts  # the prompt and both choices
    assert facts["namespaces"] == [MATHML], facts
    assert all(width > 0 for width in facts["widths"]), facts
    assert "$" not in facts["text"] and "\\pi" not in facts["text"], facts["text"]
    quiz.locator("math").first.scroll_into_view_if_needed()
    quiz.screenshot(path=str(screenshot_dir / "math-jupyterlab.png"))

    cards = page.locator(".recall-flashcards")
    hostile = math_facts(page, ".recall-flashcards")
    assert "<img\xa0src=x\xa0onerror=alert(1)>" in hostile["text"], hostile  # \text{} spaces
    assert hostile["live"] == [] and hostile["images"] == 0, hostile
    cards.get_by_role("button", name="Show answer").click()
    expect(cards.locator(".recall-card-back math")).to_be_visible()
    assert math_facts(page, ".recall-flashcards")["live"] == []
    assert nb.dialogs == [], nb.dialogs
