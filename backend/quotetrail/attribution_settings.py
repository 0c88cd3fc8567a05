"""The tunable windows and thresholds of quote finding, in one table: every rule reads them here."""
from __future__ import annotations


# A quoted phrase this short (in words) with no speaker is a scare quote or a title, not a quote.
SCARE_MAX_WORDS = 4
# Indirect speech shorter than this (in tokens) is too thin to show as a quote.
MIN_INDIRECT_TOKENS = 3
# A noun-phrase report shorter than this (in words) says too little to show ('denied it').
MIN_OBJECT_WORDS = 2
# How far (in tokens) after a closing mark or before an opening mark a cue may sit.
CUE_WINDOW = 14
# A paragraph this short without final punctuation near the top is a headline or a strapline.
HEADLINE_MAX_WORDS = 25
HEADLINE_ZONE = 6
HEADLINE_MAX_CHARS = 300
# A cue this close to the end of its sentence trails the clause it reports ('…, he said on Monday.').
TRAILING_CUE_TOKENS = 10
# Words before a trailing cue that make a statement even when the tagger finds no verb in them.
TRAILING_MIN_WORDS = 8
# How long (in characters) the tag between two parts of one split quotation may be.
SPLIT_TAG_CHARS = 200
# Whether whole sentences on either side of one tag ('"A," she said. "B."') are one quote with two
# spans (PolNeAR's convention: one attribution) or two quotes of one speaker (the dev and coverage
# golds' convention). Measured both ways (README, "Split quotations"): joined keeps PolNeAR's speech
# F1, apart gains the coverage triplets and the dev quotes.
JOIN_SPLIT_SENTENCES = True
# How far left of a reporting verb to look for its speaker when the parse gives it no subject.
SUBJECT_FALLBACK_WINDOW = 6
# Words allowed between a cue and the colon that hands over to the next paragraph.
LISTED_CUE_TOKENS = 7
# How many characters back a pronoun or a description may reach for who it means.
PRONOUN_REACH = 2500
# How far (in tokens) past a cueless quotation's closing mark its tag's subject and verb may sit.
TAG_TOKENS = 6
# How many words a name (with its titles) opening a paragraph before a colon may have: 'Roe: "…"'.
LEAD_NAME_TOKENS = 5
# An article is a transcript when at least this many paragraphs open with 'SPEAKER:'.
TRANSCRIPT_MIN_LINES = 3
# A rule whose measured precision (data/rule_priors.json) is under this proposes no kept quote.
MIN_RULE_SCORE = 0.6
# How much of a candidate's content (a share of its characters) may lie in accepted quotes: a
# report may carry a quotation (it is then mixed), not restate another report.
MAX_SHARED_CONTENT = 0.5
