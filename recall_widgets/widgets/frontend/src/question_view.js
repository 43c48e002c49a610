// Question view: a multiple-choice question in a fieldset, checked in the browser, with tagged
// choices, feedback and "Try again". It holds no model: the widget shows content and an answer
// in it and records what it reports (Quiz, Review).
// Content HTML comes sanitized from Python; everything else goes in as text.
// Choice indexes are in the deck's YAML order; `order` is only the display order.

import { h } from "./common.js";

/** @import { AnswerValue, QuestionContent, RecallEvent } from "./model" */

/**
 * The choices of a question, in display order: a row per choice with its input (named `name`,
 * valued by its YAML index), its text and an empty tag line (`${name}-tags-${index}`).
 * @param {QuestionContent} content
 * @param {string} name
 */
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

/**
 * After a check, tag each choice in words (the disabled inputs look alike): the learner's
 * answer, and which choices are correct; colour only repeats what the words say. With no
 * answer, the tags go and the inputs are free again.
 * @param {HTMLInputElement[]} inputs
 * @param {QuestionContent} content
 * @param {RecallEvent | null | undefined} answer
 */
function tagChoices(inputs, content, answer) {
  const chosen = new Set(answer ? answer.value.choices : []);
  for (const input of inputs) {
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
}

/**
 * The feedback on an answer: the verdict, the explanation and the reason of each chosen choice.
 * @param {QuestionContent} content
 * @param {AnswerValue} value
 * @returns {HTMLElement[]}
 */
function feedbackParts(content, value) {
  const correct = Boolean(value.correct);
  const verdict = h("p", `recall-verdict ${correct ? "is-correct" : "is-incorrect"}`);
  verdict.textContent = correct ? "✓ Correct" : "✗ Incorrect";
  const explanation = h("div", "recall-explanation recall-content");
  explanation.innerHTML = content.explanation;
  const whys = value.choices
    .filter((i) => content.whys[i])
    .map((i) => {
      const why = h("div", "recall-why recall-content");
      why.innerHTML = content.whys[i];
      return why;
    });
  return [verdict, explanation, ...whys];
}

/**
 * The browser's check of an answer, for its instant feedback (a static page has no Python): the
 * chosen indexes (YAML order) sorted and once each, and whether they are exactly the correct
 * ones; null when they cannot be an answer (none, an index the question does not have, several
 * for a one-answer question). Python re-decides every recorded answer with the same rule
 * (`recall_widgets/progress/events.py`: `decide`); a test runs both on every subset of choices.
 * Pure: no DOM.
 * @param {Pick<QuestionContent, "choices" | "correct" | "multiple">} content
 * @param {number[]} chosen
 * @returns {AnswerValue | null}
 */
export function gradeAnswer(content, chosen) {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const count = content.choices.length;
  if (!picked.length || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  if (picked.length > 1 && !content.multiple) return null;
  const correct = picked.length === content.correct.length && picked.every((c, i) => c === content.correct[i]);
  return { choices: picked, correct };
}

/**
 * The checked answer of the choices ticked (`gradeAnswer`); null when nothing is ticked.
 * @param {HTMLInputElement[]} inputs
 * @param {QuestionContent} content
 * @returns {AnswerValue | null}
 */
function answerOf(inputs, content) {
  return gradeAnswer(content, inputs.filter((i) => i.checked).map((i) => Number(i.value)));
}

/**
 * A question with its choices, Check / Try again buttons and feedback, in `el`.
 *
 * - `name` (unique on the page, e.g. `recall-quiz-${viewNumber()}`) names the radio group and
 *   prefixes the ids of the feedback and of the choice tags.
 * - Check, or Enter in a choice: `onAnswer({choices, correct})`, the chosen indexes sorted and
 *   whether they are exactly the correct ones (`gradeAnswer`: the browser's own verdict, for its
 *   feedback; Python decides again what it records), only while no answer is shown; with
 *   nothing chosen it says "Select an answer first." instead.
 * - Try again: `onRetry()`, then the focus goes to the first choice.
 * - `show(content, {answer})` draws a question (`undefined`: "Loading…") and the answer event on
 *   screen (`{seq, value: {choices, correct}}`), or `null` for none (the choices are free again).
 *   It redraws only when the content or the answer's `seq` changes.
 * - `focus()` puts the focus on "Try again" when an answer is shown, else on the first choice.
 * @param {{name: string, onAnswer: (value: AnswerValue) => void, onRetry: () => void}} options
 */
export function createQuestionView({ name, onAnswer, onRetry }) {
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

  /** @returns {HTMLInputElement[]} */
  const inputs = () => Array.from(choices.querySelectorAll("input"));
  let current = /** @type {QuestionContent | undefined} */ (undefined);
  let drawn = /** @type {QuestionContent | undefined} */ (undefined);
  let answered = /** @type {RecallEvent | null | undefined} */ (null);
  const FRESH = -1;
  let drawnAnswer = FRESH; // seq of the answer drawn, 0 for none

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
    if (/** @type {HTMLElement} */ (event.target).tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      checkAnswer();
    }
  });

  /** @param {QuestionContent} content */
  function drawQuestion(content) {
    legend.innerHTML = content.prompt;
    instructions.textContent = content.multiple ? "Select all that apply" : "Select one answer";
    choices.replaceChildren(...choiceRows(content, name));
  }

  /**
   * Tick the answer's choices (none after "Try again"; while the learner is choosing, leave
   * their ticks), tag them, and show or clear the feedback.
   * @param {QuestionContent} content
   * @param {RecallEvent | null | undefined} answer
   * @param {boolean} hadFocus the focus was in the fieldset
   */
  function drawAnswer(content, answer, hadFocus) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      if (answer || !hadFocus) input.checked = chosen.has(Number(input.value));
    }
    tagChoices(inputs(), content, answer);
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
    feedback.replaceChildren(...(answer ? feedbackParts(content, answer.value) : []));
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
