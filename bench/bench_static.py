"""Benchmark: the static site (``recall-widgets export-html``) against jupyterquiz's static page.

Run from the repository root (not a test)::

    .venv/bin/python bench/bench_static.py

jupyterquiz is installed into ``build/bench-peers`` by bench/bench_widgets.py's setup (reused
here, as are its deck generator ``bench/_widget_decks.py`` and its nbconvert export). Output
goes to ``build/bench-static/``. Needs Debian's Chromium at ``/usr/bin/chromium``.

For three pages, in one run — lesson 1 of the whole course site and a 1,000-question quiz,
both exported by ``export_site``, and jupyterquiz's own static page (``nbconvert --execute``
then ``--to html``) for the same 1,000 questions — it prints:

- the size of what must be published: our whole site folder (every page of the course plus
  ``static/``: one stylesheet, the static runtime, each widget module once) and jupyterquiz's
  single page, and how many references to other hosts the page holds (jupyterquiz's nbconvert
  page loads require.js and MathJax from CDNs; ours none);
- page load to interactive, measured in the page: from navigation start (``performance.now()``
  is 0 there) to the first widget in the DOM (``rendered``), and to the feedback of a click on
  it (``interactive``: our card flipped or question checked; jupyterquiz's answer marked), over
  a 127.0.0.1 HTTP server with every other request blocked (an offline learner: CDN requests
  fail at once). Medians of ``--runs`` fresh page loads, interleaved.

Then it checks issue 17's targets and says which are met (exit 1 if one is not): our
1,000-question page interactive in at most half jupyterquiz's time, the whole course site at
most 1.5 MB, no outside reference and no request blocked on our pages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

import nbformat

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = ROOT / "build" / "bench-static"
NOTEBOOKS = ROOT / "notebooks"
LESSON_1 = NOTEBOOKS / "01-what-is-a-session.ipynb"
MAX_SITE = 1_500_000  # bytes: the whole course site to publish
MAX_RATIO = 0.5  # our interactive time / jupyterquiz's
QUIZ_SIZE = 1_000
sys.path.insert(0, str(BENCH))
sys.path.append(str(ROOT))  # tests.browser.servers: the servers and Chromium of the tests

#: How each page becomes interactive: wait for `ready`, click `clicks` in order, then wait for
#: `done` (a selector that must match a visible element, optionally with text matching `text`).
SPECS: dict[str, dict[str, Any]] = {
    "course": {
        "ready": ".recall-flashcards .recall-flip",
        "clicks": [".recall-flashcards .recall-flip"],
        "done": ".recall-flashcards .recall-card-back",
        "text": "",
    },
    "ours": {
        "ready": ".recall-quiz .recall-choices input",
        "clicks": [".recall-quiz .recall-choices input", ".recall-quiz .recall-check"],
        "done": ".recall-quiz .recall-feedback",
        "text": "Correct|Incorrect",
    },
    "jupyterquiz": {
        "ready": ".Quiz .Answer label",
        "clicks": [".Quiz .Answer label"],
        "done": ".correctButton, .incorrectButton",
        "text": "",
    },
}

# Runs before the page's own scripts: watch the DOM from navigation start.
PROBE = """
(() => {
  const spec = __SPEC__;
  const visible = (el) => el && el.getClientRects().length > 0;
  const done = () => {
    const el = document.querySelector(spec.done);
    return visible(el) && (!spec.text || new RegExp(spec.text).test(el.textContent));
  };
  window.__bench = new Promise((resolve) => {
    let rendered = null;
    const step = () => {
      if (rendered === null && visible(document.querySelector(spec.ready))) {
        rendered = performance.now();
        for (const selector of spec.clicks) document.querySelector(selector).click();
      }
      if (rendered !== null && done()) {
        observer.disconnect();
        resolve({ rendered, interactive: performance.now() });
      }
    };
    const observer = new MutationObserver(step);
    const all = { childList: true, subtree: true, characterData: true, attributes: true };
    observer.observe(document, all);
    setTimeout(() => { observer.disconnect(); resolve({ rendered, interactive: null }); }, 60000);
  });
})();
"""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(work: Path, timeout: float) -> dict[str, dict[str, Any]]:
    """Export the three pages; return, per case, its URL path, size to publish, outside refs."""
    from bench_widgets import NOTEBOOK_CODE, export_case, write_inputs

    from recall_widgets.publishing.site import export_site, outside_references

    quiet = lambda _line: None  # noqa: E731
    export_site(sorted(NOTEBOOKS.glob("*.ipynb")), work / "site-course", log=quiet)
    write_inputs(QUIZ_SIZE, work)  # deck-1000.yaml and jupyterquiz's jq-1000.json, same questions
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(NOTEBOOK_CODE["quiz-ours"].format(n=QUIZ_SIZE))]
    nbformat.write(nb, work / "quiz-ours.ipynb")
    export_site([work / "quiz-ours.ipynb"], work / "site-quiz", log=quiet)
    peer = export_case(
        "quiz-jupyterquiz", NOTEBOOK_CODE["quiz-jupyterquiz"].format(n=QUIZ_SIZE), work, timeout
    )
    if "error" in peer:
        raise SystemExit(f"jupyterquiz's page: {peer['error']}")
    pages = {
        "course": work / "site-course" / "01-what-is-a-session.html",
        "ours": work / "site-quiz" / "quiz-ours.html",
        "jupyterquiz": work / "quiz-jupyterquiz.html",
    }
    return {
        name: {
            "path": page.relative_to(work).as_posix(),
            "publish": folder_size(page.parent) if name != "jupyterquiz" else page.stat().st_size,
            "page": page.stat().st_size,
            "outside": len(outside_references(page.read_text(encoding="utf-8"))),
        }
        for name, page in pages.items()
    }


def measure(context: Any, base: str, path: str, spec: dict[str, Any]) -> dict[str, Any]:
    page = context.new_page()
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    try:
        page.route("**/*", route)
        # A fresh load is a first visit: nothing kept in the browser from the previous load.
        page.add_init_script("try { localStorage.clear(); } catch (e) {}")
        page.add_init_script(PROBE.replace("__SPEC__", json.dumps(spec)))
        page.goto(f"{base}/{path}", wait_until="commit")
        result = dict(page.evaluate("window.__bench"))
        result["blocked"] = len(blocked)
        return result
    finally:
        page.close()


def main() -> int:
    from bench_widgets import PEERS, kb, setup_peers, table

    from tests.browser.servers import chromium, static_server

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh page loads of each")
    parser.add_argument("--export-timeout", type=float, default=300.0)
    args = parser.parse_args()

    setup_peers(False)
    sys.path.insert(0, str(PEERS))
    os.chdir(ROOT)
    work = OUT / "last-run"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    sizes = build(work, args.export_timeout)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in SPECS}
    with static_server(work) as base, chromium(OUT / "profile", timeout=60_000) as context:
        for _ in range(args.runs):
            for name, spec in SPECS.items():
                runs[name].append(measure(context, base, sizes[name]["path"], spec))

    def median(name: str, key: str) -> float | None:
        xs = [r[key] for r in runs[name] if r[key] is not None]
        return statistics.median(xs) if len(xs) == len(runs[name]) else None

    def med(name: str, key: str) -> str:
        value = median(name, key)
        if value is None:
            timed_out = sum(r[key] is None for r in runs[name])
            return f"{timed_out} timed out"
        return f"{value:.0f} ms"

    labels = {
        "course": "course, lesson 1 (ours)",
        "ours": f"quiz, {QUIZ_SIZE:,} questions (ours)",
        "jupyterquiz": f"quiz, {QUIZ_SIZE:,} questions (jupyterquiz)",
    }
    rows = [
        [
            labels[name],
            kb(sizes[name]["page"]),
            kb(sizes[name]["publish"]),
            str(sizes[name]["outside"]),
            str(max(r["blocked"] for r in runs[name])),
            med(name, "rendered"),
            med(name, "interactive"),
        ]
        for name in SPECS
    ]
    head = ["page", "page size", "to publish", "outside refs", "blocked", "rendered", "interactive"]
    print(f"Static pages over 127.0.0.1, other hosts blocked; medians of {args.runs} loads each.")
    print(table(rows, head))
    print(
        "to publish: our site folder (every page, and static/: one stylesheet, the runtime, each "
        "widget module once); jupyterquiz: its page alone, which loads require.js and MathJax "
        "from CDNs."
    )
    ours, peer = median("ours", "interactive"), median("jupyterquiz", "interactive")
    ratio = ours / peer if ours is not None and peer else None
    site = sizes["course"]["publish"]
    outside = sum(
        sizes[n]["outside"] + max(r["blocked"] for r in runs[n]) for n in ("course", "ours")
    )
    checks = [
        (
            ratio is not None and ratio <= MAX_RATIO,
            "1,000 questions interactive: ours / jupyterquiz = "
            + (f"{ratio:.2f}" if ratio is not None else "n/a")
            + f" (at most {MAX_RATIO})",
        ),
        (site <= MAX_SITE, f"whole course site: {site / 1e6:.2f} MB (at most {MAX_SITE / 1e6} MB)"),
        (outside == 0, f"outside references and blocked requests on our pages: {outside} (0)"),
    ]
    for ok, line in checks:
        print(("met:     " if ok else "NOT MET: ") + line)
    return 0 if all(ok for ok, _line in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
