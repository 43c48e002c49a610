// Shared helpers of the recall widgets, joined in front of each widget by `widget_esm()`.
//
// anywidget loads a widget's `_esm` as ONE module and cannot import sibling files, so
// `recall_widgets._widget.widget_esm("card_view.js", "flashcards.js")` joins this file and the
// named ones, in order, into one module string. The rules (checked by tests/test_static_bundles.py):
//   - dependencies first: common.js, then views (card_view.js, question_view.js), the widget last;
//   - plain top-level `function` / `const` declarations with JSDoc; no `import`, and only the
//     last file exports: it ends with `export default { render };`;
//   - no top-level name is defined twice in one bundle.
// Nothing here runs when the module loads: it only defines.

/** @typedef {{deck: string, item: string, kind: string, value: any, seq: number, time: string}} RecallEvent */

/**
 * Create an element with classes and text; focusable ones get the JupyterLab opt-out.
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function h(tag, className = "", text = "") {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  if (["button", "select", "input", "textarea"].includes(tag)) {
    el.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  if (tag === "button") /** @type {HTMLButtonElement} */ (el).type = "button";
  return el;
}

/**
 * "again" → "Again".
 * @param {string} s
 */
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A page-wide view number, for radio group names and ids (no random ids). anywidget imports the
 * module once per model, so a module-level counter would repeat across widgets on one page.
 * @returns {number}
 */
function viewNumber() {
  const key = Symbol.for("recall_widgets.views");
  const counter = /** @type {Record<symbol, number>} */ (/** @type {unknown} */ (globalThis));
  counter[key] = (counter[key] || 0) + 1;
  return counter[key];
}

/**
 * The header of a recall widget: title, level badge, and position (`title`, `badge`, `position`).
 * Items between the badge and the position (a filter menu) go in `between`.
 * @param {HTMLElement[]} [between]
 */
function toolbar(between = []) {
  const el = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  el.append(title, badge, ...between, position);
  return { el, title, badge, position };
}

/**
 * Fill the header: the deck title (sanitized HTML from Python's renderer) and the section.
 * @param {HTMLElement} el
 * @param {any} model
 */
function setHeading(el, model) {
  el.innerHTML = String(model.get("title_html") || ""); // sanitized by recall_widgets.render
  const section = model.get("section");
  if (section) el.append(` · ${section}`);
}

/**
 * Fill the header from the model and name the widget's root after the deck: "Quiz: <title>".
 * @param {{title: HTMLElement}} bar
 * @param {HTMLElement} root
 * @param {any} model
 * @param {string} kind
 */
function showHeading(bar, root, model, kind) {
  setHeading(bar.title, model);
  const text = bar.title.textContent;
  bar.title.hidden = !text;
  root.setAttribute("aria-label", text ? `${kind}: ${text}` : kind);
}

/**
 * Show an item's level in the badge, or hide the badge.
 * @param {HTMLElement} badge
 * @param {string} level
 */
function showLevel(badge, level) {
  badge.textContent = level;
  badge.hidden = !level;
}

/**
 * The Previous / Next row; `middle` (a score) goes between the two buttons.
 * @param {HTMLElement[]} [middle]
 */
function navigation(middle = []) {
  const el = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", "Previous");
  const next = h("button", "recall-button recall-next", "Next");
  el.append(prev, ...middle, next);
  return { el, prev, next };
}

/**
 * Append an event to the synced list, with other trait changes, in one message.
 * @param {any} model
 * @param {string} kind
 * @param {string} item
 * @param {unknown} value
 * @param {Record<string, unknown>} [traits]
 * @param {string} [deck] the item's deck (default: the widget's `deck_id`; Review mixes decks)
 */
function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  /** @type {RecallEvent[]} */
  const events = model.get("events") || [];
  const last = events.length ? events[events.length - 1].seq : 0;
  const seq = (typeof last === "number" ? last : events.length) + 1;
  const event = { deck, item, kind, value, seq, time: new Date().toISOString() };
  for (const [name, v] of Object.entries(traits)) model.set(name, v);
  model.set("events", [...events, event]);
  model.save_changes();
}

/**
 * The latest event of a kind for an item.
 * @param {RecallEvent[]} events
 * @param {string} item
 * @param {string} kind
 * @returns {RecallEvent | undefined}
 */
const latest = (events, item, kind) => events.filter((e) => e.item === item && e.kind === kind).pop();

/**
 * Keep typing inside a widget of form controls: no keydown reaches the notebook, except Tab,
 * Escape and modified keys (native controls handle the rest).
 * @param {HTMLElement} root
 */
function keepKeys(root) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    event.stopPropagation();
  });
}

/**
 * Single-key shortcuts on a focusable widget root. `onKey(key)` returns true when it used the
 * key (the notebook then never sees it). Form controls keep their keys (only Tab and Escape leave
 * them), Space and Enter on a button are its own click, modified keys are left alone.
 * @param {HTMLElement} root
 * @param {(key: string) => boolean} onKey
 */
function shortcutKeys(root, onKey) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = /** @type {HTMLElement} */ (event.target).tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") {
      if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
      return;
    }
    if ((event.key === " " || event.key === "Enter") && tag === "BUTTON") {
      event.stopPropagation(); // the button's own click does the work
      return;
    }
    if (!onKey(event.key)) return;
    event.preventDefault();
    event.stopPropagation();
  });
}

// -- No kernel behind the page (a static HTML export) -------------------------------------------

const NO_KERNEL_PROGRESS = "Progress is not recorded in this static page — open the notebook in Jupyter to save it.";
const NO_KERNEL_DEMO = "This demo needs a running Python kernel.";

/**
 * Whether a Python kernel is behind this widget. In a static page (`recall-widgets export-html`,
 * nbconvert's HTML export) the widget renderer, @jupyter-widgets/html-manager, has no `kernel`
 * and the page holds the saved widget state in a `widget-state+json` script. JupyterLab,
 * Notebook 7 and Voilà give their widget manager a kernel; a front end with neither counts as
 * live, so no false alarm is shown there.
 * @param {any} model
 * @returns {boolean}
 */
function kernelBehind(model) {
  const manager = model.widget_manager;
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}

/**
 * The muted line under a widget: its `notice` trait, else, with no kernel, that progress is not
 * recorded here.
 * @param {any} model
 * @returns {string}
 */
function noticeText(model) {
  const notice = String(model.get("notice") || "");
  return notice || (kernelBehind(model) ? "" : NO_KERNEL_PROGRESS);
}

/**
 * The muted `notice` line under a widget (`.recall-notice`, a status); `fillNotice` fills it.
 * @returns {HTMLElement}
 */
function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}

/**
 * Show the widget's notice (`noticeText`) in its notice line, hidden when there is none.
 * @param {HTMLElement} line
 * @param {any} model
 */
function fillNotice(line, model) {
  line.textContent = noticeText(model);
  line.hidden = !line.textContent;
}

/**
 * Redraw a widget from its model: `update()` now and on every change in `names` (space-separated
 * `change:…` events), then the `notice` trait as one muted line, e.g. that progress is not being
 * saved (plain text), appended to `root` and kept current. Returns `render`'s cleanup.
 * @param {any} model
 * @param {HTMLElement} root
 * @param {string} names
 * @param {() => void} update
 * @returns {() => void}
 */
function followModel(model, root, names, update) {
  model.on(names, update);
  update();
  const notice = noticeLine();
  root.append(notice);
  const showNotice = () => fillNotice(notice, model);
  model.on("change:notice", showNotice);
  showNotice();
  return () => {
    model.off(names, update);
    model.off("change:notice", showNotice);
  };
}

/**
 * For widgets that only work with Python: with no kernel behind the page, a muted line saying
 * so (`.recall-no-kernel`), to put under the widget's header; otherwise null.
 * @param {any} model
 * @param {string} [text]
 * @returns {HTMLElement | null}
 */
function noKernelLine(model, text = NO_KERNEL_DEMO) {
  if (kernelBehind(model)) return null;
  const line = h("p", "recall-notice recall-no-kernel", text);
  line.setAttribute("role", "note");
  return line;
}
