"""What is taken from the page and sent (issue 15, items 1, 2, 10 and 12): the article Readability
finds on a second try, no article at all, one overlay whatever the presses, paragraph kinds, the
language, and the outlet's name."""
from __future__ import annotations

from playwright.sync_api import expect

from conftest import EXT_DIR
from e2e_helpers import DONE, ERROR, highlight_texts, sent_texts
from standin import bridge_answer, span_of, texts

UNSUPPORTED = "quotetrail-overlay[data-qt-state=unsupported]"
PANEL = "quotetrail-overlay .panel"


def test_article_found_on_readabilitys_second_try_is_matched_by_text(ext, pages, backend):
    page = ext.open(pages.url + "/pages/retry.html", backend.url)
    # The page reproduces the case: Readability gives up on its first pass and rebuilds its copy.
    page.add_script_tag(path=str(EXT_DIR / "vendor" / "Readability.js"))
    attempts = page.evaluate("() => { const r = new Readability(document.cloneNode(true), {charThreshold: 200});"
                             " const out = r.parse(); return [r._attempts.length, Boolean(out)]; }")
    assert attempts[0] >= 1 and attempts[1]
    ext.analyse(page)
    sent = sent_texts(backend.requests[0])
    assert sent[0].startswith("The ferry company will raise fares on every crossing")      # the lead, an <h2>
    assert not any("All rights reserved" in p or "cookie settings" in p for p in sent)
    assert any(t.startswith("Fuel now costs us twice") for t in highlight_texts(page, "quote"))
    assert page.locator("#p-quote qt-mark[data-qt-kind=quote]").count() >= 1


def test_page_without_an_article_sends_nothing_and_says_so(ext, pages, backend):
    page = ext.open(pages.url + "/pages/noarticle.html", backend.url)
    ext.click_button(page)
    page.wait_for_selector(ERROR, state="attached")
    expect(page.locator(PANEL + " .error")).to_have_text("QuoteTrail found no article on this page, so nothing was sent.")
    expect(page.locator(PANEL)).to_be_visible()
    assert backend.analyze_calls == 0 and not backend.refused


def test_one_overlay_whatever_the_presses_and_injections(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    # Three presses at once, then the content scripts injected twice more by hand, then two presses.
    ext.worker.evaluate("""async url => { const [tab] = await chrome.tabs.query({url});
        await Promise.all([1, 2, 3].map(() => QuoteTrail.worker.runOnTab(tab.id))); }""", page.url)
    page.wait_for_selector(DONE, state="attached")
    for _ in range(2):
        ext.worker.evaluate("""async url => { const [tab] = await chrome.tabs.query({url});
            await chrome.scripting.executeScript({target: {tabId: tab.id}, files: QuoteTrail.worker.CONTENT_FILES}); }""",
                            page.url)
    ext.click_button(page)
    ext.click_button(page)
    assert page.locator("quotetrail-overlay").count() == 1
    assert page.locator("qt-mark[data-qt-kind=quote]").count() == 2
    assert backend.analyze_calls == 1              # pressing again on the same article sends nothing
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    panel.locator(".close").click()
    expect(panel).to_be_hidden()
    assert page.locator("quotetrail-overlay .toggle").count() == 1


def test_block_quotations_list_items_and_headings_are_sent_as_such(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_like(texts(body["paragraphs"]))))
    page = ext.open(pages.url + "/pages/kinds.html", backend.url)
    ext.analyse(page)
    sent = backend.requests[0]["paragraphs"]

    def kind_of(start):
        return [p["kind"] for p in sent if p["text"].startswith(start)]
    assert kind_of("We know the detour has been hard") == ["blockquote"]
    assert kind_of("The detour through the industrial estate") == ["li"]
    assert kind_of("Buses will stop") == ["li"]
    assert kind_of("What changes for drivers") == ["h"]
    assert kind_of("The mayor sent a letter") == ["p"]


def test_a_backend_without_paragraph_kinds_gets_plain_strings(ext, pages, canned_backend):
    def older_backend(body):
        if not all(isinstance(p, str) for p in body["paragraphs"]):
            return 400, {"error": {"code": "invalid_field", "message": "'paragraphs' must be a list of strings"}}
        return 200, bridge_like(body["paragraphs"])
    backend = canned_backend(older_backend)
    page = ext.open(pages.url + "/pages/kinds.html", backend.url)
    ext.analyse(page)
    assert len(backend.refused) == 1 and backend.analyze_calls == 1
    assert all(isinstance(p, str) for p in backend.requests[0]["paragraphs"])
    expect(page.locator(PANEL + " .error")).to_be_hidden()


def bridge_like(paragraphs):
    """A minimal analysis of any page: no quotes, no terms."""
    return {"article": {"id": None}, "paragraphs": paragraphs, "quotes": [], "speakers": [],
            "loaded_terms": [], "summary": {"readability": {"words": 80}}}


def test_french_article_is_said_to_be_unsupported_with_no_figures(ext, pages, backend):
    page = ext.open(pages.url + "/pages/french.html", backend.url)
    ext.click_button(page)
    page.wait_for_selector(UNSUPPORTED, state="attached")
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    expect(panel.locator(".unsupported")).to_contain_text("This article seems to be in French")
    expect(panel.locator(".status")).to_have_text("Language not supported.")
    assert panel.locator("[data-qt-metric]").count() == 0
    assert "0 quote" not in panel.inner_text()
    assert page.locator("qt-mark").count() == 0


def test_french_text_under_an_english_lang_attribute_is_unsupported_too(ext, pages, backend):
    page = ext.open(pages.url + "/pages/french-as-en.html", backend.url)
    ext.click_button(page)
    page.wait_for_selector(UNSUPPORTED, state="attached")
    expect(page.locator(PANEL + " .unsupported")).to_contain_text("in a language other than English")
    assert page.locator("qt-mark").count() == 0


def test_the_backends_language_wins_when_it_gives_one(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, {**bridge_answer(body["paragraphs"]), "language": "de"}))
    page = ext.open(pages.url + "/pages/basic.html", backend.url)
    ext.click_button(page)
    page.wait_for_selector(UNSUPPORTED, state="attached")
    expect(page.locator(PANEL + " .unsupported")).to_contain_text("in German")
    assert page.locator("qt-mark").count() == 0


def test_outlet_is_the_pages_own_site_name_or_its_bare_host(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_like(texts(body["paragraphs"]))))
    expected = {"siteurl.html": "harbour-gazette.example",     # a site name that is an address
                "headlines.html": "Coast Daily",               # only the title names the site
                "basic.html": "The Riverton Ledger",           # og:site_name
                "nosite.html": "127.0.0.1"}                    # nothing: the host, no port
    for name, outlet in expected.items():
        page = ext.open(pages.url + "/pages/" + name, backend.url)
        ext.analyse(page)
        assert backend.requests[-1]["outlet"] == outlet, name
        page.close()


def test_spans_in_the_blockquote_land_on_the_page(ext, pages, canned_backend):
    quote = "we will reopen the bridge as soon as it is safe to cross again"

    def answer(body):
        paragraphs = texts(body["paragraphs"])
        data = bridge_like(paragraphs)
        data["quotes"] = [{"id": "q1", "text": quote, "kind": "direct", "spans": [span_of(paragraphs, quote)],
                           "speaker": {"id": "s1", "name": "The mayor"}, "coverage": []}]
        data["speakers"] = [{"id": "s1", "name": "The mayor", "quote_ids": ["q1"]}]
        return 200, data
    backend = canned_backend(answer)
    page = ext.open(pages.url + "/pages/kinds.html", backend.url)
    ext.analyse(page)
    assert page.locator("blockquote qt-mark[data-qt-kind=quote]").inner_text() == quote
