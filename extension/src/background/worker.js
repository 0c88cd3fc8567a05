/*
 * The service worker (Chromium) / background script (Firefox): runs the analysis on the tab when
 * the reader clicks the toolbar button, keeps the automatic-site content script registered to
 * match the options, and makes the one network call on behalf of content scripts.
 */
(function (root) {
  "use strict";

  const QT = root.QuoteTrail;
  const ext = QT.settings.api();

  /* Files injected into a page, in order; the same list is registered for automatic sites. */
  const CONTENT_FILES = [
    "vendor/Readability.js",
    "src/shared/settings.js",
    "src/content/styles.js",
    "src/content/language.js",
    "src/content/extract.js",
    "src/content/model.js",
    "src/content/highlight.js",
    "src/content/overlay.js",
    "src/content/card.js",
    "src/content/sections.js",
    "src/content/panel.js",
    "src/content/observe.js",
    "src/content/main.js",
  ];
  const AUTO_FILE = "src/content/auto.js";
  const AUTO_SCRIPT_ID = "quotetrail-auto";
  const MSG_ANALYZE = "quotetrail:analyze";
  const MSG_RUN = "quotetrail:run";
  const MSG_OPEN_OPTIONS = "quotetrail:open-options";
  const MSG_SEEN_CATEGORIES = "quotetrail:seen-categories";

  /* The content scripts go into a tab once (every later press only runs them again). */
  async function runOnTab(tabId) {
    const [probe] = await ext.scripting.executeScript({
      target: { tabId }, func: () => Boolean(globalThis.QuoteTrail && globalThis.QuoteTrail.controller),
    });
    if (!(probe && probe.result)) await ext.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
    return ext.tabs.sendMessage(tabId, { type: MSG_RUN });
  }

  /* Registration calls must not interleave (two at once both register the same id): one at a time. */
  let syncQueue = Promise.resolve();
  function syncAutoScript() {
    const next = syncQueue.then(registerAutoScript, registerAutoScript);
    syncQueue = next.catch(() => []);
    return next;
  }

  async function registerAutoScript() {
    const settings = await QT.settings.load();
    const registered = await ext.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (registered.length) await ext.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (settings.runMode !== QT.settings.RUN_ON_SITES || !settings.sites.length) return [];
    const matches = QT.settings.sitePatterns(settings.sites);
    await ext.scripting.registerContentScripts([{
      id: AUTO_SCRIPT_ID,
      matches,
      js: [...CONTENT_FILES, AUTO_FILE],
      runAt: "document_idle",
      persistAcrossSessions: true,
    }]);
    return matches;
  }

  async function rememberCategories(categories) {
    const key = QT.settings.SEEN_CATEGORIES_KEY;
    const stored = (await ext.storage.local.get(key))[key] || [];
    const merged = [...new Set([...stored, ...categories.filter((c) => typeof c === "string")])].slice(0, 100);
    if (merged.length !== stored.length) await ext.storage.local.set({ [key]: merged });
  }

  async function handleAnalyze(article) {
    const settings = await QT.settings.load();
    try {
      const data = await QT.backend.analyze(settings.backendUrl, article);
      const store = await QT.backend.store(settings.backendUrl);
      return { ok: true, data, store, backendUrl: settings.backendUrl };
    } catch (err) {
      return { ok: false, error: { code: err.code || "error", message: String(err.message || err) } };
    }
  }

  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || typeof message !== "object" || sender.id !== ext.runtime.id) return false;
    if (message.type === MSG_ANALYZE) {
      handleAnalyze(message.article || {}).then(sendResponse);
      return true;
    }
    if (message.type === MSG_OPEN_OPTIONS) {
      ext.runtime.openOptionsPage();
      return false;
    }
    if (message.type === MSG_SEEN_CATEGORIES && Array.isArray(message.categories)) {
      rememberCategories(message.categories);
      return false;
    }
    return false;
  });

  ext.action.onClicked.addListener((tab) => {
    if (tab && tab.id !== undefined) runOnTab(tab.id).catch((err) => console.warn("QuoteTrail:", err));
  });

  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[QT.settings.STORAGE_KEY]) syncAutoScript().catch((err) => console.warn(err));
  });
  ext.runtime.onInstalled.addListener(() => syncAutoScript().catch((err) => console.warn(err)));
  ext.runtime.onStartup.addListener(() => syncAutoScript().catch((err) => console.warn(err)));

  /* Exposed for the end-to-end tests, which cannot press the toolbar button. */
  QT.worker = { runOnTab, syncAutoScript, CONTENT_FILES };
})(globalThis);
