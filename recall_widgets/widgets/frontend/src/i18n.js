// The widgets' language (issue 19): `t(msgid, vars)`, `nt(singular, plural, n, vars)`,
// `pt(context, msgid, vars)` from the compiled catalogs (recall_widgets/i18n/locale/<lang>/
// <domain>.json, `make i18n`), which Python sends in the model's `_i18n` trait: every shipped
// language of a domain, once per model (on a static page once per site: publishing/runtime.py).
//
// The language: the model's `lang` (the deck's `lang:`, the course's `lang`, or RECALL_LANG, as
// Python resolved it), else the browser's (`navigator.languages`), matched to a shipped one
// (`de-AT` → `de`), else English, the msgids' language. When Python knew none, the browser's
// choice is written to `browser_lang`, so Python makes its own texts in it too.
// Plurals: `Intl.PluralRules(lang)` picks the form (the catalogs key forms by CLDR category).
// Placeholders are `{name}`; `nt` always fills `{n}`.

/** @import { AnyModel } from "./model" */

/**
 * @typedef {Record<string, string | Record<string, string>>} Messages
 * @typedef {{ domain?: string, lang?: string, plural?: Record<string, string>, messages: Messages }} Catalog
 * @typedef {(msgid: string, vars?: Record<string, unknown>) => string} T
 * @typedef {(singular: string, plural: string, n: number, vars?: Record<string, unknown>) => string} NT
 * @typedef {(context: string, msgid: string, vars?: Record<string, unknown>) => string} PT
 * @typedef {{ lang: string, t: T, nt: NT, pt: PT }} Translator
 */

export const SOURCE_LANGUAGE = "en";
const CONTEXT = String.fromCharCode(4); // between a context and its msgid (as gettext)

/**
 * Replace each `{name}` with `vars[name]` (unknown names are kept).
 * @param {string} text
 * @param {Record<string, unknown>} [vars]
 */
export function format(text, vars = {}) {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/**
 * The available language closest to `wanted` (the tag, else its language alone), or "".
 * @param {string} wanted
 * @param {string[]} available
 */
export function match(wanted, available) {
  const tag = wanted.replace(/_/g, "-").toLowerCase();
  const lower = available.map((a) => a.toLowerCase());
  let i = lower.indexOf(tag);
  if (i < 0) i = lower.indexOf(tag.split("-")[0]);
  return i < 0 ? "" : available[i];
}

/** The browser's preferred languages, first first. */
export function browserLanguages() {
  const nav = globalThis.navigator;
  if (!nav) return [];
  return nav.languages && nav.languages.length ? [...nav.languages] : nav.language ? [nav.language] : [];
}

/**
 * The language to show: `chosen` (Python's) when set, else the browser's first that matches.
 * @param {string} chosen
 * @param {string[]} available every shipped language, English included
 */
export function chooseLanguage(chosen, available) {
  if (chosen) return match(chosen, available) || SOURCE_LANGUAGE;
  for (const wanted of browserLanguages()) {
    const found = match(wanted, available);
    if (found) return found;
  }
  return SOURCE_LANGUAGE;
}

/** @type {Map<string, Record<string, Record<string, Catalog>>>} */
const parsed = new Map();

/**
 * The catalogs of an `_i18n` text: {domain: {lang: catalog}} (parsed once per text).
 * @param {string} text
 */
export function parseCatalogs(text) {
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

/**
 * A translator for one language of one domain's catalogs.
 * @param {Record<string, Catalog>} catalogs the domain's, by language
 * @param {string} chosen the language wanted ("" lets the browser decide)
 * @returns {Translator}
 */
export function i18nFor(catalogs, chosen) {
  const lang = chooseLanguage(chosen, [SOURCE_LANGUAGE, ...Object.keys(catalogs)]);
  const messages = (catalogs[lang] && catalogs[lang].messages) || {};
  let rules;
  try {
    rules = new Intl.PluralRules(lang);
  } catch (_error) {
    rules = new Intl.PluralRules(SOURCE_LANGUAGE);
  }
  /** @param {string} key @param {string} msgid @param {Record<string, unknown>} [vars] */
  const lookup = (key, msgid, vars) => {
    const found = messages[key];
    return format(typeof found === "string" && found ? found : msgid, vars);
  };
  /** @type {T} */
  const t = (msgid, vars) => lookup(msgid, msgid, vars);
  /** @type {PT} */
  const pt = (context, msgid, vars) => lookup(context + CONTEXT + msgid, msgid, vars);
  /** @type {NT} */
  const nt = (singular, plural, n, vars) => {
    const forms = messages[singular];
    const all = { n, ...(vars || {}) };
    if (forms && typeof forms === "object") {
      const text = forms[rules.select(n)] || forms.other;
      if (text) return format(text, all);
    }
    return format(new Intl.PluralRules(SOURCE_LANGUAGE).select(n) === "one" ? singular : plural, all);
  };
  return { lang, t, nt, pt };
}

/** @type {WeakMap<object, Map<string, Translator>>} */
const perModel = new WeakMap();

/**
 * The translator of a widget's model for `domain` (cached per model; made again when the
 * model's `lang` changes). When Python chose no language, the browser's is written to the
 * model's `browser_lang` (once), so Python's own texts follow it.
 * @param {AnyModel<any>} model
 * @param {string} [domain]
 * @returns {Translator}
 */
export function i18n(model, domain = "widgets") {
  const chosen = String(model.get("lang") || "");
  const text = String(model.get("_i18n") || "");
  const key = `${domain}|${chosen}|${text.length}`;
  let cache = perModel.get(model);
  if (!cache) {
    cache = new Map();
    perModel.set(model, cache);
  }
  let found = cache.get(key);
  if (!found) {
    const catalogs = parseCatalogs(text)[domain] || {};
    found = i18nFor(catalogs, chosen);
    cache.set(key, found);
    // Only a kernel can use it (a static page would keep it in its saved progress).
    const manager = /** @type {{kernel?: unknown} | undefined} */ (model.widget_manager);
    const live = Boolean(manager && manager.kernel);
    if (!chosen && live && model.get("browser_lang") !== undefined && model.get("browser_lang") !== found.lang) {
      model.set("browser_lang", found.lang);
      model.save_changes();
    }
  }
  return found;
}

/**
 * Mark a widget's root with the language it speaks (screen readers, `hyphens: auto`), and its
 * content with the deck's language when the deck declares one.
 * @param {HTMLElement} root
 * @param {Translator} translator
 */
export function markLanguage(root, translator) {
  root.lang = translator.lang;
}

/**
 * Set the deck's language (`content_lang`) on an element holding the deck's text.
 * @param {HTMLElement} el
 * @param {AnyModel<any>} model
 */
export function contentLanguage(el, model) {
  const lang = String(model.get("content_lang") || "");
  if (lang) el.lang = lang;
  else el.removeAttribute("lang");
  return el;
}
