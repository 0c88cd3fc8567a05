"""Coverage: the same statement found across outlets (verbatim, trimmed, partial, translated,
paraphrased), and never a similar line from another occasion or another speaker."""
import pytest
from qt_fixtures import make_article, put, stand_in_response

from quotetrail import coverage, speaker_match
from quotetrail.coverage import find_coverage
from quotetrail.speaker_match import judge_speaker, surname_of
from quotetrail.embed import embed
from quotetrail.wording import content_keys, fingerprints

CONTEXT = "Fisheries minister Helena Marsh spoke in an interview with Radio Nordvik on Tuesday."
ORIGINAL = ("\u201cWe want a fair and lasting agreement on the northern fishing grounds through patient negotiation. "
            "Our fleet cannot wait another season for the quotas to be settled,\u201d Helena Marsh said.")
WEEK = "2024-03-06T09:00:00+00:00"          # a Wednesday: "on Tuesday" is 5 March


def ours(store):
    """The article being read, stored like any other; its own URL never shows in its coverage."""
    article, response = put(store, "https://reader.test/marsh", [CONTEXT, ORIGINAL], published=WEEK,
                            outlet="Reader Daily")
    return article, response


def links_for(store, article, response, quote_index=0):
    found = find_coverage(store, article, response["quotes"])
    return found[response["quotes"][quote_index]["id"]]


def only_link(result, url):
    urls = [l["url"] for l in result["coverage"]]
    assert url in urls, f"{url} not linked; links: {urls}"
    return next(l for l in result["coverage"] if l["url"] == url)


def test_verbatim_copy_in_another_outlet(store):
    put(store, "https://other.test/a", ["Helena Marsh gave an interview to Radio Nordvik on Tuesday.", ORIGINAL],
        published="2024-03-05T18:00:00+00:00", outlet="Other A")
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/a")
    assert link["fidelity"] == "verbatim"
    assert link["similarity"] == 1.0
    assert link["outlet"] == "Other A"
    assert all(op["op"] == "equal" for op in link["diff"])


def test_trimmed_rendering(store):
    trimmed = ("\u201cWe want a fair and lasting agreement on the northern fishing grounds through patient "
               "negotiation,\u201d Helena Marsh said.")
    put(store, "https://other.test/b", [CONTEXT, trimmed], published=WEEK)
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/b")
    assert link["fidelity"] == "trimmed"
    assert any(op["op"] == "delete" and "fleet" in op["ours"] for op in link["diff"])


def test_quoting_only_a_part(store):
    part = "\u201cOur fleet cannot wait another season,\u201d Helena Marsh said."
    put(store, "https://other.test/c", [CONTEXT, part], published=WEEK)
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/c")
    assert link["fidelity"] == "partial"


REWORDED = ("\u201cWe seek a just and durable accord on the northern fishing grounds by way of patient talks. "
            "Our fleet is unable to wait one more season for the quotas to be resolved,\u201d Helena Marsh said.")


def test_another_translation_is_found_and_its_words_marked(store):
    """The other outlet says the minister spoke Norwegian: its different words are a translation."""
    said_in = "Helena Marsh, who said in Norwegian that talks must go on, spoke to Radio Nordvik on Tuesday."
    put(store, "https://other.test/d", [said_in, REWORDED], published=WEEK)
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/d")
    assert link["fidelity"] == "translation"
    changed = {(op["ours"], op["theirs"]) for op in link["diff"] if op["op"] == "replace"}
    assert any("fair" in o and "just" in t for o, t in changed), changed
    assert link["similarity"] >= 0.6


def test_reworded_without_a_word_of_translation_is_not_called_one(store):
    """Two English outlets, no other language named: different words are altered or a paraphrase."""
    put(store, "https://other.test/d2", [CONTEXT, REWORDED], published=WEEK)
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/d2")
    assert link["fidelity"] in ("altered", "paraphrase")


def test_indirect_paraphrase_is_found(store):
    indirect = ("Helena Marsh said that her government wants a fair and lasting agreement on the northern "
                "fishing grounds through patient negotiation.")
    put(store, "https://other.test/e", [CONTEXT, indirect], published=WEEK)
    article, response = ours(store)
    link = only_link(links_for(store, article, response), "https://other.test/e")
    assert link["fidelity"] == "paraphrase"


def test_similar_line_on_another_occasion_is_not_linked(store):
    """The same minister, a like-worded line, but a television interview two years earlier."""
    earlier = ["Helena Marsh told Channel Seven in a Sunday interview that talks had stalled.",
               "\u201cWe want a fair and lasting agreement on the fishing grounds,\u201d Helena Marsh said."]
    put(store, "https://archive.test/2022", earlier, published="2022-01-16T20:00:00+00:00")
    article, response = ours(store)
    assert links_for(store, article, response)["coverage"] == []


def test_another_speaker_saying_alike_is_not_linked(store):
    other = ["\u201cWe want a fair deal on the northern fishing grounds through negotiation,\u201d Peter Lund said."]
    put(store, "https://other.test/lund", other, published=WEEK)
    article, response = ours(store)
    assert links_for(store, article, response)["coverage"] == []


def test_a_long_passage_word_for_word_links_despite_another_speaker(store):
    """Two outlets carry the same long passage, one attributing it to the wrong person: the words outweigh
    the disagreement about who spoke (a short like line by another speaker still does not link)."""
    other = ["\u201cWe want a fair and lasting agreement on the northern fishing grounds through patient "
             "negotiation. The harbour tax will be cut in the autumn,\u201d Peter Lund said."]
    put(store, "https://other.test/misattributed", other, published=WEEK)
    article, response = ours(store)
    assert [l["url"] for l in links_for(store, article, response)["coverage"]] == ["https://other.test/misattributed"]


def test_own_article_is_never_its_own_coverage(store):
    article, response = ours(store)
    result = links_for(store, article, response)
    assert result["coverage"] == [] and result["first_seen"] is None
    assert result["statement_id"] is not None          # stored, it carries a statement of its own


def test_first_seen_is_the_earliest_article(store):
    put(store, "https://other.test/late", [CONTEXT, ORIGINAL], published="2024-03-07T08:00:00+00:00")
    put(store, "https://other.test/early", [CONTEXT, ORIGINAL], published="2024-03-05T15:00:00+00:00",
        outlet="Early Wire")
    article, response = ours(store)
    result = links_for(store, article, response)
    assert {l["url"] for l in result["coverage"]} == {"https://other.test/late", "https://other.test/early"}
    assert result["first_seen"] == {"url": "https://other.test/early", "outlet": "Early Wire",
                                    "published": "2024-03-05T15:00:00+00:00"}


def test_links_found_among_many_look_alikes(store):
    """A store full of look-alike quotes by other people on other days: only the true link comes back."""
    topics = ["harbour", "railway", "school", "hospital", "bridge", "library", "market", "airport"]
    for n in range(120):
        topic = topics[n % len(topics)]
        put(store, f"https://noise.test/{n}",
            [f"\u201cWe want a fair and lasting agreement on the {topic} budget through patient negotiation "
             f"before number {n} is settled,\u201d Official{n} Person said."],
            published=f"20{10 + n % 10}-0{1 + n % 9}-1{n % 9}T10:00:00+00:00")
    put(store, "https://other.test/true", [CONTEXT, ORIGINAL], published=WEEK)
    article, response = ours(store)
    assert [l["url"] for l in links_for(store, article, response)["coverage"]] == ["https://other.test/true"]


def test_quote_too_short_to_say_which_statement_gets_no_links(store):
    """A two-word phrase is evidence of a topic: another person using it is not the same statement."""
    put(store, "https://other.test/short", ["\u201cPatient negotiation,\u201d Peter Lund said."], published=WEEK)
    article = make_article("https://reader.test/short", ["\u201cPatient negotiation,\u201d Helena Marsh said."],
                           published=WEEK)
    response = stand_in_response(article)
    assert links_for(store, article, response)["coverage"] == []


def test_short_line_of_the_same_speaker_that_week_links(store):
    """The same short line, word for word, by the same named speaker in the same week is one statement."""
    put(store, "https://other.test/short", ["\u201cPatient negotiation,\u201d Helena Marsh said."], published=WEEK)
    article = make_article("https://reader.test/short", ["\u201cPatient negotiation,\u201d Helena Marsh said."],
                           published=WEEK)
    response = stand_in_response(article)
    assert only_link(links_for(store, article, response), "https://other.test/short")["fidelity"] == "verbatim"


def test_embeddings_put_rewordings_near_and_other_topics_far():
    a, b, c = embed(["a fair and lasting accord reached through peaceful talks",
                     "a just and durable agreement reached by peaceful negotiations",
                     "the harbour budget was cut again this spring"])
    assert float(a @ b) > float(a @ c) + 0.2
    assert abs(float(a @ a) - 1.0) < 1e-4


def test_word_pair_fingerprints_survive_a_changed_word():
    a = fingerprints(content_keys("we will rebuild the northern harbour wall next spring"))
    b = fingerprints(content_keys("we will rebuild the southern harbour wall next spring"))
    assert len(set(a) & set(b)) >= 3
    assert set(fingerprints(content_keys("the rail budget was cut again"))).isdisjoint(a)


@pytest.mark.parametrize("name, surname", [("President Helena Marsh", "marsh"), ("Marsh", "marsh"),
                                           ("Mr. Peter Lund", "lund"), (None, None),
                                           ("Helena Marsh's office", "marsh"),          # her office speaks for her
                                           ("Helena Marsh's campaign spokesman", "marsh"),
                                           ("the Ministry's Fisheries Board", "board")])  # a name after the possessive
def test_surname(name, surname):
    assert surname_of(name) == surname


def _speaker(name):
    return {"speaker_name": name, "surname": surname_of(name), "named": speaker_match.named(name)}


@pytest.mark.parametrize("a, b, judged", [
    ("Helena Marsh", "Marsh", "same"),
    ("Helena Marsh", "Peter Lund", "different"),
    ("Helena Marsh", "a spokeswoman for Helena Marsh", "same"),     # a description that names her
    ("Helena Marsh's office", "Helena Marsh", "same"),
    ("Helena Marsh", "some harbour officials", "unknown"),          # a description naming nobody
    ("Helena Marsh", None, "unknown"),
])
def test_speaker_compatibility(a, b, judged):
    assert judge_speaker(_speaker(a), _speaker(b)) == judged
    assert judge_speaker(_speaker(b), _speaker(a)) == judged


def test_one_name_on_both_sides_is_stronger_evidence_than_a_description():
    """The same words weigh more when both articles name the speaker than when one only describes them,
    and less again when the two articles name two different people."""
    text = "We will reopen the northern harbour to the fishing fleet soon."
    told = "The northern harbour will reopen to the fishing fleet soon, we promise."   # close, not the same passage
    base = {"text": text, "tokens": coverage.wording.tokenize(text), "vecs": embed([text]), "kind": "direct",
            "event_lo": None, "event_hi": None, "venues": []}
    other = dict(base, text=told, tokens=coverage.wording.tokenize(told), vecs=embed([told]))
    named = dict(base, **_speaker("Helena Marsh"))
    scores = [coverage.score(named, dict(other, **_speaker(name)))["score"]
              for name in ("Marsh", "some harbour officials", "Peter Lund")]
    assert scores[0] > scores[1] > scores[2]


def test_each_span_of_a_split_quotation_is_a_unit_of_its_own():
    # '"A," she said. "B."' is one quote; another outlet may carry B alone, so B is compared on its own.
    # Spans count UTF-16 code units: the fish before the quote takes two.
    para = ("\U0001F41F \u201cThe quotas must be settled before spring,\u201d Helena Marsh said. "
            "\u201cOur fleet cannot wait another season for the talks to end.\u201d")
    article = make_article("https://reader.test/split", [para])
    first, second = "The quotas must be settled before spring,", "Our fleet cannot wait another season for the talks to end."
    utf16 = lambda s: len(s.encode("utf-16-le")) // 2
    spans = [{"paragraph": 0, "start": utf16(para[:para.index(t)]), "end": utf16(para[:para.index(t) + len(t)])}
             for t in (first, second)]
    quote = {"id": "q1", "kind": "direct", "text": f"{first} {second}", "spans": spans,
             "speaker": {"id": "s1", "name": "Helena Marsh"}}
    units = coverage.views(article, [quote])[0]["units"]
    assert first in units and second in units
    one_span = dict(quote, spans=spans[:1], text=first)
    assert coverage.views(article, [one_span])[0]["units"] == [first]
