"""Sense checks: whether a lexicon match is the loaded sense of its entry, read off the parse.

Each entry may name one check (`sense`) and carry neighbour rules (`not_with`, `not_before`,
`not_after`); `accept` runs them all.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Span, Token

from .nlp import entity_of, sent_of, text_of
from .voice import CLOSE_MARKS, OPEN_MARKS

if TYPE_CHECKING:
    from .lexicon import Lexicon

# Prefixes of a hyphenated compound that oppose the word after them: "anti-fascist", "counter-terrorism"
# name what is opposed, not a label on anybody.
OPPOSING_PREFIXES = {"anti", "counter", "non", "de"}
# Tokens skipped when looking at a match's neighbours ("counter-terrorism", "Odessa, Texas").
NEIGHBOUR_SKIP = {"-", ",", "\u2013"}
# Dependencies that carry what a reporting verb reports.
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Dependencies that make a word modify the noun after it.
MODIFIER_DEPS = {"amod", "compound", "nmod", "advmod", "npadvmod"}
# Entity types that stand for people or places in the sense checks.
PERSON_ENTS = {"PERSON", "NORP", "ORG"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PERSON_PRONOUNS = {"him", "her", "them", "us", "me", "himself", "herself", "themselves"}
# Words before a disputed event that name a sponsor or cast doubt ("a foreign-backed coup").
DISPUTING_WORDS = {"backed", "sponsored", "orchestrated", "inspired", "instigated", "engineered", "staged",
                   "so-called", "called", "illegal", "unconstitutional", "anti-constitutional"}
DISPUTING_WINDOW = 4
# Entity types that are names of laws, works, organisations and events: a capitalised match inside
# one is part of a name ("Prevention of Terrorism Bill", "Evil Dead"), not the outlet's word choice.
NAME_ENTS = {"LAW", "WORK_OF_ART", "ORG", "EVENT", "FAC", "PRODUCT"}
# A sentence is in headline case when at least this share of its words longer than
# HEADLINE_MIN_LETTERS letters are capitalised, and there are at least HEADLINE_MIN_WORDS of them.
HEADLINE_MIN_LETTERS = 3
HEADLINE_MIN_WORDS = 4
HEADLINE_SHARE = 0.8
# Small words that stay lower-case in a title ("Lights of the Harbour").
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from", "is"}


def neighbour(span: Span, step: int) -> Token | None:
    """The next (step=1) or previous (step=-1) word, skipping spaces, hyphens and commas."""
    doc = span.doc
    i = span.end if step > 0 else span.start - 1
    while 0 <= i < len(doc) and (doc[i].is_space or doc[i].text in NEIGHBOUR_SKIP):
        i += step
    return doc[i] if 0 <= i < len(doc) else None


def after_opposing_prefix(tok: Token) -> bool:
    """The second half of 'anti-racism', 'counter-terror': the word names what is opposed."""
    doc = tok.doc
    return (tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_
            and not doc[tok.i - 1].whitespace_ and doc[tok.i - 2].lower_ in OPPOSING_PREFIXES)


def _context_words(span: Span) -> set[str]:
    """Lemmas and forms of the words that modify the match or that it modifies."""
    root = span.root
    near: list[Token] = []
    for child in root.children:
        if child.i < span.start or child.i >= span.end:
            near.append(child)
            near.extend(g for g in child.children if g.dep_ in ("compound", "amod", "pobj"))
            if child.dep_ == "prep":
                near.extend(g for g in child.children if g.dep_ == "pobj")
    if root.dep_ in MODIFIER_DEPS or root.dep_ == "amod":
        near.append(root.head)
    for step in (1, -1):
        t = neighbour(span, step)
        if t is not None:
            near.append(t)
    return {w for t in near for w in (t.lemma_.lower(), t.lower_)}


def _objects(tok: Token) -> list[Token]:
    """What a verb acts on (object, passive subject) or what a noun is 'of'."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    if tok.dep_ in ("amod", "acl") and tok.head.i != tok.i:
        out.append(tok.head)
    for c in list(out):
        out.extend(x for x in c.children if x.dep_ == "conj")
    return out


# Entity types and pronouns of agents: people, groups, bodies and states.
AGENT_ENTS = {"PERSON", "NORP", "ORG", "GPE"}
AGENT_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who", "him", "her", "them", "us"}


@functools.cache
def _people() -> frozenset[str]:
    """Nouns for people and bodies, as the lexicon and the quotes layer know them."""
    from .lexicon import lexicon
    from .quotes import cues
    found = cues()
    return frozenset(lexicon().person_nouns | found["people"] | found["bodies"])


def is_agent(tok: Token) -> bool:
    """A person, group, body or state: by entity type, pronoun or a noun for people."""
    return (tok.ent_type_ in AGENT_ENTS or tok.lower_ in AGENT_PRONOUNS or tok.lemma_.lower() in _people()
            or any(c.dep_ == "compound" and c.ent_type_ in AGENT_ENTS for c in tok.children))


def _is_person(tok: Token, lex: Lexicon) -> bool:
    return (tok.ent_type_ in PERSON_ENTS or tok.lower_ in PERSON_PRONOUNS
            or tok.lemma_.lower() in lex.person_nouns or tok.lower_ in lex.person_nouns)


def _sense_government(span: Span, lex: Lexicon) -> bool:
    # "regime" for a government; the non-government uses (visa, sanctions, tax regime) are
    # rejected through the entry's not_with list, and so is a regime named for its matter ("the
    # oilseeds regime", "a detention regime") or of something ("a regime of spot checks"); "regime" as a
    # modifier is left out ("regime change" is handled by not_before).
    root = span.root
    if any(c.dep_ == "compound" and c.pos_ == "NOUN" and not is_agent(c) for c in root.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" and not any(is_agent(g) for g in c.children if g.dep_ == "pobj")
           for c in root.children):
        return False                                   # "a regime of spot checks", not "a regime of generals"
    return root.pos_ in ("NOUN", "PROPN")


def _doubting_noun(root: Token) -> bool:
    # The noun for somebody's statement: "his claim that ...", "Smith's claims", "claims by the
    # party". A claim with no statement and no claimant is the legal or business sense
    # ("insurance claims", "asylum claims", "a claim for damages"), and so is one named for its matter
    # ("her discrimination claims", "their injury claims"), whoever makes it.
    if any(c.dep_ == "compound" and c.pos_ == "NOUN" and not is_agent(c) for c in root.children):
        return False
    for c in root.children:
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return True
        if c.dep_ == "poss" and is_agent(c):
            return True
        if c.dep_ == "prep" and c.lower_ == "by" and any(is_agent(g) for g in c.children if g.dep_ == "pobj"):
            return True
    nxt = neighbour(root.doc[root.i:root.i + 1], 1)
    return nxt is not None and nxt.lower_ == "that" and nxt.dep_ in ("mark", "nsubj", "dobj")


def _sense_reporting_verb(span: Span, lex: Lexicon) -> bool:
    # "claims that ...", "claimed to be ...": a verb reporting a statement. Not the noun
    # ("insurance claims") nor "claimed responsibility / lives / victory".
    root = span.root
    if root.pos_ == "NOUN":
        return _doubting_noun(root)
    if root.pos_ not in ("VERB", "AUX"):
        return False
    # A finite verb without a subject is a noun the tagger got wrong ("Addressing claims that ...").
    if root.tag_ in ("VBZ", "VBP", "VBD") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.pos_ != "VERB"
                                                      for c in root.children):
        return False
    # A document or a filing that claims ("a lawsuit claiming he was fired", "the suit claims") states
    # its case: the legal sense, not the outlet doubting a speaker.
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if root.dep_ == "acl" and root.head.pos_ == "NOUN" and not is_agent(root.head):
        return False
    # "filed a complaint with the commission claiming ...": a participle without a subject of its
    # own, after a filing in the same sentence, is that filing's case.
    if subject is None and root.tag_ == "VBG" and any(
            t.pos_ == "NOUN" and t.lemma_.lower() in lex.filing_nouns for t in root.doc[sent_of(root).start:root.i]):
        return False
    if subject is not None and subject.pos_ == "NOUN" and not is_agent(subject):
        return False
    if any(c.dep_ in CLAUSE_DEPS for c in root.children):
        return True
    # "..., he claimed." / "as he claims": the verb is attached to the clause it reports.
    if root.dep_ in ("parataxis", "advcl") and any(c.dep_ in ("nsubj",) for c in root.children):
        return not any(c.dep_ == "dobj" for c in root.children)
    nxt = neighbour(span, 1)
    return nxt is not None and nxt.lower_ == "that"


def _sense_person_object(span: Span, lex: Lexicon) -> bool:
    # "neutralised three militants", "he was eliminated": killing people, not threats or costs, nor
    # an organisation or institution done away with ("eliminating the county board").
    def person(t: Token) -> bool:
        return t.ent_type_ != "ORG" and _is_person(t, lex)
    if any(person(t) for t in _objects(span.root)):
        return True
    # passive with a person subject: "the commander was neutralised"
    return any(c.dep_ == "nsubjpass" and person(c) for c in span.root.children)


def _sense_person_label(span: Span, lex: Lexicon) -> bool:
    # "terrorists", "a terrorist group": a label on people. As a modifier of an act
    # ("terrorist attacks", "a terrorist plot") the word names the kind of act, a description.
    root = span.root
    if root.dep_ not in MODIFIER_DEPS or root.head.i <= root.i:
        return True
    return _is_person(root.head, lex)


def _sense_territory(span: Span, lex: Lexicon) -> bool:
    # "liberated the village" (military capture), not "women's liberation" or "liberated prisoners".
    for t in _objects(span.root):
        if t.ent_type_ in PLACE_ENTS or t.lemma_.lower() in lex.territory_nouns:
            return True
    return False


def _sense_migration(span: Span, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.migration_words or t.lemma_.lower() in lex.migration_words
               for t in sent_of(span[0]))


def _sense_modifier(span: Span, lex: Lexicon) -> bool:
    # An adjective before a noun ("failed counteroffensive", "supposed victims"), not a verb
    # ("the talks failed", "was supposed to").
    root = span[-1]
    nxt = neighbour(span, 1)
    if nxt is not None and nxt.lower_ == "to":
        return False
    if root.dep_ in MODIFIER_DEPS and root.head.i > root.i:
        return True
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and root.tag_ in ("JJ", "VBN")


def _sense_modifier_next(span: Span, lex: Lexicon) -> bool:
    # "all-out war" (before a noun), not "they went all out".
    nxt = neighbour(span, 1)
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ")


def _sense_country_name(span: Span, lex: Lexicon) -> bool:
    # "the Gambia" as a country name, not "the Gambia war" (where "the" goes with "war").
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.text in ("-", "\u2013"))


def _sense_doubting_adverb(span: Span, lex: Lexicon) -> bool:
    # "allegedly", "supposedly" doubt a statement ("it allegedly reached a deal", "the demonstrators
    # are, ostensibly, protesting"). On the act of a person a clause describes ("the man who allegedly
    # opened fire", "arrested for allegedly shoving", "the allegedly stolen car") the word is the legal
    # hedge news style requires for what a suspect is charged with, not the outlet's doubt. On a plain
    # adjective before a noun ("supposedly minor changes") it doubts a quality: the outlet's doubt.
    head = span.root.head
    if head.i == span.root.i:
        return True
    if head.dep_ == "amod":
        return head.tag_ not in ("VBN", "VBG")
    return not (head.dep_ in ("relcl", "pcomp", "acl") or head.dep_ == "pobj" and head.pos_ == "VERB")


def _sense_disputed(span: Span, lex: Lexicon) -> bool:
    # "coup" is the loaded framing when the outlet marks the event as disputed: in quotation marks,
    # or credited to a sponsor ("a foreign-backed coup"); "a military coup in 2021" is a plain fact.
    text = text_of(span.doc)
    before = text[max(0, span.start_char - 2):span.start_char]
    after = text[span.end_char:span.end_char + 2]
    if any(c in OPEN_MARKS for c in before) and any(c in CLOSE_MARKS for c in after):
        return True
    window = span.doc[max(0, span.start - DISPUTING_WINDOW):span.start]
    return any(t.lower_ in DISPUTING_WORDS for t in window)


def title_case(text: str) -> bool:
    """'Lights of the Harbour', 'QUIET NIGHTS AT SEA': every word capitalised except small words."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text)]
    big = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


SENSES: dict[str, Callable[[Span, Lexicon], bool]] = {
    "government": _sense_government,
    "reporting_verb": _sense_reporting_verb,
    "person_object": _sense_person_object,
    "person_label": _sense_person_label,
    "territory": _sense_territory,
    "migration": _sense_migration,
    "modifier": _sense_modifier,
    "modifier_next": _sense_modifier_next,
    "country_name": _sense_country_name,
    "disputed": _sense_disputed,
    "doubting_adverb": _sense_doubting_adverb,
}


def headline_case(tok: Token) -> bool:
    """Whether the sentence of `tok` is set in title case, as headlines are ('Senator Slams New
    Rules'): there a capital letter says nothing about names. Cached per sentence."""
    sent = sent_of(tok)
    cache = tok.doc.user_data.setdefault("quotetrail.headline_case", {})
    if sent.start not in cache:
        big = [t for t in sent if t.is_alpha and len(t) > HEADLINE_MIN_LETTERS]
        cache[sent.start] = (len(big) >= HEADLINE_MIN_WORDS
                             and sum(t.is_title for t in big) >= HEADLINE_SHARE * len(big))
    return cache[sent.start]


def _inside_a_name(span: Span) -> bool:
    """A capitalised match inside a longer name of a law, work, organisation or event."""
    words = [t for t in span if t.is_alpha]
    if headline_case(span[0]):
        return False
    if not words or not all(t.is_title or t.is_upper for t in words) or span.start == sent_of(span[0]).start:
        return False
    ent = entity_of(span[0])
    if ent is not None and ent.start <= span.start and span.end <= ent.end and span[0].ent_type_ in NAME_ENTS \
            and len(ent) > len(span):
        return True
    # Capitalised neighbours on both sides: a title the parser did not tag.
    prev, nxt = neighbour(span, -1), neighbour(span, 1)
    return (prev is not None and nxt is not None and prev.is_title and nxt.is_title
            and prev.i != sent_of(span[0]).start)


def _capitalised_as_name(span: Span, entry: dict) -> bool:
    """A term the lexicon writes in lower case, every word capitalised in mid-sentence: a title or
    a name ('the hit singles Time Is Running Out, Hysteria'), not the outlet's judgement."""
    if any(ch.isupper() for ch in entry["term"]) or span.start == sent_of(span[0]).start or headline_case(span[0]):
        return False
    prev = neighbour(span, -1)
    if prev is not None and (prev.is_punct and prev.text not in ",;" or prev.is_upper and len(prev) > 1):
        return False                                   # after a colon, dash or mark; or in a capitals line
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_title and not t.is_upper for t in words)


def accept(span: Span, entry: dict, lex: Lexicon) -> bool:
    """Whether a match is the loaded sense of the entry (part of speech, neighbours, parse)."""
    pos = entry.get("pos")
    if pos and span.root.pos_ not in pos:
        return False
    if after_opposing_prefix(span[0]):
        return False                                   # "anti-fascist": what is opposed, not a label
    if entry["category"] != "contested_name" and (_inside_a_name(span) or _capitalised_as_name(span, entry)):
        return False
    if entry.get("not_before"):
        nxt = neighbour(span, 1)
        if nxt is not None and nxt.lower_ in entry["not_before"]:
            return False
    if entry.get("not_after"):
        prev = neighbour(span, -1)
        if prev is not None and prev.lower_ in entry["not_after"]:
            return False
    if entry.get("not_with") and _context_words(span) & set(entry["not_with"]):
        return False
    sense = entry.get("sense")
    return sense is None or SENSES[sense](span, lex)



def clear_caches() -> None:
    _people.cache_clear()
