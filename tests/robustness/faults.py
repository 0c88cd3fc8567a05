"""Helpers for the fault tests: articles written for them, a store integrity check, and a
throw-away PostgreSQL server that a test may restart."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time

from robust_helpers import free_port

OUTLETS = ["Harbour Gazette", "Valley Post", "Northern Ledger"]


def article(n: int) -> dict:
    """A short news story of our own with direct and indirect quotes; `n` makes it unique."""
    return {
        "url": f"https://news.example/shelters/{n}",
        "title": f"City opens shelter {n}",
        "outlet": OUTLETS[n % len(OUTLETS)],
        "published": "2025-01-%02dT09:00:00Z" % (1 + n % 28),
        "paragraphs": [
            f"City opens shelter {n}",
            f"Mayor Lena Ortiz said on Tuesday that shelter {n} would open before the first frost.",
            f"\u201cWe will house {n * 3 + 20} families by December,\u201d Ortiz told reporters at city hall.",
            f"Council member Dana Reyes argued that the budget for shelter {n} was too small.",
            f"\u201cThe money runs out in spring,\u201d Reyes said. \u201cThen what?\u201d",
            f"According to the housing office, {n + 5} volunteers have signed up so far.",
        ],
    }


def write_jsonl(path: pathlib.Path, count: int, start: int = 0) -> list[dict]:
    items = [article(n) for n in range(start, start + count)]
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), encoding="utf-8")
    return items


def check_complete(cur, items: list[dict], mark: str = "?") -> int:
    """Every stored article is whole (all its paragraphs, no quote or fingerprint without its
    article); returns how many of `items` the store holds."""
    by_url = {a["url"]: a for a in items}
    cur.execute("SELECT id, url FROM articles")
    rows = cur.fetchall()
    for article_id, url in rows:
        assert url in by_url, url
        cur.execute(f"SELECT idx, text FROM paragraphs WHERE article_id = {mark} ORDER BY idx", (article_id,))
        assert [t for _, t in cur.fetchall()] == by_url[url]["paragraphs"], f"{url} is half-written"
        cur.execute(f"SELECT COUNT(*) FROM quotes WHERE article_id = {mark}", (article_id,))
        assert cur.fetchone()[0] >= 2, f"{url} lost its quotes"
    for table in ("paragraphs", "quotes", "speakers"):
        cur.execute(f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        assert cur.fetchone()[0] == 0, f"orphan rows in {table}"
    cur.execute("SELECT COUNT(*) FROM fingerprints WHERE quote_id NOT IN (SELECT id FROM quotes)")
    assert cur.fetchone()[0] == 0, "orphan fingerprints"
    return len(rows)


def wait_for(predicate, seconds: float, what: str, step: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


PG_BIN_DIRS = [os.environ.get("QUOTETRAIL_PG_BIN", ""), "/usr/lib/postgresql/17/bin",
               "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]


class Postgres:
    """A throw-away PostgreSQL server (initdb + pg_ctl, as the postgres user when we are root)
    that can be restarted under a running client."""

    def __init__(self):
        found = next((pathlib.Path(d) for d in PG_BIN_DIRS if d and (pathlib.Path(d) / "pg_ctl").exists()), None)
        if found is None and shutil.which("pg_ctl"):
            found = pathlib.Path(shutil.which("pg_ctl")).parent
        if found is None:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.bin = found
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="qt-pg-fault-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data, self.port = self.root / "data", free_port()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        self.start()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(self.as_user + [str(self.bin / tool), *args], capture_output=True, text=True,
                              timeout=120)
        if done.returncode:
            raise RuntimeError(f"{tool} {args[:2]} failed: {done.stderr[-1500:]}")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                  "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def restart(self) -> None:
        """Stop the server fast (every client connection is cut), then start it again."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        self.start()

    def stop(self) -> None:
        subprocess.run(self.as_user + [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                                       "stop"], capture_output=True, timeout=120)
        shutil.rmtree(self.root, ignore_errors=True)
