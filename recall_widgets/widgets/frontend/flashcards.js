// Built by `npm run build` from recall_widgets/widgets/frontend/src/: edit the files there, not this one.

// src/i18n.js
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

// src/common.js
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
function toolbar(between = []) {
  const el = h("div", "recall-toolbar");
  const title = h("span", "recall-title");
  const badge = h("span", "recall-level");
  const position = h("span", "recall-position");
  el.append(title, badge, ...between, position);
  return { el, title, badge, position };
}
function setHeading(el, model) {
  el.innerHTML = String(model.get("title_html") || "");
  const section = model.get("section");
  if (section) el.append(` · ${section}`);
}
function showHeading(bar, root, model, kind) {
  setHeading(bar.title, model);
  const text = bar.title.textContent;
  bar.title.hidden = !text;
  root.setAttribute("aria-label", text ? i18n(model).t("{kind}: {title}", { kind, title: text }) : kind);
}
function levelLabel({ pt }, level) {
  const labels = {
    beginner: pt("level", "beginner"),
    intermediate: pt("level", "intermediate"),
    advanced: pt("level", "advanced")
  };
  return labels[level] || level;
}
function showLevel(badge, level, tr = i18nFor({}, "")) {
  badge.textContent = levelLabel(tr, level);
  badge.hidden = !level;
}
function navigation(middle = [], tr = i18nFor({}, "")) {
  const { t } = tr;
  const el = h("div", "recall-nav");
  const prev = h("button", "recall-button recall-prev", t("Previous"));
  const next = h("button", "recall-button recall-next", t("Next"));
  el.append(prev, ...middle, next);
  function show(back, on) {
    prev.setAttribute("aria-disabled", String(!back));
    next.setAttribute("aria-disabled", String(!on));
  }
  return { el, prev, next, show };
}
function nextSeq(events) {
  if (!events.length) return 1;
  const last = events[events.length - 1].seq;
  return (typeof last === "number" && Number.isInteger(last) && last >= 0 ? last : events.length) + 1;
}
function record(model, kind, item, value, traits = {}, deck = model.get("deck_id")) {
  const base = model;
  const events = base.get("events") || [];
  const event = { deck, item, kind, value, seq: nextSeq(events), time: (/* @__PURE__ */ new Date()).toISOString() };
  for (
    const name of
    /** @type {(keyof T)[]} */
    Object.keys(traits)
  ) {
    model.set(
      name,
      /** @type {T[keyof T]} */
      traits[name]
    );
  }
  base.set("events", [...events, event]);
  model.save_changes();
}
var latest = (events, item, kind) => events.filter((e) => e.item === item && e.kind === kind).pop();
function shortcutKeys(root, onKey) {
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (
      /** @type {HTMLElement} */
      event.target.tagName
    );
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") {
      if (event.key !== "Tab" && event.key !== "Escape") event.stopPropagation();
      return;
    }
    if ((event.key === " " || event.key === "Enter") && tag === "BUTTON") {
      event.stopPropagation();
      return;
    }
    if (!onKey(event.key)) return;
    event.preventDefault();
    event.stopPropagation();
  });
}
function kernelBehind(model) {
  const manager = (
    /** @type {{kernel?: unknown} | undefined} */
    model.widget_manager
  );
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}
function noticeText(model) {
  const notice = String(model.get("notice") || "");
  const { t } = i18n(model);
  return notice || (kernelBehind(model) ? "" : t("Progress is not recorded in this static page — open the notebook in Jupyter to save it."));
}
function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}
function fillNotice(line, model) {
  line.textContent = noticeText(model);
  line.hidden = !line.textContent;
}
function followModel(model, root, names, update) {
  root.lang = i18n(model).lang;
  model.on(names, update);
  update();
  const notice = noticeLine();
  root.append(notice);
  const showNotice = () => fillNotice(notice, model);
  model.on("change:notice", showNotice);
  showNotice();
  return () => {
    model.off(names, update);
    model.off("change:notice", showNotice);
  };
}

// src/card_view.js
var RATINGS = ["again", "hard", "good", "easy"];
function ratingLabel({ pt }, rating) {
  const labels = {
    again: pt("rating", "Again"),
    hard: pt("rating", "Hard"),
    good: pt("rating", "Good"),
    easy: pt("rating", "Easy")
  };
  return labels[rating] || rating;
}
function cardFaces({ t }) {
  const el = h("div", "recall-card");
  const loading = h("p", "recall-loading", t("Loading…"));
  const front = h("div", "recall-card-front recall-content");
  const context = h("div", "recall-card-context recall-content");
  const back = h("div", "recall-card-back recall-content");
  el.append(loading, front, context, back);
  function draw(content) {
    front.innerHTML = content ? content.front : "";
    context.innerHTML = content ? content.front : "";
    back.innerHTML = content ? content.back : "";
  }
  function turn(shown, flipped) {
    loading.hidden = shown;
    front.hidden = !shown || flipped;
    context.hidden = back.hidden = !shown || !flipped;
    el.classList.toggle("is-flipped", flipped);
  }
  return { el, draw, turn, faces: [front, context, back] };
}
function ratingButtons(onRate, tr) {
  const { t } = tr;
  const el = h("div", "recall-ratings");
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", t("How well did you recall it?"));
  const buttons = RATINGS.map((rating, i) => {
    const b = h("button", `recall-button recall-rate recall-rate-${rating}`);
    b.dataset.rating = rating;
    b.append(h("span", "recall-key", String(i + 1)), ` ${ratingLabel(tr, rating)}`);
    b.addEventListener("click", () => onRate(rating));
    return b;
  });
  el.append(...buttons);
  const rated = h("p", "recall-rated");
  rated.setAttribute("role", "status");
  function show(rating) {
    rated.textContent = rating ? t("Your last rating: {rating}", { rating: ratingLabel(tr, rating) }) : "";
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.rating === rating));
  }
  return { el, rated, show };
}
function createCardView({ onFlip, onRate, home, tr, lang = "" }) {
  const { t } = tr;
  const el = h("div", "recall-card-view");
  const card = cardFaces(tr);
  if (lang) for (const face of card.faces) face.lang = lang;
  const flipButton = h("button", "recall-button recall-flip recall-primary", t("Show answer"));
  const ratings = ratingButtons(rate2, tr);
  el.append(card.el, flipButton, ratings.el, ratings.rated);
  let shown = (
    /** @type {CardContent | undefined} */
    void 0
  );
  let flipped = false;
  let turned = false;
  function flip() {
    if (shown) onFlip(!flipped);
  }
  function rate2(rating) {
    if (!turned) return;
    if (ratings.el.contains(document.activeElement)) home.focus();
    onRate(rating);
  }
  flipButton.addEventListener("click", flip);
  function show(content, state) {
    if (content !== shown) {
      shown = content;
      card.draw(content);
    }
    turned = Boolean(state.flipped);
    flipped = turned && Boolean(content);
    card.turn(Boolean(content), flipped);
    flipButton.textContent = flipped ? t("Hide answer") : t("Show answer");
    if (!flipped && ratings.el.contains(document.activeElement)) home.focus();
    ratings.el.hidden = !flipped;
    ratings.show(state.rating);
  }
  function key(key2) {
    if (key2 === " " || key2 === "Enter") flip();
    else if (["1", "2", "3", "4"].includes(key2)) rate2(RATINGS[Number(key2) - 1]);
    else return false;
    return true;
  }
  return { el, show, key };
}

// src/memory.js
function eventsSince(earlier, events, clearedSeq) {
  return [...earlier, ...events.filter((e) => typeof e.seq === "number" && e.seq > clearedSeq)];
}
function shownEvents(model) {
  return eventsSince(model.get("earlier") || [], model.get("events") || [], model.get("cleared_seq") || 0);
}
var MEMORY_TRAITS = "change:earlier change:cleared_seq";
function createMemoryLine(model, { forget, clear, describe, onForgot }) {
  const { t } = i18n(model);
  const el = h("div", "recall-memory");
  const text = h("p", "recall-memory-text");
  const start = h("button", "recall-button recall-memory-start", t("Start over"));
  const confirm = h("div", "recall-memory-confirm");
  confirm.setAttribute("role", "group");
  const question = h("p", "recall-memory-question");
  question.id = `recall-memory-${viewNumber()}`;
  confirm.setAttribute("aria-labelledby", question.id);
  const yes = h("button", "recall-button recall-memory-yes", t("Forget and start over"));
  const no = h("button", "recall-button recall-memory-no", t("Cancel"));
  confirm.append(question, yes, no);
  confirm.hidden = true;
  el.append(text, start, confirm);
  start.addEventListener("click", () => {
    question.textContent = kernelBehind(model) ? forget : clear;
    confirm.hidden = false;
    start.hidden = true;
    no.focus();
  });
  no.addEventListener("click", () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  yes.addEventListener("click", () => {
    const events = model.get("events") || [];
    const last = events.length ? Number(events[events.length - 1].seq) || 0 : 0;
    model.set("earlier", []);
    model.set("cleared_seq", Math.max(model.get("cleared_seq") || 0, last));
    model.save_changes();
    model.send({ kind: "start_over" });
    confirm.hidden = true;
    start.hidden = false;
    onForgot();
  });
  function show() {
    const earlier = (model.get("earlier") || []).length;
    const since = shownEvents(model).length - earlier;
    el.hidden = !earlier && !since;
    text.textContent = earlier ? describe(earlier) : "";
    text.hidden = !earlier;
  }
  return { el, show };
}

// src/flashcards.js
var LEVELS = ["beginner", "intermediate", "advanced"];
var TRAITS = `change:position change:flipped change:content change:events change:level_filter change:ids change:title_html change:section ${MEMORY_TRAITS}`;
var ids = (model) => model.get("ids") || [];
var currentId = (model) => ids(model)[model.get("position")];
function visibleIndexes(levels, wanted) {
  return levels.map((_, i) => i).filter((i) => !wanted || levels[i] === wanted);
}
var visible = (model) => visibleIndexes(model.get("levels") || [], model.get("level_filter") || "");
function moveTo(model, index) {
  if (index === model.get("position")) return;
  model.set("position", index);
  model.set("flipped", false);
  model.save_changes();
}
function move(model, step) {
  const pos = model.get("position");
  const candidates = visible(model).filter((i) => step > 0 ? i > pos : i < pos);
  if (candidates.length) moveTo(model, step > 0 ? candidates[0] : candidates[candidates.length - 1]);
}
function rate(model, rating) {
  const pos = model.get("position");
  const after = visible(model).filter((i) => i > pos);
  const traits = after.length ? { position: after[0], flipped: false } : {};
  record(model, "rate", currentId(model), rating, traits);
}
function pickLevel(model, level) {
  model.set("level_filter", level);
  const shown = visible(model);
  const pos = model.get("position");
  if (!shown.includes(pos)) {
    model.set("position", shown.find((i) => i > pos) ?? shown[shown.length - 1] ?? 0);
    model.set("flipped", false);
  }
  model.save_changes();
}
function cardOnScreen(model) {
  const id = currentId(model);
  const last = latest(shownEvents(model), id, "rate");
  const state = { flipped: Boolean(model.get("flipped")), rating: last ? String(last.value) : "" };
  return [id ? model.get("content")[id] : void 0, state];
}
function levelMenu(onPick, tr) {
  const { t } = tr;
  const el = h("label", "recall-level-filter-label", t("Level") + " ");
  const select = h("select", "recall-level-filter");
  el.append(select);
  select.addEventListener("change", () => onPick(select.value));
  function show(model) {
    const levels = new Set(model.get("levels") || []);
    const options = ["", ...LEVELS.filter((l) => levels.has(l))];
    if (select.options.length !== options.length) {
      select.replaceChildren(
        ...options.map((l) => {
          const option = h("option", "", l ? levelLabel(tr, l) : t("All levels"));
          option.value = l;
          return option;
        })
      );
    }
    select.value = model.get("level_filter") || "";
  }
  return { el, show };
}
function render({ model, el }) {
  const tr = i18n(model);
  const { t, nt } = tr;
  const root = widgetRoot("recall-flashcards", { focusable: true });
  const menu = levelMenu((level) => pickLevel(model, level), tr);
  const bar = toolbar([menu.el]);
  const card = createCardView({
    onFlip: (flipped) => record(model, "flip", currentId(model), flipped, { flipped }),
    onRate: (rating) => rate(model, rating),
    home: root,
    tr,
    lang: model.get("content_lang")
  });
  const nav = navigation([], tr);
  const memory = createMemoryLine(model, {
    forget: t("Forget your ratings of these cards, and their review schedule?"),
    clear: t("Clear your ratings of these cards on this page?"),
    describe: (count) => nt("Your earlier ratings are shown ({n} from your saved progress).", "Your earlier ratings are shown ({n} from your saved progress).", count),
    onForgot: () => root.focus()
  });
  root.append(bar.el, card.el, nav.el, memory.el);
  el.append(root);
  nav.prev.addEventListener("click", () => move(model, -1));
  nav.next.addEventListener("click", () => move(model, 1));
  shortcutKeys(root, (key) => {
    if (key === "ArrowLeft") move(model, -1);
    else if (key === "ArrowRight") move(model, 1);
    else return card.key(key);
    return true;
  });
  function update() {
    menu.show(model);
    showHeading(bar, root, model, t("Flashcards"));
    const pos = model.get("position");
    const shown = visible(model);
    bar.position.textContent = `${shown.indexOf(pos) + 1} / ${shown.length}`;
    showLevel(bar.badge, (model.get("levels") || [])[pos] || "", tr);
    card.show(...cardOnScreen(model));
    nav.show(shown.some((i) => i < pos), shown.some((i) => i > pos));
    memory.show();
  }
  return followModel(model, root, TRAITS, update);
}
var flashcards_default = { render };
export {
  LEVELS,
  flashcards_default as default,
  visibleIndexes
};
