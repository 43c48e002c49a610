// Cookie inspector: a real Flask session cookie in three labelled fields, its payload as
// decoded by Python, a payload-JSON editor, and "Send to the server" with the server's answer.
// Python does the decoding, re-encoding and sending (custom messages); everything here goes
// into the page as text (textContent and input values), never as HTML. `splitCookie` and
// `joinCookie` touch no DOM (tests import them in Node).
// Its texts are the course's own domain, `cookie_inspector` (flask_course/locale/), in the
// language the engine's widgets speak: the model's `lang`, else the browser's.

import { h, noKernelLine, viewNumber, widgetRoot } from "@recall-widgets/frontend/common.js";
import { i18n, markLanguage } from "@recall-widgets/frontend/i18n.js";

/** @import { AnyModel, CookieInspectorTraits, SendResult } from "./model" */
/** @typedef {AnyModel<CookieInspectorTraits>} Model */
/** @typedef {{prefix: string, payload: string, timestamp: string, signature: string}} CookieParts */
/** @typedef {{wrap: HTMLElement, input: HTMLInputElement | HTMLTextAreaElement, hint: HTMLElement, problem: HTMLElement}} Field */
/** @typedef {import("@recall-widgets/frontend/i18n.js").Translator} Translator */

export const DOMAIN = "cookie_inspector";

const TRAITS = "change:cookie change:decoded change:decode_error change:signed_at change:json_error change:user change:path";

/**
 * Split a cookie into its parts: a leading "." (compressed), then payload, timestamp and
 * signature, cut at the last two dots (a cookie with fewer keeps everything in the payload).
 * @param {string} cookie
 * @returns {CookieParts}
 */
export function splitCookie(cookie) {
  const prefix = cookie.startsWith(".") ? "." : "";
  const pieces = cookie.slice(prefix.length).split(".");
  if (pieces.length < 3) return { prefix, payload: pieces.join("."), timestamp: "", signature: "" };
  const signature = /** @type {string} */ (pieces.pop());
  const timestamp = /** @type {string} */ (pieces.pop());
  return { prefix, payload: pieces.join("."), timestamp, signature };
}

/**
 * The cookie the three fields make, dots between them (the inverse of `splitCookie`).
 * @param {CookieParts} parts
 * @returns {string}
 */
export function joinCookie({ prefix, payload, timestamp, signature }) {
  if (!timestamp && !signature) return prefix + payload;
  return `${prefix}${payload}.${timestamp}.${signature}`;
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * A labelled code field: label, input (or textarea), a hint and a problem line it describes.
 * @param {string} id
 * @param {string} label
 * @param {"input" | "textarea"} tag
 * @param {string} [hintText]
 * @returns {Field}
 */
function field(id, label, tag, hintText = "") {
  const wrap = h("div", "recall-cookie-field");
  const name = h("label", "", label);
  const input = document.createElement(tag);
  input.className = `recall-cookie-${tag}`;
  input.id = id;
  name.htmlFor = id;
  // Code, not prose: no JupyterLab shortcuts, spell-check, autocomplete or capitals.
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  input.setAttribute("spellcheck", "false");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("autocapitalize", "off");
  if (input instanceof HTMLInputElement) input.type = "text";
  const hint = h("p", "recall-cookie-hint");
  hint.id = `${id}-hint`;
  hint.textContent = hintText;
  const problem = h("p", "recall-cookie-problem");
  problem.id = `${id}-problem`;
  problem.hidden = true;
  input.setAttribute("aria-describedby", `${hint.id} ${problem.id}`);
  wrap.append(name, input, hint, problem);
  return { wrap, input, hint, problem };
}

/**
 * Show or hide a problem under a field, and mark the field invalid while it shows.
 * @param {{input: HTMLElement, problem: HTMLElement}} f
 * @param {string} text
 */
function showProblem(f, text) {
  f.problem.textContent = text;
  f.problem.hidden = !text;
  f.input.setAttribute("aria-invalid", String(Boolean(text)));
}

/**
 * The cookie in its parts: payload, timestamp and signature fields, with a note when the payload
 * is compressed. `read()` is the cookie they make; `onEdit(cb)` calls `cb` on every keystroke
 * in them; `show(cookie, signedAt, decodeError)` splits a cookie into them (leaving the field
 * being typed in alone), with when it was signed and whether its payload decodes.
 * @param {string} id
 * @param {Translator} tr
 */
function cookieParts(id, { t }) {
  const el = h("fieldset", "recall-cookie-parts");
  const legend = h("legend", "", t("The cookie, in its parts: payload.timestamp.signature"));
  const compressed = h("p", "recall-cookie-hint", t("Compressed payload: the cookie starts with “.”, so it splits into 4 parts."));
  const payload = field(`${id}-payload`, t("Payload"), "input", t("Base64url JSON: anyone can decode it, no key needed."));
  const timestamp = field(`${id}-timestamp`, t("Timestamp"), "input");
  const signature = field(`${id}-signature`, t("Signature"), "input", t("HMAC-SHA1 of payload.timestamp: only the secret key can make it."));
  el.append(legend, compressed, payload.wrap, timestamp.wrap, signature.wrap);
  const inputs = [payload.input, timestamp.input, signature.input];

  /** @returns {string} */
  const read = () =>
    joinCookie({
      prefix: compressed.hidden ? "" : ".",
      payload: payload.input.value,
      timestamp: timestamp.input.value,
      signature: signature.input.value,
    });
  /** @param {() => void} cb */
  const onEdit = (cb) => inputs.forEach((input) => input.addEventListener("input", cb));
  /**
   * @param {string} cookie
   * @param {string} signedAt
   * @param {string} decodeError
   */
  function show(cookie, signedAt, decodeError) {
    if (read() !== cookie) {
      const split = splitCookie(cookie);
      compressed.hidden = !split.prefix;
      const values = [split.payload, split.timestamp, split.signature];
      inputs.forEach((input, i) => {
        if (document.activeElement !== input) input.value = values[i];
      });
    }
    timestamp.hint.textContent = signedAt ? t("Signed at {time}.", { time: signedAt }) : t("Base64url seconds since 1970.");
    showProblem(payload, decodeError ? t("This payload does not decode.") : "");
  }
  return { el, read, onEdit, show };
}

/**
 * The payload as JSON, to edit; `show(text, error)` puts Python's decoding in (not while the
 * learner types, nor over JSON Python refused) and says why JSON was refused.
 * @param {string} id
 * @param {Translator} tr
 */
function jsonEditor(id, { t }) {
  const json = field(`${id}-json`, t("Payload JSON"), "textarea", t("Edit it and the payload is re-encoded; the old signature stays."));
  /**
   * @param {string} text
   * @param {string} error
   */
  function show(text, error) {
    if (text && document.activeElement !== json.input && !error) json.input.value = text;
    showProblem(json, error);
  }
  return { el: json.wrap, input: json.input, show };
}

/**
 * The title, the request and user (`show(root, path, user)`, which also names the widget), and
 * one sentence on what to do.
 * @param {Translator} tr
 */
function inspectorHeader({ t }) {
  const toolbar = h("div", "recall-toolbar");
  const where = h("span", "recall-position");
  toolbar.append(h("span", "recall-title", t("Cookie inspector")), where);
  const intro = h("p", "recall-cookie-intro");
  /**
   * @param {HTMLElement} root
   * @param {string} path
   * @param {string} user
   */
  function show(root, path, user) {
    where.textContent = t("GET {path} · logged in as {user}", { path, user });
    root.setAttribute("aria-label", t("Cookie inspector: GET {path}", { path }));
    intro.textContent = t("The session cookie Flask set when {user} logged in. Edit any part, then send it to GET {path}.", { path, user });
  }
  return { toolbar, intro, show };
}

/**
 * Keep every key inside the widget (native controls handle them; the notebook must not see
 * them), except Tab, Escape and modified keys; Enter in a field sends (`send`).
 * @param {HTMLElement} root
 * @param {() => void} send
 */
function keepKeysSendOnEnter(root, send) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    const target = /** @type {HTMLElement} */ (event.target);
    event.stopPropagation();
    if (target.tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      send();
    }
  });
}

/**
 * A line "label value" (`recall-cookie-value` holds the value, as text).
 * @param {string} className
 * @param {string} label
 */
function labelledLine(className, label) {
  const el = h("p", className);
  const value = h("span", "recall-cookie-value");
  el.append(h("span", "recall-cookie-label", label), value);
  return { el, value };
}

/**
 * What the server made of the last send (a status region): verdict and facts, or why it failed.
 * `sending()` says a send is under way.
 * @param {Translator} tr
 */
function resultView(tr) {
  const el = h("div", "recall-cookie-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");

  const sending = () => el.replaceChildren(h("p", "recall-loading", tr.t("Sending…")));
  /**
   * @param {string} error
   * @param {SendResult | Record<string, never>} last
   */
  function show(error, last) {
    if (error) el.replaceChildren(h("p", "recall-verdict is-invalid", error));
    else if ("seq" in last) el.replaceChildren(...resultParts(/** @type {SendResult} */ (last), tr));
    else el.replaceChildren();
  }
  return { el, sending, show };
}

/**
 * The verdict on a send and its facts: request, status, body, Set-Cookie, the session seen.
 * @param {SendResult} r
 * @param {Translator} tr
 */
function resultParts(r, { t }) {
  const verdict = h("p", `recall-verdict ${r.signature_valid ? "is-valid" : "is-invalid"}`);
  verdict.textContent = `${r.signature_valid ? "✓" : "✗"} ${r.verdict}`;
  const facts = h("dl", "recall-cookie-facts");
  /** @type {[string, string][]} */
  const rows = [
    [t("Request"), t("#{seq}: GET {path}", { seq: r.seq, path: r.path })],
    [t("Status"), String(r.status)],
    [t("Response body"), r.body || t("(empty)")],
    ["Set-Cookie", r.set_cookie ? t("yes: a new session cookie came back") : t("none")],
    [t("Session the view saw"), r.session],
  ];
  for (const [term, value] of rows) facts.append(h("dt", "", term), h("dd", "", value));
  return [verdict, facts];
}

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const id = `recall-cookie-${viewNumber()}`;
  const tr = i18n(model, DOMAIN);
  const { t } = tr;
  const root = widgetRoot("recall-cookie-inspector");
  markLanguage(root, tr);
  const header = inspectorHeader(tr);
  const parts = cookieParts(id, tr);
  const decoded = labelledLine("recall-cookie-decoded", t("Decoded without the key:") + " ");
  const json = jsonEditor(id, tr);
  const sent = labelledLine("recall-cookie-sent", t("Cookie header:") + " ");
  const actions = h("div", "recall-actions");
  const send = h("button", "recall-button recall-primary recall-cookie-send", t("Send to the server"));
  const reset = h("button", "recall-button recall-cookie-reset", t("Reset"));
  actions.append(send, reset);
  const result = resultView(tr);
  root.append(header.toolbar, header.intro, parts.el, decoded.el, json.el, sent.el, actions, result.el);
  el.append(root);
  const offline = noKernelLine(model); // a static page: sending needs Python
  if (offline) header.toolbar.after(offline);

  /** @param {Record<string, unknown>} message */
  const tell = (message) => model.send(message);
  function sendCookie() {
    result.sending();
    tell({ kind: "send" }); // Python sends its `cookie`: every edit before this has reached it
  }
  parts.onEdit(() => {
    model.set("cookie", parts.read());
    model.save_changes();
  });
  json.input.addEventListener("input", () => tell({ kind: "encode", json: json.input.value }));
  json.input.addEventListener("blur", update);
  send.addEventListener("click", sendCookie);
  reset.addEventListener("click", () => tell({ kind: "reset" }));
  keepKeysSendOnEnter(root, sendCookie);

  function update() {
    const cookie = String(model.get("cookie") || "");
    const decodeError = String(model.get("decode_error") || "");
    const text = String(model.get("decoded") || "");
    header.show(root, String(model.get("path") || ""), String(model.get("user") || ""));
    parts.show(cookie, String(model.get("signed_at") || ""), decodeError);
    decoded.value.textContent = decodeError ? t("cannot decode: {error}", { error: decodeError }) : text;
    json.show(text, String(model.get("json_error") || ""));
    sent.value.textContent = cookie ? `session=${cookie}` : t("(no cookie)");
  }

  /** The server's answer (or why the send failed), drawn only when one arrives. */
  const onResult = () => result.show(String(model.get("error") || ""), model.get("result") || {});
  // Python clears `error` before each send: only a new result or a new error is drawn.
  const onError = () => model.get("error") && onResult();
  model.on(TRAITS, update);
  model.on("change:result", onResult);
  model.on("change:error", onError);
  update();
  onResult();
  return () => {
    model.off(TRAITS, update);
    model.off("change:result", onResult);
    model.off("change:error", onError);
  };
}

export default { render };
