"""Admission control for heavy HTTP work: a few analyses at a time per worker process, a short
bounded queue, and 503 with Retry-After past it, so that what a worker admits it can finish and
its other threads stay free for /health and quick refusals.

An admitted job runs on a thread of its own under one deadline, queueing included. The request
thread waits for it and, meanwhile, watches the client's socket: when the client has gone or the
deadline has passed, the request thread answers (or gives up) at once and cancels the job, which
stops at its next checkpoint (deadline.check). A slot is freed only when its job has really
stopped, so abandoned work still counts against the bound while it winds down.
"""
from __future__ import annotations

import os
import select
import socket
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from . import deadline as deadlines
from .errors import Unavailable

# How often the request thread looks at the client's socket while the job runs.
POLL_SECONDS = 0.25


class Gate:
    def __init__(self, slots: int, queue: int):
        self.slots, self.queue = slots, queue
        self._free = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._admitted = 0                 # waiting for a slot + holding one
        self._pool: ThreadPoolExecutor | None = None
        self._pid = None

    def _executor(self) -> ThreadPoolExecutor:
        # made in the process that uses it: gunicorn forks workers after the app is built
        if self._pid != os.getpid():
            self._pool, self._pid = ThreadPoolExecutor(self.slots, thread_name_prefix="analysis"), os.getpid()
        return self._pool

    def busy(self) -> int:
        return self._admitted

    def run(self, job: Callable[[], object], seconds: float, client: "socket.socket | None" = None):
        """`job()` within `seconds` (queueing included); Unavailable when full, late or abandoned."""
        with self._lock:
            if self._admitted >= self.slots + self.queue:
                raise Unavailable("busy", f"the server is busy with {self._admitted} analyses; try again "
                                          "in a few seconds", retry_after=5)
            self._admitted += 1
        limit = deadlines.Deadline(seconds)
        try:
            if not self._wait_for_slot(limit, client):
                raise deadlines.expired(seconds) if limit.remaining() <= 0 else _gone()
        except BaseException:
            with self._lock:
                self._admitted -= 1
            raise
        future = self._executor().submit(self._run_job, job, limit)
        return _wait(future, limit, client)

    def _wait_for_slot(self, limit, client) -> bool:
        while True:
            remaining = limit.remaining()
            if remaining <= 0:
                return False
            if self._free.acquire(timeout=min(POLL_SECONDS, remaining)):
                return True
            if client_gone(client):
                return False

    def _run_job(self, job, limit):
        try:
            with deadlines.bounded(limit):
                limit.check()
                return job()
        finally:
            self._free.release()
            with self._lock:
                self._admitted -= 1


def _wait(future: Future, limit: deadlines.Deadline, client):
    while True:
        remaining = limit.remaining()
        if remaining <= 0:
            limit.cancel("out of time")
            raise deadlines.expired(limit.seconds)
        try:
            return future.result(timeout=min(POLL_SECONDS, remaining))
        except TimeoutError:
            pass
        if client_gone(client):
            limit.cancel("the client went away")
            raise _gone()


def _gone() -> Unavailable:
    return Unavailable("client_gone", "the client closed the connection")


def client_gone(sock: "socket.socket | None") -> bool:
    """True when the peer has closed the connection (readable, and a peek finds end of stream)."""
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except (OSError, ValueError):
        return True


def client_socket(environ: dict) -> "socket.socket | None":
    """The request's socket, where the server shares it (gunicorn, werkzeug)."""
    sock = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
    return sock if isinstance(sock, socket.socket) else None


