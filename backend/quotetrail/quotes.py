"""Finding quotations and their cues, read off one parsed Doc: direct (in marks), mixed (a quoted
fragment in reported speech) and indirect (reported speech without marks). The rules live in
direct.py, indirect.py and patterns.py: the quotations in marks come first, then resolver.py picks
among the reported-speech candidates the others propose; this module numbers the result.
Quote, cues, is_age and mention_range are re-exported for the speaker and loaded-term layers."""
from __future__ import annotations

from .attribution_settings import HEADLINE_MAX_CHARS, HEADLINE_MAX_WORDS, HEADLINE_ZONE, SCARE_MAX_WORDS
from .clauses import Quote, inside_range, mention_range, word_count
from .direct import from_marks, merge_split_direct
from .indirect import candidates
from .cues import cues, is_age
from .marks import block_quotations, find_marked
from .nlp import Parsed, past_dateline, text_of
from .resolver import resolve

__all__ = ["Quote", "cues", "find_quotes", "is_age", "mention_range"]


def find_quotes(parsed: Parsed) -> tuple[list[Quote], list[tuple[int, int]]]:
    """All quotes of the article, in reading order, and the scare-quote candidates (quoted phrases
    that nobody is reported as saying)."""
    doc = parsed.doc
    marked = find_marked(parsed)
    marked = sorted(marked + block_quotations(parsed, marked), key=lambda m: m.start)
    quotes: list[Quote] = []
    scare: list[tuple[int, int]] = []

    skip = [(parsed.starts[i], parsed.starts[i] + len(parsed.article.paragraphs[i])) for i in parsed.boilerplate]
    unowned: list[tuple[int, int]] = []           # quoted words that are no quote of their own
    for m in marked:
        if inside_range(m.start, skip):
            continue
        q = from_marks(parsed, m)
        if q is None:
            unowned.extend(m.ranges)
            if word_count(text_of(doc)[m.start:m.end]) <= SCARE_MAX_WORDS:
                scare.append((m.start, m.end))
            continue
        quotes.append(q)

    quotes = merge_split_direct(doc, quotes)
    quotes.extend(resolve(parsed, quotes, skip, unowned, candidates(parsed)))

    _attribute_cueless(parsed, quotes)
    quotes.sort(key=lambda q: q.start)
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
        q.headline = _is_headline(parsed, q.start)
        if q.mention is not None:                      # '(CNN)A New York man': the tag is not the speaker
            q.mention = (past_dateline(parsed.datelines, q.mention[0]), q.mention[1])
    return quotes, scare


def _attribute_cueless(parsed: Parsed, quotes: list[Quote]) -> None:
    """A quoted statement with no cue of its own continues the speaker of the quote before it, or
    takes the speaker that the text right before it introduces ('a quote from X:')."""
    ordered = sorted(quotes, key=lambda q: q.start)
    for i, q in enumerate(ordered):
        if not q.inherited:
            continue
        prev = next((p for p in reversed(ordered[:i]) if p.subject is not None), None)
        if q.subhead:
            prev = next((p for p in ordered[i + 1:] if p.subject is not None), prev)
        if prev is not None:
            q.subject = prev.subject
            q.mention = None


def _is_headline(parsed: Parsed, char: int) -> bool:
    idx = parsed.paragraph_of(char)
    para = parsed.article.paragraphs[idx].strip()
    if parsed.article.kinds:
        return parsed.article.kinds[idx] == "h"        # the page said which paragraphs are headings
    if parsed.article.title and para == parsed.article.title.strip():
        return True
    return (idx < HEADLINE_ZONE and len(para) < HEADLINE_MAX_CHARS and para[-1:] not in ".!?\u201d\"\u2019':\u00bb"
            and word_count(para) <= HEADLINE_MAX_WORDS)
