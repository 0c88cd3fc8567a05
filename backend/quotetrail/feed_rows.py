"""The feeds table: which feeds `serve` and `watch` poll, their validators and failures.

Plain functions over a `Store` (its transaction and dialect), kept apart from the article tables.
"""
from __future__ import annotations

import time
from typing import Iterable


def add(store, feeds: Iterable) -> int:
    """Register feeds to poll: URLs, or (url, outlet name or None) pairs. Known feeds keep their
    polling state (a given outlet name replaces theirs); returns how many are new."""
    new = 0
    with store.transaction(write=True) as cur:
        for feed in feeds:
            url, outlet = (feed, None) if isinstance(feed, str) else feed
            row = cur.execute("INSERT INTO feeds (url, outlet) VALUES (?, ?) ON CONFLICT (url) DO NOTHING"
                              " RETURNING url", (url, outlet)).fetchone()
            new += row is not None
            if row is None and outlet:
                cur.execute("UPDATE feeds SET outlet = ? WHERE url = ?", (outlet, url))
    return new


def claim(store, now: float, lease_seconds: float, limit: int = 20,
          urls: Iterable[str] | None = None) -> list[dict]:
    """Take up to `limit` feeds due for polling (only those of `urls` when given) and push their
    next poll `lease_seconds` ahead, so that other pollers skip them (PostgreSQL: FOR UPDATE
    SKIP LOCKED)."""
    lock = " FOR UPDATE SKIP LOCKED" if store.dialect == "postgresql" else ""
    wanted = sorted(set(urls)) if urls is not None else None
    if wanted is not None and not wanted:
        return []
    only = f" AND url IN ({', '.join('?' for _ in wanted)})" if wanted else ""
    with store.transaction(write=True) as cur:
        rows = cur.execute("SELECT url, etag, last_modified, failures, outlet FROM feeds WHERE next_poll <= ?"
                           f"{only} ORDER BY next_poll, url LIMIT ?{lock}",
                           (now, *(wanted or ()), limit)).fetchall()
        cur.executemany("UPDATE feeds SET next_poll = ? WHERE url = ?",
                        [(now + lease_seconds, r[0]) for r in rows])
    return [{"url": r[0], "etag": r[1], "last_modified": r[2], "failures": int(r[3]), "outlet": r[4]}
            for r in rows]


def forget(store, keep: Iterable[str]) -> int:
    """Drop every registered feed not in `keep`; returns how many went."""
    keep = set(keep)
    with store.transaction(write=True) as cur:
        gone = [r[0] for r in cur.execute("SELECT url FROM feeds").fetchall() if r[0] not in keep]
        cur.executemany("DELETE FROM feeds WHERE url = ?", [(u,) for u in gone])
    return len(gone)


def polled(store, url: str, *, next_poll: float, etag: str | None = None,
           last_modified: str | None = None, error: str | None = None) -> None:
    """Record the outcome of one poll: validators on success, a failure count on error."""
    with store.transaction(write=True) as cur:
        if error is None:
            cur.execute("UPDATE feeds SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                        " next_poll = ?, failures = 0, last_error = NULL, last_polled = ? WHERE url = ?",
                        (etag, last_modified, next_poll, time.time(), url))
        else:
            cur.execute("UPDATE feeds SET next_poll = ?, failures = failures + 1, last_error = ?,"
                        " last_polled = ? WHERE url = ?", (next_poll, error[:500], time.time(), url))


def state(store, url: str) -> dict | None:
    with store.transaction() as cur:
        r = cur.execute("SELECT url, etag, last_modified, next_poll, failures, last_error, outlet, last_polled"
                        " FROM feeds WHERE url = ?", (url,)).fetchone()
    if r is None:
        return None
    return {"url": r[0], "etag": r[1], "last_modified": r[2], "next_poll": r[3], "failures": int(r[4]),
            "last_error": r[5], "outlet": r[6], "last_polled": r[7]}
