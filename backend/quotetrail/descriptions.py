"""Speakers given by a description rather than a name: 'the aide' (the unnamed aide quoted
before), 'the chief executive' (whoever carries that title), 'the company' (the organisation the
story follows), 'a senior official' (an unnamed source of its own); and the descriptions shown with
each speaker (appositions and the titles in front of a name)."""
from __future__ import annotations

import re

from spacy.tokens import Token

from . import antecedents as ante
from .clauses import Quote
from .cues import cues, is_age
from .mentions import Registry, Speaker
from .names import is_title
from .nlp import past_dateline, text_of
from .people import HONORIFICS, PROXY_NOUNS, WORD_GENDER

# A description that says its person is not named is nobody already in the story.
_ANONYMOUS = re.compile(r"not to be (?:named|identified)|anonymity|declined to (?:give|be) (?:\w+ )?(?:name|named)"
                        r"|did not want (?:\w+ )?name", re.I)


def description_range(tok: Token) -> tuple[int, int]:
    """The whole description: 'the head of the palace', 'an adviser to President X'."""
    left, right = tok.left_edge, tok
    for child in tok.rights:
        if child.dep_ in ("prep",) and child.lower_ in ("of", "to", "for", "at", "in"):
            right = child.right_edge
    return left.idx, right.idx + len(right)


def described(reg: Registry, tok: Token, q: Quote, last: tuple[int, str] | None) -> str | None:
    """The speaker a common noun (or an age, 'the 58-year-old') stands for."""
    start, end = description_range(tok)
    start = past_dateline(reg.datelines, start)        # "(CNN)A New York man"
    if q.cue is not None and start < q.cue.idx < end:
        end = start + len(text_of(reg.doc)[start:q.cue.idx].rstrip())   # "the head of the palace assures"
    text = text_of(reg.doc)[start:end]
    definite = any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in tok.children)
    lemma = tok.lemma_.lower()
    person = lemma in cues()["people"] or is_age(tok)
    singular = tok.tag_ in ("NN", "NNP", "JJ", "CD")
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    # "the driver, who asked not to be named": at most the unnamed driver quoted before
    whole = text_of(reg.doc)[tok.left_edge.idx:tok.right_edge.idx + len(tok.right_edge)]
    anonymous = bool(_ANONYMOUS.search(whole))
    owner_key = reg.entity_at(owner) if owner is not None else None
    if owner is not None and (owner.pos_ == "PRON" or owner.ent_type_ == "PERSON"
                              or owner_key and reg.speakers[owner_key].kind == "person"
                              or owner.lower_ in reg.full):
        definite = False                               # "his lawyer", "Roe's spokesman": someone else
    # "the Ruritanian president", "the Tuva government": a qualifier the referent must share
    quals = frozenset(c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")
                      and (c.ent_type_ in ("NORP", "GPE") or c.text[:1].isupper()))
    if definite and singular and person:
        # "the aide": the unnamed aide quoted before; "the chief executive": whoever carries
        # that title; "the Ruritanian leader", "the 58-year-old": the person the story is about
        # A spokeswoman or an aide speaks for someone: never the subject the story follows, only
        # whoever the text named with that noun; the noun's gender ('spokeswoman') must fit.
        proxy, gender = lemma in PROXY_NOUNS, WORD_GENDER.get(tok.lower_)
        key = ante.unnamed_before(reg, lemma, tok.idx) or (None if anonymous else (
            quals and (ante.titled(reg, lemma, tok.idx, quals) or ante.titled(reg, None, tok.idx, quals))
            or ante.titled(reg, lemma, tok.idx) or not proxy and (ante.last_subject(reg, tok.idx, last, gender)
                                                                  or ante.salient_person(reg, tok.idx, gender))))
        if key:
            reg.speakers[key].descriptions.append((start, end))
            return key
    if definite and singular and lemma in cues()["bodies"]:
        key = (ante.org_named(reg, lemma, quals) if quals else ante.unnamed_before(reg, lemma, tok.idx)
               or ante.last_org(reg, tok.idx, subjects_only=True) or ante.org_named(reg, lemma))
        if key:
            reg.speakers[key].descriptions.append((start, end))
            return key
    # An unnamed source or a group: it speaks under its description.
    kind = "group" if tok.tag_ in ("NNS", "NNPS") else ("person" if person else "organisation")
    name = text[4:] if text.lower().startswith("the ") else text
    key = "d:" + name.lower()
    reg.add(key, name, kind)
    reg.speakers[key].mentions.append((start, end))
    if singular:
        reg.unnamed.append((tok.idx, lemma, key))
    return key


def collect_descriptions(reg: Registry, sp: Speaker) -> None:
    """Appositions and titles next to each mention of the speaker."""
    doc = reg.doc
    for start, end in list(sp.mentions):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and not (span.start <= child.i < span.end):
                s, e = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                sp.descriptions.append((s, e))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            h = root.head
            sp.descriptions.append((h.left_edge.idx, h.idx + len(h)))
        # Titles in front of the name: "Ruritanian President Ana Morel".
        lo = span.start
        while lo > 0 and doc[lo - 1].dep_ in ("compound", "amod") and lo - 1 < doc[lo - 1].head.i < span.end \
                and not doc[lo - 1].is_punct:
            lo -= 1
        if lo < span.start and any(t.pos_ in ("NOUN", "PROPN") for t in doc[lo:span.start]):
            # a noun in front ("Ruritanian President"), not a bare adjective ("eastern Ruritania")
            sp.descriptions.append((doc[lo].idx, doc[span.start - 1].idx + len(doc[span.start - 1])))
        title_toks = [t for t in span if is_title(t)]
        if title_toks and title_toks[0].i == span.start:
            last = title_toks[-1]
            sp.descriptions.append((span.start_char, last.idx + len(last)))
    seen, uniq = set(), []
    for r in sorted(sp.descriptions):
        words = re.findall(r"[^\W\d_]+", text_of(doc)[r[0]:r[1]].lower())
        if r in seen or not words or all(w in HONORIFICS for w in words):
            continue                                   # ages alone, "Mr", "Mrs": not descriptions
        seen.add(r)
        uniq.append(r)
    sp.descriptions = uniq
