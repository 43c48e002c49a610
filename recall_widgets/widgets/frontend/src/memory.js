// Widgets that remember (recall_widgets/widgets/memory.py): the learner's earlier events, read
// from the store when the widget was shown (`earlier`, seq below zero), come before this
// session's; "Start over" forgets both (`cleared_seq`), in Python's store too. Each widget that
// remembers draws from `shownEvents(model)` and puts a `createMemoryLine` under itself.

import { h, kernelBehind, viewNumber } from "./common.js";
import { i18n } from "./i18n.js";

/** @import { AnyModel, RecallEvent, RecallTraits } from "./model" */

/**
 * The events a widget draws from: the earlier ones, then this session's since the learner
 * last started over. Pure: no DOM.
 * @param {RecallEvent[]} earlier
 * @param {RecallEvent[]} events
 * @param {number} clearedSeq
 * @returns {RecallEvent[]}
 */
export function eventsSince(earlier, events, clearedSeq) {
  return [...earlier, ...events.filter((e) => typeof e.seq === "number" && e.seq > clearedSeq)];
}

/**
 * @param {AnyModel<RecallTraits>} model
 * @returns {RecallEvent[]}
 */
export function shownEvents(model) {
  return eventsSince(model.get("earlier") || [], model.get("events") || [], model.get("cleared_seq") || 0);
}

/** The model changes a remembering widget redraws on. */
export const MEMORY_TRAITS = "change:earlier change:cleared_seq";

/**
 * The line under a remembering widget: what it remembers (`describe(count)`, with the number
 * of earlier events) and "Start over", which asks first, then forgets the items' earlier
 * events and this session's answers (the store forgets them too, with a kernel behind).
 * Hidden while there is nothing to forget.
 * @param {AnyModel<RecallTraits>} model
 * @param {{forget: string, clear: string, describe: (count: number) => string, onForgot: () => void}} options
 *   `forget`: the question asked with a kernel behind ("Forget your answers to these questions,
 *   and their review schedule?"), `clear` on a static page ("Clear your answers … on this
 *   page?"), both in the widget's language; `onForgot()` runs after (it puts the focus back in
 *   the widget: the line goes away)
 */
export function createMemoryLine(model, { forget, clear, describe, onForgot }) {
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
    // with no kernel (a static page) nothing is stored: only what is on screen goes
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
