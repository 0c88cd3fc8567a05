"""The tag of a quotation that no speech verb governs: a cue right after its closing mark
('"…," she said'), before its opening one ('He said: "…"'), closing the paragraph above, or a
name and colon ('Ann Lee, a nurse: "…"'). direct.py asks these in that order."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution_settings import CUE_WINDOW
from .clauses import listed_cue, subject_of, tokens_in
from .cues import SENTENCE_END, cues, is_speech
from .marks import ALL_MARKS, Marked, mark_role
from .nlp import Parsed, sent_of, text_of


def _window_after(doc: Doc, m: Marked) -> list[Token]:
    if m.close is None:
        return []
    mark = tokens_in(doc, m.close, m.close + 1)
    if mark is None:
        return []
    out = []
    for tok in doc[mark.end:]:
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END or (tok.text in ALL_MARKS and mark_role(text_of(doc), tok.idx) == "open"):
            break
        out.append(tok)
        if len(out) >= CUE_WINDOW:
            break
    return out


def cue_after(doc: Doc, m: Marked) -> tuple[Token, Token | None] | None:
    window = _window_after(doc, m)
    ended = text_of(doc)[m.start:m.end].rstrip()[-1:] in ".!?"
    for tok in window:
        if is_speech(tok, allow_weak=True):
            if ended and any(c.i > tok.i and (c.dep_ == "ccomp" or c.dep_ == "dobj" and c.pos_ != "PRON")
                             for c in tok.children):
                return None                            # '"…debt." She said a buyer…' / 'denied any link': her next statement
            subj = subject_of(tok)
            if subj is None or subj not in window:
                subj = next((t for t in window if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG")),
                            None)
            return tok, subj
    return None


def cue_before(doc: Doc, m: Marked) -> tuple[Token, Token | None] | None:
    span = doc.char_span(m.open, m.open + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    window: list[Token] = []
    while i >= 0 and len(window) < CUE_WINDOW:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in SENTENCE_END:
            break
        window.insert(0, tok)
        i -= 1
    if not window or window[-1].text not in (":", ",", "\u2014", "\u2013", "-") and \
            not any(t.lower_ == "that" for t in window[-2:]):
        return None
    for tok in reversed(window):
        if is_speech(tok, allow_weak=True):
            subj = subject_of(tok)
            return tok, subj
    # 'a quote from the minister:' / 'the minister's statement:'
    for tok in reversed(window):
        if tok.lemma_.lower() in cues()["nouns"]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return tok, g
                if child.dep_ == "poss":
                    return tok, child
    return None


def name_colon(doc: Doc, m: Marked) -> tuple[Token, Token] | None:
    """'Ann Lee, a nurse at the clinic: "…"' or a play's 'Ann: "…"': a name (with its description)
    and a colon right before the opening mark, no verb among them, from the start of a sentence."""
    span = doc.char_span(m.open, m.open + 1, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].text != ":":
        return None
    colon = doc[span.start - 1]
    window: list[Token] = []
    for i in range(colon.i - 1, max(-1, colon.i - 1 - CUE_WINDOW), -1):
        tok = doc[i]
        if tok.text in SENTENCE_END or tok.text in ALL_MARKS or tok.is_space and "\n" in tok.text:
            break
        window.insert(0, tok)
    else:
        return None                                    # too long for a name and its description
    words = [t for t in window if not t.is_space]
    if not words or (words[0].pos_ != "PROPN" and words[0].ent_type_ != "PERSON") \
            or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    name = words[0]
    while name.i + 1 < colon.i and doc[name.i + 1].pos_ == "PROPN":
        name = doc[name.i + 1]                         # the last word of the leading name
    return colon, name


def cue_above(parsed: Parsed, m: Marked) -> tuple[Token, Token | None] | None:
    """'The mayor said:' closing the paragraph above one that opens with the quotation."""
    para = parsed.paragraph_of(m.open)
    if para == 0 or parsed.article.paragraphs[para][:m.open - parsed.starts[para]].strip():
        return None
    doc = parsed.doc
    prev_end = parsed.starts[para - 1] + len(parsed.article.paragraphs[para - 1].rstrip())
    last = doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if last is None or last[-1].text != ":":
        return None
    for tok in reversed(list(sent_of(last[-1]))):
        if is_speech(tok, allow_weak=True) and subject_of(tok) is not None:
            return (tok, subject_of(tok)) if listed_cue(tok) else None
    return None
