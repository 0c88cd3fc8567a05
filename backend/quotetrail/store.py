"""Persistence: articles, paragraphs, speakers, quotes and quote fingerprints in SQLite or PostgreSQL.

One schema serves both engines. SQLite (the default, one file per user) runs in WAL mode with a
busy timeout so that gunicorn workers and an ingest process can share it; PostgreSQL is for
several machines. The schema is created or migrated when a store is opened.

The store only keeps what the layers computed: the fingerprints and occasion features of a quote
come from `coverage.index_article` (with the stored quotes each new quote matches, which give it
its statement: quotes that carry one statement share a statement_id); candidates.py ranks the
stored quotes a lookup should score, and `quote_rows` hands them back to `coverage` whole.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import pathlib
import threading
import time
from typing import Iterable, Iterator

from . import feed_rows
from .schema import DIALECT, MIGRATIONS, SCHEMA_VERSION, TABLES, Cursor

log = logging.getLogger(__name__)

# SQLite waits this long for a lock held by another process before giving up.
SQLITE_BUSY_MS = 15_000
# PostgreSQL connections kept per Store (API threads, watch workers).
PG_POOL_MAX = 8
# Quote ids read or updated per SQL statement.
LOOKUP_CHUNK = 200
# Where an article came from: polled from a feed (retention prunes these), or anything a person
# asked for (ingest, POST /api/v1/ingest, a kept analysis), which is never pruned.
ORIGINS = ("feed", "manual")

def default_db_url() -> str:
    """$QUOTETRAIL_DB, else store.sqlite3 in the user's data folder."""
    env = os.environ.get("QUOTETRAIL_DB")
    if env:
        return env
    import platformdirs

    return str(pathlib.Path(platformdirs.user_data_dir("quotetrail")) / "store.sqlite3")


def open_store(url: str | None = None) -> "Store":
    """Open (creating or migrating the schema) the store at an SQLite path or a postgresql:// URL."""
    return Store(url or default_db_url())


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def article_key(article) -> str:
    """The unique key of an article in the store: its URL, or its content hash when it has none."""
    return article.url or f"urn:sha256:{article.content_hash()}"


class Store:
    """A handle on one store; thread-safe (one SQLite connection per thread, a PostgreSQL pool)."""

    def __init__(self, url: str):
        self.url = url
        self.dialect = "postgresql" if is_postgres_url(url) else "sqlite"
        self._local = threading.local()
        self._sqlite_conns: list = []
        self._conns_lock = threading.Lock()
        self._pool = None
        if self.dialect == "postgresql":
            from psycopg_pool import ConnectionPool

            # check=: a connection that died with a server restart is replaced, not handed out
            self._pool = ConnectionPool(url, min_size=1, max_size=PG_POOL_MAX, open=True,
                                        kwargs={"autocommit": False}, check=ConnectionPool.check_connection)
        else:
            path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
            if path != ":memory:":
                pathlib.Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._path = str(pathlib.Path(path).expanduser()) if path != ":memory:" else path
        self._migrate()

    # ---- connections and transactions -------------------------------------------------------

    def _sqlite(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            import sqlite3

            conn = sqlite3.connect(self._path, timeout=SQLITE_BUSY_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")   # durable across a killed process in WAL mode
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._conns_lock:
                self._sqlite_conns.append(conn)
        return conn

    @contextlib.contextmanager
    def transaction(self, write: bool = False) -> Iterator["Cursor"]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        if self.dialect == "sqlite":
            conn = self._sqlite()
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Cursor(conn.cursor(), "?")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        else:
            with self._pool.connection() as conn:
                with conn.transaction():
                    yield Cursor(conn.cursor(), "%s")

    def _schema_current(self) -> bool:
        """A read-only look at the schema version: a store already migrated takes no write lock."""
        try:
            with self.transaction() as cur:
                row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except Exception:  # no meta table yet (a fresh store): the full migration creates it
            return False
        return row is not None and int(row[0]) == SCHEMA_VERSION

    def _migrate(self) -> None:
        if self._schema_current():
            return
        tokens = DIALECT[self.dialect]
        with self.transaction(write=True) as cur:
            if self.dialect == "postgresql":
                # several processes may open a fresh database at once: one creates, the others wait
                cur.execute("SELECT pg_advisory_xact_lock(?)", (0x5154_5354,))
            for statement in TABLES:
                cur.execute(statement.format(**tokens))
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"the store at {self.url} has schema {version}, newer than this "
                                   f"program's {SCHEMA_VERSION}; upgrade quotetrail")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS.get(target, []):
                    cur.execute(statement)
            if version != SCHEMA_VERSION:
                cur.execute("DELETE FROM meta WHERE key = 'schema_version'")
                cur.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        with self._conns_lock:
            for conn in self._sqlite_conns:
                conn.close()
            self._sqlite_conns.clear()
        self._local = threading.local()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- articles ---------------------------------------------------------------------------

    def save_analysis(self, article, response: dict, origin: str = "manual") -> str:
        """Store an analysed article with its quotes, speakers and fingerprints in one transaction.

        Returns "added", or "updated" when the store already held the URL (its old quotes go).
        `origin` is "feed" for polled articles (retention may prune them) or "manual".
        """
        from .coverage import index_article

        # outside the write lock: embedding and matching against the store are CPU work and reads
        index = index_article(article, response, store=self)
        with self.transaction(write=True) as cur:
            return self._save(cur, article, response, index, origin)

    def save_many(self, pairs, origin: str = "manual") -> dict:
        """Store many (article, response) pairs in one transaction (bulk loads, benchmarks); their
        quotes are not matched against the store, so each starts a statement of its own."""
        from .coverage import index_article

        counts = {"added": 0, "updated": 0}
        indexed = [(article, response, index_article(article, response)) for article, response in pairs]
        with self.transaction(write=True) as cur:
            for article, response, index in indexed:
                counts[self._save(cur, article, response, index, origin)] += 1
        return counts

    def _save(self, cur, article, response: dict, index: dict, origin: str = "manual") -> str:
        from .speaker_match import surname_of

        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {origin!r}")
        key = article_key(article)
        now = time.time()
        published = article.published
        # an article anyone asked for stays "manual" when a feed carries it again; a polled one
        # becomes "manual" when a person ingests it
        row = cur.execute(
            "INSERT INTO articles (url, content_hash, title, outlet, published, published_ts, venues,"
            " first_stored, updated, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash,"
            " title = excluded.title, outlet = excluded.outlet, published = excluded.published,"
            " published_ts = excluded.published_ts, venues = excluded.venues, updated = excluded.updated,"
            " origin = CASE WHEN articles.origin = 'feed' THEN excluded.origin ELSE articles.origin END"
            " RETURNING id, first_stored",
            (key, article.content_hash(), article.title, article.outlet,
             published.isoformat() if published else None,
             published.timestamp() if published else None,
             json.dumps(index["venues"]), now, now, origin)).fetchone()
        article_id, first_stored = row
        status = "added" if first_stored == now else "updated"
        if status == "updated":
            cur.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            cur.execute("DELETE FROM speakers WHERE article_id = ?", (article_id,))
            cur.execute("DELETE FROM paragraphs WHERE article_id = ?", (article_id,))
        cur.executemany("INSERT INTO paragraphs (article_id, idx, text) VALUES (?, ?, ?)",
                        [(article_id, i, p) for i, p in enumerate(article.paragraphs)])
        speaker_ids = {}
        for sp in response.get("speakers") or []:
            speaker_ids[sp["id"]] = cur.execute(
                "INSERT INTO speakers (article_id, local_id, name, kind, surname) VALUES (?, ?, ?, ?, ?)"
                " RETURNING id", (article_id, sp["id"], sp["name"], sp.get("kind"),
                                  surname_of(sp["name"]))).fetchone()[0]
        fingerprint_rows, vector_rows = [], []
        for q in index["quotes"]:
            quote_id = cur.execute(
                "INSERT INTO quotes (article_id, local_id, text, kind, speaker_id, speaker_name, surname,"
                " paragraph, event_lo, event_hi, venues, translated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (article_id, q["local_id"], q["text"], q["kind"], speaker_ids.get(q["speaker_local_id"]),
                 q["speaker_name"], q["surname"], q["paragraph"], q["event_lo"], q["event_hi"],
                 json.dumps(q["venues"]), int(bool(q.get("translated"))))).fetchone()[0]
            self._join_statement(cur, quote_id, q.get("matches") or [])
            fingerprint_rows.extend((h, quote_id) for h in q["fingerprints"])
            if q.get("vectors"):
                vector_rows.append((quote_id, q["vectors"]))
        cur.executemany("INSERT INTO quote_vectors (quote_id, vectors) VALUES (?, ?)", vector_rows)
        if fingerprint_rows:
            cur.executemany("INSERT INTO fingerprints (hash, quote_id) VALUES (?, ?)"
                            " ON CONFLICT DO NOTHING", fingerprint_rows)
        return status

    @staticmethod
    def _join_statement(cur, quote_id: int, matches: list[tuple[int, int | None]]) -> None:
        """Give a new quote its statement: the oldest statement of the stored quotes it matches, merging
        the others into it (A ~ B and B ~ C: one statement), or a statement of its own."""
        ids = {sid for _, sid in matches if sid is not None}
        if ids:
            # the matched quotes may have gone (an article updated meanwhile): keep the ids that still exist
            marks = ", ".join("?" for _ in ids)
            ids = {int(r[0]) for r in cur.execute(
                f"SELECT DISTINCT statement_id FROM quotes WHERE statement_id IN ({marks})", sorted(ids)).fetchall()}
        keep = min(ids) if ids else quote_id
        if len(ids) > 1:
            others = sorted(ids - {keep})
            marks = ", ".join("?" for _ in others)
            cur.execute(f"UPDATE quotes SET statement_id = ? WHERE statement_id IN ({marks})", [keep, *others])
        loose = [qid for qid, sid in matches if sid is None]
        for start in range(0, len(loose), LOOKUP_CHUNK):
            chunk = loose[start:start + LOOKUP_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            cur.execute(f"UPDATE quotes SET statement_id = ? WHERE id IN ({marks}) AND statement_id IS NULL",
                        [keep, *chunk])
        cur.execute("UPDATE quotes SET statement_id = ? WHERE id = ?", (keep, quote_id))

    def statement_ids(self, article) -> dict[str, int]:
        """{local quote id: statement id} of the stored copy of this very article (same key, same content)."""
        with self.transaction() as cur:
            rows = cur.execute("SELECT q.local_id, q.statement_id FROM quotes q JOIN articles a ON a.id = q.article_id"
                               " WHERE a.url = ? AND a.content_hash = ? AND q.statement_id IS NOT NULL",
                               (article_key(article), article.content_hash())).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def statement_quotes(self, statement_id: int, limit: int) -> list[dict]:
        """The stored quotes of one statement with their articles, earliest first (published, then stored)."""
        with self.transaction() as cur:
            rows = cur.execute(
                "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.statement_id = ?"
                " ORDER BY CASE WHEN a.published_ts IS NULL THEN 1 ELSE 0 END, a.published_ts, a.first_stored, q.id"
                " LIMIT ?", (statement_id, limit)).fetchall()
        order = [int(r[0]) for r in rows]
        by_id = {r["quote_id"]: r for r in self.quote_rows(order)}
        return [by_id[i] for i in order if i in by_id]

    def has_url(self, url: str) -> bool:
        with self.transaction() as cur:
            return cur.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None

    def content_hash(self, url: str) -> str | None:
        """The stored content hash of the article at `url`, or None when the store lacks it."""
        with self.transaction() as cur:
            row = cur.execute("SELECT content_hash FROM articles WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def stored_at(self, url: str) -> float | None:
        """When the article at `url` was last stored (seconds since 1970), or None."""
        with self.transaction() as cur:
            row = cur.execute("SELECT updated FROM articles WHERE url = ?", (url,)).fetchone()
        return float(row[0]) if row else None

    def count(self) -> dict:
        with self.transaction() as cur:
            articles = cur.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            quotes = cur.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        return {"articles": int(articles), "quotes": int(quotes)}

    def get_article(self, url: str) -> dict | None:
        """The stored article at `url` with its paragraphs, speakers and quotes (for inspection)."""
        with self.transaction() as cur:
            row = cur.execute("SELECT id, url, content_hash, title, outlet, published, first_stored, updated"
                              " FROM articles WHERE url = ?", (url,)).fetchone()
            if row is None:
                return None
            aid = row[0]
            paragraphs = [r[0] for r in cur.execute(
                "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY idx", (aid,)).fetchall()]
            speakers = [{"id": r[0], "name": r[1], "kind": r[2]} for r in cur.execute(
                "SELECT local_id, name, kind FROM speakers WHERE article_id = ? ORDER BY id", (aid,)).fetchall()]
            quotes = [{"id": r[0], "text": r[1], "kind": r[2], "speaker": r[3], "fingerprints": int(r[4])}
                      for r in cur.execute(
                          "SELECT q.local_id, q.text, q.kind, q.speaker_name,"
                          " (SELECT COUNT(*) FROM fingerprints f WHERE f.quote_id = q.id)"
                          " FROM quotes q WHERE q.article_id = ? ORDER BY q.id", (aid,)).fetchall()]
        return {"url": row[1], "content_hash": row[2], "title": row[3], "outlet": row[4], "published": row[5],
                "first_stored": row[6], "updated": row[7], "paragraphs": paragraphs, "speakers": speakers,
                "quotes": quotes}

    def delete_article(self, url: str) -> bool:
        with self.transaction(write=True) as cur:
            row = cur.execute("DELETE FROM articles WHERE url = ? RETURNING id", (url,)).fetchone()
        return row is not None

    def origin_of(self, url: str) -> str | None:
        with self.transaction() as cur:
            row = cur.execute("SELECT origin FROM articles WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    # ---- stored quotes for coverage (candidates.py chooses which) ------------------------------

    def quote_rows(self, quote_ids: Iterable[int]) -> list[dict]:
        """The quotes with these ids, each with its article's metadata."""
        ids = sorted(set(quote_ids))
        rows = []
        with self.transaction() as cur:
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start:start + LOOKUP_CHUNK]
                marks = ", ".join("?" for _ in chunk)
                for r in cur.execute(
                        "SELECT q.id, q.text, q.kind, q.speaker_name, q.surname, q.event_lo, q.event_hi, q.venues,"
                        " a.url, a.outlet, a.title, a.published, a.published_ts, a.first_stored, a.content_hash,"
                        " q.statement_id, q.translated, v.vectors"
                        " FROM quotes q JOIN articles a ON a.id = q.article_id"
                        f" LEFT JOIN quote_vectors v ON v.quote_id = q.id WHERE q.id IN ({marks})",
                        chunk).fetchall():
                    rows.append({
                        "quote_id": int(r[0]), "text": r[1], "kind": r[2], "speaker_name": r[3], "surname": r[4],
                        "event_lo": r[5], "event_hi": r[6], "venues": json.loads(r[7] or "[]"),
                        "url": r[8], "outlet": r[9], "title": r[10], "published": r[11],
                        "published_ts": r[12], "first_stored": r[13], "content_hash": r[14],
                        "statement_id": int(r[15]) if r[15] is not None else None, "translated": bool(r[16]),
                        "vectors": bytes(r[17]) if r[17] is not None else None})
        return rows

    # ---- feeds (quotetrail watch): the SQL is in feed_rows.py -----------------------------------

    def add_feeds(self, feeds: Iterable) -> int:
        return feed_rows.add(self, feeds)

    def claim_feeds(self, now: float, lease_seconds: float, limit: int = 20,
                    urls: Iterable[str] | None = None) -> list[dict]:
        return feed_rows.claim(self, now, lease_seconds, limit, urls)

    def forget_feeds(self, keep: Iterable[str]) -> int:
        return feed_rows.forget(self, keep)

    def feed_polled(self, url: str, **outcome) -> None:
        feed_rows.polled(self, url, **outcome)

    def feed_state(self, url: str) -> dict | None:
        return feed_rows.state(self, url)
