"""The lexicon of loaded terms: the shipped data file merged with a reader's own file.

The shipped words live in `data/lexicon.json`; a reader's file (JSON Lines) adds entries or
switches shipped ones off. Every entry is validated; a bad line of the reader's file is reported
as 'FILE:LINE: problem' and the rest still loads.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import pathlib
import threading
from dataclasses import dataclass, field
from importlib import resources

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

_lock = threading.RLock()


@dataclass(slots=True)
class Lexicon:
    """Entries by headword (lower-cased term), word lists the sense checks read, and the problems
    found in the reader's file."""
    entries: dict[str, dict]
    person_nouns: frozenset[str] = frozenset()
    territory_nouns: frozenset[str] = frozenset()
    migration_words: frozenset[str] = frozenset()
    filing_nouns: frozenset[str] = frozenset()
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
    from .senses import SENSES
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
                       filing_nouns=frozenset(raw.get("filing_nouns", [])),
                       problems=problems, user_path=str(path))


def lexicon_problems() -> list[str]:
    """Problems found in the reader's lexicon file when it was read (for `quotetrail lexicon`)."""
    return list(lexicon().problems)

