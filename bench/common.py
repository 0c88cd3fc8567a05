"""What every benchmark shares: the corpus reader, test texts of a given length, timing, a
gunicorn server on a free port, and the Result row that the table and the docs are made of."""
from __future__ import annotations

import contextlib
import gzip
import json
import logging
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from typing import Callable, Iterator

log = logging.getLogger("bench")

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The real news corpus lives outside the repository and is only ever read at run time.
CORPUS = pathlib.Path(os.environ.get("QUOTETRAIL_CORPUS", ROOT.parent / "shared" / "corpus" / "distractors.jsonl.gz"))
VENV_BIN = pathlib.Path(sys.executable).parent
# How long a freshly started gunicorn may take to load the model and answer /health.
SERVER_START_SECONDS = 120


@dataclass(slots=True)
class Result:
    """One line of the results table: what was measured, against what, and the goal."""
    bench: str
    case: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    goal: str = ""
    note: str = ""

    def ratio_text(self) -> str:
        if self.ratio is None:
            return ""
        return f"{self.ratio:.2f}x" if self.ratio >= 0.01 else f"{self.ratio:.5f}x"


def corpus_articles(limit: int | None = None, min_paragraphs: int = 1) -> Iterator[dict]:
    """Articles of the real news corpus in the input format, in file order."""
    if not CORPUS.exists():
        raise SystemExit(f"bench: the corpus is missing at {CORPUS} (set QUOTETRAIL_CORPUS)")
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if sum(1 for p in obj["text"].splitlines() if p.strip()) < min_paragraphs:
                continue
            yield obj
            n += 1
            if limit is not None and n >= limit:
                return


def text_of_words(words: int, skip: int = 0) -> list[str]:
    """Paragraphs of real news text, exactly `words` words long: whole corpus paragraphs from
    consecutive multi-paragraph articles, the last one cut to size. `skip` picks other articles,
    so that each call can give a different text (no response-cache hits)."""
    out: list[str] = []
    count = 0
    for n, obj in enumerate(corpus_articles(min_paragraphs=4)):
        if n < skip:
            continue
        for para in obj["text"].splitlines():
            toks = para.split()
            if not toks:
                continue
            if count + len(toks) >= words:
                out.append(" ".join(toks[:words - count]))
                return out
            out.append(para.strip())
            count += len(toks)
    raise SystemExit(f"bench: the corpus holds fewer than {words} words")


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls of fn."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def ms(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} \u00b5s"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int | None = None, threads: int | None = None, db: str | None = None,
             env: dict | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """`quotetrail serve` (the same gunicorn that `make run` starts) on a free port of 127.0.0.1
    with a fresh SQLite store, without the feed poller (it would fetch from the network and share
    the cores); yields the master process and the base URL, and stops it after."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="qt-bench-") as tmp:
        cmd = [str(VENV_BIN / "quotetrail"), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--db", db or str(pathlib.Path(tmp) / "store.sqlite3"), "--no-poll"]
        if workers is not None:
            cmd += ["--workers", str(workers)]
        if threads is not None:
            cmd += ["--threads", str(threads)]
        log_path = pathlib.Path(tmp) / "gunicorn.log"
        with open(log_path, "wb") as logfile:
            proc = subprocess.Popen(cmd, stdout=logfile, stderr=subprocess.STDOUT,
                                    env={**os.environ, **(env or {})}, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(proc, base, log_path)
            yield proc, base
        finally:
            stop(proc)


def wait_healthy(proc: subprocess.Popen, base: str, log_path: pathlib.Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: the server exited ({proc.returncode}):\n{log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/api/v1/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise SystemExit(f"bench: the server did not answer within {SERVER_START_SECONDS} s")


def stop(proc: subprocess.Popen) -> None:
    """TERM the server (gunicorn stops its workers), KILL it if it lingers."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: children of the master process, read from /proc."""
    path = pathlib.Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def post_json(url: str, obj: object, timeout: float = 60) -> dict:
    req = urllib.request.Request(url, data=json.dumps(obj).encode("utf-8"),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


# The throw-away server holds a benchmark store of a few GB: a server-sized buffer cache, and no
# flush to disk per commit (its data is thrown away; reads are what the benchmarks time).
PG_SETTINGS = "-c shared_buffers=1GB -c max_wal_size=8GB -c fsync=off -c synchronous_commit=off"


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A throw-away PostgreSQL server on a free port (initdb + pg_ctl from Debian's postgresql
    package, run as the postgres user when we are root); yields the URL of an empty database."""
    import shutil

    bindir = next((p for p in sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
                   if (p / "pg_ctl").exists()), None)
    if bindir is None:
        raise SystemExit("bench: PostgreSQL is not installed (apt-get install postgresql)")
    root = pathlib.Path(tempfile.mkdtemp(prefix="qt-bench-pg-"))
    as_user = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()

    def run(*cmd: str) -> None:
        done = subprocess.run(as_user + list(cmd), capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise SystemExit(f"bench: {cmd[0]} failed: {done.stderr[-1000:]}")

    try:
        run(str(bindir / "initdb"), "-D", str(root / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync")
        run(str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "server.log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {PG_SETTINGS}", "start")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
