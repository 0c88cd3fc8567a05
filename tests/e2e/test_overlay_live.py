"""Pages that change under the overlay (issue 15, items 3 and 4), through the real backend: a live
article that keeps appending paragraphs, and pages that copy their article's DOM."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import highlight_texts

NOTICE = "quotetrail-overlay .panel .notice"
FIRST = "Everyone should stay indoors tonight"

# Every highlight on the page is the extension's own (it has the shadow root the extension gave it),
# none sits inside another of the same item, and each item is one tab stop.
MARKS_JS = """() => {
  const marks = [...document.querySelectorAll('qt-mark')];
  return {count: marks.length,
          foreign: marks.filter(m => !m.shadowRoot).length,
          nested: marks.filter(m => m.parentElement.closest(`qt-mark[data-qt-id="${m.dataset.qtId}"]`)).length,
          stops: marks.filter(m => m.tabIndex === 0).length,
          items: new Set(marks.map(m => m.dataset.qtKind + m.dataset.qtId)).size};
}"""


def test_live_article_keeps_its_highlights_and_says_it_changed(ext, pages, backend):
    page = ext.open(pages.url + "/pages/live.html", backend.url)
    ext.analyse(page)
    assert any(t.startswith(FIRST) for t in highlight_texts(page, "quote"))
    for i in range(6):                      # more updates than the extension re-sends (3)
        page.evaluate("i => window.append(i)", i)
        page.wait_for_timeout(1300)
    expect(page.locator(NOTICE)).to_contain_text("not analysed", timeout=20000)
    expect(page.locator(NOTICE)).to_contain_text("Press the QuoteTrail button")
    page.wait_for_timeout(800)
    assert backend.analyze_calls == 4       # the first analysis and three re-sends
    # What was analysed stays drawn: the first quote and those of the updates the backend saw.
    quotes = highlight_texts(page, "quote")
    assert any(t.startswith(FIRST) for t in quotes)
    assert any(t.startswith("The harbour is closed to all boats") for t in quotes)
    assert any(t.startswith("Power should be back in most streets") for t in quotes)
    # The page and the panel agree on the quotes.
    status = page.locator("quotetrail-overlay .panel .status").inner_text()
    assert int(re.match(r"(\d+) quote", status).group(1)) == len(quotes)
    # Pressing the button again analyses the whole article, the last updates included.
    ext.click_button(page)
    expect(page.locator("qt-mark[data-qt-kind=quote]", has_text="We will keep the school open")).to_have_count(1)
    assert backend.analyze_calls == 5


def test_copied_article_dom_leaves_no_stale_highlights(ext, pages, backend):
    page = ext.open(pages.url + "/pages/clone.html", backend.url)
    ext.analyse(page)
    before = page.evaluate(MARKS_JS)
    assert before["count"] >= 3 and before["foreign"] == 0 and before["stops"] == before["items"]
    for copy in ("reserialize", "hydrate", "reserialize"):
        old = page.locator("qt-mark").first.element_handle()
        page.evaluate(f"() => window.{copy}()")
        page.wait_for_function("m => !m.isConnected", arg=old)
        page.wait_for_function(
            "n => { const m = [...document.querySelectorAll('qt-mark')]; return m.length === n && m.every(x => x.shadowRoot); }",
            arg=before["count"], timeout=10000)
        page.wait_for_timeout(600)
        after = page.evaluate(MARKS_JS)
        assert after == before, copy
    assert backend.analyze_calls == 1       # the same text: the answer is reused
    # Tab goes from one item to the next, never twice through the same one.
    page.locator("h1").click()
    seen = []
    for _ in range(before["items"]):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("() => document.activeElement.dataset.qtKind + document.activeElement.dataset.qtId"))
    assert len(set(seen)) == before["items"]
