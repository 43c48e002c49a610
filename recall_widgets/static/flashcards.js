// Flashcards view: one card at a time, flip, rate, move; a level menu narrows the cards.
// Content HTML comes sanitized from Python (`content`); everything else goes in as text.

/** @typedef {{deck: string, item: string, kind: string, value: unknown, seq: number, time: string}} RecallEvent */
/** @typedef {{front: string, back: string}} CardContent */

const RATINGS = ["again", "hard", "good", "easy"];
const LEVELS = ["beginner", "intermediate", "advanced"];
const label = (/** @type {string} */ s) => s.charAt(0).toUpperCase() + s.slice(1);
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
 * Append an event to the synced list, with other trait changes, in one message.
 * @param {any} model
 * @param {string} kind
 * @param {string} item
 * @param {unknown} value
 * @param {Record<string, unknown>} [traits]
 */
function record(model, kind, item, value, traits = {}) {
  /** @type {RecallEvent[]} */
  const events = model.get("events") || [];
  const last = events.length ? events[events.length - 1].seq : 0;
  const seq = (typeof last === "number" ? last : events.length) + 1;
  const event = { deck: model.get("deck_id"), item, kind, value, seq, time: new Date().toISOString() };
  for (const [name, v] of Object.entries(traits)) model.set(name, v);
  model.set("events", [...events, event]);
  model.save_changes();
}

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-flashcards");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.setAttribute("role", "group");

  const toolbar = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const filterLabel = h("label", "recall-level-filter-label", "Level ");
  const filter = /** @type {HTMLSelectElement} */ (h("select", "recall-level-filter"));
  filterLabel.append(filter);
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  toolbar.append(title, badge, filterLabel, position);

  const card = h("div", "recall-card");
  const loading = h("p", "recall-loading", "Loading…");
  const front = h("div", "recall-card-front recall-content");
  // After the flip the question stays above the answer, smaller, as its context (like Anki).
  const context = h("div", "recall-card-context recall-content");
  const back = h("div", "recall-card-back recall-content");
  card.append(loading, front, context, back);

  const flipButton = h("button", "recall-button recall-flip recall-primary", "Show answer");
  const ratings = h("div", "recall-ratings");
  ratings.setAttribute("role", "group");
  ratings.setAttribute("aria-label", "How well did you recall it?");
  const rateButtons = RATINGS.map((rating, i) => {
    const b = h("button", `recall-button recall-rate recall-rate-${rating}`);
    b.dataset.rating = rating;
    b.append(h("span", "recall-key", String(i + 1)), ` ${label(rating)}`);
    b.addEventListener("click", () => rate(rating));
    return b;
  });
  ratings.append(...rateButtons);
  const rated = h("p", "recall-rated");
  rated.setAttribute("role", "status");

  const nav = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", "Previous");
  const next = h("button", "recall-button recall-next", "Next");
  nav.append(prev, next);
  root.append(toolbar, card, flipButton, ratings, rated, nav);
  el.append(root);

  /** @returns {string[]} */
  const ids = () => model.get("ids") || [];
  /** @returns {number[]} indexes of the cards the level menu lets through */
  function visible() {
    const levels = model.get("levels") || [];
    const wanted = model.get("level_filter");
    return ids().map((_, i) => i).filter((i) => !wanted || levels[i] === wanted);
  }
  const currentId = () => ids()[model.get("position")];

  /** @param {number} index */
  function moveTo(index) {
    if (index === model.get("position")) return;
    model.set("position", index);
    model.set("flipped", false);
    model.save_changes();
  }
  /** @param {1 | -1} step */
  function move(step) {
    const pos = model.get("position");
    const candidates = visible().filter((i) => (step > 0 ? i > pos : i < pos));
    if (candidates.length) moveTo(step > 0 ? candidates[0] : candidates[candidates.length - 1]);
  }
  function flip() {
    if (!currentId() || !model.get("content")[currentId()]) return;
    const flipped = !model.get("flipped");
    record(model, "flip", currentId(), flipped, { flipped });
  }
  /** @param {string} rating */
  function rate(rating) {
    if (!model.get("flipped")) return;
    if (ratings.contains(document.activeElement)) root.focus();
    const pos = model.get("position");
    const after = visible().filter((i) => i > pos);
    const traits = after.length ? { position: after[0], flipped: false } : {};
    record(model, "rate", currentId(), rating, traits);
  }

  flipButton.addEventListener("click", flip);
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  filter.addEventListener("change", () => {
    model.set("level_filter", filter.value);
    const shown = visible();
    const pos = model.get("position");
    if (!shown.includes(pos)) {
      model.set("position", shown.find((i) => i > pos) ?? shown[shown.length - 1] ?? 0);
      model.set("flipped", false);
    }
    model.save_changes();
  });

  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = /** @type {HTMLElement} */ (event.target);
    const tag = target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") {
      if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
      return;
    }
    const key = event.key;
    if ((key === " " || key === "Enter") && tag === "BUTTON") {
      event.stopPropagation(); // the button's own click does the work
      return;
    }
    if (key === " " || key === "Enter") flip();
    else if (key === "ArrowLeft") move(-1);
    else if (key === "ArrowRight") move(1);
    else if (["1", "2", "3", "4"].includes(key)) rate(RATINGS[Number(key) - 1]);
    else return;
    event.preventDefault();
    event.stopPropagation();
  });

  let shownId = "";
  let shownHtml = /** @type {CardContent | undefined} */ (undefined);
  function update() {
    const levels = new Set(model.get("levels") || []);
    const options = ["", ...LEVELS.filter((l) => levels.has(l))];
    if (filter.options.length !== options.length) {
      filter.replaceChildren(
        ...options.map((l) => {
          const option = /** @type {HTMLOptionElement} */ (h("option", "", l || "All levels"));
          option.value = l;
          return option;
        }),
      );
    }
    filter.value = model.get("level_filter") || "";

    setHeading(title, model);
    title.hidden = !title.textContent;
    root.setAttribute("aria-label", title.textContent ? `Flashcards: ${title.textContent}` : "Flashcards");

    const id = currentId();
    const pos = model.get("position");
    const shown = visible();
    position.textContent = `${shown.indexOf(pos) + 1} / ${shown.length}`;
    const level = (model.get("levels") || [])[pos] || "";
    badge.textContent = level;
    badge.hidden = !level;

    /** @type {CardContent | undefined} */
    const content = id ? model.get("content")[id] : undefined;
    if (id !== shownId || content !== shownHtml) {
      shownId = id;
      shownHtml = content;
      front.innerHTML = content ? content.front : "";
      context.innerHTML = content ? content.front : "";
      back.innerHTML = content ? content.back : "";
    }
    const flipped = Boolean(model.get("flipped")) && Boolean(content);
    loading.hidden = Boolean(content);
    front.hidden = !content || flipped;
    context.hidden = back.hidden = !content || !flipped;
    card.classList.toggle("is-flipped", flipped);
    flipButton.textContent = flipped ? "Hide answer" : "Show answer";
    if (!flipped && ratings.contains(document.activeElement)) root.focus();
    ratings.hidden = !flipped;

    /** @type {RecallEvent[]} */
    const events = model.get("events") || [];
    const last = events.filter((e) => e.kind === "rate" && e.item === id).pop();
    rated.textContent = last ? `Your last rating: ${label(String(last.value))}` : "";
    for (const b of rateButtons) b.setAttribute("aria-pressed", String(b.dataset.rating === last?.value));
    prev.setAttribute("aria-disabled", String(!shown.some((i) => i < pos)));
    next.setAttribute("aria-disabled", String(!shown.some((i) => i > pos)));
  }

  const names =
    "change:position change:flipped change:content change:events change:level_filter change:ids change:title_html change:section";
  model.on(names, update);
  update();
  return () => model.off(names, update);
}

export default { render };
