"""The largest input the limits allow gets its answer within the time limit of one request.

Served by gunicorn in a separate process (see `server_process`), so a request that runs over
cannot slow the other tests down.
"""
from __future__ import annotations

import pytest

from quotetrail import limits
from robust_helpers import check_analysis, post_json

SENTENCE = "The minister said the plan would work and the mayor agreed. "



def test_a_100k_character_paragraph_is_answered_in_time(server_process):
    para = (SENTENCE * (limits.MAX_PARAGRAPH_CHARS // len(SENTENCE) + 1))[:limits.MAX_PARAGRAPH_CHARS]
    r = post_json(server_process, {"paragraphs": [para]})
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    check_analysis(body, [para.rstrip()])
    assert len(body["quotes"]) > 100


def test_the_largest_legal_article_is_answered_in_time(server_process):
    """limits.MAX_ARTICLE_CHARS in distinct 1,000-word paragraphs: the most a reader's page may send."""
    words = (SENTENCE * 200).split()
    body = " ".join(words[:990])
    count = limits.MAX_ARTICLE_CHARS // (len(body) + 40)
    paragraphs = [f"In part {n}, officials spoke. {body}" for n in range(count)]
    r = post_json(server_process, {"paragraphs": paragraphs})
    assert r.status_code == 200, r.text[:300]
    check_analysis(r.json(), paragraphs)


def test_a_long_paragraph_well_under_the_limit_is_answered(server_process):
    """Control for the two above: 10,000 characters in one paragraph answer correctly."""
    para = (SENTENCE * 200)[:10_000].rstrip()
    r = post_json(server_process, {"paragraphs": [para]})
    assert r.status_code == 200, r.text[:300]
    check_analysis(r.json(), [para])
