"""What a web page can make the backend do: nothing. A body must be sent as application/json
(which a browser only sends cross-site after a CORS preflight, refused to pages), and only the
host names the server is configured for are answered (DNS rebinding). Also the byte limit for
chunked bodies and numbers too long to convert."""
from __future__ import annotations

import json

import pytest
import requests

from quotetrail import limits
from robust_helpers import REQUEST_LIMIT, check_error, post

ANALYZE = "/api/v1/analyze"
BODY = json.dumps({"paragraphs": ["\u201cThe bridge reopens in May,\u201d the mayor said."]}).encode()


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_a_body_a_page_can_send_without_preflight_is_refused(client, content_type):
    headers = {} if content_type is None else {"Content-Type": content_type}
    r = client.post(ANALYZE, data=BODY, headers=headers)
    assert r.status_code == 415, r.get_data(as_text=True)
    assert r.get_json()["error"]["code"] == "unsupported_media_type"


def test_json_with_a_charset_is_accepted(client):
    r = client.post(ANALYZE, data=BODY, headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8750", "127.0.0.1.evil.example", "10.0.0.5:8750"])
def test_a_rebound_host_name_is_refused(client, host):
    for method, path in (("get", "/api/v1/health"), ("post", ANALYZE)):
        r = getattr(client, method)(path, data=BODY if method == "post" else None,
                                    headers={"Host": host, "Content-Type": "application/json"})
        assert r.status_code == 421, (host, path, r.status_code)
        assert r.get_json()["error"]["code"] == "unknown_host"


@pytest.mark.parametrize("host", ["127.0.0.1:8750", "localhost", "LOCALHOST:1", "[::1]:8750", "127.0.0.1"])
def test_local_names_on_any_port_are_answered(client, host):
    assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200


def test_more_host_names_can_be_allowed(tmp_path):
    from quotetrail.api import create_app

    app = create_app({"DB": str(tmp_path / "h.sqlite3"), "ALLOWED_HOSTS": ("quotes.lan",)})
    assert app.test_client().get("/api/v1/health", headers={"Host": "quotes.lan:8750"}).status_code == 200
    assert app.test_client().get("/api/v1/health", headers={"Host": "other.lan"}).status_code == 421


def test_a_chunked_body_over_the_limit_is_413(live_url):
    """Without a Content-Length the limit still holds: the body is not cut and parsed."""
    # a valid document if cut at the limit: the tail past it makes it invalid JSON
    head = b'{"paragraphs": ["' + b"a" * (limits.MAX_BODY_BYTES - 20) + b'"]}'
    body = head + b" " * 200 + b"tail"

    def chunks():
        for i in range(0, len(body), 65536):
            yield body[i:i + 65536]

    r = requests.post(live_url + ANALYZE, data=chunks(), headers={"Content-Type": "application/json"},
                      timeout=REQUEST_LIMIT)
    check_error(r, 413)


def test_a_chunked_body_under_the_limit_is_read_whole(live_url):
    def chunks():
        yield BODY[:10]
        yield BODY[10:]

    r = requests.post(live_url + ANALYZE, data=chunks(), headers={"Content-Type": "application/json"},
                      timeout=REQUEST_LIMIT)
    assert r.status_code == 200, r.text[:300]


@pytest.mark.parametrize("body", [b'{"text": "x", "id": ' + b"7" * 5000 + b"}",
                                  b'{"text": "x", "extra": [' + b"9" * 4301 + b"]}",
                                  b'[' + b"1" * 10000 + b"]"])
def test_an_integer_too_long_to_convert_is_400(live_url, body):
    check_error(post(live_url, ANALYZE, body), 400, "invalid_json")


def test_a_long_or_odd_id_is_refused(live_url):
    check_error(post(live_url, ANALYZE, b'{"text": "x", "id": ' + b"7" * 4000 + b"}"), 400, "too_large")
    check_error(post(live_url, ANALYZE, json.dumps({"text": "x", "id": "i" * 5000}).encode()), 400, "too_large")
    check_error(post(live_url, ANALYZE, b'{"text": "x", "id": true}'), 400, "invalid_field")


def test_the_refusal_of_ingest_names_the_variable_to_set(client):
    r = client.post("/api/v1/ingest", json={"url": "https://a.example/x", "text": "Words."})
    assert r.status_code == 403 and "QUOTETRAIL_INGEST_TOKEN" in r.get_json()["error"]["message"]
