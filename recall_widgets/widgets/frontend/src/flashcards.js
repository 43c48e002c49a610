// Flashcards: one card at a time, flip, rate, move; a level menu narrows the cards.
// The card itself is the card view (card_view.js); this module moves between the cards.

import { createCardView } from "./card_view.js";
import { i18n } from "./i18n.js";
import { createMemoryLine, MEMORY_TRAITS, shownEvents } from "./memory.js";
import {
  followModel,
  h,
  latest,
  levelLabel,
  navigation,
  record,
  shortcutKeys,
  showHeading,
  showLevel,
  toolbar,
  widgetRoot,
} from "./common.js";

/** @import { AnyModel, CardContent, FlashcardsTraits } from "./model" */
/** @import { Translator } from "./i18n.js" */
/** @typedef {AnyModel<FlashcardsTraits>} Model */

/** The deck's levels, in order (`recall_widgets/deck/model.py`: `LEVELS`; a test compares them). */
export const LEVELS = ["beginner", "intermediate", "advanced"];

const TRAITS = `change:position change:flipped change:content change:events change:level_filter change:ids change:title_html change:section ${MEMORY_TRAITS}`;

// -- What the model says, and the moves -----------------------------------------------------------

/** @param {Model} model @returns {string[]} */
const ids = (model) => model.get("ids") || [];

/** @param {Model} model */
const currentId = (model) => ids(model)[model.get("position")];

/**
 * Indexes of the cards the level menu lets through: those of level `wanted`, or all for "".
 * `levels` has each card's level ("" for none), in display order. Python's `visible_indexes`
 * (`recall_widgets/widgets/flashcards.py`) follows the same rule; a test runs both.
 * @param {string[]} levels
 * @param {string} wanted
 * @returns {number[]}
 */
export function visibleIndexes(levels, wanted) {
  return levels.map((_, i) => i).filter((i) => !wanted || levels[i] === wanted);
}

/**
 * Indexes of the cards the level menu lets through.
 * @param {Model} model
 * @returns {number[]}
 */
const visible = (model) => visibleIndexes(model.get("levels") || [], model.get("level_filter") || "");

/**
 * Show another card, front up.
 * @param {Model} model
 * @param {number} index
 */
function moveTo(model, index) {
  if (index === model.get("position")) return;
  model.set("position", index);
  model.set("flipped", false);
  model.save_changes();
}

/**
 * Show the previous (-1) or next (1) card the level menu lets through, if there is one.
 * @param {Model} model
 * @param {1 | -1} step
 */
function move(model, step) {
  const pos = model.get("position");
  const candidates = visible(model).filter((i) => (step > 0 ? i > pos : i < pos));
  if (candidates.length) moveTo(model, step > 0 ? candidates[0] : candidates[candidates.length - 1]);
}

/**
 * Rate the card on screen and move on to the next visible card, front up.
 * @param {Model} model
 * @param {string} rating
 */
function rate(model, rating) {
  const pos = model.get("position");
  const after = visible(model).filter((i) => i > pos);
  const traits = after.length ? { position: after[0], flipped: false } : {};
  record(model, "rate", currentId(model), rating, traits);
}

/**
 * Narrow the cards to a level ("": all); off a card now hidden, go to the next visible one.
 * @param {Model} model
 * @param {string} level
 */
function pickLevel(model, level) {
  model.set("level_filter", level);
  const shown = visible(model);
  const pos = model.get("position");
  if (!shown.includes(pos)) {
    model.set("position", shown.find((i) => i > pos) ?? shown[shown.length - 1] ?? 0);
    model.set("flipped", false);
  }
  model.save_changes();
}

/**
 * The card on screen and how to show it: flipped or not, with the learner's last rating of it.
 * @param {Model} model
 * @returns {[CardContent | undefined, {flipped: boolean, rating: string}]}
 */
function cardOnScreen(model) {
  const id = currentId(model);
  const last = latest(shownEvents(model), id, "rate");
  const state = { flipped: Boolean(model.get("flipped")), rating: last ? String(last.value) : "" };
  return [id ? model.get("content")[id] : undefined, state];
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * The "Level" menu: all levels, then each level the cards have; `show(model)` keeps it current.
 * @param {(level: string) => void} onPick
 * @param {Translator} tr
 */
function levelMenu(onPick, tr) {
  const { t } = tr;
  const el = h("label", "recall-level-filter-label", t("Level") + " ");
  const select = h("select", "recall-level-filter");
  el.append(select);
  select.addEventListener("change", () => onPick(select.value));

  /** @param {Model} model */
  function show(model) {
    const levels = new Set(model.get("levels") || []);
    const options = ["", ...LEVELS.filter((l) => levels.has(l))];
    if (select.options.length !== options.length) {
      select.replaceChildren(
        ...options.map((l) => {
          const option = h("option", "", l ? levelLabel(tr, l) : t("All levels"));
          option.value = l;
          return option;
        }),
      );
    }
    select.value = model.get("level_filter") || "";
  }
  return { el, show };
}

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const root = widgetRoot("recall-flashcards", { focusable: true });
  const menu = levelMenu((level) => pickLevel(model, level), tr);
  const bar = toolbar([menu.el]);
  const card = createCardView({
    onFlip: (flipped) => record(model, "flip", currentId(model), flipped, { flipped }),
    onRate: (rating) => rate(model, rating),
    home: root,
    tr,
    lang: model.get("content_lang"),
  });
  const nav = navigation([], tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your ratings of these cards, and their review schedule?"),
    clear: t("Clear your ratings of these cards on this page?"),
    describe: (count) => nt("Your earlier ratings are shown ({n} from your saved progress).", "Your earlier ratings are shown ({n} from your saved progress).", count),
    onForgot: () => root.focus(),
  });
  root.append(bar.el, card.el, nav.el, memory.el);
  el.append(root);

  nav.prev.addEventListener("click", () => move(model, -1));
  nav.next.addEventListener("click", () => move(model, 1));
  shortcutKeys(root, (key) => {
    if (key === "ArrowLeft") move(model, -1);
    else if (key === "ArrowRight") move(model, 1);
    else return card.key(key);
    return true;
  });

  function update() {
    menu.show(model);
    showHeading(bar, root, model, t("Flashcards"));
    const pos = model.get("position");
    const shown = visible(model);
    bar.position.textContent = `${shown.indexOf(pos) + 1} / ${shown.length}`;
    showLevel(bar.badge, (model.get("levels") || [])[pos] || "", tr);
    card.show(...cardOnScreen(model));
    nav.show(shown.some((i) => i < pos), shown.some((i) => i > pos));
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}

export default { render };
