"""The store fills itself: the poller, in process and under a real `quotetrail serve`, against feeds
and article pages served from 127.0.0.1 (never the network). Also the settings that switch it off
or point it elsewhere, and the status endpoint that says what the store holds."""
import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from qt_fixtures import _free_port, stand_in_analyze_many

from quotetrail import poller, settings
from quotetrail.errors import InputError
from quotetrail.status import store_status
from quotetrail.store import open_store

# A story two outlets carry with the same quotation; the second is the article a reader analyses.
FERRY = [
    "The island council approved a new ferry route to the mainland on Wednesday after two years of talks.",
    "\u201cThe new boats will carry twice as many passengers by next summer,\u201d said Marta Kowalczyk, "
    "the council's head of transport, at a meeting in the town hall.",
    "Residents have complained for years about crowded crossings and cancelled sailings in the winter months.",
    "The council expects the first of three boats to arrive from the shipyard in early spring.",
]
READER = {
    "url": "https://coast-courier.test/ferry", "outlet": "Coast Courier", "title": "Bigger ferries on the way",
    "published": "2026-11-25T09:00:00Z",
    "paragraphs": [
        "Islanders will get a larger ferry service next year, the council decided on Wednesday.",
        "\u201cThe new boats will carry twice as many passengers by next summer,\u201d Kowalczyk told the meeting.",
        "Marta Kowalczyk leads the transport department of the island council.",
    ],
}


def page(title, paragraphs, n=0):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
            f"<p>Story number {n} of the day.</p></article></body></html>")


def rss(*items):
    entries = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate>"
                      "</item>" for t, u in items)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Island news</title>{entries}</channel></rss>"


def opml(tmp_path, *feeds):
    outlines = "".join(f"<outline type='rss' text='{name}' xmlUrl='{url}'/>" for url, name in feeds)
    path = tmp_path / "feeds.opml"
    path.write_text(f"<?xml version='1.0'?><opml version='2.0'><body>{outlines}</body></opml>")
    return path


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def wait_for(what, seconds, check):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


# ---- settings -------------------------------------------------------------------------------------

def test_settings_parse_explicitly_and_refuse_guesses():
    for word in ("true", "1", "yes", "on", " ON "):
        assert settings.parse_bool(word) is True
    for word in ("false", "0", "no", "off", "No"):
        assert settings.parse_bool(word) is False
    for bad in ("maybe", "", "2", "nope"):
        with pytest.raises(ValueError):
            settings.parse_bool(bad)
    assert settings.subset(settings.POLL_SETTINGS, {}) == {"POLL": True, "FEEDS": None, "POLL_INTERVAL": 900,
                                          "RETENTION_DAYS": 90}
    env = {"QUOTETRAIL_POLL": "off", "QUOTETRAIL_FEEDS": "/srv/feeds.opml", "QUOTETRAIL_POLL_INTERVAL": "600",
           "QUOTETRAIL_RETENTION_DAYS": "0"}
    assert settings.subset(settings.POLL_SETTINGS, env) == {"POLL": False, "FEEDS": "/srv/feeds.opml", "POLL_INTERVAL": 600,
                                           "RETENTION_DAYS": 0}
    for var, bad in (("QUOTETRAIL_POLL", "perhaps"), ("QUOTETRAIL_POLL_INTERVAL", "5"),
                     ("QUOTETRAIL_RETENTION_DAYS", "-1"), ("QUOTETRAIL_RETENTION_DAYS", "a week")):
        with pytest.raises(settings.SettingError, match=var):
            settings.subset(settings.POLL_SETTINGS, {var: bad})


def test_the_app_reads_the_settings_with_the_explicit_parser(tmp_path, monkeypatch):
    from quotetrail.api import create_app

    # Flask's own prefixed-env reader would keep "no" as a (truthy) string
    monkeypatch.setenv("QUOTETRAIL_POLL", "no")
    monkeypatch.setenv("QUOTETRAIL_RETENTION_DAYS", "30")
    app = create_app({"DB": str(tmp_path / "s.sqlite3")})
    assert app.config["POLL"] is False and app.config["RETENTION_DAYS"] == 30
    app = create_app({"DB": str(tmp_path / "s.sqlite3"), "POLL": "yes", "RETENTION_DAYS": "7"})
    assert app.config["POLL"] is True and app.config["RETENTION_DAYS"] == 7
    assert app.test_client().get("/api/v1/store").get_json()["retention_days"] == 7


def test_the_packaged_feed_list_names_each_outlet():
    import importlib.resources

    assert importlib.resources.files("quotetrail").joinpath("data/feeds.opml").is_file()
    entries = poller.load_feed_list(poller.DEFAULT_FEEDS)
    assert len(entries) >= 8
    assert all(url.startswith("https://") and outlet for url, outlet in entries)
    assert len({outlet for _, outlet in entries}) == len(entries)


def test_unusable_feed_lists_are_refused_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("# nothing yet\n")
    (tmp_path / "ftp.txt").write_text("ftp://files.test/feed.xml\n")
    (tmp_path / "broken.opml").write_text("<opml><body><outline")
    for name, reason in (("empty.txt", "holds no feed"), ("ftp.txt", r"not an http\(s\) feed URL"),
                         ("broken.opml", "neither OPML"), ("missing.opml", "cannot read")):
        with pytest.raises(InputError, match=reason):
            poller.load_feed_list(tmp_path / name)


# ---- the poller in process (stand-in analysis, both engines) -----------------------------------------

def test_poller_stores_polled_articles_under_the_lists_outlet_and_beats(store, site):
    pages = [site.add(f"/island/{n}", page(f"Ferry story {n}", FERRY, n)) for n in range(2)]
    feed = site.add("/island.xml", rss(*((f"Ferry {n}", u) for n, u in enumerate(pages))), "application/rss+xml")
    # a feed some other list registered earlier: this poller leaves it alone
    store.add_feeds([site.base + "/someone-elses.xml"])
    stop = threading.Event()
    thread = threading.Thread(target=poller.run, args=(store, [(feed, "Island Herald")]),
                              kwargs={"interval": 60, "retention_days": 90, "stop": stop,
                                      "analyze_many": stand_in_analyze_many})
    thread.start()
    try:
        wait_for("the polled articles", 60, lambda: store.count()["articles"] == 2)
        status = store_status(store, {}, fresh=True)
        assert status["polling"]["enabled"] and status["polling"]["feeds"] == 1
        assert status["polling"]["last_polled"] is not None
        assert (status["articles"], status["outlets"], status["polled_articles"]) == (2, 1, 2)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    stored = store.get_article(pages[0])
    assert stored["outlet"] == "Island Herald"
    assert store.origin_of(pages[0]) == "feed"
    assert [p for p, _ in site.seen if p.endswith(".xml")] == ["/island.xml"]
    assert store_status(store, {}, fresh=True)["polling"]["enabled"] is False   # the heartbeat went with it


def test_a_stale_heartbeat_does_not_count_as_polling(store):
    poller.beat(store, "elsewhere:1", {"feeds": 3, "interval": 900})
    assert [p["name"] for p in poller.alive(store)] == ["elsewhere:1"]
    assert poller.alive(store, now=time.time() + poller.ALIVE_SECONDS + 1) == []


# ---- a real `quotetrail serve` ---------------------------------------------------------------------

class Serve:
    """`quotetrail serve` on a free port in its own session, with its output in a log file."""

    def __init__(self, tmp_path, *args, env=None, workers=2):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = str(tmp_path / "store.sqlite3")
        self.log_path = tmp_path / f"serve-{self.port}.log"
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "quotetrail.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--workers", str(workers), "--threads", "2", "--db", self.db, *args],
                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True)
        try:
            wait_for("the server", 180, self._healthy)
        except AssertionError:
            self.stop()
            raise AssertionError(f"serve did not come up: {self.log()}") from None

    def _healthy(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"serve exited with {self.proc.returncode}: {self.log()}")
        try:
            return get_json(self.url + "/api/v1/health")["status"] == "ok"
        except OSError:
            return False

    def log(self):
        return self.log_path.read_text(errors="replace")[-6000:]

    def children(self):
        """(worker pids, poller pids) among the master's children."""
        path = pathlib.Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        pids = [int(p) for p in path.read_text().split()] if path.exists() else []
        pollers = [p for p in pids if b"quotetrail.poller" in pathlib.Path(f"/proc/{p}/cmdline").read_bytes()]
        return [p for p in pids if p not in pollers], pollers

    def store(self):
        return get_json(self.url + "/api/v1/store")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def test_serve_polls_local_feeds_and_coverage_appears(tmp_path, site):
    """A fresh store, `serve` with two workers: one poller, the status line changing as the feed
    is polled, and the reader's article from another outlet finding the polled one's quote."""
    gate = threading.Event()
    story = site.add("/island/ferry", page("Bigger ferries for the island", FERRY))
    body = rss(("Bigger ferries", story)).encode()

    def feed(handler):
        gate.wait(120)                   # the test looks at the empty store before the feed answers
        return 200, {"Content-Type": "application/rss+xml"}, body

    site.routes["/island.xml"] = feed
    feeds = opml(tmp_path, (site.base + "/island.xml", "Island Herald"))
    serve = Serve(tmp_path, env={"QUOTETRAIL_POLL": "true", "QUOTETRAIL_FEEDS": str(feeds)})
    try:
        first = wait_for("the poller's heartbeat", 120, lambda: (s := serve.store())["polling"]["enabled"] and s)
        assert (first["articles"], first["outlets"], first["quotes"]) == (0, 0, 0)
        assert first["newest"] is None and first["polling"]["feeds"] == 1
        workers, pollers = serve.children()
        assert len(workers) == 2 and len(pollers) == 1, serve.log()   # one poller, not one per worker

        gate.set()
        filled = wait_for("the polled article", 240, lambda: (s := serve.store())["articles"] >= 1 and s)
        assert (filled["outlets"], filled["polled_articles"]) == (1, 1)
        assert filled["quotes"] >= 1 and filled["newest"] is not None
        assert filled["polling"]["last_polled"] is not None

        request = urllib.request.Request(serve.url + "/api/v1/analyze", data=json.dumps(READER).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as r:
            answer = json.loads(r.read())
        quote = next(q for q in answer["quotes"] if "twice as many passengers" in q["text"])
        assert [(c["url"], c["outlet"]) for c in quote["coverage"]] == [(story, "Island Herald")]
        assert quote["first_seen"]["url"] == story
    finally:
        gate.set()
        serve.stop()
    # the poller stopped with the server and took its heartbeat along
    wait_for("the poller to exit", 30, lambda: not any(os.path.exists(f"/proc/{p}") and
                                                       b"quotetrail.poller" in _cmdline(p) for p in pollers))
    store = open_store(serve.db)
    try:
        assert poller.alive(store) == []
    finally:
        store.close()


def _cmdline(pid):
    try:
        return pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.parametrize("how", ["setting", "flag"])
def test_serve_with_polling_off_fetches_nothing(tmp_path, site, how):
    site.add("/island.xml", rss(("Ferry", site.base + "/island/ferry")), "application/rss+xml")
    feeds = opml(tmp_path, (site.base + "/island.xml", "Island Herald"))
    env = {"QUOTETRAIL_FEEDS": str(feeds), "QUOTETRAIL_POLL": "false" if how == "setting" else "true"}
    serve = Serve(tmp_path, *(["--no-poll"] if how == "flag" else []), env=env, workers=1)
    try:
        time.sleep(3)
        workers, pollers = serve.children()
        assert (len(workers), pollers) == (1, []), serve.log()
        status = serve.store()
        assert status["polling"] == {"enabled": False, "feeds": 0, "last_polled": None, "interval_seconds": None,
                                     "failing_feeds": 0}
        assert status["articles"] == 0
        assert site.seen == []
    finally:
        serve.stop()


def test_serve_refuses_a_bad_setting_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "quotetrail.cli", "serve", "--port", str(_free_port()),
                           "--db", str(tmp_path / "s.sqlite3"), "--feeds", str(tmp_path / "none.opml")],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "QUOTETRAIL_POLL": "on"})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot read the feed list" in done.stderr
