"""The attribution pattern engine: patterns kept as data (data/patterns.json) propose scored
candidates (rule id, cue, content range, and the source when the pattern names it). Dependency
patterns run on spaCy's DependencyMatcher; 'line' patterns (a speaker and a colon opening a
paragraph) on its token Matcher. The resolver (resolver.py) picks among the candidates, by the
score data/rule_priors.json gives each pattern id."""
from __future__ import annotations

import functools
import json
from importlib import resources

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Token

from .attribution_settings import HEADLINE_MAX_WORDS, HEADLINE_ZONE, TRANSCRIPT_MIN_LINES
from .nlp import Parsed, load, text_of
from .resolver import Candidate, prior

# Right-hand children of a verb that still belong to its reported object ('accused X of Y').
OBJECT_DEPS = {"dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "acomp", "pcomp"}
# Prepositions that carry the rest of a reported object ('accused X of Y', 'praised X for Y',
# 'described X as Y'); others after the object say where or when ('at a rally', 'on Monday').
OBJECT_PREPS = {"of", "for", "as"}


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


def takes_prep(verb: Token, prep: Token) -> bool:
    """Does this verb carry what was said with this preposition ('called for', 'referred to')?"""
    return prep.lower_ in _lexicon()["prep_verbs"].get(verb.lemma_.lower(), ())


def prep_verbs() -> dict[str, set[str]]:
    """Verbs of saying and the prepositions of their content ('called for', 'referred to')."""
    return _lexicon()["prep_verbs"]


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
def _matcher() -> tuple[DependencyMatcher, Matcher, dict]:
    nlp = load()
    matcher = DependencyMatcher(nlp.vocab)
    lines = Matcher(nlp.vocab)
    by_id = {}
    for p in table()["patterns"]:
        if p.get("matcher") == "line":
            lines.add(p["id"], [_expand(alt) for alt in p["pattern"]], greedy="LONGEST")
        else:
            matcher.add(p["id"], [_expand(p["pattern"])])
        by_id[p["id"]] = p
    return matcher, lines, by_id


def voiced(rule: str) -> bool:
    """Does the pattern's cue need a voice ('voice': true), so that any common noun as its subject speaks
    ('the vicar appealed to X to …'), not only the people and bodies cues.json lists?"""
    return bool(_matcher()[2].get(rule, {}).get("voice"))


def candidates(parsed: Parsed) -> list[Candidate]:
    """Every pattern firing in the article, one per pattern and cue, in no particular order."""
    doc = parsed.doc
    matcher, lines, by_id = _matcher()
    out: dict[tuple[str, int], Candidate] = {}
    for c in _line_candidates(parsed, lines, by_id):
        out[(c.rule, c.cue.i)] = c
    for match_id, token_ids in matcher(doc):
        rule = doc.vocab.strings[match_id]
        spec = by_id[rule]
        names = [node["RIGHT_ID"] for node in spec["pattern"]]
        nodes = dict(zip(names, (doc[i] for i in token_ids)))
        cue, content = nodes["cue"], nodes["content"]
        if "prep" in nodes and nodes["prep"].lower_ not in _lexicon()["prep_verbs"].get(cue.lemma_.lower(), ()):
            continue
        if _withheld(cue):
            continue
        ranges = _extent(cue, content, spec["extent"], nodes.get("last"))
        key = (rule, cue.i)
        if ranges and key not in out:
            out[key] = Candidate(rule, prior(rule), cue, ranges)
    return list(out.values())


def _extent(cue: Token, content: Token, how: str, through: Token | None = None) -> tuple[tuple[int, int], ...]:
    """Where the content runs: its node's subtree; for 'object', on through the verb's later
    objects and prepositional phrases, stopping at a comma, a conjunction or a new clause; for
    'around_cue', the clause on both sides of a tag set inside it (none if it is not inside); for
    'through_last', from the content node to the end of the pattern's 'last' node ('X to do Y')."""
    first, last = content.left_edge, content.right_edge
    if how == "through_last" and through is not None:
        if first.i <= cue.i:
            return ()                                  # 'on Monday called on X to …': the addressee follows the verb
        last = through.right_edge
        for c in through.rights:                       # '…, as the rival vowed to stay': a clause of its own
            if c.dep_ in ("advcl", "conj", "parataxis") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) \
                    and c.left_edge.i > through.i and c.doc[c.left_edge.i - 1].is_punct:
                last = c.doc[c.left_edge.i - 2]        # before the comma
                break
    if how == "around_cue":
        doc = cue.doc
        lo, hi = cue.left_edge.i, cue.right_edge.i
        while lo > first.i and doc[lo - 1].is_punct:
            lo -= 1
        while hi < last.i and doc[hi + 1].is_punct:
            hi += 1
        subject_before = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass") and c.i < lo
                             for c in content.children)
        if content.i <= hi or not subject_before or lo <= first.i or hi >= last.i:
            return ()
        end = last if not last.is_punct else doc[last.i - 1]
        return ((first.idx, doc[lo - 1].idx + len(doc[lo - 1])), (doc[hi + 1].idx, end.idx + len(end)))
    if how == "without_cue":
        return _without(cue, content)
    if how == "clause":                                # 'called for her to quit': without the 'for' (or 'that')
        while first.i < content.i and (first.dep_ == "mark" or first.lower_ == "that"):
            first = first.doc[first.i + 1]
    if how == "object":
        for child in cue.rights:
            if child.i <= content.i:
                continue
            if child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS and _circumstance(child) \
                    and child.lower_ not in _lexicon()["prep_verbs"].get(cue.lemma_.lower(), ()):
                break                                  # 'denied it at a rally on Monday': where and when
            if child.dep_ not in OBJECT_DEPS and not _purpose_of_object(child, last):
                break
            last = child.right_edge
    return ((first.idx, last.idx + len(last)),)


REFUSALS = {"decline", "refuse"}


def _withheld(cue: Token) -> bool:
    """'declined to comment on X', 'refused to discuss X': a refusal says nothing of X. (A negated
    report, 'did not deny X', still states a position and stays.)"""
    return cue.dep_ == "xcomp" and cue.head.lemma_.lower() in REFUSALS


def _without(cue: Token, content: Token) -> tuple[tuple[int, int], ...]:
    """The content's subtree minus the cue's (its 'as' tag), as one or two ranges; none when the cue
    reports something of its own ('as she said it would')."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return ()
    lo, hi = cue.left_edge.i, cue.right_edge.i
    keep = [t for t in content.subtree if not lo <= t.i <= hi]
    out, run = [], []
    for t in keep:
        if run and t.i != run[-1].i + 1:
            out.append(run)
            run = []
        run.append(t)
    if run:
        out.append(run)
    spans = []
    for run in out:
        while run and (run[0].is_punct or run[0].is_space):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].is_space):
            run = run[:-1]
        if run:
            spans.append((run[0].idx, run[-1].idx + len(run[-1])))
    return tuple(spans)


TIME_PREPS = {"after", "before", "during", "since", "until", "amid", "ahead"}
PLACE_TIME_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "PERSON"}


def _circumstance(prep: Token) -> bool:
    """Does this prepositional phrase say when, where, to whom or at what occasion something was
    said ('after the vote', 'in Ohio', 'with a radio host', 'at a rally'), not what?"""
    if prep.lower_ in TIME_PREPS:
        return True
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return obj.lemma_.lower() in _lexicon()["lists"]["occasion_nouns"] or any(
        t.ent_type_ in PLACE_TIME_ENTS for t in prep.subtree)


def _purpose_of_object(child: Token, last: Token) -> bool:
    """'called for an inquiry to examine X': an infinitive right after the object, with no subject
    of its own, belongs to what was called for (the parser hangs it on the verb)."""
    return (child.dep_ == "advcl" and child.left_edge.i == last.i + 1
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children))


def _line_candidates(parsed: Parsed, lines: Matcher, by_id: dict) -> list[Candidate]:
    """'Name: words' opening a paragraph: in a headline, the words are the name's ('where':
    'headline'); in a transcript, a line of its speaker ('where': 'transcript', only when at
    least TRANSCRIPT_MIN_LINES paragraphs of two speakers or more open so). The content runs to
    the end of the paragraph; the source is the word before the colon."""
    doc = parsed.doc
    found: dict[str, list[Candidate]] = {}
    for match_id, start, end in lines(doc):
        rule = doc.vocab.strings[match_id]
        spec = by_id[rule]
        para = parsed.paragraph_of(doc[start].idx)
        text = parsed.article.paragraphs[para]
        lead = len(text) - len(text.lstrip())
        if doc[start].idx != parsed.starts[para] + lead:
            continue                                   # not at the paragraph's start
        if spec["where"] == "headline" and not _headline(parsed, para):
            continue
        colon, source = doc[end - 1], doc[end - 2]
        stop = parsed.starts[para] + len(text.rstrip())
        first = colon.idx + 1
        while first < stop and text_of(doc)[first].isspace():
            first += 1
        if stop - first < 2:
            continue
        found.setdefault(rule, []).append(Candidate(rule, prior(rule), colon, ((first, stop),), source,
                                                        spec.get("kind", "")))
    out = []
    for rule, hits in found.items():
        if by_id[rule]["where"] == "transcript" and (
                len(hits) < TRANSCRIPT_MIN_LINES or len({h.source.lower_ for h in hits}) < 2):
            continue
        out.extend(hits)
    return out


def _headline(parsed: Parsed, para: int) -> bool:
    """The article's first paragraph, one the page marks as a heading, or a short unpunctuated
    line near the top."""
    text = parsed.article.paragraphs[para].strip()
    if parsed.article.kinds:
        return parsed.article.kinds[para] == "h"
    if para == 0 or (parsed.article.title and text == parsed.article.title.strip()):
        return True
    return para < HEADLINE_ZONE and len(text.split()) <= HEADLINE_MAX_WORDS and text[-1:] not in ".!?:"
