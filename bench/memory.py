"""Resident memory of one gunicorn worker with the model loaded.

Starts `quotetrail serve --workers 1`, reads the worker's memory from /proc when it is idle and
again after it has analysed a run of different corpus articles. RSS counts the pages the worker
shares with the master (the model is loaded before the fork, `--preload`); PSS splits shared
pages between the processes, so it is the worker's fair share of the machine's memory.
"""
from __future__ import annotations

import pathlib

from .common import Result, corpus_articles, gunicorn, post_json, worker_pids

REQUESTS = 30
GOAL_MIB = 600


def _mem(pid: int) -> dict[str, int]:
    """RSS and PSS of a process, in KiB."""
    out = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            out["rss"] = int(line.split()[1])
    rollup = pathlib.Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            if line.startswith("Pss:"):
                out["pss"] = int(line.split()[1])
    return out


def _mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.0f} MiB"


def run(requests: int = REQUESTS, db: str | None = None) -> list[Result]:
    """`db`: the store the server uses (default a fresh one); a store holding a large corpus makes
    every analysis look its quotes up among many, as a real server's do."""
    with gunicorn(workers=1, db=db) as (proc, base):
        workers = worker_pids(proc.pid)
        if len(workers) != 1:
            raise SystemExit(f"bench: expected one gunicorn worker, found {workers}")
        worker = workers[0]
        idle, master = _mem(worker), _mem(proc.pid)
        for obj in corpus_articles(limit=requests):
            post_json(base + "/api/v1/analyze", obj)
        busy = _mem(worker)
    return [
        Result("memory", "gunicorn worker, idle (model loaded)", f"RSS {_mib(idle.get('rss'))}",
               f"master RSS {_mib(master.get('rss'))}", None, "", f"PSS {_mib(idle.get('pss'))}"),
        Result("memory", f"gunicorn worker, after {requests} articles" + (" (store given)" if db else ""),
               f"RSS {_mib(busy.get('rss'))}", f"master RSS {_mib(master.get('rss'))}", None, f"<= {GOAL_MIB} MiB",
               f"PSS {_mib(busy.get('pss'))}"),
    ]
