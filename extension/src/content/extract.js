/*
 * Finds the article on the page and turns it into paragraphs that map back to the page's own text
 * nodes. Mozilla Readability runs on a clone of the document (it rewrites what it is given); the
 * clone's text nodes are paired with the live ones, and each surviving text node names its live
 * block element (p, li, h2, blockquote...). Each such block becomes one paragraph: the text of its
 * own text nodes with runs of white space collapsed to one space, plus a map from every character
 * of the paragraph to (text node, offset), so a span the backend returns in UTF-16 offsets lands on
 * the exact characters of the live page.
 */
(function (root) {
  "use strict";

  /* Elements that start a paragraph of their own (the rest are inline and part of their block). */
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "DD", "DETAILS", "DIV", "DL", "DT",
    "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER",
    "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TH",
    "THEAD", "TFOOT", "TR", "UL", "HTML",
  ]);
  /* Elements whose text is never article text. */
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION",
    "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT", "CANVAS", "QUOTETRAIL-OVERLAY"]);
  /* CSS white space: what the browser collapses when it lays text out. */
  const CSS_SPACE = /[ \t\n\r\f]/;
  /* A UTF-16 surrogate without its partner: the backend refuses these, U+FFFD keeps the length. */
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const MAX_PARAGRAPHS = 2000;          // the backend's limit on paragraphs
  const MAX_ARTICLE_CHARS = 400000;     // the backend's limit on the whole text
  const MAX_PARAGRAPH_CHARS = 100000;   // the backend's limit on one paragraph
  const MAX_TITLE_CHARS = 1000;
  const MAX_OUTLET_CHARS = 200;
  /* Readability gives up below this many characters; a short test article is still an article. */
  const READABILITY_CHAR_THRESHOLD = 200;
  /* Published dates the backend parses (ISO 8601); anything else is not sent. */
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  const VIRTUAL = -1;                    // map entry for a space that stands for a <br>

  function isBlock(el) {
    return BLOCK_TAGS.has(el.tagName);
  }

  function closestBlock(node) {
    let el = node.parentElement;
    while (el && !isBlock(el)) el = el.parentElement;
    return el;
  }

  /* Pair every text node of the clone with the live one at the same place in the tree. */
  function pairTextNodes(liveDoc, cloneDoc) {
    const pairs = new Map();
    const a = liveDoc.createTreeWalker(liveDoc, NodeFilter.SHOW_ALL);
    const b = cloneDoc.createTreeWalker(cloneDoc, NodeFilter.SHOW_ALL);
    let live = a.currentNode;
    let copy = b.currentNode;
    while (live && copy) {
      if (live.nodeType !== copy.nodeType) break;   // should not happen; stop rather than mis-pair
      if (live.nodeType === Node.TEXT_NODE) pairs.set(copy, live);
      live = a.nextNode();
      copy = b.nextNode();
    }
    return pairs;
  }

  /* Live block elements that hold the article's text, in document order. */
  function articleBlocks(doc) {
    let parsed = null;
    let pairs = null;
    if (typeof root.Readability === "function") {
      try {
        const clone = doc.cloneNode(true);
        pairs = pairTextNodes(doc, clone);
        parsed = new root.Readability(clone, {
          charThreshold: READABILITY_CHAR_THRESHOLD,
          serializer: (el) => el,
          keepClasses: true,
        }).parse();
      } catch (err) {
        console.warn("QuoteTrail: Readability failed", err);
        parsed = null;
      }
    }
    const blocks = new Set();
    if (parsed && parsed.content) {
      const walker = parsed.content.ownerDocument.createTreeWalker(parsed.content, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.data.trim()) continue;
        const live = pairs.get(t);
        if (!live || !live.isConnected) continue;
        const block = closestBlock(live);
        if (block) blocks.add(block);
      }
    }
    if (!blocks.size && doc.body) {
      for (const p of doc.body.querySelectorAll("p")) if (p.textContent.trim()) blocks.add(p);
    }
    const ordered = [...blocks].sort((x, y) =>
      x === y ? 0 : x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    return { blocks: ordered, meta: parsed || {} };
  }

  function visible(el) {
    if (el.hidden) return false;
    if (typeof el.checkVisibility === "function") return el.checkVisibility();
    return true;
  }

  /* One paragraph: collapsed text and, per UTF-16 unit, the text node index and offset it came from. */
  function buildParagraph(block) {
    const nodes = [];
    const chars = [];
    const nodeAt = [];
    const offsetAt = [];
    let lastSpace = true;                        // leading white space is dropped
    const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
        if (SKIP_TAGS.has(node.tagName) || (node !== block && isBlock(node)) || !visible(node)) {
          return NodeFilter.FILTER_REJECT;
        }
        return node.tagName === "BR" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType !== Node.TEXT_NODE) {          // <br>: a space that is in no text node
        if (!lastSpace) {
          chars.push(" "); nodeAt.push(VIRTUAL); offsetAt.push(VIRTUAL); lastSpace = true;
        }
        continue;
      }
      const data = node.data;
      const n = nodes.push(node) - 1;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (CSS_SPACE.test(c)) {
          if (lastSpace) continue;
          chars.push(" "); lastSpace = true;
        } else {
          chars.push(c); lastSpace = false;
        }
        nodeAt.push(n); offsetAt.push(i);
      }
    }
    while (chars.length && chars[chars.length - 1] === " ") {
      chars.pop(); nodeAt.pop(); offsetAt.pop();
    }
    const text = chars.join("").replace(LONE_SURROGATE, "\uFFFD");
    return { block, text, nodes, nodeAt: Int32Array.from(nodeAt), offsetAt: Int32Array.from(offsetAt),
             lengths: nodes.map((t) => t.data.length) };
  }

  function cleanMeta(value, max) {
    return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null;
  }

  /* The article as the backend wants it, plus the maps back to the page. */
  function extractArticle(doc) {
    const { blocks, meta } = articleBlocks(doc || document);
    const paragraphs = [];
    let total = 0;
    for (const block of blocks) {
      if (paragraphs.length >= MAX_PARAGRAPHS) break;
      const p = buildParagraph(block);
      if (!p.text || p.text.length > MAX_PARAGRAPH_CHARS) continue;
      if (total + p.text.length > MAX_ARTICLE_CHARS) break;
      total += p.text.length;
      paragraphs.push(p);
    }
    const loc = (doc || document).location;
    const published = cleanMeta(meta.publishedTime, 100);
    return {
      url: loc && /^https?:$/.test(loc.protocol) ? loc.href : null,
      title: cleanMeta(meta.title, MAX_TITLE_CHARS) || cleanMeta((doc || document).title, MAX_TITLE_CHARS),
      outlet: cleanMeta(meta.siteName, MAX_OUTLET_CHARS) || (loc && loc.hostname) || null,
      published: published && ISO_DATE.test(published) ? published : null,
      paragraphs,
    };
  }

  /* What is sent: url, title, outlet, published and the paragraph strings. Nothing else. */
  function requestBody(extraction) {
    return {
      url: extraction.url, title: extraction.title, outlet: extraction.outlet,
      published: extraction.published, paragraphs: extraction.paragraphs.map((p) => p.text),
    };
  }

  /* Split [start, end) of paragraph p into pieces of live text nodes: [{node, start, end}]. */
  function locate(paragraph, start, end) {
    const pieces = [];
    if (!paragraph || !(start >= 0) || !(end <= paragraph.text.length) || !(start < end)) return pieces;
    let current = null;
    for (let k = start; k < end; k++) {
      const n = paragraph.nodeAt[k];
      if (n === VIRTUAL) { current = null; continue; }
      const off = paragraph.offsetAt[k];
      if (current && current.n === n) {
        current.end = off + 1;
      } else {
        current = { n, node: paragraph.nodes[n], start: off, end: off + 1 };
        pieces.push(current);
      }
    }
    return pieces;
  }

  /* True when every text node of the paragraph is still on the page with its text unchanged. */
  function stillMapped(paragraph) {
    return paragraph.nodes.every((t, i) => t.isConnected && t.data.length === paragraph.lengths[i]);
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.extract = { extractArticle, requestBody, locate, stillMapped, buildParagraph, isBlock, BLOCK_TAGS };
})(globalThis);
