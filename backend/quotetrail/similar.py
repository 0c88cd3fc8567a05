"""Words close in meaning to words the layer knows: an unlisted word inherits a known word's figures.

`data/similar.tsv` (built by `tools/build_similar_words.py` from WordNet 3.0) maps a word that
neither the lexicon nor `data/evaluative.tsv` lists to a seed: a word VADER rates whose most
frequent sense is also the word's own ("vindictive" -> "revengeful", "feckless" ->
"irresponsible"). The table is keyed by part of speech, so a word inherits only in the part of
speech WordNet relates it in. The evaluative patterns then read the seed's figures for the word
and run their usual checks on the parse; the explanation names the seed.

Static embeddings were measured for the same job and left out: WordLlama's 32,000 sub-word pieces
put a word next to words spelled like it (README, loaded terms).
"""
from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Token

# Confidence taken off a find that rests on a neighbour rather than on the word's own rating.
CONFIDENCE_DISCOUNT = 0.05
# Relations kept from the table: "synonym" (the same WordNet synset) and "similar" (an adjective's
# "similar to" neighbour, one step away).
RELATIONS = ("synonym", "similar")
# A word of more senses than this in its part of speech is left out: "private" and "dark"
# share a sense with a judging word, but that is seldom the sense a news text uses them in (on
# BABE, 34 of 53 flags of words of one or two senses held a marked word, 2 of 36 of more).
MAX_SENSES = 2
# Parts of speech that inherit. Verbs do not: WordNet's verb synsets are broad ("decline" shares one
# with "refuse"), and on BASIL none of the 17 verbs so found was marked.
PARTS = ("ADJ", "NOUN")


@functools.cache
def table() -> dict[tuple[str, str], tuple[str, str]]:
    """(word, part of speech) -> (seed, relation)."""
    out = {}
    text = resources.files("quotetrail").joinpath("data/similar.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, pos, seed, relation, senses = line.split("\t")
        if relation in RELATIONS and pos in PARTS and int(senses) <= MAX_SENSES:
            out[(word, pos)] = (seed, relation)
    return out


def clear_caches() -> None:
    table.cache_clear()


def seed_of(tok: Token) -> str | None:
    """The known word `tok` is close in meaning to, or None (lemma first, then the form). Function
    words never inherit: "only" shares a WordNet synset with "lonesome", which is not its use."""
    if tok.is_stop:
        return None
    t = table()
    found = t.get((tok.lemma_.lower(), tok.pos_)) or t.get((tok.lower_, tok.pos_))
    return found[0] if found else None


def note(seed: str | None) -> str:
    """What the explanation adds for a word rated through its neighbour."""
    return f" The word is close in meaning to \u201c{seed}\u201d (WordNet), whose rating it takes." if seed else ""
