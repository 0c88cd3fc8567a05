/*
 * Watches for pages that re-render: when the article's nodes are replaced or edited by the page,
 * the highlights are re-applied (debounced). Our own DOM changes never count: the highlighter
 * drains the observer's queue after each chunk it writes.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.observe) return;

  const QT = root.QuoteTrail;
  const SETTLE_MS = 400;          // wait for the page to stop changing before looking again

  function commonAncestor(nodes) {
    if (!nodes.length) return document.body;
    let anc = nodes[0].parentNode || nodes[0];
    for (const n of nodes.slice(1)) {
      while (anc && !anc.contains(n)) anc = anc.parentNode;
    }
    return anc && anc.nodeType === Node.ELEMENT_NODE ? anc : document.body;
  }

  /* The overlay host and the hidden text of the card next to it are ours, not the page's. */
  function isOverlay(node) {
    const tag = node.nodeType === Node.ELEMENT_NODE ? node.tagName.toLowerCase()
      : node.parentElement ? node.parentElement.tagName.toLowerCase() : "";
    return tag === QT.overlay.HOST_TAG || tag === QT.card.DESCRIPTION_TAG;
  }

  function create(onChange) {
    let scope = document.body;
    let timer = null;
    const observer = new MutationObserver((records) => {
      const relevant = records.some((r) => {
        if (isOverlay(r.target) || (r.target.getRootNode && r.target.getRootNode() instanceof ShadowRoot)) return false;
        const nodes = [...r.addedNodes, ...r.removedNodes];
        if (nodes.length && nodes.every(isOverlay)) return false;
        return !scope || !scope.isConnected || scope.contains(r.target) || r.target.contains(scope);
      });
      if (!relevant) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, SETTLE_MS);
    });

    function start(blocks) {
      scope = commonAncestor(blocks);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    }

    function stop() {
      clearTimeout(timer);
      observer.disconnect();
    }

    /* Forget mutations queued so far (our own writes). */
    function discard() {
      observer.takeRecords();
    }

    return { start, stop, discard };
  }

  QT.observe = { create, SETTLE_MS };
})(globalThis);
