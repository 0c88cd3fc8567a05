"""The same end-to-end checks as in Chromium, in a real Firefox (Debian's firefox-esr, headless,
through Marionette) with the Firefox build installed as a temporary add-on: highlights on the
right words, the hover card, the panel, the options page and the markup-injection page."""
from __future__ import annotations

import re

import pytest

from firefox import EXT_ORIGIN, FIREFOX, Firefox
from standin import STORE, bridge_answer

DONE = "() => Boolean(document.querySelector('quotetrail-overlay[data-qt-state=done]'))"
SHADOW = "document.querySelector('quotetrail-overlay').shadowRoot"
ESCAPE, TAB, ENTER = "\ue00c", "\ue004", "\ue007"


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    if not FIREFOX:
        pytest.fail("Firefox is not installed: `make system-deps` installs Debian's firefox-esr")
    pytest.importorskip("marionette_driver", reason="install the test extras: pip install -e '.[test]'")
    browser = Firefox(str(tmp_path_factory.mktemp("firefox-profile")))
    yield browser
    browser.close()


@pytest.fixture
def ff(firefox):
    """The browser with the add-on's storage emptied (settings, the panel's remembered state)."""
    firefox.background("bg => bg.browser.storage.local.clear()")
    yield firefox
    for handle in firefox.client.window_handles:
        if handle != firefox.ext_tab:
            firefox.close_tab(handle)
    firefox.client.switch_to_window(firefox.ext_tab)


def analyse(ff, url, backend_url):
    ff.configure(backendUrl=backend_url)
    handle = ff.open(url)
    ff.click_button(handle, url)
    ff.wait_for(DONE, timeout=60)          # the first analysis of a session loads spaCy
    return handle


def test_firefox_is_a_real_firefox(ff):
    assert re.match(r"^\d+\.", ff.version)
    assert int(ff.version.split(".")[0]) >= 140          # the add-on's strict_min_version


def test_firefox_highlights_sit_on_the_right_words(ff, pages, backend):
    url = pages.url + "/pages/basic.html"
    handle = ff.open(url)
    before = ff.js("() => document.querySelector('#story').textContent")
    ff.close_tab(handle)
    analyse(ff, url, backend.url)
    quotes = ff.js("() => [...document.querySelectorAll('qt-mark[data-qt-kind=quote]')].map(m => m.textContent)")
    terms = ff.js("() => [...document.querySelectorAll('qt-mark[data-qt-kind=term]')].map(m => m.textContent)")
    assert any(re.match(r"^We will rebuild the bridge by spring,?$", q) for q in quotes)
    assert any(q.startswith("The detour is costing local shops a fortune") for q in quotes)
    assert "regime" in terms and "allegedly" in terms
    assert ff.js("() => document.querySelector('#story').textContent") == before
    assert backend.analyze_calls == 1
    # The highlights style themselves from their shadow roots, page styles notwithstanding.
    assert ff.js("() => getComputedStyle(document.querySelector('qt-mark[data-qt-kind=term]')).textDecorationLine") == "underline"


def test_firefox_hover_card_and_panel(ff, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])), STORE)
    analyse(ff, pages.url + "/pages/basic.html", backend.url)
    at = ff.js("() => { const r = document.querySelector('qt-mark[data-qt-id=q1]').getClientRects()[0];"
               " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }")
    ff.move_to(at["x"], at["y"])
    card = ff.wait_for(f"() => {{ const c = {SHADOW}.querySelector('.card'); return !c.hidden && c.innerText; }}")
    assert card.startswith("Ana Ruiz")
    assert "Valley Post: verbatim (100% similar)" in card and "Hill Herald: altered (81% similar)" in card
    panel = ff.js(f"() => {{ const p = {SHADOW}.querySelector('.panel'); return {{hidden: p.hidden, text: p.innerText,"
                  " links: [...p.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href')])}; }")
    assert not panel["hidden"]
    assert "Ana Ruiz" in panel["text"] and "Tom Becker" in panel["text"]
    assert "The store holds 1234 articles from 17 outlets" in panel["text"]
    assert ["Valley Post", "https://valley-post.example/bridge"] in panel["links"]
    assert not any(href.startswith("javascript") for _, href in panel["links"])
    # The page made room for the panel.
    assert ff.js("() => getComputedStyle(document.documentElement).marginRight") == "340px"


def test_firefox_keyboard_escape_and_focus(ff, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    analyse(ff, pages.url + "/pages/basic.html", backend.url)
    ff.js(f"() => {SHADOW}.querySelector('.panel .close').click()")
    ff.js("() => document.querySelector('nav a:last-child').focus()")
    ff.press(TAB)
    assert ff.js("() => document.activeElement.dataset.qtId") == "q1"
    assert ff.js("() => document.querySelector('qt-mark[data-qt-id=q1]').getAttribute('aria-describedby')") == \
        "quotetrail-card-text"
    assert "Ana Ruiz" in ff.js("() => document.getElementById('quotetrail-card-text').textContent")
    ff.press(ENTER)
    ff.wait_for(f"() => !{SHADOW}.querySelector('.panel').hidden")
    ff.press(ESCAPE)
    ff.wait_for(f"() => {SHADOW}.querySelector('.panel').hidden")
    assert ff.js("() => document.activeElement.dataset.qtId") == "q1"


def test_firefox_options_page_saves_and_shows_the_store(ff, canned_backend):
    backend = canned_backend(lambda body: (200, {}), STORE)
    ff.client.switch_to_window(ff.options_page())
    ff.wait_for("() => document.querySelector('#backend-url').value === 'http://127.0.0.1:8750'")
    ff.js("""u => { document.querySelector('#backend-url').value = u;
                     document.querySelector('#save').click(); }""", backend.url)
    ff.wait_for("() => document.querySelector('#status').textContent === 'Saved.'")
    ff.wait_for("() => document.querySelector('#store').textContent.includes('1234 article(s) from 17 outlet(s)')")
    saved = ff.background("bg => bg.QuoteTrail.settings.load()")["ok"]
    assert saved["backendUrl"] == backend.url
    assert ff.client.get_url().startswith(EXT_ORIGIN)


def test_firefox_markup_in_a_quote_stays_text(ff, pages, backend):
    analyse(ff, pages.url + "/pages/inject.html", backend.url)
    markup = '<img src=x onerror="window.pwned=1">'
    quote = ff.js("() => document.querySelector('qt-mark[data-qt-kind=quote]').textContent")
    assert markup in quote
    panel = ff.js(f"() => {SHADOW}.querySelector('.panel').textContent")
    assert markup in panel
    assert ff.js(f"() => document.querySelectorAll('img').length + {SHADOW}.querySelectorAll('img').length") == 0
    assert ff.js("() => window.pwned") is None


def test_firefox_one_overlay_whatever_the_presses(ff, pages, canned_backend):
    backend = canned_backend(lambda body: (200, bridge_answer(body["paragraphs"])))
    url = pages.url + "/pages/basic.html"
    handle = analyse(ff, url, backend.url)
    for _ in range(2):
        # Close the panel; pressing the button again on the same article shows it, and sends nothing.
        ff.js(f"() => {SHADOW}.querySelector('.panel .close').click()")
        ff.wait_for(f"() => {SHADOW}.querySelector('.panel').hidden")
        ff.click_button(handle, url)
        ff.wait_for(f"() => !{SHADOW}.querySelector('.panel').hidden")
    assert ff.js("() => document.querySelectorAll('quotetrail-overlay').length") == 1
    assert backend.analyze_calls == 1
    ff.js(f"() => {SHADOW}.querySelector('.panel .close').click()")
    assert ff.js(f"() => {SHADOW}.querySelector('.panel').hidden") is True
