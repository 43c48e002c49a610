// Card view: a flashcard's front, back and context, the flip button, the rating buttons and
// their keys. It holds no model: the widget shows content in it and records what it reports.
// Needs common.js. Content HTML comes sanitized from Python; everything else goes in as text.

/** @typedef {{front: string, back: string}} CardContent */

/** Self-ratings after a flip, in the order of the buttons and of the keys 1-4. */
const RATINGS = ["again", "hard", "good", "easy"];

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
 * @param {{onFlip: (flipped: boolean) => void, onRate: (rating: string) => void, home: HTMLElement}} options
 */
function createCardView({ onFlip, onRate, home }) {
  const el = h("div", "recall-card-view");
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
    b.append(h("span", "recall-key", String(i + 1)), ` ${capitalize(rating)}`);
    b.addEventListener("click", () => rate(rating));
    return b;
  });
  ratings.append(...rateButtons);
  const rated = h("p", "recall-rated");
  rated.setAttribute("role", "status");
  el.append(card, flipButton, ratings, rated);

  let shown = /** @type {CardContent | undefined} */ (undefined);
  let flipped = false; // the back is on screen
  let turned = false; // the widget says flipped, even with no content yet

  function flip() {
    if (shown) onFlip(!flipped);
  }
  /** @param {string} rating */
  function rate(rating) {
    if (!turned) return;
    if (ratings.contains(document.activeElement)) home.focus();
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
      front.innerHTML = content ? content.front : "";
      context.innerHTML = content ? content.front : "";
      back.innerHTML = content ? content.back : "";
    }
    turned = Boolean(state.flipped);
    flipped = turned && Boolean(content);
    loading.hidden = Boolean(content);
    front.hidden = !content || flipped;
    context.hidden = back.hidden = !content || !flipped;
    card.classList.toggle("is-flipped", flipped);
    flipButton.textContent = flipped ? "Hide answer" : "Show answer";
    if (!flipped && ratings.contains(document.activeElement)) home.focus();
    ratings.hidden = !flipped;
    rated.textContent = state.rating ? `Your last rating: ${capitalize(state.rating)}` : "";
    for (const b of rateButtons) b.setAttribute("aria-pressed", String(b.dataset.rating === state.rating));
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
