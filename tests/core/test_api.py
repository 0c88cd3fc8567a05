"""The HTTP API: health, OpenAPI document, analyze, CORS, and a clear 4xx JSON error for bad input."""
import json

import pytest

from quotetrail import limits

ARTICLE = {
    "url": "https://news.example/bridge",
    "title": "Bridge to reopen",
    "outlet": "Example News",
    "published": "2025-03-01T10:00:00Z",
    "paragraphs": ["Mayor Ana Ruiz spoke on Monday.", "“The bridge will reopen in March,” Ruiz said. 🌉"],
}


def test_health(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.get_json()["status"] == "ok"


def test_openapi_document_lists_the_endpoints_and_spans(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/v1/analyze", "/api/v1/health", "/api/v1/ingest"} <= set(doc["paths"])
    span = doc["components"]["schemas"]["Span"]
    assert "UTF-16" in span["description"]


def test_analyze_returns_quotes_speakers_terms_and_readability(client):
    r = client.post("/api/v1/analyze", json=ARTICLE)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["paragraphs"] == ARTICLE["paragraphs"]
    q = body["quotes"][0]
    assert q["kind"] == "direct" and q["speaker"]["name"] == "Ana Ruiz"
    assert q["spans"] == [{"paragraph": 1, "start": 1, "end": 33}]
    assert body["speakers"][0]["quote_ids"] == [q["id"]]
    assert isinstance(body["loaded_terms"], list)
    assert body["summary"]["readability"]["words"] > 5


def error_of(r):
    body = r.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return body["error"]["code"]


@pytest.mark.parametrize("payload, status, code", [
    ({"text": "x", "extra": 1}, 400, "unknown_field"),
    ({"text": 42}, 400, "invalid_field"),
    ({"text": "  \n  "}, 400, "empty_article"),
    ({"text": "x", "url": "javascript:alert(1)"}, 400, "invalid_url"),
    ({"paragraphs": ["p"] * (limits.MAX_PARAGRAPHS + 1)}, 400, "too_many_paragraphs"),
    ([], 400, "invalid_article"),
])
def test_bad_json_articles(client, payload, status, code):
    r = client.post("/api/v1/analyze", json=payload)
    assert r.status_code == status
    assert error_of(r) == code


def test_non_json_body(client):
    r = client.post("/api/v1/analyze", data=b"{oops", content_type="application/json")
    assert r.status_code == 400 and error_of(r) == "invalid_json"
    r = client.post("/api/v1/analyze", data=b"text=hello", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 415 and error_of(r) == "unsupported_media_type"


def test_oversize_body_is_413(client):
    big = json.dumps({"text": "a" * (limits.MAX_BODY_BYTES + 10)})
    r = client.post("/api/v1/analyze", data=big, content_type="application/json")
    assert r.status_code == 413
    assert error_of(r)


def test_unknown_route_and_method_are_json(client):
    assert error_of(client.get("/api/v1/nope")) == "not_found"
    r = client.get("/api/v1/analyze")
    assert r.status_code == 405 and error_of(r) == "method_not_allowed"


def test_cors_allows_extension_origins_only(client):
    ext = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    r = client.get("/api/v1/health", headers={"Origin": ext})
    assert r.headers.get("Access-Control-Allow-Origin") == ext
    r = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_ingest_needs_a_configured_token(app, tmp_path):
    from quotetrail.api import create_app
    assert error_of(app.test_client().post("/api/v1/ingest", json=ARTICLE)) == "ingest_disabled"
    guarded = create_app({"DB": str(tmp_path / "g.sqlite3"), "INGEST_TOKEN": "s3cret"}).test_client()
    r = guarded.post("/api/v1/ingest", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = guarded.post("/api/v1/ingest", json=ARTICLE, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200 and r.get_json() == {"added": 1, "updated": 0, "unchanged": 0}
    r = guarded.post("/api/v1/ingest", json=ARTICLE, headers={"Authorization": "Bearer s3cret"})
    assert r.get_json() == {"added": 0, "updated": 0, "unchanged": 1}      # the same content again
    changed = {**ARTICLE, "title": "A new title"}
    r = guarded.post("/api/v1/ingest", json=changed, headers={"Authorization": "Bearer s3cret"})
    assert r.get_json() == {"added": 0, "updated": 1, "unchanged": 0}


def test_analyzed_articles_are_kept_only_when_configured(tmp_path):
    from quotetrail.api import create_app
    from quotetrail.store import open_store

    for keep, expected in ((False, 0), (True, 1)):
        db = tmp_path / f"keep-{keep}.sqlite3"
        client = create_app({"DB": str(db), "KEEP_ANALYZED": keep}).test_client()
        assert client.post("/api/v1/analyze", json=ARTICLE).status_code == 200
        assert open_store(str(db)).count()["articles"] == expected


def test_coverage_links_another_outlets_rendering(tmp_path):
    from quotetrail.api import create_app

    app = create_app({"DB": str(tmp_path / "cov.sqlite3"), "INGEST_TOKEN": "t"})
    client = app.test_client()
    words = "The old bridge over the river will reopen to traffic in March once the repairs are finished"
    other = {"url": "https://other.example/bridge", "outlet": "Other Paper", "published": "2025-03-01T12:00:00Z",
             "paragraphs": [f"Mayor Ana Ruiz said on Monday: “{words}.”"]}
    ours = {"url": "https://news.example/bridge2", "outlet": "Example News", "published": "2025-03-01T15:00:00Z",
            "paragraphs": [f"“{words},” Mayor Ana Ruiz said on Monday."]}
    assert client.post("/api/v1/ingest", json=other, headers={"Authorization": "Bearer t"}).status_code == 200
    body = client.post("/api/v1/analyze", json=ours).get_json()
    links = body["quotes"][0]["coverage"]
    assert [link["url"] for link in links] == [other["url"]]
    assert links[0]["fidelity"] in ("verbatim", "trimmed")
    assert body["quotes"][0]["first_seen"]["url"]
