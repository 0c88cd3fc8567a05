"""The occasion of a statement: the days it can have been made on, the venues named for it, and
whether the article says the words were translated.

Read from the sentences around a quote that are about speaking: the publication date, a weekday
or "yesterday" next to the speech verb, a year ("said in 2022"), and the venue ("told Radio Lumo",
"an interview with CNN"). Each paragraph and each speaker is read once per article (an article's
quotes share them; a long paragraph can hold hundreds of quotes).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from . import world_names

LOOKBACK_DAYS = 4          # a report without a weekday: the statement was made at most this long before

_SENTENCE = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019']?\s+(?=[\"\u201c\u2018']?[A-Z0-9])")
# Verbs and nouns that make a sentence about the act of speaking (where its day and venue are named).
_SPEECH = re.compile(r"\b(said|says|say|told|tells|stated|states|declared|speaking|spoke|interview|remarks|"
                     r"aired|broadcast|published|wrote|writes|added|announced|insisted|argued|noted|stressed|"
                     r"asked|answered|replied|address|speech|statement|briefing|conference)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A weekday named as the day something was said ("said on Wednesday", "aired on Sunday").
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Relative days.
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|earlier today)\b", re.I)
# A statement dated by year next to its speech verb ("said in 2022", "in 2019, he told").
_SAID_IN_YEAR = re.compile(r"\b(?:said|told|stated|declared|remarked|wrote)\b[^.\"\u201c\u201d]{0,40}?\bin\s+"
                           r"((?:19|20)\d\d)\b|\bin\s+((?:19|20)\d\d)\s*,?\s+(?:\w+\s+){0,3}?"
                           r"(?:said|told|stated|declared)\b")
# Where a statement was made: the words after these cues name the venue (an outlet, a broadcaster).
_VENUE_CUES = [
    re.compile(r"\binterviews?\b[^.;]{0,80}?\b(?:with|to|on|for|by)\s+(?P<v>[^.;:,()\"\u201c]{1,60})"),
    re.compile(r"\b(?:told|telling|tells|speaking to|speaking with|spoke to|spoke with|remarks to|"
               r"quoted by|writing in|wrote in|said on|appearing on|appeared on)\s+(?P<v>[^.;:,()\"\u201c]{1,60})"),
    re.compile(r"(?P<v>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)(?:'s)?\s+interview\b"),
]
_CAPITALISED = re.compile(r"\b[A-Z][\w.-]*")
# Capitalised words after a venue cue that name no particular venue (countries, peoples and languages:
# world_names.place_words).
_GENERIC_VENUE = frozenset("""
the a an his her their its state state-run state-owned official news agency television tv radio channel network
newspaper daily weekly magazine media outlet broadcaster national public reporters journalists
western eastern
president prime minister mr mrs ms dr sir general secretary spokesman spokeswoman
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
on in at of and with to for by from about after before during last this
""".split())


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s]


def venues_in(text: str, exclude: set[str] = frozenset()) -> list[str]:
    """Names of the venues a text gives for a statement ("told Channel 9 Radio" -> ["channel"])."""
    found = []
    for pattern in _VENUE_CUES:
        for m in pattern.finditer(text):
            # a country, people or language named whole goes first ("Sri Lanka", "Costa Rican")
            span = world_names.place_phrases().sub(" ", " ".join(m.group("v").split()[:6]))
            for w in _CAPITALISED.findall(span):
                low = w.lower().rstrip(".").replace("\u2019", "'")
                if low.endswith("'s"):
                    low = low[:-2]
                if low and low not in _GENERIC_VENUE and low not in exclude and low not in found \
                        and low not in world_names.place_words():
                    found.append(low)
    return found


def _event_day(sentence: str, published: dt.datetime | None, years: bool = True) -> tuple[int, int] | None:
    """Days a statement was made on, from the sentence that reports it; None when it names none. Without
    `years`, a year is not read (a sentence elsewhere about the speaker recounting an earlier statement)."""
    m = _SAID_IN_YEAR.search(sentence) if years else None
    if m:
        year = int(m.group(1) or m.group(2))
        if published is None or year < published.year:
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    if published is None:
        return None
    day = published.date()
    m = _WEEKDAY.search(sentence)
    if m:
        back = (day.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        d = (day - dt.timedelta(days=back)).toordinal()
        return d - 1, d + 1
    m = _RELATIVE.search(sentence)
    if m:
        d = day.toordinal() - (1 if m.group(1).lower() == "yesterday" else 0)
        return d - 1, d + 1
    return None


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


@functools.lru_cache(maxsize=4096)
def _paragraph_occasion(text: str, published, exclude: frozenset) -> tuple:
    window, venues = None, []
    for sentence in _sentences(text):
        if _SPEECH.search(sentence):
            window = window or _event_day(sentence, published)
            venues += [v for v in venues_in(sentence, exclude) if v not in venues]
    return window, tuple(venues)


@functools.lru_cache(maxsize=256)
def _speaker_occasion(paras: tuple, published, surname: str | None, exclude: frozenset) -> tuple:
    window, venues = None, []
    for text in paras:
        for sentence in _sentences(text):
            if not _SPEECH.search(sentence) or (surname and surname not in sentence.lower()):
                continue
            # the speaker's other sentences give this quote's day or week, not a year: a year there dates
            # what the article recounts of them ("a profile of her in 2019 said ...")
            window = window or _event_day(sentence, published, years=False)
            venues = venues or venues_in(sentence, exclude)
            if window is not None and venues:
                return window, tuple(venues)
    return window, tuple(venues)


@functools.lru_cache(maxsize=256)
def _latest_year(paras: tuple) -> int | None:
    """The latest past year an undated article mentions: a lower bound on when it was written."""
    this_year = dt.date.today().year
    years = [int(y) for p in paras for y in _YEAR.findall(p) if int(y) <= this_year]
    return max(years) if years else None


def occasion(article, paragraph_ids: list[int], surname: str | None) -> dict:
    """Occasion features of one quote: the day window [lo, hi] (ordinals, None = open) and venues."""
    paras = article.paragraphs
    exclude = frozenset({surname}) if surname else frozenset()
    window = None
    venues: list[str] = []
    # the quote's own paragraphs first ...
    for i in paragraph_ids:
        if 0 <= i < len(paras):
            day, found = _paragraph_occasion(paras[i], article.published, exclude)
            window = window or day
            venues += [v for v in found if v not in venues]
    # ... then the article's sentences about the same speaker speaking
    if window is None or not venues:
        day, found = _speaker_occasion(tuple(paras), article.published, surname, exclude)
        window = window or day
        venues = venues or list(found)
    if window is None:
        if article.published is not None:
            day = article.published.date().toordinal()
            window = (day - LOOKBACK_DAYS, day + 1)
        else:
            # no date at all: the latest year the text mentions is a lower bound
            latest = _latest_year(tuple(paras))
            window = (dt.date(latest, 1, 1).toordinal(), None) if latest else (None, None)
    return {"event_lo": window[0], "event_hi": window[1], "venues": venues}


# Words that say a statement was translated, or name the language it was made in (world_names.languages).
@functools.cache
def _translated_words() -> re.Pattern:
    languages = "|".join(re.escape(name) for name in world_names.languages())
    return re.compile(r"\b(?:translat(?:ed|ion|ing|or)|interpreter|interpreted|"
                      r"(?:said|spoke|speaking|wrote|writing|told\s+\w+)\s+in\s+(?:" + languages + r"))\b")


def translated(article, paragraph_ids: list[int], surname: str | None = None) -> bool:
    """Whether the article says the quote's words were translated: its own paragraphs, or a sentence about
    its speaker, name a translation or another language for them, or the article says it quotes a
    translation or an interpreter (the outlet's own word for it)."""
    paras = article.paragraphs
    return any(0 <= i < len(paras) and _translated_words().search(paras[i]) for i in paragraph_ids) or \
        _article_translated(tuple(paras), surname)


_SAYS_TRANSLATED = re.compile(r"\b(?:translated|translation|interpreter)\b", re.I)


@functools.lru_cache(maxsize=256)
def _article_translated(paras: tuple, surname: str | None) -> bool:
    for p in paras:
        if _SAYS_TRANSLATED.search(p):
            return True
        if surname and _translated_words().search(p) and any(
                surname in s.lower() and _translated_words().search(s) for s in _sentences(p)):
            return True
    return False
