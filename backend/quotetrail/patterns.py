"""The attribution pattern engine: DependencyMatcher patterns kept as data (data/patterns.json)
propose scored candidates (rule id, cue, content range); quotes.py picks among them."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from .nlp import load

# Right-hand children of a verb that still belong to its reported object ('accused X of Y').
OBJECT_DEPS = {"dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "acomp", "pcomp"}


@dataclass(slots=True, frozen=True)
class Candidate:
    rule: str
    score: float
    cue: Token
    ranges: tuple[tuple[int, int], ...]    # doc character ranges of the content

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


@functools.cache
def table() -> dict:
    raw = resources.files("quotetrail").joinpath("data/patterns.json").read_text("utf-8")
    return json.loads(raw)


@functools.cache
def _lexicon() -> dict:
    raw = json.loads(resources.files("quotetrail").joinpath("data/cues.json").read_text("utf-8"))
    lists = {k: v for k, v in raw.items() if isinstance(v, list)}
    lists["prep_verb_lemmas"] = sorted(raw["prep_verbs"])
    return {"lists": lists, "prep_verbs": {k: set(v) for k, v in raw["prep_verbs"].items()}}


def _expand(value):
    """Replace '@name' entries of IN / NOT_IN lists with the cues.json list of that name."""
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, str) and v.startswith("@"):
                out.extend(_lexicon()["lists"][v[1:]])
            else:
                out.append(_expand(v))
        return out
    return value


@functools.cache
def _matcher() -> tuple[DependencyMatcher, dict]:
    nlp = load()
    matcher = DependencyMatcher(nlp.vocab)
    by_id = {}
    for p in table()["patterns"]:
        matcher.add(p["id"], [_expand(p["pattern"])])
        by_id[p["id"]] = p
    return matcher, by_id


def candidates(doc: Doc) -> list[Candidate]:
    """Every pattern firing in the doc, best score first, then in reading order."""
    matcher, by_id = _matcher()
    out: dict[tuple[str, int], Candidate] = {}
    for match_id, token_ids in matcher(doc):
        rule = doc.vocab.strings[match_id]
        spec = by_id[rule]
        names = [node["RIGHT_ID"] for node in spec["pattern"]]
        nodes = dict(zip(names, (doc[i] for i in token_ids)))
        cue, content = nodes["cue"], nodes["content"]
        if "prep" in nodes and nodes["prep"].lower_ not in _lexicon()["prep_verbs"].get(cue.lemma_.lower(), ()):
            continue
        ranges = _extent(cue, content, spec["extent"])
        key = (rule, cue.i)
        if ranges and key not in out:
            out[key] = Candidate(rule, float(spec["score"]), cue, ranges)
    return sorted(out.values(), key=lambda c: (-c.score, c.start))


def _extent(cue: Token, content: Token, how: str) -> tuple[tuple[int, int], ...]:
    """Where the content runs: its node's subtree; for 'object', on through the verb's later
    objects and prepositional phrases, stopping at a comma, a conjunction or a new clause; for
    'around_cue', the clause on both sides of a tag set inside it (none if it is not inside)."""
    first, last = content.left_edge, content.right_edge
    if how == "around_cue":
        doc = cue.doc
        lo, hi = cue.left_edge.i, cue.right_edge.i
        while lo > first.i and doc[lo - 1].is_punct:
            lo -= 1
        while hi < last.i and doc[hi + 1].is_punct:
            hi += 1
        subject_before = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < lo for c in content.children)
        if content.i <= hi or not subject_before or lo <= first.i or hi >= last.i:
            return ()
        end = last if not last.is_punct else doc[last.i - 1]
        return ((first.idx, doc[lo - 1].idx + len(doc[lo - 1])), (doc[hi + 1].idx, end.idx + len(end)))
    if how == "object":
        for child in cue.rights:
            if child.i <= content.i:
                continue
            if child.dep_ not in OBJECT_DEPS:
                break
            last = child.right_edge
    return ((first.idx, last.idx + len(last)),)
