// Whether an answer is right, per kind of question, in the browser: its instant feedback (a
// static page has no Python). Python re-decides every recorded answer with the same rules
// (`recall_widgets/progress/grading.py`); tests/widgets/test_js_parity.py runs both on the same
// answers. Pure: no DOM.

/** @import { NumericContent, TextContent, OrderContent, PredictContent } from "./model" */

/** White space as Python's twin reads it (JavaScript's `\s` and Python's differ). */
const WHITESPACE = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Runs of white space as one space, none at the ends, lower case unless `matchCase`.
 * @param {string} text
 * @param {boolean} matchCase
 */
export function normalizeText(text, matchCase) {
  const spaced = text.replace(WHITESPACE, " ").replace(/^ +| +$/g, "");
  return matchCase ? spaced : spaced.toLowerCase();
}

/**
 * Printed output as compared: `\r\n` as `\n`, no spaces or tabs at line ends, no blank lines at
 * the start or the end.
 * @param {string} text
 */
export function normalizeOutput(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n").map((line) => line.replace(/[ \t]+$/, ""));
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  while (lines.length && !lines[0]) lines.shift();
  return lines.join("\n");
}

/**
 * 1 minus the edit distance over the longer length (1 for equal texts), by code point.
 * @param {string} a
 * @param {string} b
 */
export function levenshteinRatio(a, b) {
  if (a === b) return 1;
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  x.forEach((ca, i) => {
    const current = [i + 1];
    y.forEach((cb, j) => {
      current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca === cb ? 0 : 1)));
    });
    previous = current;
  });
  return 1 - previous[y.length] / Math.max(x.length, y.length);
}

/**
 * A number as a learner types it ("3600", "-0.5", "1e3", " 2.50 "); null when it is not one.
 * @param {string} text
 * @returns {number | null}
 */
export function parseNumber(text) {
  const trimmed = text.replace(WHITESPACE, "");
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * @param {NumericContent} content
 * @param {number} value
 * @param {number | null} [target] a feedback entry's answer instead of the question's
 */
function numberRight(content, value, target = null) {
  if (target === null && content.range) return content.range[0] <= value && value <= content.range[1];
  const aim = target === null ? content.answer : target;
  if (aim === null || aim === undefined) return false;
  if (content.precision !== null && content.precision !== undefined) {
    return Math.abs(value - aim) <= 0.5 / 10 ** content.precision;
  }
  return Math.abs(value - aim) <= (content.tolerance || 0);
}

/**
 * @param {NumericContent} content
 * @param {unknown} value
 * @returns {{value: number, correct: boolean} | null}
 */
export function gradeNumeric(content, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return { value, correct: numberRight(content, value) };
}

/**
 * Whether `pattern` matches all of `text` (false for a pattern JavaScript cannot read).
 * @param {string} pattern
 * @param {string} text
 * @param {boolean} matchCase
 */
function wholeMatch(pattern, text, matchCase) {
  try {
    return new RegExp(`^(?:${pattern})$`, matchCase ? "" : "i").test(text);
  } catch {
    return false;
  }
}

/**
 * @param {TextContent} content
 * @param {unknown} text
 * @returns {{text: string, correct: boolean} | null}
 */
export function gradeText(content, text) {
  if (typeof text !== "string" || !text.trim()) return null;
  const given = normalizeText(text, content.match_case);
  const accepted = content.answers.map((a) => normalizeText(a, content.match_case));
  let correct = accepted.includes(given);
  if (!correct && content.pattern !== null) correct = wholeMatch(content.pattern, given, content.match_case);
  if (!correct && content.fuzzy !== null) {
    const fuzzy = content.fuzzy;
    correct = accepted.some((a) => levenshteinRatio(given, a) >= fuzzy);
  }
  return { text, correct };
}

/**
 * @param {Pick<OrderContent, "lines" | "count">} content
 * @param {unknown} order line indexes (lines, then distractors) in the learner's order
 * @returns {{order: number[], correct: boolean} | null}
 */
export function gradeOrder(content, order) {
  if (!Array.isArray(order) || !order.length) return null;
  const total = content.lines.length;
  if (order.some((i) => !Number.isInteger(i) || i < 0 || i >= total)) return null;
  if (new Set(order).size < order.length) return null;
  const correct = order.length === content.count && order.every((line, position) => line === position);
  return { order: [...order], correct };
}

/**
 * The positions (0-based) holding a line that is not the right one there.
 * @param {number[]} order
 */
export function misplaced(order) {
  return order.flatMap((line, position) => (line === position ? [] : [position]));
}

/**
 * @param {PredictContent} content
 * @param {unknown} text
 * @returns {{text: string, correct: boolean} | null}
 */
export function gradePredict(content, text) {
  if (typeof text !== "string" || !text.trim()) return null;
  return { text, correct: normalizeOutput(text) === normalizeOutput(content.output) };
}

/**
 * The feedback for a wrong numeric or text answer: its entry's (sanitized HTML), else the
 * default feedback ('' for none).
 * @param {NumericContent | TextContent} content
 * @param {{value?: number, text?: string}} value
 */
export function feedbackFor(content, value) {
  for (const entry of content.feedback) {
    if (content.kind === "numeric" && typeof entry.answer === "number" && typeof value.value === "number") {
      if (numberRight(content, value.value, entry.answer)) return entry.why;
    }
    if (content.kind === "text" && typeof entry.answer === "string" && typeof value.text === "string") {
      const mine = normalizeText(entry.answer, content.match_case);
      if (normalizeText(value.text, content.match_case) === mine) return entry.why;
    }
  }
  return content.default_feedback;
}

/**
 * A choice question's answer: the chosen indexes (YAML order) sorted and once each, and whether
 * they are exactly the correct ones; null when they cannot be an answer (none, an index the
 * question does not have, several for a one-answer question).
 * @param {{choices: string[], correct: number[], multiple: boolean}} content
 * @param {number[]} chosen
 * @returns {{choices: number[], correct: boolean} | null}
 */
export function gradeAnswer(content, chosen) {
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const count = content.choices.length;
  if (!picked.length || picked.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  if (picked.length > 1 && !content.multiple) return null;
  const correct = picked.length === content.correct.length && picked.every((c, i) => c === content.correct[i]);
  return { choices: picked, correct };
}
