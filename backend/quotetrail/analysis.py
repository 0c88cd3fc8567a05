"""The one analysis function: article in, response out. The API, the CLI and ingestion all call it."""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Iterable, Iterator

from . import nlp, quotes as quotes_layer, speakers as speakers_layer
from .article import Article
from .spans import to_wire, wire_spans

log = logging.getLogger(__name__)

# Responses kept per process, keyed by the article's content hash: a reader who reloads a page
# gets the answer without a second parse. Coverage is looked up afresh each time.
CACHE_SIZE = 256
_cache: OrderedDict[str, dict] = OrderedDict()
_cache_lock = threading.Lock()


def analyze(article: Article, store=None) -> dict:
    """Full response for one article; with a store, each quote also gets its coverage."""
    key = article.content_hash()
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
    if cached is None:
        cached = build_response(nlp.parse(article))
        with _cache_lock:
            _cache[key] = cached
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    response = _copy(cached)
    if store is not None:
        from .coverage import find_coverage
        found = find_coverage(store, article, response["quotes"])
        for q in response["quotes"]:
            hit = found.get(q["id"]) or {}
            q["coverage"] = hit.get("coverage", [])
            q["first_seen"] = hit.get("first_seen")
    return response


def analyze_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, dict]]:
    """Batch analysis for ingestion (one nlp.pipe), without coverage lookup."""
    for parsed in nlp.parse_many(articles, batch_size=batch_size):
        yield parsed.article, build_response(parsed)


def _copy(response: dict) -> dict:
    """Copy deep enough that per-request coverage never leaks into the cached response."""
    out = dict(response)
    out["quotes"] = [dict(q) for q in response["quotes"]]
    return out


def build_response(parsed: nlp.Parsed) -> dict:
    from .loaded import find_loaded_terms, summarize

    found, scare = quotes_layer.find_quotes(parsed)
    people = speakers_layer.resolve(parsed, found)
    terms = find_loaded_terms(parsed, found, scare)
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
            "readability": readability(article.text),
        },
    }


def readability(text: str) -> dict:
    """A few standard readability figures (textstat); words and sentences for scale."""
    import textstat

    return {
        "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
        "flesch_kincaid_grade": round(textstat.flesch_kincaid_grade(text), 1),
        "gunning_fog": round(textstat.gunning_fog(text), 1),
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "reading_minutes": round(textstat.lexicon_count(text) / 230, 1),
    }
