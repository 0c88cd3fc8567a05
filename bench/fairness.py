"""Fairness of the loaded-terms layer: does it flag each outlet and each leaning as densely as the
annotators marked them, or is it harsher on one side?

    python -m bench.fairness --basil BASIL.json --babe BABE.json [--babe-data babe-sg2.jsonl]

BASIL.json is the JSON that `basil/run.py --json` prints last (or its figures file), BABE.json the
JSON line of `babe/run_babe.py --json`; both runners live in the shared evaluation folder, which
also holds the BABE data file (needed for words and marked words per leaning, as the runner's
figures give only terms per sentence). Standard library only.

For every group g (a BASIL outlet, a BASIL leaning, a BABE leaning) it compares densities per
1,000 words:

    ratio(g) = (flags(g) / flags(all)) / (gold(g) / gold(all))

i.e. the group's share of the detector's density over its share of the annotators' density. The
check holds when every ratio lies within [1 / FACTOR, FACTOR]. Relative densities are compared, not
absolute ones: the annotators mark a few spans per article, a reader-facing detector flags more,
and what fairness asks is that the excess falls evenly. Exit status 0 when the check holds, 1 when
it does not, 2 on bad input.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

FACTOR = 1.3
# BASIL's outlets by the leaning its authors give them.
BASIL_LEANING = {"Fox News": "right", "The New York Times": "center", "HuffPost": "left"}
BABE_LEANINGS = ("left", "right", "center")
# The BABE scorer's stop words and word split, so the marked words counted here are the ones it scores.
STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "as", "at", "by", "for", "from", "with", "is", "are",
        "was", "were", "be", "been", "it", "its", "his", "her", "their", "that", "this", "up", "out", "into", "over",
        "about", "who", "what", "than", "not"}
# The shared folder sits beside the repository's checkout, or one level up from a worktree in a folder of worktrees.
DEFAULT_BABE_DATA = next((p for p in (pathlib.Path(__file__).resolve().parents[n] / "shared/eval/babe/babe-sg2.jsonl"
                                      for n in (2, 3)) if p.exists()),
                         pathlib.Path(__file__).resolve().parents[2] / "shared/eval/babe/babe-sg2.jsonl")


def _words(s: str) -> list[str]:
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [w for w in re.findall(r"[\w'-]+", s) if w.strip("'-")]


def _last_json(path: pathlib.Path) -> dict:
    """The file's JSON, or its last line that is a JSON object (the runners print text first)."""
    text = path.read_text("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        for line in reversed(text.strip().splitlines()):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    raise ValueError(f"{path}: no JSON object found")


def ratios(flags: dict[str, float], gold: dict[str, float]) -> dict[str, float | None]:
    """Per group: its share of the flag density over its share of the gold density."""
    f_all, g_all = sum(flags.values()), sum(gold.values())
    out = {}
    for g in flags:
        if not f_all or not g_all or not gold.get(g):
            out[g] = None
            continue
        out[g] = round((flags[g] / f_all) / (gold[g] / g_all), 3)
    return out


def basil_groups(report: dict) -> dict[str, tuple[dict, dict]]:
    """Flags and gold spans per 1,000 words, by outlet and by leaning, from score_basil's figures."""
    per = (report.get("loaded") or report)["per_outlet"]
    flags = {o: f["outlet_flags_per_1k_words"] for o, f in per.items()}
    gold = {o: f["gold_lex_outlet_per_1k_words"] for o, f in per.items()}
    by_leaning = ({BASIL_LEANING.get(o, o): v for o, v in flags.items()},
                  {BASIL_LEANING.get(o, o): v for o, v in gold.items()})
    return {"BASIL outlets": (flags, gold), "BASIL leanings": by_leaning}


def babe_groups(report: dict, data: pathlib.Path) -> dict[str, tuple[dict, dict]]:
    """Terms and marked words per 1,000 words by leaning; words and marks from the data file's first
    `sentences` rows (the ones the runner sent)."""
    rows = [json.loads(line) for line in data.read_text("utf-8").splitlines() if line.strip()]
    rows = rows[:report["sentences"]]
    n, words, marks = {}, {}, {}
    for r in rows:
        lean = r.get("leaning") or "unknown"
        n[lean] = n.get(lean, 0) + 1
        words[lean] = words.get(lean, 0) + len(r["text"].split())
        marked = {w for bw in r.get("biased_words") or [] for w in _words(bw)} - STOP
        marks[lean] = marks.get(lean, 0) + len(marked)
    flags, gold = {}, {}
    for lean in BABE_LEANINGS:
        fig = report["by_leaning"].get(lean)
        if fig is None or not words.get(lean):
            continue
        flags[lean] = round(1000 * fig["terms_per_sentence"] * n[lean] / words[lean], 2)
        gold[lean] = round(1000 * marks[lean] / words[lean], 2)
    return {"BABE leanings": (flags, gold)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fairness", description=__doc__.split("\n\n")[0])
    ap.add_argument("--basil", type=pathlib.Path, help="JSON of basil/run.py --json")
    ap.add_argument("--babe", type=pathlib.Path, help="JSON of babe/run_babe.py --json")
    ap.add_argument("--babe-data", type=pathlib.Path, default=DEFAULT_BABE_DATA)
    ap.add_argument("--factor", type=float, default=FACTOR)
    a = ap.parse_args(argv)
    if not a.basil and not a.babe:
        ap.error("give --basil, --babe or both")
    groups: dict[str, tuple[dict, dict]] = {}
    try:
        if a.basil:
            groups.update(basil_groups(_last_json(a.basil)))
        if a.babe:
            groups.update(babe_groups(_last_json(a.babe), a.babe_data))
    except (OSError, ValueError, KeyError) as exc:
        print(f"fairness: {exc}", file=sys.stderr)
        return 2
    ok = True
    print(f"{'set':16} {'group':20} {'flags/1k':>9} {'gold/1k':>8} {'ratio':>6}  within {1 / a.factor:.2f}..{a.factor:.2f}")
    for name, (flags, gold) in groups.items():
        for g, r in ratios(flags, gold).items():
            good = r is not None and 1 / a.factor <= r <= a.factor
            ok &= good
            print(f"{name:16} {g:20} {flags[g]:>9} {gold.get(g, '-'):>8} {r if r is not None else '-':>6}  "
                  f"{'ok' if good else 'NO'}")
    print("fairness check:", "holds" if ok else "does not hold")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
