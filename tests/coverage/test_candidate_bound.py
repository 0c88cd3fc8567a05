"""The bound that drops candidates before they are aligned (coverage.reachable) is exact: every pair
the full score links passes it, and lines that share neither words nor meaning do not."""
import itertools

from qt_fixtures import make_article, stand_in_response

from quotetrail import coverage

# Short stories written for this test: renderings of one statement, a reworded one, and unrelated lines.
LINES = [
    "\u201cThe harbour will reopen to cargo ships next month once the new cranes are tested,\u201d Ida Roos said.",
    "\u201cThe harbour will reopen to cargo ships next month,\u201d Ida Roos said.",
    "\u201cCargo ships can use the harbour again next month, after the cranes are tested,\u201d Ida Roos said.",
    "\u201cOur orchestra plays its last concert of the winter season in the old theatre,\u201d Tom Vale said.",
    "\u201cPrices of bread and milk rose sharply in the northern villages this spring,\u201d Ana Pell said.",
    "\u201cWe will never accept a tax on fishing boats that have worked these waters for generations,\u201d Ida Roos said.",
]


def one_view(n, line):
    article = make_article(f"https://bound.test/{n}", [line], outlet=f"Outlet {n}")
    return coverage.views(article, stand_in_response(article)["quotes"])[0]


def stored_view(n, view):
    """The same quote as the store hands it back: its id, text and vectors, then read like a stored row."""
    return dict(view, quote_id=n)


def test_bound_keeps_every_pair_that_links_and_drops_unrelated_ones():
    views = [one_view(n, line) for n, line in enumerate(LINES)]
    linked = dropped = 0
    for (i, a), (j, b) in itertools.permutations(enumerate(views), 2):
        a.setdefault("keys", coverage.Counter(t.key for t in a["tokens"] if t.content))
        theirs = stored_view(j, b)
        meaning = float((a["vecs"] @ theirs["vecs"].T).max())
        ev = coverage.score(a, theirs)
        ok = coverage.reachable(a, theirs, meaning)
        if ev is not None and ev["score"] >= coverage.LINK:
            linked += 1
            assert ok, f"the bound dropped a pair that links: {LINES[i]!r} / {LINES[j]!r}"
        dropped += not ok
    assert linked >= 2           # the verbatim-and-trimmed renderings link both ways
    assert dropped >= 10         # the concert, the prices and the harbour share nothing worth aligning
