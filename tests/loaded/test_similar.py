"""Words the lexicons never rated that take the rating of a word close in meaning (similar.py,
data/similar.tsv from WordNet), and the checks that keep that inheritance narrow.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import pytest

from quotetrail import article, evaluative, loaded, nlp, similar
from quotetrail import quotes as quotes_layer


@pytest.fixture(autouse=True)
def no_user_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv(loaded.USER_LEXICON_ENV, str(tmp_path / "absent.jsonl"))
    loaded.clear_caches()
    yield
    loaded.clear_caches()


def by_text(*paragraphs: str) -> dict[str, dict]:
    parsed = nlp.parse(article.from_dict({"paragraphs": list(paragraphs)}))
    found, scare = quotes_layer.find_quotes(parsed)
    return {t["text"]: t for t in loaded.find_loaded_terms(parsed, found, scare)}


def test_an_unrated_adjective_takes_the_rating_of_its_wordnet_neighbour():
    # 'vindictive' is in neither VADER nor Pattern; WordNet puts it in one synset with 'revengeful'.
    assert "vindictive" not in evaluative.words()
    t = by_text("The vindictive governor cut the city's funds again.")["vindictive"]
    assert t["found_by"] == "evaluative_adjective" and t["voice"] == "outlet"
    assert "\u201crevengeful\u201d (WordNet)" in t["explanation"]
    assert t["source"] and t["alternatives"]


def test_an_inherited_find_is_less_confident_than_the_same_pattern_on_a_rated_word():
    t = by_text("The vindictive governor cut the city's funds again.")["vindictive"]
    rated = by_text("The spiteful governor cut the city's funds again.")["spiteful"]
    assert "WordNet" not in rated["explanation"]
    valence = evaluative.words()["revengeful"][0]
    pattern = evaluative.PATTERNS["evaluative_adjective"]
    expected = min(evaluative.CONFIDENCE_CAP, pattern.base + evaluative.CONFIDENCE_PER_VALENCE * abs(valence))
    assert t["confidence"] == pytest.approx(expected - similar.CONFIDENCE_DISCOUNT, abs=0.011)


def test_the_inherited_rating_still_needs_the_parse_to_show_a_judgement():
    # the same word inside a speaker's quote is the speaker's, not the outlet's
    assert "vindictive" not in by_text("\u201cThe governor is vindictive and petty,\u201d the mayor said.")


def test_a_function_word_never_inherits():
    # 'only' shares a WordNet synset with 'lonesome', which VADER rates negative
    assert "only" not in by_text("She alone of the councillors stayed in the chamber; the only one left.")


def test_verbs_do_not_inherit():
    assert "VERB" not in similar.PARTS and all(pos in similar.PARTS for _, pos in similar.table())


def test_every_row_names_a_rated_seed_and_a_word_the_lexicons_do_not_rate():
    rated = evaluative.words()
    for (word, pos), (seed, relation) in similar.table().items():
        assert relation in similar.RELATIONS
        assert word not in rated, word
        assert seed in rated and seed != word, (word, seed)
