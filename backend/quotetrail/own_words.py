"""The speaker's own words in a rendering, and how telling they are.

A direct quote is all the speaker's words; a mixed one only the stretches inside its quotation marks
('called the sale a "reckless gamble"'); an indirect one none (its words are the outlet's). When
the marked words of a mixed quote occur unbroken among the other rendering's own words, the two
carry one statement, if the words are telling enough: a word's information is INFO_CEILING minus
its Zipf frequency (wordfreq's bundled English list), so one rare word can suffice and one common
word cannot.
"""
from __future__ import annotations

import functools
import re

from wordfreq import zipf_frequency

from . import wording

# Words in quotation marks inside a mixed quote ('called it a "grave mistake"'): curly pairs, straight
# pairs, and single curly marks opened after a space (not an apostrophe inside a word).
_MARKED = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"|(?:^|(?<=\s))\u2018([^\u2018\u2019]+)\u2019(?!\w)")
INFO_CEILING = 7.0       # a word's information: INFO_CEILING minus its Zipf frequency (wordfreq), at least 0...
INFO_MOST = 5.0          # ...and at most this (names and rare words the list lacks)


def marked(text: str) -> list[str]:
    """The stretches of a text inside quotation marks. A stray straight mark (an odd count: the quote was
    cut inside a title or a longer quotation) is dropped first, so the pairs after it still pair up."""
    if text.count('"') % 2:
        i = text.index('"')
        text = text[:i] + " " + text[i + 1:]
    return [next(g for g in m.groups() if g is not None).strip() for m in _MARKED.finditer(text)]


@functools.lru_cache(maxsize=200_000)
def info(word: str) -> float:
    """How telling one word is: rare words carry more ("jackal" more than "job")."""
    return min(INFO_MOST, max(0.0, INFO_CEILING - zipf_frequency(word.lower(), "en")))


def warm() -> None:
    """Load the frequency list now (the server's master, before its workers fork, shares it)."""
    info("the")


def contains(words_in: list[str], part: list[str]) -> bool:
    """Whether `part` occurs in `words_in` as one unbroken run of words."""
    n = len(part)
    return n > 0 and any(words_in[i:i + n] == part for i in range(len(words_in) - n + 1))


def is_title(words: list[str]) -> bool:
    """'"Meet the Press"': marks around a name in title case (a programme, a book), not around words said
    (one capitalised word, '"Never."', is a word said)."""
    long_ = [w for w in words if len(w) > 3]
    return len(long_) >= 2 and all(w[:1].isupper() for w in long_)


def of_view(view: dict) -> list[list[str]]:
    """The speaker's own words in a rendering, lower-cased: all of a direct quote; the stretches inside the
    quotation marks of a mixed one (the whole of it when it has none: the marks were around all of it);
    none of an indirect one, whose words are the outlet's."""
    if "_own" not in view:
        own = []
        if view.get("kind") == "direct":
            own = [[t.plain for t in view["tokens"]]]
        elif view.get("kind") == "mixed":
            parts = marked(view.get("text") or "") or [view.get("text") or ""]
            own = [[w.lower() for w in ws] for ws in map(wording.words, parts) if ws and not is_title(ws)]
        view["_own"] = own
    return view["_own"]


def found(ours: dict, theirs: dict, min_info: float) -> bool:
    """Whether the marked words inside a mixed rendering all occur, each stretch unbroken, among the speaker's
    own words of the other rendering, and tell at least `min_info` (info) to name one statement, not a topic."""
    for x, y in ((ours, theirs), (theirs, ours)):
        if x.get("kind") != "mixed":
            continue
        # a mixed quote that is nothing but its marked words is a term in marks, scored as any short line
        frags = of_view(x) if marked(x.get("text") or "") else []
        other = of_view(y)
        if frags and all(any(contains(o, f) for o in other) for f in frags) and \
                sum(info(w) for f in frags for w in f) >= min_info:
            return True
    return False


def telling_overlap(ours: list, theirs: list) -> tuple[float, float]:
    """The content words two renderings share, weighed by their information: (the share of the less telling
    side's information they carry, the information they carry). A paraphrase keeps the rare words of what was
    said ("whipsawed") more than the common ones. A negation on one side only shares nothing."""
    def weights(tokens):
        out: dict[str, float] = {}
        for t in tokens:
            if t.content:
                out[t.key] = max(out.get(t.key, 0.0), info(t.plain))
        return out
    a, b = weights(ours), weights(theirs)
    if ("not" in a) != ("not" in b):           # "had not served" and "served": shared words, opposite claims
        return 0.0, 0.0
    least = min(sum(a.values()), sum(b.values()))
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    return (shared / least if least else 0.0), shared
