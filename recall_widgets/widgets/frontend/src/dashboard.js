// Dashboard: progress per deck, section and level, the weakest items, export and import.
// Everything from Python is plain text and numbers: it goes in with textContent only.

import { h, levelLabel, noKernelLine, noticeLine, widgetRoot } from "./common.js";
import { i18n, i18nFor } from "./i18n.js";

/** @import { AnyModel, DashboardRow, DashboardTraits, DeckCounts, LegendEntry, WeakItem } from "./model" */
/** @typedef {AnyModel<DashboardTraits>} Model */
/** @typedef {{section: string, counts: Record<string, number>, total: number}} Bar */
/** @import { Translator } from "./i18n.js" */

const TRAITS = "change:legend change:rows change:decks change:weakest change:next_review change:notice";

/**
 * Sum a deck's rows per section, in row order (levels merged): the chart's bars.
 * @param {DashboardRow[]} rows
 * @param {string[]} stages
 * @returns {Bar[]}
 */
export function sectionTotals(rows, stages) {
  /** @type {Map<string, Bar>} */
  const bars = new Map();
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

/**
 * One deck's line of counts: "34 items: 30 new · 2 learning · 1 due · 1 mastered".
 * @param {DeckCounts} deck
 * @param {string[]} stages
 * @param {Translator} [tr] the widget's language
 */
export function deckLine(deck, stages, { t, nt } = i18nFor({}, "")) {
  /** @param {string} stage @param {number} n */
  const count = (stage, n) => {
    /** @type {Record<string, string>} */
    const said = {
      new: t("{n} new", { n }),
      learning: t("{n} learning", { n }),
      due: t("{n} due", { n }),
      mastered: t("{n} mastered", { n }),
    };
    return said[stage] || `${n} ${stage}`;
  };
  const parts = stages.map((s) => count(s, Number(deck[s]) || 0)).join(" · ");
  return nt("{n} item: {parts}", "{n} items: {parts}", deck.items, { parts });
}

// -- Views ----------------------------------------------------------------------------------------

/**
 * A stacked horizontal bar of divs: one part per stage with its count as text (hidden from
 * assistive technology: the table after the chart holds the same numbers).
 * @param {Bar} bar
 * @param {LegendEntry[]} legend
 * @param {Translator} tr
 */
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

/**
 * The accessible equivalent of a deck's chart: counts per section and level.
 * @param {DeckCounts} deck
 * @param {DashboardRow[]} rows
 * @param {LegendEntry[]} legend
 * @param {Translator} i18n
 */
function drawTable(deck, rows, legend, i18n) {
  const { t } = i18n;
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
    tr.append(section, h("td", "", row.level ? levelLabel(i18n, row.level) : "—"));
    for (const { stage } of legend) tr.append(h("td", "recall-dashboard-num", String(row[stage] || 0)));
    tr.append(h("td", "recall-dashboard-num", String(row.total)));
    body.append(tr);
  }
  table.append(thead, body);
  // A narrow cell or a language with long words: the table scrolls in its own region, which the
  // keyboard can reach (a labelled region with tabindex, as WCAG's reflow technique has it).
  const region = h("div", "recall-dashboard-table-scroll");
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", caption);
  region.tabIndex = 0;
  region.setAttribute("data-lm-suppress-shortcuts", "true");
  region.append(table);
  return region;
}

/**
 * One deck: its title, its line of counts, a bar per section and the same numbers as a table.
 * @param {DeckCounts} deck
 * @param {DashboardRow[]} rows the deck's rows
 * @param {LegendEntry[]} legend
 * @param {Translator} tr
 */
function drawDeck(deck, rows, legend, tr) {
  const names = legend.map((s) => s.stage);
  const section = h("section", "recall-dashboard-deck");
  section.append(h("h4", "recall-dashboard-subheading", deck.title), h("p", "", deckLine(deck, names, tr)));
  const chart = h("div", "recall-dashboard-chart");
  chart.setAttribute("aria-hidden", "true"); // the table below has the same numbers
  chart.append(...sectionTotals(rows, names).map((bar) => drawBar(bar, legend, tr)));
  section.append(chart, drawTable(deck, rows, legend, tr));
  return section;
}

/**
 * The stages, each a swatch, its name and what it means.
 * @param {LegendEntry[]} legend
 */
function legendItems(legend) {
  return legend.map(({ stage, label, text }) => {
    const entry = h("li");
    entry.append(h("span", `recall-dashboard-swatch recall-stage-${stage}`), h("strong", "", label), ` — ${text}`);
    return entry;
  });
}

/**
 * "Weakest items", a note on the order and the list; "Nothing reviewed yet." when empty.
 * @param {Translator} tr
 * @param {string} lang the decks' language ("": not declared)
 */
function weakestList({ t, nt }, lang) {
  const title = h("h4", "recall-dashboard-subheading", t("Weakest items"));
  const note = h("p", "recall-dashboard-muted", t("Most lapses first, then the lowest chance of recall."));
  const list = h("ol", "recall-dashboard-weakest");
  const none = h("p", "recall-dashboard-muted", t("Nothing reviewed yet."));

  /** @param {WeakItem[]} items */
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
            nt("({deck}; {n} lapse; recall {recall}%)", "({deck}; {n} lapses; recall {recall}%)", item.lapses, { deck: item.deck, recall: item.recall }),
          ),
        );
        return li;
      }),
    );
    list.hidden = note.hidden = !items.length;
    none.hidden = Boolean(items.length);
  }
  return { parts: [title, note, list, none], show };
}

/**
 * Download progress and import a progress file (read here, sent to Python), and the notice line
 * that says what happened (the `notice` trait, in the muted line every widget has).
 * @param {Model} model
 */
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
    picker.value = ""; // choosing the same file again imports it again
  });
  return { el, notice };
}

/**
 * Save a file Python sent (`{kind: "download", filename, text}`) through a hidden link.
 * @param {HTMLElement} root
 * @param {any} msg
 */
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

/** @param {{model: Model, el: HTMLElement}} ctx */
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
  /** @param {any} msg */
  const onMessage = (msg) => saveDownload(root, msg);

  function update() {
    const stages = model.get("legend") || [];
    const rows = model.get("rows") || [];
    next.textContent = model.get("next_review") || "";
    legend.replaceChildren(...legendItems(stages));
    decks.replaceChildren(
      ...(model.get("decks") || []).map((deck) => drawDeck(deck, rows.filter((r) => r.deck === deck.id), stages, tr)),
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

export default { render };
