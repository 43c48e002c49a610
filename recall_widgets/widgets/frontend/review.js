// Built by `npm run build` from recall_widgets/widgets/frontend/src/: edit the files there, not this one.

// src/common.js
function h(tag, className = "", text = "") {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  if (["button", "select", "input", "textarea"].includes(tag)) {
    el.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  if (el instanceof HTMLButtonElement) el.type = "button";
  return el;
}
var capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function viewNumber() {
  const key = /* @__PURE__ */ Symbol.for("recall_widgets.views");
  const counter = (
    /** @type {Record<symbol, number>} */
    /** @type {unknown} */
    globalThis
  );
  counter[key] = (counter[key] || 0) + 1;
  return counter[key];
}
function widgetRoot(className, { focusable = false, role = "group" } = {}) {
  const root = h("div", `recall-widget ${className}`);
  if (focusable) {
    root.tabIndex = 0;
    root.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  root.setAttribute("role", role);
  return root;
}
function toolbar(between = []) {
  const el = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  el.append(title, badge, ...between, position);
  return { el, title, badge, position };
}
function setHeading(el, model) {
  el.innerHTML = String(model.get("title_html") || "");
  const section = model.get("section");
  if (section) el.append(` · ${section}`);
}
function showHeading(bar, root, model, kind) {
  setHeading(bar.title, model);
  const text = bar.title.textContent;
  bar.title.hidden = !text;
  root.setAttribute("aria-label", text ? `${kind}: ${text}` : kind);
}
function showLevel(badge, level) {
  badge.textContent = level;
  badge.hidden = !level;
}
function nextSeq(events) {
  if (!events.length) return 1;
  const last = events[events.length - 1].seq;
  return (typeof last === "number" && Number.isInteger(last) && last >= 0 ? last : events.length) + 1;
}
function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  const base = model;
  const events = base.get("events") || [];
  const event = { deck, item, kind, value, seq: nextSeq(events), time: (/* @__PURE__ */ new Date()).toISOString() };
  for (
    const name of
    /** @type {(keyof T)[]} */
    Object.keys(traits)
  ) {
    model.set(
      name,
      /** @type {T[keyof T]} */
      traits[name]
    );
  }
  base.set("events", [...events, event]);
  model.save_changes();
}
function shortcutKeys(root, onKey) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (
      /** @type {HTMLElement} */
      event.target.tagName
    );
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") {
      if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
      return;
    }
    if ((event.key === " " || event.key === "Enter") && tag === "BUTTON") {
      event.stopPropagation();
      return;
    }
    if (!onKey(event.key)) return;
    event.preventDefault();
    event.stopPropagation();
  });
}
var NO_KERNEL_PROGRESS = "Progress is not recorded in this static page — open the notebook in Jupyter to save it.";
function kernelBehind(model) {
  const manager = (
    /** @type {{kernel?: unknown} | undefined} */
    model.widget_manager
  );
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}
function noticeText(model) {
  const notice = String(model.get("notice") || "");
  return notice || (kernelBehind(model) ? "" : NO_KERNEL_PROGRESS);
}
function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}
function fillNotice(line, model) {
  line.textContent = noticeText(model);
  line.hidden = !line.textContent;
}

// src/card_view.js
var RATINGS = ["again", "hard", "good", "easy"];
function cardFaces() {
  const el = h("div", "recall-card");
  const loading = h("p", "recall-loading", "Loading…");
  const front = h("div", "recall-card-front recall-content");
  const context = h("div", "recall-card-context recall-content");
  const back = h("div", "recall-card-back recall-content");
  el.append(loading, front, context, back);
  function draw(content) {
    front.innerHTML = content ? content.front : "";
    context.innerHTML = content ? content.front : "";
    back.innerHTML = content ? content.back : "";
  }
  function turn(shown, flipped) {
    loading.hidden = shown;
    front.hidden = !shown || flipped;
    context.hidden = back.hidden = !shown || !flipped;
    el.classList.toggle("is-flipped", flipped);
  }
  return { el, draw, turn };
}
function ratingButtons(onRate) {
  const el = h("div", "recall-ratings");
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", "How well did you recall it?");
  const buttons = RATINGS.map((rating, i) => {
    const b = h("button", `recall-button recall-rate recall-rate-${rating}`);
    b.dataset.rating = rating;
    b.append(h("span", "recall-key", String(i + 1)), ` ${capitalize(rating)}`);
    b.addEventListener("click", () => onRate(rating));
    return b;
  });
  el.append(...buttons);
  const rated = h("p", "recall-rated");
  rated.setAttribute("role", "status");
  function show(rating) {
    rated.textContent = rating ? `Your last rating: ${capitalize(rating)}` : "";
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.rating === rating));
  }
  return { el, rated, show };
}
function createCardView({ onFlip, onRate, home }) {
  const el = h("div", "recall-card-view");
  const card = cardFaces();
  const flipButton = h("button", "recall-button recall-flip recall-primary", "Show answer");
  const ratings = ratingButtons(rate);
  el.append(card.el, flipButton, ratings.el, ratings.rated);
  let shown = (
    /** @type {CardContent | undefined} */
    void 0
  );
  let flipped = false;
  let turned = false;
  function flip() {
    if (shown) onFlip(!flipped);
  }
  function rate(rating) {
    if (!turned) return;
    if (ratings.el.contains(document.activeElement)) home.focus();
    onRate(rating);
  }
  flipButton.addEventListener("click", flip);
  function show(content, state) {
    if (content !== shown) {
      shown = content;
      card.draw(content);
    }
    turned = Boolean(state.flipped);
    flipped = turned && Boolean(content);
    card.turn(Boolean(content), flipped);
    flipButton.textContent = flipped ? "Hide answer" : "Show answer";
    if (!flipped && ratings.el.contains(document.activeElement)) home.focus();
    ratings.el.hidden = !flipped;
    ratings.show(state.rating);
  }
  function key(key2) {
    if (key2 === " " || key2 === "Enter") flip();
    else if (["1", "2", "3", "4"].includes(key2)) rate(RATINGS[Number(key2) - 1]);
    else return false;
    return true;
  }
  return { el, show, key };
}

// src/exercise_view.js
function createExerciseTaskView() {
  const el = h("div", "recall-exercise-task-view");
  const title = h("h3", "recall-exercise-task-title");
  const task = h("div", "recall-content");
  const where = h("p", "recall-exercise-task-where");
  el.append(title, task, where);
  function show(content) {
    title.innerHTML = content ? content.title : "";
    task.innerHTML = content ? content.task : "";
    where.textContent = content ? content.where : "";
  }
  return { el, show };
}

// src/question_view.js
function choiceRows(content, name) {
  return content.order.map((index) => {
    const row = h("div", "recall-choice");
    const choice = h("label", "recall-choice-label");
    const input = h("input", "recall-choice-input");
    input.type = content.multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = String(index);
    const text = h("span", "recall-choice-text recall-content");
    text.innerHTML = content.choices[index];
    choice.append(input, text);
    const tags = h("span", "recall-choice-tags");
    tags.id = `${name}-tags-${index}`;
    row.append(choice, tags);
    return row;
  });
}
function tagChoices(inputs, content, answer) {
  const chosen = new Set(answer ? answer.value.choices : []);
  for (const input of inputs) {
    const index = Number(input.value);
    const row = (
      /** @type {HTMLElement} */
      input.closest(".recall-choice")
    );
    const tags = (
      /** @type {HTMLElement} */
      row.querySelector(".recall-choice-tags")
    );
    const mine = chosen.has(index);
    const right = Boolean(answer) && content.correct.includes(index);
    const wrong = Boolean(answer) && mine && !right;
    input.disabled = Boolean(answer);
    row.classList.toggle("is-chosen", mine);
    row.classList.toggle("is-correct", right);
    row.classList.toggle("is-wrong", wrong);
    tags.replaceChildren(
      ...mine ? [h("span", "recall-tag recall-tag-mine", wrong ? "✗ Your answer" : "Your answer")] : [],
      ...right ? [h("span", "recall-tag recall-tag-correct", "✓ Correct answer")] : []
    );
    if (tags.childElementCount) input.setAttribute("aria-describedby", tags.id);
    else input.removeAttribute("aria-describedby");
  }
}
function feedbackParts(content, value) {
  const correct = Boolean(value.correct);
  const verdict = h("p", `recall-verdict ${correct ? "is-correct" : "is-incorrect"}`);
  verdict.textContent = correct ? "✓ Correct" : "✗ Incorrect";
  const explanation = h("div", "recall-explanation recall-content");
  explanation.innerHTML = content.explanation;
  const whys = value.choices.filter((i) => content.whys[i]).map((i) => {
    const why = h("div", "recall-why recall-content");
    why.innerHTML = content.whys[i];
    return why;
  });
  return [verdict, explanation, ...whys];
}
function gradeAnswer(content, chosen) {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const count = content.choices.length;
  if (!picked.length || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  if (picked.length > 1 && !content.multiple) return null;
  const correct = picked.length === content.correct.length && picked.every((c, i) => c === content.correct[i]);
  return { choices: picked, correct };
}
function answerOf(inputs, content) {
  return gradeAnswer(content, inputs.filter((i) => i.checked).map((i) => Number(i.value)));
}
function createQuestionView({ name, onAnswer, onRetry }) {
  const el = h("div", "recall-question-view");
  const loading = h("p", "recall-loading", "Loading…");
  const fieldset = h("fieldset", "recall-fieldset");
  const legend = h("legend", "recall-question-prompt recall-content");
  const instructions = h("p", "recall-instructions");
  const choices = h("div", "recall-choices");
  fieldset.append(legend, instructions, choices);
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-check recall-primary", "Check");
  const retry = h("button", "recall-button recall-retry", "Try again");
  actions.append(check, retry);
  const feedback = h("div", "recall-feedback");
  feedback.id = `${name}-feedback`;
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  el.append(loading, fieldset, actions, feedback);
  const inputs = () => Array.from(choices.querySelectorAll("input"));
  let current2 = (
    /** @type {QuestionContent | undefined} */
    void 0
  );
  let drawn = (
    /** @type {QuestionContent | undefined} */
    void 0
  );
  let answered2 = (
    /** @type {RecallEvent | null | undefined} */
    null
  );
  const FRESH = -1;
  let drawnAnswer = FRESH;
  function checkAnswer() {
    if (!current2 || answered2) return;
    const value = answerOf(inputs(), current2);
    if (value) onAnswer(value);
    else feedback.replaceChildren(h("p", "recall-verdict", "Select an answer first."));
  }
  check.addEventListener("click", checkAnswer);
  retry.addEventListener("click", () => {
    onRetry();
    inputs()[0]?.focus();
  });
  fieldset.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (
      /** @type {HTMLElement} */
      event.target.tagName === "INPUT" && event.key === "Enter"
    ) {
      event.preventDefault();
      checkAnswer();
    }
  });
  function drawQuestion(content) {
    legend.innerHTML = content.prompt;
    instructions.textContent = content.multiple ? "Select all that apply" : "Select one answer";
    choices.replaceChildren(...choiceRows(content, name));
  }
  function drawAnswer(content, answer, hadFocus) {
    const chosen = new Set(answer ? answer.value.choices : []);
    for (const input of inputs()) {
      if (answer || !hadFocus) input.checked = chosen.has(Number(input.value));
    }
    tagChoices(inputs(), content, answer);
    if (answer) fieldset.setAttribute("aria-describedby", feedback.id);
    else fieldset.removeAttribute("aria-describedby");
    feedback.replaceChildren(...answer ? feedbackParts(content, answer.value) : []);
  }
  function show(content, state) {
    current2 = content;
    loading.hidden = Boolean(content);
    fieldset.hidden = actions.hidden = !content;
    if (content && content !== drawn) {
      drawn = content;
      drawnAnswer = FRESH;
      drawQuestion(content);
    }
    const answer = content ? state.answer : void 0;
    answered2 = answer;
    const onRetryButton = document.activeElement === retry;
    const hadFocus = fieldset.contains(document.activeElement);
    if (!content) feedback.replaceChildren();
    retry.hidden = !answer;
    if (content && (answer?.seq ?? 0) !== drawnAnswer) {
      drawnAnswer = answer?.seq ?? 0;
      drawAnswer(content, answer, hadFocus);
      if (answer && hadFocus) retry.focus();
    }
    check.setAttribute("aria-disabled", String(Boolean(answer)));
    if (onRetryButton && !answer) inputs()[0]?.focus();
  }
  function focus() {
    (retry.hidden ? inputs()[0] : retry)?.focus();
  }
  return { el, show, focus };
}

// src/review.js
var TRAITS = "change:position change:flipped change:content change:events change:entries change:ids change:since change:next_review change:new_left change:notice change:title_html";
function shownAnswer(events, entry, since) {
  let shown = null;
  for (const e of events) {
    if (typeof e.seq !== "number" || !(e.seq > since) || e.deck !== entry.deck || e.item !== entry.item) continue;
    if (e.kind === "answer") shown = e;
    else if (e.kind === "retry") shown = null;
  }
  return shown;
}
function endMessage(total, nextReview, newLeft) {
  const head = total ? `Done: ${total} item${total === 1 ? "" : "s"} reviewed.` : "Nothing is due.";
  const fresh = newLeft ? ` ${newLeft} item${newLeft === 1 ? "" : "s"} not tried yet.` : "";
  return `${head} ${nextReview}${fresh}`;
}
var entries = (model) => model.get("entries") || [];
var current = (model) => entries(model)[model.get("position")];
function act(model, kind, value, traits = {}) {
  const entry = current(model);
  if (entry) record(model, kind, entry.item, value, traits, entry.deck);
}
function answered(model) {
  const entry = current(model);
  return entry && entry.kind === "question" ? shownAnswer(model.get("events") || [], entry, model.get("since")) : null;
}
function advance(model) {
  model.set("position", Math.min(model.get("position") + 1, entries(model).length));
  model.set("flipped", false);
  model.save_changes();
}
function sourceLine() {
  const el = h("p", "recall-review-source");
  const sourceText = h("span", "recall-review-deck");
  const stage = h("span", "recall-review-stage");
  el.append(sourceText, stage);
  function show(entry) {
    el.hidden = !entry;
    sourceText.textContent = entry ? entry.source : "";
    stage.textContent = entry ? entry.stage === "new" ? "New" : "Due" : "";
  }
  return { el, show };
}
function doneView(onMore) {
  const el = h("div", "recall-review-done");
  const message = h("p", "recall-review-message");
  message.setAttribute("role", "status");
  const more = h("button", "recall-button recall-review-more", "Review more");
  el.append(message, more);
  more.addEventListener("click", onMore);
  function show(model, entry) {
    const all = entries(model);
    el.hidden = Boolean(entry);
    message.textContent = entry ? "" : endMessage(all.length, model.get("next_review") || "", model.get("new_left") || 0);
  }
  return { el, show };
}
function nextRow(onNext) {
  const el = h("div", "recall-actions recall-review-nav");
  const next = h("button", "recall-button recall-primary recall-review-next", "Next");
  el.append(next);
  next.addEventListener("click", onNext);
  return { el, next };
}
function queueItem(model, home) {
  const card = createCardView({
    onFlip: (flipped) => act(model, "flip", flipped, { flipped }),
    onRate: (rating) => act(model, "rate", rating, { position: model.get("position") + 1, flipped: false }),
    home
  });
  const question = createQuestionView({
    name: `recall-review-${viewNumber()}`,
    onAnswer: (value) => act(model, "answer", value),
    onRetry: () => act(model, "retry", null)
  });
  const exercise = createExerciseTaskView();
  const nav = nextRow(moveOn);
  function moveOn() {
    if (nav.el.contains(document.activeElement)) home.focus();
    advance(model);
  }
  function key(key2) {
    const entry = current(model);
    if (entry && entry.kind === "card") return card.key(key2);
    const onward = answered(model) || entry && entry.kind === "exercise";
    if (onward && (key2 === "Enter" || key2 === "ArrowRight")) {
      moveOn();
      return true;
    }
    return false;
  }
  let lastAnswer = 0;
  function show(entry) {
    const content = entry ? model.get("content")[`${entry.deck}/${entry.item}`] : void 0;
    const isCard = Boolean(entry && entry.kind === "card");
    const isQuestion = Boolean(entry && entry.kind === "question");
    const isExercise = Boolean(entry && entry.kind === "exercise");
    card.el.hidden = !isCard;
    question.el.hidden = !isQuestion;
    exercise.el.hidden = !isExercise;
    if (isExercise) exercise.show(
      /** @type {ExerciseReviewContent | undefined} */
      content
    );
    const flipped = Boolean(model.get("flipped"));
    if (isCard) card.show(
      /** @type {CardContent | undefined} */
      content,
      { flipped, rating: "" }
    );
    const answer = answered(model);
    if (isQuestion) question.show(
      /** @type {QuestionContent | undefined} */
      content,
      { answer }
    );
    nav.el.hidden = !answer && !isExercise;
    if (answer && answer.seq !== lastAnswer && question.el.contains(document.activeElement)) nav.next.focus();
    lastAnswer = answer ? answer.seq : 0;
  }
  return { parts: [card.el, question.el, exercise.el, nav.el], key, show };
}
function render({ model, el }) {
  const root = widgetRoot("recall-review", { focusable: true });
  const bar = toolbar();
  const source = sourceLine();
  const item = queueItem(model, root);
  const done = doneView(() => {
    root.focus();
    model.send({ kind: "refresh" });
  });
  const notice = noticeLine();
  root.append(bar.el, source.el, ...item.parts, done.el, notice);
  el.append(root);
  shortcutKeys(root, item.key);
  function update() {
    const pos = model.get("position");
    const entry = current(model);
    showHeading(bar, root, model, "Review");
    bar.position.textContent = entry ? `${pos + 1} / ${entries(model).length}` : "";
    showLevel(bar.badge, entry ? entry.level : "");
    source.show(entry);
    item.show(entry);
    done.show(model, entry);
    fillNotice(notice, model);
  }
  model.on(TRAITS, update);
  update();
  return () => model.off(TRAITS, update);
}
var review_default = { render };
export {
  review_default as default,
  endMessage,
  shownAnswer
};
