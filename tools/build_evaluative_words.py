"""Build backend/quotetrail/data/evaluative.tsv from two broad sentiment lexicons on PyPI.

    .venv/bin/pip install -e ".[lexicons]"
    .venv/bin/python tools/build_evaluative_words.py

- VADER's valence lexicon (vaderSentiment, MIT licence, (c) 2016 C.J. Hutto): a mean valence per
  word from -4 to +4, rated by ten people each.
- Pattern's adjective lexicon (en-sentiment.xml, shipped inside textblob; Pattern's authors put it
  under the PDDL, i.e. in the public domain): polarity and subjectivity per adjective sense.

Only plain words are kept (no emoticons, no slang spellings with digits), and only those that
carry a judgement in either lexicon. The product reads the TSV; neither package is needed at run
time. The output says where each figure comes from and under which licence.
"""
from __future__ import annotations

import collections
import importlib.metadata
import importlib.util
import pathlib
import re
import xml.etree.ElementTree as ET

OUT = pathlib.Path(__file__).resolve().parents[1] / "backend/quotetrail/data/evaluative.tsv"
WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
# A word is kept when VADER rates it at least this far from neutral, or Pattern calls some sense of
# it at least this subjective with a polarity at least this far from neutral.
MIN_VALENCE = 1.0
MIN_SUBJECTIVITY = 0.5
MIN_POLARITY = 0.1

HEADER = """\
# Words that carry a judgement, with figures from two broad lexicons (built by tools/build_evaluative_words.py).
# valence: VADER's mean valence (-4..+4), from vader_lexicon.txt in vaderSentiment {vader_version}, whose
#   licence follows.
{vader_licence}
# subjectivity, polarity: the most subjective adjective sense in Pattern's en-sentiment.xml (T. De Smedt,
#   W. Daelemans; shipped in textblob {textblob_version}), which its authors released under the PDDL (public
#   domain dedication). Empty when the word is not there.
# word\tvalence\tsubjectivity\tpolarity
"""


def _licence(dist: str) -> str:
    """The distribution's licence file, verbatim, as comment lines."""
    files = [f for f in importlib.metadata.files(dist) or () if "licen" in f.name.lower()]
    text = files[0].read_text("utf-8") if files else importlib.metadata.metadata(dist)["License"]
    return "\n".join(("#   " + line).rstrip() for line in text.strip().splitlines())


def _package_file(package: str, name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"install {package} first (see the docstring)")
    return pathlib.Path(next(iter(spec.submodule_search_locations))) / name


def vader() -> dict[str, float]:
    out = {}
    for line in _package_file("vaderSentiment", "vader_lexicon.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and WORD.fullmatch(parts[0]):
            out[parts[0]] = float(parts[1])
    return out


def pattern() -> dict[str, tuple[float, float]]:
    senses = collections.defaultdict(list)
    root = ET.parse(_package_file("textblob", "en/en-sentiment.xml")).getroot()
    for el in root:
        form = el.get("form") or ""
        if el.get("pos", "").startswith("JJ") and WORD.fullmatch(form):
            senses[form].append((float(el.get("subjectivity")), float(el.get("polarity"))))
    return {w: max(v) for w, v in senses.items()}


def main() -> None:
    v, p = vader(), pattern()
    rows = []
    for word in sorted(set(v) | set(p)):
        val = v.get(word)
        subj, pol = p.get(word, (None, None))
        if (val is not None and abs(val) >= MIN_VALENCE) or (
                subj is not None and subj >= MIN_SUBJECTIVITY and abs(pol) >= MIN_POLARITY):
            rows.append("\t".join([word, "" if val is None else f"{val:g}",
                                   "" if subj is None else f"{subj:g}", "" if pol is None else f"{pol:g}"]))
    header = HEADER.format(vader_version=importlib.metadata.version("vaderSentiment"),
                           textblob_version=importlib.metadata.version("textblob"),
                           vader_licence=_licence("vaderSentiment"))
    OUT.write_text(header + "\n".join(rows) + "\n", "utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
