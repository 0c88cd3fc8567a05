"""QUOTETRAIL_* settings are parsed by their own table (settings.py), not decoded as JSON: every
spelling of a switch means what it says, and a value that means nothing stops the program at
start with one line."""
from __future__ import annotations

import pathlib

import pytest

from quotetrail import settings
from robust_helpers import one_line_error, run_cli

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
ARTICLE = {"url": "https://news.example/kept", "paragraphs": ["\u201cWe open on Monday,\u201d the mayor said."]}


@pytest.mark.parametrize("raw, value", [("False", False), ("false", False), ("no", False), ("off", False),
                                        ("0", False), ("True", True), ("yes", True), ("ON", True), ("1", True)])
def test_every_spelling_of_a_switch_means_what_it_says(raw, value):
    assert settings.load({"QUOTETRAIL_KEEP_ANALYZED": raw})["KEEP_ANALYZED"] is value


@pytest.mark.parametrize("name, raw", [("KEEP_ANALYZED", "maybe"), ("KEEP_ANALYZED", ""), ("REQUEST_SECONDS", "1e3"),
                                       ("REQUEST_SECONDS", "0"), ("REQUEST_SECONDS", "ten"),
                                       ("CACHE_MB", "12.5"), ("ALLOWED_HOSTS", "a.example, not a host")])
def test_a_value_that_means_nothing_is_refused_naming_the_variable(name, raw):
    with pytest.raises(settings.SettingError, match=f"QUOTETRAIL_{name}="):
        settings.load({f"QUOTETRAIL_{name}": raw})


def test_a_token_that_looks_like_json_stays_a_string():
    values = settings.load({"QUOTETRAIL_INGEST_TOKEN": "true", "QUOTETRAIL_REQUEST_SECONDS": "45"})
    assert values["INGEST_TOKEN"] == "true" and values["REQUEST_SECONDS"] == 45


def test_keep_analyzed_false_keeps_nothing(tmp_path, monkeypatch):
    """The probe's case: QUOTETRAIL_KEEP_ANALYZED=False used to switch keeping readers' articles on."""
    from quotetrail.api import create_app
    from quotetrail.store import open_store

    db = tmp_path / "kept.sqlite3"
    monkeypatch.setenv("QUOTETRAIL_KEEP_ANALYZED", "False")
    monkeypatch.setenv("QUOTETRAIL_DB", str(db))
    client = create_app({"TESTING": True}).test_client()
    assert client.post("/api/v1/analyze", json=ARTICLE).status_code == 200
    assert open_store(str(db)).count()["articles"] == 0


def test_the_app_refuses_to_start_on_a_bad_value(monkeypatch):
    from quotetrail.api import create_app

    monkeypatch.setenv("QUOTETRAIL_KEEP_ANALYZED", "perhaps")
    with pytest.raises(settings.SettingError):
        create_app()


@pytest.mark.parametrize("command", [["lexicon"], ["serve", "--port", "1"]])
def test_the_cli_refuses_a_bad_value_with_one_line(command):
    done = run_cli(*command, env={"QUOTETRAIL_REQUEST_SECONDS": "1e3"})
    assert done.returncode == 2
    assert "QUOTETRAIL_REQUEST_SECONDS" in one_line_error(done.stderr)


def test_the_readme_lists_every_setting_as_the_table_says():
    assert settings.markdown_table() in README.read_text(encoding="utf-8")
