"""Faults: a killed ingest, a locked store, a full disk, PostgreSQL restarted under a running
ingest or server. Each gives a clear error, leaves no half-written article, and the next run
continues where the last one stopped."""
from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys

import pytest

from faults import Postgres, check_complete, wait_for, write_jsonl
from robust_helpers import CLI_LIMIT, run_cli


def sqlite_count(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def sqlite_check(db, items) -> int:
    with sqlite3.connect(str(db), timeout=15) as conn:
        return check_complete(conn.cursor(), items)


def summary_of(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-2000:]
    return text


def start_ingest(db: str, source, env: dict | None = None, preexec_fn=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quotetrail.cli", "ingest", "--quiet", "--db", db, str(source)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                            preexec_fn=preexec_fn)


# ---- a process killed during ingest ----------------------------------------------------------

def test_ingest_killed_midway_loses_nothing_and_the_next_run_continues(tmp_path):
    source, db = tmp_path / "batch.jsonl", tmp_path / "store.sqlite3"
    items = write_jsonl(source, 120)
    proc = start_ingest(str(db), source)
    try:
        wait_for(lambda: sqlite_count(db) >= 3 or proc.poll() is not None, CLI_LIMIT, "the first stored articles")
        assert proc.poll() is None, "ingest finished before it could be killed; give it more articles"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    kept = sqlite_check(db, items)
    assert 3 <= kept < len(items)

    r = run_cli("ingest", "--quiet", "--db", str(db), str(source))
    text = summary_of(r.stderr)
    assert r.returncode == 0, text[-1500:]
    assert f"added {len(items) - kept}, updated 0, unchanged {kept}, failed 0" in text, text
    assert sqlite_check(db, items) == len(items)


# ---- a store locked by another process --------------------------------------------------------

SHORT_BUSY = ("import sys, quotetrail.store as s; s.SQLITE_BUSY_MS = 1500; "
              "from quotetrail.cli import main; sys.exit(main(sys.argv[1:]))")


def test_locked_store_is_a_clear_error_and_the_next_run_continues(tmp_path):
    source, db = tmp_path / "batch.jsonl", tmp_path / "store.sqlite3"
    items = write_jsonl(source, 4)
    from quotetrail.store import open_store
    open_store(str(db)).close()                          # the schema exists; now somebody locks it
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = subprocess.run([sys.executable, "-c", SHORT_BUSY, "ingest", "--quiet", "--db", str(db), str(source)],
                           capture_output=True, timeout=CLI_LIMIT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text = summary_of(r.stderr)
    assert r.returncode in (1, 3), (r.returncode, text[-1500:])
    assert "locked" in text, text[-1500:]
    assert sqlite_check(db, items) == 0

    r = run_cli("ingest", "--quiet", "--db", str(db), str(source))
    assert r.returncode == 0, summary_of(r.stderr)[-1500:]
    assert sqlite_check(db, items) == len(items)


def test_api_answers_readers_while_a_writer_holds_the_store(tmp_path, monkeypatch):
    """WAL: readers are not blocked by a writer; a reader's analysis never waits on a lock."""
    from quotetrail.api import create_app
    from faults import article

    db = tmp_path / "store.sqlite3"
    client = create_app({"DB": str(db), "TESTING": True}).test_client()
    assert client.post("/api/v1/analyze", json=article(1)).status_code == 200
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('held', 'x')")
    try:
        r = client.post("/api/v1/analyze", json=article(2))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.get_json()["quotes"]


def test_api_keeping_articles_with_a_locked_store_never_answers_500(tmp_path, monkeypatch):
    """With QUOTETRAIL_KEEP_ANALYZED on and the store locked past the busy timeout, a reader still
    gets an answer: the analysis, or a clear 503 JSON error; never an unexplained 500."""
    import quotetrail.store as store_module
    from quotetrail.api import create_app
    from faults import article

    monkeypatch.setattr(store_module, "SQLITE_BUSY_MS", 500)
    db = tmp_path / "store.sqlite3"
    client = create_app({"DB": str(db), "TESTING": True, "KEEP_ANALYZED": True}).test_client()
    assert client.post("/api/v1/analyze", json=article(1)).status_code == 200
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = client.post("/api/v1/analyze", json=article(2))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.status_code in (200, 503), (r.status_code, r.get_data(as_text=True)[:300])
    if r.status_code == 503:
        assert r.get_json()["error"]["code"]


# ---- a full disk ------------------------------------------------------------------------------

def _file_size_limit(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)    # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_is_a_clear_error_and_the_next_run_continues(tmp_path):
    """The store cannot grow (RLIMIT_FSIZE: every write past a size fails, as on a full disk)."""
    source, db = tmp_path / "batch.jsonl", tmp_path / "store.sqlite3"
    items = write_jsonl(source, 60)
    first = write_jsonl(tmp_path / "first.jsonl", 2)
    r = run_cli("ingest", "--quiet", "--db", str(db), str(tmp_path / "first.jsonl"))
    assert r.returncode == 0, summary_of(r.stderr)
    size = max(p.stat().st_size for p in tmp_path.glob("store.sqlite3*"))
    r = run_cli("ingest", "--quiet", "--db", str(db), str(source), preexec_fn=_file_size_limit(size + 16_384))
    text = r.stderr.decode("utf-8", "replace")
    assert r.returncode in (1, 3), (r.returncode, text[-1500:])
    # the end of the run names each article that could not be stored, and why
    failures = [ln for ln in text.splitlines() if ln.startswith("failed: ")]
    if r.returncode == 1:
        assert failures, text[-1500:]
    for line in failures or text.strip().splitlines()[-1:]:
        assert any(word in line.lower() for word in ("full", "disk", "i/o", "too large")), line
    kept = sqlite_check(db, items)
    assert kept < len(items)

    r = run_cli("ingest", "--quiet", "--db", str(db), str(source))
    assert r.returncode == 0, summary_of(r.stderr)[-1500:]
    assert sqlite_check(db, items) == len(items)
    assert first[0]["url"] == items[0]["url"]            # the first run's articles are part of the batch


# ---- PostgreSQL restarted ---------------------------------------------------------------------

@pytest.fixture
def postgres():
    try:
        server = Postgres()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


def pg_count(url) -> int:
    import psycopg
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return 0


def pg_check(url, items) -> int:
    import psycopg
    with psycopg.connect(url) as conn:
        return check_complete(conn.cursor(), items, mark="%s")


def test_postgres_restarted_mid_ingest_loses_nothing_and_the_next_run_continues(tmp_path, postgres):
    source = tmp_path / "batch.jsonl"
    items = write_jsonl(source, 120)
    proc = start_ingest(postgres.url, source)
    try:
        wait_for(lambda: pg_count(postgres.url) >= 3 or proc.poll() is not None, CLI_LIMIT, "the first articles")
        assert proc.poll() is None, "ingest finished before the restart; give it more articles"
        postgres.restart()
        out, err = proc.communicate(timeout=CLI_LIMIT * 3)
    finally:
        proc.kill()
    text = err.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 3), (proc.returncode, text[-1500:])
    kept = pg_check(postgres.url, items)
    if proc.returncode == 1:
        # each article that could not be stored is named, with the store's reason
        failures = [ln for ln in text.splitlines() if ln.startswith("failed: ")]
        assert failures and all(": store: " in ln for ln in failures), text[-1500:]

    r = run_cli("ingest", "--quiet", "--db", postgres.url, str(source))
    text = summary_of(r.stderr)
    assert r.returncode == 0, text[-1500:]
    assert f"unchanged {kept}" in text, text
    assert pg_check(postgres.url, items) == len(items)


def test_api_recovers_after_postgres_restarts(tmp_path, postgres):
    """Pooled connections cut by a restart are replaced: the next readers get answers, not 500s."""
    from quotetrail.api import create_app
    from faults import article

    client = create_app({"DB": postgres.url, "TESTING": True}).test_client()
    assert client.post("/api/v1/analyze", json=article(1)).status_code == 200
    postgres.restart()
    statuses = [client.post("/api/v1/analyze", json=article(n)).status_code for n in range(2, 5)]
    assert 500 not in statuses, statuses
    assert statuses[-1] == 200, statuses


# ---- a gunicorn worker killed while it ingests -------------------------------------------------

def test_worker_killed_during_http_ingest_leaves_whole_articles_and_a_retry_completes(tmp_path):
    import threading

    import requests

    from faults import article
    from robust_helpers import INGEST_TOKEN, Gunicorn

    db = tmp_path / "store.sqlite3"
    server = Gunicorn(str(db), workers=1, threads=1, log=tmp_path / "gunicorn.log",
                      env={"QUOTETRAIL_INGEST_TOKEN": INGEST_TOKEN})
    items = [article(n) for n in range(32)]
    headers = {"Authorization": f"Bearer {INGEST_TOKEN}"}
    outcome = {}

    def send():
        try:
            outcome["status"] = requests.post(server.url + "/api/v1/ingest", json={"articles": items},
                                              headers=headers, timeout=CLI_LIMIT).status_code
        except requests.RequestException as exc:
            outcome["error"] = exc

    try:
        (worker,) = server.workers()
        sender = threading.Thread(target=send)
        sender.start()
        wait_for(lambda: sqlite_count(db) >= 2 or not sender.is_alive(), CLI_LIMIT, "the first stored articles")
        assert sender.is_alive(), "the ingest finished before the worker could be killed"
        os.kill(worker, signal.SIGKILL)
        sender.join(CLI_LIMIT)
        assert "error" in outcome or outcome.get("status", 200) >= 500, outcome   # the client is told
        kept = sqlite_check(db, items)
        assert 2 <= kept < len(items)
        # gunicorn starts a new worker; the same request again completes the batch
        wait_for(lambda: server.workers() and server.workers() != [worker], 60, "a new worker")
        r = wait_for(lambda: _try_post(server.url + "/api/v1/ingest", {"articles": items}, headers), 120,
                     "the retried ingest")
        assert r.status_code == 200, r.text[:300]
        assert sum(r.json().values()) == len(items)
    finally:
        server.stop()
    assert sqlite_check(db, items) == len(items)


def _try_post(url, body, headers):
    import requests
    try:
        return requests.post(url, json=body, headers=headers, timeout=CLI_LIMIT)
    except requests.ConnectionError:
        return None
