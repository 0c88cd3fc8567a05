"""The contract: `quotetrail analyze` prints the very bytes POST /api/v1/analyze answers, and the
OpenAPI document is valid, lists itself, declares the ingest token, and accepts every request
body the tests send."""
from __future__ import annotations

import json
import sys
import pathlib

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from quotetrail.openapi import document
from robust_helpers import run_cli

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "core"))

ARTICLE = {"url": "https://news.example/ferry", "title": "Ferry \u00e9t\u00e9 returns", "outlet": "Harbour Gazette",
           "published": "2025-06-01T08:00:00Z",
           "paragraphs": ["The harbour ferry returns in June, officials said.",
                          "\u201cWe missed it \u2014 truly \U0001f6a2,\u201d commuter Ana Ruiz told reporters.",
                          "Tabs\tand \"straight quotes\" and a backslash \\ stay as they are."]}


def test_the_cli_prints_the_bytes_the_api_answers(tmp_path):
    from quotetrail.api import create_app

    db = str(tmp_path / "same.sqlite3")
    api = create_app({"DB": db, "TESTING": True}).test_client().post("/api/v1/analyze", json=ARTICLE)
    assert api.status_code == 200
    (tmp_path / "a.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    cli = run_cli("analyze", str(tmp_path / "a.json"), "--db", db)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == api.get_data()


def test_the_document_is_valid_openapi():
    validate(document())


def test_the_document_lists_itself_and_the_token():
    doc = document()
    assert "get" in doc["paths"]["/api/v1/openapi.json"]
    schemes = doc["components"]["securitySchemes"]
    (name,) = [n for s in doc["paths"]["/api/v1/ingest"]["post"]["security"] for n in s]
    assert schemes[name] == {**schemes[name], "type": "http", "scheme": "bearer"}


def request_validator(path: str) -> Draft202012Validator:
    doc = document()
    schema = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


def example_requests() -> list[tuple[str, object]]:
    """The request bodies the tests send to the API, from their own modules."""
    import test_api
    import test_cross_site
    import test_settings
    from faults import article

    singles = [ARTICLE, test_api.ARTICLE, test_settings.ARTICLE, json.loads(test_cross_site.BODY), article(3),
               {"text": "One line.\nAnother line.", "id": 7}, {"html": "<p>Text.</p>", "url": None}]
    out = [("/api/v1/analyze", a) for a in singles] + [("/api/v1/ingest", a) for a in singles if a.get("url")]
    out.append(("/api/v1/ingest", {"articles": [article(n) for n in range(4)]}))
    return out


@pytest.mark.parametrize("path, body", example_requests())
def test_every_example_request_validates(path, body):
    errors = [e.message for e in request_validator(path).iter_errors(body)]
    assert not errors, errors


@pytest.mark.parametrize("body", [{"articles": []}, {"articles": [{"text": "x"}], "extra": 1}, {"unknown": 1}])
def test_bodies_the_server_refuses_do_not_validate(body):
    assert list(request_validator("/api/v1/ingest").iter_errors(body))
