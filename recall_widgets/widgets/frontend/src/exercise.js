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

/** @import { AnyModel, ExerciseContent, ExerciseResult, ExerciseTraits, RecallEvent } from "./model" */
/** @typedef {AnyModel<ExerciseTraits>} Model */

const TRAITS = "change:content change:events change:ids change:title_html change:result change:checking";
export const NO_KERNEL_CHECK =
  "Checking needs a running Python kernel: open this notebook in Jupyter, run your cells, then press Check.";

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
 */
export function verdict(result) {
  const subchecks = result.subchecks || [];
  const failed = subchecks.filter((s) => !s.passed).length;
  const total = subchecks.length;
  if (!failed) return `Passed: all ${total} check${total === 1 ? "" : "s"}`;
  return `${failed} of ${total} check${total === 1 ? "" : "s"} failed`;
}

// -- Views ----------------------------------------------------------------------------------------

/** The task: the exercise's title and its Markdown. */
function taskView() {
  const el = h("div", "recall-exercise-task");
  const title = h("h3", "recall-exercise-title");
  const text = h("div", "recall-exercise-text recall-content");
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
 */
function hintsView(onHint) {
  const el = h("div", "recall-exercise-hints");
  const list = h("ol", "recall-exercise-hint-list");
  list.setAttribute("aria-live", "polite");
  list.setAttribute("aria-label", "Hints");
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
    button.textContent = `Show hint ${shown + 1} of ${total}`;
  }
  return { el, button, show };
}

/** The result: the verdict, each sub-check passed or failed with its message, what was printed. */
function resultView() {
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
      el.append(h("p", "recall-exercise-verdict", "Checking…"));
      return;
    }
    if (!result.subchecks) return;
    el.classList.add(result.passed ? "recall-passed" : "recall-failed");
    el.append(h("p", "recall-exercise-verdict", verdict(result)));
    const list = h("ul", "recall-exercise-subchecks");
    for (const sub of result.subchecks) {
      const item = h("li", `recall-exercise-subcheck ${sub.passed ? "recall-passed" : "recall-failed"}`);
      const mark = h("span", "recall-exercise-mark", sub.passed ? "✓" : "✗");
      mark.setAttribute("aria-hidden", "true");
      const name = h("span", "recall-exercise-subcheck-name", sub.name);
      const said = h("span", "recall-visually-hidden", sub.passed ? "passed: " : "failed: ");
      item.append(mark, said, name);
      if (!sub.passed) item.append(h("span", "recall-exercise-message", sub.message));
      list.append(item);
    }
    el.append(list);
    if (result.output) {
      el.append(h("p", "recall-exercise-output-label", "Your code printed:"));
      const output = h("pre", "recall-exercise-output", result.output);
      output.tabIndex = 0; // it may scroll: the keyboard must reach it
      output.setAttribute("data-lm-suppress-shortcuts", "true");
      output.setAttribute("aria-label", "What your code printed");
      el.append(output);
    }
    if (!result.passed) {
      el.append(h("p", "recall-exercise-stuck", "Stuck? Reveal a hint, or show the solution."));
    }
  }
  return { el, show };
}

/** The solution's code (sanitized, highlighted HTML), shown once asked for. */
function solutionView() {
  const el = h("div", "recall-exercise-solution");
  const label = h("p", "recall-exercise-solution-label", "Solution");
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
  const root = widgetRoot("recall-exercise");
  const bar = toolbar();
  const loading = h("p", "recall-loading", "Loading…");
  const body = h("div", "recall-exercise-body");
  const task = taskView();
  const live = kernelBehind(model);
  const id = () => (model.get("ids") || [])[0];
  /** @returns {RecallEvent[]} */
  const events = () => model.get("events") || [];
  const current = () => model.get("content")[id()];

  const hints = hintsView(() => {
    const content = current();
    if (content && hintsShown(events(), id(), content.hints.length) < content.hints.length) {
      record(model, "hint", id(), true);
    }
  });
  const actions = h("div", "recall-actions");
  const check = h("button", "recall-button recall-primary recall-exercise-check", "Check");
  const solutionButton = h("button", "recall-button recall-exercise-show-solution", "Show solution");
  actions.append(check, solutionButton);
  const noKernel = h("p", "recall-notice recall-no-kernel", NO_KERNEL_CHECK);
  noKernel.setAttribute("role", "note");
  noKernel.hidden = live;
  const result = resultView();
  const solution = solutionView();
  body.append(task.el, hints.el, actions, noKernel, result.el, solution.el);
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
    showHeading(bar, root, model, "Exercise");
    bar.position.hidden = true;
    loading.hidden = Boolean(content);
    body.hidden = !content;
    if (!content) return;
    showLevel(bar.badge, content.level);
    const res = model.get("result") || {};
    if (asked && model.get("checking")) sawChecking = true;
    if (asked && ((res.seq ?? 0) !== askedAfter || (sawChecking && !model.get("checking")))) {
      asked = sawChecking = false;
    }
    const busy = asked || model.get("checking");
    task.show(content);
    hints.show(content, hintsShown(events(), id(), content.hints.length));
    check.setAttribute("aria-disabled", String(!live || busy));
    check.textContent = busy ? "Checking…" : "Check";
    const open = Boolean(latest(events(), id(), "solution"));
    solutionButton.hidden = open;
    solutionButton.setAttribute("aria-expanded", String(open));
    result.show(res, busy);
    solution.show(content, open);
  }
  return followModel(model, root, TRAITS, update);
}

export default { render };
