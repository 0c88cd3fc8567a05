"""Stand-ins for the backend, used only where a test needs an answer of a given shape.

`canned_app(handler)` is a Flask app whose POST /api/v1/analyze answers with `handler(body)`:
the tests build answers shaped like docs/contract.md (coverage with other outlets, an error) that
the real analysis of a test page would not give on an empty store.
"""
from __future__ import annotations

from flask import Flask, jsonify, request


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


def canned_app(handler) -> Flask:
    app = Flask("canned_backend")
    app.config["RECEIVED"] = []

    @app.post("/api/v1/analyze")
    def analyze():
        body = request.get_json()
        app.config["RECEIVED"].append(body)
        status, answer = handler(body)
        return jsonify(answer), status

    return app
