"""Fixtures for the store, ingestion and coverage tests: a real PostgreSQL server for the session,
stores on both engines, a local HTTP server standing in for the outside network, and a small
stand-in analysis that finds quotes in the plain sentence shapes these tests write."""
from __future__ import annotations

import http.server
import itertools
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import threading

import pytest

PG_BIN_DIRS = [os.environ.get("QUOTETRAIL_PG_BIN", ""), "/usr/lib/postgresql/15/bin",
               "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin", "/usr/local/pgsql/bin"]


def _pg_bin() -> pathlib.Path | None:
    for d in PG_BIN_DIRS:
        if d and (pathlib.Path(d) / "initdb").exists() and (pathlib.Path(d) / "pg_ctl").exists():
            return pathlib.Path(d)
    found = shutil.which("initdb")
    return pathlib.Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """Start a throw-away PostgreSQL server (initdb + pg_ctl) on a free port; yields its base URL."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) were not found in "
                    f"{', '.join(d for d in PG_BIN_DIRS if d)} or on PATH: install them "
                    "(`make test` does: apt-get install postgresql) or set QUOTETRAIL_PG_BIN", pytrace=False)
    root = pathlib.Path(tempfile.mkdtemp(prefix="qt-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:               # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*cmd):
        done = subprocess.run(as_user + list(cmd), capture_output=True, text=True)
        if done.returncode:
            pytest.fail(f"{' '.join(cmd[:2])} failed: {done.stderr[-1500:]}", pytrace=False)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--no-locale", "--no-sync")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60",
        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
              "-c full_page_writes=off -c max_connections=200", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_db_numbers = itertools.count(1)


def fresh_pg_database(base_url: str) -> str:
    import psycopg

    name = f"qt_test_{os.getpid()}_{next(_db_numbers)}"
    with psycopg.connect(base_url + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store URL on each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return fresh_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(store_url):
    from quotetrail.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


# ---- a stand-in analysis ----------------------------------------------------------------------
# Sentences these tests write: “Quote text,” Name Surname said ... / Name Surname said that text.

_DIRECT = re.compile(r"[\"\u201c](?P<q>[^\"\u201d]{3,}?)[,.]?[\"\u201d],?\s+(?:(?P<n1>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
                     r"\s+(?:said|told|says)|(?:said|told|says)\s+(?P<n2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))")
_INDIRECT = re.compile(r"(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:said|says)\s+(?:on \w+\s+)?that\s+(?P<q>[^.]+)\.")


def stand_in_response(article) -> dict:
    """A wire-shaped response with the quotes and speakers of the simple sentences above."""
    quotes, speakers = [], {}
    for i, para in enumerate(article.paragraphs):
        for m in _DIRECT.finditer(para):
            name = m.group("n1") or m.group("n2")
            quotes.append(("direct", m.group("q"), name, i, m.start("q"), m.end("q")))
        for m in _INDIRECT.finditer(para):
            quotes.append(("indirect", m.group("q"), m.group("n"), i, m.start("q"), m.end("q")))
    out = []
    for n, (kind, text, name, para, start, end) in enumerate(quotes, 1):
        sp = None
        if name:
            sid = speakers.setdefault(name, f"s{len(speakers) + 1}")
            sp = {"id": sid, "name": name, "kind": "person"}
        out.append({"id": f"q{n}", "text": text, "kind": kind, "headline": False,
                    "spans": [{"paragraph": para, "start": start, "end": end}], "cue": None,
                    "mention": None, "speaker": sp, "coverage": [], "first_seen": None})
    return {
        "article": {**article.meta(), "content_hash": article.content_hash()},
        "paragraphs": article.paragraphs, "quotes": out,
        "speakers": [{"id": sid, "name": name, "kind": "person", "descriptions": [], "mentions": [],
                      "quote_ids": [q["id"] for q in out if q["speaker"] and q["speaker"]["id"] == sid]}
                     for name, sid in speakers.items()],
        "loaded_terms": [], "summary": {"quotes": len(out)},
    }


def stand_in_analyze_many(articles):
    for article in articles:
        yield article, stand_in_response(article)


def make_article(url, paragraphs, *, outlet="Test Outlet", title="A test story", published="2024-03-06T10:00:00+00:00"):
    from quotetrail.article import from_dict

    obj = {"url": url, "outlet": outlet, "title": title, "paragraphs": list(paragraphs)}
    if published:
        obj["published"] = published
    return from_dict(obj)


def put(store, url, paragraphs, **meta):
    """Store an article analysed by the stand-in; returns (article, response)."""
    article = make_article(url, paragraphs, **meta)
    response = stand_in_response(article)
    store.save_analysis(article, response)
    return article, response


# ---- a local HTTP server (the outside network, mocked on this machine) ---------------------------

class LocalSite:
    """Routes path -> (status, headers, body); records the request headers it saw."""

    def __init__(self):
        self.routes: dict[str, tuple] = {}
        self.seen: list[tuple[str, dict]] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if callable(route):
                    route = route(self)
                    if route is None:
                        return
                status, headers, body = route
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path, body, content_type="text/html; charset=utf-8", status=200, headers=None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.base + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(monkeypatch):
    # the stand-in for the outside network is on this machine, which fetches refuse by default
    monkeypatch.setenv("QUOTETRAIL_FETCH_PRIVATE", "true")
    s = LocalSite()
    yield s
    s.close()
