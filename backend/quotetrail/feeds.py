"""RSS/Atom feeds (feedparser) and feed lists (a text file of URLs, or OPML)."""
from __future__ import annotations

import calendar
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

# The first bytes of a document that is a feed rather than a web page.
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


@dataclass(slots=True)
class Entry:
    link: str | None
    title: str | None
    published: str | None      # ISO 8601 when the feed gives a date
    html: str | None           # full content when the feed carries it (content:encoded, atom content)
    changed: float | None = None   # the latest of the entry's dates (seconds since 1970): when it last changed


def looks_like_feed(body: bytes) -> bool:
    return bool(_FEED_START.match(body[:2048]))


def parse_feed(body: bytes) -> list[Entry]:
    """Entries of an RSS or Atom document; ValueError when it is neither."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise ValueError(f"not a feed ({getattr(parsed, 'bozo_exception', 'no entries')})")
    out = []
    for e in parsed.entries:
        published = None
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        if stamp:
            published = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*stamp[:6])
        dates = [calendar.timegm(d) for d in (e.get("published_parsed"), e.get("updated_parsed")) if d]
        html = None
        for c in e.get("content") or []:
            if c.get("value"):
                html = c["value"]
                break
        out.append(Entry(e.get("link"), e.get("title"), published, html, max(dates) if dates else None))
    return out


def read_feed_list(text: str) -> list[str]:
    """Feed URLs from a text list (one a line, # comments) or an OPML document (xmlUrl attributes)."""
    return [url for url, _ in read_feed_entries(text)]


def read_feed_entries(text: str) -> list[tuple[str, str | None]]:
    """(feed URL, outlet name or None) from a text list (a URL a line, optionally followed by the
    outlet's name; # starts a comment) or an OPML document (xmlUrl, and text or title for the name).

    ValueError, naming the first bad entry, when the list is malformed or holds no feed."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        try:
            root = ET.fromstring(stripped)
        except ET.ParseError as exc:
            raise ValueError(f"the feed list is neither OPML nor a list of URLs: {exc}") from None
        found = [(o.get("xmlUrl").strip(), (o.get("text") or o.get("title") or "").strip() or None)
                 for o in root.iter("outline") if (o.get("xmlUrl") or "").strip()]
    else:
        found = []
        for line in text.splitlines():
            parts = line.split("#", 1)[0].split(None, 1)
            if parts:
                found.append((parts[0], parts[1].strip() if len(parts) > 1 else None))
    seen, out = set(), []
    for url, outlet in found:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) feed URL: {url[:120]!r}")
        if url not in seen:
            seen.add(url)
            out.append((url, outlet))
    if not out:
        raise ValueError("the feed list holds no feed URL")
    return out
