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
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def document() -> dict:
    errors = {"400": _error("invalid input"), "413": _error("body too large"),
              "415": _error("not JSON"), "503": _error("the store is busy or unreachable; try again")}
    return {
        "openapi": "3.1.0",
        "info": {"title": "QuoteTrail API", "version": __version__,
                 "description": "Who said what, loaded terms and cross-outlet coverage for one news article."},
        "paths": {
            "/api/v1/health": {"get": {"operationId": "health", "responses": {
                "200": {"description": "the server is up",
                        "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/analyze": {"post": {
                "operationId": "analyze",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Article"}}}},
                "responses": {"200": _json("#/components/schemas/Analysis", "the analysis"), **errors}}},
            "/api/v1/ingest": {"post": {
                "operationId": "ingest",
                "description": "Store articles for coverage lookup; needs 'Authorization: Bearer <INGEST_TOKEN>'.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "oneOf": [{"$ref": "#/components/schemas/Article"},
                              {"type": "object", "properties": {"articles": {
                                  "type": "array", "items": {"$ref": "#/components/schemas/Article"},
                                  "maxItems": limits.INGEST_BATCH}}}]}}}},
                "responses": {"200": {"description": "counts of articles added and updated",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "401": _error("missing or wrong token"), "403": _error("ingestion is off"),
                              **errors}}},
        },
        "components": {"schemas": {"Span": SPAN, "Article": ARTICLE, "CoverageLink": LINK, "Quote": QUOTE,
                                   "Speaker": SPEAKER, "LoadedTerm": TERM, "Analysis": ANALYSIS, "Error": ERROR}},
    }
