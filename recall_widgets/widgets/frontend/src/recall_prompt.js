// RecallPrompt: write an answer, show the hint, compare with the key concepts (live score).
// Content HTML comes sanitized from Python (`content`); everything else goes in as text.

import {
  followModel,
  h,
  keepKeys,
  latest,
  navigation,
  record,
  showHeading,
  showLevel,
  toolbar,
  widgetRoot,
} from "./common.js";
import { createMemoryLine, MEMORY_TRAITS, shownEvents } from "./memory.js";
import { i18n } from "./i18n.js";

/** @import { AnyModel, PromptContent, RecallEvent, RecallPromptTraits } from "./model" */
/** @import { Translator } from "./i18n.js" */
/** @typedef {AnyModel<RecallPromptTraits>} Model */

const TRAITS = `change:position change:content change:events change:ids change:title_html change:section ${MEMORY_TRAITS}`;

/** @param {Model} model @returns {string[]} */
const ids = (model) => model.get("ids") || [];

/** @param {Model} model */
const currentId = (model) => ids(model)[model.get("position")];

/** @param {Model} model @returns {PromptContent | undefined} */
const current = (model) => model.get("content")[currentId(model)];

/** @param {Model} model @returns {RecallEvent[]} */
const events = (model) => shownEvents(model);

/**
 * Record the learner's text for the prompt on screen if it changed since the last record.
 * @param {Model} model
 * @param {string} text
 */
function saveText(model, text) {
  const id = currentId(model);
  if (!id || !current(model)) return;
  const last = latest(events(model), id, "recall_text");
  if (text !== (last ? last.value : "")) record(model, "recall_text", id, text);
}

/**
 * Show the hint of the prompt on screen (recorded once; a prompt with no hint has no button).
 * @param {Model} model
 */
function showHint(model) {
  const id = currentId(model);
  if (current(model)?.hint && !latest(events(model), id, "hint")) record(model, "hint", id, true);
}

/**
 * Show the previous (-1) or next (1) prompt, saving the text written first.
 * @param {Model} model
 * @param {number} step
 * @param {string} text
 */
function move(model, step, text) {
  const index = model.get("position") + step;
  if (index < 0 || index >= ids(model).length) return;
  saveText(model, text);
  model.set("position", index);
  model.save_changes();
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * "Your answer" and its text area; `show(written, fresh)` puts the learner's last recorded text
 * in it when that record is new (or the prompt is), never rewriting what is being typed.
 * @param {Translator} tr
 */
function answerField({ t }) {
  const el = h("label", "recall-answer-label");
  const input = h("textarea", "recall-answer");
  input.rows = 5;
  el.append(h("span", "", t("Your answer")), input);
  let shownSeq = 0; // seq of the recall_text event in the text area

  /**
   * @param {RecallEvent | undefined} written
   * @param {boolean} fresh another prompt (or its content) is on screen
   */
  function show(written, fresh) {
    if (!fresh && (written?.seq ?? 0) === shownSeq) return;
    shownSeq = written?.seq ?? 0;
    input.value = written ? String(written.value) : "";
  }
  return { el, input, show };
}

/**
 * The key concepts as boxes to tick, in a fieldset; `draw(concepts)` makes a box per concept
 * (sanitized HTML), `tick(checked)` ticks the given indexes.
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 */
function conceptChecklist({ t }, lang) {
  const el = h("fieldset", "recall-concepts");
  const list = h("div", "recall-concept-list");
  if (lang) list.lang = lang;
  el.append(h("legend", "", t("Key concepts: tick the ones your answer covered")), list);
  const boxes = () => Array.from(list.querySelectorAll("input"));

  /** @param {string[]} concepts */
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
      }),
    );
  }
  /** @param {Set<number>} checked */
  function tick(checked) {
    for (const box of boxes()) box.checked = checked.has(Number(box.value));
  }
  return { el, list, boxes, draw, tick };
}

/**
 * The live score: "You got 2/3 concepts" (the plural follows the concepts ticked: "1 concept
 * sur 3") and the concepts missed; empty before any tick.
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 */
function conceptScore({ t, nt }, lang) {
  const el = h("div", "recall-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");

  /**
   * @param {string[]} concepts
   * @param {Set<number> | null} checked the indexes ticked, or null before any tick
   */
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

/**
 * The prompt on screen: its text, the answer field, Show hint / Compare, the hint, the key
 * concepts and the score. What the learner does goes to `on`: the text written (before any
 * button acts, and when the text area loses a change), Show hint, Compare, each tick.
 * `show(id, content, events, open)` draws a prompt with what the events say about it; `open`:
 * the learner opened its checklist in this view.
 * @param {{text: (text: string) => void, hint: () => void, compare: () => void,
 *   tick: (checked: number[], total: number) => void}} on
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 */
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
  // Live score: every tick records the ticked set, and the result follows the events.
  concepts.list.addEventListener("change", () => {
    const boxes = concepts.boxes();
    on.tick(boxes.filter((b) => b.checked).map((b) => Number(b.value)), boxes.length);
  });

  let shownId = "";
  let shownContent = /** @type {PromptContent | undefined} */ (undefined);
  let shownScore = 0; // seq of the concepts event shown
  /**
   * @param {string} id
   * @param {PromptContent} content
   * @param {RecallEvent[]} all the widget's events
   * @param {boolean} open
   */
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
      const checked = new Set(scored ? /** @type {number[]} */ (scored.value.checked) : []);
      concepts.tick(checked);
      result.show(content.concepts, scored ? checked : null);
    }
  }
  return { el, show, text: () => answer.input.value };
}

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const root = widgetRoot("recall-recall-prompt");
  const bar = toolbar();
  const loading = h("p", "recall-loading", t("Loading…"));
  /** @type {Set<string>} prompts whose checklist the learner opened in this view */
  const opened = new Set();
  const body = promptBody({
    text: (text) => saveText(model, text),
    hint: () => showHint(model),
    compare: () => {
      opened.add(currentId(model));
      update();
    },
    tick: (checked, total) => record(model, "concepts", currentId(model), { checked, total }),
  }, tr, model.get("content_lang"));
  const nav = navigation([], tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your answers and ticked concepts here, and their review schedule?"),
    clear: t("Clear your answers and ticked concepts here on this page?"),
    describe: (count) =>
      nt("What you wrote and ticked before is shown ({n} from your saved progress).", "What you wrote and ticked before is shown ({n} from your saved progress).", count),
    onForgot: () => nav.next.focus(),
  });
  root.append(bar.el, loading, body.el, nav.el, memory.el);
  el.append(root);

  nav.prev.addEventListener("click", () => move(model, -1, body.text()));
  nav.next.addEventListener("click", () => move(model, 1, body.text()));
  keepKeys(root); // typing and native controls only: the notebook must not see it

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

export default { render };
