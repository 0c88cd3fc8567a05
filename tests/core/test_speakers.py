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
