// Quiz view: one question at a time, first attempts scored, a summary after the last one.
// Needs common.js and question_view.js (the question itself); this file moves between the
// questions, keeps the score and draws the summary.

const REVIEW_LIMIT = 10; // questions named in the end summary
const TITLE_LENGTH = 60; // characters of a question's text in the end summary

/**
 * The text of sanitized content HTML, parsed in an inert template (nothing runs or loads),
 * whitespace collapsed and cut to `TITLE_LENGTH` characters.
 * @param {string} html
 * @returns {string}
 */
function shortText(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const text = (template.content.textContent || "").replace(/\s+/g, " ").trim();
  return text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : text;
}

/**
 * What the events say about each question: its first answer and its current state.
 * @param {RecallEvent[]} events
 */
function summarize(events) {
  /** @type {Map<string, boolean>} first attempt correct, by question */
  const first = new Map();
  /** @type {Map<string, RecallEvent | null>} answer on screen (null after "Try again") */
  const shown = new Map();
  for (const e of events) {
    if (e.kind === "answer") {
      if (!first.has(e.item)) first.set(e.item, Boolean(e.value && e.value.correct));
      shown.set(e.item, e);
    } else if (e.kind === "retry") {
      shown.set(e.item, null);
    }
  }
  return { first, shown };
}

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = h("div", "recall-widget recall-quiz");
  root.setAttribute("role", "group");

  const bar = toolbar();
  const question = createQuestionView({
    name: `recall-quiz-${viewNumber()}`,
    onAnswer: (value) => record(model, "answer", currentId(), value),
    onRetry: () => record(model, "retry", currentId(), null),
  });
  const score = h("p", "recall-score");
  const nav = navigation([score]);
  const summary = h("div", "recall-summary");
  root.append(bar.el, question.el, nav.el, summary);
  el.append(root);

  /** @returns {string[]} */
  const ids = () => model.get("ids") || [];
  const currentId = () => ids()[model.get("position")];
  /** @type {Map<string, string>} plain-text titles of the questions seen, for the summary */
  const titles = new Map();
  /** @param {string} id */
  function titleOf(id) {
    /** @type {QuestionContent | undefined} */
    const content = model.get("content")[id];
    if (content && !titles.has(id)) titles.set(id, shortText(content.prompt));
    return titles.get(id) || `Question ${ids().indexOf(id) + 1}`;
  }

  /** @param {number} index */
  function moveTo(index) {
    if (index < 0 || index >= ids().length || index === model.get("position")) return;
    model.set("position", index);
    model.save_changes();
  }

  nav.prev.addEventListener("click", () => moveTo(model.get("position") - 1));
  nav.next.addEventListener("click", () => moveTo(model.get("position") + 1));
  keepKeys(root);

  /**
   * "4/5 correct — review: " and a button per missed (or unanswered) question, named by its text.
   * @param {Map<string, boolean>} first
   * @param {number} correct
   */
  function drawSummary(first, correct) {
    const review = ids().filter((q) => first.get(q) !== true);
    const list = h("span", "recall-review-list");
    for (const q of review.slice(0, REVIEW_LIMIT)) {
      const button = h("button", "recall-button recall-review-link", titleOf(q));
      button.addEventListener("click", () => {
        moveTo(ids().indexOf(q)); // redraws at once: the summary (and this button) goes away
        question.focus();
      });
      list.append(button);
    }
    if (review.length > REVIEW_LIMIT) list.append(h("span", "", `… and ${review.length - REVIEW_LIMIT} more`));
    const total = ids().length;
    summary.replaceChildren(`${correct}/${total} correct — `, review.length ? "review: " : "nothing to review");
    if (review.length) summary.append(list);
  }

  function update() {
    const id = currentId();
    const pos = model.get("position");
    const total = ids().length;
    /** @type {QuestionContent | undefined} */
    const content = model.get("content")[id];
    showHeading(bar, root, model, "Quiz");
    bar.position.textContent = `${pos + 1} / ${total}`;
    if (content) showLevel(bar.badge, content.level);

    const { first, shown } = summarize(model.get("events") || []);
    const answer = content ? shown.get(id) : undefined;
    question.show(content, { answer });

    const correct = [...first.values()].filter(Boolean).length;
    score.textContent = `Score: ${correct}/${first.size} (first attempts)`;
    nav.prev.setAttribute("aria-disabled", String(pos <= 0));
    nav.next.setAttribute("aria-disabled", String(pos >= total - 1));

    summary.hidden = !(pos === total - 1 && answer);
    if (!summary.hidden) drawSummary(first, correct);
  }

  const names = "change:position change:content change:events change:ids change:title_html change:section";
  return followModel(model, root, names, update);
}

export default { render };
