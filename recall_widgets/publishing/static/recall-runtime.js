// Built by `npm run build` from recall_widgets/publishing/static/src/recall-runtime.js: edit it there, not here.
(() => {
  // recall_widgets/widgets/frontend/src/i18n.js
  var SOURCE_LANGUAGE = "en";
  var CONTEXT = String.fromCharCode(4);
  function format(text, vars = {}) {
    return text.replace(
      /\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, name) => Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole
    );
  }
  function match(wanted, available) {
    const tag = wanted.replace(/_/g, "-").toLowerCase();
    const lower = available.map((a) => a.toLowerCase());
    let i = lower.indexOf(tag);
    if (i < 0) i = lower.indexOf(tag.split("-")[0]);
    return i < 0 ? "" : available[i];
  }
  function browserLanguages() {
    const nav = globalThis.navigator;
    if (!nav) return [];
    return nav.languages && nav.languages.length ? [...nav.languages] : nav.language ? [nav.language] : [];
  }
  function chooseLanguage(chosen, available) {
    if (chosen) return match(chosen, available) || SOURCE_LANGUAGE;
    for (const wanted of browserLanguages()) {
      const found = match(wanted, available);
      if (found) return found;
    }
    return SOURCE_LANGUAGE;
  }
  var parsed = /* @__PURE__ */ new Map();
  function parseCatalogs(text) {
    let found = parsed.get(text);
    if (!found) {
      try {
        found = text ? JSON.parse(text) : {};
      } catch (_error) {
        found = {};
      }
      parsed.set(text, found || {});
    }
    return found || {};
  }
  function i18nFor(catalogs, chosen) {
    const lang = chooseLanguage(chosen, [SOURCE_LANGUAGE, ...Object.keys(catalogs)]);
    const messages = catalogs[lang] && catalogs[lang].messages || {};
    let rules;
    try {
      rules = new Intl.PluralRules(lang);
    } catch (_error) {
      rules = new Intl.PluralRules(SOURCE_LANGUAGE);
    }
    const lookup = (key, msgid, vars) => {
      const found = messages[key];
      return format(typeof found === "string" && found ? found : msgid, vars);
    };
    const t = (msgid, vars) => lookup(msgid, msgid, vars);
    const pt = (context, msgid, vars) => lookup(context + CONTEXT + msgid, msgid, vars);
    const nt = (singular, plural, n, vars) => {
      const forms = messages[singular];
      const all = { n, ...vars || {} };
      if (forms && typeof forms === "object") {
        const text = forms[rules.select(n)] || forms.other;
        if (text) return format(text, all);
      }
      return format(new Intl.PluralRules(SOURCE_LANGUAGE).select(n) === "one" ? singular : plural, all);
    };
    return { lang, t, nt, pt };
  }

  // recall_widgets/publishing/static/src/recall-runtime.js
  (function() {
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
    const modules = window.RecallRuntime && window.RecallRuntime.modules || {};
    const catalogs = window.RecallRuntime && window.RecallRuntime.catalogs || {};
    function catalogText(value) {
      if (typeof value !== "string") return "";
      if (!value.startsWith(CATALOG_REF)) return value;
      const text = catalogs[value.slice(CATALOG_REF.length)];
      return typeof text === "string" ? text : "";
    }
    function translatorOf(states) {
      const first = states.find((s) => s && typeof s._i18n === "string") || {};
      const domains = parseCatalogs(catalogText(first._i18n));
      return i18nFor(domains.widgets || {}, String(first.lang || ""));
    }
    const keptNotice = (tr) => tr.t("Your progress is kept in this browser only (for this course).");
    const notKeptNotice = (tr) => tr.t("This browser is not keeping your progress (its storage is full or turned off); the page still works.");
    const imported = {};
    function storeKey(course) {
      return STORE_PREFIX + course;
    }
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
    function readCourse(course) {
      const s = storage();
      if (!s) return { ok: false, data: { widgets: {} } };
      try {
        const text = s.getItem(storeKey(course));
        const data = text ? JSON.parse(text) : null;
        if (data && typeof data === "object" && data.widgets && typeof data.widgets === "object") {
          return { ok: true, data };
        }
      } catch (_error) {
      }
      return { ok: true, data: { widgets: {} } };
    }
    function writeCourse(course, data) {
      const s = storage();
      if (!s) return false;
      try {
        s.setItem(storeKey(course), JSON.stringify(data));
        return true;
      } catch (_error) {
        return false;
      }
    }
    function forgetCourse(course) {
      const s = storage();
      if (!s) return;
      try {
        s.removeItem(storeKey(course));
      } catch (_error) {
      }
    }
    function hash(text) {
      let h = 2166136261;
      for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 16777619) >>> 0;
      }
      return h.toString(16).padStart(8, "0");
    }
    function widgetKey(traits, place) {
      if (Array.isArray(traits.ids) && typeof traits.deck_id === "string") {
        const what = [traits._anywidget_id || "", traits.deck_id, traits.section || "", traits.ids.join("\n")];
        return "w" + hash(what.join("\0"));
      }
      return "p" + hash(location.pathname.split("/").pop() + "#" + place);
    }
    class Model {
      constructor(id, state, manager) {
        this.model_id = id;
        this.widget_manager = manager;
        this._state = state;
        this._listeners = [];
        this._dirty = /* @__PURE__ */ new Set();
        this._persist = null;
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
          this._emit("change", void 0);
        }
      }
      save_changes() {
        const names = Array.from(this._dirty);
        this._dirty.clear();
        if (this._persist && names.length) this._persist(names);
      }
      send(_content, _callbacks, _buffers) {
      }
      on(names, callback, context) {
        for (const name of String(names).split(/\s+/).filter(Boolean)) {
          this._listeners.push({ name, callback, context });
        }
      }
      off(names, callback, context) {
        const wanted = names ? String(names).split(/\s+/).filter(Boolean) : null;
        this._listeners = this._listeners.filter(
          (l) => !((!wanted || wanted.includes(l.name)) && (!callback || l.callback === callback) && (!context || l.context === context))
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
    function importModule(ref) {
      if (!(ref in imported)) {
        const id = ref.startsWith(MODULE_REF) ? ref.slice(MODULE_REF.length) : null;
        let text = id !== null ? modules[id] : ref;
        if (typeof text !== "string") {
          imported[ref] = Promise.reject(new Error("its script (" + ref + ") is missing from the page"));
        } else {
          const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
          imported[ref] = import(url);
        }
      }
      return imported[ref];
    }
    async function widgetOf(module) {
      let widget = module.default !== void 0 ? module.default : module;
      if (typeof widget === "function") widget = await widget();
      return widget || {};
    }
    function failed(el, why, tr) {
      el.textContent = "";
      const line = document.createElement("p");
      line.className = "recall-runtime-error";
      line.setAttribute("role", "alert");
      line.textContent = tr.t("This widget could not be shown: {why}", { why });
      el.appendChild(line);
    }
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
        const fresh = readCourse(this.course);
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
        const seen = /* @__PURE__ */ new Set();
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
        const head = { format: EXPORT_FORMAT, version: 1, exported: (/* @__PURE__ */ new Date()).toISOString() };
        const lines = this.events().map(
          (e) => JSON.stringify({ deck: e.deck, item: e.item, kind: e.kind, value: e.value, seq: e.seq, time: e.time })
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
        setTimeout(() => URL.revokeObjectURL(link.href), 1e4);
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
        }
      };
      course.bars.push(api);
      return api;
    }
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
        }
      };
      const saved = doc.state || {};
      for (const id of Object.keys(saved)) {
        const state = Object.assign({}, saved[id] && saved[id].state || {});
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
        if (!model) return;
        view.setAttribute("data-recall-drawn", "");
        const el = document.createElement("div");
        el.className = "recall-runtime-widget";
        view.parentNode.insertBefore(el, view);
        drawn.push({ model, el, place: place++ });
      });
      if (!drawn.length) return;
      if (recall.progress !== false) {
        const bar = progressBar(course, tr);
        drawn[0].el.parentNode.insertBefore(bar.el, drawn[0].el);
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
        if (typeof widget.initialize === "function") await widget.initialize({ model });
        if (typeof widget.render !== "function") throw new Error("its module has no render()");
        await widget.render({ model, el });
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
      modules,
      catalogs,
      define(id, text) {
        modules[id] = text;
      },
      scan,
      /** The progress file of a course kept in this browser (what "Download progress" saves). */
      exportText(course) {
        return courseOf(course).exportText();
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
    else scan();
  })();
})();
