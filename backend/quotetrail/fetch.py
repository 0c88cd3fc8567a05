"""Network fetches for ingestion and feed polling, with one clear error for anything refused.

- http(s) only, at the first URL and at every redirect;
- the address every connection goes to is checked as it is made: loopback, link-local, private
  and other non-public addresses are refused unless $QUOTETRAIL_FETCH_PRIVATE allows them (so a
  name that resolves to 127.0.0.1 cannot reach a service on this machine);
- a total deadline for the whole fetch, redirects and a server that trickles bytes included: a
  timer shuts the connection down when it passes;
- a size limit, checked as the body arrives.
"""
from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import limits, settings

log = logging.getLogger(__name__)

USER_AGENT = "QuoteTrail/0.1 (news quote coverage; feed reader)"
# Bytes read per chunk while enforcing the size limit.
CHUNK = 64 * 1024
MAX_REDIRECTS = 5
SCHEMES = ("http", "https")


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


def public_address(ip: ipaddress._BaseAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _Guard:
    """One fetch's rules: where its connections may go, and its deadline over all of them."""

    def __init__(self, seconds: float, allow_private: bool):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.allow_private = allow_private
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise FetchError(f"took longer than {self.seconds:g} s")
        return left

    def connect(self, host: str, port: int, source_address=None) -> socket.socket:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not self.allow_private:
            for *_, sockaddr in infos:
                ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
                if not public_address(ip):
                    raise FetchError(f"{host} is at {ip}, not a public address; set QUOTETRAIL_FETCH_PRIVATE=true "
                                     "to fetch from this machine or a private network")
        last: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            self.register(sock)
            try:
                sock.settimeout(self.remaining())
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                last = exc
                sock.close()
        raise last or OSError(f"no address for {host}")

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            expired = self.expired
        if expired:
            _shutdown(sock)

    def expire(self) -> None:
        """The deadline passed: end every connection of this fetch, so any blocked read returns."""
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for sock in socks:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _opener(guard: _Guard) -> urllib.request.OpenerDirector:
    class HTTPConnection(http.client.HTTPConnection):
        def connect(self):
            self.sock = guard.connect(self.host, self.port, self.source_address)

    class HTTPSConnection(http.client.HTTPSConnection):
        def connect(self):
            raw = guard.connect(self.host, self.port, self.source_address)
            self.sock = self._context.wrap_socket(raw, server_hostname=self.host)
            guard.register(self.sock)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(HTTPConnection, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(HTTPSConnection, req, context=ssl.create_default_context())

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urlsplit(newurl).scheme.lower() not in SCHEMES:
                raise FetchError(f"redirected to a URL that is not http(s): {newurl[:120]}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    # no proxies from the environment: every connection is one this module checked
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), HTTPHandler, HTTPSHandler, Redirects)


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
          etag: str | None = None, last_modified: str | None = None,
          allow_private: bool | None = None) -> Response:
    """GET `url` within `timeout` seconds (whole transfer) and `max_bytes`; FetchError otherwise."""
    timeout = limits.FETCH_SECONDS if timeout is None else timeout
    max_bytes = limits.MAX_HTML_BYTES if max_bytes is None else max_bytes
    allow_private = settings.get("FETCH_PRIVATE") if allow_private is None else allow_private
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url[:120]}")
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    guard = _Guard(timeout, allow_private)
    timer = threading.Timer(timeout, guard.expire)
    timer.daemon = True
    timer.start()
    try:
        return _get(_opener(guard), urllib.request.Request(url, headers=headers), guard, max_bytes)
    except FetchError as exc:
        raise FetchError(f"{url[:120]}: {exc}") from None
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url, 304, {k.lower(): v for k, v in exc.headers.items()}, b"")
        raise FetchError(f"{url[:120]}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        if guard.expired:
            raise FetchError(f"{url[:120]}: took longer than {timeout:g} s") from None
        if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
            raise FetchError(f"{url[:120]}: no answer within {timeout:g} s") from None
        reason = getattr(exc, "reason", None) or exc
        raise FetchError(f"{url[:120]}: {reason}") from None
    finally:
        timer.cancel()


def _get(opener, request, guard: _Guard, max_bytes: int) -> Response:
    with opener.open(request, timeout=guard.remaining()) as resp:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{int(declared)} bytes is over the limit of {max_bytes}")
        chunks, size = [], 0
        while True:
            guard.remaining()
            chunk = resp.read1(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"more than {max_bytes} bytes")
            chunks.append(chunk)
        guard.remaining()       # a body cut short by the deadline is not a whole body
        return Response(resp.geturl(), resp.status, {k.lower(): v for k, v in resp.headers.items()},
                        b"".join(chunks))
