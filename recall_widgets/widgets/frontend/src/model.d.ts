// What each widget's Python class syncs to the browser (its `traitlets` tagged `sync=True`), as
// the front end reads it: `model.get("position")` is a number, `model.get("nope")` a type error.
// Types only: esbuild bundles no part of this file; `npm run typecheck` (tsc --checkJs) checks
// the modules' JSDoc against it. When a trait changes in Python, change it here too.

export type { AnyModel } from "@anywidget/types";

/** One learner action (`recall_widgets/widgets/recording.py`: "Events"). `value` depends on `kind`. */
export type RecallEvent = {
  deck: string;
  item: string;
  kind: string;
  value: any;
  seq: number;
  time: string;
};

/** The language traits every engine widget has (`widgets/language.py`: `Localized`). */
export type LanguageTraits = {
  /** The language Python chose (deck, course, RECALL_LANG); "" lets the browser decide. */
  lang: string;
  /** The decks' declared language: the `lang` attribute of their content; "" for none. */
  content_lang: string;
  /** Written by the front end when `lang` is "": the browser's shipped language. */
  browser_lang: string;
  /** The compiled catalogs of the `widgets` domain (JSON text): {widgets: {lang: catalog}}. */
  _i18n: string;
};

/** The traits of `RecallWidget` (`widgets/base.py`), shared by Flashcards, Quiz, RecallPrompt, Review. */
export type RecallTraits = LanguageTraits & {
  deck_id: string;
  title_html: string;
  section: string;
  ids: string[];
  position: number;
  content: Record<string, unknown>;
  events: RecallEvent[];
  notice: string;
  /** What the learner did before (`memory.py`): decided events, seq -n..-1. */
  earlier: RecallEvent[];
  /** The learner started over after this seq: events up to it are not shown. */
  cleared_seq: number;
};

/** A flashcard as the card view shows it (`views.py`: `card_content`). */
export type CardContent = { front: string; back: string };

/** What every kind of question shows (`views.py`: `question_content`): sanitized HTML. */
type QuestionBase = { prompt: string; explanation: string; level: string };

/**
 * A choice question: choice indexes are in the deck's YAML order; `order` is only the display
 * order.
 */
export type ChoiceContent = QuestionBase & {
  kind: "choice";
  choices: string[];
  whys: string[];
  order: number[];
  correct: number[];
  multiple: boolean;
};

/** Feedback for a common wrong answer: the answer and why (sanitized HTML). */
export type FeedbackEntry = { answer: number | string; why: string };

export type NumericContent = QuestionBase & {
  kind: "numeric";
  answer: number | null;
  tolerance: number | null;
  range: [number, number] | null;
  precision: number | null;
  feedback: FeedbackEntry[];
  default_feedback: string;
};

export type TextContent = QuestionBase & {
  kind: "text";
  answers: string[];
  match_case: boolean;
  pattern: string | null;
  fuzzy: number | null;
  feedback: FeedbackEntry[];
  default_feedback: string;
};

/** An order question: `lines` (plain text) are its lines then its distractors, `count` of them
 * the right ones, `order` the display order. */
export type OrderContent = QuestionBase & { kind: "order"; lines: string[]; count: number; order: number[] };

/** A predict question: `code` as sanitized HTML, `output` what it really prints (plain text). */
export type PredictContent = QuestionBase & { kind: "predict"; code: string; output: string };

/** A question as the question view shows it, by its kind. */
export type QuestionContent = ChoiceContent | NumericContent | TextContent | OrderContent | PredictContent;

/** The `value` of an `answer` event, by the question's kind, with Python's `correct`. */
export type AnswerValue = {
  correct: boolean;
  choices?: number[];
  value?: number;
  text?: string;
  order?: number[];
};

/** A recall prompt (`recall_prompt.py`): sanitized HTML. */
export type PromptContent = { prompt: string; hint: string; concepts: string[]; level: string };

export type FlashcardsTraits = RecallTraits & {
  content: Record<string, CardContent>;
  levels: string[];
  level_filter: string;
  flipped: boolean;
};

export type QuizTraits = RecallTraits & { content: Record<string, QuestionContent> };

export type RecallPromptTraits = RecallTraits & { content: Record<string, PromptContent> };

/** One item of the review queue (`review.py`: `Entry`), as plain text. */
export type ReviewEntry = {
  deck: string;
  item: string;
  kind: "card" | "question" | "exercise";
  stage: string;
  source: string;
  level: string;
};

export type ReviewTraits = RecallTraits & {
  /** By `deck/item`. */
  content: Record<string, CardContent | QuestionContent | ExerciseReviewContent>;
  entries: ReviewEntry[];
  flipped: boolean;
  since: number;
  next_review: string;
  new_left: number;
};

/** A dashboard stage: `{stage: "due", label: "Due", text: "…"}`. */
export type LegendEntry = { stage: string; label: string; text: string };
/** Counts of one deck, section and level: `total` and one count per stage. */
export type DashboardRow = { deck: string; section: string; level: string; total: number } & Record<string, any>;
/** One deck's counts: `items` and one count per stage. */
export type DeckCounts = { id: string; title: string; items: number } & Record<string, any>;
export type WeakItem = { deck: string; item: string; text: string; lapses: number; recall: number };

export type DashboardTraits = LanguageTraits & {
  decks: DeckCounts[];
  rows: DashboardRow[];
  legend: LegendEntry[];
  weakest: WeakItem[];
  next_review: string;
  notice: string;
};

/** An exercise (`exercise.py`): sanitized HTML; `hints` in the order they are revealed. */
export type ExerciseContent = {
  title: string;
  task: string;
  hints: string[];
  solution: string;
  level: string;
};

/** One sub-check of a check's result, as Python decided it (`checking/runner.py`). */
export type SubCheck = { name: string; passed: boolean; message: string };

/** The latest check (`Exercise.result`); `{}` before any. `seq`: the `check` event's. */
export type ExerciseResult = {
  passed?: boolean;
  stopped?: boolean;
  subchecks?: SubCheck[];
  output?: string;
  seq?: number;
};

export type ExerciseTraits = RecallTraits & {
  content: Record<string, ExerciseContent>;
  result: ExerciseResult;
  checking: boolean;
};

/** A due exercise as Review shows it (`views.py`: `exercise_content`): sanitized HTML, and text. */
export type ExerciseReviewContent = { title: string; task: string; where: string };
