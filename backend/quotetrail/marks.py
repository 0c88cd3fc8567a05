"""Quotation marks: the mark set, pairing openers with closers in a paragraph, and quoted passages
joined across paragraphs when a quotation runs on."""
from __future__ import annotations

from dataclasses import dataclass

from .nlp import Parsed
# Quotation marks by family. Doubles: straight, curly, guillemets, low-9 (German „…“). Singles are
# used as main marks by some outlets (British headlines) and as inner marks by most.
DOUBLE_OPEN = {"\u201c", "\u00ab", "\u201e"}


DOUBLE_CLOSE = {"\u201d", "\u00bb"}


SINGLE_OPEN = {"\u2018", "\u201a"}


SINGLE_CLOSE = {"\u2019"}


STRAIGHT = {'"': "double", "'": "single"}


ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | set(STRAIGHT)


# Characters after which a mark reads as an opener, and before which it reads as a closer.
OPEN_BEFORE = set(" \t([{\u2014\u2013-/\u00a0") | DOUBLE_OPEN | SINGLE_OPEN


CLOSE_AFTER = set(" \t.,;:!?)]}\u2014\u2013-/\u2026\u00a0") | DOUBLE_CLOSE | SINGLE_CLOSE


# Characters that are not a boundary before a mark: "word" punctuation that closes something.
NOT_BOUNDARY = set(".,;:!?)]}%\u2026")


ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")


# Two apostrophes stand for a double mark in some outlets' text (''like this''). Pairing reads a
# copy of the paragraph where each such pair is one straight double mark and a filler that is no
# mark, so every offset stays that of the original text.
_FILLER = "\x00"


def normalized(para: str) -> str:
    """The paragraph with every two-apostrophe mark rewritten as one '"' beside a filler: the mark
    on the inner side (next to the quoted words), so content ranges exclude both apostrophes."""
    if "''" not in para:
        return para
    out = list(para)
    i = 0
    while i + 1 < len(para):
        if para[i] == "'" and para[i + 1] == "'" and (i + 2 >= len(para) or para[i + 2] != "'"):
            prev = para[i - 1] if i > 0 else " "
            opener = prev.isspace() or prev in OPEN_BEFORE or prev in ALL_MARKS
            out[i], out[i + 1] = (_FILLER, '"') if opener else ('"', _FILLER)
            i += 2
            continue
        i += 1
    return "".join(out)


@dataclass(slots=True)
class Marked:
    """A top-level pair of quotation marks; `ranges` hold the content (one per paragraph)."""
    open: int                      # doc offset of the opening mark
    close: int | None              # doc offset of the closing mark (None: ran to a paragraph end)
    ranges: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


def mark_role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the mark at text[i], from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    # symbols and invisible characters (an emoji, a zero-width space) count as a word boundary
    prev_boundary = prev in OPEN_BEFORE or prev in ALL_MARKS or not (prev.isalnum() or prev in NOT_BOUNDARY)
    next_boundary = nxt in CLOSE_AFTER or nxt in ALL_MARKS or nxt.isspace() or not (nxt.isalnum() or nxt in "([{")
    opens = prev_boundary and not nxt.isspace() and nxt not in ZERO_WIDTH
    closes = not prev.isspace() and prev not in ZERO_WIDTH and next_boundary
    if ch in ("'", "\u2019") and prev.isalnum() and nxt.isalpha():
        return None                                   # apostrophe: don't, Russia's
    if ch in ("'", "\u2019") and prev in "sS" and not opens:
        return "close?"                               # plural possessive or a closer: decide by stack
    if ch == "\u201c" or ch == "\u00ab" or ch == "\u201e" or ch == "\u2018" or ch == "\u201a":
        return "open" if opens or not closes else "close"
    if ch == "\u201d" or ch == "\u00bb":
        return "close" if closes or not opens else "open"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


def _family(ch: str) -> str:
    if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"':
        return "double"
    return "single"


def _pairs_in(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Pair the marks of one paragraph. Returns top-level (open, close) pairs and the marks still
    open at the end (position, family), outermost first."""
    stack: list[tuple[int, str, str]] = []            # (pos, family, char)
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in ALL_MARKS:
            continue
        role = mark_role(text, i)
        fam = _family(ch)
        if ch == '"' and i > 0 and text[i - 1].isdigit() and not any(f == "double" for _, f, _ in stack):
            continue                                  # inch mark: 32" screen
        if role == "close?":
            role = "close" if any(f == fam for _, f, _ in stack) else None
        if role is None:
            continue
        if ch == "\u201c" and stack and stack[-1][2] == "\u201e":
            role = "close"                            # German „…“
        if role == "open":
            stack.append((i, fam, ch))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == fam:
                if k == 0:
                    pairs.append((stack[0][0], i))
                del stack[k:]
                break
    return pairs, [(p, f) for p, f, _ in stack]


def find_marked(parsed: Parsed) -> list[Marked]:
    """Top-level quoted passages, joined across paragraphs when a quote runs on: a paragraph that
    ends inside a quote and a next paragraph that opens with a mark continue one quotation."""
    paragraphs = parsed.article.paragraphs
    out: list[Marked] = []
    pending: Marked | None = None
    for idx, para in enumerate(paragraphs):
        para = normalized(para)
        base = parsed.starts[idx]
        offset = 0
        if pending is not None:
            lead = len(para) - len(para.lstrip())
            if para[lead:lead + 1] == _FILLER:
                lead += 1                             # a two-apostrophe mark
            if lead < len(para) and para[lead] in (DOUBLE_OPEN | {'"'}):
                offset = lead + 1                     # the continuation mark
            else:
                out.append(pending)
                pending = None
        pairs, still_open = _pairs_in(para[offset:] if offset else para)
        pairs = [(a + offset, b + offset) for a, b in pairs]
        still_open = [(a + offset, f) for a, f in still_open]
        if pending is not None:
            # The running quote closes at the first top-level closer of its family, if any.
            closer = _first_unmatched_close(para, offset)
            if closer is None:
                pending.ranges.append(_strip(para, base, offset, len(para)))
                continue
            pending.ranges.append(_strip(para, base, offset, closer))
            pending.close = base + closer
            out.append(pending)
            pending = None
            pairs, still_open = _pairs_in(para[closer + 1:])
            pairs = [(a + closer + 1, b + closer + 1) for a, b in pairs]
            still_open = [(a + closer + 1, f) for a, f in still_open]
        for a, b in pairs:
            if b - a > 1:
                out.append(Marked(base + a, base + b, [_strip(para, base, a + 1, b)]))
        doubles = [p for p, f in still_open if f == "double"]
        if doubles:
            a = doubles[0]
            if len(para) - a > 1:
                pending = Marked(base + a, None, [_strip(para, base, a + 1, len(para))])
    if pending is not None:
        out.append(pending)
    return [m for m in out if all(s < e for s, e in m.ranges)]


def _first_unmatched_close(para: str, offset: int) -> int | None:
    """Position of the closing double mark that ends a quote begun in an earlier paragraph."""
    depth = 0
    for i in range(offset, len(para)):
        ch = para[i]
        if ch not in ALL_MARKS or _family(ch) != "double":
            continue
        role = mark_role(para, i)
        if role == "open":
            depth += 1
        elif role == "close":
            if depth == 0:
                return i
            depth -= 1
    return None


def _strip(para: str, base: int, a: int, b: int) -> tuple[int, int]:
    while a < b and para[a].isspace():
        a += 1
    while b > a and para[b - 1].isspace():
        b -= 1
    return base + a, base + b


def block_quotations(parsed: Parsed, marked: list[Marked]) -> list[Marked]:
    """Paragraphs the page set as block quotations (request paragraph kind "blockquote") are
    quoted passages without marks; consecutive ones are one passage. A block that already holds
    a marked passage is left to it."""
    kinds = parsed.article.kinds or ()
    out: list[Marked] = []
    for i, kind in enumerate(kinds):
        if kind != "blockquote":
            continue
        para = parsed.article.paragraphs[i]
        start, end = _strip(para, parsed.starts[i], 0, len(para))
        if start >= end or any(start <= m.start < end for m in marked):
            continue
        if out and i > 0 and kinds[i - 1] == "blockquote" and out[-1].ranges[-1][1] <= parsed.starts[i]:
            out[-1].ranges.append((start, end))
        else:
            out.append(Marked(start, None, [(start, end)]))
    return out
