"""Who said what: each behaviour on a short article written for it."""
import pytest


def quotes_of(resp, kind=None):
    return [q for q in resp["quotes"] if kind is None or q["kind"] == kind]


def only(resp, kind=None):
    found = quotes_of(resp, kind)
    assert len(found) == 1, [(q["kind"], q["text"]) for q in resp["quotes"]]
    return found[0]


@pytest.mark.parametrize("para", [
    "“The bridge will reopen in March,” said Mayor Ana Ruiz.",
    "\"The bridge will reopen in March,\" Mayor Ana Ruiz said.",
    "«The bridge will reopen in March», Mayor Ana Ruiz said.",
    "„The bridge will reopen in March“, Mayor Ana Ruiz said.",
    "Mayor Ana Ruiz said: “The bridge will reopen in March.”",
])
def test_direct_quote_in_any_marks_with_cue_before_or_after(analyze_text, para):
    q = only(analyze_text("The city council met on Tuesday.", para), "direct")
    assert q["text"].rstrip(",.") == "The bridge will reopen in March"
    assert q["speaker"]["name"] == "Ana Ruiz"
    assert q["cue"]["lemma"] == "say"


def test_cue_in_the_middle_joins_both_halves(analyze_text):
    resp = analyze_text("“We have the money,” Ruiz told reporters, “and we have the workers to finish it.”",
                        "Mayor Ana Ruiz spoke after the vote.")
    q = only(resp, "direct")
    assert len(q["spans"]) == 2
    assert "We have the money" in q["text"] and "workers to finish it" in q["text"]


def test_multi_sentence_quote_with_ellipsis_and_bracket(analyze_text):
    resp = analyze_text("Health minister Omar Haddad spoke on Friday.",
                        "“The wards are full … We [the ministry] will open two more. Nobody will be turned away,” "
                        "Haddad said.")
    q = only(resp, "direct")
    assert q["text"].startswith("The wards are full … We [the ministry] will open two more.")
    assert q["speaker"]["name"] == "Omar Haddad"


def test_quote_running_over_three_paragraphs(analyze_text):
    resp = analyze_text(
        "Coach Lena Berg said after the match: “We started slowly and paid for it.",
        "“In the second half we pressed higher and the goals came.",
        "“I am proud of how the young players answered.”",
        "The club plays again on Sunday.",
    )
    q = only(resp, "direct")
    assert {s["paragraph"] for s in q["spans"]} == {0, 1, 2}
    assert q["text"].startswith("We started slowly") and q["text"].endswith("answered.")
    assert q["speaker"]["name"] == "Lena Berg"


def test_indirect_quotes(analyze_text):
    resp = analyze_text(
        "Finance Minister Clara Voss said the budget would be balanced by 2027.",
        "Voss told lawmakers that spending on schools would rise.",
        "According to the central bank, inflation will fall below three percent next year.",
        "Opposition leader Marco Brandt insisted that the figures did not add up.",
    )
    texts = {q["text"]: q for q in quotes_of(resp, "indirect")}
    assert texts["the budget would be balanced by 2027"]["speaker"]["name"] == "Clara Voss"
    assert texts["spending on schools would rise"]["speaker"]["name"] == "Clara Voss"
    bank = next(q for t, q in texts.items() if t.startswith("inflation will fall"))
    assert bank["speaker"]["kind"] == "organisation"
    assert texts["the figures did not add up"]["speaker"]["name"] == "Marco Brandt"


def test_mixed_quote_keeps_reported_clause(analyze_text):
    resp = analyze_text("Union head Priya Nair argued that the deal offers “a fair and lasting settlement for "
                        "every worker” in the plant.")
    q = only(resp)
    assert q["kind"] == "mixed"
    assert q["text"].startswith("the deal offers")
    assert q["speaker"]["name"] == "Priya Nair"


def test_scare_quotes_titles_and_inch_marks_are_not_quotes(analyze_text):
    resp = analyze_text(
        "The layoffs are part of a “restructuring” of its teams.",
        "Critics of the \"reform\" gathered outside the office on Monday.",
        "She watched “The Long Night” on a 55\" screen at home.",
    )
    assert resp["quotes"] == []


def test_headline_quote_is_marked(analyze_text):
    resp = analyze_text("Mayor says the bridge will reopen in March",
                        "Mayor Ana Ruiz said the bridge would reopen in March after repairs.",
                        title="Mayor says the bridge will reopen in March")
    heads = [q for q in resp["quotes"] if q["headline"]]
    body = [q for q in resp["quotes"] if not q["headline"]]
    assert heads and body
    assert body[0]["speaker"]["name"] == "Ana Ruiz"


def test_pronoun_and_description_chain_across_paragraphs(analyze_text):
    resp = analyze_text(
        "Prime Minister Elena Markovic met union leaders on Monday.",
        "“We will not cut pensions,” she said.",
        "The talks lasted four hours, and President Tomas Hale joined by video.",
        "The prime minister later insisted that the plan was final.",
        "“There is no other option on the table,” Markovic added.",
    )
    names = [q["speaker"]["name"] for q in resp["quotes"]]
    assert names == ["Elena Markovic"] * 3, [(q["text"], q["speaker"]) for q in resp["quotes"]]
    speaker = resp["speakers"][0]
    assert len(speaker["quote_ids"]) == 3
    assert any("prime minister" in d["text"].lower() for d in speaker["descriptions"])


def test_two_speakers_in_one_paragraph(analyze_text):
    resp = analyze_text("“Prices will fall,” said economist Jonas Weber, but analyst Mia Chen said that "
                        "the outlook was uncertain.")
    by_name = {q["speaker"]["name"]: q for q in resp["quotes"]}
    assert set(by_name) == {"Jonas Weber", "Mia Chen"}
    assert by_name["Mia Chen"]["kind"] == "indirect"


def test_organisation_as_speaker(analyze_text):
    resp = analyze_text("The Health Ministry said in a statement that vaccination centres would stay open.")
    q = only(resp)
    assert q["speaker"]["kind"] == "organisation"
    assert "Health Ministry" in q["speaker"]["name"]


def test_shared_title_does_not_merge_two_presidents(analyze_text):
    resp = analyze_text(
        "President Laura Kent said the summit was a success.",
        "President Ivo Petrov said that the trade talks would continue.",
    )
    names = [q["speaker"]["name"] for q in resp["quotes"]]
    assert names == ["Laura Kent", "Ivo Petrov"]
    assert len(resp["speakers"]) == 2


def test_adviser_named_in_apposition_is_the_speaker(analyze_text):
    resp = analyze_text("Finance Minister Clara Voss presented the plan.",
                        "An adviser to Finance Minister Clara Voss, Peter Lund, said the plan had broad support.")
    q = only(resp)
    assert q["speaker"]["name"] == "Peter Lund"


def test_link_block_under_the_story_is_ignored(analyze_text):
    resp = analyze_text(
        "Mayor Ana Ruiz said the bridge would reopen in March.",
        "Singer Says New Album Is Her Best Yet",
        "Minister Claims Budget Will Balance Itself",
        "Local Team Wins Cup After Penalty Drama",
        "Storm Warning Issued For Coastal Towns",
        "Chef Reveals Secret Of Perfect Bread",
    )
    assert [q["speaker"]["name"] for q in resp["quotes"]] == ["Ana Ruiz"]


def test_descriptions_point_at_the_right_person_and_organisation(analyze_text):
    resp = analyze_text(
        "Veltra Motors will cut 4,000 jobs across its plants, the company said on Thursday.",
        "Chief executive Sofia Brandt spoke to analysts on a call.",
        "Union leader Hans Gruber condemned the plan. He said workers had accepted a pay freeze.",
        "“We cannot ignore what the market is telling us,” the 58-year-old chief executive said.",
        "The chief executive said the company had never guaranteed jobs at every site.",
        "Veltra Motors shares rose 3%. It said it expects to return to profit next year.",
    )
    said = [(q["text"][:25], q["speaker"]["name"] if q["speaker"] else None) for q in resp["quotes"]]
    assert said == [
        ("Veltra Motors will cut 4,", "Veltra Motors"),
        ("the plan", "Hans Gruber"),                 # np_object: 'condemned the plan'
        ("workers had accepted a pa", "Hans Gruber"),
        ("We cannot ignore what the", "Sofia Brandt"),
        ("the company had never gua", "Sofia Brandt"),
        ("it expects to return to p", "Veltra Motors"),
    ]
    brandt = next(s for s in resp["speakers"] if s["name"] == "Sofia Brandt")
    assert any(d["text"].lower() == "the chief executive" for d in brandt["descriptions"])


def test_quotation_split_by_its_tag_into_two_sentences_is_one_quote(analyze_text):
    # split_by_tag: '"A," X said. "B."' is one statement with two spans
    resp = analyze_text("“People here have been warning about this for a decade,” Okafor said. “Nobody listened.”",
                        "Local MP David Okafor visited the town.")
    q = only(resp)
    assert (q["text"], q["speaker"]["name"]) == (
        "People here have been warning about this for a decade, Nobody listened.", "David Okafor")
    assert len(q["spans"]) == 2


def test_sentences_around_one_tag_kept_apart_both_take_its_speaker(analyze_text, monkeypatch):
    # split_by_tag with JOIN_SPLIT_SENTENCES off (the coverage golds' convention): two quotes, one speaker
    monkeypatch.setattr("quotetrail.direct.JOIN_SPLIT_SENTENCES", False)
    resp = analyze_text("Harbour master Marta Lindqvist met the crews.",
                        "“The channel silted up in spring,” Lindqvist said. “Dredging starts next week.”",
                        "“Ships wait outside.” “Nobody can enter at low tide,” Lindqvist said.")
    got = sorted((q["text"], q["speaker"]["name"]) for q in resp["quotes"])
    assert got == [("Dredging starts next week.", "Marta Lindqvist"), ("Nobody can enter at low tide,", "Marta Lindqvist"),
                   ("Ships wait outside.", "Marta Lindqvist"), ("The channel silted up in spring,", "Marta Lindqvist")], got


def test_cueless_quotation_before_a_tagged_one_joins_it(analyze_text):
    # split_by_tag: '"A." "B," X said.' is one statement too
    q = only(analyze_text("Local MP David Okafor visited the town.",
                          "“The river rose overnight.” “We had no warning at all,” Okafor said."))
    assert q["text"] == "The river rose overnight. We had no warning at all,"
    assert q["speaker"]["name"] == "David Okafor"


def test_a_second_speaker_between_two_quotations_keeps_them_apart(analyze_text):
    # split_by_tag: a second finite verb in the gap is a new sentence, not the tag
    resp = analyze_text("Local MP David Okafor visited the town with his wife.",
                        "“We came to help,” Okafor said, and his wife added something. “The town needs us.”")
    assert len(resp["quotes"]) == 2, [q["text"] for q in resp["quotes"]]


def test_fragment_verbs_attribute_only_the_quoted_words(analyze_text):
    resp = analyze_text("Opposition MP Ruth Adeyemi criticised what she called “years of neglect” of the dams.")
    q = only(resp)
    assert (q["kind"], q["text"], q["speaker"]["name"]) == ("mixed", "years of neglect", "Ruth Adeyemi")


def test_emoji_and_zero_width_space_before_the_mark_do_not_change_the_quote(analyze_text):
    q = only(analyze_text("🌍\u200b“We will rebuild the bridge,” said Omar Haddad."))
    assert (q["kind"], q["text"], q["speaker"]["name"]) == ("direct", "We will rebuild the bridge,", "Omar Haddad")


def test_a_punctuated_line_inside_a_link_block_is_still_the_block(analyze_text):
    resp = analyze_text(
        "Mayor Ana Ruiz said the bridge would reopen in March.",
        "Singer Says New Album Is Her Best Yet",
        "Minister Claims Budget Will Balance Itself",
        "Local Team Wins Cup After Penalty Drama",
        "Film star Leo Park said the sequel was “nearly finished.”",
        "Storm Warning Issued For Coastal Towns",
        "Chef Reveals Secret Of Perfect Bread",
        "Council Approves New Cycle Lanes",
        "Museum Reopens After Long Repairs",
    )
    assert [q["speaker"]["name"] for q in resp["quotes"]] == ["Ana Ruiz"]


def test_a_reporters_question_is_not_the_answerers_quote(analyze_text):
    resp = analyze_text("Health Secretary Maria Lowe spoke on Thursday.",
                        "Asked whether the target would be met, Ms Lowe replied: “I am confident it will.”")
    assert [(q["kind"], q["text"]) for q in resp["quotes"]] == [("direct", "I am confident it will.")]
    assert resp["quotes"][0]["speaker"]["name"] == "Maria Lowe"


def test_british_single_quotes_with_pronoun_cue(analyze_text):
    resp = analyze_text("Health Secretary Maria Lowe said the figures were disappointing.",
                        "'We are treating more patients than ever before,' she told the BBC. 'But demand keeps rising.'")
    direct = quotes_of(resp, "direct")
    assert [q["text"] for q in direct] == ["We are treating more patients than ever before, But demand keeps rising."]
    assert {q["speaker"]["name"] for q in direct} == {"Maria Lowe"}
    assert not any(q["headline"] for q in direct)


def test_title_named_later_and_pronoun_after_reported_clause(analyze_text):
    resp = analyze_text(
        "A former mayor was jailed on Friday, in what the judge described as “a shameless betrayal of trust”.",
        "Judge Helen Marsh said Gary Pratt had shown “not a flicker of remorse”.",
        "“You treated the town's money as your own,” she told him.",
        "The council said in a statement that it had tightened its financial controls.",
    )
    said = [(q["text"][:20], q["speaker"]["name"]) for q in resp["quotes"]]
    assert said == [("a shameless betrayal", "Helen Marsh"), ("Gary Pratt had shown", "Helen Marsh"),
                    ("You treated the town", "Helen Marsh"), ("it had tightened its", "council")]


# ---------------------------------------------------------------- agency copy and page conventions

def test_dateline_is_neither_content_nor_speaker(analyze_text):
    resp = analyze_text("OSLO (Nordwire) — The ferry strike will end on Monday, the transport union said.",
                        "The union represents 4,000 crew members.")
    q = only(resp, "indirect")
    assert q["text"] == "The ferry strike will end on Monday"
    assert q["speaker"]["name"].lower() == "transport union"


def test_points_listed_under_a_colon_cue_are_each_a_quote(analyze_text):
    resp = analyze_text(
        "In a long interview, Governor Mara Quist also said:",
        "- The state budget will be balanced by next spring",
        "- She would veto any tax on groceries",
        "Lawmakers return to the capitol next week.",
    )
    found = quotes_of(resp)
    assert [q["text"] for q in found] == ["The state budget will be balanced by next spring",
                                          "She would veto any tax on groceries"]
    assert {q["speaker"]["name"] for q in found} == {"Mara Quist"}
    assert not any("interview" in q["text"] for q in found)


def test_cue_closing_the_paragraph_above_a_quotation(analyze_text):
    resp = analyze_text("The fire chief, Tomas Rhee, told reporters on Sunday:",
                        "“The blaze is contained. Residents can go home tonight.”")
    q = only(resp, "direct")
    assert q["speaker"]["name"] == "Tomas Rhee"
    assert q["cue"]["lemma"] == "tell"


def test_quoted_words_opening_a_reported_clause_make_a_mixed_quote(analyze_text):
    resp = analyze_text("After the flood, Senator Ida Brandt admitted “red tape in this city” meant aid arrived late.")
    q = only(resp, "mixed")
    assert q["text"] == "“red tape in this city” meant aid arrived late"
    assert q["speaker"]["name"] == "Ida Brandt"


def test_quoted_as_saying_names_the_speaker_not_the_agency(analyze_text):
    resp = analyze_text("Fishermen reported seeing an oil slick near the harbour, the port authority was quoted "
                        "as saying by the Coastal Gazette.")
    q = only(resp, "indirect")
    assert q["text"] == "Fishermen reported seeing an oil slick near the harbour"
    assert q["speaker"]["name"].lower() == "port authority"


def test_passive_description_takes_its_agent_as_speaker(analyze_text):
    resp = analyze_text("The Forestry Agency counted the damaged trees on Friday.",
                        "The storm season has been described as “brutal” by the agency.")
    q = only(resp, "mixed")
    assert q["text"] == "brutal"
    assert q["speaker"]["name"] == "Forestry Agency"


def test_hearsay_and_imagined_speech_are_not_quotes(analyze_text):
    resp = analyze_text(
        "Warm water and “a lack of food in the bay” are thought to drive the seals ashore.",
        "The keeper shrugged as if to say “What else can we do?” and walked on.",
    )
    assert quotes_of(resp) == []


def test_the_writers_own_questions_are_not_quotes(analyze_text):
    resp = analyze_text("Premier Joan Okafor was relaxed throughout.",
                        "I asked her how many votes the plan had won in the assembly last month.")
    assert quotes_of(resp) == []


def test_they_continues_a_group_speaker(analyze_text):
    resp = analyze_text("Hospital managers said that the new wing would open in May.",
                        "They said that staffing remained the main risk to the timetable.")
    found = quotes_of(resp, "indirect")
    assert len(found) == 2
    assert found[1]["speaker"]["id"] == found[0]["speaker"]["id"]
    assert found[0]["speaker"]["name"] == "Hospital managers"


def test_agency_tag_opening_the_story_is_not_content(analyze_text):
    resp = analyze_text("(Nordwire)The rail link will close for a month, a ministry spokesman said on Friday.")
    assert only(resp, "indirect")["text"] == "The rail link will close for a month"


def test_the_unnamed_source_keeps_its_identity(analyze_text):
    resp = analyze_text(
        "A senior council aide said on Tuesday that the budget vote would slip into March.",
        "Mayor Ivo Tanaka declined to comment.",
        "Emergency loans will be needed, according to the aide, who asked not to be named.",
    )
    found = quotes_of(resp)
    assert len(found) == 2
    assert found[0]["speaker"]["id"] == found[1]["speaker"]["id"]
    assert "aide" in found[0]["speaker"]["name"]


def test_the_passive_subject_of_a_speech_verb_is_not_its_speaker(analyze_text):
    resp = analyze_text("The two sailors are accused of “smuggling” and of bringing in “crates of forged banknotes,” "
                        "the coastguard said.")
    q = only(resp)
    assert q["speaker"]["name"].lower() == "coastguard"


def test_trailing_cue_owns_the_whole_clause_before_it(analyze_text):
    resp = analyze_text("Tariffs may slow the decline, but, without new orders, the mills stand little chance of "
                        "reopening this year, the dealers said.")
    q = only(resp, "indirect")
    assert q["text"].startswith("Tariffs may slow the decline, but") and q["text"].endswith("reopening this year")
    assert q["speaker"]["name"] == "dealers"


def test_a_finished_quotation_is_not_governed_by_the_next_sentence(analyze_text):
    resp = analyze_text("Analyst Rosa Imber expects no bid.",
                        "\"The group carries nine billion in debt.\" She said a buyer would also face "
                        "\"stubborn problems\" in its shipping arm.")
    direct = only(resp, "direct")
    assert direct["text"] == "The group carries nine billion in debt."
    mixed = only(resp, "mixed")
    assert mixed["text"].startswith("a buyer would also face")


def test_relative_clause_speaker_is_the_antecedent(analyze_text):
    resp = analyze_text("Councillor Dev Anand, who described the new tower as a “scar” on the skyline, lost his seat.")
    q = only(resp, "mixed")
    # the labelled object is what he said (marks_labelled_object), the quoted label inside it
    assert q["text"] == "the new tower as a “scar” on the skyline" and q["speaker"]["name"] == "Dev Anand"


def test_a_title_with_the_name_in_apposition_is_that_person(analyze_text):
    resp = analyze_text("The Chief Whip, Nora Penhale, said the vote would be held on Thursday.",
                        "She said every member had been told.")
    found = quotes_of(resp, "indirect")
    assert [q["speaker"]["name"] for q in found] == ["Nora Penhale", "Nora Penhale"]


def test_someones_spokesman_or_lawyer_is_not_that_person(analyze_text):
    resp = analyze_text("Union leader Maria Ostrova spoke after the vote.",
                        "Ostrova's spokesman said she would not comment further.",
                        "Her lawyer said the case would go to appeal.")
    found = quotes_of(resp, "indirect")
    assert len(found) == 2
    assert found[0]["speaker"]["name"] == "Ostrova's spokesman"
    assert found[1]["speaker"]["name"] == "Her lawyer"


def test_an_anonymous_source_is_nobody_already_named(analyze_text):
    resp = analyze_text("Rail union boss Tom Birch said the strike would go ahead.",
                        "The driver, who asked not to be named, said he had not slept for two days.")
    found = quotes_of(resp, "indirect")
    assert [q["speaker"]["name"] for q in found] == ["Tom Birch", "driver"]


def test_a_nationality_in_the_description_picks_the_matching_leader(analyze_text):
    resp = analyze_text("Norwegian President Ingrid Dahl met Chilean President Tomas Vidal on Monday.",
                        "The Norwegian president said the talks had been useful.",
                        "The Chilean leader said Santiago wanted a ceasefire.")
    found = quotes_of(resp, "indirect")
    assert [q["speaker"]["name"] for q in found] == ["Ingrid Dahl", "Tomas Vidal"]


def test_a_quote_closed_by_a_comma_is_not_the_subject_of_what_follows(analyze_text):
    # the tagger reads 'harbour' after the closing mark as a verb
    resp = analyze_text("\"The pier will be safe again before the summer season,\" harbour master Jonas Berg said "
                        "after the vote, adding that the repairs would be paid for without raising fees.")
    q = quotes_of(resp, "direct")[0]
    assert q["text"] == "The pier will be safe again before the summer season,"
    assert q["speaker"]["name"] == "Jonas Berg"


def test_coordinated_that_clauses_stay_in_one_report(analyze_text):
    resp = analyze_text("Mayor Ines Rourke spoke on Monday, insisting that the city was ready for talks then, and is "
                        "ready now, but that the union needs to declare it is ready too.")
    found = quotes_of(resp)
    assert len(found) == 1, [q["text"] for q in found]
    assert found[0]["text"].endswith("the union needs to declare it is ready too")


def test_two_sides_reported_in_one_sentence_are_two_quotes(analyze_text):
    resp = analyze_text("The ministry says the dam will be finished by spring while the engineers say it will not be "
                        "ready before autumn.")
    found = quotes_of(resp, "indirect")
    assert [q["text"] for q in found] == ["the dam will be finished by spring", "it will not be ready before autumn"]


def test_statements_reported_by_what_they_do(analyze_text):
    # np_object: the content is what the act is about, without the verb (the cue)
    resp = analyze_text(
        "Health minister Rhea Sandoval expressed frustration at the slow pace of hospital repairs.",
        "She accused the contractors and their suppliers of hiding the true costs.",
        "Sandoval also urged councils to publish every invoice.",
    )
    found = quotes_of(resp, "indirect")
    assert [(q["text"], q["cue"]["text"]) for q in found] == [
        ("frustration at the slow pace of hospital repairs", "expressed"),
        ("the contractors and their suppliers of hiding the true costs", "accused"),
        ("councils to publish every invoice", "urged"),
    ]
    assert {q["speaker"]["name"] for q in found} == {"Rhea Sandoval"}


def test_the_accused_is_not_the_speaker(analyze_text):
    # a passive participle ('accused of') describes its noun; it does not make it speak
    resp = analyze_text("Councillor Maya Lind, accused of hiding the true costs, left the meeting early.")
    assert resp["quotes"] == []


def test_headline_attribution_after_a_dash(analyze_text):
    resp = analyze_text("Ferry firm 'will not cut routes' – Ada Moss",
                        "Transport minister Ada Moss said on Monday that the island ferries would keep running.")
    q = quotes_of(resp, "mixed")[0]
    assert q["text"] == "will not cut routes" and q["headline"] is True
    assert q["speaker"]["name"] == "Ada Moss"


def test_quoted_subhead_is_the_speakers_words(analyze_text):
    resp = analyze_text("“The roads are open,” transport chief Lina Okoro said on Friday.",
                        "‘EVERY SINGLE ONE’",
                        "“We will rebuild every school,” Governor Tom Ekwueme said.")
    sub = [q for q in quotes_of(resp, "direct") if q["text"] == "EVERY SINGLE ONE"]
    assert len(sub) == 1 and sub[0]["speaker"]["name"] == "Tom Ekwueme"


def test_a_qualified_body_is_not_the_last_organisation_named(analyze_text):
    resp = analyze_text("Roscosmos said the craft broke up over Siberia.",
                        "Herders reported seeing a flash of light, the Tuva government was quoted as saying by a "
                        "news agency.",
                        "The government said the debris fell in a remote area.")
    names = [q["speaker"]["name"] for q in quotes_of(resp, "indirect")]
    assert names == ["Roscosmos", "Tuva government", "Tuva government"]


@pytest.mark.parametrize("para, content", [
    ("BERGEN, May 4 - Tollway is \"not for sale\" at any price, a company spokeswoman said.",
     "Tollway is \"not for sale\" at any price"),
    ("BERGEN, May 4 - Toll revenue rose by a third last year, according to the city audit office.",
     "Toll revenue rose by a third last year"),
])
def test_wire_datelines_never_open_the_content(analyze_text, para, content):
    resp = analyze_text(para)
    assert quotes_of(resp)[0]["text"] == content


def test_a_title_after_a_place_is_a_description(analyze_text):
    resp = analyze_text("A Home Office minister, Hazel Blears, said innocent people would be stopped.",
                        "The Salford MP told the BBC that the threat came from abroad.")
    assert [q["speaker"]["name"] for q in quotes_of(resp)] == ["Hazel Blears", "Hazel Blears"]


def test_agency_tag_glued_to_the_first_word_is_not_part_of_the_speaker(analyze_text):
    resp = analyze_text("(Nordwire)A Bergen woman says her heat pump caught fire overnight.")
    q = only(resp, "indirect")
    assert q["mention"]["text"] == "A Bergen woman" and q["speaker"]["name"] == "A Bergen woman"


def test_a_surname_that_is_also_a_title_stays_in_the_name(analyze_text):
    resp = analyze_text("Foreign Minister Julie Bishop said the passport had been cancelled.",
                        "Bishop said the family had been told.")
    assert {q["speaker"]["name"] for q in quotes_of(resp)} == {"Julie Bishop"}


def test_he_and_she_follow_what_the_text_has_shown(analyze_text):
    resp = analyze_text("Foreign Minister Julie Bishop met the boy's father, Mark Hale, on Monday.",
                        "She said the passport had been cancelled.",
                        "He said his son had been misled.",
                        "Mrs Ann Cole, a neighbour, spoke first.",
                        "Mr Tom Reed, the mayor, spoke after her.",
                        "She said the family needed time.")
    names = [q["speaker"]["name"] for q in quotes_of(resp, "indirect")]
    assert names == ["Julie Bishop", "Mark Hale", "Ann Cole"]


def test_a_regnal_number_or_suffix_is_not_the_surname(analyze_text):
    resp = analyze_text("King Osric III said the harbour tax would be lifted.",
                        "Osric said the decision was his alone.",
                        "Civil rights lawyer Amos Dale Jr said the ruling was overdue.",
                        "Dale said he would appeal anyway.")
    names = [q["speaker"]["name"] for q in quotes_of(resp)]
    assert names == ["Osric III", "Osric III", "Amos Dale Jr", "Amos Dale Jr"]


@pytest.mark.parametrize("para, content, cue", [
    # np_object: a denial whose content is the object, not a clause
    ("Councillor Maya Lind denied the accusations of fraud.", "the accusations of fraud", "denied"),
    # np_object: the object runs on through the verb's later phrase ('X for Y')
    ("Councillor Maya Lind criticised the board for its slow response, then left.",
     "the board for its slow response", "criticised"),
    # np_prep_object: the verb and its preposition ('called for')
    ("Councillor Maya Lind called for an inquiry into the flooding.", "an inquiry into the flooding", "called"),
])
def test_noun_phrase_reports_found_by_patterns(analyze_text, para, content, cue):
    q = only(analyze_text(para))
    assert (q["kind"], q["text"], q["cue"]["text"], q["speaker"]["name"]) == ("indirect", content, cue, "Maya Lind")


def test_noun_phrase_patterns_skip_thin_and_unlisted_objects(analyze_text):
    # np_object: a pronoun object says nothing; 'built' is no verb of saying
    resp = analyze_text("Councillor Maya Lind denied it.", "Councillor Maya Lind built a new bridge over the river.")
    assert resp["quotes"] == []


def test_a_verb_with_the_wrong_preposition_is_no_report(analyze_text):
    # np_prep_object: 'called' takes its content with 'for', not 'at' ('called at the house')
    assert analyze_text("Councillor Maya Lind called at the house of her neighbour.")["quotes"] == []


def test_a_statement_speaks_for_whoever_issued_it(analyze_text):
    # speakers._issuer: the owner of a letter, the 'from' phrase; a new statement of nobody named
    # is nobody's (the speaker quoted before need not have issued it)
    resp = analyze_text("Mayor Ana Ruiz said on Monday that the repairs were going well.",
                        "A statement said the bridge would reopen in May.",
                        "A letter from the Dock Workers Union said its members would strike.")
    assert [q["speaker"]["name"] for q in resp["quotes"]] == ["Ana Ruiz", "A statement", "Dock Workers Union"]


def test_a_tag_between_subject_and_predicate(analyze_text):
    # clause_interposed_tag: the clause without the tag, in two spans
    q = only(analyze_text("Engineer Tomas Vik inspected it on Monday.", "The old bridge, Vik said, will need a new deck by spring."))
    assert q["text"] == "The old bridge will need a new deck by spring"
    assert len(q["spans"]) == 2
    assert q["speaker"]["name"] == "Tomas Vik"


def test_plural_and_numbered_subjects_can_speak(analyze_text):
    # plausible_source: people in the plural ('organizers') or counted ('the two')
    resp = analyze_text("Organizers say they want the march to stay peaceful.",
                        "The two said they would meet again in the spring.")
    assert [q["text"] for q in resp["quotes"]] == ["they want the march to stay peaceful",
                                                   "they would meet again in the spring"]


def test_block_quotation_paragraphs_are_quotes_and_headings_are_headlines(analyze_text):
    # marks.block_quotations: paragraphs sent as kind "blockquote" are quoted passages without marks
    resp = analyze_text({"text": "Mayor backs the bridge", "kind": "h"},
                        "Mayor Ana Ruiz wrote to residents on Monday:",
                        {"text": "The bridge will open in May. We have the money.", "kind": "blockquote"},
                        {"text": "Nobody will pay a toll.", "kind": "blockquote"},
                        "The council meets on Friday.")
    assert resp["paragraph_kinds"] == ["h", "p", "blockquote", "blockquote", "p"]
    q = only(resp)
    assert (q["kind"], q["text"], q["speaker"]["name"]) == (
        "direct", "The bridge will open in May. We have the money. Nobody will pay a toll.", "Ana Ruiz")
    assert [s["paragraph"] for s in q["spans"]] == [2, 3]
    assert analyze_text("Plain paragraphs only.")["paragraph_kinds"] == ["p"]
