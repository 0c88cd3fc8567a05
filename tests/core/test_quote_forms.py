"""Quotation forms and attribution patterns, each test on a short invented text, naming the rule
or pattern id (Quote.rule) it exercises."""
import pytest

from quote_helpers import found, one


def test_two_apostrophes_are_a_double_mark_marks_governed():
    q = one("marks_governed", "The ferry service resumed on Sunday.",
            "''The crossing is safe again,'' Ms. Brannock said. ''We checked every cable.''")
    assert q.text == "The crossing is safe again, We checked every cable."
    assert q.subject.text == "Brannock"


def test_two_apostrophe_quotation_runs_on_into_the_next_paragraph():
    q = one("marks_governed", "''It was a long winter,'' the keeper said. ''The ice came early.",
            "''And it left late.''")
    assert q.text.endswith("And it left late.")
    assert len(q.content) == 3


def test_two_apostrophes_around_a_fragment_marks_fragment_verb():
    q = one("marks_fragment_verb", "What the inspector called ''a patchwork job'' was finished in May.")
    assert q.text == "a patchwork job"


def test_object_with_its_quoted_label_marks_labelled_object():
    q = one("marks_labelled_object", 'Ms. Yang calls the port "a mistake" because so few people live near it.')
    assert q.text == 'the port "a mistake" because so few people live near it'
    q = one("marks_labelled_object", 'He described the plan as "a disaster" on Monday.')
    assert q.text == 'the plan as "a disaster"'


def test_where_and_when_after_an_object_are_not_content_np_object():
    assert one("np_object", "The senator denied the allegations at a rally in Dover on Monday.").text == \
        "the allegations"
    assert one("np_object", "She expressed frustration at the slow pace of the repairs.").text == \
        "frustration at the slow pace of the repairs"


def test_possessive_before_two_apostrophes_is_no_mark():
    assert found("The players' coach left early.") == []


def test_share_of_people_speaks_clause_complement():
    q = one("clause_complement", "Most said they would pay more for a faster train.")
    assert q.subject.text == "Most"
    q = one("clause_complement", "About 40 percent said the ferry was too expensive.")
    assert q.subject.text == "percent"


def test_clause_under_a_misparsed_gerund_clause_complement():
    q = one("clause_complement", "He said building it could put hundreds of people to work in the valley.")
    assert q.text.startswith("building it could put")


def test_called_for_with_an_infinitive_prep_clause():
    q = one("prep_clause", "Later the mayor called for her to quit the harbour board.")
    assert q.text == "her to quit the harbour board"
    assert q.subject.text == "mayor"


def test_called_for_object_with_its_purpose_np_prep_object():
    q = one("np_prep_object", "The mayor called for a new inquiry to examine the flooding at the dam.")
    assert q.text == "a new inquiry to examine the flooding at the dam"


def test_waiting_for_someone_to_act_is_no_report_prep_clause():
    assert found("They waited for the bus to come.") == []


def test_name_and_colon_in_a_headline_colon_headline():
    q = one("colon_headline", "Okafor: Rivals are wrong on interest rates", "The bank chief spoke on Monday.")
    assert q.subject.text == "Okafor"
    assert q.text == "Rivals are wrong on interest rates"


@pytest.mark.parametrize("label", ["Update", "Analysis", "Photos"])
def test_label_and_colon_in_a_headline_is_no_source_colon_headline(label):
    assert [q for q in found(f"{label}: Road closed after the storm", "The road was shut.")
            if q.rule == "colon_headline"] == []


def test_speaker_lines_of_a_transcript_colon_transcript():
    qs = [q for q in found("A transcript of the exchange follows.", "ODELL: We never agreed to that deal.",
                           "VARGA: But you signed it in May.", "ODELL: Only the first page of it.")
          if q.rule == "colon_transcript"]
    assert [q.subject.text for q in qs] == ["ODELL", "VARGA", "ODELL"]
    assert all(q.kind == "direct" for q in qs)


def test_one_capitalised_label_is_no_transcript_colon_transcript():
    assert [q for q in found("The ferry left at noon.", "UPDATE: It has since returned to port.",
                             "Passengers were sent home.") if q.rule == "colon_transcript"] == []


@pytest.mark.parametrize("text", ["As the engineer noted, the old deck is too weak for lorries.",
                                  "The old deck is too weak for lorries, as the engineer noted."])
def test_as_tag_on_either_side_clause_as_cue(text):
    q = one("clause_as_cue", text)
    assert q.text.lower() == "the old deck is too weak for lorries"
    assert q.subject.text == "engineer"


def test_as_tag_with_its_own_clause_reports_nothing_else_clause_as_cue():
    assert [q for q in found("The fair opened at noon, as the mayor said it would.") if q.rule == "clause_as_cue"] == []


def test_sentence_opening_participle_speaks_for_the_subject_clause_complement():
    qs = [q for q in found("Noting he had studied law in Leeds, Mr. Tan said he would appeal.")
          if q.cue.text == "Noting"]
    assert len(qs) == 1 and qs[0].text == "he had studied law in Leeds" and qs[0].subject.text == "Tan"


def test_a_newspaper_can_be_the_source_clause_as_cue():
    assert one("clause_as_cue", "As the paper noted, the harbour is too shallow now.").subject.text == "paper"


def test_name_with_description_and_colon_before_a_quotation_marks_name_colon():
    q = one("marks_name_colon", "Critics were split.",
            'Dana Whitby, editor of The Harbour Weekly: "The plan is a gift to the developers."')
    assert q.subject.text == "Whitby" and q.text == "The plan is a gift to the developers."


def test_a_verb_before_the_colon_is_a_cue_not_a_name_marks_name_colon():
    assert [q.rule for q in found('The note on the door read: "Back at noon, gone fishing."')] != ["marks_name_colon"]


@pytest.mark.parametrize("text", ["The bank declined to comment on the prospects for a merger.",
                                  "He refused to comment on a successor for the post."])
def test_a_refusal_to_comment_is_no_report_np_prep_object(text):
    assert [q for q in found(text) if q.rule == "np_prep_object"] == []


def test_a_name_the_tagger_reads_as_a_noun_still_speaks_clause_complement():
    # 'Draper' alone is tagged as the common noun here; a capitalised bare noun is taken as a name
    q = one("clause_complement", "Emails were asked for. Draper later said he was joking.")
    assert q.subject.text == "Draper" and q.text == "he was joking"


def test_tag_inside_a_clause_with_a_clausal_subject_clause_interposed_tag():
    q = one("clause_interposed_tag", "Whatever progress the mayor has made, officials said, could be undone by the storm.")
    assert q.text == "Whatever progress the mayor has made could be undone by the storm"


def test_short_quotation_punctuated_as_speech_marks_cue_near():
    q = one("marks_cue_near", "''Follow us,'' Ms. Gil said, and the boys trailed behind.")
    assert q.text == "Follow us," and q.subject.text == "Gil"


def test_short_quotation_after_a_shouting_verb_marks_governed():
    assert one("marks_governed", 'As the man left, Mr. Odell yelled, "Out, out!"').text == "Out, out!"


def test_short_title_in_marks_is_no_quote():
    assert [q for q in found('She read "War and Peace" twice.') if q.kind == "direct"] == []


def test_next_sentence_with_its_own_object_is_not_the_tag_marks_cue_near():
    qs = found('The inquiry covers "any matter that arose from the audit." The mayor has denied any wrongdoing.')
    assert [q.rule for q in qs] == ["np_object"]
    assert one("marks_cue_near", '"We are ready." She said it twice.').subject.text == "She"


def test_a_tag_inside_the_sentence_reports_both_sides_according_to():
    q = one("according_to", "Among the oldest cases, according to the court clerk, are three about the mill.")
    assert q.text == "Among the oldest cases are three about the mill"
    assert len(q.content) == 2 and q.subject.text == "clerk"


def test_a_clause_before_a_verb_with_its_own_complement_is_not_its_content():
    # clause_complement: 'kept patching it' says what the crew did, not that the ferry floated
    assert [q.rule for q in found("The old ferry still floated, so the crew kept patching it.")] == []


def test_quoted_words_inside_a_called_for_object_np_prep_object():
    q = one("np_prep_object", "The mayor also called for more \u201cflexibility\u201d for the ferry crews.")
    assert q.kind == "mixed" and q.text == "more \u201cflexibility\u201d for the ferry crews"
    assert not [x for x in found("The mayor also called for more \u201cflexibility\u201d for the ferry crews.")
                if x.rule == "marks_fragment_verb"]


def test_a_quoted_title_in_the_tag_is_not_what_was_said_clause_complement():
    q = one("clause_complement", "On the radio show \u201cMorning Harbour,\u201d the mayor said that the pier would reopen.")
    assert q.text == "the pier would reopen"
    assert [x.text for x in found("On the radio show \u201cMorning Harbour,\u201d the mayor said that the pier would reopen.")
            if "Morning" in x.text] == []


def test_a_title_cased_quotation_is_a_title_not_speech():
    # marks_cue_near: a capitalized name ending in a comma is a show's or a book's title
    assert found("Last month, on the show \u201cHarbour Lights at Dawn,\u201d Ann Lee was asked about the pier.") == []
    assert one("marks_governed", "\u201cWe will rebuild it,\u201d Lee said.").text == "We will rebuild it,"
