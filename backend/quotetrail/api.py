"""The HTTP face of the analysis: Flask app factory, the /api/v1 blueprint, errors and limits."""
from __future__ import annotations

import hmac
import logging
import threading
from typing import Mapping

from flask import Blueprint, Flask, Response, current_app, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import __version__, limits, settings, wire
from .admission import Gate, client_socket
from .analysis import analyze
from .article import from_dict, loads
from .errors import InputError, Unavailable
from .openapi import document

log = logging.getLogger(__name__)

# Browser extensions call from these origins; web pages never get CORS access.
EXTENSION_ORIGINS = [r"^chrome-extension://[a-p]{32}$", r"^moz-extension://[0-9a-f-]{36}$"]
# The names this server answers to on any port, besides $QUOTETRAIL_ALLOWED_HOSTS: a page whose
# own name was rebound to 127.0.0.1 (DNS rebinding) sends its name, and is refused.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")

bp = Blueprint("v1", __name__, url_prefix="/api/v1")


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app from the QUOTETRAIL_* settings (settings.py), then `config` (plain data, by
    setting name: DB, KEEP_ANALYZED, INGEST_TOKEN, ...; and CORS_ORIGINS, TESTING).

    Raises settings.SettingError when a variable's value cannot be understood."""
    app = Flask("quotetrail")
    app.config.update(settings.load())
    app.config.update(CORS_ORIGINS=EXTENSION_ORIGINS,
                      # one byte over the limit, so that a body past it can be seen to be (413)
                      MAX_CONTENT_LENGTH=limits.MAX_BODY_BYTES + 1)
    if config:
        app.config.update(config)
    app.config.update(settings.normalise(app.config, settings.POLL_SETTINGS))   # a test may give text
    app.extensions["quotetrail.store"] = _LazyStore(app.config["DB"])
    app.extensions["quotetrail.gate"] = Gate(app.config["ANALYSIS_SLOTS"], app.config["ANALYSIS_QUEUE"])
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}})
    app.before_request(_check_host)
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


def json_response(obj, status: int = 200, headers: dict | None = None) -> Response:
    """Every JSON answer, in the one encoding `quotetrail analyze` prints too (wire.py)."""
    return Response(wire.dumps(obj), status=status, headers=headers, mimetype="application/json")


def host_name(host: str) -> str:
    """'Example.org:8750' -> 'example.org'; '[::1]:8750' -> '[::1]'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[:host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0].rstrip(".")


def _check_host():
    allowed = current_app.config["ALLOWED_HOSTS"]
    name = host_name(request.host or "")
    if name not in LOCAL_HOSTS and name not in allowed and "*" not in allowed:
        raise InputError("unknown_host", f"this server does not answer to the host name {name[:100]!r}; "
                                         "add it to QUOTETRAIL_ALLOWED_HOSTS to allow it", 421)


def _json_body() -> object:
    """The request body as JSON: application/json only (a browser cannot send that cross-site
    without a CORS preflight, which only the extension passes), at most MAX_BODY_BYTES whatever
    the transfer encoding."""
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not (mimetype.startswith("application/") and mimetype.endswith("+json")):
        raise InputError("unsupported_media_type", "send the body as JSON with 'Content-Type: application/json'", 415)
    too_large = InputError("too_large", f"the body is larger than {limits.MAX_BODY_BYTES} bytes", 413)
    if request.content_length is not None and request.content_length > limits.MAX_BODY_BYTES:
        raise too_large
    data = request.stream.read(limits.MAX_BODY_BYTES + 1)
    if len(data) > limits.MAX_BODY_BYTES:
        raise too_large
    return loads(data, "body")


def _run(job, seconds: float):
    """Run heavy work through this worker's gate (admission, one deadline, client-gone checks)."""
    gate: Gate = current_app.extensions["quotetrail.gate"]
    return gate.run(job, seconds, client_socket(request.environ))


@bp.get("/health")
def health():
    return json_response({"status": "ok", "version": __version__})


@bp.get("/openapi.json")
def openapi():
    return json_response(document())


@bp.get("/store")
def store_view():
    from .status import store_status
    return json_response(store_status(store(), current_app.config))


@bp.post("/analyze")
def analyze_view():
    article = from_dict(_json_body())
    lazy = current_app.extensions["quotetrail.store"]
    keep = current_app.config["KEEP_ANALYZED"] and article.url

    def job():
        response = analyze(article, store=lazy.get())
        if keep:
            try:
                lazy.get().save_analysis(article, response)
            except Exception:  # keeping a copy is a side job: the reader still gets the analysis
                log.exception("could not keep the analysed article %s", article.url)
        return response

    return json_response(_run(job, current_app.config["REQUEST_SECONDS"]))


@bp.get("/statements/<statement_id>")
def statement_view(statement_id: str):
    from .statements import parse_id, trail

    found = trail(store(), parse_id(statement_id))
    if found is None:
        raise InputError("not_found", f"no statement {statement_id} in this store", 404)
    return json_response(found)


@bp.post("/ingest")
def ingest_view():
    token = current_app.config.get("INGEST_TOKEN")
    if not token:
        raise InputError("ingest_disabled", "ingestion over HTTP is off: set QUOTETRAIL_INGEST_TOKEN on the "
                                            "server", 403)
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
    lazy = current_app.extensions["quotetrail.store"]

    def job():
        from .analysis import analyze_many
        from .store import article_key

        st = lazy.get()
        results = {"added": 0, "updated": 0, "unchanged": 0}
        fresh = []
        for a in articles:
            if st.content_hash(article_key(a)) == a.content_hash():
                results["unchanged"] += 1
            else:
                fresh.append(a)
        for article, response in analyze_many(fresh):
            results[st.save_analysis(article, response)] += 1
        return results

    # one analysis deadline per article of the batch
    return json_response(_run(job, current_app.config["REQUEST_SECONDS"] * len(articles)))


def _register_errors(app: Flask) -> None:
    @app.errorhandler(InputError)
    def input_error(exc: InputError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Unavailable) else None
        return json_response(exc.to_json(), exc.status, headers)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        return json_response({"error": {"code": code, "message": exc.description or exc.name}}, exc.code)

    @app.errorhandler(Exception)
    def internal_error(exc: Exception):
        from .embed import EmbeddingError

        if isinstance(exc, EmbeddingError):    # no coverage on a guess: say so
            log.error("embedding failed: %s", exc)
            return json_response({"error": {"code": "embedding_unavailable",
                                            "message": "the coverage model failed on this request; try again"}}, 503)
        if isinstance(exc, _store_errors()):
            log.warning("store unavailable: %s: %s", type(exc).__name__, exc)
            return json_response({"error": {"code": "store_unavailable",
                                            "message": "the store is busy or unreachable; try again"}}, 503,
                                 {"Retry-After": "5"})
        log.exception("unhandled error")
        return json_response({"error": {"code": "internal", "message": "the server failed on this request"}}, 500)


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
