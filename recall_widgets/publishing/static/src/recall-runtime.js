// The static runtime of recall-widgets (recall_widgets/publishing/runtime.py writes the pages
// that load it). A classic script, so it runs from file:// too, where Chromium refuses
// <script type="module" src=…>. It draws every widget of the page from its saved state:
//
// - `<script type="application/vnd.jupyter.widget-state+json">` holds the models (their traits,
//   `_esm` replaced by "recall-module:<hash>") and `"recall": {"course": …}`;
// - each widget's ES module is defined by a classic script, `RecallRuntime.define(hash, text)`,
//   and imported here from a blob: URL;
// - `<script type="application/vnd.jupyter.widget-view+json">` marks where a widget shows.
//
// The model each module gets has what anywidget's do: get, set, on, off, save_changes, send
// (no kernel here: a message goes nowhere, and the widgets say what needs Python). What the
// learner does (every trait a widget saves: its events, position…) is kept in the browser's
// localStorage under the course, restored on return, exported as a progress file that
// `recall-widgets progress import` takes, and forgotten by "Start over". Storage that is full,
// disabled or refused never stops a widget: the page works, and says progress is not kept.
//
// Its own lines speak the widgets' language (`i18n.js`, bundled in by `npm run build`): the
// catalogs come from the models' `_i18n` trait, which `split_state` replaced by
// "recall-i18n:<hash>", the text shipped once per site (`RecallRuntime.catalogs[hash]`).
import { i18nFor, parseCatalogs } from "../../../widgets/frontend/src/i18n.js";

(function () {
  "use strict";
  if (window.RecallRuntime && window.RecallRuntime.version) {
    window.RecallRuntime.scan();
    return;
  }
  const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
  const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
  const MODULE_REF = "recall-module:";
  const CATALOG_REF = "recall-i18n:";
  const STORE_PREFIX = "recall-widgets:progress:";
  const EXPORT_FORMAT = "recall-widgets-progress";
  const modules = (window.RecallRuntime && window.RecallRuntime.modules) || {};
  const catalogs = (window.RecallRuntime && window.RecallRuntime.catalogs) || {};

  /** The catalogs text of a model's `_i18n` (a reference to the site's copy, or the text). */
  function catalogText(value) {
    if (typeof value !== "string") return "";
    if (!value.startsWith(CATALOG_REF)) return value;
    const text = catalogs[value.slice(CATALOG_REF.length)];
    return typeof text === "string" ? text : "";
  }

  /** The runtime's own lines in the language of the page's widgets (the first that has one). */
  function translatorOf(states) {
    const first = states.find((s) => s && typeof s._i18n === "string") || {};
    const domains = parseCatalogs(catalogText(first._i18n));
    return i18nFor(domains.widgets || {}, String(first.lang || ""));
  }

  /** @param {{t: Function}} tr */
  const keptNotice = (tr) => tr.t("Your progress is kept in this browser only (for this course).");
  /** @param {{t: Function}} tr */
  const notKeptNotice = (tr) =>
    tr.t("This browser is not keeping your progress (its storage is full or turned off); the page still works.");
  const imported = {};

  // -- Storage: one entry per course, {widgets: {key: {trait: value}}}; never throws --------

  /** @param {string} course */
  function storeKey(course) {
    return STORE_PREFIX + course;
  }

  /** @returns {Storage | null} */
  function storage() {
    try {
      const s = window.localStorage;
      const probe = STORE_PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (_error) {
      return null;
    }
  }

  /** @param {string} course */
  function readCourse(course) {
    const s = storage();
    if (!s) return { ok: false, data: { widgets: {} } };
    try {
      const text = s.getItem(storeKey(course));
      const data = text ? JSON.parse(text) : null;
      if (data && typeof data === "object" && data.widgets && typeof data.widgets === "object") {
        return { ok: true, data: data };
      }
    } catch (_error) {
      // unreadable (edited by hand, another version): start afresh rather than break
    }
    return { ok: true, data: { widgets: {} } };
  }

  /** @param {string} course @param {{widgets: object}} data @returns {boolean} */
  function writeCourse(course, data) {
    const s = storage();
    if (!s) return false;
    try {
      s.setItem(storeKey(course), JSON.stringify(data));
      return true;
    } catch (_error) {
      return false; // QuotaExceededError: keep working without saving
    }
  }

  /** @param {string} course */
  function forgetCourse(course) {
    const s = storage();
    if (!s) return;
    try {
      s.removeItem(storeKey(course));
    } catch (_error) {
      // nothing to do
    }
  }

  /** A short stable hash (FNV-1a, hex) of a string. @param {string} text */
  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
  }

  /**
   * Where a widget's progress is kept: its deck, section and items when it has them (the same
   * widget on a rebuilt site, or on another page, finds it), else its page and place.
   */
  function widgetKey(traits, place) {
    if (Array.isArray(traits.ids) && typeof traits.deck_id === "string") {
      const what = [traits._anywidget_id || "", traits.deck_id, traits.section || "", traits.ids.join("\n")];
      return "w" + hash(what.join("\u0000"));
    }
    return "p" + hash(location.pathname.split("/").pop() + "#" + place);
  }

  // -- The model a widget's module gets ------------------------------------------------------

  class Model {
    constructor(id, state, manager) {
      this.model_id = id;
      this.widget_manager = manager;
      this._state = state;
      this._listeners = [];
      this._dirty = new Set();
      this._persist = null; // set for a widget whose saved traits are kept
    }
    get(name) {
      return this._state[name];
    }
    set(name, value) {
      if (typeof name === "object" && name !== null) {
        for (const key of Object.keys(name)) this.set(key, name[key]);
        return;
      }
      const old = this._state[name];
      this._state[name] = value;
      this._dirty.add(name);
      if (old !== value) {
        this._emit("change:" + name, value);
        this._emit("change", undefined);
      }
    }
    save_changes() {
      const names = Array.from(this._dirty);
      this._dirty.clear();
      if (this._persist && names.length) this._persist(names);
    }
    send(_content, _callbacks, _buffers) {
      // No kernel behind a static page: nobody to send to (widgets say so: common.js).
    }
    on(names, callback, context) {
      for (const name of String(names).split(/\s+/).filter(Boolean)) {
        this._listeners.push({ name: name, callback: callback, context: context });
      }
    }
    off(names, callback, context) {
      const wanted = names ? String(names).split(/\s+/).filter(Boolean) : null;
      this._listeners = this._listeners.filter(
        (l) =>
          !(
            (!wanted || wanted.includes(l.name)) &&
            (!callback || l.callback === callback) &&
            (!context || l.context === context)
          )
      );
    }
    _emit(name, value) {
      for (const l of this._listeners.slice()) {
        if (l.name !== name) continue;
        try {
          l.callback.call(l.context || this, this, value);
        } catch (error) {
          console.error("recall-widgets: a widget's listener failed", error);
        }
      }
    }
  }

  /** Import a widget's module (once per hash) from a blob: URL. @param {string} ref */
  function importModule(ref) {
    if (!(ref in imported)) {
      const id = ref.startsWith(MODULE_REF) ? ref.slice(MODULE_REF.length) : null;
      let text = id !== null ? modules[id] : ref; // a module inline in the state (not split)
      if (typeof text !== "string") {
        imported[ref] = Promise.reject(new Error("its script (" + ref + ") is missing from the page"));
      } else {
        const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
        imported[ref] = import(url);
      }
    }
    return imported[ref];
  }

  /** The widget's `{initialize, render}`, however its module exports them. */
  async function widgetOf(module) {
    let widget = module.default !== undefined ? module.default : module;
    if (typeof widget === "function") widget = await widget();
    return widget || {};
  }

  function failed(el, why, tr) {
    el.textContent = "";
    const line = document.createElement("p");
    line.className = "recall-runtime-error";
    line.setAttribute("role", "alert");
    line.textContent = tr.t("This widget could not be shown: {why}", { why: why });
    el.appendChild(line);
  }

  // -- A page's widgets, its progress bar --------------------------------------------------

  class Course {
    constructor(course) {
      this.course = course;
      const read = readCourse(course);
      this.kept = read.ok;
      this.data = read.data;
      this.restored = 0;
      this.bars = [];
    }
    /** The kept traits of a widget, or null. */
    restore(key) {
      const kept = this.data.widgets[key];
      return kept && typeof kept === "object" ? kept : null;
    }
    save(key, traits) {
      const fresh = readCourse(this.course); // another tab or page may have saved since
      const data = fresh.ok ? fresh.data : this.data;
      data.widgets[key] = Object.assign({}, data.widgets[key] || {}, traits);
      this.data = data;
      const ok = writeCourse(this.course, data);
      if (ok !== this.kept) {
        this.kept = ok;
        this.bars.forEach((bar) => bar.update());
      }
    }
    events() {
      const seen = new Set();
      const all = [];
      for (const traits of Object.values(this.data.widgets)) {
        for (const e of Array.isArray(traits.events) ? traits.events : []) {
          if (!e || typeof e !== "object") continue;
          const id = JSON.stringify([e.deck, e.item, e.kind, e.seq, e.time]);
          if (!seen.has(id)) {
            seen.add(id);
            all.push(e);
          }
        }
      }
      return all.sort((a, b) => String(a.time).localeCompare(String(b.time)));
    }
    exportText() {
      const head = { format: EXPORT_FORMAT, version: 1, exported: new Date().toISOString() };
      const lines = this.events().map((e) =>
        JSON.stringify({ deck: e.deck, item: e.item, kind: e.kind, value: e.value, seq: e.seq, time: e.time })
      );
      const json = JSON.stringify(head);
      return json.slice(0, -1) + ', "events": [\n' + lines.join(",\n") + "\n]}\n";
    }
    startOver() {
      forgetCourse(this.course);
      this.data = { widgets: {} };
      location.reload();
    }
  }

  const courses = {};

  function courseOf(name) {
    if (!courses[name]) courses[name] = new Course(name);
    return courses[name];
  }

  /** The bar above a page's (or fragment's) widgets: progress kept, download, start over. */
  function progressBar(course, tr) {
    const t = tr.t;
    const nt = tr.nt;
    const bar = document.createElement("div");
    bar.className = "recall-runtime-bar";
    bar.lang = tr.lang;
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", t("Your progress"));
    const text = document.createElement("p");
    text.className = "recall-runtime-status";
    text.setAttribute("role", "status");
    const download = document.createElement("button");
    download.type = "button";
    download.className = "recall-runtime-download";
    download.textContent = t("Download progress");
    download.title = t("A file to import into Jupyter: recall-widgets progress import FILE");
    const restart = document.createElement("button");
    restart.type = "button";
    restart.className = "recall-runtime-start-over";
    restart.textContent = t("Start over");
    const confirmRow = document.createElement("span");
    confirmRow.className = "recall-runtime-confirm";
    confirmRow.hidden = true;
    const question = document.createElement("span");
    question.textContent = t("Forget everything you did in this course, in this browser?") + " ";
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "recall-runtime-forget";
    yes.textContent = t("Forget it all");
    const no = document.createElement("button");
    no.type = "button";
    no.className = "recall-runtime-keep";
    no.textContent = t("Keep it");
    confirmRow.append(question, yes, no);
    const buttons = document.createElement("span");
    buttons.className = "recall-runtime-actions";
    buttons.append(download, restart);
    bar.append(text, buttons, confirmRow);

    download.addEventListener("click", () => {
      const blob = new Blob([course.exportText()], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "progress-" + course.course.replace(/[^A-Za-z0-9._-]+/g, "-") + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    });
    restart.addEventListener("click", () => {
      buttons.hidden = true;
      confirmRow.hidden = false;
      no.focus();
    });
    no.addEventListener("click", () => {
      confirmRow.hidden = true;
      buttons.hidden = false;
      restart.focus();
    });
    yes.addEventListener("click", () => course.startOver());

    const api = {
      el: bar,
      update() {
        const count = course.events().length;
        if (!course.kept) {
          text.textContent = notKeptNotice(tr);
        } else if (course.restored) {
          text.textContent = nt(
            "Welcome back: what you did before is shown ({n} action). It is kept in this browser only.",
            "Welcome back: what you did before is shown ({n} actions). It is kept in this browser only.",
            count
          );
        } else {
          text.textContent = keptNotice(tr);
        }
        download.disabled = count === 0;
        restart.disabled = count === 0 && !course.restored;
      },
    };
    course.bars.push(api);
    return api;
  }

  /** Draw every widget of one widget-state script that has not been drawn yet. */
  function drawState(script) {
    script.setAttribute("data-recall-drawn", "");
    let doc;
    try {
      doc = JSON.parse(script.textContent || "{}");
    } catch (error) {
      console.error("recall-widgets: the saved widget state is not JSON", error);
      return;
    }
    const recall = doc.recall || {};
    const course = courseOf(String(recall.course || location.pathname));
    const models = {};
    const manager = {
      kernel: null,
      get_model(id) {
        return models[id] ? Promise.resolve(models[id]) : Promise.reject(new Error("no model " + id));
      },
    };
    const saved = doc.state || {};
    for (const id of Object.keys(saved)) {
      const state = Object.assign({}, (saved[id] && saved[id].state) || {});
      if (typeof state._i18n === "string") state._i18n = catalogText(state._i18n);
      models[id] = new Model(id, state, manager);
    }
    const tr = translatorOf(Object.values(models).map((m) => m._state));
    const views = scope(script).querySelectorAll('script[type="' + VIEW_TYPE + '"]:not([data-recall-drawn])');
    let place = 0;
    const drawn = [];
    views.forEach((view) => {
      let id;
      try {
        id = JSON.parse(view.textContent || "{}").model_id;
      } catch (_error) {
        return;
      }
      const model = models[id];
      if (!model) return; // another state script's widget
      view.setAttribute("data-recall-drawn", "");
      const el = document.createElement("div");
      el.className = "recall-runtime-widget";
      view.parentNode.insertBefore(el, view);
      drawn.push({ model: model, el: el, place: place++ });
    });
    if (!drawn.length) return;
    if (recall.progress !== false) {
      const bar = progressBar(course, tr);
      drawn[0].el.parentNode.insertBefore(bar.el, drawn[0].el);
      // the bar goes before the first widget's output, outside the notebook's cell markup
      const cell = drawn[0].el.closest(".jp-Cell");
      if (cell && cell.parentNode) cell.parentNode.insertBefore(bar.el, cell);
    }
    for (const { model, el, place: where } of drawn) {
      const traits = model._state;
      const key = widgetKey(traits, where);
      const kept = course.restore(key);
      if (kept) {
        Object.assign(traits, kept);
        if (Array.isArray(kept.events) && kept.events.length) course.restored += 1;
      }
      if ("notice" in traits && !traits.notice) {
        const own = translatorOf([traits]);
        traits.notice = course.kept ? keptNotice(own) : notKeptNotice(own);
      }
      model._persist = (names) => {
        const changed = {};
        for (const name of names) changed[name] = model._state[name];
        course.save(key, changed);
        course.bars.forEach((bar) => bar.update());
      };
      render(model, el, tr);
    }
    course.bars.forEach((bar) => bar.update());
  }

  /** The part of the page a state script's views are in (a fragment's wrapper, else the page). */
  function scope(script) {
    return script.closest(".recall-embed") || document;
  }

  async function render(model, el, tr) {
    const ref = model.get("_esm");
    if (typeof ref !== "string" || !ref) {
      failed(el, tr.t("it has no front end (not an anywidget)."), tr);
      return;
    }
    try {
      const widget = await widgetOf(await importModule(ref));
      if (typeof widget.initialize === "function") await widget.initialize({ model: model });
      if (typeof widget.render !== "function") throw new Error("its module has no render()");
      await widget.render({ model: model, el: el });
    } catch (error) {
      console.error("recall-widgets: a widget failed", error);
      failed(el, error && error.message ? error.message : String(error), tr);
    }
  }

  function scan() {
    document.querySelectorAll('script[type="' + STATE_TYPE + '"]:not([data-recall-drawn])').forEach(drawState);
  }

  window.RecallRuntime = {
    version: 1,
    modules: modules,
    catalogs: catalogs,
    define(id, text) {
      modules[id] = text;
    },
    scan: scan,
    /** The progress file of a course kept in this browser (what "Download progress" saves). */
    exportText(course) {
      return courseOf(course).exportText();
    },
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
