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
function widgetRoot(className, { focusable = false, role = "group" } = {}) {
  const root = h("div", `recall-widget ${className}`);
  if (focusable) {
    root.tabIndex = 0;
    root.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  root.setAttribute("role", role);
  return root;
}
function levelLabel({ pt }, level) {
  const labels = {
    beginner: pt("level", "beginner"),
    intermediate: pt("level", "intermediate"),
    advanced: pt("level", "advanced")
  };
  return labels[level] || level;
}
function kernelBehind(model) {
  const manager = (
    /** @type {{kernel?: unknown} | undefined} */
    model.widget_manager
  );
  if (manager && manager.kernel) return true;
  return !document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
}
function noticeLine() {
  const line = h("p", "recall-notice");
  line.setAttribute("role", "status");
  return line;
}
function noKernelLine(model, text) {
  if (kernelBehind(model)) return null;
  if (text === void 0) text = i18n(model).t("This demo needs a running Python kernel.");
  const line = h("p", "recall-notice recall-no-kernel", text);
  line.setAttribute("role", "note");
  return line;
}

// src/dashboard.js
var TRAITS = "change:legend change:rows change:decks change:weakest change:next_review change:notice";
function sectionTotals(rows, stages) {
  const bars = /* @__PURE__ */ new Map();
  for (const row of rows) {
    let bar = bars.get(row.section);
    if (!bar) {
      bar = { section: row.section, counts: Object.fromEntries(stages.map((s) => [s, 0])), total: 0 };
      bars.set(row.section, bar);
    }
    for (const stage of stages) bar.counts[stage] += Number(row[stage]) || 0;
    bar.total += Number(row.total) || 0;
  }
  return [...bars.values()];
}
function deckLine(deck, stages, { t, nt } = i18nFor({}, "")) {
  const count = (stage, n) => {
    const said = {
      new: t("{n} new", { n }),
      learning: t("{n} learning", { n }),
      due: t("{n} due", { n }),
      mastered: t("{n} mastered", { n })
    };
    return said[stage] || `${n} ${stage}`;
  };
  const parts = stages.map((s) => count(s, Number(deck[s]) || 0)).join(" · ");
  return nt("{n} item: {parts}", "{n} items: {parts}", deck.items, { parts });
}
function drawBar(bar, legend, { t }) {
  const line = h("div", "recall-dashboard-bar-row");
  line.append(h("span", "recall-dashboard-bar-label", bar.section || t("(no section)")));
  const track = h("div", "recall-dashboard-bar");
  for (const { stage, label } of legend) {
    const n = bar.counts[stage] || 0;
    if (!n) continue;
    const part = h("div", `recall-dashboard-part recall-stage-${stage}`, String(n));
    part.style.flexGrow = String(n);
    part.title = `${label}: ${n}`;
    track.append(part);
  }
  line.append(track);
  return line;
}
function drawTable(deck, rows, legend, i18n2) {
  const { t } = i18n2;
  const caption = t("{deck}: items per section, level and stage", { deck: deck.title });
  const table = h("table", "recall-dashboard-table");
  table.append(h("caption", "", caption));
  const head = h("tr");
  for (const name of [t("Section"), t("Level"), ...legend.map((l) => l.label), t("Total")]) {
    const th = h("th", "", name);
    th.setAttribute("scope", "col");
    head.append(th);
  }
  const thead = h("thead");
  thead.append(head);
  const body = h("tbody");
  for (const row of rows) {
    const tr = h("tr");
    const section = h("th", "", row.section || t("(no section)"));
    section.setAttribute("scope", "row");
    tr.append(section, h("td", "", row.level ? levelLabel(i18n2, row.level) : "—"));
    for (const { stage } of legend) tr.append(h("td", "recall-dashboard-num", String(row[stage] || 0)));
    tr.append(h("td", "recall-dashboard-num", String(row.total)));
    body.append(tr);
  }
  table.append(thead, body);
  const region = h("div", "recall-dashboard-table-scroll");
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", caption);
  region.tabIndex = 0;
  region.setAttribute("data-lm-suppress-shortcuts", "true");
  region.append(table);
  return region;
}
function drawDeck(deck, rows, legend, tr) {
  const names = legend.map((s) => s.stage);
  const section = h("section", "recall-dashboard-deck");
  section.append(h("h4", "recall-dashboard-subheading", deck.title), h("p", "", deckLine(deck, names, tr)));
  const chart = h("div", "recall-dashboard-chart");
  chart.setAttribute("aria-hidden", "true");
  chart.append(...sectionTotals(rows, names).map((bar) => drawBar(bar, legend, tr)));
  section.append(chart, drawTable(deck, rows, legend, tr));
  return section;
}
function legendItems(legend) {
  return legend.map(({ stage, label, text }) => {
    const entry = h("li");
    entry.append(h("span", `recall-dashboard-swatch recall-stage-${stage}`), h("strong", "", label), ` — ${text}`);
    return entry;
  });
}
function weakestList({ t, nt }, lang) {
  const title = h("h4", "recall-dashboard-subheading", t("Weakest items"));
  const note = h("p", "recall-dashboard-muted", t("Most lapses first, then the lowest chance of recall."));
  const list = h("ol", "recall-dashboard-weakest");
  const none = h("p", "recall-dashboard-muted", t("Nothing reviewed yet."));
  function show(items) {
    list.replaceChildren(
      ...items.map((item) => {
        const li = h("li");
        const text = h("span", "", item.text);
        if (lang) text.lang = lang;
        li.append(
          h("code", "", item.item),
          " ",
          text,
          " ",
          h(
            "span",
            "recall-dashboard-muted",
            nt("({deck}; {n} lapse; recall {recall}%)", "({deck}; {n} lapses; recall {recall}%)", item.lapses, { deck: item.deck, recall: item.recall })
          )
        );
        return li;
      })
    );
    list.hidden = note.hidden = !items.length;
    none.hidden = Boolean(items.length);
  }
  return { parts: [title, note, list, none], show };
}
function transfer(model) {
  const { t } = i18n(model);
  const el = h("div", "recall-actions");
  const download = h("button", "recall-button recall-dashboard-download", t("Download progress"));
  const pickLabel = h("label", "recall-dashboard-import");
  const picker = h("input");
  picker.type = "file";
  picker.accept = ".json,application/json";
  pickLabel.append(h("span", "", t("Import progress (.json):") + " "), picker);
  el.append(download, pickLabel);
  const notice = noticeLine();
  download.addEventListener("click", () => model.send({ kind: "export" }));
  picker.addEventListener("change", async () => {
    const file = picker.files && picker.files[0];
    if (!file) return;
    notice.textContent = t("Reading {file}…", { file: file.name });
    notice.hidden = false;
    try {
      model.send({ kind: "import", name: file.name, text: await file.text() });
    } catch {
      notice.textContent = t("{file}: could not be read", { file: file.name });
    }
    picker.value = "";
  });
  return { el, notice };
}
function saveDownload(root, msg) {
  if (!msg || msg.kind !== "download") return;
  const blob = new Blob([String(msg.text)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = String(msg.filename);
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
function render({ model, el }) {
  const tr = i18n(model);
  const { t } = tr;
  const root = widgetRoot("recall-dashboard", { role: "region" });
  root.lang = tr.lang;
  root.setAttribute("aria-label", t("Your progress"));
  const toolbar = h("div", "recall-toolbar");
  const refresh = h("button", "recall-button recall-dashboard-refresh", t("Refresh"));
  toolbar.append(h("h3", "recall-dashboard-heading", t("Your progress")), refresh);
  const next = h("p", "recall-dashboard-next");
  const legend = h("ul", "recall-dashboard-legend");
  legend.setAttribute("aria-label", t("Stages"));
  const decks = h("div", "recall-dashboard-decks");
  const weakest = weakestList(tr, model.get("content_lang"));
  const actions = transfer(model);
  root.append(toolbar, next, legend, decks, ...weakest.parts, actions.el, actions.notice);
  el.append(root);
  const offline = noKernelLine(model, t("Your progress needs a running Python kernel — open the notebook in Jupyter to see it."));
  if (offline) toolbar.after(offline);
  refresh.addEventListener("click", () => model.send({ kind: "refresh" }));
  const onMessage = (msg) => saveDownload(root, msg);
  function update() {
    const stages = model.get("legend") || [];
    const rows = model.get("rows") || [];
    next.textContent = model.get("next_review") || "";
    legend.replaceChildren(...legendItems(stages));
    decks.replaceChildren(
      ...(model.get("decks") || []).map((deck) => drawDeck(deck, rows.filter((r) => r.deck === deck.id), stages, tr))
    );
    weakest.show(model.get("weakest") || []);
    actions.notice.textContent = model.get("notice") || "";
    actions.notice.hidden = !actions.notice.textContent;
  }
  model.on(TRAITS, update);
  model.on("msg:custom", onMessage);
  update();
  return () => {
    model.off(TRAITS, update);
    model.off("msg:custom", onMessage);
  };
}
var dashboard_default = { render };
export {
  deckLine,
  dashboard_default as default,
  sectionTotals
};
