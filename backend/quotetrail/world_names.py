"""Names of countries, of their peoples and of languages, from pycountry's ISO 3166-1 and ISO 639 data
(pycountry, LGPL-2.1; its data comes from Debian's iso-codes).

occasion.py reads them: a country or a people named after "told" or "an interview with" ("told
Polish radio", "an interview with Brazil's TV Globo") is where the venue is, not the venue itself, and
a statement "said in Tagalog" was translated. The languages are those with a two-letter ISO 639-1
code (the languages of most of the world's news), less English (the articles read are in English)
and less any that is also a country's name ("said in Tonga" names a place). A people's name is
derived from its country's by the regular English suffixes (Iran -> Iranian, India -> Indian,
Israel -> Israeli, America -> American); the irregular ones are mostly language names too
(French, Chinese, Polish), and those that are not ("Peruvian") are missed, as is a name the
standard no longer uses ("Turkey" is "Türkiye" there). Loaded once per process.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_SUFFIXES = ("n", "an", "ian", "i", "ese", "ish")
# Words that place a country within a larger one: "Great Britain" is Britain, "Northern Ireland" Ireland.
_QUALIFIERS = frozenset("great northern southern eastern western".split())


def _peoples(word: str) -> set[str]:
    """The regular English derivations of a people's name from a country's ("Kenya" -> "kenyan")."""
    out = {word + s for s in _SUFFIXES}
    if word.endswith(("a", "e", "o")):
        out |= {word[:-1] + s for s in _SUFFIXES}
    if word.endswith("y"):
        out.add(word[:-1] + "ian")        # Italy -> Italian
    if word.endswith("ia"):
        out.add(word[:-1] + "n")          # Australia -> Australian
    return out


@functools.cache
def languages() -> tuple[str, ...]:
    """Names of the ISO 639-1 languages, as written ("Greek", "Persian", "Bangla"), longest first."""
    import pycountry

    countries = {w for c in pycountry.countries for w in _country_names(c)}
    names = set()
    for lang in pycountry.languages:
        if not hasattr(lang, "alpha_2"):
            continue
        forms = [lang.name.split(" (")[0]]
        if hasattr(lang, "inverted_name"):
            forms.append(lang.inverted_name.split(",")[0].split(" (")[0])
        if hasattr(lang, "common_name"):
            forms.append(lang.common_name)
        names.update(f.strip() for f in forms if f.strip() and f.strip().lower() not in countries)
    names.discard("English")
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _country_names(country) -> list[str]:
    """A country's names as places: its name before any comma ("Iran, Islamic Republic of" -> "iran"),
    its common name, and what its official name says after "of" ("United States of America" ->
    "america", "... of Great Britain and Northern Ireland" -> "great britain", "northern ireland")."""
    out = [country.name.split(",")[0]]
    if hasattr(country, "common_name"):
        out.append(country.common_name)
    official = getattr(country, "official_name", "")
    if " of " in official:
        out += [part.removeprefix("the ") for part in official.split(" of ", 1)[1].split(" and ")]
    return [" ".join(n.lower().split()) for n in out if n.strip()]


@functools.cache
def _places() -> tuple[frozenset[str], tuple[str, ...]]:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for name in _country_names(country):
            words = name.split()
            names.add(name)
            if len(words) == 2 and words[0] in _QUALIFIERS:
                names.add(words[-1])
            # its people's names ("kenyan"; "south korea" -> "south korean")
            if len(words[-1]) >= 4:
                names |= {" ".join(words[:-1] + [p]) for p in _peoples(words[-1])}
            # a name that opens with its people's ("russian federation", "saudi arabia"): that word, and
            # the country's own name it comes from ("russia")
            if len(words) > 1 and len(words[0]) >= 5 and words[0].endswith(("an", "ish", "ese", "i")):
                names.add(words[0])
                if words[0].endswith("an"):
                    names.add(words[0][:-1])
    for lang in languages():
        names.add(lang.lower())
        if lang.endswith("ic"):
            names.add(lang.lower()[:-2])    # the people of the language: Arabic -> Arab
    folded = {"".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c)) for n in names}
    names |= folded
    single = frozenset(n for n in names if " " not in n and "-" not in n)
    phrases = tuple(sorted((n for n in names if n not in single), key=lambda n: (-len(n), n)))
    return single, phrases


def place_words() -> frozenset[str]:
    """Lower-cased one-word names of countries, of their peoples and of languages ("kenya", "kenyan")."""
    return _places()[0]


@functools.cache
def place_phrases() -> re.Pattern:
    """Names of several words ("United States", "Central African Republic", "South Korean"), longest first:
    taken out of a text whole, so that their words alone ("Central", "New") stay words of other names."""
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _places()[1]) + r")\b", re.I)
