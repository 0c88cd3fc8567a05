"""The HTTP face of the analysis: Flask app factory, the /api/v1 blueprint, errors and limits."""
from __future__ import annotations

import hmac
import logging
import threading
from typing import Mapping

from flask import Blueprint, Flask, current_app, jsonify, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import __version__, limits
from .analysis import analyze
from .article import from_dict, loads
from .errors import InputError
from .openapi import document

log = logging.getLogger(__name__)

# Browser extensions call from these origins; web pages never get CORS access.
EXTENSION_ORIGINS = [r"^chrome-extension://[a-p]{32}$", r"^moz-extension://[0-9a-f-]{36}$"]

bp = Blueprint("v1", __name__, url_prefix="/api/v1")


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app; `config` is plain data (DB, KEEP_ANALYZED, INGEST_TOKEN, CORS_ORIGINS, TESTING)."""
    app = Flask("quotetrail")
    app.config.update(
        DB=None,                    # None: $QUOTETRAIL_DB or the per-user SQLite file
        KEEP_ANALYZED=False,        # store articles readers analyze (off: privacy)
        INGEST_TOKEN=None,          # POST /api/v1/ingest is refused until a token is set
        CORS_ORIGINS=EXTENSION_ORIGINS,
        MAX_CONTENT_LENGTH=limits.MAX_BODY_BYTES,
        JSON_SORT_KEYS=False,
    )
    app.config.from_prefixed_env("QUOTETRAIL")
    if config:
        app.config.update(config)
    app.extensions["quotetrail.store"] = _LazyStore(app.config["DB"])
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}})
    app.register_blueprint(bp)
    _register_errors(app)
    return app


class _LazyStore:
    """The store opens on first use, so the app starts (and serves health) without touching disk."""

    def __init__(self, url):
        self.url = url
        self._store = None
        self._lock = threading.Lock()

    def get(self):
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from .store import open_store
                    self._store = open_store(self.url)
        return self._store


def store():
    return current_app.extensions["quotetrail.store"].get()


def _json_body() -> object:
    if request.content_length is not None and request.content_length > limits.MAX_BODY_BYTES:
        raise InputError("too_large", f"the body is larger than {limits.MAX_BODY_BYTES} bytes", 413)
    mimetype = request.mimetype or ""
    if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise InputError("unsupported_media_type", "send the article as application/json", 415)
    return loads(request.get_data(cache=False), "body")


@bp.get("/health")
def health():
    return jsonify(status="ok", version=__version__)


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.post("/analyze")
def analyze_view():
    article = from_dict(_json_body())
    response = analyze(article, store=store())
    if current_app.config["KEEP_ANALYZED"] and article.url:
        try:
            store().save_analysis(article, response)
        except Exception:  # keeping a copy is a side job: the reader still gets the analysis
            log.exception("could not keep the analysed article %s", article.url)
    return jsonify(response)


@bp.get("/statements/<statement_id>")
def statement_view(statement_id: str):
    from .statements import parse_id, trail

    found = trail(store(), parse_id(statement_id))
    if found is None:
        raise InputError("not_found", f"no statement {statement_id} in this store", 404)
    return jsonify(found)


@bp.post("/ingest")
def ingest_view():
    token = current_app.config.get("INGEST_TOKEN")
    if not token:
        raise InputError("ingest_disabled", "ingestion over HTTP is off: set INGEST_TOKEN on the server", 403)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), str(token).encode()):
        raise InputError("unauthorized", "a valid 'Authorization: Bearer <token>' header is required", 401)
    body = _json_body()
    items = body.get("articles") if isinstance(body, dict) and "articles" in body else [body]
    if not isinstance(items, list) or not items:
        raise InputError("invalid_field", "'articles' must be a non-empty list of articles")
    if len(items) > limits.INGEST_BATCH:
        raise InputError("too_many_articles", f"at most {limits.INGEST_BATCH} articles per request")
    articles = [from_dict(obj) for obj in items]
    if any(a.url is None for a in articles):
        raise InputError("invalid_field", "every ingested article needs a 'url'")
    from .analysis import analyze_many
    results = {"added": 0, "updated": 0}
    for article, response in analyze_many(articles):
        results[store().save_analysis(article, response)] += 1
    return jsonify(results)


def _register_errors(app: Flask) -> None:
    @app.errorhandler(InputError)
    def input_error(exc: InputError):
        return jsonify(exc.to_json()), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        return jsonify({"error": {"code": code, "message": exc.description or exc.name}}), exc.code

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):
        from .embed import EmbeddingError

        if isinstance(exc, EmbeddingError):    # no coverage on a guess: say so
            log.error("embedding failed: %s", exc)
            return jsonify({"error": {"code": "embedding_unavailable",
                                      "message": "the coverage model failed on this request; try again"}}), 503
        if isinstance(exc, _store_errors()):
            log.warning("store unavailable: %s: %s", type(exc).__name__, exc)
            return jsonify({"error": {"code": "store_unavailable",
                                      "message": "the store is busy or unreachable; try again"}}), 503
        log.exception("unhandled error")
        return jsonify({"error": {"code": "internal", "message": "the server failed on this request"}}), 500


def _store_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean the store (a locked SQLite file, a restarted PostgreSQL) failed, not us."""
    import sqlite3

    errors: list[type[BaseException]] = [sqlite3.OperationalError]
    try:
        import psycopg
        from psycopg_pool import PoolTimeout

        errors += [psycopg.OperationalError, PoolTimeout]
    except ImportError:
        pass
    return tuple(errors)
