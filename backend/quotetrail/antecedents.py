"""Who a pronoun or a description points back to: the subject the text was following, the person
the story is most about, the organisation just named, the person carrying a title. Each lookup
reads the registry of mentions and stays within PRONOUN_REACH characters."""
from __future__ import annotations

from .attribution_settings import PRONOUN_REACH
from .mentions import Registry
from .nlp import ents_of


def fits(reg: Registry, key: str, gender: str | None) -> bool:
    """Does what the text has shown of this person's gender allow the pronoun's?"""
    known = reg.gender.get(key)
    return gender is None or known is None or known == gender


def salient_person(reg: Registry, before: int, gender: str | None = None) -> str | None:
    """The person the story is most about up to `before` (or in the whole text if none yet)."""
    counts: dict[str, int] = {}
    pool = [k for c, k in reg.persons if c < before] or [k for _, k in reg.persons]
    pool = [k for k in pool if fits(reg, k, gender)]
    for k in pool:
        counts[k] = counts.get(k, 0) + 1
    return max(counts, key=lambda k: (counts[k], -pool.index(k))) if counts else None


def last_subject(reg: Registry, before: int, last_speaker: tuple[int, str] | None,
                 gender: str | None = None) -> str | None:
    """The latest person who was a main clause's subject, or the last speaker, before `before`."""
    cands = [(c, k) for c, k in reg.subjects if before - PRONOUN_REACH < c < before]
    if last_speaker and before - PRONOUN_REACH < last_speaker[0] < before:
        cands.append(last_speaker)
    cands = [(c, k) for c, k in cands if k.startswith("p:") and fits(reg, k, gender)]
    return max(cands)[1] if cands else None


def last_org(reg: Registry, before: int, subjects_only: bool = False) -> str | None:
    """The organisation 'it' or 'the company' most likely means: the latest one that was a
    subject, else the latest one named."""
    subj = [(c, k) for c, k in reg.org_subjects if before - PRONOUN_REACH < c < before]
    if subj or subjects_only:
        return max(subj)[1] if subj else None
    cands = [(c, k) for c, k in reg.orgs if before - PRONOUN_REACH < c < before]
    return max(cands)[1] if cands else None


def unnamed_before(reg: Registry, lemma: str, before: int) -> str | None:
    """The latest unnamed speaker described with this noun ("a senior aide") before `before`."""
    hits = [key for c, lem, key in reg.unnamed if lem == lemma and before - PRONOUN_REACH < c < before]
    return hits[-1] if hits else None


def titled(reg: Registry, lemma: str | None, before: int, qualifiers: frozenset[str] = frozenset()) -> str | None:
    """The person named with this title ("Chief executive Jane Roe"): the latest before
    `before`, else the first after it (a lead often says "the judge" before naming her).
    Qualifiers ("the Ruritanian president") must appear with the name too; with no title
    (`lemma` None) the qualifiers alone pick the person ("the Chinese leader")."""
    doc = reg.doc
    before_hits, after_hits = [], []
    for ent in ents_of(doc):
        if ent.label_ != "PERSON" or not reg.ent_key.get(ent.start):
            continue
        lo = ent.start
        while lo > 0 and doc[lo - 1].dep_ in ("compound", "amod") and not doc[lo - 1].is_punct:
            lo -= 1
        words = {t.lemma_.lower() for t in doc[lo:ent.end]} | {t.lower_ for t in doc[lo:ent.end]}
        if (lemma is None or lemma in words) and qualifiers <= words:
            (before_hits if ent.start_char < before else after_hits).append(reg.ent_key[ent.start])
    return before_hits[-1] if before_hits else (after_hits[0] if after_hits else None)


def org_named(reg: Registry, lemma: str, quals: frozenset[str] = frozenset()) -> str | None:
    """The organisation whose name holds this noun ("the council" -> "Eastfield Council"), and
    the qualifiers when there are any ("the Tuva government" is not "the palace")."""
    for _, key in reg.orgs:
        words = set(reg.speakers[key].name.lower().split())
        if lemma in words and quals <= words:
            return key
    return None
