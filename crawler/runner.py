"""Running a crawl in this process: settings, the spider, the outcome.

Used by `crawler harvest` and `crawler demo`. Twisted's reactor runs once per
process, so one process runs one crawl.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from crawler import settings as default_settings


class UsageError(ValueError):
    """A bad argument: shown to the user as one line."""


@dataclass
class CrawlOutcome:
    stats: dict[str, Any] = field(default_factory=dict)
    start_failures: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return int(self.stats.get("crawler/articles", 0))

    @property
    def failed(self) -> str | None:
        value = self.stats.get("crawler/failed")
        return str(value) if value else None


def parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"-s expects NAME=VALUE, got {text!r}")
    return name.strip(), value


def check_since(value: str | None) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--since expects a date like 2023-01-31, got {value!r}") from None


def build_settings(
    *,
    database: str | None = None,
    max_pages: int | None = None,
    max_depth: int | None = None,
    since: str | None = None,
    overrides: list[str] | None = None,
    log_level: str | None = None,
) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    if database:
        settings.set("CRAWLER_DATABASE", database, priority="cmdline")
    if max_pages:
        settings.set("CLOSESPIDER_PAGECOUNT", max_pages, priority="cmdline")
    if max_depth is not None:
        settings.set("DEPTH_LIMIT", max_depth, priority="cmdline")
    if since:
        settings.set("CRAWLER_SINCE", check_since(since), priority="cmdline")
    if log_level:
        settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for text in overrides or []:
        name, value = parse_setting(text)
        settings.set(name, value, priority="cmdline")
    return settings


def run_spider(spider_class: type[Spider], settings: Settings, **spider_args: Any) -> Crawler:
    """Run one spider to its end in this process; the finished crawler holds its stats."""
    process = CrawlerProcess(settings)
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL", "INFO"))
    crawler = process.create_crawler(spider_class)
    process.crawl(crawler, **spider_args)
    process.start()
    return crawler


def crawl_stats(crawler: Crawler) -> dict[str, Any]:
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def run_site_crawl(start_urls: list[str], settings: Settings) -> CrawlOutcome:
    """Harvest the sites of ``start_urls``; returns the run's stats."""
    from spiders.site import SiteSpider

    for url in start_urls:
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) URL: {url}")
    crawler = run_spider(SiteSpider, settings, start_urls=start_urls)
    spider = crawler.spider
    failures = list(getattr(spider, "start_failures", [])) if spider else []
    moved = dict(getattr(spider, "moved", {})) if spider else {}
    return CrawlOutcome(stats=crawl_stats(crawler), start_failures=failures, moved=moved)
