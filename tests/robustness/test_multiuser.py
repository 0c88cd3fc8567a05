"""Several readers at once through gunicorn workers that share one store (SQLite in WAL mode, or
PostgreSQL): every request answered, every kept or ingested article stored whole."""
from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from faults import Postgres, article, check_complete
from robust_helpers import INGEST_TOKEN, REQUEST_LIMIT, Gunicorn, check_analysis

READERS = 16
INGESTS = 4
PER_INGEST = 4


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_store(request, tmp_path):
    if request.param == "sqlite":
        db = str(tmp_path / "shared.sqlite3")
        yield db, lambda: sqlite3.connect(db, timeout=15), "?"
        return
    try:
        server = Postgres()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    import psycopg
    try:
        yield server.url, lambda: psycopg.connect(server.url), "%s"
    finally:
        server.stop()


def test_readers_and_ingestion_at_once_share_one_store(tmp_path, shared_store):
    db, connect, mark = shared_store
    server = Gunicorn(db, workers=3, threads=2, log=tmp_path / "gunicorn.log",
                      env={"QUOTETRAIL_KEEP_ANALYZED": "true", "QUOTETRAIL_INGEST_TOKEN": INGEST_TOKEN})
    try:
        read_items = [article(n) for n in range(READERS)]
        ingest_items = [[article(1000 + k * PER_INGEST + j) for j in range(PER_INGEST)] for k in range(INGESTS)]

        def read(obj):
            r = requests.post(server.url + "/api/v1/analyze", json=obj, timeout=REQUEST_LIMIT * 2)
            return r.status_code, r.text

        def ingest(batch):
            r = requests.post(server.url + "/api/v1/ingest", json={"articles": batch}, timeout=REQUEST_LIMIT * 2,
                              headers={"Authorization": f"Bearer {INGEST_TOKEN}"})
            return r.status_code, r.text

        with ThreadPoolExecutor(max_workers=12) as pool:
            reads = list(pool.map(read, read_items))
            # readers and ingestion interleaved: the second wave mixes both
            mixed = [pool.submit(ingest, b) for b in ingest_items] + [pool.submit(read, o) for o in read_items[:6]]
            mixed = [f.result() for f in mixed]
        for status, text in reads + mixed:
            assert status == 200, (status, text[:300], server.log()[server.log().find("Traceback"):][:2500])
        for (status, text), obj in zip(reads, read_items):
            check_analysis(json.loads(text), obj["paragraphs"])
        assert sum(json.loads(t)["added"] for _, t in mixed[:INGESTS]) == INGESTS * PER_INGEST
        assert len(server.workers()) == 3, "a worker died under load"
    finally:
        server.stop()
    everything = read_items + [a for b in ingest_items for a in b]
    conn = connect()
    try:
        assert check_complete(conn.cursor(), everything, mark=mark) == len(everything)
    finally:
        conn.close()
