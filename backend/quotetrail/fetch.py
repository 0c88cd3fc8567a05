"""Network fetches for ingestion and feed polling: http(s) only, a timeout, a size limit, one clear error."""
from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import limits

log = logging.getLogger(__name__)

USER_AGENT = "QuoteTrail/0.1 (news quote coverage; feed reader)"
# Bytes read per chunk while enforcing the size limit.
CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed; the message says why in one line."""


@dataclass(slots=True)
class Response:
    url: str                 # final URL after redirects
    status: int              # 200, or 304 for a conditional request that found nothing new
    headers: dict
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()

    def text(self) -> str:
        charset = "utf-8"
        for part in (self.headers.get("content-type") or "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.body.decode(charset, "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
          etag: str | None = None, last_modified: str | None = None) -> Response:
    """GET `url` within `timeout` seconds (whole transfer) and `max_bytes`; FetchError otherwise."""
    timeout = limits.FETCH_SECONDS if timeout is None else timeout
    max_bytes = limits.MAX_HTML_BYTES if max_bytes is None else max_bytes
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url[:120]}")
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url[:120]}: {int(declared)} bytes is over the limit of {max_bytes}")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"{url[:120]}: took longer than {timeout:g} s")
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url[:120]}: more than {max_bytes} bytes")
                chunks.append(chunk)
            return Response(resp.geturl(), resp.status, {k.lower(): v for k, v in resp.headers.items()},
                            b"".join(chunks))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url, 304, {k.lower(): v for k, v in exc.headers.items()}, b"")
        raise FetchError(f"{url[:120]}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url[:120]}: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"{url[:120]}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"{url[:120]}: {exc}") from None
