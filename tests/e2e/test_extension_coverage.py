"""Coverage from the real store: other outlets that carried a quote, in the card and the panel;
and the README's screenshot of the overlay."""
from __future__ import annotations

import os
import re

from playwright.sync_api import expect

from conftest import ROOT
from e2e_helpers import hover

BAKER = "The detour is costing local shops a fortune"


def test_card_and_panel_show_the_outlets_that_carried_a_quote(ext, pages, covered_backend):
    page = ext.open(pages.url + "/pages/basic.html", covered_backend.url)
    ext.analyse(page)
    mark = page.locator("qt-mark[data-qt-kind=quote]", has_text=BAKER).first
    mark.scroll_into_view_if_needed()
    hover(page, mark)
    card = page.locator("quotetrail-overlay .card")
    expect(card.locator(".title")).to_have_text("Tom Becker")
    lines = card.locator(".coverage li")
    expect(lines).to_have_count(2)
    expect(lines.filter(has_text="Valley Post")).to_have_text(re.compile(r"^Valley Post: verbatim"))
    expect(lines.filter(has_text="Hill Herald")).to_have_text(re.compile(r"^Hill Herald: (altered|partial|trimmed)"))
    expect(card.locator(".first-seen")).to_have_text("First seen: Valley Post, 2024-03-02")
    quote_id = mark.get_attribute("data-qt-id")
    coverage = page.locator(f"quotetrail-overlay .coverage [data-qt-quote={quote_id}]")
    expect(coverage.locator("a", has_text="Hill Herald")).to_have_attribute(
        "href", "https://hill-herald.example/riverton-detour")
    expect(coverage.locator(".first-seen a")).to_have_attribute("href", "https://valley-post.example/detour")


def test_screenshot_of_the_overlay(ext, pages, covered_backend):
    """Saves artifacts/overlay.png; with QUOTETRAIL_UPDATE_SCREENSHOT=1 also docs/overlay.png."""
    page = ext.open(pages.url + "/pages/basic.html", covered_backend.url)
    page.set_viewport_size({"width": 1280, "height": 720})
    ext.analyse(page)
    hover(page, page.locator("qt-mark[data-qt-kind=quote]", has_text=BAKER).first)
    expect(page.locator("quotetrail-overlay .card")).to_be_visible()
    image = page.screenshot(path=str(ROOT / "artifacts" / "overlay.png"))
    assert len(image) > 10_000
    if os.environ.get("QUOTETRAIL_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs" / "overlay.png").write_bytes(image)
