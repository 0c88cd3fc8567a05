"""The trail of one statement: every stored rendering of it, in time order, each against the earliest.

Quotes that carry one statement share a statement id in the store (given when a quote is stored:
the statement of the stored quotes it matches, merging them when it matches several, so that
A ~ B and B ~ C make one statement). This module reads a trail back for GET /api/v1/statements/{id}.
"""
from __future__ import annotations

import re

from . import wording
from .errors import InputError

MAX_RENDERINGS = 500       # renderings returned for one statement (the earliest ones)
_ID = re.compile(r"[1-9][0-9]{0,17}")


def parse_id(text: str) -> int:
    """A statement id from a URL: a positive integer, else a 400."""
    if not _ID.fullmatch(text or ""):
        raise InputError("invalid_statement_id", "a statement id is a positive integer, as quotes' statement_id gives")
    return int(text)


def trail(store, statement_id: int) -> dict | None:
    """{"id", "renderings": [{"outlet", "url", "published", "quote_text", "fidelity", "diff"}]} or None."""
    rows = store.statement_quotes(statement_id, MAX_RENDERINGS)
    if not rows:
        return None
    views = [dict(r, tokens=wording.tokenize(r["text"])) for r in rows]
    first = views[0]
    renderings = []
    for v in views:
        al = wording.align(first["tokens"], v["tokens"])
        renderings.append({"outlet": v["outlet"], "url": v["url"], "published": v["published"],
                           "quote_text": v["text"], "fidelity": wording.fidelity(first, v, al),
                           "diff": wording.word_diff(first["tokens"], v["tokens"])})
    return {"id": str(statement_id), "renderings": renderings}
