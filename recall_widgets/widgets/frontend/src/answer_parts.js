// The answer part of the question view, one per kind of question: choices (radio buttons or
// checkboxes), a typed answer (numeric, text), code and what it prints (predict); the order
// question's lines are in order_part.js. Each part draws its controls, reads what the learner
// gave, draws an answer (theirs, after a check or a restart) and its own feedback.
// Content HTML comes sanitized from Python; everything else goes in as text.

import { h } from "./common.js";
import { feedbackFor, gradeAnswer, gradeNumeric, gradePredict, gradeText, parseNumber } from "./grading.js";
import { createOrderPart } from "./order_part.js";

/** @import { Translator } from "./i18n.js" */

/**
 * @import { AnswerValue, ChoiceContent, NumericContent, PredictContent, QuestionContent,
 *   RecallEvent, TextContent } from "./model"
 */

/**
 * What the question view needs of a kind's part.
 * @typedef {object} AnswerPart
 * @property {HTMLElement[]} els the controls, after the prompt in the fieldset
 * @property {string} instructions one line under the prompt
 * @property {() => AnswerValue | string} read the answer given, checked by the browser
 *   (`grading.js`), or what to say when there is none
 * @property {(answer: RecallEvent | null | undefined, hadFocus: boolean) => void} draw show an
 *   answer (null: none; the controls are free again, the learner's input kept if they were in it)
 * @property {(value: AnswerValue) => {lead: HTMLElement[], tail: HTMLElement[]}} feedback what
 *   this kind adds before and after the explanation
 * @property {() => HTMLElement | undefined} first the control that takes the focus
 */

/**
 * A piece of sanitized content HTML in a new element.
 * @param {string} className
 * @param {string} html
 */
export function htmlPart(className, html) {
  const el = h("div", `${className} recall-content`);
  el.innerHTML = html;
  return el;
}

/**
 * @param {ChoiceContent} content
 * @param {string} name
 * @param {Translator} tr
 * @returns {AnswerPart}
 */
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
  /** @returns {HTMLInputElement[]} */
  const inputs = () => Array.from(list.querySelectorAll("input"));

  /** @param {RecallEvent | null | undefined} answer @param {boolean} hadFocus */
  function draw(answer, hadFocus) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      const index = Number(input.value);
      if (answer || !hadFocus) input.checked = chosen.has(index);
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
        ...(mine ? [h("span", "recall-tag recall-tag-mine", wrong ? t("✗ Your answer") : t("Your answer"))] : []),
        ...(right ? [h("span", "recall-tag recall-tag-correct", t("✓ Correct answer"))] : []),
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
      tail: (value.choices || []).filter((i) => content.whys[i]).map((i) => htmlPart("recall-why", content.whys[i])),
    }),
    first: () => inputs()[0],
  };
}

/**
 * The right answer of a numeric or text question, in words, for the feedback on a wrong one.
 * @param {NumericContent | TextContent} content
 * @param {Translator} tr
 */
export function rightAnswerText(content, { t, nt }) {
  if (content.kind === "text") return content.answers.length ? t("A right answer: {answer}", { answer: content.answers[0] }) : "";
  if (content.range) return t("Right answers: from {low} to {high}", { low: content.range[0], high: content.range[1] });
  if (content.precision !== null) {
    return nt("The right answer: {answer} (to {n} decimal place)", "The right answer: {answer} (to {n} decimal places)", content.precision, { answer: content.answer });
  }
  if (content.tolerance) return t("The right answer: {answer} (± {tolerance})", { answer: content.answer, tolerance: content.tolerance });
  return t("The right answer: {answer}", { answer: content.answer });
}

/**
 * A typed answer: one line (numeric, text) or several (predict, a textarea).
 * @param {string} name
 * @param {string} labelText
 * @param {boolean} multiline
 */
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

/**
 * @param {NumericContent | TextContent} content
 * @param {string} name
 * @param {Translator} tr
 * @returns {AnswerPart}
 */
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
        tail: why ? [htmlPart("recall-why", why)] : [],
      };
    },
    first: () => input,
  };
}

/**
 * @param {PredictContent} content
 * @param {string} name
 * @param {() => void} check
 * @param {Translator} tr
 * @returns {AnswerPart}
 */
function createPredictPart(content, name, check, { t }) {
  const code = htmlPart("recall-predict-code", content.code);
  const { field, input } = answerInput(name, t("What does it print?"), true);
  input.addEventListener("keydown", (keydown) => {
    const event = /** @type {KeyboardEvent} */ (keydown);
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation(); // not the notebook's "run cell"
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
    first: () => input,
  };
}

/**
 * The answer part for this question's kind.
 * @param {QuestionContent} content
 * @param {string} name unique on the page: names inputs and prefixes ids
 * @param {() => void} check what "Check" does (a part may have its own key for it)
 * @param {Translator} tr the widget's language
 * @returns {AnswerPart}
 */
export function createAnswerPart(content, name, check, tr) {
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
