"""Fetches (ingest, watch) go only where they should and end on time: http(s) at every hop, no
address on this machine or a private network unless the user allows it, and one deadline for
the whole transfer however slowly the server trickles. The servers here run on 127.0.0.1, so
each test that wants an answer from them opts in with allow_private=True, as a user would with
QUOTETRAIL_FETCH_PRIVATE."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time

import pytest

from quotetrail.fetch import FetchError, fetch, public_address


class TinyServer:
    """A raw socket server on 127.0.0.1 that answers each connection with `respond(conn)`."""

    def __init__(self, respond):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests = 0
        self.respond = respond
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.requests += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            conn.recv(65536)
            self.respond(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def serve():
    servers = []

    def start(respond):
        servers.append(TinyServer(respond))
        return servers[-1]
    yield start
    for s in servers:
        s.close()


def page(conn, body=b"<p>hello</p>", extra=b""):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n%s\r\n" % (len(body), extra)
                 + body)


def redirect(to: str):
    def respond(conn):
        conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + to.encode() + b"\r\nContent-Length: 0\r\n\r\n")
    return respond


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False),
    ("93.184.215.14", True), ("2606:4700::1111", True)])
def test_which_addresses_count_as_public(address, public):
    assert public_address(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "127.1"])
def test_this_machine_is_refused_by_default_before_any_request(serve, name):
    server = serve(page)
    url = server.url.replace("127.0.0.1", name)
    with pytest.raises(FetchError, match="not a public address; set QUOTETRAIL_FETCH_PRIVATE"):
        fetch(url)
    assert server.requests == 0
    assert fetch(url, allow_private=True).body == b"<p>hello</p>"


def test_the_setting_allows_private_targets(serve, monkeypatch):
    server = serve(page)
    monkeypatch.setenv("QUOTETRAIL_FETCH_PRIVATE", "yes")
    assert fetch(server.url).status == 200
    monkeypatch.setenv("QUOTETRAIL_FETCH_PRIVATE", "no")
    with pytest.raises(FetchError):
        fetch(server.url)


@pytest.mark.parametrize("target", ["ftp://files.example/feed.xml", "file:///etc/passwd", "gopher://x.example/"])
def test_a_redirect_to_another_scheme_is_refused(serve, target):
    server = serve(redirect(target))
    with pytest.raises(FetchError, match="not http|not allowed"):
        fetch(server.url + "/feed", allow_private=True)


def test_every_redirect_hop_is_checked_for_its_address(serve):
    """The first hop allowed, the second hop's address refused: each connection is checked."""
    inner = serve(page)
    outer = serve(redirect(inner.url.replace("127.0.0.1", "localhost") + "/page"))
    from quotetrail import fetch as fetch_module

    checked = []
    real = fetch_module.public_address

    def first_hop_public(ip):
        checked.append(str(ip))
        return len(checked) == 1 or real(ip)

    fetch_module.public_address = first_hop_public
    try:
        with pytest.raises(FetchError, match="not a public address"):
            fetch(outer.url + "/start")
    finally:
        fetch_module.public_address = real
    assert outer.requests == 1 and inner.requests == 0


def trickle(conn, headers_too=False):
    """One byte every 0.2 s, for ever (until the client hangs up)."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
    if headers_too:
        for b in head:
            conn.sendall(bytes([b]))
            time.sleep(0.2)
    else:
        conn.sendall(head)
    while True:
        conn.sendall(b"x")
        time.sleep(0.2)


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_trickling_server_meets_the_total_deadline(serve, headers_too):
    server = serve(lambda conn: trickle(conn, headers_too))
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1.5 s"):
        fetch(server.url, timeout=1.5, allow_private=True)
    # a generous bound on the whole call: reads each under the socket timeout took 40 s here before
    assert time.monotonic() - started < 10
