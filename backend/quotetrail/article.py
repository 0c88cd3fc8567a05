"""The Article input model: validation, paragraphs, HTML -> article text."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import limits
from .errors import InputError

# What a paragraph was on the page (the extension says so): body text, block quotation, list item, heading.
PARAGRAPH_KINDS = ("p", "blockquote", "li", "h")
KNOWN_FIELDS = {"id", "url", "title", "outlet", "published", "text", "paragraphs", "html"}
BODY_FIELDS = ("text", "paragraphs", "html")

# Characters that make a paragraph look empty although it is not "".
_BLANK = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff]*$")
# Lone UTF-16 surrogates cannot be encoded back to UTF-8; refuse them up front.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(slots=True)
class Article:
    paragraphs: list[str]
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.datetime | None = None
    id: str | None = None
    extra: dict = field(default_factory=dict)
    kinds: list[str] | None = None       # per paragraph: p | blockquote | li | h, when the page said

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def content_hash(self) -> str:
        """Stable hash of what the analysis depends on (cache key)."""
        meta = [self.url, self.title, self.outlet, self.published.isoformat() if self.published else None]
        body = [meta, self.paragraphs] + ([self.kinds] if self.kinds and set(self.kinds) != {"p"} else [])
        blob = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def meta(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
        }


def _string(obj: dict, name: str, max_chars: int) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("invalid_field", f"'{name}' must be a string, not {type(value).__name__}")
    if len(value) > max_chars:
        raise InputError("too_large", f"'{name}' is longer than {max_chars} characters")
    _no_surrogates(value, name)
    return value.strip() or None


def _no_surrogates(value: str, name: str) -> None:
    if _SURROGATE.search(value):
        raise InputError("invalid_text", f"'{name}' contains a lone UTF-16 surrogate")


def validate_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise InputError("invalid_url", f"'url' must be an absolute http(s) URL, got {value[:80]!r}")
    return value


def parse_published(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError("invalid_date", f"'published' must be an ISO 8601 date, got {value[:40]!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when


def clean_paragraphs(raw: list[str]) -> list[str]:
    """Drop empty paragraphs and trailing whitespace; keep everything else exactly."""
    return [p.rstrip() for p in raw if not _BLANK.match(p)]


def from_dict(obj: object) -> Article:
    """Validate one article object (request body or file record) and build the Article."""
    if not isinstance(obj, dict):
        raise InputError("invalid_article", f"an article must be a JSON object, not {type(obj).__name__}")
    unknown = sorted(set(obj) - KNOWN_FIELDS)
    if unknown:
        raise InputError("unknown_field", f"unknown field(s): {', '.join(map(repr, unknown))[:200]}; "
                                          f"allowed: {', '.join(sorted(KNOWN_FIELDS))}")
    given = [name for name in BODY_FIELDS if obj.get(name) is not None]
    if len(given) != 1:
        raise InputError("invalid_article", "give exactly one of 'text', 'paragraphs' or 'html'")
    body = given[0]
    ident = obj.get("id")
    if ident is not None and (not isinstance(ident, (str, int)) or isinstance(ident, bool)):
        raise InputError("invalid_field", "'id' must be a string or a whole number")
    if isinstance(ident, int) and not -10 ** limits.MAX_ID_CHARS < ident < 10 ** limits.MAX_ID_CHARS:
        raise InputError("too_large", f"'id' has more than {limits.MAX_ID_CHARS} digits")
    if isinstance(ident, str):
        _string(obj, "id", limits.MAX_ID_CHARS)
    url = validate_url(_string(obj, "url", limits.MAX_URL_CHARS))
    title = _string(obj, "title", limits.MAX_TITLE_CHARS)
    outlet = _string(obj, "outlet", limits.MAX_OUTLET_CHARS)
    published = parse_published(_string(obj, "published", 100))
    kinds = None

    if body == "text":
        text = obj["text"]
        if not isinstance(text, str):
            raise InputError("invalid_field", f"'text' must be a string, not {type(text).__name__}")
        _check_size(len(text))
        _no_surrogates(text, "text")
        paragraphs = clean_paragraphs(text.splitlines())
    elif body == "paragraphs":
        raw = obj["paragraphs"]
        if not isinstance(raw, list):
            raise InputError("invalid_field", "'paragraphs' must be a list of strings or {text, kind} objects")
        raw, kinds = _paragraph_items(raw)
        if len(raw) > limits.MAX_PARAGRAPHS:
            raise InputError("too_many_paragraphs", f"at most {limits.MAX_PARAGRAPHS} paragraphs")
        for p in raw:
            _no_surrogates(p, "paragraphs")
        _check_size(sum(len(p) for p in raw))
        # A paragraph sent by the extension keeps its index: only whitespace is trimmed at the end,
        # and inner newlines become spaces so that one paragraph stays one line.
        paragraphs = [p.replace("\r", " ").replace("\n", " ").rstrip() for p in raw]
        if all(_BLANK.match(p) for p in paragraphs):
            paragraphs = []
    else:
        html = obj["html"]
        if not isinstance(html, str):
            raise InputError("invalid_field", f"'html' must be a string, not {type(html).__name__}")
        if len(html.encode("utf-8", "surrogatepass")) > limits.MAX_HTML_BYTES:
            raise InputError("too_large", f"'html' is larger than {limits.MAX_HTML_BYTES} bytes")
        _no_surrogates(html, "html")
        from .extract import html_to_article  # trafilatura is only imported when HTML arrives
        found = html_to_article(html, url=url)
        paragraphs = found["paragraphs"]
        title = title or found.get("title")
        outlet = outlet or found.get("outlet")
        published = published or parse_published_loose(found.get("published"))

    if not paragraphs:
        raise InputError("empty_article", "the article has no text")
    if len(paragraphs) > limits.MAX_PARAGRAPHS:
        raise InputError("too_many_paragraphs", f"at most {limits.MAX_PARAGRAPHS} paragraphs")
    longest = max(len(p) for p in paragraphs)
    if longest > limits.MAX_PARAGRAPH_CHARS:
        raise InputError("too_large", f"a paragraph is longer than {limits.MAX_PARAGRAPH_CHARS} characters")
    return Article(paragraphs=paragraphs, url=url, title=title, outlet=outlet, published=published,
                   id=str(ident) if ident is not None else None,
                   kinds=kinds)


def _paragraph_items(raw: list) -> tuple[list[str], list[str] | None]:
    """Request paragraphs as strings or {"text", "kind"} objects: the texts and, when any object
    was given, the kinds (a string paragraph is "p")."""
    texts, kinds, given = [], [], False
    for n, item in enumerate(raw):
        if isinstance(item, str):
            texts.append(item)
            kinds.append("p")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - {"text", "kind"}:
            raise InputError("invalid_field", f"paragraph {n} must be a string or an object "
                                              "{\"text\": string, \"kind\": one of " + "|".join(PARAGRAPH_KINDS) + "}")
        kind = item.get("kind") or "p"
        if kind not in PARAGRAPH_KINDS:
            raise InputError("invalid_field", f"paragraph {n}: 'kind' must be one of {', '.join(PARAGRAPH_KINDS)}")
        texts.append(item["text"])
        kinds.append(kind)
        given = True
    if len(raw) > limits.MAX_PARAGRAPHS:                # (after the types: a wrong item is named first)
        raise InputError("too_many_paragraphs", f"at most {limits.MAX_PARAGRAPHS} paragraphs")
    return texts, kinds if given else None


def parse_published_loose(value: str | None) -> dt.datetime | None:
    """Dates found in HTML metadata: use them when they parse, ignore them when they do not."""
    try:
        return parse_published(value)
    except InputError:
        return None


def _check_size(chars: int) -> None:
    if chars > limits.MAX_ARTICLE_CHARS:
        raise InputError("too_large", f"the article is longer than {limits.MAX_ARTICLE_CHARS} characters")


def json_depth_ok(raw: str | bytes, max_depth: int = limits.MAX_JSON_DEPTH) -> bool:
    """Cheap pre-check on raw JSON so a deeply nested body never reaches the recursive parser."""
    depth = 0
    in_string = escaped = False
    data = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    for ch in data:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads(raw: str | bytes, what: str = "body") -> object:
    """Parse JSON input with the size and depth bounds applied; InputError on anything wrong."""
    if len(raw) > limits.MAX_BODY_BYTES:
        raise InputError("too_large", f"the {what} is larger than {limits.MAX_BODY_BYTES} bytes", 413)
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("invalid_encoding", f"the {what} is not valid UTF-8 (byte {exc.start})") from None
    if not json_depth_ok(raw):
        raise InputError("too_deep", f"the {what} nests deeper than {limits.MAX_JSON_DEPTH} levels")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError("invalid_json", f"the {what} is not valid JSON: {exc.msg} at line {exc.lineno} "
                                         f"column {exc.colno}") from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise InputError("invalid_json", f"the {what} holds a number with too many digits") from None
