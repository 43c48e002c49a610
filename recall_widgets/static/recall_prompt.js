// RecallPrompt view: write an answer, show the hint, compare with the key concepts (live score).
// Needs common.js. Content HTML comes sanitized from Python (`content`); everything else goes
// in as text.

/** @typedef {{prompt: string, hint: string, concepts: string[], level: string}} PromptContent */

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-prompt");
  root.setAttribute("role", "group");

  const bar = toolbar();
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

  const nav = navigation();
  root.append(bar.el, loading, body, nav.el);
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
  nav.prev.addEventListener("click", () => move(-1));
  nav.next.addEventListener("click", () => move(1));
  keepKeys(root); // typing and native controls only: the notebook must not see it

  let shownId = "";
  let shownContent = /** @type {PromptContent | undefined} */ (undefined);
  let shownText = 0; // seq of the recall_text event in the text area
  let shownScore = 0; // seq of the concepts event shown
  function update() {
    const id = currentId();
    const content = current();
    const all = events();
    showHeading(bar, root, model, "Recall prompt");
    bar.position.textContent = `${model.get("position") + 1} / ${ids().length}`;
    bar.position.hidden = nav.el.hidden = ids().length < 2;
    nav.prev.setAttribute("aria-disabled", String(model.get("position") <= 0));
    nav.next.setAttribute("aria-disabled", String(model.get("position") >= ids().length - 1));
    loading.hidden = Boolean(content);
    body.hidden = !content;
    if (!content) return;
    const fresh = id !== shownId || content !== shownContent;
    if (fresh) {
      shownId = id;
      shownContent = content;
      text.innerHTML = content.prompt;
      hint.innerHTML = content.hint;
      showLevel(bar.badge, content.level);
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
  return followModel(model, root, names, update);
}

export default { render };
