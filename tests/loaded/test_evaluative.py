"""Judgement in words the lexicon never listed, confidence and sensitivity, and the false positives
the lexicon used to make (neutral 'claiming', 'terrorist attacks', a named speaker's quoted word,
hyphenated compounds in marks).

Every sentence here is written for these tests.
"""
from __future__ import annotations

from importlib import resources

import pytest

from quotetrail import article, evaluative, loaded, nlp
from quotetrail import quotes as quotes_layer


def terms(*paragraphs: str) -> list[dict]:
    """Terms as the analysis finds them: the real quotes layer decides what is quoted."""
    parsed = nlp.parse(article.from_dict({"paragraphs": list(paragraphs)}))
    found, scare = quotes_layer.find_quotes(parsed)
    return loaded.find_loaded_terms(parsed, found, scare)


def by_text(*paragraphs: str) -> dict[str, dict]:
    return {t["text"]: t for t in terms(*paragraphs)}


# --------------------------------------------------------------------------- evaluative patterns

def test_evaluative_adjective_on_a_person_in_the_outlets_voice():
    t = by_text("The cruel senator left the chamber early.")["cruel"]
    assert t["found_by"] == "evaluative_adjective" and t["category"] == "intensifier"
    assert t["voice"] == "outlet" and t["alternatives"]
    assert "adjective" in t["explanation"] and "negative" in t["explanation"]


def test_evaluative_adjective_on_an_act():
    assert by_text("The council approved a ridiculous plan to move the market.")["ridiculous"]["found_by"] == \
        "evaluative_adjective"


def test_the_same_adjective_inside_a_speakers_quote_is_not_the_outlets_judgement():
    found = by_text("\u201cThe senator is cruel and everyone knows it,\u201d the mayor said.")
    assert "cruel" not in found


def test_an_adjective_pattern_rates_as_only_partly_subjective_is_left_out():
    # Pattern knows 'bizarre' but rates it 0.6 subjective: on news text such words mislead more often
    # than they judge, so only fully subjective adjectives are taken.
    assert "bizarre" not in by_text("The council approved a bizarre plan to move the market.")


def test_a_classifying_adjective_is_not_a_verdict():
    # Pattern rates 'illegal' as barely subjective: a legal status, whatever its valence.
    assert "illegal" not in by_text("Police seized illegal drugs at the port.")


def test_verb_that_judges_a_person_for_something():
    t = by_text("The governor belittled the senator for his vote on the budget.")["belittled"]
    assert t["found_by"] == "judging_verb" and "verb" in t["explanation"] and "said" in t["alternatives"]


def test_a_physical_act_on_people_is_not_a_judging_verb():
    found = by_text("Officials detained three reporters on Tuesday.", "Police arrested the man after he killed two people.")
    assert not [t for t in found.values() if t["found_by"] == "judging_verb"]


def test_contemptuous_noun_for_somebodys_act_aimed_at_others():
    t = by_text("The council's assault on the local paper went on for weeks.")
    assert t["assault"]["found_by"] == "contemptuous_noun" and t["assault"]["category"] == "label"


def test_a_bare_possessive_names_what_befell_somebody():
    # "the mayor's death" is an event, not a verdict on the mayor
    found = by_text("The mayor's death shocked the town.", "The port's crisis deepened in May.")
    assert not [t for t in found.values() if t["found_by"] == "contemptuous_noun"]


def test_a_positive_adjective_in_news_is_a_description():
    found = by_text("Wealthy donors funded the powerful lobby.", "The report showed the best results in great detail.")
    assert not [t for t in found.values() if t["found_by"] == "evaluative_adjective"]


def test_the_word_after_anti_names_what_is_opposed():
    found = by_text("Hundreds joined the anti-racism march downtown.")
    assert not [t for t in found.values() if t["found_by"].startswith("evaluative")]


def test_claim_as_a_noun_for_somebodys_statement():
    t = by_text("The senator's claim that the vote was rigged spread online.")
    assert t["claim"]["category"] == "doubt"


def test_claim_as_a_noun_in_its_legal_sense_is_not_doubt():
    assert "claims" not in by_text("Insurance claims rose after the flood.")


def test_names_and_titles_are_never_evaluative():
    assert by_text("She starred in Brilliant Minds and Happy Valley last year.") == {}


def test_lexicon_words_keep_their_own_entry():
    t = by_text("The senator slammed the plan.")["slammed"]
    assert t["found_by"] == "lexicon" and t["term"] == "slam"


# --------------------------------------------------------------------------- confidence and sensitivity

def test_every_flag_has_confidence_and_the_sensitivity_it_shows_at():
    found = terms("The dictator's pathetic plan failed.")
    assert found
    for t in found:
        assert 0 < t["confidence"] <= 1
        assert t["sensitivity"] == ("clear" if t["confidence"] >= evaluative.CLEAR_CONFIDENCE else "all")
    kinds = {t["found_by"]: t["sensitivity"] for t in found}
    assert kinds["lexicon"] == "clear" and kinds["evaluative_adjective"] == "all"


def test_pattern_flags_stay_below_the_clear_threshold():
    assert evaluative.CONFIDENCE_CAP < evaluative.CLEAR_CONFIDENCE <= evaluative.LEXICON_CONFIDENCE


def test_the_word_table_names_its_sources_and_licences():
    text = resources.files("quotetrail").joinpath("data/evaluative.tsv").read_text("utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "VADER" in header and "MIT License" in header and "PDDL" in header
    assert evaluative.words()["pathetic"][0] < 0


# --------------------------------------------------------------------------- false positives fixed by method

@pytest.mark.parametrize("sentence", [
    "She filed a lawsuit claiming she was dismissed for her age.",
    "The complaint claims the company ignored safety rules.",
    "A former guard filed a complaint with the rights commission claiming he was dismissed unfairly.",
])
def test_a_filing_that_claims_is_the_legal_sense_not_doubt(sentence):
    assert not [t for t in terms(sentence) if t["category"] == "doubt"]


def test_a_person_who_claims_is_still_doubt():
    assert by_text("The mayor claims the budget is balanced.")["claims"]["category"] == "doubt"


def test_terrorist_as_the_kind_of_act_is_a_description():
    assert "terrorist" not in by_text("The terrorist attacks of that year killed hundreds of people.")
    assert by_text("Two terrorist groups claimed the bombing.")["terrorist"]["category"] == "label"


def test_a_quoted_word_of_a_named_speaker_is_not_a_scare_quote():
    found = terms("Senator Lopez said the plan was \u201creckless\u201d and would fail.")
    assert not [t for t in found if t["category"] == "scare_quote"]


def test_a_hyphenated_compound_in_marks_is_a_term_being_named():
    found = terms("Engineers measured \u201cfreeze-thaw\u201d damage on the bridge.")
    assert not [t for t in found if t["category"] == "scare_quote"]


def test_a_lone_quoted_word_nobody_said_is_still_a_scare_quote():
    found = terms("The town lives under a \u201ctemporary\u201d curfew now in its third year.")
    assert [t["text"] for t in found if t["category"] == "scare_quote"] == ["temporary"]


def test_what_somebody_calls_credits_the_name_and_is_not_flagged():
    found = terms("The army defended what the general staff calls a \u201cstabilisation measure\u201d in the east.")
    assert not [t for t in found if t["category"] in ("doubt", "scare_quote")]


def test_distancing_phrase_before_a_quoted_statement_only_introduces_it():
    found = terms("He defended what his office called \u201cthe right decision at a hard time\u201d.")
    assert not [t for t in found if t["category"] == "doubt"]


def test_a_word_the_reader_switched_off_is_not_flagged_by_a_pattern_either(tmp_path, monkeypatch):
    sentence = "The brutal commander left the town."
    assert by_text(sentence)["brutal"]["found_by"] == "lexicon"
    path = tmp_path / "mine.jsonl"
    path.write_text('{"term": "brutal", "disabled": true}\n', "utf-8")
    monkeypatch.setenv(loaded.USER_LEXICON_ENV, str(path))
    loaded.clear_caches()
    assert "brutal" not in by_text(sentence)


def test_a_legal_finding_is_not_a_verdict_of_the_writer():
    found = by_text("The treasurer pleaded guilty to fraud on Monday.")
    assert "guilty" not in found


def test_the_first_half_of_a_hyphenated_compound_is_not_judged():
    found = by_text("The lame-duck council passed the budget.")
    assert not [t for t in found.values() if t["found_by"] == "evaluative_adjective"]


def test_a_negative_sentence_adverb_is_judged():
    t = by_text("Sadly, the new mayor abandoned the park project.")
    assert t["Sadly"]["found_by"] == "evaluative_adverb"


def test_an_adverb_judges_as_its_adjective_does():
    # "harshly" is rated through "harsh" when the lexicons do not list the adverb itself
    t = by_text("The new governor harshly dismissed the teachers.")
    assert t["harshly"]["found_by"] == "evaluative_adverb"


def test_a_headline_in_title_case_is_read_like_prose():
    # capital letters in a headline say nothing about names
    t = by_text("Farmers Claim The New Rule Would Ruin Small Dairies")
    assert t["Claim"]["category"] == "doubt"


# --------------------------------------------------------------------------- predicative adjectives

def test_a_mildly_negative_predicative_adjective_reports_a_state():
    # "difficult" (VADER -1.5) after a copula says how the talks went, not what the writer thinks of anybody
    found = by_text("The talks were difficult, and the delegates left late.", "The second session was dull.")
    assert "difficult" not in found and "dull" not in found


def test_a_strongly_negative_predicative_adjective_is_still_a_verdict():
    t = by_text("The senator's remarks on the budget were idiotic.")["idiotic"]
    assert t["found_by"] == "evaluative_adjective" and t["voice"] == "outlet"


def test_the_same_mild_adjective_before_a_noun_is_still_judged():
    assert by_text("The council passed a dreadful budget on Monday.")["dreadful"]["found_by"] == "evaluative_adjective"


# --------------------------------------------------------------------------- reporting verbs that judge

def test_a_reporting_verb_that_judges_instead_of_saying():
    t = by_text("Senator Okafor lambasted the ruling on Tuesday.")["lambasted"]
    assert t["found_by"] == "judging_report" and t["category"] == "intensifier"
    assert "reporting verb" in t["explanation"] and "Okafor" in t["explanation"]
    assert "criticised" in t["alternatives"] and t["sensitivity"] == "all"
    assert "cues.json" in t["source"]


def test_another_characterising_verb_of_the_quote_layer_is_found_too():
    assert by_text("The mayor touted the new bus lanes at a rally.")["touted"]["found_by"] == "judging_report"


def test_the_plain_verb_for_the_same_act_is_not_flagged():
    # the formal verbs of wire copy count as plain too
    found = terms("Senator Okafor criticised the ruling on Tuesday.", "The mayor praised the new bus lanes.",
                  "The union denounced the plan and commended the nurses.")
    assert not [t for t in found if t["found_by"] == "judging_report"]


def test_a_judging_reporting_verb_inside_a_speakers_quote_is_theirs():
    found = terms("\u201cShe lambasted the ruling and left,\u201d the aide said.")
    assert not [t for t in found if t["found_by"] == "judging_report"]


def test_a_judging_reporting_verb_needs_somebody_as_its_subject():
    # a thing that "hails" nothing: without a person, group or body as subject there is no report
    found = terms("Heavy rain hailed down on the coast overnight.")
    assert not [t for t in found if t["found_by"] == "judging_report"]


def test_the_word_after_an_opposing_prefix_is_not_a_lexicon_label():
    # "anti-fascist" names what a group opposes; the lexicon's "fascist" is a label only on its own
    found = terms("Members of an anti-fascist group marched on Sunday.", "The councillor called the rally fascist.")
    assert [t["text"] for t in found if t["term"] == "fascist"] == ["fascist"]
    assert found[[t["term"] for t in found].index("fascist")]["start"] > 50


def test_a_subjective_adjective_of_no_polarity_describes():
    # Pattern rates 'violent' fully subjective but gives it no polarity: "violent winds" describe
    assert evaluative.words()["violent"][2] == 0
    assert "violent" not in by_text("Violent winds tore the roofs off two barns on Friday.")
    assert by_text("The cruel senator left the chamber early.")["cruel"]["found_by"] == "evaluative_adjective"


def test_a_contemptuous_predicate_noun_needs_a_person_or_group_as_subject():
    found = by_text("The new toll is a disaster for the drivers.", "Last winter was a tragedy for the farms.",
                    "The councillor is a liar.")
    assert "disaster" not in found and "tragedy" not in found
    assert found["liar"]["found_by"] == "contemptuous_noun"
