"""Fixtures for the extension's end-to-end tests: the real extension in real headless Chromium,
the real QuoteTrail backend on 127.0.0.1, and a small server for the test pages in pages/."""
from __future__ import annotations

import io
import json
import pathlib
import subprocess
import threading

import pytest
from flask import Flask, Response, abort, send_from_directory
from werkzeug.serving import make_server

E2E = pathlib.Path(__file__).resolve().parent
ROOT = E2E.parent.parent
EXT_DIR = ROOT / "extension"
PAGES = E2E / "pages"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [f"--disable-extensions-except={EXT_DIR}", f"--load-extension={EXT_DIR}",
         "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANALYZE_PATH = "/api/v1/analyze"
# A page served with this policy may not run or load anything but its own files.
STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'"
DONE = "quotetrail-overlay[data-qt-state=done]"


@pytest.fixture(scope="session", autouse=True)
def built_extension():
    """The extension needs its build step (Readability into vendor/, icons) before Chromium loads it."""
    if not (EXT_DIR / "node_modules" / "@mozilla" / "readability").exists():
        pytest.fail("extension dependencies are missing: run `npm ci` in extension/ (make extension)")
    subprocess.run(["node", "build.mjs"], cwd=EXT_DIR, check=True, capture_output=True)
    return EXT_DIR


class Server:
    """A WSGI app on a free 127.0.0.1 port in a thread; records the analyze requests it accepted
    (a backend without paragraph kinds refuses the first request of a browser session; the extension
    then sends plain strings, and only that accepted request counts as an analysis)."""

    def __init__(self, app):
        self.requests: list[dict] = []
        self.refused: list[dict] = []
        self.app = app
        self._srv = make_server("127.0.0.1", 0, self._record, threaded=True)
        self.url = f"http://127.0.0.1:{self._srv.server_port}"
        threading.Thread(target=self._srv.serve_forever, daemon=True).start()

    def _record(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == ANALYZE_PATH:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length)
            body = json.loads(raw)
            environ["wsgi.input"] = io.BytesIO(raw)

            def recording_start(status, headers, *rest):
                (self.requests if status.startswith("2") else self.refused).append(body)
                return start_response(status, headers, *rest)
            return self.app(environ, recording_start)
        return self.app(environ, start_response)

    @property
    def analyze_calls(self) -> int:
        return len(self.requests)

    def close(self):
        self._srv.shutdown()


def pages_app() -> Flask:
    app = Flask("test_pages")

    @app.get("/pages/<name>")
    def page(name):
        return send_from_directory(PAGES, name)

    @app.get("/csp/<name>")
    def strict_page(name):
        response = send_from_directory(PAGES, name)
        response.headers["Content-Security-Policy"] = STRICT_CSP
        return response

    @app.get("/long")
    def long_page():
        # Hundreds of highlights: 150 paragraphs, each with a quote and two loaded terms.
        speakers = ["Mayor Ana Ruiz", "Councillor Ben Okafor", "Engineer Carla Diaz"]
        rows = []
        for i in range(150):
            who = speakers[i % len(speakers)]
            rows.append(f'<p>"Section {i} of the bridge will open by spring," {who} said. '
                        f"Critics of the so-called plan called the council a regime.</p>")
        html = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>A long report</title></head>"
                "<body><article><h1>A long report on the bridge</h1>" + "".join(rows) + "</article></body></html>")
        return Response(html, mimetype="text/html")

    @app.get("/favicon.ico")
    def favicon():
        abort(404)

    return app


@pytest.fixture(scope="session")
def pages():
    server = Server(pages_app())
    yield server
    server.close()


@pytest.fixture(scope="session")
def real_backend(tmp_path_factory):
    """The real QuoteTrail app (spaCy analysis, SQLite store in a temporary folder)."""
    from quotetrail.api import create_app

    app = create_app({"DB": str(tmp_path_factory.mktemp("store") / "store.sqlite3"), "TESTING": True})
    server = Server(app)
    yield server
    server.close()


@pytest.fixture
def backend(real_backend):
    """The real backend, with its request log cleared for this test."""
    real_backend.requests.clear()
    real_backend.refused.clear()
    return real_backend


@pytest.fixture
def canned_backend():
    """A backend whose answers the test chooses: `canned_backend(handler)` -> Server."""
    from standin import canned_app

    servers = []

    def start(handler, store=None):
        servers.append(Server(canned_app(handler, store)))
        return servers[-1]
    yield start
    for s in servers:
        s.close()


@pytest.fixture(scope="session")
def pw():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def ext_context(pw, tmp_path):
    ctx = pw.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
        viewport={"width": 1200, "height": 900})
    ctx.set_default_timeout(15000)
    yield ctx
    ctx.close()


@pytest.fixture
def ext_worker(ext_context):
    return (ext_context.service_workers[0] if ext_context.service_workers
            else ext_context.wait_for_event("serviceworker"))


@pytest.fixture
def extension_id(ext_worker):
    return ext_worker.url.split("/")[2]


class Ext:
    """What a test does with the extension: set options, press the toolbar button, wait."""

    def __init__(self, context, worker):
        self.context = context
        self.worker = worker

    def configure(self, **settings):
        self.worker.evaluate("s => QuoteTrail.settings.save(s)", settings)

    def settings(self) -> dict:
        return self.worker.evaluate("() => chrome.storage.local.get('settings').then(r => r.settings)")

    def click_button(self, page):
        """What the toolbar button does: inject the content scripts into the tab and run."""
        return self.worker.evaluate(
            """async url => {
                 const [tab] = await chrome.tabs.query({url});
                 if (!tab) throw new Error('no tab at ' + url);
                 return QuoteTrail.worker.runOnTab(tab.id);
               }""", page.url.split("#")[0])

    def open(self, url, backend_url=None):
        if backend_url:
            self.configure(backendUrl=backend_url)
        page = self.context.new_page()
        page.goto(url)
        return page

    def analyse(self, page):
        self.click_button(page)
        page.wait_for_selector(DONE, state="attached")
        return page


@pytest.fixture
def ext(ext_context, ext_worker):
    return Ext(ext_context, ext_worker)


# Two other outlets' reports of the baker's quote on pages/basic.html: one word for word, one
# reworded. They are ingested into the real store, so the real coverage lookup finds them.
OTHER_OUTLETS = [
    {"url": "https://valley-post.example/detour", "title": "Shops count the cost of the detour",
     "outlet": "Valley Post", "published": "2024-03-02T10:00:00Z",
     "text": "Riverton's shopkeepers are counting the cost of the closed bridge.\n"
             "\"The detour is costing local shops a fortune,\" said Tom Becker, a baker in Riverton.\n"
             "The bridge closed in March."},
    {"url": "https://hill-herald.example/riverton-detour", "title": "Baker says detour hurts trade",
     "outlet": "Hill Herald", "published": "2024-03-03T08:00:00Z",
     "text": "Traders in Riverton say the bridge closure is hurting business.\n"
             "\"This detour is costing the local shops a small fortune,\" baker Tom Becker said on Monday.\n"
             "Drivers use a detour."},
]


@pytest.fixture(scope="session")
def covered_backend(tmp_path_factory):
    """The real app on a store that already holds OTHER_OUTLETS (ingested the normal way)."""
    from quotetrail.analysis import analyze_many
    from quotetrail.api import create_app
    from quotetrail.ingest import ingest
    from quotetrail.store import open_store

    folder = tmp_path_factory.mktemp("covered")
    db = str(folder / "store.sqlite3")
    (folder / "others.jsonl").write_text("\n".join(json.dumps(a) for a in OTHER_OUTLETS), encoding="utf-8")
    summary = ingest([str(folder / "others.jsonl")], open_store(db), analyze_many)
    assert summary.added == len(OTHER_OUTLETS), summary.to_dict()
    server = Server(create_app({"DB": db, "TESTING": True}))
    yield server
    server.close()
