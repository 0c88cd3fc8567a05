/* Chromium service worker entry: the same scripts Firefox lists as background scripts. */
importScripts("../shared/settings.js", "api.js", "worker.js");
