// Exercise: the task, hints revealed one at a time, Check (run in the kernel by Python), the
// result sub-check by sub-check, and the solution. Content HTML comes sanitized from Python;
// the result's names and messages go in as text. Python runs the check and decides the outcome:
// the browser only asks (`{kind: "check"}`) and shows what came back.

import {
  followModel,
  h,
  kernelBehind,
  keepKeys,
  latest,
  record,
  showHeading,
  showLevel,
  toolbar,
  widgetRoot,
} from "./common.js";
import { createMemoryLine, MEMORY_TRAITS, shownEvents } from "./memory.js";
import { i18n, i18nFor } from "./i18n.js";

/** @import { AnyModel, ExerciseContent, ExerciseResult, ExerciseTraits, RecallEvent } from "./model" */
/** @typedef {AnyModel<ExerciseTraits>} Model */
/** @import { Translator } from "./i18n.js" */

const TRAITS = `change:content change:events change:ids change:title_html change:result change:checking ${MEMORY_TRAITS}`;

/**
 * How many hints the events reveal for `id` (one `hint` event each), at most `total`.
 * @param {RecallEvent[]} events
 * @param {string} id
 * @param {number} total
 */
export const hintsShown = (events, id, total) =>
  Math.min(events.filter((e) => e.item === id && e.kind === "hint").length, total);

/**
 * The result's headline: "Passed: all 3 checks" or "2 of 3 checks failed".
 * @param {ExerciseResult} result
 * @param {Translator} [tr] the widget's language
 */
export function verdict(result, { nt } = i18nFor({}, "")) {
  const subchecks = result.subchecks || [];
  const failed = subchecks.filter((s) => !s.passed).length;
  const total = subchecks.length;
  if (!failed) return nt("Passed: all {n} check", "Passed: all {n} checks", total);
  return nt("{failed} of {n} check failed", "{failed} of {n} checks failed", total, { failed });
}

/**
 * What the latest remembered check (from the learner's saved progress, before this session)
 * said, or "" when there is none: `{passed, failed: [sub-check names], total}` as Python
 * decided it.
 * @param {RecallEvent[]} earlier
 * @param {string} id
 * @param {Translator} [tr] the widget's language
 */
export function earlierVerdict(earlier, id, { nt } = i18nFor({}, "")) {
  const last = latest(earlier, id, "check");
  const value = /** @type {{passed?: boolean, failed?: string[], total?: number} | undefined} */ (last?.value);
  if (!value || typeof value.total !== "number") return "";
  const total = value.total;
  const failed = value.failed || [];
  if (value.passed) {
    return nt(
      "Last time you passed the check. Press Check to run it on your code now.",
      "Last time you passed all {n} checks. Press Check to run them on your code now.",
      total,
    );
  }
  return nt(
    "Last time {failed} of {n} check failed: {names}. Press Check to run them on your code now.",
    "Last time {failed} of {n} checks failed: {names}. Press Check to run them on your code now.",
    total,
    { failed: failed.length, names: failed.join("; ") },
  );
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * The task: the exercise's title and its Markdown.
 * @param {string} lang the deck's language ("": not declared)
 */
function taskView(lang) {
  const el = h("div", "recall-exercise-task");
  const title = h("h3", "recall-exercise-title");
  const text = h("div", "recall-exercise-text recall-content");
  if (lang) el.lang = lang;
  el.append(title, text);
  /** @param {ExerciseContent} content */
  function show(content) {
    title.innerHTML = content.title;
    text.innerHTML = content.task;
  }
  return { el, show };
}

/**
 * The hints revealed so far, in order, and "Show hint 2 of 3" for the next; `show(content, n)`.
 * @param {() => void} onHint
 * @param {Translator} tr
 * @param {string} lang the deck's language ("": not declared)
 */
function hintsView(onHint, { t }, lang) {
  const el = h("div", "recall-exercise-hints");
  const list = h("ol", "recall-exercise-hint-list");
  list.setAttribute("aria-live", "polite");
  list.setAttribute("aria-label", t("Hints"));
  if (lang) list.lang = lang;
  const button = h("button", "recall-button recall-hint-button");
  button.addEventListener("click", onHint);
  el.append(list, button);
  /**
   * @param {ExerciseContent} content
   * @param {number} shown
   */
  function show(content, shown) {
    const total = content.hints.length;
    el.hidden = !total;
    while (list.children.length > shown) list.lastElementChild?.remove();
    for (let i = list.children.length; i < shown; i++) {
      const item = h("li", "recall-hint recall-content");
      item.innerHTML = content.hints[i];
      list.append(item);
    }
    list.hidden = !shown;
    button.hidden = shown >= total;
    button.textContent = t("Show hint {number} of {total}", { number: shown + 1, total });
  }
  return { el, button, show };
}

/**
 * The result: the verdict, each sub-check passed or failed with its message, what was printed.
 * @param {Translator} tr
 */
function resultView(tr) {
  const { t } = tr;
  const el = h("div", "recall-exercise-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  /**
   * @param {ExerciseResult} result
   * @param {boolean} busy a check is running
   */
  function show(result, busy) {
    el.replaceChildren();
    el.classList.remove("recall-passed", "recall-failed");
    if (busy) {
      el.append(h("p", "recall-exercise-verdict", t("Checking…")));
      return;
    }
    if (!result.subchecks) return;
    el.classList.add(result.passed ? "recall-passed" : "recall-failed");
    el.append(h("p", "recall-exercise-verdict", verdict(result, tr)));
    const list = h("ul", "recall-exercise-subchecks");
    for (const sub of result.subchecks) {
      const item = h("li", `recall-exercise-subcheck ${sub.passed ? "recall-passed" : "recall-failed"}`);
      const mark = h("span", "recall-exercise-mark", sub.passed ? "✓" : "✗");
      mark.setAttribute("aria-hidden", "true");
      const name = h("span", "recall-exercise-subcheck-name", sub.name);
      const said = h("span", "recall-visually-hidden", sub.passed ? t("passed:") + " " : t("failed:") + " ");
      item.append(mark, said, name);
      if (!sub.passed) item.append(h("span", "recall-exercise-message", sub.message));
      list.append(item);
    }
    el.append(list);
    if (result.output) {
      el.append(h("p", "recall-exercise-output-label", t("Your code printed:")));
      const output = h("pre", "recall-exercise-output", result.output);
      output.tabIndex = 0; // it may scroll: the keyboard must reach it
      output.setAttribute("data-lm-suppress-shortcuts", "true");
      output.setAttribute("aria-label", t("What your code printed"));
      el.append(output);
    }
    if (!result.passed) {
      el.append(h("p", "recall-exercise-stuck", t("Stuck? Reveal a hint, or show the solution.")));
    }
  }
  return { el, show };
}

/**
 * The solution's code (sanitized, highlighted HTML), shown once asked for.
 * @param {Translator} tr
 */
function solutionView({ t }) {
  const el = h("div", "recall-exercise-solution");
  const label = h("p", "recall-exercise-solution-label", t("Solution"));
  const code = h("div", "recall-content");
  el.append(label, code);
  let shown = "";
  /**
   * @param {ExerciseContent} content
   * @param {boolean} open
   */
  function show(content, open) {
    el.hidden = !open;
    if (open && shown !== content.solution) code.innerHTML = shown = content.solution;
  }
  return { el, show };
}

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const lang = model.get("content_lang");
  const root = widgetRoot("recall-exercise");
  const bar = toolbar();
  const loading = h("p", "recall-loading", t("Loading…"));
  const body = h("div", "recall-exercise-body");
  const task = taskView(lang);
  const live = kernelBehind(model);
  const id = () => (model.get("ids") || [])[0];
  /** @returns {RecallEvent[]} the earlier ones from the store, then this session's */
  const events = () => shownEvents(model);
  const current = () => model.get("content")[id()];

  const hints = hintsView(() => {
    const content = current();
    if (content && hintsShown(events(), id(), content.hints.length) < content.hints.length) {
      record(model, "hint", id(), true);
    }
  }, tr, lang);
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-primary recall-exercise-check", t("Check"));
  const solutionButton = h("button", "recall-button recall-exercise-show-solution", t("Show solution"));
  actions.append(check, solutionButton);
  const noKernel = h(
    "p",
    "recall-notice recall-no-kernel",
    t("Checking needs a running Python kernel: open this notebook in Jupyter, run your cells, then press Check."),
  );
  noKernel.setAttribute("role", "note");
  noKernel.hidden = live;
  const result = resultView(tr);
  const before = h("p", "recall-exercise-earlier");
  const solution = solutionView(tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your checks, hints and solution of this exercise, and their review schedule?"),
    clear: t("Clear your checks, hints and solution of this exercise on this page?"),
    describe: (count) =>
      nt("Your earlier work on this exercise is shown ({n} from your saved progress).", "Your earlier work on this exercise is shown ({n} from your saved progress).", count),
    onForgot: () => check.focus(),
  });
  body.append(task.el, hints.el, actions, noKernel, result.el, before, solution.el, memory.el);
  root.append(bar.el, loading, body);
  el.append(root);
  keepKeys(root);

  let asked = false; // a check was asked for and its result has not come back yet
  let askedAfter = 0; // the seq of the result shown when it was asked
  let sawChecking = false; // Python said it is checking since it was asked
  check.addEventListener("click", () => {
    if (!live || asked) return;
    asked = true;
    askedAfter = model.get("result").seq ?? 0;
    model.send({ kind: "check" });
    update();
  });
  solutionButton.addEventListener("click", () => {
    if (!latest(events(), id(), "solution")) record(model, "solution", id(), true);
    solution.el.focus();
  });
  solution.el.tabIndex = -1;

  function update() {
    const content = current();
    showHeading(bar, root, model, t("Exercise"));
    bar.position.hidden = true;
    loading.hidden = Boolean(content);
    body.hidden = !content;
    if (!content) return;
    showLevel(bar.badge, content.level, tr);
    const res = model.get("result") || {};
    if (asked && model.get("checking")) sawChecking = true;
    if (asked && ((res.seq ?? 0) !== askedAfter || (sawChecking && !model.get("checking")))) {
      asked = sawChecking = false;
    }
    const busy = asked || model.get("checking");
    task.show(content);
    hints.show(content, hintsShown(events(), id(), content.hints.length));
    check.setAttribute("aria-disabled", String(!live || busy));
    check.textContent = busy ? t("Checking…") : t("Check");
    const open = Boolean(latest(events(), id(), "solution"));
    solutionButton.hidden = open;
    solutionButton.setAttribute("aria-expanded", String(open));
    result.show(res, busy);
    before.textContent = busy || res.subchecks ? "" : earlierVerdict(model.get("earlier") || [], id(), tr);
    before.hidden = !before.textContent;
    solution.show(content, open);
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}

export default { render };
