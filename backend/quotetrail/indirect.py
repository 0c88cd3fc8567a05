"""Reported speech without marks: clause complements, trailing cues, "according to", listed points
after a colon, and the noun-phrase and interposed-tag patterns of patterns.py."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .attribution_settings import (
    MIN_INDIRECT_TOKENS, MIN_OBJECT_WORDS, TRAILING_CUE_TOKENS, TRAILING_MIN_WORDS
)
from .clauses import (
    Covered, Quote, complement_last, inside, join_ranges, listed_cue, mention_range, overlap,
    quoted_as_saying, subject_of, tokens_in, trim, word_count
)
from .cues import FINITE_TAGS, SUBJECT_DEPS, WRITER_PRONOUNS, cues, is_speech, plausible_source, speaks_through
from .marks import ALL_MARKS
from .nlp import Parsed, past_dateline, sent_of, text_of
from .patterns import candidates, voiced
def find_indirect(parsed: Parsed, used_cues: set[int], covered: Covered, quoted: list[tuple[int, int]]):
    """Reported speech without marks: 'X said (that) CLAUSE', 'CLAUSE, X said', 'according to X, CLAUSE'."""
    doc = parsed.doc
    for tok in doc:
        if tok.i in used_cues or inside(tok, covered):
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
        if not is_speech(tok) or (not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
                                   and (tok.tag_ == "VBN" or tok.i == sent_of(tok).start and tok.tag_ != "VBG")):
            continue                                   # 'Asked whether…, she replied': the asker is not named
        listed = _listed_after(parsed, tok)
        if listed:
            subj = subject_of(tok)
            if subj is not None and plausible_source(subj) and subj.lower_ not in WRITER_PRONOUNS:
                for start, end in listed:
                    if overlap((start, end), covered) == 0:
                        yield _reported(parsed, tok, subj, start, end, covered, quoted, rule="listed_after_colon")
            continue
        # 'CLAUSE, the sources said.': the whole clause before the comma, however the parser split it
        trailing = _trailing_clause(tok)
        comps = [] if trailing else _complements(tok)
        if not comps and trailing is None:
            continue
        subj = subject_of(tok)
        if subj is None or inside(subj, covered) or not speaks_through(tok, subj) \
                or inside(subj, parsed.datelines) or subj.lower_ in WRITER_PRONOUNS:
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
        if overlap((start, end), covered) > 0.5:
            continue
        yield _reported(parsed, tok, subj, start, end, covered, quoted,
                        rule="clause_trailing_cue" if trailing else "clause_complement")


def from_patterns(parsed: Parsed, used_cues: set[int], covered: Covered, quoted: list[tuple[int, int]]):
    """Noun-phrase reports ('denied the allegations', 'called for an inquiry') proposed by the
    patterns of patterns.py, best first; a candidate whose cue or words another quote holds loses."""
    for c in candidates(parsed):
        if c.cue.i in used_cues or inside(c.cue, covered) or overlap((c.start, c.end), covered) > 0:
            continue
        if word_count(text_of(parsed.doc)[c.start:c.end]) < MIN_OBJECT_WORDS:
            continue
        subj = c.source or subject_of(c.cue)
        if subj is None or not (plausible_source(subj) or subj.pos_ == "NOUN" and voiced(c.rule)) \
                or subj.lower_ in WRITER_PRONOUNS \
                or inside(subj, covered) or inside(subj, parsed.datelines):
            continue
        used_cues.add(c.cue.i)
        q = _reported(parsed, c.cue, subj, c.start, c.end, covered, quoted, rule=c.rule)
        if c.kind:
            q.kind = c.kind
        if len(c.ranges) > 1:                          # a tag inside the clause: its words are not content
            first = (past_dateline(parsed.datelines, c.ranges[0][0]), c.ranges[0][1])
            q.content = [trim(parsed.doc, s, e) for s, e in (first, *c.ranges[1:])]
            q.text = join_ranges(parsed.doc, q.content)
        yield q


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


def _reported(parsed: Parsed, cue: Token, subj: Token, start: int, end: int, covered: Covered,
              quoted: list[tuple[int, int]], mention: tuple[int, int] | None = None, rule: str = "") -> Quote:
    """An indirect quote over doc[start:end] (past any dateline); mixed when it carries quoted words."""
    doc = parsed.doc
    start = past_dateline(parsed.datelines, start)
    inner = [(s, e) for s, e in covered if start <= s and e <= end] if overlap((start, end), covered) else []
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
    if subj is None or not plausible_source(subj) or inside(subj, covered) or inside(subj, parsed.datelines):
        return None
    start, end = trim(doc, tok.nbor(1).idx + len(tok.nbor(1)), sent.end_char)
    span = tokens_in(doc, start, end)
    if span is None or sum(1 for t in span if not t.is_punct) < MIN_INDIRECT_TOKENS \
            or overlap((start, end), covered) > 0.5:
        return None
    lo, hi = mention_range(subj)
    last = doc[tok.i - 1]
    return _reported(parsed, tok, subj, start, end, covered, quoted, (lo, min(hi, last.idx + len(last))),
                     rule="clause_noun_tagged_cue")


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


def _holds_clause(tok: Token) -> bool:
    """'said legalizing it could…' parsed as an xcomp 'legalizing' governing the clause's verb: a
    finite verb with its own subject somewhere below the gerund."""
    return any((t.tag_ in FINITE_TAGS or any(c.tag_ == "MD" for c in t.children))
               and any(c.dep_ in SUBJECT_DEPS for c in t.children)
               for t in tok.subtree if t.i != tok.i)


def _according_to(parsed: Parsed, tok: Token, covered: Covered, quoted: list[tuple[int, int]]) -> Quote | None:
    doc = parsed.doc
    to = tok.nbor(1)
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    sent = sent_of(tok)
    phrase_end = src.right_edge.idx + len(src.right_edge)
    if tok.idx <= sent.start_char + 1:
        start, end = trim(doc, phrase_end, sent.end_char)
    else:
        start, end = trim(doc, sent.start_char, tok.idx)
    if overlap((start, end), covered) > 0.5 or word_count(text_of(doc)[start:end]) < MIN_INDIRECT_TOKENS:
        return None
    return _reported(parsed, tok, src, start, end, covered, quoted, rule="according_to")
