"""Loaded terms: words that carry a judgement, with category, explanation, alternatives and voice.

The words live in a data file (`data/lexicon.json`); a reader's own file (JSON Lines) adds entries
or switches shipped ones off. Matching runs on the article's one parse: lemmas, so inflections
match, and part of speech and dependencies, so wrong senses ("insurance claims", "visa regime")
do not.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import pathlib
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Iterable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span, Token
from .nlp import entity_of, sent_of, text_of

log = logging.getLogger(__name__)

CATEGORIES = ("label", "euphemism", "doubt", "so_called", "scare_quote", "contested_name", "intensifier")
VOICES = ("outlet", "quote")
# Where a reader's own lexicon is looked for: this variable, else <user config dir>/lexicon.jsonl.
USER_LEXICON_ENV = "QUOTETRAIL_LEXICON"
USER_LEXICON_NAME = "lexicon.jsonl"
APP_NAME = "quotetrail"
# Fields an entry may carry; anything else is most likely a typo and is reported.
ENTRY_FIELDS = {"term", "variants", "category", "explanation", "alternatives", "source", "match", "pos",
                "sense", "not_with", "not_before", "not_after", "patterns", "disabled"}
LIST_FIELDS = ("variants", "alternatives", "pos", "not_with", "not_before", "not_after")
# "lemma": inflections match through lemmas; "lower": only the listed forms (for words whose
# lemma is a common word, e.g. "illegals" -> "illegal").
MATCH_MODES = ("lemma", "lower")
POS_TAGS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX", "PRON", "NUM", "ADP", "DET", "X", "INTJ"}
# Apostrophes are typed both ways in news text; every phrase is matched with either.
APOSTROPHES = ("'", "\u2019")
# Quotation marks that open and close a quoted fragment (straight quotes count as both).
OPEN_MARKS = "\u201c\u2018\u00ab\u201e\""
CLOSE_MARKS = "\u201d\u2019\u00bb\""
# Every character that can serve as a quotation mark, straight single quotes included.
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + "'\u201a\u201f\u2039\u203a"
# "what he calls" before a long quotation just introduces the quote; before a short name it distances.
DISTANCING_MAX_QUOTED_WORDS = 6
# Tokens skipped when looking at a match's neighbours ("counter-terrorism", "Odessa, Texas").
NEIGHBOUR_SKIP = {"-", ",", "\u2013"}
# Dependencies that carry what a reporting verb reports.
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Dependencies that make a word modify the noun after it.
MODIFIER_DEPS = {"amod", "compound", "nmod", "advmod", "npadvmod"}
# Entity types that stand for people or places in the sense checks.
PERSON_ENTS = {"PERSON", "NORP", "ORG"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PERSON_PRONOUNS = {"him", "her", "them", "us", "me", "himself", "herself", "themselves"}
# Added to the explanation of a contested spelling found inside a quote: the speaker did not
# choose the English spelling, the outlet did when it translated or transcribed the words.
TRANSLATION_NOTE = (" Inside this quote the spelling is still the outlet's choice: the speaker's words"
                    " were translated or transcribed, and the outlet picked the spelling.")
SCARE_QUOTE_ENTRY = {
    "term": "scare quotes",
    "category": "scare_quote",
    "explanation": ("Quotation marks around a word that nobody in the article is reported as saying: the "
                    "outlet distances itself from the word and hints it is false or euphemistic."),
    "alternatives": ["drop the quotation marks", "attribute the word to whoever uses it"],
    "source": ("AP Stylebook and the Guardian style guide advise against quotation marks used to show "
               "disbelief; quote only what someone said and say who."),
}
SCARE_NOTE = " It is also set in scare quotes."
# Words before a disputed event that name a sponsor or cast doubt ("Western-backed coup").
DISPUTING_WORDS = {"backed", "sponsored", "orchestrated", "inspired", "instigated", "engineered", "staged",
                   "so-called", "called", "illegal", "unconstitutional", "anti-constitutional"}
DISPUTING_WINDOW = 4
# Entity types that are names of laws, works, organisations and events: a capitalised match inside
# one is part of a name ("Prevention of Terrorism Bill", "Evil Dead"), not the outlet's word choice.
NAME_ENTS = {"LAW", "WORK_OF_ART", "ORG", "EVENT", "FAC", "PRODUCT"}
# Scare-quote candidates that are something else: the word before says the phrase is being named
# or titled ("the term 'urban'", "the film 'Hobbit'", "nicknamed 'Jihadi John'").
MENTION_CUES = {"term", "terms", "word", "words", "phrase", "label", "labels", "name", "called", "calls", "call",
                "nicknamed", "dubbed", "known", "titled", "entitled", "named", "slogan", "motto", "banner",
                "show", "film", "films", "movie", "book", "song", "album", "program", "programme", "series",
                "magazine", "newspaper", "campaign", "operation", "codenamed", "headline", "hashtag", "brand",
                # a classification someone made: 'designated as "unrecoverable"', 'deemed "unfair"'
                "designate", "deem", "define", "describe", "label", "term", "classify", "rate"}
# Words in the sentence that name a source whose words a short quoted phrase is taken from.
SOURCE_CUES = {"statement", "remark", "comment", "words", "report", "interview", "speech", "letter", "memo"}
MENTION_WINDOW = 4
# Small words that stay lower-case in a title ("Flames of War").
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from", "is"}
# Scare quotes mark a word or two; a longer quoted phrase with nobody named is a partial quote.
SCARE_MAX_WORDS = 3
# Two quoted phrases this close together are a list of terms being discussed, not scare quotes.
LIST_GAP = 12
READABILITY_MEASURES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                        "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")

_lock = threading.RLock()


# --------------------------------------------------------------------------- the lexicon

@dataclass(slots=True)
class Lexicon:
    """Entries by headword (lower-cased term), word lists the sense checks read, and the problems
    found in the reader's file."""
    entries: dict[str, dict]
    person_nouns: frozenset[str] = frozenset()
    territory_nouns: frozenset[str] = frozenset()
    migration_words: frozenset[str] = frozenset()
    problems: list[str] = field(default_factory=list)
    user_path: str | None = None


def user_lexicon_path() -> pathlib.Path:
    """$QUOTETRAIL_LEXICON, else lexicon.jsonl in the user's config dir."""
    env = os.environ.get(USER_LEXICON_ENV)
    if env:
        return pathlib.Path(env).expanduser()
    import platformdirs
    return pathlib.Path(platformdirs.user_config_dir(APP_NAME)) / USER_LEXICON_NAME


def _validate(raw: object, *, partial: bool = False) -> str | None:
    """What is wrong with one entry, or None. `partial`: an override of a shipped entry, which may
    leave out the fields it does not change."""
    if not isinstance(raw, dict):
        return f"an entry must be a JSON object, not {type(raw).__name__}"
    unknown = sorted(set(raw) - ENTRY_FIELDS)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(ENTRY_FIELDS))}"
    term = raw.get("term")
    if not isinstance(term, str) or not term.strip():
        return "'term' must be a non-empty string"
    if "disabled" in raw and not isinstance(raw["disabled"], bool):
        return "'disabled' must be true or false"
    if raw.get("disabled") is True:
        return None
    if not partial:
        for name in ("category", "explanation"):
            if name not in raw:
                return f"'{name}' is missing (a new entry needs term, category and explanation)"
    if "category" in raw and raw["category"] not in CATEGORIES:
        return f"'category' must be one of {', '.join(CATEGORIES)}, not {raw['category']!r}"
    for name in ("explanation", "source"):
        if name in raw and (not isinstance(raw[name], str) or not raw[name].strip()):
            return f"'{name}' must be a non-empty string"
    for name in LIST_FIELDS:
        if name in raw and (not isinstance(raw[name], list) or not all(isinstance(v, str) for v in raw[name])):
            return f"'{name}' must be a list of strings"
    if "match" in raw and raw["match"] not in MATCH_MODES:
        return f"'match' must be one of {', '.join(MATCH_MODES)}"
    bad_pos = sorted(set(raw.get("pos", [])) - POS_TAGS)
    if bad_pos:
        return f"unknown part(s) of speech {', '.join(bad_pos)}"
    if "sense" in raw and raw["sense"] not in SENSES:
        return f"unknown 'sense' {raw['sense']!r}; known: {', '.join(sorted(SENSES))}"
    if "patterns" in raw:
        pats = raw["patterns"]
        if (not isinstance(pats, list) or not pats
                or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in pats)):
            return "'patterns' must be a list of spaCy Matcher patterns (lists of token objects)"
    return None


def _defaults(entry: dict, source: str) -> dict:
    out = dict(entry)
    out["term"] = out["term"].strip()
    out.setdefault("variants", [])
    out.setdefault("alternatives", [])
    out.setdefault("source", source)
    out.setdefault("match", "lemma")
    return out


def _key(term: str) -> str:
    return " ".join(term.lower().split())


def _read_shipped() -> tuple[dict, dict[str, dict]]:
    raw = json.loads(resources.files("quotetrail").joinpath("data/lexicon.json").read_text("utf-8"))
    entries: dict[str, dict] = {}
    for i, entry in enumerate(raw["entries"]):
        problem = _validate(entry)
        if problem:
            # A broken shipped entry is a bug of ours; skip it rather than lose the whole lexicon.
            log.error("shipped lexicon entry %d (%r): %s", i, entry.get("term") if isinstance(entry, dict) else entry,
                      problem)
            continue
        entries[_key(entry["term"])] = _defaults(entry, "QuoteTrail lexicon")
    return raw, entries


def _read_user(path: pathlib.Path, shipped: dict[str, dict]) -> tuple[list[tuple[int, dict]], list[str]]:
    """Valid entries of the reader's file with their line numbers, and 'FILE:LINE: problem' lines."""
    problems: list[str] = []
    good: list[tuple[int, dict]] = []
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return good, problems
    except (OSError, UnicodeDecodeError) as exc:
        return good, [f"{path}: cannot read the file: {exc}"]
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        known = isinstance(entry, dict) and isinstance(entry.get("term"), str) and _key(entry["term"]) in shipped
        problem = _validate(entry, partial=known)
        if problem is None and entry.get("disabled") is True and not known:
            problem = f"no shipped entry {entry['term']!r} to switch off"
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        good.append((lineno, entry))
    return good, problems


def check_user_lexicon(path: str | os.PathLike) -> list[str]:
    """Problems in a reader's lexicon file, one 'FILE:LINE: what is wrong' per line ([] when fine)."""
    _, shipped = _read_shipped()
    _, problems = _read_user(pathlib.Path(path), shipped)
    return problems


@functools.cache
def lexicon() -> Lexicon:
    """The shipped lexicon merged with the reader's file, read once per process."""
    with _lock:
        raw, entries = _read_shipped()
        path = user_lexicon_path()
        user, problems = _read_user(path, entries)
        for lineno, entry in user:
            key = _key(entry["term"])
            if entry.get("disabled") is True:
                entries[key] = dict(entries[key], disabled=True)
            elif key in entries:
                # An override keeps what it does not change (e.g. only new alternatives).
                entries[key] = {**entries[key], **entry}
            else:
                entries[key] = _defaults(entry, f"your lexicon ({path.name}, line {lineno})")
        for problem in problems:
            log.warning("%s", problem)
        return Lexicon(entries=entries,
                       person_nouns=frozenset(raw.get("person_nouns", [])),
                       territory_nouns=frozenset(raw.get("territory_nouns", [])),
                       migration_words=frozenset(raw.get("migration_words", [])),
                       problems=problems, user_path=str(path))


def lexicon_problems() -> list[str]:
    """Problems found in the reader's lexicon file when it was read (for `quotetrail lexicon`)."""
    return list(lexicon().problems)


def clear_caches() -> None:
    """Forget the lexicon and matchers (tests, or after the reader edits the file)."""
    with _lock:
        lexicon.cache_clear()
        _matchers.cache_clear()


# --------------------------------------------------------------------------- matchers

def _phrases(entry: dict) -> list[str]:
    """The term (unless the entry is pattern-only) and its variants, with either apostrophe."""
    base = list(entry["variants"]) if entry.get("patterns") else [entry["term"], *entry["variants"]]
    out: list[str] = []
    for p in base:
        for a, b in (APOSTROPHES, APOSTROPHES[::-1]):
            v = p.replace(a, b)
            if v not in out:
                out.append(v)
    return out


@dataclass(slots=True)
class _Matchers:
    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: Matcher
    lexicon: Lexicon


@functools.cache
def _matchers() -> _Matchers:
    """Build the matchers once per process: a phrase matcher on lower-case forms, one on lemmas,
    and a token-pattern matcher for entries that need more than a fixed phrase."""
    from . import nlp as nlp_mod
    with _lock:
        nlp = nlp_mod.load()
        lex = lexicon()
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        tokens = Matcher(nlp.vocab)
        lemma_jobs: list[tuple[str, str]] = []
        for key, entry in lex.entries.items():
            if entry.get("disabled"):
                continue
            phrases = _phrases(entry)
            if phrases:
                lower.add(key, [nlp.make_doc(p) for p in phrases])
                if entry["match"] == "lemma":
                    lemma_jobs.extend((p, key) for p in phrases)
            if entry.get("patterns"):
                try:
                    tokens.add(key, entry["patterns"])
                except Exception as exc:  # spaCy reports bad patterns with several error types
                    problem = f"{lex.user_path}: entry {entry['term']!r}: bad pattern: {exc}"
                    log.warning("%s", problem)
                    lex.problems.append(problem)
        # Lemmas of the patterns come from the same pipeline that lemmatises articles.
        by_key: dict[str, list] = {}
        for doc, key in nlp.pipe(lemma_jobs, as_tuples=True, disable=["parser", "ner"]):
            by_key.setdefault(key, []).append(doc)
        for key, docs in by_key.items():
            lemma.add(key, docs)
        return _Matchers(lower, lemma, tokens, lex)


# --------------------------------------------------------------------------- sense checks

def _neighbour(span: Span, step: int) -> Token | None:
    """The next (step=1) or previous (step=-1) word, skipping spaces, hyphens and commas."""
    doc = span.doc
    i = span.end if step > 0 else span.start - 1
    while 0 <= i < len(doc) and (doc[i].is_space or doc[i].text in NEIGHBOUR_SKIP):
        i += step
    return doc[i] if 0 <= i < len(doc) else None


def _context_words(span: Span) -> set[str]:
    """Lemmas and forms of the words that modify the match or that it modifies."""
    root = span.root
    near: list[Token] = []
    for child in root.children:
        if child.i < span.start or child.i >= span.end:
            near.append(child)
            near.extend(g for g in child.children if g.dep_ in ("compound", "amod", "pobj"))
            if child.dep_ == "prep":
                near.extend(g for g in child.children if g.dep_ == "pobj")
    if root.dep_ in MODIFIER_DEPS or root.dep_ == "amod":
        near.append(root.head)
    for step in (1, -1):
        t = _neighbour(span, step)
        if t is not None:
            near.append(t)
    return {w for t in near for w in (t.lemma_.lower(), t.lower_)}


def _objects(tok: Token) -> list[Token]:
    """What a verb acts on (object, passive subject) or what a noun is 'of'."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    if tok.dep_ in ("amod", "acl") and tok.head.i != tok.i:
        out.append(tok.head)
    for c in list(out):
        out.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _is_person(tok: Token, lex: Lexicon) -> bool:
    return (tok.ent_type_ in PERSON_ENTS or tok.lower_ in PERSON_PRONOUNS
            or tok.lemma_.lower() in lex.person_nouns or tok.lower_ in lex.person_nouns)


def _sense_government(span: Span, lex: Lexicon) -> bool:
    # "regime" for a government; the non-government uses (visa, sanctions, tax regime) are
    # rejected through the entry's not_with list; here only "regime" as a modifier is left out
    # ("regime change" is handled by not_before).
    return span.root.pos_ in ("NOUN", "PROPN")


def _sense_reporting_verb(span: Span, lex: Lexicon) -> bool:
    # "claims that ...", "claimed to be ...": a verb reporting a statement. Not the noun
    # ("insurance claims") nor "claimed responsibility / lives / victory".
    root = span.root
    if root.pos_ not in ("VERB", "AUX"):
        return False
    # A finite verb without a subject is a noun the tagger got wrong ("Addressing claims that ...").
    if root.tag_ in ("VBZ", "VBP", "VBD") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.pos_ != "VERB"
                                                      for c in root.children):
        return False
    if any(c.dep_ in CLAUSE_DEPS for c in root.children):
        return True
    # "..., he claimed." / "as he claims": the verb is attached to the clause it reports.
    if root.dep_ in ("parataxis", "advcl") and any(c.dep_ in ("nsubj",) for c in root.children):
        return not any(c.dep_ == "dobj" for c in root.children)
    nxt = _neighbour(span, 1)
    return nxt is not None and nxt.lower_ == "that"


def _sense_person_object(span: Span, lex: Lexicon) -> bool:
    # "neutralised three militants", "he was eliminated": killing people, not threats or costs.
    objs = _objects(span.root)
    if any(_is_person(t, lex) for t in objs):
        return True
    # passive with a person subject: "the commander was neutralised"
    return any(c.dep_ == "nsubjpass" and _is_person(c, lex) for c in span.root.children)


def _sense_territory(span: Span, lex: Lexicon) -> bool:
    # "liberated the village" (military capture), not "women's liberation" or "liberated prisoners".
    for t in _objects(span.root):
        if t.ent_type_ in PLACE_ENTS or t.lemma_.lower() in lex.territory_nouns:
            return True
    return False


def _sense_migration(span: Span, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.migration_words or t.lemma_.lower() in lex.migration_words
               for t in sent_of(span[0]))


def _sense_modifier(span: Span, lex: Lexicon) -> bool:
    # An adjective before a noun ("failed counteroffensive", "supposed victims"), not a verb
    # ("the talks failed", "was supposed to").
    root = span[-1]
    nxt = _neighbour(span, 1)
    if nxt is not None and nxt.lower_ == "to":
        return False
    if root.dep_ in MODIFIER_DEPS and root.head.i > root.i:
        return True
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and root.tag_ in ("JJ", "VBN")


def _sense_modifier_next(span: Span, lex: Lexicon) -> bool:
    # "all-out war" (before a noun), not "they went all out".
    nxt = _neighbour(span, 1)
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ")


def _sense_country_name(span: Span, lex: Lexicon) -> bool:
    # "the Ukraine" as a country name, not "the Ukraine war" (where "the" goes with "war").
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.text in ("-", "\u2013"))


def _sense_short_quote_follows(span: Span, lex: Lexicon) -> bool:
    # "what he calls a 'special military operation'" distances the outlet from a name;
    # "what he called 'a comprehensive ... settlement of this conflict ...'" only introduces a quote.
    # Without quotation marks the phrase is plain attribution.
    text = text_of(span.doc)
    i = span.end_char
    while i < len(text) and text[i] == " ":
        i += 1
    for _ in range(2):  # an article may stand before the mark: "what he calls a 'xxx'"
        if i < len(text) and text[i] in OPEN_MARKS:
            close = min((j for j in (text.find(c, i + 1) for c in CLOSE_MARKS) if j != -1), default=-1)
            inner = text[i + 1:close] if close != -1 else text[i + 1:i + 200]
            # A title-cased name is a product or a title being introduced, not a distanced word.
            return len(inner.split()) <= DISTANCING_MAX_QUOTED_WORDS and not _title_case(inner)
        m = re.match(r"\w+ ", text[i:i + 20])
        if not m:
            break
        i += m.end()
    # No quotation marks: "what he called evident disagreements" is plain attribution.
    return False


def _sense_disputed(span: Span, lex: Lexicon) -> bool:
    # "coup" is the loaded framing when the outlet marks the event as disputed: in quotation marks,
    # or credited to a sponsor ("Western-backed coup"); "a military coup in 2021" is a plain fact.
    text = text_of(span.doc)
    before = text[max(0, span.start_char - 2):span.start_char]
    after = text[span.end_char:span.end_char + 2]
    if any(c in OPEN_MARKS for c in before) and any(c in CLOSE_MARKS for c in after):
        return True
    window = span.doc[max(0, span.start - DISPUTING_WINDOW):span.start]
    return any(t.lower_ in DISPUTING_WORDS for t in window)


def _title_case(text: str) -> bool:
    """'Flames of War', 'NO OTHER CHOICE': every word capitalised except small words."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text)]
    big = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


SENSES: dict[str, Callable[[Span, Lexicon], bool]] = {
    "government": _sense_government,
    "reporting_verb": _sense_reporting_verb,
    "person_object": _sense_person_object,
    "territory": _sense_territory,
    "migration": _sense_migration,
    "modifier": _sense_modifier,
    "modifier_next": _sense_modifier_next,
    "country_name": _sense_country_name,
    "short_quote_follows": _sense_short_quote_follows,
    "disputed": _sense_disputed,
}


def _inside_a_name(span: Span) -> bool:
    """A capitalised match inside a longer name of a law, work, organisation or event."""
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.is_title or t.is_upper for t in words) or span.start == sent_of(span[0]).start:
        return False
    ent = entity_of(span[0])
    if ent is not None and ent.start <= span.start and span.end <= ent.end and span[0].ent_type_ in NAME_ENTS \
            and len(ent) > len(span):
        return True
    # Capitalised neighbours on both sides: a title the parser did not tag.
    prev, nxt = _neighbour(span, -1), _neighbour(span, 1)
    return (prev is not None and nxt is not None and prev.is_title and nxt.is_title
            and prev.i != sent_of(span[0]).start)


def _capitalised_as_name(span: Span, entry: dict) -> bool:
    """A term the lexicon writes in lower case, every word capitalised in mid-sentence: a title or
    a name ('the hit singles Time Is Running Out, Hysteria'), not the outlet's judgement."""
    if any(ch.isupper() for ch in entry["term"]) or span.start == sent_of(span[0]).start:
        return False
    prev = _neighbour(span, -1)
    if prev is not None and (prev.is_punct and prev.text not in ",;" or prev.is_upper and len(prev) > 1):
        return False                                   # after a colon, dash or mark; or in a capitals line
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_title and not t.is_upper for t in words)


def _accept(span: Span, entry: dict, lex: Lexicon) -> bool:
    """Whether a match is the loaded sense of the entry (part of speech, neighbours, parse)."""
    pos = entry.get("pos")
    if pos and span.root.pos_ not in pos:
        return False
    if entry["category"] != "contested_name" and (_inside_a_name(span) or _capitalised_as_name(span, entry)):
        return False
    if entry.get("not_before"):
        nxt = _neighbour(span, 1)
        if nxt is not None and nxt.lower_ in entry["not_before"]:
            return False
    if entry.get("not_after"):
        prev = _neighbour(span, -1)
        if prev is not None and prev.lower_ in entry["not_after"]:
            return False
    if entry.get("not_with") and _context_words(span) & set(entry["not_with"]):
        return False
    sense = entry.get("sense")
    return sense is None or SENSES[sense](span, lex)


# --------------------------------------------------------------------------- voice

def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges between quotation marks (content only), paired left to right."""
    out, open_at = [], None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPEN_MARKS and (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace():
                open_at = i
        elif ch in CLOSE_MARKS and not (i + 1 < len(text) and text[i + 1].isalnum()):
            out.append((open_at + 1, i))
            open_at = None
        elif ch == "\n":
            open_at = None
    return out


def _inside(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _voice(start: int, end: int, quotes, regions: list[tuple[int, int]],
           passages: list[tuple[int, int]] = ()) -> tuple[str, str | None, bool]:
    """(voice, quote id, in_paraphrase) of a term at doc range [start, end). `passages` are quoted
    passages longer than a scare quote: somebody's words even when no quote claims them."""
    for q in quotes:
        if not _inside(start, end, q.content):
            continue
        if q.kind == "direct":
            return "quote", q.id, False
        marks = getattr(q, "marks", None) or regions
        if q.kind == "mixed" and _inside(start, end, marks):
            return "quote", q.id, False
        return "outlet", q.id, True
    if _inside(start, end, passages):
        return "quote", None, False
    return "outlet", None, False


# --------------------------------------------------------------------------- the layer

def _term(text: str, start: int, end: int, entry: dict, voice: tuple[str, str | None, bool]) -> dict:
    explanation = entry["explanation"]
    if entry["category"] == "contested_name" and voice[0] == "quote":
        explanation += TRANSLATION_NOTE
    return {"text": text, "start": start, "end": end, "term": entry["term"], "category": entry["category"],
            "explanation": explanation, "alternatives": list(entry["alternatives"]), "voice": voice[0],
            "quote_id": voice[1], "in_paraphrase": voice[2], "source": entry["source"]}


def _skipped_ranges(parsed) -> list[tuple[int, int]]:
    """Paragraphs the article layer marked as boilerplate (related-links blocks and the like)."""
    paras = parsed.article.paragraphs
    return [(parsed.starts[i], parsed.starts[i] + len(paras[i])) for i in sorted(parsed.boilerplate)]


@functools.cache
def _speech_verbs() -> frozenset[str]:
    """Reporting verbs, as the quotes layer knows them."""
    from .quotes import cues
    found = cues()
    return frozenset(found["speech"] | found["weak"] | found["fragment"])


def _not_a_scare_quote(parsed, start: int, end: int, terms: list[dict]) -> bool:
    """Quoted phrases that are something else: longer than a few words or capitalised, a quoted
    subhead (the whole paragraph), a phrase in the headline (headlines quote without naming the
    speaker), a phrase after "so-called" (that term carries the distancing), a title or name
    (Title Case, digits), a finished sentence, one of a list of quoted terms, a phrase being named
    ("the term 'x'"), or a several-word phrase in a sentence that reports speech (a partial quote)."""
    i = parsed.paragraph_of(start)
    para = parsed.article.paragraphs[i]
    inner = text_of(parsed.doc)[start:end].strip()
    if para.strip().strip(ALL_MARKS + " ").strip() == inner:
        return True
    if i == 0 and parsed.article.title and para.strip() == parsed.article.title.strip():
        return True
    before = text_of(parsed.doc)[max(0, start - 20):start].rstrip().rstrip(OPEN_MARKS).rstrip()
    for t in terms:
        if t["category"] == "so_called" and before.lower().endswith(t["text"].lower()) and t["end"] <= start:
            t["explanation"] += " The name after it is also set in quotation marks."
            return True
    if len(inner.split()) > SCARE_MAX_WORDS or not inner[0].islower():
        return True  # scare quotes mark a word or two of the outlet's own prose, in lower case
    if _title_case(inner) or any(ch.isdigit() for ch in inner) or len(inner) < 2:
        return True
    if inner[-1] in ".!?":
        return True  # a finished sentence in marks is somebody's statement
    doc = parsed.doc
    text = text_of(doc)
    near = text[max(0, start - 1 - LIST_GAP):max(0, start - 1)] + text[end + 1:end + 1 + LIST_GAP]
    if any(c in near for c in OPEN_MARKS + CLOSE_MARKS if c != "'"):
        return True  # one of several quoted terms in a row
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        window = doc[max(sent_of(span[0]).start, span.start - MENTION_WINDOW - 1):span.start]
        if any(t.lower_ in MENTION_CUES or t.lemma_.lower() in MENTION_CUES for t in window):
            return True
        if len(inner.split()) > 1 and any(t.lemma_.lower() in _speech_verbs() and t.pos_ == "VERB"
                                          for t in sent_of(span[0])):
            return True
        sent = [t for t in sent_of(span[0]) if not (span.start <= t.i < span.end)]
        if any(t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in sent) \
                or any(t.lemma_.lower() in SOURCE_CUES and t.pos_ == "NOUN" for t in sent):
            return True                                # a partial quote of a named source or document
        lead = next((t for t in reversed(doc[max(0, span.start - 3):span.start]) if t.text not in ALL_MARKS), None)
        if len(inner.split()) > 1 and lead is not None and lead.tag_ in ("DT", "PRP$"):
            return True                                # 'his "golden rule"': the name of a rule or scheme
    return False


def find_loaded_terms(parsed, quotes, scare_candidates) -> list[dict]:
    """Every loaded term of the article, sorted by start: lexicon matches whose sense the parse
    confirms, plus one scare_quote term per scare-quote candidate."""
    m = _matchers()
    lex = m.lexicon
    doc = parsed.doc
    vocab = doc.vocab
    found: dict[tuple[int, int, str], Span] = {}
    for matcher in (m.lower, m.lemma, m.tokens):
        for match_id, s, e in matcher(doc):
            key = vocab.strings[match_id]
            entry = lex.entries.get(key)
            if entry is None or entry.get("disabled"):
                continue
            span = doc[s:e]
            if _accept(span, entry, lex):
                found[(s, e, key)] = span
    # Longest match wins where matches overlap ("failed asylum seekers" over "failed").
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, key in sorted(found, key=lambda k: (-(k[1] - k[0]), k[0])):
        if taken.isdisjoint(range(s, e)):
            chosen.append((s, e, key))
            taken.update(range(s, e))
    skip = _skipped_ranges(parsed)
    regions = _quoted_regions(text_of(doc))
    passages = [(s, e) for s, e in regions if len(text_of(doc)[s:e].split()) > SCARE_MAX_WORDS]
    terms: list[dict] = []
    for s, e, key in chosen:
        span = found[(s, e, key)]
        start, end = span.start_char, span.end_char
        if _inside(start, end, skip):
            continue
        terms.append(_term(span.text, start, end, lex.entries[key], _voice(start, end, quotes, regions, passages)))
    for start, end in scare_candidates:
        text = text_of(doc)[start:end]
        if not text.strip() or _inside(start, end, skip):
            continue
        # A lexicon term that fills the quoted phrase keeps its own entry and notes the marks.
        same = [t for t in terms if t["start"] >= start and t["end"] <= end
                and len(t["text"].split()) >= len(text.split()) - 1]
        if same:
            for t in same:
                t["explanation"] += SCARE_NOTE
            continue
        if _not_a_scare_quote(parsed, start, end, terms):
            continue
        terms.append(_term(text, start, end, SCARE_QUOTE_ENTRY, ("outlet", None, False)))
    terms.sort(key=lambda t: (t["start"], t["end"]))
    return terms


def summarize(terms: list[dict]) -> dict:
    """Counts a reader can take in at a glance: total, by category, by voice."""
    by_category: dict[str, int] = {}
    for t in terms:
        by_category[t["category"]] = by_category.get(t["category"], 0) + 1
    by_voice = {v: sum(1 for t in terms if t["voice"] == v) for v in VOICES}
    ordered = {c: by_category[c] for c in CATEGORIES if c in by_category}
    ordered.update({c: n for c, n in by_category.items() if c not in ordered})
    return {"total": len(terms), "by_category": ordered, "by_voice": by_voice}


def readability(text: str) -> dict:
    """The article's readability figures (textstat), rounded; zeros for an empty text."""
    import textstat
    if not text.strip():
        return {name: 0.0 for name in READABILITY_MEASURES} | {"words": 0, "sentences": 0}
    out = {name: round(float(getattr(textstat, name)(text)), 1) for name in READABILITY_MEASURES}
    out["words"] = textstat.lexicon_count(text)
    out["sentences"] = textstat.sentence_count(text)
    return out
