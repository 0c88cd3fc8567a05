"""Reported speech without marks, as candidates for the resolver (resolver.py): clause complements,
trailing cues, "according to", listed points after a colon, and the noun-phrase and interposed-tag
patterns of patterns.py with their speakers. Nothing here decides between candidates."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .attribution_settings import (
    MIN_INDIRECT_TOKENS, MIN_OBJECT_WORDS, TRAILING_CUE_TOKENS, TRAILING_MIN_WORDS
)
from .clauses import (
    complement_last, inside, listed_cue, quoted_as_saying, subject_of, tokens_in, trim, word_count
)
from .cues import FINITE_TAGS, SUBJECT_DEPS, WRITER_PRONOUNS, cues, is_speech, plausible_source, speaks_through
from .marks import ALL_MARKS
from .nlp import Parsed, sent_of, text_of
from .patterns import candidates as pattern_candidates, voiced
from .resolver import Candidate, prior


def candidates(parsed: Parsed) -> list[Candidate]:
    """Every reported-speech candidate of the article: the fixed rules below and the patterns."""
    return [*_fixed(parsed), *_from_patterns(parsed)]


def _fixed(parsed: Parsed):
    """'X said (that) CLAUSE', 'CLAUSE, X said', 'according to X, CLAUSE' and the points listed
    under 'X said:'."""
    doc = parsed.doc
    for tok in doc:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(doc) else False:
            c = _according_to(parsed, tok)
            if c is not None:
                yield c
            continue
        if not is_speech(tok) or (not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
                                   and (tok.tag_ == "VBN" or tok.i == sent_of(tok).start and tok.tag_ != "VBG")):
            continue                                   # 'Asked whether…, she replied': the asker is not named
        listed = _listed_after(parsed, tok)
        if listed:
            subj = subject_of(tok)
            if subj is not None and plausible_source(subj) and subj.lower_ not in WRITER_PRONOUNS:
                yield _candidate("listed_after_colon", tok, tuple(listed), subj, each=True)
            continue
        # 'CLAUSE, the sources said.': the whole clause before the comma, however the parser split it
        trailing = _trailing_clause(tok)
        comps = [] if trailing else _complements(tok)
        if not comps and trailing is None:
            continue
        subj = subject_of(tok)
        if subj is None or not speaks_through(tok, subj) or inside(subj, parsed.datelines) \
                or subj.lower_ in WRITER_PRONOUNS:
            continue                                   # 'I asked him…' outside quotes: the writer
        if comps and _is_trailing_cue(comps[0], tok):
            continue                                   # 'People reported X, officials were quoted as saying'
        if comps:
            # 'A did B: he said C': of a clause before the verb and one after it, the one after is what he said
            comp = next((c for c in comps if c.i > tok.i), comps[0])
            last = doc[complement_last(tok, comp)]
            start, end = trim(doc, comp.left_edge.idx, last.idx + len(last))
        else:
            start, end = trailing
        # the clause may run past a trailing cue ('CLAUSE, he said'): cut it at the cue
        if start < tok.idx < end:
            start2, end2 = trim(doc, start, tok.idx)
            if subj.idx < tok.idx and subj.idx > start:
                end2 = subj.idx
                start2, end2 = trim(doc, start2, end2)
            start, end = start2, end2
        span = tokens_in(doc, start, end)
        if span is None or sum(1 for t in span if not t.is_punct) < MIN_INDIRECT_TOKENS:
            continue
        yield _candidate("clause_trailing_cue" if trailing else "clause_complement", tok, ((start, end),), subj)


def _from_patterns(parsed: Parsed):
    """The firings of patterns.py with their speaker: the one the pattern names, or the cue's subject."""
    for c in pattern_candidates(parsed):
        if word_count(text_of(parsed.doc)[c.start:c.end]) < MIN_OBJECT_WORDS:
            continue
        subj = c.source or subject_of(c.cue)
        if subj is None or not (plausible_source(subj) or subj.pos_ == "NOUN" and voiced(c.rule)) \
                or subj.lower_ in WRITER_PRONOUNS or inside(subj, parsed.datelines):
            continue
        yield Candidate(c.rule, c.score, c.cue, c.ranges, subj, c.kind)


def _candidate(rule: str, cue: Token, ranges, subj: Token, each: bool = False) -> Candidate:
    return Candidate(rule, prior(rule), cue, ranges, subj, each=each)


_BULLET = re.compile(r"\s*[-\u2022*\u2013\u2014\u00b7\u25aa]\s+")


def _listed_after(parsed: Parsed, verb: Token) -> list[tuple[int, int]]:
    """'The president also said:' closing a paragraph: what he said is the list of points below it
    (every bulleted paragraph that follows) or, without bullets, the next paragraph."""
    doc = parsed.doc
    nxt = listed_cue(verb)
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
            out.append(trim(doc, parsed.starts[i], parsed.starts[i] + len(paragraphs[i])))
            break
        out.append(trim(doc, parsed.starts[i] + bullet.end(), parsed.starts[i] + len(paragraphs[i])))
    return [r for r in out if word_count(text_of(doc)[r[0]:r[1]]) >= 2]


def _trailing_clause(verb: Token) -> tuple[int, int] | None:
    """'CLAUSE, he said.' whatever the parser made of CLAUSE: the words before the comma that
    precedes the subject, when subject and verb close the sentence."""
    sent = sent_of(verb)
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) or quoted_as_saying(verb)
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
    start, end = trim(verb.doc, sent.start_char, verb.doc[comma].idx)
    return (start, end) if end - start > 0 else None


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
           (c.dep_ == "xcomp" and verb.lemma_.lower() in ("deny", "promise", "vow", "pledge", "threaten"))
           or (c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1 and _holds_clause(c))]
    own = any(c.i > verb.i and c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    if own:                                            # '…, so the crew kept patching it': not the clause before
        out = [c for c in out if c.i > verb.i]
    if out:
        return out
    # 'CLAUSE, he said.': a trailing cue whose clause the parser hung on it as advcl or parataxis
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.i < verb.i and sent_of(verb).end - verb.i <= TRAILING_CUE_TOKENS and not own:
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


def _holds_clause(tok: Token) -> bool:
    """'said legalizing it could…' parsed as an xcomp 'legalizing' governing the clause's verb: a
    finite verb with its own subject somewhere below the gerund."""
    return any((t.tag_ in FINITE_TAGS or any(c.tag_ == "MD" for c in t.children))
               and any(c.dep_ in SUBJECT_DEPS for c in t.children)
               for t in tok.subtree if t.i != tok.i)


def _according_to(parsed: Parsed, tok: Token) -> Candidate | None:
    """'According to X, CLAUSE', 'CLAUSE, according to X' and, with the tag inside the sentence
    ('Among the oldest cases, according to X, are three…'), the words on both sides of the tag."""
    doc = parsed.doc
    to = tok.nbor(1)
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    sent = sent_of(tok)
    phrase_end = src.right_edge.idx + len(src.right_edge)
    after = trim(doc, phrase_end, sent.end_char)
    if tok.idx <= sent.start_char + 1:
        ranges = (after,)
    else:
        before = trim(doc, sent.start_char, tok.idx)
        inside_sentence = after[1] > after[0] and word_count(text_of(doc)[after[0]:after[1]]) >= MIN_INDIRECT_TOKENS
        ranges = (before, after) if inside_sentence else (before,)
    if sum(word_count(text_of(doc)[s:e]) for s, e in ranges) < MIN_INDIRECT_TOKENS:
        return None
    return _candidate("according_to", tok, ranges, src)
