"""Speaker mentions -> canonical speakers: names, surnames, titles, pronouns and descriptions
("the Ruritanian leader") linked within one article, read off the parse."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .nlp import Parsed, ents_of, entity_of, past_dateline, text_of
from .quotes import Quote, cues, is_age, mention_range

# Titles and honorifics that are part of how a person is named but not of their name.
TITLES = {
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "chancellor", "premier",
    "king", "queen", "prince", "princess", "pope", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "judge", "justice", "general", "gen", "colonel", "col", "captain",
    "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "commander", "chief", "secretary",
    "ambassador", "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
    "lady", "rev", "reverend", "father", "sheikh", "emir", "ayatollah", "archbishop", "bishop",
    "speaker", "leader", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "mp",
    "state", "general", "attorney", "deputy", "coach", "director", "ceo", "chairman", "chairwoman",
    "councillor", "councilor", "alderman", "commissioner", "inspector", "superintendent", "detective",
    "officer", "constable", "sheriff", "baroness", "baron", "earl", "duke", "duchess", "cardinal", "rabbi",
    "imam", "pastor", "chair", "chairperson", "congressman", "congresswoman", "assemblyman",
    "assemblywoman", "lawmaker", "whip", "envoy", "marshal", "brigadier", "corporal", "cpl",
}
PLACE_PREPOSITIONS = {"in", "from", "to", "near", "outside", "around", "across", "into", "at"}
# Last words that make a name a company's, whatever title-like word opens it ("General Cinema Corp").
ORG_SUFFIXES = {"corp", "corporation", "inc", "ltd", "plc", "co", "company", "group", "bank", "motors",
                "holdings", "airlines", "industries", "partners", "llc", "ag", "sa", "gmbh"}
NAME_SUFFIXES = {"jr", "sr", "jnr", "snr", "ii", "iii", "iv", "v", "vi"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f",
                    "lady": "f", "baroness": "f", "duchess": "f", "queen": "f", "king": "m", "prince": "m",
                    "princess": "f", "congresswoman": "f", "congressman": "m", "chairwoman": "f", "chairman": "m",
                    "spokeswoman": "f", "spokesman": "m"}
GROUP_PRONOUNS = {"they", "we", "it"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
# How many characters back a pronoun may reach for its antecedent.
PRONOUN_REACH = 2500
_POSSESSIVE = re.compile(r"[\u2019']s$")


@dataclass(slots=True)
class Speaker:
    id: str
    name: str
    kind: str                                    # person | organisation | group
    key: str
    descriptions: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)


def _comma_cut(span: Span) -> Span:
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


def _main_subject(tok: Token) -> bool:
    """A subject of a main clause: who the story is following. The subject of reported words
    ('the judge said Pratt had shown…') is not; 'he said' next should not reach for it."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ not in ("ccomp", "xcomp", "relcl", "acl", "pcomp")


def _proper_noun_run(tok: Token) -> Span:
    """The proper nouns compounded onto `tok` from the left: a name the recogniser missed."""
    lo = tok.i
    while lo > 0 and tok.doc[lo - 1].pos_ == "PROPN" and tok.doc[lo - 1].dep_ == "compound":
        lo -= 1
    return tok.doc[lo:tok.i + 1]


def _clean_name(span: Span) -> list[Token]:
    span = _comma_cut(span)
    toks = [t for t in span if not t.is_punct and t.lower_ != "the" and any(c.isalpha() for c in t.text)]
    # titles go, except a last word after a name: "Foreign Minister Julie Bishop" keeps her surname
    named = [t.lower_.rstrip(".") not in TITLES for t in toks]
    toks = [t for i, t in enumerate(toks) if named[i] or (i == len(toks) - 1 and any(named[:i]) and t.is_title)]
    return toks or list(span)


def _name_text(toks: list[Token]) -> str:
    return _POSSESSIVE.sub("", " ".join(t.text for t in toks)).strip()


class Registry:
    """The article's people and organisations, keyed so that surnames and full names meet."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] = (), datelines: tuple[tuple[int, int], ...] = ()):
        self.doc = doc
        self.quoted = list(quoted)                   # words inside quotation marks name nobody here
        self.datelines = datelines                   # 'LISBON (AP) —' names a place and an agency, not speakers
        self.speakers: dict[str, Speaker] = {}
        self.persons: list[tuple[int, str]] = []     # (char, key) of each person mention in order
        self.subjects: list[tuple[int, str]] = []    # (char, key) of mentions that are a verb's subject
        self.orgs: list[tuple[int, str]] = []
        self.org_subjects: list[tuple[int, str]] = []
        self.org_labelled: set[str] = set()
        self.ent_key: dict[int, str] = {}            # ent.start token -> speaker key
        self.full: dict[str, str] = {}               # surname -> key of the latest full name
        self.unnamed: list[tuple[int, str, str]] = []  # (char, head lemma, key) of 'a senior aide said'
        self.gender: dict[str, str] = {}             # key -> "f" | "m", from honorifics and pronouns seen
        self._scan()

    def _places(self) -> set[str]:
        """One-word 'people' that the text also puts somewhere ('in Lisbon', 'from Oslo'): places the
        recogniser took for persons."""
        out = set()
        for ent in ents_of(self.doc):
            if ent.label_ in ("PERSON", "GPE", "LOC") and len(ent) == 1:
                head = ent.root.head
                if ent.label_ != "PERSON" or (ent.root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS):
                    out.add(ent.text.lower())
        return out

    def _scan(self) -> None:
        full = self.full
        places = self._places()
        for ent in ents_of(self.doc):
            if any(s <= ent.start_char < e for s, e in self.datelines):
                continue
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.text.lower() in places \
                    and ent.text.lower() not in full:
                label = "GPE"
            else:
                label = ent.label_
            if label == "PERSON":
                toks = _clean_name(ent)
                name = _name_text(toks)
                if not name or not any(c.isupper() for c in name):
                    continue
                key = self.person_key(name, full)
                self._note_person(ent.start_char, key, ent.root)
                words = [t.lower_.rstrip(".") for t in self.doc[max(0, ent.start - 2):ent.end]]
                gender = next((HONORIFIC_GENDER[w] for w in words if w in HONORIFIC_GENDER), None)
                if gender:
                    self.gender.setdefault(key, gender)   # "Mrs Okafor", "Queen Ana"
            elif label in ORG_LABELS and ent[0].lower_.rstrip(".") in TITLES and len(_clean_name(ent)) >= 2 \
                    and ent[-1].lower_.rstrip(".") not in ORG_SUFFIXES:
                # "Mayor Ana Ruiz" tagged as an organisation: a title then a name is a person
                name = _name_text(_clean_name(ent))
                key = self.person_key(name, full)
                self._note_person(ent.start_char, key, ent.root)
            elif label in ORG_LABELS and ent.text.lower() in full:
                # a surname already known as a person's, tagged as an organisation this time
                key = full[ent.text.lower()]
                self._note_person(ent.start_char, key, ent.root)
            elif label in ORG_LABELS:
                name = _comma_cut(ent).text.strip()
                if name.lower().startswith("the "):
                    name = name[4:]
                name = _POSSESSIVE.sub("", name)
                if not name:
                    continue
                key = "o:" + name.lower()
                self.add(key, name, "organisation")
                self.orgs.append((ent.start_char, key))
                if label == "ORG":
                    self.org_labelled.add(key)
                if ent.root.dep_ in ("nsubj", "nsubjpass"):
                    self.org_subjects.append((ent.start_char, key))
            else:
                continue
            self.ent_key[ent.start] = key
            self.speakers[key].mentions.append((ent.start_char, ent.end_char))
        # Subjects that are names the recogniser missed ("Veltra Motors will cut…"): organisations
        # unless they carry a person's title or match a person's surname.
        covered = {t.i for ent in ents_of(self.doc) for t in ent}
        for tok in self.doc:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.i in covered \
                    or any(s <= tok.idx < e for s, e in self.quoted) \
                    or any(s <= tok.idx < e for s, e in self.datelines):
                continue
            run = _proper_noun_run(tok)
            toks = _clean_name(run)
            name = _name_text(toks)
            if not name or not name[0].isupper() or run[-1].lower_.rstrip(".") in TITLES:
                continue
            if any(t.lower_.rstrip(".") in TITLES for t in run) or name.lower() in full:
                key = self.person_key(name, full)
                self.persons.append((run.start_char, key))
                self.subjects.append((run.start_char, key))
            else:
                key = "o:" + name.lower()
                self.add(key, name, "organisation")
                self.orgs.append((run.start_char, key))
                self.org_subjects.append((run.start_char, key))
                self.org_labelled.add(key)
            self.ent_key[run.start] = key
            self.speakers[key].mentions.append((run.start_char, run.end_char))
        # Surname-only people who later get a full name: fold them in.
        for key in [k for k in self.speakers if k.startswith("p:") and " " not in k]:
            later = full.get(key[2:])
            if later and later != key:
                self._fold(key, later)

    def _note_person(self, char: int, key: str, root: Token) -> None:
        self.persons.append((char, key))
        if _main_subject(root):
            self.subjects.append((char, key))

    def person_key(self, name: str, full: dict[str, str]) -> str:
        """Key for a person name: full names by themselves, a lone surname joins the latest full name."""
        parts = name.split()
        # "Abdullah II", "Martin Luther King Jr": the suffix is not the name people are called by
        while len(parts) > 1 and parts[-1].lower().rstrip(".,") in NAME_SUFFIXES:
            parts = parts[:-1]
        surname = parts[-1].lower()
        if len(parts) > 1:
            key = "p:" + name.lower()
            # a longer form of a name already seen ("Ana Sofia Morel")
            prev = full.get(surname)
            if prev and self.speakers[prev].name.split()[0].lower() == parts[0].lower():
                key = prev
            full[surname] = key
            self.add(key, name, "person")
            if len(name) > len(self.speakers[key].name):
                self.speakers[key].name = name
        else:
            key = full.get(surname) or "p:" + surname
            self.add(key, name, "person")
            if len(name.split()) > len(parts):         # "Abdullah II": a full name, and the longer one
                full[surname] = key
                if len(name) > len(self.speakers[key].name):
                    self.speakers[key].name = name
        return key

    def add(self, key: str, name: str, kind: str) -> None:
        if key not in self.speakers:
            self.speakers[key] = Speaker("", name, kind, key)

    def _fold(self, old: str, new: str) -> None:
        gone = self.speakers.pop(old)
        self.speakers[new].mentions.extend(gone.mentions)
        self.persons = [(c, new if k == old else k) for c, k in self.persons]
        self.subjects = [(c, new if k == old else k) for c, k in self.subjects]
        self.ent_key = {i: (new if k == old else k) for i, k in self.ent_key.items()}

    def entity_at(self, tok: Token) -> str | None:
        ent = entity_of(tok)
        if ent is not None:
            return self.ent_key.get(ent.start)
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN":
            run = _proper_noun_run(tok)
            ent = entity_of(run[0])
            if ent is not None and ent.end <= tok.i:
                return None                            # "the Salford MP": the place names nobody
            return self.ent_key.get(run.start)
        return None

    def salient_person(self, before: int, gender: str | None = None) -> str | None:
        """The person the story is most about up to `before` (or in the whole text if none yet)."""
        counts: dict[str, int] = {}
        pool = [k for c, k in self.persons if c < before] or [k for _, k in self.persons]
        pool = [k for k in pool if self.fits(k, gender)]
        for k in pool:
            counts[k] = counts.get(k, 0) + 1
        return max(counts, key=lambda k: (counts[k], -pool.index(k))) if counts else None

    def last_subject(self, before: int, last_speaker: tuple[int, str] | None, gender: str | None = None) -> str | None:
        cands = [(c, k) for c, k in self.subjects if before - PRONOUN_REACH < c < before]
        if last_speaker and before - PRONOUN_REACH < last_speaker[0] < before:
            cands.append(last_speaker)
        cands = [(c, k) for c, k in cands if k.startswith("p:") and self.fits(k, gender)]
        return max(cands)[1] if cands else None

    def fits(self, key: str, gender: str | None) -> bool:
        """Does what the text has shown of this person's gender allow the pronoun's?"""
        known = self.gender.get(key)
        return gender is None or known is None or known == gender

    def last_org(self, before: int, subjects_only: bool = False) -> str | None:
        """The organisation 'it' or 'the company' most likely means: the latest one that was a
        subject, else the latest one named."""
        subj = [(c, k) for c, k in self.org_subjects if before - PRONOUN_REACH < c < before]
        if subj or subjects_only:
            return max(subj)[1] if subj else None
        cands = [(c, k) for c, k in self.orgs if before - PRONOUN_REACH < c < before]
        return max(cands)[1] if cands else None

    def unnamed_before(self, lemma: str, before: int) -> str | None:
        """The latest unnamed speaker described with this noun ("a senior aide") before `before`."""
        hits = [key for c, lem, key in self.unnamed if lem == lemma and before - PRONOUN_REACH < c < before]
        return hits[-1] if hits else None

    def titled(self, lemma: str | None, before: int, qualifiers: frozenset[str] = frozenset()) -> str | None:
        """The person named with this title ("Chief executive Jane Roe"): the latest before
        `before`, else the first after it (a lead often says "the judge" before naming her).
        Qualifiers ("the Ruritanian president") must appear with the name too; with no title
        (`lemma` None) the qualifiers alone pick the person ("the Chinese leader")."""
        before_hits, after_hits = [], []
        for ent in ents_of(self.doc):
            if ent.label_ != "PERSON" or not self.ent_key.get(ent.start):
                continue
            lo = ent.start
            while lo > 0 and self.doc[lo - 1].dep_ in ("compound", "amod") and not self.doc[lo - 1].is_punct:
                lo -= 1
            words = {t.lemma_.lower() for t in self.doc[lo:ent.end]} | {t.lower_ for t in self.doc[lo:ent.end]}
            if (lemma is None or lemma in words) and qualifiers <= words:
                (before_hits if ent.start_char < before else after_hits).append(self.ent_key[ent.start])
        return before_hits[-1] if before_hits else (after_hits[0] if after_hits else None)

    def org_named(self, lemma: str, quals: frozenset[str] = frozenset()) -> str | None:
        """The organisation whose name holds this noun ("the council" -> "Eastfield Council"), and
        the qualifiers when there are any ("the Tuva government" is not "the palace")."""
        for _, key in self.orgs:
            words = set(self.speakers[key].name.lower().split())
            if lemma in words and quals <= words:
                return key
        return None


# A description that says its person is not named is nobody already in the story.
_ANONYMOUS = re.compile(r"not to be (?:named|identified)|anonymity|declined to (?:give|be) (?:\w+ )?(?:name|named)"
                        r"|did not want (?:\w+ )?name", re.I)


def _description_range(tok: Token) -> tuple[int, int]:
    """The whole description: 'the head of the palace', 'an adviser to President X'."""
    left, right = tok.left_edge, tok
    for child in tok.rights:
        if child.dep_ in ("prep",) and child.lower_ in ("of", "to", "for", "at", "in"):
            right = child.right_edge
    return left.idx, right.idx + len(right)


def resolve(parsed: Parsed, quotes: list[Quote]) -> list[Speaker]:
    """Give each quote a speaker id; return the speakers who said something, in order of first quote."""
    doc = parsed.doc
    reg = Registry(doc, [r for q in quotes if q.kind == "direct" for r in q.content], parsed.datelines)
    last: tuple[int, str] | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        key = None
        subj = q.subject
        if subj is not None:
            key = _resolve_token(reg, subj, q, last)
        elif q.inherited and last is not None:
            key = last[1]
        if key is None:
            continue
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
        _collect_descriptions(reg, sp)
    for q in quotes:
        if q.speaker_id is not None:
            q.speaker_id = reg.speakers[q.speaker_id].id
    return list(used.values())


def _resolve_token(reg: Registry, tok: Token, q: Quote, last: tuple[int, str] | None) -> str | None:
    # A name, or a description with a name in apposition ("an adviser to X, Jane Roe, said";
    # "The Lord Chancellor, Lord Falconer, said", where the title is tagged as a name too).
    key = reg.entity_at(tok)
    if tok.ent_type_ != "PERSON":
        named = next((reg.entity_at(c) for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                      and reg.entity_at(c)), None)
        if named:
            reg.speakers[named].descriptions.append((tok.left_edge.idx, tok.idx + len(tok)))
            return named
    if key:
        return key
    # the name may hang on a noun inside the description ("an adviser to the minister, Jane Roe,")
    for child in sorted(tok.subtree, key=lambda t: -t.i):
        if child.dep_ == "appos" and child.i > tok.i:
            key = reg.entity_at(child)
            if key and reg.speakers[key].kind == "person":
                reg.speakers[key].descriptions.append((tok.left_edge.idx, child.head.idx + len(child.head)))
                return key
    if tok.dep_ == "appos":
        key = reg.entity_at(tok.head)
        if key:
            return key
    lower = tok.lower_
    if tok.pos_ == "PROPN" and tok.lower_.rstrip(".") not in TITLES:   # "the Salford MP" is a description
        # a name the entity recogniser missed: the run of proper nouns ending here
        run = _proper_noun_run(tok)
        toks = _clean_name(run)
        name = _name_text(toks)
        titled = any(t.lower_.rstrip(".") in TITLES for t in run)
        if name and (titled or len(toks) > 1):
            return reg.person_key(name, reg.full)
        if name:
            key = reg.full.get(name.lower()) or "o:" + name.lower()
            if key not in reg.speakers:
                reg.add(key, name, "organisation")
            return key
    if tok.pos_ == "PRON":
        if lower in PERSON_PRONOUNS:
            gender = PRONOUN_GENDER.get(lower)
            key = reg.last_subject(tok.idx, last, gender) or reg.salient_person(tok.idx, gender)
            if key and gender:
                reg.gender.setdefault(key, gender)     # "she said" once: never "he" later
            return key
        if lower in ("it", "they", "we"):
            org = reg.last_org(tok.idx)
            if lower == "it":
                return org
            if last and reg.speakers[last[1]].kind in ("organisation", "group") and tok.idx - last[0] < PRONOUN_REACH:
                return last[1]
            return None
        return None
    issuer = _issuer(reg, tok, q, last)
    if issuer is not None:
        return issuer
    if tok.pos_ in ("NOUN", "PROPN") or is_age(tok):
        start, end = _description_range(tok)
        start = past_dateline(reg.datelines, start)    # "(CNN)A New York man"
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
            definite = False                           # "his lawyer", "Roe's spokesman": someone else
        # "the Ruritanian president", "the Tuva government": a qualifier the referent must share
        quals = frozenset(c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")
                          and (c.ent_type_ in ("NORP", "GPE") or c.text[:1].isupper()))
        if definite and singular and person:
            # "the aide": the unnamed aide quoted before; "the chief executive": whoever carries
            # that title; "the Ruritanian leader", "the 58-year-old": the person the story is about
            key = reg.unnamed_before(lemma, tok.idx) or (None if anonymous else (
                quals and (reg.titled(lemma, tok.idx, quals) or reg.titled(None, tok.idx, quals))
                or reg.titled(lemma, tok.idx) or reg.last_subject(tok.idx, last) or reg.salient_person(tok.idx)))
            if key:
                reg.speakers[key].descriptions.append((start, end))
                return key
        if definite and singular and lemma in cues()["bodies"]:
            key = (reg.org_named(lemma, quals) if quals else reg.unnamed_before(lemma, tok.idx)
                   or reg.last_org(tok.idx, subjects_only=True) or reg.org_named(lemma))
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
    return None


def _issuer(reg: Registry, tok: Token, q: Quote, last: tuple[int, str] | None) -> str | None:
    """'A statement said', 'his tweet read', 'a letter from the union': a document or post speaks
    for whoever issued it. That is its owner ('Roe's statement', 'a Trump tweet'), the 'from'/'by'
    phrase, or, for a statement or post with neither, the speaker the text was just following."""
    lemma = tok.lemma_.lower()
    c = cues()
    if tok.pos_ != "NOUN" or lemma not in c["nouns"] | c["reports"]:
        return None
    for child in tok.children:
        owner = None
        if child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN":
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
            owner = next((g for g in child.children if g.dep_ == "pobj"), None)
        if owner is not None and owner.pos_ in ("PROPN", "PRON", "NOUN"):
            return _resolve_token(reg, owner, q, last)
    if lemma in c["nouns"] and last is not None and tok.idx - last[0] < PRONOUN_REACH:
        return last[1]
    return None


def _collect_descriptions(reg: Registry, sp: Speaker) -> None:
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
        title_toks = [t for t in span if t.lower_.rstrip(".") in TITLES]
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


def mention_of(quote: Quote) -> tuple[int, int] | None:
    if quote.mention is not None:
        return quote.mention
    if quote.subject is not None and not quote.inherited:
        return mention_range(quote.subject)
    return None
