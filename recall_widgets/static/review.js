// Review view: the queue of items due across decks, one at a time. Cards go in the card view
// (flip, rate with 1-4, which moves on), questions in the question view (check, feedback, then
// Next). Needs common.js, card_view.js and question_view.js; this file walks the queue.
// Content HTML comes sanitized from Python; everything else goes in as text.

/**
 * @typedef {{deck: string, item: string, kind: string, stage: string, source: string,
 *   level: string}} ReviewEntry
 */

/**
 * The answer on screen for a queue item: its latest answer since the queue was built, or null
 * (none yet, or "Try again" after it).
 * @param {RecallEvent[]} events
 * @param {ReviewEntry} entry
 * @param {number} since
 * @returns {RecallEvent | null}
 */
function shownAnswer(events, entry, since) {
  let shown = null;
  for (const e of events) {
    if (e.seq <= since || e.deck !== entry.deck || e.item !== entry.item) continue;
    if (e.kind === "answer") shown = e;
    else if (e.kind === "retry") shown = null;
  }
  return shown;
}

/**
 * What the widget says when the queue is empty or done (the same words as `Review.message`).
 * @param {number} total items in the queue
 * @param {string} nextReview
 * @param {number} newLeft
 */
function endMessage(total, nextReview, newLeft) {
  const head = total ? `Done: ${total} item${total === 1 ? "" : "s"} reviewed.` : "Nothing is due.";
  const fresh = newLeft ? ` ${newLeft} item${newLeft === 1 ? "" : "s"} not tried yet.` : "";
  return `${head} ${nextReview}${fresh}`;
}

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-review");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.setAttribute("role", "group");

  const bar = toolbar();
  const source = h("p", "recall-review-source");
  const sourceText = h("span", "recall-review-deck");
  const stage = h("span", "recall-review-stage");
  source.append(sourceText, stage);
  const card = createCardView({ onFlip: flip, onRate: rate, home: root });
  const question = createQuestionView({
    name: `recall-review-${viewNumber()}`,
    onAnswer: (value) => act("answer", value),
    onRetry: () => act("retry", null),
  });
  const nav = h("div", "recall-actions recall-review-nav");
  const next = h("button", "recall-button recall-primary recall-review-next", "Next");
  nav.append(next);
  const done = h("div", "recall-review-done");
  const message = h("p", "recall-review-message");
  message.setAttribute("role", "status");
  const more = h("button", "recall-button recall-review-more", "Review more");
  done.append(message, more);
  const notice = noticeLine();
  root.append(bar.el, source, card.el, question.el, nav, done, notice);
  el.append(root);

  /** @returns {ReviewEntry[]} */
  const entries = () => model.get("entries") || [];
  /** @returns {ReviewEntry | undefined} */
  const current = () => entries()[model.get("position")];

  /**
   * Record an action on the item on screen, with its own deck.
   * @param {string} kind
   * @param {unknown} value
   * @param {Record<string, unknown>} [traits]
   */
  function act(kind, value, traits = {}) {
    const entry = current();
    if (entry) record(model, kind, entry.item, value, traits, entry.deck);
  }
  /** @param {boolean} flipped */
  function flip(flipped) {
    act("flip", flipped, { flipped });
  }
  /** @param {string} rating (moves on to the next item) */
  function rate(rating) {
    act("rate", rating, { position: model.get("position") + 1, flipped: false });
  }
  function moveOn() {
    if (nav.contains(document.activeElement)) root.focus(); // the button hides
    model.set("position", Math.min(model.get("position") + 1, entries().length));
    model.set("flipped", false);
    model.save_changes();
  }
  const answered = () => {
    const entry = current();
    return entry && entry.kind === "question" ? shownAnswer(model.get("events") || [], entry, model.get("since")) : null;
  };

  next.addEventListener("click", moveOn);
  more.addEventListener("click", () => {
    root.focus();
    model.send({ action: "refresh" });
  });
  shortcutKeys(root, (key) => {
    const entry = current();
    if (entry && entry.kind === "card") return card.key(key);
    if (answered() && (key === "Enter" || key === "ArrowRight")) {
      moveOn();
      return true;
    }
    return false;
  });

  let lastAnswer = 0; // seq of the answer drawn, to move the focus to Next once
  function update() {
    const all = entries();
    const pos = model.get("position");
    const entry = current();
    showHeading(bar, root, model, "Review");
    bar.position.textContent = entry ? `${pos + 1} / ${all.length}` : "";
    showLevel(bar.badge, entry ? entry.level : "");
    source.hidden = !entry;
    sourceText.textContent = entry ? entry.source : "";
    stage.textContent = entry ? (entry.stage === "new" ? "New" : "Due") : "";

    const content = entry ? model.get("content")[`${entry.deck}/${entry.item}`] : undefined;
    const isCard = Boolean(entry && entry.kind === "card");
    const isQuestion = Boolean(entry && entry.kind === "question");
    card.el.hidden = !isCard;
    question.el.hidden = !isQuestion;
    if (isCard) card.show(content, { flipped: Boolean(model.get("flipped")), rating: "" });
    const answer = answered();
    if (isQuestion) question.show(content, { answer });
    nav.hidden = !answer;
    if (answer && answer.seq !== lastAnswer && question.el.contains(document.activeElement)) next.focus();
    lastAnswer = answer ? answer.seq : 0;

    done.hidden = Boolean(entry);
    message.textContent = entry ? "" : endMessage(all.length, model.get("next_review") || "", model.get("new_left") || 0);
    fillNotice(notice, model);
  }

  const names =
    "change:position change:flipped change:content change:events change:entries change:ids " +
    "change:since change:next_review change:new_left change:notice change:title_html";
  model.on(names, update);
  update();
  return () => model.off(names, update);
}

export default { render };
