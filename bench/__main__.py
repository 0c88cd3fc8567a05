"""`python -m bench`: run every benchmark, print one table; `--write-docs` also rewrites
docs/benchmarks.md. A benchmark that fails gets a line saying so and the others still run."""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import pathlib
import sys
import time
import traceback

from .common import ROOT, Result
from .report import machine, table, write_docs

BENCHES = ("analyze", "ingest", "coverage", "memory", "load")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description="Run QuoteTrail's benchmarks.")
    p.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHES)}")
    p.add_argument("--quick", action="store_true", help="smaller, shorter runs (for development)")
    p.add_argument("--articles", type=int, help="corpus articles for the ingest benchmark (default 150)")
    p.add_argument("--repeat", type=int, help="timed runs per analyze case (default 5)")
    p.add_argument("--seconds", type=int, help="seconds per load-test run (default 10)")
    p.add_argument("--write-docs", action="store_true", help="also write the figures to docs/benchmarks.md")
    return p


def _coverage(quick: bool) -> tuple[list[Result], str | None]:
    """The coverage benchmark lives in bench/bench_coverage.py (its own author); use what it offers."""
    if not (pathlib.Path(__file__).parent / "bench_coverage.py").exists():
        return [Result("coverage", "skipped", "bench/bench_coverage.py not present")], None
    mod = importlib.import_module("bench.bench_coverage")
    if hasattr(mod, "run"):
        rows = mod.run(quick=quick) if "quick" in mod.run.__code__.co_varnames else mod.run()
        if all(isinstance(r, Result) for r in rows):
            return list(rows), None
        return [Result("coverage", str(r.get("case", "")), str(r.get("value", "")), str(r.get("baseline", "")),
                       r.get("ratio"), str(r.get("goal", "")), str(r.get("note", ""))) for r in rows], None
    # A main() that prints its own report: keep its output and show it under the table.
    out = io.StringIO()
    argv = sys.argv
    try:
        sys.argv = ["bench_coverage"] + (["--quick"] if quick else [])
        with contextlib.redirect_stdout(out):
            code = mod.main()
    finally:
        sys.argv = argv
    if code not in (None, 0):
        raise RuntimeError(f"bench_coverage.main() returned {code}")
    return [Result("coverage", "see below", "bench/bench_coverage.py report")], out.getvalue()


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
        "analyze": lambda: (importlib.import_module("bench.analyze").run(
            repeat=args.repeat or (3 if q else 5)), None),
        "ingest": lambda: (importlib.import_module("bench.ingest").run(
            n_articles=args.articles or (40 if q else 150)), None),
        "coverage": lambda: _coverage(q),
        "memory": lambda: (importlib.import_module("bench.memory").run(requests=10 if q else 30), None),
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
        path = write_docs(results, info, sys.argv[1:] if argv is None else argv, extra)
        print(f"\nbench: wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
