"""One deadline per analysis, checked between the stages of the work.

The analysis is CPU work in spaCy and plain Python, which no thread can interrupt from outside,
so the work itself asks `check()` between pipeline components and analysis layers. A deadline
also ends early when it is cancelled (the client went away, the HTTP answer was already sent).
"""
from __future__ import annotations

import contextlib
import contextvars
import time

from .errors import Unavailable

_current: contextvars.ContextVar["Deadline | None"] = contextvars.ContextVar("quotetrail_deadline", default=None)


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.cancelled: str | None = None    # why the work is no longer wanted

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def cancel(self, reason: str) -> None:
        self.cancelled = reason

    def check(self) -> None:
        if self.cancelled:
            raise Unavailable("cancelled", f"the analysis was stopped: {self.cancelled}")
        if time.monotonic() > self.end:
            raise expired(self.seconds)


def expired(seconds: float) -> Unavailable:
    return Unavailable("too_slow", f"the analysis did not finish within {seconds:g} s; the server may be "
                                   "busy: try again later, or send a shorter article", retry_after=10)


def check() -> None:
    """Raise when the current work's deadline has passed or it was cancelled; no-op without one."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


@contextlib.contextmanager
def bounded(deadline: "Deadline | None"):
    """Run the block under `deadline` (None: no deadline)."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)
