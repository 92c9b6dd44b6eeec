"""What a run tells its user: the progress line, field coverage, a failed empty run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.demo.server import Site, VirtualWeb, html_resource
from crawler.extensions.progress import progress_line


def test_progress_line_counts_pages_records_meetings_errors() -> None:
    stats = {
        "response_received_count": 120,
        "crawler/records/new": 12,
        "crawler/records/unchanged": 68,
        "crawler/meeting_reports": 15,
        "crawler/fetch_failed": 2,
        "downloader/response_status_count/503": 3,
    }
    line = progress_line(stats, elapsed=40.0)
    assert line == "pages 120 | records 80 (12 new) | meetings 15 | errors 5 | 3.0 pages/s"


def test_a_run_that_finds_no_article_fails(cli: Any, tmp_path: Path) -> None:
    empty = Site({"/": html_resource("<html><body><h1>Đang bảo trì</h1></body></html>")})
    with VirtualWeb({"kyson.nghean.gov.vn": empty}) as web:
        proxy = web.start()
        result = cli(
            "harvest", "http://kyson.nghean.gov.vn/", "--db", str(tmp_path / "e.sqlite"),
            "-s", f"CRAWLER_FIXED_PROXY={proxy}", "-s", "AUTOTHROTTLE_ENABLED=False",
        )  # fmt: skip
    assert result.returncode == 1
    assert "error: no articles were found" in result.stderr


def test_coverage_is_logged_at_close(cli: Any, tmp_path: Path) -> None:
    from crawler.demo.sites import build_demo_web

    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        result = cli(
            "harvest", "http://bacson.langson.gov.vn/", "--db", str(tmp_path / "c.sqlite"),
            "-s", f"CRAWLER_FIXED_PROXY={proxy}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "DOWNLOAD_DELAY=0",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    coverage = [line for line in result.stderr.splitlines() if "field coverage over" in line]
    assert len(coverage) == 1
    assert "meeting_type 100%" in coverage[0]
