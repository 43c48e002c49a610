// The answer part of an order question (a Parsons problem): the lines in a list the learner
// reorders with buttons (Move up / Move down on each line, or Alt+↑ / Alt+↓ on them), never by
// dragging only; with distractors, "Leave out" moves a line to a second list and "Put back"
// returns it. After a check each line says whether it is in place. Lines are plain text.

import { h } from "./common.js";
import { gradeOrder, misplaced } from "./grading.js";

/** @import { OrderContent, RecallEvent } from "./model" */
/** @import { Translator } from "./i18n.js" */
/** @typedef {import("./answer_parts.js").AnswerPart} AnswerPart */

/**
 * A small button naming what it does to which line (its text is a symbol or a short word).
 * @param {string} className
 * @param {string} text
 * @param {string} label
 */
function lineButton(className, text, label) {
  const button = h("button", `recall-button recall-order-button ${className}`, text);
  button.setAttribute("aria-label", label);
  return button;
}

/**
 * @param {OrderContent} content
 * @param {string} name
 * @param {Translator} tr
 * @returns {AnswerPart}
 */
export function createOrderPart(content, name, { t, nt }) {
  const distractors = content.lines.length > content.count;
  let used = [...content.order];
  let locked = /** @type {RecallEvent | null | undefined} */ (null);

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

  /** @param {number} line */
  const text = (line) => content.lines[line];

  /**
   * Move `line` to `position` (-1: leave it out), redraw and keep the focus on `keep` of it.
   * @param {number} line
   * @param {number} position
   * @param {string} keep the class of the button to focus afterwards
   */
  function move(line, position, keep) {
    used = used.filter((l) => l !== line);
    if (position >= 0) used.splice(Math.min(position, used.length), 0, line);
    redraw();
    status.textContent =
      position >= 0
        ? t("{line}: at position {position} of {count}", { line: text(line), position: used.indexOf(line) + 1, count: used.length })
        : t("{line}: left out", { line: text(line) });
    const row = [...usedList.children, ...unusedList.children].find((r) => /** @type {HTMLElement} */ (r).dataset.line === String(line));
    const target = row && (row.querySelector(`.${keep}:not([disabled])`) || row.querySelector("button:not([disabled])"));
    /** @type {HTMLElement | null} */ (target)?.focus();
  }

  /**
   * One line's row: its text and its buttons (none once answered).
   * @param {number} line
   * @param {number} position in the answer, or -1 when left out
   */
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

  /** After a check: each line in words (colour repeats them). */
  function tagLines() {
    const wrong = new Set(misplaced(used));
    usedList.querySelectorAll(".recall-order-line").forEach((li, position) => {
      const line = Number(/** @type {HTMLElement} */ (li).dataset.line);
      const ok = !wrong.has(position);
      li.classList.toggle("is-correct", ok);
      li.classList.toggle("is-wrong", !ok);
      const tag = /** @type {HTMLElement} */ (li.querySelector(".recall-order-tag"));
      tag.textContent = ok ? t("✓ In place") : line >= content.count ? t("✗ Does not belong") : t("✗ Out of place");
    });
  }

  usedList.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown") || locked) return;
    const li = /** @type {HTMLElement} */ (event.target).closest(".recall-order-line");
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
    instructions: distractors
      ? t("Put the lines in order with ↑ and ↓ (or Alt+↑ / Alt+↓); leave out the lines that do not belong")
      : t("Put the lines in order with ↑ and ↓ (or Alt+↑ / Alt+↓)"),
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
    first: () => /** @type {HTMLElement | undefined} */ (usedList.querySelector("button:not([disabled])") || undefined),
  };
}
