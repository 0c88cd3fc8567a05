"""Sample each quote rule's firings on a news corpus, so that a rule's precision is read, not guessed.

    .venv/bin/python -m bench.rule_sample CORPUS.jsonl[.gz] [--articles 300] [--per-rule 20]
        [--rule ID ...] [--seed 1] [--seconds 600] [--max-chars 20000] [--out FILE.md]

Runs the quote layer over N articles spread evenly over a corpus (one article object a line,
the input format of docs/DESIGN.md; every k-th line, so each source of a mixed corpus is
represented), bounded in time (--seconds: stops parsing when spent and reports what it saw)
and in work (--max-chars: longer articles are cut at a paragraph end), counts the quotes each rule id produced (Quote.rule: the
patterns of patterns.py and the fixed rules of quotes.py) and prints a random sample of each
rule's firings with the sentence around them, cue and speaker mention marked, for a reader to
judge right or wrong. Nothing is scored here: the sample is the measurement.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import defaultdict

from quotetrail import nlp, quotes
from quotetrail.article import from_dict
from quotetrail.errors import InputError


def _open(path: str):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def read_articles(path: str, limit: int, max_chars: int = 20000):
    """`limit` articles taken at an even stride over the whole file."""
    with _open(path) as fh:
        total = sum(1 for _ in fh)
    stride = max(1, total // max(1, limit))
    taken = 0
    with _open(path) as fh:
        for n, line in enumerate(fh):
            if taken >= limit:
                break
            if n % stride:
                continue
            obj = json.loads(line)
            text = obj.get("text") or ""
            if len(text) > max_chars:
                cut = text.rfind("\n", 0, max_chars)
                text = text[:cut if cut > 0 else max_chars]
            obj["text"] = text
            try:
                yield from_dict({k: obj[k] for k in ("id", "title", "text") if obj.get(k) is not None})
                taken += 1
            except InputError:
                continue


def context(text: str, q: quotes.Quote, reach: int = 160) -> str:
    """The quote in its surroundings: content in [[ ]], cue in << >>, speaker mention in { }."""
    lo = max(0, q.start - reach)
    hi = min(len(text), q.end + reach)
    inserts: list[tuple[int, str]] = []
    for s, e in q.content:
        inserts += [(s, "[["), (e, "]]")]
    if q.cue is not None:
        inserts += [(q.cue.idx, "<<"), (q.cue.idx + len(q.cue), ">>")]
        lo, hi = min(lo, q.cue.idx - 40), max(hi, q.cue.idx + 40)
    if q.mention is not None:
        inserts += [(q.mention[0], "{"), (q.mention[1], "}")]
        lo, hi = min(lo, q.mention[0] - 40), max(hi, q.mention[1] + 40)
    lo, hi = max(0, lo), min(len(text), hi)
    out, last = [], lo
    for pos, tag in sorted(p for p in inserts if lo <= p[0] <= hi):
        out += [text[last:pos], tag]
        last = pos
    out.append(text[last:hi])
    return "".join(out).replace("\n", " \u00b6 ")


def write_report(title: str, columns: tuple[str, str], firings: dict[str, list[str]], per_rule: int,
                 seed: int, out: str | None) -> None:
    """A count table of each rule's firings, then a seeded random sample of each, to `out` or stdout."""
    rng = random.Random(seed)
    lines = [title, "", f"| {columns[0]} | {columns[1]} |", "| --- | --- |"]
    lines += [f"| {r} | {len(v)} |" for r, v in sorted(firings.items(), key=lambda kv: -len(kv[1]))]
    for rule, hits in sorted(firings.items()):
        lines += ["", f"## {rule} ({len(hits)} {columns[1]}, {min(len(hits), per_rule)} sampled)", ""]
        lines += [f"{n}. {hit}" for n, hit in enumerate(rng.sample(hits, min(len(hits), per_rule)), 1)]
    report = "\n".join(lines) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(report)
    else:
        sys.stdout.write(report)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=600, help="stop parsing after this long")
    ap.add_argument("--max-chars", type=int, default=20000, help="cut longer articles here")
    ap.add_argument("--per-rule", type=int, default=20)
    ap.add_argument("--rule", action="append", help="only these rule ids (repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the sample to this file instead of stdout")
    a = ap.parse_args(argv)

    firings: dict[str, list[str]] = defaultdict(list)
    articles = 0
    began = time.monotonic()
    for parsed in nlp.parse_many(read_articles(a.corpus, a.articles, a.max_chars), batch_size=8):
        if time.monotonic() - began > a.seconds:
            break
        articles += 1
        text = nlp.text_of(parsed.doc)
        found, _ = quotes.find_quotes(parsed)
        for q in found:
            rule = q.rule or "(none)"
            if a.rule and rule not in a.rule:
                continue
            firings[rule].append(context(text, q))
    write_report(f"# Rule firings on {articles} articles of {a.corpus} ({time.monotonic() - began:.0f} s)",
                 ("rule", "firings"), firings, a.per_rule, a.seed, a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
