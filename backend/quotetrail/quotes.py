"""Finding quotations and their cues: direct (in marks), mixed (a quoted fragment in reported
speech) and indirect (reported speech without marks), read off one parsed Doc."""
from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .patterns import candidates
from .nlp import Parsed, ents_of, entity_of, past_dateline, sent_of, text_of

log = logging.getLogger(__name__)

# Quotation marks by family. Doubles: straight, curly, guillemets, low-9 (German „…“). Singles are
# used as main marks by some outlets (British headlines) and as inner marks by most.
DOUBLE_OPEN = {"\u201c", "\u00ab", "\u201e"}
DOUBLE_CLOSE = {"\u201d", "\u00bb"}
SINGLE_OPEN = {"\u2018", "\u201a"}
SINGLE_CLOSE = {"\u2019"}
STRAIGHT = {'"': "double", "'": "single"}
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | set(STRAIGHT)
# Characters after which a mark reads as an opener, and before which it reads as a closer.
OPEN_BEFORE = set(" \t([{\u2014\u2013-/\u00a0") | DOUBLE_OPEN | SINGLE_OPEN
CLOSE_AFTER = set(" \t.,;:!?)]}\u2014\u2013-/\u2026\u00a0") | DOUBLE_CLOSE | SINGLE_CLOSE
# Characters that are not a boundary before a mark: "word" punctuation that closes something.
NOT_BOUNDARY = set(".,;:!?)]}%\u2026")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")
# A quoted phrase this short (in words) with no speaker is a scare quote or a title, not a quote.
SCARE_MAX_WORDS = 4
# Indirect speech shorter than this (in tokens) is too thin to show as a quote.
MIN_INDIRECT_TOKENS = 3
# A noun-phrase report shorter than this (in words) says too little to show ('denied it').
MIN_OBJECT_WORDS = 2
# How far (in tokens) after a closing mark or before an opening mark a cue may sit.
CUE_WINDOW = 14
# A paragraph this short without final punctuation near the top is a headline or a strapline.
HEADLINE_MAX_WORDS = 25
HEADLINE_ZONE = 6
HEADLINE_MAX_CHARS = 300
# A cue this close to the end of its sentence trails the clause it reports ('…, he said on Monday.').
TRAILING_CUE_TOKENS = 10
# Subject dependencies that name who speaks.
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies that carry what was said.
COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj", "advcl", "parataxis", "conj", "oprd", "attr", "pobj", "prep", "npadvmod"}
SENTENCE_END = {".", "!", "?"}
# First-person subjects outside quotation marks are the writer, whose words are the article itself.
WRITER_PRONOUNS = {"i", "we"}
# Words before a trailing cue that make a statement even when the tagger finds no verb in them.
TRAILING_MIN_WORDS = 8
# How long (in characters) the tag between two parts of one split quotation may be.
SPLIT_TAG_CHARS = 200
# Tags of finite verbs: a clause has one.
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def is_age(tok: Token) -> bool:
    """'the 58-year-old said': an age standing for a person (spaCy splits it into five tokens)."""
    return tok.lower_ == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ in ("year", "years")


@functools.cache
def cues() -> dict:
    raw = json.loads(resources.files("quotetrail").joinpath("data/cues.json").read_text("utf-8"))
    weak = set(raw["weak_verbs"])
    return {"speech": set(raw["speech_verbs"]) - weak, "weak": weak,
            "fragment": set(raw["fragment_verbs"]), "nouns": set(raw["speech_nouns"]),
            "people": set(raw["person_nouns"]), "bodies": set(raw["body_nouns"]),
            "reports": set(raw["report_nouns"])}


@dataclass(slots=True)
class Marked:
    """A top-level pair of quotation marks; `ranges` hold the content (one per paragraph)."""
    open: int                      # doc offset of the opening mark
    close: int | None              # doc offset of the closing mark (None: ran to a paragraph end)
    ranges: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


@dataclass(slots=True)
class Quote:
    id: str
    kind: str                                   # direct | indirect | mixed
    content: list[tuple[int, int]]              # doc char ranges of the content
    text: str
    cue: Token | None = None
    subject: Token | None = None                # head token of the speaker mention, if any
    mention: tuple[int, int] | None = None      # doc char range of the speaker mention
    headline: bool = False
    speaker_id: str | None = None
    inherited: bool = False                     # speaker taken from context (no cue of its own)
    subhead: bool = False                       # a quoted subhead: the speaker of the section below
    marks: list[tuple[int, int]] = field(default_factory=list)   # quoted fragments inside
    rule: str = ""                              # id of the rule that found it (for rule sampling)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


# --------------------------------------------------------------------------- quotation marks

def _role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the mark at text[i], from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    # symbols and invisible characters (an emoji, a zero-width space) count as a word boundary
    prev_boundary = prev in OPEN_BEFORE or prev in ALL_MARKS or not (prev.isalnum() or prev in NOT_BOUNDARY)
    next_boundary = nxt in CLOSE_AFTER or nxt in ALL_MARKS or nxt.isspace() or not (nxt.isalnum() or nxt in "([{")
    opens = prev_boundary and not nxt.isspace() and nxt not in ZERO_WIDTH
    closes = not prev.isspace() and prev not in ZERO_WIDTH and next_boundary
    if ch in ("'", "\u2019") and prev.isalnum() and nxt.isalpha():
        return None                                   # apostrophe: don't, Russia's
    if ch in ("'", "\u2019") and prev in "sS" and not opens:
        return "close?"                               # plural possessive or a closer: decide by stack
    if ch == "\u201c" or ch == "\u00ab" or ch == "\u201e" or ch == "\u2018" or ch == "\u201a":
        return "open" if opens or not closes else "close"
    if ch == "\u201d" or ch == "\u00bb":
        return "close" if closes or not opens else "open"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


def _family(ch: str) -> str:
    if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"':
        return "double"
    return "single"


def _pairs_in(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Pair the marks of one paragraph. Returns top-level (open, close) pairs and the marks still
    open at the end (position, family), outermost first."""
    stack: list[tuple[int, str, str]] = []            # (pos, family, char)
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in ALL_MARKS:
            continue
        role = _role(text, i)
        fam = _family(ch)
        if ch == '"' and i > 0 and text[i - 1].isdigit() and not any(f == "double" for _, f, _ in stack):
            continue                                  # inch mark: 32" screen
        if role == "close?":
            role = "close" if any(f == fam for _, f, _ in stack) else None
        if role is None:
            continue
        if ch == "\u201c" and stack and stack[-1][2] == "\u201e":
            role = "close"                            # German „…“
        if role == "open":
            stack.append((i, fam, ch))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == fam:
                if k == 0:
                    pairs.append((stack[0][0], i))
                del stack[k:]
                break
    return pairs, [(p, f) for p, f, _ in stack]


def find_marked(parsed: Parsed) -> list[Marked]:
    """Top-level quoted passages, joined across paragraphs when a quote runs on: a paragraph that
    ends inside a quote and a next paragraph that opens with a mark continue one quotation."""
    paragraphs = parsed.article.paragraphs
    out: list[Marked] = []
    pending: Marked | None = None
    for idx, para in enumerate(paragraphs):
        base = parsed.starts[idx]
        offset = 0
        if pending is not None:
            lead = len(para) - len(para.lstrip())
            if lead < len(para) and para[lead] in (DOUBLE_OPEN | {'"'}):
                offset = lead + 1                     # the continuation mark
            else:
                out.append(pending)
                pending = None
        pairs, still_open = _pairs_in(para[offset:] if offset else para)
        pairs = [(a + offset, b + offset) for a, b in pairs]
        still_open = [(a + offset, f) for a, f in still_open]
        if pending is not None:
            # The running quote closes at the first top-level closer of its family, if any.
            closer = _first_unmatched_close(para, offset)
            if closer is None:
                pending.ranges.append(_strip(para, base, offset, len(para)))
                continue
            pending.ranges.append(_strip(para, base, offset, closer))
            pending.close = base + closer
            out.append(pending)
            pending = None
            pairs, still_open = _pairs_in(para[closer + 1:])
            pairs = [(a + closer + 1, b + closer + 1) for a, b in pairs]
            still_open = [(a + closer + 1, f) for a, f in still_open]
        for a, b in pairs:
            if b - a > 1:
                out.append(Marked(base + a, base + b, [_strip(para, base, a + 1, b)]))
        doubles = [p for p, f in still_open if f == "double"]
        if doubles:
            a = doubles[0]
            if len(para) - a > 1:
                pending = Marked(base + a, None, [_strip(para, base, a + 1, len(para))])
    if pending is not None:
        out.append(pending)
    return [m for m in out if all(s < e for s, e in m.ranges)]


def _first_unmatched_close(para: str, offset: int) -> int | None:
    """Position of the closing double mark that ends a quote begun in an earlier paragraph."""
    depth = 0
    for i in range(offset, len(para)):
        ch = para[i]
        if ch not in ALL_MARKS or _family(ch) != "double":
            continue
        role = _role(para, i)
        if role == "open":
            depth += 1
        elif role == "close":
            if depth == 0:
                return i
            depth -= 1
    return None


def _strip(para: str, base: int, a: int, b: int) -> tuple[int, int]:
    while a < b and para[a].isspace():
        a += 1
    while b > a and para[b - 1].isspace():
        b -= 1
    return base + a, base + b


# --------------------------------------------------------------------------- parse helpers

def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _inside(tok: Token, ranges) -> bool:
    if isinstance(ranges, Covered):
        return tok.idx in ranges
    return any(s <= tok.idx < e for s, e in ranges)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it hangs from ('..., noting that')."""
    quoted = _quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    seen = 0
    while verb is not None and seen < 4:
        agent = _agent(verb)
        if agent is not None:
            return agent                               # 'was described as "…" by the ministry'
        if _is_speech(verb, allow_weak=True) or verb.lemma_.lower() in cues()["fragment"]:
            if any(c.dep_ == "nsubjpass" for c in verb.children):
                return None                            # 'were accused of…', 'was told that…': not the speaker
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and (child.pos_ in ("PROPN", "PRON", "NOUN", "NUM", "X") or is_age(child)):
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
                    return verb.head                   # 'Lord Smith, who described…': the antecedent
                return child
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            if verb.dep_ == "relcl" or (verb.pos_ in ("NOUN", "PROPN") and seen):
                return verb if verb.pos_ in ("PROPN", "NOUN") else None
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            # 'the senator, saying…' speaks; 'the senator, accused of…' is spoken about
            return None if verb.tag_ == "VBN" else verb.head
        break
    return _nearest_name_left(verb)


def _quoted_as_saying(verb: Token) -> Token | None:
    """'X was quoted (by TASS) as saying': X spoke, whoever did the quoting."""
    if verb.lemma_.lower() != "say" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() != "quote":
        return None
    return next((c for c in verb.head.head.children if c.dep_ in SUBJECT_DEPS), None)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


# How far left of a reporting verb to look for its speaker when the parse gives it no subject.
SUBJECT_FALLBACK_WINDOW = 6


def _nearest_name_left(verb: Token) -> Token | None:
    """Fallback for misparsed clauses ('Union head Jane Roe argued'): the closest name before the verb."""
    sent_start = sent_of(verb).start
    for i in range(verb.i - 1, max(sent_start, verb.i - SUBJECT_FALLBACK_WINDOW) - 1, -1):
        tok = verb.doc[i]
        if tok.text in ALL_MARKS or tok.text in SENTENCE_END:
            break
        if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ in ("B", "I"):
            # the entity's last token stands for it
            while i + 1 < verb.i and verb.doc[i + 1].ent_iob_ == "I":
                i += 1
            return verb.doc[i]
    return None


def _is_speech(tok: Token, allow_weak: bool = False) -> bool:
    c = cues()
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma == "point" and not any(c.lower_ == "out" for c in tok.children):
        return False
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) \
            and any(c.dep_ == "xcomp" for c in tok.children) and _agent(tok) is None:
        return False                                   # 'are thought to contribute': hearsay, nobody speaks
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ == "to" and tok.doc[tok.i - 2].lower_ in ("if", "though"):
        return False                                   # 'as if to say "…"': a look, not a statement
    return lemma in c["speech"] or (allow_weak and lemma in c["weak"])


def mention_range(tok: Token) -> tuple[int, int]:
    """The words naming the speaker: an entity, or the noun phrase without clauses and appositions."""
    doc = tok.doc
    ent = entity_of(tok)
    if ent is not None:
        return ent.start_char, ent.end_char
    if tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok)
    keep = [tok]
    stack = list(tok.children)
    while stack:
        t = stack.pop()
        if t.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advcl") or t.text in ALL_MARKS:
            continue
        keep.append(t)
        stack.extend(t.children)
    idx = sorted(t.i for t in keep)
    # keep the contiguous run around the head
    lo = hi = tok.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


# --------------------------------------------------------------------------- finding quotes

def find_quotes(parsed: Parsed) -> tuple[list[Quote], list[tuple[int, int]]]:
    """All quotes of the article, in reading order, and the scare-quote candidates (quoted phrases
    that nobody is reported as saying)."""
    doc = parsed.doc
    marked = find_marked(parsed)
    quotes: list[Quote] = []
    scare: list[tuple[int, int]] = []
    used_cues: set[int] = set()
    covered = Covered(len(text_of(doc)))         # doc ranges already taken by a quote

    skip = [(parsed.starts[i], parsed.starts[i] + len(parsed.article.paragraphs[i])) for i in parsed.boilerplate]
    unowned: list[tuple[int, int]] = []           # quoted words that are no quote of their own
    for m in marked:
        if _inside_range(m.start, skip):
            continue
        q = _from_marks(parsed, m)
        if q is None:
            unowned.extend(m.ranges)
            if _words(text_of(doc)[m.start:m.end]) <= SCARE_MAX_WORDS:
                scare.append((m.start, m.end))
            continue
        quotes.append(q)

    quotes = _merge_split_direct(doc, quotes)
    covered.extend(skip)
    for q in quotes:
        if q.cue is not None:
            used_cues.add(q.cue.i)
        covered.extend(q.content)
        covered.extend(q.marks)

    for q in _indirect(parsed, used_cues, covered, unowned):
        quotes.append(q)
    quotes.extend(_from_patterns(parsed, used_cues, covered, unowned))

    _attribute_cueless(parsed, quotes)
    quotes.sort(key=lambda q: q.start)
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
        q.headline = _is_headline(parsed, q.start)
        if q.mention is not None:                      # '(CNN)A New York man': the tag is not the speaker
            q.mention = (past_dateline(parsed.datelines, q.mention[0]), q.mention[1])
    return quotes, scare


def _inside_range(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _from_marks(parsed: Parsed, m: Marked) -> Quote | None:
    """Classify one quoted passage: direct with a cue, mixed inside reported speech, a quote whose
    speaker comes from context, or None (scare quote / title)."""
    doc = parsed.doc
    text = text_of(doc)[m.start:m.end]
    words = _words(text)
    full_sentence = words >= 2 and text[:1].isupper() and text.rstrip()[-1:] in ".!?\u2026"
    sentence_like = full_sentence or words > SCARE_MAX_WORDS or (words >= 3 and text.rstrip()[-1:] in ".!?,\u2026")

    if _AS_IF.search(text_of(doc)[max(0, m.open - 40):m.open]):
        return None                                    # 'as if to say "…"': nobody said it
    # 1. A speech verb outside the marks that governs the quoted words -> direct or mixed.
    gov = _governing_speech_verb(doc, m)
    if gov is not None:
        verb, complement = gov
        subj = _subject(verb)
        if subj is not None and _inside(subj, m.ranges):
            subj = None
        if verb.lemma_.lower() in cues()["fragment"]:
            # 'what she called "…"', 'described it as "…"': the speaker's words are the fragment only
            return Quote("", "mixed", list(m.ranges), _join(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, marks=list(m.ranges), rule="marks_fragment_verb")
        head = complement.root
        after = _word_after(doc, m)
        opens_clause = not full_sentence and text.rstrip()[-1:] not in ",.!?;:\u2026" and (
            head.idx >= m.end and head.pos_ in ("VERB", "AUX")
            or after is not None and after.tag_ in FINITE_TAGS and not _is_speech(after, allow_weak=True))
        if opens_clause and complement.end_char <= m.end + 1:
            # the parser ended the complement at the marks: the clause runs to the sentence's end
            complement = doc[complement.start:sent_of(after).end] if after is not None else complement
        outside = [t for t in complement if not _inside(t, m.ranges) and any(c.isalnum() for c in t.text)
                   and t.dep_ not in ("mark",)]
        if len(outside) >= 2 and (complement.start_char < m.start or opens_clause):
            # Reported speech carrying a quoted fragment: the content is the whole complement,
            # from the 'that' which opens the clause holding the quote, when there is one; or
            # from the opening mark when the quoted words open the clause ('"red tape" meant…').
            begin = complement.start_char if complement.start_char < m.start else m.open
            first = _tokens(doc, m.start, m.end)[0]
            for t in complement:
                if t.idx >= m.start:
                    break
                if t.dep_ == "mark" and t.lower_ == "that" and first in t.head.subtree:
                    begin = t.idx + len(t)
                    break
            start, end = _trim(doc, begin, complement.end_char)
            start = past_dateline(parsed.datelines, start)
            if end < m.end:
                end = m.end
            if start <= m.open and m.close is not None and end <= m.close:
                end = m.close + 1                      # keep the closing mark with the opening one
            return Quote("", "mixed", [(start, end)], text_of(doc)[start:end], verb, subj,
                         mention_range(subj) if subj is not None else None, marks=list(m.ranges), rule="marks_in_reported_clause")
        if sentence_like or subj is not None:
            return Quote("", "direct", list(m.ranges), _join(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, rule="marks_governed")

    # 2. A headline's closing attribution: 'China offered "realistic basis" for talks – Putin'.
    by = _dash_attribution(parsed, m)
    if by is not None:
        return Quote("", "mixed" if not full_sentence else "direct", list(m.ranges), _join(doc, m.ranges), None, by,
                     mention_range(by), marks=list(m.ranges), rule="marks_dash_headline")

    # 3. A cue right after the closing mark ('..., he said') or before the opening one ('He said:').
    if sentence_like:
        cue = _cue_after(doc, m) or _cue_before(doc, m) or _cue_above(parsed, m)
        if cue is not None:
            verb, subj = cue
            return Quote("", "direct", list(m.ranges), _join(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, rule="marks_cue_near")
        if full_sentence or (words > SCARE_MAX_WORDS and (text[:1].isupper() or text[:1].isdigit())):
            # A full quoted statement with no cue of its own: its speaker comes from context.
            return Quote("", "direct", list(m.ranges), _join(doc, m.ranges), inherited=True, rule="marks_cueless")
    if len(m.ranges) == 1 and words >= 2 and _whole_paragraph(parsed, m):
        # a quoted subhead ("'NO OTHER CHOICE'"): words of the speaker of the section it opens
        return Quote("", "direct", list(m.ranges), _join(doc, m.ranges), inherited=True, subhead=True, rule="marks_subhead")
    return None


def _whole_paragraph(parsed: Parsed, m: Marked) -> bool:
    i = parsed.paragraph_of(m.start)
    para = parsed.article.paragraphs[i]
    base = parsed.starts[i]
    return m.close is not None and not para[:m.open - base].strip() and not para[m.close + 1 - base:].strip()


_DASH_BY = re.compile(r"\s[\u2013\u2014-]\s*([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})\s*$")


def _dash_attribution(parsed: Parsed, m: Marked) -> Token | None:
    """The name after a dash closing a headline-like paragraph: the source of its quoted words."""
    i = parsed.paragraph_of(m.start)
    para = parsed.article.paragraphs[i].rstrip()
    if not para or len(para) > HEADLINE_MAX_CHARS or para[-1] in ".!?" or _words(para) > HEADLINE_MAX_WORDS:
        return None                                    # (length first: a long paragraph may hold thousands of marks)
    found = _DASH_BY.search(para)
    if found is None or found.start(1) < m.end - parsed.starts[i]:
        return None
    end = parsed.starts[i] + found.end(1)
    name = parsed.doc.char_span(end - 1, end, alignment_mode="expand")
    if name is None or name[-1].pos_ != "PROPN":
        return None
    return name[-1]


def _word_after(doc: Doc, m: Marked) -> Token | None:
    """The word right after the closing mark, when nothing but a space separates them."""
    if m.close is None:
        return None
    span = doc.char_span(m.close, m.close + 1, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    tok = doc[span.end]
    return None if tok.is_punct or tok.is_space else tok


_AS_IF = re.compile(r"\bas (?:if|though) to (?:say|ask)\W*$", re.I)


def _join(doc: Doc, ranges: list[tuple[int, int]]) -> str:
    return " ".join(text_of(doc)[s:e] for s, e in ranges)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'that'/'how' and surrounding punctuation from reported-speech content."""
    span = _tokens(doc, start, end)
    toks = list(span) if span is not None else []
    while toks and (toks[0].is_punct and toks[0].text not in ALL_MARKS or toks[0].is_space
                    or toks[0].lower_ in ("that", "how", "whether", "if")
                    and toks[0].dep_ in ("mark", "advmod")):
        toks.pop(0)
    while toks and (toks[-1].is_space or (toks[-1].is_punct and toks[-1].text not in ALL_MARKS)):
        toks.pop()
    if not toks:
        return start, end
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _governing_speech_verb(doc: Doc, m: Marked) -> tuple[Token, Span] | None:
    """The highest speech verb outside the marks, in the same sentence, whose subtree holds the
    quote; with the child subtree (complement) that holds it."""
    span = _tokens(doc, m.ranges[0][0], m.ranges[0][1])
    words = [t for t in span or [] if not t.is_punct and not t.is_space]
    if not words:
        return None
    ended = text_of(doc)[m.start:m.end].rstrip()[-1:] in ".!?"
    # the quoted words' own root: the first word whose head lies outside the marks
    root = next((t for t in words if not (span.start <= t.head.i < span.end) or t.head.i == t.i), words[0])
    sent = sent_of(words[0])
    best = None
    child = root
    node = root
    steps = 0
    while node.head.i != node.i and steps < 12:
        child, node = node, node.head
        steps += 1
        if not (sent.start <= node.i < sent.end) or _inside(node, m.ranges):
            continue
        if ended and node.idx > m.end:
            continue                                   # '"… outstanding." He said…': a new sentence
        lemma = node.lemma_.lower()
        speech = _is_speech(node, allow_weak=True) or (lemma in cues()["fragment"] and node.pos_ == "VERB")
        if speech and _subject(node) is not None:
            best = (node, child)
            break                                      # the nearest reporting verb owns the words
    if best is None:
        return None
    verb, child = best
    comp = doc[child.left_edge.i: max(child.right_edge.i, _complement_last(verb, child)) + 1]
    return verb, comp


def _cue_window_after(doc: Doc, m: Marked) -> list[Token]:
    if m.close is None:
        return []
    mark = _tokens(doc, m.close, m.close + 1)
    if mark is None:
        return []
    out = []
    for tok in doc[mark.end:]:
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END or (tok.text in ALL_MARKS and _role(text_of(doc), tok.idx) == "open"):
            break
        out.append(tok)
        if len(out) >= CUE_WINDOW:
            break
    return out


def _cue_after(doc: Doc, m: Marked) -> tuple[Token, Token | None] | None:
    window = _cue_window_after(doc, m)
    ended = text_of(doc)[m.start:m.end].rstrip()[-1:] in ".!?"
    for tok in window:
        if _is_speech(tok, allow_weak=True):
            if ended and any(c.dep_ == "ccomp" for c in tok.children):
                return None                            # '"…debt." She said a buyer…': her next statement
            subj = _subject(tok)
            if subj is None or subj not in window:
                subj = next((t for t in window if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG")),
                            None)
            return tok, subj
    return None


def _cue_before(doc: Doc, m: Marked) -> tuple[Token, Token | None] | None:
    span = doc.char_span(m.open, m.open + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    window: list[Token] = []
    while i >= 0 and len(window) < CUE_WINDOW:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END:
            break
        window.insert(0, tok)
        i -= 1
    if not window or window[-1].text not in (":", ",", "\u2014", "\u2013", "-") and \
            not any(t.lower_ == "that" for t in window[-2:]):
        return None
    for tok in reversed(window):
        if _is_speech(tok, allow_weak=True):
            subj = _subject(tok)
            return tok, subj
    # 'a quote from the minister:' / 'the minister's statement:'
    for tok in reversed(window):
        if tok.lemma_.lower() in cues()["nouns"]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return tok, g
                if child.dep_ == "poss":
                    return tok, child
    return None


def _cue_above(parsed: Parsed, m: Marked) -> tuple[Token, Token | None] | None:
    """'The mayor said:' closing the paragraph above one that opens with the quotation."""
    para = parsed.paragraph_of(m.open)
    if para == 0 or parsed.article.paragraphs[para][:m.open - parsed.starts[para]].strip():
        return None
    doc = parsed.doc
    prev_end = parsed.starts[para - 1] + len(parsed.article.paragraphs[para - 1].rstrip())
    last = doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if last is None or last[-1].text != ":":
        return None
    for tok in reversed(list(sent_of(last[-1]))):
        if _is_speech(tok, allow_weak=True) and _subject(tok) is not None:
            return (tok, _subject(tok)) if _listed_cue(tok) else None
    return None


def _merge_split_direct(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """'"First part," she said, "second part."' is one quote with two content spans."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if (prev is not None and prev.cue is not None and q.cue is not None and prev.cue.i == q.cue.i
                and "mixed" in (prev.kind, q.kind) and "\n" not in text_of(doc)[prev.start:q.end]):
            # two quoted fragments of one reported statement: one mixed quote over both
            start, end = min(prev.start, q.start), max(prev.end, q.end)
            marks = (prev.marks or prev.content) + (q.marks or q.content)
            prev.kind, prev.content, prev.text, prev.marks = "mixed", [(start, end)], text_of(doc)[start:end], marks
            continue
        if (prev is not None and prev.kind == "direct" and q.kind == "direct" and prev.cue is not None
                and (q.cue is None or q.cue.i == prev.cue.i or q.inherited) and prev.cue.idx > prev.end
                and q.start > prev.cue.idx and q.start - prev.cue.idx < 60
                and "\n" not in text_of(doc)[prev.end:q.start]
                and text_of(doc)[prev.cue.idx:q.start].rstrip().rstrip("\u201c\"\u00ab\u201e").rstrip().endswith(",")):
            prev.content.extend(q.content)
            prev.text = _join(doc, prev.content)
            continue
        if prev is not None and _continues(doc, prev, q):
            # '"A," she said. "B."' or '"A." "B," she said.': one statement split by its tag
            prev.content.extend(q.content)
            prev.text = _join(doc, prev.content)
            if prev.cue is None:
                prev.cue, prev.subject, prev.mention, prev.inherited = q.cue, q.subject, q.mention, False
            continue
        out.append(q)
    return out


def _continues(doc: Doc, prev: Quote, q: Quote) -> bool:
    """Does quote `q` continue `prev` in the same paragraph, with at most prev's tag between them?
    One side must have no cue of its own; the tag, when there is one, is all that separates them."""
    if prev.kind != "direct" or q.kind != "direct" or prev.subhead or q.subhead:
        return False
    gap = text_of(doc)[prev.end:q.start]
    if "\n" in gap or len(gap) > SPLIT_TAG_CHARS:
        return False
    bare = gap.strip().strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e").strip()
    if q.inherited and prev.cue is not None and not prev.inherited:
        if not bare:
            return True                                          # nothing between them
        span = _tokens(doc, prev.end, q.start)
        toks = [t for t in span or [] if not t.is_space and t.text not in ALL_MARKS]
        # one sentence, the tag's: no second finite verb ('she said, and her husband cut in')
        others = [t for t in toks if t.i != prev.cue.i and (t.tag_ in FINITE_TAGS or t.is_sent_start and t.i != toks[0].i)]
        return prev.end <= prev.cue.idx < q.start and not others
    if prev.inherited and q.cue is not None and not q.inherited:
        return not bare and q.cue.idx >= q.end                   # '"A." "B," she said.'
    return False


def _indirect(parsed: Parsed, used_cues: set[int], covered: Covered, quoted: list[tuple[int, int]]):
    """Reported speech without marks: 'X said (that) CLAUSE', 'CLAUSE, X said', 'according to X, CLAUSE'."""
    doc = parsed.doc
    for tok in doc:
        if tok.i in used_cues or _inside(tok, covered):
            continue
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(doc) else False:
            q = _according_to(parsed, tok, covered, quoted)
            if q is not None:
                yield q
            continue
        if tok.tag_ == "NNS" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "that":
            q = _noun_tagged_cue(parsed, tok, covered, quoted)
            if q is not None:
                yield q
            continue
        if not _is_speech(tok) or (not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
                                   and (tok.tag_ == "VBN" or tok.i == sent_of(tok).start)):
            continue                                   # 'Asked whether…, she replied': the asker is not named
        listed = _listed_after(parsed, tok)
        if listed:
            subj = _subject(tok)
            if subj is not None and plausible_source(subj) and subj.lower_ not in WRITER_PRONOUNS:
                for start, end in listed:
                    if _overlap((start, end), covered) == 0:
                        yield _reported(parsed, tok, subj, start, end, covered, quoted, rule="listed_after_colon")
            continue
        # 'CLAUSE, the sources said.': the whole clause before the comma, however the parser split it
        trailing = _trailing_clause(tok)
        comps = [] if trailing else _complements(tok)
        if not comps and trailing is None:
            continue
        subj = _subject(tok)
        if subj is None or _inside(subj, covered) or not plausible_source(subj) \
                or _inside(subj, parsed.datelines) or subj.lower_ in WRITER_PRONOUNS:
            continue                                   # 'I asked him…' outside quotes: the writer
        if comps and _is_trailing_cue(comps[0], tok):
            continue                                   # 'People reported X, officials were quoted as saying'
        if comps:
            comp = comps[0]
            last = doc[_complement_last(tok, comp)]
            start, end = _trim(doc, comp.left_edge.idx, last.idx + len(last))
        else:
            start, end = trailing
        # the clause may run past a trailing cue ('CLAUSE, he said'): cut it at the cue
        if start < tok.idx < end:
            start2, end2 = _trim(doc, start, tok.idx)
            if subj.idx < tok.idx and subj.idx > start:
                end2 = subj.idx
                start2, end2 = _trim(doc, start2, end2)
            start, end = start2, end2
        span = _tokens(doc, start, end)
        if span is None or sum(1 for t in span if not t.is_punct) < MIN_INDIRECT_TOKENS:
            continue
        if _overlap((start, end), covered) > 0.5:
            continue
        yield _reported(parsed, tok, subj, start, end, covered, quoted,
                        rule="clause_trailing_cue" if trailing else "clause_complement")


def _is_person_word(tok: Token) -> bool:
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return True
    return tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she") or tok.lemma_.lower() in cues()["people"]


def _from_patterns(parsed: Parsed, used_cues: set[int], covered: Covered, quoted: list[tuple[int, int]]):
    """Noun-phrase reports ('denied the allegations', 'called for an inquiry') proposed by the
    patterns of patterns.py, best first; a candidate whose cue or words another quote holds loses."""
    for c in candidates(parsed.doc):
        if c.cue.i in used_cues or _inside(c.cue, covered) or _overlap((c.start, c.end), covered) > 0:
            continue
        if _words(text_of(parsed.doc)[c.start:c.end]) < MIN_OBJECT_WORDS:
            continue
        subj = _subject(c.cue)
        if subj is None or not plausible_source(subj) or subj.lower_ in WRITER_PRONOUNS \
                or _inside(subj, covered) or _inside(subj, parsed.datelines):
            continue
        used_cues.add(c.cue.i)
        q = _reported(parsed, c.cue, subj, c.start, c.end, covered, quoted, rule=c.rule)
        if len(c.ranges) > 1:                          # a tag inside the clause: its words are not content
            first = (past_dateline(parsed.datelines, c.ranges[0][0]), c.ranges[0][1])
            q.content = [_trim(parsed.doc, s, e) for s, e in (first, *c.ranges[1:])]
            q.text = _join(parsed.doc, q.content)
        yield q


# Words allowed between a cue and the colon that hands over to the next paragraph.
LISTED_CUE_TOKENS = 7
_BULLET = re.compile(r"\s*[-\u2022*\u2013\u2014\u00b7\u25aa]\s+")


def _listed_cue(verb: Token) -> Token | None:
    """The colon closing 'said:', 'also told reporters:', 'said on Monday:', when it ends the sentence."""
    rest = [t for t in verb.doc[verb.i + 1:sent_of(verb).end] if not t.is_space]
    if not rest or rest[-1].text != ":" or len(rest) > LISTED_CUE_TOKENS \
            or any(t.pos_ in ("VERB", "AUX") or t.text in ALL_MARKS for t in rest):
        return None
    return rest[-1]


def _listed_after(parsed: Parsed, verb: Token) -> list[tuple[int, int]]:
    """'The president also said:' closing a paragraph: what he said is the list of points below it
    (every bulleted paragraph that follows) or, without bullets, the next paragraph."""
    doc = parsed.doc
    nxt = _listed_cue(verb)
    if nxt is None:
        return []
    para = parsed.paragraph_of(verb.idx)
    paragraphs = parsed.article.paragraphs
    if para + 1 >= len(paragraphs) or nxt.idx + 1 < parsed.starts[para] + len(paragraphs[para].rstrip()):
        return []
    out = []
    for i in range(para + 1, len(paragraphs)):
        bullet = _BULLET.match(paragraphs[i])
        if bullet is None and out:
            break
        if bullet is None:
            if paragraphs[i].lstrip()[:1] in ALL_MARKS:
                return []                              # a quotation in marks: the direct-quote rules own it
            out.append(_trim(doc, parsed.starts[i], parsed.starts[i] + len(paragraphs[i])))
            break
        out.append(_trim(doc, parsed.starts[i] + bullet.end(), parsed.starts[i] + len(paragraphs[i])))
    return [r for r in out if _words(text_of(doc)[r[0]:r[1]]) >= 2]


def _reported(parsed: Parsed, cue: Token, subj: Token, start: int, end: int, covered: Covered,
              quoted: list[tuple[int, int]], mention: tuple[int, int] | None = None, rule: str = "") -> Quote:
    """An indirect quote over doc[start:end] (past any dateline); mixed when it carries quoted words."""
    doc = parsed.doc
    start = past_dateline(parsed.datelines, start)
    inner = [(s, e) for s, e in covered if start <= s and e <= end] if _overlap((start, end), covered) else []
    inner += [(s, e) for s, e in quoted if start <= s and e <= end]
    covered.append((start, end))
    return Quote("", "mixed" if inner else "indirect", [(start, end)], text_of(doc)[start:end], cue, subj,
                 mention or mention_range(subj), marks=sorted(inner), rule=rule)


def _noun_tagged_cue(parsed: Parsed, tok: Token, covered: Covered, quoted: list[tuple[int, int]]) -> Quote | None:
    """'The head of the Kremlin assures that…' where the tagger read 'assures' as a plural noun: a
    speech verb's third-person form followed by 'that', after a noun phrase that can speak."""
    doc = parsed.doc
    word = tok.lower_
    stems = {word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else word[:-1]}
    if not stems & cues()["speech"]:
        return None
    sent = sent_of(tok)
    # the noun phrase before the cue: its head is the word whose own head lies outside it
    roots = [t for t in doc[sent.start:tok.i] if not (sent.start <= t.head.i < tok.i) and not t.is_punct]
    subj = next((r for r in roots if r.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if subj is None or not plausible_source(subj) or _inside(subj, covered) or _inside(subj, parsed.datelines):
        return None
    start, end = _trim(doc, tok.nbor(1).idx + len(tok.nbor(1)), sent.end_char)
    span = _tokens(doc, start, end)
    if span is None or sum(1 for t in span if not t.is_punct) < MIN_INDIRECT_TOKENS \
            or _overlap((start, end), covered) > 0.5:
        return None
    lo, hi = mention_range(subj)
    last = doc[tok.i - 1]
    return _reported(parsed, tok, subj, start, end, covered, quoted, (lo, min(hi, last.idx + len(last))),
                     rule="clause_noun_tagged_cue")


def plausible_source(tok: Token) -> bool:
    """Can this subject have said something? Names, personal pronouns, people and bodies."""
    lower = tok.lower_
    if tok.dep_ == "nsubjpass" and lower in ("it", "this", "that"):
        return False                                   # 'it was said that': nobody in particular
    if tok.tag_ in ("WDT",) or lower in ("which", "what", "there"):
        return False
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = tok.lemma_.lower()
    c = cues()
    if lemma in c["people"] or lemma in c["bodies"] or lemma in c["reports"] or is_age(tok):
        return True
    if tok.tag_ == "NNS" or tok.pos_ == "NUM":
        return True                                    # 'organizers say', 'the two said': people in the plural
    # 'the management of the firm', 'one in four voters': a part of somebody who can speak
    return any(p.dep_ == "prep" and p.lower_ in ("of", "in", "at") and any(
        g.dep_ == "pobj" and g.i != tok.i and plausible_source(g) for g in p.children) for p in tok.children)


def _trailing_clause(verb: Token) -> tuple[int, int] | None:
    """'CLAUSE, he said.' whatever the parser made of CLAUSE: the words before the comma that
    precedes the subject, when subject and verb close the sentence."""
    sent = sent_of(verb)
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) or _quoted_as_saying(verb)
    if subj is None or subj.i > verb.i or sent.end - verb.i > TRAILING_CUE_TOKENS:
        return None
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        return None                                    # 'X, she said, will…': the clause_interposed_tag pattern
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None                                    # 'Because of X, analysts said Y': Y is the content
    comma = subj.left_edge.i - 1
    if comma <= sent.start + 2 or verb.doc[comma].text != ",":
        return None
    if any(t.text in ALL_MARKS for t in verb.doc[sent.start:comma]):
        return None                                    # quoted words: the marks decide
    words = [t for t in verb.doc[sent.start:comma] if not t.is_punct]
    if len(words) < TRAILING_MIN_WORDS and not any(t.tag_ in FINITE_TAGS or t.pos_ in ("VERB", "AUX")
                                                   and t.dep_ not in ("amod", "compound") for t in words):
        return None                                    # 'In a long interview, he said.': no clause
    start, end = _trim(verb.doc, sent.start_char, verb.doc[comma].idx)
    return (start, end) if end - start > 0 else None


def _complement_last(verb: Token, comp: Token) -> int:
    """Where the reported clause ends: its subtree, plus a coordinated 'and/but that…' clause the
    parser hung elsewhere, minus a second speaker's report inside it ('… while Kyiv says …')."""
    doc = verb.doc
    last = comp.right_edge.i
    for t in doc[comp.i + 1:last + 1]:
        if t.i != verb.i and _is_speech(t) and any(c.dep_ == "nsubj" for c in t.children) \
                and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children):
            first = min(c.left_edge.i for c in t.children if c.dep_ == "mark")
            last = first - 1
            break
    else:
        # 'insisting that A, and is B, but that C': a later 'that' clause after a conjunction,
        # with no new speaker or reporting verb on the way
        for t in doc[last + 1:sent_of(verb).end]:
            if t.dep_ in SUBJECT_DEPS or _is_speech(t, allow_weak=True):
                break
            if t.lower_ == "that" and t.dep_ == "mark" and (doc[t.i - 1].dep_ == "cc" or doc[t.i - 1].text == ","):
                last = max(last, t.head.right_edge.i)
                break
    return last


def _is_trailing_cue(comp: Token, verb: Token) -> bool:
    """Is the clause the parser hung on `verb` really the sentence's closing cue, after a comma?"""
    doc = verb.doc
    if comp.lemma_.lower() not in cues()["speech"] | {"quote"}:
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in comp.children):
        return False
    left = comp.left_edge.i
    return left > verb.i + 1 and "," in (doc[left].text, doc[left - 1].text)


def _complements(verb: Token) -> list[Token]:
    """Clauses that carry what was said: 'said (that) CLAUSE', 'denied doing', and 'said in a
    statement that CLAUSE', where the parser hangs the clause on the noun."""
    out = [c for c in verb.children if c.dep_ == "ccomp" or
           (c.dep_ == "xcomp" and verb.lemma_.lower() in ("deny", "promise", "vow", "pledge", "threaten"))]
    if out:
        return out
    # 'CLAUSE, he said.': a trailing cue whose clause the parser hung on it as advcl or parataxis
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.i < verb.i and sent_of(verb).end - verb.i <= TRAILING_CUE_TOKENS:
        out = [c for c in verb.children if c.dep_ in ("advcl", "parataxis") and c.i < subj.i
               and c.right_edge.i + 1 < subj.i and verb.doc[c.right_edge.i + 1].text == ","]
        if out:
            return out
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in cues()["nouns"]:
                out += [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return out


def _according_to(parsed: Parsed, tok: Token, covered: Covered, quoted: list[tuple[int, int]]) -> Quote | None:
    doc = parsed.doc
    to = tok.nbor(1)
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    sent = sent_of(tok)
    phrase_end = src.right_edge.idx + len(src.right_edge)
    if tok.idx <= sent.start_char + 1:
        start, end = _trim(doc, phrase_end, sent.end_char)
    else:
        start, end = _trim(doc, sent.start_char, tok.idx)
    if _overlap((start, end), covered) > 0.5 or _words(text_of(doc)[start:end]) < MIN_INDIRECT_TOKENS:
        return None
    return _reported(parsed, tok, src, start, end, covered, quoted, rule="according_to")


class Covered:
    """Doc characters already claimed by a quote: constant-time membership, so long articles
    with thousands of quotes stay linear."""

    def __init__(self, size: int):
        self.mask = bytearray(size + 1)
        self.ranges: list[tuple[int, int]] = []

    def append(self, r: tuple[int, int]) -> None:
        self.ranges.append(r)
        self.mask[r[0]:r[1]] = b"\x01" * (r[1] - r[0])

    def extend(self, rs) -> None:
        for r in rs:
            self.append(r)

    def __contains__(self, char: int) -> bool:
        return bool(self.mask[char])

    def __iter__(self):
        return iter(self.ranges)


def _overlap(r: tuple[int, int], ranges) -> float:
    size = max(1, r[1] - r[0])
    if isinstance(ranges, Covered):
        return ranges.mask[r[0]:r[1]].count(1) / size
    return sum(max(0, min(r[1], e) - max(r[0], s)) for s, e in ranges) / size


def _attribute_cueless(parsed: Parsed, quotes: list[Quote]) -> None:
    """A quoted statement with no cue of its own continues the speaker of the quote before it, or
    takes the speaker that the text right before it introduces ('a quote from X:')."""
    ordered = sorted(quotes, key=lambda q: q.start)
    for i, q in enumerate(ordered):
        if not q.inherited:
            continue
        prev = next((p for p in reversed(ordered[:i]) if p.subject is not None), None)
        if q.subhead:
            prev = next((p for p in ordered[i + 1:] if p.subject is not None), prev)
        if prev is not None:
            q.subject = prev.subject
            q.mention = None


def _is_headline(parsed: Parsed, char: int) -> bool:
    idx = parsed.paragraph_of(char)
    para = parsed.article.paragraphs[idx].strip()
    if parsed.article.title and para == parsed.article.title.strip():
        return True
    return (idx < HEADLINE_ZONE and len(para) < HEADLINE_MAX_CHARS and para[-1:] not in ".!?\u201d\"\u2019':\u00bb"
            and _words(para) <= HEADLINE_MAX_WORDS)
