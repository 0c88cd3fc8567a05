"""The reporting lexicon (data/cues.json) and the word-level tests built on it: is this a verb of
saying, can this subject have said something."""
from __future__ import annotations

import functools
import json
from importlib import resources

from spacy.tokens import Token

from .people import WRITER_PRONOUNS  # noqa: F401  (re-exported: the writer's pronouns live in people.json)

# Subject dependencies that name who speaks.
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


SENTENCE_END = {".", "!", "?"}



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
            "reports": set(raw["report_nouns"]), "quantity": set(raw["quantity_nouns"]),
            "voice": set(raw["voice_verbs"])}


def is_speech(tok: Token, allow_weak: bool = False) -> bool:
    c = cues()
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma == "point" and not any(c.lower_ == "out" for c in tok.children):
        return False
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) \
            and any(c.dep_ == "xcomp" for c in tok.children) and agent_of(tok) is None:
        return False                                   # 'are thought to contribute': hearsay, nobody speaks
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ == "to" and tok.doc[tok.i - 2].lower_ in ("if", "though"):
        return False                                   # 'as if to say "…"': a look, not a statement
    return lemma in c["speech"] or (allow_weak and lemma in c["weak"])


def plausible_source(tok: Token) -> bool:
    """Can this subject have said something? Names, personal pronouns, people and bodies."""
    lower = tok.lower_
    if tok.dep_ == "nsubjpass" and lower in ("it", "this", "that"):
        return False                                   # 'it was said that': nobody in particular
    if tok.tag_ in ("WDT",) or lower in ("which", "what", "there"):
        return False
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if tok.is_title and tok.pos_ == "NOUN" and (not tok.is_sent_start or not any(c.dep_ == "det" for c in tok.children)):
        return True                                    # a name the tagger read as a common noun

    lemma = tok.lemma_.lower()
    c = cues()
    if lemma in c["people"] or lemma in c["bodies"] or lemma in c["reports"] or is_age(tok):
        return True
    if lemma in c["quantity"] or lower in c["quantity"]:
        return True                                    # 'most said', '47 percent say': a share of people
    if tok.tag_ == "NNS" or tok.pos_ == "NUM":
        return True                                    # 'organizers say', 'the two said': people in the plural
    # 'the management of the firm', 'one in four voters': a part of somebody who can speak
    return any(p.dep_ == "prep" and p.lower_ in ("of", "in", "at") and any(
        g.dep_ == "pobj" and g.i != tok.i and plausible_source(g) for g in p.children) for p in tok.children)


def speaks_through(verb: Token, subj: Token) -> bool:
    """Can `subj` have said what `verb` reports? A plausible source, or any common noun as the subject
    of a verb only a voice does ('the actress said she …'; 'the rise indicates …' stays out)."""
    return plausible_source(subj) or (subj.pos_ == "NOUN" and verb.lemma_.lower() in cues()["voice"])


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None
