"""Ingest, watch and the CLI on broken input and faults: a clear line and a status, never a
traceback; what was read before a break is kept; bounds hold as a file is read."""
from __future__ import annotations

import gzip
import json
import os
import pathlib

import pytest

from faults import article
from quotetrail import limits
from robust_helpers import free_port, one_line_error, run_cli

HOME = pathlib.Path(__file__).resolve().parent


def stand_in(articles):
    """A small analysis with no model: one quote per article, so the store has something to keep."""
    for a in articles:
        yield a, {"article": a.meta(), "paragraphs": a.paragraphs, "speakers": [], "loaded_terms": [],
                  "quotes": [{"id": "q1", "text": a.paragraphs[0], "kind": "direct", "speaker": None,
                              "spans": [{"paragraph": 0, "start": 0, "end": 1}], "coverage": []}]}


@pytest.fixture
def store(tmp_path):
    from quotetrail.store import open_store

    s = open_store(str(tmp_path / "store.sqlite3"))
    yield s
    s.close()


def gz_lines(items) -> bytes:
    return gzip.compress("".join(json.dumps(a) + "\n" for a in items).encode())


def test_a_truncated_gzip_keeps_what_came_before_and_goes_on(tmp_path, store):
    from quotetrail.ingest import ingest

    items = [article(n) for n in range(40)]
    blob = gz_lines(items)
    (tmp_path / "cut.jsonl.gz").write_bytes(blob[: len(blob) * 2 // 3])
    (tmp_path / "later.jsonl").write_text(json.dumps(article(99)) + "\n")
    summary = ingest([str(tmp_path / "cut.jsonl.gz"), str(tmp_path / "later.jsonl")], store, stand_in)
    assert summary.added >= 10 + 1, summary.to_dict()       # the lines before the break, and the next source
    assert store.has_url(article(99)["url"])
    (failure,) = summary.failed
    assert failure[0].startswith(str(tmp_path / "cut.jsonl.gz")) and "breaks off" in failure[1]


def test_a_corrupt_gzip_is_one_failure(tmp_path, store):
    from quotetrail.ingest import ingest

    blob = bytearray(gz_lines([article(n) for n in range(5)]))
    blob[30:60] = b"\x00" * 30
    (tmp_path / "bad.jsonl.gz").write_bytes(bytes(blob))
    summary = ingest([str(tmp_path / "bad.jsonl.gz")], store, stand_in)
    assert [r.split(":")[0] for _, r in summary.failed][-1:] == ["unreadable"], summary.to_dict()
    assert "breaks off" in summary.failed[-1][1]


def test_a_huge_line_is_refused_as_it_is_read(tmp_path, store, monkeypatch):
    """A line of zeros that inflates far past the limit: refused without being held whole."""
    from quotetrail import ingest as ingest_module

    lines_seen = []
    real = ingest_module._bounded_lines

    def spy(f, limit):
        for n, line in real(f, limit):
            lines_seen.append(0 if line is None else len(line))
            yield n, line

    monkeypatch.setattr(ingest_module, "_bounded_lines", spy)
    big = gzip.compress(b'{"text": "' + b"0" * (limits.MAX_BODY_BYTES * 8) + b'"}\n' + json.dumps(article(7)).encode() + b"\n")
    (tmp_path / "bomb.jsonl.gz").write_bytes(big)
    summary = ingest_module.ingest([str(tmp_path / "bomb.jsonl.gz")], store, stand_in)
    assert summary.added == 1
    assert [r for _, r in summary.failed] == [f"too_large: line 1 is larger than {limits.MAX_BODY_BYTES} bytes"]
    assert max(lines_seen) <= limits.MAX_BODY_BYTES + 1


def test_a_saved_page_up_to_the_html_limit_is_read(tmp_path, store):
    from quotetrail.ingest import ingest

    filler = "<!-- " + "x" * (limits.MAX_BODY_BYTES + 100_000) + " -->"
    page = (f"<html><head><title>Ferry returns</title></head><body>{filler}<article><h1>Ferry returns</h1>"
            "<p>The harbour ferry returns in June after repairs, officials said on Friday.</p>"
            "<p>\u201cWe missed it,\u201d one commuter told the local paper.</p></article></body></html>")
    (tmp_path / "saved.html").write_text(page)
    summary = ingest([str(tmp_path / "saved.html")], store, stand_in)
    assert not any("larger than" in r for _, r in summary.failed), summary.failed


def rss(link: str, date: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>A</title>"
            f"<link>{link}</link><pubDate>{date}</pubDate></item></channel></rss>").encode()


def test_a_feed_item_dated_after_it_was_stored_is_fetched_again(tmp_path, store, monkeypatch):
    from quotetrail import ingest as ingest_module

    served = {"n": 0}

    class Page:
        def text(self):
            served["n"] += 1
            return (f"<html><body><article><p>Version {served['n']} of the story: the council met on Monday "
                    "and voted for the plan after a long debate.</p></article></body></html>")

    monkeypatch.setattr(ingest_module, "fetch", lambda url, **kw: Page())
    link = "https://news.example/story"
    feed = tmp_path / "f.rss"
    feed.write_bytes(rss(link, "Tue, 02 Apr 2024 08:00:00 GMT"))
    assert ingest_module.ingest([str(feed)], store, stand_in).added == 1
    again = ingest_module.ingest([str(feed)], store, stand_in)
    assert (again.unchanged, served["n"]) == (1, 1)         # an old date: not fetched again
    feed.write_bytes(rss(link, "Tue, 02 Apr 2999 08:00:00 GMT"))
    changed = ingest_module.ingest([str(feed)], store, stand_in)
    assert (changed.updated, served["n"]) == (1, 2)


# ---- watch ------------------------------------------------------------------------------------

@pytest.mark.parametrize("interval", ["0", "-5", "1.5", "soon"])
def test_watch_refuses_an_interval_that_would_spin(tmp_path, interval):
    (tmp_path / "feeds.txt").write_text("https://news.example/rss\n")
    done = run_cli("watch", str(tmp_path / "feeds.txt"), "--interval", interval, "--db", str(tmp_path / "s.sqlite3"))
    assert done.returncode == 2
    assert "--interval" in done.stderr.decode()


@pytest.mark.parametrize("content", [None, "<opml><body><outline xmlUrl='x'", "not a url\n", "# only a comment\n",
                                     "ftp://files.example/feed\n"])
def test_watch_with_a_missing_or_malformed_list_says_so_in_one_line(tmp_path, content):
    path = tmp_path / "feeds.txt"
    if content is not None:
        path.write_text(content)
    done = run_cli("watch", str(path), "--once", "--db", str(tmp_path / "s.sqlite3"))
    assert done.returncode == 2, done.stderr
    assert str(path) in one_line_error(done.stderr)


def test_watch_polls_the_list_it_is_given_only(store):
    from quotetrail.watch import watch

    polled = []
    store.add_feeds(["https://old.example/rss"])                 # an earlier list
    real = store.claim_feeds

    def claim(*args, **kwargs):
        feeds = real(*args, **kwargs)
        polled.extend(f["url"] for f in feeds)
        return []                                                # nothing fetched from the network

    store.claim_feeds = claim
    watch(["https://new.example/rss"], store, stand_in, interval=60, once=True)
    assert polled == ["https://new.example/rss"]
    watch(["https://new.example/rss"], store, stand_in, interval=60, once=True, forget_others=True)
    assert store.feed_state("https://old.example/rss") is None


# ---- CLI faults ---------------------------------------------------------------------------------

def test_an_unreachable_postgres_is_one_line_and_exit_3(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(article(1)))
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    # the pool used to retry for 30 s, printing a warning each time, before giving up
    done = run_cli("ingest", "--quiet", str(tmp_path / "a.json"), "--db", url, timeout=25)
    assert done.returncode == 3, done.stderr
    assert "cannot connect to PostgreSQL" in one_line_error(done.stderr)


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_serve_refuses_a_port_out_of_range(port):
    done = run_cli("serve", "--port", port)
    assert done.returncode == 2
    assert "port" in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_lexicon_with_a_missing_path_is_an_error(tmp_path):
    done = run_cli("lexicon", "--path", str(tmp_path / "missing.jsonl"))
    assert done.returncode == 2
    assert "no lexicon file" in one_line_error(done.stderr)


def test_an_id_of_5000_digits_in_the_cli_is_one_line(tmp_path):
    (tmp_path / "a.json").write_bytes(b'{"text": "Words here.", "id": ' + b"4" * 5000 + b"}")
    done = run_cli("analyze", "--no-coverage", str(tmp_path / "a.json"))
    assert done.returncode == 2
    assert "too many digits" in one_line_error(done.stderr)


def test_serve_keeps_gunicorn_control_socket_out_of_home(tmp_path):
    """Without the switch gunicorn 23+ makes ~/.gunicorn/gunicorn.ctl, shared by every instance."""
    from robust_helpers import Gunicorn

    home = tmp_path / "home"
    home.mkdir()
    server = Gunicorn(str(tmp_path / "s.sqlite3"), workers=1, threads=2, env={"HOME": str(home)},
                      log=tmp_path / "g.log")
    try:
        assert not (home / ".gunicorn").exists(), os.listdir(home)
    finally:
        server.stop()
