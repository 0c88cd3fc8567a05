"""Small readers of the page state shared by the extension's end-to-end tests."""
from __future__ import annotations

import struct
import zlib

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


def sent_texts(body: dict) -> list[str]:
    """The paragraph strings of an analyze request (strings, or {"text", "kind"} objects)."""
    return [p["text"] if isinstance(p, dict) else p for p in body["paragraphs"]]


def hover(page, locator, line: int = 0):
    """Move the pointer to the middle of one line box of a highlight (a wrapped highlight's
    bounding box has other text at its centre, where Playwright's own hover would point)."""
    locator.scroll_into_view_if_needed()
    box = locator.evaluate("(m, i) => { const r = [...m.getClientRects()].at(i); "
                           "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }", line)
    page.mouse.move(box["x"], box["y"])
    return box


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced PNG as Chromium writes them."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, width, height, channels = 8, b"", 0, 0, 4
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += data
        at += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows]


def pixel(page, x: float, y: float) -> tuple[int, int, int]:
    """The colour the reader sees at viewport point (x, y)."""
    png = page.screenshot(clip={"x": int(x), "y": int(y), "width": 1, "height": 1})
    width, _, rows = png_pixels(png)
    channels = len(rows[0]) // width
    return tuple(rows[0][:3]) if channels else (0, 0, 0)


def luminance(rgb) -> float:
    """WCAG relative luminance of an (r, g, b) colour."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(css: str) -> tuple[int, int, int]:
    """(r, g, b) of a computed 'rgb(...)' / 'rgba(...)' colour."""
    import re
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
