"""The evidence sum of coverage.score on pairs of renderings: short lines, the marked words of a mixed
quote, meaning without shared words, a misattributed passage, and the day a quote was made on."""
import datetime as dt

import pytest
from qt_fixtures import make_article

from quotetrail import coverage, occasion, own_words, speaker_match, wording
from quotetrail.embed import embed

MARCH = dt.date(2024, 3, 6).toordinal()


def view(text, kind="direct", name="Helena Marsh", days=(MARCH - 4, MARCH + 1)):
    return {"text": text, "kind": kind, "tokens": wording.tokenize(text), "vecs": embed(wording.units(text)),
            "speaker_name": name, "surname": speaker_match.surname_of(name), "named": speaker_match.named(name),
            "event_lo": days[0], "event_hi": days[1], "venues": []}


def links(a, b):
    ev = coverage.score(a, b)
    return ev is not None and ev["score"] >= coverage.LINK


LONG = "We will not sell the harbour, and the fleet stays public as long as I hold this office."
SHORT = "The fleet stays public."           # three content words


def test_a_short_line_said_word_for_word_by_the_same_speaker_links():
    short = view(SHORT)
    assert links(short, view(LONG))


@pytest.mark.parametrize("name", ["Peter Lund", "some harbour officials"])
def test_a_short_line_shared_by_another_or_unnamed_speaker_does_not(name):
    assert not links(view(SHORT), view(LONG, name=name))


def test_a_short_line_of_the_same_speaker_on_other_days_does_not_link():
    year_before = (MARCH - 400, MARCH - 360)
    assert not links(view(SHORT), view(LONG, days=year_before))


def test_a_short_indirect_line_is_the_outlets_words_and_does_not_vouch():
    said = view("she would keep the fleet public", kind="indirect")
    assert not links(said, view("the fleet must be kept public, she says", kind="indirect"))


MIXED = 'Marsh called the sale of the harbour a "reckless gamble with our grandchildren\'s fishing rights."'
DIRECT = ("Selling the harbour now would be a reckless gamble with our grandchildren's fishing rights, "
          "and I will fight it in every council meeting.")


def test_marked_words_found_in_the_other_rendering_link_a_mixed_quote():
    assert links(view(MIXED, kind="mixed"), view(DIRECT))
    assert links(view(DIRECT), view(MIXED, kind="mixed"))


def test_one_rare_marked_word_is_enough_but_a_common_one_is_not():
    rare = view('she dismissed the tender as "skulduggery" by the port board', kind="mixed")
    common = view('she said the tender was "wrong" and would be stopped', kind="mixed")
    said = "It is skulduggery, plain and simple, and it was wrong from the first day."
    assert links(rare, view(said))
    assert not links(common, view(said))


def test_marked_words_need_the_same_speaker_and_the_speakers_own_words_on_the_other_side():
    assert not links(view(MIXED, kind="mixed"), view(DIRECT, name="Peter Lund"))
    paraphrase = view("she said selling the harbour would be a reckless gamble with our grandchildren's fishing "
                      "rights and promised to fight it", kind="indirect")
    assert not own_words.found(view(MIXED, kind="mixed"), paraphrase, coverage.FRAGMENT_INFO)


def test_a_title_in_marks_is_not_the_speakers_words():
    show = view('she told "Morning Harbour Hour" that talks would resume', kind="mixed")
    assert not own_words.found(show, view("I was on Morning Harbour Hour and the talks are going well."),
                               coverage.FRAGMENT_INFO)


def test_a_mixed_quote_of_nothing_but_a_short_term_does_not_link_by_itself():
    term = view("managed decline", kind="mixed")
    assert not links(term, view("What they call managed decline is the end of the fleet as we know it."))


def test_meaning_without_shared_words_does_not_link_the_same_speakers_other_remark():
    a = view("Our trawlers have been tied up for three winters and the families are leaving the coast.")
    b = view("The northern boats sat idle for years while young people moved away from the villages.")
    ev = coverage.score(a, b)
    assert ev["words"] < coverage.BOTH_FLOOR and ev["score"] < coverage.LINK


def test_the_same_passage_under_two_names_is_one_misattributed_statement():
    passage = "Every ferry still sailing saves an island school from closing."
    longer = passage + " The council has waited long enough, and so have the crews."
    assert coverage.score(view(passage), view(longer, name="Peter Lund"))["speaker"] == "unknown"
    assert coverage.score(view("The island school stays open."), view(longer, name="Peter Lund"))["speaker"] \
        == "different"


def test_a_year_recounted_elsewhere_does_not_date_the_quote():
    profile = make_article("https://reader.test/profile", [
        "A profile of Marsh in 2019, it said, called her the harbour's fiercest defender.",
        "\u201cThe fleet stays in public hands,\u201d Marsh said.",
    ], published="2024-03-06T09:00:00+00:00")
    lo, hi = (occasion.occasion(profile, [1], "marsh")[k] for k in ("event_lo", "event_hi"))
    assert lo <= MARCH <= hi
    dated = make_article("https://reader.test/dated", [
        "\u201cThe fleet stays in public hands,\u201d Marsh told reporters in 2019.",
    ], published="2024-03-06T09:00:00+00:00")
    lo, hi = (occasion.occasion(dated, [0], "marsh")[k] for k in ("event_lo", "event_hi"))
    assert dt.date.fromordinal(lo).year == dt.date.fromordinal(hi).year == 2019


def test_marked_stretches_and_word_information():
    assert own_words.marked('he called it \u201cgrave\u201d and "not final" in his reply') == ["grave", "not final"]
    assert own_words.marked('It\'s the crew\u2019s boat, she said of the \u2018last trawler\u2019.') == ["last trawler"]
    # a stray straight mark (a quote cut inside a title) is dropped so the next pair still pairs
    assert own_words.marked('Hour" about the sale, calling it "a gamble"') == ["a gamble"]
    assert own_words.info("skulduggery") > own_words.info("harbour") > own_words.info("the")
    assert own_words.contains(["a", "reckless", "gamble", "now"], ["reckless", "gamble"])
    assert not own_words.contains(["a", "reckless", "big", "gamble"], ["reckless", "gamble"])


SAID = "Frankly, I feel hoodwinked by the port board and its endless tender rules."


def test_a_paraphrase_keeping_the_telling_words_of_the_same_speaker_links():
    paraphrase = view("she felt hoodwinked by the port board", kind="indirect")
    assert links(paraphrase, view(SAID))
    assert not links(paraphrase, view(SAID, name="Peter Lund"))


def test_common_shared_words_or_a_negation_on_one_side_are_not_telling():
    assert own_words.telling_overlap(wording.tokenize("she said the board had a good year"),
                                     wording.tokenize("It was a good year for the board."))[1] < coverage.TELLING_SUM
    assert own_words.telling_overlap(wording.tokenize("she was not hoodwinked by the port board"),
                                     wording.tokenize(SAID)) == (0.0, 0.0)


def test_one_capitalised_word_in_marks_is_a_word_said_not_a_title():
    assert own_words.is_title(["Morning", "Harbour", "Hour"])
    assert not own_words.is_title(["Never"])
