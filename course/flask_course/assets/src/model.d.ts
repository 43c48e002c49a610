// What CookieInspector (flask_course/inspector.py) syncs to the browser, as its front end reads
// it. Types only (esbuild bundles none of it); `npm run typecheck` checks the module against it.
// When a trait changes in Python, change it here too.

export type { AnyModel } from "@anywidget/types";

/** What the server made of one send (`inspector.py`: `Result`). */
export type SendResult = {
  seq: number;
  path: string;
  status: number;
  body: string;
  set_cookie: boolean;
  session: string;
  signature_valid: boolean;
  verdict: string;
};

export type CookieInspectorTraits = {
  path: string;
  user: string;
  original: string;
  cookie: string;
  decoded: string;
  decode_error: string;
  signed_at: string;
  json_error: string;
  /** `{}` before the first send. */
  result: SendResult | Record<string, never>;
  error: string;
  /** The language traits every engine widget has (recall_widgets/widgets/language.py). */
  lang: string;
  content_lang: string;
  browser_lang: string;
  /** The compiled catalogs: the course's `cookie_inspector` domain and the engine's `widgets`. */
  _i18n: string;
};
