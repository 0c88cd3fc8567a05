"""What the store holds and whether it is being filled: GET /api/v1/store and `quotetrail store status`.

The side panel turns this into one line ("1,240 articles from 8 outlets, newest 12 min ago", or
"the store holds 0 articles: polling is off"), so that an empty coverage list explains itself.
"""
from __future__ import annotations

import datetime as dt
import threading
import time

from . import settings

# One answer is reused this long per process: counting a large store is a table scan, and a
# reader opening many panels at once should not start one each.
CACHE_SECONDS = 2.0
# Feeds whose last poll failed count as failing when polled this recently.
FAILING_WINDOW_SECONDS = 86_400

_cache: dict[tuple, tuple[float, dict]] = {}
_cache_lock = threading.Lock()


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(float(ts), dt.timezone.utc).isoformat(timespec="seconds")


def store_status(store, config=None, *, now: float | None = None, fresh: bool = False) -> dict:
    """{"articles", "outlets", "quotes", "newest", "oldest", "polling": {"enabled", "feeds",
    "last_polled", ...}, ...}; `config` gives RETENTION_DAYS (an app.config, or the environment's)."""
    key = (id(store), getattr(store, "url", None))
    if not fresh:
        with _cache_lock:
            hit = _cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
    conf = settings.normalise(config, settings.POLL_SETTINGS) if config is not None else settings.subset(settings.POLL_SETTINGS)
    answer = _status(store, conf, time.time() if now is None else now)
    with _cache_lock:
        _cache[key] = (time.monotonic(), answer)
    return answer


def _status(store, conf: dict, now: float) -> dict:
    from .poller import alive

    with store.transaction() as cur:
        articles, outlets, newest, oldest = cur.execute(
            "SELECT COUNT(*), COUNT(DISTINCT outlet), MAX(COALESCE(published_ts, first_stored)),"
            " MIN(COALESCE(published_ts, first_stored)) FROM articles").fetchone()
        quotes = cur.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        polled = cur.execute("SELECT COUNT(*) FROM articles WHERE origin = 'feed'").fetchone()[0]
        last_polled, failing = cur.execute(
            "SELECT MAX(last_polled), COALESCE(SUM(CASE WHEN failures > 0 AND last_polled > ? THEN 1 ELSE 0 END), 0)"
            " FROM feeds", (now - FAILING_WINDOW_SECONDS,)).fetchone()
    pollers = alive(store, now)
    return {
        "articles": int(articles),
        "outlets": int(outlets),
        "quotes": int(quotes),
        "newest": iso(newest),             # by publication date, else when the article was stored
        "oldest": iso(oldest),
        "polled_articles": int(polled),    # the rest were ingested or kept by hand: never pruned
        "retention_days": conf["RETENTION_DAYS"],
        "polling": {
            "enabled": bool(pollers),      # a poller's heartbeat is fresh
            "feeds": sum(int(p.get("feeds") or 0) for p in pollers),
            "last_polled": iso(last_polled),
            "interval_seconds": min((int(p["interval"]) for p in pollers if p.get("interval")), default=None),
            "failing_feeds": int(failing),
        },
    }
