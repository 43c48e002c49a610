// RecallPrompt view: write an answer, show the hint, compare with the key concepts (live score).
// Content HTML comes sanitized from Python (`content`); everything else goes in as text.

/** @typedef {{deck: string, item: string, kind: string, value: any, seq: number, time: string}} RecallEvent */
/** @typedef {{prompt: string, hint: string, concepts: string[], level: string}} PromptContent */

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
 * Append an event to the synced list in one message.
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
 * The latest event of a kind for an item.
 * @param {RecallEvent[]} events
 * @param {string} item
 * @param {string} kind
 */
const latest = (events, item, kind) => events.filter((e) => e.item === item && e.kind === kind).pop();

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-prompt");
  root.setAttribute("role", "group");

  const toolbar = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  toolbar.append(title, badge, position);

  const loading = h("p", "recall-loading", "Loading…");
  const body = h("div", "recall-prompt-body");
  const text = h("div", "recall-prompt-text recall-content");
  const answerLabel = h("label", "recall-answer-label");
  const answer = /** @type {HTMLTextAreaElement} */ (h("textarea", "recall-answer"));
  answer.rows = 5;
  answerLabel.append(h("span", "", "Your answer"), answer);

  const actions = h("div", "recall-actions");
  const hintButton = h("button", "recall-button recall-hint-button", "Show hint");
  const compare = h("button", "recall-button recall-compare recall-primary", "Compare with the key concepts");
  actions.append(hintButton, compare);
  const hint = h("div", "recall-hint recall-content");

  const concepts = h("fieldset", "recall-concepts");
  const legend = h("legend", "", "Key concepts: tick the ones your answer covered");
  const list = h("div", "recall-concept-list");
  concepts.append(legend, list);

  const result = h("div", "recall-result");
  result.setAttribute("role", "status");
  result.setAttribute("aria-live", "polite");
  body.append(text, answerLabel, actions, hint, concepts, result);

  const nav = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", "Previous");
  const next = h("button", "recall-button recall-next", "Next");
  nav.append(prev, next);
  root.append(toolbar, loading, body, nav);
  el.append(root);

  /** @type {Set<string>} prompts whose checklist the learner opened in this view */
  const opened = new Set();
  /** @returns {string[]} */
  const ids = () => model.get("ids") || [];
  const currentId = () => ids()[model.get("position")];
  /** @returns {PromptContent | undefined} */
  const current = () => model.get("content")[currentId()];
  /** @returns {RecallEvent[]} */
  const events = () => model.get("events") || [];
  /** @returns {HTMLInputElement[]} */
  const boxes = () => Array.from(list.querySelectorAll("input"));

  /** Record the text area's content if it changed since the last record. */
  function saveText() {
    const id = currentId();
    if (!id || !current()) return;
    const last = latest(events(), id, "recall_text");
    if (answer.value !== (last ? last.value : "")) record(model, "recall_text", id, answer.value);
  }
  /** @param {number} step */
  function move(step) {
    const index = model.get("position") + step;
    if (index < 0 || index >= ids().length) return;
    saveText();
    model.set("position", index);
    model.save_changes();
  }

  answer.addEventListener("change", saveText);
  hintButton.addEventListener("click", () => {
    saveText();
    if (current()?.hint && !latest(events(), currentId(), "hint")) record(model, "hint", currentId(), true);
  });
  compare.addEventListener("click", () => {
    saveText();
    opened.add(currentId());
    update();
    boxes()[0]?.focus();
  });
  // Live score: every tick records the ticked set, and the result follows the events.
  list.addEventListener("change", () => {
    const checked = boxes().filter((b) => b.checked).map((b) => Number(b.value));
    record(model, "concepts", currentId(), { checked, total: boxes().length });
  });
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    event.stopPropagation(); // typing and native controls only: the notebook must not see it
  });

  let shownId = "";
  let shownContent = /** @type {PromptContent | undefined} */ (undefined);
  let shownText = 0; // seq of the recall_text event in the text area
  let shownScore = 0; // seq of the concepts event shown
  function update() {
    const id = currentId();
    const content = current();
    const all = events();
    setHeading(title, model);
    title.hidden = !title.textContent;
    root.setAttribute("aria-label", title.textContent ? `Recall prompt: ${title.textContent}` : "Recall prompt");
    position.textContent = `${model.get("position") + 1} / ${ids().length}`;
    position.hidden = nav.hidden = ids().length < 2;
    prev.setAttribute("aria-disabled", String(model.get("position") <= 0));
    next.setAttribute("aria-disabled", String(model.get("position") >= ids().length - 1));
    loading.hidden = Boolean(content);
    body.hidden = !content;
    if (!content) return;
    const fresh = id !== shownId || content !== shownContent;
    if (fresh) {
      shownId = id;
      shownContent = content;
      text.innerHTML = content.prompt;
      hint.innerHTML = content.hint;
      badge.textContent = content.level;
      badge.hidden = !content.level;
      list.replaceChildren(
        ...content.concepts.map((html, i) => {
          const row = h("label", "recall-concept");
          const box = /** @type {HTMLInputElement} */ (h("input", "recall-concept-input"));
          box.type = "checkbox";
          box.value = String(i);
          const span = h("span", "recall-concept-text recall-content");
          span.innerHTML = html;
          row.append(box, span);
          return row;
        }),
      );
    }
    const written = latest(all, id, "recall_text");
    if (fresh || (written?.seq ?? 0) !== shownText) {
      shownText = written?.seq ?? 0;
      answer.value = written ? String(written.value) : "";
    }
    hintButton.hidden = !content.hint;
    hint.hidden = !content.hint || !latest(all, id, "hint");
    hintButton.setAttribute("aria-expanded", String(!hint.hidden));

    const scored = latest(all, id, "concepts");
    concepts.hidden = !opened.has(id) && !scored;
    compare.setAttribute("aria-expanded", String(!concepts.hidden));
    if (fresh || (scored?.seq ?? 0) !== shownScore) {
      shownScore = scored?.seq ?? 0;
      const checked = new Set(scored ? scored.value.checked : []);
      for (const box of boxes()) box.checked = checked.has(Number(box.value));
      result.replaceChildren();
      if (scored) {
        const missed = content.concepts.filter((_, i) => !checked.has(i));
        result.append(h("p", "recall-result-text", `You got ${checked.size}/${content.concepts.length} concepts`));
        if (missed.length) {
          const items = h("ul", "recall-missed");
          for (const html of missed) {
            const li = h("li", "recall-content");
            li.innerHTML = html;
            items.append(li);
          }
          result.append(h("p", "recall-missed-label", "Missed:"), items);
        }
      }
    }
  }

  const names = "change:position change:content change:events change:ids change:title_html change:section";
  model.on(names, update);
  update();
  return () => model.off(names, update);
}

export default { render };
