/*
 * The content script's conductor: extract the article, ask the service worker for the analysis,
 * draw highlights, the card and the panel, and keep them in place when the page re-renders.
 * Nothing leaves the page until run() is called: by the toolbar button, or on a site the reader
 * listed in the options.
 */
(function (root) {
  "use strict";

  const QT = root.QuoteTrail;
  if (QT.controller) return;           // injected twice (button after automatic run): one controller
  const ext = QT.settings.api();

  const MSG_ANALYZE = "quotetrail:analyze";
  const MSG_RUN = "quotetrail:run";
  const MSG_OPEN_OPTIONS = "quotetrail:open-options";
  const MSG_SEEN_CATEGORIES = "quotetrail:seen-categories";
  /* A page that keeps changing its text is re-sent at most this many times per page view. */
  const MAX_RESENDS = 3;
  const ACTIVE_MARK_MS = 2000;

  const state = {
    busy: false, extraction: null, data: null, model: null, handle: null, resends: 0, hidden: [], observer: null,
  };

  function sameTexts(a, b) {
    return a && b && a.length === b.length && a.every((p, i) => p.text === b[i].text);
  }

  function marksOf(kind, id) {
    return state.handle ? (state.handle.marks.get(id) || []).filter((m) => m.dataset.qtKind === kind) : [];
  }

  function select(kind, id) {
    const mark = marksOf(kind, id)[0];
    if (!mark) return;
    const smooth = !QT.overlay.reducedMotion();
    mark.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    mark.focus({ preventScroll: true });
    for (const m of marksOf(kind, id)) m.setAttribute("data-qt-active", "");
    setTimeout(() => marksOf(kind, id).forEach((m) => m.removeAttribute("data-qt-active")), ACTIVE_MARK_MS);
  }

  function handlers() {
    return {
      onSelect: select,
      onOptions: () => ext.runtime.sendMessage({ type: MSG_OPEN_OPTIONS }),
    };
  }

  async function draw() {
    if (state.handle) state.handle.remove();
    state.model = QT.model.build(state.data, state.hidden);
    state.handle = QT.highlight.apply(state.extraction.paragraphs, state.model.items, {
      afterChunk: () => state.observer && state.observer.discard(),
    });
    QT.panel.render(state.model, handlers());
    await state.handle.done;
    if (state.observer) state.observer.discard();
  }

  async function analyse(extraction) {
    QT.overlay.setState("working");
    QT.panel.clearError();
    QT.panel.setStatus("Analysing the article…");
    let answer;
    try {
      answer = await ext.runtime.sendMessage({ type: MSG_ANALYZE, article: QT.extract.requestBody(extraction) });
    } catch (err) {
      answer = { ok: false, error: { message: `QuoteTrail could not reach its background page: ${err.message || err}` } };
    }
    if (!answer || !answer.ok) {
      QT.panel.showError((answer && answer.error && answer.error.message) || "The analysis failed.");
      QT.panel.open(false);
      QT.overlay.setState("error");
      return false;
    }
    state.data = answer.data;
    // The page may have changed during the round trip: map onto what is there now.
    if (!extraction.paragraphs.every(QT.extract.stillMapped)) {
      const fresh = QT.extract.extractArticle(document);
      if (!sameTexts(fresh.paragraphs, extraction.paragraphs)) {
        QT.panel.showError("The page changed while it was being analysed; run QuoteTrail again.");
        QT.overlay.setState("error");
        return false;
      }
      extraction = fresh;
    }
    state.extraction = extraction;
    await draw();
    const categories = (state.model.categories || []);
    if (categories.length) ext.runtime.sendMessage({ type: MSG_SEEN_CATEGORIES, categories }).catch(() => {});
    QT.overlay.setState("done");
    return true;
  }

  async function run({ reason } = {}) {
    if (state.busy) return;
    state.busy = true;
    try {
      const settings = await QT.settings.load();
      state.hidden = settings.hiddenCategories;
      if (reason === "auto" && !(settings.runMode === QT.settings.RUN_ON_SITES &&
                                 QT.settings.siteMatches(settings.sites, location.hostname))) {
        return;
      }
      QT.overlay.ensure();
      QT.panel.build();
      if (state.observer) state.observer.stop();
      if (state.handle) { state.handle.remove(); state.handle = null; }
      const extraction = QT.extract.extractArticle(document);
      if (!extraction.paragraphs.length) {
        QT.panel.showError("QuoteTrail found no article text on this page.");
        QT.panel.open(false);
        QT.overlay.setState("error");
        return;
      }
      state.resends = 0;
      const ok = await analyse(extraction);
      if (ok && reason !== "auto") QT.panel.open(false);
      if (ok) watch();
    } finally {
      state.busy = false;
    }
  }

  function watch() {
    if (!state.observer) state.observer = QT.observe.create(onPageChange);
    state.observer.stop();
    state.observer.start(state.extraction.paragraphs.map((p) => p.block));
  }

  /* The page changed near the article: re-apply the highlights, re-analysing only if the text changed. */
  async function onPageChange() {
    if (state.busy || !state.extraction) return;
    const intact = state.handle && state.handle.intact() &&
      state.extraction.paragraphs.every((p) => p.block.isConnected);
    const fresh0 = QT.extract.extractArticle(document);
    if (intact && sameTexts(fresh0.paragraphs, state.extraction.paragraphs)) return;
    state.busy = true;
    try {
      state.observer.stop();
      if (state.handle) { state.handle.remove(); state.handle = null; }
      const fresh = QT.extract.extractArticle(document);
      if (!fresh.paragraphs.length) return;
      if (sameTexts(fresh.paragraphs, state.extraction.paragraphs)) {
        state.extraction = fresh;
        await draw();
      } else if (state.resends < MAX_RESENDS) {
        state.resends += 1;
        if (!(await analyse(fresh))) return;
      } else {
        QT.panel.setStatus("The article keeps changing; run QuoteTrail again to update.");
        return;
      }
      watch();
    } finally {
      state.busy = false;
    }
  }

  function markFrom(event) {
    const t = event.target;
    return t && t.nodeType === Node.ELEMENT_NODE && t.closest ? t.closest(QT.highlight.MARK_TAG) : null;
  }

  document.addEventListener("mouseover", (event) => {
    const mark = markFrom(event);
    if (mark && state.model) QT.card.show(state.model, mark);
  }, true);
  document.addEventListener("mouseout", (event) => {
    const mark = markFrom(event);
    if (mark && !(event.relatedTarget && mark.contains(event.relatedTarget))) QT.card.hide(false);
  }, true);
  document.addEventListener("focusin", (event) => {
    const mark = markFrom(event);
    if (mark && state.model) QT.card.show(state.model, mark);
  }, true);
  document.addEventListener("focusout", (event) => {
    if (markFrom(event)) QT.card.hide(true);
  }, true);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && QT.card.shownFor()) {
      QT.card.hide(true);
    } else if (event.key === "Enter" && markFrom(event)) {
      const mark = markFrom(event);
      event.preventDefault();
      QT.panel.focusItem(mark.dataset.qtKind, mark.dataset.qtId);
    }
  }, true);

  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message && message.type === MSG_RUN) {
      run({ reason: "click" }).then(() => sendResponse({ ok: true }), (err) => sendResponse({ ok: false, error: String(err) }));
      return true;
    }
    return false;
  });

  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !changes[QT.settings.STORAGE_KEY] || !state.data || state.busy) return;
    const next = QT.settings.normalize(changes[QT.settings.STORAGE_KEY].newValue);
    if (JSON.stringify(next.hiddenCategories) === JSON.stringify(state.hidden)) return;
    state.hidden = next.hiddenCategories;
    if (state.observer) state.observer.stop();
    if (state.handle) { state.handle.remove(); state.handle = null; }
    const fresh = QT.extract.extractArticle(document);
    if (sameTexts(fresh.paragraphs, state.extraction.paragraphs)) {
      state.extraction = fresh;
      draw().then(watch);
    }
  });

  QT.controller = { run, state };
})(globalThis);
