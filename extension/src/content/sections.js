/*
 * What the panel shows for one analysis: the legend, speakers with all their quotes, loaded terms
 * by category, coverage (each quote other outlets carried, with links, first seen and the statement;
 * the rest said once, with what the store holds), and the article's readability. Text nodes only.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.sections) return;

  const QT = root.QuoteTrail;
  const QUOTE_PREVIEW_CHARS = 140;
  const READABILITY_NAMES = {
    flesch_reading_ease: "Reading ease (Flesch, 0–100, higher is easier)",
    flesch_kincaid_grade: "School grade (Flesch–Kincaid)",
    gunning_fog: "Fog index",
    words: "Words",
    sentences: "Sentences",
    reading_minutes: "Reading time (minutes)",
  };

  /* The number a speaker's highlights carry as a badge. */
  function number(model, speakerId) {
    return String(model.colorOf.get(speakerId) + 1);
  }

  function preview(text) {
    return text.length > QUOTE_PREVIEW_CHARS ? text.slice(0, QUOTE_PREVIEW_CHARS - 1) + "…" : text;
  }

  function itemButton(kind, id, ...children) {
    return QT.overlay.el("button", {
      class: "item", type: "button", "data-qt-target-kind": kind, "data-qt-target": id,
      onclick: () => QT.panel.select(kind, id),
    }, ...children);
  }

  function section(name, title, ...children) {
    const el = QT.overlay.el;
    const headingId = `qt-h-${name}`;
    return el("section", { class: name, "aria-labelledby": headingId }, el("h3", { id: headingId }, title), ...children);
  }

  function speakerSwatch(model, speakerId, label) {
    const dark = QT.overlay.theme() === "dark";
    const colors = QT.styles.swatchColors(speakerId === null ? null : model.colorOf.get(speakerId), dark);
    const swatch = QT.overlay.el("span", { class: "swatch", "aria-hidden": "true" }, label);
    swatch.style.background = colors.background;
    swatch.style.color = colors.color;
    swatch.style.borderBottomStyle = colors.border;
    return swatch;
  }

  function termSample(model, category, text) {
    const style = QT.styles.termStyle(model.slotOf.get(category) || 0, QT.overlay.theme() === "dark");
    const sample = QT.overlay.el("span", { class: "underline", "aria-hidden": "true" }, text);
    sample.style.textDecorationColor = style.color;
    sample.style.textDecorationStyle = style.line;
    return sample;
  }

  function legend(model) {
    const el = QT.overlay.el;
    const rows = [];
    const speakerIds = [...model.colorOf.keys()];
    for (const id of speakerIds) {
      const sp = model.speakerById.get(id);
      const q = model.quotes.find((x) => x.speakerId === id);
      const name = (sp && sp.name) || (q && q.speakerName) || id;
      rows.push(el("li", { class: "legend-speaker" }, speakerSwatch(model, id, number(model, id)), name));
    }
    if (model.quotes.some((q) => q.speakerId === null)) {
      rows.push(el("li", { class: "legend-speaker" }, speakerSwatch(model, null, "“ ”"), QT.model.UNATTRIBUTED));
    }
    for (const category of model.categories) {
      rows.push(el("li", { class: "legend-category" }, termSample(model, category, "term"), `Loaded term: ${QT.settings.categoryName(category)}`));
    }
    return section("legend", "Legend", rows.length ? el("ul", {}, rows) : el("p", { class: "muted" }, "Nothing found."));
  }

  function speakersSection(model) {
    const el = QT.overlay.el;
    const groups = [];
    const seen = new Set();
    for (const sp of model.speakers) {
      const quotes = model.quotes.filter((q) => q.speakerId === sp.id);
      quotes.forEach((q) => seen.add(q.id));
      groups.push({ id: sp.id, name: sp.name, kind: sp.kind, descriptions: sp.descriptions, quotes });
    }
    const others = model.quotes.filter((q) => !seen.has(q.id));
    if (others.length) groups.push({ id: null, name: QT.model.UNATTRIBUTED, kind: "", descriptions: [], quotes: others });
    const body = groups.filter((g) => g.quotes.length || g.id !== null).map((g) => el("div", { class: "speaker", "data-qt-speaker": g.id || "" },
      el("h4", {}, speakerSwatch(model, g.id, g.id === null ? "“ ”" : number(model, g.id)), g.name,
        el("span", { class: "muted" }, ` (${[g.kind, `${g.quotes.length} quote${g.quotes.length === 1 ? "" : "s"}`].filter(Boolean).join(", ")})`)),
      g.descriptions.length ? el("p", { class: "muted" }, g.descriptions.join("; ")) : null,
      el("ul", {}, g.quotes.map((q) => el("li", {}, itemButton("quote", q.id, `“${preview(q.text)}”`))))));
    return section("speakers", `Speakers (${model.speakers.length})`,
      body.length ? body : el("p", { class: "muted" }, "No quotes found."));
  }

  function termsSection(model) {
    const el = QT.overlay.el;
    const body = model.categories.map((category) => {
      const terms = model.terms.filter((t) => t.category === category);
      if (!terms.length) return null;
      return el("div", { class: "category", "data-qt-category": category },
        el("h4", {}, termSample(model, category, QT.settings.categoryName(category)), `(${terms.length})`),
        el("ul", {}, terms.map((t) => el("li", {}, itemButton("term", t.id, `“${t.text}”`,
          el("span", { class: "muted" }, ` ${t.voice === "quote" ? "in a quote" : "outlet's voice"}`))))));
    }).filter(Boolean);
    const note = model.hiddenCount ? el("p", { class: "muted" }, `${model.hiddenCount} hidden by your options.`) : null;
    return section("terms", `Loaded terms (${model.terms.length})`,
      body.length ? body : el("p", { class: "muted" }, "No loaded terms found."), note);
  }

  function link(url, text) {
    const href = QT.overlay.safeHref(url);
    return href
      ? QT.overlay.el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text || href)
      : QT.overlay.el("span", {}, text || url);
  }

  function coverageLine(c) {
    const el = QT.overlay.el;
    return el("li", {}, link(c.url, c.outlet || c.title || c.url),
      ` — ${c.fidelity || "unknown"}${c.similarity === null ? "" : `, ${Math.round(c.similarity * 100)}% similar`}`,
      c.published ? `, ${c.published.slice(0, 10)}` : "",
      c.quoteText ? el("div", { class: "muted" }, `“${preview(c.quoteText)}”`) : null);
  }

  /* What the backend's store holds, so an empty answer is explained; null when the backend does not say. */
  function storeLine(store) {
    if (!store || typeof store !== "object" || !Number.isInteger(store.articles)) return null;
    const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    let text = `The store holds ${plural(store.articles, "article")} from ${plural(Number(store.outlets) || 0, "outlet")}`;
    if (typeof store.newest === "string" && store.newest) text += `, the newest from ${store.newest.slice(0, 10)}`;
    const polling = store.polling && typeof store.polling === "object" ? store.polling : null;
    if (polling && polling.enabled === true) {
      text += `; it follows ${plural(Number(polling.feeds) || 0, "feed")}`;
      if (typeof polling.last_polled === "string") text += `, last read ${polling.last_polled.slice(0, 16).replace("T", " ")}`;
    }
    return `${text}.`;
  }

  function statementUrl(context, quote) {
    return quote.statementId && context.backendUrl
      ? `${context.backendUrl}/api/v1/statements/${encodeURIComponent(quote.statementId)}` : null;
  }

  /* Quotes other outlets carried, each with its renderings; the quotes nobody else carried, said once. */
  function coverageSection(model, context) {
    const el = QT.overlay.el;
    const carried = model.quotes.filter((q) => q.coverage.length || q.firstSeen || q.statementId);
    const alone = model.quotes.filter((q) => !q.coverage.length);
    const body = carried.map((q) => el("div", { class: "quote-coverage", "data-qt-quote": q.id },
      el("h4", {}, itemButton("quote", q.id, `“${preview(q.text)}”`)),
      q.coverage.length ? el("ul", {}, q.coverage.map(coverageLine)) : null,
      q.firstSeen ? el("p", { class: "first-seen" }, "First seen: ",
        link(q.firstSeen.url, q.firstSeen.outlet || q.firstSeen.url),
        q.firstSeen.published ? `, ${q.firstSeen.published.slice(0, 10)}` : "") : null,
      statementUrl(context, q) ? el("p", { class: "statement" },
        link(statementUrl(context, q), "Every outlet's wording of this statement")) : null));
    if (alone.length) {
      const which = alone.length === model.quotes.length
        ? (model.quotes.length === 1 ? "the quote" : `any of the ${model.quotes.length} quotes`)
        : `${alone.length} of the ${model.quotes.length} quotes`;
      body.push(el("p", { class: "coverage-none muted" }, `No other outlet found carrying ${which} yet.`,
        storeLine(context.store) ? " " + storeLine(context.store) : ""));
    }
    return section("coverage", "Coverage", model.quotes.length ? body : el("p", { class: "muted" }, "No quotes to follow."));
  }

  function readabilitySection(model) {
    const el = QT.overlay.el;
    const rows = [];
    for (const [key, value] of Object.entries(model.readability)) {
      if (typeof value !== "number") continue;
      rows.push(el("dt", {}, READABILITY_NAMES[key] || key.replace(/_/g, " ")), el("dd", { "data-qt-metric": key }, String(value)));
    }
    return section("readability", "Readability", rows.length ? el("dl", {}, rows) : el("p", { class: "muted" }, "Not given."));
  }

  /* The panel's content for `model`; context: {store, backendUrl, onSelect}. */
  function all(model, context) {
    return [legend(model), speakersSection(model), termsSection(model), coverageSection(model, context),
            readabilitySection(model)];
  }

  QT.sections = { all, storeLine };
})(globalThis);
