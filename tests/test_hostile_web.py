"""A harvest through a hostile web: resets, time-outs, drips, 5xx storms, 429s,
redirect loops, a 50 MB page, a gzip bomb, XML bombs, broken and legacy-encoded
pages, a PDF served as HTML, huge and broken robots.txt files.

One harvest runs over all of it (tests/hostile_support), on loopback only.
The crawl must finish, say what it skipped and why (its stats), and store
every article that could be read, in proper Unicode.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hostile_support.content import STORIES
from hostile_support.server import HostileWeb
from hostile_support.site import HOST, MAX_SIZE, build_plan

from crawler.schema import validate_record
from crawler.urls import url_key

SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "DOWNLOAD_TIMEOUT=2",
    "RETRY_TIMES=2",
    "CRAWLER_RETRY_BACKOFF_BASE=0.05",
    "CRAWLER_RETRY_BACKOFF_MAX=2",
    f"DOWNLOAD_MAXSIZE={MAX_SIZE}",
    f"DOWNLOAD_WARNSIZE={MAX_SIZE // 2}",
    "REDIRECT_MAX_TIMES=5",
)
_STAT_LINE = re.compile(r"^\s*'([^']+)': (\d+),?$")


@dataclass
class HostileRun:
    result: Any
    seconds: float
    records: dict[str, dict[str, Any]]
    stats: dict[str, int]
    web: HostileWeb
    plan: Any
    secret: str
    listener_host: str


def scrapy_stats(stderr: str) -> dict[str, int]:
    """The integer stats of Scrapy's closing dump ("Dumping Scrapy stats")."""
    dump = stderr.split("Dumping Scrapy stats", 1)[-1]
    found = (_STAT_LINE.match(line) for line in dump.splitlines())
    return {m.group(1): int(m.group(2)) for m in found if m}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileRun]:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("hostile")
    secret = f"bi-mat-{time.time_ns()}"
    secret_file = folder / "secret.txt"
    secret_file.write_text(secret, encoding="utf-8")
    db = folder / "hostile.sqlite"
    web = HostileWeb(routes={})
    with web:
        plan = build_plan(web.url, str(secret_file))
        web.routes.update(plan.routes)
        args = [
            "harvest",
            *plan.start_urls,
            "--db",
            str(db),
            "-s",
            f"CRAWLER_FIXED_PROXY={web.url}",
        ]
        for setting in SETTINGS:
            args += ["-s", setting]
        started = time.monotonic()
        result = run_cli(*args, timeout=180)
        seconds = time.monotonic() - started
        conn = sqlite3.connect(db)
        try:
            records = {url_key(u): json.loads(r) for u, r in conn.execute(
                "SELECT url, record FROM articles")}  # fmt: skip
        finally:
            conn.close()
        listener_host = web.url.removeprefix("http://")
        yield HostileRun(result, seconds, records, scrapy_stats(result.stderr), web, plan,
                         secret, listener_host)  # fmt: skip


def test_the_crawl_finishes_and_says_what_it_stored(hostile: HostileRun) -> None:
    assert hostile.result.returncode == 0, hostile.result.stderr[-3000:]
    assert "Traceback" not in hostile.result.stderr, hostile.result.stderr[-3000:]
    summary = hostile.result.stderr.strip().splitlines()[-1]
    assert summary.startswith("fetched ") and f"{len(hostile.plan.stored)} articles" in summary
    # Slow and hanging servers are cut off by DOWNLOAD_TIMEOUT, not waited for.
    assert hostile.seconds < 120


def test_every_readable_article_is_stored(hostile: HostileRun) -> None:
    expected = {url_key(url) for url in hostile.plan.stored.values()}
    assert expected <= set(hostile.records), sorted(expected - set(hostile.records))
    assert set(hostile.records) == expected, sorted(set(hostile.records) - expected)
    for record in hostile.records.values():
        assert validate_record(record) == [], record["url"]


@pytest.mark.parametrize("key", ["plain", "wrong_charset", "tcvn3", "vni", "cp1258"])
def test_pages_in_any_encoding_come_out_as_unicode(hostile: HostileRun, key: str) -> None:
    story = STORIES[key]
    record = hostile.records[url_key(hostile.plan.stored[key])]
    assert record["title"] == story.title
    for paragraph in story.paragraphs:
        assert paragraph in record["text"], (key, record["text"][:300])
    assert record["published"] == "-".join(reversed(story.date.split("/")))


@pytest.mark.parametrize("key", ["malformed", "truncated"])
def test_broken_markup_keeps_what_is_readable(hostile: HostileRun, key: str) -> None:
    story = STORIES[key]
    record = hostile.records[url_key(hostile.plan.stored[key])]
    assert record["title"] == story.title
    assert story.paragraphs[0] in record["text"]
    assert story.paragraphs[1] in record["text"]


def test_hostile_answers_are_skipped_with_their_reasons(hostile: HostileRun) -> None:
    for url in hostile.plan.never_stored:
        assert url_key(url) not in hostile.records, url
    stats = hostile.stats
    assert stats.get("crawler/skipped/binary_body") == 1
    assert stats.get("retry/max_reached", 0) >= 5  # the 5xx storm, the hang, the drip
    assert stats.get("crawler/fetch_failed", 0) >= 9
    exceptions = {k.rsplit(".", 1)[-1]: v for k, v in stats.items()
                  if k.startswith("downloader/exception_type_count/")}  # fmt: skip
    assert exceptions.get("DownloadTimeoutError", 0) >= 6, exceptions  # the hang and the drip
    assert exceptions.get("DownloadFailedError", 0) >= 3, exceptions  # the reset, retried
    assert exceptions.get("DownloadCancelledError", 0) >= 2, exceptions  # the 50 MB pages
    assert stats.get("downloader/response_status_count/503", 0) >= 15  # 5 pages × 3 tries


def test_retries_honour_429_and_recover_from_503(hostile: HostileRun) -> None:
    paths = hostile.web.paths(HOST)
    assert paths.count(STORIES["retry_after"].path) == 2
    assert paths.count(STORIES["flaky"].path) == 3


def test_redirect_loop_is_cut(hostile: HostileRun) -> None:
    paths = hostile.web.paths(HOST)
    loop = [p for p in paths if p.startswith("/vong-lap-")]
    assert 2 <= len(loop) <= 8


def test_oversized_and_bomb_bodies_are_cut_at_the_cap(hostile: HostileRun) -> None:
    stats = hostile.stats
    # Nothing that large was ever held: the bodies were dropped at DOWNLOAD_MAXSIZE.
    assert stats.get("downloader/response_bytes", 0) < 3 * MAX_SIZE
    for url in hostile.plan.never_stored:
        assert url_key(url) not in hostile.records
    bomb = [line for line in hostile.result.stderr.splitlines() if "Ignored response" in line
            and "gzip-bung-ra" in line and "decompressed" in line]  # fmt: skip
    assert bomb, "the gzip bomb was not reported"


def test_xml_bombs_and_external_entities_are_neither_expanded_nor_fetched(
    hostile: HostileRun,
) -> None:
    # The listener is the server itself: an external entity would have called it directly.
    called = [r.path for r in hostile.web.requests if r.host == hostile.listener_host]
    assert not any(path.startswith("/xxe") for path in called), called
    fetched = " ".join(r.path for r in hostile.web.requests)
    assert hostile.secret not in fetched
    assert "lollol" not in fetched
    assert all(hostile.secret not in json.dumps(r) for r in hostile.records.values())
    # The rest of the bomb sitemap and of the feed was read all the same.
    assert url_key(hostile.plan.stored["sitemap_only"]) in hostile.records
    assert url_key(hostile.plan.stored["feed_only"]) in hostile.records


def test_huge_or_broken_robots_txt_does_not_stop_the_site(hostile: HostileRun) -> None:
    for key in ("big_robots", "broken_robots"):
        assert url_key(hostile.plan.stored[key]) in hostile.records, key
