"""Analysis time against the bare spaCy parse of the same text, at 300, 1,000 and 5,000 words.

Both sides run warm (the model loaded, one untimed call first) and on the same text. The analysis
side calls `build_response(nlp.parse(article))`, the path `analysis.analyze` takes on a cache
miss, so the response cache never shortens it. The reload figure is `analysis.analyze` on an
article it has just answered: a cache hit, as for a reader who reloads the page. The coverage
figure adds the lookup (`coverage.find_coverage`) in a SQLite store holding STORE_ARTICLES corpus
articles and another outlet's copy of the same text, so every quote has candidates and links.
"""
from __future__ import annotations

import pathlib
import tempfile

from .common import Result, corpus_articles, median, ms, text_of_words, timed

SIZES = (300, 1_000, 5_000)
GOAL_WORDS = 1_000
GOAL = 1.3
COVERAGE_GOAL = 1.5
STORE_ARTICLES = 300


def run(repeat: int = 5, sizes: tuple[int, ...] = SIZES) -> list[Result]:
    from quotetrail import analysis, nlp
    from quotetrail.article import from_dict

    pipeline = nlp.load()
    results = []
    for n, words in enumerate(sizes):
        paragraphs = text_of_words(words, skip=n * 7)
        article = from_dict({"url": f"https://bench.example/analyze/{words}", "title": "Benchmark article",
                             "outlet": "Bench", "paragraphs": paragraphs})
        text, _ = nlp.joined(article)

        def bare():
            return pipeline(text)

        def full():
            return analysis.build_response(nlp.parse(article))

        bare(), full()                                     # warm both paths on this text
        bare_times, full_times = [], []
        for _ in range(repeat):                            # interleaved, so drift hits both alike
            bare_times += timed(bare, 1)
            full_times += timed(full, 1)
        b, f = median(bare_times), median(full_times)
        results.append(Result("analyze", f"{words:,} words", ms(f), f"spaCy {ms(b)}", f / b,
                              f"<= {GOAL}x" if words == GOAL_WORDS else "",
                              f"median of {repeat}"))

        analysis.analyze(article)                          # the first visit fills the cache
        reload_times = timed(lambda: analysis.analyze(article), max(repeat, 20))
        r = median(reload_times)
        results.append(Result("analyze", f"{words:,} words, reload (cached)", ms(r), f"spaCy {ms(b)}", r / b,
                              "", f"median of {len(reload_times)}"))
        if words == GOAL_WORDS:
            results.append(_with_coverage(article, paragraphs, bare, repeat))
    return results


def _with_coverage(article, paragraphs: list[str], bare, repeat: int) -> Result:
    """The analysis with its coverage lookup, warm, against the bare parse of the same text."""
    from quotetrail import analysis, nlp
    from quotetrail.article import from_dict
    from quotetrail.coverage import find_coverage
    from quotetrail.store import open_store

    copy = from_dict({"url": "https://bench.example/analyze/copy", "title": "Benchmark article",
                      "outlet": "Other outlet", "paragraphs": paragraphs})
    others = [from_dict(r) for r in corpus_articles(limit=STORE_ARTICLES)]
    with tempfile.TemporaryDirectory(prefix="qt-bench-analyze-") as tmp:
        store = open_store(str(pathlib.Path(tmp) / "store.sqlite3"))
        try:
            for a, response in analysis.analyze_many(others + [copy]):
                store.save_analysis(a, response)

            def full():
                response = analysis.build_response(nlp.parse(article))
                return find_coverage(store, article, response["quotes"])

            links = sum(len(v["coverage"]) for v in full().values())     # warm, and what it finds
            bare_times, full_times = [], []
            for _ in range(repeat):
                bare_times += timed(bare, 1)
                full_times += timed(full, 1)
        finally:
            store.close()
    b, f = median(bare_times), median(full_times)
    return Result("analyze", f"{GOAL_WORDS:,} words, with coverage", ms(f), f"spaCy {ms(b)}", f / b,
                  f"<= {COVERAGE_GOAL}x", f"store of {len(others) + 1} articles, {links} links, median of {repeat}")
