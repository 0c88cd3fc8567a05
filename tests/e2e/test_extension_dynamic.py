"""Pages that re-render, and long pages with hundreds of highlights, through the real backend."""
from __future__ import annotations

import re
import subprocess
import time

from playwright.sync_api import expect

from conftest import EXT_DIR
from e2e_helpers import highlight_texts, hover, sent_texts

LIBRARY = "We will reopen the library in June"


def quote_count_with(page, prefix):
    return sum(1 for t in highlight_texts(page, "quote") if t.startswith(prefix))


def test_highlights_come_back_after_a_re_render_without_a_new_request(ext, pages, backend):
    page = ext.open(pages.url + "/pages/rerender.html", backend.url)
    ext.analyse(page)
    assert quote_count_with(page, LIBRARY) == 1
    drawn = highlight_texts(page, "quote") + highlight_texts(page, "term")
    old = page.locator("qt-mark[data-qt-kind=quote]").first.element_handle()
    page.evaluate("() => window.rerender(false)")               # same text, new nodes
    page.wait_for_function("m => !m.isConnected", arg=old)
    expect(page.locator(".story-body qt-mark[data-qt-id]")).not_to_have_count(0)
    page.wait_for_timeout(300)
    assert highlight_texts(page, "quote") + highlight_texts(page, "term") == drawn
    assert backend.analyze_calls == 1                             # the answer was reused


def test_changed_text_after_a_re_render_is_analysed_again(ext, pages, backend):
    page = ext.open(pages.url + "/pages/rerender.html", backend.url)
    ext.analyse(page)
    page.evaluate("() => window.rerender(true)")                # a new paragraph with a new quote
    expect(page.locator("qt-mark[data-qt-kind=quote]", has_text="We will also open on Sundays")).to_have_count(1)
    assert backend.analyze_calls == 2
    assert quote_count_with(page, LIBRARY) == 1
    assert "We will also open on Sundays" in sent_texts(backend.requests[1])[-1]


def test_hundreds_of_highlights_without_blocking_the_page(ext, pages, backend):
    page = ext.open(pages.url + "/long", backend.url)
    # Record long tasks (over 50 ms) on the page's main thread while the highlights are drawn.
    page.evaluate("""() => { window.longTasks = [];
        new PerformanceObserver(l => l.getEntries().forEach(e => window.longTasks.push(e.duration)))
          .observe({type: 'longtask', buffered: false}); }""")
    ext.analyse(page)
    quotes = page.locator("qt-mark[data-qt-kind=quote]")
    assert quotes.count() == 150
    assert page.locator("qt-mark[data-qt-kind=term]").count() >= 300
    assert highlight_texts(page, "quote")[149].startswith("Section 149 of the bridge will open by spring")
    longest = max(page.evaluate("() => window.longTasks"), default=0)
    assert longest < 300, f"the page was blocked for {longest} ms"
    # Hover still answers at once on the last highlight.
    last = quotes.nth(149)
    last.scroll_into_view_if_needed()
    started = time.monotonic()
    hover(page, last)
    expect(page.locator("quotetrail-overlay .card .title")).to_have_text(re.compile("Carla Diaz"), timeout=2000)
    assert time.monotonic() - started < 2


def test_firefox_build_passes_web_ext_lint():
    result = subprocess.run(["npm", "run", "--silent", "lint", "--", "--output", "json"], cwd=EXT_DIR,
                            capture_output=True, text=True, timeout=300)
    import json
    start = result.stdout.index("{")
    report = json.loads(result.stdout[start:])
    assert report["summary"]["errors"] == 0, report["errors"]
    # The only warnings allowed are Readability's own innerHTML use on its detached clone.
    for warning in report["warnings"]:
        assert warning["file"] == "vendor/Readability.js", warning
