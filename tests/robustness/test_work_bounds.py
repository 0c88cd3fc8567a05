"""The work one request can cause is bounded, not only its bytes: runs of marks the tokenizer
would take quadratic time over are tamed before the parse, a text with too many tokens is
refused, every analysis has one deadline (a 503 JSON answer when it passes), a worker admits
only what it can finish, abandoned work stops, and the response cache is bounded by bytes."""
from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from quotetrail import deadline, nlp
from quotetrail.admission import Gate
from quotetrail.errors import Unavailable
from robust_helpers import check_analysis, check_error, one_line_error, post_json, run_cli

MARK_PARAGRAPHS = {
    "100,000 straight quotation marks": '"' * 100_000,
    "50,000 curly pairs": "\u201c\u201d" * 50_000,
    "50,000 marks between spaces": '" ' * 50_000,
    "every kind of punctuation": "\"'.,;:!?()[]" * 8_000,
    # 10,000 characters, one token's worth of suffixes: 48 s in the tokenizer before the fix
    "possessive suffixes without a break": "'s" * 5_000,
}


@pytest.mark.parametrize("paragraph", list(MARK_PARAGRAPHS.values()), ids=list(MARK_PARAGRAPHS))
def test_a_paragraph_of_marks_gets_its_answer(live_url, paragraph):
    """Each of these is within every size limit; the worst took minutes in the tokenizer alone."""
    r = post_json(live_url, {"paragraphs": [paragraph, "\u201cWe will rebuild,\u201d said Omar Haddad."]})
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    check_analysis(body)
    assert body["paragraphs"][0] == paragraph.rstrip()  # the response still refers to the text sent
    assert [q["text"] for q in body["quotes"]] == ["We will rebuild,"]


def test_taming_keeps_every_offset():
    text = "Ok. " + '"' * 500 + " then " + "x" * 1000 + " \u201cend\u201d"
    tamed = nlp.parse_text(text)
    assert len(tamed) == len(text)
    assert tamed.startswith("Ok. " + '"' * 20) and tamed.count('"') == nlp.MAX_MARKS - 2   # '. ' opens the stretch
    assert tamed.endswith(" \u201cend\u201d")
    assert max(len(w) for w in tamed.split()) <= nlp.MAX_RUN
    assert nlp.parse_text("An ordinary sentence, \u201cquoted\u201d (as usual).") == \
        "An ordinary sentence, \u201cquoted\u201d (as usual)."


def test_a_text_of_too_many_tokens_is_refused_before_the_model(live_url):
    paragraph = "a " * 50_000                         # 100,000 characters, 50,000 words
    r = post_json(live_url, {"paragraphs": [paragraph, paragraph]})
    check_error(r, 400, "too_complex")


# ---- one deadline per analysis ------------------------------------------------------------------

def big_article(n: int = 0) -> dict:
    sentence = "The minister said the plan would work, and the mayor agreed with her on Tuesday. "
    return {"paragraphs": [f"Part {n}.{i}. " + sentence * 10 for i in range(150)]}


def test_an_analysis_past_its_deadline_is_a_503_json_error(tmp_path):
    from quotetrail.api import create_app

    app = create_app({"DB": str(tmp_path / "d.sqlite3"), "REQUEST_SECONDS": 1})
    r = app.test_client().post("/api/v1/analyze", json=big_article())
    assert r.status_code == 503, r.get_data(as_text=True)[:300]
    assert r.get_json()["error"]["code"] == "too_slow"
    assert int(r.headers["Retry-After"]) >= 1


def test_the_cli_keeps_the_same_deadline(tmp_path):
    (tmp_path / "big.json").write_text(json.dumps(big_article()))
    done = run_cli("analyze", "--no-coverage", str(tmp_path / "big.json"), env={"QUOTETRAIL_REQUEST_SECONDS": "1"})
    assert done.returncode == 2 and done.stdout == b""
    assert "too_slow" in one_line_error(done.stderr)


def test_the_parse_stops_at_the_deadline_between_stages():
    from quotetrail.article import from_dict

    article = from_dict({"paragraphs": ["\u201cWe open on Monday,\u201d the mayor said."]})
    late = deadline.Deadline(0)
    with deadline.bounded(late), pytest.raises(Unavailable):
        nlp.parse(article)
    nlp.parse(article)                                  # without a deadline nothing is checked


# ---- admission: a bound, 503 past it, and abandoned work that stops ----------------------------

def spin(stopped: threading.Event):
    """Work that runs until its deadline stops it, as an analysis does between its stages."""
    def job():
        try:
            while True:
                deadline.check()
                time.sleep(0.01)
        finally:
            stopped.set()
    return job


def test_past_the_slots_and_the_queue_the_answer_is_busy():
    gate = Gate(slots=1, queue=1)
    stops = [threading.Event() for _ in range(2)]
    threads = [threading.Thread(target=lambda e=e: pytest.raises(Unavailable, gate.run, spin(e), 1.5))
               for e in stops]
    for t in threads:
        t.start()
    deadline_to_fill = time.monotonic() + 5
    while gate.busy() < 2 and time.monotonic() < deadline_to_fill:
        time.sleep(0.01)
    with pytest.raises(Unavailable) as refused:
        gate.run(lambda: "never", 5)
    assert refused.value.code == "busy" and refused.value.retry_after >= 1
    for t in threads:
        t.join(10)
    # one ran until its deadline stopped it; the other waited for the slot until its own passed
    assert sum(e.wait(5) for e in stops) >= 1
    for _ in range(100):
        if gate.busy() == 0:
            break
        time.sleep(0.05)
    assert gate.busy() == 0


def test_work_whose_client_went_away_stops():
    gate = Gate(slots=1, queue=0)
    ours, theirs = socket.socketpair()
    stopped = threading.Event()
    threading.Timer(0.3, theirs.close).start()
    started = time.monotonic()
    with pytest.raises(Unavailable) as gone:
        gate.run(spin(stopped), 60, client=ours)
    assert gone.value.code == "client_gone"
    assert stopped.wait(5), "the abandoned job kept running"
    assert time.monotonic() - started < 30               # long before its own deadline of 60 s
    ours.close()


def test_work_out_of_time_stops_and_frees_its_slot():
    gate = Gate(slots=1, queue=0)
    stopped = threading.Event()
    with pytest.raises(Unavailable) as late:
        gate.run(spin(stopped), 0.5)
    assert late.value.code == "too_slow"
    assert stopped.wait(5)
    for _ in range(100):
        if gate.busy() == 0:
            break
        time.sleep(0.05)
    assert gate.run(lambda: "next", 5) == "next"


# ---- the response cache is bounded by bytes ----------------------------------------------------

def test_the_cache_holds_at_most_its_bytes(monkeypatch):
    from quotetrail import analysis, wire
    from quotetrail.article import from_dict

    def story(n):
        return from_dict({"paragraphs": [f"Story {n}. \u201cWe open on day {n},\u201d the mayor said."] * 5})

    one = len(wire.dumps(analysis.build_response(nlp.parse(story(0)))))
    budget = one * 4 + one // 2                     # room for four answers
    monkeypatch.setattr(analysis, "CACHE_BYTES", budget)
    monkeypatch.setattr(analysis, "_cache", type(analysis._cache)())
    monkeypatch.setattr(analysis, "_cache_size", 0)
    for n in range(10, 22):
        analysis.analyze(story(n))
    held = sum(map(len, analysis._cache.values()))
    assert analysis._cache_size == held and held <= budget
    assert 3 <= len(analysis._cache) <= 4
