/*
 * Options page: backend URL, when to run (on click, or automatically on listed sites) and which
 * loaded-term categories to show. Host permissions for a remote backend and for listed sites are
 * asked for on Save, while the click still counts as the reader's gesture.
 */
(function () {
  "use strict";

  const S = globalThis.QuoteTrail.settings;
  const ext = S.api();
  /* Origins the manifest already grants: no need to ask. */
  const GRANTED_HOSTS = new Set(["127.0.0.1", "localhost"]);

  const form = document.getElementById("options");
  const backend = document.getElementById("backend-url");
  const sites = document.getElementById("sites");
  const runClick = document.getElementById("run-click");
  const runSites = document.getElementById("run-sites");
  const categoriesBox = document.getElementById("categories");
  const status = document.getElementById("status");
  const storeLine = document.getElementById("store");

  /* What the saved backend's store holds; an older backend without GET /api/v1/store just says less. */
  async function showStore(url) {
    storeLine.textContent = "";
    const store = await globalThis.QuoteTrail.backend.store(url);
    if (!store) {
      storeLine.textContent = "This backend does not say what its store holds (it may be down, or an older version).";
      return;
    }
    const newest = typeof store.newest === "string" ? `, the newest from ${store.newest.slice(0, 10)}` : "";
    const polling = store.polling && store.polling.enabled === true
      ? ` It follows ${Number(store.polling.feeds) || 0} feed(s).` : " It follows no feeds.";
    storeLine.textContent = `Its store holds ${store.articles} article(s) from ${Number(store.outlets) || 0} outlet(s)${newest}.${polling}`;
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function renderCategories(all, hidden) {
    categoriesBox.replaceChildren();
    for (const category of all) {
      const input = document.createElement("input");
      input.type = "checkbox";
      input.name = "category";
      input.value = category;
      input.checked = !hidden.includes(category);
      const label = document.createElement("label");
      label.append(input, document.createTextNode(S.categoryName(category)));
      categoriesBox.appendChild(label);
    }
  }

  function readForm() {
    const all = [...categoriesBox.querySelectorAll("input[name=category]")];
    return {
      backendUrl: backend.value,
      runMode: runSites.checked ? S.RUN_ON_SITES : S.RUN_ON_CLICK,
      sites: sites.value.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean),
      hiddenCategories: all.filter((i) => !i.checked).map((i) => i.value),
      clearTermsOnly: document.getElementById("clear-only").checked,
    };
  }

  function originsNeeded(value) {
    const origins = [];
    const url = S.cleanBackendUrl(value.backendUrl);
    if (url) {
      const host = new URL(url).hostname;
      if (!GRANTED_HOSTS.has(host)) origins.push(`${new URL(url).origin}/*`);
    }
    if (value.runMode === S.RUN_ON_SITES) {
      const clean = value.sites.map(S.cleanSite).filter(Boolean).filter((s) => !GRANTED_HOSTS.has(s));
      origins.push(...S.sitePatterns(clean));
    }
    return origins;
  }

  async function load() {
    const settings = await S.load();
    backend.value = settings.backendUrl;
    (settings.runMode === S.RUN_ON_SITES ? runSites : runClick).checked = true;
    sites.value = settings.sites.join("\n");
    const seen = (await ext.storage.local.get(S.SEEN_CATEGORIES_KEY))[S.SEEN_CATEGORIES_KEY] || [];
    const all = [...new Set([...S.KNOWN_CATEGORIES, ...seen, ...settings.hiddenCategories])];
    renderCategories(all, settings.hiddenCategories);
    document.getElementById("clear-only").checked = settings.clearTermsOnly;
    showStore(settings.backendUrl);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = readForm();
    if (!S.cleanBackendUrl(value.backendUrl)) {
      say("The backend URL must be an http:// or https:// address.", true);
      backend.setAttribute("aria-invalid", "true");
      backend.focus();
      return;
    }
    backend.removeAttribute("aria-invalid");
    const bad = value.sites.filter((s) => !S.cleanSite(s));
    if (bad.length) {
      say(`Not a site name: ${bad.join(", ")}`, true);
      sites.focus();
      return;
    }
    const origins = originsNeeded(value);
    // Ask first, synchronously inside the click: browsers only show the prompt during a gesture.
    const asked = origins.length ? ext.permissions.request({ origins }) : Promise.resolve(true);
    asked.catch(() => false).then(async (granted) => {
      const saved = await S.save(value);
      backend.value = saved.backendUrl;
      showStore(saved.backendUrl);
      sites.value = saved.sites.join("\n");
      say(granted ? "Saved." : "Saved, but the browser did not grant access to those sites; " +
                                "QuoteTrail will only run there when you click its button.", !granted);
    });
  });

  load().catch((err) => say(`Could not load the options: ${err.message || err}`, true));
})();
