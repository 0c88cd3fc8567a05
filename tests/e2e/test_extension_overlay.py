"""Hover cards, keyboard use, the side panel and error messages. These tests need answers of a
given shape (coverage from other outlets, a refusal), so the backend here is canned."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_helpers import DONE, ERROR, hover
from standin import bridge_answer

CARD = "quotetrail-overlay .card"


def open_bridge(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    return page


def test_hover_card_for_a_quote_names_speaker_kind_and_coverage(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    hover(page, page.locator("qt-mark[data-qt-id=q1]").first)
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".title")).to_have_text("Ana Ruiz")
    expect(card.locator(".desc")).to_have_text("Mayor")
    expect(card.locator(".kind")).to_contain_text("Direct quote")
    expect(card.locator(".coverage li")).to_have_text(["Valley Post: verbatim (100% similar)",
                                                       "Hill Herald: altered (81% similar)"])
    expect(card.locator(".first-seen")).to_have_text("First seen: Valley Post, 2024-03-02")
    page.mouse.move(5, 890)
    expect(card).to_be_hidden()


def test_hover_card_for_a_loaded_term(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    hover(page, page.locator("qt-mark[data-qt-id=t1]"))
    card = page.locator(CARD)
    expect(card.locator(".title")).to_have_text("Loaded term: “regime”")
    expect(card.locator(".category")).to_have_text("Category: label")
    expect(card.locator(".explanation")).to_have_text("Casts a group as illegitimate.")
    expect(card.locator(".alternatives")).to_have_text("Alternatives: group, network")
    expect(card.locator(".voice")).to_have_text("In the outlet's own voice")


def test_keyboard_reaches_highlights_and_escape_closes_the_card(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    page.locator("quotetrail-overlay .panel .close").click()
    page.evaluate("() => document.activeElement.blur()")
    page.locator("nav a").last.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.dataset.qtId]")
    assert focused == ["QT-MARK", "q1"]
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".title")).to_have_text("Ana Ruiz")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    # Enter opens the panel at the quote's entry.
    page.keyboard.press("Enter")
    expect(page.locator("quotetrail-overlay .panel")).to_be_visible()
    active = page.evaluate("() => document.querySelector('quotetrail-overlay').shadowRoot.activeElement?.dataset.qtTarget")
    assert active == "q1"


def test_panel_lists_speakers_terms_coverage_and_readability(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    panel = page.locator("quotetrail-overlay .panel")
    expect(panel).to_have_attribute("role", "complementary")
    speakers = panel.locator(".speakers .speaker h4")
    expect(speakers).to_have_count(2)
    expect(speakers.first).to_contain_text("Ana Ruiz")
    expect(panel.locator(".speakers [data-qt-target=q1]")).to_have_text("“We will rebuild the bridge by spring”")
    expect(panel.locator(".terms [data-qt-category=label] button")).to_contain_text("“regime”")
    expect(panel.locator(".terms [data-qt-category=doubt] button")).to_contain_text("“allegedly”")
    coverage = panel.locator(".coverage [data-qt-quote=q1]")
    link = coverage.locator("a", has_text="Valley Post").first
    expect(link).to_have_attribute("href", "https://valley-post.example/bridge")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # A javascript: URL from the network is shown as text, never as a link.
    expect(coverage.get_by_text("Hill Herald")).to_have_count(1)
    assert coverage.locator("a[href^=javascript]").count() == 0
    expect(coverage.locator(".first-seen")).to_contain_text("First seen: Valley Post, 2024-03-02")
    expect(panel.locator("[data-qt-metric=flesch_reading_ease]")).to_have_text("51.2")
    expect(panel.locator(".legend li")).to_have_count(4)      # two speakers, two categories


def test_clicking_a_panel_item_scrolls_to_its_highlight(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    page.set_viewport_size({"width": 1200, "height": 300})
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.locator("quotetrail-overlay .panel .terms [data-qt-target=t1]").click()
    mark = page.locator("qt-mark[data-qt-id=t1]")
    expect(mark).to_be_in_viewport()
    expect(mark).to_be_focused()
    expect(mark).to_have_attribute("data-qt-active", "")


def test_backend_refusal_is_shown_in_the_panel(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (400, {"error": {"code": "empty_article",
                                                          "message": "the article has no text"}}))
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.click_button(page)
    page.wait_for_selector(ERROR, state="attached")
    error = page.locator("quotetrail-overlay .panel .error")
    expect(error).to_have_text("the article has no text")
    expect(error).to_have_attribute("role", "alert")
    assert page.locator("qt-mark").count() == 0


def test_unreachable_backend_is_explained(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, {}))
    dead = backend.url
    backend.close()
    page = ext.open(pages.url + "/pages/basic.html", dead)
    ext.click_button(page)
    page.wait_for_selector(ERROR, state="attached")
    expect(page.locator("quotetrail-overlay .panel .error")).to_have_text(
        re.compile(r"The QuoteTrail backend at http://127\.0\.0\.1:\d+ could not be reached\."))


def test_toggle_button_and_escape_close_the_panel(ext, pages, canned_backend):
    page = open_bridge(ext, pages, canned_backend)
    panel = page.locator("quotetrail-overlay .panel")
    toggle = page.locator("quotetrail-overlay .toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel.locator(".close").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(panel).to_be_visible()
    assert page.locator(DONE).count() == 1
