"""Scare quotes: a quoted word that nobody in the article is reported as saying."""
from __future__ import annotations

import functools

from .nlp import sent_of, text_of
from .senses import title_case
from .voice import ALL_MARKS, CLOSE_MARKS, OPEN_MARKS, SCARE_MAX_WORDS

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
# Scare-quote candidates that are something else: the word before says the phrase is being named
# or titled ("the term 'urban'", "the film 'Hobbit'", "nicknamed 'Jihadi John'").
MENTION_CUES = {"term", "terms", "word", "words", "phrase", "label", "labels", "name", "called", "calls", "call",
                "nicknamed", "dubbed", "known", "titled", "entitled", "named", "slogan", "motto", "banner",
                "show", "film", "films", "movie", "book", "song", "album", "program", "programme", "series",
                "magazine", "newspaper", "campaign", "operation", "codenamed", "headline", "hashtag", "brand",
                # a classification someone made: 'designated as "unrecoverable"', 'deemed "unfair"'
                "designate", "deem", "define", "describe", "label", "term", "classify", "rate", "consider", "regard"}
# Words in the sentence that name a source whose words a short quoted phrase is taken from.
SOURCE_CUES = {"statement", "remark", "comment", "words", "report", "interview", "speech", "letter", "memo"}
MENTION_WINDOW = 4
# Subjects of a reporting verb that name who speaks, so a quoted word in that sentence is theirs.
SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
SPEAKER_PRONOUNS = {"he", "she", "they", "we", "i"}
# Two quoted phrases this close together are a list of terms being discussed, not scare quotes.
LIST_GAP = 12


@functools.cache
def _speech_verbs() -> frozenset[str]:
    """Reporting verbs, as the quotes layer knows them."""
    from .quotes import cues
    found = cues()
    return frozenset(found["speech"] | found["weak"] | found["fragment"])


def _names_a_speaker(verb) -> bool:
    """A reporting verb whose subject is somebody: a named person or body, or a pronoun for one."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ in SPEAKER_ENTS or c.lower_ in SPEAKER_PRONOUNS
                                                 or any(g.ent_type_ in SPEAKER_ENTS for g in c.subtree)):
            return True
    return False


def not_a_scare_quote(parsed, start: int, end: int, terms: list[dict]) -> bool:
    """Quoted phrases that are something else: longer than a few words or capitalised, a quoted
    subhead (the whole paragraph), a phrase in the headline (headlines quote without naming the
    speaker), a phrase after "so-called" (that term carries the distancing), a title or name
    (Title Case, digits), a finished sentence, one of a list of quoted terms, a phrase being named
    ("the term 'x'", 'considered "x"'), any phrase of several words or a hyphenated compound (a
    term being introduced or a fragment of somebody's words), or a word in a sentence whose reporting
    verb names its speaker, or that cites a source or document (a partial quote)."""
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
    if title_case(inner) or any(ch.isdigit() for ch in inner) or len(inner) < 2:
        return True
    if inner[-1] in ".!?":
        return True  # a finished sentence in marks is somebody's statement
    if "-" in inner or " " in inner:
        # Scare quotes hold one word the outlet keeps at arm's length ('the "experts"'). Several words
        # in marks are a term or a name being introduced ('"smart meters"', 'the "green levy"', his "golden
        # rule"), a compound ('"freeze-thaw" cycles') or a fragment of somebody's words.
        return True
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
        speech = [t for t in sent_of(span[0]) if t.lemma_.lower() in _speech_verbs() and t.pos_ == "VERB"]
        if any(_names_a_speaker(v) for v in speech):
            return True                                # 'Smith said the plan was "reckless"': his word
        sent = [t for t in sent_of(span[0]) if not (span.start <= t.i < span.end)]
        if any(t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in sent) \
                or any(t.lemma_.lower() in SOURCE_CUES and t.pos_ == "NOUN" for t in sent):
            return True                                # a partial quote of a named source or document
    return False


