// The instructor's live page: reads the room summary pushed by /api/stream (server-sent
// events) and draws it with text nodes only (no HTML from the data is ever parsed).
// Its texts come from the `pulse` domain's catalog (recall_widgets/i18n/locale/<lang>/pulse.json),
// which the server puts into the page (#recall-i18n) in the language it chose (--lang, the
// course's `lang`, RECALL_LANG, else the browser's Accept-Language): `<html lang>` names it.
// `./i18n.js` is the widgets' own module: the server serves widgets/frontend/src/i18n.js there.

import { i18nFor } from "./i18n.js";

/** The page's translator: the catalog the server sent, in the language of `<html lang>`. */
function pageTranslator() {
  const script = document.getElementById("recall-i18n");
  /** @type {Record<string, import("./i18n.js").Catalog>} */
  let catalogs = {};
  try {
    catalogs = JSON.parse(script?.textContent || "{}");
  } catch (_error) {
    catalogs = {};
  }
  return i18nFor(catalogs, document.documentElement.lang || "en");
}
const { t, nt, pt, lang } = pageTranslator();

/** @param {string} tag @param {Record<string, string>} [attrs] @param {...(Node|string)} kids */
function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  for (const kid of kids) el.append(kid);
  return el;
}

/** Deck Markdown as plain text: code spans and emphasis marks dropped (text nodes only).
 * @param {string} markdown */
const plain = (markdown) => markdown.replace(/`([^`]*)`/g, "$1").replace(/(\*\*|__)(.+?)\1/g, "$2");

const percentFormat = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
/** @param {number} share */
const percent = (share) => percentFormat.format(share);

/** A bar with its label and share. @param {string} label @param {number} share @param {string} note @param {boolean} good */
function bar(label, share, note, good) {
  const fill = h("span", { class: "pulse-bar-fill" });
  fill.style.width = percent(share);
  return h(
    "div",
    { class: `pulse-bar${good ? " pulse-bar-good" : ""}` },
    h("span", { class: "pulse-bar-label" }, good ? `✓ ${plain(label)}` : plain(label)),
    h("span", { class: "pulse-bar-track", "aria-hidden": "true" }, fill),
    h("span", { class: "pulse-bar-value" }, note),
  );
}

/** @param {any} q */
function questionCard(q) {
  const right = q.answered ? q.right_first_time / q.answered : 0;
  // (no t() inside template literals: the extraction would not see it)
  const meta = [
    nt("{n} learner answered", "{n} learners answered", q.answered),
    t("{percent} right first time", { percent: percent(right) }),
  ];
  if (q.median_seconds != null) meta.push(t("median {seconds} s", { seconds: Math.round(q.median_seconds) }));
  const card = h(
    "article",
    { class: "pulse-card pulse-question", "data-item": `${q.deck}/${q.item}` },
    h("h3", {}, plain(q.prompt)),
    h("p", { class: "pulse-meta" }, meta.join(" · ")),
  );
  for (const c of q.choices) card.append(bar(c.text, c.share, `${percent(c.share)} (${c.count})`, c.correct));
  for (const c of q.common) card.append(bar(c.answer, c.count / q.answered, String(c.count), c.correct));
  return card;
}

/** @param {any} p */
function promptCard(p) {
  const card = h(
    "article",
    { class: "pulse-card pulse-prompt", "data-item": `${p.deck}/${p.item}` },
    h("h3", {}, plain(p.prompt)),
    h("p", { class: "pulse-meta" }, nt("{n} learner ticked concepts", "{n} learners ticked concepts", p.learners)),
  );
  for (const c of p.concepts) card.append(bar(c.text, c.share, `${percent(c.share)} (${c.count})`, false));
  return card;
}

/** @param {any} e */
function exerciseCard(e) {
  const failing = e.failing_most
    ? t("fails most: {check} ({count})", { check: e.failing_most, count: e.failing_count })
    : t("no failed check");
  return h(
    "article",
    { class: "pulse-card pulse-exercise", "data-item": `${e.deck}/${e.item}` },
    h("h3", {}, e.item),
    bar(t("passed"), e.pass_rate, t("{passed} of {learners}", { passed: e.passed, learners: e.learners }), true),
    h("p", { class: "pulse-meta" }, failing),
  );
}

/** @param {string[]} header @param {(Node|string)[][]} rows @param {string} cls */
function table(header, rows, cls) {
  return h(
    "table",
    { class: cls },
    h("thead", {}, h("tr", {}, ...header.map((cell) => h("th", { scope: "col" }, cell)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

/** @param {string} id @param {Node[]} nodes @param {string} empty */
function fill(id, nodes, empty) {
  const el = /** @type {HTMLElement} */ (document.getElementById(id));
  el.replaceChildren(...(nodes.length ? nodes : [h("p", { class: "pulse-empty" }, empty)]));
}

/** @param {any} data */
function draw(data) {
  const list = new Intl.ListFormat(lang, { type: "conjunction" });
  text("pulse-learners", nt("{n} learner", "{n} learners", data.learners.length));
  text("pulse-events", nt("{n} event", "{n} events", data.events));
  fill("pulse-questions", data.questions.filter((/** @type {any} */ q) => q.answered).map(questionCard), t("No answers yet."));
  fill("pulse-prompts", data.prompts.filter((/** @type {any} */ p) => p.learners).map(promptCard), t("No concepts ticked yet."));
  fill("pulse-exercises", data.exercises.map(exerciseCard), t("No exercise checked yet."));
  const rated = data.cards.filter((/** @type {any} */ c) => Object.values(c.ratings).some((n) => n));
  const ratings = [pt("rating", "again"), pt("rating", "hard"), pt("rating", "good"), pt("rating", "easy")];
  fill("pulse-cards", rated.length ? [table([t("card"), ...ratings],
    rated.map((/** @type {any} */ c) => [c.item, ...["again", "hard", "good", "easy"].map((r) => String(c.ratings[r]))]),
    "pulse-table")] : [], t("No card rated yet."));
  const rows = data.learners.map((/** @type {any} */ l) => {
    const progress = h("progress", { max: String(l.total || 1), value: String(l.done) });
    const stuck = l.stuck.length ? h("strong", { class: "pulse-stuck" }, t("stuck: {items}", { items: list.format(l.stuck) })) : "";
    return [l.name, h("span", {}, progress, ` ${l.done} / ${l.total}`), l.section ?? "", stuck,
      l.last_seen ? new Date(l.last_seen).toLocaleTimeString(lang) : ""];
  });
  const header = [t("learner"), t("items done"), t("section"), "", t("last seen")];
  fill("pulse-learners-table", rows.length ? [table(header, rows, "pulse-table")] : [], t("No one has joined yet."));
  options(data.decks);
}

/** @param {string} id @param {string} value */
function text(id, value) {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

/** @param {any[]} decks */
function options(decks) {
  const deck = /** @type {HTMLSelectElement} */ (document.getElementById("pulse-deck"));
  const section = /** @type {HTMLSelectElement} */ (document.getElementById("pulse-section"));
  if (deck.options.length === 1) for (const d of decks) deck.append(h("option", { value: d.id }, d.title));
  const sections = decks.filter((d) => !deck.value || d.id === deck.value).flatMap((d) => d.sections);
  const wanted = ["", ...sections].join("\n");
  if ([...section.options].map((o) => o.value).join("\n") !== wanted) {
    const chosen = section.value;
    section.replaceChildren(h("option", { value: "" }, pt("filter", "all")), ...sections.map((s) => h("option", { value: s }, s)));
    section.value = sections.includes(chosen) ? chosen : "";
  }
}

const started = new Date().toISOString();
/** @type {EventSource | null} */
let stream = null;

function connect() {
  const params = new URLSearchParams();
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
  if (value("pulse-deck").value) params.set("deck", value("pulse-deck").value);
  if (value("pulse-section").value) params.set("section", value("pulse-section").value);
  if (value("pulse-since").checked) params.set("since", started);
  const projector = value("pulse-projector").checked;
  document.documentElement.classList.toggle("pulse-projector", projector);
  if (projector) params.set("projector", "1");
  // on a hub, a cookie-signed-in stream (not a page view) must carry the hub's XSRF token
  if (document.body.dataset.xsrf) params.set("_xsrf", document.body.dataset.xsrf);
  stream?.close();
  stream = new EventSource(`${document.body.dataset.prefix ?? "/"}api/stream?${params}`);
  stream.addEventListener("summary", (event) => {
    draw(JSON.parse(/** @type {MessageEvent} */ (event).data));
    text("pulse-status", t("live"));
    document.body.dataset.version = JSON.parse(/** @type {MessageEvent} */ (event).data).version;
  });
  stream.onerror = () => text("pulse-status", t("reconnecting…"));
}

const THEMES = ["auto", "light", "dark"];
/** @type {Record<string, string>} */
const THEME_NAMES = { auto: pt("theme", "auto"), light: pt("theme", "light"), dark: pt("theme", "dark") };
function setTheme(/** @type {string} */ theme) {
  if (!THEMES.includes(theme)) theme = "auto";
  document.documentElement.dataset.theme = theme;
  text("pulse-theme", t("Theme: {theme}", { theme: THEME_NAMES[theme] }));
  localStorage.setItem("pulse-theme", theme);
}

setTheme(new URLSearchParams(location.search).get("theme") ?? localStorage.getItem("pulse-theme") ?? "auto");
/** @type {HTMLInputElement} */ (document.getElementById("pulse-projector")).checked =
  new URLSearchParams(location.search).has("projector");
document.getElementById("pulse-theme")?.addEventListener("click", () => {
  const now = document.documentElement.dataset.theme ?? "auto";
  setTheme(THEMES[(THEMES.indexOf(now) + 1) % THEMES.length]);
});
for (const id of ["pulse-deck", "pulse-section", "pulse-since", "pulse-projector"]) {
  document.getElementById(id)?.addEventListener("change", connect);
}
document.querySelector(".pulse-delete form")?.addEventListener("submit", (event) => {
  if (!confirm(t("Delete every learner and event of this room? This cannot be undone."))) event.preventDefault();
});
connect();
