"""The OpenAPI 3.1 document served at /api/v1/openapi.json (tests check the app against it)."""
from __future__ import annotations

from . import __version__, limits

SPAN = {
    "type": "object",
    "description": "Where text sits in the input: paragraph index into `paragraphs`, start and end "
                   "(exclusive) in UTF-16 code units, as the browser's DOM counts them.",
    "required": ["paragraph", "start", "end"],
    "properties": {"paragraph": {"type": "integer", "minimum": 0},
                   "start": {"type": "integer", "minimum": 0},
                   "end": {"type": "integer", "minimum": 0}},
}
TEXT_SPAN = {"type": ["object", "null"], "properties": {"text": {"type": "string"}, "span": {"$ref": "#/components/schemas/Span"}}}
ARTICLE = {
    "type": "object",
    "additionalProperties": False,
    "description": "Give exactly one of text (paragraphs are its non-empty lines), paragraphs, or html. "
                   "A field set to null counts as absent.",
    "properties": {
        "id": {"type": ["string", "integer", "null"]},
        "url": {"type": ["string", "null"], "format": "uri", "maxLength": limits.MAX_URL_CHARS},
        "title": {"type": ["string", "null"], "maxLength": limits.MAX_TITLE_CHARS},
        "outlet": {"type": ["string", "null"], "maxLength": limits.MAX_OUTLET_CHARS},
        "published": {"type": ["string", "null"], "description": "ISO 8601 date or date-time"},
        "text": {"type": ["string", "null"], "maxLength": limits.MAX_ARTICLE_CHARS},
        "paragraphs": {"type": ["array", "null"],
                       "description": "strings, or objects saying what each paragraph was on the page: "
                                      "blockquote paragraphs are read as quotations, h as headings",
                       "items": {"oneOf": [
                           {"type": "string", "maxLength": limits.MAX_PARAGRAPH_CHARS},
                           {"type": "object", "additionalProperties": False, "required": ["text"],
                            "properties": {"text": {"type": "string", "maxLength": limits.MAX_PARAGRAPH_CHARS},
                                           "kind": {"enum": ["p", "blockquote", "li", "h", None]}}}]},
                       "maxItems": limits.MAX_PARAGRAPHS},
        "html": {"type": ["string", "null"]},
    },
}
LINK = {
    "type": "object",
    "properties": {
        "url": {"type": "string"}, "outlet": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]}, "quote_text": {"type": "string"},
        "fidelity": {"enum": ["verbatim", "trimmed", "partial", "altered", "translation", "paraphrase"]},
        "similarity": {"type": "number"}, "diff": {"type": "array", "items": {"type": "object"}},
    },
}
QUOTE = {
    "type": "object",
    "required": ["id", "text", "kind", "spans", "speaker", "coverage"],
    "properties": {
        "id": {"type": "string"},
        "text": {"type": "string", "description": "the content, without quotation marks and cue"},
        "kind": {"enum": ["direct", "indirect", "mixed"]},
        "headline": {"type": "boolean"},
        "spans": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
        "cue": {"type": ["object", "null"], "properties": {"text": {"type": "string"}, "lemma": {"type": "string"},
                                                           "span": {"$ref": "#/components/schemas/Span"}}},
        "mention": TEXT_SPAN,
        "speaker": {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                                               "kind": {"type": "string"}}},
        "coverage": {"type": "array", "items": {"$ref": "#/components/schemas/CoverageLink"}},
        "first_seen": {"type": ["object", "null"]},
        "statement_id": {"type": ["string", "null"],
                         "description": "the stored statement this quote carries: GET /api/v1/statements/{id}"},
    },
}
STATEMENT = {
    "type": "object",
    "required": ["id", "renderings"],
    "properties": {
        "id": {"type": "string"},
        "renderings": {"type": "array", "description": "every stored rendering, earliest first", "items": {
            "type": "object", "required": ["outlet", "url", "published", "quote_text", "fidelity", "diff"],
            "properties": {"outlet": {"type": ["string", "null"]}, "url": {"type": "string"},
                           "published": {"type": ["string", "null"]}, "quote_text": {"type": "string"},
                           "fidelity": LINK["properties"]["fidelity"],
                           "diff": {"type": "array", "description": "against the earliest rendering",
                                    "items": {"type": "object"}}}}},
    },
}
SPEAKER = {
    "type": "object",
    "required": ["id", "name", "kind", "quote_ids"],
    "properties": {
        "id": {"type": "string"}, "name": {"type": "string"},
        "kind": {"enum": ["person", "organisation", "group"]},
        "descriptions": {"type": "array", "items": TEXT_SPAN},
        "mentions": {"type": "array", "items": TEXT_SPAN},
        "quote_ids": {"type": "array", "items": {"type": "string"}},
    },
}
TERM = {
    "type": "object",
    "required": ["id", "text", "category", "voice", "spans"],
    "properties": {
        "id": {"type": "string"}, "text": {"type": "string"}, "term": {"type": "string"},
        "category": {"enum": ["label", "euphemism", "doubt", "so_called", "scare_quote", "contested_name",
                              "intensifier"]},
        "explanation": {"type": "string"}, "alternatives": {"type": "array", "items": {"type": "string"}},
        "voice": {"enum": ["outlet", "quote"]}, "quote_id": {"type": ["string", "null"]},
        "found_by": {"type": "string", "description": "lexicon, scare_quote, or the evaluative pattern's id"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "sensitivity": {"enum": ["clear", "all"],
                        "description": "lowest reader setting that shows the term: only clear cases, or all"},
        "spans": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
    },
}
ANALYSIS = {
    "type": "object",
    "required": ["article", "paragraphs", "quotes", "speakers", "loaded_terms", "summary"],
    "properties": {
        "article": {"type": "object"},
        "paragraphs": {"type": "array", "items": {"type": "string"},
                       "description": "the paragraphs every span refers to"},
        "paragraph_kinds": {"type": "array", "items": {"enum": ["p", "blockquote", "li", "h"]},
                            "description": "parallel to paragraphs: what each was on the page (p when not said)"},
        "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
        "speakers": {"type": "array", "items": {"$ref": "#/components/schemas/Speaker"}},
        "loaded_terms": {"type": "array", "items": {"$ref": "#/components/schemas/LoadedTerm"}},
        "summary": {"type": "object", "description": "counts and readability figures (textstat)"},
    },
}
STORE_STATUS = {
    "type": "object",
    "description": "What the store holds, and whether a poller is filling it from feeds.",
    "required": ["articles", "outlets", "quotes", "newest", "oldest", "polling"],
    "properties": {
        "articles": {"type": "integer", "minimum": 0}, "outlets": {"type": "integer", "minimum": 0},
        "quotes": {"type": "integer", "minimum": 0},
        "newest": {"type": ["string", "null"], "format": "date-time",
                   "description": "the newest article's publication date (else when it was stored)"},
        "oldest": {"type": ["string", "null"], "format": "date-time"},
        "polled_articles": {"type": "integer", "minimum": 0,
                            "description": "articles stored by polling; only these are pruned"},
        "retention_days": {"type": "integer", "minimum": 0, "description": "0: polled articles are kept"},
        "polling": {"type": "object", "required": ["enabled", "feeds", "last_polled"], "properties": {
            "enabled": {"type": "boolean", "description": "a poller is running (its heartbeat is fresh)"},
            "feeds": {"type": "integer", "minimum": 0, "description": "feeds the running poller(s) poll"},
            "last_polled": {"type": ["string", "null"], "format": "date-time"},
            "interval_seconds": {"type": ["integer", "null"]},
            "failing_feeds": {"type": "integer", "minimum": 0}}},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
}


INGEST_BATCH = {
    "type": "object",
    "additionalProperties": False,
    "required": ["articles"],
    "properties": {"articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"},
                                "minItems": 1, "maxItems": limits.INGEST_BATCH}},
}
INGEST_COUNTS = {
    "type": "object",
    "required": ["added", "updated", "unchanged"],
    "properties": {"added": {"type": "integer", "minimum": 0}, "updated": {"type": "integer", "minimum": 0},
                   "unchanged": {"type": "integer", "minimum": 0,
                                 "description": "already stored with the same content: not analysed again"}},
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again",
                               "schema": {"type": "integer", "minimum": 1}}}


def _error(description: str, headers: dict | None = None) -> dict:
    out = {"description": description,
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if headers:
        out["headers"] = headers
    return out


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _any_json(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}}


def document() -> dict:
    host = {"421": _error("the Host header names a host this server does not answer to "
                          "(QUOTETRAIL_ALLOWED_HOSTS)")}
    errors = {"400": _error("invalid input"), "413": _error("body too large"),
              "415": _error("the body is not sent as application/json"), **host,
              "503": _error("busy (the analysis queue is full), out of time, or the store is unreachable; "
                            "try again after Retry-After seconds", RETRY_AFTER)}
    return {
        "openapi": "3.1.0",
        "info": {"title": "QuoteTrail API", "version": __version__,
                 "description": "Who said what, loaded terms and cross-outlet coverage for one news article."},
        "paths": {
            "/api/v1/health": {"get": {"operationId": "health", "responses": {
                "200": _any_json("the server is up"), **host}}},
            "/api/v1/openapi.json": {"get": {"operationId": "openapi", "responses": {
                "200": _any_json("this document"), **host}}},
            "/api/v1/store": {"get": {
                "operationId": "store_status",
                "responses": {"200": _json("#/components/schemas/StoreStatus", "what the store holds"),
                              "503": _error("the store is busy or unreachable; try again"), **host}}},
            "/api/v1/analyze": {"post": {
                "operationId": "analyze",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Article"}}}},
                "responses": {"200": _json("#/components/schemas/Analysis", "the analysis"), **errors}}},
            "/api/v1/statements/{id}": {"get": {
                "operationId": "statement",
                "description": "Every stored rendering of one statement, in time order.",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[1-9][0-9]{0,17}$"}}],
                "responses": {"200": _json("#/components/schemas/Statement", "the statement's renderings"),
                              "400": _error("not a statement id"), "404": _error("no such statement"),
                              "503": _error("the store is busy or unreachable; try again")}}},
            "/api/v1/ingest": {"post": {
                "operationId": "ingest",
                "description": "Store articles for coverage lookup; needs 'Authorization: Bearer <token>' "
                               "with the server's QUOTETRAIL_INGEST_TOKEN.",
                "security": [{"ingestToken": []}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "oneOf": [{"$ref": "#/components/schemas/Article"},
                              {"$ref": "#/components/schemas/IngestBatch"}]}}}},
                "responses": {"200": _json("#/components/schemas/IngestCounts", "counts of articles stored"),
                              "401": _error("missing or wrong token"), "403": _error("ingestion is off"),
                              **errors}}},
        },
        "components": {
            "schemas": {"Span": SPAN, "Article": ARTICLE, "CoverageLink": LINK, "Quote": QUOTE,
                        "Speaker": SPEAKER, "LoadedTerm": TERM, "Analysis": ANALYSIS, "Error": ERROR,
                        "IngestBatch": INGEST_BATCH, "IngestCounts": INGEST_COUNTS,
                        "StoreStatus": STORE_STATUS, "Statement": STATEMENT},
            "securitySchemes": {"ingestToken": {"type": "http", "scheme": "bearer",
                                                "description": "the server's QUOTETRAIL_INGEST_TOKEN"}},
        },
    }
