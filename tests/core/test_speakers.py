"""Speaker resolution: each way a quote's speaker is found, on a short article written for it."""


def speakers_of(resp):
    return [(q["text"], q["speaker"]["name"] if q["speaker"] else None) for q in resp["quotes"]]


def test_a_tag_after_a_cueless_quotation_names_its_speaker(analyze_text):
    # tags._after: '"…," Okafor started.' is Okafor's, not the previous speaker's
    resp = analyze_text("Mayor Ana Ruiz opened the meeting. “We will build the bridge,” she said.",
                        "“Is the budget ready for the spring?” Councillor Ben Okafor pressed.",
                        "“Would it be open to cars?” Okafor pressed. “Maybe only to bikes and buses.”")
    assert [name for _, name in speakers_of(resp)] == ["Ana Ruiz", "Ben Okafor", "Ben Okafor", "Ben Okafor"]


def test_a_lead_in_ending_in_a_colon_names_its_speaker(analyze_text):
    # tags._before: the subject of the verb nearest the colon, in the paragraph or the one above
    resp = analyze_text("Mayor Ana Ruiz spoke first. “We will build the bridge,” she said.",
                        "The crowd cheered, and then Lena Marsh continues: “The river is ours to cross.”",
                        "Tom Brandt called them on it:",
                        "“The questions asked tonight show why people distrust the council.”")
    assert [name for _, name in speakers_of(resp)] == ["Ana Ruiz", "Lena Marsh", "Tom Brandt"]


def test_a_new_sentence_after_a_quotation_is_no_tag(analyze_text):
    # tags._after: a quotation ending in a full stop keeps the speaker it continues
    resp = analyze_text("Mayor Ana Ruiz spoke first. “We will build the bridge,” she said.",
                        "“We have the money for it.” Ben Okafor left the room soon after.")
    assert [name for _, name in speakers_of(resp)] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_document_speaks_for_whoever_issued_it(analyze_text):
    # speakers._owner: 'sent out by', the subject of 'released … an ad that'
    resp = analyze_text("Senator Tom Okafor spoke in Eastfield on Monday.",
                        "An email sent out by Okafor on Tuesday warned that the fight would be long.",
                        "Mayor Ana Ruiz is releasing a new ad that urges voters to “send a message” to the banks.")
    assert [name for _, name in speakers_of(resp)] == ["Tom Okafor", "Ana Ruiz"]


def test_the_statement_is_the_one_issued_before(analyze_text):
    # speakers._issued_before: 'in a statement' names who issued 'the statement'; 'a letter' nobody
    resp = analyze_text("Senator Tom Okafor spoke on Monday. Mayor Ana Ruiz expressed sorrow in a statement.",
                        "“The town has lost a friend,” the statement said.",
                        "Police found a letter that said the bridge was unsafe.")
    said = dict(speakers_of(resp))
    assert said["The town has lost a friend,"] == "Ana Ruiz"
    assert said["the bridge was unsafe"] == "a letter"


def test_a_question_with_its_tag_after_it(analyze_text):
    # tags._after: the quoted question is the verb's own complement, no content of the tag's
    resp = analyze_text("Mayor Ana Ruiz spoke first. “We will build the bridge,” she said.",
                        "“How much worse could it get?” said party strategist Jo Lee, referring to the vote.")
    assert dict(speakers_of(resp))["How much worse could it get?"] == "Jo Lee"


def test_a_participle_cue_inside_reported_words_is_the_reporters(analyze_text):
    # clauses.subject_of: 'X told Y that Z "…," adding, "…"' is X's addition, not Z's
    resp = analyze_text("Senator Tom Okafor spoke on the radio on Monday.",
                        "Okafor told the host that Karl Weber “had a policy that failed,” adding, "
                        "“He lost everybody who voted for him.”")
    assert dict(speakers_of(resp))["He lost everybody who voted for him."] == "Tom Okafor"


def test_the_speaker_sampler_counts_each_way_on_a_corpus(tmp_path, monkeypatch):
    # bench/speaker_sample.py: per-way counts and a sample with the speaker chosen
    import json
    import pathlib
    monkeypatch.syspath_prepend(str(pathlib.Path(__file__).resolve().parents[2]))
    from bench import speaker_sample
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "title": "Bridge", "text": (
        "Mayor Ana Ruiz opened the meeting. “We will build the bridge,” she said.\n"
        "“Is the budget ready for the spring?” Councillor Ben Okafor pressed.")}) + "\n", encoding="utf-8")
    out = tmp_path / "sample.md"
    assert speaker_sample.main([str(corpus), "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "| pronoun | 1 |" in report and "| tag/name | 1 |" in report
    assert "\u2192 **Ben Okafor**" in report


def test_a_name_opening_the_tag_when_the_parse_gives_the_cue_no_subject(analyze_text):
    # tags.name_before_cue: the parser took a word inside the marks for the subject of 'said'
    resp = analyze_text("The council met on Monday.",
                        "“Fine speaker, fine speaker this woman,” Okafor, the party frontrunner in "
                        "the county after winning the primaries, said when Brandt asked him a question.")
    assert [name for _, name in speakers_of(resp)] == ["Okafor"]


def test_the_person_in_a_tag_that_opens_with_a_place(analyze_text):
    # tags.name_before_cue: a place and a title before the name are not the speaker
    resp = analyze_text("The council met on Monday.",
                        "“Most people I have talked to feel the same way about it,” Eastfield Labour Councillor "
                        "Heather Marsh said on Wednesday, the day the training began.")
    assert [name for _, name in speakers_of(resp)] == ["Heather Marsh"]


def test_a_headline_opening_with_a_name_and_a_colon_is_that_persons(analyze_text):
    # tags.name_lead: 'Okafor: ‘…’' in a title-case headline, where the tagger may take the name for a
    # noun; the body's 'Ben Okafor' says who it is
    resp = analyze_text("Okafor: ‘We Will Build The Bridge Before The Winter.’",
                        "Councillor Ben Okafor spoke to the council on Monday about the river crossing.")
    assert speakers_of(resp)[0] == ("We Will Build The Bridge Before The Winter.", "Ben Okafor")


def test_a_headline_name_on_a_topic_before_the_colon(analyze_text):
    # tags.name_lead: 'Marsh on the Budget Vote: ‘…’' is Marsh's, not the subject of a verb in the topic
    resp = analyze_text("Marsh on Okafor Publishing His Tax Returns: ‘He Gave Us His Word.’",
                        "Councillor Heather Marsh said on Monday that Ben Okafor had promised to publish them.")
    assert dict(speakers_of(resp))["He Gave Us His Word."] == "Heather Marsh"


def test_a_headline_led_by_a_common_word_names_nobody(analyze_text):
    # tags.name_lead: 'Poll: …' opens with a word the body never uses as a name
    resp = analyze_text("Poll: Voters ‘Tired Of The Bridge Debate Already.’",
                        "A survey of 800 residents was published on Monday by the county.")
    said = dict(speakers_of(resp))
    assert said.get("Tired Of The Bridge Debate Already.") is None


def _tag_name_without_subject(*paragraphs):
    """The name tags.name_before_cue finds for the first quote once its subject is taken away, as when
    the parser hangs the cue's subject inside the marks ('"Anybody who…," said Jo Lee')."""
    from quotetrail import nlp, quotes, tags
    from quotetrail.article import Article
    parsed = nlp.parse(Article(list(paragraphs)))
    found, _ = quotes.find_quotes(parsed)
    q = next(q for q in found if q.kind == "direct")
    q.subject = None
    tok = tags.name_before_cue(parsed.doc, q)
    return tok.text if tok is not None else None


def test_the_name_right_after_a_cue_that_follows_the_quotation():
    # tags.name_before_cue: '"…," said Louise Brandt, who…' -> the name's last word
    assert _tag_name_without_subject("Ben Okafor was sued last year.",
                                     "\"Nobody gets a second chance with him, ever,\" said Louise Brandt, who "
                                     "has known Okafor since the 1970s.") == "Brandt"


def test_the_name_before_a_cue_past_its_apposition():
    # tags.name_before_cue: 'Col. Ana Ruiz, a military spokeswoman in Lisbon, said, "…"'
    assert _tag_name_without_subject("Troops arrived last week.",
                                     "In a call on Monday, Col. Ana Ruiz, a military spokeswoman in Lisbon, said, "
                                     "\u201cThe patrols will go on until the border is calm again.\u201d") == "Ruiz"


def test_the_name_before_a_cue_past_a_bracket():
    # tags.name_before_cue: 'Rep. Jo Lee (R-Ohio) said "…"'
    assert _tag_name_without_subject("The assembly met.", "Speaker of the Assembly Rep. Jo Lee (R-Ohio) said "
                                     "\u201cthe council has to publish the accounts by June.\u201d") == "Lee"


def test_the_name_between_the_parts_of_a_split_quotation():
    # tags.name_before_cue: '"…," Okafor said, "…"' -> the tag between the two parts
    assert _tag_name_without_subject("The council met.", "\u201cThe ferry stays, whatever the board "
                                     "decides,\u201d Okafor said, \u201cand the fares stay where they are.\u201d") == "Okafor"


def test_no_name_in_the_tag_no_speaker():
    # tags.name_before_cue: 'the report said' is no name; the fallback gives nobody rather than a guess
    assert _tag_name_without_subject("The council met.", "\u201cThe bridge is unsafe and must close,\u201d "
                                     "the report said on Monday.") is None


def test_a_title_case_headline_does_not_run_the_name_into_its_verb(analyze_text):
    # names.verb_cut: 'Jo Lee Can Win …' is Jo Lee, not a person called 'Jo Lee Can Win'
    from quotetrail import nlp
    from quotetrail.article import Article
    from quotetrail.names import verb_cut
    doc = nlp.parse(Article(["Jo Lee Can Win The County, Her Campaign Says"])).doc
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert verb_cut(person).text == "Jo Lee"


def test_the_spokeswoman_is_not_the_person_the_story_follows(analyze_text):
    # descriptions.described: a proxy noun ('the spokeswoman') does not fall back to the last subject;
    # a role noun the story gave a person ('the mayor') does
    resp = analyze_text("Mayor Ana Ruiz opened the new bridge on Monday, and she said traffic would ease.",
                        "“The bridge will open to bikes in the spring,” the spokeswoman said.",
                        "“We will build the next one too,” the mayor said.")
    said = dict(speakers_of(resp))
    assert said["The bridge will open to bikes in the spring,"] == "spokeswoman"
    assert said["We will build the next one too,"] == "Ana Ruiz"


def test_a_quotation_mark_glued_to_the_next_word_still_ends_the_quotation(analyze_text):
    # nlp.GLUED_MARKS: '…comes,”Okafor said' and 'said,“We…' with no space are three tokens, so the tag is read
    resp = analyze_text("The council met on Monday to discuss the bridge.",
                        "“We will build the bridge before the winter comes,”Okafor said.",
                        "Ruiz said,“We should wait for the money from the state.”")
    said = dict(speakers_of(resp))
    assert said["We will build the bridge before the winter comes,"] == "Okafor"
    assert said["We should wait for the money from the state."] == "Ruiz"


def test_a_roundup_line_names_its_quotation_after_a_dash(analyze_text):
    # tags.name_lead: 'Economists differ - Jo Lee: “…”' is Jo Lee's, not the economists' whom 'differ' is about
    resp = analyze_text("Economists differ - Jo Lee: “The harbour tax will cost the town more than it brings in.”",
                        "Jo Lee and Ben Okafor wrote about the polls this week.")
    assert speakers_of(resp)[0] == ("The harbour tax will cost the town more than it brings in.", "Jo Lee")


def _token(text, word):
    from quotetrail import nlp
    from quotetrail.article import Article
    doc = nlp.parse(Article([text])).doc
    return next(t for t in doc if t.text == word)


def test_a_title_taken_for_the_subject_stands_for_the_name_after_it():
    # names.name_behind: 'recalled Mr. Okafor', 'Marine Corps 2nd Lt. Jo Lee said': the person named after the title
    from quotetrail.names import name_behind
    assert name_behind(_token("“We had to wait,” recalled Mr. Okafor.", "Mr.")).text == "Okafor"
    assert name_behind(_token("Marine Corps 2nd Lt. Jo Lee said the base was ready.", "2nd")).text == "Lee"
    assert name_behind(_token("Okafor said the base was ready.", "Okafor")).text == "Okafor"


def test_a_party_and_state_in_brackets_stand_for_the_name_before_them():
    # names.name_behind: 'Gov. Jo Lee (R-Ohio) said': 'Ohio' is no speaker, Lee is
    from quotetrail.names import name_behind
    assert name_behind(_token("Gov. Jo Lee (R-Ohio) said the budget was ready.", "Ohio")).text == "Lee"


def test_a_title_ending_a_sentence_does_not_reach_into_the_next():
    # names.name_behind: 'according to the commissioner. Lisbon…': the full stop after a word (not an
    # abbreviation such as 'Lt.') ends the title; the next sentence's name is nobody's
    from quotetrail.names import name_behind
    assert name_behind(_token("The bridge will close, according to the commissioner. Lisbon has other plans.",
                              "commissioner")).text == "commissioner"
