"""The static runtime's Python side: the widgets' code out of the state once, safe markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

from recall_widgets.publishing.runtime import (
    MODULE_REF,
    STYLE_REF,
    course_key,
    fragment,
    inline_head,
    linked_head,
    module_file,
    module_script,
    split_state,
    state_markup,
    write_static,
)
from recall_widgets.publishing.site import outside_references

DECK = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "browser-deck.yaml"
ESM = "export default { render({ model, el }) { el.textContent = model.get('x'); } };"


def doc(**models: dict[str, object]) -> dict[str, object]:
    return {
        "version_major": 2,
        "version_minor": 0,
        "state": {
            key: {"model_name": "AnyModel", "state": traits} for key, traits in models.items()
        },
    }


def test_split_state_takes_each_module_and_style_out_once() -> None:
    original = doc(
        a={"_esm": ESM, "_css": ".x{}", "x": 1},
        b={"_esm": ESM, "_css": ".x{}", "x": 2},
        c={"_esm": "export default {};", "_css": ".y{}"},
        d={"value": 3},  # not an anywidget: left alone
    )
    before = json.dumps(original)
    split, assets = split_state(original, "my-course")
    assert json.dumps(original) == before, "the input is not changed"
    assert len(assets.modules) == 2 and len(assets.styles) == 2
    models = split["state"]
    assert models["a"]["state"]["_esm"] == models["b"]["state"]["_esm"]
    assert models["a"]["state"]["_esm"].startswith(MODULE_REF)
    assert models["a"]["state"]["_css"].startswith(STYLE_REF)
    assert assets.modules[models["a"]["state"]["_esm"][len(MODULE_REF) :]] == ESM
    assert models["d"]["state"] == {"value": 3} and models["a"]["state"]["x"] == 1
    assert split["recall"] == {"course": "my-course"}
    again, more = split_state(split, "my-course")
    assert again["state"] == split["state"] and not more.modules, "references stay references"


def test_course_key_is_a_slug() -> None:
    assert course_key("Flask sessions: the course!") == "flask-sessions-the-course"
    assert course_key(None) == course_key("") == "course"


def test_nothing_in_a_trait_or_module_can_close_its_script() -> None:
    hostile = "</script><script>alert(1)</script><!-- \u2028"
    markup = state_markup(doc(a={"title_html": hostile, "_esm": "x"}))
    assert markup.count("</script>") == 1 and "<script>alert" not in markup
    inner = markup[markup.index(">") + 1 : -len("</script>")]
    assert json.loads(inner)["state"]["a"]["state"]["title_html"] == hostile
    script = module_script("abc", f"const s = '{hostile}';")
    assert "</script" not in script.lower() and "<!--" not in script
    _split, assets = split_state(doc(a={"_esm": f"// {hostile}", "_css": "/* </style> */"}), "c")
    head = inline_head(assets)
    assert "</style>" not in head.replace("</style>\n", "", 1)
    assert head.lower().count("</script>") == 1 + len(assets.modules)


def test_write_static_and_linked_head_name_the_same_files(tmp_path: Path) -> None:
    _split, assets = split_state(doc(a={"_esm": ESM, "_css": ".x{}"}), "c")
    written = write_static(tmp_path / "static", assets, extra_css=["body{}"])
    names = {p.name for p in written}
    digest = next(iter(assets.modules))
    assert names == {"recall-runtime.js", "recall-widgets.css", module_file(digest)}
    css = (tmp_path / "static" / "recall-widgets.css").read_text(encoding="utf-8")
    assert css.startswith("body{}") and ".x{}" in css and "prefers-color-scheme: dark" in css
    for name in re.findall(r'(?:src|href)="static/([^"]+)"', linked_head(assets)):
        assert name in names


def test_a_fragment_holds_everything_its_widgets_need() -> None:
    from recall_widgets import Flashcards, Quiz

    quiz, cards = Quiz(DECK, progress=False), Flashcards(DECK, progress=False)
    html = fragment([quiz, cards], course="demo")
    assert html.startswith('<div class="recall-embed">') and html.endswith("</div>")
    assert html.count('<script type="application/vnd.jupyter.widget-state+json">{') == 1
    views = re.findall(r'"model_id":"([0-9a-f]+)"', html)
    assert views == [quiz.model_id, cards.model_id]
    assert "RecallRuntime" in html and "<link " not in html and "<script src=" not in html
    assert outside_references(html) == []
    state = re.search(r'widget-state\+json">(.+?)</script>', html, re.DOTALL)
    assert state is not None
    assert json.loads(state.group(1))["recall"] == {"course": "demo"}
