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

  /* Injected again (another button press, an automatic run): keep the first copy. */
  if (root.QuoteTrail && root.QuoteTrail.extract) return;

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
  const MAX_ARTICLE_CHARS = 200000;     // the backend's limit on the whole text
  const MAX_PARAGRAPH_CHARS = 100000;   // the backend's limit on one paragraph
  const MAX_TITLE_CHARS = 1000;
  const MAX_OUTLET_CHARS = 200;
  /* Readability gives up below this many characters; a short test article is still an article. */
  const READABILITY_CHAR_THRESHOLD = 200;
  /* Less text than this is a menu or a caption, not an article: nothing is sent. */
  const MIN_ARTICLE_CHARS = 120;
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

  /* Live text nodes with article-worthy text, in document order (not in scripts or the overlay). */
  function liveTextNodes(doc) {
    const walker = doc.createTreeWalker(doc.body || doc, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        return SKIP_TAGS.has(node.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      },
    });
    const out = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) out.push(t);
    return out;
  }

  /*
   * When Readability retries, it rebuilds its copy from HTML and none of its text nodes are the
   * clone's any more: find each one's live twin by its text instead, the next unused live node
   * with the same text after the last one matched (so repeated texts keep their order).
   */
  function textMatcher(doc) {
    let byText = null;
    let cursor = -1;
    const used = new Set();
    return (copy) => {
      if (byText === null) {
        byText = new Map();
        liveTextNodes(doc).forEach((t, i) => {
          const key = t.data.trim();
          if (!byText.has(key)) byText.set(key, []);
          byText.get(key).push([i, t]);
        });
      }
      const candidates = (byText.get(copy.data.trim()) || []).filter(([i]) => !used.has(i));
      if (!candidates.length) return null;
      const [i, node] = candidates.find(([j]) => j > cursor) || candidates[0];
      used.add(i);
      cursor = i;
      return node;
    };
  }

  /* Live block elements that hold the article's text, in document order; none if no article is found. */
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
      const matchByText = textMatcher(doc);
      const walker = parsed.content.ownerDocument.createTreeWalker(parsed.content, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.data.trim()) continue;
        let live = pairs.get(t);
        if (!live || !live.isConnected) live = matchByText(t);
        if (!live) continue;
        const block = closestBlock(live);
        if (block) blocks.add(block);
      }
    }
    const ordered = [...blocks].sort((x, y) =>
      x === y ? 0 : x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    return { blocks: ordered, meta: parsed || {} };
  }

  /* What a block is, for the backend: quoted speech, a list item, a heading or a plain paragraph. */
  function blockKind(block) {
    if (block.closest("blockquote")) return "blockquote";
    if (block.tagName === "LI" || block.tagName === "DD" || block.tagName === "DT") return "li";
    if (/^H[1-6]$/.test(block.tagName)) return "h";
    return "p";
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
    return { block, kind: blockKind(block), text, nodes, nodeAt: Int32Array.from(nodeAt), offsetAt: Int32Array.from(offsetAt),
             lengths: nodes.map((t) => t.data.length) };
  }

  function cleanMeta(value, max) {
    return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null;
  }

  /* A host name as readers say it: no port, no "www.". */
  function bareHost(host) {
    return String(host || "").toLowerCase().replace(/:\d+$/, "").replace(/^www\./, "") || null;
  }

  /* A site name that is really an address ("https://www.example.com/", "example.com:8080") -> its host. */
  function nameOrHost(value) {
    const text = cleanMeta(value, MAX_OUTLET_CHARS);
    if (!text) return null;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      try { return bareHost(new URL(text).host); } catch (_) { return null; }
    }
    return /^[\w-]+(\.[\w-]+)+(:\d+)?\/?$/.test(text) ? bareHost(text.replace(/\/$/, "")) : text;
  }

  /* "Headline | Site", "Headline - Site", "Headline — Site": the last part, when it is short and named. */
  function titleSiteName(title) {
    const parts = String(title || "").split(/\s[|\u2013\u2014\u00b7-]\s/).map((t) => t.trim()).filter(Boolean);
    if (parts.length < 2) return null;
    const last = parts[parts.length - 1];
    return last.split(/\s+/).length <= 5 && last.length <= 60 && /^[\p{Lu}\p{N}]/u.test(last) ? last : null;
  }

  /* The outlet: the site name the page declares, else its title's site part, else its host. */
  function outletName(doc, meta) {
    const declaredName = doc.querySelector('meta[property="og:site_name"], meta[name="application-name"]');
    return nameOrHost(meta.siteName) || nameOrHost(declaredName && declaredName.content) ||
      nameOrHost(titleSiteName(doc.title)) || bareHost(doc.location && doc.location.hostname);
  }

  /* The article as the backend wants it, plus the maps back to the page. */
  function extractArticle(doc) {
    doc = doc || document;
    const { blocks, meta } = articleBlocks(doc);
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
    if (total < MIN_ARTICLE_CHARS) paragraphs.length = 0;
    const loc = doc.location;
    const published = cleanMeta(meta.publishedTime, 100);
    return {
      url: loc && /^https?:$/.test(loc.protocol) ? loc.href : null,
      title: cleanMeta(meta.title, MAX_TITLE_CHARS) || cleanMeta(doc.title, MAX_TITLE_CHARS),
      outlet: outletName(doc, meta),
      published: published && ISO_DATE.test(published) ? published : null,
      paragraphs,
      language: root.QuoteTrail.language.detect(doc, paragraphs.map((p) => p.text)),
    };
  }

  /* What is sent: url, title, outlet, published and the paragraphs with their kinds. Nothing else. */
  function requestBody(extraction) {
    return {
      url: extraction.url, title: extraction.title, outlet: extraction.outlet,
      published: extraction.published, paragraphs: extraction.paragraphs.map((p) => ({ text: p.text, kind: p.kind })),
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
