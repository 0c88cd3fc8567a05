"""The quote layer run on a few paragraphs, for the rule tests (test_quote_forms, test_report_forms)."""
from quotetrail import nlp, quotes
from quotetrail.article import from_dict


def found(*paragraphs):
    """Every quote the layer finds in these paragraphs."""
    parsed = nlp.parse(from_dict({"paragraphs": list(paragraphs)}))
    return quotes.find_quotes(parsed)[0]


def one(rule, *paragraphs):
    """The one quote `rule` gives; fails, listing what was found, when there is not exactly one."""
    hits = [q for q in found(*paragraphs) if q.rule == rule]
    assert len(hits) == 1, [(q.rule, q.text) for q in found(*paragraphs)]
    return hits[0]


def rules(*paragraphs):
    return [q.rule for q in found(*paragraphs)]
