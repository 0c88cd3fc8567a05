"""The store on real SQLite files and a real PostgreSQL server: schema, saves, updates, atomicity."""
import threading

import pytest
from qt_fixtures import make_article, put, stand_in_response

from quotetrail.store import SCHEMA_VERSION, default_db_url, open_store

HARBOUR = [
    "The harbour master spoke to reporters at the quay on Tuesday.",
    "\u201cThe new breakwater will protect every fishing boat in the bay from winter storms,\u201d Maria Okafor said.",
    "Ferry captain Tom Berg said that the timetable would stay the same through the spring.",
]


def test_new_store_has_schema_and_is_empty(store):
    assert store.count() == {"articles": 0, "quotes": 0}
    with store.transaction() as cur:
        version = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert int(version) == SCHEMA_VERSION


def test_save_then_count_and_has_url(store):
    put(store, "https://news.test/harbour", HARBOUR)
    assert store.has_url("https://news.test/harbour")
    assert not store.has_url("https://news.test/other")
    assert store.count() == {"articles": 1, "quotes": 2}


def test_same_url_updates_and_never_duplicates(store):
    article = make_article("https://news.test/harbour", HARBOUR)
    assert store.save_analysis(article, stand_in_response(article)) == "added"
    changed = make_article("https://news.test/harbour", HARBOUR[:2], title="Corrected story")
    assert store.save_analysis(changed, stand_in_response(changed)) == "updated"
    assert store.count() == {"articles": 1, "quotes": 1}
    stored = store.get_article("https://news.test/harbour")
    assert stored["title"] == "Corrected story"
    assert stored["paragraphs"] == HARBOUR[:2]
    assert [q["speaker"] for q in stored["quotes"]] == ["Maria Okafor"]
    assert stored["quotes"][0]["fingerprints"] > 0


def test_article_without_url_is_keyed_by_content(store):
    from quotetrail.article import from_dict

    article = from_dict({"paragraphs": HARBOUR})
    assert store.save_analysis(article, stand_in_response(article)) == "added"
    assert store.save_analysis(article, stand_in_response(article)) == "updated"
    assert store.count()["articles"] == 1


def test_text_with_emoji_and_astral_characters_round_trips(store):
    paras = ["\u201cWe counted \U0001F41F\U0001F41F in the nets and the catch is up \U0001D7D1\U0001D7D0 percent,\u201d Ana Ruiz said."]
    put(store, "https://news.test/emoji", paras)
    assert store.get_article("https://news.test/emoji")["paragraphs"] == paras


def test_failed_save_rolls_back_the_whole_article(store):
    article = make_article("https://news.test/broken", HARBOUR)
    response = stand_in_response(article)
    response["speakers"][0]["name"] = None            # violates NOT NULL half-way through the save
    with pytest.raises(Exception):
        store.save_analysis(article, response)
    assert not store.has_url("https://news.test/broken")
    assert store.count() == {"articles": 0, "quotes": 0}


def test_reopening_keeps_data_and_schema(store_url):
    s = open_store(store_url)
    put(s, "https://news.test/harbour", HARBOUR)
    s.close()
    again = open_store(store_url)
    try:
        assert again.count() == {"articles": 1, "quotes": 2}
    finally:
        again.close()


def test_parallel_writers_all_land(store_url):
    """Threads with their own connections (SQLite: WAL and a busy timeout; PostgreSQL: a pool)."""
    s = open_store(store_url)
    errors = []

    def write(n):
        try:
            for k in range(5):
                put(s, f"https://news.test/{n}/{k}", [f"\u201cBoat number {n} and crate {k} reached the dock safely today,\u201d Lee Chan said."])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert s.count() == {"articles": 20, "quotes": 20}
    finally:
        s.close()


def test_sqlite_store_is_in_wal_mode(tmp_path):
    s = open_store(str(tmp_path / "wal.sqlite3"))
    try:
        with s.transaction() as cur:
            assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cur.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        s.close()


def test_default_url_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTETRAIL_DB", str(tmp_path / "x.sqlite3"))
    assert default_db_url() == str(tmp_path / "x.sqlite3")
    monkeypatch.delenv("QUOTETRAIL_DB")
    assert default_db_url().endswith("store.sqlite3")


def test_feed_claims_do_not_overlap(store):
    feeds = [f"https://feeds.test/{n}.xml" for n in range(6)]
    assert store.add_feeds(feeds) == 6
    assert store.add_feeds(feeds) == 0
    first = store.claim_feeds(now=1000.0, lease_seconds=600, limit=4)
    second = store.claim_feeds(now=1000.0, lease_seconds=600, limit=4)
    assert len(first) == 4 and len(second) == 2
    assert not {f["url"] for f in first} & {f["url"] for f in second}
    assert store.claim_feeds(now=1000.0, lease_seconds=600) == []
    store.feed_polled(feeds[0], next_poll=900.0, error="HTTP 500")
    state = store.feed_state(feeds[0])
    assert state["failures"] == 1 and state["last_error"] == "HTTP 500"
    store.feed_polled(feeds[0], next_poll=900.0, etag='"v2"')
    state = store.feed_state(feeds[0])
    assert state["failures"] == 0 and state["etag"] == '"v2"'


def test_postgres_claims_skip_rows_locked_by_another_worker(postgres_server):
    """Two watch processes: a feed row locked by one is skipped by the other, not waited for."""
    import psycopg

    from qt_fixtures import fresh_pg_database

    url = fresh_pg_database(postgres_server)
    s = open_store(url)
    try:
        s.add_feeds(["https://feeds.test/a.xml", "https://feeds.test/b.xml"])
        with psycopg.connect(url) as other:
            other.execute("SELECT url FROM feeds WHERE url = 'https://feeds.test/a.xml' FOR UPDATE")
            claimed = s.claim_feeds(now=10.0, lease_seconds=60)
        assert [f["url"] for f in claimed] == ["https://feeds.test/b.xml"]
    finally:
        s.close()


def test_save_many_is_one_transaction(store):
    from qt_fixtures import make_article

    good = make_article("https://news.test/one", HARBOUR)
    bad = make_article("https://news.test/two", HARBOUR)
    bad_response = stand_in_response(bad)
    bad_response["speakers"][0]["name"] = None
    with pytest.raises(Exception):
        store.save_many([(good, stand_in_response(good)), (bad, bad_response)])
    assert store.count()["articles"] == 0
    assert store.save_many([(good, stand_in_response(good))]) == {"added": 1, "updated": 0}
