"""Sample each speaker rule's firings on a news corpus, so that a speaker rule's precision is read,
not guessed (the companion of rule_sample.py, which samples the quote rules).

    .venv/bin/python -m bench.speaker_sample CORPUS.jsonl[.gz] [--articles 1000] [--per-rule 20]
        [--rule WAY ...] [--seed 1] [--out FILE.md]

Runs the quote and speaker layers over the first N articles of a corpus, counts the quotes whose
speaker each way of resolving gave (speakers.resolve's trace: "name", "pronoun", "tag",
"issuer", "description", …; a quote found through several steps counts under their joined
name, e.g. "tag/pronoun") and prints a random sample of each with the sentence around it and
the speaker chosen, for a reader to judge. Nothing is scored here: the sample is the measurement.
"""
from __future__ import annotations

import argparse
from collections import defaultdict

from quotetrail import nlp, quotes, speakers

from .rule_sample import context, read_articles, write_report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--per-rule", type=int, default=20)
    ap.add_argument("--rule", action="append", help="only these ways (repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the sample to this file instead of stdout")
    a = ap.parse_args(argv)

    firings: dict[str, list[str]] = defaultdict(list)
    articles = 0
    for parsed in nlp.parse_many(read_articles(a.corpus, a.articles)):
        articles += 1
        text = nlp.text_of(parsed.doc)
        found, _ = quotes.find_quotes(parsed)
        trace: dict[str, str] = {}
        names = {sp.id: sp.name for sp in speakers.resolve(parsed, found, trace)}
        for q in found:
            way = trace.get(q.id)
            if way is None or a.rule and way not in a.rule:
                continue
            firings[way].append(f"{context(text, q)}  \u2192 **{names.get(q.speaker_id, '?')}**")
    write_report(f"# Speaker rule firings on {articles} articles of {a.corpus}", ("way", "quotes"),
                 firings, a.per_rule, a.seed, a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
