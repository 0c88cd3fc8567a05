"""The store's background poller: what keeps "who else reported it" filled while `serve` runs.

`quotetrail serve` starts exactly one poller process, from the gunicorn master (gunicorn_hooks.py),
never from a worker. It polls a feed list with what `quotetrail watch` does (conditional requests,
per-feed back-off, the fetch bounds of fetch.py), stores what it finds as polled articles, prunes
those past retention once an hour, and writes a heartbeat into the store so that
GET /api/v1/store can say whether polling is on. It runs at a lower CPU priority than the workers
and in its own process, so a long round of analysis never holds up an answer. A feed request
carries the feed's URL and QuoteTrail's user agent, nothing about the reader.

Run by hand (what the master does): `python -m quotetrail.poller` with the QUOTETRAIL_* settings
of settings.py (POLL_SETTINGS) and QUOTETRAIL_DB in the environment.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time

from . import settings
from .errors import InputError

log = logging.getLogger(__name__)

DEFAULT_FEEDS = pathlib.Path(__file__).resolve().parent / "data" / "feeds.opml"
# A live poller writes its heartbeat this often; one silent for ALIVE_SECONDS is gone.
BEAT_SECONDS = 30
ALIVE_SECONDS = 120
# Polled articles past retention are pruned at most this often.
PRUNE_SECONDS = 3600
# The poller yields the CPU to the workers that answer readers.
NICENESS = 10
# How long the master waits for the poller to stop before killing it (every article is committed
# on its own, so a kill loses nothing stored).
STOP_SECONDS = 5


def feeds_path(setting: str | None) -> pathlib.Path:
    return pathlib.Path(setting).expanduser() if setting else DEFAULT_FEEDS


def load_feed_list(path: pathlib.Path) -> list[tuple[str, str | None]]:
    """(url, outlet) pairs of a feed list file; InputError when it is unreadable, malformed or empty."""
    from .watch import read_feeds_file

    return read_feeds_file(path)


# ---- heartbeats (in the store's meta table: the status endpoint reads them from any process) ----

def beat(store, name: str, info: dict) -> None:
    value = json.dumps({**info, "beat": time.time()})
    with store.transaction(write=True) as cur:
        cur.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                    " SET value = excluded.value", (f"poller:{name}", value))


def gone(store, name: str) -> None:
    with store.transaction(write=True) as cur:
        cur.execute("DELETE FROM meta WHERE key = ?", (f"poller:{name}",))


def alive(store, now: float | None = None) -> list[dict]:
    """The pollers whose heartbeat is fresh, each {"name", "feeds", "interval", "beat", ...}."""
    since = (time.time() if now is None else now) - ALIVE_SECONDS
    with store.transaction() as cur:
        rows = cur.execute("SELECT key, value FROM meta WHERE key LIKE ?", ("poller:%",)).fetchall()
    out = []
    for key, value in rows:
        try:
            info = json.loads(value)
        except ValueError:
            continue
        if isinstance(info, dict) and float(info.get("beat") or 0) > since:
            out.append({**info, "name": key[len("poller:"):]})
    return out


# ---- the loop ----------------------------------------------------------------------------------

def run(store, entries, *, interval: int, retention_days: int, stop: threading.Event,
        analyze_many=None) -> None:
    """Poll `entries` ((url, outlet) pairs) until `stop` is set, beating and pruning as it goes."""
    from .retention import prune
    from .watch import watch

    if analyze_many is None:
        from .analysis import analyze_many
    name = f"{socket.gethostname()}:{os.getpid()}"
    info = {"feeds": len(entries), "interval": interval, "pid": os.getpid()}
    beat(store, name, info)
    quit_beating = threading.Event()

    def keep_beating():
        while not quit_beating.wait(BEAT_SECONDS):
            try:
                beat(store, name, info)
            except Exception as exc:  # a busy or restarting store: the next beat tries again
                log.warning("poller heartbeat failed: %s: %s", type(exc).__name__, exc)

    next_prune = [0.0]

    def after_round(counts):
        if not retention_days or time.monotonic() < next_prune[0]:
            return
        next_prune[0] = time.monotonic() + PRUNE_SECONDS
        try:
            pruned = prune(store, retention_days)
        except Exception as exc:  # the next hour tries again
            log.warning("pruning failed: %s: %s", type(exc).__name__, exc)
            return
        if pruned:
            log.info("pruned %d polled articles stored more than %d days ago", pruned, retention_days)

    beater = threading.Thread(target=keep_beating, name="quotetrail-heartbeat", daemon=True)
    beater.start()
    try:
        watch(entries, store, analyze_many, interval=interval, stop=stop, after_round=after_round)
    finally:
        quit_beating.set()
        try:
            gone(store, name)
        except Exception:  # the store went away first: the heartbeat goes stale on its own
            pass


# ---- the process, started and stopped by the gunicorn master -------------------------------------

def spawn(config, logger=log) -> subprocess.Popen | None:
    """Start the poller process for an app.config (DB and the poll settings); None when POLL is
    off or the feed list is unusable (told to `logger`: serving goes on without polling)."""
    from .store import default_db_url

    conf = settings.normalise(config, settings.POLL_SETTINGS)
    if not conf["POLL"]:
        logger.info("polling is off (POLL=false): the store fills only from ingest and watch")
        return None
    path = feeds_path(conf["FEEDS"])
    try:
        entries = load_feed_list(path)
    except InputError as exc:
        logger.error("not polling: %s", exc.message)
        return None
    env = {**os.environ, "QUOTETRAIL_DB": config.get("DB") or default_db_url(), "QUOTETRAIL_POLL": "true",
           "QUOTETRAIL_FEEDS": str(path), "QUOTETRAIL_POLL_INTERVAL": str(conf["POLL_INTERVAL"]),
           "QUOTETRAIL_RETENTION_DAYS": str(conf["RETENTION_DAYS"])}
    # the store URL travels in the environment, never on a command line other users can read
    proc = subprocess.Popen([sys.executable, "-m", "quotetrail.poller", "--parent", str(os.getpid())],
                            env=env, stdin=subprocess.DEVNULL)
    logger.info("poller started (pid %d): %d feeds from %s every %d s", proc.pid, len(entries), path,
                conf["POLL_INTERVAL"])
    return proc


def terminate(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_SECONDS)


def _follow_parent(parent: int, stop: threading.Event) -> None:
    """End with the process that started us, even when it was killed without a word."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch_parent():
        while not stop.wait(2):
            if os.getppid() != parent:
                log.info("the server is gone: the poller stops")
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch_parent, name="quotetrail-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m quotetrail.poller", description=__doc__.split("\n")[0])
    p.add_argument("--parent", type=int, help="stop when this process ends (the gunicorn master)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s quotetrail poller: %(message)s")
    logging.getLogger("quotetrail").setLevel(logging.INFO)
    stop = threading.Event()

    def on_signal(signum, frame):
        # unwind whatever runs (a fetch, a parse, an open transaction rolls back): each stored
        # article was committed on its own, so nothing done is lost
        stop.set()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.parent:
        if os.getppid() != args.parent:
            return 0
        _follow_parent(args.parent, stop)
    try:
        os.nice(NICENESS)
    except OSError:
        pass
    try:
        conf = settings.subset(settings.POLL_SETTINGS)
        entries = load_feed_list(feeds_path(conf["FEEDS"]))
        from .store import open_store

        store = open_store(None)
    except (InputError, settings.SettingError) as exc:
        log.error("%s", getattr(exc, "message", exc))
        return 2
    try:
        run(store, entries, interval=conf["POLL_INTERVAL"], retention_days=conf["RETENTION_DAYS"],
            stop=stop)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
