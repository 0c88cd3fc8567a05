/*
 * The backend client. Only the service worker talks to the network: content scripts hand it the
 * article and get back the analysis or an error message to show.
 */
(function (root) {
  "use strict";

  const ANALYZE_PATH = "/api/v1/analyze";
  const STORE_PATH = "/api/v1/store";
  const REQUEST_TIMEOUT_MS = 45000;
  const STORE_TIMEOUT_MS = 5000;
  /* The only fields the backend accepts besides the body; anything else would be refused. */
  const ARTICLE_FIELDS = ["url", "title", "outlet", "published", "paragraphs"];

  class BackendError extends Error {
    constructor(code, message, status = 0) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  function pickArticle(article) {
    const body = {};
    for (const name of ARTICLE_FIELDS) {
      if (article[name] !== undefined && article[name] !== null) body[name] = article[name];
    }
    return body;
  }

  /* Backends that predate paragraph kinds want plain strings: remembered per backend URL. */
  const plainParagraphs = new Set();

  function asPlain(body) {
    return { ...body, paragraphs: body.paragraphs.map((p) => (p && typeof p === "object" ? p.text : p)) };
  }

  /* POST the article; paragraphs go as {text, kind}, or as strings to a backend that refused kinds. */
  async function analyze(backendUrl, article) {
    const body = pickArticle(article);
    const withKinds = Array.isArray(body.paragraphs) && body.paragraphs.some((p) => p && typeof p === "object");
    if (!withKinds || plainParagraphs.has(backendUrl)) return post(backendUrl, withKinds ? asPlain(body) : body);
    try {
      return await post(backendUrl, body);
    } catch (err) {
      if (!(err instanceof BackendError && err.status === 400 && /paragraph/i.test(err.message))) throw err;
      plainParagraphs.add(backendUrl);
      return post(backendUrl, asPlain(body));
    }
  }

  async function post(backendUrl, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(backendUrl + ANALYZE_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
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
        response.status,
      );
    }
    if (!data || typeof data !== "object" || !Array.isArray(data.paragraphs)) {
      throw new BackendError("bad_response", "The backend's answer was not a QuoteTrail analysis.");
    }
    return data;
  }

  /*
   * What the backend's store holds (GET /api/v1/store), or null when it does not say: an older
   * backend answers 404, and a store line is a nicety that must never turn into an error.
   */
  async function store(backendUrl) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), STORE_TIMEOUT_MS);
    try {
      const response = await fetch(backendUrl + STORE_PATH, {
        headers: { Accept: "application/json" }, credentials: "omit", cache: "no-store", signal: controller.signal,
      });
      if (!response.ok) return null;
      const data = await response.json();
      return data && typeof data === "object" && Number.isInteger(data.articles) ? data : null;
    } catch (_) {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.backend = { analyze, store, BackendError, ANALYZE_PATH, STORE_PATH };
})(globalThis);
