"""Statements: quotes that carry one statement share an id across articles (transitively), the trail
comes back in time order from GET /api/v1/statements/{id}, the index finds candidates by meaning,
and an embedding failure is an error, never a link."""
import numpy as np
import pytest
from qt_fixtures import put

from quotetrail import embed, lsh
from quotetrail.coverage import find_coverage
from quotetrail.store import open_store

FULL = ("\u201cThe new dam will hold back the spring floods and keep the valley farms dry for decades. "
        "We start building the dam in May next year,\u201d Irene Vasquez said.")
FIRST_HALF = "\u201cThe new dam will hold back the spring floods and keep the valley farms dry for decades,\u201d Irene Vasquez said."
SECOND_HALF = "\u201cWe start building the dam in May next year,\u201d Irene Vasquez said."
SAID = "Water minister Irene Vasquez spoke at the regional council on Monday."


def statement_of(store, url):
    with store.transaction() as cur:
        rows = cur.execute("SELECT q.statement_id FROM quotes q JOIN articles a ON a.id = q.article_id"
                           " WHERE a.url = ?", (url,)).fetchall()
    return {r[0] for r in rows}


def test_renderings_of_one_statement_share_its_id(store):
    put(store, "https://a.test/1", [SAID, FULL], published="2024-06-04T10:00:00+00:00")
    put(store, "https://b.test/1", [SAID, FIRST_HALF], published="2024-06-04T12:00:00+00:00")
    ids_a, ids_b = statement_of(store, "https://a.test/1"), statement_of(store, "https://b.test/1")
    assert len(ids_a) == 1 and ids_a == ids_b


def test_a_trail_is_transitive_and_merges(store):
    """B and C are each stored first, then A matches both: all three become one statement."""
    put(store, "https://b.test/2", [SAID, FIRST_HALF], published="2024-06-04T12:00:00+00:00")
    put(store, "https://c.test/2", ["A report on the vote.", "The council met on Monday."],
        published="2024-06-04T13:00:00+00:00")
    put(store, "https://d.test/2", [SAID, SECOND_HALF], published="2024-06-04T14:00:00+00:00")
    assert statement_of(store, "https://b.test/2") != statement_of(store, "https://d.test/2")
    put(store, "https://a.test/2", [SAID, FULL], published="2024-06-04T10:00:00+00:00")
    trail = statement_of(store, "https://a.test/2")
    assert trail == statement_of(store, "https://b.test/2") == statement_of(store, "https://d.test/2")
    assert statement_of(store, "https://c.test/2") == set()        # no quotes, no statement


def test_statement_route_lists_renderings_in_time_order(tmp_path):
    from quotetrail.api import create_app

    db = str(tmp_path / "s.sqlite3")
    with open_store(db) as s:
        put(s, "https://late.test/3", [SAID, FIRST_HALF], published="2024-06-04T18:00:00+00:00", outlet="Late")
        put(s, "https://early.test/3", [SAID, FULL], published="2024-06-04T09:00:00+00:00", outlet="Early")
        (sid,) = statement_of(s, "https://early.test/3")
    client = create_app({"DB": db}).test_client()
    body = client.get(f"/api/v1/statements/{sid}").get_json()
    assert body["id"] == str(sid)
    assert [r["outlet"] for r in body["renderings"]] == ["Early", "Late"]
    first, second = body["renderings"]
    assert first["fidelity"] == "verbatim" and second["fidelity"] == "trimmed"
    assert any(op["op"] == "delete" and "May" in op["ours"] for op in second["diff"])
    assert client.get("/api/v1/statements/999999").status_code == 404
    bad = client.get("/api/v1/statements/x1")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_statement_id"
    assert "/api/v1/statements/{id}" in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_analyze_gives_each_quote_its_statement_id(store):
    put(store, "https://a.test/4", [SAID, FULL], published="2024-06-04T10:00:00+00:00")
    article, response = put(store, "https://b.test/4", [SAID, FIRST_HALF], published="2024-06-04T12:00:00+00:00")
    found = find_coverage(store, article, response["quotes"])
    (sid,) = statement_of(store, "https://a.test/4")
    assert found["q1"]["statement_id"] == str(sid)


def test_near_vectors_share_band_hashes_and_far_ones_rarely():
    rng = np.random.default_rng(7)
    base = rng.standard_normal(embed.DIM).astype(np.float32)
    base /= np.linalg.norm(base)
    near = base + 0.15 * rng.standard_normal(embed.DIM).astype(np.float32) / np.sqrt(embed.DIM)
    near /= np.linalg.norm(near)
    far = rng.standard_normal(embed.DIM).astype(np.float32)
    far /= np.linalg.norm(far)
    a, b, c = (set(lsh.band_hashes(v[None, :])) for v in (base, near, far))
    assert len(a) == lsh.BANDS
    assert len(a & b) >= lsh.BANDS // 2
    assert len(a & c) <= 1
    assert lsh.band_hashes(base[None, :]) == lsh.band_hashes(base[None, :])     # stable across calls


def test_embedding_failure_is_an_error_not_a_link(store, monkeypatch):
    put(store, "https://a.test/5", [SAID, FULL], published="2024-06-04T10:00:00+00:00")
    article, response = put(store, "https://b.test/5", [SAID, FULL], published="2024-06-04T12:00:00+00:00")
    monkeypatch.setattr(embed, "_cache", {})

    class Broken:
        def embed(self, texts, norm=True):
            raise MemoryError("out of memory")

    monkeypatch.setattr(embed, "_model", Broken())
    with pytest.raises(embed.EmbeddingError):
        find_coverage(store, article, response["quotes"])


def test_embedding_failure_answers_503_json(tmp_path, monkeypatch):
    from quotetrail.api import create_app

    monkeypatch.setattr(embed, "_cache", {})

    class Broken:
        def embed(self, texts, norm=True):
            return np.full((len(texts), embed.DIM), np.nan, dtype=np.float32)

    monkeypatch.setattr(embed, "_model", Broken())
    client = create_app({"DB": str(tmp_path / "e.sqlite3")}).test_client()
    r = client.post("/api/v1/analyze", json={"url": "https://x.test/e", "title": "t",
                                             "text": "\u201cWe will open the bridge in June,\u201d Mayor Tom Reyes said."})
    assert r.status_code == 503
    assert r.get_json()["error"]["code"] == "embedding_unavailable"
