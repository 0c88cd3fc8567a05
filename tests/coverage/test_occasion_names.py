"""Occasion evidence reads countries, peoples and languages from pycountry's data (world_names.py), not
from a list of its own: a place named with a venue is not the venue, and a statement made in another
language was translated. Sentences written for these tests; the venues are invented."""
from qt_fixtures import make_article

from quotetrail import occasion, world_names


def test_a_country_or_people_before_a_venue_is_not_the_venue():
    assert occasion.venues_in("She told Kenya's Radio Lumo on Friday.") == ["lumo"]
    assert occasion.venues_in("He told Zambian broadcaster Canal Vesta.") == ["canal", "vesta"]
    assert occasion.venues_in("In an interview with Latvian and Estonian reporters, he said…") == []
    assert occasion.venues_in("She told Finnish radio.") == []


def test_a_name_of_several_words_goes_whole_and_its_words_alone_stay():
    # "Sri Lanka", "Costa Rican", "Great Britain": places; "Central" and "New" alone name a venue
    assert occasion.venues_in("He told Sri Lanka officials.") == []
    assert occasion.venues_in("She told Costa Rican media.") == []
    assert occasion.venues_in("He told Great Britain's Ferncast.") == ["ferncast"]
    assert occasion.venues_in("She told Central Ferncast Radio.") == ["central", "ferncast"]
    assert occasion.venues_in("He told the New Harbour Gazette.") == ["new", "harbour", "gazette"]


def test_derived_names_of_peoples_and_countries():
    words = world_names.place_words()
    for w in ("iranian", "israeli", "indian", "american", "russia", "saudi", "arab", "turkiye", "britain"):
        assert w in words, w
    for w in ("central", "new", "republic", "independent", "radio", "times"):
        assert w not in words, w


def test_a_language_other_than_english_marks_the_words_translated():
    def said(line):
        article = make_article("https://occasion.test/1", [line])
        return occasion.translated(article, [0])

    assert said("\u201cWe will rebuild the pier,\u201d she said in Tagalog.")
    assert said("\u201cWe will rebuild the pier,\u201d he said in Persian on Monday.")
    assert not said("\u201cWe will rebuild the pier,\u201d she said in English.")
    assert not said("\u201cWe will rebuild the pier,\u201d he said in Tonga.")          # a place, not the language
    assert not said("\u201cWe will rebuild the pier,\u201d she said in Kenya.")


def test_languages_are_general_and_not_english():
    names = world_names.languages()
    assert len(names) > 150 and "English" not in names
    assert {"Arabic", "Chinese", "Hindi", "Swahili", "Greek", "Bangla"} <= set(names)
