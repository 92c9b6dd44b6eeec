"""The archive spider: a site's past articles from the Wayback Machine or Common Crawl.

District portals were closed on 1 July 2025; their reports survive in web
archives. The spider walks the archive's capture index for a domain or URL
prefix page by page, chooses one capture per article (the latest good one,
or every one with ``all_captures``), fetches the archived bytes and yields
them as pages of their ORIGINAL URL, with the capture time and the archive
address, so the usual pipelines make the records.

A re-run continues where the last one stopped: a capture whose article is
already stored from that capture (or a later one, or from the live site) is
not fetched again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from crawler.archive import cdx
from crawler.archive.cdx import Capture, CaptureSelector, CdxPage
from crawler.archive.replay import (
    flag_argument,
    is_html,
    original_header,
    original_headers,
    same_article,
    served_timestamp,
    year_argument,
)
from crawler.archive.warcin import (
    RECORD_ERRORS,
    declared_encoding,
    is_article_page,
    read_response_record,
)
from crawler.items import FetchedPage
from crawler.storage import Storage, open_storage
from crawler.urls import clean_url

ARCHIVES = ("wayback", "commoncrawl")
_REDIRECTS = [301, 302, 303, 307, 308]
# Redirects inside the archive (to the exact capture time) followed at most this often.
_MAX_ARCHIVE_HOPS = 3
_INDEX_PRIORITY = 100
_CAPTURE_PRIORITY = 10


class ArchiveSpider(scrapy.Spider):
    name = "archive"
    # Archives are shared public services that throttle hard: few requests at
    # a time, adaptive delays, and patience with 429 (Retry-After is honoured
    # by crawler.middlewares.retry).
    # Scrapy declares custom_settings as an instance dict, hence no ClassVar.
    custom_settings = {  # noqa: RUF012
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 1.0,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 2.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_TIMES": 5,
        "DOWNLOAD_TIMEOUT": 120,
    }

    def __init__(
        self,
        archive: str = "wayback",
        target: str = "",
        from_year: int | str | None = None,
        to_year: int | str | None = None,
        all_captures: bool | str = False,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if archive not in ARCHIVES:
            raise ValueError(f"archive must be one of {', '.join(ARCHIVES)}, got {archive!r}")
        cdx.target_query(target)  # fails early on an empty target
        self.archive = archive
        self.target = target.strip()
        self.from_year = year_argument(from_year, "from_year")
        self.to_year = year_argument(to_year, "to_year")
        if self.from_year and self.to_year and self.from_year > self.to_year:
            raise ValueError(f"from_year {self.from_year} is after to_year {self.to_year}")
        self.selector = CaptureSelector(all_captures=flag_argument(all_captures))
        self.collections: list[str] = []
        self.storage: Storage | None = None
        # Endpoints and page size: settings, read in from_crawler.
        self.wayback_cdx = cdx.DEFAULT_WAYBACK_CDX
        self.wayback_base = cdx.DEFAULT_WAYBACK_BASE
        self.cc_index = cdx.DEFAULT_CC_INDEX
        self.cc_data = cdx.DEFAULT_CC_DATA
        self.page_size = cdx.DEFAULT_PAGE_SIZE

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArchiveSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.wayback_cdx = settings.get("CRAWLER_WAYBACK_CDX") or cdx.DEFAULT_WAYBACK_CDX
        spider.wayback_base = settings.get("CRAWLER_WAYBACK_BASE") or cdx.DEFAULT_WAYBACK_BASE
        spider.cc_index = settings.get("CRAWLER_CC_INDEX") or cdx.DEFAULT_CC_INDEX
        spider.cc_data = settings.get("CRAWLER_CC_DATA") or cdx.DEFAULT_CC_DATA
        spider.collections = [
            name.strip()
            for name in str(settings.get("CRAWLER_CC_COLLECTION") or "").split(",")
            if name.strip()
        ]
        spider.page_size = settings.getint("CRAWLER_CDX_PAGE_SIZE", cdx.DEFAULT_PAGE_SIZE)
        # Read-only use: only asks which captures are already stored.
        spider.storage = open_storage(settings.get("CRAWLER_DATABASE") or None)
        return spider

    def _count(self, name: str, amount: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(name, amount)

    # -- index walk ----------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.archive == "wayback":
            yield self.wayback_index_request(None)
        elif self.collections:
            request = self.next_collection()
            if request is not None:
                yield request
        else:
            yield scrapy.Request(f"{self.cc_index.rstrip('/')}/collinfo.json",
                                 callback=self.parse_collinfo, errback=self.index_failed,
                                 priority=_INDEX_PRIORITY, dont_filter=True)  # fmt: skip

    def index_request(self, url: str, callback: Any, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self.index_failed, priority=_INDEX_PRIORITY,
            dont_filter=True, meta={"handle_httpstatus_list": [404], **meta},
        )  # fmt: skip

    def wayback_index_request(self, resume_key: str | None) -> scrapy.Request:
        url = cdx.wayback_query_url(
            self.wayback_cdx, self.target, from_year=self.from_year, to_year=self.to_year,
            limit=self.page_size, resume_key=resume_key,
            collapse="digest" if self.selector.all_captures else None,
        )  # fmt: skip
        return self.index_request(url, self.parse_wayback_index)

    def read_index(self, response: Response) -> CdxPage | None:
        self._count("archive/index_pages")
        if response.status == 404:  # pywb-style servers: "no captures"
            return CdxPage([])
        try:
            return cdx.parse_cdx_json(response.text)
        except (ValueError, AttributeError) as exc:
            self.logger.error("unreadable capture index page %s: %s", response.url, exc)
            self._count("archive/index_failed")
            return None

    def parse_wayback_index(self, response: Response) -> Iterator[scrapy.Request]:
        page = self.read_index(response)
        if page is None:
            yield from self.fetch_requests(self.selector.finish())
            return
        yield from self.fetch_requests(self.selector.feed(page.captures))
        if page.resume_key:
            yield self.wayback_index_request(page.resume_key)
            return
        if page.rows >= self.page_size:
            self.logger.warning("the index sent a full page without a resume key; "
                                "captures past %d rows were not listed", page.rows)  # fmt: skip
            self._count("archive/index_truncated")
        yield from self.fetch_requests(self.selector.finish())

    def parse_collinfo(self, response: Response) -> Iterator[scrapy.Request]:
        self.collections = cdx.parse_collinfo(response.text, self.from_year, self.to_year)
        self.logger.info("Common Crawl collections to search: %s", ", ".join(self.collections))
        request = self.next_collection()
        if request is not None:
            yield request

    def next_collection(self) -> scrapy.Request | None:
        """Count the pages of the next collection (newest first), or None when done."""
        if not self.collections:
            return None
        collection = self.collections.pop(0)
        url = cdx.cc_query_url(self.cc_index, collection, self.target, from_year=self.from_year,
                               to_year=self.to_year, show_num_pages=True)  # fmt: skip
        return self.index_request(url, self.parse_num_pages, collection=collection)

    def parse_num_pages(self, response: Response) -> Iterator[scrapy.Request]:
        collection = response.meta["collection"]
        try:
            pages: int | None = cdx.parse_num_pages(response.text)
        except (ValueError, AttributeError):
            pages = None  # not a paged index: ask for everything at once
        if response.status == 404 or pages == 0:
            yield from self.end_collection()
            return
        yield self.cc_page_request(collection, 0 if pages else None, pages or 1)

    def cc_page_request(self, collection: str, page: int | None, pages: int) -> scrapy.Request:
        url = cdx.cc_query_url(self.cc_index, collection, self.target, from_year=self.from_year,
                               to_year=self.to_year, page=page)  # fmt: skip
        return self.index_request(url, self.parse_cc_index, collection=collection, page=page,
                                  pages=pages)  # fmt: skip

    def parse_cc_index(self, response: Response) -> Iterator[scrapy.Request]:
        page = self.read_index(response)
        if page is not None:
            yield from self.fetch_requests(self.selector.feed(page.captures))
            number, pages = response.meta["page"], response.meta["pages"]
            if number is not None and number + 1 < pages:
                yield self.cc_page_request(response.meta["collection"], number + 1, pages)
                return
        yield from self.end_collection()

    def end_collection(self) -> Iterator[scrapy.Request]:
        yield from self.fetch_requests(self.selector.finish())
        request = self.next_collection()
        if request is not None:
            yield request

    def index_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        request = getattr(failure, "request", None)
        self.logger.error("capture index request failed: %s (%s)",
                          getattr(request, "url", "?"), failure.getErrorMessage())  # fmt: skip
        self._count("archive/index_failed")
        if self.archive == "wayback":
            yield from self.fetch_requests(self.selector.finish())
        else:
            yield from self.end_collection()

    # -- captures --------------------------------------------------------------------
    def already_stored(self, capture: Capture) -> bool:
        """True when this capture, a later one or the live page is stored for the article."""
        if self.storage is None:
            return False
        stored = self.storage.get_article(clean_url(capture.original))
        if stored is None:
            return False
        stored_time = stored.get("capture_time")
        return not stored_time or str(stored_time) >= capture.capture_time

    def in_years(self, capture: Capture) -> bool:
        year = int(capture.timestamp[:4])
        return (not self.from_year or year >= self.from_year) and (
            not self.to_year or year <= self.to_year
        )

    def fetch_requests(self, captures: list[Capture]) -> Iterator[scrapy.Request]:
        wanted = []
        for capture in captures:
            if not self.in_years(capture):
                self._count("archive/skipped/out_of_years")
            elif self.already_stored(capture):
                self._count("archive/already_stored")
            else:
                self._count("archive/chosen")
                wanted.append(capture)
        # Captures of one article are fetched one after the other, oldest
        # first, so the newest is stored last whatever the download order.
        for _, article_captures in groupby(wanted, key=lambda c: c.key):
            first, *later = article_captures
            yield self.capture_request(first, later=tuple(later))

    def capture_request(self, capture: Capture, *, later: tuple[Capture, ...] = (),
                        url: str | None = None, hops: int = 0) -> scrapy.Request:  # fmt: skip
        meta: dict[str, Any] = {"capture": capture, "later": later}
        if self.archive == "commoncrawl":
            # Many records share one WARC file: the URL alone does not tell them apart.
            return scrapy.Request(
                f"{self.cc_data.rstrip('/')}/{capture.filename}",
                headers={"Range": cdx.cc_record_range(capture)}, callback=self.parse_cc_record,
                errback=self.capture_failed, priority=_CAPTURE_PRIORITY, dont_filter=True,
                meta=meta,
            )  # fmt: skip
        # The archive's own redirects are followed here, by hand: a capture of
        # a redirect must never send the crawler to the original (live) site.
        meta.update(dont_redirect=True, handle_httpstatus_list=_REDIRECTS, archive_hops=hops)
        return scrapy.Request(
            url or cdx.capture_url(self.wayback_base, capture.timestamp, capture.original),
            callback=self.parse_capture, errback=self.capture_failed,
            priority=_CAPTURE_PRIORITY, meta=meta,
        )  # fmt: skip

    def next_capture(self, meta: dict[str, Any]) -> Iterator[scrapy.Request]:
        later: tuple[Capture, ...] = meta.get("later", ())
        if later:
            yield self.capture_request(later[0], later=later[1:])

    def parse_capture(self, response: Response) -> Iterator[Any]:
        capture: Capture = response.meta["capture"]
        if response.status in _REDIRECTS:
            follow = self.archive_redirect(response, capture)
            if follow is not None:
                yield follow
                return
        else:
            page = self.wayback_page(response, capture)
            if page is not None:
                yield page
        yield from self.next_capture(response.meta)

    def wayback_page(self, response: Response, capture: Capture) -> FetchedPage | None:
        content_type = original_header(response, "content-type")
        if not is_html(content_type, response.body):
            self._count("archive/skipped/not_html")
            return None
        encoding = response.encoding if isinstance(response, TextResponse) else None
        encoding = encoding or declared_encoding(content_type, response.body)
        if not self.is_article(capture, response.body, encoding):
            return None
        timestamp = served_timestamp(response, capture.timestamp)
        archive_url = cdx.replay_url(self.wayback_base, timestamp, capture.original)
        return self.page(capture, response.body, original_headers(response), encoding, timestamp,
                         archive_url)  # fmt: skip

    def archive_redirect(self, response: Response, capture: Capture) -> scrapy.Request | None:
        """The request for the archive's redirect to the same capture, or None."""
        location = (response.headers.get(b"Location") or b"").decode("latin-1")
        target = response.urljoin(location) if location else ""
        replay = cdx.parse_replay_url(target) if target else None
        hops = response.meta.get("archive_hops", 0)
        inside = urlsplit(target).netloc == urlsplit(self.wayback_base).netloc
        same = bool(replay) and same_article(replay[1] if replay else "", capture.original)
        if inside and same and hops < _MAX_ARCHIVE_HOPS:
            return self.capture_request(capture, later=response.meta.get("later", ()),
                                        url=target, hops=hops + 1)  # fmt: skip
        self._count("archive/skipped/capture_redirect")
        return None

    def parse_cc_record(self, response: Response) -> Iterator[Any]:
        page = self.cc_page(response, response.meta["capture"])
        if page is not None:
            yield page
        yield from self.next_capture(response.meta)

    def cc_page(self, response: Response, capture: Capture) -> FetchedPage | None:
        if response.status != 206 and len(response.body) != capture.length:
            self._count("archive/skipped/range_ignored")
            return None
        try:
            raw = read_response_record(response.body)
        except RECORD_ERRORS as exc:
            self.logger.warning("broken WARC record for %s: %.200s", capture.original, exc)
            self._count("archive/broken_record")
            return None
        if raw is None or raw.status != 200 or not is_html(raw.content_type, raw.body):
            self._count("archive/skipped/not_html_200")
            return None
        encoding = declared_encoding(raw.content_type, raw.body)
        if not self.is_article(capture, raw.body, encoding):
            return None
        return self.page(capture, raw.body, raw.headers, encoding, capture.timestamp,
                         cdx.cc_archive_url(self.cc_data, capture))  # fmt: skip

    def page(self, capture: Capture, body: bytes, headers: dict[str, str], encoding: str | None,
             timestamp: str, archive_url: str) -> FetchedPage:  # fmt: skip
        self._count("archive/fetched")
        return FetchedPage(
            url=clean_url(capture.original), status=200, body=body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            headers=headers, encoding=encoding, discovered_via="archive",
            capture_time=cdx.timestamp_to_iso(timestamp), archive_url=archive_url,
        )  # fmt: skip

    def is_article(self, capture: Capture, body: bytes, encoding: str | None) -> bool:
        """The site spider's test: listings and home pages are not stored as articles."""
        if is_article_page(capture.original, body, encoding):
            return True
        self._count("archive/skipped/not_article")
        return False

    def capture_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        request = getattr(failure, "request", None)
        self.logger.info("capture fetch failed: %s (%s)", getattr(request, "url", "?"),
                         failure.getErrorMessage())  # fmt: skip
        self._count("archive/capture_failed")
        if request is not None:
            yield from self.next_capture(request.meta)

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("archive/listed", self.selector.listed)
            for why, count in self.selector.skipped.items():
                stats.set_value(f"archive/skipped/{why}", count)
        if self.storage is not None:
            self.storage.close()
            self.storage = None
