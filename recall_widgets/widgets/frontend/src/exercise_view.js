// The exercise task view: an exercise's title and task (sanitized HTML from Python) and, for
// Review, one line of text saying where to redo it. Used by Review for a due exercise.

import { h } from "./common.js";

/** @import { ExerciseReviewContent } from "./model" */
/** @import { Translator } from "./i18n.js" */

/**
 * An exercise's title and task, and where to check it; `show(content)` draws one (undefined:
 * none). The check runs where the learner's code is, so Review only says where that is.
 * `where` comes from Python, in the widget's language; `lang` is the deck's, set on the task.
 * @param {Translator} [_tr] the widget's language
 * @param {string} [lang] the deck's language ("": not declared)
 */
export function createExerciseTaskView(_tr, lang = "") {
  const el = h("div", "recall-exercise-task-view");
  const title = h("h3", "recall-exercise-task-title");
  const task = h("div", "recall-content");
  if (lang) title.lang = task.lang = lang;
  const where = h("p", "recall-exercise-task-where");
  el.append(title, task, where);
  /** @param {ExerciseReviewContent | undefined} content */
  function show(content) {
    title.innerHTML = content ? content.title : ""; // sanitized by recall_widgets.render
    task.innerHTML = content ? content.task : ""; // sanitized by recall_widgets.render
    where.textContent = content ? content.where : "";
  }
  return { el, show };
}
