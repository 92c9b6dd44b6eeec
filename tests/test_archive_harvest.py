"""Harvest a closed portal from a real replay server (pywb) on loopback, twice.

The archive holds ~8 articles with several captures each, plus redirects,
404s, images, search and listing pages. The harvest runs in a subprocess
(one Twisted reactor per process), exactly as the command line runs it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_support import PywbServer, pywb_bin, run_module
from archive_support.archive_fixture import (
    FROM_YEAR,
    TO_YEAR,
    ArchiveFixture,
    build_archive_fixture,
)
from archive_support.commoncrawl import CommonCrawlServer
from archive_support.content import ARTICLES, HOST

from crawler.archive.cdx import timestamp_to_iso
from crawler.urls import clean_url

_SUMMARY = re.compile(r"(\d+) captures listed, (\d+) fetched .*?; (\d+) articles \((\d+) new")


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ArchiveFixture, PywbServer]]:
    if not (pywb_bin() / "wayback").exists():
        pytest.skip(f"pywb is not installed in {pywb_bin()} (`make test` installs it into "
                    ".venv-pywb): no replay server to use")  # fmt: skip
    root = tmp_path_factory.mktemp("archive")
    fixture = build_archive_fixture(root / "warcs")
    (root / "pywb").mkdir()
    with PywbServer(root / "pywb", fixture.warcs) as server:
        yield fixture, server


def harvest(database: Path, archive: str, *settings: str) -> tuple[int, str]:
    options = [o for s in settings for o in ((s,) if s.startswith("--") else ("-s", s))]
    result = run_module(
        "crawler", "harvest", HOST, "--from-archive", archive,
        "--from", str(FROM_YEAR), "--to", str(TO_YEAR), "--db", str(database), *options,
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CRAWLER_PROGRESS=False", "--log-level", "WARNING",
    )  # fmt: skip
    summary = [line for line in result.stderr.splitlines() if line.startswith(f"{archive}:")]
    assert summary, f"no summary line; stderr:\n{result.stderr[-4000:]}"
    return result.returncode, summary[-1]


def stored_records(database: Path) -> dict[str, dict]:
    with sqlite3.connect(database) as conn:
        return {url: json.loads(record) for url, record in conn.execute(
            "SELECT url, record FROM articles")}  # fmt: skip


def test_archive_harvest_finds_each_article_once_and_resumes(
    archive: tuple[ArchiveFixture, PywbServer], tmp_path: Path
) -> None:
    fixture, server = archive
    database = tmp_path / "archive.sqlite"
    endpoints = (f"CRAWLER_WAYBACK_CDX={server.cdx}", f"CRAWLER_WAYBACK_BASE={server.base}")

    status, summary = harvest(database, "wayback", *endpoints)
    assert status == 0, summary
    records = stored_records(database)
    assert sorted(records) == sorted(fixture.expected), summary
    assert len(records) == len(ARTICLES)
    for url, (timestamp, revision) in fixture.expected.items():
        record = records[url]
        assert record["url"] == url  # the original URL, not the archive's
        assert record["capture_time"] == timestamp_to_iso(timestamp)
        assert record["archive_url"].startswith(f"{server.base}/web/{timestamp}/")
        assert record["archive_url"].split(f"/{timestamp}/", 1)[1].startswith(url)
        assert record["fetched_at"]
        # The chosen capture's own text, not an older or newer one's.
        note = f"bổ sung thông tin lần thứ {revision}"
        assert (note in record["text"]) == bool(revision), url
    for url in fixture.never_stored:
        assert clean_url(url) not in records

    match = _SUMMARY.search(summary)
    assert match, summary
    first_fetched = int(match.group(2))

    status, summary = harvest(database, "wayback", *endpoints)
    assert status == 0, summary
    match = _SUMMARY.search(summary)
    assert match, summary
    assert int(match.group(3)) == 0 and int(match.group(4)) == 0  # nothing new
    # Only the captures that held no article (a listing, a contact page) are asked again.
    assert int(match.group(2)) == first_fetched - len(ARTICLES)
    assert "already stored" in summary and f"{len(ARTICLES)} already stored" in summary
    assert stored_records(database) == records


def test_all_captures_keep_earlier_texts_as_versions(
    archive: tuple[ArchiveFixture, PywbServer], tmp_path: Path
) -> None:
    fixture, server = archive
    database = tmp_path / "all.sqlite"
    status, summary = harvest(database, "wayback", f"CRAWLER_WAYBACK_CDX={server.cdx}",
                              f"CRAWLER_WAYBACK_BASE={server.base}", "--all-captures")  # fmt: skip
    assert status == 0, summary
    records = stored_records(database)
    assert sorted(records) == sorted(fixture.expected), summary
    with sqlite3.connect(database) as conn:
        versions = dict(conn.execute("SELECT url, COUNT(*) FROM article_versions GROUP BY url"))
    for url, (timestamp, revision) in fixture.expected.items():
        # The newest capture is the current record whatever order the downloads finished in.
        assert records[url]["capture_time"] == timestamp_to_iso(timestamp)
        assert versions.get(url, 0) == revision, url  # each earlier revision kept once


def test_common_crawl_harvest_pages_through_index_and_ranges(tmp_path: Path) -> None:
    fixture = build_archive_fixture(tmp_path / "warcs")
    database = tmp_path / "cc.sqlite"
    with CommonCrawlServer(fixture.warcs) as server:
        endpoints = (f"CRAWLER_CC_INDEX={server.base}", f"CRAWLER_CC_DATA={server.base}/data")
        status, summary = harvest(database, "commoncrawl", *endpoints)
        assert status == 0, summary
        records = stored_records(database)
        assert sorted(records) == sorted(fixture.expected), summary
        for url, (timestamp, _) in fixture.expected.items():
            assert records[url]["capture_time"] == timestamp_to_iso(timestamp)
            archive_url = records[url]["archive_url"]
            assert archive_url.startswith(f"{server.base}/data/sonvan-part")
            assert "#offset=" in archive_url and "&length=" in archive_url
        status, summary = harvest(database, "commoncrawl", *endpoints)
    match = _SUMMARY.search(summary)
    assert status == 0 and match, summary
    assert int(match.group(4)) == 0
    assert stored_records(database) == records


def test_archive_harvest_rejects_a_bad_year_range(tmp_path: Path) -> None:
    result = run_module(
        "crawler", "harvest", HOST, "--from-archive", "wayback", "--from", "2024", "--to", "2016",
        "--db", str(tmp_path / "x.sqlite"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "error: --from 2024 is after --to 2016" in result.stderr


def test_crawl_of_an_archive_only_source_reads_the_archive(
    archive: tuple[ArchiveFixture, PywbServer], tmp_path: Path
) -> None:
    fixture, server = archive
    registry = tmp_path / "registry.json"
    source = {
        "id": HOST, "name": "Cổng thông tin điện tử huyện Sơn Vân", "kind": "district_portal",
        "province": None, "district": None, "platform": None,
        "start_urls": [f"http://{HOST}/"], "category_urls": [], "status": "archive-only",
        "notes": "district level abolished on 1 July 2025; the site is gone",
    }  # fmt: skip
    registry.write_text(json.dumps({"sources": [source]}), encoding="utf-8")
    database = tmp_path / "crawl.sqlite"
    result = run_module(
        "crawler", "crawl", HOST, "--registry", str(registry), "--db", str(database),
        "-s", f"CRAWLER_WAYBACK_CDX={server.cdx}", "-s", f"CRAWLER_WAYBACK_BASE={server.base}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "--log-level", "WARNING",
    )  # fmt: skip
    assert "is archive-only; harvesting its archived copies" in result.stderr
    records = stored_records(database)
    assert sorted(records) == sorted(fixture.expected), result.stderr[-3000:]
    assert all(r["archive_url"] for r in records.values())
