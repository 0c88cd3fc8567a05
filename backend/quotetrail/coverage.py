"""Who else reported it: quote fingerprints, candidate search, verification by alignment, fidelity labels.

A quote becomes a list of *keys*: its content words, lower-cased, lightly stemmed and mapped through
a table of near-synonyms (data/synonyms.json), so that two translations of one statement share most
keys. Pairs of neighbouring keys (and pairs one key apart, which survive a single changed word) are
hashed to 64-bit integers: the quote's fingerprints, kept in an indexed table of the store. Finding
coverage is then an index lookup for candidates sharing fingerprints, followed by verification:

1. the keys of the two quotes are aligned (longest matching blocks), and the best run of blocks
   with small gaps gives how much of the shorter quote the other carries, and how densely;
2. the occasion is checked: the speaker (surname), the days the statement can have been made on
   (publication date, a weekday or "yesterday" next to the speech verb), and the venue the
   article names ("told Xinhua", "an interview with CNN"). A similar line from another occasion
   is linked only when it is near-verbatim and long, and never when the venues disagree;
3. the link gets a fidelity label from the surface words and a word diff.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources

log = logging.getLogger(__name__)

# ---- tunables ---------------------------------------------------------------------------------
MIN_CONTENT = 4            # content words both quotes need before any link (shorter ones are too generic)
MIN_SHARED = 4             # matched content words a link needs
GAP = 4                    # largest gap (in content words, either side) inside one aligned run
THRESHOLD_SAME = 0.5       # share of the shorter quote carried, same speaker and evidence of the same occasion
THRESHOLD_SPEAKER = 0.6    # same speaker, occasion unknown
THRESHOLD_UNKNOWN = 0.75   # a speaker unknown on either side
SHARED_STATEMENT = 8       # a run this long and dense links two long quotes that overlap only in part
SHARED_DENSITY = 0.6
NEAR_VERBATIM = 0.9        # surface overlap that lets a link cross a date or speaker doubt...
NEAR_VERBATIM_WORDS = 8    # ...when the quote has at least this many content words
LOOKBACK_DAYS = 4          # a report without a weekday: the statement was made at most this long before
MAX_POSTINGS = 120         # a fingerprint more quotes than this share is too common to search by
MAX_CANDIDATES = 40        # candidates verified per quote
SAMPLE_ABOVE = 30          # quotes with more content words than this store half their fingerprints

# Words: letters and digits, with inner apostrophes ("don't", "Russia's").
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# Sentence ends inside one paragraph.
_SENTENCE = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019']?\s+(?=[\"\u201c\u2018']?[A-Z0-9])")
# Verbs and nouns that make a sentence about the act of speaking (where its day and venue are named).
_SPEECH = re.compile(r"\b(said|says|say|told|tells|stated|states|declared|speaking|spoke|interview|remarks|"
                     r"aired|broadcast|published|wrote|writes|added|announced|insisted|argued|noted|stressed|"
                     r"asked|answered|replied|address|speech|statement|briefing|conference)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A weekday named as the day something was said ("said on Wednesday", "aired on Sunday").
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Relative days.
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|earlier today)\b", re.I)
# A statement dated by year next to its speech verb ("said in 2022", "in 2019, he told").
_SAID_IN_YEAR = re.compile(r"\b(?:said|told|stated|declared|remarked|wrote)\b[^.\"\u201c\u201d]{0,40}?\bin\s+"
                           r"((?:19|20)\d\d)\b|\bin\s+((?:19|20)\d\d)\s*,?\s+(?:\w+\s+){0,3}?"
                           r"(?:said|told|stated|declared)\b")
# Where a statement was made: the words after these cues name the venue (an outlet, a broadcaster).
_VENUE_CUES = [
    re.compile(r"\binterviews?\b[^.;]{0,80}?\b(?:with|to|on|for|by)\s+(?P<v>[^.;:,()\"\u201c]{1,60})"),
    re.compile(r"\b(?:told|telling|tells|speaking to|speaking with|spoke to|spoke with|remarks to|"
               r"quoted by|writing in|wrote in|said on|appearing on|appeared on)\s+(?P<v>[^.;:,()\"\u201c]{1,60})"),
    re.compile(r"(?P<v>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)(?:'s)?\s+interview\b"),
]
_CAPITALISED = re.compile(r"\b[A-Z][\w.-]*")
# Capitalised words after a venue cue that name no particular venue.
_GENERIC_VENUE = frozenset("""
the a an his her their its state state-run state-owned official news agency television tv radio channel network
newspaper daily weekly magazine media outlet broadcaster national public reporters journalists
chinese russian american british french german ukrainian indian japanese iranian israeli turkish european
western eastern kazakh polish italian spanish arab
china russia ukraine america britain france germany india japan iran israel turkey europe kazakhstan poland
president prime minister mr mrs ms dr sir general secretary spokesman spokeswoman
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
on in at of and with to for by from about after before during last this
""".split())

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
this that there those
let lets one ones thing things something anything everything nothing
well like much many
""".split())
_NEGATIONS = {"not", "no", "never", "n't", "nt", "cannot", "none", "nobody"}
# Speaker names: titles and particles that are not a surname.
_NAME_NOISE = frozenset("mr mrs ms dr sir president prime minister jr sr ii iii".split())


# ---- words and keys ---------------------------------------------------------------------------

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


@functools.cache
def _tables() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """(stem -> canonical stem, phrase words -> replacement word) from data/synonyms.json."""
    data = json.loads(resources.files("quotetrail").joinpath("data/synonyms.json").read_text("utf-8"))
    words: dict[str, str] = {}
    for group in data["groups"]:
        head = None
        for entry in group["words"]:
            parts = entry.lower().split()
            if len(parts) != 1:
                continue
            key = stem(parts[0])
            head = head or key
            words.setdefault(key, head)
    phrases = {}
    for item in data["phrases"]:
        phrases[tuple(_words(item["phrase"].lower()))] = item["as"]
    for group in data["groups"]:          # multi-word members ("united states") act as phrases
        head = stem(group["words"][0].split()[0])
        for entry in group["words"]:
            parts = tuple(_words(entry.lower()))
            if len(parts) > 1:
                phrases.setdefault(parts, head)
    return words, phrases


def _words(text: str) -> list[str]:
    """Words of a text, splitting "don't" into "do" + "not"."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().replace("\u2019", "'")
        low = w.lower()
        if low.endswith("n't") and len(low) > 3:
            out.append(w[:-3])
            out.append("not")
        else:
            out.append(w)
    return out


@dataclass(slots=True)
class Token:
    surface: str     # as written
    plain: str       # lower-cased
    key: str         # stemmed and mapped through the synonym table ("" for a dropped filler)
    content: bool


def tokenize(text: str) -> list[Token]:
    """Every word of `text` with its key; phrases of the table collapse onto their first word."""
    words = _words(text)
    lows = [w.lower() for w in words]
    synonyms, phrases = _tables()
    longest = max((len(p) for p in phrases), default=1)
    out: list[Token] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(longest, len(words) - i), 1, -1):
            repl = phrases.get(tuple(lows[i:i + n]))
            if repl is not None:
                hit = (n, repl)
                break
        if hit:
            n, repl = hit
            key = synonyms.get(stem(repl), stem(repl)) if repl else ""
            out.append(Token(" ".join(words[i:i + n]), " ".join(lows[i:i + n]), key, bool(key)))
            i += n
            continue
        low = lows[i]
        if low in _NEGATIONS:
            out.append(Token(words[i], low, "not", True))
        elif low in _STOPWORDS or (len(low) == 1 and not low.isdigit()):
            out.append(Token(words[i], low, low, False))
        else:
            s = stem(low)
            out.append(Token(words[i], low, synonyms.get(s, s), True))
        i += 1
    return out


def content_keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text) if t.content]


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def fingerprints(keys: list[str], sample: bool = False) -> list[int]:
    """Hashes of neighbouring key pairs and of pairs one apart; `sample` keeps half (long stored quotes)."""
    out = set()
    for i in range(len(keys) - 1):
        out.add(_hash(f"{keys[i]} {keys[i + 1]}"))
        if i + 2 < len(keys):
            out.add(_hash(f"{keys[i]} _ {keys[i + 2]}"))
    if sample:
        out = {h for h in out if h % 2 == 0}
    return sorted(out)


def surname_of(name: str | None) -> str | None:
    """"President Vladimir Putin" -> "putin"; organisations keep their last word."""
    if not name:
        return None
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(name)]
    words = [w[:-2] if w.endswith("'s") else w for w in words if w.lower() not in _NAME_NOISE]
    return words[-1] if words else None


# ---- the occasion -----------------------------------------------------------------------------

def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s]


def venues_in(text: str, exclude: set[str] = frozenset()) -> list[str]:
    """Names of the venues a text gives for a statement ("told Rossiya 1 television" -> ["rossiya"])."""
    found = []
    for pattern in _VENUE_CUES:
        for m in pattern.finditer(text):
            span = m.group("v")
            for w in _CAPITALISED.findall(" ".join(span.split()[:6])):
                low = w.lower().rstrip(".").replace("\u2019", "'")
                if low.endswith("'s"):
                    low = low[:-2]
                if low and low not in _GENERIC_VENUE and low not in exclude and low not in found:
                    found.append(low)
    return found


def _event_day(sentence: str, published: dt.datetime | None) -> tuple[int, int] | None:
    """Days a statement was made on, from the sentence that reports it; None when it names none."""
    m = _SAID_IN_YEAR.search(sentence)
    if m:
        year = int(m.group(1) or m.group(2))
        if published is None or year < published.year:
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    if published is None:
        return None
    day = published.date()
    m = _WEEKDAY.search(sentence)
    if m:
        back = (day.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        d = (day - dt.timedelta(days=back)).toordinal()
        return d - 1, d + 1
    m = _RELATIVE.search(sentence)
    if m:
        d = day.toordinal() - (1 if m.group(1).lower() == "yesterday" else 0)
        return d - 1, d + 1
    return None


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


# An article's quotes share paragraphs and speakers: each paragraph and each speaker is read
# once per article, not once per quote (a long paragraph can hold hundreds of quotes).
@functools.lru_cache(maxsize=4096)
def _paragraph_occasion(text: str, published, exclude: frozenset) -> tuple:
    window, venues = None, []
    for sentence in _sentences(text):
        if _SPEECH.search(sentence):
            window = window or _event_day(sentence, published)
            venues += [v for v in venues_in(sentence, exclude) if v not in venues]
    return window, tuple(venues)


@functools.lru_cache(maxsize=256)
def _speaker_occasion(paras: tuple, published, surname: str | None, exclude: frozenset) -> tuple:
    window, venues = None, []
    for text in paras:
        for sentence in _sentences(text):
            if not _SPEECH.search(sentence) or (surname and surname not in sentence.lower()):
                continue
            window = window or _event_day(sentence, published)
            venues = venues or venues_in(sentence, exclude)
            if window is not None and venues:
                return window, tuple(venues)
    return window, tuple(venues)


@functools.lru_cache(maxsize=256)
def _latest_year(paras: tuple) -> int | None:
    """The latest past year an undated article mentions: a lower bound on when it was written."""
    this_year = dt.date.today().year
    years = [int(y) for p in paras for y in _YEAR.findall(p) if int(y) <= this_year]
    return max(years) if years else None


def occasion(article, paragraph_ids: list[int], surname: str | None) -> dict:
    """Occasion features of one quote: the day window [lo, hi] (ordinals, None = open) and venues."""
    paras = article.paragraphs
    exclude = frozenset({surname}) if surname else frozenset()
    window = None
    venues: list[str] = []
    # the quote's own paragraphs first ...
    for i in paragraph_ids:
        if 0 <= i < len(paras):
            day, found = _paragraph_occasion(paras[i], article.published, exclude)
            window = window or day
            venues += [v for v in found if v not in venues]
    # ... then the article's sentences about the same speaker speaking
    if window is None or not venues:
        day, found = _speaker_occasion(tuple(paras), article.published, surname, exclude)
        window = window or day
        venues = venues or list(found)
    if window is None:
        if article.published is not None:
            day = article.published.date().toordinal()
            window = (day - LOOKBACK_DAYS, day + 1)
        else:
            # no date at all: the latest year the text mentions is a lower bound
            latest = _latest_year(tuple(paras))
            window = (dt.date(latest, 1, 1).toordinal(), None) if latest else (None, None)
    return {"event_lo": window[0], "event_hi": window[1], "venues": venues}


def _paragraphs_of(quote: dict) -> list[int]:
    ids = []
    for s in quote.get("spans") or []:
        if isinstance(s, dict) and s.get("paragraph") not in ids:
            ids.append(s.get("paragraph"))
    cue = quote.get("cue") or {}
    p = (cue.get("span") or {}).get("paragraph") if isinstance(cue, dict) else None
    if p is not None and p not in ids:
        ids.append(p)
    return ids


def _speaker_name(quote: dict) -> str | None:
    sp = quote.get("speaker")
    return sp.get("name") if isinstance(sp, dict) else None


def index_article(article, response: dict) -> dict:
    """What the store keeps for coverage: article venues, and per quote its occasion and fingerprints."""
    quotes = []
    all_venues: list[str] = []
    for q in response.get("quotes") or []:
        name = _speaker_name(q)
        surname = surname_of(name)
        paras = _paragraphs_of(q)
        occ = occasion(article, paras, surname)
        keys = content_keys(q.get("text") or "")
        all_venues += [v for v in occ["venues"] if v not in all_venues]
        quotes.append({
            "local_id": q.get("id"), "text": q.get("text") or "", "kind": q.get("kind"),
            "speaker_local_id": (q.get("speaker") or {}).get("id"), "speaker_name": name, "surname": surname,
            "paragraph": paras[0] if paras else None, **occ,
            "fingerprints": fingerprints(keys, sample=len(keys) > SAMPLE_ABOVE) if len(keys) >= 2 else [],
        })
    return {"venues": all_venues, "quotes": quotes}


# ---- verification -----------------------------------------------------------------------------

@dataclass(slots=True)
class Alignment:
    matched: float      # content words carried, with reordered shared words counting half
    cover: float        # matched / content words of the shorter quote
    density: float      # matched / length of the aligned stretch (the longer side)
    shorter: int        # content words of the shorter quote
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
    for run in runs:
        m = sum(blk.size for blk in run)
        a0, a1 = run[0].a, run[-1].a + run[-1].size
        b0, b1 = run[0].b, run[-1].b + run[-1].size
        # shared words that the alignment could not use because the two renderings order them differently
        pad = max(3, (a1 - a0) // 4)
        wa = ka[max(0, a0 - pad):a1 + pad]
        wb = kb[max(0, b0 - pad):b1 + pad]
        bag = sum(min(wa.count(k), wb.count(k)) for k in set(wa))
        matched = m + 0.5 * max(0, bag - m)
        span = max(a1 - a0, b1 - b0)
        same_surface = sum(1 for blk in run for i in range(blk.size) if a[blk.a + i].plain == b[blk.b + i].plain)
        shorter = min(len(ka), len(kb))
        cand = Alignment(matched, matched / shorter, matched / max(span, 1), shorter, same_surface / shorter)
        if best is None or cand.matched > best.matched:
            best = cand
    return best


def _overlaps(lo1, hi1, lo2, hi2) -> bool:
    lo = max(x for x in (lo1, lo2, -10**9) if x is not None)
    hi = min(x for x in (hi1, hi2, 10**9) if x is not None)
    return lo <= hi


def judge_occasion(ours: dict, theirs: dict) -> str:
    """"same" (a shared venue), "different" (disjoint venues or days) or "unknown"."""
    va, vb = set(ours.get("venues") or []), set(theirs.get("venues") or [])
    if va and vb:
        if va & vb:
            return "same" if _overlaps(ours["event_lo"], ours["event_hi"], theirs["event_lo"],
                                       theirs["event_hi"]) else "different"
        return "different"
    if not _overlaps(ours["event_lo"], ours["event_hi"], theirs["event_lo"], theirs["event_hi"]):
        return "different"
    return "unknown"


def judge_speaker(a: str | None, b: str | None) -> str:
    if not a or not b:
        return "unknown"
    return "same" if a == b else "different"


def same_statement(ours: dict, theirs: dict) -> tuple[Alignment, str] | None:
    """Verify one candidate: (alignment, how it passed) when it carries the same statement, else None."""
    al = align(ours["tokens"], theirs["tokens"])
    if al is None or al.shorter < MIN_CONTENT or al.matched < MIN_SHARED:
        return None
    speaker = judge_speaker(ours.get("surname"), theirs.get("surname"))
    when = judge_occasion(ours, theirs)
    near_verbatim = al.surface >= NEAR_VERBATIM and al.shorter >= NEAR_VERBATIM_WORDS
    if speaker == "different" or when == "different":
        # another speaker or another occasion: only the same long words are the same statement,
        # and never when the articles name different venues for it
        va, vb = set(ours.get("venues") or []), set(theirs.get("venues") or [])
        if near_verbatim and speaker != "different" and not (va and vb and not va & vb):
            return al, "verbatim across occasions"
        return None
    if speaker == "same":
        threshold = THRESHOLD_SAME if when == "same" else THRESHOLD_SPEAKER
    else:
        threshold = THRESHOLD_UNKNOWN
    if al.cover >= threshold:
        return al, "whole"
    if al.matched >= SHARED_STATEMENT and al.density >= SHARED_DENSITY and (speaker == "same" or near_verbatim):
        return al, "shared statement"
    return None


# ---- fidelity and diff ------------------------------------------------------------------------

def word_diff(ours: list[Token], theirs: list[Token]) -> list[dict]:
    """Word-level diff of two renderings: equal / insert (theirs only) / delete (ours only) / replace."""
    a = [t.plain for t in ours]
    b = [t.plain for t in theirs]
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        ops.append({"op": tag, "ours": " ".join(t.surface for t in ours[i1:i2]),
                    "theirs": " ".join(t.surface for t in theirs[j1:j2])})
    return ops


def fidelity(ours: dict, theirs: dict, al: Alignment, how: str) -> str:
    """verbatim | trimmed | partial | altered | translation | paraphrase."""
    a = [t.plain for t in ours["tokens"]]
    b = [t.plain for t in theirs["tokens"]]
    if a == b:
        return "verbatim"
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ops = SequenceMatcher(None, long_, short, autojunk=False).get_opcodes()
    only_cuts = all(tag in ("equal", "delete") for tag, *_ in ops)
    if only_cuts:
        return "trimmed" if len(short) >= 0.5 * len(long_) else "partial"
    kinds = {ours.get("kind"), theirs.get("kind")}
    if "direct" in kinds and "indirect" in kinds:
        return "paraphrase"
    keyed_gain = al.cover - al.surface
    if al.surface >= 0.85:
        return "partial" if how == "shared statement" or al.shorter < 0.5 * max(len(
            [t for t in ours["tokens"] if t.content]), len([t for t in theirs["tokens"] if t.content])) else "altered"
    if keyed_gain >= 0.1:
        return "translation"
    if how == "shared statement" and al.surface >= 0.6:
        return "partial"
    if al.surface >= 0.6:
        return "altered"
    return "paraphrase"


# ---- the lookup -------------------------------------------------------------------------------

def _own(article) -> tuple[str | None, str]:
    return article.url, article.content_hash()


def find_coverage(store, article, quotes: list[dict]) -> dict[str, dict]:
    """{quote id: {"coverage": [links, best first], "first_seen": {...} | None}} from other articles."""
    own_url, own_hash = _own(article)
    own_key = own_url or f"urn:sha256:{own_hash}"
    views = []
    wanted: set[int] = set()
    for q in quotes:
        text = q.get("text") or ""
        tokens = tokenize(text)
        keys = [t.key for t in tokens if t.content]
        name = _speaker_name(q)
        surname = surname_of(name)
        view = {"id": q.get("id"), "text": text, "kind": q.get("kind"), "tokens": tokens, "surname": surname,
                **occasion(article, _paragraphs_of(q), surname)}
        view["fingerprints"] = fingerprints(keys) if len(keys) >= MIN_CONTENT else []
        views.append(view)
        wanted.update(view["fingerprints"])
    postings = store.candidates(wanted, MAX_POSTINGS) if wanted else {}
    per_quote: list[list[int]] = []
    need_rows: set[int] = set()
    for view in views:
        counts: dict[int, int] = {}
        for h in view["fingerprints"]:
            for qid in postings.get(h, ()):
                counts[qid] = counts.get(qid, 0) + 1
        need = 1 if len(view["fingerprints"]) <= 2 else 2
        best = sorted((qid for qid, n in counts.items() if n >= need), key=lambda qid: -counts[qid])
        per_quote.append(best[:MAX_CANDIDATES])
        need_rows.update(best[:MAX_CANDIDATES])
    rows = {r["quote_id"]: r for r in store.quote_rows(need_rows)} if need_rows else {}
    out: dict[str, dict] = {}
    for view, cands in zip(views, per_quote):
        by_article: dict[str, dict] = {}
        for qid in cands:
            row = rows.get(qid)
            if row is None or row["url"] == own_key or row["content_hash"] == own_hash:
                continue
            theirs = dict(row, tokens=tokenize(row["text"]))
            verdict = same_statement(view, theirs)
            if verdict is None:
                continue
            al, how = verdict
            similarity = round(min(1.0, al.cover if how != "shared statement" else max(al.cover, al.density)), 3)
            link = {
                "url": row["url"], "outlet": row["outlet"], "title": row["title"], "published": row["published"],
                "quote_text": row["text"], "fidelity": fidelity(view, theirs, al, how),
                "similarity": similarity, "diff": word_diff(view["tokens"], theirs["tokens"]),
                "_order": (row["published_ts"] if row["published_ts"] is not None else float("inf"),
                           row["first_stored"]),
            }
            kept = by_article.get(row["url"])
            if kept is None or link["similarity"] > kept["similarity"]:
                by_article[row["url"]] = link
        links = sorted(by_article.values(), key=lambda l: (-l["similarity"], l["url"]))
        first = None
        if links:
            own_order = (article.published.timestamp() if article.published else float("inf"), float("inf"))
            earliest = min(links, key=lambda l: l["_order"])
            if earliest["_order"] < own_order:
                first = {"url": earliest["url"], "outlet": earliest["outlet"], "published": earliest["published"]}
            else:
                first = {"url": own_url, "outlet": article.outlet,
                         "published": article.published.isoformat() if article.published else None}
        for link in links:
            link.pop("_order")
        out[view["id"]] = {"coverage": links, "first_seen": first}
    return out
