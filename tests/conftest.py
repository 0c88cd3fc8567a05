"""Shared fixtures: the real spaCy pipeline, the real Flask app on a temporary SQLite store."""
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))

# No test polls the real network: every `quotetrail serve` a test starts inherits this; the tests
# of polling turn it on against feeds served from 127.0.0.1.
os.environ["QUOTETRAIL_POLL"] = "false"


@pytest.fixture(scope="session")
def analyze_text():
    """Analyze an article given as paragraphs (no store): returns the wire response."""
    from quotetrail.analysis import analyze
    from quotetrail.article import from_dict

    def run(*paragraphs, **meta):
        return analyze(from_dict({"paragraphs": list(paragraphs), **meta}))
    return run


@pytest.fixture
def app(tmp_path):
    from quotetrail.api import create_app
    return create_app({"DB": str(tmp_path / "store.sqlite3"), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()
