"""Hostile input to the command line: `quotetrail analyze` and `quotetrail ingest` refuse bad input
with exit status 2 (or 1 for ingest items) and one line on stderr, never a traceback or a hang;
legal hostile text gets the same correct JSON as the API."""
from __future__ import annotations

import io
import json
import signal
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotetrail import cli, limits
from robust_helpers import REQUEST_LIMIT, check_analysis, one_line_error, run_cli

BAD_INPUTS = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "invalid_encoding"),
    "invalid UTF-8": (b'{"text": "na\xefve \xc3"}', "invalid_encoding"),
    "lone surrogate escape": (b'{"text": "a \\udc00 b"}', "invalid_text"),
    "deep nesting": (b'{"paragraphs": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "too_deep"),
    "over the byte limit": (b'{"text": "' + b"a" * (limits.MAX_BODY_BYTES + 1) + b'"}', "too_large"),
    "empty": (b"", "invalid_json"),
    "only zero-width characters": ('{"text": "\u200b\u200d\ufeff"}'.encode(), "empty_article"),
    "a JSON list": (b"[1, 2, 3]", "invalid_article"),
}


@pytest.mark.parametrize("data, code", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_analyze_refuses_bad_input_with_one_line_and_status_2(tmp_path, data, code):
    r = run_cli("analyze", "--no-coverage", "-", stdin=data)
    assert r.returncode == 2, r.stderr[-800:]
    assert r.stdout == b""
    line = one_line_error(r.stderr)
    assert f": {code}: " in line, line


def test_analyze_refuses_a_file_that_is_not_readable(tmp_path):
    r = run_cli("analyze", "--no-coverage", str(tmp_path))                 # a directory
    assert r.returncode == 2 and "unreadable" in one_line_error(r.stderr)
    r = run_cli("analyze", "--no-coverage", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "unreadable" in one_line_error(r.stderr)


def test_analyze_hostile_text_from_a_file(tmp_path):
    paragraphs = ["\u202e\u201cWe \U0001f600 will\u200b win,\u201d said Ana Ruiz.\u202c",
                  '"' * 2000, "\u201c unbalanced " * 300]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"paragraphs": paragraphs}, ensure_ascii=False), encoding="utf-8")
    r = run_cli("analyze", "--no-coverage", str(path))
    assert r.returncode == 0, r.stderr[-800:]
    body = json.loads(r.stdout)
    check_analysis(body)
    assert body["paragraphs"][0] == paragraphs[0]


def test_ingest_reports_bad_lines_and_keeps_the_good_ones(tmp_path):
    good = {"url": "https://news.example/good", "text": "\u201cThe vote passed,\u201d said Lena Park."}
    lines = [json.dumps(good).encode(), b"\xff\xfe not utf-8", b'{"text": "\\ud800"}', b"[" * 10_000,
             b'{"url": "https://news.example/no-body"}', b"", b"{broken"]
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "store.sqlite3"
    r = run_cli("ingest", "--quiet", "--db", str(db), str(source))
    text = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 1, text[-1500:]
    assert "Traceback" not in text
    assert "added 1," in text
    from quotetrail.store import open_store
    with open_store(str(db)) as store:
        assert store.count()["articles"] == 1
        assert store.get_article(good["url"])["paragraphs"] == [good["text"]]


# ---- property tests, in process (the CLI's main with a time limit per call) ----------------------

class Hang(Exception):
    pass


def _run_main(argv: list[str], stdin: bytes, monkeypatch) -> tuple[int, str, str]:
    """cli.main with bytes on standard input; SIGALRM turns a hang into a failure."""
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)

    def alarm(signum, frame):
        raise Hang(f"quotetrail {' '.join(argv)} ran over {REQUEST_LIMIT} s on {stdin[:80]!r}")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(REQUEST_LIMIT)
    try:
        code = cli.main(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue()


marks = st.sampled_from(list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u200b\u200f\u202e\n \U0001f600"))
text = st.lists(st.one_of(marks, st.sampled_from(["said", "Ana Ruiz", "the", "plan", "."]), st.text(max_size=6)),
                max_size=80).map("".join)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.one_of(st.binary(max_size=200),
                      json_values.map(lambda v: json.dumps(v).encode()),
                      text.map(lambda t: json.dumps({"text": t}).encode()),
                      st.lists(text, max_size=5).map(lambda p: json.dumps({"paragraphs": p}).encode())))
def test_analyze_any_input_is_json_or_one_line_status_2(monkeypatch, data):
    code, out, err = _run_main(["analyze", "--no-coverage", "-"], data, monkeypatch)
    if code == 0:
        check_analysis(json.loads(out))
        assert err == ""
    else:
        assert code == 2, (code, err)
        assert out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("quotetrail analyze: "), err


def test_a_field_name_with_line_breaks_stays_on_one_error_line(tmp_path):
    """Field names come from the input: the error quotes them, so a name holding CR or LF cannot
    split the one-line error (or forge a line in a log)."""
    r = run_cli("analyze", "--no-coverage", "-", stdin=b'{"text": "x", "evil\\r\\nquotetrail: ok": 1}')
    assert r.returncode == 2
    line = one_line_error(r.stderr)
    assert "unknown_field" in line and "\\r\\n" in line, line
