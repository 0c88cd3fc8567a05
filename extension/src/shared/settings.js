/*
 * Settings shared by the service worker, the options page and the content scripts:
 * their defaults, how stored values are cleaned, and how a site list becomes match patterns.
 * Plain script (no modules) so the same file loads in all three places.
 */
(function (root) {
  "use strict";

  const STORAGE_KEY = "settings";
  const DEFAULT_BACKEND = "http://127.0.0.1:8750";
  const RUN_ON_CLICK = "click";
  const RUN_ON_SITES = "sites";
  /* Categories the backend's lexicon uses (quotetrail.loaded.CATEGORIES), in its order, with the
     words the reader sees; others met in answers are added to the options list as they come. */
  const CATEGORY_NAMES = Object.freeze({
    label: "label", euphemism: "euphemism", doubt: "doubt-casting", so_called: "so-called",
    scare_quote: "scare quotes", contested_name: "contested name", intensifier: "intensifier",
  });
  const KNOWN_CATEGORIES = Object.keys(CATEGORY_NAMES);

  function categoryName(category) {
    return CATEGORY_NAMES[category] || String(category).replace(/_/g, " ");
  }
  /* Loaded-term categories met in answers are remembered here so the options page can list them. */
  const SEEN_CATEGORIES_KEY = "seenCategories";
  const MAX_SITES = 200;

  const DEFAULTS = Object.freeze({
    backendUrl: DEFAULT_BACKEND,
    runMode: RUN_ON_CLICK,
    sites: [],
    hiddenCategories: [],
    clearTermsOnly: false,      // loaded terms: only the clear cases (the backend's sensitivity "clear")
  });

  /* "example.com", "https://www.example.com/news", "*.example.org" -> "example.com" etc. */
  function cleanSite(value) {
    let text = String(value || "").trim().toLowerCase();
    if (!text) return null;
    text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#].*$/, "").replace(/:\d+$/, "");
    const wildcard = text.startsWith("*.");
    const host = wildcard ? text.slice(2) : text;
    if (!/^[a-z0-9.-]+$/.test(host) || host.startsWith(".") || host.endsWith(".") || host.includes("..")) {
      return null;
    }
    return wildcard ? "*." + host : host;
  }

  /* A listed site covers itself and its subdomains, on http and https, any port and path. */
  function sitePatterns(sites) {
    const out = [];
    for (const site of sites) {
      const host = site.startsWith("*.") ? site.slice(2) : site;
      out.push(`*://${host}/*`);
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) out.push(`*://*.${host}/*`);
    }
    return out;
  }

  function siteMatches(sites, hostname) {
    const name = String(hostname || "").toLowerCase();
    return sites.some((site) => {
      const host = site.startsWith("*.") ? site.slice(2) : site;
      return name === host || name.endsWith("." + host);
    });
  }

  /* The backend URL without a trailing slash, or null when it is not an http(s) URL. */
  function cleanBackendUrl(value) {
    try {
      const url = new URL(String(value || "").trim());
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      if (url.username || url.password) return null;
      return (url.origin + url.pathname).replace(/\/+$/, "");
    } catch (_) {
      return null;
    }
  }

  function normalize(raw) {
    const value = raw && typeof raw === "object" ? raw : {};
    const sites = Array.isArray(value.sites) ? value.sites.map(cleanSite).filter(Boolean) : [];
    const hidden = Array.isArray(value.hiddenCategories)
      ? value.hiddenCategories.filter((c) => typeof c === "string" && c.length < 100)
      : [];
    return {
      backendUrl: cleanBackendUrl(value.backendUrl) || DEFAULTS.backendUrl,
      runMode: value.runMode === RUN_ON_SITES ? RUN_ON_SITES : RUN_ON_CLICK,
      sites: [...new Set(sites)].slice(0, MAX_SITES),
      hiddenCategories: [...new Set(hidden)],
      clearTermsOnly: value.clearTermsOnly === true,
    };
  }

  function api() {
    return root.browser && root.browser.runtime ? root.browser : root.chrome;
  }

  async function load() {
    const stored = await api().storage.local.get(STORAGE_KEY);
    return normalize(stored[STORAGE_KEY]);
  }

  async function save(value) {
    const clean = normalize(value);
    await api().storage.local.set({ [STORAGE_KEY]: clean });
    return clean;
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.settings = {
    STORAGE_KEY, DEFAULTS, DEFAULT_BACKEND, RUN_ON_CLICK, RUN_ON_SITES, KNOWN_CATEGORIES, categoryName,
    SEEN_CATEGORIES_KEY, cleanSite, sitePatterns, siteMatches, cleanBackendUrl, normalize, load, save, api,
  };
})(globalThis);
