"""Fill a store with synthetic quotes fast, for the lookup benchmark: rows written in bulk, not
through the pipeline.

Each synthetic quote is a run of words drawn with a Zipf-like spread from a vocabulary (the
corpus's own words when there is a corpus), said by one of a few dozen surnames on a day within
25 years. What coverage indexes is computed as ingestion does, only in bulk: the content keys of
each word and the word-pair fingerprints come from wording.py, the vector is the mean of the
words' WordLlama vectors (what the model does with a text, up to how it splits words into pieces),
its band fingerprints from lsh.py, and the speaker-and-week keys from coverage.py. So the postings
a lookup reads have the spread they have in a real store, and a probe that copies a stored quote
meets it the way a real copy would. Rows go in with executemany on SQLite and COPY on PostgreSQL, the
fingerprints staged or unindexed while they load (see _begin), so that 1M quotes load in minutes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time

import numpy as np

SURNAMES = ("Adler Baptiste Chen Dlamini Eriksen Fonseca Gupta Halloran Ivanova Jensen Kowalski Laine Moreau "
            "Nakamura Okafor Petrov Quispe Rahman Santos Tanaka Uribe Varga Weber Xu Yilmaz Zahir").split()
QUOTES_PER_ARTICLE = 10
CHUNK = 50_000                 # quotes built and written per step
FIRST_DAY = dt.date(2000, 1, 1).toordinal()
SQLITE_CACHE_KB = 3_000_000      # page cache of the loading connection (SQLite)


class Vocabulary:
    """Words with their wording keys and vectors, and Zipf-like draw weights (rank order)."""

    def __init__(self, words: list[str]):
        from quotetrail import embed, wording

        self.words = words
        toks = [wording.tokenize(w) for w in words]
        self.key = [t[0].key if t else w for t, w in zip(toks, words)]
        self.content = np.array([bool(t) and t[0].content for t in toks])
        vecs = np.asarray(embed.load().embed(words, norm=False), dtype=np.float32)
        self.vecs = vecs
        weights = 1.0 / np.arange(1, len(words) + 1)
        self.p = weights / weights.sum()


def vocabulary(words: list[str]) -> Vocabulary:
    """The distinct words, most frequent first."""
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return Vocabulary(sorted(counts, key=lambda w: -counts[w])[:20_000])


def _build(vocab: Vocabulary, rng: np.random.Generator, n: int) -> dict:
    """n synthetic quotes: texts, surnames, days, vectors (float32, unit) and fingerprints per quote."""
    from quotetrail import coverage, lsh, wording

    lengths = rng.integers(8, 31, n)
    ids = rng.choice(len(vocab.words), size=int(lengths.sum()), p=vocab.p)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    vecs = np.empty((n, vocab.vecs.shape[1]), np.float32)
    for at in range(0, n, 1_000):          # small steps: the gathered word vectors stay in cache
        lo, hi = starts[at], starts[min(n, at + 1_000) - 1] + lengths[min(n, at + 1_000) - 1]
        vecs[at:at + 1_000] = np.add.reduceat(vocab.vecs[ids[lo:hi]], starts[at:at + 1_000] - lo, axis=0)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    bands = lsh.band_fingerprints(lsh.band_codes(vecs))
    surnames = rng.integers(0, len(SURNAMES), n)
    days = FIRST_DAY + rng.integers(0, 9000, n)
    texts, prints = [], []
    speaker_keys: dict[tuple, list[int]] = {}
    for q in range(n):
        w = ids[starts[q]:starts[q] + lengths[q]]
        texts.append(" ".join(vocab.words[i] for i in w))
        keys = [vocab.key[i] for i in w if vocab.content[i]]
        fps = _word_pairs(keys)
        if q < 50:                          # the bulk path must hash exactly as ingestion does
            assert fps == set(wording.fingerprints(keys, sample=len(keys) > wording.SAMPLE_ABOVE))
        lo, hi = int(days[q]) - 3, int(days[q]) + 1
        spk = (surnames[q], lo // 7, hi // 7)
        if spk not in speaker_keys:
            speaker_keys[spk] = coverage.speaker_keys(SURNAMES[surnames[q]].lower(), True, lo, hi)
        prints.append(fps.union(bands[q].tolist(), speaker_keys[spk]))
    return {"texts": texts, "surnames": [SURNAMES[i] for i in surnames], "days": days, "vecs": vecs,
            "prints": prints}


_pair_hashes: dict[str, int] = {}


def _word_pairs(keys: list[str]) -> set[int]:
    """wording.fingerprints, with each distinct pair hashed once per process (a bulk load repeats them)."""
    from quotetrail import wording

    out = set()
    for i in range(len(keys) - 1):
        for pair in (f"{keys[i]} {keys[i + 1]}", f"{keys[i]} _ {keys[i + 2]}" if i + 2 < len(keys) else None):
            if pair is None:
                continue
            h = _pair_hashes.get(pair)
            if h is None:
                h = _pair_hashes[pair] = wording.hash64(pair)
            out.add(h)
    if len(keys) > wording.SAMPLE_ABOVE:
        out = {h for h in out if h % 2 == 0}
    return out


def _next_ids(cur) -> tuple[int, int]:
    a = cur.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
    q = cur.execute("SELECT COALESCE(MAX(id), 0) FROM quotes").fetchone()[0]
    return int(a) + 1, int(q) + 1


def grow(stores: list, vocab: Vocabulary, rng: np.random.Generator, count: int) -> float:
    """Add the same `count` synthetic quotes (QUOTES_PER_ARTICLE an article) to every store (each
    built once); returns seconds. The stores must hold the same rows beforehand."""
    from quotetrail import embed

    t0 = time.perf_counter()
    for store in stores if count > 0 else ():
        _begin(store)
    left = count
    while left > 0:
        n = min(CHUNK, left)
        built = _build(vocab, rng, n)
        with stores[0].transaction(write=True) as cur:
            next_article, next_quote = _next_ids(cur)
        articles, quotes, vectors, prints = [], [], [], []
        now = time.time()
        for k in range(n):
            aid = next_article + k // QUOTES_PER_ARTICLE
            if k % QUOTES_PER_ARTICLE == 0:
                day = dt.date.fromordinal(int(built["days"][k]))
                published = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc)
                articles.append((aid, f"https://synthetic.bench/{aid}", hashlib.sha256(str(aid).encode()).hexdigest(),
                                 f"Synthetic {aid}", "Synthetic", published.isoformat(), published.timestamp(), "[]",
                                 now, now, "manual"))
            qid = next_quote + k
            name = built["surnames"][k]
            quotes.append((qid, aid, f"q{k % QUOTES_PER_ARTICLE + 1}", built["texts"][k], "direct", f"A. {name}",
                           name.lower(), k % QUOTES_PER_ARTICLE, int(built["days"][k]) - 3,
                           int(built["days"][k]) + 1, "[]", 0, qid))
            vectors.append((qid, embed.to_blob(built["vecs"][k:k + 1])))
            prints.append(np.array(sorted(built["prints"][k]), dtype=np.int64))
        qids = np.repeat(np.arange(next_quote, next_quote + n, dtype=np.int64), [len(p) for p in prints])
        prints = list(zip(np.concatenate(prints).tolist(), qids.tolist()))
        for store in stores:
            _write(store, articles, quotes, vectors, prints)
        left -= n
    for store in stores if count > 0 else ():
        _finish(store)
    return time.perf_counter() - t0


_COLUMNS = {
    "articles": "id, url, content_hash, title, outlet, published, published_ts, venues, first_stored, updated, origin",
    "quotes": "id, article_id, local_id, text, kind, speaker_name, surname, paragraph, event_lo, event_hi, venues,"
              " translated, statement_id",
    "quote_vectors": "quote_id, vectors",
    "fingerprints": "hash, quote_id",
}


# Fingerprints are what makes a bulk load slow: inserted chunk by chunk, each chunk's hashes land all
# over the index, so each chunk rewrites most of it. On SQLite (where the table is its index) they go
# to a staging table and into the index once per grow, in key order; on PostgreSQL the table's two
# indexes are dropped for the load and rebuilt by one sort each.
_STAGED = "qt_fill_prints"


def _begin(store) -> None:
    if store.dialect == "postgresql":
        with store.transaction(write=True) as cur:
            cur.execute("ALTER TABLE fingerprints DROP CONSTRAINT fingerprints_pkey")
            cur.execute("DROP INDEX fingerprints_quote")
        return
    conn = store._sqlite()
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_STAGED} (hash INTEGER, quote_id INTEGER)")


def _write(store, articles, quotes, vectors, prints) -> None:
    if store.dialect == "postgresql":
        with store._pool.connection() as conn:
            with conn.transaction(), conn.cursor() as cur:
                cur.execute("SET LOCAL session_replication_role = replica")    # no foreign-key check per row
                for table, rows in (("articles", articles), ("quotes", quotes), ("quote_vectors", vectors),
                                    ("fingerprints", prints)):
                    with cur.copy(f"COPY {table} ({_COLUMNS[table]}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                for table in ("articles", "quotes"):
                    cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        return
    # a bulk load touches pages all over the file: a larger page cache for this connection, no
    # foreign-key check per row (the rows were built together) and no sync (a benchmark's store)
    conn = store._sqlite()
    conn.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    with store.transaction(write=True) as cur:
        for table, rows in (("articles", articles), ("quotes", quotes), ("quote_vectors", vectors),
                            (f"temp.{_STAGED}", prints)):
            columns = _COLUMNS.get(table, _COLUMNS["fingerprints"])
            marks = ", ".join("?" for _ in columns.split(","))
            cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _finish(store) -> None:
    """Index the fingerprints loaded; the store is then as ingestion leaves it."""
    if store.dialect == "postgresql":
        with store._pool.connection() as conn:
            with conn.transaction(), conn.cursor() as cur:
                cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
                cur.execute("ALTER TABLE fingerprints ADD PRIMARY KEY (hash, quote_id)")
                cur.execute("CREATE INDEX fingerprints_quote ON fingerprints(quote_id)")
                cur.execute("ANALYZE")                  # as autovacuum would, before lookups are timed
        return
    conn = store._sqlite()
    with store.transaction(write=True) as cur:
        cur.execute(f"INSERT INTO fingerprints (hash, quote_id) SELECT hash, quote_id FROM temp.{_STAGED}"
                    " ORDER BY hash, quote_id")
        cur.execute(f"DROP TABLE temp.{_STAGED}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -2000")      # lookups then run with SQLite's default cache, as the store's
