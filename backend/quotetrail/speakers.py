"""Speaker mentions -> canonical speakers: each quote's subject read as a name (mentions.py), a
pronoun (antecedents.py), a document that speaks for whoever issued it, or a description
(descriptions.py), linked within one article."""
from __future__ import annotations

from spacy.tokens import Token

from . import antecedents as ante
from .attribution_settings import PRONOUN_REACH
from .clauses import Quote, mention_range
from .cues import agent_of, cues, is_age
from .descriptions import collect_descriptions, described
from .mentions import Registry, Speaker
from .names import clean_name, is_title, name_behind, name_text, proper_noun_run
from .nlp import Parsed, entity_of
from .people import GROUP_PRONOUNS, ISSUE_VERBS, PERSON_PRONOUNS, WRITER_PRONOUNS, pronoun_gender
from .tags import name_before_cue, name_lead, tag_subject

__all__ = ["Speaker", "mention_of", "resolve"]


def resolve(parsed: Parsed, quotes: list[Quote], trace: dict[str, str] | None = None) -> list[Speaker]:
    """Give each quote a speaker id; return the speakers who said something, in order of first quote.
    `trace`, when given, gets the way each quote's speaker was found, by quote id (for sampling)."""
    trace = {} if trace is None else trace
    doc = parsed.doc
    reg = Registry(doc, [r for q in quotes if q.kind == "direct" for r in q.content], parsed.datelines)
    last: tuple[int, str] | None = None
    replaced: set[int] = set()                         # subjects the quote layer handed on that a tag replaced
    for q in sorted(quotes, key=lambda q: q.start):
        key = None
        how: list[str] = []
        if q.inherited:
            tag, way = name_lead(parsed, q), "name_lead"   # 'Roe on the vote: ‘…’': the lead's name, not the vote's
            if tag is None:
                tag, way = tag_subject(parsed, q), "tag"
            if tag is not None:                        # '"…?" Okafor pressed.': not the speaker before
                if q.subject is not None:
                    replaced.add(q.subject.i)
                q.subject, q.mention, q.inherited = tag, None, False
                how.append(way)
        elif q.subject is None:
            named = name_before_cue(doc, q)
            if named is not None:                      # '"…," Okafor, the frontrunner…, said'
                q.subject = named
                how.append("tag_name")
        if not how and q.cue is not None and q.cue.idx < q.start:
            lead = name_lead(parsed, q)
            if lead is not None and lead.i > q.cue.i:  # 'Economists differ - Jo Lee: “…”': Jo Lee's
                q.subject, q.mention = lead, None
                how.append("name_lead")
        subj = q.subject
        if q.inherited and last is not None and (subj is None or subj.i in replaced):
            key = last[1]                              # it continues the quote before, as that one was resolved
            how.append("continued")
        elif subj is not None and how[-1:] == ["name_lead"]:
            key = _lead_name(reg, subj)
        elif subj is not None:
            key = _resolve_token(reg, subj, q, last, how)
        if key is None:
            continue
        trace[q.id] = "/".join(how)
        q.speaker_id = key
        anchor = subj.idx if subj is not None else q.start
        last = (anchor, key)

    used: dict[str, Speaker] = {}
    for q in sorted(quotes, key=lambda q: q.start):
        if q.speaker_id is None:
            continue
        sp = reg.speakers[q.speaker_id]
        used.setdefault(sp.key, sp)
        sp.quote_ids.append(q.id)
    for n, sp in enumerate(used.values(), 1):
        sp.id = f"s{n}"
        collect_descriptions(reg, sp)
    for q in quotes:
        if q.speaker_id is not None:
            q.speaker_id = reg.speakers[q.speaker_id].id
    return list(used.values())


def _resolve_token(reg: Registry, tok: Token, q: Quote, last: tuple[int, str] | None, how: list[str]) -> str | None:
    behind = name_behind(tok)
    if behind is not tok:                              # 'recalled Mr. Lee', 'Jo Lee (R-Ohio) said'
        tok = behind
        how.append("name_behind")
    # A name, or a description with a name in apposition ("an adviser to X, Jane Roe, said";
    # "The Lord Chancellor, Lord Falconer, said", where the title is tagged as a name too).
    key = reg.entity_at(tok)
    if tok.ent_type_ != "PERSON":
        named = next((reg.entity_at(c) for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                      and reg.entity_at(c)), None)
        if named:
            reg.speakers[named].descriptions.append((tok.left_edge.idx, tok.idx + len(tok)))
            how.append("apposition")
            return named
    if key:
        how.append("name")
        return key
    # the name may hang on a noun inside the description ("an adviser to the minister, Jane Roe,")
    for child in sorted(tok.subtree, key=lambda t: -t.i):
        if child.dep_ == "appos" and child.i > tok.i:
            key = reg.entity_at(child)
            if key and reg.speakers[key].kind == "person":
                reg.speakers[key].descriptions.append((tok.left_edge.idx, child.head.idx + len(child.head)))
                how.append("apposition")
                return key
    if tok.dep_ == "appos":
        key = reg.entity_at(tok.head)
        if key:
            how.append("apposition")
            return key
    if tok.pos_ == "PROPN" and not is_title(tok):      # "the Salford MP" is a description
        key = _unrecognised_name(reg, tok)
        if key:
            how.append("unrecognised_name")
            return key
    if tok.pos_ == "PRON":
        how.append("pronoun")
        return _pronoun(reg, tok, last)
    issuer = _issuer(reg, tok, q, last, how)
    if issuer is not None:
        return issuer
    if tok.pos_ in ("NOUN", "PROPN") or is_age(tok):
        how.append("description")
        return described(reg, tok, q, last)
    return None


def _lead_name(reg: Registry, tok: Token) -> str | None:
    """The name opening a paragraph before a colon (tags.name_lead), in title case: its words with
    the titles before them, read as a name the body also uses ('Okafor:' is the Ben Okafor named below)."""
    ent = entity_of(tok)
    key = reg.entity_at(tok) if ent is not None and ent.end == tok.i + 1 else None
    if key:
        return key                                     # (not an entity running on past the name into the line)
    lo = tok.i
    while lo > 0 and (tok.doc[lo - 1].is_title or tok.doc[lo - 1].text == ".") and not tok.doc[lo - 1].is_space:
        lo -= 1
    name = name_text(clean_name(tok.doc[lo:tok.i + 1]))
    if not name:
        return None
    if " " in name:
        return reg.person_key(name)
    if "o:" + name.lower() in reg.speakers and name.lower() not in reg.full:
        return "o:" + name.lower()                     # 'Reuters:' as the body names it
    return reg.person_key(name)


def _unrecognised_name(reg: Registry, tok: Token) -> str | None:
    """A name the entity recogniser missed: the run of proper nouns ending at `tok`."""
    run = proper_noun_run(tok)
    toks = clean_name(run)
    name = name_text(toks)
    if not name:
        return None
    if any(is_title(t) for t in run) or len(toks) > 1:
        return reg.person_key(name)
    key = reg.full.get(name.lower()) or "o:" + name.lower()
    if key not in reg.speakers:
        reg.add(key, name, "organisation")
    return key


def _pronoun(reg: Registry, tok: Token, last: tuple[int, str] | None) -> str | None:
    lower = tok.lower_
    if lower in PERSON_PRONOUNS:
        gender = pronoun_gender(lower)
        key = ante.last_subject(reg, tok.idx, last, gender) or ante.salient_person(reg, tok.idx, gender)
        if key and gender:
            reg.gender.setdefault(key, gender)         # "she said" once: never "he" later
        return key
    if lower in GROUP_PRONOUNS:
        if lower == "it":
            return ante.last_org(reg, tok.idx)
        if last and reg.speakers[last[1]].kind in ("organisation", "group") and tok.idx - last[0] < PRONOUN_REACH:
            return last[1]
    return None


def _issuer(reg: Registry, tok: Token, q: Quote, last: tuple[int, str] | None, how: list[str]) -> str | None:
    """'A statement said', 'his tweet read', 'a letter from the union': a document or post speaks
    for whoever issued it. That is its owner ('Roe's statement', 'an Okafor tweet', 'an email sent by
    Roe'), or for 'the statement' the issuer of that statement named before. A document with neither
    stays a description: a wrong person would be worse than none."""
    lemma = tok.lemma_.lower()
    c = cues()
    if tok.pos_ != "NOUN" or lemma not in c["nouns"] | c["reports"]:
        return None
    owner = _owner(tok)
    if owner is not None:
        how.append("issuer")
        return _resolve_token(reg, owner, q, last, how)
    earlier = _issued_before(tok)
    if earlier is not None:
        how.append("issuer_before")
        return _resolve_token(reg, earlier, q, last, how)
    return None


def _issued_before(doc_noun: Token) -> Token | None:
    """'Ana Ruiz said in a statement … The statement said': the issuer of the same document
    named earlier, as its owner or as the subject of the clause it was issued in."""
    if not any(c.lower_ in ("the", "this", "that") for c in doc_noun.children):
        return None                                    # 'a statement said': a new one, issuer unknown
    doc, lemma = doc_noun.doc, doc_noun.lemma_.lower()
    for tok in reversed(doc[:doc_noun.i]):
        if doc_noun.idx - tok.idx > PRONOUN_REACH:
            break
        if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
            continue
        owner = _owner(tok)
        if owner is not None:
            return owner
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through", "via"):
            verb = tok.head.head                       # 'said in a statement'
        elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in ISSUE_VERBS:
            verb = tok.head                            # 'issued a statement' (not 'mentioned a letter')
        else:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None and subj.pos_ in ("PROPN", "PRON", "NOUN") and subj.lower_ not in WRITER_PRONOUNS \
                and subj.lemma_.lower() != lemma:
            return subj
        return None                                    # the nearest earlier mention decides
    return None


def _owner(doc_noun: Token) -> Token | None:
    """Who issued a document: 'Roe's statement', 'an Okafor tweet', 'a letter from the union', 'an
    email sent by Roe', 'Roe released an ad that…'."""
    for child in doc_noun.children:
        owner = None
        if child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN":
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
            owner = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # 'an email sent by Roe', 'a letter sent to the board and signed by Roe'
            owner = next((a for v in [child, *(c for c in child.children if c.dep_ == "conj")]
                          if (a := agent_of(v)) is not None), None)
        if owner is not None and owner.pos_ in ("PROPN", "PRON", "NOUN"):
            return owner
    verb = doc_noun.head
    if doc_noun.dep_ == "dobj" and verb.lemma_.lower() in ISSUE_VERBS:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("PROPN", "PRON", "NOUN") and subj.lower_ not in WRITER_PRONOUNS:
            return subj
    return None


def mention_of(quote: Quote) -> tuple[int, int] | None:
    if quote.mention is not None:
        return quote.mention
    if quote.subject is not None and not quote.inherited:
        return mention_range(quote.subject)
    return None
