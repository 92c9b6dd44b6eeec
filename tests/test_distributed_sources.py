"""Distributed runs of the other crawls: the incremental `crawl --distributed` of registry
sources, and a harvest shared by two workers that store into PostgreSQL.

Workers and feeders are separate processes; Redis and PostgreSQL are real servers
started by the fixtures on loopback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pg_support
import redis_support
import test_incremental
from test_incremental import PORTAL, FixtureWeb, article_requests

from crawler.demo.generate import generate_portal, synthetic_articles
from crawler.demo.server import VirtualWeb
from crawler.storage import open_storage

redis_server = redis_support.redis_server
redis_url = redis_support.redis_url
postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url
fixture_web = test_incremental.fixture_web

ROOT = Path(__file__).resolve().parents[1]


def start_workers(env: dict[str, str], count: int, *extra: str) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "crawler",
                "worker",
                "--wait",
                "120",
                "--log-level",
                "INFO",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]


def finish(workers: list[subprocess.Popen[str]]) -> list[str]:
    logs = []
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err[-3000:]
        logs.append(err)
    return logs


def page_fetches(web: VirtualWeb, host: str) -> Counter[str]:
    return Counter(u for u in web.fetched_urls(host) if not u.endswith("/robots.txt"))


def feed_job(web: FixtureWeb, env: dict[str, str]) -> None:
    """Feed the portal's crawl to the job the environment names, as `harvest --distributed`."""
    result = subprocess.run(
        web.crawl_args(PORTAL, extra=("--distributed",)),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_incremental_crawl_shared_by_two_workers(fixture_web: FixtureWeb, redis_url: str) -> None:
    web = fixture_web
    env = {**web.env(), "REDIS_URL": redis_url, "CRAWLER_JOB": "nightly"}
    workers = start_workers(env, 2)
    feed_job(web, env)
    logs = finish(workers)
    assert article_requests(web, PORTAL) == set(web.portal.article_urls.values())
    fetches = page_fetches(web.web, PORTAL)
    assert max(fetches.values()) == 1, fetches.most_common(3)
    storage = open_storage(str(web.db))
    try:
        assert storage.counts()["articles"] == len(web.portal.article_urls)
    finally:
        storage.close()
    assert all("job nightly" in log for log in logs)

    # The next night's feeding of the same job re-reads the listings and finds nothing new.
    # (Workers started now would find the job done and leave: they start once it is fed.)
    first_requests = web.web.count(PORTAL)
    web.web.reset_log()
    feed_job(web, env)
    finish(start_workers(env, 2))
    assert 0 < web.web.count(PORTAL) <= 0.1 * first_requests, web.web.fetched_urls(PORTAL)
    assert not article_requests(web, PORTAL)


def test_two_workers_store_into_postgresql(
    redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    host, pages, seed = "huyenmau.demo.gov.vn", 120, 5
    with VirtualWeb({host: generate_portal(host, pages, seed=seed)}) as web:
        web.start()
        dropped = ("http_proxy", "https_proxy", "no_proxy", "database_url")
        env = {k: v for k, v in os.environ.items() if k.lower() not in dropped}
        env = {**env, "REDIS_URL": redis_url, "CRAWLER_JOB": "pg", "DATABASE_URL": postgres_url}
        workers = start_workers(env, 2)
        feed = subprocess.run(
            [
                sys.executable,
                "-m",
                "crawler",
                "harvest",
                f"http://{host}/",
                "--distributed",
                "--log-level",
                "WARNING",
                "-s",
                f"CRAWLER_FIXED_PROXY={web.url}",
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "CRAWLER_PROGRESS=False",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert feed.returncode == 0, feed.stderr[-2000:]
        finish(workers)
        fetches = page_fetches(web, host)
    assert max(fetches.values()) == 1, fetches.most_common(3)
    storage = open_storage(postgres_url)
    try:
        stored = {record["url"] for record in storage.iter_articles()}
        assert storage.counts()["articles"] == len(stored)
    finally:
        storage.close()
    assert stored == {row["url"] for row in synthetic_articles(host, pages, seed)}
