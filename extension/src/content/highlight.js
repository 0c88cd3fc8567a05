/*
 * Inline highlights on the reader's own page. Each span of the answer is cut into pieces of live
 * text nodes (extract.locate); each text node is split at the pieces' edges and every piece is
 * wrapped in <qt-mark> elements, quotes outside and loaded terms inside. A <qt-mark> carries its
 * style in its own shadow root (a slot and a style sheet), so nothing is added to the page's styles
 * and a page's style sheet cannot restyle the highlight's inside. Work is done in chunks, one per
 * animation frame, so hundreds of highlights do not block the page; remove() puts the text back.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.highlight) return;

  const MARK_TAG = "qt-mark";
  const TEXT_NODES_PER_FRAME = 120;
  /* Nesting order: lower ranks wrap higher ones. */
  const KIND_RANK = { quote: 0, term: 1 };

  let sharedSheet = null;

  function markSheet() {
    if (sharedSheet === null) {
      try {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(root.QuoteTrail.styles.MARK_CSS);
      } catch (_) {
        sharedSheet = false;                // no constructable sheets here: use <style> elements
      }
    }
    return sharedSheet;
  }

  function styleShadow(shadow, css) {
    const sheet = css === root.QuoteTrail.styles.MARK_CSS ? markSheet() : false;
    if (sheet) {
      try {
        shadow.adoptedStyleSheets = [sheet];
        return;
      } catch (_) { /* fall through to a <style> element */ }
    }
    const style = document.createElement("style");
    style.textContent = css;
    shadow.appendChild(style);
  }

  function createMark(item, isFirst, theme) {
    const mark = document.createElement(MARK_TAG);
    try {
      const shadow = mark.attachShadow({ mode: "open" });
      styleShadow(shadow, root.QuoteTrail.styles.MARK_CSS);
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.setAttribute("aria-hidden", "true");
      if (isFirst && item.badge) badge.textContent = item.badge;
      shadow.append(badge, document.createElement("slot"));
    } catch (_) { /* a page that defined qt-mark itself: the highlight stays unstyled but works */ }
    mark.dataset.qtKind = item.kind;
    mark.dataset.qtId = item.id;
    for (const [name, value] of Object.entries(item.attrs)) mark.setAttribute(name, value);
    mark.setAttribute("data-qt-theme", theme || "light");
    mark.setAttribute("role", "mark");
    mark.setAttribute("aria-roledescription", item.kind === "quote" ? "quote" : "loaded term");
    mark.setAttribute("aria-description", item.label);
    mark.tabIndex = isFirst ? 0 : -1;
    return mark;
  }

  function nextFrame() {
    return new Promise((resolve) => {
      if (document.hidden) setTimeout(resolve, 0);
      else requestAnimationFrame(() => resolve());
    });
  }

  /*
   * items: [{kind, id, label, attrs, spans: [{paragraph, start, end}]}]; paragraphs from extract.
   * Returns {marks: Map(id -> [qt-mark]), remove(), done: Promise} .
   */
  function apply(paragraphs, items, hooks = {}) {
    const byNode = new Map();
    items.forEach((item, order) => {
      for (const span of item.spans) {
        const para = paragraphs[span.paragraph];
        for (const piece of root.QuoteTrail.extract.locate(para, span.start, span.end)) {
          if (!byNode.has(piece.node)) byNode.set(piece.node, []);
          byNode.get(piece.node).push({ start: piece.start, end: piece.end, item, order, theme: para.theme });
        }
      }
    });
    const marks = new Map();
    const created = [];
    let cancelled = false;

    function wrapNode(node, ranges) {
      if (!node.isConnected) return;
      const cuts = new Set([0, node.data.length]);
      for (const r of ranges) {
        if (r.end > node.data.length) return;     // the text changed under us: leave it alone
        cuts.add(r.start); cuts.add(r.end);
      }
      const edges = [...cuts].sort((a, b) => a - b);
      // Split from the end so earlier offsets stay valid; keep the pieces in order.
      const pieces = [];
      for (let i = edges.length - 2; i >= 0; i--) {
        const piece = edges[i] > 0 ? node.splitText(edges[i]) : node;
        pieces.unshift({ node: piece, start: edges[i], end: edges[i + 1] });
      }
      for (const piece of pieces) {
        const covering = ranges.filter((r) => r.start <= piece.start && r.end >= piece.end)
          .sort((a, b) => KIND_RANK[a.item.kind] - KIND_RANK[b.item.kind] || a.order - b.order);
        if (!covering.length || piece.start === piece.end) continue;
        const seen = new Set();
        let outer = null;
        let inner = null;
        for (const r of covering) {
          if (seen.has(r.item.id)) continue;
          seen.add(r.item.id);
          const list = marks.get(r.item.id) || [];
          const mark = createMark(r.item, list.length === 0, r.theme);
          list.push(mark);
          marks.set(r.item.id, list);
          created.push(mark);
          if (inner) inner.appendChild(mark); else outer = mark;
          inner = mark;
        }
        piece.node.replaceWith(outer);
        inner.appendChild(piece.node);
      }
    }

    async function run() {
      const entries = [...byNode.entries()];
      for (let i = 0; i < entries.length && !cancelled; i += TEXT_NODES_PER_FRAME) {
        for (const [node, ranges] of entries.slice(i, i + TEXT_NODES_PER_FRAME)) wrapNode(node, ranges);
        if (hooks.afterChunk) hooks.afterChunk();
        if (i + TEXT_NODES_PER_FRAME < entries.length) await nextFrame();
      }
    }

    function remove() {
      cancelled = true;
      for (let i = created.length - 1; i >= 0; i--) {
        const mark = created[i];
        if (mark.parentNode) mark.replaceWith(...mark.childNodes);
      }
      created.length = 0;
      marks.clear();
      if (hooks.afterChunk) hooks.afterChunk();
    }

    function intact() {
      return created.every((m) => m.isConnected);
    }

    return { marks, remove, intact, ownMarks: () => created, done: run() };
  }

  /*
   * Highlights that are not `handle`'s: copies a page made of its article (its HTML read and written
   * back, a clone, hydration) carry our <qt-mark> elements without their shadow root, still focusable.
   * They are unwrapped (their text stays) before anything is drawn again. Returns how many went.
   */
  function sweep(handle) {
    const own = handle ? new Set(handle.ownMarks()) : new Set();
    let removed = 0;
    for (const mark of [...document.querySelectorAll(MARK_TAG)].reverse()) {
      if (own.has(mark) || !mark.isConnected) continue;
      mark.replaceWith(...mark.childNodes);
      removed += 1;
    }
    return removed;
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.highlight = { apply, sweep, MARK_TAG };
})(globalThis);
