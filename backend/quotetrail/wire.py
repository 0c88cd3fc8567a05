"""The one JSON encoding of what the API answers: the HTTP body and `quotetrail analyze` print
the same bytes (UTF-8, keys in the order the response builds them, compact, a final newline)."""
from __future__ import annotations

import json


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def pretty(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
