"""The tag beside a quotation that has no reporting verb of its own: '"…?" Okafor pressed.',
'Then Lena Marsh continues: "…"', 'As Karl Weber put it: "…"'. The quote layer lets such a
quotation inherit the speaker of the quote before it; when a name or a pronoun is the subject of
the sentence joined to it by its marks or by a colon, that subject said it."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .attribution_settings import LEAD_NAME_TOKENS, TAG_TOKENS
from .clauses import Quote
from .cues import SUBJECT_DEPS, cues
from .marks import ALL_MARKS
from .nlp import Parsed, ents_of, sent_of, text_of
from .names import is_title, verb_cut
from .people import PERSON_PRONOUNS

# Dependencies of a tag verb that make it say something else than that the quote was spoken.
_OWN_CONTENT = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"}


def _is_mark(tok: Token) -> bool:
    return all(c in ALL_MARKS for c in tok.text)


def _can_speak(tok: Token) -> bool:
    """A name (recognised, or a proper noun not in capitals: 'ME stands for…' is no one), a pronoun
    for a person or a group, a noun for a person, or a noun with a name in apposition."""
    return (tok.ent_type_ in ("PERSON", "ORG", "NORP")
            or not tok.is_upper and (tok.pos_ == "PROPN" or tok.lower_ in PERSON_PRONOUNS)
            or tok.lower_ == "they" or tok.lemma_.lower() in cues()["people"]
            or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)) \
        and tok.tag_ not in ("WP", "WDT")


def _token_at(doc: Doc, char: int, forward: bool) -> Token | None:
    """The first token that starts at or after `char` (forward) or ends at or before it."""
    span = doc.char_span(char, char, alignment_mode="expand") if 0 < char < len(text_of(doc)) else None
    if forward:
        i = span.start if span is not None else 0
        while i < len(doc) and doc[i].idx < char:
            i += 1
        return doc[i] if i < len(doc) else None
    i = (span.end if span is not None else len(doc)) - 1
    while i >= 0 and doc[i].idx + len(doc[i]) > char:
        i -= 1
    return doc[i] if i >= 0 else None


def _after(doc: Doc, q: Quote) -> Token | None:
    """'"…," Okafor started.' / '"…?" said Jo Lee.': the subject of the verb right after the closing
    mark, in the same sentence; after a question, only when that verb has no content of its own."""
    tok = _token_at(doc, q.end, forward=True)
    while tok is not None and (_is_mark(tok) or tok.text == "," or tok.is_space and "\n" not in tok.text):
        tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok is None or "\n" in text_of(doc)[q.end:tok.idx]:
        return None
    last = text_of(doc)[q.start:q.end].rstrip().rstrip("".join(ALL_MARKS))[-1:]
    if last == ".":
        return None                                    # '"…." ME stands for…': a new sentence, no tag
    asked = last in ("?", "!")
    for t in doc[tok.i:min(len(doc), tok.i + TAG_TOKENS)]:
        if t.text in (".", "!", "?", ";") or t.is_space and "\n" in t.text or _is_mark(t):
            return None
        if t.pos_ not in ("VERB", "AUX") or t.dep_ == "aux":
            continue
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or not _can_speak(subj) or subj.left_edge.i > tok.i + TAG_TOKENS:
            return None
        if subj.i < t.i and subj.left_edge.i != tok.i:
            return None                                # the subject opens the tag: '," Okafor started'
        if asked and any(c.dep_ in _OWN_CONTENT and c.idx >= q.end for c in t.children):
            return None                                # '"Why?" Okafor asked the room.': a sentence of its own
        return subj
    return None


def _before(parsed: Parsed, q: Quote) -> Token | None:
    """'Then Lena Marsh continues: "…"' (in the paragraph, or closing the paragraph above one
    that opens with the quotation): the subject of the verb nearest the colon."""
    doc = parsed.doc
    text = text_of(doc)
    head = text[:q.start].rstrip().rstrip("".join(ALL_MARKS)).rstrip()
    if not head.endswith(":"):
        return None
    colon = _token_at(doc, len(head), forward=False)
    if colon is None or colon.text != ":":
        return None
    sent = sent_of(colon)
    for t in reversed(doc[sent.start:colon.i]):
        if _is_mark(t):
            return None                                # another quotation in the lead-in
        if t.pos_ not in ("VERB", "AUX") or t.dep_ == "aux":
            continue
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        return subj if subj is not None and _can_speak(subj) else None   # the nearest verb's, or nobody's
    return None


def tag_subject(parsed: Parsed, q: Quote) -> Token | None:
    """Who the tag of a cueless quotation names, if anyone."""
    if q.kind != "direct" or q.subhead:
        return None
    return _after(parsed.doc, q) or _before(parsed, q)


def _name_end(doc: Doc, tok: Token, stop: int) -> Token:
    """The last word of the name `tok` opens (before token `stop`): it stands for the name."""
    while tok.i + 1 < stop and (doc[tok.i + 1].ent_iob_ == "I" or tok.ent_iob_ == "O"
                                and doc[tok.i + 1].pos_ == "PROPN"):
        tok = doc[tok.i + 1]
    return tok


def _named(tok: Token | None) -> bool:
    """A name (not in capitals: 'ME stands for…') or a pronoun for a person."""
    return tok is not None and not tok.is_upper and (tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN"
                                                     or tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON")


def _left_of_cue(doc: Doc, cue: Token, lo: int) -> Token | None:
    """'Col. Ana Ruiz, a spokeswoman in Lisbon, said, "…"': the name ending right before the cue,
    past an apposition or a bracket set off from it ('Rep. Jo Lee (D-Ohio) said')."""
    i = cue.i - 1
    while i >= lo and (doc[i].is_space or doc[i].pos_ == "ADV"):
        i -= 1                                         # 'Okafor then said'
    if i >= lo and doc[i].text in (",", ")"):
        opener = "," if doc[i].text == "," else "("
        j = i - 1
        while j >= lo and doc[j].text != opener and not _is_mark(doc[j]) and doc[j].text not in (".", ";"):
            j -= 1
        if j < lo or doc[j].text != opener:
            return None
        i = j - 1
    if i < lo or not _named(doc[i]):
        return None
    return doc[i]


def name_before_cue(doc: Doc, q: Quote) -> Token | None:
    """A quotation whose cue the parse gave no subject (it took a word inside the marks) names its
    speaker in the tag around the cue: '"…," Okafor, the party's frontrunner in the county, said',
    '"…," said Jo Lee, who…', 'Col. Ana Ruiz, a spokeswoman, said, "…"', and between the parts of a
    split quotation ('"…," Okafor said, "…"')."""
    if q.kind != "direct" or q.cue is None:
        return None
    cue = q.cue
    text = text_of(doc)
    before = [e for s, e in q.content if e <= cue.idx]
    if not before:
        # the cue opens the quotation: the name before the cue, in its sentence
        if any(s <= cue.idx < e for s, e in q.content):
            return None
        return _left_of_cue(doc, cue, sent_of(cue).start)
    end = max(before)
    tok = _token_at(doc, end, forward=True)
    while tok is not None and tok.i < cue.i and (_is_mark(tok) or tok.text == "," or tok.is_space):
        tok = doc[tok.i + 1]
    if tok is None or "\n" in text[end:cue.idx]:
        return None
    if tok.i == cue.i:
        # '"…," said Jo Lee, who…': the name right after the cue
        nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
        if not _named(nxt) or any(s <= nxt.idx < e for s, e in q.content):
            return None
        stop = next((t.i for t in doc[nxt.i:] if t.is_punct or t.is_space or t.pos_ not in ("PROPN",) and t.ent_iob_ != "I"),
                    len(doc))
        return nxt if nxt.pos_ == "PRON" else _name_end(doc, nxt, stop)
    if not _named(tok) or any(t.text in (".", "!", "?", ";") or _is_mark(t) for t in doc[tok.i:cue.i]):
        return None
    person = next((t for t in doc[tok.i:cue.i] if t.ent_type_ == "PERSON"), None)
    if person is not None:
        tok = person                                   # 'Eastfield Labour Councillor Jo Lee': the person
    return tok if tok.pos_ == "PRON" else _name_end(doc, tok, cue.i)


def name_lead(parsed: Parsed, q: Quote) -> Token | None:
    """'Okafor: ‘We Will Build the Bridge’', 'Dr. Jo Lee on the budget: …': a paragraph (a headline, a
    line of a roundup) opening with a name and a colon, a cueless quotation after it: the name's. In a
    roundup the name may follow a dash ('Economists differ - Jo Lee: “…”') and carry an apposition
    ('Jo Lee, editor of the Courier: “…”')."""
    if q.kind != "direct" or q.subhead:
        return None
    doc, text = parsed.doc, text_of(parsed.doc)
    start = parsed.starts[parsed.paragraph_of(q.start)]
    colon = text.find(":", start, q.start)
    if colon < 0 or any(c in ALL_MARKS for c in text[start:colon]) \
            or any(c in ".!?;" for c in text[colon:q.start].rstrip().rstrip("".join(ALL_MARKS))):
        return None
    start = max([start] + [m.end() for m in _DASH.finditer(text, start, colon)])
    comma = text.find(",", start, colon)
    lead = doc.char_span(start, comma if comma > 0 else colon, alignment_mode="expand")
    if lead is None or not len(lead):
        return None
    cut = next((t.i for t in lead if t.lower_ == "on" and t.i > lead.start), lead.end)   # 'Roe on the budget:'
    name = verb_cut(doc[lead.start:cut])
    known = _name_words(doc, parsed.starts[parsed.paragraph_of(q.start)], q.start)
    # in title case a verb looks like a name ('Okafor Visits The Port: ‘…’'): the name ends before the
    # first word that is neither a title nor a word of a name the body uses
    upto = next((t.i for t in name if not t.is_punct and not is_title(t) and t.lower_ not in known), None)
    if upto is not None and upto > name.start and doc[upto - 1].lower_ in known:
        name = doc[name.start:upto]
    if len(name) > LEAD_NAME_TOKENS or not all(t.is_title or t.is_punct or is_title(t) for t in name):
        return None
    last = next((t for t in reversed(name) if not t.is_punct), None)
    if last is None or last.is_upper or last.pos_ == "PRON" or is_title(last):
        return None
    if not _named(last) and last.lower_ not in known:
        return None                                    # 'Poll: …'; but a capitalised line tags a surname such as 'Draper' a noun
    return last


_DASH = re.compile(r"\s[-\u2013\u2014]\s")


def _name_words(doc: Doc, lo: int, hi: int) -> frozenset[str]:
    """The words of the names the recogniser found in the text outside characters lo..hi (a headline
    in title case leaves the tagger unsure what is a name; the body, in sentence case, tells)."""
    return frozenset(w for ent in ents_of(doc) if ent.label_ in ("PERSON", "ORG") and not lo <= ent.start_char < hi
                     for w in ent.text.lower().split())
