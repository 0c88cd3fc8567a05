"""The settings of the store's background poller and of retention, parsed explicitly.

Each is an app.config key, read from its QUOTETRAIL_* environment variable (the `serve` flags set
those variables); a value that does not parse is an error naming the variable, never a guess.
"""
from __future__ import annotations

import os
from typing import Callable, Mapping

from .errors import InputError

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not one of true/false, 1/0, yes/no, on/off")


def parse_path(value) -> str | None:
    """A file path; empty (or None) means the default."""
    if value is None:
        return None
    text = os.path.expanduser(str(value).strip())
    return text or None


def _whole_number(value, *, minimum: int) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None
    if number < minimum:
        raise ValueError(f"{number} is less than {minimum}")
    return number


def parse_seconds(value) -> int:
    return _whole_number(value, minimum=MIN_POLL_INTERVAL)


def parse_days(value) -> int:
    return _whole_number(value, minimum=0)


# The shortest polling interval allowed: feeds are other people's servers.
MIN_POLL_INTERVAL = 60

# app.config key: (environment variable, parser, default, what it does)
SETTINGS: dict[str, tuple[str, Callable, object, str]] = {
    "POLL": ("QUOTETRAIL_POLL", parse_bool, True,
             "`serve` polls the feed list in a background process (false: never fetch anything)"),
    "FEEDS_FILE": ("QUOTETRAIL_FEEDS", parse_path, None,
                   "feed list to poll, OPML or a text file of URLs (unset: the packaged data/feeds.opml)"),
    "POLL_INTERVAL": ("QUOTETRAIL_POLL_INTERVAL", parse_seconds, 900,
                      f"seconds between polls of one feed (at least {MIN_POLL_INTERVAL})"),
    "RETENTION_DAYS": ("QUOTETRAIL_RETENTION_DAYS", parse_days, 90,
                       "polled articles are pruned this many days after they were stored (0: keep them)"),
}


def from_env(environ: Mapping[str, str] | None = None) -> dict:
    """The settings from the environment, each parsed, defaults for the unset ones."""
    environ = os.environ if environ is None else environ
    out = {}
    for key, (var, parse, default, _) in SETTINGS.items():
        raw = environ.get(var)
        out[key] = default if raw is None or raw.strip() == "" else _parsed(var, parse, raw)
    return out


def normalise(config: Mapping) -> dict:
    """The settings of an app.config (values given as strings or as Python values), each parsed."""
    out = {}
    for key, (_, parse, default, _) in SETTINGS.items():
        value = config.get(key, default)
        out[key] = default if value is None and default is not None else _parsed(key, parse, value)
    return out


def _parsed(name: str, parse: Callable, raw):
    try:
        return parse(raw)
    except ValueError as exc:
        raise InputError("invalid_setting", f"{name}: {exc}") from None
