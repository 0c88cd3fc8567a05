/*
 * The overlay's home: one <quotetrail-overlay> element at the end of <html> with an open shadow
 * root holding the panel, its toggle button and the hover card. Page styles stop at the shadow
 * boundary; `:host { all: initial }` stops inherited ones. Also the small DOM helper every overlay
 * module uses: it builds elements from tag, attributes and children, and text only as text nodes.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.overlay) return;

  const HOST_TAG = "quotetrail-overlay";

  /* el("p", {class: "x"}, "text", child) -> element; strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else if (name === "text") node.textContent = String(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  /* Only http(s) links from the network become links; anything else (javascript:, data:) is dropped. */
  function safeHref(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  let host = null;
  let shadow = null;
  let container = null;

  function ensure() {
    if (host && host.isConnected) return { host, shadow, container };
    // One overlay per tab: a host left by an earlier copy of these scripts goes.
    for (const stray of document.querySelectorAll(HOST_TAG)) stray.remove();
    host = document.createElement(HOST_TAG);
    host.setAttribute("data-qt-state", "idle");
    shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = root.QuoteTrail.styles.OVERLAY_CSS;
    let adopted = false;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(root.QuoteTrail.styles.OVERLAY_CSS);
      shadow.adoptedStyleSheets = [sheet];
      adopted = true;
    } catch (_) { /* older engines: the <style> element below */ }
    if (!adopted) shadow.appendChild(style);
    container = el("div", { class: "qt" });
    shadow.appendChild(container);
    document.documentElement.appendChild(host);
    return { host, shadow, container };
  }

  function setState(state) {
    ensure().host.setAttribute("data-qt-state", state);
  }

  /* "r, g, b[, a]" of a computed colour; null when it is not rgb()/rgba(). */
  function rgba(color) {
    const m = /^rgba?\(([^)]+)\)$/.exec(String(color).trim());
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return parts.length >= 3 ? [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1] : null;
  }

  function luminance([r, g, b]) {
    const lin = (c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  /*
   * "dark" or "light": what the page itself paints behind `node`, the first opaque background of it
   * or an ancestor (the system's dark mode does not matter: a white site stays white). With no
   * background anywhere the canvas shows, which is dark only when the page opts into a dark scheme.
   */
  function themeOf(node) {
    for (let el = node && node.nodeType === Node.ELEMENT_NODE ? node : node && node.parentElement; el; el = el.parentElement) {
      const color = rgba(getComputedStyle(el).backgroundColor);
      if (color && color[3] >= 0.5) return luminance(color) < 0.18 ? "dark" : "light";
    }
    const scheme = getComputedStyle(document.documentElement).colorScheme || "";
    const prefersDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    return /\bdark\b/.test(scheme) && (prefersDark || !/\blight\b/.test(scheme)) ? "dark" : "light";
  }

  function setTheme(theme) {
    ensure().host.setAttribute("data-qt-theme", theme);
  }

  function theme() {
    return host && host.getAttribute("data-qt-theme") === "dark" ? "dark" : "light";
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.overlay = { ensure, setState, setTheme, theme, themeOf, el, safeHref, reducedMotion, HOST_TAG };
})(globalThis);
