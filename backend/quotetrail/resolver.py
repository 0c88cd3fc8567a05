"""The one resolver of reported speech. Every indirect rule, the fixed ones of indirect.py and the
patterns of patterns.py, proposes candidates (rule id, score, cue, speaker, content ranges) and
touches no shared state; `resolve` takes them best first and keeps each one whose cue is still
free and whose words no accepted quote holds. The direct quotes read off the marks come first,
as accepted evidence. A candidate's score is its rule's measured precision (data/rule_priors.json);
a rule scored under MIN_RULE_SCORE proposes nothing that is kept."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

from spacy.tokens import Token

from .attribution_settings import MAX_SHARED_CONTENT, MIN_RULE_SCORE
from .clauses import Covered, Quote, inside, join_ranges, mention_range, overlap, trim
from .nlp import Parsed, past_dateline, text_of


@dataclass(slots=True, frozen=True)
class Candidate:
    rule: str
    score: float
    cue: Token
    ranges: tuple[tuple[int, int], ...]    # doc character ranges of the content
    source: Token | None = None            # head of the speaker mention
    kind: str = ""                         # 'direct' when the rule gives verbatim words
    each: bool = False                     # every range is a quote of its own (points listed under one cue)

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


@functools.cache
def _priors() -> dict:
    raw = resources.files("quotetrail").joinpath("data/rule_priors.json").read_text("utf-8")
    return json.loads(raw)


def prior(rule: str) -> float:
    """The rule's measured precision; the table's default for a rule it does not list yet."""
    table = _priors()
    entry = table["priors"].get(rule)
    return float(entry["score"]) if entry else float(table["default"])


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first. Ties go to the cue read first, then to the rule id, so the order never depends on
    which rule happened to run first."""
    return sorted(candidates, key=lambda c: (-c.score, c.cue.idx, c.rule))


def resolve(parsed: Parsed, accepted: list[Quote], blocked: list[tuple[int, int]],
            quoted: list[tuple[int, int]], candidates: Iterable[Candidate]) -> list[Quote]:
    """The quotes the candidates add to `accepted` (kept as they are). `blocked` ranges (page
    furniture) take no quote; `quoted` are words in marks that are no quote of their own: content
    holding them, or holding an accepted quotation, is mixed."""
    covered = Covered(len(text_of(parsed.doc)))     # characters an accepted quote holds
    covered.extend(blocked)
    used: set[int] = set()
    marked = list(quoted)
    for q in accepted:
        covered.extend(q.content)
        covered.extend(q.marks)
        marked.extend(q.marks or q.content)
        if q.cue is not None:
            used.add(q.cue.i)
    out: list[Quote] = []
    for c in ranked(candidates):
        if c.score < MIN_RULE_SCORE or not _fits(c, covered, used):
            continue
        used.add(c.cue.i)
        for ranges in ([r] for r in c.ranges) if c.each else [c.ranges]:
            q = _quote(parsed, c, ranges, marked)
            covered.append((q.start, q.end))
            out.append(q)
    return out


def _fits(c: Candidate, covered: Covered, used: set[int]) -> bool:
    """One cue makes one quote; a cue or speaker inside accepted words is part of what someone
    said, not a new report; content may share at most MAX_SHARED_CONTENT of its characters with
    accepted quotes (a quotation it carries, which makes it mixed)."""
    if c.cue.i in used or inside(c.cue, covered):
        return False
    if c.source is not None and inside(c.source, covered):
        return False
    return all(overlap(r, covered) <= MAX_SHARED_CONTENT for r in c.ranges)


def _quote(parsed: Parsed, c: Candidate, ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...],
           marked: list[tuple[int, int]]) -> Quote:
    """The accepted candidate as a quote: content past any dateline, mixed when it carries quoted words."""
    doc = parsed.doc
    first = (past_dateline(parsed.datelines, ranges[0][0]), ranges[0][1])
    content = [first] if len(ranges) == 1 else [trim(doc, s, e) for s, e in (first, *ranges[1:])]
    start, end = content[0][0], content[-1][1]
    inner = sorted({(s, e) for s, e in marked if start <= s and e <= end})
    kind = c.kind or ("mixed" if inner else "indirect")
    mention = mention_range(c.source) if c.source is not None else None
    return Quote("", kind, content, join_ranges(doc, content), c.cue, c.source, mention, marks=inner, rule=c.rule)
