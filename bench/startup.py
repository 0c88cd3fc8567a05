"""Start-up: `quotetrail analyze FILE` on a one-sentence article, the whole process from start to
answer, against a bare `spacy.load` of the same model parsing the same sentence in a process of its
own. Both run interleaved (drift on a shared machine hits both alike); the figure is the ratio of
the medians. The store exists beforehand, as a user's does, so the CLI's coverage lookup reads it.
"""
from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from .common import VENV_BIN, Result, median

GOAL = 1.5
SENTENCE = "\u201cWe will open the new bridge to traffic in May,\u201d the mayor said on Tuesday."
BARE = """import spacy, sys
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
print(len(doc))
"""


def _model_name() -> str:
    from quotetrail.nlp import MODEL_NAMES

    return next(n for n in MODEL_NAMES if importlib.util.find_spec(n) is not None)


def _run(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env)
    took = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"bench: {' '.join(cmd[:3])} failed: {done.stderr.decode()[-1500:]}")
    return took


def run(repeat: int = 5) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="qt-bench-startup-") as tmp:
        tmp = pathlib.Path(tmp)
        article = tmp / "one.json"
        article.write_text(json.dumps({"title": "Bridge", "text": SENTENCE}), encoding="utf-8")
        (tmp / "bare.py").write_text(BARE, encoding="utf-8")
        env = {**os.environ, "QUOTETRAIL_DB": str(tmp / "store.sqlite3"),
               "QUOTETRAIL_LEXICON": str(tmp / "no-user-lexicon.jsonl")}
        bare = [sys.executable, str(tmp / "bare.py"), _model_name(), SENTENCE]
        cli = [str(VENV_BIN / "quotetrail"), "analyze", str(article)]
        offline = cli + ["--no-coverage"]
        for cmd in (bare, cli, offline):                  # untimed: the store created, files cached
            _run(cmd, env)
        times: dict[str, list[float]] = {"bare": [], "cli": [], "offline": []}
        for _ in range(repeat):
            for name, cmd in (("bare", bare), ("cli", cli), ("offline", offline)):
                times[name].append(_run(cmd, env))
    b, c, o = (median(times[k]) for k in ("bare", "cli", "offline"))
    note = f"median of {repeat}, whole process"
    return [
        Result("startup", "analyze FILE, one sentence", f"{c:.2f} s", f"spaCy load+parse {b:.2f} s", c / b,
               f"<= {GOAL}x", note),
        Result("startup", "analyze FILE --no-coverage", f"{o:.2f} s", f"spaCy load+parse {b:.2f} s", o / b, "", note),
    ]
