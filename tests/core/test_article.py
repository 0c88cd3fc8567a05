"""Article input: every field validated, paragraphs as documented, clear errors."""
import pytest

from quotetrail.article import from_dict, loads
from quotetrail.errors import InputError


def test_text_becomes_its_non_empty_lines():
    a = from_dict({"text": "Title line\n\n  \nFirst paragraph.\r\nSecond one.\n", "url": "https://example.org/a"})
    assert a.paragraphs == ["Title line", "First paragraph.", "Second one."]


def test_paragraphs_keep_their_indexes():
    a = from_dict({"paragraphs": ["One.", "Two\nlines.", "Three.  "]})
    assert a.paragraphs == ["One.", "Two lines.", "Three."]


def test_metadata_is_parsed():
    a = from_dict({"text": "x", "published": "2024-05-15T13:53:00Z", "title": " T ", "outlet": "O"})
    assert a.published.isoformat() == "2024-05-15T13:53:00+00:00"
    assert a.title == "T" and a.outlet == "O"


@pytest.mark.parametrize("obj, code", [
    ({"text": "x", "colour": "red"}, "unknown_field"),
    ({"text": 5}, "invalid_field"),
    ({"paragraphs": ["a", 3]}, "invalid_field"),
    ({"text": "   \n \u200b\n"}, "empty_article"),
    ({"text": "x", "paragraphs": ["y"]}, "invalid_article"),
    ({}, "invalid_article"),
    ({"text": "x", "url": "ftp://example.org/file"}, "invalid_url"),
    ({"text": "x", "url": "not a url"}, "invalid_url"),
    ({"text": "x", "published": "last Tuesday"}, "invalid_date"),
    ({"text": "x", "title": ["list"]}, "invalid_field"),
    ({"paragraphs": ["p"] * 5000}, "too_many_paragraphs"),
    ({"paragraphs": ["a" * 100_001]}, "too_large"),
    ({"text": "bad \ud800 surrogate"}, "invalid_text"),
    ([1, 2], "invalid_article"),
])
def test_bad_articles_are_refused_with_a_code(obj, code):
    with pytest.raises(InputError) as err:
        from_dict(obj)
    assert err.value.code == code
    assert err.value.message


@pytest.mark.parametrize("raw, code", [
    (b"{not json", "invalid_json"),
    (b"\xff\xfe\x00", "invalid_encoding"),
    (b"[" * 100 + b"]" * 100, "too_deep"),
    (b" " * 2_000_001, "too_large"),
])
def test_raw_json_bounds(raw, code):
    with pytest.raises(InputError) as err:
        loads(raw)
    assert err.value.code == code


def test_html_is_reduced_to_the_article_without_link_lists():
    story = "".join(f"<p>Paragraph {i} of the story says the council met on Monday and agreed a budget "
                    f"for the new library, which opens next year.</p>" for i in range(6))
    links = "".join(f'<li><a href="/other/{i}">Unrelated headline number {i}</a></li>' for i in range(12))
    html = (f"<html><head><title>Council backs library</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Council backs library</h1>{story}</article><aside><ul>{links}</ul></aside></body></html>")
    a = from_dict({"html": html, "url": "https://example.org/library"})
    text = " ".join(a.paragraphs)
    assert "council met on Monday" in text
    assert "Unrelated headline" not in text
    assert a.title == "Council backs library"


def test_paragraphs_may_say_what_they_were_on_the_page():
    a = from_dict({"paragraphs": ["Lead.", {"text": "Quoted block.", "kind": "blockquote"}, {"text": "Item"}]})
    assert a.paragraphs == ["Lead.", "Quoted block.", "Item"]
    assert a.kinds == ["p", "blockquote", "p"]
    assert from_dict({"paragraphs": ["Only strings."]}).kinds is None
    # the kind changes the analysis, so it changes the cache key
    assert a.content_hash() != from_dict({"paragraphs": ["Lead.", "Quoted block.", "Item"]}).content_hash()


@pytest.mark.parametrize("item", [{"text": "x", "kind": "aside"}, {"kind": "p"}, {"text": "x", "style": "bold"}, 3])
def test_a_bad_paragraph_object_is_a_clear_error(item):
    with pytest.raises(InputError) as err:
        from_dict({"paragraphs": ["Lead.", item]})
    assert err.value.code == "invalid_field" and "paragraph 1" in err.value.message
