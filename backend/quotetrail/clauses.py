"""The quote record and the parse helpers every rule shares: the speaker of a reporting verb, the
words naming that speaker, the claimed-text mask and character-range arithmetic."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .attribution_settings import LISTED_CUE_TOKENS, SUBJECT_FALLBACK_WINDOW
from .cues import SENTENCE_END, SUBJECT_DEPS, agent_of, cues, is_age, is_speech
from .marks import ALL_MARKS
from .nlp import entity_of, sent_of, text_of
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


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def inside(tok: Token, ranges) -> bool:
    if isinstance(ranges, Covered):
        return tok.idx in ranges
    return any(s <= tok.idx < e for s, e in ranges)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it hangs from ('..., noting that')."""
    quoted = quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    seen = 0
    while verb is not None and seen < 4:
        agent = agent_of(verb)
        if agent is not None:
            return agent                               # 'was described as "…" by the ministry'
        if is_speech(verb, allow_weak=True) or verb.lemma_.lower() in cues()["fragment"]:
            if any(c.dep_ == "nsubjpass" for c in verb.children):
                return None                            # 'were accused of…', 'was told that…': not the speaker
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and (child.pos_ in ("PROPN", "PRON", "NOUN", "NUM", "X") or is_age(child)
                                               or child.lower_ in cues()["quantity"]):
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
                    return verb.head                   # 'Lord Smith, who described…': the antecedent
                return child
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head                      # 'joined others in calling on X to …': who joined calls
            seen += 1
            continue
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i:
            participle = verb.tag_ == "VBG" and verb.dep_ == "advcl"
            verb = verb.head
            seen += 1
            if participle and verb.dep_ == "ccomp" and is_speech(verb.head) and not is_speech(verb, allow_weak=True):
                verb = verb.head                       # 'X told Y that Z "…," adding': X adds, not Z
            if verb.dep_ == "relcl" or (verb.pos_ in ("NOUN", "PROPN") and seen):
                return verb if verb.pos_ in ("PROPN", "NOUN") else None
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            # 'the senator, saying…' speaks; 'the senator, accused of…' is spoken about
            return None if verb.tag_ == "VBN" else verb.head
        break
    return _nearest_name_left(verb)


def quoted_as_saying(verb: Token) -> Token | None:
    """'X was quoted (by TASS) as saying': X spoke, whoever did the quoting."""
    if verb.lemma_.lower() != "say" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() != "quote":
        return None
    return next((c for c in verb.head.head.children if c.dep_ in SUBJECT_DEPS), None)



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


def inside_range(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def join_ranges(doc: Doc, ranges: list[tuple[int, int]]) -> str:
    return " ".join(text_of(doc)[s:e] for s, e in ranges)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'that'/'how' and surrounding punctuation from reported-speech content."""
    span = tokens_in(doc, start, end)
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


def listed_cue(verb: Token) -> Token | None:
    """The colon closing 'said:', 'also told reporters:', 'said on Monday:', when it ends the sentence."""
    rest = [t for t in verb.doc[verb.i + 1:sent_of(verb).end] if not t.is_space]
    if not rest or rest[-1].text != ":" or len(rest) > LISTED_CUE_TOKENS \
            or any(t.pos_ in ("VERB", "AUX") or t.text in ALL_MARKS for t in rest):
        return None
    return rest[-1]


def complement_last(verb: Token, comp: Token) -> int:
    """Where the reported clause ends: its subtree, plus a coordinated 'and/but that…' clause the
    parser hung elsewhere, minus a second speaker's report inside it ('… while Kyiv says …')."""
    doc = verb.doc
    last = comp.right_edge.i
    for t in doc[comp.i + 1:last + 1]:
        if t.i != verb.i and is_speech(t) and any(c.dep_ == "nsubj" for c in t.children) \
                and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children):
            first = min(c.left_edge.i for c in t.children if c.dep_ == "mark")
            last = first - 1
            break
    else:
        # 'insisting that A, and is B, but that C': a later 'that' clause after a conjunction,
        # with no new speaker or reporting verb on the way
        for t in doc[last + 1:sent_of(verb).end]:
            if t.dep_ in SUBJECT_DEPS or is_speech(t, allow_weak=True):
                break
            if t.lower_ == "that" and t.dep_ == "mark" and (doc[t.i - 1].dep_ == "cc" or doc[t.i - 1].text == ","):
                last = max(last, t.head.right_edge.i)
                break
    return last


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


def overlap(r: tuple[int, int], ranges) -> float:
    size = max(1, r[1] - r[0])
    if isinstance(ranges, Covered):
        return ranges.mask[r[0]:r[1]].count(1) / size
    return sum(max(0, min(r[1], e) - max(r[0], s)) for s, e in ranges) / size
