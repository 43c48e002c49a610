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

// src/grading.js
var WHITESPACE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
function normalizeText(text, matchCase) {
  const spaced = text.replace(WHITESPACE, " ").replace(/^ +| +$/g, "");
  return matchCase ? spaced : spaced.toLowerCase();
}
function normalizeOutput(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n").map((line) => line.replace(/[ \t]+$/, ""));
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  while (lines.length && !lines[0]) lines.shift();
  return lines.join("\n");
}
function levenshteinRatio(a, b) {
  if (a === b) return 1;
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  x.forEach((ca, i) => {
    const current = [i + 1];
    y.forEach((cb, j) => {
      current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca === cb ? 0 : 1)));
    });
    previous = current;
  });
  return 1 - previous[y.length] / Math.max(x.length, y.length);
}
function parseNumber(text) {
  const trimmed = text.replace(WHITESPACE, "");
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
function numberRight(content, value, target = null) {
  if (target === null && content.range) return content.range[0] <= value && value <= content.range[1];
  const aim = target === null ? content.answer : target;
  if (aim === null || aim === void 0) return false;
  if (content.precision !== null && content.precision !== void 0) {
    return Math.abs(value - aim) <= 0.5 / 10 ** content.precision;
  }
  return Math.abs(value - aim) <= (content.tolerance || 0);
}
function gradeNumeric(content, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return { value, correct: numberRight(content, value) };
}
function wholeMatch(pattern, text, matchCase) {
  try {
    return new RegExp(`^(?:${pattern})$`, matchCase ? "" : "i").test(text);
  } catch {
    return false;
  }
}
function gradeText(content, text) {
  if (typeof text !== "string" || !text.trim()) return null;
  const given = normalizeText(text, content.match_case);
  const accepted = content.answers.map((a) => normalizeText(a, content.match_case));
  let correct = accepted.includes(given);
  if (!correct && content.pattern !== null) correct = wholeMatch(content.pattern, given, content.match_case);
  if (!correct && content.fuzzy !== null) {
    const fuzzy = content.fuzzy;
    correct = accepted.some((a) => levenshteinRatio(given, a) >= fuzzy);
  }
  return { text, correct };
}
function gradeOrder(content, order) {
  if (!Array.isArray(order) || !order.length) return null;
  const total = content.lines.length;
  if (order.some((i) => !Number.isInteger(i) || i < 0 || i >= total)) return null;
  if (new Set(order).size < order.length) return null;
  const correct = order.length === content.count && order.every((line, position) => line === position);
  return { order: [...order], correct };
}
function misplaced(order) {
  return order.flatMap((line, position) => line === position ? [] : [position]);
}
function gradePredict(content, text) {
  if (typeof text !== "string" || !text.trim()) return null;
  return { text, correct: normalizeOutput(text) === normalizeOutput(content.output) };
}
function feedbackFor(content, value) {
  for (const entry of content.feedback) {
    if (content.kind === "numeric" && typeof entry.answer === "number" && typeof value.value === "number") {
      if (numberRight(content, value.value, entry.answer)) return entry.why;
    }
    if (content.kind === "text" && typeof entry.answer === "string" && typeof value.text === "string") {
      const mine = normalizeText(entry.answer, content.match_case);
      if (normalizeText(value.text, content.match_case) === mine) return entry.why;
    }
  }
  return content.default_feedback;
}
function gradeAnswer(content, chosen) {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const count = content.choices.length;
  if (!picked.length || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  if (picked.length > 1 && !content.multiple) return null;
  const correct = picked.length === content.correct.length && picked.every((c, i) => c === content.correct[i]);
  return { choices: picked, correct };
}

// src/order_part.js
function lineButton(className, text, label) {
  const button = h("button", `recall-button recall-order-button ${className}`, text);
  button.setAttribute("aria-label", label);
  return button;
}
function createOrderPart(content, name, { t, nt }) {
  const distractors = content.lines.length > content.count;
  let used = [...content.order];
  let locked = (
    /** @type {RecallEvent | null | undefined} */
    null
  );
  const usedLabel = h("p", "recall-order-heading", t("Your answer, top to bottom"));
  usedLabel.id = `${name}-used`;
  const usedList = h("ol", "recall-order-list");
  usedList.setAttribute("aria-labelledby", usedLabel.id);
  const unusedLabel = h("p", "recall-order-heading", t("Left out"));
  unusedLabel.id = `${name}-unused`;
  const unusedList = h("ul", "recall-order-list recall-order-unused");
  unusedList.setAttribute("aria-labelledby", unusedLabel.id);
  const status = h("p", "recall-visually-hidden");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const text = (line) => content.lines[line];
  function move(line, position, keep) {
    used = used.filter((l) => l !== line);
    if (position >= 0) used.splice(Math.min(position, used.length), 0, line);
    redraw();
    status.textContent = position >= 0 ? t("{line}: at position {position} of {count}", { line: text(line), position: used.indexOf(line) + 1, count: used.length }) : t("{line}: left out", { line: text(line) });
    const row2 = [...usedList.children, ...unusedList.children].find((r) => (
      /** @type {HTMLElement} */
      r.dataset.line === String(line)
    ));
    const target = row2 && (row2.querySelector(`.${keep}:not([disabled])`) || row2.querySelector("button:not([disabled])"));
    target?.focus();
  }
  function row(line, position) {
    const li = h("li", "recall-order-line");
    li.dataset.line = String(line);
    const code = h("code", "recall-order-text", text(line));
    const buttons = h("span", "recall-order-buttons");
    if (position >= 0) {
      const up = lineButton("recall-order-up", "↑", t("Move up: {line}", { line: text(line) }));
      const down = lineButton("recall-order-down", "↓", t("Move down: {line}", { line: text(line) }));
      up.disabled = position === 0;
      down.disabled = position === used.length - 1;
      up.addEventListener("click", () => move(line, position - 1, "recall-order-up"));
      down.addEventListener("click", () => move(line, position + 1, "recall-order-down"));
      buttons.append(up, down);
      if (distractors) {
        const out = lineButton("recall-order-out", t("Leave out"), t("Leave out: {line}", { line: text(line) }));
        out.addEventListener("click", () => move(line, -1, "recall-order-in"));
        buttons.append(out);
      }
    } else {
      const back = lineButton("recall-order-in", t("Put back"), t("Put back at the end: {line}", { line: text(line) }));
      back.addEventListener("click", () => move(line, used.length, "recall-order-up"));
      buttons.append(back);
    }
    buttons.hidden = Boolean(locked);
    const tag = h("span", "recall-order-tag");
    li.append(code, tag, buttons);
    return li;
  }
  function redraw() {
    const unused = content.order.filter((l) => !used.includes(l));
    usedList.replaceChildren(...used.map((line, position) => row(line, position)));
    unusedList.replaceChildren(...unused.map((line) => row(line, -1)));
    unusedLabel.hidden = unusedList.hidden = !distractors;
    if (locked) tagLines();
  }
  function tagLines() {
    const wrong = new Set(misplaced(used));
    usedList.querySelectorAll(".recall-order-line").forEach((li, position) => {
      const line = Number(
        /** @type {HTMLElement} */
        li.dataset.line
      );
      const ok = !wrong.has(position);
      li.classList.toggle("is-correct", ok);
      li.classList.toggle("is-wrong", !ok);
      const tag = (
        /** @type {HTMLElement} */
        li.querySelector(".recall-order-tag")
      );
      tag.textContent = ok ? t("✓ In place") : line >= content.count ? t("✗ Does not belong") : t("✗ Out of place");
    });
  }
  usedList.addEventListener("keydown", (event) => {
    if (!event.altKey || event.key !== "ArrowUp" && event.key !== "ArrowDown" || locked) return;
    const li = (
      /** @type {HTMLElement} */
      event.target.closest(".recall-order-line")
    );
    if (!(li instanceof HTMLElement)) return;
    event.preventDefault();
    event.stopPropagation();
    const line = Number(li.dataset.line);
    const position = used.indexOf(line) + (event.key === "ArrowUp" ? -1 : 1);
    if (position >= 0 && position < used.length) move(line, position, event.key === "ArrowUp" ? "recall-order-up" : "recall-order-down");
  });
  redraw();
  return {
    els: [usedLabel, usedList, unusedLabel, unusedList, status],
    instructions: distractors ? t("Put the lines in order with ↑ and ↓ (or Alt+↑ / Alt+↓); leave out the lines that do not belong") : t("Put the lines in order with ↑ and ↓ (or Alt+↑ / Alt+↓)"),
    read: () => gradeOrder(content, used) || t("Put at least one line in your answer."),
    draw(answer) {
      locked = answer;
      if (answer) used = [...answer.value.order];
      redraw();
    },
    feedback(value) {
      if (value.correct) return { lead: [], tail: [] };
      const order = value.order || [];
      const out = misplaced(order).map((p) => p + 1);
      const missing = content.count - order.filter((l) => l < content.count).length;
      const parts = [];
      if (out.length) {
        parts.push(nt("Not in place: line {lines} of your answer.", "Not in place: lines {lines} of your answer.", out.length, { lines: out.join(", ") }));
      }
      if (missing) parts.push(nt("{n} line is missing.", "{n} lines are missing.", missing));
      return { lead: [h("p", "recall-right-answer", parts.join(" "))], tail: [] };
    },
    first: () => (
      /** @type {HTMLElement | undefined} */
      usedList.querySelector("button:not([disabled])") || void 0
    )
  };
}

// src/answer_parts.js
function htmlPart(className, html) {
  const el = h("div", `${className} recall-content`);
  el.innerHTML = html;
  return el;
}
function createChoicePart(content, name, { t }) {
  const rows = content.order.map((index) => {
    const row = h("div", "recall-choice");
    const label = h("label", "recall-choice-label");
    const input = h("input", "recall-choice-input");
    input.type = content.multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = String(index);
    const text = h("span", "recall-choice-text recall-content");
    text.innerHTML = content.choices[index];
    label.append(input, text);
    const tags = h("span", "recall-choice-tags");
    tags.id = `${name}-tags-${index}`;
    row.append(label, tags);
    return row;
  });
  const list = h("div", "recall-choices");
  list.append(...rows);
  const inputs = () => Array.from(list.querySelectorAll("input"));
  function draw(answer, hadFocus) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      const index = Number(input.value);
      if (answer || !hadFocus) input.checked = chosen.has(index);
      const row = (
        /** @type {HTMLElement} */
        input.closest(".recall-choice")
      );
      const tags = (
        /** @type {HTMLElement} */
        row.querySelector(".recall-choice-tags")
      );
      const mine = chosen.has(index);
      const right = Boolean(answer) && content.correct.includes(index);
      const wrong = Boolean(answer) && mine && !right;
      input.disabled = Boolean(answer);
      row.classList.toggle("is-chosen", mine);
      row.classList.toggle("is-correct", right);
      row.classList.toggle("is-wrong", wrong);
      tags.replaceChildren(
        ...mine ? [h("span", "recall-tag recall-tag-mine", wrong ? t("✗ Your answer") : t("Your answer"))] : [],
        ...right ? [h("span", "recall-tag recall-tag-correct", t("✓ Correct answer"))] : []
      );
      if (tags.childElementCount) input.setAttribute("aria-describedby", tags.id);
      else input.removeAttribute("aria-describedby");
    }
  }
  return {
    els: [list],
    instructions: content.multiple ? t("Select all that apply") : t("Select one answer"),
    read: () => gradeAnswer(content, inputs().filter((i) => i.checked).map((i) => Number(i.value))) || t("Select an answer first."),
    draw,
    feedback: (value) => ({
      lead: [],
      tail: (value.choices || []).filter((i) => content.whys[i]).map((i) => htmlPart("recall-why", content.whys[i]))
    }),
    first: () => inputs()[0]
  };
}
function rightAnswerText(content, { t, nt }) {
  if (content.kind === "text") return content.answers.length ? t("A right answer: {answer}", { answer: content.answers[0] }) : "";
  if (content.range) return t("Right answers: from {low} to {high}", { low: content.range[0], high: content.range[1] });
  if (content.precision !== null) {
    return nt("The right answer: {answer} (to {n} decimal place)", "The right answer: {answer} (to {n} decimal places)", content.precision, { answer: content.answer });
  }
  if (content.tolerance) return t("The right answer: {answer} (± {tolerance})", { answer: content.answer, tolerance: content.tolerance });
  return t("The right answer: {answer}", { answer: content.answer });
}
function answerInput(name, labelText, multiline) {
  const field = h("div", "recall-answer-field");
  const label = h("label", "recall-answer-label", labelText);
  const input = multiline ? h("textarea", "recall-answer-input recall-answer-output") : h("input", "recall-answer-input");
  input.id = `${name}-answer`;
  label.htmlFor = input.id;
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("autocapitalize", "off");
  if (input instanceof HTMLTextAreaElement) input.rows = 4;
  else input.type = "text";
  field.append(label, input);
  return { field, input };
}
function createEntryPart(content, name, tr) {
  const { t } = tr;
  const numeric = content.kind === "numeric";
  const { field, input } = answerInput(name, numeric ? t("Your answer (a number)") : t("Your answer"), false);
  if (numeric) input.inputMode = "decimal";
  return {
    els: [field],
    instructions: numeric ? t("Type a number, then Check") : t("Type your answer, then Check"),
    read() {
      if (!input.value.trim()) return numeric ? t("Type a number first.") : t("Type an answer first.");
      if (content.kind === "text") return gradeText(content, input.value) || t("Type an answer first.");
      const value = gradeNumeric(content, parseNumber(input.value));
      return value || t("That is not a number: write it with digits, e.g. 3600, -2.5 or 1e-3.");
    },
    draw(answer, hadFocus) {
      if (answer) input.value = String(numeric ? answer.value.value : answer.value.text);
      else if (!hadFocus) input.value = "";
      input.readOnly = Boolean(answer);
      field.classList.toggle("is-correct", Boolean(answer && answer.value.correct));
      field.classList.toggle("is-wrong", Boolean(answer && !answer.value.correct));
    },
    feedback(value) {
      if (value.correct) return { lead: [], tail: [] };
      const why = feedbackFor(content, value);
      const right = rightAnswerText(content, tr);
      return {
        lead: right ? [h("p", "recall-right-answer", right)] : [],
        tail: why ? [htmlPart("recall-why", why)] : []
      };
    },
    first: () => input
  };
}
function createPredictPart(content, name, check, { t }) {
  const code = htmlPart("recall-predict-code", content.code);
  const { field, input } = answerInput(name, t("What does it print?"), true);
  input.addEventListener("keydown", (keydown) => {
    const event = (
      /** @type {KeyboardEvent} */
      keydown
    );
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      check();
    }
  });
  return {
    els: [code, field],
    instructions: t("Type exactly what the code prints, then Check (Ctrl+Enter)"),
    read: () => gradePredict(content, input.value) || t("Type what it prints first."),
    draw(answer, hadFocus) {
      if (answer) input.value = String(answer.value.text);
      else if (!hadFocus) input.value = "";
      input.readOnly = Boolean(answer);
      field.classList.toggle("is-correct", Boolean(answer && answer.value.correct));
      field.classList.toggle("is-wrong", Boolean(answer && !answer.value.correct));
    },
    feedback: () => {
      const printed = h("div", "recall-predict-printed");
      printed.append(h("p", "recall-predict-printed-label", t("It prints:")), h("pre", "recall-predict-printed-text", content.output));
      return { lead: [printed], tail: [] };
    },
    first: () => input
  };
}
function createAnswerPart(content, name, check, tr) {
  switch (content.kind) {
    case "numeric":
    case "text":
      return createEntryPart(content, name, tr);
    case "predict":
      return createPredictPart(content, name, check, tr);
    case "order":
      return createOrderPart(content, name, tr);
    default:
      return createChoicePart(content, name, tr);
  }
}

// src/question_view.js
function feedbackParts(content, part, value, { t }, lang) {
  const correct = Boolean(value.correct);
  const verdict = h("p", `recall-verdict ${correct ? "is-correct" : "is-incorrect"}`);
  verdict.textContent = correct ? t("✓ Correct") : t("✗ Incorrect");
  const explanation = h("div", "recall-explanation recall-content");
  if (lang) explanation.lang = lang;
  explanation.innerHTML = content.explanation;
  const { lead, tail } = part.feedback(value);
  return [verdict, ...lead, explanation, ...tail];
}
function createQuestionView({ name, onAnswer, onRetry, tr, lang = "" }) {
  const { t } = tr;
  const el = h("div", "recall-question-view");
  const loading = h("p", "recall-loading", t("Loading…"));
  const fieldset = h("fieldset", "recall-fieldset");
  const legend = h("legend", "recall-question-prompt recall-content");
  if (lang) legend.lang = lang;
  const instructions = h("p", "recall-instructions");
  const body = h("div", "recall-answer-part");
  fieldset.append(legend, instructions, body);
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-check recall-primary", t("Check"));
  const retry = h("button", "recall-button recall-retry", t("Try again"));
  actions.append(check, retry);
  const feedback = h("div", "recall-feedback");
  feedback.id = `${name}-feedback`;
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  el.append(loading, fieldset, actions, feedback);
  let part = (
    /** @type {AnswerPart | undefined} */
    void 0
  );
  const first = () => part?.first();
  let current = (
    /** @type {QuestionContent | undefined} */
    void 0
  );
  let drawn = (
    /** @type {QuestionContent | undefined} */
    void 0
  );
  let answered = (
    /** @type {RecallEvent | null | undefined} */
    null
  );
  const FRESH = null;
  let drawnAnswer = (
    /** @type {number | null} */
    FRESH
  );
  function checkAnswer() {
    if (!current || answered || !part) return;
    const value = part.read();
    if (typeof value === "string") feedback.replaceChildren(h("p", "recall-verdict", value));
    else onAnswer(value);
  }
  check.addEventListener("click", checkAnswer);
  retry.addEventListener("click", () => {
    onRetry();
    first()?.focus();
  });
  fieldset.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (
      /** @type {HTMLElement} */
      event.target.tagName === "INPUT" && event.key === "Enter"
    ) {
      event.preventDefault();
      checkAnswer();
    }
  });
  function drawQuestion(content) {
    legend.innerHTML = content.prompt;
    part = createAnswerPart(content, name, checkAnswer, tr);
    instructions.textContent = part.instructions;
    body.replaceChildren(...part.els);
    if (lang) body.querySelectorAll(".recall-content, .recall-order-text").forEach((e) => (
      /** @type {HTMLElement} */
      e.lang = lang
    ));
    el.dataset.kind = content.kind || "choice";
  }
  function drawAnswer(content, shown, answer, hadFocus) {
    shown.draw(answer, hadFocus);
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
    feedback.replaceChildren(...answer ? feedbackParts(content, shown, answer.value, tr, lang) : []);
  }
  function show(content, state) {
    current = content;
    loading.hidden = Boolean(content);
    fieldset.hidden = actions.hidden = !content;
    if (content && content !== drawn) {
      drawn = content;
      drawnAnswer = FRESH;
      drawQuestion(content);
    }
    const answer = content ? state.answer : void 0;
    answered = answer;
    const onRetryButton = document.activeElement === retry;
    const hadFocus = fieldset.contains(document.activeElement);
    if (!content) feedback.replaceChildren();
    retry.hidden = !answer;
    if (content && part && (answer?.seq ?? 0) !== drawnAnswer) {
      drawnAnswer = answer?.seq ?? 0;
      drawAnswer(content, part, answer, hadFocus);
      if (answer && hadFocus) retry.focus();
    }
    check.setAttribute("aria-disabled", String(Boolean(answer)));
    if (onRetryButton && !answer) first()?.focus();
  }
  function focus() {
    (retry.hidden ? first() : retry)?.focus();
  }
  return { el, show, focus };
}

// src/quiz.js
var REVIEW_LIMIT = 10;
var TITLE_LENGTH = 60;
var TRAITS = `change:position change:content change:events change:ids change:title_html change:section ${MEMORY_TRAITS}`;
function shortText(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const text = (template.content.textContent || "").replace(/\s+/g, " ").trim();
  return text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : text;
}
function summarize(events) {
  const first = /* @__PURE__ */ new Map();
  const shown = /* @__PURE__ */ new Map();
  for (const e of events) {
    if (e.kind === "answer") {
      if (!first.has(e.item)) first.set(e.item, Boolean(e.value && e.value.correct));
      shown.set(e.item, e);
    } else if (e.kind === "retry") {
      shown.set(e.item, null);
    }
  }
  return { first, shown };
}
var ids = (model) => model.get("ids") || [];
var currentId = (model) => ids(model)[model.get("position")];
function moveTo(model, index) {
  if (index < 0 || index >= ids(model).length || index === model.get("position")) return;
  model.set("position", index);
  model.save_changes();
}
function questionTitles(model) {
  const titles = /* @__PURE__ */ new Map();
  return (id) => {
    const content = model.get("content")[id];
    if (content && !titles.has(id)) titles.set(id, shortText(content.prompt));
    return titles.get(id) || i18n(model).t("Question {number}", { number: ids(model).indexOf(id) + 1 });
  };
}
function createSummary(titleOf, onPick, { t, nt }) {
  const el = h("div", "recall-quiz-summary");
  function show(all, first, correct) {
    const review = all.filter((q) => first.get(q) !== true);
    const list = h("span", "recall-quiz-summary-list");
    for (const q of review.slice(0, REVIEW_LIMIT)) {
      const button = h("button", "recall-button recall-quiz-summary-link", titleOf(q));
      button.addEventListener("click", () => onPick(q));
      list.append(button);
    }
    const more = review.length - REVIEW_LIMIT;
    if (more > 0) list.append(h("span", "", nt("… and {n} more", "… and {n} more", more)));
    const counts = { correct, total: all.length };
    el.replaceChildren(
      review.length ? t("{correct}/{total} correct — review:", counts) + " " : t("{correct}/{total} correct — nothing to review", counts)
    );
    if (review.length) el.append(list);
  }
  return { el, show };
}
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const root = widgetRoot("recall-quiz");
  const bar = toolbar();
  const question = createQuestionView({
    name: `recall-quiz-${viewNumber()}`,
    onAnswer: (value) => record(model, "answer", currentId(model), value),
    onRetry: () => record(model, "retry", currentId(model), null),
    tr,
    lang: model.get("content_lang")
  });
  const score = h("p", "recall-score");
  const nav = navigation([score], tr);
  const summary = createSummary(questionTitles(model), (id) => {
    moveTo(model, ids(model).indexOf(id));
    question.focus();
  }, tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your answers to these questions, and their review schedule?"),
    clear: t("Clear your answers to these questions on this page?"),
    describe: (count) => nt("Your earlier answers are shown ({n} from your saved progress).", "Your earlier answers are shown ({n} from your saved progress).", count),
    onForgot: () => question.focus()
  });
  root.append(bar.el, question.el, nav.el, summary.el, memory.el);
  el.append(root);
  nav.prev.addEventListener("click", () => moveTo(model, model.get("position") - 1));
  nav.next.addEventListener("click", () => moveTo(model, model.get("position") + 1));
  keepKeys(root);
  function update() {
    const id = currentId(model);
    const pos = model.get("position");
    const total = ids(model).length;
    const content = model.get("content")[id];
    showHeading(bar, root, model, t("Quiz"));
    bar.position.textContent = `${pos + 1} / ${total}`;
    if (content) showLevel(bar.badge, content.level, tr);
    const { first, shown } = summarize(shownEvents(model));
    const answer = content ? shown.get(id) : void 0;
    question.show(content, { answer });
    const correct = [...first.values()].filter(Boolean).length;
    score.textContent = t("Score: {correct}/{total} (first attempts)", { correct, total: first.size });
    nav.show(pos > 0, pos < total - 1);
    summary.el.hidden = !(pos === total - 1 && answer);
    if (!summary.el.hidden) summary.show(ids(model), first, correct);
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}
var quiz_default = { render };
export {
  quiz_default as default,
  summarize
};
