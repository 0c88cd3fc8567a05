"""Doc character offsets (code points) -> wire spans (paragraph, UTF-16 start, end): the one conversion."""
from __future__ import annotations

import bisect

from .nlp import Parsed


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units: astral characters count two."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _astral(parsed: Parsed, i: int) -> list[int]:
    """Positions of the astral characters of paragraph i (usually none), computed once."""
    cache = parsed.doc.user_data.setdefault("quotetrail.astral", {})
    if i not in cache:
        cache[i] = [k for k, ch in enumerate(parsed.article.paragraphs[i]) if ord(ch) > 0xFFFF]
    return cache[i]


def to_wire(parsed: Parsed, start: int, end: int) -> dict:
    """{"paragraph", "start", "end"} for doc chars [start, end), which must lie in one paragraph."""
    i = parsed.paragraph_of(start)
    base = parsed.starts[i]
    s, e = start - base, min(end - base, len(parsed.article.paragraphs[i]))
    astral = _astral(parsed, i)
    # each astral character before an offset adds one UTF-16 code unit
    return {"paragraph": i, "start": s + bisect.bisect_left(astral, s), "end": e + bisect.bisect_left(astral, e)}


def split_by_paragraph(parsed: Parsed, start: int, end: int) -> list[tuple[int, int]]:
    """Cut doc range [start, end) at paragraph breaks, dropping the separators."""
    out = []
    i = parsed.paragraph_of(start)
    while start < end and i < len(parsed.starts):
        para_end = parsed.starts[i] + len(parsed.article.paragraphs[i])
        s, e = max(start, parsed.starts[i]), min(end, para_end)
        if s < e:
            out.append((s, e))
        i += 1
        if i < len(parsed.starts):
            start = parsed.starts[i]
    return out


def wire_spans(parsed: Parsed, start: int, end: int) -> list[dict]:
    return [to_wire(parsed, s, e) for s, e in split_by_paragraph(parsed, start, end)]
