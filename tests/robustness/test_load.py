"""Load, bounded in count and time, on 127.0.0.1: 8 clients send 150,000-character articles to
`quotetrail serve` (2 workers, 4 threads) while /health is asked every half second. /health must
answer within 2 s throughout, and every heavy request must end in a 200 analysis or a 503 JSON
refusal with Retry-After (busy, or out of time), never a hang, a 5xx of another kind or a reset."""
from __future__ import annotations

import threading
import time

import requests

from quotetrail import limits
from robust_helpers import Gunicorn, check_analysis

CLIENTS = 8
PER_CLIENT = 2                  # heavy requests each client sends at most
WINDOW_SECONDS = 40             # no request starts after this
HEALTH_SECONDS = 2
SENTENCE = "The council said the new bridge would open in spring, and the mayor agreed on Tuesday. "


def heavy_article(client: int, n: int) -> dict:
    paragraphs, size = [], 0
    while size < 150_000:
        p = f"Client {client}, request {n}, part {len(paragraphs)}: " + SENTENCE * 8
        paragraphs.append(p)
        size += len(p)
    return {"paragraphs": paragraphs}


def test_health_answers_while_eight_clients_send_large_articles(tmp_path):
    server = Gunicorn(str(tmp_path / "load.sqlite3"), workers=2, threads=4, log=tmp_path / "gunicorn.log")
    outcomes: list[tuple[int, dict | None, str | None]] = []
    health: list[float] = []
    health_failures: list[str] = []
    done = threading.Event()
    start = time.monotonic()

    def client(k: int):
        for n in range(PER_CLIENT):
            if time.monotonic() - start > WINDOW_SECONDS:
                return
            try:
                r = requests.post(server.url + "/api/v1/analyze", json=heavy_article(k, n),
                                  timeout=limits.REQUEST_SECONDS + 20)
                outcomes.append((r.status_code, r.json(), r.headers.get("Retry-After")))
            except (requests.RequestException, ValueError) as exc:
                outcomes.append((0, None, f"{type(exc).__name__}: {exc}"))
            if outcomes[-1][0] == 503:
                time.sleep(1)

    def poll_health():
        while not done.is_set():
            asked = time.monotonic()
            try:
                r = requests.get(server.url + "/api/v1/health", timeout=HEALTH_SECONDS)
                if r.status_code != 200:
                    health_failures.append(f"status {r.status_code}")
            except requests.RequestException as exc:
                health_failures.append(f"{type(exc).__name__} after {time.monotonic() - asked:.1f} s")
            health.append(time.monotonic() - asked)
            done.wait(0.5)

    try:
        poller = threading.Thread(target=poll_health)
        poller.start()
        clients = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for t in clients:
            t.start()
        for t in clients:
            t.join(WINDOW_SECONDS + limits.REQUEST_SECONDS + 60)
        done.set()
        poller.join(10)
        assert len(server.workers()) == 2, "a worker died under load"
    finally:
        done.set()
        server.stop()
    assert health and not health_failures, (health_failures, max(health, default=None))
    assert len(outcomes) >= CLIENTS
    for status, body, retry in outcomes:
        assert status in (200, 503), (status, body, retry)
        if status == 200:
            check_analysis(body)
        else:
            assert body["error"]["code"] in ("busy", "too_slow"), body
            assert int(retry) >= 1
    # the bound is real: 8 clients on 2 workers of 1 slot and 2 places in the queue each
    assert any(s == 503 for s, _, _ in outcomes)
    print(f"load: {len(outcomes)} heavy requests, {sum(s == 200 for s, _, _ in outcomes)} answered 200, "
          f"{sum(s == 503 for s, _, _ in outcomes)} 503; /health {len(health)} times, slowest {max(health):.2f} s")
