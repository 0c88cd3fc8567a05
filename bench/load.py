"""Load test: wrk in a second process on 127.0.0.1 against the gunicorn that `make run` starts
(`quotetrail serve` with its default workers and threads, a fresh SQLite store).

At 1, 8 and 32 concurrent connections, each for a bounded time and a bounded number of requests,
wrk POSTs a real corpus article to /api/v1/analyze and reports throughput, p50/p99 latency and
errors (refused connections, timeouts, any non-2xx answer). Two modes: "fresh" puts a new number
in the title of every request, so every request is parsed anew; "reload" repeats one article, so
the server answers from its response cache.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import tempfile

from .common import Result, gunicorn, post_json, text_of_words

LUA = pathlib.Path(__file__).with_name("post_article.lua")
CONNECTIONS = (1, 8, 32)
WORDS = 500
# wrk's own limit per request; a request slower than this counts as an error.
REQUEST_TIMEOUT = "30s"
# Sequential requests before each run (see run()).
WARM_REQUESTS = 6


def run(seconds: int = 10, connections: tuple[int, ...] = CONNECTIONS, modes=("fresh", "reload"),
        max_requests: int = 20_000) -> list[Result]:
    wrk = shutil.which("wrk")
    if wrk is None:
        return [Result("load", "skipped", "wrk not installed", note="apt-get install wrk")]
    results = []
    with tempfile.TemporaryDirectory(prefix="qt-bench-load-") as tmp, gunicorn() as (_, base):
        body = pathlib.Path(tmp) / "body.json"
        body.write_text(json.dumps({"url": "https://bench.example/load", "title": "Load test @N@",
                                    "outlet": "Bench", "paragraphs": text_of_words(WORDS, skip=3)}), "utf-8")
        article = json.loads(body.read_text("utf-8"))
        for mode in modes:
            for conns in connections:
                # Wait out requests the last run left in the server, and put the reload article in
                # every worker's cache (each worker keeps its own), before the clock starts.
                for _ in range(WARM_REQUESTS):
                    post_json(base + "/api/v1/analyze", article, timeout=120)
                threads = min(conns, os.cpu_count() or 1)
                env = {**os.environ, "QT_BODY": str(body), "QT_MODE": mode,
                       "QT_MAX": str(max(1, max_requests // threads))}
                cmd = [wrk, "-t", str(threads), "-c", str(conns), "-d", f"{seconds}s",
                       "--timeout", REQUEST_TIMEOUT, "-s", str(LUA), base]
                out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 120)
                line = next((ln for ln in out.stdout.splitlines() if ln.startswith("QT_RESULT ")), None)
                if out.returncode != 0 or line is None:
                    raise SystemExit(f"bench: wrk failed ({out.returncode}): {out.stderr or out.stdout}")
                r = json.loads(line.removeprefix("QT_RESULT "))
                errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
                rps = r["requests"] / (r["duration_us"] / 1e6)
                results.append(Result(
                    "load", f"{mode}, {conns} client{'s' if conns > 1 else ''}", f"{rps:.1f} req/s",
                    f"p50 {r['p50_us'] / 1000:.0f} ms, p99 {r['p99_us'] / 1000:.0f} ms", None, "0 errors",
                    f"{r['requests']} requests, {errors} errors"
                    + (f" (status {r['status']}, timeout {r['timeout']}, connect {r['connect']},"
                       f" read {r['read']})" if errors else "")))
    return results
