"""The one analysis function: article in, response out. The API, the CLI and ingestion all call it."""
from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from typing import Iterable, Iterator

from . import deadline, nlp, quotes as quotes_layer, settings, speakers as speakers_layer, wire
from .article import Article
from .spans import to_wire, wire_spans

log = logging.getLogger(__name__)

# Responses kept per process, keyed by the article's content hash: a reader who reloads a page
# gets the answer without a second parse. Coverage is looked up afresh each time. Kept as their
# JSON bytes, so the bound ($QUOTETRAIL_CACHE_MB) is on memory, not on a count of answers.
CACHE_BYTES: int | None = None          # None: from the setting, on first use
_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_size = 0
_cache_lock = threading.Lock()


def _remember(key: str, blob: bytes) -> None:
    global CACHE_BYTES, _cache_size
    if CACHE_BYTES is None:
        CACHE_BYTES = settings.get("CACHE_MB") * 1_000_000
    with _cache_lock:
        if key in _cache or len(blob) > CACHE_BYTES // 4:    # one huge answer must not flush the rest
            return
        _cache[key] = blob
        _cache_size += len(blob)
        while _cache_size > CACHE_BYTES:
            _cache_size -= len(_cache.popitem(last=False)[1])


def analyze(article: Article, store=None) -> dict:
    """Full response for one article; with a store, each quote also gets its coverage.

    Runs under the caller's deadline (deadline.bounded), if any, and stops at the next stage
    once it has passed."""
    key = article.content_hash()
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
    if cached is not None:
        response = json.loads(cached)
    else:
        response = build_response(nlp.parse(article))
        _remember(key, wire.dumps(response))
    deadline.check()
    if store is not None:
        from .coverage import find_coverage
        found = find_coverage(store, article, response["quotes"])
        for q in response["quotes"]:
            hit = found.get(q["id"]) or {}
            q["coverage"] = hit.get("coverage", [])
            q["first_seen"] = hit.get("first_seen")
            q["statement_id"] = hit.get("statement_id")
    return response


def analyze_many(articles: Iterable[Article], batch_size: int = 32,
                 with_terms: bool = False) -> Iterator[tuple[Article, dict]]:
    """Batch analysis for ingestion (one nlp.pipe), without coverage lookup. The store keeps quotes
    and speakers only, so loaded terms and readability are left out (empty) unless `with_terms`."""
    for parsed in nlp.parse_many(articles, batch_size=batch_size):
        yield parsed.article, build_response(parsed, with_terms=with_terms)


def build_response(parsed: nlp.Parsed, with_terms: bool = True) -> dict:
    from .loaded import find_loaded_terms, summarize

    found, scare = quotes_layer.find_quotes(parsed)
    deadline.check()
    people = speakers_layer.resolve(parsed, found)
    deadline.check()
    terms = find_loaded_terms(parsed, found, scare) if with_terms else []
    deadline.check()
    by_id = {sp.id: sp for sp in people}
    doc_text = nlp.text_of(parsed.doc)

    def span(r):
        return to_wire(parsed, r[0], r[1])

    quotes_out = []
    for q in found:
        sp = by_id.get(q.speaker_id) if q.speaker_id else None
        mention = speakers_layer.mention_of(q)
        quotes_out.append({
            "id": q.id,
            "text": q.text,
            "kind": q.kind,
            "headline": q.headline,
            "spans": [s for r in q.content for s in wire_spans(parsed, r[0], r[1])],
            "cue": ({"text": q.cue.text, "lemma": q.cue.lemma_, "span": span((q.cue.idx, q.cue.idx + len(q.cue)))}
                    if q.cue is not None else None),
            "mention": ({"text": doc_text[mention[0]:mention[1]], "span": span(mention)}
                        if mention is not None else None),
            "speaker": {"id": sp.id, "name": sp.name, "kind": sp.kind} if sp else None,
            "coverage": [],
            "first_seen": None,
            "statement_id": None,
        })
    speakers_out = [{
        "id": sp.id,
        "name": sp.name,
        "kind": sp.kind,
        "descriptions": [{"text": doc_text[s:e], "span": span((s, e))} for s, e in sp.descriptions],
        "mentions": [{"text": doc_text[s:e], "span": span((s, e))} for s, e in sp.mentions],
        "quote_ids": sp.quote_ids,
    } for sp in people]
    terms_out = []
    for n, t in enumerate(terms, 1):
        item = {k: v for k, v in t.items() if k not in ("start", "end")}
        item["id"] = f"t{n}"
        item["spans"] = wire_spans(parsed, t["start"], t["end"])
        terms_out.append(item)
    article = parsed.article
    return {
        "article": {**article.meta(), "content_hash": article.content_hash()},
        "paragraphs": article.paragraphs,
        "paragraph_kinds": article.kinds or ["p"] * len(article.paragraphs),
        "quotes": quotes_out,
        "speakers": speakers_out,
        "loaded_terms": terms_out,
        "summary": {
            "quotes": len(quotes_out),
            "speakers": len(speakers_out),
            "loaded_terms": summarize(terms),
            "readability": readability(article.text) if with_terms else None,
        },
    }


def readability(text: str) -> dict:
    """A few standard readability figures (textstat); words and sentences for scale."""
    import textstat

    from .syllables import install
    install()                               # the pronouncing dictionary, read fast

    return {
        "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
        "flesch_kincaid_grade": round(textstat.flesch_kincaid_grade(text), 1),
        "gunning_fog": round(textstat.gunning_fog(text), 1),
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "reading_minutes": round(textstat.lexicon_count(text) / 230, 1),
    }
