/*
 * The overlay's home: one <quotetrail-overlay> element at the end of <html> with an open shadow
 * root holding the panel, its toggle button and the hover card. Page styles stop at the shadow
 * boundary; `:host { all: initial }` stops inherited ones. Also the small DOM helper every overlay
 * module uses: it builds elements from tag, attributes and children, and text only as text nodes.
 */
(function (root) {
  "use strict";

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

  function darkMode() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.overlay = { ensure, setState, el, safeHref, darkMode, reducedMotion, HOST_TAG };
})(globalThis);
