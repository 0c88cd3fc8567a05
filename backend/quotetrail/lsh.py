"""Random-hyperplane locality-sensitive hashes of unit vectors, kept as fingerprints in the store.

Each band is BITS hyperplanes drawn once from a fixed seed; a vector's band code is the side of
each plane it falls on. Two vectors at cosine c agree on one plane with probability
1 - arccos(c) / pi, so on a whole band with that probability to the power BITS: near
renderings share a band far more often than unrelated lines. The band codes are hashed with the
band number into the same 64-bit space as the word-pair fingerprints (one indexed table for
both engines). Changing the seed, BANDS or BITS changes every stored hash: bump LSH_VERSION.
"""
from __future__ import annotations

import functools

import numpy as np

from .wording import hash64

BANDS = 16
BITS = 12
SEED = 20261201
LSH_VERSION = 1


@functools.cache
def _planes(dim: int) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    return rng.standard_normal((dim, BANDS * BITS)).astype(np.float32)


def band_codes(vecs: np.ndarray) -> np.ndarray:
    """Each vector's code in each band (len(vecs) x BANDS): the side of each plane, as BITS bits."""
    bits = (vecs @ _planes(vecs.shape[1])) > 0                       # vectors x (BANDS * BITS)
    weights = 1 << np.arange(BITS, dtype=np.int64)
    return (bits.reshape(len(vecs), BANDS, BITS) * weights).sum(axis=2)


def band_fingerprints(codes: np.ndarray) -> np.ndarray:
    """The fingerprints of band codes (an array whose last axis is the BANDS bands), as stored; each
    distinct (band, code) is hashed once, so a bulk load of many vectors costs little more than one."""
    slots = np.arange(BANDS, dtype=np.int64) * (1 << BITS) + codes
    distinct, where = np.unique(slots, return_inverse=True)
    hashes = np.array([hash64(f"lsh{LSH_VERSION}:{int(k) >> BITS}:{int(k) & ((1 << BITS) - 1)}") for k in distinct],
                      dtype=np.int64)
    return hashes[where].reshape(slots.shape)


def band_hashes(vecs: np.ndarray) -> list[int]:
    """The band fingerprints of a set of vectors (one quote's units), deduplicated."""
    if len(vecs) == 0:
        return []
    return sorted(set(band_fingerprints(band_codes(vecs)).ravel().tolist()))
