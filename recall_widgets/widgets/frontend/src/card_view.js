// Card view: a flashcard's front, back and context, the flip button, the rating buttons and
// their keys. It holds no model: the widget shows content in it and records what it reports
// (Flashcards, Review). Content HTML comes sanitized from Python; everything else goes in as text.

import { h } from "./common.js";

/** @import { CardContent } from "./model" */
/** @import { Translator } from "./i18n.js" */

/** Self-ratings after a flip, in the order of the buttons and of the keys 1-4. */
export const RATINGS = ["again", "hard", "good", "easy"];

/**
 * A rating's name on its button, in the widget's language ("again" → "Again", "Nochmal").
 * @param {Translator} tr
 * @param {string} rating
 */
export function ratingLabel({ pt }, rating) {
  /** @type {Record<string, string>} */
  const labels = {
    again: pt("rating", "Again"),
    hard: pt("rating", "Hard"),
    good: pt("rating", "Good"),
    easy: pt("rating", "Easy"),
  };
  return labels[rating] || rating;
}

/**
 * The card: "Loading…", the front, and after the flip the back under the front as its context,
 * smaller (like Anki). `draw(content)` puts a card's HTML in; `turn(shown, flipped)` shows a side.
 * @param {Translator} tr
 */
function cardFaces({ t }) {
  const el = h("div", "recall-card");
  const loading = h("p", "recall-loading", t("Loading…"));
  const front = h("div", "recall-card-front recall-content");
  const context = h("div", "recall-card-context recall-content");
  const back = h("div", "recall-card-back recall-content");
  el.append(loading, front, context, back);

  /** @param {CardContent | undefined} content */
  function draw(content) {
    front.innerHTML = content ? content.front : "";
    context.innerHTML = content ? content.front : "";
    back.innerHTML = content ? content.back : "";
  }
  /**
   * @param {boolean} shown a card is there (not "Loading…")
   * @param {boolean} flipped its back is on screen
   */
  function turn(shown, flipped) {
    loading.hidden = shown;
    front.hidden = !shown || flipped;
    context.hidden = back.hidden = !shown || !flipped;
    el.classList.toggle("is-flipped", flipped);
  }
  return { el, draw, turn, faces: [front, context, back] };
}

/**
 * Again / Hard / Good / Easy with their keys, a group; `show(rating)` presses the learner's last
 * rating ("" for none) and says it in the status line after the group (`rated`).
 * @param {(rating: string) => void} onRate
 * @param {Translator} tr
 */
function ratingButtons(onRate, tr) {
  const { t } = tr;
  const el = h("div", "recall-ratings");
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", t("How well did you recall it?"));
  const buttons = RATINGS.map((rating, i) => {
    const b = h("button", `recall-button recall-rate recall-rate-${rating}`);
    b.dataset.rating = rating;
    b.append(h("span", "recall-key", String(i + 1)), ` ${ratingLabel(tr, rating)}`);
    b.addEventListener("click", () => onRate(rating));
    return b;
  });
  el.append(...buttons);
  const rated = h("p", "recall-rated");
  rated.setAttribute("role", "status");

  /** @param {string} rating */
  function show(rating) {
    rated.textContent = rating ? t("Your last rating: {rating}", { rating: ratingLabel(tr, rating) }) : "";
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.rating === rating));
  }
  return { el, rated, show };
}

/**
 * A card with its flip and rating controls, in `el`.
 *
 * - Show answer / Hide answer, Space or Enter: `onFlip(flipped)` with the side asked for (only
 *   while a card is shown).
 * - Again / Hard / Good / Easy, keys 1-4: `onRate(rating)` (only on the back); the focus
 *   leaves a rating button for `home` before, as the buttons hide.
 * - `show(content, {flipped, rating})` draws a card (`undefined`: "Loading…"), flipped or not,
 *   with the learner's last rating of it ("" for none) pressed and said.
 * - `key(key)` does what a key does on the card; true when it is one of the card's keys. Call
 *   it from the widget's `shortcutKeys(home, …)`.
 * `tr` is the widget's language (`i18n(model)`); `lang` the deck's (`content_lang`), set on the
 * faces.
 * @param {{onFlip: (flipped: boolean) => void, onRate: (rating: string) => void, home: HTMLElement, tr: Translator, lang?: string}} options
 */
export function createCardView({ onFlip, onRate, home, tr, lang = "" }) {
  const { t } = tr;
  const el = h("div", "recall-card-view");
  const card = cardFaces(tr);
  if (lang) for (const face of card.faces) face.lang = lang;
  const flipButton = h("button", "recall-button recall-flip recall-primary", t("Show answer"));
  const ratings = ratingButtons(rate, tr);
  el.append(card.el, flipButton, ratings.el, ratings.rated);

  let shown = /** @type {CardContent | undefined} */ (undefined);
  let flipped = false; // the back is on screen
  let turned = false; // the widget says flipped, even with no content yet

  function flip() {
    if (shown) onFlip(!flipped);
  }
  /** @param {string} rating */
  function rate(rating) {
    if (!turned) return;
    if (ratings.el.contains(document.activeElement)) home.focus();
    onRate(rating);
  }
  flipButton.addEventListener("click", flip);

  /**
   * @param {CardContent | undefined} content
   * @param {{flipped: boolean, rating: string}} state
   */
  function show(content, state) {
    if (content !== shown) {
      shown = content;
      card.draw(content);
    }
    turned = Boolean(state.flipped);
    flipped = turned && Boolean(content);
    card.turn(Boolean(content), flipped);
    flipButton.textContent = flipped ? t("Hide answer") : t("Show answer");
    if (!flipped && ratings.el.contains(document.activeElement)) home.focus();
    ratings.el.hidden = !flipped;
    ratings.show(state.rating);
  }

  /** @param {string} key */
  function key(key) {
    if (key === " " || key === "Enter") flip();
    else if (["1", "2", "3", "4"].includes(key)) rate(RATINGS[Number(key) - 1]);
    else return false;
    return true;
  }

  return { el, show, key };
}
