"""bench/fairness.py: densities per group against the annotators', on runner output written here."""
from __future__ import annotations

import json
import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from bench import fairness  # noqa: E402


def basil_report(flags: dict[str, float], gold: dict[str, float]) -> dict:
    return {"loaded": {"per_outlet": {o: {"outlet_flags_per_1k_words": flags[o],
                                          "gold_lex_outlet_per_1k_words": gold[o]} for o in flags}}}


def test_ratio_is_the_share_of_flags_over_the_share_of_gold():
    r = fairness.ratios({"a": 2.0, "b": 2.0}, {"a": 1.0, "b": 3.0})
    assert r == {"a": 2.0, "b": 0.667}


def test_a_detector_that_follows_the_annotators_passes(tmp_path, capsys):
    path = tmp_path / "basil.json"
    path.write_text("some text first\n" + json.dumps(basil_report(
        {"Fox News": 4.0, "The New York Times": 4.4, "HuffPost": 5.0},
        {"Fox News": 1.9, "The New York Times": 2.1, "HuffPost": 2.4})), "utf-8")
    assert fairness.main(["--basil", str(path)]) == 0
    assert "holds" in capsys.readouterr().out


def test_a_detector_harsher_on_one_outlet_fails(tmp_path, capsys):
    path = tmp_path / "basil.json"
    path.write_text(json.dumps(basil_report(
        {"Fox News": 9.0, "The New York Times": 3.0, "HuffPost": 3.0},
        {"Fox News": 1.9, "The New York Times": 2.1, "HuffPost": 2.4})), "utf-8")
    assert fairness.main(["--basil", str(path)]) == 1
    assert "does not hold" in capsys.readouterr().out


def test_babe_densities_come_from_the_data_file(tmp_path):
    data = tmp_path / "babe.jsonl"
    rows = [{"text": "one two three four", "leaning": "left", "biased_words": ["two"]},
            {"text": "five six seven eight", "leaning": "right", "biased_words": ["six", "seven"]}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    report = {"sentences": 2, "by_leaning": {"left": {"terms_per_sentence": 1.0}, "right": {"terms_per_sentence": 2.0}}}
    flags, gold = fairness.babe_groups(report, data)["BABE leanings"]
    assert flags == {"left": 250.0, "right": 500.0} and gold == {"left": 250.0, "right": 500.0}


def test_bad_input_is_exit_status_2(tmp_path):
    path = tmp_path / "basil.json"
    path.write_text("no json here", "utf-8")
    assert fairness.main(["--basil", str(path)]) == 2
