// Question view: a question in a fieldset — its prompt as the legend, the answer part of its
// kind (answer_parts.js: choices, a typed answer, code to predict, lines to order), Check /
// Try again and the feedback. It holds no model: the widget shows content and an answer in it
// and records what it reports (Quiz, Review). The browser checks an answer for its instant
// feedback (grading.js); Python decides again what it records.
// Content HTML comes sanitized from Python; everything else goes in as text.

import { h } from "./common.js";
import { createAnswerPart } from "./answer_parts.js";

export { gradeAnswer } from "./grading.js";

/** @import { AnswerValue, QuestionContent, RecallEvent } from "./model" */
/** @import { Translator } from "./i18n.js" */
/** @typedef {import("./answer_parts.js").AnswerPart} AnswerPart */

/**
 * The feedback on an answer: the verdict, what the kind adds (the right answer, what the code
 * prints, the lines out of place), the explanation and the feedback on what was given.
 * @param {QuestionContent} content
 * @param {AnswerPart} part
 * @param {AnswerValue} value
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 * @returns {HTMLElement[]}
 */
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

/**
 * A question with its answer part, Check / Try again buttons and feedback, in `el`.
 *
 * - `name` (unique on the page, e.g. `recall-quiz-${viewNumber()}`) names the radio group and
 *   prefixes the ids of the feedback, the answer field and the choice tags.
 * - Check, or Enter in a choice or a one-line answer (Ctrl+Enter in a predict answer):
 *   `onAnswer(value)`, the answer as the kind's part reads it and the browser's own verdict
 *   (`grading.js`; Python decides again what it records), only while no answer is shown; with
 *   nothing given it says so ("Select an answer first.") instead.
 * - Try again: `onRetry()`, then the focus goes to the first choice.
 * - `show(content, {answer})` draws a question (`undefined`: "Loading…") and the answer event on
 *   screen (`{seq, value: {..., correct}}`), or `null` for none (the controls are free again).
 *   It redraws only when the content or the answer's `seq` changes.
 * - `focus()` puts the focus on "Try again" when an answer is shown, else on the answer part.
 * `tr` is the widget's language (`i18n(model)`), `lang` the deck's (`content_lang`, set on the
 * prompt, the answer part and the explanation).
 * @param {{name: string, onAnswer: (value: AnswerValue) => void, onRetry: () => void, tr: Translator, lang?: string}} options
 */
export function createQuestionView({ name, onAnswer, onRetry, tr, lang = "" }) {
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

  let part = /** @type {AnswerPart | undefined} */ (undefined);
  const first = () => part?.first();
  let current = /** @type {QuestionContent | undefined} */ (undefined);
  let drawn = /** @type {QuestionContent | undefined} */ (undefined);
  let answered = /** @type {RecallEvent | null | undefined} */ (null);
  const FRESH = null; // no seq is null: remembered answers have seq -n..-1
  let drawnAnswer = /** @type {number | null} */ (FRESH); // seq of the answer drawn, 0 for none

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
    if (/** @type {HTMLElement} */ (event.target).tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      checkAnswer();
    }
  });

  /** @param {QuestionContent} content */
  function drawQuestion(content) {
    legend.innerHTML = content.prompt;
    part = createAnswerPart(content, name, checkAnswer, tr);
    instructions.textContent = part.instructions;
    body.replaceChildren(...part.els);
    if (lang) body.querySelectorAll(".recall-content, .recall-order-text").forEach((e) => ((/** @type {HTMLElement} */ (e)).lang = lang));
    el.dataset.kind = content.kind || "choice";
  }

  /**
   * Draw the answer in the part (none after "Try again"; while the learner is answering, leave
   * what they gave), and show or clear the feedback.
   * @param {QuestionContent} content
   * @param {AnswerPart} shown
   * @param {RecallEvent | null | undefined} answer
   * @param {boolean} hadFocus the focus was in the fieldset
   */
  function drawAnswer(content, shown, answer, hadFocus) {
    shown.draw(answer, hadFocus);
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
    feedback.replaceChildren(...(answer ? feedbackParts(content, shown, answer.value, tr, lang) : []));
  }

  /**
   * @param {QuestionContent | undefined} content
   * @param {{answer: RecallEvent | null | undefined}} state
   */
  function show(content, state) {
    current = content;
    loading.hidden = Boolean(content);
    fieldset.hidden = actions.hidden = !content;
    if (content && content !== drawn) {
      drawn = content;
      drawnAnswer = FRESH;
      drawQuestion(content);
    }
    const answer = content ? state.answer : undefined;
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
