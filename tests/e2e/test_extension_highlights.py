"""Highlights on the reader's own page, through the real backend: the right words, nothing else."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import DONE, highlight_texts, highlights, page_text, pixel, sent_texts

BRIDGE_QUOTE = re.compile(r"^We will rebuild the bridge by spring,?$")


def fill_shows(page, mark) -> bool:
    """The quote's fill is painted: just inside its first line box, the page's white does not show."""
    at = mark.evaluate("m => { const r = m.getClientRects()[0]; return {x: r.left + 1, y: r.bottom - 5}; }")
    return pixel(page, at["x"], at["y"]) != (255, 255, 255)


def test_nothing_is_sent_before_the_reader_asks(ext, pages, backend):
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    page.wait_for_timeout(1500)
    assert backend.analyze_calls == 0
    assert page.locator("quotetrail-overlay").count() == 0
    assert page.locator("qt-mark").count() == 0


def test_request_carries_only_the_article(ext, pages, backend):
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    assert backend.analyze_calls == 1
    body = backend.requests[0]
    assert set(body) <= {"url", "title", "outlet", "published", "paragraphs"}
    assert body["url"] == pages.url + "/pages/basic.html"
    assert body["title"].startswith("Riverton will rebuild its bridge")
    assert body["outlet"] == "The Riverton Ledger"
    sent = "\n".join(sent_texts(body))
    assert sent_texts(body)[0].startswith('"We will rebuild the bridge by spring," Mayor Ana Ruiz said')
    # White space from the HTML source is collapsed the way the browser shows it.
    assert "  " not in sent and "\n" not in "".join(sent_texts(body))
    # Site furniture stays on the page.
    for furniture in ("Home", "Sport", "Subscribe to our newsletter"):
        assert furniture not in sent


def test_quotes_and_loaded_terms_sit_on_the_right_words(ext, pages, backend):
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    before = page_text(page, "#story")
    ext.analyse(page)
    quotes = highlights(page, "quote")
    bridge = [q for q in quotes if BRIDGE_QUOTE.match(q["text"])]
    assert bridge and bridge[0]["paragraph"] == "p-quote"
    assert any(q["text"].startswith("The detour is costing local shops a fortune") for q in quotes)
    terms = highlight_texts(page, "term")
    assert "regime" in terms
    assert any(t.startswith("so-called") for t in terms)
    assert "allegedly" in terms
    # Wrapping changed no character of the page.
    assert page_text(page, "#story") == before
    # Every highlight is one keyboard stop with a spoken description.
    first = page.locator("qt-mark[data-qt-kind=quote]").first
    expect(first).to_have_attribute("tabindex", "0")
    expect(first).to_have_attribute("aria-description", re.compile(r"quote by (Mayor )?Ana Ruiz", re.I))


def test_highlights_keep_the_page_layout(ext, pages, backend):
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    box = page.locator("#story").bounding_box()
    lines = page.evaluate("() => [...document.querySelectorAll('#story p')].map(p => p.getClientRects()[0].height)")
    ext.analyse(page)
    page.locator("quotetrail-overlay .panel .close").click()
    assert page.locator("#story").bounding_box() == box
    assert page.evaluate("() => [...document.querySelectorAll('#story p')].map(p => p.getClientRects()[0].height)") == lines


def test_page_styles_cannot_strip_the_highlights(ext, pages, backend):
    # basic.css sets `* { text-decoration: none !important }` and hides every div and section.
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    term = page.locator("qt-mark[data-qt-kind=term]").first
    assert term.evaluate("m => getComputedStyle(m).textDecorationLine") == "underline"
    assert fill_shows(page, page.locator("qt-mark[data-qt-kind=quote]").first)
    expect(page.locator("quotetrail-overlay .panel")).to_be_visible()


def test_unrelated_headline_block_is_left_out(ext, pages, backend):
    page = ext.open(pages.url + "/pages/headlines.html", backend.url)
    ext.analyse(page)
    sent = "\n".join(sent_texts(backend.requests[0]))
    assert "The pier will be safe again before the summer season" in sent
    assert "Prices will fall next month" not in sent
    assert "Storm closes ferry routes" not in sent
    assert page.locator("#headlines qt-mark").count() == 0
    assert any(t.startswith("The pier will be safe again") for t in highlight_texts(page, "quote"))


def test_offsets_count_utf16_units_across_emoji_and_inline_elements(ext, pages, backend):
    page = ext.open(pages.url + "/pages/emoji.html", backend.url)
    before = page_text(page, "article")
    ext.analyse(page)
    sent = sent_texts(backend.requests[0])
    assert sent[0].startswith("🎉🎆 Crowds gathered by the water. 𝒜 \"We welcome every visitor 🚣")
    assert sent[1].startswith("The parade starts at noon. Boats leave")     # <br> became one space
    quotes = [q for q in highlights(page, "quote") if q["text"].startswith("We welcome")]
    assert len(quotes) == 1
    # The highlight covers the page's own characters, line break of the HTML source included.
    assert quotes[0]["text"].startswith("We welcome every\n")
    assert re.fullmatch(r"We welcome every visitor 🚣 to the river festival,?", " ".join(quotes[0]["text"].split()))
    assert quotes[0]["pieces"] >= 3                    # split over the text, <b> and <a> nodes
    assert page_text(page, "article") == before
    assert page.locator("#p-emoji b qt-mark").inner_text() == "welcome"


def test_strict_page_csp_does_not_stop_the_overlay(ext, pages, backend):
    page = ext.open(pages.url + "/csp/basic.html", backend.url)
    ext.analyse(page)
    assert fill_shows(page, page.locator("qt-mark[data-qt-kind=quote]").first)
    expect(page.locator("quotetrail-overlay .panel")).to_be_visible()
    assert page.locator(DONE).count() == 1
