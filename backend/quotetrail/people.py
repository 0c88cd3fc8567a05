"""Words about people (data/people.json), shared by the quote and speaker layers: pronouns with
what they can stand for, titles and forms of address, name suffixes, company suffixes, the verbs
by which people issue documents. Nouns for
people by role ('aide', 'mayor') are cues.json's person_nouns; this module reads nothing else."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Pronoun:
    case: str                    # subject | object
    person: int                  # 1: the writer when outside quotation marks; 3: someone in the story
    number: str                  # sg | pl
    gender: str | None           # m | f | None
    kind: str                    # person | group | thing


_RAW = json.loads(resources.files("quotetrail").joinpath("data/people.json").read_text("utf-8"))

PRONOUNS: dict[str, Pronoun] = {w: Pronoun(**v) for w, v in _RAW["pronouns"].items()}
# First-person subjects outside quotation marks are the writer, whose words are the article itself.
WRITER_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.person == 1 and p.case == "subject")
# Pronouns that stand for one person ('he', 'her', 'I' in a transcript), and those for a body or a group.
PERSON_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.kind == "person")
GROUP_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.kind in ("group", "thing") and p.case == "subject")

HONORIFICS: frozenset[str] = frozenset(_RAW["honorifics"])
# Words that say the gender of whoever they name: 'Mrs', 'Queen', 'the spokeswoman'.
WORD_GENDER: dict[str, str] = {w: g for w, g in {**_RAW["honorifics"], **_RAW["gendered"]}.items() if g}
TITLE_WORDS: frozenset[str] = frozenset(_RAW["titles"]) | HONORIFICS
# Nouns for someone speaking for another ('the spokeswoman'): not the person the story follows.
PROXY_NOUNS: frozenset[str] = frozenset(_RAW["proxy_nouns"])
NAME_SUFFIXES: frozenset[str] = frozenset(_RAW["name_suffixes"])
ORG_SUFFIXES: frozenset[str] = frozenset(_RAW["org_suffixes"])
PLACE_PREPOSITIONS: frozenset[str] = frozenset(_RAW["place_prepositions"])
# Verbs of putting out a document: their subject issued it ('X released an ad that urges…').
ISSUE_VERBS: frozenset[str] = frozenset(_RAW["issue_verbs"])


def pronoun_gender(word: str) -> str | None:
    p = PRONOUNS.get(word.lower())
    return p.gender if p is not None else None
