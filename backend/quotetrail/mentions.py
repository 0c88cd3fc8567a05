"""The article's people and organisations: every named mention read off the parse, keyed so that
surnames and full names of one person meet, with where each was a clause's subject and the gender
the text gives each person."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .names import clean_name, is_title, name_parts, name_text, org_name, proper_noun_run, verb_cut
from .nlp import ents_of, entity_of
from .people import ORG_SUFFIXES, PLACE_PREPOSITIONS, WORD_GENDER

ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass(slots=True)
class Speaker:
    id: str
    name: str
    kind: str                                    # person | organisation | group
    key: str
    descriptions: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)


def main_subject(tok: Token) -> bool:
    """A subject of a main clause: who the story is following. The subject of reported words
    ('the judge said Pratt had shown…') is not; 'he said' next should not reach for it."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ not in ("ccomp", "xcomp", "relcl", "acl", "pcomp")


def _inside(char: int, ranges) -> bool:
    return any(s <= char < e for s, e in ranges)


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
            if _inside(ent.start_char, self.datelines):
                continue
            label = ent.label_
            ent = verb_cut(ent)
            if label == "PERSON" and len(ent) == 1 and ent.text.lower() in places \
                    and ent.text.lower() not in full:
                label = "GPE"
            if label == "PERSON":
                name = name_text(clean_name(ent))
                if not name or not any(c.isupper() for c in name):
                    continue
                key = self.person_key(name)
                self._note_person(ent.start_char, key, ent.root)
                words = [t.lower_.rstrip(".") for t in self.doc[max(0, ent.start - 2):ent.end]]
                gender = next((WORD_GENDER[w] for w in words if w in WORD_GENDER), None)
                if gender:
                    self.gender.setdefault(key, gender)   # "Mrs Okafor", "Queen Ana"
            elif label in ORG_LABELS and is_title(ent[0]) and len(clean_name(ent)) >= 2 \
                    and ent[-1].lower_.rstrip(".") not in ORG_SUFFIXES:
                # "Mayor Ana Ruiz" tagged as an organisation: a title then a name is a person
                key = self.person_key(name_text(clean_name(ent)))
                self._note_person(ent.start_char, key, ent.root)
            elif label in ORG_LABELS and ent.text.lower() in full:
                # a surname already known as a person's, tagged as an organisation this time
                key = full[ent.text.lower()]
                self._note_person(ent.start_char, key, ent.root)
            elif label in ORG_LABELS:
                name = org_name(ent)
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
        self._scan_unrecognised()
        # Surname-only people who later get a full name: fold them in.
        for key in [k for k in self.speakers if k.startswith("p:") and " " not in k]:
            later = full.get(key[2:])
            if later and later != key:
                self._fold(key, later)

    def _scan_unrecognised(self) -> None:
        """Subjects that are names the recogniser missed ("Veltra Motors will cut…"): organisations
        unless they carry a person's title or match a person's surname."""
        covered = {t.i for ent in ents_of(self.doc) for t in ent}
        for tok in self.doc:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.i in covered \
                    or _inside(tok.idx, self.quoted) or _inside(tok.idx, self.datelines):
                continue
            run = proper_noun_run(tok)
            name = name_text(clean_name(run))
            if not name or not name[0].isupper() or is_title(run[-1]):
                continue
            if any(is_title(t) for t in run) or name.lower() in self.full:
                key = self.person_key(name)
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

    def _note_person(self, char: int, key: str, root: Token) -> None:
        self.persons.append((char, key))
        if main_subject(root):
            self.subjects.append((char, key))

    def person_key(self, name: str) -> str:
        """Key for a person name: full names by themselves, a lone surname joins the latest full name."""
        full = self.full
        parts, _ = name_parts(name)
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
            run = proper_noun_run(tok)
            ent = entity_of(run[0])
            if ent is not None and ent.end <= tok.i:
                return None                            # "the Salford MP": the place names nobody
            return self.ent_key.get(run.start)
        return None
