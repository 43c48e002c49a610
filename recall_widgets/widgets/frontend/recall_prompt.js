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
function navigation(middle = [], tr = i18nFor({}, "")) {
  const { t } = tr;
  const el = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", t("Previous"));
  const next = h("button", "recall-button recall-next", t("Next"));
  el.append(prev, ...middle, next);
  function show(back, on) {
    prev.setAttribute("aria-disabled", String(!back));
    next.setAttribute("aria-disabled", String(!on));
  }
  return { el, prev, next, show };
}
function nextSeq(events2) {
  if (!events2.length) return 1;
  const last = events2[events2.length - 1].seq;
  return (typeof last === "number" && Number.isInteger(last) && last >= 0 ? last : events2.length) + 1;
}
function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  const base = model;
  const events2 = base.get("events") || [];
  const event = { deck, item, kind, value, seq: nextSeq(events2), time: (/* @__PURE__ */ new Date()).toISOString() };
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
  base.set("events", [...events2, event]);
  model.save_changes();
}
var latest = (events2, item, kind) => events2.filter((e) => e.item === item && e.kind === kind).pop();
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
function eventsSince(earlier, events2, clearedSeq) {
  return [...earlier, ...events2.filter((e) => typeof e.seq === "number" && e.seq > clearedSeq)];
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
    const events2 = model.get("events") || [];
    const last = events2.length ? Number(events2[events2.length - 1].seq) || 0 : 0;
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

// src/recall_prompt.js
var TRAITS = `change:position change:content change:events change:ids change:title_html change:section ${MEMORY_TRAITS}`;
var ids = (model) => model.get("ids") || [];
var currentId = (model) => ids(model)[model.get("position")];
var current = (model) => model.get("content")[currentId(model)];
var events = (model) => shownEvents(model);
function saveText(model, text) {
  const id = currentId(model);
  if (!id || !current(model)) return;
  const last = latest(events(model), id, "recall_text");
  if (text !== (last ? last.value : "")) record(model, "recall_text", id, text);
}
function showHint(model) {
  const id = currentId(model);
  if (current(model)?.hint && !latest(events(model), id, "hint")) record(model, "hint", id, true);
}
function move(model, step, text) {
  const index = model.get("position") + step;
  if (index < 0 || index >= ids(model).length) return;
  saveText(model, text);
  model.set("position", index);
  model.save_changes();
}
function answerField({ t }) {
  const el = h("label", "recall-answer-label");
  const input = h("textarea", "recall-answer");
  input.rows = 5;
  el.append(h("span", "", t("Your answer")), input);
  let shownSeq = 0;
  function show(written, fresh) {
    if (!fresh && (written?.seq ?? 0) === shownSeq) return;
    shownSeq = written?.seq ?? 0;
    input.value = written ? String(written.value) : "";
  }
  return { el, input, show };
}
function conceptChecklist({ t }, lang) {
  const el = h("fieldset", "recall-concepts");
  const list = h("div", "recall-concept-list");
  if (lang) list.lang = lang;
  el.append(h("legend", "", t("Key concepts: tick the ones your answer covered")), list);
  const boxes = () => Array.from(list.querySelectorAll("input"));
  function draw(concepts) {
    list.replaceChildren(
      ...concepts.map((html, i) => {
        const row = h("label", "recall-concept");
        const box = h("input", "recall-concept-input");
        box.type = "checkbox";
        box.value = String(i);
        const span = h("span", "recall-concept-text recall-content");
        span.innerHTML = html;
        row.append(box, span);
        return row;
      })
    );
  }
  function tick(checked) {
    for (const box of boxes()) box.checked = checked.has(Number(box.value));
  }
  return { el, list, boxes, draw, tick };
}
function conceptScore({ t, nt }, lang) {
  const el = h("div", "recall-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  function show(concepts, checked) {
    el.replaceChildren();
    if (!checked) return;
    const missed = concepts.filter((_, i) => !checked.has(i));
    el.append(h("p", "recall-result-text", nt("You got {n}/{total} concepts", "You got {n}/{total} concepts", checked.size, { total: concepts.length })));
    if (!missed.length) return;
    const items = h("ul", "recall-missed");
    if (lang) items.lang = lang;
    for (const html of missed) {
      const li = h("li", "recall-content");
      li.innerHTML = html;
      items.append(li);
    }
    el.append(h("p", "recall-missed-label", t("Missed:")), items);
  }
  return { el, show };
}
function promptBody(on, tr, lang) {
  const { t } = tr;
  const el = h("div", "recall-recall-prompt-body");
  const text = h("div", "recall-recall-prompt-text recall-content");
  const answer = answerField(tr);
  const actions = h("div", "recall-actions");
  const hintButton = h("button", "recall-button recall-hint-button", t("Show hint"));
  const compare = h("button", "recall-button recall-compare recall-primary", t("Compare with the key concepts"));
  actions.append(hintButton, compare);
  const hint = h("div", "recall-hint recall-content");
  if (lang) text.lang = hint.lang = lang;
  const concepts = conceptChecklist(tr, lang);
  const result = conceptScore(tr, lang);
  el.append(text, answer.el, actions, hint, concepts.el, result.el);
  const written = () => on.text(answer.input.value);
  answer.input.addEventListener("change", written);
  hintButton.addEventListener("click", () => {
    written();
    on.hint();
  });
  compare.addEventListener("click", () => {
    written();
    on.compare();
    concepts.boxes()[0]?.focus();
  });
  concepts.list.addEventListener("change", () => {
    const boxes = concepts.boxes();
    on.tick(boxes.filter((b) => b.checked).map((b) => Number(b.value)), boxes.length);
  });
  let shownId = "";
  let shownContent = (
    /** @type {PromptContent | undefined} */
    void 0
  );
  let shownScore = 0;
  function show(id, content, all, open) {
    const fresh = id !== shownId || content !== shownContent;
    if (fresh) {
      shownId = id;
      shownContent = content;
      text.innerHTML = content.prompt;
      hint.innerHTML = content.hint;
      concepts.draw(content.concepts);
    }
    answer.show(latest(all, id, "recall_text"), fresh);
    hintButton.hidden = !content.hint;
    hint.hidden = !content.hint || !latest(all, id, "hint");
    hintButton.setAttribute("aria-expanded", String(!hint.hidden));
    const scored = latest(all, id, "concepts");
    concepts.el.hidden = !open && !scored;
    compare.setAttribute("aria-expanded", String(!concepts.el.hidden));
    if (fresh || (scored?.seq ?? 0) !== shownScore) {
      shownScore = scored?.seq ?? 0;
      const checked = new Set(scored ? (
        /** @type {number[]} */
        scored.value.checked
      ) : []);
      concepts.tick(checked);
      result.show(content.concepts, scored ? checked : null);
    }
  }
  return { el, show, text: () => answer.input.value };
}
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const root = widgetRoot("recall-recall-prompt");
  const bar = toolbar();
  const loading = h("p", "recall-loading", t("Loading…"));
  const opened = /* @__PURE__ */ new Set();
  const body = promptBody({
    text: (text) => saveText(model, text),
    hint: () => showHint(model),
    compare: () => {
      opened.add(currentId(model));
      update();
    },
    tick: (checked, total) => record(model, "concepts", currentId(model), { checked, total })
  }, tr, model.get("content_lang"));
  const nav = navigation([], tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your answers and ticked concepts here, and their review schedule?"),
    clear: t("Clear your answers and ticked concepts here on this page?"),
    describe: (count) => nt("What you wrote and ticked before is shown ({n} from your saved progress).", "What you wrote and ticked before is shown ({n} from your saved progress).", count),
    onForgot: () => nav.next.focus()
  });
  root.append(bar.el, loading, body.el, nav.el, memory.el);
  el.append(root);
  nav.prev.addEventListener("click", () => move(model, -1, body.text()));
  nav.next.addEventListener("click", () => move(model, 1, body.text()));
  keepKeys(root);
  function update() {
    const content = current(model);
    const pos = model.get("position");
    const total = ids(model).length;
    showHeading(bar, root, model, t("Recall prompt"));
    bar.position.textContent = `${pos + 1} / ${total}`;
    bar.position.hidden = nav.el.hidden = total < 2;
    nav.show(pos > 0, pos < total - 1);
    loading.hidden = Boolean(content);
    body.el.hidden = !content;
    if (!content) return;
    showLevel(bar.badge, content.level, tr);
    const id = currentId(model);
    body.show(id, content, events(model), opened.has(id));
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}
var recall_prompt_default = { render };
export {
  recall_prompt_default as default
};
