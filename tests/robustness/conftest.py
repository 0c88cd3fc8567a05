"""Fixtures for the robustness tests: the real app served by a real HTTP server on 127.0.0.1 (so
every request can be given a time limit), and checks that an answer is either a correct analysis
or a 4xx JSON error."""
from __future__ import annotations

import pathlib
import sys
import threading

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from robust_helpers import INGEST_TOKEN, Gunicorn  # noqa: E402


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    """The Flask app (temporary SQLite store, HTTP ingestion on) served by werkzeug in a thread."""
    from werkzeug.serving import make_server

    from quotetrail.api import create_app
    from quotetrail.nlp import load

    load()
    db = tmp_path_factory.mktemp("live") / "store.sqlite3"
    app = create_app({"DB": str(db), "TESTING": True, "INGEST_TOKEN": INGEST_TOKEN})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server_process(tmp_path):
    """The API under gunicorn in its own process group: a request that runs away stays in a
    process the test can kill, instead of starving the in-process server of later tests."""
    server = Gunicorn(str(tmp_path / "store.sqlite3"), workers=1, threads=2, log=tmp_path / "gunicorn.log")
    try:
        yield server.url
    finally:
        server.stop()
