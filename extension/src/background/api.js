/*
 * The backend client. Only the service worker talks to the network: content scripts hand it the
 * article and get back the analysis or an error message to show.
 */
(function (root) {
  "use strict";

  const ANALYZE_PATH = "/api/v1/analyze";
  const REQUEST_TIMEOUT_MS = 45000;
  /* The only fields the backend accepts besides the body; anything else would be refused. */
  const ARTICLE_FIELDS = ["url", "title", "outlet", "published", "paragraphs"];

  class BackendError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  function pickArticle(article) {
    const body = {};
    for (const name of ARTICLE_FIELDS) {
      if (article[name] !== undefined && article[name] !== null) body[name] = article[name];
    }
    return body;
  }

  async function analyze(backendUrl, article) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(backendUrl + ANALYZE_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(pickArticle(article)),
        credentials: "omit",
        cache: "no-store",
        signal: controller.signal,
      });
    } catch (err) {
      const why = err && err.name === "AbortError" ? "did not answer in time" : "could not be reached";
      throw new BackendError("unreachable", `The QuoteTrail backend at ${backendUrl} ${why}.`);
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const error = data && data.error && typeof data.error === "object" ? data.error : {};
      throw new BackendError(
        typeof error.code === "string" ? error.code : `http_${response.status}`,
        typeof error.message === "string" ? error.message : `The backend answered HTTP ${response.status}.`,
      );
    }
    if (!data || typeof data !== "object" || !Array.isArray(data.paragraphs)) {
      throw new BackendError("bad_response", "The backend's answer was not a QuoteTrail analysis.");
    }
    return data;
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.backend = { analyze, BackendError, ANALYZE_PATH };
})(globalThis);
