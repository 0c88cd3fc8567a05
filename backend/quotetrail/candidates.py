"""The candidate step of coverage: the stored quotes worth scoring, ranked in SQL, and how close in
meaning each is, in numpy.

Each step is bounded, so that a lookup costs about the same in a store of 10k quotes as in one of 1M:
- a fingerprint reads a bounded range of its postings, the newest first (the primary key). A word
  pair or speaker key that more than `postings` quotes share is too common to say which statement it
  is and counts for nothing. A band hash of the vectors reads its newest `bands` + 1 postings
  instead: a 12-bit band bucket of a large store holds thousands, and dropping them would leave no
  search by meaning; the newest renderings are those other outlets are still writing.
- the store counts, for each quote looked up, how many fingerprints each stored quote shares with it
  and returns only the best `limit` (most shared first, then the newest), never the quotes of the
  article itself: the counting and the cap run inside the engine, not per posting in Python.
- of those candidates only the text and the vectors are read, and the best unit cosine of all of
  them against one quote is one matrix product (`best_cosines`).
SQLite and PostgreSQL run the same steps on the one schema; only how a list of hashes is passed
(json_each / unnest) and how the newest postings of each are cut (a bounded range / LATERAL) differ.
"""
from __future__ import annotations

import json
from typing import Iterable

import numpy as np

from . import embed

PAIRS_PER_STATEMENT = 5_000    # (hash, quote looked up) pairs sent in one SQL statement
IDS_PER_STATEMENT = 500        # quote ids read per statement

_LOWEST = -(2 ** 63)

# Which quote looked up (v) wants which hash, and whether the hash is a band of the vectors (1) or not (0).
_WANTED = {
    "sqlite": """w AS (SELECT json_extract(value, '$[0]') AS hash, json_extract(value, '$[1]') AS v,
                 json_extract(value, '$[2]') AS band FROM json_each(?)),""",
    "postgresql": "w AS (SELECT * FROM unnest(?::bigint[], ?::int[], ?::int[]) AS w(hash, v, band)),",
}
# edge: the id of the (n + 1)-th newest posting of a hash (n: `bands` for a band hash, else `postings`),
# NULL when it has no more than n. A band hash then reads its postings from the edge up (a bounded
# range of the primary key), any other hash is too common and reads none; the rest read all theirs.
_RANKED = """
    x AS MATERIALIZED (SELECT w.v, w.hash, w.band, CASE WHEN w.band = 1
        THEN (SELECT g.quote_id FROM fingerprints g WHERE g.hash = w.hash ORDER BY g.quote_id DESC LIMIT 1 OFFSET {bands})
        ELSE (SELECT g.quote_id FROM fingerprints g WHERE g.hash = w.hash ORDER BY g.quote_id DESC LIMIT 1 OFFSET {postings})
        END AS edge FROM w),
    hits AS (SELECT x.v, f.quote_id, COUNT(*) AS k
             FROM x JOIN fingerprints f ON f.hash = x.hash AND f.quote_id >= COALESCE(x.edge, {lowest})
             WHERE (x.band = 1 OR x.edge IS NULL)
               AND f.quote_id NOT IN (SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.url = ?)
             GROUP BY x.v, f.quote_id),
    ranked AS (SELECT v, quote_id, ROW_NUMBER() OVER (PARTITION BY v ORDER BY k DESC, quote_id DESC) AS r FROM hits)
SELECT v, quote_id FROM ranked WHERE r <= {limit} ORDER BY v, r"""


def _groups(wanted: list[tuple[set[int], set[int]]]) -> Iterable[list[int]]:
    """The indexes of the quotes looked up, in groups of about PAIRS_PER_STATEMENT hashes."""
    group, size = [], 0
    for i, (hashes, _) in enumerate(wanted):
        if group and size + len(hashes) > PAIRS_PER_STATEMENT:
            yield group
            group, size = [], 0
        group.append(i)
        size += len(hashes)
    if group:
        yield group


def ranked(store, own_url: str, wanted: list[tuple[set[int], set[int]]], postings: int, bands: int,
           limit: int) -> list[list[int]]:
    """Per quote looked up (its fingerprints, and which of them are band hashes): the ids of at most
    `limit` stored quotes of other articles than `own_url`, those sharing most fingerprints first. A
    fingerprint more than `postings` quotes share counts for nothing; a band hash counts its newest
    `bands` + 1 postings."""
    out: list[list[int]] = [[] for _ in wanted]
    sql = "WITH " + _WANTED[store.dialect] + _RANKED.format(postings=int(postings), bands=int(bands), lowest=_LOWEST,
                                                      limit=int(limit))
    with store.transaction() as cur:
        for group in _groups(wanted):
            triples = [(int(h), v, int(h in wanted[v][1])) for v in group for h in sorted(wanted[v][0])]
            if not triples:
                continue
            if store.dialect == "postgresql":
                params = [[t[0] for t in triples], [t[1] for t in triples], [t[2] for t in triples]]
            else:
                params = [json.dumps(triples)]
            for v, quote_id in cur.execute(sql, (*params, own_url)).fetchall():
                out[int(v)].append(int(quote_id))
    return out


def texts_and_vectors(store, quote_ids: Iterable[int]) -> dict[int, tuple[str, bytes | None]]:
    """{quote id: (text, vectors as stored)}: what the bound and the best cosine need, nothing more."""
    ids = sorted(set(quote_ids))
    out = {}
    with store.transaction() as cur:
        for start in range(0, len(ids), IDS_PER_STATEMENT):
            chunk = ids[start:start + IDS_PER_STATEMENT]
            marks = ", ".join("?" for _ in chunk)
            for qid, text, blob in cur.execute(
                    "SELECT q.id, q.text, v.vectors FROM quotes q LEFT JOIN quote_vectors v ON v.quote_id = q.id"
                    f" WHERE q.id IN ({marks})", chunk).fetchall():
                out[int(qid)] = (text, bytes(blob) if blob is not None else None)
    return out


def best_cosines(vecs: np.ndarray, blobs: list[bytes | None]) -> np.ndarray:
    """For each stored quote (its vectors as stored), the best cosine between one of our units and one of
    its units (0 without vectors), all in one product: the max of `vecs @ theirs.T` for each."""
    out = np.zeros(len(blobs), np.float32)
    counts = np.array([len(b) // (2 * embed.DIM) if b else 0 for b in blobs], dtype=np.int64)
    if not len(vecs) or not counts.any():
        return out
    theirs = np.frombuffer(b"".join(b for b in blobs if b), dtype=np.float16).astype(np.float32)
    sims = (vecs @ theirs.reshape(-1, embed.DIM).T).max(axis=0)      # best of our units, per unit of theirs
    has = counts > 0
    starts = np.concatenate([[0], np.cumsum(counts[has])[:-1]])
    out[has] = np.maximum.reduceat(sims, starts)
    return out
