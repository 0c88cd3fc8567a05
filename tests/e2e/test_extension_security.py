"""Nothing from the network or the page is ever inserted as HTML; the extension's pages run under
a strict CSP."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from conftest import EXT_DIR
from e2e_helpers import hover, sent_texts

MARKUP = '<img src=x onerror="window.pwned=1">'


def test_markup_in_a_quote_stays_text(ext, pages, backend):
    page = ext.open(pages.url + "/pages/inject.html", backend.url)
    ext.analyse(page)
    sent = [p for p in sent_texts(backend.requests[0]) if "Mayor Ana Ruiz" in p][0]
    assert sent.startswith(f'"{MARKUP} is what we will build," Mayor Ana Ruiz said')
    quote = page.locator("qt-mark[data-qt-kind=quote]").first
    expect(quote).to_contain_text(MARKUP)
    hover(page, quote)
    card = page.locator("quotetrail-overlay .card")
    expect(card).to_be_visible()
    panel = page.locator("quotetrail-overlay .panel")
    expect(panel.locator(".speakers button.item").first).to_contain_text(MARKUP)
    page.wait_for_timeout(300)
    # No element was made from the markup, on the page or in the overlay, and nothing ran.
    assert page.locator("img").count() == 0
    assert page.evaluate("() => document.querySelector('quotetrail-overlay').shadowRoot.querySelectorAll('img').length") == 0
    assert page.evaluate("() => window.pwned") is None


def test_extension_pages_have_a_strict_csp():
    manifest = json.loads((EXT_DIR / "manifest.json").read_text())
    csp = manifest["content_security_policy"]["extension_pages"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_extension_code_never_parses_strings_as_html():
    sources = [p for p in (EXT_DIR / "src").rglob("*.js")]
    assert sources
    for path in sources:
        code = path.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{path.name} uses {sink}"
