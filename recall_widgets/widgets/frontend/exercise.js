// Built by `npm run build` from recall_widgets/widgets/frontend/src/: edit the files there, not this one.

// src/i18n.js
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
var perModel = /* @__PURE__ */ new WeakMap();
function i18n(model, domain = "widgets") {
  const chosen = String(model.get("lang") || "");
  const text = String(model.get("_i18n") || "");
  const key = `${domain}|${chosen}|${text.length}`;
  let cache = perModel.get(model);
  if (!cache) {
    cache = /* @__PURE__ */ new Map();
    perModel.set(model, cache);
  }
  let found = cache.get(key);
  if (!found) {
    const catalogs = parseCatalogs(text)[domain] || {};
    found = i18nFor(catalogs, chosen);
    cache.set(key, found);
    const manager = (
      /** @type {{kernel?: unknown} | undefined} */
      model.widget_manager
    );
    const live = Boolean(manager && manager.kernel);
    if (!chosen && live && model.get("browser_lang") !== void 0 && model.get("browser_lang") !== found.lang) {
      model.set("browser_lang", found.lang);
      model.save_changes();
    }
  }
  return found;
}

// src/common.js
function h(tag, className = "", text = "") {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  if (["button", "select", "input", "textarea"].includes(tag)) {
    el.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  if (el instanceof HTMLButtonElement) el.type = "button";
  return el;
}
function viewNumber() {
  const key = /* @__PURE__ */ Symbol.for("recall_widgets.views");
  const counter = (
    /** @type {Record<symbol, number>} */
    /** @type {unknown} */
    globalThis
  );
  counter[key] = (counter[key] || 0) + 1;
  return counter[key];
}
function widgetRoot(className, { focusable = false, role = "group" } = {}) {
  const root = h("div", `recall-widget ${className}`);
  if (focusable) {
    root.tabIndex = 0;
    root.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  root.setAttribute("role", role);
  return root;
}
function toolbar(between = []) {
  const el = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  el.append(title, badge, ...between, position);
  return { el, title, badge, position };
}
function setHeading(el, model) {
  el.innerHTML = String(model.get("title_html") || "");
  const section = model.get("section");
  if (section) el.append(` · ${section}`);
}
function showHeading(bar, root, model, kind) {
  setHeading(bar.title, model);
  const text = bar.title.textContent;
  bar.title.hidden = !text;
  root.setAttribute("aria-label", text ? i18n(model).t("{kind}: {title}", { kind, title: text }) : kind);
}
function levelLabel({ pt }, level) {
  const labels = {
    beginner: pt("level", "beginner"),
    intermediate: pt("level", "intermediate"),
    advanced: pt("level", "advanced")
  };
  return labels[level] || level;
}
function showLevel(badge, level, tr = i18nFor({}, "")) {
  badge.textContent = levelLabel(tr, level);
  badge.hidden = !level;
}
function nextSeq(events) {
  if (!events.length) return 1;
  const last = events[events.length - 1].seq;
  return (typeof last === "number" && Number.isInteger(last) && last >= 0 ? last : events.length) + 1;
}
function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  const base = model;
  const events = base.get("events") || [];
  const event = { deck, item, kind, value, seq: nextSeq(events), time: (/* @__PURE__ */ new Date()).toISOString() };
  for (
    const name of
    /** @type {(keyof T)[]} */
    Object.keys(traits)
  ) {
    model.set(
      name,
      /** @type {T[keyof T]} */
      traits[name]
    );
  }
  base.set("events", [...events, event]);
  model.save_changes();
}
var latest = (events, item, kind) => events.filter((e) => e.item === item && e.kind === kind).pop();
function keepKeys(root) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    event.stopPropagation();
  });
}
function kernelBehind(model) {
  const manager = (
    /** @type {{kernel?: unknown} | undefined} */
    model.widget_manager
  );
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}
function noticeText(model) {
  const notice = String(model.get("notice") || "");
  const { t } = i18n(model);
  return notice || (kernelBehind(model) ? "" : t("Progress is not recorded in this static page — open the notebook in Jupyter to save it."));
}
function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}
function fillNotice(line, model) {
  line.textContent = noticeText(model);
  line.hidden = !line.textContent;
}
function followModel(model, root, names, update) {
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

// src/memory.js
function eventsSince(earlier, events, clearedSeq) {
  return [...earlier, ...events.filter((e) => typeof e.seq === "number" && e.seq > clearedSeq)];
}
function shownEvents(model) {
  return eventsSince(model.get("earlier") || [], model.get("events") || [], model.get("cleared_seq") || 0);
}
var MEMORY_TRAITS = "change:earlier change:cleared_seq";
function createMemoryLine(model, { forget, clear, describe, onForgot }) {
  const { t } = i18n(model);
  const el = h("div", "recall-memory");
  const text = h("p", "recall-memory-text");
  const start = h("button", "recall-button recall-memory-start", t("Start over"));
  const confirm = h("div", "recall-memory-confirm");
  confirm.setAttribute("role", "group");
  const question = h("p", "recall-memory-question");
  question.id = `recall-memory-${viewNumber()}`;
  confirm.setAttribute("aria-labelledby", question.id);
  const yes = h("button", "recall-button recall-memory-yes", t("Forget and start over"));
  const no = h("button", "recall-button recall-memory-no", t("Cancel"));
  confirm.append(question, yes, no);
  confirm.hidden = true;
  el.append(text, start, confirm);
  start.addEventListener("click", () => {
    question.textContent = kernelBehind(model) ? forget : clear;
    confirm.hidden = false;
    start.hidden = true;
    no.focus();
  });
  no.addEventListener("click", () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  yes.addEventListener("click", () => {
    const events = model.get("events") || [];
    const last = events.length ? Number(events[events.length - 1].seq) || 0 : 0;
    model.set("earlier", []);
    model.set("cleared_seq", Math.max(model.get("cleared_seq") || 0, last));
    model.save_changes();
    model.send({ kind: "start_over" });
    confirm.hidden = true;
    start.hidden = false;
    onForgot();
  });
  function show() {
    const earlier = (model.get("earlier") || []).length;
    const since = shownEvents(model).length - earlier;
    el.hidden = !earlier && !since;
    text.textContent = earlier ? describe(earlier) : "";
    text.hidden = !earlier;
  }
  return { el, show };
}

// src/exercise.js
var TRAITS = `change:content change:events change:ids change:title_html change:result change:checking ${MEMORY_TRAITS}`;
var hintsShown = (events, id, total) => Math.min(events.filter((e) => e.item === id && e.kind === "hint").length, total);
function verdict(result, { nt } = i18nFor({}, "")) {
  const subchecks = result.subchecks || [];
  const failed = subchecks.filter((s) => !s.passed).length;
  const total = subchecks.length;
  if (!failed) return nt("Passed: all {n} check", "Passed: all {n} checks", total);
  return nt("{failed} of {n} check failed", "{failed} of {n} checks failed", total, { failed });
}
function earlierVerdict(earlier, id, { nt } = i18nFor({}, "")) {
  const last = latest(earlier, id, "check");
  const value = (
    /** @type {{passed?: boolean, failed?: string[], total?: number} | undefined} */
    last?.value
  );
  if (!value || typeof value.total !== "number") return "";
  const total = value.total;
  const failed = value.failed || [];
  if (value.passed) {
    return nt(
      "Last time you passed the check. Press Check to run it on your code now.",
      "Last time you passed all {n} checks. Press Check to run them on your code now.",
      total
    );
  }
  return nt(
    "Last time {failed} of {n} check failed: {names}. Press Check to run them on your code now.",
    "Last time {failed} of {n} checks failed: {names}. Press Check to run them on your code now.",
    total,
    { failed: failed.length, names: failed.join("; ") }
  );
}
function taskView(lang) {
  const el = h("div", "recall-exercise-task");
  const title = h("h3", "recall-exercise-title");
  const text = h("div", "recall-exercise-text recall-content");
  if (lang) el.lang = lang;
  el.append(title, text);
  function show(content) {
    title.innerHTML = content.title;
    text.innerHTML = content.task;
  }
  return { el, show };
}
function hintsView(onHint, { t }, lang) {
  const el = h("div", "recall-exercise-hints");
  const list = h("ol", "recall-exercise-hint-list");
  list.setAttribute("aria-live", "polite");
  list.setAttribute("aria-label", t("Hints"));
  if (lang) list.lang = lang;
  const button = h("button", "recall-button recall-hint-button");
  button.addEventListener("click", onHint);
  el.append(list, button);
  function show(content, shown) {
    const total = content.hints.length;
    el.hidden = !total;
    while (list.children.length > shown) list.lastElementChild?.remove();
    for (let i = list.children.length; i < shown; i++) {
      const item = h("li", "recall-hint recall-content");
      item.innerHTML = content.hints[i];
      list.append(item);
    }
    list.hidden = !shown;
    button.hidden = shown >= total;
    button.textContent = t("Show hint {number} of {total}", { number: shown + 1, total });
  }
  return { el, button, show };
}
function resultView(tr) {
  const { t } = tr;
  const el = h("div", "recall-exercise-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  function show(result, busy) {
    el.replaceChildren();
    el.classList.remove("recall-passed", "recall-failed");
    if (busy) {
      el.append(h("p", "recall-exercise-verdict", t("Checking…")));
      return;
    }
    if (!result.subchecks) return;
    el.classList.add(result.passed ? "recall-passed" : "recall-failed");
    el.append(h("p", "recall-exercise-verdict", verdict(result, tr)));
    const list = h("ul", "recall-exercise-subchecks");
    for (const sub of result.subchecks) {
      const item = h("li", `recall-exercise-subcheck ${sub.passed ? "recall-passed" : "recall-failed"}`);
      const mark = h("span", "recall-exercise-mark", sub.passed ? "✓" : "✗");
      mark.setAttribute("aria-hidden", "true");
      const name = h("span", "recall-exercise-subcheck-name", sub.name);
      const said = h("span", "recall-visually-hidden", sub.passed ? t("passed:") + " " : t("failed:") + " ");
      item.append(mark, said, name);
      if (!sub.passed) item.append(h("span", "recall-exercise-message", sub.message));
      list.append(item);
    }
    el.append(list);
    if (result.output) {
      el.append(h("p", "recall-exercise-output-label", t("Your code printed:")));
      const output = h("pre", "recall-exercise-output", result.output);
      output.tabIndex = 0;
      output.setAttribute("data-lm-suppress-shortcuts", "true");
      output.setAttribute("aria-label", t("What your code printed"));
      el.append(output);
    }
    if (!result.passed) {
      el.append(h("p", "recall-exercise-stuck", t("Stuck? Reveal a hint, or show the solution.")));
    }
  }
  return { el, show };
}
function solutionView({ t }) {
  const el = h("div", "recall-exercise-solution");
  const label = h("p", "recall-exercise-solution-label", t("Solution"));
  const code = h("div", "recall-content");
  el.append(label, code);
  let shown = "";
  function show(content, open) {
    el.hidden = !open;
    if (open && shown !== content.solution) code.innerHTML = shown = content.solution;
  }
  return { el, show };
}
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const lang = model.get("content_lang");
  const root = widgetRoot("recall-exercise");
  const bar = toolbar();
  const loading = h("p", "recall-loading", t("Loading…"));
  const body = h("div", "recall-exercise-body");
  const task = taskView(lang);
  const live = kernelBehind(model);
  const id = () => (model.get("ids") || [])[0];
  const events = () => shownEvents(model);
  const current = () => model.get("content")[id()];
  const hints = hintsView(() => {
    const content = current();
    if (content && hintsShown(events(), id(), content.hints.length) < content.hints.length) {
      record(model, "hint", id(), true);
    }
  }, tr, lang);
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-primary recall-exercise-check", t("Check"));
  const solutionButton = h("button", "recall-button recall-exercise-show-solution", t("Show solution"));
  actions.append(check, solutionButton);
  const noKernel = h(
    "p",
    "recall-notice recall-no-kernel",
    t("Checking needs a running Python kernel: open this notebook in Jupyter, run your cells, then press Check.")
  );
  noKernel.setAttribute("role", "note");
  noKernel.hidden = live;
  const result = resultView(tr);
  const before = h("p", "recall-exercise-earlier");
  const solution = solutionView(tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your checks, hints and solution of this exercise, and their review schedule?"),
    clear: t("Clear your checks, hints and solution of this exercise on this page?"),
    describe: (count) => nt("Your earlier work on this exercise is shown ({n} from your saved progress).", "Your earlier work on this exercise is shown ({n} from your saved progress).", count),
    onForgot: () => check.focus()
  });
  body.append(task.el, hints.el, actions, noKernel, result.el, before, solution.el, memory.el);
  root.append(bar.el, loading, body);
  el.append(root);
  keepKeys(root);
  let asked = false;
  let askedAfter = 0;
  let sawChecking = false;
  check.addEventListener("click", () => {
    if (!live || asked) return;
    asked = true;
    askedAfter = model.get("result").seq ?? 0;
    model.send({ kind: "check" });
    update();
  });
  solutionButton.addEventListener("click", () => {
    if (!latest(events(), id(), "solution")) record(model, "solution", id(), true);
    solution.el.focus();
  });
  solution.el.tabIndex = -1;
  function update() {
    const content = current();
    showHeading(bar, root, model, t("Exercise"));
    bar.position.hidden = true;
    loading.hidden = Boolean(content);
    body.hidden = !content;
    if (!content) return;
    showLevel(bar.badge, content.level, tr);
    const res = model.get("result") || {};
    if (asked && model.get("checking")) sawChecking = true;
    if (asked && ((res.seq ?? 0) !== askedAfter || sawChecking && !model.get("checking"))) {
      asked = sawChecking = false;
    }
    const busy = asked || model.get("checking");
    task.show(content);
    hints.show(content, hintsShown(events(), id(), content.hints.length));
    check.setAttribute("aria-disabled", String(!live || busy));
    check.textContent = busy ? t("Checking…") : t("Check");
    const open = Boolean(latest(events(), id(), "solution"));
    solutionButton.hidden = open;
    solutionButton.setAttribute("aria-expanded", String(open));
    result.show(res, busy);
    before.textContent = busy || res.subchecks ? "" : earlierVerdict(model.get("earlier") || [], id(), tr);
    before.hidden = !before.textContent;
    solution.show(content, open);
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}
var exercise_default = { render };
export {
  exercise_default as default,
  earlierVerdict,
  hintsShown,
  verdict
};
