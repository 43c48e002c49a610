// Quiz: one question at a time, first attempts scored, a summary after the last one.
// The question itself is the question view (question_view.js); this module moves between the
// questions, keeps the score and draws the summary.

import {
  followModel,
  h,
  keepKeys,
  navigation,
  record,
  showHeading,
  showLevel,
  toolbar,
  viewNumber,
  widgetRoot,
} from "./common.js";
import { createMemoryLine, MEMORY_TRAITS, shownEvents } from "./memory.js";
import { createQuestionView } from "./question_view.js";
import { i18n } from "./i18n.js";

/** @import { AnyModel, QuizTraits, RecallEvent } from "./model" */
/** @import { Translator } from "./i18n.js" */
/** @typedef {AnyModel<QuizTraits>} Model */

const REVIEW_LIMIT = 10; // questions named in the end summary
const TITLE_LENGTH = 60; // characters of a question's text in the end summary

const TRAITS = `change:position change:content change:events change:ids change:title_html change:section ${MEMORY_TRAITS}`;

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
 * What the events say about each question: its first answer and its current state.
 * @param {RecallEvent[]} events
 */
export function summarize(events) {
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

/** @param {Model} model @returns {string[]} */
const ids = (model) => model.get("ids") || [];

/** @param {Model} model */
const currentId = (model) => ids(model)[model.get("position")];

/**
 * Show another question (nothing outside the quiz).
 * @param {Model} model
 * @param {number} index
 */
function moveTo(model, index) {
  if (index < 0 || index >= ids(model).length || index === model.get("position")) return;
  model.set("position", index);
  model.save_changes();
}

/**
 * Plain-text titles of the questions for the summary, each kept from the first time its content
 * is seen (a large quiz holds the content of a window of questions only); "Question 3" before.
 * @param {Model} model
 * @returns {(id: string) => string}
 */
function questionTitles(model) {
  /** @type {Map<string, string>} */
  const titles = new Map();
  return (id) => {
    const content = model.get("content")[id];
    if (content && !titles.has(id)) titles.set(id, shortText(content.prompt));
    return titles.get(id) || i18n(model).t("Question {number}", { number: ids(model).indexOf(id) + 1 });
  };
}

/**
 * The end summary: "4/5 correct — review: " and a button per missed (or unanswered) question,
 * named by its text (`titleOf`); a button calls `onPick(id)`.
 * @param {(id: string) => string} titleOf
 * @param {(id: string) => void} onPick
 * @param {Translator} tr
 */
function createSummary(titleOf, onPick, { t, nt }) {
  const el = h("div", "recall-quiz-summary");
  /**
   * @param {string[]} all the quiz's questions
   * @param {Map<string, boolean>} first first attempt correct, by question answered
   * @param {number} correct
   */
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
      review.length ? t("{correct}/{total} correct — review:", counts) + " " : t("{correct}/{total} correct — nothing to review", counts),
    );
    if (review.length) el.append(list);
  }
  return { el, show };
}

/** @param {{model: Model, el: HTMLElement}} ctx */
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
    lang: model.get("content_lang"),
  });
  const score = h("p", "recall-score");
  const nav = navigation([score], tr);
  const summary = createSummary(questionTitles(model), (id) => {
    moveTo(model, ids(model).indexOf(id)); // redraws at once: the summary (and its button) goes away
    question.focus();
  }, tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your answers to these questions, and their review schedule?"),
    clear: t("Clear your answers to these questions on this page?"),
    describe: (count) => nt("Your earlier answers are shown ({n} from your saved progress).", "Your earlier answers are shown ({n} from your saved progress).", count),
    onForgot: () => question.focus(),
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
    const answer = content ? shown.get(id) : undefined;
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

export default { render };
