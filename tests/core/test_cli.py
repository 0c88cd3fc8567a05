"""The CLI is a thin face of the analysis: same JSON as the API, one-line errors, exit codes."""
import json
import os
import subprocess
import sys

import pytest

ARTICLE = {"url": "https://news.example/budget", "outlet": "Example News",
           "text": "Budget talks resume\nFinance Minister Clara Voss said the budget would balance by 2027.\n"
                   "“We will not raise taxes,” Voss said. ✨"}


def run_cli(*args, stdin=None, db=None):
    env = dict(os.environ, QUOTETRAIL_DB=str(db)) if db else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "quotetrail.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)


def test_analyze_prints_what_the_api_returns(tmp_path, client):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(ARTICLE), encoding="utf-8")
    r = run_cli("analyze", str(path), db=tmp_path / "cli.sqlite3")
    assert r.returncode == 0, r.stderr
    from_cli = json.loads(r.stdout)
    from_api = client.post("/api/v1/analyze", json=ARTICLE).get_json()
    assert from_cli == from_api
    assert {q["speaker"]["name"] for q in from_cli["quotes"]} == {"Clara Voss"}


def test_analyze_reads_standard_input(tmp_path):
    r = run_cli("analyze", "-", stdin=json.dumps(ARTICLE), db=tmp_path / "s.sqlite3")
    assert r.returncode == 0 and json.loads(r.stdout)["quotes"]


@pytest.mark.parametrize("stdin, code", [
    ("{broken", "invalid_json"),
    ('{"text": ""}', "empty_article"),
    ('{"text": "x", "bogus": true}', "unknown_field"),
])
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, stdin, code):
    r = run_cli("analyze", "-", stdin=stdin, db=tmp_path / "e.sqlite3")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and code in lines[0] and "Traceback" not in r.stderr


def test_missing_file_is_exit_2(tmp_path):
    r = run_cli("analyze", str(tmp_path / "nope.json"), db=tmp_path / "m.sqlite3")
    assert r.returncode == 2 and "cannot read" in r.stderr


@pytest.mark.parametrize("command", ["serve", "analyze", "ingest", "watch", "lexicon"])
def test_every_command_explains_itself(command):
    r = run_cli(command, "--help")
    assert r.returncode == 0 and "usage: quotetrail " + command in r.stdout


def test_ingest_then_analyze_counts(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    lines = [dict(ARTICLE, url=f"https://news.example/b{i}") for i in range(3)]
    (folder / "more.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    r = run_cli("ingest", str(folder), db=tmp_path / "i.sqlite3")
    assert r.returncode == 0, r.stderr
    assert "4" in r.stderr
