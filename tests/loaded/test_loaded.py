"""Loaded terms: each category, each voice, wrong senses, inflections, the reader's lexicon file.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import pytest

from quotetrail import article, loaded, nlp
from quotetrail import quotes as quotes_layer


@dataclass
class FakeQuote:
    """The three fields the loaded layer reads from a quote."""
    id: str
    kind: str
    content: list[tuple[int, int]]
    marks: list[tuple[int, int]] = field(default_factory=list)


def parse(*paragraphs: str, title: str | None = None) -> nlp.Parsed:
    obj = {"paragraphs": list(paragraphs)}
    if title:
        obj["title"] = title
    return nlp.parse(article.from_dict(obj))


def terms_of(*paragraphs: str, quotes=(), scare=()) -> list[dict]:
    return loaded.find_loaded_terms(parse(*paragraphs), list(quotes), list(scare))


def texts(*paragraphs: str) -> list[str]:
    return [t["text"] for t in terms_of(*paragraphs)]


def cats(*paragraphs: str) -> dict[str, str]:
    return {t["text"]: t["category"] for t in terms_of(*paragraphs)}


def rng(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return i, i + len(part)


# --------------------------------------------------------------------------- categories

def test_label_regime_for_a_government_is_flagged():
    found = cats("Officials of the Minsk regime detained three reporters on Tuesday.")
    assert found == {"regime": "label"}


def test_label_regime_inflection_and_alternatives():
    [t] = terms_of("Both regimes have jailed opposition leaders.")
    assert t["text"] == "regimes" and t["term"] == "regime"
    assert "government" in t["alternatives"] and t["explanation"] and t["source"]


@pytest.mark.parametrize("sentence", [
    "The visa regime between the two countries was eased last spring.",
    "Brussels tightened its sanctions regime on Thursday.",
    "The new tax regime will take effect in January.",
    "Critics say the policy amounts to regime change.",
    "Patients on the new treatment regime recovered faster.",
])
def test_regime_wrong_senses_are_not_flagged(sentence):
    assert "regime" not in texts(sentence)


def test_label_dictator_and_terrorist_inflections():
    found = texts("The dictators met in secret.", "Two terrorists were arrested near the border.")
    assert found == ["dictators", "terrorists"]


def test_counter_terrorism_is_not_a_label():
    assert texts("Counter-terrorism police searched the flat.") == []


def test_euphemism_counter_terrorist_operation():
    found = terms_of("The ministry says the counter-terrorist operation is going to plan.")
    assert [(t["text"], t["category"]) for t in found] == [("counter-terrorist operation", "euphemism")]


def test_euphemism_killing_people_but_not_a_threat():
    assert cats("Troops neutralised four militants overnight.") == {"neutralised": "euphemism"}
    assert texts("Engineers neutralised the threat from the flood barrier.") == []
    assert texts("Add lime to neutralize the acid in the soil.") == []


def test_euphemism_liberated_territory_but_not_liberation_movements():
    assert cats("The army said it had liberated the village of Nova Hora.") == {"liberated": "euphemism"}
    assert texts("She wrote a history of women's liberation.") == []


def test_doubt_reporting_verb_claims():
    found = terms_of("The mayor claims the budget is balanced.", "The ministry claimed that no shells had landed.")
    assert [(t["text"], t["category"]) for t in found] == [("claims", "doubt"), ("claimed", "doubt")]


@pytest.mark.parametrize("sentence", [
    "Insurance claims rose sharply after the storm.",
    "The group claimed responsibility for the blast.",
    "The disease has claimed the lives of 40 people.",
    "His claim was rejected by the court.",
])
def test_claims_wrong_senses_are_not_flagged(sentence):
    assert texts(sentence) == []


def test_doubt_adverbs():
    assert cats("The convoy allegedly carried weapons, and the note was purportedly signed by him.") == {
        "allegedly": "doubt", "purportedly": "doubt"}


def test_what_he_calls_is_plain_attribution():
    # "what he calls" credits a name to its speaker; newspapers use it neutrally (it is not flagged)
    assert texts("The general defended what he calls a \u201cpeace enforcement mission\u201d in the north.") == []
    assert texts("The deal survived despite what he called deep disagreements over trade.") == []


def test_so_called_with_and_without_hyphen():
    assert cats("The so-called reform plan stalled.") == {"so-called": "so_called"}
    assert cats("The so called reform plan stalled.") == {"so called": "so_called"}


def test_contested_name_and_the_neutral_one():
    found = terms_of("Talks in Burma resumed, while Myanmar's envoy stayed away.")
    assert [(t["text"], t["category"]) for t in found] == [("Burma", "contested_name")]
    assert "Myanmar" in found[0]["explanation"]


@pytest.mark.parametrize("sentence", [
    "Shipping resumed in the Gulf of Mexico.",
    "Shelling continued across the Donbas.",
    "Talks in Kiev resumed.",       # the spellings of one country's places are not the lexicon's business
])
def test_neutral_names_are_not_flagged(sentence):
    assert texts(sentence) == []


def test_loyalty_labels_from_the_parse_not_a_list_of_countries():
    found = cats("Pro-Iranian militias attacked the base.", "The pro-Western bloc won the vote.")
    assert set(found.values()) == {"label"} and len(found) == 2


def test_foreign_sponsor_labels_from_the_parse():
    assert cats("The rebels and their Turkish backers rejected the deal.") == {"Turkish backers": "label"}


def test_intensifiers_and_epithets():
    found = cats("The all-out assault followed a failed counteroffensive.")
    assert found == {"all-out": "intensifier", "failed": "intensifier"}


@pytest.mark.parametrize("sentence", [
    "The talks failed on Monday.",
    "It was a failed attempt to cross the river.",
    "The team went all out in the final.",
])
def test_intensifier_wrong_senses(sentence):
    assert texts(sentence) == []


def test_migration_labels_but_not_illegal_goods():
    assert cats("Police detained 40 illegal immigrants at the port.") == {"illegal immigrants": "label"}
    assert texts("Police seized illegal drugs at the port.") == []


def test_coup_label_only_when_the_outlet_marks_it_as_disputed():
    assert cats("He blames the US-backed coup for the crisis.") == {"US-backed": "label", "coup": "label"}
    assert cats("Officials recalled the \u201ccoup\u201d of that winter.") == {"coup": "label"}
    assert texts("The military coup in 2021 ended the democratic experiment.") == []
    assert texts("The general seized power in a coup.") == []


def test_capitalised_match_inside_a_name_is_not_the_outlets_word():
    assert texts("Parliament debated the Prevention of Terrorist Finance Act again.") == []
    assert texts("Children loved the puppet show at the fair.") == []


def test_noun_tagged_as_a_verb_is_not_a_reporting_verb():
    assert texts("Addressing claims that the law was unenforceable, the minister spoke for an hour.") == []


def test_backers_and_backed_compounds():
    found = cats("Rebels and their Western backers rejected the deal, as did Kremlin-backed officials.")
    assert found == {"Western backers": "label", "Kremlin-backed": "label"}


def test_neutral_news_copy_has_no_loaded_terms():
    found = texts(
        "The central bank raised interest rates by a quarter point on Wednesday, citing inflation.",
        "The war has displaced millions of people, the United Nations said.",
        "Ukrainian forces launched a counteroffensive in the south, officials said.",
        "The president said the invasion had united the country's allies.",
    )
    assert found == []


# --------------------------------------------------------------------------- scare quotes

def test_scare_candidate_becomes_a_scare_quote_in_the_outlet_voice():
    text = "The army asked residents to \u201cvoluntarily\u201d leave the town."
    p = parse(text)
    [t] = loaded.find_loaded_terms(p, [], [rng(p.doc.text, "voluntarily")])
    assert (t["text"], t["category"], t["voice"], t["quote_id"]) == ("voluntarily", "scare_quote", "outlet", None)


def test_quoted_subhead_and_so_called_phrase_are_not_scare_quotes():
    sub, body = "\u2018BACK TO WORK\u2019", "Their so-called \u201crescue plan\u201d failed to impress anyone."
    p = parse("Intro paragraph of the story.", sub, body)
    cands = [rng(p.doc.text, "BACK TO WORK"), rng(p.doc.text, "rescue plan")]
    found = loaded.find_loaded_terms(p, [], cands)
    assert [t["category"] for t in found] == ["so_called"]
    assert "quotation marks" in found[0]["explanation"]


@pytest.mark.parametrize("paragraph, phrase", [
    ("Critics dislike the film \u201cNight of the Long Knives\u201d for its pace.", "Night of the Long Knives"),
    ("The label \u201curban\u201d confuses listeners.", "urban"),
    ("Fans argue over \u201cbebop\u201d, \u201ccool\u201d and swing.", "cool"),
    ("The minister said talks were at a \u201cdelicate stage\u201d on Monday.", "delicate stage"),
    ("The fund returned \u201c40% a year\u201d to investors.", "40% a year"),
])
def test_quoted_phrases_that_are_not_scare_quotes(paragraph, phrase):
    p = parse("A first paragraph about nothing.", paragraph)
    found = loaded.find_loaded_terms(p, [], [rng(p.doc.text, phrase)])
    assert [t for t in found if t["category"] == "scare_quote"] == []


def test_scare_quoted_lexicon_term_keeps_its_entry():
    p = parse("The army wrote off the dead villagers as \u201ccollateral damage\u201d in its report.")
    [t] = loaded.find_loaded_terms(p, [], [rng(p.doc.text, "collateral damage")])
    assert t["category"] == "euphemism" and "scare quotes" in t["explanation"]


# --------------------------------------------------------------------------- voice

def test_term_in_a_direct_quote_has_quote_voice_and_id():
    text = "\u201cThe regime will fall,\u201d the activist said."
    p = parse(text)
    q = FakeQuote("q1", "direct", [rng(p.doc.text, "The regime will fall,")])
    [t] = loaded.find_loaded_terms(p, [q], [])
    assert (t["voice"], t["quote_id"], t["in_paraphrase"]) == ("quote", "q1", False)


def test_same_word_outside_the_quote_is_the_outlet_voice():
    text = "The regime denied it. \u201cThe regime will fall,\u201d the activist said."
    p = parse(text)
    q = FakeQuote("q1", "direct", [rng(p.doc.text, "The regime will fall,")])
    voices = [(t["voice"], t["quote_id"]) for t in loaded.find_loaded_terms(p, [q], [])]
    assert voices == [("outlet", None), ("quote", "q1")]


def test_term_in_an_indirect_quote_is_the_outlets_paraphrase():
    text = "The minister said the regime had lost control of the north."
    p = parse(text)
    q = FakeQuote("q2", "indirect", [rng(p.doc.text, "the regime had lost control of the north")])
    [t] = loaded.find_loaded_terms(p, [q], [])
    assert (t["voice"], t["quote_id"], t["in_paraphrase"]) == ("outlet", "q2", True)


def test_mixed_quote_voice_depends_on_the_quotation_marks():
    text = "He said the regime was sending \u201cterrorist groups\u201d against villagers."
    p = parse(text)
    content = rng(p.doc.text, "the regime was sending \u201cterrorist groups\u201d against villagers")
    q = FakeQuote("q3", "mixed", [content])
    found = {t["text"]: (t["voice"], t["in_paraphrase"]) for t in loaded.find_loaded_terms(p, [q], [])}
    assert found == {"regime": ("outlet", True), "terrorist": ("quote", False)}


def test_contested_spelling_in_a_direct_quote_is_still_the_outlets_choice():
    text = "\u201cWe will never go back to Burma,\u201d the refugee said."
    p = parse(text)
    q = FakeQuote("q1", "direct", [rng(p.doc.text, "We will never go back to Burma,")])
    [t] = loaded.find_loaded_terms(p, [q], [])
    assert t["voice"] == "quote" and "outlet's choice" in t["explanation"] and "translated" in t["explanation"]


# --------------------------------------------------------------------------- output shape

def test_terms_are_sorted_and_offsets_point_at_the_text():
    p = parse("The junta ruled for years.", "Troops allegedly fired on the so-called protest camp.")
    found = loaded.find_loaded_terms(p, [], [])
    assert [t["start"] for t in found] == sorted(t["start"] for t in found)
    for t in found:
        assert p.doc.text[t["start"]:t["end"]] == t["text"]
        assert set(t) >= {"text", "start", "end", "term", "category", "explanation", "alternatives", "voice",
                          "quote_id", "source"}


def test_offsets_are_code_points_after_an_emoji():
    p = parse("\U0001F600 The dictator spoke.")
    [t] = loaded.find_loaded_terms(p, [], [])
    assert p.doc.text[t["start"]:t["end"]] == "dictator"


def test_link_block_lines_are_skipped():
    links = ["Markets rally on rate hopes", "Storm hits the coast", "Council votes on budget", "New bridge opens",
             "Mayor backs so called \u201cgreen levy\u201d.",
             "Rail strike called off", "Local team wins cup", "Library extends hours", "Festival returns"]
    assert texts("The dictator spoke on Monday.", *links) == ["dictator"]


def test_summary_counts_by_category_and_voice():
    terms = [{"category": "label", "voice": "outlet"}, {"category": "label", "voice": "quote"},
             {"category": "doubt", "voice": "outlet"}]
    assert loaded.summarize(terms) == {"total": 3, "by_category": {"label": 2, "doubt": 1},
                                       "by_voice": {"outlet": 2, "quote": 1}}
    assert loaded.summarize([]) == {"total": 0, "by_category": {}, "by_voice": {"outlet": 0, "quote": 0}}


def test_readability_figures():
    figures = loaded.readability("The cat sat on the mat. It was a sunny day, and the children played outside.")
    assert figures["sentences"] == 2 and figures["words"] > 10
    assert 0 < figures["flesch_reading_ease"] <= 121
    assert loaded.readability("")["words"] == 0


# --------------------------------------------------------------------------- the shipped lexicon

def test_shipped_lexicon_is_broad_and_complete():
    lex = loaded.lexicon()
    entries = list(lex.entries.values())
    assert len(entries) >= 200       # after the entries of one story (a country's place spellings, one side's slogans) went
    for e in entries:
        assert e["category"] in loaded.CATEGORIES
        assert e["explanation"].strip() and e["source"].strip()
        assert isinstance(e["alternatives"], list)
    used = {e["category"] for e in entries}
    assert used >= set(loaded.CATEGORIES) - {"scare_quote"}
    assert lex.problems == []


def test_matchers_are_built_once_per_process():
    assert loaded._matchers() is loaded._matchers()


# --------------------------------------------------------------------------- the reader's lexicon

def write_user_lexicon(tmp_path, monkeypatch, lines: list[str]):
    path = tmp_path / "lexicon.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(loaded.USER_LEXICON_ENV, str(path))
    loaded.clear_caches()
    return path


def test_user_entry_adds_a_term(tmp_path, monkeypatch):
    write_user_lexicon(tmp_path, monkeypatch, [json.dumps({
        "term": "bureaucrat", "variants": ["bureaucrats"], "category": "label",
        "explanation": "Dismissive name for civil servants.", "alternatives": ["official"]})])
    [t] = terms_of("Two bureaucrats signed the order.")
    assert (t["text"], t["category"], t["alternatives"]) == ("bureaucrats", "label", ["official"])
    assert "lexicon.jsonl" in t["source"]


def test_user_entry_switches_a_shipped_one_off(tmp_path, monkeypatch):
    write_user_lexicon(tmp_path, monkeypatch, ['{"term": "Burma", "disabled": true}'])
    assert texts("Talks in Burma resumed.") == []
    assert texts("The dictator spoke.") == ["dictator"]


def test_malformed_lines_are_reported_and_the_shipped_lexicon_still_loads(tmp_path, monkeypatch, caplog):
    path = write_user_lexicon(tmp_path, monkeypatch, [
        "# my words",
        '{"term": "bureaucrat", "category": "label", "explanation": "Dismissive."}',
        '{"term": "pen pusher", "category": "label"',
        '{"term": "paper shuffler", "category": "insult", "explanation": "x"}',
        '{"term": "red tape"}',
        '{"term": "no such shipped word", "disabled": true}',
        '{"term": "jobsworth", "category": "label", "explanation": "x", "colour": "red"}',
    ])
    with caplog.at_level(logging.WARNING, logger="quotetrail.loaded"):
        problems = loaded.lexicon_problems()
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:{n}" for n in (3, 4, 5, 6, 7)]
    assert "not valid JSON" in problems[0] and "category" in problems[1] and "missing" in problems[2]
    assert "switch off" in problems[3] and "colour" in problems[4]
    assert f"{path}:3" in caplog.text
    assert texts("The dictator met a bureaucrat.") == ["dictator", "bureaucrat"]
    assert loaded.check_user_lexicon(path) == problems


def test_check_user_lexicon_on_a_good_and_a_missing_file(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"term": "regime", "alternatives": ["government"]}\n', encoding="utf-8")
    assert loaded.check_user_lexicon(good) == []
    assert loaded.check_user_lexicon(tmp_path / "missing.jsonl") == []


def test_default_user_lexicon_path_is_in_the_config_dir(monkeypatch):
    import platformdirs
    monkeypatch.delenv(loaded.USER_LEXICON_ENV)
    assert loaded.user_lexicon_path() == (
        __import__("pathlib").Path(platformdirs.user_config_dir("quotetrail")) / "lexicon.jsonl")


def test_a_capitalised_title_is_not_a_judgement():
    # a lower-case lexicon word used as a song title in mid-sentence
    assert texts("The band played Hysteria and two new songs.") == []
    assert texts("Critics called the coverage hysteria.") == ["hysteria"]


def test_sports_defence_is_not_stubborn_in_the_loaded_sense():
    assert texts("Lyon could not break down the stubborn Monaco defence.") == []


def scare_quotes(*paragraphs: str) -> list[str]:
    """Scare quotes as the whole analysis finds them: candidates from the quote layer, then the checks."""
    p = parse(*paragraphs)
    found, candidates = quotes_layer.find_quotes(p)
    return [t["text"] for t in loaded.find_loaded_terms(p, found, candidates) if t["category"] == "scare_quote"]


@pytest.mark.parametrize("para", [
    "According to the audit, \"well over half\" the grants went to two towns.",
    "A further £40m has been designated as \"unrecoverable\" by the fund.",
    "The regulator can ban deals it deems \"unfair\" to savers.",
    "In a statement, the board called the two chairs \"in full agreement\" on the merger.",
    "The treasurer kept to his \"balanced books\" pledge all year.",
])
def test_partial_quotes_and_named_rules_are_not_scare_quotes(para):
    assert scare_quotes("The council met on Monday.", para) == []


def test_a_word_held_at_arms_length_is_a_scare_quote():
    assert scare_quotes("The council met on Monday.",
                        "The army was told to \"voluntarily\" leave the valley.") == ["voluntarily"]
    assert scare_quotes("The council met on Monday.", "Most of the \"rescued\" funds never reached the towns.") \
        == ["rescued"]


@pytest.mark.parametrize("loaded_use, plain_use, word", [
    ("The senator slammed the proposal on Tuesday.", "He slammed the door and left.", "slammed"),
    ("The mayor blasted the council over the budget.", "Engineers blasted a tunnel through the rock.", "blasted"),
    ("The embattled minister refused to resign.", "The embattled city held out for a month.", "embattled"),
])
def test_combat_words_only_in_their_loaded_sense(loaded_use, plain_use, word):
    assert word in texts(loaded_use)
    assert texts(plain_use) == []


@pytest.mark.parametrize("sentence, term, category", [
    ("The firebrand lawmaker walked out of the chamber.", "firebrand", "label"),
    ("Hardliners in parliament blocked the deal.", "Hardliners", "label"),
    ("The president launched into a tirade against the press.", "tirade", "intensifier"),
    ("The tax relief will mostly help the richest households.", "tax relief", "euphemism"),
    ("The regime change policy failed within a year.", "regime change", "euphemism"),
])
def test_political_labels_and_framings(sentence, term, category):
    assert cats(sentence).get(term) == category


def test_words_in_a_long_quoted_passage_are_not_the_outlets_voice():
    p = parse("The minister appealed to teenagers \u201cnot to fall for this brutal gang and its lies\u201d on Monday.")
    found, candidates = quotes_layer.find_quotes(p)
    [t] = [t for t in loaded.find_loaded_terms(p, found, candidates) if t["text"] == "brutal"]
    assert t["voice"] == "quote"


def test_illegal_describes_the_act_of_immigration_not_a_person():
    # the entry's own rule (AP): 'illegal' may describe an action; only a person called illegal is a label
    parsed = nlp.parse(article.from_dict({"paragraphs": [
        "The bill aims to curb illegal immigration.", "It would deport illegal immigrants within a year."]}))
    found, scare = quotes_layer.find_quotes(parsed)
    texts = [t["text"] for t in loaded.find_loaded_terms(parsed, found, scare)]
    assert "illegal immigrants" in texts and not [t for t in texts if "immigration" in t]
