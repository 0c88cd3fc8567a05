"""The words of a quote: keys, word-pair fingerprints, units, alignment, fidelity labels and diffs.

A quote's *keys* are its content words, lower-cased and lightly stemmed. Pairs of neighbouring
keys (and pairs one apart, which survive one changed word) hashed to 64-bit integers are its
lexical fingerprints: they find verbatim, trimmed and partial renderings in the store. Its
*units* (the whole quote, its sentences and the clauses of long sentences) are what the
embedding model compares, so that a trimmed or partial rendering meets the passage it came from.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

GAP = 4                  # largest gap (content words, either side) inside one aligned run
MAX_UNITS = 12           # units embedded per quote (a long passage: its first sentences and clauses)
CLAUSE_WORDS = 18        # a sentence longer than this is also cut into clauses...
MIN_UNIT_WORDS = 4       # ...of at least this many words
SAMPLE_ABOVE = 30        # quotes with more content words than this store half their word-pair fingerprints

# Words: letters and digits, with inner apostrophes ("don't", "Russia's").
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Sentence ends inside a quote.
_SENTENCE = re.compile(r"(?<=[.!?;\u2026])[\"\u201d\u2019']?\s+")
# Clause breaks inside a long sentence: a comma or dash before a conjunction or a new clause.
_CLAUSE = re.compile(r"\s*(?:[,:\u2014\u2013]|\s-\s)\s*(?=(?:and|but|or|so|because|while|which|who|that|if|when|"
                     r"although|though|yet|we|i|they|he|she|it|you|this|there)\b)", re.I)

# Function words, pronouns and auxiliaries: left out of the keys (negations stay in, they matter).
_STOPWORDS = frozenset("""
a an the and or but if then than so as of to in on at by for with from into onto upon about over under
between through during before after above below up down out off again further once here there when where
why how all any both each few more most other some such only own same too very can will should now
i me my myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom whose this that these those
am is are was were be been being have has had having do does did doing would could might must shall may
also even still yet ever however although though because while whether either nor neither
said says say told tell stated added according noted
s t d ll m o re ve y ca wo sha
mr mrs ms dr
including include includes included
let lets one ones thing things something anything everything nothing
well like much many
""".split())
_NEGATIONS = {"not", "no", "never", "n't", "nt", "cannot", "none", "nobody"}

_SUFFIXES = (("ations", "ate"), ("ation", "ate"), ("ies", "y"), ("ied", "y"), ("ings", ""), ("ing", ""),
             ("edly", ""), ("ed", ""), ("ments", ""), ("ment", ""), ("ly", ""), ("sses", "ss"),
             ("ss", "ss"), ("us", "us"), ("is", "is"), ("s", ""))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: one key for "negotiate", "negotiates", "negotiated", "negotiations"."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Words of a text, splitting "don't" into "do" + "not"."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().replace("\u2019", "'")
        if w.lower().endswith("n't") and len(w) > 3:
            out += [w[:-3], "not"]
        else:
            out.append(w)
    return out


@dataclass(slots=True)
class Token:
    surface: str     # as written
    plain: str       # lower-cased
    key: str         # stemmed
    content: bool


def tokenize(text: str) -> list[Token]:
    return [_token(w) for w in words(text)]


@functools.lru_cache(maxsize=200_000)
def _token(w: str) -> Token:
    """One word's token, kept per word: the stored quotes scored for every lookup repeat their words.
    Tokens are shared between lists, so nothing may change one."""
    low = w.lower()
    if low in _NEGATIONS:
        return Token(w, low, "not", True)
    if low in _STOPWORDS or (len(low) == 1 and not low.isdigit()):
        return Token(w, low, low, False)
    return Token(w, low, stem(low), True)


@functools.lru_cache(maxsize=200_000)
def _keys_of(word: str) -> tuple[str, ...]:
    """The content keys `tokenize` gives one matched word ("don't" -> ("not",)), kept per word."""
    out = []
    for w in words(word):
        low = w.lower()
        if low in _NEGATIONS:
            out.append("not")
        elif not (low in _STOPWORDS or (len(low) == 1 and not low.isdigit())):
            out.append(stem(low))
    return tuple(out)


def content_keys(text: str) -> list[str]:
    """The keys of the content words of `tokenize(text)`, without building its tokens (the candidate
    bound reads them for every stored quote it considers)."""
    return [k for w in _WORD.findall(text) for k in _keys_of(w)]


def hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def fingerprints(keys: list[str], sample: bool = False) -> list[int]:
    """Hashes of neighbouring key pairs and of pairs one apart; `sample` keeps half (long stored quotes)."""
    out = set()
    for i in range(len(keys) - 1):
        out.add(hash64(f"{keys[i]} {keys[i + 1]}"))
        if i + 2 < len(keys):
            out.add(hash64(f"{keys[i]} _ {keys[i + 2]}"))
    if sample:
        out = {h for h in out if h % 2 == 0}
    return sorted(out)


def units(text: str, parts: list[str] = ()) -> list[str]:
    """The whole quote, then its parts (the spans of a quotation split by its tag: another outlet may
    carry one of them alone), its sentences, then the clauses of its long sentences (at most MAX_UNITS)."""
    out = [text.strip()] + [p.strip() for p in parts if len(p.split()) >= MIN_UNIT_WORDS]
    sentences = [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= MIN_UNIT_WORDS]
    if len(sentences) > 1:
        out += sentences
    for s in sentences or [text]:
        if len(s.split()) > CLAUSE_WORDS:
            parts = [p for p in _CLAUSE.split(s) if len(p.split()) >= MIN_UNIT_WORDS]
            if len(parts) > 1:
                out += parts
    seen, kept = set(), []
    for u in out:
        if u and u not in seen:
            seen.add(u)
            kept.append(u)
    return kept[:MAX_UNITS]


# ---- alignment --------------------------------------------------------------------------------

@dataclass(slots=True)
class Alignment:
    matched: float      # content words carried, with reordered shared words counting half
    cover: float        # matched / content words of the shorter quote
    density: float      # matched / length of the aligned stretch (the longer side)
    shorter: int        # content words of the shorter quote
    longer: int         # content words of the longer quote
    surface: float      # share of the shorter quote's content words carried with the same spelling


def align(ours: list[Token], theirs: list[Token]) -> Alignment | None:
    """Best aligned run of content keys between two quotes."""
    a = [t for t in ours if t.content]
    b = [t for t in theirs if t.content]
    ka, kb = [t.key for t in a], [t.key for t in b]
    if not ka or not kb:
        return None
    blocks = [blk for blk in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks() if blk.size]
    if not blocks:
        return None
    runs, current = [], [blocks[0]]
    for blk in blocks[1:]:
        prev = current[-1]
        if blk.a - (prev.a + prev.size) <= GAP and blk.b - (prev.b + prev.size) <= GAP:
            current.append(blk)
        else:
            runs.append(current)
            current = [blk]
    runs.append(current)
    best = None
    shorter, longer = min(len(ka), len(kb)), max(len(ka), len(kb))
    for run in runs:
        m = sum(blk.size for blk in run)
        a0, a1 = run[0].a, run[-1].a + run[-1].size
        b0, b1 = run[0].b, run[-1].b + run[-1].size
        # shared words the alignment could not use because the renderings order them differently
        pad = max(3, (a1 - a0) // 4)
        wa, wb = ka[max(0, a0 - pad):a1 + pad], kb[max(0, b0 - pad):b1 + pad]
        bag = sum(min(wa.count(k), wb.count(k)) for k in set(wa))
        matched = m + 0.5 * max(0, bag - m)
        span = max(a1 - a0, b1 - b0)
        same = sum(1 for blk in run for i in range(blk.size) if a[blk.a + i].plain == b[blk.b + i].plain)
        cand = Alignment(matched, matched / shorter, matched / max(span, 1), shorter, longer, same / shorter)
        if best is None or cand.matched > best.matched:
            best = cand
    return best


# ---- fidelity and diff ------------------------------------------------------------------------

def word_diff(ours: list[Token], theirs: list[Token]) -> list[dict]:
    """Word-level diff of two renderings: equal / insert (theirs only) / delete (ours only) / replace."""
    a, b = [t.plain for t in ours], [t.plain for t in theirs]
    return [{"op": tag, "ours": " ".join(t.surface for t in ours[i1:i2]),
             "theirs": " ".join(t.surface for t in theirs[j1:j2])}
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]


def fidelity(ours: dict, theirs: dict, al: Alignment | None) -> str:
    """verbatim | trimmed | partial | altered | translation | paraphrase, from the surface words.

    `translation` needs evidence that the words were translated (either article says so, or
    names another language for the speaker: `translated` on either side); without it, two
    renderings that differ in wording are altered or a paraphrase.
    """
    a, b = [t.plain for t in ours["tokens"]], [t.plain for t in theirs["tokens"]]
    if a == b:
        return "verbatim"
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ops = SequenceMatcher(None, long_, short, autojunk=False).get_opcodes()
    if all(tag in ("equal", "delete") for tag, *_ in ops):
        return "trimmed" if len(short) >= 0.5 * len(long_) else "partial"
    if ours.get("translated") or theirs.get("translated"):
        return "translation"
    if "indirect" in (ours.get("kind"), theirs.get("kind")) or al is None:
        return "paraphrase"
    if al.surface >= 0.85:
        return "partial" if al.shorter < 0.5 * al.longer else "altered"
    if al.surface >= 0.6:
        return "altered"
    return "paraphrase"

