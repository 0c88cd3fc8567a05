"""`python -m bench`: run every benchmark, print one table; `--write-docs` also rewrites
docs/benchmarks.md. A benchmark that fails gets a line saying so and the others still run."""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import pathlib
import re
import sys
import tempfile
import time
import traceback

from .common import ROOT, Result
from .report import machine, table, write_docs

BENCHES = ("startup", "analyze", "loaded", "ingest", "coverage", "memory", "load")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description="Run QuoteTrail's benchmarks.")
    p.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHES)}")
    p.add_argument("--quick", action="store_true", help="smaller, shorter runs (for development)")
    p.add_argument("--articles", type=int, help="corpus articles for the ingest benchmark (default 150)")
    p.add_argument("--repeat", type=int, help="timed runs per analyze and startup case (default 5)")
    p.add_argument("--seconds", type=int, help="seconds per load-test run (default 10)")
    p.add_argument("--coverage-sizes", help="store sizes in quotes for the coverage benchmark "
                                            f"(default {COVERAGE_SIZES})")
    p.add_argument("--coverage-engines", default="sqlite,postgresql",
                   help="store engines of the coverage benchmark (default: both; PostgreSQL on a throw-away "
                        "server started here, or on --pg-url)")
    p.add_argument("--pg-url", help="run the PostgreSQL coverage benchmark on this (empty) database")
    p.add_argument("--memory-db", help="store the memory benchmark's server uses (default: a fresh one)")
    p.add_argument("--write-docs", action="store_true", help="also write the figures to docs/benchmarks.md")
    return p


COVERAGE_SIZES = "10000,100000,1000000"
COVERAGE_SIZES_QUICK = "2000,20000"
# One line of bench_coverage's report: quotes, articles, median lookup, ratio to the smallest store.
_COVERAGE_LINE = re.compile(r"^(SQLite|PostgreSQL)\s+(\d+)\s+(\d+)\s+([\d.]+) ms\s+([\d.]+)x\s+(\d+)")


def _coverage(quick: bool, sizes: str | None, pg_url: str | None,
              sqlite: bool = True) -> tuple[list[Result], str | None]:
    """The coverage benchmark is bench/bench_coverage.py (the store's author writes it): run its
    main() once for both store engines and turn its printed report into table lines."""
    if not (pathlib.Path(__file__).parent / "bench_coverage.py").exists():
        return [Result("coverage", "skipped", "bench/bench_coverage.py not present")], None
    mod = importlib.import_module("bench.bench_coverage")
    sizes = sizes or (COVERAGE_SIZES_QUICK if quick else COVERAGE_SIZES)
    out = io.StringIO()
    argv = sys.argv
    # both engines get the same quotes, built once; the SQLite store goes in a folder of ours,
    # removed afterwards (it reaches gigabytes)
    with tempfile.TemporaryDirectory(prefix="qt-bench-coverage-") as tmp:
        dbs = ([str(pathlib.Path(tmp) / "store.sqlite3")] if sqlite else []) + ([pg_url] if pg_url else [])
        try:
            sys.argv = ["bench_coverage", "--sizes", sizes] + [x for db in dbs for x in ("--db", db)]
            with contextlib.redirect_stdout(out):
                code = mod.main()
        finally:
            sys.argv = argv
    if code not in (None, 0):
        raise RuntimeError(f"bench_coverage.main() returned {code}")
    raw = [out.getvalue().rstrip()]
    rows, first = [], {}
    for line in out.getvalue().splitlines():
        m = _COVERAGE_LINE.match(line)
        if not m:
            continue
        engine, quotes, ms_, ratio = m[1], int(m[2]), float(m[4]), float(m[5])
        first.setdefault(engine, f"{ms_:.1f} ms at {quotes:,}")
        rows.append(Result("coverage", f"{engine}, {quotes:,} quotes", f"{ms_:.1f} ms", first[engine], ratio,
                           "<= 2x at 1M" if quotes >= 1_000_000 else "", f"{m[6]} links found"))
    return rows, "\n\n".join(raw)


def _coverage_with_pg(quick: bool, args) -> tuple[list[Result], str | None]:
    engines = {e.strip().lower() for e in args.coverage_engines.split(",") if e.strip()}
    unknown = engines - {"sqlite", "postgresql"}
    if unknown:
        raise SystemExit(f"bench: unknown store engine(s): {', '.join(sorted(unknown))}")
    sqlite = "sqlite" in engines
    if "postgresql" in engines and not args.pg_url:
        from .common import postgres

        with postgres() as url:
            return _coverage(quick, args.coverage_sizes, url, sqlite)
    return _coverage(quick, args.coverage_sizes, args.pg_url if "postgresql" in engines else None, sqlite)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    chosen = args.only.split(",") if args.only else list(BENCHES)
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        print(f"bench: unknown benchmark(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "backend"))
    q = args.quick
    runners = {
        "startup": lambda: (importlib.import_module("bench.startup").run(repeat=args.repeat or (3 if q else 5)), None),
        "analyze": lambda: (importlib.import_module("bench.analyze").run(
            repeat=args.repeat or (3 if q else 5)), None),
        "loaded": lambda: (importlib.import_module("bench.loaded").run(repeat=args.repeat or (3 if q else 5)), None),
        "ingest": lambda: (importlib.import_module("bench.ingest").run(
            n_articles=args.articles or (40 if q else 150)), None),
        "coverage": lambda: _coverage_with_pg(q, args),
        "memory": lambda: (importlib.import_module("bench.memory").run(
            requests=10 if q else 30, db=args.memory_db), None),
        "load": lambda: (importlib.import_module("bench.load").run(
            seconds=args.seconds or (3 if q else 10), max_requests=500 if q else 20_000), None),
    }
    results: list[Result] = []
    extra: list[str] = []
    failed = False
    for name in BENCHES:
        if name not in chosen:
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            rows, text = runners[name]()
        except (Exception, SystemExit) as exc:  # report it and go on with the others
            failed = True
            traceback.print_exc(file=sys.stderr)
            rows, text = [Result(name, "FAILED", f"{type(exc).__name__}: {exc}"[:160])], None
        results.extend(rows)
        if text:
            extra.append(f"### {name}\n\n```\n{text.rstrip()}\n```")
        print(f"bench: {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print(table(results))
    for block in extra:
        print("\n" + block)
    info = machine()
    print("\n" + "\n".join(f"{k}: {v}" for k, v in info.items()))
    if args.write_docs:
        path = write_docs(results, info, sys.argv[1:] if argv is None else argv, extra, order=BENCHES)
        print(f"\nbench: wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
