"""Incremental crawls of fixture sites on loopback, each crawl in its own process.

The sites are built with the demo's CMS renderers from articles made here, served
by VirtualWeb as a proxy; the crawl reads a registry written by the test
(CRAWLER_REGISTRY) and counts requests through the server's log.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.families import FAMILIES
from crawler.demo.families.base import Article, BuiltSite, Category, SiteInfo, build_site
from crawler.demo.server import Resource, VirtualWeb, html_resource
from crawler.storage.state import CrawlState
from spiders.platforms import get_platform

ROOT = Path(__file__).resolve().parents[1]
PORTAL = "hauloc.thanhhoa.gov.vn"
COUNCIL = "dbnd.hagiang.gov.vn"
WALLED = "thanhba.phutho.gov.vn"
SLOW = "quangxuong.thanhhoa.gov.vn"
PORTAL_CATEGORIES = (Category("TinTuc", "Tin tức"), Category("HoatDong", "Hoạt động"))
COUNCIL_CATEGORIES = (Category("HOAT-DONG-CO-SO", "Hoạt động cơ sở"),)
CHALLENGE_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<div id='cf-browser-verification'>Checking your browser before accessing the site.</div>"
    "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>"
)
TOPICS = ("phát triển kinh tế nông thôn", "cải cách hành chính", "xây dựng Đảng",
          "giảm nghèo bền vững", "chuyển đổi số", "an ninh trật tự")  # fmt: skip


def make_articles(host: str, categories: tuple[Category, ...], count: int,
                  first_id: int = 1000, first_day: int = 0) -> list[Article]:  # fmt: skip
    """``count`` articles, one day apart from ``first_day``, spread over the categories."""
    base = datetime(2024, 1, 2, 8, 30) + timedelta(days=first_day)
    articles = []
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        articles.append(Article(
            id=first_id + i, category=categories[i % len(categories)].slug,
            title=f"Hội nghị chuyên đề số {i + 1} về {topic} của huyện năm 2024",
            published=base + timedelta(days=i),
            paragraphs=(
                f"Ngày {i % 27 + 1}/{i % 12 + 1}, huyện tổ chức hội nghị chuyên đề về {topic}, "
                "đánh giá kết quả thực hiện và đề ra giải pháp cho thời gian tới.",
                "Các đại biểu tập trung thảo luận, làm rõ những khó khăn, vướng mắc và thống "
                "nhất phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị.",
            ),
        ))  # fmt: skip
    return articles


def site_info(host: str, family: str, categories: tuple[Category, ...], district: str | None,
              province: str, page_size: int = 5) -> SiteInfo:  # fmt: skip
    return SiteInfo(
        host=host, family=family, source_kind="district_portal", name=f"Cổng thông tin {host}",
        owner="Ủy ban nhân dân", province=province, district=district, slogan="Đoàn kết",
        address="Trung tâm huyện", phone="0200 000 000", email=f"vp@{host}",
        categories=categories, page_size=page_size,
    )  # fmt: skip


def source_entry(
    host: str, family: str, listings: list[str], province: str, district: str | None,
    kind: str = "district_portal",
) -> dict[str, Any]:  # fmt: skip
    return {"id": host, "name": f"Nguồn {host}", "kind": kind, "province": province,
            "district": district, "platform": family, "start_urls": [f"http://{host}/"],
            "category_urls": listings, "status": "active", "notes": ""}  # fmt: skip


class FixtureWeb:
    """The fixture sites, their registry file and a crawl runner."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.db = tmp / "state.sqlite"
        self.registry = tmp / "registry.json"
        self.portal_articles = make_articles(PORTAL, PORTAL_CATEGORIES, 80)
        self.portal = self.build_portal(self.portal_articles)
        council_info = site_info(COUNCIL, "nukeviet", COUNCIL_CATEGORIES, None, "Hà Giang")
        self.council = build_site(FAMILIES["nukeviet"], council_info,
                                  make_articles(COUNCIL, COUNCIL_CATEGORIES, 12, 6000))  # fmt: skip
        slow_info = site_info(SLOW, "sharepoint_portal", PORTAL_CATEGORIES, "Quảng Xương",
                              "Thanh Hóa")  # fmt: skip
        self.slow = build_site(FAMILIES["sharepoint_portal"], slow_info,
                               make_articles(SLOW, PORTAL_CATEGORIES, 20, 8000))  # fmt: skip
        for path in self.slow.site.paths():
            if "/portal/Pages/20" in path:  # articles answer slowly: the crawl lasts a while
                self.slow.site.resources[path].delay = 1.5
        walled = {"/tin-tuc/bai-viet/cat/hoat-dong-12": html_resource(CHALLENGE_PAGE)}
        self.web = VirtualWeb({PORTAL: self.portal.site, COUNCIL: self.council.site,
                               SLOW: self.slow.site, WALLED: _site(walled)})  # fmt: skip
        sources = [
            source_entry(PORTAL, "sharepoint_portal", self.listings(self.portal), "Thanh Hóa",
                         "Hậu Lộc"),
            source_entry(COUNCIL, "nukeviet", self.listings(self.council), "Hà Giang", None,
                         kind="council_site"),
            source_entry(SLOW, "sharepoint_portal", self.listings(self.slow), "Thanh Hóa",
                         "Quảng Xương"),
            source_entry(WALLED, "phutho_cms", [f"http://{WALLED}/tin-tuc/bai-viet/cat/"
                                                "hoat-dong-12"], "Phú Thọ", "Thanh Ba"),
        ]  # fmt: skip
        self.registry.write_text(json.dumps({"sources": sources}, ensure_ascii=False), "utf-8")

    def build_portal(self, articles: list[Article]) -> BuiltSite:
        info = site_info(PORTAL, "sharepoint_portal", PORTAL_CATEGORIES, "Hậu Lộc", "Thanh Hóa")
        return build_site(FAMILIES["sharepoint_portal"], info, articles)

    @staticmethod
    def listings(built: BuiltSite) -> list[str]:
        """First pages of the site's categories."""
        return [url for url in built.listing_urls if "Page=" not in url and "/page-" not in url]

    def replace_portal(self, articles: list[Article]) -> BuiltSite:
        built = self.build_portal(articles)
        self.web.sites[PORTAL] = built.site
        return built

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "crawler", *args]

    def crawl_args(self, *ids: str, extra: tuple[str, ...] = ()) -> list[str]:
        return self.command(
            "crawl", *ids, "--db", str(self.db), "--log-level", "WARNING",
            "-s", f"CRAWLER_FIXED_PROXY={self.web.url}", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "DOWNLOAD_DELAY=0", "-s", "CRAWLER_EXTRACT_WORKERS=0",
            "-s", "CRAWLER_PROGRESS=False", *extra,
        )  # fmt: skip

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k.lower() not in ("http_proxy", "https_proxy", "database_url")}  # fmt: skip
        return {**env, "CRAWLER_REGISTRY": str(self.registry)}

    def run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, timeout=180, env=self.env(),
                              cwd=ROOT)  # fmt: skip

    def crawl(self, *ids: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        return self.run(self.crawl_args(*ids, extra=extra))

    def last_run(self, source_id: str) -> Any:
        state = CrawlState(str(self.db))
        try:
            return state.runs(source_id=source_id)[-1]
        finally:
            state.close()


def _site(resources: dict[str, Resource]) -> Any:
    from crawler.demo.server import Site

    return Site(resources)


@pytest.fixture
def fixture_web(tmp_path: Path) -> Iterator[FixtureWeb]:
    web = FixtureWeb(tmp_path)
    with web.web:
        yield web


def article_requests(web: FixtureWeb, host: str) -> set[str]:
    return {url for url in web.web.fetched_urls(host) if "/portal/Pages/20" in url}


def test_nightly_crawl_costs_little_and_finds_exactly_the_new_articles(
    fixture_web: FixtureWeb,
) -> None:
    web = fixture_web
    first = web.crawl(PORTAL)
    assert first.returncode == 0, first.stderr
    first_requests = web.web.count(PORTAL)
    assert web.last_run(PORTAL).new_records == 80
    assert article_requests(web, PORTAL) == set(web.portal.article_urls.values())

    web.web.reset_log()
    second = web.crawl(PORTAL)
    assert second.returncode == 0, second.stderr
    assert web.web.count(PORTAL) <= 0.05 * first_requests, web.web.fetched_urls(PORTAL)
    assert web.last_run(PORTAL).new_records == 0

    # Nine new articles: the next crawl fetches them and no other article.
    grown = web.replace_portal(web.portal_articles + make_articles(PORTAL, PORTAL_CATEGORIES,
                                                                   9, 5000, 200))  # fmt: skip
    new_urls = set(grown.article_urls.values()) - set(web.portal.article_urls.values())
    assert len(new_urls) == 9
    web.web.reset_log()
    third = web.crawl(PORTAL)
    assert third.returncode == 0, third.stderr
    assert article_requests(web, PORTAL) == new_urls
    assert web.last_run(PORTAL).new_records == 9


def test_changed_listing_entry_is_rechecked_and_updated(fixture_web: FixtureWeb) -> None:
    web = fixture_web
    assert web.crawl(PORTAL).returncode == 0
    newest = max(web.portal_articles, key=lambda a: a.published)
    edited = dataclasses.replace(newest, sapo="Bản tin được biên tập lại: hội nghị đã thống nhất "
                                 "bổ sung ba nhiệm vụ trọng tâm cho quý tới.")  # fmt: skip
    articles = [edited if a.id == newest.id else a for a in web.portal_articles]
    built = web.replace_portal(articles)
    web.web.reset_log()
    assert web.crawl(PORTAL).returncode == 0
    edited_url = built.article_urls[newest.id]
    checks = [r for r in web.web.requests if r.url == edited_url]
    assert len(checks) == 1 and "If-None-Match" in checks[0].headers
    assert article_requests(web, PORTAL) == {edited_url}
    run = web.last_run(PORTAL)
    assert (run.new_records, run.updated_records) == (0, 1)


def test_status_flags_layout_drift_and_challenge_pages(fixture_web: FixtureWeb) -> None:
    web = fixture_web
    first = web.crawl(COUNCIL)
    assert first.returncode == 0, first.stderr
    assert web.last_run(COUNCIL).new_records == 12
    # A redesign: the listing now links its articles through a script the crawler cannot follow.
    for url in web.listings(web.council):
        path = url.split(COUNCIL, 1)[1]
        redesigned = (
            "<html><body><div id='app' data-api='/api/news?cat=1'></div>"
            "<ul><li><a href='/index.php?nv=about'>Giới thiệu</a></li></ul></body></html>"
        )
        web.council.site.add(path, html_resource(redesigned))
    second = web.crawl(COUNCIL, WALLED)
    assert second.returncode == 1, second.stderr  # flagged sources make the run fail
    assert "layout_drift" in web.last_run(COUNCIL).flags
    assert "challenge" in web.last_run(WALLED).flags
    status = web.run(web.command("status", "--db", str(web.db)))
    assert status.returncode == 0, status.stderr
    lines = {line.split()[0]: line for line in status.stdout.splitlines()[1:]}
    assert "layout_drift" in lines[COUNCIL]
    assert "challenge" in lines[WALLED]


def _lock_taken(db: Path, source_id: str) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            row = conn.execute("SELECT 1 FROM source_locks WHERE source_id = ?",
                               (source_id,)).fetchone()  # fmt: skip
    except sqlite3.OperationalError:
        return False
    return row is not None


def test_second_concurrent_crawl_of_a_source_exits_or_waits(fixture_web: FixtureWeb) -> None:
    web = fixture_web
    first = subprocess.Popen(web.crawl_args(SLOW), env=web.env(), cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _lock_taken(web.db, SLOW) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _lock_taken(web.db, SLOW), "the first crawl never locked its source"
        busy = web.crawl(SLOW)
        assert busy.returncode == 3, busy.stderr
        assert f"{SLOW}: already being crawled by run" in busy.stderr
        waiting = web.crawl(SLOW, extra=("-s", "CRAWLER_LOCK_WAIT=120"))
        assert waiting.returncode == 0, waiting.stderr
        _out, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
    state = CrawlState(str(web.db))
    try:
        runs = state.runs(source_id=SLOW)
    finally:
        state.close()
    # The waiting crawl ran after the first one, and found nothing new.
    assert [r.new_records for r in runs] == [20, 0]
    assert runs[0].ended is not None and runs[1].started >= runs[0].ended[:19]


def test_crawl_resumes_from_a_harvest_of_the_same_site(fixture_web: FixtureWeb) -> None:
    web = fixture_web
    settings = web.crawl_args(PORTAL)[web.crawl_args(PORTAL).index("-s"):]
    harvest = web.run([sys.executable, "-m", "crawler", "harvest", f"http://{PORTAL}/",
                       "--db", str(web.db), "--log-level", "WARNING", *settings])  # fmt: skip
    assert harvest.returncode == 0, harvest.stderr
    web.web.reset_log()
    crawl = web.crawl(PORTAL)
    assert crawl.returncode == 0, crawl.stderr
    assert article_requests(web, PORTAL) == set()
    assert web.last_run(PORTAL).new_records == 0


def test_every_demo_family_is_crawled_from_its_home_page(tmp_path: Path) -> None:
    """Home pages only, families left to detection: every article is found, then re-runs
    cost a few conditional requests per site."""
    from crawler.demo.sites import build_all

    built = build_all()
    rows = [
        {"id": host, "name": b.catalog.info.name, "kind": b.catalog.info.source_kind,
         "province": b.catalog.info.province, "district": b.catalog.info.district,
         "platform": None, "start_urls": b.start_urls, "category_urls": [], "status": "active",
         "notes": ""}
        for host, b in built.items()
    ]  # fmt: skip
    web = FixtureWeb.__new__(FixtureWeb)
    web.tmp, web.db, web.registry = tmp_path, tmp_path / "demo.sqlite", tmp_path / "demo.json"
    web.registry.write_text(json.dumps({"sources": rows}, ensure_ascii=False), "utf-8")
    web.web = VirtualWeb({host: b.site for host, b in built.items()})
    with web.web:
        first = web.crawl("--all")
        assert first.returncode == 0, first.stderr
        first_requests = web.web.count()
        web.web.reset_log()
        second = web.crawl("--all")
        assert second.returncode == 0, second.stderr
        assert web.web.count() <= 0.5 * first_requests
    with sqlite3.connect(web.db) as conn:
        stored = {url for (url,) in conn.execute("SELECT url FROM articles")}
    # Stored under each article's identity URL (the MVC family drops the listing's PageIndex).
    expected = {get_platform(b.catalog.info.family).article_key_url(url)
                for b in built.values() for url in b.article_urls.values()}  # fmt: skip
    assert stored == expected
    state = CrawlState(str(web.db))
    try:
        detected = {r.source_id: r.details["platform"] for r in state.runs() if r.new_records}
    finally:
        state.close()
    assert detected == {host: b.catalog.info.family if b.catalog.info.family != "table_layout"
                        else "generic" for host, b in built.items()}  # fmt: skip
