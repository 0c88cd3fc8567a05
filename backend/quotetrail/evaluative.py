"""Evaluative wording the lexicon never listed (placeholder until the method lands)."""
from __future__ import annotations


def clear_caches() -> None:
    pass
