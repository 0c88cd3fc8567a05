"""Voice: whether a term is the outlet's own wording or inside somebody's quoted words."""
from __future__ import annotations

from typing import Iterable

# Quotation marks that open and close a quoted fragment (straight quotes count as both).
OPEN_MARKS = "\u201c\u2018\u00ab\u201e\""
CLOSE_MARKS = "\u201d\u2019\u00bb\""
# Every character that can serve as a quotation mark, straight single quotes included.
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + "'\u201a\u201f\u2039\u203a"
# Scare quotes mark a word or two; a longer quoted passage is somebody's words even when no quote
# claims it, and a longer phrase with nobody named is a partial quote.
SCARE_MAX_WORDS = 3


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges between quotation marks (content only), paired left to right."""
    out, open_at = [], None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPEN_MARKS and (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace():
                open_at = i
        elif ch in CLOSE_MARKS and not (i + 1 < len(text) and text[i + 1].isalnum()):
            out.append((open_at + 1, i))
            open_at = None
        elif ch == "\n":
            open_at = None
    return out


def inside(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def voice_of(start: int, end: int, quotes, regions: list[tuple[int, int]],
           passages: list[tuple[int, int]] = ()) -> tuple[str, str | None, bool]:
    """(voice, quote id, in_paraphrase) of a term at doc range [start, end). `passages` are quoted
    passages longer than a scare quote: somebody's words even when no quote claims them."""
    for q in quotes:
        if not inside(start, end, q.content):
            continue
        if q.kind == "direct":
            return "quote", q.id, False
        marks = getattr(q, "marks", None) or regions
        if q.kind == "mixed" and inside(start, end, marks):
            return "quote", q.id, False
        return "outlet", q.id, True
    if inside(start, end, passages):
        return "quote", None, False
    return "outlet", None, False


