/*
 * The backend's answer, checked and indexed for the views: only well-formed spans survive, every
 * string is a string, speakers get a colour slot and term categories an underline slot, and each
 * quote and loaded term becomes a highlight item with a spoken label.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.model) return;

  const KIND_NAMES = { direct: "Direct quote", indirect: "Indirect quote", mixed: "Mixed quote" };
  const VOICE_NAMES = { outlet: "In the outlet's own voice", quote: "Inside a quote" };
  const UNATTRIBUTED = "Unattributed";

  const str = (v) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
  const list = (v) => (Array.isArray(v) ? v : []);
  const isInt = (v) => Number.isInteger(v) && v >= 0;

  /* `where` maps a paragraph index of the answer to one of the page now (-1: gone), or is null. */
  function cleanSpan(s, where) {
    if (!(s && isInt(s.paragraph) && isInt(s.start) && isInt(s.end) && s.end > s.start)) return null;
    const paragraph = where ? (s.paragraph < where.length ? where[s.paragraph] : -1) : s.paragraph;
    return paragraph >= 0 ? { paragraph, start: s.start, end: s.end } : null;
  }

  /*
   * Paragraph i of what was sent -> index of the same text among `now` (texts of the page now), or
   * -1 when it is gone; matched in order, so a page that appends or inserts keeps its old spans.
   */
  function paragraphMap(sent, now) {
    const used = new Set();
    let next = 0;
    return sent.map((text) => {
      let j = now.indexOf(text, next);
      if (j < 0) j = now.findIndex((t, k) => t === text && !used.has(k));
      if (j < 0) return -1;
      used.add(j);
      next = j + 1;
      return j;
    });
  }

  /* The answer's language as a lower-case primary subtag, or null when it names none. */
  function answerLanguage(data) {
    const value = data && data.language;
    const code = typeof value === "string" ? value : value && typeof value === "object" ? value.code : null;
    return typeof code === "string" && /^[a-z]{2,3}\b/i.test(code.trim()) ? code.trim().slice(0, 3).toLowerCase().split(/[-_]/)[0] : null;
  }

  /* `view`: {hidden: categories the reader switched off, clearOnly: leave out terms the backend
     marks as shown at the "all" sensitivity only}. A term without the field counts as clear. */
  function build(data, view, where = null) {
    const hidden = new Set((view && view.hidden) || []);
    const clearOnly = Boolean(view && view.clearOnly);
    const speakers = list(data.speakers).filter((s) => s && s.id !== undefined).map((s) => ({
      id: str(s.id), name: str(s.name) || UNATTRIBUTED, kind: str(s.kind),
      descriptions: list(s.descriptions).map((d) => str(d && d.text)).filter(Boolean),
      quoteIds: list(s.quote_ids).map(str),
    }));
    const speakerById = new Map(speakers.map((s) => [s.id, s]));
    const colorOf = new Map(speakers.map((s, i) => [s.id, i]));
    const quotes = list(data.quotes).filter((q) => q && q.id !== undefined).map((q) => {
      const sp = q.speaker && q.speaker.id !== undefined ? str(q.speaker.id) : null;
      if (sp !== null && !colorOf.has(sp)) colorOf.set(sp, colorOf.size);
      return {
        id: str(q.id), text: str(q.text), kind: str(q.kind), headline: q.headline === true,
        spans: list(q.spans).map((x) => cleanSpan(x, where)).filter(Boolean),
        speakerId: sp,
        statementId: typeof q.statement_id === "string" && q.statement_id ? q.statement_id : null,
        speakerName: sp !== null ? str(q.speaker.name) || (speakerById.get(sp) || {}).name || UNATTRIBUTED : null,
        cue: q.cue ? str(q.cue.text) : "",
        coverage: list(q.coverage).filter((c) => c && typeof c === "object").map((c) => ({
          url: str(c.url), outlet: str(c.outlet), title: str(c.title), published: str(c.published),
          quoteText: str(c.quote_text), fidelity: str(c.fidelity),
          similarity: typeof c.similarity === "number" ? c.similarity : null,
        })),
        firstSeen: q.first_seen && typeof q.first_seen === "object"
          ? { url: str(q.first_seen.url), outlet: str(q.first_seen.outlet), published: str(q.first_seen.published) }
          : null,
      };
    });
    const quoteById = new Map(quotes.map((q) => [q.id, q]));
    const categories = [];
    const allTerms = list(data.loaded_terms).filter((t) => t && t.id !== undefined).map((t) => {
      const category = str(t.category) || "other";
      if (!categories.includes(category)) categories.push(category);
      return {
        id: str(t.id), text: str(t.text), term: str(t.term), category,
        explanation: str(t.explanation), alternatives: list(t.alternatives).map(str).filter(Boolean),
        voice: str(t.voice), sensitivity: t.sensitivity === "all" ? "all" : "clear", quoteId: t.quote_id === null || t.quote_id === undefined ? null : str(t.quote_id),
        spans: list(t.spans).map((x) => cleanSpan(x, where)).filter(Boolean),
      };
    });
    const known = root.QuoteTrail.settings.KNOWN_CATEGORIES;
    const slotOf = new Map();
    for (const c of [...known, ...categories]) if (!slotOf.has(c)) slotOf.set(c, slotOf.size);
    const terms = allTerms.filter((t) => !hidden.has(t.category) && !(clearOnly && t.sensitivity === "all"));
    const termById = new Map(terms.map((t) => [t.id, t]));

    const items = [];
    for (const q of quotes) {
      const slot = q.speakerId === null ? null : colorOf.get(q.speakerId);
      const color = slot === null ? "none" : String(slot % root.QuoteTrail.styles.SPEAKER_SLOTS);
      items.push({
        kind: "quote", id: q.id, spans: q.spans, attrs: { "data-qt-color": color },
        badge: slot === null ? "" : String(slot + 1),
        label: `${KIND_NAMES[q.kind] || "Quote"} by ${q.speakerName || "an unidentified speaker"}`,
      });
    }
    for (const t of terms) {
      items.push({
        kind: "term", id: t.id, spans: t.spans,
        attrs: { "data-qt-cat": String(slotOf.get(t.category) % root.QuoteTrail.styles.TERM_COLORS.length) },
        label: `Loaded term, category ${root.QuoteTrail.settings.categoryName(t.category)}`,
      });
    }
    const summary = data.summary && typeof data.summary === "object" ? data.summary : {};
    const readability = summary.readability && typeof summary.readability === "object" ? summary.readability : {};
    return {
      quotes, speakers, speakerById, quoteById, terms, termById, categories, items, readability,
      colorOf, slotOf, hiddenCount: allTerms.length - terms.length,
    };
  }

  function colorIndex(model, speakerId) {
    return speakerId === null ? null : model.colorOf.get(speakerId);
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.model = { build, paragraphMap, answerLanguage, colorIndex, KIND_NAMES, VOICE_NAMES, UNATTRIBUTED };
})(globalThis);
