// Review: the queue of items due across decks, one at a time. Cards go in the card view (flip,
// rate with 1-4, which moves on), questions in the question view (check, feedback, then Next),
// a due exercise shows its task and where to redo it (then Next); this module walks the queue.
// Content HTML comes sanitized from Python; everything else goes in as text.

import { createCardView } from "./card_view.js";
import { createExerciseTaskView } from "./exercise_view.js";
import {
  fillNotice,
  h,
  noticeLine,
  record,
  shortcutKeys,
  showHeading,
  showLevel,
  toolbar,
  viewNumber,
  widgetRoot,
} from "./common.js";
import { createQuestionView } from "./question_view.js";
import { i18n, i18nFor } from "./i18n.js";

/**
 * @import { AnyModel, CardContent, ExerciseReviewContent, QuestionContent, RecallEvent,
 *   ReviewEntry, ReviewTraits } from "./model"
 */
/** @typedef {AnyModel<ReviewTraits>} Model */
/** @import { Translator } from "./i18n.js" */

const TRAITS =
  "change:position change:flipped change:content change:events change:entries change:ids " +
  "change:since change:next_review change:new_left change:notice change:title_html";

/**
 * The answer on screen for a queue item: its latest answer since the queue was built (a `seq`
 * above `since`), or null (none yet, or "Try again" after it). Python's `shown_answer`
 * (`recall_widgets/widgets/review.py`) follows the same rule; a test runs both.
 * @param {RecallEvent[]} events
 * @param {Pick<ReviewEntry, "deck" | "item">} entry
 * @param {number} since
 * @returns {RecallEvent | null}
 */
export function shownAnswer(events, entry, since) {
  let shown = null;
  for (const e of events) {
    if (typeof e.seq !== "number" || !(e.seq > since) || e.deck !== entry.deck || e.item !== entry.item) continue;
    if (e.kind === "answer") shown = e;
    else if (e.kind === "retry") shown = null;
  }
  return shown;
}

/**
 * What the widget says when the queue is empty or done: Python's `end_message`
 * (`recall_widgets/widgets/review.py`, `Review.message`), word for word; a test runs both.
 * @param {number} total items in the queue
 * @param {string} nextReview
 * @param {number} newLeft
 * @param {Translator} [tr] the widget's language
 */
export function endMessage(total, nextReview, newLeft, tr = i18nFor({}, "")) {
  const { t, nt } = tr;
  const head = total ? nt("Done: {n} item reviewed.", "Done: {n} items reviewed.", total) : t("Nothing is due.");
  const fresh = newLeft ? " " + nt("{n} item not tried yet.", "{n} items not tried yet.", newLeft) : "";
  return `${head} ${nextReview}${fresh}`;
}

// -- What the model says, and the moves -----------------------------------------------------------

/** @param {Model} model @returns {ReviewEntry[]} */
const entries = (model) => model.get("entries") || [];

/** @param {Model} model @returns {ReviewEntry | undefined} */
const current = (model) => entries(model)[model.get("position")];

/**
 * Record an action on the item on screen, with its own deck.
 * @param {Model} model
 * @param {string} kind
 * @param {unknown} value
 * @param {Partial<ReviewTraits>} [traits]
 */
function act(model, kind, value, traits = {}) {
  const entry = current(model);
  if (entry) record(model, kind, entry.item, value, traits, entry.deck);
}

/**
 * The answer on screen if the item on screen is a question, else null.
 * @param {Model} model
 */
function answered(model) {
  const entry = current(model);
  return entry && entry.kind === "question" ? shownAnswer(model.get("events") || [], entry, model.get("since")) : null;
}

/** @param {Model} model move on to the next item (or the end), front up */
function advance(model) {
  model.set("position", Math.min(model.get("position") + 1, entries(model).length));
  model.set("flipped", false);
  model.save_changes();
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * Where the item on screen comes from (deck · section) and whether it is new or due.
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 */
function sourceLine({ t }, lang) {
  const el = h("p", "recall-review-source");
  const sourceText = h("span", "recall-review-deck");
  if (lang) sourceText.lang = lang;
  const stage = h("span", "recall-review-stage");
  el.append(sourceText, stage);

  /** @param {ReviewEntry | undefined} entry */
  function show(entry) {
    el.hidden = !entry;
    sourceText.textContent = entry ? entry.source : "";
    stage.textContent = entry ? (entry.stage === "new" ? t("New") : t("Due")) : "";
  }
  return { el, show };
}

/**
 * After the last item (or with none): what the queue was and when the next review is, and
 * "Review more" (`onMore`).
 * @param {() => void} onMore
 * @param {Translator} tr
 */
function doneView(onMore, tr) {
  const el = h("div", "recall-review-done");
  const message = h("p", "recall-review-message");
  message.setAttribute("role", "status");
  const more = h("button", "recall-button recall-review-more", tr.t("Review more"));
  el.append(message, more);
  more.addEventListener("click", onMore);

  /**
   * @param {Model} model
   * @param {ReviewEntry | undefined} entry the item on screen, if any
   */
  function show(model, entry) {
    const all = entries(model);
    el.hidden = Boolean(entry);
    message.textContent = entry ? "" : endMessage(all.length, model.get("next_review") || "", model.get("new_left") || 0, tr);
  }
  return { el, show };
}

/**
 * The Next button under an answered question (`onNext`).
 * @param {() => void} onNext
 * @param {Translator} tr
 */
function nextRow(onNext, { t }) {
  const el = h("div", "recall-actions recall-review-nav");
  const next = h("button", "recall-button recall-primary recall-review-next", t("Next"));
  el.append(next);
  next.addEventListener("click", onNext);
  return { el, next };
}

/**
 * The item on screen: a card in the card view, or a question in the question view with Next
 * under it once answered. `show(entry)` draws a queue entry (undefined: none); `key(key)` does
 * what a key does on it, true when it used the key.
 * @param {Model} model
 * @param {HTMLElement} home the widget's root: the focus goes there when a button it is on hides
 */
function queueItem(model, home) {
  const tr = i18n(model);
  const lang = model.get("content_lang");
  const card = createCardView({
    onFlip: (flipped) => act(model, "flip", flipped, { flipped }),
    onRate: (rating) => act(model, "rate", rating, { position: model.get("position") + 1, flipped: false }),
    home,
    tr,
    lang,
  });
  const question = createQuestionView({
    name: `recall-review-${viewNumber()}`,
    onAnswer: (value) => act(model, "answer", value),
    onRetry: () => act(model, "retry", null),
    tr,
    lang,
  });
  const exercise = createExerciseTaskView(tr, lang);
  const nav = nextRow(moveOn, tr);

  function moveOn() {
    if (nav.el.contains(document.activeElement)) home.focus(); // the button hides
    advance(model);
  }
  /** @param {string} key */
  function key(key) {
    const entry = current(model);
    if (entry && entry.kind === "card") return card.key(key);
    const onward = answered(model) || (entry && entry.kind === "exercise");
    if (onward && (key === "Enter" || key === "ArrowRight")) {
      moveOn();
      return true;
    }
    return false;
  }

  let lastAnswer = 0; // seq of the answer drawn, to move the focus to Next once
  /** @param {ReviewEntry | undefined} entry */
  function show(entry) {
    const content = entry ? model.get("content")[`${entry.deck}/${entry.item}`] : undefined;
    const isCard = Boolean(entry && entry.kind === "card");
    const isQuestion = Boolean(entry && entry.kind === "question");
    const isExercise = Boolean(entry && entry.kind === "exercise");
    card.el.hidden = !isCard;
    question.el.hidden = !isQuestion;
    exercise.el.hidden = !isExercise;
    if (isExercise) exercise.show(/** @type {ExerciseReviewContent | undefined} */ (content));
    const flipped = Boolean(model.get("flipped"));
    if (isCard) card.show(/** @type {CardContent | undefined} */ (content), { flipped, rating: "" });
    const answer = answered(model);
    if (isQuestion) question.show(/** @type {QuestionContent | undefined} */ (content), { answer });
    nav.el.hidden = !answer && !isExercise;
    if (answer && answer.seq !== lastAnswer && question.el.contains(document.activeElement)) nav.next.focus();
    lastAnswer = answer ? answer.seq : 0;
  }
  return { parts: [card.el, question.el, exercise.el, nav.el], key, show };
}

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const tr = i18n(model);
  const root = widgetRoot("recall-review", { focusable: true });
  root.lang = tr.lang;
  const bar = toolbar();
  const source = sourceLine(tr, model.get("content_lang"));
  const item = queueItem(model, root);
  const done = doneView(() => {
    root.focus();
    model.send({ kind: "refresh" });
  }, tr);
  const notice = noticeLine();
  root.append(bar.el, source.el, ...item.parts, done.el, notice);
  el.append(root);
  shortcutKeys(root, item.key);

  function update() {
    const pos = model.get("position");
    const entry = current(model);
    showHeading(bar, root, model, tr.t("Review"));
    bar.position.textContent = entry ? `${pos + 1} / ${entries(model).length}` : "";
    showLevel(bar.badge, entry ? entry.level : "", tr);
    source.show(entry);
    item.show(entry);
    done.show(model, entry);
    fillNotice(notice, model);
  }

  model.on(TRAITS, update);
  update();
  return () => model.off(TRAITS, update);
}

export default { render };
