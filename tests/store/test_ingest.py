"""Ingestion from files, folders, feeds and URLs (served by a local HTTP server), and feed watching."""
import itertools
import json
import time

import pytest
from qt_fixtures import stand_in_analyze_many

from quotetrail import limits
from quotetrail.feeds import read_feed_list
from quotetrail.ingest import ingest
from quotetrail.watch import backoff, poll_round

QUOTE = "\u201cThe night trains will run again from the first of June,\u201d Ines Duarte said."


def article_obj(n, **extra):
    return {"url": f"https://rail.test/story/{n}", "title": f"Story {n}", "outlet": "Rail Weekly",
            "published": "2024-04-02T08:00:00Z",
            "text": f"Rail operators met on Monday about line {n}.\n{QUOTE}", **extra}


_pages = itertools.count(1)


def page(title, *paragraphs):
    # each page unique: trafilatura (deduplicate=True in extract.py) drops text it has already seen in
    # this process, so a page served twice in one test session would come back empty
    n = next(_pages)
    body = "".join(f"<p>{p} (page {n})</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Rail Weekly'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


PARAS = ["The regional rail company announced a timetable for the summer months with many more services.",
         "\u201cThe night trains will run again from the first of June, and every coastal town gets a stop,\u201d "
         "Ines Duarte said at the depot on Monday.",
         "Passenger groups welcomed the plan but asked for cheaper fares on the longest routes this year."]


def rss(*items):
    entries = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>Tue, 02 Apr 2024 08:00:00 GMT</pubDate></item>"
                      for t, u in items)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Rail</title>{entries}</channel></rss>"


def test_json_jsonl_and_folder(store, tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(article_obj(1)))
    (tmp_path / "many.jsonl").write_text("\n".join(json.dumps(article_obj(n)) for n in (2, 3, 4)) + "\n")
    summary = ingest([str(tmp_path)], store, stand_in_analyze_many)
    assert (summary.added, summary.updated, summary.failed) == (4, 0, [])
    assert store.count() == {"articles": 4, "quotes": 4}


def test_reingesting_updates_never_duplicates_and_unchanged_is_skipped(store, tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(article_obj(1)))
    assert ingest([str(f)], store, stand_in_analyze_many).added == 1
    again = ingest([str(f)], store, stand_in_analyze_many)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    f.write_text(json.dumps(article_obj(1, title="Story 1, corrected")))
    changed = ingest([str(f)], store, stand_in_analyze_many)
    assert (changed.added, changed.updated) == (0, 1)
    assert store.count()["articles"] == 1
    assert store.get_article("https://rail.test/story/1")["title"] == "Story 1, corrected"


def test_bad_items_fail_with_reasons_and_the_rest_is_stored(store, tmp_path):
    lines = [json.dumps(article_obj(1)), "{not json", json.dumps({"url": "https://rail.test/x", "text": ""}),
             json.dumps(article_obj(2, colour="red")), json.dumps(article_obj(3))]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines))
    summary = ingest([str(tmp_path / "mixed.jsonl"), str(tmp_path / "missing.json")], store, stand_in_analyze_many)
    assert summary.added == 2
    reasons = dict(summary.failed)
    assert len(reasons) == 4
    assert "invalid_json" in reasons[f"{tmp_path / 'mixed.jsonl'}:2"]
    assert "empty_article" in reasons[f"{tmp_path / 'mixed.jsonl'}:3"]
    assert "unknown_field" in reasons[f"{tmp_path / 'mixed.jsonl'}:4"]
    assert "not_found" in reasons[str(tmp_path / "missing.json")]


def test_interrupted_run_keeps_what_it_reported_and_a_rerun_continues(store, tmp_path):
    (tmp_path / "all.jsonl").write_text("\n".join(json.dumps(article_obj(n)) for n in range(10)))
    reported = []
    analysed = []

    def dies_after_four(articles):
        for pair in stand_in_analyze_many(articles):
            if len(analysed) == 4:
                raise KeyboardInterrupt      # the operator pressed Ctrl-C, in the middle of the second batch
            analysed.append(pair[0].url)
            yield pair

    with pytest.raises(KeyboardInterrupt):
        ingest([str(tmp_path / "all.jsonl")], store, dies_after_four, batch_size=3,
               progress=lambda label, status: reported.append(label))
    assert len(reported) == 4
    assert all(store.has_url(url) for url in analysed)
    assert store.count()["articles"] == 4
    rerun = ingest([str(tmp_path / "all.jsonl")], store, stand_in_analyze_many)
    assert (rerun.added, rerun.unchanged) == (6, 4)
    assert store.count()["articles"] == 10


def test_a_failing_article_in_a_batch_does_not_sink_the_batch(store, tmp_path):
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(article_obj(n)) for n in range(5)))

    def chokes_on_story_2(articles):
        for article in articles:
            if article.url.endswith("/2"):
                raise RuntimeError("parser crashed")
            yield from stand_in_analyze_many([article])

    summary = ingest([str(tmp_path / "b.jsonl")], store, chokes_on_story_2, batch_size=5)
    assert summary.added == 4
    assert [r for _, r in summary.failed] == ["RuntimeError: parser crashed"]


def test_article_url_and_saved_page(store, site, tmp_path):
    url = site.add("/news/night-trains", page("Night trains return", *PARAS))
    saved = tmp_path / "saved.html"
    saved.write_text(page("Night trains return", *PARAS).replace(
        "<head>", "<head><link rel='canonical' href='https://rail.test/saved-copy'>"))
    summary = ingest([url, str(saved)], store, stand_in_analyze_many)
    assert (summary.added, summary.failed) == (2, [])
    stored = store.get_article(url)
    assert any("night trains" in p for p in stored["paragraphs"])
    assert [q["speaker"] for q in stored["quotes"]] == ["Ines Duarte"]
    assert store.has_url("https://rail.test/saved-copy")


def test_feed_url_fetches_entries_and_reports_each_failure(store, site):
    good = site.add("/a", page("Night trains return", *PARAS))
    missing = site.base + "/gone"
    feed = site.add("/feed.xml", rss(("Night trains", good), ("Gone", missing)), "application/rss+xml")
    summary = ingest([feed], store, stand_in_analyze_many)
    assert summary.added == 1
    assert summary.failed == [(missing, f"fetch: {missing}: HTTP 404 Not Found")]
    again = ingest([feed], store, stand_in_analyze_many)
    assert again.unchanged == 1 and again.added == 0
    fetched = [path for path, _ in site.seen if path == "/a"]
    assert len(fetched) == 1                      # a stored entry is not fetched again


def test_fetch_size_limit_and_timeout(store, site, monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 2_000)
    monkeypatch.setattr(limits, "FETCH_SECONDS", 1)
    big = site.add("/big", page("Big", *(PARAS * 20)))

    def slow(handler):
        time.sleep(2.5)
        return 200, {"Content-Type": "text/html"}, b"<p>late</p>"

    site.routes["/slow"] = slow
    summary = ingest([big, site.base + "/slow"], store, stand_in_analyze_many)
    reasons = dict(summary.failed)
    assert "over the limit" in reasons[big] or "more than" in reasons[big]
    assert "1 s" in reasons[site.base + "/slow"]
    assert store.count()["articles"] == 0


def test_feed_list_text_and_opml():
    assert read_feed_list("# news\nhttps://a.test/rss\n\nhttps://b.test/atom  # b\nhttps://a.test/rss\n") == [
        "https://a.test/rss", "https://b.test/atom"]
    opml = ("<?xml version='1.0'?><opml version='2.0'><body><outline text='News'>"
            "<outline type='rss' xmlUrl='https://a.test/rss'/><outline type='rss' xmlUrl='https://c.test/feed'/>"
            "</outline></body></opml>")
    assert read_feed_list(opml) == ["https://a.test/rss", "https://c.test/feed"]


def test_watch_uses_conditional_requests_and_backs_off(store, site):
    article = site.add("/a", page("Night trains return", *PARAS))
    body = rss(("Night trains", article)).encode()

    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return None
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, body

    site.routes["/feed.xml"] = feed
    broken = site.base + "/broken.xml"
    store.add_feeds([site.base + "/feed.xml", broken])
    first = poll_round(store, stand_in_analyze_many, interval=60, now=1_000.0)
    assert (first["feeds"], first["added"], first["feed_errors"]) == (2, 1, 1)
    assert store.feed_state(broken)["failures"] == 1
    assert store.feed_state(broken)["next_poll"] == 1_000.0 + backoff(60, 1)
    second = poll_round(store, stand_in_analyze_many, interval=60, now=1_061.0)
    assert (second["feeds"], second["not_modified"]) == (1, 1)   # the broken feed is still backing off
    assert [h.get("if-none-match") for p, h in site.seen if p == "/feed.xml"] == [None, '"v1"']
    assert backoff(60, 3) == 480 and backoff(60, 30) == 24 * 3600
