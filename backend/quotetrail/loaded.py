"""Loaded terms: words that carry a judgement, with category, explanation, alternatives, voice and
confidence.

Two sources of candidates read the article's one parse: the lexicon (`lexicon.py`, matched on
lemmas with sense checks from `senses.py`, so inflections match and wrong senses such as
"insurance claims" do not), and the evaluative-language patterns of `evaluative.py`, which find
judgement in words the lexicon never listed. Scare quotes come from `scare_quotes.py`, voice from
`voice.py`.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span

from . import evaluative, senses
from .lexicon import (APOSTROPHES, CATEGORIES, USER_LEXICON_ENV, VOICES, Lexicon, _lock, check_user_lexicon,
                      lexicon, lexicon_problems, user_lexicon_path)
from .nlp import text_of
from .scare_quotes import SCARE_NOTE, SCARE_QUOTE_ENTRY, not_a_scare_quote
from .senses import accept
from .voice import SCARE_MAX_WORDS, inside, quoted_regions, voice_of

__all__ = ["CATEGORIES", "VOICES", "USER_LEXICON_ENV", "check_user_lexicon", "clear_caches", "find_loaded_terms",
           "lexicon", "lexicon_problems", "readability", "summarize", "user_lexicon_path"]

log = logging.getLogger(__name__)

# Added to the explanation of a contested spelling found inside a quote: the speaker did not
# choose the English spelling, the outlet did when it translated or transcribed the words.
TRANSLATION_NOTE = (" Inside this quote the spelling is still the outlet's choice: the speaker's words"
                    " were translated or transcribed, and the outlet picked the spelling.")

READABILITY_MEASURES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                        "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")


def clear_caches() -> None:
    """Forget the lexicon and matchers (tests, or after the reader edits the file)."""
    with _lock:
        lexicon.cache_clear()
        _matchers.cache_clear()
        senses.clear_caches()
        evaluative.clear_caches()


# --------------------------------------------------------------------------- matchers

def _phrases(entry: dict) -> list[str]:
    """The term (unless the entry is pattern-only) and its variants, with either apostrophe."""
    base = list(entry["variants"]) if entry.get("patterns") else [entry["term"], *entry["variants"]]
    out: list[str] = []
    for p in base:
        for a, b in (APOSTROPHES, APOSTROPHES[::-1]):
            v = p.replace(a, b)
            if v not in out:
                out.append(v)
    return out


@dataclass(slots=True)
class _Matchers:
    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: Matcher
    lexicon: Lexicon
    switched_off: frozenset[str]     # words of entries the reader disabled: no pattern flags them either


@functools.cache
def _matchers() -> _Matchers:
    """Build the matchers once per process: a phrase matcher on lower-case forms, one on lemmas,
    and a token-pattern matcher for entries that need more than a fixed phrase."""
    from . import nlp as nlp_mod
    with _lock:
        nlp = nlp_mod.load()
        lex = lexicon()
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        tokens = Matcher(nlp.vocab)
        lemma_jobs: list[tuple[str, str]] = []
        for key, entry in lex.entries.items():
            if entry.get("disabled"):
                continue
            phrases = _phrases(entry)
            if phrases:
                lower.add(key, [nlp.make_doc(p) for p in phrases])
                if entry["match"] == "lemma":
                    lemma_jobs.extend((p, key) for p in phrases)
            if entry.get("patterns"):
                try:
                    tokens.add(key, entry["patterns"])
                except Exception as exc:  # spaCy reports bad patterns with several error types
                    problem = f"{lex.user_path}: entry {entry['term']!r}: bad pattern: {exc}"
                    log.warning("%s", problem)
                    lex.problems.append(problem)
        # Lemmas of the patterns come from the same pipeline that lemmatises articles.
        by_key: dict[str, list] = {}
        for doc, key in nlp.pipe(lemma_jobs, as_tuples=True, disable=["parser", "ner"]):
            by_key.setdefault(key, []).append(doc)
        for key, docs in by_key.items():
            lemma.add(key, docs)
        off = frozenset(p.lower() for e in lex.entries.values() if e.get("disabled") for p in _phrases(e))
        return _Matchers(lower, lemma, tokens, lex, off)


# --------------------------------------------------------------------------- the layer

def _term(text: str, start: int, end: int, entry: dict, voice: tuple[str, str | None, bool],
          confidence: float = evaluative.LEXICON_CONFIDENCE) -> dict:
    explanation = entry["explanation"]
    if entry["category"] == "contested_name" and voice[0] == "quote":
        explanation += TRANSLATION_NOTE
    return {"text": text, "start": start, "end": end, "term": entry["term"], "category": entry["category"],
            "explanation": explanation, "alternatives": list(entry["alternatives"]), "voice": voice[0],
            "quote_id": voice[1], "in_paraphrase": voice[2], "source": entry["source"],
            "found_by": entry.get("found_by", "lexicon"), "confidence": confidence,
            "sensitivity": evaluative.sensitivity(confidence)}


def _skipped_ranges(parsed) -> list[tuple[int, int]]:
    """Paragraphs the article layer marked as boilerplate (related-links blocks and the like)."""
    paras = parsed.article.paragraphs
    return [(parsed.starts[i], parsed.starts[i] + len(paras[i])) for i in sorted(parsed.boilerplate)]


def _lexicon_matches(doc, m: _Matchers) -> tuple[dict[tuple[int, int, str], Span], list, set[int]]:
    """Lexicon matches whose sense the parse confirms, the ones chosen where they overlap (longest
    first), and the tokens of matches the sense checks turned down."""
    lex = m.lexicon
    found: dict[tuple[int, int, str], Span] = {}
    known: set[int] = set()
    for matcher in (m.lower, m.lemma, m.tokens):
        for match_id, s, e in matcher(doc):
            key = doc.vocab.strings[match_id]
            entry = lex.entries.get(key)
            if entry is None or entry.get("disabled"):
                continue
            span = doc[s:e]
            if accept(span, entry, lex):
                found[(s, e, key)] = span
            else:
                known.update(range(s, e))    # the lexicon lists the word and its check said no
    # Longest match wins where matches overlap ("failed asylum seekers" over "failed").
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, key in sorted(found, key=lambda k: (-(k[1] - k[0]), k[0])):
        if taken.isdisjoint(range(s, e)):
            chosen.append((s, e, key))
            taken.update(range(s, e))
    return found, chosen, taken | known


def find_loaded_terms(parsed, quotes, scare_candidates) -> list[dict]:
    """Every loaded term of the article, sorted by start: lexicon matches whose sense the parse
    confirms, evaluative wording the patterns find elsewhere, and one scare_quote term per
    scare-quote candidate. Each term carries a confidence and the sensitivity it shows at."""
    m = _matchers()
    lex = m.lexicon
    doc = parsed.doc
    found, chosen, explained = _lexicon_matches(doc, m)
    skip = _skipped_ranges(parsed)
    regions = quoted_regions(text_of(doc))
    passages = [(s, e) for s, e in regions if len(text_of(doc)[s:e].split()) > SCARE_MAX_WORDS]
    terms: list[dict] = []
    for s, e, key in chosen:
        span = found[(s, e, key)]
        start, end = span.start_char, span.end_char
        if inside(start, end, skip):
            continue
        terms.append(_term(span.text, start, end, lex.entries[key], voice_of(start, end, quotes, regions, passages)))
    # Judgement in words the lexicon does not list, outside the tokens it already explains.
    for s, e, pid, valence, confidence, target in evaluative.candidates(doc, explained, m.switched_off):
        span = doc[s:e]
        start, end = span.start_char, span.end_char
        if inside(start, end, skip):
            continue
        voice = voice_of(start, end, quotes, regions, passages)
        # Only the outlet's own prose: a speaker's words, a paraphrase of them and anything in
        # quotation marks are somebody else's judgement (quotes and scare quotes cover those).
        if voice != ("outlet", None, False) or any(a <= start < b for a, b in regions):
            continue
        entry = evaluative.entry_for(pid, span.text, valence, target)
        terms.append(_term(span.text, start, end, entry, voice, confidence))
    for start, end in scare_candidates:
        text = text_of(doc)[start:end]
        if not text.strip() or inside(start, end, skip):
            continue
        # A lexicon term that fills the quoted phrase keeps its own entry and notes the marks.
        same = [t for t in terms if t["start"] >= start and t["end"] <= end
                and len(t["text"].split()) >= len(text.split()) - 1]
        if same:
            for t in same:
                t["explanation"] += SCARE_NOTE
            continue
        if not_a_scare_quote(parsed, start, end, terms):
            continue
        terms.append(_term(text, start, end, dict(SCARE_QUOTE_ENTRY, found_by="scare_quote"), ("outlet", None, False),
                           evaluative.SCARE_QUOTE_CONFIDENCE))
    terms.sort(key=lambda t: (t["start"], t["end"]))
    return terms


def summarize(terms: list[dict]) -> dict:
    """Counts a reader can take in at a glance: total, by category, by voice."""
    by_category: dict[str, int] = {}
    for t in terms:
        by_category[t["category"]] = by_category.get(t["category"], 0) + 1
    by_voice = {v: sum(1 for t in terms if t["voice"] == v) for v in VOICES}
    ordered = {c: by_category[c] for c in CATEGORIES if c in by_category}
    ordered.update({c: n for c, n in by_category.items() if c not in ordered})
    return {"total": len(terms), "by_category": ordered, "by_voice": by_voice}


def readability(text: str) -> dict:
    """The article's readability figures (textstat), rounded; zeros for an empty text."""
    import textstat
    if not text.strip():
        return {name: 0.0 for name in READABILITY_MEASURES} | {"words": 0, "sentences": 0}
    out = {name: round(float(getattr(textstat, name)(text)), 1) for name in READABILITY_MEASURES}
    out["words"] = textstat.lexicon_count(text)
    out["sentences"] = textstat.sentence_count(text)
    return out
