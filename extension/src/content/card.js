/*
 * The hover card: shown when a highlight is hovered or gets keyboard focus, hidden on leave, blur
 * or Escape. For a quote: the speaker, their description, the kind of quote and the other outlets
 * that carried it with their wording's fidelity. For a loaded term: its category, explanation,
 * alternatives and voice. Built from text nodes only.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.card) return;

  const QT = root.QuoteTrail;
  const CARD_GAP_PX = 8;
  const VIEWPORT_MARGIN_PX = 8;
  const HIDE_DELAY_MS = 150;
  const MAX_COVERAGE_LINES = 6;

  const DESCRIPTION_ID = "quotetrail-card-text";
  const DESCRIPTION_TAG = "quotetrail-card-text";

  let card = null;
  let described = null;
  let current = null;
  let hideTimer = null;

  function ensureCard() {
    const { container } = QT.overlay.ensure();
    if (!card || !card.isConnected) {
      card = QT.overlay.el("div", { class: "card", role: "tooltip", id: "qt-card", hidden: true });
      container.appendChild(card);
    }
    return card;
  }

  function percent(value) {
    return value === null ? "" : ` (${Math.round(value * 100)}% similar)`;
  }

  function date(value) {
    return value ? value.slice(0, 10) : "date unknown";
  }

  function quoteContent(model, quote) {
    const el = QT.overlay.el;
    const speaker = quote.speakerId !== null ? model.speakerById.get(quote.speakerId) : null;
    const parts = [
      el("p", { class: "title" }, quote.speakerName || "Unattributed quote"),
    ];
    if (speaker && speaker.descriptions.length) {
      parts.push(el("p", { class: "desc" }, speaker.descriptions.slice(0, 2).join("; ")));
    }
    parts.push(el("p", { class: "kind" },
      (QT.model.KIND_NAMES[quote.kind] || "Quote") + (quote.headline ? ", in the headline" : "") +
      (quote.cue ? ` (“${quote.cue}”)` : "")));
    if (quote.coverage.length) {
      parts.push(el("p", { class: "muted" }, `Also carried by ${quote.coverage.length} other outlet(s):`));
      parts.push(el("ul", { class: "coverage" }, quote.coverage.slice(0, MAX_COVERAGE_LINES).map((c) =>
        el("li", {}, `${c.outlet || c.url}: ${c.fidelity || "unknown"}${percent(c.similarity)}`))));
    } else {
      parts.push(el("p", { class: "coverage muted" }, "No other outlet found carrying it yet."));
    }
    if (quote.firstSeen) {
      parts.push(el("p", { class: "first-seen" },
        `First seen: ${quote.firstSeen.outlet || quote.firstSeen.url}, ${date(quote.firstSeen.published)}`));
    }
    return parts;
  }

  function termContent(model, term) {
    const el = QT.overlay.el;
    let voice = QT.model.VOICE_NAMES[term.voice] || term.voice || "";
    if (term.voice === "quote" && term.quoteId && model.quoteById.get(term.quoteId)) {
      const q = model.quoteById.get(term.quoteId);
      voice = `Inside a quote by ${q.speakerName || "an unidentified speaker"}`;
    }
    const parts = [
      el("p", { class: "title" }, `Loaded term: “${term.text}”`),
      el("p", { class: "category" }, `Category: ${QT.settings.categoryName(term.category)}`),
    ];
    if (term.explanation) parts.push(el("p", { class: "explanation" }, term.explanation));
    if (term.alternatives.length) {
      parts.push(el("p", { class: "alternatives" }, `Alternatives: ${term.alternatives.join(", ")}`));
    }
    if (voice) parts.push(el("p", { class: "voice" }, voice));
    return parts;
  }

  /* The line box of `mark` under the point (or nearest it), or its first line with no point. */
  function lineRect(mark, point) {
    const rects = [...mark.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) return mark.getBoundingClientRect();
    if (!point) return rects[0];
    const distance = (r) => Math.max(r.top - point.y, 0, point.y - r.bottom) * 4 +
      Math.max(r.left - point.x, 0, point.x - r.right);
    return rects.reduce((best, r) => (distance(r) < distance(best) ? r : best));
  }

  /* Under the line the pointer (or focus) is on, next to the pointer, always inside the viewport. */
  function place(box, mark, point) {
    const rect = lineRect(mark, point);
    box.style.left = "0px";
    box.style.top = "0px";
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const anchorX = point ? point.x - CARD_GAP_PX * 2 : rect.left;
    let left = Math.min(anchorX, window.innerWidth - width - VIEWPORT_MARGIN_PX);
    left = Math.max(VIEWPORT_MARGIN_PX, left);
    let top = rect.bottom + CARD_GAP_PX;
    if (top + height > window.innerHeight - VIEWPORT_MARGIN_PX) top = rect.top - height - CARD_GAP_PX;
    top = Math.max(VIEWPORT_MARGIN_PX, Math.min(top, window.innerHeight - height - VIEWPORT_MARGIN_PX));
    box.style.left = `${Math.round(left)}px`;
    box.style.top = `${Math.round(top)}px`;
  }

  /*
   * The card's words for assistive technology. An ID reference cannot point into the overlay's
   * shadow root, so the same text also goes into a hidden element in the page's own tree (next to
   * the overlay host, never rendered) that the highlight's aria-describedby names.
   */
  function describe(mark, box) {
    const { host } = QT.overlay.ensure();
    let text = document.getElementById(DESCRIPTION_ID);
    if (!text || text.previousElementSibling !== host) {
      if (text) text.remove();
      text = QT.overlay.el(DESCRIPTION_TAG, { id: DESCRIPTION_ID, hidden: true });
      text.style.setProperty("display", "none", "important");
      host.after(text);
    }
    text.textContent = [...box.children].map((c) => c.textContent.trim()).filter(Boolean).join(". ");
    if (described && described !== mark) {
      described.removeAttribute("aria-describedby");
      if (described.dataset.qtLabel) described.setAttribute("aria-description", described.dataset.qtLabel);
    }
    // The card's text says more than the short label; browsers read aria-description first.
    if (mark.hasAttribute("aria-description")) {
      mark.dataset.qtLabel = mark.getAttribute("aria-description");
      mark.removeAttribute("aria-description");
    }
    mark.setAttribute("aria-describedby", DESCRIPTION_ID);
    described = mark;
  }

  /* Show the card for a <qt-mark>; `model` is the current analysis, `point` the pointer if any. */
  function show(model, mark, point = null) {
    if (!model || !mark) return;
    clearTimeout(hideTimer);
    const box = ensureCard();
    const id = mark.dataset.qtId;
    const item = mark.dataset.qtKind === "quote" ? model.quoteById.get(id) : model.termById.get(id);
    if (!item) return;
    box.replaceChildren(...(mark.dataset.qtKind === "quote" ? quoteContent(model, item) : termContent(model, item)));
    box.dataset.qtFor = id;
    box.hidden = false;
    place(box, mark, point);
    describe(mark, box);
    current = mark;
  }

  function hide(immediately) {
    clearTimeout(hideTimer);
    const run = () => {
      if (card) card.hidden = true;
      current = null;
    };
    if (immediately) run(); else hideTimer = setTimeout(run, HIDE_DELAY_MS);
  }

  function shownFor() {
    return current;
  }

  QT.card = { show, hide, shownFor, DESCRIPTION_TAG };
})(globalThis);
