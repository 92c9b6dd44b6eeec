"""Distributed harvests: workers in their own processes share one crawl through a real
Redis server; the web is a generated portal on loopback.

Two workers fetch every page exactly once between them; a worker killed with
SIGKILL mid-crawl and started again still leaves every article stored once;
several workers keep the per-host delay between them.
"""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis_support
from redis import Redis

from crawler.demo.generate import generate_portal, synthetic_articles
from crawler.demo.server import LoggedRequest, VirtualWeb

redis_server = redis_support.redis_server
redis_url = redis_support.redis_url

ROOT = Path(__file__).resolve().parents[1]
HOST = "huyenmau.demo.gov.vn"
START = f"http://{HOST}/"
PAGES = 200
SEED = 11
FAST = ("AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        "CRAWLER_REDIS_LEASE=2", "CRAWLER_PROGRESS=False")  # fmt: skip


class TimedWeb(VirtualWeb):
    """The virtual web, remembering when each request arrived."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.arrivals: list[float] = []

    def _log(self, entry: LoggedRequest) -> None:
        self.arrivals.append(time.monotonic())
        super()._log(entry)


@pytest.fixture
def portal_web() -> Iterator[TimedWeb]:
    web = TimedWeb({HOST: generate_portal(HOST, PAGES, seed=SEED)})
    with web:
        web.start()
        yield web


def environment(redis_url: str) -> dict[str, str]:
    dropped = ("http_proxy", "https_proxy", "no_proxy", "database_url")
    env = {k: v for k, v in os.environ.items() if k.lower() not in dropped}
    return {**env, "REDIS_URL": redis_url, "CRAWLER_JOB": "site"}


def dash_s(settings: tuple[str, ...] | list[str]) -> list[str]:
    return [part for setting in settings for part in ("-s", setting)]


def feed(web: VirtualWeb, db: Path, env: dict[str, str], *extra: str) -> None:
    args = [
        sys.executable,
        "-m",
        "crawler",
        "harvest",
        START,
        "--distributed",
        "--db",
        str(db),
        "--log-level",
        "WARNING",
        *dash_s([*FAST, f"CRAWLER_FIXED_PROXY={web.url}"]),
        *extra,
    ]
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "requests queued" in done.stderr


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "crawler", "worker", "--log-level", "INFO", "--wait", "120"],
            cwd=ROOT, env=env, stdout=sink, stderr=sink, start_new_session=True,
        )  # fmt: skip


def finish(worker: subprocess.Popen[bytes], log: Path) -> None:
    assert worker.wait(timeout=300) == 0, log.read_text(errors="replace")[-3000:]


def page_fetches(web: VirtualWeb) -> Counter[str]:
    """How often each page was asked for; robots.txt is read once per worker, not a page."""
    return Counter(u for u in web.fetched_urls(HOST) if not u.endswith("/robots.txt"))


def leases_of(redis_url: str, pid: int) -> int:
    """How many requests the worker of process ``pid`` holds in flight."""
    client = Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"crawler:site:inflight:*.{pid}.*"))
        return sum(int(client.hlen(key)) for key in keys)
    finally:
        client.close()


def stored_urls(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT url FROM articles")]
    finally:
        conn.close()


def expected_articles() -> set[str]:
    return {row["url"] for row in synthetic_articles(HOST, PAGES, SEED)}


def test_two_workers_fetch_every_page_exactly_once(
    portal_web: TimedWeb, redis_url: str, tmp_path: Path
) -> None:
    env = environment(redis_url)
    db = tmp_path / "shared.sqlite"
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    # Both wait for the job before it is fed, so both take part from the start.
    workers = [start_worker(env, log) for log in logs]
    feed(portal_web, db, env)
    for worker, log in zip(workers, logs, strict=True):
        finish(worker, log)
    fetches = page_fetches(portal_web)
    assert fetches and max(fetches.values()) == 1, fetches.most_common(3)
    stored = stored_urls(db)
    assert len(stored) == len(set(stored))
    assert set(stored) == expected_articles()
    shares = [log.read_text(errors="replace") for log in logs]
    for share in shares:
        assert "job site is done" in share or "worker: job site:" in share
    fetched_by = [int(text.rsplit("fetched ", 1)[1].split(" ", 1)[0]) for text in shares]
    assert all(count > 0 for count in fetched_by), fetched_by  # the crawl was split


def test_a_killed_worker_loses_nothing(portal_web: TimedWeb, redis_url: str,
                                        tmp_path: Path) -> None:  # fmt: skip
    env = environment(redis_url)
    db = tmp_path / "shared.sqlite"
    steady_log, killed_log = tmp_path / "steady.log", tmp_path / "killed.log"
    steady, doomed = start_worker(env, steady_log), start_worker(env, killed_log)
    feed(portal_web, db, env, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
    deadline = time.monotonic() + 120
    while portal_web.count(HOST) < PAGES // 3:
        assert time.monotonic() < deadline, "the crawl made no progress"
        assert doomed.poll() is None, killed_log.read_text(errors="replace")[-2000:]
        time.sleep(0.01)
    os.killpg(doomed.pid, signal.SIGKILL)  # the worker and its extraction processes
    doomed.wait(timeout=30)
    held = leases_of(redis_url, doomed.pid)  # read before its lease (2 s) runs out
    restarted = start_worker(env, killed_log)
    finish(steady, steady_log)
    finish(restarted, killed_log)
    fetches = page_fetches(portal_web)
    stored = stored_urls(db)
    assert len(stored) == len(set(stored))
    assert set(stored) == expected_articles()
    # Only the requests the killed worker held when it died are fetched a second time.
    again = sum(count - 1 for count in fetches.values())
    assert held > 0 and again <= held, (held, fetches.most_common(5))
    assert "requests of workers that stopped answering" in (
        steady_log.read_text() + killed_log.read_text()
    )


def test_workers_keep_the_host_delay_between_them(redis_url: str, tmp_path: Path) -> None:
    delay = 0.15
    web = TimedWeb({HOST: generate_portal(HOST, 24, seed=SEED)})
    with web:
        web.start()
        env = environment(redis_url)
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        workers = [start_worker(env, log) for log in logs]
        feed(web, tmp_path / "polite.sqlite", env, "-s", f"CRAWLER_REDIS_HOST_DELAY={delay}")
        for worker, log in zip(workers, logs, strict=True):
            finish(worker, log)
        arrivals = sorted(web.arrivals)
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(arrivals) >= 20
    # The slot is taken just before a request leaves its worker; the connection to the
    # server adds jitter to single gaps, not to the pace over several requests.
    assert min(gaps) >= delay * 0.4, sorted(gaps)[:5]
    spans = [arrivals[i + 4] - arrivals[i] for i in range(len(arrivals) - 4)]
    assert min(spans) >= 4 * delay * 0.9, sorted(spans)[:3]


def test_distributed_needs_redis_and_a_free_job(
    portal_web: TimedWeb, redis_url: str, tmp_path: Path
) -> None:
    from conftest import run_cli

    no_redis = {"REDIS_URL": ""}
    result = run_cli("harvest", START, "--distributed", "--db", str(tmp_path / "x.sqlite"),
                     env=no_redis)  # fmt: skip
    assert result.returncode == 2 and "error: distributed crawling needs REDIS_URL" in result.stderr
    assert run_cli("worker", env=no_redis).returncode == 2
    env = environment(redis_url)
    feed(portal_web, tmp_path / "busy.sqlite", env)  # fed, and no worker takes it
    again = run_cli("harvest", START, "--distributed", "--db", str(tmp_path / "busy.sqlite"),
                    env={"REDIS_URL": redis_url, "CRAWLER_JOB": "site"})  # fmt: skip
    assert again.returncode == 2
    assert "job site is still running (1 queued" in again.stderr
