"""Sample the loaded-terms layer's firings on a news corpus, by what found them, to read their precision.

    .venv/bin/python -m bench.loaded_sample CORPUS.jsonl[.gz] [--articles 200] [--per-kind 25]
        [--kind ID ...] [--seed 1] [--seconds 600] [--out FILE.md]

Runs the whole analysis over N articles spread evenly over the corpus (bench.rule_sample's reader),
keeps the terms in the outlet's voice and counts them by `found_by`, with the finds that rest on a
neighbour's rating (similar.py) counted apart as `<pattern>+similar`; prints the flags per 1,000
words of each kind and a random sample of each with its sentence, the term in [[ ]], for a reader
to judge. On wire copy most outlet-voice flags are false, so the sample is a hard test of precision.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict

from .rule_sample import read_articles


def kind_of(term: dict) -> str:
    k = term.get("found_by", "lexicon")
    return k + "+similar" if "(WordNet)" in term.get("explanation", "") else k


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--per-kind", type=int, default=25)
    ap.add_argument("--kind", action="append", default=[], help="only these kinds (found_by, or <id>+similar)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    from quotetrail import analysis, nlp

    found: dict[str, list[str]] = defaultdict(list)
    words = articles = 0
    t0 = time.monotonic()
    for article in read_articles(a.corpus, a.articles):
        if time.monotonic() - t0 > a.seconds:
            break
        resp = analysis.build_response(nlp.parse(article))
        paras = resp["paragraphs"]
        articles += 1
        words += sum(len(p.split()) for p in paras)
        for t in resp["loaded_terms"]:
            k = kind_of(t)
            if t["voice"] != "outlet" or (a.kind and k not in a.kind):
                continue
            sp = t["spans"][0]
            p = paras[sp["paragraph"]]
            lo, hi = max(0, sp["start"] - 120), min(len(p), sp["end"] + 120)
            found[k].append(f"{p[lo:sp['start']]}[[{p[sp['start']:sp['end']]}]]{p[sp['end']:hi]}".replace("\n", " "))
    rng = random.Random(a.seed)
    lines = [f"# Loaded-term firings in the outlet's voice: {articles} articles, {words:,} words, "
             f"{time.monotonic() - t0:.0f} s", ""]
    for k in sorted(found, key=lambda k: -len(found[k])):
        lines.append(f"## {k}: {len(found[k])} ({1000 * len(found[k]) / max(1, words):.2f} per 1,000 words)")
        for s in rng.sample(found[k], min(a.per_kind, len(found[k]))):
            lines.append(f"- {s}")
        lines.append("")
    text = "\n".join(lines)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
