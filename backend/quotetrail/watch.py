"""Keeping the corpus fresh: poll a list of feeds on a schedule and ingest their new articles.

Each round claims the feeds that are due (any number of watch processes can share one PostgreSQL
store: a claimed feed is pushed ahead under a row lock, FOR UPDATE SKIP LOCKED), asks each with a
conditional request (ETag / Last-Modified), ingests entries the store does not hold, and backs off
a failing feed exponentially. One log line per round.
"""
from __future__ import annotations

import logging
import pathlib
import threading
import time

from .errors import InputError
from .feeds import parse_feed, read_feed_entries
from .fetch import FetchError, fetch
from .ingest import Summary, _from_entry, _run_batch, pending

log = logging.getLogger(__name__)

# A claimed feed is left to its poller this long before another process may take it.
LEASE_SECONDS = 600
# Back-off after failures: interval * 2**failures, capped.
MAX_BACKOFF_SECONDS = 24 * 3600
# Feeds claimed per round and process.
FEEDS_PER_ROUND = 50


def backoff(interval: float, failures: int) -> float:
    """Seconds to wait before polling a feed again after `failures` failures in a row."""
    return min(interval * (2 ** max(failures, 0)), MAX_BACKOFF_SECONDS)


def poll_round(store, analyze_many, *, interval: float, now: float | None = None,
               urls: list[str] | None = None) -> dict:
    """Poll every due feed once (only those of `urls` when given); returns the round's counts.
    Articles are stored as polled ("feed" origin), under the outlet name the feed list gives."""
    now = time.time() if now is None else now
    counts = {"feeds": 0, "not_modified": 0, "feed_errors": 0}
    summary = Summary()

    for feed in store.claim_feeds(now, LEASE_SECONDS, FEEDS_PER_ROUND, urls=urls):
        counts["feeds"] += 1
        url = feed["url"]
        try:
            resp = fetch(url, etag=feed["etag"], last_modified=feed["last_modified"])
            if resp.status == 304:
                counts["not_modified"] += 1
                store.feed_polled(url, next_poll=now + interval)
                continue
            entries = parse_feed(resp.body)
        except (FetchError, ValueError) as exc:
            counts["feed_errors"] += 1
            wait = backoff(interval, feed["failures"] + 1)
            log.warning("feed %s failed (%s); next try in %d s", url, exc, wait)
            store.feed_polled(url, next_poll=now + wait, error=str(exc))
            continue
        batch = []
        for entry in entries:
            for label, item in _from_entry(url, entry, store):
                if pending(label, item, store, summary.count, feed.get("outlet")):
                    batch.append((label, item))
        if batch:
            _run_batch(batch, store, analyze_many, summary.count, origin="feed")
        store.feed_polled(url, next_poll=now + interval, etag=resp.headers.get("etag"),
                          last_modified=resp.headers.get("last-modified"))
    counts.update(added=summary.added, updated=summary.updated, unchanged=summary.unchanged,
                  failed=len(summary.failed))
    for label, reason in summary.failed:
        log.info("article %s failed: %s", label, reason)
    return counts


def read_feeds_file(path) -> list[tuple[str, str | None]]:
    """(url, outlet) pairs of a list file; InputError (one line) when it is missing or malformed."""
    try:
        text = pathlib.Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("unreadable", f"cannot read the feed list {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return read_feed_entries(text)
    except ValueError as exc:
        raise InputError("invalid_feed_list", f"{path}: {exc}") from None


def watch(feeds, store, analyze_many, *, interval: float = 900, once: bool = False,
          stop: threading.Event | None = None, forget_others: bool = False, after_round=None) -> int:
    """Register the feeds of a list file (or a list of URLs or (url, outlet) pairs) and poll them,
    and only them, until stopped (or once). Feeds that earlier lists registered stay idle, or go
    with `forget_others`. A round that fails (the store unreachable for a while) is logged and the
    next one comes as planned; with `once` it raises. `after_round(counts)` runs after each round
    (the serve poller prunes there)."""
    if interval <= 0:
        raise InputError("invalid_interval", f"the interval must be a positive number of seconds, not {interval}")
    if isinstance(feeds, (str, pathlib.Path)):
        entries = read_feeds_file(feeds)
    else:
        entries = [(f, None) if isinstance(f, str) else tuple(f) for f in feeds]
    urls = [url for url, _ in entries]
    added = store.add_feeds(entries)
    if forget_others:
        log.info("forgot %d feeds that are not in this list", store.forget_feeds(urls))
    log.info("watching %d feeds (%d new) every %d s; feeds registered by other lists are not polled "
             "(--forget-others drops them)", len(urls), added, interval)
    stop = stop or threading.Event()
    n = 0
    while not stop.is_set():
        n += 1
        started = time.monotonic()
        try:
            c = poll_round(store, analyze_many, interval=interval, urls=urls)
        except Exception as exc:
            if once:
                raise
            log.error("round %d failed: %s: %s; trying again later", n, type(exc).__name__, exc)
            stop.wait(min(interval, 60))
            continue
        log.info("round %d: %d feeds polled (%d not modified, %d failed); articles added %d, updated %d, "
                 "unchanged %d, failed %d; %.1f s", n, c["feeds"], c["not_modified"], c["feed_errors"],
                 c["added"], c["updated"], c["unchanged"], c["failed"], time.monotonic() - started)
        if after_round is not None:
            after_round(c)
        if once:
            break
        # wake up often enough to serve the feed that falls due first
        stop.wait(min(interval, 60))
    return 0
