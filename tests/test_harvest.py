"""End to end: `crawler harvest` against sites served on 127.0.0.1, into real SQLite.

Each harvest runs in its own process (Twisted's reactor runs once per
process); the sample web runs in the test process and every request of the
crawl goes through it as a proxy.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.trapweb import build_trap_web

from crawler.demo.server import VirtualWeb
from crawler.demo.sites import DEMO_START_URLS, build_demo_web, expected_articles
from crawler.schema import validate_record
from crawler.urls import url_key

FAST = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CRAWLER_RETRY_BACKOFF_BASE=0.05"]


def harvest(cli: Any, proxy: str, db: Path, *urls: str, extra: tuple[str, ...] = ()) -> Any:
    args = ["harvest", *urls, "--db", str(db), "-s", f"CRAWLER_FIXED_PROXY={proxy}"]
    for setting in FAST:
        args += ["-s", setting]
    return cli(*args, *extra)


def stored(db: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    try:
        return {
            url_key(u): json.loads(r) for u, r in conn.execute("SELECT url, record FROM articles")
        }
    finally:
        conn.close()


def table_dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}"))
            for table in ("articles", "article_versions", "pages")
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_harvest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    from conftest import run_cli

    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        result = harvest(run_cli, proxy, db, *DEMO_START_URLS)
        assert result.returncode == 0, result.stderr[-3000:]
        first = table_dump(db)
        web.reset_log()
        again = harvest(run_cli, proxy, db, *DEMO_START_URLS)
        assert again.returncode == 0, again.stderr[-3000:]
        yield db, (first, table_dump(db), again)


def test_every_sample_article_is_stored_once(demo_harvest: tuple[Path, Any]) -> None:
    db, _ = demo_harvest
    records = stored(db)
    expected = {url_key(a["url"]) for a in expected_articles()}
    assert expected <= set(records), sorted(expected - set(records))
    # Static pages, category listings and home pages are not articles.
    assert set(records) == expected, sorted(set(records) - expected)


def test_records_follow_the_schema(demo_harvest: tuple[Path, Any]) -> None:
    db, _ = demo_harvest
    for record in stored(db).values():
        assert validate_record(record) == [], record["url"]
        assert record["source"] and record["source"] in record["url"]
        assert record["text"].strip()
        assert record["content_hash"]


def test_meeting_reports_are_marked(demo_harvest: tuple[Path, Any]) -> None:
    db, _ = demo_harvest
    records = stored(db)
    truth = {url_key(a["url"]): a["is_meeting_report"] for a in expected_articles()}
    got = {key: records[key]["is_meeting_report"] for key in truth if key in records}
    positives = [k for k, v in truth.items() if v]
    true_positives = sum(1 for k in positives if got.get(k))
    false_positives = sum(1 for k, v in got.items() if v and not truth[k])
    assert true_positives / len(positives) >= 0.95
    assert false_positives <= 1


def test_second_harvest_changes_nothing(demo_harvest: tuple[Path, Any]) -> None:
    _, (first, second, again) = demo_harvest
    assert first == second
    assert "0 new, 0 updated" in again.stderr


def test_pages_are_kept_for_reextraction(demo_harvest: tuple[Path, Any]) -> None:
    db, _ = demo_harvest
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, status, etag, fetched_at FROM pages").fetchall()
    articles = {u for (u,) in conn.execute("SELECT url FROM articles")}
    conn.close()
    assert articles <= {row[0] for row in rows}
    assert all(row[1] == 200 and row[2] and row[3] for row in rows)


@pytest.fixture(scope="module")
def trap_harvest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any, Any]]:
    from conftest import run_cli

    sites, description = build_trap_web()
    db = tmp_path_factory.mktemp("traps") / "traps.sqlite"
    with VirtualWeb(sites) as web:
        proxy = web.start()
        result = harvest(run_cli, proxy, db, *description["start_urls"])
        assert result.returncode == 0, result.stderr[-3000:]
        yield db, web, description


def test_traps_keep_requests_within_budget(trap_harvest: tuple[Path, Any, Any]) -> None:
    _, web, description = trap_harvest
    pages = len(description["expected_urls"])
    requests = [r for r in web.requests if r.host == description["host"]]
    assert len(requests) <= 1.3 * pages, sorted(r.path for r in requests)


def test_traps_are_not_followed(trap_harvest: tuple[Path, Any, Any]) -> None:
    _, web, description = trap_harvest
    fetched = {url_key(u) for u in web.fetched_urls()}
    for url in description["never_fetch"]:
        assert url_key(url) not in fetched, url
    for prefix in description["trap_prefixes"]:
        assert sum(1 for u in web.fetched_urls() if u.startswith(prefix)) <= 1
    endless = description["endless_listing"]
    pager_pages = [u for u in web.fetched_urls() if u.startswith(endless["prefix"])]
    assert len(pager_pages) <= endless["real_pages"] + 1


def test_every_article_behind_traps_is_stored(trap_harvest: tuple[Path, Any, Any]) -> None:
    db, _, description = trap_harvest
    records = stored(db)
    for url in description["article_urls"]:
        assert url_key(url) in records, url
    # Variants, fragments and print views of an article are the same record.
    assert len(records) == len(description["article_urls"])
    flaky = records[url_key(description["flaky_url"])]
    assert flaky["text"]
    charset = records[url_key(description["wrong_charset_url"])]
    assert charset["title"] == description["wrong_charset_title"]
    assert url_key(description["redirect_target"]) in records


def test_unreachable_site_gives_one_clear_line(cli: Any, tmp_path: Path) -> None:
    result = cli(
        "harvest", "http://127.0.0.1:9/", "--db", str(tmp_path / "x.sqlite"),
        "-s", "RETRY_TIMES=0", "-s", "ROBOTSTXT_OBEY=False",
    )  # fmt: skip
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "127.0.0.1:9" in errors[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("harvest", "http://x.gov.vn/", "--since", "yesterday"),
        ("harvest", "ftp://x.gov.vn/"),
        ("harvest", "http://x.gov.vn/", "-s", "NOEQUALS"),
        ("export", "--db", "/nonexistent/dir/none.sqlite"),
        ("stats", "--db", "/nonexistent/dir/none.sqlite"),
    ],
)
def test_bad_arguments_give_one_line(cli: Any, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("error:")


def test_since_keeps_only_recent_articles(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "since.sqlite"
    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        result = harvest(
            cli, proxy, db, "http://thoxuan.thanhhoa.gov.vn/", extra=("--since", "2023-06-01")
        )
    assert result.returncode == 0, result.stderr[-2000:]
    records = stored(db).values()
    assert records
    assert all(r["published"] >= "2023-06-01" for r in records if r["published"])
    expected = [
        a for a in expected_articles()
        if a["source"] == "thoxuan.thanhhoa.gov.vn" and a["published"] >= "2023-06-01"
    ]  # fmt: skip
    assert len(records) == len(expected)


def test_export_and_stats(demo_harvest: tuple[Path, Any], cli: Any, tmp_path: Path) -> None:
    db, _ = demo_harvest
    out = tmp_path / "meetings.jsonl"
    result = cli(
        "export", "--db", str(db), "--format", "jsonl", "--out", str(out), "--meetings-only"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(r["is_meeting_report"] for r in lines)
    csv_out = tmp_path / "all.csv"
    assert cli("export", "--db", str(db), "--format", "csv", "--out", str(csv_out)).returncode == 0
    assert csv_out.read_text(encoding="utf-8").startswith("url,source,")
    stats = cli("stats", "--db", str(db))
    assert stats.returncode == 0
    assert "meeting reports by body:" in stats.stdout
    assert f"{len(stored(db))} articles" in stats.stdout


def test_http_proxy_environment_variable_is_honoured(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "proxy.sqlite"
    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        args = ["harvest", "http://bacson.langson.gov.vn/", "--db", str(db)]
        for setting in FAST:
            args += ["-s", setting]
        result = cli(*args, env={"http_proxy": proxy})
        served = web.count("bacson.langson.gov.vn")
    assert result.returncode == 0, result.stderr[-2000:]
    assert served > 5
    assert len(stored(db)) == sum(
        1 for a in expected_articles() if a["source"] == "bacson.langson.gov.vn"
    )


def test_a_site_that_moved_is_reported(cli: Any, tmp_path: Path) -> None:
    from crawler.demo.server import Resource, Site

    sites = build_demo_web()
    sites["quanhoa.thanhhoa.gov.vn"] = Site(
        {"/": Resource(status=301, redirect_to="http://bacson.langson.gov.vn/")}
    )
    with VirtualWeb(sites) as web:
        proxy = web.start()
        result = harvest(cli, proxy, tmp_path / "moved.sqlite", "http://quanhoa.thanhhoa.gov.vn/")
    assert result.returncode == 0, result.stderr[-2000:]
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1
    assert "quanhoa.thanhhoa.gov.vn redirects to bacson.langson.gov.vn" in notes[0]
    assert "--from-archive" in notes[0]
