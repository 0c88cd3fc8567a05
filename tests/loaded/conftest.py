"""Every loaded-terms test runs without the tester's own lexicon."""
from __future__ import annotations

import pytest

from quotetrail import loaded


@pytest.fixture(autouse=True)
def no_user_lexicon(tmp_path, monkeypatch):
    """Point the user lexicon at a file that does not exist, with the caches cleared around the test."""
    monkeypatch.setenv(loaded.USER_LEXICON_ENV, str(tmp_path / "absent.jsonl"))
    loaded.clear_caches()
    yield
    loaded.clear_caches()
