"""The candidate step (candidates.py) on both engines: the store ranks stored quotes by the fingerprints
they share with a quote looked up and keeps the best, reads a bounded number of postings per
fingerprint, never offers the article's own quotes; the best cosines come out as a loop would give."""
import numpy as np
import pytest

from quotetrail import candidates, embed, wording


def put(store, url: str, prints_per_quote: list[list[int]]) -> list[int]:
    """One article at `url` with a quote per list of fingerprint hashes; returns the quote ids in order."""
    ids = []
    with store.transaction(write=True) as cur:
        aid = cur.execute("INSERT INTO articles (url, content_hash, first_stored, updated) VALUES (?, ?, 0, 0)"
                          " RETURNING id", (url, f"hash of {url}")).fetchone()[0]
        for n, prints in enumerate(prints_per_quote):
            qid = cur.execute("INSERT INTO quotes (article_id, local_id, text) VALUES (?, ?, ?) RETURNING id",
                              (aid, f"q{n + 1}", f"quote {n + 1} of {url}")).fetchone()[0]
            cur.executemany("INSERT INTO fingerprints (hash, quote_id) VALUES (?, ?)", [(h, qid) for h in prints])
            ids.append(int(qid))
    return ids


def test_the_cap_keeps_the_quotes_that_share_most_fingerprints(store):
    # stored quote k shares k of the ten fingerprints looked up; ties go to the newest
    ours = list(range(1, 11))
    ids = put(store, "https://a.test/1", [ours[:k] for k in range(1, 11)] + [ours[:9]])
    best = candidates.ranked(store, "https://probe.test/", [(set(ours), set())], postings=50, bands=50, limit=3)
    assert best == [[ids[9], ids[10], ids[8]]]      # 10 shared, then the newer of the two with 9


def test_each_quote_looked_up_gets_its_own_ranking(store):
    ids = put(store, "https://a.test/2", [[101, 102, 103], [201, 202], [101]])
    got = candidates.ranked(store, "https://probe.test/", [({101, 102, 103}, set()), ({201, 202, 999}, set()),
                                                           ({555}, set())], postings=50, bands=50, limit=5)
    assert got == [[ids[0], ids[2]], [ids[1]], []]


def test_a_too_common_word_fingerprint_counts_for_nothing_but_a_band_keeps_its_newest(store):
    common, band, rare = 7, 8, 9
    ids = put(store, "https://a.test/3", [[common, band] for _ in range(6)] + [[rare]])
    words = candidates.ranked(store, "https://probe.test/", [({common, rare}, set())], postings=4, bands=4, limit=10)
    assert words == [[ids[6]]]                       # six quotes share `common`: more than 4
    bands = candidates.ranked(store, "https://probe.test/", [({band}, {band})], postings=4, bands=2, limit=10)
    assert bands == [[ids[5], ids[4], ids[3]]]       # the newest 2 + 1 of the six in that band bucket


def test_the_articles_own_quotes_are_never_candidates(store):
    mine = put(store, "https://mine.test/1", [[41, 42, 43]])
    other = put(store, "https://other.test/1", [[41]])
    got = candidates.ranked(store, "https://mine.test/1", [({41, 42, 43}, set())], postings=50, bands=50, limit=5)
    assert got == [other] and mine[0] not in got[0]


@pytest.mark.parametrize("per_statement", [1, 3])
def test_many_quotes_looked_up_in_several_statements_rank_the_same(store, monkeypatch, per_statement):
    ids = put(store, "https://a.test/4", [[1, 2], [2, 3], [3, 4], [4, 5]])
    wanted = [({1, 2}, set()), ({2, 3}, set()), ({3, 4}, set()), ({4, 5}, set())]
    whole = candidates.ranked(store, "https://probe.test/", wanted, postings=50, bands=50, limit=1)
    monkeypatch.setattr(candidates, "PAIRS_PER_STATEMENT", per_statement)
    assert candidates.ranked(store, "https://probe.test/", wanted, postings=50, bands=50, limit=1) == whole
    assert whole == [[ids[0]], [ids[1]], [ids[2]], [ids[3]]]


def test_best_cosines_is_the_best_pair_of_units_of_each_stored_quote():
    rng = np.random.default_rng(3)

    def unit_vectors(n):
        v = rng.standard_normal((n, embed.DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    ours = unit_vectors(3)
    stored = [unit_vectors(2), None, unit_vectors(1), unit_vectors(4)]
    blobs = [embed.to_blob(v) if v is not None else None for v in stored]
    got = candidates.best_cosines(ours, blobs)
    want = [float((ours @ embed.from_blob(b).T).max()) if b else 0.0 for b in blobs]
    assert got.tolist() == pytest.approx(want, abs=1e-5)
    assert candidates.best_cosines(ours[:0], blobs).tolist() == [0.0] * 4


def test_content_keys_are_the_content_tokens_keys():
    for text in ["We didn\u2019t sign it, and the Councillors\u2019 negotiations aren't over.",
                 "O'Hara said: 3 ferries, 12 routes \u2014 none cancelled!", ""]:
        assert wording.content_keys(text) == [t.key for t in wording.tokenize(text) if t.content]
