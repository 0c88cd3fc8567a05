"""Every span is (paragraph, UTF-16 start, end): slicing the paragraph as the DOM would gives the text."""
from quotetrail.spans import utf16_len


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_utf16_len_counts_astral_characters_twice():
    assert utf16_len("a😀b") == 4
    assert utf16_len("é") == 1


def all_spans(resp):
    for q in resp["quotes"]:
        for s in q["spans"]:
            yield s, None
        if q["cue"]:
            yield q["cue"]["span"], q["cue"]["text"]
        if q["mention"]:
            yield q["mention"]["span"], q["mention"]["text"]
    for sp in resp["speakers"]:
        for d in sp["descriptions"] + sp["mentions"]:
            yield d["span"], d["text"]
    for t in resp["loaded_terms"]:
        for s in t["spans"]:
            yield s, None


def test_spans_survive_emoji_and_astral_characters(analyze_text):
    resp = analyze_text(
        "🚀🚀 Launch day 🌍 brought crowds to the 𝒞oast.",
        "“We are ready 🚀 for the next step,” said Mayor Ana Ruiz 👏 on Monday.",
        "🙂 Ruiz said the so-called regime of fees would end, and she added that 𝔸ll 🎉 parks reopen.",
    )
    paragraphs = resp["paragraphs"]
    spans = list(all_spans(resp))
    assert len(spans) >= 5
    for span, text in spans:
        got = utf16_slice(paragraphs[span["paragraph"]], span["start"], span["end"])
        assert got, span
        if text is not None:
            assert got == text
    quote = next(q for q in resp["quotes"] if q["kind"] == "direct")
    s = quote["spans"][0]
    assert utf16_slice(paragraphs[s["paragraph"]], s["start"], s["end"]) == "We are ready 🚀 for the next step,"
    assert quote["speaker"]["name"] == "Ana Ruiz"
