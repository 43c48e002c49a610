"""Pages and in-page measuring scripts for the widget benchmark (Chromium, performance.now())."""

from __future__ import annotations

import json
from typing import Any

# A minimal stand-in for anywidget's model: get/set/on/off/save_changes/send. Like Backbone,
# ``set`` fires ``change:NAME`` listeners synchronously; ``save_changes`` only counts.
FAKE_MODEL = """
function fakeModel(state) {
  const attrs = { ...state };
  const listeners = new Map();
  const each = (names, f) => names.split(/\\s+/).filter(Boolean).forEach(f);
  return {
    saves: 0,
    get: (k) => attrs[k],
    set(k, v) {
      const old = attrs[k];
      attrs[k] = v;
      if (old !== v) for (const f of [...(listeners.get("change:" + k) || [])]) f();
    },
    on(names, f) { each(names, (n) => listeners.set(n, [...(listeners.get(n) || []), f])); },
    off(names, f) {
      each(names, (n) => listeners.set(n, (listeners.get(n) || []).filter((g) => g !== f)));
    },
    save_changes() { this.saves++; },
    send() {},
  };
}
"""

DOUBLE_RAF = "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _json_script(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


SETTLE = f"""
window.addEventListener("load", async () => {{
  await {DOUBLE_RAF};
  await new Promise((r) => setTimeout(r, 200));
  window.benchReady = true;
}});
"""


def ours_page(state: dict[str, Any]) -> str:
    """A page that renders our Quiz from its synced state, as anywidget would.

    The page loads and settles first; ``benchRun()`` then times, from before ``JSON.parse`` of
    the whole synced state (what the widget manager receives), through inserting the CSS,
    importing the ES module from a blob URL (as anywidget does) and ``render()``, to the first
    question's legend in the DOM (``first``) and to after a double requestAnimationFrame
    (``paint``).
    """
    text = json.dumps(state, ensure_ascii=False)
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>recall_widgets Quiz</title></head>
<body>
<div id="host"></div>
<script type="application/json" id="state">{_json_script(text)}</script>
<script>
{FAKE_MODEL}
{SETTLE}
window.benchRun = async () => {{
  const text = JSON.parse(document.getElementById("state").textContent);  // untimed: a string
  const host = document.getElementById("host");
  const t0 = performance.now();
  const state = JSON.parse(text);
  const tParsed = performance.now();
  const style = document.createElement("style");
  style.textContent = state._css;
  document.head.append(style);
  const tImport = performance.now();
  const url = URL.createObjectURL(new Blob([state._esm], {{ type: "text/javascript" }}));
  const mod = await import(url);
  const tImported = performance.now();
  const model = fakeModel(state);
  const tRender = performance.now();
  mod.default.render({{ model, el: host }});
  const legend = host.querySelector(".recall-quiz fieldset legend");
  const first = performance.now();
  await {DOUBLE_RAF};
  const paint = performance.now();
  window.benchModel = model;
  // After the timing: importing a trivial module from a blob, the floor of any anywidget's
  // module import (fetching the blob dominates, not the module's size).
  const tFloor = performance.now();
  const trivial = new Blob(["export default {{}}"], {{ type: "text/javascript" }});
  await import(URL.createObjectURL(trivial));
  const floor = performance.now() - tFloor;
  return {{
    first: first - t0, paint: paint - t0, render: first - tRender, module: tImported - tImport,
    parse: tParsed - t0, floor,
    ok: Boolean(legend && legend.textContent.trim()),
    nodes: host.querySelectorAll("*").length,
  }};
}};
</script>
</body></html>
"""


def jupyterquiz_page(html: str, javascript: str) -> str:
    """jupyterquiz's own output (its HTML, then its Javascript), inserted the way an output
    area does it (innerHTML, then a script element), in a page that has loaded and settled.

    Timed from before inserting the HTML to the first question's choices in the DOM (``first``)
    and after a double requestAnimationFrame (``paint``); this includes parsing its script,
    which holds all the questions as a literal.
    """
    payload = json.dumps({"html": html, "js": javascript}, ensure_ascii=False)
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>jupyterquiz</title></head>
<body>
<div id="bench-output"></div>
<script type="application/json" id="payload">{_json_script(payload)}</script>
<script>
{SETTLE}
window.benchRun = async () => {{
  const payload = JSON.parse(JSON.parse(document.getElementById("payload").textContent));
  const out = document.getElementById("bench-output");
  const t0 = performance.now();
  out.innerHTML = payload.html;
  const script = document.createElement("script");
  script.textContent = payload.js;
  document.body.append(script);  // runs now, synchronously
  const container = out.firstElementChild;
  const firstQ = container.querySelector(".Quiz .Answer label");
  const first = performance.now();
  await {DOUBLE_RAF};
  const paint = performance.now();
  return {{
    first: first - t0, paint: paint - t0, render: null, module: null, parse: null, floor: null,
    ok: Boolean(firstQ), nodes: container.querySelectorAll("*").length,
  }};
}};
</script>
</body></html>
"""


# Click-to-feedback for our Quiz: select the first choice, then time from dispatching the click
# on "Check" to a MutationObserver seeing the verdict in the aria-live feedback region. Each
# round starts with "Try again" and waits ``gap`` ms between steps (spaced, not back-to-back).
QUIZ_CLICKS = """
async ({ n, gap }) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const root = document.querySelector(".recall-quiz");
  const feedback = root.querySelector(".recall-feedback");
  const check = root.querySelector(".recall-check");
  const retry = root.querySelector(".recall-retry");
  const out = [];
  for (let i = 0; i < n; i++) {
    if (!retry.hidden) { retry.click(); await sleep(gap / 2); }
    const input = root.querySelector(".recall-choices input");
    if (!input.checked) input.click();
    await sleep(gap / 2);
    out.push(await new Promise((resolve) => {
      let t0 = 0;
      const obs = new MutationObserver(() => {
        if (/Correct|Incorrect/.test(feedback.textContent)) {
          const t1 = performance.now();
          obs.disconnect();
          resolve(t1 - t0);
        }
      });
      obs.observe(feedback, { childList: true, subtree: true, characterData: true });
      setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
      t0 = performance.now();
      check.click();
    }));
  }
  return out;
}
"""

# Click-to-label for a plain ipywidgets Button whose Python on_click sets a Label's value: the
# kernel round trip. Timed from the click dispatch to a MutationObserver seeing the new text.
BUTTON_CLICKS = """
async ({ n, gap }) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const button = document.querySelector("button.bench-button");
  const label = document.querySelector(".bench-label");
  const out = [];
  for (let i = 0; i < n; i++) {
    await sleep(gap);
    const before = label.textContent;
    out.push(await new Promise((resolve) => {
      let t0 = 0;
      const obs = new MutationObserver(() => {
        if (label.textContent !== before) {
          const t1 = performance.now();
          obs.disconnect();
          resolve(t1 - t0);
        }
      });
      obs.observe(label, { childList: true, subtree: true, characterData: true });
      setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
      t0 = performance.now();
      button.click();
    }));
  }
  return out;
}
"""
