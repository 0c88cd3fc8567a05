"""The loaded-terms layer against the bare spaCy parse of a 1,000-word article, warm.

Three timings on the same text, interleaved so drift hits all alike: the bare parse
(`nlp.load()(text)`), the whole analysis (`build_response(nlp.parse(article))`, the cache-miss
path) and the loaded-terms layer alone on a ready parse (lexicon, evaluative patterns, scare
quotes). The goal is the issue's: the whole analysis within 1.5x the bare parse.
"""
from __future__ import annotations

from .common import Result, median, ms, text_of_words, timed

WORDS = 1_000
GOAL = 1.5


def run(repeat: int = 5) -> list[Result]:
    from quotetrail import analysis, nlp, quotes
    from quotetrail.article import from_dict
    from quotetrail.loaded import find_loaded_terms

    pipeline = nlp.load()
    article = from_dict({"url": "https://bench.example/loaded", "title": "Benchmark article", "outlet": "Bench",
                         "paragraphs": text_of_words(WORDS, skip=3)})
    text, _ = nlp.joined(article)
    parsed = nlp.parse(article)
    found, scare = quotes.find_quotes(parsed)

    def bare():
        return pipeline(text)

    def full():
        return analysis.build_response(nlp.parse(article))

    def layer():
        return find_loaded_terms(parsed, found, scare)

    bare(), full(), layer()                                # warm every path on this text
    b, f, lt = [], [], []
    for _ in range(repeat):
        b += timed(bare, 1)
        f += timed(full, 1)
        lt += timed(layer, 1)
    mb, mf, ml = median(b), median(f), median(lt)
    note = f"median of {repeat}"
    return [Result("loaded", f"whole analysis, {WORDS:,} words", ms(mf), f"spaCy {ms(mb)}", mf / mb, f"<= {GOAL}x", note),
            Result("loaded", f"loaded-terms layer alone, {WORDS:,} words", ms(ml), f"spaCy {ms(mb)}", ml / mb, "", note)]
