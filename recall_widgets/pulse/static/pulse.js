// The instructor's live page: reads the room summary pushed by /api/stream (server-sent
// events) and draws it with text nodes only (no HTML from the data is ever parsed).

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

/** @param {number} share */
const percent = (share) => `${Math.round(share * 100)}%`;

/** @param {number} n @param {string} word */
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

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
  const time = q.median_seconds == null ? "" : ` · median ${Math.round(q.median_seconds)} s`;
  const card = h(
    "article",
    { class: "pulse-card pulse-question", "data-item": `${q.deck}/${q.item}` },
    h("h3", {}, plain(q.prompt)),
    h("p", { class: "pulse-meta" },
      `${plural(q.answered, "learner")} answered · ${percent(right)} right first time${time}`),
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
    h("p", { class: "pulse-meta" }, `${plural(p.learners, "learner")} ticked concepts`),
  );
  for (const c of p.concepts) card.append(bar(c.text, c.share, `${percent(c.share)} (${c.count})`, false));
  return card;
}

/** @param {any} e */
function exerciseCard(e) {
  const failing = e.failing_most ? `fails most: ${e.failing_most} (${e.failing_count})` : "no failed check";
  return h(
    "article",
    { class: "pulse-card pulse-exercise", "data-item": `${e.deck}/${e.item}` },
    h("h3", {}, e.item),
    bar("passed", e.pass_rate, `${e.passed} of ${e.learners}`, true),
    h("p", { class: "pulse-meta" }, failing),
  );
}

/** @param {string[]} header @param {(Node|string)[][]} rows @param {string} cls */
function table(header, rows, cls) {
  return h(
    "table",
    { class: cls },
    h("thead", {}, h("tr", {}, ...header.map((t) => h("th", { scope: "col" }, t)))),
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
  text("pulse-learners", plural(data.learners.length, "learner"));
  text("pulse-events", plural(data.events, "event"));
  fill("pulse-questions", data.questions.filter((/** @type {any} */ q) => q.answered).map(questionCard), "No answers yet.");
  fill("pulse-prompts", data.prompts.filter((/** @type {any} */ p) => p.learners).map(promptCard), "No concepts ticked yet.");
  fill("pulse-exercises", data.exercises.map(exerciseCard), "No exercise checked yet.");
  const rated = data.cards.filter((/** @type {any} */ c) => Object.values(c.ratings).some((n) => n));
  fill("pulse-cards", rated.length ? [table(["card", "again", "hard", "good", "easy"],
    rated.map((/** @type {any} */ c) => [c.item, ...["again", "hard", "good", "easy"].map((r) => String(c.ratings[r]))]),
    "pulse-table")] : [], "No card rated yet.");
  const rows = data.learners.map((/** @type {any} */ l) => {
    const progress = h("progress", { max: String(l.total || 1), value: String(l.done) });
    const stuck = l.stuck.length ? h("strong", { class: "pulse-stuck" }, `stuck: ${l.stuck.join(", ")}`) : "";
    return [l.name, h("span", {}, progress, ` ${l.done} / ${l.total}`), l.section ?? "", stuck,
      l.last_seen ? new Date(l.last_seen).toLocaleTimeString() : ""];
  });
  fill("pulse-learners-table", rows.length ? [table(["learner", "items done", "section", "", "last seen"], rows, "pulse-table")] : [], "No one has joined yet.");
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
    section.replaceChildren(h("option", { value: "" }, "all"), ...sections.map((s) => h("option", { value: s }, s)));
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
    text("pulse-status", "live");
    document.body.dataset.version = JSON.parse(/** @type {MessageEvent} */ (event).data).version;
  });
  stream.onerror = () => text("pulse-status", "reconnecting…");
}

const THEMES = ["auto", "light", "dark"];
function setTheme(/** @type {string} */ theme) {
  document.documentElement.dataset.theme = theme;
  text("pulse-theme", `Theme: ${theme}`);
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
  if (!confirm("Delete every learner and event of this room? This cannot be undone.")) event.preventDefault();
});
connect();
