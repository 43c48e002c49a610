// Quiz view: one question at a time, checked in the browser, first attempts scored.
// Content HTML comes sanitized from Python (`content`); everything else goes in as text.
// Choice indexes in events are in the deck's YAML order; `order` is only the display order.

/** @typedef {{deck: string, item: string, kind: string, value: any, seq: number, time: string}} RecallEvent */
/**
 * @typedef {{prompt: string, explanation: string, choices: string[], whys: string[],
 *   order: number[], correct: number[], multiple: boolean, level: string}} QuestionContent
 */

const REVIEW_LIMIT = 10; // questions named in the end summary
const TITLE_LENGTH = 60; // characters of a question's text in the end summary
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
 * The text of sanitized content HTML, parsed in an inert template (nothing runs or loads),
 * whitespace collapsed and cut to `TITLE_LENGTH` characters.
 * @param {string} html
 * @returns {string}
 */
function shortText(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const text = (template.content.textContent || "").replace(/\s+/g, " ").trim();
  return text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : text;
}

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
 * Append an event to the synced list, with other trait changes, in one message.
 * @param {any} model
 * @param {string} kind
 * @param {string} item
 * @param {unknown} value
 */
function record(model, kind, item, value) {
  /** @type {RecallEvent[]} */
  const events = model.get("events") || [];
  const last = events.length ? events[events.length - 1].seq : 0;
  const seq = (typeof last === "number" ? last : events.length) + 1;
  const event = { deck: model.get("deck_id"), item, kind, value, seq, time: new Date().toISOString() };
  model.set("events", [...events, event]);
  model.save_changes();
}

/**
 * What the events say about each question: its first answer and its current state.
 * @param {RecallEvent[]} events
 */
function summarize(events) {
  /** @type {Map<string, boolean>} first attempt correct, by question */
  const first = new Map();
  /** @type {Map<string, RecallEvent | null>} answer on screen (null after "Try again") */
  const shown = new Map();
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

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const name = `recall-quiz-${viewNumber()}`;
  const root = h("div", "recall-widget recall-quiz");
  root.setAttribute("role", "group");

  const toolbar = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  toolbar.append(title, badge, position);

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

  const nav = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", "Previous");
  const score = h("p", "recall-score");
  const next = h("button", "recall-button recall-next", "Next");
  nav.append(prev, score, next);
  const summary = h("div", "recall-summary");
  root.append(toolbar, loading, fieldset, actions, feedback, nav, summary);
  el.append(root);

  /** @returns {string[]} */
  const ids = () => model.get("ids") || [];
  const currentId = () => ids()[model.get("position")];
  /** @returns {QuestionContent | undefined} */
  const current = () => model.get("content")[currentId()];
  /** @returns {HTMLInputElement[]} */
  const inputs = () => Array.from(choices.querySelectorAll("input"));
  /** @type {Map<string, string>} plain-text titles of the questions seen, for the summary */
  const titles = new Map();
  /** @param {string} id */
  function titleOf(id) {
    /** @type {QuestionContent | undefined} */
    const content = model.get("content")[id];
    if (content && !titles.has(id)) titles.set(id, shortText(content.prompt));
    return titles.get(id) || `Question ${ids().indexOf(id) + 1}`;
  }

  /** @param {number} index */
  function moveTo(index) {
    if (index < 0 || index >= ids().length || index === model.get("position")) return;
    model.set("position", index);
    model.save_changes();
  }

  function checkAnswer() {
    const content = current();
    if (!content || summarize(model.get("events")).shown.get(currentId())) return;
    const chosen = inputs().filter((i) => i.checked).map((i) => Number(i.value)).sort((a, b) => a - b);
    if (!chosen.length) {
      feedback.replaceChildren(h("p", "recall-verdict", "Select an answer first."));
      return;
    }
    const correct = chosen.length === content.correct.length && chosen.every((c, i) => c === content.correct[i]);
    record(model, "answer", currentId(), { choices: chosen, correct });
  }

  check.addEventListener("click", checkAnswer);
  retry.addEventListener("click", () => {
    record(model, "retry", currentId(), null);
    inputs()[0]?.focus();
  });
  prev.addEventListener("click", () => moveTo(model.get("position") - 1));
  next.addEventListener("click", () => moveTo(model.get("position") + 1));

  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    const target = /** @type {HTMLElement} */ (event.target);
    event.stopPropagation(); // native controls handle the rest; the notebook must not see it
    if (target.tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      checkAnswer();
    }
  });

  let shownId = "";
  let shownContent = /** @type {QuestionContent | undefined} */ (undefined);
  /** @param {QuestionContent} content */
  function drawQuestion(content) {
    legend.innerHTML = content.prompt;
    instructions.textContent = content.multiple ? "Select all that apply" : "Select one answer";
    choices.replaceChildren(
      ...content.order.map((index) => {
        const row = h("div", "recall-choice");
        const choice = h("label", "recall-choice-label");
        const input = /** @type {HTMLInputElement} */ (h("input", "recall-choice-input"));
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
      }),
    );
  }

  /**
   * After a check, tag each choice in words (the disabled inputs look alike): the learner's
   * answer, and which choices are correct; colour only repeats what the words say.
   * @param {QuestionContent} content
   * @param {RecallEvent | null | undefined} answer
   */
  function drawTags(content, answer) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      const index = Number(input.value);
      const row = /** @type {HTMLElement} */ (input.closest(".recall-choice"));
      const tags = /** @type {HTMLElement} */ (row.querySelector(".recall-choice-tags"));
      const mine = chosen.has(index);
      const right = Boolean(answer) && content.correct.includes(index);
      const wrong = Boolean(answer) && mine && !right;
      input.disabled = Boolean(answer);
      row.classList.toggle("is-chosen", mine);
      row.classList.toggle("is-correct", right);
      row.classList.toggle("is-wrong", wrong);
      tags.replaceChildren(
        ...(mine ? [h("span", "recall-tag recall-tag-mine", wrong ? "✗ Your answer" : "Your answer")] : []),
        ...(right ? [h("span", "recall-tag recall-tag-correct", "✓ Correct answer")] : []),
      );
      if (tags.childElementCount) input.setAttribute("aria-describedby", tags.id);
      else input.removeAttribute("aria-describedby");
    }
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
  }

  /**
   * @param {QuestionContent} content
   * @param {RecallEvent} answer
   */
  function drawFeedback(content, answer) {
    const correct = Boolean(answer.value.correct);
    const verdict = h("p", `recall-verdict ${correct ? "is-correct" : "is-incorrect"}`);
    verdict.textContent = correct ? "✓ Correct" : "✗ Incorrect";
    const explanation = h("div", "recall-explanation recall-content");
    explanation.innerHTML = content.explanation;
    const whys = /** @type {number[]} */ (answer.value.choices)
      .filter((i) => content.whys[i])
      .map((i) => {
        const why = h("div", "recall-why recall-content");
        why.innerHTML = content.whys[i];
        return why;
      });
    feedback.replaceChildren(verdict, explanation, ...whys);
  }

  /**
   * "4/5 correct — review: " and a button per missed (or unanswered) question, named by its text.
   * @param {Map<string, boolean>} first
   * @param {number} correct
   */
  function drawSummary(first, correct) {
    const review = ids().filter((q) => first.get(q) !== true);
    const list = h("span", "recall-review-list");
    for (const q of review.slice(0, REVIEW_LIMIT)) {
      const button = h("button", "recall-button recall-review-link", titleOf(q));
      button.addEventListener("click", () => {
        moveTo(ids().indexOf(q)); // redraws at once: the summary (and this button) goes away
        (retry.hidden ? inputs()[0] : retry)?.focus();
      });
      list.append(button);
    }
    if (review.length > REVIEW_LIMIT) list.append(h("span", "", `… and ${review.length - REVIEW_LIMIT} more`));
    const total = ids().length;
    summary.replaceChildren(`${correct}/${total} correct — `, review.length ? "review: " : "nothing to review");
    if (review.length) summary.append(list);
  }

  const FRESH = -1;
  let shownAnswer = FRESH; // seq of the answer on screen, 0 for none
  function update() {
    const id = currentId();
    const pos = model.get("position");
    const total = ids().length;
    const content = current();
    setHeading(title, model);
    title.hidden = !title.textContent;
    root.setAttribute("aria-label", title.textContent ? `Quiz: ${title.textContent}` : "Quiz");
    position.textContent = `${pos + 1} / ${total}`;
    loading.hidden = Boolean(content);
    fieldset.hidden = actions.hidden = !content;
    if (content && (id !== shownId || content !== shownContent)) {
      shownId = id;
      shownContent = content;
      shownAnswer = FRESH;
      drawQuestion(content);
      badge.textContent = content.level;
      badge.hidden = !content.level;
    }

    const { first, shown } = summarize(model.get("events") || []);
    const answer = content ? shown.get(id) : undefined;
    const onRetry = document.activeElement === retry;
    const hadFocus = fieldset.contains(document.activeElement);
    if (!content) feedback.replaceChildren();
    retry.hidden = !answer;
    if (content && (answer?.seq ?? 0) !== shownAnswer) {
      shownAnswer = answer?.seq ?? 0;
      const chosen = new Set(answer ? answer.value.choices : []);
      for (const input of inputs()) {
        if (answer || !hadFocus) input.checked = chosen.has(Number(input.value));
      }
      drawTags(content, answer);
      if (answer) drawFeedback(content, answer);
      else feedback.replaceChildren();
      if (answer && hadFocus) retry.focus();
    }
    check.setAttribute("aria-disabled", String(Boolean(answer)));
    if (onRetry && !answer) inputs()[0]?.focus();

    const correct = [...first.values()].filter(Boolean).length;
    score.textContent = `Score: ${correct}/${first.size} (first attempts)`;
    prev.setAttribute("aria-disabled", String(pos <= 0));
    next.setAttribute("aria-disabled", String(pos >= total - 1));

    summary.hidden = !(pos === total - 1 && answer);
    if (!summary.hidden) drawSummary(first, correct);
  }

  const names = "change:position change:content change:events change:ids change:title_html change:section";
  model.on(names, update);
  update();
  return () => model.off(names, update);
}

export default { render };
