"""The panel and the options page (issue 15, items 8, 9, 11 and 12): room for the panel and its
remembered state, focus and descriptions for assistive technology, coverage said once with what
the store holds, links to statements, and the options page's sites box."""
from __future__ import annotations

from playwright.sync_api import expect

from e2e_helpers import DONE
from standin import STORE, bridge_answer

PANEL = "quotetrail-overlay .panel"


def bridge(canned_backend, store=STORE, **quote_fields):
    def answer(body):
        data = bridge_answer(body["paragraphs"])
        data["quotes"][0].update(quote_fields)
        return 200, data
    return canned_backend(answer, store)


def test_the_page_makes_room_for_the_panel_and_its_state_is_remembered(ext, pages, canned_backend):
    backend = bridge(canned_backend)
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    page.set_viewport_size({"width": 1366, "height": 900})
    before = page.locator("#story").bounding_box()
    ext.analyse(page)
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    story = page.locator("#story").bounding_box()
    assert story["x"] + story["width"] <= panel.bounding_box()["x"]          # no article text under it
    panel.locator(".close").click()
    expect(panel).to_be_hidden()
    assert page.locator("#story").bounding_box() == before                    # the page is as it was
    # The reader closed it: on the next article it stays closed, the toggle is there.
    second = ext.open(pages.url + "/pages/basic.html?2", backend.url)
    second.set_viewport_size({"width": 1366, "height": 900})
    ext.analyse(second)
    expect(second.locator(PANEL)).to_be_hidden()
    second.locator("quotetrail-overlay .toggle").click()
    expect(second.locator(PANEL)).to_be_visible()
    # ...and once they open it again, the next article opens with it.
    third = ext.open(pages.url + "/pages/basic.html?3", backend.url)
    ext.analyse(third)
    expect(third.locator(PANEL)).to_be_visible()


def test_escape_gives_focus_back_to_the_highlight_and_the_card_is_its_description(ext, pages, canned_backend):
    backend = bridge(canned_backend)
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    page.locator(PANEL + " .close").click()
    page.locator("nav a").last.focus()
    page.keyboard.press("Tab")
    mark = page.locator("qt-mark[data-qt-id=q1]").first
    expect(mark).to_be_focused()
    # The card's text is what the highlight's aria-describedby names, in the page's own tree.
    expect(mark).to_have_attribute("aria-describedby", "quotetrail-card-text")
    description = page.locator("#quotetrail-card-text")
    expect(description).to_contain_text("Ana Ruiz")
    expect(description).to_contain_text("Direct quote")
    # Chromium's own accessibility tree gives the highlight that description.
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "qt-mark[data-qt-id=q1]"})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    assert "Ana Ruiz" in ax["description"]["value"] and "Valley Post" in ax["description"]["value"]
    # Enter opens the panel at the quote; Escape closes it and focus is back on the highlight.
    page.keyboard.press("Enter")
    expect(page.locator(PANEL)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(PANEL)).to_be_hidden()
    expect(mark).to_be_focused()


def test_coverage_says_once_what_no_outlet_carried_with_what_the_store_holds(ext, pages, canned_backend):
    backend = bridge(canned_backend, statement_id="st 1/a")
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    coverage = page.locator(PANEL + " .coverage")
    assert coverage.inner_text().count("No other outlet found") == 1
    expect(coverage.locator(".coverage-none")).to_have_text(
        "No other outlet found carrying 1 of the 2 quotes yet. The store holds 1234 articles from 17 outlets, "
        "the newest from 2024-03-03; it follows 42 feeds, last read 2024-03-03 09:30.")
    # The carried quote links to its statement, every outlet's wording of it.
    link = coverage.locator("[data-qt-quote=q1] .statement a")
    expect(link).to_have_attribute("href", backend.url + "/api/v1/statements/st%201%2Fa")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # A quote without a statement has no such link.
    assert coverage.locator("[data-qt-quote=q2] .statement").count() == 0


def test_an_older_backend_without_a_store_endpoint_is_no_error(ext, pages, canned_backend):
    backend = bridge(canned_backend, store=None)              # GET /api/v1/store answers 404
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.analyse(page)
    expect(page.locator(PANEL + " .coverage .coverage-none")).to_have_text(
        "No other outlet found carrying 1 of the 2 quotes yet.")
    expect(page.locator(PANEL + " .error")).to_be_hidden()
    assert page.locator(DONE).count() == 1


def test_options_show_the_store_and_the_sites_box_stays_inside_its_border(ext, extension_id, canned_backend):
    backend = bridge(canned_backend)
    older = bridge(canned_backend, store=None)
    ext.configure(backendUrl=backend.url)
    page = ext.context.new_page()
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"chrome-extension://{extension_id}/src/options/options.html")
    expect(page.locator("#store")).to_have_text(
        "Its store holds 1234 article(s) from 17 outlet(s), the newest from 2024-03-03. It follows 42 feed(s).")
    inside = page.evaluate("""() => {
        const box = document.getElementById('sites').getBoundingClientRect();
        const set = document.getElementById('sites').closest('fieldset');
        const s = getComputedStyle(set), r = set.getBoundingClientRect();
        return box.left >= r.left + parseFloat(s.borderLeftWidth) &&
               box.right <= r.right - parseFloat(s.borderRightWidth); }""")
    assert inside
    page.locator("#backend-url").fill(older.url)
    page.locator("#save").click()
    expect(page.locator("#store")).to_contain_text("does not say what its store holds")
