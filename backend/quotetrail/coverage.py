"""Who else reported it: candidates from the store, one evidence score, links with fidelity and diff.

Every quote is read as a *view*: its words (wording.py), the vectors of its units (embed.py),
its speaker and its occasion (occasion.py). Three kinds of fingerprint, all in the store's one
indexed table, find candidates without scanning the store:
- word pairs (verbatim, trimmed and partial renderings share them),
- random-hyperplane band hashes of the unit vectors (lsh.py: near renderings in other words),
- the speaker's surname with the week the statement was made in (a paraphrase of a named speaker).
Each candidate is then scored once, with everything weighed as evidence in one sum: how much of
the words they share and how close their units are in meaning, whether the speakers are
compatible, and whether the occasions agree (venues named, days the statement can have been made
on). A candidate links when the sum reaches LINK. A similar line by the same speaker on another
occasion loses the occasion weight and does not link unless the words are the same.

The speaker's own words weigh most: a short line said word for word by the same named speaker on
days that can agree escapes the SHORT penalty, and the marked words of a mixed quote found unbroken
in the other rendering's own words (and telling enough, by their word frequencies) count as a
near-verbatim match, as does a paraphrase that keeps the telling (rare) words said (TELLING). Meaning
without shared words weighs less (LONE_MEANING), and the same passage under two names is a
misattribution, not two speakers. Measured on the 15 coverage triplets: P / R / F1 0.902 / 0.265 /
0.410 before these, 0.930 / 0.425 / 0.583 after (README, "Coverage").
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from . import candidates, embed, lsh, occasion as occ, own_words, wording
from .speaker_match import judge_speaker, named, surname_of

# ---- tunables (one table) ---------------------------------------------------------------------
LINK = 0.82                # evidence sum a link needs
MERGE = 0.82               # evidence that joins two quotes into one statement (the trail follows only these);
                           #   joins are transitive: a LINK below this must not chain one interview into one statement
SPEAKER_SAME = 0.05        # both articles name the same person (or one names a spokesman or office of the other's)
SPEAKER_OTHER = -0.30      # two different named people...
LONG_RUN = 8               # ...unless they share this many content words in order, or a passage of MIN_CONTENT
SAME_PASSAGE = 0.98        #   aligned words whose units are this close in meaning: then one article has most
                           #   likely attributed the other's words wrongly (or quotes them)
SPEAKER_UNKNOWN = -0.05    # a description on either side ("some officials"): weaker evidence than one name
VENUE_SAME = 0.05          # both name the venue and agree
OTHER_DAYS = -0.40         # the days the statement can have been made on do not overlap
OTHER_VENUE = -0.05        # the two articles name different venues for it (often one outlet citing another)
SHORT = -1.0               # the shorter rendering has fewer than MIN_CONTENT content words: a phrase
MIN_CONTENT = 4            #   ("grave mistake") is evidence of a topic, not of one statement...
CONTAINED = 0.99           # ...unless the same named speaker, on days that can agree, says it word for word
                           #   in the other rendering (two direct quotes; word cover at least this, of >= 2
                           #   content words)
FRAGMENT = 0.85            # the words in quotation marks of a mixed quote are the speaker's own: all of them found
FRAGMENT_INFO = 3.5        #   word for word in the other's direct or mixed rendering by the same speaker, and
                           #   telling enough (their information, own_words.info, sums to this), weigh as this much
TELLING = 0.80             # the same named speaker on days that can agree, and the content words shared carry at
TELLING_SHARE = 0.55       #   least this share of the less telling side's information (own_words.info)...
TELLING_SUM = 4.0          #   ...and this much of it: a paraphrase that keeps the rare words said weighs this much
BOTH_SIGNALS = 0.10        # words and meaning agree (each at least BOTH_FLOOR)
BOTH_FLOOR = 0.5
LONE_MEANING = -0.15       # meaning without the words (word cover under BOTH_FLOOR) below MEANING_ALONE: one
MEANING_ALONE = 0.95       #   speaker's other remarks on the same topic come this close in a static embedding
MAX_POSTINGS = 120         # a word pair or speaker key more quotes than this share is too common to search by
MAX_BAND_POSTINGS = 24     # a band hash of the vectors reads only its newest this many (+1) postings
MAX_CANDIDATES = 60        # candidates scored per quote...
MAX_PAIRS = 6_000          # ...and per article: an article of thousands of quotes gets fewer each
MAX_QUOTES = 2_000         # quotes of one article looked up (the rest get no coverage)
TRAIL = True               # a quote also links to the other renderings of the statement it matched
TRAIL_RENDERINGS = 50      # renderings of one statement read for that
SPEAKER_WEEKS = 3          # a statement dated to a window wider than this many weeks gets no speaker key

# ---- views ------------------------------------------------------------------------------------

def _paragraphs_of(quote: dict) -> list[int]:
    ids = []
    for s in quote.get("spans") or []:
        if isinstance(s, dict) and s.get("paragraph") not in ids:
            ids.append(s.get("paragraph"))
    cue = quote.get("cue") or {}
    p = (cue.get("span") or {}).get("paragraph") if isinstance(cue, dict) else None
    if p is not None and p not in ids:
        ids.append(p)
    return ids


def _span_texts(article, quote: dict) -> list[str]:
    """The words of each span of a quote in several spans ('"A," she said. "B."'); none for one span.
    Spans count UTF-16 code units, as the response does."""
    spans = [s for s in quote.get("spans") or [] if isinstance(s, dict)]
    if len(spans) < 2:
        return []
    out = []
    for s in spans:
        i = s.get("paragraph")
        if not isinstance(i, int) or not 0 <= i < len(article.paragraphs):
            continue
        raw = article.paragraphs[i].encode("utf-16-le")
        out.append(raw[2 * s.get("start", 0):2 * s.get("end", 0)].decode("utf-16-le", "ignore"))
    return out


def _speaker_name(quote: dict) -> str | None:
    sp = quote.get("speaker")
    return sp.get("name") if isinstance(sp, dict) else None


def speaker_keys(surname: str | None, named: bool, lo: int | None, hi: int | None) -> list[int]:
    """The speaker-and-week fingerprints of a statement by a named speaker made between days lo and hi."""
    if not (surname and named and lo is not None and hi is not None) or hi - lo > 7 * SPEAKER_WEEKS:
        return []
    return [wording.hash64(f"spk:{surname}:{w}") for w in range(lo // 7, hi // 7 + 1)]


def views(article, quotes: list[dict]) -> list[dict]:
    """One view per quote, with the vectors of all units of the article embedded in one call."""
    out, texts = [], []
    for q in quotes[:MAX_QUOTES]:
        text = q.get("text") or ""
        name = _speaker_name(q)
        surname = surname_of(name)
        paras = _paragraphs_of(q)
        tokens = wording.tokenize(text)
        view = {"id": q.get("id"), "text": text, "kind": q.get("kind"), "tokens": tokens,
                "speaker_name": name, "surname": surname, "named": named(name),
                "speaker_local_id": (q.get("speaker") or {}).get("id"),
                "paragraph": paras[0] if paras else None,
                "translated": occ.translated(article, paras, surname), **occ.occasion(article, paras, surname)}
        view["units"] = wording.units(text, _span_texts(article, q)) if text.strip() else []
        texts += view["units"]
        out.append(view)
    vecs = embed.embed(texts) if texts else np.zeros((0, embed.DIM), np.float32)
    at = 0
    for view in out:
        n = len(view["units"])
        view["vecs"] = vecs[at:at + n]
        at += n
        keys = [t.key for t in view["tokens"] if t.content]
        view["bands"] = set(lsh.band_hashes(view["vecs"]))
        view["fingerprints"] = sorted(view["bands"].union(
            wording.fingerprints(keys, sample=len(keys) > wording.SAMPLE_ABOVE) if len(keys) >= 2 else [],
            speaker_keys(view["surname"], view["named"], view["event_lo"], view["event_hi"])))
    return out


def index_article(article, response: dict, store=None) -> dict:
    """What the store keeps for coverage: article venues, and per quote its occasion, vectors and fingerprints;
    with a store, also the stored quotes each one matches (`matches`: quote ids and their statement ids)."""
    quotes, all_venues = [], []
    our_views = views(article, response.get("quotes") or [])
    found = match(store, article, our_views) if store is not None else [[] for _ in our_views]
    for v, hits in zip(our_views, found):
        all_venues += [x for x in v["venues"] if x not in all_venues]
        quotes.append({
            "local_id": v["id"], "text": v["text"], "kind": v["kind"], "speaker_local_id": v["speaker_local_id"],
            "speaker_name": v["speaker_name"], "surname": v["surname"], "paragraph": v["paragraph"],
            "event_lo": v["event_lo"], "event_hi": v["event_hi"], "venues": v["venues"],
            "translated": v["translated"], "vectors": embed.to_blob(v["vecs"]), "fingerprints": v["fingerprints"],
            "matches": [(t["quote_id"], t.get("statement_id")) for t, ev in hits if ev["score"] >= MERGE]})
    return {"venues": all_venues, "quotes": quotes}


def row_view(row: dict) -> dict:
    """A stored quote as a view (its vectors from the store, its words read again)."""
    return dict(row, tokens=_stored_tokens(row["text"]), named=named(row.get("speaker_name")),
                surname=surname_of(row.get("speaker_name")),
                vecs=embed.from_blob(row["vectors"]) if row.get("vectors") else np.zeros((0, embed.DIM), np.float32))


# ---- the evidence -----------------------------------------------------------------------------

def _overlaps(lo1, hi1, lo2, hi2) -> bool:
    lo = max(x for x in (lo1, lo2, -10**9) if x is not None)
    hi = min(x for x in (hi1, hi2, 10**9) if x is not None)
    return lo <= hi


def judge_occasion(ours: dict, theirs: dict) -> str:
    """"same" (a shared venue on overlapping days), "other days", "other venue" or "unknown"."""
    if not _overlaps(ours["event_lo"], ours["event_hi"], theirs["event_lo"], theirs["event_hi"]):
        return "other days"
    va, vb = set(ours.get("venues") or []), set(theirs.get("venues") or [])
    if va and vb:
        return "same" if va & vb else "other venue"
    return "unknown"


def score(ours: dict, theirs: dict) -> dict | None:
    """The evidence that two quotes carry one statement: {"score", "alignment", "meaning", ...}."""
    al = wording.align(ours["tokens"], theirs["tokens"])
    words = al.cover if al is not None and al.matched >= 2 else 0.0
    meaning = float((ours["vecs"] @ theirs["vecs"].T).max()) if len(ours["vecs"]) and len(theirs["vecs"]) else 0.0
    if al is None and meaning <= 0:
        return None
    total = max(words, meaning)
    if words >= BOTH_FLOOR and meaning >= BOTH_FLOOR:
        total += BOTH_SIGNALS
    elif words < BOTH_FLOOR and words < meaning < MEANING_ALONE:
        total += LONE_MEANING
    speaker = judge_speaker(ours, theirs)
    if speaker == "different" and al is not None and (
            al.matched >= LONG_RUN or (al.matched >= MIN_CONTENT and meaning >= SAME_PASSAGE)):
        speaker = "unknown"
    when = judge_occasion(ours, theirs)
    # the same named speaker on days that can agree: their own words found word for word in the other rendering
    vouched = speaker == "same" and when != "other days"
    fragment = vouched and own_words.found(ours, theirs, FRAGMENT_INFO)
    if fragment:
        total = max(total, FRAGMENT)
    telling = False
    if vouched and total < TELLING:
        share, carried = own_words.telling_overlap(ours["tokens"], theirs["tokens"])
        telling = share >= TELLING_SHARE and carried >= TELLING_SUM
        if telling:
            total = TELLING
    total += {"same": SPEAKER_SAME, "different": SPEAKER_OTHER, "unknown": SPEAKER_UNKNOWN}[speaker]
    total += {"same": VENUE_SAME, "other days": OTHER_DAYS, "other venue": OTHER_VENUE}.get(when, 0.0)
    shorter = al.shorter if al is not None else min(
        sum(t.content for t in ours["tokens"]), sum(t.content for t in theirs["tokens"]))
    contained = vouched and ours.get("kind") == theirs.get("kind") == "direct" and al is not None and \
        al.shorter >= 2 and al.cover >= CONTAINED
    if shorter < MIN_CONTENT and not (fragment or contained or telling):
        total += SHORT
    return {"score": total, "alignment": al, "meaning": meaning, "words": words, "speaker": speaker,
            "occasion": when, "shorter": shorter, "fragment": fragment}


# The most each kind of evidence above can add: `reachable` uses them to drop, before any alignment,
# the candidates whose score cannot reach LINK. Keep it in step with `score`.
_MOST_SPEAKER = max(0.0, SPEAKER_SAME, SPEAKER_OTHER)
_MOST_OCCASION = max(0.0, VENUE_SAME, OTHER_DAYS, OTHER_VENUE)
_KEYS_KEPT = 20_000        # content keys and tokens of stored quotes kept per process (a store's common candidates recur)
_keys_cache: dict[str, Counter] = {}


_tokens_cache: dict[str, list] = {}


def _stored_tokens(text: str) -> list:
    """A stored quote's tokens, kept like its content keys (read-only: the lists are shared)."""
    tokens = _tokens_cache.get(text)
    if tokens is None:
        tokens = wording.tokenize(text)
        if len(_tokens_cache) >= _KEYS_KEPT:
            _tokens_cache.clear()
        _tokens_cache[text] = tokens
    return tokens


def _content_keys(text: str) -> Counter:
    """Keyed by the text itself: a quote id may name another quote after a delete, or in another store."""
    keys = _keys_cache.get(text)
    if keys is None:
        keys = Counter(wording.content_keys(text))
        if len(_keys_cache) >= _KEYS_KEPT:
            _keys_cache.clear()
        _keys_cache[text] = keys
    return keys


def reachable(ours: dict, theirs: dict, meaning: float) -> bool:
    """Whether `score` can reach LINK for this pair: the word cover of an alignment is at most the share
    of the shorter quote's content keys that the other holds, and `meaning` is the units' best cosine,
    so an upper bound needs neither the alignment nor the stored quote's tokens. Exact: it never drops
    a pair that would link, and it leaves most candidates of a large store unscored."""
    ka, kb = ours["keys"], _content_keys(theirs["text"])
    shorter = min(sum(ka.values()), sum(kb.values()))
    words = sum((ka & kb).values()) / shorter if shorter else 0.0
    # a mixed rendering on either side may carry marked words found in the other (own_words.found)
    mixed = ours.get("kind") == "mixed" or any(m in theirs["text"] for m in '"\u201c\u2018')
    most = max(words, meaning, FRAGMENT if mixed else 0.0) + _MOST_SPEAKER + _MOST_OCCASION
    if words >= BOTH_FLOOR and meaning >= BOTH_FLOOR:
        most += BOTH_SIGNALS
    if shorter < MIN_CONTENT and not (mixed or words >= CONTAINED):
        most += SHORT
    if most < LINK and words > 0:
        # a paraphrase keeping the telling words said: read the stored words only for these
        share, carried = own_words.telling_overlap(ours["tokens"], _stored_tokens(theirs["text"]))
        if share >= TELLING_SHARE and carried >= TELLING_SUM:
            most = TELLING + _MOST_SPEAKER + _MOST_OCCASION
    return most >= LINK


# ---- the lookup -------------------------------------------------------------------------------

def match(store, article, our_views: list[dict]) -> list[list[tuple[dict, dict]]]:
    """Per view, the stored quotes of other articles that carry its statement: [(row view, evidence)], best first.

    The store ranks the candidates and caps them (candidates.py); only their texts and vectors are read
    to drop, by the bound, those that cannot link, and only the rest are read whole and scored."""
    own_hash = article.content_hash()
    each = max(3, min(MAX_CANDIDATES, MAX_PAIRS // max(1, len(our_views))))
    per_view = candidates.ranked(store, article.url or f"urn:sha256:{own_hash}",
                                 [(set(v["fingerprints"]), v["bands"]) for v in our_views],
                                 MAX_POSTINGS, MAX_BAND_POSTINGS, each)
    stored = candidates.texts_and_vectors(store, {qid for c in per_view for qid in c})
    kept = []
    for v, cands in zip(our_views, per_view):
        cands = [qid for qid in cands if qid in stored]
        v.setdefault("keys", Counter(t.key for t in v["tokens"] if t.content))
        # the best cosine of every candidate in one product; a hair of slack keeps float rounding from dropping one
        meanings = candidates.best_cosines(v["vecs"], [stored[qid][1] for qid in cands]) + 1e-6
        kept.append([qid for qid, m in zip(cands, meanings.tolist())
                     if reachable(v, {"text": stored[qid][0]}, m)])
    rows = {r["quote_id"]: r for r in store.quote_rows({qid for k in kept for qid in k})} if any(kept) else {}
    views_of: dict[int, dict] = {}
    out = []
    for v, cands in zip(our_views, kept):
        found = []
        for qid in cands:
            row = rows.get(qid)
            if row is None or row["content_hash"] == own_hash:
                continue
            if qid not in views_of:
                views_of[qid] = row_view(row)
            ev = score(v, views_of[qid])
            if ev is not None and ev["score"] >= LINK:
                found.append((views_of[qid], ev))
        found.sort(key=lambda p: -p[1]["score"])
        out.append(found)
    return out


def _link(view: dict, theirs: dict, ev: dict) -> dict:
    return {"url": theirs["url"], "outlet": theirs["outlet"], "title": theirs["title"],
            "published": theirs["published"], "quote_text": theirs["text"],
            "fidelity": wording.fidelity(view, theirs, ev["alignment"]),
            "similarity": round(min(1.0, max(ev["words"], ev["meaning"])), 3),
            "diff": wording.word_diff(view["tokens"], theirs["tokens"]),
            "_order": (theirs["published_ts"] if theirs["published_ts"] is not None else float("inf"),
                       theirs["first_stored"])}


def find_coverage(store, article, quotes: list[dict]) -> dict[str, dict]:
    """{quote id: {"coverage": [links, best first], "first_seen": {...} | None, "statement_id": str | None}}."""
    our_views = views(article, quotes)
    matches = match(store, article, our_views)
    own_statements = store.statement_ids(article)
    own_key = article.url or f"urn:sha256:{article.content_hash()}"
    trails: dict[int, list[dict]] = {}
    out: dict[str, dict] = {}
    for view, found in zip(our_views, matches):
        by_url: dict[str, dict] = {}
        statement = own_statements.get(view["id"])
        for theirs, ev in found:
            if ev["score"] >= MERGE:
                statement = statement or theirs.get("statement_id")
            link = _link(view, theirs, ev)
            kept = by_url.get(theirs["url"])
            if kept is None or link["similarity"] > kept["similarity"]:
                by_url[theirs["url"]] = link
        # the trail: A ~ B and B ~ C, so A's coverage holds C too (with A's own fidelity and diff against C)
        sids = {theirs["statement_id"] for theirs, ev in found
                if theirs.get("statement_id") is not None and ev["score"] >= MERGE}
        for sid in sorted(sids) if TRAIL else ():
            if sid not in trails:
                trails[sid] = [row_view(r) for r in store.statement_quotes(sid, TRAIL_RENDERINGS)]
            for theirs in trails[sid]:
                if theirs["url"] in by_url or theirs["url"] == own_key or theirs["content_hash"] == article.content_hash():
                    continue
                ev = score(view, theirs)
                if ev is not None:
                    by_url[theirs["url"]] = _link(view, theirs, ev)
        links = sorted(by_url.values(), key=lambda l: (-l["similarity"], l["url"]))
        first = None
        if links:
            own_order = (article.published.timestamp() if article.published else float("inf"), float("inf"))
            earliest = min(links, key=lambda l: l["_order"])
            if earliest["_order"] < own_order:
                first = {"url": earliest["url"], "outlet": earliest["outlet"], "published": earliest["published"]}
            else:
                first = {"url": article.url, "outlet": article.outlet,
                         "published": article.published.isoformat() if article.published else None}
        for link in links:
            link.pop("_order")
        out[view["id"]] = {"coverage": links, "first_seen": first,
                           "statement_id": str(statement) if statement is not None else None}
    return out
