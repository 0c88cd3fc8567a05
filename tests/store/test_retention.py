"""Retention and the article's origin on real SQLite files and a real PostgreSQL server: polled
articles past retention go with their quotes and fingerprints, articles ingested by hand never do,
an old store gains the origin column, and `quotetrail store prune|status` say what they did."""
import json
import subprocess
import sys
import time

import pytest
from qt_fixtures import make_article, stand_in_response

from quotetrail import retention
from quotetrail.schema import DIALECT, SCHEMA_VERSION, TABLES
from quotetrail.store import open_store

DAY = 86_400
ORCHARD = [
    "Growers in the valley began the apple harvest a week early this year.",
    "\u201cThe dry summer gave us smaller fruit but far more of it,\u201d Lena Hartmann said.",
    "Ivo Sandberg said that the cooperative would hire forty extra pickers for October.",
]


def save(store, url, origin, days_ago=0.0):
    """Store an article (stand-in analysis) as if it had been stored `days_ago` days ago."""
    article = make_article(url, ORCHARD)
    store.save_analysis(article, stand_in_response(article), origin=origin)
    if days_ago:
        with store.transaction(write=True) as cur:
            cur.execute("UPDATE articles SET first_stored = ? WHERE url = ?", (time.time() - days_ago * DAY, url))


def rows(store, table):
    with store.transaction() as cur:
        return int(cur.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_prune_deletes_old_polled_articles_with_their_quotes_and_keeps_manual_ones(store):
    save(store, "https://orchard.test/old-polled", "feed", days_ago=120)
    save(store, "https://orchard.test/recent-polled", "feed", days_ago=10)
    save(store, "https://orchard.test/old-by-hand", "manual", days_ago=400)
    per_article = rows(store, "fingerprints") // 3
    assert per_article > 0 and rows(store, "quotes") == 6

    assert retention.prune(store, 90, dry_run=True) == 1
    assert store.count()["articles"] == 3                    # a dry run deletes nothing
    assert retention.prune(store, 90) == 1
    assert not store.has_url("https://orchard.test/old-polled")
    assert store.has_url("https://orchard.test/recent-polled")
    assert store.has_url("https://orchard.test/old-by-hand")
    # the pruned article's paragraphs, speakers, quotes and fingerprints went with it
    assert rows(store, "quotes") == 4 and rows(store, "fingerprints") == 2 * per_article
    assert rows(store, "paragraphs") == 6 and rows(store, "speakers") == 4
    assert retention.prune(store, 5) == 1                    # a shorter retention takes the recent one too
    assert retention.prune(store, 1) == 0                    # never the one ingested by hand
    assert store.has_url("https://orchard.test/old-by-hand")


def test_zero_days_keeps_everything(store):
    save(store, "https://orchard.test/ancient", "feed", days_ago=3000)
    assert retention.prune(store, 0) == 0
    assert store.has_url("https://orchard.test/ancient")


def test_prune_works_in_chunks(store, monkeypatch):
    monkeypatch.setattr(retention, "PRUNE_CHUNK", 2)
    for n in range(5):
        save(store, f"https://orchard.test/polled/{n}", "feed", days_ago=100)
    assert retention.prune(store, 90) == 5
    assert store.count() == {"articles": 0, "quotes": 0}


def test_by_hand_wins_over_polled_and_stays(store):
    url = "https://orchard.test/story"
    save(store, url, "feed")
    assert store.origin_of(url) == "feed"
    save(store, url, "manual")                 # a person ingests what the poller had found
    assert store.origin_of(url) == "manual"
    save(store, url, "feed")                   # the feed carries it again: still the person's
    assert store.origin_of(url) == "manual"
    with pytest.raises(ValueError):
        save(store, "https://orchard.test/other", "guess")


def _version_1_store(url: str, dialect: str) -> None:
    """A store as version 1 of the schema left it (no origin column), holding one article."""
    statements = [s.format(**DIALECT[dialect]) for s in TABLES]
    statements += ["INSERT INTO meta (key, value) VALUES ('schema_version', '1')",
                   "INSERT INTO articles (url, content_hash, first_stored, updated)"
                   " VALUES ('https://orchard.test/from-v1', 'x', 1.0, 1.0)",
                   "INSERT INTO feeds (url) VALUES ('https://orchard.test/feed.xml')"]
    if dialect == "sqlite":
        import sqlite3

        conn = sqlite3.connect(url)
        for s in statements:
            conn.execute(s)
        conn.commit()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for s in statements:
                conn.execute(s)


def test_a_version_1_store_is_migrated_and_its_articles_count_as_manual(store_url):
    dialect = "postgresql" if store_url.startswith("postgresql") else "sqlite"
    _version_1_store(store_url, dialect)
    store = open_store(store_url)
    try:
        with store.transaction() as cur:
            assert int(cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]) == SCHEMA_VERSION
        assert store.origin_of("https://orchard.test/from-v1") == "manual"
        assert retention.prune(store, 1) == 0                  # an article of unknown origin is kept
        assert store.feed_state("https://orchard.test/feed.xml")["outlet"] is None
        store.add_feeds([("https://orchard.test/feed.xml", "Orchard Gazette")])
        assert store.feed_state("https://orchard.test/feed.xml")["outlet"] == "Orchard Gazette"
    finally:
        store.close()
    open_store(store_url).close()                                # opening again changes nothing


def _cli(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "quotetrail.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_store_prune_and_status_commands(tmp_path):
    db = str(tmp_path / "store.sqlite3")
    store = open_store(db)
    save(store, "https://orchard.test/old-polled", "feed", days_ago=100)
    save(store, "https://orchard.test/by-hand", "manual", days_ago=100)
    store.close()

    dry = _cli("store", "prune", "--dry-run", "--db", db)
    assert dry.returncode == 0 and dry.stdout.startswith("would prune 1 polled article(s)"), dry
    status = _cli("store", "status", "--db", db)
    assert status.returncode == 0, status.stderr
    before = json.loads(status.stdout)
    assert (before["articles"], before["polled_articles"], before["quotes"]) == (2, 1, 4)
    assert before["polling"] == {"enabled": False, "feeds": 0, "last_polled": None, "interval_seconds": None,
                                 "failing_feeds": 0}

    kept = _cli("store", "prune", "--db", db, env={"QUOTETRAIL_RETENTION_DAYS": "365"})
    assert kept.stdout.startswith("pruned 0 "), kept
    done = _cli("store", "prune", "--db", db)
    assert done.returncode == 0 and done.stdout.startswith("pruned 1 polled article(s)"), done
    after = json.loads(_cli("store", "status", "--db", db).stdout)
    assert (after["articles"], after["polled_articles"]) == (1, 0)

    # the command prints what the endpoint answers
    from quotetrail.api import create_app

    client = create_app({"DB": db, "TESTING": True}).test_client()
    assert client.get("/api/v1/store").get_json() == after

    off = _cli("store", "prune", "--days", "0", "--db", db)
    assert off.returncode == 0 and "nothing pruned" in off.stdout
    bad = _cli("store", "prune", "--db", db, env={"QUOTETRAIL_RETENTION_DAYS": "ninety"})
    assert bad.returncode == 2 and "QUOTETRAIL_RETENTION_DAYS" in bad.stderr and "Traceback" not in bad.stderr
