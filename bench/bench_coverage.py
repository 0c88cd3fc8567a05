#!/usr/bin/env python3
"""Coverage lookup time against store size: 10k, 100k and 1M quotes.

The store is filled fast with synthetic quotes (bench/fill.py: rows written in bulk with their
vectors and every fingerprint ingestion would store, not through the pipeline), whose words come
from a real news corpus when one is given (its words only; nothing is parsed). At each size the
same probe articles are looked up through coverage.find_coverage (their quotes: verbatim,
trimmed and reworded copies of stored quotes, and fresh ones) and the median lookup time is
printed, with its ratio to the first size (each size timed alike: one pass to warm the store's
pages, then a pass with the cache of stored quotes' words emptied). At the first size it also
prints the analysis of a 1,000-word corpus text with coverage against the bare spaCy parse of the
same text, both warm, with the embedding cache emptied before each analysis. Timings are printed, never asserted.

    python bench/bench_coverage.py [--corpus CORPUS.jsonl[.gz]] [--sizes 10000,100000,1000000] [--db URL ...]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import pathlib
import random
import statistics
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))

from quotetrail.article import from_dict  # noqa: E402
from quotetrail import coverage  # noqa: E402
from quotetrail.coverage import find_coverage  # noqa: E402
from quotetrail.store import open_store  # noqa: E402

# Words used when no corpus is given (the synthetic growth then draws on these alone).
FALLBACK_WORDS = ("government budget minister talks agreement border trade energy prices election vote court "
                  "ruling police report company shares market growth inflation workers strike union health "
                  "hospital school teachers climate emissions river flood harvest farmers rail airport port "
                  "ceasefire troops security council summit leaders deal reform tax pension housing rent").split()
PROBES = 20


def zipf_vocabulary(rng: random.Random, size: int = 20_000, draws: int = 200_000) -> list[str]:
    """Without a corpus: the few real words above and made-up ones, drawn with a Zipf-like spread
    (a handful very common, a long tail of rare ones), as words are in news text."""
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "vo", "den", "mar", "sel", "tor", "bri", "gan", "pel"]
    vocab = list(FALLBACK_WORDS)
    while len(vocab) < size:
        vocab.append("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    return rng.choices(vocab, weights=weights, k=draws)


def probes(rng: random.Random, store, words: list[str]):
    """Articles to look up: copies and rewordings of stored quotes, and new lines."""
    with store.transaction() as cur:
        rows = cur.execute("SELECT q.text, q.speaker_name, a.published FROM quotes q JOIN articles a"
                           " ON a.id = q.article_id WHERE length(q.text) > 60 ORDER BY q.id LIMIT 400").fetchall()
    rng.shuffle(rows)
    out = []
    for n in range(PROBES):
        # published the day after the quote it copies, as another outlet's report would be
        text, name, day = rows[n % len(rows)] if rows else (" ".join(rng.sample(words, 15)), "A. Adler", None)
        published = ((dt.datetime.fromisoformat(day) + dt.timedelta(days=1)).isoformat() if day
                     else "2024-05-01T12:00:00Z")
        ws = text.split()
        variants = [text, " ".join(ws[: max(4, len(ws) * 2 // 3)]),
                    " ".join(w if i % 5 else rng.choice(words) for i, w in enumerate(ws)),
                    " ".join(rng.choice(words) for _ in range(18))]
        paragraphs = [f"\u201c{v},\u201d {name or 'A. Adler'} said." for v in variants]
        article = from_dict({"url": f"https://probe.bench/{n}", "paragraphs": paragraphs, "outlet": "Probe",
                             "published": published})
        quotes = [{"id": f"q{k + 1}", "text": v, "kind": "direct",
                   "speaker": {"id": "s1", "name": name or "A. Adler", "kind": "person"},
                   "spans": [{"paragraph": k, "start": 1, "end": 1 + len(v)}]} for k, v in enumerate(variants)]
        out.append((article, quotes))
    return out


def measure(store, probe_set) -> tuple[float, int]:
    times, links = [], 0
    for article, quotes in probe_set:
        t = time.perf_counter()
        found = find_coverage(store, article, quotes)
        times.append(time.perf_counter() - t)
        links += sum(len(v["coverage"]) for v in found.values())
    return statistics.median(times), links


def analyze_ratio(store, repeat: int = 5) -> str:
    """Analysis with coverage of a 1,000-word text over the bare spaCy parse, medians of interleaved runs."""
    from quotetrail import analysis, embed, nlp
    from bench.common import text_of_words

    article = from_dict({"url": "https://bench.example/coverage/1000", "title": "Benchmark article",
                         "outlet": "Bench", "paragraphs": text_of_words(1_000, skip=3)})
    text, _ = nlp.joined(article)
    pipeline = nlp.load()

    def full():
        analysis._cache.clear()
        embed._cache.clear()
        return analysis.analyze(article, store=store)

    pipeline(text), full()
    bare, with_coverage = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        pipeline(text)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        response = full()
        with_coverage.append(time.perf_counter() - t)
    b, f = statistics.median(bare), statistics.median(with_coverage)
    return (f"analyze with coverage, 1,000 words ({len(response['quotes'])} quotes): {f * 1000:.0f} ms,"
            f" bare spaCy parse {b * 1000:.0f} ms, ratio {f / b:.2f}x (goal <= 1.5x)")


def corpus_words(path: pathlib.Path, limit: int | None) -> list[str]:
    """The alphabetic words of the corpus's articles, in order (no parsing)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    out: list[str] = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, limit):
            if line.strip():
                out.extend(w for w in json.loads(line).get("text", "").split() if w.isalpha())
    return out


def main() -> int:
    from bench import fill

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="JSON Lines (optionally .gz) of real articles whose words the quotes use"
                                     " (default: the shared corpus when present)")
    ap.add_argument("--corpus-limit", type=int, default=2_000, help="read at most this many corpus articles")
    ap.add_argument("--sizes", default="10000,100000,1000000", help="store sizes in quotes")
    ap.add_argument("--db", action="append", help="store URL; repeat it to fill several stores (say SQLite and "
                                                  "PostgreSQL) with the same quotes (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    rng = random.Random(a.seed)
    dbs = a.db or [str(pathlib.Path(tempfile.mkdtemp(prefix="qt-bench-")) / "bench.sqlite3")]
    stores = [open_store(db) for db in dbs]
    corpus = pathlib.Path(a.corpus) if a.corpus else (bench_corpus() if bench_corpus().exists() else None)
    words = corpus_words(corpus, a.corpus_limit) if corpus else []
    words = words or zipf_vocabulary(rng)
    vocab = fill.vocabulary(words)
    nrng = np.random.default_rng(a.seed)
    probe_set = None
    baseline: dict[int, float] = {}
    say(f"{'engine':<10} {'quotes':>10} {'articles':>9} {'median lookup':>14} {'ratio':>7} {'links':>6}")
    for size in sizes:
        grow = fill.grow(stores, vocab, nrng, max(0, size - stores[0].count()["quotes"]))
        if probe_set is None:
            probe_set = probes(random.Random(a.seed), stores[0], vocab.words[:2_000])
            if corpus is not None:
                say(analyze_ratio(stores[0]))
        for n, store in enumerate(stores):
            # every size timed alike: the store's pages warm (one pass first), the words of stored quotes
            # read afresh (a new article meets mostly quotes no lookup has read yet)
            measure(store, probe_set)
            coverage._keys_cache.clear()
            median, links = measure(store, probe_set)
            baseline.setdefault(n, median)
            c = store.count()
            engine = "PostgreSQL" if store.dialect == "postgresql" else "SQLite"
            say(f"{engine:<10} {c['quotes']:>10} {c['articles']:>9} {median * 1000:>11.1f} ms"
                f" {median / baseline[n]:>6.2f}x {links:>6}   (all stores grown in {grow:.0f} s)")
    for store in stores:
        store.close()
    return 0


def say(line: str) -> None:
    """A line of the report, also on stderr at once (a long run shows its figures as they come)."""
    print(line, flush=True)
    print(f"bench_coverage: {line}", file=sys.stderr, flush=True)


def bench_corpus() -> pathlib.Path:
    from bench.common import CORPUS

    return CORPUS


if __name__ == "__main__":
    sys.exit(main())
