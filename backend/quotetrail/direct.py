"""Quoted passages read as quotes: the speech verb that governs the marks (direct or mixed), headline
dash attributions, the tags near the marks (near_cues.py), and one statement split by its tag joined
into one quote."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .attribution_settings import (
    HEADLINE_MAX_CHARS, HEADLINE_MAX_WORDS, JOIN_SPLIT_SENTENCES, SCARE_MAX_WORDS, SPLIT_TAG_CHARS
)
from .clauses import (
    Quote, complement_last, inside, join_ranges, mention_range, subject_of, tokens_in, trim,
    word_count
)
from .cues import FINITE_TAGS, SUBJECT_DEPS, cues, is_speech
from .marks import ALL_MARKS, Marked
from .nlp import Parsed, past_dateline, sent_of, text_of
from .near_cues import cue_above, cue_after, cue_before, name_colon
from .patterns import OBJECT_PREPS, prep_verbs, takes_prep


def from_marks(parsed: Parsed, m: Marked) -> Quote | None:
    """Classify one quoted passage: direct with a cue, mixed inside reported speech, a quote whose
    speaker comes from context, or None (scare quote / title)."""
    doc = parsed.doc
    text = text_of(doc)[m.start:m.end]
    words = word_count(text)
    full_sentence = words >= 2 and text[:1].isupper() and text.rstrip()[-1:] in ".!?\u2026"
    sentence_like = full_sentence or words > SCARE_MAX_WORDS or (words >= 3 and text.rstrip()[-1:] in ".!?,\u2026")

    if _AS_IF.search(text_of(doc)[max(0, m.open - 40):m.open]):
        return None                                    # 'as if to say "…"': nobody said it
    # 1. A speech verb outside the marks that governs the quoted words -> direct or mixed.
    gov = _governing_speech_verb(doc, m)
    if gov is not None:
        verb, complement = gov
        if complement.root.dep_ == "prep" and complement.root.i < verb.i and words <= SCARE_MAX_WORDS:
            return None                                # 'on "Morning Talk," she said …': where it was said, a title
        subj = subject_of(verb)
        if subj is not None and inside(subj, m.ranges):
            subj = None
        if verb.lemma_.lower() in cues()["fragment"] and _through_prep(verb, m):
            return None                                # 'called for more "flexibility"': a report of the object (np_prep_object)
        if verb.lemma_.lower() in cues()["fragment"]:
            # 'called the plan "a mess"': what was said is the object with its quoted label
            labelled = _labelled_object(doc, verb, m)
            if labelled is not None:
                return Quote("", "mixed", [labelled], text_of(doc)[labelled[0]:labelled[1]], verb, subj,
                             mention_range(subj) if subj is not None else None, marks=list(m.ranges),
                             rule="marks_labelled_object")
            # 'what she called "…"', 'described as "…"': the speaker's words are the fragment only
            return Quote("", "mixed", list(m.ranges), join_ranges(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, marks=list(m.ranges), rule="marks_fragment_verb")
        head = complement.root
        after = _word_after(doc, m)
        opens_clause = not full_sentence and text.rstrip()[-1:] not in ",.!?;:\u2026" and (
            head.idx >= m.end and head.pos_ in ("VERB", "AUX")
            or after is not None and after.tag_ in FINITE_TAGS and not is_speech(after, allow_weak=True))
        if opens_clause and complement.end_char <= m.end + 1:
            # the parser ended the complement at the marks: the clause runs to the sentence's end
            complement = doc[complement.start:sent_of(after).end] if after is not None else complement
        outside = [t for t in complement if not inside(t, m.ranges) and any(c.isalnum() for c in t.text)
                   and t.dep_ not in ("mark",)]
        if len(outside) >= 2 and (complement.start_char < m.start or opens_clause):
            # Reported speech carrying a quoted fragment: the content is the whole complement,
            # from the 'that' which opens the clause holding the quote, when there is one; or
            # from the opening mark when the quoted words open the clause ('"red tape" meant…').
            begin = complement.start_char if complement.start_char < m.start else m.open
            root = complement.root
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < root.i), None)
            if root.dep_ == "prep" and root.lower_ in OBJECT_PREPS and obj is not None and obj.i > verb.i:
                begin = obj.left_edge.idx              # 'accused the board of acting as "…"': whom, and of what
            first = tokens_in(doc, m.start, m.end)[0]
            for t in complement:
                if t.idx >= m.start:
                    break
                if t.dep_ == "mark" and t.lower_ == "that" and first in t.head.subtree:
                    begin = t.idx + len(t)
                    break
            start, end = trim(doc, begin, complement.end_char)
            start = past_dateline(parsed.datelines, start)
            if end < m.end:
                end = m.end
            if start <= m.open and m.close is not None and end <= m.close:
                end = m.close + 1                      # keep the closing mark with the opening one
            return Quote("", "mixed", [(start, end)], text_of(doc)[start:end], verb, subj,
                         mention_range(subj) if subj is not None else None, marks=list(m.ranges), rule="marks_in_reported_clause")
        if sentence_like or subj is not None:
            return Quote("", "direct", list(m.ranges), join_ranges(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, rule="marks_governed")

    # 2. A headline's closing attribution: 'Port deal "within reach" – Morel'.
    by = _dash_attribution(parsed, m)
    if by is not None:
        return Quote("", "mixed" if not full_sentence else "direct", list(m.ranges), join_ranges(doc, m.ranges), None, by,
                     mention_range(by), marks=list(m.ranges), rule="marks_dash_headline")

    # 3. A cue right after the closing mark ('..., he said') or before the opening one ('He said:').
    # A short quotation counts when punctuated as speech: '"Follow us," she said', 'he yelled, "Out!"'
    before = text_of(doc)[max(0, m.open - 4):m.open].rstrip(" '\u2018\u201c\"")[-1:]
    speech_like = before in (",", ":") or (text.rstrip()[-1:] in ",!?" and before in ("", ".", "!", "?", "\n"))
    if (sentence_like or speech_like) and not _titled(doc, m, text):
        cue = cue_after(doc, m) or cue_before(doc, m) or cue_above(parsed, m)
        if cue is not None:
            verb, subj = cue
            return Quote("", "direct", list(m.ranges), join_ranges(doc, m.ranges), verb, subj,
                         mention_range(subj) if subj is not None else None, rule="marks_cue_near")
        named = name_colon(doc, m)
        if named is not None:
            colon, name = named
            return Quote("", "direct", list(m.ranges), join_ranges(doc, m.ranges), colon, name,
                         mention_range(name), rule="marks_name_colon")
        if (full_sentence or (words > SCARE_MAX_WORDS and (text[:1].isupper() or text[:1].isdigit()))) \
                and (_has_verb(doc, m) or _follows_quotation(parsed, m)):
            # A full quoted statement with no cue of its own: its speaker comes from context.
            return Quote("", "direct", list(m.ranges), join_ranges(doc, m.ranges), inherited=True, rule="marks_cueless")
    if len(m.ranges) == 1 and words >= 2 and _whole_paragraph(parsed, m):
        # a quoted subhead ("'ALL HANDS ON DECK'"): words of the speaker of the section it opens
        return Quote("", "direct", list(m.ranges), join_ranges(doc, m.ranges), inherited=True, subhead=True, rule="marks_subhead")
    return None


def _through_prep(verb: Token, m: Marked) -> bool:
    """Are the quoted words inside an object that begins before them, of the preposition by which
    the verb reports ('called for more "flexibility"'), so that the verb names no label? A quoted
    object on its own ('referred to "the plan"') stays the speaker's fragment."""
    return any(c.dep_ == "prep" and takes_prep(verb, c) and c.right_edge.idx + len(c.right_edge) >= m.end - 1
               and any(g.dep_ == "pobj" and g.left_edge.idx < m.open for g in c.children) for c in verb.children)


def _labelled_object(doc: Doc, verb: Token, m: Marked) -> tuple[int, int] | None:
    """'called the port "a mistake" because…', 'referred to the port as "a mistake"': from the verb's object
    (or the object of its own preposition, prep_verbs in cues.json) before the marks through the
    quoted label and what follows it as part of the judgement (its reason, 'as', 'for'); None
    when the verb has no such object ('what she called "…"')."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT", "PRP")), None)
    if obj is None:                                    # 'referred to X as "…"', 'calling for X to weed "…" out'
        preps = prep_verbs().get(verb.lemma_.lower(), ())
        obj = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                    for g in c.children if g.dep_ == "pobj" and g.tag_ not in ("WP", "WDT", "PRP")), None)
    if obj is None or obj.left_edge.idx >= m.open or obj.i < verb.i or not m.close:
        return None
    mark = tokens_in(doc, m.close, m.close + 1)
    end = mark.end_char if mark is not None else m.close + 1
    for child in verb.rights:
        if child.i <= obj.i or child.idx < end and child.right_edge.idx < end:
            continue
        if child.dep_ in ("oprd", "advcl") or child.dep_ == "prep" and child.lower_ in OBJECT_PREPS:
            last = child.right_edge
            end = max(end, last.idx + len(last))
            continue
        break
    return obj.left_edge.idx, end


def _titled(doc: Doc, m: Marked, text: str) -> bool:
    """A title, not speech: every word but the small ones capitalized and no sentence end
    ('"Guardians of the Harbour,"'); one capitalized word may be a shout ('"Out!"')."""
    if text.rstrip()[-1:] in ".!?\u2026":
        return False
    words = [t for s, e in m.ranges for t in tokens_in(doc, s, e) or () if t.is_alpha and not t.is_stop]
    return len(words) >= 2 and all(t.text[0].isupper() for t in words)


def _has_verb(doc: Doc, m: Marked) -> bool:
    """A statement has a verb; a quoted title or slogan ('"Morning Talk."') has none."""
    return any(t.pos_ in ("VERB", "AUX") for s, e in m.ranges for t in tokens_in(doc, s, e) or ())


def _follows_quotation(parsed: Parsed, m: Marked) -> bool:
    """A verbless quotation after another in its paragraph ('"…?" she asked. "Maybe not."') goes on
    with that speech; a title or slogan stands alone."""
    i = parsed.paragraph_of(m.start)
    before = parsed.article.paragraphs[i][:m.open - parsed.starts[i]]
    return any(c in before for c in "\u201d\"\u00bb")


def _whole_paragraph(parsed: Parsed, m: Marked) -> bool:
    i = parsed.paragraph_of(m.start)
    para = parsed.article.paragraphs[i]
    base = parsed.starts[i]
    return m.close is not None and not para[:m.open - base].strip() and not para[m.close + 1 - base:].strip()


_DASH_BY = re.compile(r"\s[\u2013\u2014-]\s*([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})\s*$")


def _dash_attribution(parsed: Parsed, m: Marked) -> Token | None:
    """The name after a dash closing a headline-like paragraph: the source of its quoted words."""
    i = parsed.paragraph_of(m.start)
    para = parsed.article.paragraphs[i].rstrip()
    if not para or len(para) > HEADLINE_MAX_CHARS or para[-1] in ".!?" or word_count(para) > HEADLINE_MAX_WORDS:
        return None                                    # (length first: a long paragraph may hold thousands of marks)
    found = _DASH_BY.search(para)
    if found is None or found.start(1) < m.end - parsed.starts[i]:
        return None
    end = parsed.starts[i] + found.end(1)
    name = parsed.doc.char_span(end - 1, end, alignment_mode="expand")
    if name is None or name[-1].pos_ != "PROPN":
        return None
    return name[-1]


def _word_after(doc: Doc, m: Marked) -> Token | None:
    """The word right after the closing mark, when nothing but a space separates them."""
    if m.close is None:
        return None
    span = doc.char_span(m.close, m.close + 1, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    tok = doc[span.end]
    return None if tok.is_punct or tok.is_space else tok


# Dependents before a verb that say where, when or who, never what was said.
FRONT_ADJUNCTS = {"prep", "npadvmod", "advmod"}
_AS_IF = re.compile(r"\bas (?:if|though) to (?:say|ask)\W*$", re.I)


def _governing_speech_verb(doc: Doc, m: Marked) -> tuple[Token, Span] | None:
    """The highest speech verb outside the marks, in the same sentence, whose subtree holds the
    quote; with the child subtree (complement) that holds it."""
    span = tokens_in(doc, m.ranges[0][0], m.ranges[0][1])
    words = [t for t in span or [] if not t.is_punct and not t.is_space]
    if not words:
        return None
    ended = text_of(doc)[m.start:m.end].rstrip()[-1:] in ".!?"
    # the quoted words' own root: the first word whose head lies outside the marks
    root = next((t for t in words if not (span.start <= t.head.i < span.end) or t.head.i == t.i), words[0])
    sent = sent_of(words[0])
    best = None
    child = root
    node = root
    steps = 0
    while node.head.i != node.i and steps < 12:
        child, node = node, node.head
        steps += 1
        if not (sent.start <= node.i < sent.end) or inside(node, m.ranges):
            continue
        if ended and node.idx > m.end:
            continue                                   # '"… outstanding." He said…': a new sentence
        lemma = node.lemma_.lower()
        speech = is_speech(node, allow_weak=True) or (lemma in cues()["fragment"] and node.pos_ == "VERB")
        if child.dep_ in SUBJECT_DEPS or child.i < node.i and child.dep_ in FRONT_ADJUNCTS:
            continue                                   # 'On "Meet the Press," Lee said…': a title in the tag, not what was said
        if speech and subject_of(node) is not None:
            best = (node, child)
            break                                      # the nearest reporting verb owns the words
    if best is None:
        return None
    verb, child = best
    comp = doc[child.left_edge.i: max(child.right_edge.i, complement_last(verb, child)) + 1]
    return verb, comp


def merge_split_direct(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """'"First part," she said, "second part."' is one quote with two content spans."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if (prev is not None and prev.cue is not None and q.cue is not None and prev.cue.i == q.cue.i
                and "mixed" in (prev.kind, q.kind) and "\n" not in text_of(doc)[prev.start:q.end]):
            # two quoted fragments of one reported statement: one mixed quote over both
            start, end = min(prev.start, q.start), max(prev.end, q.end)
            marks = (prev.marks or prev.content) + (q.marks or q.content)
            prev.kind, prev.content, prev.text, prev.marks = "mixed", [(start, end)], text_of(doc)[start:end], marks
            continue
        if (prev is not None and prev.kind == "direct" and q.kind == "direct" and prev.cue is not None
                and (q.cue is None or q.cue.i == prev.cue.i or q.inherited) and prev.cue.idx > prev.end
                and q.start > prev.cue.idx and q.start - prev.cue.idx < 60
                and "\n" not in text_of(doc)[prev.end:q.start]
                and text_of(doc)[prev.cue.idx:q.start].rstrip().rstrip("\u201c\"\u00ab\u201e").rstrip().endswith(",")):
            prev.content.extend(q.content)
            prev.text = join_ranges(doc, prev.content)
            continue
        if prev is not None and _continues(doc, prev, q):
            # '"A," she said. "B."' or '"A." "B," she said.': sentences of one speaker around one tag.
            # Each stays a quote of its own (outlets carry them apart), and both take the tag's speaker.
            tagged, bare = (prev, q) if q.inherited else (q, prev)
            bare.cue, bare.subject, bare.mention, bare.inherited = tagged.cue, tagged.subject, tagged.mention, False
            if JOIN_SPLIT_SENTENCES:
                prev.content.extend(q.content)
                prev.text = join_ranges(doc, prev.content)
                continue
        out.append(q)
    return out


def _continues(doc: Doc, prev: Quote, q: Quote) -> bool:
    """Does quote `q` continue `prev` in the same paragraph, with at most prev's tag between them?
    One side must have no cue of its own; the tag, when there is one, is all that separates them."""
    if prev.kind != "direct" or q.kind != "direct" or prev.subhead or q.subhead:
        return False
    gap = text_of(doc)[prev.end:q.start]
    if "\n" in gap or len(gap) > SPLIT_TAG_CHARS:
        return False
    bare = gap.strip().strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e").strip()
    if q.inherited and prev.cue is not None and not prev.inherited:
        if not bare:
            return True                                          # nothing between them
        span = tokens_in(doc, prev.end, q.start)
        toks = [t for t in span or [] if not t.is_space and t.text not in ALL_MARKS]
        # one sentence, the tag's: no second finite verb ('she said, and her husband cut in')
        # (a clause inside the speaker's description, 'said Ann Lee, who runs the mill,' is no second sentence)
        described = set(t.i for t in prev.subject.subtree) if prev.subject is not None else set()
        others = [t for t in toks if t.i != prev.cue.i and t.i not in described
                  and (t.tag_ in FINITE_TAGS or t.is_sent_start and t.i != toks[0].i)]
        return prev.end <= prev.cue.idx < q.start and not others
    if prev.inherited and q.cue is not None and not q.inherited:
        return not bare and q.cue.idx >= q.end                   # '"A." "B," she said.'
    return False
