"""A worker run as a service (`crawler worker --keep-running`): it serves one feeding of
its job after another, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis_support
from redis import Redis

from crawler.demo.generate import generate_portal
from crawler.demo.server import VirtualWeb
from crawler.distributed.config import JobKeys
from crawler.distributed.job import DONE, JobStore

redis_server = redis_support.redis_server
redis_url = redis_support.redis_url

ROOT = Path(__file__).resolve().parents[1]
HOST = "huyenmau.demo.gov.vn"
PAGES = 40


def wait_until_done(store: JobStore, generation: str, worker: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while True:
        job = store.read()
        if job is not None and job.generation == generation and job.status == DONE:
            return
        assert worker.poll() is None, "the worker ended"
        assert time.monotonic() < deadline, "the job did not end"
        time.sleep(0.1)


def test_a_service_worker_serves_each_feeding_and_stops_on_sigterm(
    redis_url: str, tmp_path: Path
) -> None:
    dropped = ("http_proxy", "https_proxy", "no_proxy", "database_url")
    env = {k: v for k, v in os.environ.items() if k.lower() not in dropped}
    env = {**env, "REDIS_URL": redis_url, "CRAWLER_JOB": "service"}
    store = JobStore(Redis.from_url(redis_url), JobKeys("crawler", "service"))
    log = tmp_path / "worker.log"
    with VirtualWeb({HOST: generate_portal(HOST, PAGES, seed=3)}) as web, log.open("wb") as sink:
        web.start()
        worker = subprocess.Popen(
            [sys.executable, "-m", "crawler", "worker", "--keep-running", "--log-level", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=sink,
        )
        try:
            for night in (1, 2):
                web.reset_log()
                feed = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "crawler",
                        "harvest",
                        f"http://{HOST}/",
                        "--distributed",
                        "--db",
                        str(tmp_path / "service.sqlite"),
                        "-s",
                        f"CRAWLER_FIXED_PROXY={web.url}",
                        "-s",
                        "DOWNLOAD_DELAY=0",
                        "-s",
                        "AUTOTHROTTLE_ENABLED=False",
                        "--log-level",
                        "WARNING",
                    ],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert feed.returncode == 0, feed.stderr[-2000:]
                job = store.read()
                assert job is not None
                wait_until_done(store, job.generation, worker)
                pages = [u for u in web.fetched_urls(HOST) if not u.endswith("/robots.txt")]
                assert len(pages) == len(set(pages)) >= PAGES - 1, (night, len(pages))
            time.sleep(1)  # the worker has started over and waits for the next feeding
            assert worker.poll() is None
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=60) in (0, -signal.SIGTERM)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    assert log.read_text(errors="replace").count("worker: job service:") == 2
