"""Precision of the loaded layer: the neutral uses of doubt words, 'regime', 'claims', killing
euphemisms, several quoted words, and the judging patterns' plain cases. Every sentence here is written for these tests."""
from __future__ import annotations

import pytest

from quotetrail import article, loaded, nlp
from quotetrail import quotes as quotes_layer


def terms(*paragraphs: str) -> list[dict]:
    """Terms as the whole analysis finds them (scare-quote candidates from the quote layer)."""
    p = nlp.parse(article.from_dict({"paragraphs": ["The council met on Monday.", *paragraphs]}))
    found, candidates = quotes_layer.find_quotes(p)
    return loaded.find_loaded_terms(p, found, candidates)


def texts(*paragraphs: str) -> list[str]:
    return [t["text"] for t in terms(*paragraphs)]


@pytest.mark.parametrize("sentence", [
    "The driver who allegedly ran the red light was held overnight.",      # a suspect's act, relative clause
    "Two guards were charged for allegedly beating a prisoner.",            # what somebody is charged with
    "Police recovered the allegedly stolen paintings on Friday.",           # on a participle before a noun
    "Staff who purportedly leaked the memo were suspended.",
])
def test_doubt_adverbs_as_the_legal_hedge_are_not_flagged(sentence):
    assert texts(sentence) == []


@pytest.mark.parametrize("sentence, word", [
    ("The ministry says the talks allegedly reached a deal last spring.", "allegedly"),   # doubts a statement
    ("The marchers are, supposedly, mourning the old mayor.", "supposedly"),
    ("The council spent the evening on supposedly minor changes to the parking rules.", "supposedly"),  # a quality
])
def test_doubt_adverbs_that_doubt_a_statement_are_flagged(sentence, word):
    assert word in texts(sentence)


@pytest.mark.parametrize("sentence", [
    "A regime of spot checks and fines was set out by the cabinet.",   # a regime of something
    "Inmates described the prison's detention regime to the inspectors.",
])
def test_regime_that_is_no_government_is_not_flagged(sentence):
    assert "regime" not in texts(sentence)


def test_a_claim_named_for_its_matter_is_the_legal_sense():
    assert texts("Her discrimination claims were merged into a larger lawsuit.") == []


@pytest.mark.parametrize("sentence", [
    "Residents wore \u201csmoke hoods\u201d on the march through the square.",     # a term being named
    "The plan adds a \u201cflood levy\u201d to every bill in the county.",
    "Growers blame the \u201cfreeze-thaw\u201d cycle for the cracked roads.",
])
def test_several_quoted_words_are_a_term_not_scare_quotes(sentence):
    assert [t for t in terms(sentence) if t["category"] == "scare_quote"] == []


def test_a_word_marked_as_somebody_considers_it_is_no_scare_quote():
    assert [t for t in terms("The fever had been considered \u201cbeaten\u201d by the doctors.")
            if t["category"] == "scare_quote"] == []


def test_one_word_held_at_arms_length_is_still_a_scare_quote():
    assert [t["text"] for t in terms("Most of the \u201crescued\u201d funds never reached the towns.")
            if t["category"] == "scare_quote"] == ["rescued"]


@pytest.mark.parametrize("sentence", [
    "The gunman acted alone, the sheriff said.",              # not an adverb of manner
    "The drought will no doubt shrink the harvest.",
    "The actress won an award for the role.",                 # a positive verb states an act
    "She thanked the nurses for their care.",
    "Growers fear the new quota will cut their income.",      # a verb of feeling reports a state of mind
])
def test_plain_cases_of_the_judging_patterns_are_not_flagged(sentence):
    assert [t for t in terms(sentence) if t["found_by"] != "lexicon"] == []


def test_a_judging_adverb_of_manner_is_still_flagged():
    assert "brazenly" in texts("The mayor brazenly ignored the court order.")


@pytest.mark.parametrize("sentence", [
    "The senator called for eliminating the Tariff Board by next year.",   # an institution done away with
    "He says the remark was taken out of context.",                       # literal "out of"
])
def test_killing_euphemisms_need_people_as_their_object(sentence):
    assert texts(sentence) == []


def test_a_killing_euphemism_on_people_is_flagged():
    assert "neutralised" in texts("Troops neutralised four militants near the bridge.")


def test_what_he_calls_is_no_doubt_word():
    assert texts("The general defended what he calls a \u201cpeace mission\u201d in the north.") == []


@pytest.mark.parametrize("sentence", [
    "Police found neo-Nazi leaflets in the van.",          # the kind of a thing
    "Some marchers waved Nazi flags outside the hall.",
    "Officials warned of extremist threats in the region.",
])
def test_a_group_label_before_a_thing_names_its_kind(sentence):
    assert texts(sentence) == []


@pytest.mark.parametrize("sentence, word", [
    ("The neo-Nazis marched through the square.", "neo-Nazis"),          # a label on people
    ("The extremist activists blocked the road.", "extremist"),
])
def test_a_group_label_on_people_is_flagged(sentence, word):
    assert word in texts(sentence)



def test_a_regime_of_people_is_still_a_label():
    assert "regime" in texts("The town lived for years under a regime of generals.")
