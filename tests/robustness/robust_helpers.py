"""Helpers for the robustness tests: a time-limited HTTP client and the checks every answer
must pass (a correct 200 analysis, or a 4xx JSON error; never a 5xx, never a hang)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import requests

from quotetrail import limits

INGEST_TOKEN = "robustness-token"
# A request slower than this is a hang. The server's own bound on one analysis is
# limits.REQUEST_SECONDS (a 503 when it passes); the largest legal article must fit in it.
REQUEST_LIMIT = limits.REQUEST_SECONDS + 10
# Every CLI run gets this long (process start and model load included).
CLI_LIMIT = limits.REQUEST_SECONDS + 30


def post(base: str, path: str, data: bytes, content_type: str = "application/json",
         headers: dict | None = None) -> requests.Response:
    """POST raw bytes; a response slower than REQUEST_LIMIT fails the test as a hang."""
    try:
        return requests.post(base + path, data=data, timeout=REQUEST_LIMIT,
                             headers={"Content-Type": content_type, **(headers or {})})
    except requests.Timeout:
        raise AssertionError(f"no answer within {REQUEST_LIMIT} s to a {len(data)}-byte body "
                             f"starting {data[:80]!r}") from None


def post_json(base: str, obj, path: str = "/api/v1/analyze") -> requests.Response:
    return post(base, path, json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def check_error(r: requests.Response, status: int | None = None, code: str | None = None) -> str:
    """A refusal: 4xx with {"error": {"code", "message"}} and nothing else."""
    assert 400 <= r.status_code < 500, f"{r.status_code}: {r.text[:300]}"
    assert r.headers.get("Content-Type", "").startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] and body["error"]["message"]
    if status is not None:
        assert r.status_code == status, (r.status_code, body)
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]["code"]


def check_analysis(body: dict, paragraphs: list[str] | None = None) -> None:
    """A correct analysis: the fields of the contract, and every span inside its paragraph
    (UTF-16 offsets, end exclusive, start <= end)."""
    for key in ("article", "paragraphs", "quotes", "speakers", "loaded_terms", "summary"):
        assert key in body, key
    paras = body["paragraphs"]
    if paragraphs is not None:
        assert paras == paragraphs
    sizes = [utf16_len(p) for p in paras]

    def span_ok(span: dict, where: str) -> None:
        i, s, e = span["paragraph"], span["start"], span["end"]
        assert 0 <= i < len(paras), (where, span)
        assert 0 <= s <= e <= sizes[i], (where, span, sizes[i])

    quote_ids = {q["id"] for q in body["quotes"]}
    for q in body["quotes"]:
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert q["spans"], q
        for sp in q["spans"]:
            span_ok(sp, q["id"])
        for part in ("cue", "mention"):
            if q.get(part):
                span_ok(q[part]["span"], f"{q['id']} {part}")
    for sp in body["speakers"]:
        assert set(sp["quote_ids"]) <= quote_ids, sp
        for m in sp.get("mentions", []) + sp.get("descriptions", []):
            span_ok(m["span"], sp["id"])
    for t in body["loaded_terms"]:
        for sp in t["spans"]:
            span_ok(sp, t["id"])
    assert body["summary"]["quotes"] == len(body["quotes"])


def check_answer(r: requests.Response, paragraphs: list[str] | None = None) -> None:
    """Either a correct 200 analysis or a 4xx JSON error."""
    assert r.status_code < 500, f"server error {r.status_code}: {r.text[:300]}"
    if r.status_code == 200:
        check_analysis(r.json(), paragraphs)
    else:
        check_error(r)


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None,
            timeout: float = CLI_LIMIT, preexec_fn=None) -> subprocess.CompletedProcess:
    """`quotetrail ARGS` in a child process with a time limit (a hang fails the test)."""
    try:
        return subprocess.run([sys.executable, "-m", "quotetrail.cli", *args], input=stdin, capture_output=True,
                              timeout=timeout, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"quotetrail {' '.join(args)} did not finish within {timeout} s") from None


def one_line_error(stderr: bytes) -> str:
    """The CLI refuses bad input with one line on stderr, never a traceback."""
    text = stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in text, text[-1500:]
    lines = text.splitlines()
    assert len(lines) == 1, text[-1500:]
    return lines[0]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`quotetrail serve` (gunicorn) in its own process group on a free port of 127.0.0.1."""

    START_SECONDS = 120

    def __init__(self, db: str, workers: int = 1, threads: int = 2, env: dict | None = None, log=None):
        import pathlib
        import time

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = pathlib.Path(log) if log else None
        out = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quotetrail.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(workers), "--threads", str(threads), "--db", db],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True)
        deadline = time.monotonic() + self.START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited with {self.proc.returncode}: {self.log()}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        raise AssertionError(f"gunicorn did not answer within {self.START_SECONDS} s: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-20000:] if self.log_path and self.log_path.exists() else ""

    def workers(self) -> list[int]:
        import pathlib

        path = pathlib.Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
