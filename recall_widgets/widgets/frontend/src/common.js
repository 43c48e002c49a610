// Shared helpers of the recall widgets: elements, the widget's root, header and Previous / Next
// rows, events, keys and the notice line. Each widget module imports what it uses; esbuild
// bundles them into one file per widget (`npm run build`; docs/architecture.md).
// Nothing here runs when the module loads: it only defines.

/** @import { AnyModel, RecallEvent, RecallTraits } from "./model" */
/** @import { Translator } from "./i18n.js" */

import { i18n, i18nFor } from "./i18n.js";

/**
 * Create an element with classes and text; focusable ones get the JupyterLab opt-out.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, className = "", text = "") {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  if (["button", "select", "input", "textarea"].includes(tag)) {
    el.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  if (el instanceof HTMLButtonElement) el.type = "button";
  return el;
}

/**
 * "again" → "Again".
 * @param {string} s
 */
export const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A page-wide view number, for radio group names and ids (no random ids). anywidget imports the
 * module once per model, so a module-level counter would repeat across widgets on one page.
 * @returns {number}
 */
export function viewNumber() {
  const key = Symbol.for("recall_widgets.views");
  const counter = /** @type {Record<symbol, number>} */ (/** @type {unknown} */ (globalThis));
  counter[key] = (counter[key] || 0) + 1;
  return counter[key];
}

/**
 * A widget's root: `recall-widget` and the widget's own class (`recall-quiz`), a `group`. A
 * `focusable` root is a tab stop that takes single-key shortcuts (JupyterLab's are off on it).
 * @param {string} className
 * @param {{focusable?: boolean, role?: string}} [options]
 */
export function widgetRoot(className, { focusable = false, role = "group" } = {}) {
  const root = h("div", `recall-widget ${className}`);
  if (focusable) {
    root.tabIndex = 0;
    root.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  root.setAttribute("role", role);
  return root;
}

/**
 * The header of a recall widget: title, level badge, and position (`title`, `badge`, `position`).
 * Items between the badge and the position (a filter menu) go in `between`.
 * @param {HTMLElement[]} [between]
 */
export function toolbar(between = []) {
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
 * @param {AnyModel<RecallTraits>} model
 */
export function setHeading(el, model) {
  el.innerHTML = String(model.get("title_html") || ""); // sanitized by recall_widgets.render
  const section = model.get("section");
  if (section) el.append(` · ${section}`);
}

/**
 * Fill the header from the model and name the widget's root after the deck: "Quiz: <title>".
 * @param {{title: HTMLElement}} bar
 * @param {HTMLElement} root
 * @param {AnyModel<RecallTraits>} model
 * @param {string} kind
 */
export function showHeading(bar, root, model, kind) {
  setHeading(bar.title, model);
  const text = bar.title.textContent;
  bar.title.hidden = !text;
  root.setAttribute("aria-label", text ? i18n(model).t("{kind}: {title}", { kind, title: text }) : kind);
}

/**
 * A level's name in the widget's language ("beginner" → "Einsteiger"); others as they are.
 * @param {Translator} tr
 * @param {string} level
 */
export function levelLabel({ pt }, level) {
  /** @type {Record<string, string>} */
  const labels = {
    beginner: pt("level", "beginner"),
    intermediate: pt("level", "intermediate"),
    advanced: pt("level", "advanced"),
  };
  return labels[level] || level;
}

/**
 * Show an item's level in the badge, or hide the badge.
 * @param {HTMLElement} badge
 * @param {string} level
 * @param {Translator} [tr] the widget's language
 */
export function showLevel(badge, level, tr = i18nFor({}, "")) {
  badge.textContent = levelLabel(tr, level);
  badge.hidden = !level;
}

/**
 * The Previous / Next row; `middle` (a score) goes between the two buttons. `show(back, on)`
 * marks each button unavailable (`aria-disabled`: it stays focusable) when there is nowhere to go.
 * @param {HTMLElement[]} [middle]
 * @param {Translator} [tr] the widget's language (`i18n(model)`)
 */
export function navigation(middle = [], tr = i18nFor({}, "")) {
  const { t } = tr;
  const el = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", t("Previous"));
  const next = h("button", "recall-button recall-next", t("Next"));
  el.append(prev, ...middle, next);
  /**
   * @param {boolean} back there is an item before this one
   * @param {boolean} on there is an item after this one
   */
  function show(back, on) {
    prev.setAttribute("aria-disabled", String(!back));
    next.setAttribute("aria-disabled", String(!on));
  }
  return { el, prev, next, show };
}

/**
 * The `seq` of the event to append after `events`: the last event's `seq` plus one, or, when
 * that is not a whole number >= 0, the number of events plus one (1 for none). Python's
 * `next_seq` (`recall_widgets/widgets/recording.py`) follows the same rule; a test runs both.
 * @param {{seq?: unknown}[]} events
 * @returns {number}
 */
export function nextSeq(events) {
  if (!events.length) return 1;
  const last = events[events.length - 1].seq;
  return (typeof last === "number" && Number.isInteger(last) && last >= 0 ? last : events.length) + 1;
}

/**
 * Append an event to the synced list, with other trait changes, in one message.
 * @template {RecallTraits} T
 * @param {AnyModel<T>} model
 * @param {string} kind
 * @param {string} item
 * @param {unknown} value
 * @param {Partial<T>} [traits]
 * @param {string} [deck] the item's deck (default: the widget's `deck_id`; Review mixes decks)
 */
export function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  /** @type {AnyModel<RecallTraits>} */
  const base = model;
  const events = base.get("events") || [];
  /** @type {RecallEvent} */
  const event = { deck, item, kind, value, seq: nextSeq(events), time: new Date().toISOString() };
  for (const name of /** @type {(keyof T)[]} */ (Object.keys(traits))) {
    model.set(name, /** @type {T[keyof T]} */ (traits[name]));
  }
  base.set("events", [...events, event]);
  model.save_changes();
}

/**
 * The latest event of a kind for an item.
 * @param {RecallEvent[]} events
 * @param {string} item
 * @param {string} kind
 * @returns {RecallEvent | undefined}
 */
export const latest = (events, item, kind) => events.filter((e) => e.item === item && e.kind === kind).pop();

/**
 * Keep typing inside a widget of form controls: no keydown reaches the notebook, except Tab,
 * Escape and modified keys (native controls handle the rest).
 * @param {HTMLElement} root
 */
export function keepKeys(root) {
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
export function shortcutKeys(root, onKey) {
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


/**
 * Whether a Python kernel is behind this widget. In a static page (`recall-widgets export-html`,
 * nbconvert's HTML export) the widget renderer, @jupyter-widgets/html-manager, has no `kernel`
 * and the page holds the saved widget state in a `widget-state+json` script. JupyterLab,
 * Notebook 7 and Voilà give their widget manager a kernel; a front end with neither counts as
 * live, so no false alarm is shown there.
 * @param {AnyModel<object>} model
 * @returns {boolean}
 */
export function kernelBehind(model) {
  // Not in anywidget's types: the widget manager of a live front end has a `kernel`.
  const manager = /** @type {{kernel?: unknown} | undefined} */ (model.widget_manager);
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}

/**
 * The muted line under a widget: its `notice` trait, else, with no kernel, that progress is not
 * recorded here.
 * @param {AnyModel<RecallTraits>} model
 * @returns {string}
 */
export function noticeText(model) {
  const notice = String(model.get("notice") || "");
  const { t } = i18n(model);
  return notice || (kernelBehind(model) ? "" : t("Progress is not recorded in this static page — open the notebook in Jupyter to save it."));
}

/**
 * The muted `notice` line under a widget (`.recall-notice`, a status); `fillNotice` fills it.
 * @returns {HTMLElement}
 */
export function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}

/**
 * Show the widget's notice (`noticeText`) in its notice line, hidden when there is none.
 * @param {HTMLElement} line
 * @param {AnyModel<RecallTraits>} model
 */
export function fillNotice(line, model) {
  line.textContent = noticeText(model);
  line.hidden = !line.textContent;
}

/**
 * Redraw a widget from its model: `update()` now and on every change in `names` (space-separated
 * `change:…` events), then the `notice` trait as one muted line, e.g. that progress is not being
 * saved (plain text), appended to `root` and kept current. Returns `render`'s cleanup.
 * @param {AnyModel<RecallTraits>} model
 * @param {HTMLElement} root
 * @param {string} names
 * @param {() => void} update
 * @returns {() => void}
 */
export function followModel(model, root, names, update) {
  root.lang = i18n(model).lang;
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
 * @param {AnyModel<object>} model
 * @param {string} [text] (default: that the demo needs a kernel, in the widget's language)
 * @returns {HTMLElement | null}
 */
export function noKernelLine(model, text) {
  if (kernelBehind(model)) return null;
  if (text === undefined) text = i18n(model).t("This demo needs a running Python kernel.");
  const line = h("p", "recall-notice recall-no-kernel", text);
  line.setAttribute("role", "note");
  return line;
}
