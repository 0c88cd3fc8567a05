"""The options page: settings are saved, automatic runs happen only on listed sites, and hidden
categories are not drawn."""
from __future__ import annotations

from playwright.sync_api import expect

from e2e_helpers import DONE, highlight_texts
from standin import bridge_answer


def options_page(ext, extension_id):
    page = ext.context.new_page()
    page.goto(f"chrome-extension://{extension_id}/src/options/options.html")
    return page


def test_options_are_saved(ext, extension_id):
    page = options_page(ext, extension_id)
    expect(page.locator("#backend-url")).to_have_value("http://127.0.0.1:8750")
    expect(page.locator("#run-click")).to_be_checked()
    page.locator("#backend-url").fill("http://localhost:9000/")
    page.locator("#run-sites").check()
    page.locator("#sites").fill("news.example.org\nhttps://www.Example.com/world/")
    page.get_by_label("label").uncheck()
    page.locator("#save").click()
    # Headless Chromium answers the permission prompt for the new sites with "no": the settings are
    # saved all the same, and the reader is told the sites will need a click.
    expect(page.locator("#status")).to_contain_text("Saved, but the browser did not grant access")
    saved = ext.settings()
    assert saved["backendUrl"] == "http://localhost:9000"
    assert saved["runMode"] == "sites"
    assert saved["sites"] == ["news.example.org", "www.example.com"]
    assert saved["hiddenCategories"] == ["label"]
    # The page shows what was saved when opened again.
    page.reload()
    expect(page.locator("#backend-url")).to_have_value("http://localhost:9000")
    expect(page.locator("#run-sites")).to_be_checked()
    expect(page.get_by_label("label")).not_to_be_checked()


def test_bad_backend_url_is_refused(ext, extension_id):
    page = options_page(ext, extension_id)
    page.locator("#backend-url").fill("javascript:alert(1)")
    page.locator("#save").click()
    expect(page.locator("#status")).to_contain_text("must be an http:// or https:// address")
    expect(page.locator("#backend-url")).to_have_attribute("aria-invalid", "true")
    assert ext.settings() is None


def test_listed_site_runs_automatically_and_hidden_categories_are_not_drawn(ext, extension_id, pages,
                                                                            canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    page = options_page(ext, extension_id)
    page.locator("#backend-url").fill(backend.url)
    page.locator("#run-sites").check()
    page.locator("#sites").fill("127.0.0.1")
    page.get_by_label("doubt").uncheck()
    page.locator("#save").click()
    expect(page.locator("#status")).to_have_text("Saved.")
    ext.worker.evaluate("() => QuoteTrail.worker.syncAutoScript()")
    article = ext.context.new_page()
    article.goto(pages.url + "/pages/basic.html")
    article.wait_for_selector(DONE, state="attached")            # no button press
    assert backend.analyze_calls == 1
    assert highlight_texts(article, "term") == ["regime"]         # "allegedly" (doubt) is hidden
    expect(article.locator("quotetrail-overlay .panel .terms")).to_contain_text("1 hidden by your options")
    # Automatic runs leave the panel closed; the toggle opens it.
    expect(article.locator("quotetrail-overlay .panel")).to_be_hidden()
    # Showing the category again redraws without asking the backend again.
    ext.configure(backendUrl=backend.url, runMode="sites", sites=["127.0.0.1"], hiddenCategories=[])
    expect(article.locator("qt-mark[data-qt-kind=term]")).to_have_count(2)
    assert backend.analyze_calls == 1


def test_sites_not_listed_do_not_run(ext, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    ext.configure(backendUrl=backend.url, runMode="sites", sites=["news.example.org"])
    ext.worker.evaluate("() => QuoteTrail.worker.syncAutoScript()")
    page = ext.context.new_page()
    page.goto(pages.url + "/pages/basic.html")
    page.wait_for_timeout(1500)
    assert backend.analyze_calls == 0
    assert page.locator("quotetrail-overlay").count() == 0


def test_only_clear_cases_leaves_out_terms_found_by_tone(ext, extension_id, pages, canned_backend):
    """The sensitivity option: with "only clear cases" a term the backend shows at sensitivity
    "all" (found by its tone) is not drawn; switching the option off draws it without a new request."""
    def answer(body):
        data = bridge_answer(body["paragraphs"])
        data["loaded_terms"][1]["sensitivity"] = "all"          # "allegedly": a weaker find
        data["loaded_terms"][0]["sensitivity"] = "clear"
        return 200, data

    backend = canned_backend(answer)
    ext.configure(backendUrl=backend.url, clearTermsOnly=True)
    page = options_page(ext, extension_id)
    expect(page.locator("#clear-only")).to_be_checked()
    article = ext.context.new_page()
    article.goto(pages.url + "/pages/basic.html")
    ext.click_button(article)
    article.wait_for_selector(DONE, state="attached")
    assert highlight_texts(article, "term") == ["regime"]
    expect(article.locator("quotetrail-overlay .panel .terms")).to_contain_text("1 hidden by your options")
    ext.configure(backendUrl=backend.url, clearTermsOnly=False)
    expect(article.locator("qt-mark[data-qt-kind=term]")).to_have_count(2)
    assert backend.analyze_calls == 1
