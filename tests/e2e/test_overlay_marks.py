"""How highlights look (issue 15, items 5, 6 and 7): twelve speakers each with a mark of their own,
a wrapped quote's border and hover card, and colours chosen by the page's background."""
from __future__ import annotations

import colorsys
import re

from playwright.sync_api import expect

from e2e_helpers import contrast, hover, luminance, pixel, rgb
from standin import span_of, texts

CARD = "quotetrail-overlay .card"
NAMES = ["Ada Berg", "Ben Cole", "Cara Dunn", "Dev Earl", "Eva Finn", "Finn Gray", "Gus Hale", "Hana Ives",
         "Ivo Janssen", "Jon Kerr", "Kira Lund", "Leo Marsh"]


def twelve_speakers(body):
    paragraphs = texts(body["paragraphs"])
    quotes, speakers = [], []
    for i, name in enumerate(NAMES):
        text = f"Point {i + 1} of the plan matters to our street"
        quotes.append({"id": f"q{i}", "text": text, "kind": "direct", "spans": [span_of(paragraphs, text)],
                       "speaker": {"id": f"s{i}", "name": name}, "coverage": []})
        speakers.append({"id": f"s{i}", "name": name, "kind": "person", "quote_ids": [f"q{i}"]})
    return 200, {"paragraphs": paragraphs, "quotes": quotes, "speakers": speakers, "loaded_terms": [],
                 "summary": {}}


def hsl_to_rgb(css):
    h, s, lum = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h / 360, lum / 100, s / 100))


MARK_LOOK_JS = """() => [...document.querySelectorAll('qt-mark[data-qt-kind=quote]')].map(m => ({
  id: m.dataset.qtId, badge: m.shadowRoot.querySelector('.badge').textContent,
  fill: getComputedStyle(m).getPropertyValue('--qt-bg').trim(), border: getComputedStyle(m).borderBottomStyle,
  color: getComputedStyle(m).color}))"""


def test_twelve_speakers_each_get_a_mark_of_their_own(ext, pages, canned_backend):
    backend = canned_backend(twelve_speakers)
    page = ext.open(pages.url + "/pages/speakers.html", backend.url)
    ext.analyse(page)
    looks = page.evaluate(MARK_LOOK_JS)
    assert len(looks) == 12
    assert [m["badge"] for m in looks] == [str(i) for i in range(1, 13)]       # a number each
    assert len({m["fill"] for m in looks}) == 12                               # and a colour each
    assert len({m["border"] for m in looks}) >= 4
    for m in looks:                                                           # text stays readable
        assert contrast(hsl_to_rgb(m["fill"]), rgb(m["color"])) >= 4.5, m
    legend = page.locator("quotetrail-overlay .legend .legend-speaker")
    expect(legend).to_have_count(12)
    expect(legend.nth(11)).to_have_text("12Leo Marsh")
    hover(page, page.locator("qt-mark[data-qt-id=q11]"))
    expect(page.locator(CARD + " .title")).to_have_text("Leo Marsh")


def wrapped_answer(body):
    """The mayor's long quote on pages/wrapped.html, attributed to one speaker."""
    paragraphs = texts(body["paragraphs"])
    quote = next(p for p in paragraphs if p.startswith('"We will rebuild'))[1:].split(',"')[0]
    return 200, {"paragraphs": paragraphs, "loaded_terms": [], "summary": {},
                 "quotes": [{"id": "q1", "text": quote, "kind": "direct", "spans": [span_of(paragraphs, quote)],
                             "speaker": {"id": "s1", "name": "Ana Ruiz"}, "coverage": []}],
                 "speakers": [{"id": "s1", "name": "Ana Ruiz", "kind": "person", "quote_ids": ["q1"]}]}


def line_rects(page, selector):
    return page.locator(selector).first.evaluate(
        "m => [...m.getClientRects()].map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}))")


def test_wrapped_quote_keeps_its_border_on_every_line(ext, pages, canned_backend):
    backend = canned_backend(wrapped_answer)
    page = ext.open(pages.url + "/pages/wrapped.html", backend.url)
    ext.analyse(page)
    page.locator("quotetrail-overlay .panel .close").click()
    lines = line_rects(page, "qt-mark[data-qt-kind=quote]")
    assert len(lines) >= 3
    # Lines are set closer than the font's box: each line's box overlaps the next one.
    assert lines[0]["bottom"] > lines[1]["top"]
    for line in lines[:-1]:
        x = (line["left"] + line["right"]) / 2
        # Scan the border's rows: somewhere on them the dark border shows, not the next line's fill.
        darkest = min(luminance(pixel(page, x + dx, line["bottom"] - 1.5)) for dx in (-40, 0, 40))
        assert darkest < 0.08, line


def test_hover_card_of_a_wrapped_quote_opens_at_the_line_under_the_pointer(ext, pages, canned_backend):
    backend = canned_backend(wrapped_answer)
    page = ext.open(pages.url + "/pages/wrapped.html", backend.url)
    page.set_viewport_size({"width": 1366, "height": 900})
    ext.analyse(page)
    page.locator("quotetrail-overlay .panel .close").click()
    mark = page.locator("qt-mark[data-qt-kind=quote]").first
    lines = line_rects(page, "qt-mark[data-qt-kind=quote]")
    last = lines[-1]
    point = hover(page, mark, line=-1)
    card = page.locator(CARD)
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert last["bottom"] <= box["y"] <= last["bottom"] + 20
    assert abs(box["x"] - point["x"]) < 40
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366 and box["y"] + box["height"] <= 900
    # From the keyboard the card opens under the quote's first line.
    page.mouse.move(5, 5)
    expect(card).to_be_hidden()
    mark.focus()
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert lines[0]["bottom"] <= box["y"] <= lines[0]["bottom"] + 20


def underline_and_text(page):
    term = page.locator("qt-mark[data-qt-kind=term]").first
    quote = page.locator("qt-mark[data-qt-kind=quote]").first
    return (rgb(term.evaluate("m => getComputedStyle(m).textDecorationColor")),
            rgb(quote.evaluate("m => getComputedStyle(m).color")))


def test_white_page_in_system_dark_mode_keeps_light_marks(ext, pages, backend):
    page = ext.open(pages.url + "/pages/white.html", backend.url)
    page.emulate_media(color_scheme="dark")
    ext.analyse(page)
    underline, text = underline_and_text(page)
    assert text == (17, 17, 17)                                   # dark text on a light fill
    assert contrast(underline, (255, 255, 255)) >= 4.5            # not a pale underline on white
    quote = page.locator("qt-mark[data-qt-kind=quote]").first
    box = quote.evaluate("m => { const r = m.getClientRects()[0]; return {x: r.left + 2, y: r.bottom - 5}; }")
    assert luminance(pixel(page, box["x"], box["y"])) > 0.5         # the fill is light, not a dark block
    panel = page.locator("quotetrail-overlay .panel")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(255, 255, 255)"


def test_dark_page_in_system_light_mode_gets_dark_marks(ext, pages, backend):
    page = ext.open(pages.url + "/pages/dark.html", backend.url)
    page.emulate_media(color_scheme="light", reduced_motion="reduce")
    ext.analyse(page)
    underline, text = underline_and_text(page)
    assert text == (245, 245, 245)
    assert contrast(underline, (22, 24, 29)) >= 4.5
    panel = page.locator("quotetrail-overlay .panel")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(30, 31, 34)"
    assert panel.evaluate("p => getComputedStyle(p).transitionDuration") == "0s"
