"""A distributed run's row in the crawl state holds the totals over all its workers.

The feeder and every worker of `crawl --distributed` open each source's run under
the job's run id and end it with their own share; the row must add the shares up
(counts, HTTP errors, details) and carry the flags the totals raise, on SQLite and
PostgreSQL, also when workers end at the same moment.
"""

from __future__ import annotations

import random
import re
import subprocess
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pg_support
import redis_support
import test_incremental
import test_state_postgres
from test_distributed_sources import finish, start_workers
from test_incremental import PORTAL, FixtureWeb

from crawler.health import RunMetrics, run_flags
from crawler.storage import open_storage
from crawler.storage.state import CrawlState

redis_server = redis_support.redis_server
redis_url = redis_support.redis_url
postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url
fixture_web = test_incremental.fixture_web
# The same crawl state on both backends as the state tests use.
database = test_state_postgres.database
state = test_state_postgres.state

ROOT = Path(__file__).resolve().parents[1]
COUNT_NAMES = ("requests", "pages", "new_records", "updated_records", "meeting_reports", "retries")



def share_details(metrics: RunMetrics, platform: str | None) -> dict[str, Any]:
    """The details a worker's spider records for its share (spiders/incremental.py)."""
    return {
        "listings_read": metrics.listings_read,
        "listings_unchanged": metrics.listings_unchanged,
        "listings_empty": metrics.listings_empty,
        "article_links": metrics.article_links,
        "challenges": dict(metrics.challenges),
        "platform": platform,
    }


def end_share(state: CrawlState, run_id: str, source_id: str, metrics: RunMetrics,
              *, finished: bool = True, platform: str | None = None) -> None:  # fmt: skip
    flags = run_flags(metrics, known_before=metrics.known_before, finished=finished)
    counts = {name: getattr(metrics, name) for name in COUNT_NAMES}
    state.end_run(run_id, source_id, counts, dict(metrics.http_errors), flags,
                  share_details(metrics, platform))  # fmt: skip


def test_shares_add_up_in_one_row(state: CrawlState) -> None:
    # The feeder only queues the start requests: alone, its share looks unreachable.
    feeder = RunMetrics(listings_requested=2, known_before=3)
    first = RunMetrics(requests=10, pages=9, new_records=4, meeting_reports=2, retries=1,
                       http_errors=Counter({"404": 1}), listings_requested=2, listings_read=2,
                       article_links=30, known_before=3)  # fmt: skip
    second = RunMetrics(requests=7, pages=5, new_records=3, updated_records=1, meeting_reports=1,
                        http_errors=Counter({"404": 1, "TimeoutError": 1}), listings_requested=2,
                        known_before=3)  # fmt: skip
    state.start_run("job", "a.gov.vn")
    end_share(state, "job", "a.gov.vn", feeder)
    (row,) = state.runs(run_id="job")
    assert row.flags == ["unreachable"] and row.requests == 0
    for metrics, platform in ((first, "nukeviet"), (second, None)):
        state.start_run("job", "a.gov.vn")  # joins the row the feeder opened
        end_share(state, "job", "a.gov.vn", metrics, platform=platform)
    (row,) = state.runs(run_id="job")
    assert row.started == state.runs(run_id="job")[0].started
    assert (row.requests, row.pages, row.new_records, row.updated_records,
            row.meeting_reports, row.retries) == (17, 14, 7, 1, 3, 1)  # fmt: skip
    assert row.http_errors == {"404": 2, "TimeoutError": 1}
    assert row.details == {
        "listings_read": 2, "listings_unchanged": 0, "listings_empty": 0, "article_links": 30,
        "challenges": {}, "platform": "nukeviet"}  # fmt: skip
    # One worker read the listings: the source was reachable, whatever the other two saw.
    assert row.flags == []
    assert row.ended is not None


def test_flags_of_the_shares_are_those_of_the_totals(tmp_path: Path) -> None:
    chooser = random.Random(20250701)
    state = CrawlState(str(tmp_path / "flags.sqlite"))
    try:
        for case in range(300):
            known_before = chooser.choice((0, 0, 4))
            shares = []
            for _ in range(chooser.randint(1, 3)):
                read = chooser.randint(0, 2)
                metrics = RunMetrics(
                    listings_requested=chooser.randint(0, 2), listings_read=read,
                    listings_unchanged=chooser.choice((0, 0, 1)),
                    listings_empty=chooser.randint(0, read), article_links=chooser.randint(0, 3),
                    known_before=known_before,
                )  # fmt: skip
                if chooser.random() < 0.15:
                    metrics.challenges["captcha"] += 1
                shares.append((metrics, chooser.random() > 0.1))
            total = RunMetrics(known_before=known_before)
            for metrics, _ in shares:
                for name in ("listings_requested", "listings_read", "listings_unchanged",
                             "listings_empty", "article_links"):  # fmt: skip
                    setattr(total, name, getattr(total, name) + getattr(metrics, name))
                total.challenges.update(metrics.challenges)
            run_id = f"case-{case}"
            state.start_run(run_id, "a.gov.vn")
            for metrics, finished in shares:
                end_share(state, run_id, "a.gov.vn", metrics, finished=finished)
            expected = run_flags(total, known_before=known_before,
                                 finished=all(finished for _, finished in shares))  # fmt: skip
            assert state.runs(run_id=run_id)[0].flags == expected, shares
    finally:
        state.close()


def test_workers_ending_at_once_lose_nothing(state: CrawlState, database: str) -> None:
    state.start_run("job", "a.gov.vn")
    workers, ends = 4, 15
    failures: list[BaseException] = []

    def worker() -> None:
        own = CrawlState(database)
        try:
            for _ in range(ends):
                own.start_run("job", "a.gov.vn")
                end_share(own, "job", "a.gov.vn",
                          RunMetrics(requests=2, pages=1, http_errors=Counter({"503": 1}),
                                     listings_read=1, article_links=3))  # fmt: skip
        except BaseException as exc:
            failures.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    (row,) = state.runs(run_id="job")
    shares = workers * ends
    assert (row.requests, row.pages) == (2 * shares, shares)
    assert row.http_errors == {"503": shares}
    assert (row.details["listings_read"], row.details["article_links"]) == (shares, 3 * shares)


_SHARE_LINE = re.compile(r"(\S+): (\d+) requests, (\d+) new, (\d+) updated, flags (\S+)")


def worker_shares(log: str, source_id: str) -> tuple[int, int]:
    """(requests, new records) a worker's log reports for its share of the source."""
    found = [m for m in _SHARE_LINE.finditer(log) if m.group(1) == source_id]
    assert len(found) == 1, log[-3000:]
    return int(found[0].group(2)), int(found[0].group(3))


def test_two_workers_add_up_in_the_run_row(fixture_web: FixtureWeb, redis_url: str) -> None:
    web = fixture_web
    env = {**web.env(), "REDIS_URL": redis_url, "CRAWLER_JOB": "nightly"}
    workers = start_workers(env, 2)
    feed = subprocess.run(web.crawl_args(PORTAL, extra=("--distributed",)), env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=180)  # fmt: skip
    assert feed.returncode == 0, feed.stderr[-2000:]
    logs = finish(workers)
    shares = [worker_shares(log, PORTAL) for log in logs]

    state = CrawlState(str(web.db))
    try:
        (row,) = state.runs(source_id=PORTAL)
    finally:
        state.close()
    storage = open_storage(str(web.db))
    try:
        counts = storage.counts()
    finally:
        storage.close()
    served = [url for url in web.web.fetched_urls(PORTAL) if not url.endswith("/robots.txt")]
    # The feeder fetches nothing; the row holds the sum of the two workers' shares.
    assert row.requests == sum(requests for requests, _ in shares) == len(served)
    assert row.pages == len(served)
    assert row.new_records == sum(new for _, new in shares) == counts["articles"] > 0
    assert row.meeting_reports == counts["meeting_reports"]
    assert row.details["article_links"] > 0 and row.flags == []
