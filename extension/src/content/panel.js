/*
 * The side panel, in the overlay's shadow root: a status line, errors, and the sections of the
 * analysis (sections.js). A toggle button opens and closes it; Escape closes it and gives focus back
 * to where the reader came from (the highlight they pressed Enter on). While it is open on a wide
 * enough window the page makes room for it (a right margin on <html>), so it covers no article
 * text; whether the reader keeps it open is remembered for the next article.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.panel) return;

  const QT = root.QuoteTrail;
  const PANEL_ID = "qt-panel";
  const PANEL_WIDTH_PX = 340;
  /* Below this window width the panel lies over the page instead (too little room to share). */
  const MIN_SHARED_WIDTH_PX = 900;
  /* storage.local key: true / false once the reader opened or closed the panel themselves. */
  const OPEN_KEY = "panelOpen";

  let parts = null;
  let handlers = {};
  let cameFrom = null;                // the page element focus came from into the panel
  let savedMargin = null;             // <html>'s own inline margin-right before we made room

  function build() {
    const { container, shadow } = QT.overlay.ensure();
    if (parts && parts.panel.isConnected) return parts;
    const el = QT.overlay.el;
    const status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    const notice = el("p", { class: "notice", hidden: true });
    const error = el("div", { class: "error", role: "alert", hidden: true });
    const content = el("div", { class: "content" });
    const close = el("button", { class: "close", type: "button", "aria-label": "Close the QuoteTrail panel" }, "Close");
    const options = el("button", { class: "linkish options", type: "button" }, "Options");
    const panel = el("aside", { class: "panel", id: PANEL_ID, role: "complementary",
                                "aria-label": "QuoteTrail analysis", hidden: true },
      el("header", {}, el("h2", {}, "QuoteTrail"), close),
      el("div", { class: "body" }, status, notice, error, content, el("p", {}, options)));
    const toggle = el("button", { class: "toggle", type: "button", "aria-controls": PANEL_ID,
                                  "aria-expanded": "false" }, "QuoteTrail");
    toggle.addEventListener("click", () => (panel.hidden ? open(true, { remember: true }) : closePanel({ remember: true })));
    close.addEventListener("click", () => closePanel({ remember: true }));
    options.addEventListener("click", () => handlers.onOptions && handlers.onOptions());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        closePanel({ remember: true });
      }
    });
    panel.addEventListener("focusin", (event) => {
      const from = event.relatedTarget;
      if (from && panel.contains(from)) return;                 // moving about inside the panel
      cameFrom = from && !shadow.contains(from) && from !== QT.overlay.ensure().host ? from : null;
    });
    container.append(toggle, panel);
    parts = { panel, toggle, status, notice, error, content, close };
    return parts;
  }

  function remember(isOpen) {
    QT.settings.api().storage.local.set({ [OPEN_KEY]: isOpen }).catch(() => {});
  }

  /* Whether the reader last left the panel open (true/false), or null if they never chose. */
  async function keptOpen() {
    try {
      const value = (await QT.settings.api().storage.local.get(OPEN_KEY))[OPEN_KEY];
      return typeof value === "boolean" ? value : null;
    } catch (_) {
      return null;
    }
  }

  function makeRoom(on) {
    const html = document.documentElement;
    if (on && window.innerWidth >= MIN_SHARED_WIDTH_PX) {
      if (savedMargin === null) savedMargin = html.style.getPropertyValue("margin-right");
      html.style.setProperty("margin-right", `${PANEL_WIDTH_PX}px`, "important");
    } else if (savedMargin !== null) {
      if (savedMargin) html.style.setProperty("margin-right", savedMargin); else html.style.removeProperty("margin-right");
      savedMargin = null;
    }
  }

  function open(focus = true, { remember: keep = false } = {}) {
    const p = build();
    p.panel.hidden = false;
    p.toggle.setAttribute("aria-expanded", "true");
    makeRoom(true);
    if (keep) remember(true);
    if (focus) p.close.focus({ preventScroll: true });
  }

  function closePanel({ remember: keep = false } = {}) {
    if (!parts) return;
    const hadFocus = parts.panel.contains(QT.overlay.ensure().shadow.activeElement);
    parts.panel.hidden = true;
    parts.toggle.setAttribute("aria-expanded", "false");
    makeRoom(false);
    if (keep) remember(false);
    if (!hadFocus) return;
    const back = cameFrom && cameFrom.isConnected ? cameFrom : parts.toggle;
    cameFrom = null;
    back.focus({ preventScroll: true });
  }

  /* Open it after an analysis as the reader last chose; by default on a click, not on automatic runs. */
  async function restore(reason) {
    const kept = await keptOpen();
    if (kept === true || (kept === null && reason !== "auto")) open(false);
  }

  function isOpen() {
    return Boolean(parts && !parts.panel.hidden);
  }

  function setStatus(text) {
    build().status.textContent = text;
  }

  /* A lasting note under the status (the article changed after it was analysed); "" hides it. */
  function setNotice(text) {
    const p = build();
    p.notice.textContent = text || "";
    p.notice.hidden = !text;
  }

  function showError(message) {
    const p = build();
    p.error.textContent = message;
    p.error.hidden = false;
    p.status.textContent = "";
  }

  function clearError() {
    const p = build();
    p.error.hidden = true;
    p.error.textContent = "";
  }

  function render(model, newHandlers, context = {}) {
    handlers = newHandlers || {};
    const p = build();
    clearError();
    p.status.textContent = `${model.quotes.length} quote(s) from ${model.speakers.length} speaker(s), ${model.terms.length} loaded term(s).`;
    p.content.replaceChildren(...QT.sections.all(model, context));
  }

  /* The article is in a language the backend cannot read: say so, and show no figures at all. */
  function renderUnsupported(language) {
    const p = build();
    clearError();
    setNotice("");
    p.status.textContent = "Language not supported.";
    p.content.replaceChildren(QT.overlay.el("p", { class: "unsupported" },
      `This article seems to be in ${language.name}. QuoteTrail reads English only, so it shows no quotes, ` +
      "loaded terms, coverage or readability figures for it."));
  }

  function clear() {
    build().content.replaceChildren();
  }

  function select(kind, id) {
    if (handlers.onSelect) handlers.onSelect(kind, id);
  }

  /* Focus the panel's entry for a highlight (Enter on a highlight). */
  function focusItem(kind, id) {
    open(false);
    const button = parts.content.querySelector(`[data-qt-target-kind="${kind}"][data-qt-target="${CSS.escape(id)}"]`);
    if (button) {
      button.scrollIntoView({ block: "nearest", behavior: QT.overlay.reducedMotion() ? "auto" : "smooth" });
      button.focus({ preventScroll: true });
    }
  }

  QT.panel = {
    build, open, close: closePanel, restore, isOpen, setStatus, setNotice, showError, clearError, render,
    renderUnsupported, clear, select, focusItem, OPEN_KEY,
  };
})(globalThis);
