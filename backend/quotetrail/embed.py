"""Sentence embeddings: WordLlama static token embeddings (MIT, weights inside the PyPI wheel).

A text's vector is the mean of its tokens' vectors, L2-normalised, so a dot product is the
cosine. Static embeddings cost well under a millisecond a sentence on numpy; the README gives
the figures that chose them over all-MiniLM-L6-v2 on onnxruntime. Nothing is downloaded at run
time: the weights and the tokenizer file are read from the installed package (its 0.4.0 release
looks for the tokenizer in a folder that does not exist, so the package folder is given as the
cache folder, where both files are). The model loads once per process, on first use.

A failure to load or run the model raises EmbeddingError: coverage then answers with an error
instead of linking anything on a guess.
"""
from __future__ import annotations

import logging
import pathlib
import threading

import numpy as np

log = logging.getLogger(__name__)

DIM = 256
MAX_CHARS = 2_000         # characters of one unit that are embedded (units are sentences and clauses)
CACHE = 50_000            # texts whose vectors are kept per process (reloaded pages, repeated units)

_lock = threading.Lock()
_model = None
_cache: dict[str, np.ndarray] = {}


class EmbeddingError(RuntimeError):
    """The embedding model could not be loaded or run."""


def load():
    """The WordLlama model, loaded once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    import wordllama
                    from wordllama import WordLlama

                    folder = pathlib.Path(wordllama.__file__).parent
                    model = WordLlama.load(cache_dir=folder, dim=DIM, disable_download=True)
                except Exception as e:       # a missing or broken file
                    raise EmbeddingError(f"the embedding model could not be loaded: {e}") from e
                _model = model
                log.info("embedding model loaded from %s", folder)
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (len(texts) x DIM, float32) for the texts."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t not in _cache]
    if todo:
        model = load()
        try:
            vecs = model.embed([texts[i][:MAX_CHARS] for i in todo], norm=True)
        except Exception as e:
            raise EmbeddingError(f"the embedding model failed: {e}") from e
        vecs = np.asarray(vecs, dtype=np.float32)
        if vecs.shape != (len(todo), DIM) or not np.isfinite(vecs).all():
            raise EmbeddingError("the embedding model returned vectors of the wrong shape or non-finite values")
        with _lock:
            if len(_cache) + len(todo) > CACHE:
                _cache.clear()
            for i, v in zip(todo, vecs):
                _cache[texts[i]] = v
    for i, t in enumerate(texts):
        v = _cache.get(t)
        out[i] = v if v is not None else embed([t])[0]
    return out


def to_blob(vecs: np.ndarray) -> bytes:
    """Vectors as float16 bytes (512 bytes a vector): what the store keeps."""
    return np.ascontiguousarray(vecs, dtype=np.float16).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32).reshape(-1, DIM)
