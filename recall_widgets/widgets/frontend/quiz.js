// Built by `npm run build` from recall_widgets/widgets/frontend/src/: edit the files there, not this one.

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
  root.setAttribute("aria-label", text ? `${kind}: ${text}` : kind);
}
function showLevel(badge, level) {
  badge.textContent = level;
  badge.hidden = !level;
}
function navigation(middle = []) {
  const el = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", "Previous");
  const next = h("button", "recall-button recall-next", "Next");
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
var NO_KERNEL_PROGRESS = "Progress is not recorded in this static page — open the notebook in Jupyter to save it.";
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
  return notice || (kernelBehind(model) ? "" : NO_KERNEL_PROGRESS);
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

// src/question_view.js
function choiceRows(content, name) {
  return content.order.map((index) => {
    const row = h("div", "recall-choice");
    const choice = h("label", "recall-choice-label");
    const input = h("input", "recall-choice-input");
    input.type = content.multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = String(index);
    const text = h("span", "recall-choice-text recall-content");
    text.innerHTML = content.choices[index];
    choice.append(input, text);
    const tags = h("span", "recall-choice-tags");
    tags.id = `${name}-tags-${index}`;
    row.append(choice, tags);
    return row;
  });
}
function tagChoices(inputs, content, answer) {
  const chosen = new Set(answer ? answer.value.choices : []);
  for (const input of inputs) {
    const index = Number(input.value);
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
      ...mine ? [h("span", "recall-tag recall-tag-mine", wrong ? "✗ Your answer" : "Your answer")] : [],
      ...right ? [h("span", "recall-tag recall-tag-correct", "✓ Correct answer")] : []
    );
    if (tags.childElementCount) input.setAttribute("aria-describedby", tags.id);
    else input.removeAttribute("aria-describedby");
  }
}
function feedbackParts(content, value) {
  const correct = Boolean(value.correct);
  const verdict = h("p", `recall-verdict ${correct ? "is-correct" : "is-incorrect"}`);
  verdict.textContent = correct ? "✓ Correct" : "✗ Incorrect";
  const explanation = h("div", "recall-explanation recall-content");
  explanation.innerHTML = content.explanation;
  const whys = value.choices.filter((i) => content.whys[i]).map((i) => {
    const why = h("div", "recall-why recall-content");
    why.innerHTML = content.whys[i];
    return why;
  });
  return [verdict, explanation, ...whys];
}
function gradeAnswer(content, chosen) {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const count = content.choices.length;
  if (!picked.length || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  if (picked.length > 1 && !content.multiple) return null;
  const correct = picked.length === content.correct.length && picked.every((c, i) => c === content.correct[i]);
  return { choices: picked, correct };
}
function answerOf(inputs, content) {
  return gradeAnswer(content, inputs.filter((i) => i.checked).map((i) => Number(i.value)));
}
function createQuestionView({ name, onAnswer, onRetry }) {
  const el = h("div", "recall-question-view");
  const loading = h("p", "recall-loading", "Loading…");
  const fieldset = h("fieldset", "recall-fieldset");
  const legend = h("legend", "recall-question-prompt recall-content");
  const instructions = h("p", "recall-instructions");
  const choices = h("div", "recall-choices");
  fieldset.append(legend, instructions, choices);
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-check recall-primary", "Check");
  const retry = h("button", "recall-button recall-retry", "Try again");
  actions.append(check, retry);
  const feedback = h("div", "recall-feedback");
  feedback.id = `${name}-feedback`;
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  el.append(loading, fieldset, actions, feedback);
  const inputs = () => Array.from(choices.querySelectorAll("input"));
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
  const FRESH = -1;
  let drawnAnswer = FRESH;
  function checkAnswer() {
    if (!current || answered) return;
    const value = answerOf(inputs(), current);
    if (value) onAnswer(value);
    else feedback.replaceChildren(h("p", "recall-verdict", "Select an answer first."));
  }
  check.addEventListener("click", checkAnswer);
  retry.addEventListener("click", () => {
    onRetry();
    inputs()[0]?.focus();
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
    instructions.textContent = content.multiple ? "Select all that apply" : "Select one answer";
    choices.replaceChildren(...choiceRows(content, name));
  }
  function drawAnswer(content, answer, hadFocus) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      if (answer || !hadFocus) input.checked = chosen.has(Number(input.value));
    }
    tagChoices(inputs(), content, answer);
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
    feedback.replaceChildren(...answer ? feedbackParts(content, answer.value) : []);
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
    if (content && (answer?.seq ?? 0) !== drawnAnswer) {
      drawnAnswer = answer?.seq ?? 0;
      drawAnswer(content, answer, hadFocus);
      if (answer && hadFocus) retry.focus();
    }
    check.setAttribute("aria-disabled", String(Boolean(answer)));
    if (onRetryButton && !answer) inputs()[0]?.focus();
  }
  function focus() {
    (retry.hidden ? inputs()[0] : retry)?.focus();
  }
  return { el, show, focus };
}

// src/quiz.js
var REVIEW_LIMIT = 10;
var TITLE_LENGTH = 60;
var TRAITS = "change:position change:content change:events change:ids change:title_html change:section";
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
    return titles.get(id) || `Question ${ids(model).indexOf(id) + 1}`;
  };
}
function createSummary(titleOf, onPick) {
  const el = h("div", "recall-quiz-summary");
  function show(all, first, correct) {
    const review = all.filter((q) => first.get(q) !== true);
    const list = h("span", "recall-quiz-summary-list");
    for (const q of review.slice(0, REVIEW_LIMIT)) {
      const button = h("button", "recall-button recall-quiz-summary-link", titleOf(q));
      button.addEventListener("click", () => onPick(q));
      list.append(button);
    }
    if (review.length > REVIEW_LIMIT) list.append(h("span", "", `… and ${review.length - REVIEW_LIMIT} more`));
    el.replaceChildren(`${correct}/${all.length} correct — `, review.length ? "review: " : "nothing to review");
    if (review.length) el.append(list);
  }
  return { el, show };
}
function render({ model, el }) {
  const root = widgetRoot("recall-quiz");
  const bar = toolbar();
  const question = createQuestionView({
    name: `recall-quiz-${viewNumber()}`,
    onAnswer: (value) => record(model, "answer", currentId(model), value),
    onRetry: () => record(model, "retry", currentId(model), null)
  });
  const score = h("p", "recall-score");
  const nav = navigation([score]);
  const summary = createSummary(questionTitles(model), (id) => {
    moveTo(model, ids(model).indexOf(id));
    question.focus();
  });
  root.append(bar.el, question.el, nav.el, summary.el);
  el.append(root);
  nav.prev.addEventListener("click", () => moveTo(model, model.get("position") - 1));
  nav.next.addEventListener("click", () => moveTo(model, model.get("position") + 1));
  keepKeys(root);
  function update() {
    const id = currentId(model);
    const pos = model.get("position");
    const total = ids(model).length;
    const content = model.get("content")[id];
    showHeading(bar, root, model, "Quiz");
    bar.position.textContent = `${pos + 1} / ${total}`;
    if (content) showLevel(bar.badge, content.level);
    const { first, shown } = summarize(model.get("events") || []);
    const answer = content ? shown.get(id) : void 0;
    question.show(content, { answer });
    const correct = [...first.values()].filter(Boolean).length;
    score.textContent = `Score: ${correct}/${first.size} (first attempts)`;
    nav.show(pos > 0, pos < total - 1);
    summary.el.hidden = !(pos === total - 1 && answer);
    if (!summary.el.hidden) summary.show(ids(model), first, correct);
  }
  return followModel(model, root, TRAITS, update);
}
var quiz_default = { render };
export {
  quiz_default as default,
  summarize
};
