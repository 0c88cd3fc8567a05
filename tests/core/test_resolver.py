"""The resolver (resolver.py): candidates from different rules over one real parse, hand-made so
that each test shows one of its decisions."""
from quotetrail import nlp, quotes
from quotetrail.article import from_dict
from quotetrail.attribution_settings import MIN_RULE_SCORE
from quotetrail.resolver import Candidate, prior, ranked, resolve

TEXT = "The harbour master said the pier needs repairs, and the mayor denied the rumours about the ferry."


def parsed():
    return nlp.parse(from_dict({"paragraphs": [TEXT]}))


def token(p, word):
    return next(t for t in p.doc if t.text == word)


def span(words):
    start = TEXT.index(words)
    return (start, start + len(words))


def cand(p, rule, score, cue, words, source):
    return Candidate(rule, score, token(p, cue), (span(words),), token(p, source))


def test_the_higher_scored_of_two_overlapping_candidates_wins():
    p = parsed()
    low = cand(p, "rule_low", 0.7, "denied", "the pier needs repairs, and", "mayor")
    high = cand(p, "rule_high", 0.9, "said", "the pier needs repairs", "master")
    out = resolve(p, [], [], [], [low, high])
    assert [(q.rule, q.text) for q in out] == [("rule_high", "the pier needs repairs")]


def test_a_candidate_under_the_minimum_score_is_dropped():
    p = parsed()
    weak = cand(p, "rule_weak", MIN_RULE_SCORE - 0.01, "said", "the pier needs repairs", "master")
    assert resolve(p, [], [], [], [weak]) == []


def test_one_cue_makes_one_quote():
    p = parsed()
    first = cand(p, "rule_a", 0.9, "said", "the pier needs repairs", "master")
    second = cand(p, "rule_b", 0.8, "said", "the rumours about the ferry", "master")
    out = resolve(p, [], [], [], [second, first])
    assert [q.rule for q in out] == ["rule_a"]


def test_a_report_sharing_most_of_its_words_with_an_accepted_one_loses():
    p = parsed()
    a = cand(p, "rule_a", 0.9, "said", "the pier needs repairs", "master")
    b = cand(p, "rule_b", 0.8, "denied", "needs repairs, and the", "mayor")
    assert [q.rule for q in resolve(p, [], [], [], [a, b])] == ["rule_a"]


def test_candidates_that_do_not_clash_are_all_kept():
    p = parsed()
    a = cand(p, "rule_a", 0.9, "said", "the pier needs repairs", "master")
    b = cand(p, "rule_b", 0.8, "denied", "the rumours about the ferry", "mayor")
    out = resolve(p, [], [], [], [b, a])
    assert sorted(q.text for q in out) == ["the pier needs repairs", "the rumours about the ferry"]
    assert {q.subject.text for q in out} == {"master", "mayor"}


def test_equal_scores_go_to_the_cue_read_first():
    p = parsed()
    later = cand(p, "rule_a", 0.8, "denied", "the pier needs repairs, and", "mayor")
    earlier = cand(p, "rule_b", 0.8, "said", "the pier needs repairs", "master")
    assert [c.rule for c in ranked([later, earlier])] == ["rule_b", "rule_a"]
    assert [q.rule for q in resolve(p, [], [], [], [later, earlier])] == ["rule_b"]


def test_accepted_quotes_hold_their_words_and_cue():
    # a direct quotation accepted first: a report whose cue lies inside it, or that restates it, loses
    p = parsed()
    direct = quotes.Quote("q1", "direct", [span("the pier needs repairs")], "the pier needs repairs",
                          token(p, "said"), token(p, "master"))
    same_cue = cand(p, "rule_a", 0.9, "said", "the rumours about the ferry", "master")
    restates = cand(p, "rule_b", 0.9, "denied", "pier needs repairs", "mayor")
    assert resolve(p, [direct], [], [], [same_cue, restates]) == []


def test_a_report_carrying_an_accepted_quotation_is_mixed():
    p = parsed()
    inner = span("repairs")
    direct = quotes.Quote("q1", "direct", [inner], "repairs", None, None)
    report = cand(p, "rule_a", 0.9, "said", "the pier needs repairs", "master")
    (q,) = resolve(p, [direct], [], [], [report])
    assert q.kind == "mixed" and q.marks == [inner]


def test_rules_take_their_score_from_the_priors_table():
    assert prior("clause_complement") > prior("np_prep_object")
    assert prior("a_pattern_not_yet_measured") >= MIN_RULE_SCORE   # a new pattern is kept until measured
