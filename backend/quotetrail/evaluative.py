"""Evaluative wording the lexicon never listed: judgement found from broad lexicons and the parse.

Words come with figures from two broad-coverage lexicons (`data/evaluative.tsv`: VADER's valence,
Pattern's adjective subjectivity; sources and licences in its header). A word is flagged only where
the parse shows it judging: an evaluative adjective or adverb on a person, a group or what they do;
a verb that judges what someone said or did (the reporter's verdict in "scoffed", "gloated",
"sneered"); a reporting verb that characterises instead of saying ("touted", "lambasted": the
quote layer's cues of that kind, less the plain verbs for the act); a contemptuous noun for a person
or their words. Each pattern is one row of PATTERNS
with its category, explanation and alternatives; every candidate gets a confidence from the
strength of its word, so a reader's sensitivity setting can leave the weaker ones out.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from .nlp import entity_of, sent_of
from .senses import AGENT_ENTS, after_opposing_prefix, headline_case, is_agent

# ---------------------------------------------------------------- tunables (one table, with units)
# VADER valence runs -4..+4 (mean of ten raters); Pattern subjectivity 0..1.
ADJ_MIN_VALENCE = 1.0          # an adjective needs this valence and ...
ADJ_MIN_SUBJECTIVITY = 1.0     # ... Pattern's top subjectivity, or else (when Pattern does not know it):
ADJ_STRONG_VALENCE = 1.5       # this valence alone
# Where Pattern knows an adjective, the sense it rates most subjective must also lean one way by this
# much: a subjective word its raters gave no polarity ("violent", "lazy") describes more often than it
# judges (on BABE 5 of 30 such flags held a marked word, against 69 of 111 from 0.5 up).
ADJ_MIN_POLARITY = 0.2
# A predicative adjective ("the plan was reckless", "conditions were harsh") more often reports a
# state than it gives a verdict: it needs this much negative valence.
PREDICATIVE_MAX_VALENCE = -2.0
# Confidence of a reporting verb that judges (its word choice, not a valence, is the evidence).
REPORTING_CONFIDENCE = 0.55
ADV_MIN_VALENCE = 1.0          # a negative adverb of manner (positive ones are mostly hedges: "clearly")
# Praise is rarer in news than blame, and a positive word in the outlet's prose is most often a
# description ("wealthy donors", "a powerful storm", "the best results", "great detail"): an
# adjective or adverb of positive valence needs this much ("euphoric", "magnificently").
POSITIVE_MIN_VALENCE = 3.3
VERB_MIN_VALENCE = 1.5         # a verb with a person, group or body as its subject, and below
VERB_MAX_VALENCE = 3.0         # this: raters put "kill" or "murder" here for the act, not the wording
NOUN_MAX_VALENCE = -2.0        # a noun used of a person or their words (negative only)
# Confidence of a flag found here: the pattern's base plus this much per point of valence, capped
# below the lexicon's own entries, which a person checked.
CONFIDENCE_PER_VALENCE = 0.06
CONFIDENCE_CAP = 0.75
# Flags at or above this confidence are "clear cases"; the rest show at the sensitivity "all".
CLEAR_CONFIDENCE = 0.8
# Confidence of lexicon entries and scare quotes (checked by a person, sense confirmed by the parse).
LEXICON_CONFIDENCE = 0.9
SCARE_QUOTE_CONFIDENCE = 0.8

# Heads that make an adjective a legal finding rather than the writer's verdict ("pleaded guilty").
LEGAL_FINDINGS = {"plead", "plea", "find", "verdict", "declare", "rule", "adjudge", "deem"}
# Dependencies of an adjective that say something of a noun or a subject.
ADJ_DEPS = {"amod", "acomp", "attr", "oprd", "conj", "advcl", "ccomp", "xcomp"}
# The reporting verbs of the quote layer that characterise what they report on (its fragment and
# object cues) are judging word choices, except these: the plain verbs a wire style uses for the act
# itself ("criticised", "praised", "rejected", "described"), which are also the alternatives offered,
# and the formal ones wire copy uses as plain verbs (sampled on the news corpus: "denounced",
# "commended", "applauded" in Reuters reports).
PLAIN_REPORTING = frozenset({
    "call", "describe", "dub", "term", "label", "refer", "portray", "depict", "characterize", "characterise", "cite",
    "mention", "note", "explain", "announce", "discuss", "echo", "express", "voice", "tweet", "repeat", "reiterate",
    "propose", "recommend", "predict", "promise", "reveal", "urge", "vow", "demand", "deny", "acknowledge", "admit",
    "question", "dispute", "reject", "accuse", "blame", "criticize", "criticise", "condemn", "praise", "welcome",
    "dismiss", "disavow", "denounce", "decry", "commend", "applaud", "hail", "rebuke"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way judgement shows in the parse: what finds it and what the reader is told."""
    id: str
    category: str
    base: float                 # confidence before the word's strength is added
    explanation: str            # {word}, {tone} and {target} are filled in
    alternatives: tuple[str, ...]


PATTERNS = {p.id: p for p in (
    Pattern("evaluative_adjective", "intensifier", 0.45,
            "An evaluative adjective ({tone}) on {target}: it gives the writer's verdict instead of showing "
            "what happened.", ("describe what was done or said", "attribute the judgement to who made it")),
    Pattern("evaluative_adverb", "intensifier", 0.45,
            "An adverb that judges ({tone}) how something was done: the writer's verdict, not a fact.",
            ("drop the adverb", "describe what was done")),
    Pattern("judging_verb", "intensifier", 0.4,
            "A verb that judges ({tone}) what {target} said or did, where a plain verb would report it.",
            ("said", "criticised", "responded", "describe the act")),
    Pattern("judging_report", "intensifier", REPORTING_CONFIDENCE,
            "A reporting verb that judges: it tells the reader how to take what {target} said instead of "
            "reporting it.", ("said", "criticised", "praised", "rejected", "described")),
    Pattern("contemptuous_noun", "label", 0.45,
            "A noun that condemns ({tone}) {target} or their words instead of describing them.",
            ("describe what they did or said", "attribute the word to who used it")),
)}


@functools.cache
def words() -> dict[str, tuple[float, float, float | None]]:
    """word -> (valence, subjectivity, polarity); 0.0 where VADER or Pattern has no figure, and a
    polarity of None where Pattern does not know the word."""
    out = {}
    text = resources.files("quotetrail").joinpath("data/evaluative.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, valence, subjectivity, polarity = line.split("\t")
        out[word] = (float(valence or 0.0), float(subjectivity or 0.0), float(polarity) if polarity else None)
    return out


def clear_caches() -> None:
    words.cache_clear()
    _characterising_verbs.cache_clear()
    _thinking_verbs.cache_clear()


def _figures(tok: Token) -> tuple[float, float, float | None]:
    table = words()
    # the lemma first, so that every inflection of a word gets the same figures
    found = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if found is None and tok.pos_ == "ADV":
        # an adverb of manner judges as its adjective does ("harshly", "facetiously"), and the
        # lexicons rate adjectives far more often than their adverbs
        found = next((table[a] for a in _adjectives_of(tok.lower_) if a in table), None)
    return found or (0.0, 0.0, None)


def _adjectives_of(adverb: str) -> list[str]:
    """Candidate adjectives an -ly adverb is made from: 'angrily' -> 'angry', 'basically' -> 'basic',
    'terribly' -> 'terrible', 'harshly' -> 'harsh'."""
    if not adverb.endswith("ly") or len(adverb) < 5:
        return []
    stem = adverb[:-2]
    out = [stem]
    if stem.endswith("i"):
        out.append(stem[:-1] + "y")
    if stem.endswith("al"):
        out.append(stem[:-2])
    if adverb.endswith("bly") or adverb.endswith("tly") or adverb.endswith("ply"):
        out.append(adverb[:-1] + "e")
    return out


def _target(tok: Token) -> str:
    return tok.text if tok.ent_type_ in AGENT_ENTS else "a person, group or act"


def _adjective(tok: Token, valence: float, subjectivity: float, polarity: float | None) -> Token | None:
    """The noun or subject an evaluative adjective is said of, or None."""
    # Pattern rates adjectives by sense: where it knows the word, a low subjectivity ("illegal",
    # "free") is a classification, not a verdict, whatever the valence.
    if valence > 0 and valence < POSITIVE_MIN_VALENCE:
        return None
    if subjectivity:
        ok = (abs(valence) >= ADJ_MIN_VALENCE and subjectivity >= ADJ_MIN_SUBJECTIVITY
              and (polarity is None or abs(polarity) >= ADJ_MIN_POLARITY))
    else:
        ok = abs(valence) >= ADJ_STRONG_VALENCE
    if not ok:
        return None
    if tok.dep_ not in ADJ_DEPS:
        return None
    head = tok.head
    # a finding of a court or a procedure ("pleaded guilty", "a guilty plea") is a fact of the case
    if head.lemma_.lower() in LEGAL_FINDINGS:
        return None
    # "difficult to tell", "hard to say": how hard something is to do, not a verdict on anybody
    if any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return None
    if tok.dep_ == "amod":
        return head
    if valence > PREDICATIVE_MAX_VALENCE:
        return None
    # predicative: "the plan was reckless", "called it absurd"
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
    return subj or head


@functools.cache
def _thinking_verbs() -> frozenset[str]:
    """Verbs of thinking and feeling, as the quote layer knows them ('believe', 'fear', 'hope')."""
    raw = json.loads(resources.files("quotetrail").joinpath("data/cues.json").read_text("utf-8"))
    return frozenset(raw["weak_verbs"])


@functools.cache
def _characterising_verbs() -> frozenset[str]:
    """Reporting verbs that characterise what or whom they report on (the quote layer's fragment and
    object cues: 'slammed the plan', 'hailed the deal'), less those that only name the act of saying."""
    raw = json.loads(resources.files("quotetrail").joinpath("data/cues.json").read_text("utf-8"))
    return frozenset((set(raw["fragment_verbs"]) | set(raw["object_verbs"])) - PLAIN_REPORTING)


def _reporting(tok: Token) -> Token | None:
    """The agent of a reporting verb that judges instead of saying ('blasted the ruling', 'touted
    the deal'), when the parse gives it a person, group or body as its subject."""
    lemma, verbs = tok.lemma_.lower(), _characterising_verbs()
    # the lemmatiser drops the final e of verbs it does not know ("lambasted" -> "lambast")
    if lemma not in verbs and lemma + "e" not in verbs:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and is_agent(subj) else None


def _verb(tok: Token, valence: float) -> Token | None:
    """The agent whose act a judging verb reports, or None. The verb must report words or a stance:
    a clause after a negative verb ("sneered that ...", "threatened to ..."), or a person judged
    for or as something ("scolded the senator for ..."). A person as the only object is left
    out: "detained three reporters" is an act, and the valence lexicons cannot tell it from
    "scolded the senator"."""
    # Only blame: a positive verb on a person ("won an award for", "thanked the nurses for", "credited
    # them for") states an act (none of 8 such flags on BABE held a marked word, nor any on the news
    # corpus); a verb of thinking or feeling ("farmers fear that ...") reports the subject's mind.
    if not VERB_MIN_VALENCE <= -valence < VERB_MAX_VALENCE or tok.lemma_.lower() in _thinking_verbs():
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or not is_agent(subj):
        return None
    children = list(tok.children)
    # A negative verb before a clause judges the words ("scoffed that ...", "threatened to ...");
    # a positive one before an infinitive states an intention ("agreed to", "hoped to").
    if valence < 0 and any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return subj
    # "scolded the senator for ...": somebody judged for something, not a thing disliked for a reason
    if any(c.dep_ == "dobj" and is_agent(c) for c in children) and \
            any(c.dep_ == "prep" and c.lower_ in ("for", "as") for c in children):
        return subj
    return None


def _noun(tok: Token, valence: float) -> Token | None:
    """Whom a contemptuous noun is applied to, or None: a predicate or an apposition ("he is a
    liar", "Smith, a crook", "called them thugs"), or somebody's act aimed at others ("the
    party's assault on ..."). A bare possessive is left out: "his death", "the city's crisis" name what befell somebody
    far more often than "his lies" judge their words."""
    if valence > NOUN_MAX_VALENCE:
        return None
    if tok.dep_ == "attr":
        # a predicate says the noun of its subject: of a person or group ("he is a liar"), not of a
        # thing or a state of affairs ("the winter was a tragedy", "the toll is a disaster")
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj if subj is not None and is_agent(subj) else None
    if tok.dep_ in ("appos", "oprd"):
        return tok.head
    # somebody's act aimed at somebody or something: "the campaign's assault on his record", "the
    # party's threat to block every bill"
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None and is_agent(poss) and any(
            (c.dep_ == "prep" and c.lower_ in ("on", "against")) or c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return poss
    return None


def _in_compound(tok: Token) -> bool:
    """The first half of a hyphenated compound ('lame-duck session', 'hard-won'): the compound,
    not the word, carries the sense."""
    doc = tok.doc
    return (tok.i + 2 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-"
            and not doc[tok.i + 1].whitespace_ and doc[tok.i + 2].is_alpha)


def _plain(tok: Token) -> bool:
    """Tokens never taken: names, parts of names, capitalised words inside a sentence (titles; not
    in a headline set in title case), the word after an opposing prefix, the first half of a
    hyphenated compound."""
    return (tok.pos_ == "PROPN" or not tok.is_alpha or entity_of(tok) is not None
            or (tok.is_title and tok.i != sent_of(tok).start and not headline_case(tok))
            or after_opposing_prefix(tok) or _in_compound(tok))


def candidates(doc: Doc, taken: set[int], switched_off: frozenset[str] = frozenset()
               ) -> list[tuple[int, int, str, float, float, str]]:
    """(token start, token end, pattern id, valence, confidence, target) for every evaluative use in
    `doc` outside the tokens in `taken` (those the lexicon already explains) and the words a reader
    switched off in their lexicon."""
    out = []
    for tok in doc:
        if tok.i in taken or _plain(tok) or tok.lower_ in switched_off or tok.lemma_.lower() in switched_off:
            continue
        valence, subjectivity, polarity = _figures(tok)
        if tok.pos_ == "VERB" and (agent := _reporting(tok)) is not None:
            out.append((tok.i, tok.i + 1, "judging_report", valence, REPORTING_CONFIDENCE, _target(agent)))
            continue
        if not valence and not subjectivity:
            continue
        if tok.pos_ == "ADJ":
            target, pid = _adjective(tok, valence, subjectivity, polarity), "evaluative_adjective"
        elif tok.pos_ == "ADV":
            # an adverb of manner made from an adjective ("brazenly"); "alone", "no doubt", "at worst" are not
            strong = tok.lower_.endswith("ly") and (-valence >= ADV_MIN_VALENCE or valence >= POSITIVE_MIN_VALENCE)
            # on a verb or adjective ("brazenly ignored"), or a sentence adverb ("sadly, ...")
            target = tok.head if strong and (tok.head.pos_ in ("VERB", "ADJ", "AUX") or tok.dep_ == "advmod") else None
            pid = "evaluative_adverb"
        elif tok.pos_ == "VERB":
            target, pid = _verb(tok, valence), "judging_verb"
        elif tok.pos_ == "NOUN":
            target, pid = _noun(tok, valence), "contemptuous_noun"
        else:
            continue
        if target is None:
            continue
        pattern = PATTERNS[pid]
        confidence = min(CONFIDENCE_CAP, pattern.base + CONFIDENCE_PER_VALENCE * abs(valence))
        out.append((tok.i, tok.i + 1, pid, valence, round(confidence, 2), _target(target)))
    return out


def entry_for(pid: str, word: str, valence: float, target: str) -> dict:
    """A lexicon-shaped entry for one candidate, so the layer builds every term the same way."""
    pattern = PATTERNS[pid]
    tone = "negative" if valence < 0 else "positive" if valence > 0 else "subjective"
    return {"term": word.lower(), "category": pattern.category,
            "explanation": pattern.explanation.format(word=word, tone=tone, target=target),
            "alternatives": list(pattern.alternatives),
            "source": ("Found by pattern (" + pid.replace("_", " ") + "); " + (
                "the verb is one of the reporting verbs that characterise what they report (data/cues.json)."
                if pid == "judging_report" else
                "the word's tone is from VADER's valence lexicon and Pattern's subjectivity lexicon.")),
            "found_by": pid}


def sensitivity(confidence: float) -> str:
    """The lowest reader setting at which a flag shows: 'clear' (only clear cases) or 'all'."""
    return "clear" if confidence >= CLEAR_CONFIDENCE else "all"
