"""Whether two quotes of two articles have one speaker: surnames, names inside descriptions, and
names against descriptions ("a spokeswoman for Ana Morel" against "Ana Morel"). Coverage weighs the
answer as evidence; the store keys a statement's speaker by the surname."""
from __future__ import annotations

import re

# Titles and particles that are not a surname.
_NAME_NOISE = frozenset("mr mrs ms dr sir president prime minister jr sr ii iii iv".split())
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def surname_of(name: str | None) -> str | None:
    """"President Ana Morel" -> "morel"; organisations keep their last word; the spokesman or office of a
    named person is theirs ("Ana Morel's office" -> "morel")."""
    if not name:
        return None
    words = [w.replace("\u2019", "'") for w in _WORD.findall(name)]
    for i, w in enumerate(words[:-1]):
        # "Morel's office", "Morel's campaign spokeswoman": the possessor speaks, through the words after
        if w.lower().endswith("'s") and w[:1].isupper() and all(x.islower() for x in words[i + 1:]):
            words = words[:i + 1]
            break
    words = [w.lower() for w in words if w.lower() not in _NAME_NOISE]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return words[-1] if words else None


def _names_in(name: str | None) -> set[str]:
    """Capitalised words of a speaker description ("a spokeswoman for Ana Morel" -> {"ana", "morel"})."""
    if not name:
        return set()
    out = set()
    for w in _WORD.findall(name):
        w = w.replace("\u2019", "'")
        if w[:1].isupper() and w.lower() not in _NAME_NOISE:
            out.add(w[:-2].lower() if w.lower().endswith("'s") else w.lower())
    return out


def named(name: str | None) -> bool:
    """A person's or body's name ("Ana Ruiz", "Reuters"), not a description ("the House speaker")."""
    if not name:
        return False
    first = name.split()[0].lower()
    return first not in ("a", "an", "the", "this", "that", "one", "some", "his", "her", "their") and \
        any(w[:1].isupper() for w in name.split() if w.lower() not in _NAME_NOISE)


def judge_speaker(ours: dict, theirs: dict) -> str:
    """"same" (one surname, or a description naming the other's: "a spokesman for Morel" and "Ana Morel"),
    "different" (two named people) or "unknown" (a description on either side)."""
    a, b = ours.get("surname"), theirs.get("surname")
    if a and b and ours.get("named") and theirs.get("named"):
        return "same" if a == b else "different"
    if (a and a in _names_in(theirs.get("speaker_name"))) or (b and b in _names_in(ours.get("speaker_name"))):
        return "same"
    return "unknown"
