"""Hostile input to POST /api/v1/analyze and /api/v1/ingest through a real HTTP server: every
answer is a correct 200 analysis or a 4xx JSON error, within the time limit of one request."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotetrail import limits
from robust_helpers import (INGEST_TOKEN, check_analysis, check_answer, check_error, post, post_json,
                            utf16_len)

ANALYZE = "/api/v1/analyze"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a"


def nested(depth: int) -> bytes:
    return b'{"text": ' + b"[" * depth + b"]" * depth + b"}"


# ---- malformed bodies -------------------------------------------------------------------------

@pytest.mark.parametrize("body, status, code", [
    (b"", 400, "invalid_json"),
    (b"\x00\x01\x02\xff\xfe binary \x89PNG\r\n\x1a\n", 400, "invalid_encoding"),
    (b'{"text": "caf\xe9 au lait"}', 400, "invalid_encoding"),                  # Latin-1, not UTF-8
    (b'{"text": "\xed\xa0\x80 encoded surrogate"}', 400, "invalid_encoding"),  # CESU-style bytes
    (b'{"text": "lone \\ud800 surrogate"}', 400, "invalid_text"),
    (b'{"paragraphs": ["ok", "\\udfff"]}', 400, "invalid_text"),
    (b'{"title": "\\ud83d", "text": "Fine text."}', 400, "invalid_text"),
    (nested(limits.MAX_JSON_DEPTH + 1), 400, "too_deep"),
    (nested(100_000), 400, "too_deep"),
    (b"[" * 500_000, 400, "too_deep"),
    (b'{"text": "unterminated', 400, "invalid_json"),
    (b'{"text": "x"} trailing', 400, "invalid_json"),
    (b"NaN", 400, "invalid_article"),
    (b'"just a string"', 400, "invalid_article"),
    (b'{"text": "x", "text": 5}', 400, "invalid_field"),                        # the last key wins
    (b'{"paragraphs": [1, 2, 3]}', 400, "invalid_field"),
    (b'{"paragraphs": "not a list"}', 400, "invalid_field"),
    (b'{"text": "a", "paragraphs": ["b"]}', 400, "invalid_article"),
    (b'{"text": "\\u200b\\u200d\\ufeff \\n \\u2060"}', 400, "empty_article"),
    (b'{"text": "x", "published": "yesterday-ish"}', 400, "invalid_date"),
    (b'{"text": "x", "url": "http://"}', 400, "invalid_url"),
    (b'{"text": "x", "id": {"a": 1}}', 400, "invalid_field"),
])
def test_malformed_body_is_a_4xx_json_error(live_url, body, status, code):
    check_error(post(live_url, ANALYZE, body), status, code)


def test_body_over_the_limit_is_413(live_url):
    body = json.dumps({"text": "word " * (limits.MAX_BODY_BYTES // 5 + 10)}).encode()
    check_error(post(live_url, ANALYZE, body), 413)


def test_huge_json_under_the_byte_limit_is_refused_quickly(live_url):
    """Nearly 2 MB of JSON: a giant array of numbers, then a giant object of unknown keys."""
    many = b'{"paragraphs": [' + b",".join(b"1" for _ in range(limits.MAX_BODY_BYTES // 3)) + b"]}"
    check_error(post(live_url, ANALYZE, many), 400, "invalid_field")
    keys = b"{" + b",".join(b'"k%d": 0' % i for i in range(limits.MAX_BODY_BYTES // 16)) + b"}"
    check_error(post(live_url, ANALYZE, keys), 400, "unknown_field")


def test_wrong_media_type_is_415(live_url):
    check_error(post(live_url, ANALYZE, b'{"text": "x"}', content_type="text/plain"), 415,
                "unsupported_media_type")


def test_too_many_paragraphs_and_too_long_article(live_url):
    check_error(post_json(live_url, {"paragraphs": ["p."] * (limits.MAX_PARAGRAPHS + 1)}), 400,
                "too_many_paragraphs")
    check_error(post_json(live_url, {"paragraphs": ["x" * (limits.MAX_PARAGRAPH_CHARS + 1)]}), 400, "too_large")
    check_error(post_json(live_url, {"paragraphs": ["word " * 20_000] * 5}), 400, "too_large")


# ---- legal but hostile text: a correct 200 in time ----------------------------------------------

HOSTILE_TEXTS = {
    "zero-width characters inside words": [f"Mayor Ana{ZERO_WIDTH}Ruiz said: \u201cThe bridge{ZERO_WIDTH} reopens "
                                           f"in March.\u201d", ZERO_WIDTH + "Second\u200b paragraph."],
    "right-to-left text and bidi controls": ["\u05e9\u05dc\u05d5\u05dd \u201c\u05d6\u05d4 \u05e6\u05d9\u05d8\u05d5\u05d8"
                                             "\u201d, \u05d0\u05de\u05e8 \u05d4\u05e9\u05e8.",
                                             f"{BIDI}\u201cWe will rebuild,\u201d said Omar Haddad.{BIDI}"],
    "astral characters around quotes": ["\U0001f600\u201cWe \U0001f30d will win,\u201d said Ana Ruiz \U0001f389."],
    "3,000 straight double quotes": ['"' * 3000],
    "3,000 curly quotes alternating": ["\u201c\u201d" * 1500],
    "600 quoted words with cues": [" ".join(f'"Word {i}," Bob said.' for i in range(600))],
    "unbalanced opening quotes": ["\u201cHe said it began. " * 800],
    "unbalanced closing quotes": ["It ended.\u201d " * 800],
    "every mark in one paragraph": [MARKS * 300],
    "quote left open across paragraphs": ["\u201cThis begins a quote"] + ["\u201cand it goes on"] * 300,
    "2,000 one-word paragraphs": ["Word."] * limits.MAX_PARAGRAPHS,
    "control characters": ["Tab\there, bell\x07, escape\x1b[31m, form feed\x0c, \u2028line\u2029sep."],
}


@pytest.mark.parametrize("paragraphs", list(HOSTILE_TEXTS.values()), ids=list(HOSTILE_TEXTS))
def test_hostile_text_gets_a_correct_analysis_in_time(live_url, paragraphs):
    r = post_json(live_url, {"paragraphs": paragraphs})
    assert r.status_code == 200, r.text[:500]
    body = r.json()
    # the response's paragraphs are what every span refers to: the input, minus trailing blanks
    check_analysis(body)
    assert len(body["paragraphs"]) <= len(paragraphs)


def test_zero_width_and_astral_offsets_are_utf16(live_url):
    para = "Sunny \U0001f31e. \u200b\u201cWe will rebuild \U0001f309 the bridge,\u201d said Omar Haddad. \U0001f30d"
    r = post_json(live_url, {"paragraphs": [para]})
    assert r.status_code == 200, r.text
    quotes = r.json()["quotes"]
    assert len(quotes) == 1, quotes
    span = quotes[0]["spans"][0]
    # 'Sunny ', the sun (two UTF-16 units), '. ', the zero-width space, the opening mark
    assert span["start"] == 6 + 2 + 2 + 1 + 1
    units = para.encode("utf-16-le")
    assert units[span["start"] * 2:span["end"] * 2].decode("utf-16-le") == "We will rebuild \U0001f309 the bridge,"


# ---- property tests -------------------------------------------------------------------------

hostile_chars = st.sampled_from(list(MARKS + ZERO_WIDTH + BIDI) + ["\n", "\r", "\t", " ", "\u00a0", "\U0001f600",
                                                                   "\u0301", "\\", ".", ",", ":", "\u2014"])
words = st.sampled_from(["said", "says", "told", "Ruiz", "Mayor", "the", "plan", "will", "He", "she",
                         "according", "to", "Reuters", "claims", "regime", "so-called", "not", "It"])
hostile_text = st.lists(st.one_of(hostile_chars, words, st.text(max_size=8)), max_size=120).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(paragraphs=st.lists(hostile_text, min_size=1, max_size=8))
def test_any_paragraphs_get_an_analysis_or_a_4xx(live_url, paragraphs):
    r = post_json(live_url, {"paragraphs": paragraphs})
    check_answer(r)
    if r.status_code == 200:
        assert len(r.json()["paragraphs"]) <= len(paragraphs)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=hostile_text, title=st.one_of(st.none(), st.text(max_size=50)),
       url=st.one_of(st.none(), st.text(max_size=30), st.just("https://news.example/a")))
def test_any_text_and_metadata_get_an_analysis_or_a_4xx(live_url, text, title, url):
    obj = {"text": text}
    if title is not None:
        obj["title"] = title
    if url is not None:
        obj["url"] = url
    check_answer(post_json(live_url, obj))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30)
article_like = st.fixed_dictionaries({}, optional={
    "text": json_values, "paragraphs": json_values, "html": json_values, "url": json_values,
    "title": json_values, "outlet": json_values, "published": json_values, "id": json_values})


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.one_of(json_values, article_like))
def test_any_json_gets_an_analysis_or_a_4xx(live_url, body):
    check_answer(post_json(live_url, body))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.binary(max_size=400))
def test_any_bytes_get_an_analysis_or_a_4xx(live_url, body):
    check_answer(post(live_url, ANALYZE, body))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.one_of(json_values, article_like,
                      st.fixed_dictionaries({"articles": st.lists(article_like, max_size=3)})))
def test_ingest_with_any_json_stores_or_refuses(live_url, body):
    r = post_json(live_url, body, path="/api/v1/ingest")
    check_error(r, 401)                                          # no token: refused before parsing
    r = post(live_url, "/api/v1/ingest", json.dumps(body).encode(),
             headers={"Authorization": f"Bearer {INGEST_TOKEN}"})
    assert r.status_code < 500, r.text[:300]
    if r.status_code == 200:
        counts = r.json()
        assert set(counts) >= {"added", "updated"} and sum(counts.values()) >= 1, counts
    else:
        check_error(r)


def test_ingest_refuses_more_than_a_batch(live_url):
    articles = [{"url": f"https://news.example/{i}", "text": "A line."} for i in range(limits.INGEST_BATCH + 1)]
    r = post(live_url, "/api/v1/ingest", json.dumps({"articles": articles}).encode(),
             headers={"Authorization": f"Bearer {INGEST_TOKEN}"})
    check_error(r, 400, "too_many_articles")


def test_utf16_helper_counts_astral_twice():
    assert utf16_len("a\U0001f600b") == 4
