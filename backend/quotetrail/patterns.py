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
    start: int                 # doc character range of the content
    end: int


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
        start, end = _extent(cue, content, spec["extent"])
        key = (rule, cue.i)
        if key not in out:
            out[key] = Candidate(rule, float(spec["score"]), cue, start, end)
    return sorted(out.values(), key=lambda c: (-c.score, c.start))


def _extent(cue: Token, content: Token, how: str) -> tuple[int, int]:
    """Where the content runs: its node's subtree; for 'object', on through the verb's later
    objects and prepositional phrases, stopping at a comma, a conjunction or a new clause."""
    first, last = content.left_edge, content.right_edge
    if how == "object":
        for child in cue.rights:
            if child.i <= content.i:
                continue
            if child.dep_ not in OBJECT_DEPS:
                break
            last = child.right_edge
    return first.idx, last.idx + len(last)
