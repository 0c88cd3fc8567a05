"""The command line: `quotetrail serve | analyze | ingest | watch | store`, thin faces of the same functions.

Exit status: 0 success, 1 some items failed (ingest), 2 bad input or usage, 3 the store failed.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from . import __version__, limits
from .errors import InputError

EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_STORE = 0, 1, 2, 3
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750


def _parser() -> argparse.ArgumentParser:
    db_help = "store: an SQLite path or a postgresql:// URL (default: $QUOTETRAIL_DB, else a per-user SQLite file)"
    p = argparse.ArgumentParser(
        prog="quotetrail",
        description="Who said what, loaded terms and cross-outlet coverage for news articles.",
        epilog="Exit status: 0 ok, 1 some items failed, 2 bad input or usage, 3 store error.")
    p.add_argument("--version", action="version", version=f"quotetrail {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log more (to stderr)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("serve", help="run the HTTP API with gunicorn",
                       description="Serve the HTTP API (POST /api/v1/analyze, GET /api/v1/health) with gunicorn.")
    s.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    s.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    s.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    s.add_argument("--keep-analyzed", action="store_true",
                   help="also store the articles readers analyze (off by default: privacy)")
    s.add_argument("--db", help=db_help)
    s.add_argument("--no-poll", action="store_true",
                   help="do not poll feeds in the background ($QUOTETRAIL_POLL=false does the same)")
    s.add_argument("--feeds", metavar="FILE",
                   help="feed list to poll, OPML or one URL a line (default: $QUOTETRAIL_FEEDS, else the "
                        "packaged world-news list)")
    s.add_argument("--poll-interval", type=int, metavar="SECONDS",
                   help="seconds between polls of one feed (default: $QUOTETRAIL_POLL_INTERVAL, else 900)")

    a = sub.add_parser("analyze", help="analyze one article and print the JSON response",
                       description="Analyze one JSON article (FILE, or - for standard input) and print "
                                   "exactly what POST /api/v1/analyze returns for it.")
    a.add_argument("file", metavar="FILE", help="a JSON article file, or - for standard input")
    a.add_argument("--db", help=db_help)
    a.add_argument("--no-coverage", action="store_true", help="skip the store: no coverage lookup")
    a.add_argument("--pretty", action="store_true", help="indent the JSON")

    i = sub.add_parser("ingest", help="add articles to the store",
                       description="Add articles to the store: JSON article files, JSON Lines files, folders of "
                                   "either, RSS/Atom feed files or URLs, article URLs, saved HTML pages. "
                                   "Re-ingesting a URL updates it.")
    i.add_argument("sources", nargs="+", metavar="PATH|URL")
    i.add_argument("--db", help=db_help)
    i.add_argument("--quiet", action="store_true", help="no progress bar")

    w = sub.add_parser("watch", help="poll a list of feeds and ingest new articles",
                       description="Poll feeds (a text file of URLs, one a line, or an OPML file) on a schedule, "
                                   "with conditional requests and per-feed back-off.")
    w.add_argument("feeds", metavar="FEEDLIST", help="text file of feed URLs or an OPML file")
    w.add_argument("--interval", type=int, default=900, help="seconds between rounds (default 900)")
    w.add_argument("--once", action="store_true", help="run one round and exit")
    w.add_argument("--db", help=db_help)

    st = sub.add_parser("store", help="what the store holds; prune old polled articles",
                        description="`status` prints what GET /api/v1/store answers; `prune` deletes polled "
                                    "articles stored more than the retention period ago (never articles "
                                    "ingested by hand).")
    st_sub = st.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    st_status = st_sub.add_parser("status", help="print the store's status as JSON")
    st_status.add_argument("--db", help=db_help)
    st_prune = st_sub.add_parser("prune", help="delete polled articles past retention")
    st_prune.add_argument("--days", type=int, help="retention in days (default: $QUOTETRAIL_RETENTION_DAYS, "
                                                   "else 90; 0 keeps everything)")
    st_prune.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    st_prune.add_argument("--db", help=db_help)

    lx = sub.add_parser("lexicon", help="check the user lexicon file",
                        description="Load the shipped and user lexicons and report problems in the user file.")
    lx.add_argument("--path", help="user lexicon file (default: $QUOTETRAIL_LEXICON or the per-user file)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"quotetrail {args.command}: {exc.code}: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(f"quotetrail {args.command}: interrupted", file=sys.stderr)
        return 130
    except StoreFailure as exc:
        print(f"quotetrail {args.command}: store error: {exc}", file=sys.stderr)
        return EXIT_STORE


class StoreFailure(Exception):
    pass


def _open_store(url):
    from .store import open_store
    try:
        return open_store(url)
    except InputError:
        raise
    except Exception as exc:  # a locked, unreadable or unreachable store: one line, exit 3
        raise StoreFailure(f"{type(exc).__name__}: {exc}") from exc


def _read_input(path: str) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(limits.MAX_BODY_BYTES + 1)
    else:
        try:
            size = os.path.getsize(path)
            if size > limits.MAX_BODY_BYTES:
                raise InputError("too_large", f"{path} is larger than {limits.MAX_BODY_BYTES} bytes")
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError("unreadable", f"cannot read {path}: {exc.strerror}") from None
    return data


def cmd_analyze(args) -> int:
    from .analysis import analyze
    from .article import from_dict, loads

    article = from_dict(loads(_read_input(args.file), "input"))
    store = None if args.no_coverage else _open_store(args.db)
    response = analyze(article, store=store)
    json.dump(response, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_ingest(args) -> int:
    from .analysis import analyze_many
    from .ingest import ingest

    store = _open_store(args.db)
    progress = None if args.quiet or not sys.stderr.isatty() else "bar"
    summary = ingest(args.sources, store, analyze_many, progress=progress)
    print(summary.report() if hasattr(summary, "report") else summary, file=sys.stderr)
    return EXIT_PARTIAL if summary.failed else EXIT_OK


def cmd_serve(args) -> int:
    from . import poll_settings
    from .poller import feeds_path, load_feed_list

    if args.db:
        os.environ["QUOTETRAIL_DB"] = args.db
    if args.keep_analyzed:
        os.environ["QUOTETRAIL_KEEP_ANALYZED"] = "true"
    # the workers and the master read these from the environment (app.config POLL, FEEDS_FILE, ...)
    if args.no_poll:
        os.environ["QUOTETRAIL_POLL"] = "false"
    if args.feeds:
        os.environ["QUOTETRAIL_FEEDS"] = os.path.abspath(args.feeds)
    if args.poll_interval is not None:
        os.environ["QUOTETRAIL_POLL_INTERVAL"] = str(args.poll_interval)
    settings = poll_settings.from_env()             # a bad value: one line and exit 2, before gunicorn
    if settings["POLL"]:
        load_feed_list(feeds_path(settings["FEEDS_FILE"]))
    gunicorn = [sys.executable, "-m", "gunicorn", "--bind", f"{args.host}:{args.port}",
                "--workers", str(args.workers), "--threads", str(args.threads),
                "--timeout", str(limits.REQUEST_SECONDS * 2), "--graceful-timeout", "10",
                "--preload", "--access-logfile", "-", "--config", "python:quotetrail.gunicorn_hooks",
                "quotetrail.wsgi:app"]
    os.execv(sys.executable, gunicorn)
    return EXIT_OK  # not reached


def cmd_watch(args) -> int:
    import pathlib

    from .analysis import analyze_many
    from .poller import load_feed_list
    from .watch import watch

    logging.getLogger("quotetrail").setLevel(logging.INFO)   # one line per polling round
    entries = load_feed_list(pathlib.Path(args.feeds))
    store = _open_store(args.db)
    return watch(entries, store, analyze_many, interval=args.interval, once=args.once)


def cmd_store(args) -> int:
    from . import poll_settings

    settings = poll_settings.from_env()
    store = _open_store(args.db)
    try:
        if args.store_command == "status":
            from .status import store_status

            json.dump(store_status(store, settings, fresh=True), sys.stdout, indent=2)
            sys.stdout.write("\n")
            return EXIT_OK
        from .retention import cutoff, prune

        days = settings["RETENTION_DAYS"] if args.days is None else args.days
        if days < 0:
            raise InputError("invalid_days", "--days must be 0 or more")
        if days == 0:
            print("retention is off (0 days): nothing pruned")
            return EXIT_OK
        n = prune(store, days, dry_run=args.dry_run)
        when = _iso_day(cutoff(days))
        verb = "would prune" if args.dry_run else "pruned"
        print(f"{verb} {n} polled article(s) stored before {when} ({days} days); articles ingested by hand are kept")
        return EXIT_OK
    finally:
        store.close()


def _iso_day(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def cmd_lexicon(args) -> int:
    from .loaded import check_user_lexicon, user_lexicon_path

    path = args.path or user_lexicon_path()
    problems = check_user_lexicon(path)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_INPUT if problems else EXIT_OK


COMMANDS = {"serve": cmd_serve, "analyze": cmd_analyze, "ingest": cmd_ingest, "watch": cmd_watch,
            "store": cmd_store, "lexicon": cmd_lexicon}

if __name__ == "__main__":
    sys.exit(main())
