"""Stand-ins for the backend, used only where a test needs an answer of a given shape.

`canned_app(handler)` is a Flask app whose POST /api/v1/analyze answers with `handler(body)`:
the tests build answers shaped like docs/contract.md (coverage with other outlets, an error) that
the real analysis of a test page would not give on an empty store.
"""
from __future__ import annotations

from flask import Flask, jsonify, request
from flask_cors import CORS

from quotetrail.api import EXTENSION_ORIGINS


def utf16(text: str) -> int:
    """Length in UTF-16 code units, what the page's DOM counts."""
    return len(text.encode("utf-16-le")) // 2


def span_of(paragraphs: list[str], needle: str) -> dict:
    """Wire span of the first occurrence of `needle` (UTF-16 offsets)."""
    for i, p in enumerate(paragraphs):
        at = p.find(needle)
        if at >= 0:
            return {"paragraph": i, "start": utf16(p[:at]), "end": utf16(p[:at]) + utf16(needle)}
    raise AssertionError(f"{needle!r} is not in the paragraphs sent: {paragraphs!r}")


def texts(paragraphs: list) -> list[str]:
    """The paragraph strings of a request, whether sent as strings or as {"text", "kind"} objects."""
    return [p["text"] if isinstance(p, dict) else p for p in paragraphs]


# What GET /api/v1/store answers (the shape issue 17 builds).
STORE = {"articles": 1234, "outlets": 17, "quotes": 5678, "newest": "2024-03-03T08:00:00Z",
         "oldest": "2023-01-05T00:00:00Z", "polling": {"enabled": True, "feeds": 42,
                                                       "last_polled": "2024-03-03T09:30:00Z"}}


def canned_app(handler, store=None) -> Flask:
    """POST /api/v1/analyze answers `handler(body)` -> (status, json); GET /api/v1/store answers
    `store`, or 404 as an older backend does when `store` is None."""
    app = Flask("canned_backend")
    app.config["RECEIVED"] = []
    # Like the real backend: extension origins get CORS (Firefox's add-on calls need it).
    CORS(app, resources={r"/api/*": {"origins": EXTENSION_ORIGINS}})

    @app.post("/api/v1/analyze")
    def analyze():
        body = request.get_json()
        app.config["RECEIVED"].append(body)
        status, answer = handler(body)
        return jsonify(answer), status

    @app.get("/api/v1/store")
    def store_status():
        if store is None:
            return jsonify(error={"code": "not_found", "message": "no such endpoint"}), 404
        return jsonify(store)

    return app


def bridge_answer(paragraphs: list[str]) -> dict:
    """An answer for pages/basic.html shaped like the contract, with coverage from two outlets
    (one of them with a link that must never become clickable: a javascript: URL)."""
    quote = "We will rebuild the bridge by spring"
    paragraphs = texts(paragraphs)
    return {
        "article": {"id": None, "url": None, "title": "Riverton", "outlet": "The Riverton Ledger",
                    "published": None, "content_hash": "0" * 64},
        "paragraphs": paragraphs,
        "quotes": [
            {"id": "q1", "text": quote, "kind": "direct", "headline": False,
             "spans": [span_of(paragraphs, quote)],
             "cue": {"text": "said", "lemma": "say", "span": span_of(paragraphs, "said")},
             "mention": None,
             "speaker": {"id": "s1", "name": "Ana Ruiz", "kind": "person"},
             "coverage": [
                 {"url": "https://valley-post.example/bridge", "outlet": "Valley Post", "title": "Bridge by spring",
                  "published": "2024-03-02T10:00:00Z", "quote_text": "We will rebuild the bridge by spring",
                  "fidelity": "verbatim", "similarity": 1.0, "diff": []},
                 {"url": "javascript:alert(1)", "outlet": "Hill Herald", "title": "Mayor's promise",
                  "published": "2024-03-03T08:00:00Z", "quote_text": "We'll rebuild the bridge in spring",
                  "fidelity": "altered", "similarity": 0.81, "diff": []},
             ],
             "first_seen": {"url": "https://valley-post.example/bridge", "outlet": "Valley Post",
                            "published": "2024-03-02T10:00:00Z"}},
            {"id": "q2", "text": "The detour is costing local shops a fortune", "kind": "direct",
             "headline": False, "spans": [span_of(paragraphs, "The detour is costing local shops a fortune")],
             "cue": None, "mention": None, "speaker": {"id": "s2", "name": "Tom Becker", "kind": "person"},
             "coverage": [], "first_seen": None},
        ],
        "speakers": [
            {"id": "s1", "name": "Ana Ruiz", "kind": "person",
             "descriptions": [{"text": "Mayor", "span": span_of(paragraphs, "Mayor")}],
             "mentions": [], "quote_ids": ["q1"]},
            {"id": "s2", "name": "Tom Becker", "kind": "person", "descriptions": [], "mentions": [],
             "quote_ids": ["q2"]},
        ],
        "loaded_terms": [
            {"id": "t1", "text": "regime", "term": "regime", "category": "label",
             "explanation": "Casts a group as illegitimate.", "alternatives": ["group", "network"],
             "voice": "outlet", "quote_id": None, "source": "test", "spans": [span_of(paragraphs, "regime")]},
            {"id": "t2", "text": "allegedly", "term": "allegedly", "category": "doubt",
             "explanation": "Casts doubt without saying who doubts.", "alternatives": ["according to"],
             "voice": "outlet", "quote_id": None, "source": "test", "spans": [span_of(paragraphs, "allegedly")]},
        ],
        "summary": {"quotes": 2, "speakers": 2,
                    "loaded_terms": {"total": 2, "by_category": {"label": 1, "doubt": 1}, "by_voice": {"outlet": 2}},
                    "readability": {"flesch_reading_ease": 51.2, "words": 120}},
    }
