// Cookie inspector view: a real Flask session cookie in three labelled fields, its payload as
// decoded by Python, a payload-JSON editor, and "Send to the server" with the server's answer.
// Python does the decoding, re-encoding and sending (custom messages); everything here goes
// into the page as text (textContent and input values), never as HTML. Needs common.js for
// `render`; `splitCookie` and `joinCookie` also work alone (tests import this file directly).

/** @typedef {{prefix: string, payload: string, timestamp: string, signature: string}} CookieParts */
/**
 * @typedef {{seq: number, path: string, status: number, body: string, set_cookie: boolean,
 *   session: string, signature_valid: boolean, verdict: string}} SendResult
 */

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

/**
 * A labelled code field: label, input (or textarea), a hint and a problem line it describes.
 * @param {string} id
 * @param {string} label
 * @param {"input" | "textarea"} tag
 */
function field(id, label, tag) {
  const wrap = h("div", "recall-cookie-field");
  const name = /** @type {HTMLLabelElement} */ (h("label", "", label));
  const input = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (document.createElement(tag));
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

/** @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const id = `recall-cookie-${viewNumber()}`;
  const root = h("div", "recall-widget recall-cookie-inspector");
  root.setAttribute("role", "group");

  const toolbar = h("div", "recall-toolbar");
  const title = h("span", "recall-title", "Cookie inspector");
  const where = h("span", "recall-position");
  toolbar.append(title, where);
  const intro = h("p", "recall-cookie-intro");

  const parts = h("fieldset", "recall-cookie-parts");
  const legend = h("legend", "", "The cookie, in its parts: payload.timestamp.signature");
  const compressed = h("p", "recall-cookie-hint", "Compressed payload: the cookie starts with “.”, so it splits into 4 parts.");
  const payload = field(`${id}-payload`, "Payload", "input");
  payload.hint.textContent = "Base64url JSON: anyone can decode it, no key needed.";
  const timestamp = field(`${id}-timestamp`, "Timestamp", "input");
  const signature = field(`${id}-signature`, "Signature", "input");
  signature.hint.textContent = "HMAC-SHA1 of payload.timestamp: only the secret key can make it.";
  parts.append(legend, compressed, payload.wrap, timestamp.wrap, signature.wrap);

  const decoded = h("p", "recall-cookie-decoded");
  const decodedLabel = h("span", "recall-cookie-label", "Decoded without the key: ");
  const decodedValue = h("span", "recall-cookie-value");
  decoded.append(decodedLabel, decodedValue);

  const json = field(`${id}-json`, "Payload JSON", "textarea");
  json.hint.textContent = "Edit it and the payload is re-encoded; the old signature stays.";

  const sent = h("p", "recall-cookie-sent");
  const sentValue = h("span", "recall-cookie-value");
  sent.append(h("span", "recall-cookie-label", "Cookie header: "), sentValue);

  const actions = h("div", "recall-actions");
  const send = h("button", "recall-button recall-primary recall-cookie-send", "Send to the server");
  const reset = h("button", "recall-button recall-cookie-reset", "Reset");
  actions.append(send, reset);

  const result = h("div", "recall-cookie-result");
  result.setAttribute("role", "status");
  result.setAttribute("aria-live", "polite");
  root.append(toolbar, intro, parts, decoded, json.wrap, sent, actions, result);
  el.append(root);
  const offline = noKernelLine(model); // a static page: sending needs Python
  if (offline) toolbar.after(offline);

  const inputs = [payload.input, timestamp.input, signature.input];
  /** @returns {CookieParts} */
  const fromFields = () => ({
    prefix: compressed.hidden ? "" : ".",
    payload: payload.input.value,
    timestamp: timestamp.input.value,
    signature: signature.input.value,
  });
  /** @param {Record<string, unknown>} message */
  const tell = (message) => model.send(message);

  function sendCookie() {
    result.replaceChildren(h("p", "recall-loading", "Sending…"));
    tell({ kind: "send" }); // Python sends its `cookie`: every edit before this has reached it
  }

  for (const input of inputs) {
    input.addEventListener("input", () => {
      model.set("cookie", joinCookie(fromFields()));
      model.save_changes();
    });
  }
  json.input.addEventListener("input", () => tell({ kind: "encode", json: json.input.value }));
  json.input.addEventListener("blur", update);
  send.addEventListener("click", sendCookie);
  reset.addEventListener("click", () => tell({ kind: "reset" }));

  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    const target = /** @type {HTMLElement} */ (event.target);
    event.stopPropagation(); // native controls handle the rest; the notebook must not see it
    if (target.tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      sendCookie();
    }
  });

  /** @param {SendResult} r */
  function drawResult(r) {
    const verdict = h("p", `recall-verdict ${r.signature_valid ? "is-valid" : "is-invalid"}`);
    verdict.textContent = `${r.signature_valid ? "✓" : "✗"} ${r.verdict}`;
    const facts = h("dl", "recall-cookie-facts");
    /** @type {[string, string][]} */
    const rows = [
      ["Request", `#${r.seq}: GET ${r.path}`],
      ["Status", String(r.status)],
      ["Response body", r.body || "(empty)"],
      ["Set-Cookie", r.set_cookie ? "yes: a new session cookie came back" : "none"],
      ["Session the view saw", r.session],
    ];
    for (const [term, value] of rows) facts.append(h("dt", "", term), h("dd", "", value));
    result.replaceChildren(verdict, facts);
  }

  function update() {
    const cookie = String(model.get("cookie") || "");
    const user = String(model.get("user") || "");
    const path = String(model.get("path") || "");
    where.textContent = `GET ${path} · logged in as ${user}`;
    root.setAttribute("aria-label", `Cookie inspector: GET ${path}`);
    intro.textContent = `The session cookie Flask set when ${user} logged in. Edit any part, then send it to GET ${path}.`;

    // Never rewrite the field being typed in; the others follow the model.
    if (joinCookie(fromFields()) !== cookie) {
      const split = splitCookie(cookie);
      compressed.hidden = !split.prefix;
      const values = [split.payload, split.timestamp, split.signature];
      inputs.forEach((input, i) => {
        if (document.activeElement !== input) input.value = values[i];
      });
    }
    const signedAt = String(model.get("signed_at") || "");
    timestamp.hint.textContent = signedAt ? `Signed at ${signedAt}.` : "Base64url seconds since 1970.";
    const decodeError = String(model.get("decode_error") || "");
    const text = String(model.get("decoded") || "");
    decodedValue.textContent = decodeError ? `cannot decode: ${decodeError}` : text;
    showProblem(payload, decodeError ? "This payload does not decode." : "");

    const jsonError = String(model.get("json_error") || "");
    if (text && document.activeElement !== json.input && !jsonError) json.input.value = text;
    showProblem(json, jsonError);
    sentValue.textContent = cookie ? `session=${cookie}` : "(no cookie)";
  }

  /** The server's answer (or why the send failed), drawn only when one arrives. */
  function onResult() {
    const error = String(model.get("error") || "");
    /** @type {SendResult | Record<string, never>} */
    const last = model.get("result") || {};
    if (error) result.replaceChildren(h("p", "recall-verdict is-invalid", error));
    else if ("seq" in last) drawResult(/** @type {SendResult} */ (last));
    else result.replaceChildren();
  }

  const names = "change:cookie change:decoded change:decode_error change:signed_at change:json_error change:user change:path";
  model.on(names, update);
  // Python clears `error` before each send: only a new result or a new error is drawn.
  const onError = () => model.get("error") && onResult();
  model.on("change:result", onResult);
  model.on("change:error", onError);
  update();
  onResult();
  return () => {
    model.off(names, update);
    model.off("change:result", onResult);
    model.off("change:error", onError);
  };
}

export default { render };
