/*
 * The article's language, guessed on the page: the backend reads English only, so on another
 * language the panel says so instead of showing empty or misleading figures. The text decides when
 * there is enough of it (the share of very common English words: high in any English prose, near
 * zero in other languages, whatever `lang` a site template declares); the page's `lang` decides for
 * short texts. A `language` in the backend's answer, when it has one, wins over both.
 */
(function (root) {
  "use strict";

  if (root.QuoteTrail && root.QuoteTrail.language) return;

  /* Frequent English words that are not also common words of the other languages of the Latin script. */
  const COMMON_ENGLISH = new Set([
    "the", "and", "of", "to", "is", "that", "for", "with", "it", "said", "by", "his", "her", "at",
    "from", "have", "has", "be", "are", "were", "they", "not", "this", "which", "will", "would",
    "who", "been", "their", "its", "we", "our", "you", "after", "about", "but", "or",
  ]);
  const MIN_WORDS = 40;          // below this the text says too little; the page's lang decides
  const MAX_WORDS = 3000;        // enough to decide; no need to read a whole long page
  const MIN_ENGLISH_SHARE = 0.12;

  function declared(doc) {
    const lang = ((doc.documentElement && doc.documentElement.lang) || "").trim().toLowerCase();
    return /^[a-z]{2,3}\b/.test(lang) ? lang.split(/[-_]/)[0] : null;
  }

  /* {code, english, name}: code a primary language subtag, or "und" for "not English, unknown". */
  function detect(doc, texts) {
    const words = [];
    for (const text of texts) {
      for (const w of text.toLowerCase().match(/\p{L}+/gu) || []) words.push(w);
      if (words.length >= MAX_WORDS) break;
    }
    const lang = declared(doc);
    let code;
    if (words.length >= MIN_WORDS) {
      const share = words.filter((w) => COMMON_ENGLISH.has(w)).length / words.length;
      code = share >= MIN_ENGLISH_SHARE ? "en" : lang && lang !== "en" ? lang : "und";
    } else {
      code = lang || "en";
    }
    return describe(code);
  }

  function describe(code) {
    let name = "a language other than English";
    if (code !== "und") {
      try {
        name = new Intl.DisplayNames(["en"], { type: "language" }).of(code) || code;
      } catch (_) {
        name = code;
      }
    }
    return { code, english: code === "en", name };
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.language = { detect, describe };
})(globalThis);
