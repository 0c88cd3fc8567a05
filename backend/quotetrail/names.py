"""How a person or body is named in the text: the words of a name without its titles, the run of
proper nouns a recogniser missed, a comma that joins two names, and the key under which the
mentions of one name meet."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from .cues import cues
from .people import NAME_SUFFIXES, TITLE_WORDS

_POSSESSIVE = re.compile(r"[\u2019']s$")


@functools.cache
def titles() -> frozenset[str]:
    """Words that stand before a name without being part of it: ranks and forms of address, and
    any noun for a person by role ('Foreign Minister Ana Ruiz', 'campaign manager Jo Lee')."""
    return TITLE_WORDS | frozenset(cues()["people"])


def is_title(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in titles()


def comma_cut(span: Span) -> Span:
    """The tagger sometimes runs two names together across a comma ("with Reuters, Morel said"):
    when the parse hangs the parts in different places (more than one token's head lies outside
    the span), keep the part that holds the span's head. One name with a comma in it
    ("Goldman, Sachs and Co.") is one subtree and stays whole."""
    cut = [t.i for t in span if t.text == ","]
    if not cut or sum(1 for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i) < 2:
        return span
    root = span.root
    bounds = [span.start - 1] + cut + [span.end]
    for lo, hi in zip(bounds, bounds[1:]):
        if lo < root.i < hi:
            return span.doc[lo + 1:hi]
    return span


def verb_cut(span: Span) -> Span:
    """A title-case headline runs a name into the verb after it ('Ana Ruiz Blasts Critics Over Vote',
    'Jo Lee Can Win', 'Okafor Will Not Back Down'): the name stops before the first word tagged as
    a verb, a modal or a negation that the tagger did not also take for a proper noun. The first word
    always stays ('Will Lee')."""
    for tok in span[1:]:
        if (tok.tag_.startswith("VB") or tok.tag_ == "MD" or tok.tag_ == "RB" and tok.pos_ == "PART") \
                and tok.pos_ != "PROPN":
            return span.doc[span.start:tok.i]
    return span


def proper_noun_run(tok: Token) -> Span:
    """The proper nouns compounded onto `tok` from the left: a name the recogniser missed."""
    lo = tok.i
    while lo > 0 and tok.doc[lo - 1].pos_ == "PROPN" and tok.doc[lo - 1].dep_ == "compound":
        lo -= 1
    return tok.doc[lo:tok.i + 1]


def clean_name(span: Span) -> list[Token]:
    """The name's own words: no titles, articles or punctuation."""
    span = comma_cut(span)
    toks = [t for t in span if not t.is_punct and t.lower_ != "the" and any(c.isalpha() for c in t.text)]
    # a name after a title is the person's, whatever comes before the title: "Eastfield Labour
    # Councillor Jo Lee" is Jo Lee (a title as the last word stays: "Dana Bishop")
    cut = max((i for i, t in enumerate(toks[:-1]) if is_title(t) and not is_title(toks[i + 1])), default=-1)
    rest = [t for t in toks[cut + 1:] if t.lower_.rstrip(".") not in NAME_SUFFIXES]
    if cut > 0 and len(rest) >= 2 and all(t.is_title and not is_title(t) for t in rest):
        toks = toks[cut + 1:]
    # titles go, except a last word after a name: "Foreign Minister Julie Bishop" keeps her surname
    named = [not is_title(t) for t in toks]
    toks = [t for i, t in enumerate(toks) if named[i] or (i == len(toks) - 1 and any(named[:i]) and t.is_title)]
    return toks or list(span)


def name_text(toks: list[Token]) -> str:
    return _POSSESSIVE.sub("", " ".join(t.text for t in toks)).strip()


def org_name(span: Span) -> str:
    """An organisation's name as the text gives it, without a leading 'the' or a possessive."""
    name = comma_cut(span).text.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return _POSSESSIVE.sub("", name)


def name_parts(name: str) -> tuple[list[str], str | None]:
    """The words people are called by and the generational suffix ('Abdullah II', 'Ana Ruiz Jr')."""
    parts = name.split()
    suffix = None
    while len(parts) > 1 and parts[-1].lower().rstrip(".,") in NAME_SUFFIXES:
        suffix = parts[-1].lower().rstrip(".,")
        parts = parts[:-1]
    return parts, suffix


def name_behind(tok: Token) -> Token:
    """The name a misparsed subject stands next to: a title before a name ('recalled Mr. Lee', 'Marine
    Corps 2nd Lt. Jo Lee said': the title and what comes before it are not the speaker) or a party
    and state in brackets after one ('Gov. Jo Lee (R-Ohio) said'). The name's last word, else `tok`."""
    doc = tok.doc
    i, titled = tok.i + 1, is_title(tok)
    while i < len(doc) and (is_title(doc[i]) or doc[i].text == "." and is_title(doc[i - 1]) and len(doc[i - 1]) <= 4) \
            and not doc[i].is_space:
        i, titled = i + 1, True                        # 'Lt', '.' when the tokenizer parts an abbreviation
    if titled and i < len(doc) and i > tok.i and not doc[i].is_upper and not is_title(doc[i]) \
            and (doc[i].ent_type_ == "PERSON" or doc[i].pos_ == "PROPN"):
        j = i
        while j + 1 < len(doc) and (doc[j + 1].ent_iob_ == "I" and doc[j + 1].ent_type_ == "PERSON"
                                    or doc[j + 1].pos_ == "PROPN" and not doc[j + 1].is_upper):
            j += 1
        return doc[j]
    opener = next((doc[k] for k in range(tok.i - 1, max(-1, tok.i - 5), -1) if doc[k].text in ("(", ")")), None)
    if opener is not None and opener.text == "(" and opener.i > 0 \
            and any(t.text == ")" for t in doc[tok.i + 1:tok.i + 5]):
        before = doc[opener.i - 1]
        if before.ent_type_ == "PERSON" or before.pos_ == "PROPN" and not before.is_upper:
            return before
    return tok
