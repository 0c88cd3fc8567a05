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
    busy: false, pending: false, extraction: null, sent: null, data: null, model: null, handle: null,
    resends: 0, hidden: [], clearOnly: false, observer: null, store: null, backendUrl: null, language: null,
  };

  const texts = (paragraphs) => paragraphs.map((p) => p.text);
  const sameTexts = (a, b) => Boolean(a && b && a.length === b.length && a.every((t, i) => t === b[i]));

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

  function discard() {
    if (state.observer) state.observer.discard();
  }

  function drawnIntact() {
    return Boolean(state.handle && state.handle.intact() && state.extraction.paragraphs.every((p) => p.block.isConnected));
  }

  /* Draw the answer (to the texts in state.sent) on `extraction`, the page as it is now. */
  async function draw(extraction) {
    if (state.handle) state.handle.remove();
    state.extraction = extraction;
    const now = texts(extraction.paragraphs);
    const where = sameTexts(now, state.sent) ? null : QT.model.paragraphMap(state.sent, now);
    for (const p of extraction.paragraphs) p.theme = QT.overlay.themeOf(p.block);
    state.model = QT.model.build(state.data, { hidden: state.hidden, clearOnly: state.clearOnly }, where);
    state.handle = QT.highlight.apply(extraction.paragraphs, state.model.items, { afterChunk: discard });
    QT.panel.render(state.model, handlers(), { store: state.store, backendUrl: state.backendUrl });
    await state.handle.done;
    discard();
  }

  function clearDrawing() {
    if (state.handle) state.handle.remove();
    state.handle = null;
    state.model = null;
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
    state.sent = texts(extraction.paragraphs);
    state.store = answer.store || null;
    state.backendUrl = typeof answer.backendUrl === "string" ? answer.backendUrl : null;
    const code = QT.model.answerLanguage(answer.data);
    state.language = code ? QT.language.describe(code) : extraction.language;
    if (!state.language.english) {
      clearDrawing();
      state.extraction = extraction;
      QT.panel.renderUnsupported(state.language);
      QT.overlay.setState("unsupported");
      return true;
    }
    // The page may have changed during the round trip: draw onto what is there now.
    await draw(extraction.paragraphs.every(QT.extract.stillMapped) ? extraction : QT.extract.extractArticle(document));
    const categories = state.model.categories || [];
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
      state.clearOnly = settings.clearTermsOnly;
      if (reason === "auto" && !(settings.runMode === QT.settings.RUN_ON_SITES &&
                                 QT.settings.siteMatches(settings.sites, location.hostname))) {
        return;
      }
      QT.overlay.ensure();
      QT.panel.build();
      const extraction = QT.extract.extractArticle(document);
      // Pressed again on the article already analysed: nothing new to send; show the panel.
      if (state.data && sameTexts(texts(extraction.paragraphs), state.sent)) {
        if (state.language.english && (QT.highlight.sweep(state.handle) || !drawnIntact())) await draw(extraction);
        if (reason !== "auto") QT.panel.open(false);
        return;
      }
      clearDrawing();
      QT.highlight.sweep(null);
      QT.panel.setNotice("");
      if (!extraction.paragraphs.length) {
        QT.overlay.setTheme(QT.overlay.themeOf(document.body));
        QT.panel.clear();
        QT.panel.showError("QuoteTrail found no article on this page, so nothing was sent.");
        QT.panel.open(false);
        QT.overlay.setState("error");
        return;
      }
      QT.overlay.setTheme(QT.overlay.themeOf(extraction.paragraphs[0].block));
      state.resends = 0;
      if (!(await analyse(extraction))) return;
      if (state.language.english) await QT.panel.restore(reason);
      else if (reason !== "auto") QT.panel.open(false);
      watch();
    } finally {
      state.busy = false;
      afterBusy();
    }
  }

  function watch() {
    if (!state.observer) state.observer = QT.observe.create(onMutation);
    state.observer.start(state.extraction.paragraphs.map((p) => p.block));
  }

  function onMutation() {
    if (state.busy) state.pending = true; else onPageChange();
  }

  /* Changes seen while busy are looked at once the work is done. */
  function afterBusy() {
    if (!state.pending) return;
    state.pending = false;
    setTimeout(onMutation, QT.observe.SETTLE_MS);
  }

  /*
   * The page changed near the article. Copies of our highlights the page made go first; what is
   * still valid is drawn again at once; changed text is re-sent (MAX_RESENDS times per page view),
   * and past that the panel says what is not analysed.
   */
  async function onPageChange() {
    if (state.busy || !state.extraction || !state.data || !state.language.english) return;
    state.busy = true;
    try {
      const swept = QT.highlight.sweep(state.handle);
      discard();
      const fresh = QT.extract.extractArticle(document);
      const now = texts(fresh.paragraphs);
      if (!fresh.paragraphs.length) return;        // between two renders: the next change brings it back
      if (!swept && drawnIntact() && sameTexts(now, texts(state.extraction.paragraphs))) return;
      await draw(fresh);
      if (!sameTexts(now, state.sent)) {
        if (state.resends < MAX_RESENDS) {
          state.resends += 1;
          if (await analyse(fresh)) {
            QT.panel.setNotice(`The article changed while you read it; QuoteTrail analysed it again (update ${state.resends} of ${MAX_RESENDS}).`);
          }
        } else {
          const added = now.filter((t) => !state.sent.includes(t)).length;
          QT.panel.setNotice(`The article changed after its last analysis${added ? `: ${added} new paragraph(s) are not analysed` : ""}. ` +
                             "Press the QuoteTrail button to analyse it again.");
        }
      }
      watch();
    } finally {
      state.busy = false;
      afterBusy();
    }
  }

  function markFrom(event) {
    const t = event.target;
    return t && t.nodeType === Node.ELEMENT_NODE && t.closest ? t.closest(QT.highlight.MARK_TAG) : null;
  }

  document.addEventListener("mouseover", (event) => {
    const mark = markFrom(event);
    if (mark && state.model) QT.card.show(state.model, mark, { x: event.clientX, y: event.clientY });
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
    if (area !== "local" || !changes[QT.settings.STORAGE_KEY] || !state.model || state.busy) return;
    const next = QT.settings.normalize(changes[QT.settings.STORAGE_KEY].newValue);
    if (JSON.stringify(next.hiddenCategories) === JSON.stringify(state.hidden) &&
        next.clearTermsOnly === state.clearOnly) return;
    state.hidden = next.hiddenCategories;
    state.clearOnly = next.clearTermsOnly;
    state.busy = true;
    draw(QT.extract.extractArticle(document)).finally(() => {
      state.busy = false;
      afterBusy();
    });
  });

  QT.controller = { run, state };
})(globalThis);
