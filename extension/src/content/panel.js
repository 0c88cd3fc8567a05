/*
 * The side panel, in the overlay's shadow root: the legend, speakers with all their quotes, loaded
 * terms by category, coverage per quote (links and first seen), the article's readability, and any
 * error the backend gave. Clicking an item scrolls the page to its highlight. A toggle button
 * opens and closes it; Escape closes it.
 */
(function (root) {
  "use strict";

  const QT = root.QuoteTrail;
  const PANEL_ID = "qt-panel";
  const QUOTE_PREVIEW_CHARS = 140;
  const READABILITY_NAMES = {
    flesch_reading_ease: "Reading ease (Flesch, 0–100, higher is easier)",
    flesch_kincaid_grade: "School grade (Flesch–Kincaid)",
    gunning_fog: "Fog index",
    words: "Words",
    sentences: "Sentences",
    reading_minutes: "Reading time (minutes)",
  };

  let parts = null;
  let handlers = {};

  function build() {
    const { container } = QT.overlay.ensure();
    if (parts && parts.panel.isConnected) return parts;
    const el = QT.overlay.el;
    const status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    const error = el("div", { class: "error", role: "alert", hidden: true });
    const content = el("div", { class: "content" });
    const close = el("button", { class: "close", type: "button", "aria-label": "Close the QuoteTrail panel" }, "Close");
    const options = el("button", { class: "linkish options", type: "button" }, "Options");
    const panel = el("aside", { class: "panel", id: PANEL_ID, role: "complementary",
                                "aria-label": "QuoteTrail analysis", hidden: true },
      el("header", {}, el("h2", {}, "QuoteTrail"), close),
      el("div", { class: "body" }, status, error, content, el("p", {}, options)));
    const toggle = el("button", { class: "toggle", type: "button", "aria-controls": PANEL_ID,
                                  "aria-expanded": "false" }, "QuoteTrail");
    toggle.addEventListener("click", () => (panel.hidden ? open() : closePanel()));
    close.addEventListener("click", () => closePanel());
    options.addEventListener("click", () => handlers.onOptions && handlers.onOptions());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        closePanel();
      }
    });
    container.append(toggle, panel);
    parts = { panel, toggle, status, error, content, close };
    return parts;
  }

  function open(focus = true) {
    const p = build();
    p.panel.hidden = false;
    p.toggle.setAttribute("aria-expanded", "true");
    if (focus) p.close.focus({ preventScroll: true });
  }

  function closePanel() {
    if (!parts) return;
    parts.panel.hidden = true;
    parts.toggle.setAttribute("aria-expanded", "false");
    parts.toggle.focus({ preventScroll: true });
  }

  function isOpen() {
    return Boolean(parts && !parts.panel.hidden);
  }

  function setStatus(text) {
    const p = build();
    p.status.textContent = text;
  }

  function showError(message) {
    const p = build();
    p.error.textContent = message;
    p.error.hidden = false;
    p.status.textContent = "";
  }

  function clearError() {
    const p = build();
    p.error.hidden = true;
    p.error.textContent = "";
  }

  function preview(text) {
    return text.length > QUOTE_PREVIEW_CHARS ? text.slice(0, QUOTE_PREVIEW_CHARS - 1) + "…" : text;
  }

  function itemButton(kind, id, ...children) {
    return QT.overlay.el("button", {
      class: "item", type: "button", "data-qt-target-kind": kind, "data-qt-target": id,
      onclick: () => handlers.onSelect && handlers.onSelect(kind, id),
    }, ...children);
  }

  function section(name, title, ...children) {
    const el = QT.overlay.el;
    const headingId = `qt-h-${name}`;
    return el("section", { class: name, "aria-labelledby": headingId }, el("h3", { id: headingId }, title), ...children);
  }

  function speakerSwatch(model, speakerId, label) {
    const dark = QT.overlay.darkMode();
    const colors = QT.styles.swatchColors(speakerId === null ? null : model.colorOf.get(speakerId), dark);
    const swatch = QT.overlay.el("span", { class: "swatch", "aria-hidden": "true" }, label);
    swatch.style.background = colors.background;
    swatch.style.color = colors.color;
    swatch.style.borderBottomStyle = colors.border;
    return swatch;
  }

  function termSample(model, category, text) {
    const style = QT.styles.termStyle(model.slotOf.get(category) || 0, QT.overlay.darkMode());
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
      rows.push(el("li", { class: "legend-speaker" }, speakerSwatch(model, id, "“ ”"), name));
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
      el("h4", {}, speakerSwatch(model, g.id, String(g.quotes.length)), g.name, g.kind ? el("span", { class: "muted" }, ` (${g.kind})`) : null),
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

  function coverageSection(model) {
    const el = QT.overlay.el;
    const body = model.quotes.map((q) => el("div", { class: "quote-coverage", "data-qt-quote": q.id },
      el("h4", {}, itemButton("quote", q.id, `“${preview(q.text)}”`)),
      q.coverage.length
        ? el("ul", {}, q.coverage.map((c) => el("li", {},
          link(c.url, c.outlet || c.title || c.url),
          ` — ${c.fidelity || "unknown"}${c.similarity === null ? "" : `, ${Math.round(c.similarity * 100)}% similar`}`,
          c.published ? `, ${c.published.slice(0, 10)}` : "",
          c.quoteText ? el("div", { class: "muted" }, `“${preview(c.quoteText)}”`) : null)))
        : el("p", { class: "muted" }, "No other outlet found carrying it yet."),
      q.firstSeen ? el("p", { class: "first-seen" }, "First seen: ",
        link(q.firstSeen.url, q.firstSeen.outlet || q.firstSeen.url),
        q.firstSeen.published ? `, ${q.firstSeen.published.slice(0, 10)}` : "") : null));
    return section("coverage", "Coverage", body.length ? body : el("p", { class: "muted" }, "No quotes to follow."));
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

  function render(model, newHandlers) {
    handlers = newHandlers || {};
    const p = build();
    clearError();
    const terms = model.terms.length;
    p.status.textContent = `${model.quotes.length} quote(s) from ${model.speakers.length} speaker(s), ${terms} loaded term(s).`;
    p.content.replaceChildren(legend(model), speakersSection(model), termsSection(model),
      coverageSection(model), readabilitySection(model));
  }

  function setHandlers(newHandlers) {
    handlers = newHandlers || {};
  }

  /* Focus the panel's entry for a highlight (Enter on a highlight). */
  function focusItem(kind, id) {
    open(false);
    const button = parts.content.querySelector(`[data-qt-target-kind="${kind}"][data-qt-target="${CSS.escape(id)}"]`);
    if (button) {
      button.scrollIntoView({ block: "nearest", behavior: QT.overlay.reducedMotion() ? "auto" : "smooth" });
      button.focus({ preventScroll: true });
    }
  }

  QT.panel = { build, open, close: closePanel, isOpen, setStatus, showError, clearError, render, setHandlers, focusItem };
})(globalThis);
