"""Reports of requests, appeals and accusations, and the subjects and clauses of plain reports; each
test on a short invented text, naming the rule or pattern id (Quote.rule) it exercises."""
from quote_helpers import found, one, rules


def test_addressee_and_infinitive_object_infinitive():
    # a noun object is also np_object's; the two propose the same words and the resolver keeps one
    hits = [q for q in found("The ferry captain urged the harbour board to delay the new mooring fees.")
            if q.rule in ("object_infinitive", "np_object")]
    assert [(q.text, q.subject.text) for q in hits] == [("the harbour board to delay the new mooring fees", "captain")]
    q = one("object_infinitive", "Ms. Okafor asked them not to close the library before the exams.")
    assert q.text == "them not to close the library before the exams"


def test_infinitive_before_any_addressee_is_no_request_object_infinitive():
    assert "object_infinitive" not in rules("The club wants to ask the council for a bigger pitch.")


def test_relative_pronoun_is_no_addressee_object_infinitive():
    assert "object_infinitive" not in rules("The tenants, whom the landlord urged to leave, stayed all winter.")


def test_called_on_with_an_infinitive_addressed_infinitive():
    q = one("addressed_infinitive", "The growers' union called on the county to repair the flood banks.")
    assert q.text == "the county to repair the flood banks"
    q = one("addressed_infinitive", "The vicar appealed to parishioners to give blankets before the frost.")
    assert q.text == "parishioners to give blankets before the frost"


def test_addressee_follows_the_verb_addressed_infinitive():
    q = one("addressed_infinitive", "The mayor on Friday called on her rival to concede the count.")
    assert q.text == "her rival to concede the count"


def test_called_on_without_an_infinitive_is_no_appeal_addressed_infinitive():
    assert "addressed_infinitive" not in rules("At the briefing the spokesman called on a reporter from the back row.")


def test_pronoun_judged_for_something_object_judged_for():
    q = one("object_judged_for", "Neighbours accused him of dumping rubble in the canal.")
    assert q.text == "him of dumping rubble in the canal"
    assert q.subject.text == "Neighbours"


def test_relative_pronoun_is_no_judged_object_object_judged_for():
    assert "object_judged_for" not in rules("The levy, which the growers had urged for years, passed in May.")


def test_common_noun_subject_of_a_voice_verb_clause_complement():
    # 'baker' is on no list of people; 'said' with a clause still has a speaker
    q = one("clause_complement", "The baker said the new oven would double the morning bread.")
    assert q.subject.text == "baker"


def test_thing_as_subject_of_a_non_voice_verb_is_no_speaker_clause_complement():
    assert "clause_complement" not in rules("The sharp rise indicates that the harbour is busier than last year.")


def test_clause_after_the_verb_is_what_was_said_clause_complement():
    q = one("clause_complement", "The warden was worried because the river kept rising: she said the dam would hold until spring.")
    assert q.text == "the dam would hold until spring"


def test_short_title_in_a_fronted_phrase_is_no_quote():
    qs = found('On the radio show "Morning Fields," the farmer said the harvest came early this year.')
    assert [q.text for q in qs] == ["the harvest came early this year"]


def test_object_of_the_verbs_preposition_with_its_label_marks_labelled_object():
    q = one("marks_labelled_object", 'At one point the coach referred to a linesman as a "clown."')
    assert q.text == 'a linesman as a "clown."'
    q = one("marks_labelled_object", 'The guild passed a motion calling for member shops to weed "bad actors" out of the trade.')
    assert q.text == 'member shops to weed "bad actors" out of the trade'


def test_quoted_name_right_after_the_preposition_stays_a_fragment_marks_fragment_verb():
    assert one("marks_fragment_verb", 'She referred to "the plan" in her speech.').text == "the plan"


def test_accused_whom_and_of_what_marks_in_reported_clause():
    q = one("marks_in_reported_clause",
            'The council issued a statement, accusing the regulator of acting as a "rubber stamp" for the builders.')
    assert q.text == 'the regulator of acting as a "rubber stamp" for the builders'


def test_made_clear_that_made_clear_clause():
    q = one("made_clear_clause", "The mayor has made clear that the east gates will stay shut all winter.")
    assert q.text == "the east gates will stay shut all winter"
    assert q.subject.text == "mayor"


def test_made_it_clear_that_made_clear_clause_under_adj():
    q = one("made_clear_clause_under_adj", "The mayor made it clear that the east gates would stay shut.")
    assert q.text == "the east gates would stay shut"


def test_an_event_making_things_clear_is_no_speaker_made_clear_clause_under_adj():
    assert "made_clear_clause_under_adj" not in rules("The storm made it clear that the sea wall was too low.")


def test_made_the_case_that_made_case_clause():
    q = one("made_case_clause", "The ferry captain made the case that the old pier should be rebuilt.")
    assert q.text == "the old pier should be rebuilt"


def test_phrase_between_verb_and_clause_clause_after_adjunct():
    # the parser hangs this clause on 'margin' as a relative clause
    q = one("clause_after_adjunct", "Residents said by a two-to-one margin that the bridge should be rebuilt.")
    assert q.text == "the bridge should be rebuilt"
    assert q.subject.text == "Residents"


def test_relative_clause_of_a_spoken_of_noun_is_no_adjunct_clause_after_adjunct():
    assert "clause_after_adjunct" not in rules("He spoke of a plan that would cut fares.")


def test_addressee_parsed_as_an_object_after_the_preposition_addressed_infinitive_split():
    # the parser leaves 'on' without its object here; who 'joined others in calling' is who calls
    q = one("addressed_infinitive_split",
            "Ann Lee joined several other growers Tuesday in calling on Ohio Rep. Ben Ortiz to give up his seat over the flood.")
    assert q.text == "Ohio Rep. Ben Ortiz to give up his seat over the flood"
    assert q.subject.text == "Lee"


def test_clause_after_a_comma_is_no_part_of_the_appeal_addressed_infinitive():
    q = one("addressed_infinitive",
            "Ann Lee joined two other growers on Monday in calling on County Judge Ben Ray Ortiz to give up his "
            "seat over the flood, as the judge continued to refuse and vowed to stay in office.")
    assert q.text == "County Judge Ben Ray Ortiz to give up his seat over the flood"
    assert q.subject.text == "Lee"
