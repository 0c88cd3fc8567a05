"""Every QUOTETRAIL_* environment setting in one table, parsed explicitly.

Flask's own prefixed-env loader decodes values as JSON, so `False` or `no` came out as true-ish
strings. Here each setting has a type with one parser; a value the parser does not understand
stops the program at start with one line naming the variable. Adding a setting is adding a row.
The README's "Settings" table lists these rows.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from . import limits

PREFIX = "QUOTETRAIL_"
# The shortest feed polling interval allowed: feeds are other people's servers.
MIN_POLL_INTERVAL = 60

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingError(ValueError):
    """A setting whose value cannot be understood; the message is one line naming the variable."""


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError("not a boolean (use true/false, 1/0, yes/no or on/off)")


def parse_int(text: str) -> int:
    word = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,12}", word):
        raise ValueError("not a whole number")
    return int(word)


def positive(parse: Callable[[str], int]) -> Callable[[str], int]:
    def check(text: str) -> int:
        value = parse(text)
        if value < 1:
            raise ValueError("must be 1 or more")
        return value
    return check


def at_least(minimum: int) -> Callable[[str], int]:
    def check(text: str) -> int:
        value = parse_int(text)
        if value < minimum:
            raise ValueError(f"must be {minimum} or more")
        return value
    return check


def parse_text(text: str) -> str | None:
    return text.strip() or None


def parse_names(text: str) -> tuple[str, ...]:
    """A comma-separated list (host names); blanks dropped, lower-cased."""
    names = tuple(n.strip().lower() for n in text.split(",") if n.strip())
    for n in names:
        if any(c.isspace() for c in n) or "/" in n:
            raise ValueError(f"{n!r} is not a host name")
    return names


@dataclass(frozen=True, slots=True)
class Setting:
    name: str                      # app.config key; the variable is QUOTETRAIL_<name>
    kind: str                      # bool | int | text | path | names (shown in the README)
    default: Any
    help: str

    @property
    def variable(self) -> str:
        return PREFIX + self.name


_PARSERS: dict[str, Callable[[str], Any]] = {
    "bool": parse_bool, "int": positive(parse_int), "text": parse_text, "path": parse_text,
    "names": parse_names, "seconds": at_least(MIN_POLL_INTERVAL), "days": at_least(0),
}

# name, kind, default, help
SETTINGS = [Setting(*row) for row in [
    ("DB", "path", None, "store: an SQLite path or a postgresql:// URL (default: a per-user SQLite file)"),
    ("KEEP_ANALYZED", "bool", False, "also store the articles readers analyze (off: privacy)"),
    ("INGEST_TOKEN", "text", None, "bearer token for POST /api/v1/ingest; unset: HTTP ingestion is off"),
    ("ALLOWED_HOSTS", "names", (), "extra host names the API answers to, comma-separated, besides "
                                   "127.0.0.1, localhost and [::1] (any port)"),
    ("FETCH_PRIVATE", "bool", False, "let ingest and watch fetch loopback, link-local and private addresses"),
    ("REQUEST_SECONDS", "int", limits.REQUEST_SECONDS, "deadline of one analysis, queueing included (HTTP and CLI)"),
    ("ANALYSIS_SLOTS", "int", 1, "analyses one server worker process runs at once"),
    ("ANALYSIS_QUEUE", "int", 2, "requests one worker lets wait for a slot; past it: 503 with Retry-After"),
    ("CACHE_MB", "int", 32, "response cache per worker, in megabytes of JSON"),
    ("LEXICON", "path", None, "the user lexicon file (default: lexicon.jsonl in the per-user config folder)"),
    ("POLL", "bool", True, "`serve` polls the feed list in a background process (false: never fetch anything)"),
    ("FEEDS", "path", None, "feed list `serve` polls, OPML or a text file of URLs (default: the packaged data/feeds.opml)"),
    ("POLL_INTERVAL", "seconds", 900, f"seconds between polls of one feed (at least {MIN_POLL_INTERVAL})"),
    ("RETENTION_DAYS", "days", 90, "polled articles are pruned this many days after they were stored (0: keep them)"),
]]
# What the background poller and retention read (poller.py, status.py, `store prune`).
POLL_SETTINGS = ("POLL", "FEEDS", "POLL_INTERVAL", "RETENTION_DAYS")
BY_NAME = {s.name: s for s in SETTINGS}


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's value: parsed from the environment when set, else its default.

    Raises SettingError on the first value that does not parse. Variables with the prefix that
    are not in the table are left alone (tests and benchmarks use a few of their own)."""
    return {s.name: get(s.name, environ) for s in SETTINGS}


def subset(names, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The named settings, parsed from the environment (SettingError on a bad value)."""
    return {n: get(n, environ) for n in names}


def normalise(config: Mapping[str, Any], names) -> dict[str, Any]:
    """The named settings of an app.config, where a test or caller may have given a value as text:
    text is parsed as the environment would be, None is the default, other values are kept."""
    out = {}
    for n in names:
        s, value = BY_NAME[n], config.get(n)
        if value is None:
            value = s.default
        elif isinstance(value, str):
            value = get(n, {s.variable: value})
        out[n] = value
    return out


def get(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One setting, parsed now (for code that runs outside the app: fetches, the CLI)."""
    s = BY_NAME[name]
    raw = (os.environ if environ is None else environ).get(s.variable)
    # an empty value means unset, except for a switch, where it is ambiguous
    if raw is None or (raw.strip() == "" and s.kind != "bool"):
        return s.default
    try:
        return _PARSERS[s.kind](raw)
    except ValueError as exc:
        raise SettingError(f"{s.variable}={raw[:40]!r}: {exc}") from None


def markdown_table() -> str:
    """The README's table, made from the rows above (a test keeps the two in step)."""
    lines = ["| Variable | Type | Default | Meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "unset" if s.default in (None, ()) else str(s.default).lower() if s.kind == "bool" else s.default
        lines.append(f"| `{s.variable}` | {s.kind} | {default} | {s.help} |")
    return "\n".join(lines)
