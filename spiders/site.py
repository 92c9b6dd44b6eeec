"""The generic site spider: a one-off harvest of any site from its start URLs.

Discovery ladder, cheapest first: sitemaps named in robots.txt (probing
/sitemap.xml only when robots.txt names none), RSS/Atom feeds the pages
announce, listing pages followed through their pagination, then bounded
link-following inside the site. Links are ranked by what they probably lead
to (crawler.discovery), so the request budget goes to listings and articles.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from crawler.discovery import ARTICLE, LISTING, OTHER, guess_link_kind, is_download_text
from crawler.items import FetchedPage
from crawler.urls import clean_url, host_of, trap_reason, url_key
from spiders.pages import (
    Links,
    feed_entries,
    is_binary_body,
    listing_dates,
    looks_like_article,
    page_links,
    sitemap_entries,
)

KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date")
PRIORITY = {LISTING: 30, ARTICLE: 20, OTHER: 0}


@lru_cache(maxsize=1 << 14)
def read_link(href: str, text: str) -> tuple[str, str, bool] | None:
    """(clean URL, link kind, is a pager link) of an anchor; None for a download link.

    Remembered: most anchors of a page (menus, "latest news" boxes, pagers) are
    the same on every page of the site.
    """
    if is_download_text(text):
        return None
    url = clean_url(href)
    kind = guess_link_kind(url, text)
    return url, kind, kind == LISTING and Links.is_pager(href, text)


class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(
        self,
        start_urls: str | Iterable[str] = (),
        since: str = "",
        max_pagination: int | str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        urls = start_urls.split(",") if isinstance(start_urls, str) else list(start_urls)
        self.start_urls = [clean_url(u) for u in urls if u.strip()]
        if not self.start_urls:
            raise ValueError("give at least one start URL")
        self.hosts = {host_of(u) for u in self.start_urls}
        self.since = since or ""
        self._max_pagination_arg = max_pagination
        self.max_pagination = 2000
        self.max_other_hops = 2
        self.seen: set[str] = set()
        self.sitemap_hosts: set[str] = set()
        #: "URL: reason" for each start URL that could not be fetched at all.
        self.start_failures: list[str] = []
        #: Start host -> the host its start URL redirected to.
        self.moved: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.since = spider.since or settings.get("CRAWLER_SINCE", "")
        spider.max_pagination = int(
            spider._max_pagination_arg or settings.getint("CRAWLER_MAX_PAGINATION", 2000)
        )
        spider.max_other_hops = settings.getint("CRAWLER_MAX_OTHER_HOPS", 2)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    # -- start -----------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            self.seen.add(url_key(url))
            yield self.page_request(url, LISTING, via="start", other_hops=0)

    def page_request(
        self, url: str, kind: str, *, via: str, other_hops: int, listed_date: str | None = None
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.fetch_failed,
            priority=PRIORITY[kind],
            meta={
                "link_kind": kind,
                "via": via,
                "other_hops": other_hops,
                "listed_date": listed_date,
            },
        )

    # -- sitemaps and feeds ------------------------------------------------------
    def robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Schedule the sitemaps robots.txt names, or probe /sitemap.xml."""
        host = host_of(request.url)
        if host not in self.hosts or host in self.sitemap_hosts:
            return
        self.sitemap_hosts.add(host)
        protego = getattr(robotparser, "rp", None)
        sitemaps = list(getattr(protego, "sitemaps", []) or [])
        base = request.url.split("/", 3)
        root = f"{base[0]}//{base[2]}"
        if not sitemaps:
            sitemaps = [f"{root}/sitemap.xml"]
        assert self.crawler.engine is not None
        for url in sitemaps:
            self.crawler.engine.crawl(
                scrapy.Request(
                    url,
                    callback=self.parse_sitemap,
                    errback=self.fetch_failed,
                    priority=40,
                    meta={"dont_retry": False},
                )
            )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        for entry in sitemap_entries(
            response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE")
        ):
            url = clean_url(entry.url)
            if entry.is_index:
                if self.wanted(url, LISTING) and self.mark(url):
                    yield scrapy.Request(url, callback=self.parse_sitemap, priority=40)
                continue
            if self.since and entry.date and entry.date[:10] < self.since:
                continue
            if self.wanted(url, ARTICLE) and self.mark(url):
                yield self.page_request(
                    url, ARTICLE, via="sitemap", other_hops=0, listed_date=entry.date
                )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        for entry in feed_entries(response.body):
            url = clean_url(response.urljoin(entry.url))
            if self.since and entry.date and entry.date[:10] < self.since:
                continue
            if self.wanted(url, ARTICLE) and self.mark(url):
                yield self.page_request(
                    url, ARTICLE, via="feed", other_hops=0, listed_date=entry.date
                )

    # -- pages ---------------------------------------------------------------------
    def parse_page(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse) or not self.is_html(response):
            self.stats_inc("crawler/skipped/not_html")
            return
        if is_binary_body(response.body):
            # A PDF or an image served as text/html: no page to read, no links to follow.
            self.stats_inc("crawler/skipped/binary_body")
            return
        kind = response.meta.get("link_kind", OTHER)
        if response.meta.get("via") == "start":
            # A start URL that redirects to another host brings that host in
            # scope, and is reported: the site has moved (often a district
            # portal folded into a province or commune site after July 2025).
            first = (response.meta.get("redirect_urls") or [response.url])[0]
            if host_of(first) != host_of(response.url):
                self.moved[host_of(first)] = host_of(response.url)
            self.hosts.add(host_of(response.url))
        if looks_like_article(response, kind):
            yield self.fetched_page(response)
        yield from self.follow_links(response)

    def follow_links(self, response: TextResponse) -> Iterator[scrapy.Request]:
        links = page_links(response)
        for feed_url in links.feeds:
            url = clean_url(feed_url)
            if host_of(url) in self.hosts and self.mark(url):
                yield scrapy.Request(
                    url, callback=self.parse_feed, errback=self.fetch_failed, priority=35
                )
        hops = response.meta.get("other_hops", 0)
        stale = bool(self.since) and self.listing_is_stale(response)
        new_content = 0
        pagers: list[tuple[str, str]] = []
        for href, text in links.anchors:
            reading = read_link(href, text)
            if reading is None:
                self.stats_inc("crawler/skipped/download")
                continue
            url, kind, is_pager = reading
            if not self.wanted(url, kind):
                continue
            if is_pager:
                pagers.append((url, text))
                continue
            next_hops = hops + 1 if kind == OTHER else 0
            if kind == OTHER and next_hops > self.max_other_hops:
                continue
            if self.mark(url):
                new_content += kind != OTHER
                yield self.page_request(url, kind, via="link", other_hops=next_hops)
        # A pager reached through a pager is followed only while it still shows
        # something new: an endless pager repeats the same headlines and stops here.
        reached_by_pager = response.meta.get("via") == "listing"
        if (new_content or not reached_by_pager) and not stale:
            for url, _ in pagers:
                if self.mark(url):
                    yield self.page_request(url, LISTING, via="listing", other_hops=0)

    def listing_is_stale(self, response: TextResponse) -> bool:
        """True when every date a listing shows is older than --since."""
        dates = listing_dates(response)
        return bool(dates) and max(dates) < self.since

    # -- helpers ---------------------------------------------------------------------
    def wanted(self, url: str, kind: str) -> bool:
        if host_of(url) not in self.hosts:
            return False
        reason = trap_reason(url, self.max_pagination)
        if reason:
            self.stats_inc(f"crawler/skipped/{reason}")
            return False
        return True

    def mark(self, url: str) -> bool:
        """Record a URL as scheduled; False when it already was."""
        key = url_key(url)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    @staticmethod
    def is_html(response: TextResponse) -> bool:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        return not content_type or "html" in content_type or "xml" in content_type

    def fetched_page(self, response: TextResponse) -> FetchedPage:
        headers = {}
        for name in KEPT_HEADERS:
            value = response.headers.get(name)
            if value:
                headers[name] = value.decode("latin-1")
        return FetchedPage(
            url=clean_url(response.url),
            status=response.status,
            body=response.body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            headers=headers,
            encoding=response.encoding,
            discovered_via=response.meta.get("via", "link"),
            listed_date=response.meta.get("listed_date"),
        )

    def stats_inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def fetch_failed(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        url = getattr(request, "url", "?")
        message = failure.getErrorMessage()
        self.logger.info("fetch failed: %s (%s)", url, message)
        if request is not None and request.meta.get("via") == "start":
            self.start_failures.append(f"{url}: {message}")
        self.stats_inc("crawler/fetch_failed")
