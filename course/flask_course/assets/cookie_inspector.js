// Built by `npm run build` from course/flask_course/assets/src/: edit the files there, not this one.

// ../../../recall_widgets/widgets/frontend/src/i18n.js
var SOURCE_LANGUAGE = "en";
var CONTEXT = String.fromCharCode(4);
function format(text, vars = {}) {
  return text.replace(
    /\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
    (whole, name) => Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole
  );
}
function match(wanted, available) {
  const tag = wanted.replace(/_/g, "-").toLowerCase();
  const lower = available.map((a) => a.toLowerCase());
  let i = lower.indexOf(tag);
  if (i < 0) i = lower.indexOf(tag.split("-")[0]);
  return i < 0 ? "" : available[i];
}
function browserLanguages() {
  const nav = globalThis.navigator;
  if (!nav) return [];
  return nav.languages && nav.languages.length ? [...nav.languages] : nav.language ? [nav.language] : [];
}
function chooseLanguage(chosen, available) {
  if (chosen) return match(chosen, available) || SOURCE_LANGUAGE;
  for (const wanted of browserLanguages()) {
    const found = match(wanted, available);
    if (found) return found;
  }
  return SOURCE_LANGUAGE;
}
var parsed = /* @__PURE__ */ new Map();
function parseCatalogs(text) {
  let found = parsed.get(text);
  if (!found) {
    try {
      found = text ? JSON.parse(text) : {};
    } catch (_error) {
      found = {};
    }
    parsed.set(text, found || {});
  }
  return found || {};
}
function i18nFor(catalogs, chosen) {
  const lang = chooseLanguage(chosen, [SOURCE_LANGUAGE, ...Object.keys(catalogs)]);
  const messages = catalogs[lang] && catalogs[lang].messages || {};
  let rules;
  try {
    rules = new Intl.PluralRules(lang);
  } catch (_error) {
    rules = new Intl.PluralRules(SOURCE_LANGUAGE);
  }
  const lookup = (key, msgid, vars) => {
    const found = messages[key];
    return format(typeof found === "string" && found ? found : msgid, vars);
  };
  const t = (msgid, vars) => lookup(msgid, msgid, vars);
  const pt = (context, msgid, vars) => lookup(context + CONTEXT + msgid, msgid, vars);
  const nt = (singular, plural, n, vars) => {
    const forms = messages[singular];
    const all = { n, ...vars || {} };
    if (forms && typeof forms === "object") {
      const text = forms[rules.select(n)] || forms.other;
      if (text) return format(text, all);
    }
    return format(new Intl.PluralRules(SOURCE_LANGUAGE).select(n) === "one" ? singular : plural, all);
  };
  return { lang, t, nt, pt };
}
var perModel = /* @__PURE__ */ new WeakMap();
function i18n(model, domain = "widgets") {
  const chosen = String(model.get("lang") || "");
  const text = String(model.get("_i18n") || "");
  const key = `${domain}|${chosen}|${text.length}`;
  let cache = perModel.get(model);
  if (!cache) {
    cache = /* @__PURE__ */ new Map();
    perModel.set(model, cache);
  }
  let found = cache.get(key);
  if (!found) {
    const catalogs = parseCatalogs(text)[domain] || {};
    found = i18nFor(catalogs, chosen);
    cache.set(key, found);
    const manager = (
      /** @type {{kernel?: unknown} | undefined} */
      model.widget_manager
    );
    const live = Boolean(manager && manager.kernel);
    if (!chosen && live && model.get("browser_lang") !== void 0 && model.get("browser_lang") !== found.lang) {
      model.set("browser_lang", found.lang);
      model.save_changes();
    }
  }
  return found;
}
function markLanguage(root, translator) {
  root.lang = translator.lang;
}

// ../../../recall_widgets/widgets/frontend/src/common.js
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
function kernelBehind(model) {
  const manager = (
    /** @type {{kernel?: unknown} | undefined} */
    model.widget_manager
  );
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}
function noKernelLine(model, text) {
  if (kernelBehind(model)) return null;
  if (text === void 0) text = i18n(model).t("This demo needs a running Python kernel.");
  const line = h("p", "recall-notice recall-no-kernel", text);
  line.setAttribute("role", "note");
  return line;
}

// src/cookie_inspector.js
var DOMAIN = "cookie_inspector";
var TRAITS = "change:cookie change:decoded change:decode_error change:signed_at change:json_error change:user change:path";
function splitCookie(cookie) {
  const prefix = cookie.startsWith(".") ? "." : "";
  const pieces = cookie.slice(prefix.length).split(".");
  if (pieces.length < 3) return { prefix, payload: pieces.join("."), timestamp: "", signature: "" };
  const signature = (
    /** @type {string} */
    pieces.pop()
  );
  const timestamp = (
    /** @type {string} */
    pieces.pop()
  );
  return { prefix, payload: pieces.join("."), timestamp, signature };
}
function joinCookie({ prefix, payload, timestamp, signature }) {
  if (!timestamp && !signature) return prefix + payload;
  return `${prefix}${payload}.${timestamp}.${signature}`;
}
function field(id, label, tag, hintText = "") {
  const wrap = h("div", "recall-cookie-field");
  const name = h("label", "", label);
  const input = document.createElement(tag);
  input.className = `recall-cookie-${tag}`;
  input.id = id;
  name.htmlFor = id;
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
function showProblem(f, text) {
  f.problem.textContent = text;
  f.problem.hidden = !text;
  f.input.setAttribute("aria-invalid", String(Boolean(text)));
}
function cookieParts(id, { t }) {
  const el = h("fieldset", "recall-cookie-parts");
  const legend = h("legend", "", t("The cookie, in its parts: payload.timestamp.signature"));
  const compressed = h("p", "recall-cookie-hint", t("Compressed payload: the cookie starts with “.”, so it splits into 4 parts."));
  const payload = field(`${id}-payload`, t("Payload"), "input", t("Base64url JSON: anyone can decode it, no key needed."));
  const timestamp = field(`${id}-timestamp`, t("Timestamp"), "input");
  const signature = field(`${id}-signature`, t("Signature"), "input", t("HMAC-SHA1 of payload.timestamp: only the secret key can make it."));
  el.append(legend, compressed, payload.wrap, timestamp.wrap, signature.wrap);
  const inputs = [payload.input, timestamp.input, signature.input];
  const read = () => joinCookie({
    prefix: compressed.hidden ? "" : ".",
    payload: payload.input.value,
    timestamp: timestamp.input.value,
    signature: signature.input.value
  });
  const onEdit = (cb) => inputs.forEach((input) => input.addEventListener("input", cb));
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
function jsonEditor(id, { t }) {
  const json = field(`${id}-json`, t("Payload JSON"), "textarea", t("Edit it and the payload is re-encoded; the old signature stays."));
  function show(text, error) {
    if (text && document.activeElement !== json.input && !error) json.input.value = text;
    showProblem(json, error);
  }
  return { el: json.wrap, input: json.input, show };
}
function inspectorHeader({ t }) {
  const toolbar = h("div", "recall-toolbar");
  const where = h("span", "recall-position");
  toolbar.append(h("span", "recall-title", t("Cookie inspector")), where);
  const intro = h("p", "recall-cookie-intro");
  function show(root, path, user) {
    where.textContent = t("GET {path} · logged in as {user}", { path, user });
    root.setAttribute("aria-label", t("Cookie inspector: GET {path}", { path }));
    intro.textContent = t("The session cookie Flask set when {user} logged in. Edit any part, then send it to GET {path}.", { path, user });
  }
  return { toolbar, intro, show };
}
function keepKeysSendOnEnter(root, send) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    const target = (
      /** @type {HTMLElement} */
      event.target
    );
    event.stopPropagation();
    if (target.tagName === "INPUT" && event.key === "Enter") {
      event.preventDefault();
      send();
    }
  });
}
function labelledLine(className, label) {
  const el = h("p", className);
  const value = h("span", "recall-cookie-value");
  el.append(h("span", "recall-cookie-label", label), value);
  return { el, value };
}
function resultView(tr) {
  const el = h("div", "recall-cookie-result");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  const sending = () => el.replaceChildren(h("p", "recall-loading", tr.t("Sending…")));
  function show(error, last) {
    if (error) el.replaceChildren(h("p", "recall-verdict is-invalid", error));
    else if ("seq" in last) el.replaceChildren(...resultParts(
      /** @type {SendResult} */
      last,
      tr
    ));
    else el.replaceChildren();
  }
  return { el, sending, show };
}
function resultParts(r, { t }) {
  const verdict = h("p", `recall-verdict ${r.signature_valid ? "is-valid" : "is-invalid"}`);
  verdict.textContent = `${r.signature_valid ? "✓" : "✗"} ${r.verdict}`;
  const facts = h("dl", "recall-cookie-facts");
  const rows = [
    [t("Request"), t("#{seq}: GET {path}", { seq: r.seq, path: r.path })],
    [t("Status"), String(r.status)],
    [t("Response body"), r.body || t("(empty)")],
    ["Set-Cookie", r.set_cookie ? t("yes: a new session cookie came back") : t("none")],
    [t("Session the view saw"), r.session]
  ];
  for (const [term, value] of rows) facts.append(h("dt", "", term), h("dd", "", value));
  return [verdict, facts];
}
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
  const offline = noKernelLine(model);
  if (offline) header.toolbar.after(offline);
  const tell = (message) => model.send(message);
  function sendCookie() {
    result.sending();
    tell({ kind: "send" });
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
  const onResult = () => result.show(String(model.get("error") || ""), model.get("result") || {});
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
var cookie_inspector_default = { render };
export {
  DOMAIN,
  cookie_inspector_default as default,
  joinCookie,
  splitCookie
};
