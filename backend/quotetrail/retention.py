"""Retention: polled articles leave the store a set number of days after they were stored.

Only articles of origin "feed" (stored by the poller or `quotetrail watch`) are ever deleted;
whatever a person ingested or kept is not. An article goes with its paragraphs, speakers, quotes
and fingerprints (the schema's ON DELETE CASCADE), in chunks so that no transaction runs long.
"""
from __future__ import annotations

import time

DAY = 86_400
# Articles deleted per transaction: readers never wait long for the write lock.
PRUNE_CHUNK = 500


def cutoff(days: int, now: float | None = None) -> float:
    """The instant (seconds since 1970) before which a polled article is past `days` of retention."""
    return (time.time() if now is None else now) - days * DAY


def prune(store, days: int, *, now: float | None = None, dry_run: bool = False) -> int:
    """Delete (or, with `dry_run`, count) the polled articles stored more than `days` days ago.
    `days` of 0 keeps everything."""
    if days <= 0:
        return 0
    before = cutoff(days, now)
    if dry_run:
        with store.transaction() as cur:
            return int(cur.execute("SELECT COUNT(*) FROM articles WHERE origin = 'feed' AND first_stored < ?",
                                   (before,)).fetchone()[0])
    total = 0
    while True:
        with store.transaction(write=True) as cur:
            gone = cur.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM articles WHERE origin = 'feed'"
                " AND first_stored < ? ORDER BY first_stored LIMIT ?) RETURNING id",
                (before, PRUNE_CHUNK)).fetchall()
        total += len(gone)
        if len(gone) < PRUNE_CHUNK:
            return total
