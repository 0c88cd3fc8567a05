"""The results table (terminal and Markdown), the machine it ran on, and docs/benchmarks.md."""
from __future__ import annotations

import datetime as dt
import os
import pathlib
import platform
import subprocess

from .common import ROOT, Result

DOCS = ROOT / "docs" / "benchmarks.md"
COLUMNS = ("benchmark", "case", "measured", "baseline", "ratio", "goal", "note")


def _cells(r: Result) -> tuple[str, ...]:
    return (r.bench, r.case, r.value, r.baseline, r.ratio_text(), r.goal, r.note)


def table(results: list[Result]) -> str:
    """A plain-text table for the terminal."""
    rows = [COLUMNS] + [_cells(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(results: list[Result]) -> str:
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in results:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |")
    return "\n".join(out)


def machine() -> dict[str, str]:
    """What the figures depend on: processor, cores, memory, system, Python, spaCy and its model."""
    info = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    cpu = "unknown"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["processor"] = f"{cpu}, {os.cpu_count()} logical cores"
    try:
        kib = int(next(ln for ln in pathlib.Path("/proc/meminfo").read_text().splitlines()
                       if ln.startswith("MemTotal:")).split()[1])
        info["memory"] = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    info["system"] = f"{platform.system()} {platform.release()}"
    info["python"] = platform.python_version()
    try:
        import spacy

        from quotetrail import nlp
        pipeline = nlp.load()
        info["spacy"] = f"{spacy.__version__}, {pipeline.meta.get('lang')}_{pipeline.meta.get('name')} " \
                        f"{pipeline.meta.get('version')}"
    except Exception as exc:  # the table is still worth printing without it
        info["spacy"] = f"unknown ({exc})"
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        info["commit"] = commit or "unknown"
    except OSError:
        info["commit"] = "unknown"
    return info


def earlier_figures(skip: set[str]) -> tuple[list[Result], list[str]]:
    """Rows and report blocks of docs/benchmarks.md for the benchmarks not in `skip`, so that a
    run of some benchmarks updates their lines and keeps the others'."""
    if not DOCS.exists():
        return [], []
    rows, blocks = [], []
    text = DOCS.read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = [c.strip().replace("\\|", "|") for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and len(cells) == len(COLUMNS) and cells[0] not in skip and cells[0] != COLUMNS[0]:
            ratio = float(cells[4].rstrip("x")) if cells[4] else None
            rows.append(Result(cells[0], cells[1], cells[2], cells[3], ratio, cells[5], cells[6]))
    for block in text.split("\n### ")[1:]:
        name = block.split("\n", 1)[0].strip()
        if name not in skip:
            blocks.append("### " + block.split("\n## ", 1)[0].rstrip())
    return rows, blocks


def write_docs(results: list[Result], info: dict[str, str], command: list[str], extra: list[str],
               order: tuple[str, ...] = ()) -> pathlib.Path:
    ran = {r.bench for r in results}
    old_rows, old_blocks = earlier_figures(ran)
    results = sorted(results + old_rows, key=lambda r: order.index(r.bench) if r.bench in order else len(order))
    extra = old_blocks + extra
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in info.items())
    extra_text = ("\n\n" + "\n\n".join(extra)) if extra else ""
    DOCS.write_text(TEMPLATE.format(table=markdown_table(results), machine=machine_lines,
                                    command=" ".join(["python -m bench", *command]).strip(),
                                    extra=extra_text), encoding="utf-8")
    return DOCS


TEMPLATE = """# Benchmarks

Speed and memory of the backend as measured facts. `make bench` (or `.venv/bin/python -m bench`)
runs every benchmark once and prints the table below; `--write-docs` also rewrites this file.
Figures are ratios measured in one run on one machine, never assertions in the tests: they move
with the machine, its load and the corpus.

## Latest figures

Command: `{command}` (lines of benchmarks it did not run come from an earlier run)

{table}{extra}

## The machine

{machine}

## What each line measures

- **startup**: `quotetrail analyze FILE` on a one-sentence article, the whole process from start
  to answer (imports, model, store lookup, JSON out), against a bare `spacy.load` of the same
  model parsing the same sentence in its own process; median of several interleaved runs of
  each. The store exists beforehand, as a user's does. Goal: at most 1.5x. The `--no-coverage`
  line skips the store.
- **analyze**: `analysis.build_response(nlp.parse(article))` (the analysis on a cache miss:
  parse, quotes, speakers, loaded terms, response) against the bare spaCy pipeline on the same
  text, warm, median of several interleaved runs. The texts are whole paragraphs of the real
  news corpus (`../shared/corpus/`) cut to 300, 1,000 and 5,000 words. Goal: at most 1.3x at
  1,000 words. The *reload* line is `analysis.analyze` on an article it has just answered: the
  response comes from the per-process cache keyed by content hash, no parse.
- **ingest**: articles per second over the first N corpus articles, against bare `nlp.pipe`
  on the same texts (ratio = ingest rate / pipe rate, higher is better). "analysis only" is
  `analysis.analyze_many`; the goal line adds writing every article to a fresh SQLite store
  through `quotetrail.ingest` (loaded terms and readability are not computed for the store).
  Goal: at least 0.6x.
- **coverage**: median time of one coverage lookup (`coverage.find_coverage` of a 4-quote probe
  article: a verbatim, a trimmed and a reworded copy of a stored quote and a fresh line) as the
  store grows to 10k, 100k and 1M quotes (`bench/bench_coverage.py`, run once per engine, SQLite
  and PostgreSQL on a throw-away server). The store is filled in bulk by `bench/fill.py`:
  synthetic quotes of corpus words with every fingerprint and the vector ingestion would store
  (word pairs from wording.py, band hashes from lsh.py, speaker-and-week keys), written with
  executemany or COPY rather than through the pipeline. Goal: at most 2x from 10k to 1M.
- **memory**: one gunicorn worker (`quotetrail serve --workers 1`) read from `/proc`: RSS
  (includes the pages shared with the master, which loads both models before forking) and PSS
  (the worker's fair share of shared pages), idle and after analysing a run of corpus articles
  (with coverage against the server's store; `--memory-db URL` gives it a filled one). Goal: at
  most 600 MiB RSS.
- **load**: `wrk` in a second process on 127.0.0.1 against `quotetrail serve` with its default
  workers and threads (what `make run` starts) and a fresh SQLite store, POSTing a 500-word
  corpus article to `/api/v1/analyze` with 1, 8 and 32 connections, each bounded in time and
  in number of requests. *fresh*: a new title in every request, so the server parses every
  one; *reload*: the same article each time, answered from the response cache. Errors count
  refused connections, timeouts (30 s) and any non-2xx answer; the goal is none.

## Reproduce

```sh
make bench                                   # everything, default sizes
.venv/bin/python -m bench --quick            # smaller runs while developing
.venv/bin/python -m bench --only analyze,ingest --articles 300
.venv/bin/python -m bench --write-docs       # and rewrite docs/benchmarks.md
.venv/bin/python -m bench --only coverage --coverage-engines sqlite --coverage-sizes 10000,100000
```

Needs the corpus at `../shared/corpus/distractors.jsonl.gz` (or `QUOTETRAIL_CORPUS=path`) and
`wrk` (Debian package `wrk`) for the load test, and Debian's `postgresql` for the coverage
benchmark's throw-away server (`--coverage-engines sqlite` leaves it out). Run it on an otherwise idle machine: the
benchmarks share the processor with whatever else runs.
"""
