"""Ingestion throughput against bare `nlp.pipe` on the same corpus articles.

Three runs over the same N articles, each warm: the bare pipeline (`nlp.load().pipe`), the
analysis alone (`analysis.analyze_many`), and the whole ingestion into a fresh SQLite store
(`quotetrail.ingest.ingest` on a JSON Lines file of the articles when that module exists,
else `analyze_many` followed by `Store.save_analysis`). The ratio is throughput over throughput,
so higher is better.
"""
from __future__ import annotations

import json
import pathlib
import tempfile
import time

from .common import Result, corpus_articles

GOAL = 0.6
BATCH = 32


def run(n_articles: int = 150) -> list[Result]:
    from quotetrail import analysis, nlp
    from quotetrail.article import from_dict

    records = list(corpus_articles(limit=n_articles))
    articles = [from_dict(r) for r in records]
    texts = [nlp.joined(a)[0] for a in articles]
    words = sum(len(t.split()) for t in texts)
    pipeline = nlp.load()
    list(pipeline.pipe(texts[:8], batch_size=BATCH))       # warm

    t0 = time.perf_counter()
    for _ in pipeline.pipe(texts, batch_size=BATCH):
        pass
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in analysis.analyze_many(articles, batch_size=BATCH):
        pass
    analysed = time.perf_counter() - t0

    stored, how = _ingest(records, articles)

    def rate(seconds: float) -> str:
        return f"{len(articles) / seconds:.1f} art/s"

    base = f"nlp.pipe {rate(bare)}"
    scope = f"{len(articles)} articles, {words:,} words"
    return [
        Result("ingest", "analysis only (analyze_many)", rate(analysed), base, bare / analysed, "", scope),
        Result("ingest", f"analysis + SQLite store ({how})", rate(stored), base, bare / stored, f">= {GOAL}x", scope),
    ]


def _ingest(records: list[dict], articles: list) -> tuple[float, str]:
    """Seconds to ingest the articles into a fresh SQLite store, and which path did it."""
    from quotetrail.analysis import analyze_many
    from quotetrail.store import open_store

    with tempfile.TemporaryDirectory(prefix="qt-bench-ingest-") as tmp:
        store = open_store(str(pathlib.Path(tmp) / "store.sqlite3"))
        try:
            try:
                from quotetrail.ingest import ingest
            except ImportError:
                ingest = None
            if ingest is not None:
                source = pathlib.Path(tmp) / "articles.jsonl"
                source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
                t0 = time.perf_counter()
                summary = ingest([str(source)], store, analyze_many, progress=None)
                seconds = time.perf_counter() - t0
                if getattr(summary, "failed", 0):
                    raise SystemExit(f"bench: ingest failed on some articles: {summary}")
                how = "quotetrail.ingest"
            else:
                t0 = time.perf_counter()
                for article, response in analyze_many(articles, batch_size=BATCH):
                    store.save_analysis(article, response)
                seconds = time.perf_counter() - t0
                how = "save_analysis"
            held = store.count()["articles"]
            if held != len(articles):
                raise SystemExit(f"bench: the store holds {held} articles after ingesting {len(articles)}")
        finally:
            store.close()
    return seconds, how
