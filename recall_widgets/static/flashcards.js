// Flashcards view: one card at a time, flip, rate, move; a level menu narrows the cards.
// Needs common.js and card_view.js (the card itself); this file moves between the cards.

const LEVELS = ["beginner", "intermediate", "advanced"];

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-flashcards");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.setAttribute("role", "group");

  const filterLabel = h("label", "recall-level-filter-label", "Level ");
  const filter = /** @type {HTMLSelectElement} */ (h("select", "recall-level-filter"));
  filterLabel.append(filter);
  const bar = toolbar([filterLabel]);
  const card = createCardView({ onFlip: flip, onRate: rate, home: root });
  const nav = navigation();
  root.append(bar.el, card.el, nav.el);
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
  /** @param {boolean} flipped */
  function flip(flipped) {
    record(model, "flip", currentId(), flipped, { flipped });
  }
  /** @param {string} rating (rating moves on to the next visible card, front up) */
  function rate(rating) {
    const pos = model.get("position");
    const after = visible().filter((i) => i > pos);
    const traits = after.length ? { position: after[0], flipped: false } : {};
    record(model, "rate", currentId(), rating, traits);
  }

  nav.prev.addEventListener("click", () => move(-1));
  nav.next.addEventListener("click", () => move(1));
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
  shortcutKeys(root, (key) => {
    if (key === "ArrowLeft") move(-1);
    else if (key === "ArrowRight") move(1);
    else return card.key(key);
    return true;
  });

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
    showHeading(bar, root, model, "Flashcards");

    const id = currentId();
    const pos = model.get("position");
    const shown = visible();
    bar.position.textContent = `${shown.indexOf(pos) + 1} / ${shown.length}`;
    showLevel(bar.badge, (model.get("levels") || [])[pos] || "");

    const last = latest(model.get("events") || [], id, "rate");
    card.show(id ? model.get("content")[id] : undefined, {
      flipped: Boolean(model.get("flipped")),
      rating: last ? String(last.value) : "",
    });
    nav.prev.setAttribute("aria-disabled", String(!shown.some((i) => i < pos)));
    nav.next.setAttribute("aria-disabled", String(!shown.some((i) => i > pos)));
  }

  const names =
    "change:position change:flipped change:content change:events change:level_filter change:ids change:title_html change:section";
  return followModel(model, root, names, update);
}

export default { render };
