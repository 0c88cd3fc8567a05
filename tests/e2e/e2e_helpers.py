"""Small readers of the page state shared by the extension's end-to-end tests."""
from __future__ import annotations

DONE = "quotetrail-overlay[data-qt-state=done]"
ERROR = "quotetrail-overlay[data-qt-state=error]"

# Every highlight on the page, grouped by the item it belongs to, in document order; the text of
# an item is the concatenation of its pieces (a quote over <b> and <a> is several pieces).
_HIGHLIGHTS_JS = """kind => {
  const out = new Map();
  for (const m of document.querySelectorAll(`qt-mark[data-qt-kind="${kind}"]`)) {
    const entry = out.get(m.dataset.qtId) || {id: m.dataset.qtId, text: '', pieces: 0,
                                              paragraph: m.closest('p, li, h1, h2, div')?.id || ''};
    entry.text += m.textContent;
    entry.pieces += 1;
    out.set(m.dataset.qtId, entry);
  }
  return [...out.values()];
}"""


def highlights(page, kind: str) -> list[dict]:
    """[{id, text, pieces, paragraph}] for 'quote' or 'term' highlights."""
    return page.evaluate(_HIGHLIGHTS_JS, kind)


def highlight_texts(page, kind: str) -> list[str]:
    return [h["text"] for h in highlights(page, kind)]


def page_text(page, selector: str = "body") -> str:
    """The text of part of the page as the reader has it (highlights add no characters)."""
    return page.evaluate("s => document.querySelector(s).textContent", selector)
