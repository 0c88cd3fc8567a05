"""Ingestion: sources (files, folders, feeds, URLs) -> articles -> the one analysis -> the store.

Each article is committed in its own transaction before it is counted, so an interrupted run loses
nothing it reported done; a re-run skips articles whose content the store already holds unchanged.
"""
from __future__ import annotations

import html as html_lib
import json
import logging
import pathlib
import re
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import limits
from .article import Article, from_dict, loads
from .errors import InputError
from .feeds import Entry, looks_like_feed, parse_feed
from .fetch import FetchError, fetch
from .store import article_key

log = logging.getLogger(__name__)

# File names a folder is searched for, by what they hold.
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
HTML_SUFFIXES = (".html", ".htm")
KNOWN_SUFFIXES = JSON_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES + HTML_SUFFIXES
# The canonical address a saved page names for itself.
_CANONICAL = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*>|<meta[^>]+property=[\"']og:url[\"'][^>]*>", re.I)
_HREF = re.compile(r"(?:href|content)=[\"']([^\"']+)[\"']", re.I)


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0                 # already stored with the same content (a re-run continues)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "failed": [{"source": s, "reason": r} for s, r in self.failed]}

    def count(self, label: str, status: str, reason: str | None = None) -> None:
        """Count one item under `status` ("added", "updated", "unchanged" or "failed")."""
        if status == "failed":
            self.failed.append((label, reason or "failed"))
        else:
            setattr(self, status, getattr(self, status) + 1)

    def report(self) -> str:
        """The end-of-run summary, one line per failure after the totals."""
        return "\n".join(self.lines())

    def lines(self) -> list[str]:
        out = [f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, failed {len(self.failed)}"]
        out += [f"failed: {s}: {r}" for s, r in self.failed]
        return out


# ---- sources -> articles ----------------------------------------------------------------------

Item = tuple[str, "Article | Exception"]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand(sources: Iterable[str], store=None) -> Iterator[Item]:
    """(label, Article or the error that kept it out) for every article the sources hold."""
    for source in sources:
        if is_url(source):
            yield from _from_url(source, store)
            continue
        path = pathlib.Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(KNOWN_SUFFIXES))
            if not files:
                yield source, InputError("empty_folder", f"no article files ({', '.join(KNOWN_SUFFIXES)}) in {source}")
            for f in files:
                yield from _from_file(f, store)
        elif path.is_file():
            yield from _from_file(path, store)
        else:
            yield source, InputError("not_found", f"no such file, folder or http(s) URL: {source}")


def _from_file(path: pathlib.Path, store) -> Iterator[Item]:
    label = str(path)
    suffix = next((s for s in JSONL_SUFFIXES if path.name.lower().endswith(s)), path.suffix.lower())
    # JSON files are bounded like a request body, pages and feeds like fetched HTML
    limit = limits.MAX_BODY_BYTES if suffix in JSON_SUFFIXES else limits.MAX_HTML_BYTES
    try:
        if path.stat().st_size > limit and suffix not in JSONL_SUFFIXES:
            raise InputError("too_large", f"larger than {limit} bytes")
        if suffix in JSONL_SUFFIXES:
            yield from _from_jsonl(path)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield label, InputError("unreadable", str(exc))
        return
    except InputError as exc:
        yield label, exc
        return
    head = raw.lstrip()[:1]
    if suffix in JSON_SUFFIXES or head in (b"{", b"["):
        yield from _from_json(label, raw)
    elif suffix in FEED_SUFFIXES or looks_like_feed(raw):
        yield from _from_feed(label, raw, store)
    else:
        text = raw.decode("utf-8", "replace")
        yield label, _safe(lambda: _html_article(text, _canonical_url(text)))


def _from_jsonl(path: pathlib.Path) -> Iterator[Item]:
    """One item per line; a line over the size limit is refused as it is read (never held whole),
    and a file that breaks off (truncated or corrupt gzip) ends with one failure for the rest."""
    import gzip
    import zlib

    opener = gzip.open if path.name.lower().endswith(".gz") else open
    n = 0
    try:
        with opener(path, "rb") as f:
            for n, line in _bounded_lines(f, limits.MAX_BODY_BYTES):
                if line is None:
                    yield f"{path}:{n}", InputError("too_large", f"line {n} is larger than {limits.MAX_BODY_BYTES} bytes")
                elif line.strip():
                    yield f"{path}:{n}", _safe(lambda: from_dict(loads(line, what=f"line {n}")))
    except (OSError, EOFError, zlib.error) as exc:
        yield f"{path}:{n + 1}", InputError("unreadable", f"the file breaks off after line {n}: "
                                                         f"{type(exc).__name__}: {exc}")


def _bounded_lines(f, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a binary file; None for a line longer than `limit`,
    whose rest is skipped in small reads."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := f.readline(64 * 1024)) and not rest.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


def _from_json(label: str, raw: bytes) -> Iterator[Item]:
    try:
        obj = loads(raw, what="file")
    except InputError as exc:
        yield label, exc
        return
    if isinstance(obj, list):
        for n, item in enumerate(obj):
            yield f"{label}[{n}]", _safe(lambda: from_dict(item))
    else:
        yield label, _safe(lambda: from_dict(obj))


def _from_feed(label: str, raw: bytes, store) -> Iterator[Item]:
    try:
        entries = parse_feed(raw)
    except ValueError as exc:
        yield label, InputError("invalid_feed", str(exc))
        return
    for entry in entries:
        yield from _from_entry(label, entry, store)


def _from_entry(label: str, entry: Entry, store) -> Iterator[Item]:
    """One feed entry: its page fetched, or the feed's own content. The page is not fetched again
    when the store holds it and the entry's dates say it has not changed since it was stored; an
    entry without dates is fetched, and the content hash then tells whether it changed."""
    if not entry.link:
        yield f"{label}: {entry.title or 'entry'}", InputError("no_link", "a feed entry without a link")
        return
    stored = store.stored_at(entry.link) if store is not None else None
    if stored is not None and entry.changed is not None and entry.changed <= stored:
        yield entry.link, _Known(entry.link)
        return
    meta = {"title": entry.title, "published": entry.published}
    try:
        resp = fetch(entry.link)
        yield entry.link, _safe(lambda: _html_article(resp.text(), entry.link, **meta))
    except FetchError as exc:
        if entry.html:
            yield entry.link, _safe(lambda: _html_article(entry.html, entry.link, **meta))
        else:
            yield entry.link, exc


def _from_url(url: str, store) -> Iterator[Item]:
    try:
        resp = fetch(url)
    except FetchError as exc:
        yield url, exc
        return
    body = resp.body
    if "json" in resp.content_type or body.lstrip()[:1] in (b"{", b"["):
        yield from _from_json(url, body)
    elif "rss" in resp.content_type or "atom" in resp.content_type or looks_like_feed(body):
        yield from _from_feed(url, body, store)
    else:
        yield url, _safe(lambda: _html_article(resp.text(), url))


def _html_article(page: str, url: str | None, title: str | None = None, published: str | None = None) -> Article:
    obj = {"html": page, "url": url, "title": title}
    article = from_dict({k: v for k, v in obj.items() if v is not None})
    if article.published is None and published:
        from .article import parse_published_loose

        article.published = parse_published_loose(published)
    return article


def _canonical_url(page: str) -> str | None:
    for tag in _CANONICAL.findall(page[:200_000]):
        m = _HREF.search(tag)
        if m:
            url = html_lib.unescape(m.group(1)).strip()
            if is_url(url):
                return url
    return None


class _Known(Exception):
    """A feed entry the store already holds: not fetched again."""


def _safe(make: Callable[[], Article]) -> "Article | Exception":
    try:
        return make()
    except (InputError, FetchError) as exc:
        return exc
    except Exception as exc:  # a parser failing on one odd document must not stop the run
        log.exception("could not read an article")
        return InputError("unreadable", f"{type(exc).__name__}: {exc}")


# ---- articles -> analysis -> store ------------------------------------------------------------

def ingest(sources: list[str], store, analyze_many, *, progress=None,
           batch_size: int = limits.INGEST_BATCH) -> Summary:
    """Analyse and store every article of `sources`.

    `progress` is None, a callable `progress(label, status)` told of each item, or "bar" for a
    progress bar on the terminal (stderr).
    """
    summary = Summary()
    bar = None
    if progress == "bar":
        progress = bar = TerminalProgress(force=True)
    try:
        return _ingest(sources, store, analyze_many, progress, batch_size, summary)
    finally:
        if bar is not None:
            bar.close()


def _ingest(sources, store, analyze_many, progress, batch_size, summary) -> Summary:

    def report(label: str, status: str, reason: str | None = None) -> None:
        summary.count(label, status, reason)
        if progress is not None:
            progress(label, status)

    batch: list[tuple[str, Article]] = []
    for label, item in expand(sources, store):
        if not pending(label, item, store, report):
            continue
        batch.append((label, item))
        if len(batch) >= batch_size:
            _run_batch(batch, store, analyze_many, report)
            batch = []
    if batch:
        _run_batch(batch, store, analyze_many, report)
    return summary


def pending(label: str, item, store, report, outlet: str | None = None) -> bool:
    """Whether `item` needs analysing; a failure, a known source or an article stored with the same
    content is reported here instead. `outlet` (a feed's name for its outlet) is set first, since
    it is part of what is stored."""
    if isinstance(item, _Known):
        report(label, "unchanged")
        return False
    if isinstance(item, Exception):
        report(label, "failed", _reason(item))
        return False
    if outlet:
        item.outlet = outlet
    if store.content_hash(article_key(item)) == item.content_hash():
        report(label, "unchanged")
        return False
    return True


def _run_batch(batch, store, analyze_many, report, origin: str = "manual") -> None:
    """Analyse one batch and store each article as it comes; on an error, retry the rest one by one.
    `origin` is what the store records ("feed" for polled articles, which retention may prune)."""
    labels = {id(article): label for label, article in batch}
    done: set[int] = set()
    try:
        for article, response in analyze_many([a for _, a in batch]):
            _save(labels.get(id(article), article.url or "article"), article, response, store, report, origin)
            done.add(id(article))
    except Exception as exc:
        rest = [(label, a) for label, a in batch if id(a) not in done]
        if len(batch) == 1:
            report(batch[0][0], "failed", _reason(exc))
            return
        log.warning("a batch failed (%s); analysing its %d remaining articles one by one", exc, len(rest))
        for one in rest:
            _run_batch([one], store, analyze_many, report, origin)


def _save(label, article, response, store, report, origin: str = "manual") -> None:
    try:
        status = store.save_analysis(article, response, origin=origin)
    except Exception as exc:
        # one line per failure; the traceback only when asked for (-v)
        log.error("could not store %s: %s: %s", label, type(exc).__name__, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        report(label, "failed", f"store: {type(exc).__name__}: {exc}")
        return
    report(label, status)


def _reason(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return f"{exc.code}: {exc.message}"
    if isinstance(exc, FetchError):
        return f"fetch: {exc}"
    return f"{type(exc).__name__}: {exc}"


class TerminalProgress:
    """A progress bar on a terminal (tqdm, on stderr); silent when stderr is not a terminal."""

    def __init__(self, stream=None, force: bool = False):
        stream = stream or sys.stderr
        self._bar = None
        if force or stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(unit=" articles", file=stream, dynamic_ncols=True)
        self.counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}

    def __call__(self, label: str, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix(self.counts, refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def summary_json(summary: Summary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False)
