"""The incremental crawler (`crawler crawl`, `scrapy crawl crawl -a sources=ID,...`).

For each registry source it reads the first listing pages and stops at what
it already knows, so a nightly run costs requests in proportion to new
content:

- a listing is asked for with If-None-Match / If-Modified-Since; a 304 means
  nothing new there;
- on a listing, unknown article links are fetched; known ones are re-checked
  (conditionally) only when their listing entry changed or they are fresh;
- the next listing page is read only while the page brought unknown articles
  and is not older than the source's newest stored article (its watermark).

State lives in the database (crawler.storage.state); articles stored by a
harvest of the same site count as known. Pages go through the usual
pipelines as :class:`~crawler.items.FetchedPage`. Each run of each source is
recorded with its counts and health flags, under a per-source lock.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import deferred_to_future
from twisted.internet import task

from crawler.health import challenge_reason, run_flags
from crawler.items import ArticleItem, FetchedPage
from crawler.middlewares.retry import installed_reactor
from crawler.sources.registry import crawl_selection, load_registry
from crawler.storage.state import ARTICLE_STATUSES, CrawlState, KnownUrl, LockHolder
from crawler.urls import clean_url, host_of, url_key
from spiders.pages import feed_entries
from spiders.platforms import detect_family, get_platform
from spiders.platforms.base import ListingEntry
from spiders.source_run import RecheckPolicy, SourceRun, news_since, sane_watermark

KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date")
_CONDITIONAL = {"handle_httpstatus_list": [304]}


def _split(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item.strip()]


class IncrementalSpider(scrapy.Spider):
    name = "crawl"
    # A night with nothing new is a good night, not a failed run.
    # Scrapy declares custom_settings as an instance attribute, so no ClassVar here.
    custom_settings: dict[str, Any] | None = {"CRAWLER_FAIL_ON_EMPTY": False}  # noqa: RUF012

    # The arguments are those of `scrapy crawl crawl -a sources=ID,ID -a province=X -a all=1`.
    def __init__(
        self, sources: str | list[str] = "", province: str = "", all: str = "",
        registry: str = "", run_id: str = "", *args: Any, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        chosen = crawl_selection(load_registry(registry or None), ids=_split(sources),
                                 province=province or None, everything=bool(all))  # fmt: skip
        if not chosen:
            raise ValueError("no registry source matches the selection")
        self.sources = chosen
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.runs: dict[str, SourceRun] = {}
        #: (source id, the run holding it) for each source another run was crawling.
        self.locked_out: list[tuple[str, LockHolder]] = []
        #: url_key of a fetched page -> (source id, was it new, key URL).
        self.page_runs: dict[str, tuple[str, bool, str]] = {}
        self.since = ""
        self.max_listing_pages = 50
        self.lock_wait = 0.0
        self.policy = RecheckPolicy()
        self.state: CrawlState | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> IncrementalSpider:
        kwargs.setdefault("registry", crawler.settings.get("CRAWLER_REGISTRY", ""))
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.since = settings.get("CRAWLER_SINCE", "")
        spider.max_listing_pages = settings.getint("CRAWLER_MAX_LISTING_PAGES", 50)
        spider.lock_wait = settings.getfloat("CRAWLER_LOCK_WAIT", 0.0)
        spider.policy = RecheckPolicy(
            window_days=settings.getfloat("CRAWLER_RECHECK_WINDOW_DAYS", 3.0),
            every_hours=settings.getfloat("CRAWLER_RECHECK_EVERY_HOURS", 20.0),
        )
        spider.state = CrawlState(settings.get("CRAWLER_DATABASE", "") or None)
        crawler.signals.connect(spider.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider.item_dropped, signal=signals.item_dropped)
        return spider

    # -- start ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for source in self.sources:
            run = await self.open_run(SourceRun(source))
            if run is None:
                continue
            for request in self.initial_requests(run):
                yield request

    async def open_run(self, run: SourceRun) -> SourceRun | None:
        """Lock the source (waiting up to CRAWLER_LOCK_WAIT s), load what it knows."""
        assert self.state is not None
        waited = 0.0
        holder = self.state.try_lock(run.id, self.run_id)
        while holder is not None and waited < self.lock_wait:
            await deferred_to_future(task.deferLater(installed_reactor(), 0.5, lambda: None))
            waited += 0.5
            holder = self.state.try_lock(run.id, self.run_id)
        if holder is not None:
            self.logger.error("source %s is already being crawled by %s; not crawled in this run",
                              run.id, holder.describe())  # fmt: skip
            self.locked_out.append((run.id, holder))
            return None
        self.state.start_run(self.run_id, run.id)
        history = self.state.runs(run.id)
        run.news_since = news_since(history, self.run_id)
        started = next((row.started for row in history if row.run_id == self.run_id), None)
        if run.news_since is not None and run.news_since != started:
            # A run before this one was cut short: its listing validators would answer 304
            # for listings it never finished reading.
            self.state.forget_listing_validators(run.id)
        run.known = self.state.known_urls(run.id)
        if self.state.adopt_articles(run.id, run.hosts, run.known, run.reader.article_key_url):
            run.known = self.state.known_urls(run.id)
        stored = self.state.watermark(run.id) or self.state.newest_stored(
            run.hosts, stored_before=run.news_since
        )
        run.watermark = sane_watermark(stored)
        run.metrics.known_before = run.known_articles
        self.runs[run.id] = run
        return run

    def initial_requests(self, run: SourceRun) -> list[scrapy.Request]:
        """The first listing requests of a source (its watched listings, else start pages)."""
        source = run.source
        requests = []
        for url in run.reader.listing_urls(source):
            origin = "watched" if source.category_urls else (
                "start" if url in source.start_urls else "channel")  # fmt: skip
            requests.append(self.listing_request(run, url, origin=origin, page=1))
        return requests

    def listing_request(self, run: SourceRun, url: str, *, origin: str, page: int,
                        chain: str | None = None) -> scrapy.Request:  # fmt: skip
        """A listing page; ``origin`` is start, watched or channel; ``chain`` its first page."""
        key = url_key(url)
        run.listings.add(key)
        run.metrics.listings_requested += page == 1
        return scrapy.Request(
            url, callback=self.parse_listing, errback=self.fetch_failed, priority=20 - page,
            headers=self.validators(run.known.get(key)),
            meta={**_CONDITIONAL, "source_id": run.id, "role": "listing", "origin": origin,
                  "page": page, "chain": chain or key},
        )  # fmt: skip

    @staticmethod
    def validators(known: KnownUrl | None) -> dict[str, str]:
        headers = {}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    # -- listings -----------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        run = self.runs[response.meta["source_id"]]
        if not self.answered(run, response):
            return
        origin, page, chain = (response.meta[k] for k in ("origin", "page", "chain"))
        if response.status == 304:
            run.metrics.listings_unchanged += 1
            if origin == "start":  # an unchanged home page: its channels may still have news
                yield from self.remembered_channels(run)
            return
        run.metrics.listings_read += 1
        if run.platform is None and isinstance(response, TextResponse):
            yield from self.detect_platform(run, response, origin)
        entries = self.read_entries(run, response)
        run.metrics.article_links += len(entries)
        assert self.state is not None
        self.state.record_url(response.url, run.id,
                              status="channel" if origin == "channel" and page == 1 else "listing",
                              **self.header_validators(response))  # fmt: skip
        new_here = 0
        chain_blocks = run.chains.setdefault(chain, {})
        for entry in entries:
            request, is_new = self.entry_request(run, entry, chain_blocks)
            new_here += is_new
            if request is not None:
                yield request
        channels = []
        if origin == "start" and isinstance(response, TextResponse):
            channels = run.reader.listing_links(response)
            yield from self.channel_requests(run, channels)
        if not entries and page == 1 and (origin == "watched" or (
                origin == "start" and not channels)):  # fmt: skip
            run.metrics.listings_empty += 1
        # Read on while this page brought unknown articles its blocks had not shown on the
        # listing's earlier pages: the first page without any marks where the previous run
        # stopped (a sidebar of newest articles repeats the same links on every page).
        more = new_here > 0 and page < self.max_listing_pages and not run.is_stale(
            entries, self.since)  # fmt: skip
        if more and isinstance(response, TextResponse):
            next_url = run.reader.next_page_url(response)
            if next_url and url_key(next_url) not in run.listings:
                yield self.listing_request(run, next_url, origin=origin, page=page + 1,
                                           chain=chain)  # fmt: skip

    def detect_platform(self, run: SourceRun, response: TextResponse,
                        origin: str) -> Iterator[scrapy.Request]:  # fmt: skip
        """Name the family of a source the registry leaves open, from its first page."""
        family = detect_family(response.text, response.url)
        run.platform = get_platform(family)
        run.metrics.detected_platform = family
        self.logger.info("%s: read as %s", run.id, family)
        if origin == "start":
            for path in run.platform.default_listing_paths:
                url = response.urljoin(path)
                if url_key(url) not in run.listings:
                    yield self.listing_request(run, url, origin="channel", page=1)

    def channel_requests(self, run: SourceRun, urls: list[str]) -> Iterator[scrapy.Request]:
        for url in urls:
            if url_key(url) not in run.listings and host_of(url) in run.hosts:
                yield self.listing_request(run, url, origin="channel", page=1)

    def remembered_channels(self, run: SourceRun) -> Iterator[scrapy.Request]:
        """Channels found on the start pages by earlier runs."""
        for key, known in run.known.items():
            if known.status == "channel" and key not in run.listings:
                yield self.listing_request(run, known.url, origin="channel", page=1)

    def read_entries(self, run: SourceRun, response: Response) -> list[ListingEntry]:
        head = response.body[:500]
        if not isinstance(response, TextResponse) or b"<rss" in head or b"<feed" in head:
            return [ListingEntry(url=clean_url(response.urljoin(e.url)), title="",
                                 signature=e.date or "", date=e.date, blocks=("feed",))
                    for e in feed_entries(response.body)]  # fmt: skip
        return [e for e in run.reader.listing_entries(response) if host_of(e.url) in run.hosts]

    def entry_request(
        self, run: SourceRun, entry: ListingEntry, chain_blocks: dict[str, set[str]]
    ) -> tuple[scrapy.Request | None, bool]:
        """The request a listing entry calls for, and whether it is news to this listing:
        unknown before the run and not shown by the same block on an earlier page."""
        key_url = run.reader.article_key_url(entry.url)
        key = url_key(key_url)
        new_in_listing = False
        for block in entry.blocks or ("",):
            shown = chain_blocks.setdefault(block, set())
            new_in_listing = new_in_listing or key not in shown
            shown.add(key)
        known = run.known.get(key)
        if known is not None and known.status == "fetched" and not known.content_hash:
            known = None  # fetched by a run that stopped before storing it: fetch it afresh
        if known is None or known.status not in ARTICLE_STATUSES:
            if self.since and entry.date and entry.date < self.since:
                return None, False
            if key in run.seen:
                return None, new_in_listing
            run.seen.add(key)
            return self.article_request(run, entry, key_url, None), new_in_listing
        # Stored since this run (or a cut one) began: not fetched again, but news for paging.
        news = new_in_listing and run.is_news(known)
        if key in run.seen:
            return None, news
        run.seen.add(key)
        assert self.state is not None
        if known.listing_sig is None:
            self.state.set_listing_sig(key_url, entry.signature)  # first sight of a harvested one
        elif known.listing_sig != entry.signature or self.policy.due(
            known, datetime.now(UTC)
        ):
            return self.article_request(run, entry, key_url, known), news
        return None, news

    def article_request(self, run: SourceRun, entry: ListingEntry, key_url: str,
                        known: KnownUrl | None) -> scrapy.Request:  # fmt: skip
        return scrapy.Request(
            entry.url, callback=self.parse_article, errback=self.fetch_failed, priority=30,
            headers=self.validators(known),
            meta={**_CONDITIONAL, "source_id": run.id, "role": "article", "is_new": known is None,
                  "key_url": key_url, "listing_sig": entry.signature, "listed_date": entry.date},
        )  # fmt: skip

    # -- articles -------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        run = self.runs[response.meta["source_id"]]
        if not self.answered(run, response):
            return
        assert self.state is not None
        key_url = response.meta["key_url"]
        if response.status == 304:
            self.state.record_url(key_url, run.id, status="fetched",
                                  listing_sig=response.meta["listing_sig"])  # fmt: skip
            return
        self.state.record_url(key_url, run.id, status="fetched",
                              listing_sig=response.meta["listing_sig"],
                              **self.header_validators(response))  # fmt: skip
        self.page_runs[url_key(run.reader.article_key_url(response.url))] = (
            run.id, response.meta["is_new"], key_url)  # fmt: skip
        yield self.fetched_page(run, response)

    def answered(self, run: SourceRun, response: Response) -> bool:
        """Count the answer; False for a challenge page (nothing of it may be used)."""
        metrics = run.metrics
        metrics.requests += 1
        metrics.retries += response.meta.get("retry_times", 0)
        if response.status == 304:
            return True
        reason = challenge_reason(response.body)
        if reason:
            metrics.challenges[reason] += 1
            self.logger.warning("%s: %s is a %s page, not content", run.id, response.url, reason)
            return False
        metrics.pages += 1
        return True

    @staticmethod
    def header_validators(response: Response) -> dict[str, str | None]:
        def header(name: str) -> str | None:
            value = response.headers.get(name)
            return value.decode("latin-1") if value else None

        return {"etag": header("ETag"), "last_modified": header("Last-Modified")}

    def fetched_page(self, run: SourceRun, response: Response) -> FetchedPage:
        """The page for the pipelines, under the article's identity URL."""
        headers = {}
        for name in KEPT_HEADERS:
            value = response.headers.get(name)
            if value:
                headers[name] = value.decode("latin-1")
        return FetchedPage(
            url=clean_url(run.reader.article_key_url(response.url)), status=response.status,
            body=response.body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            headers=headers, encoding=getattr(response, "encoding", None),
            discovered_via="listing", listed_date=response.meta.get("listed_date"),
        )  # fmt: skip

    def fetch_failed(self, failure: Any) -> None:
        request = failure.request
        run = self.runs.get(request.meta.get("source_id", ""))
        if run is None:
            return
        run.metrics.requests += 1
        run.metrics.retries += request.meta.get("retry_times", 0)
        if failure.check(HttpError):
            code = str(failure.value.response.status)
        else:
            code = failure.type.__name__ if failure.type else "error"
        run.metrics.http_errors[code] += 1
        self.logger.info("%s: cannot fetch %s (%s)", run.id, request.url, code)

    # -- records ------------------------------------------------------------------------
    def item_scraped(self, item: object) -> None:
        if not isinstance(item, ArticleItem) or self.state is None:
            return
        found = self.page_runs.get(url_key(item.url))
        if found is None:
            return
        source_id, is_new, key_url = found
        run = self.runs[source_id]
        known = run.known.get(url_key(key_url))
        if is_new:
            run.metrics.new_records += 1
        elif known is not None and known.content_hash != item.content_hash:
            run.metrics.updated_records += 1
        run.metrics.meeting_reports += bool(item.is_meeting_report)
        self.state.record_stored(key_url, item.content_hash)
        run.saw_published(sane_watermark(item.published))

    def item_dropped(self, item: object, response: Response, exception: BaseException) -> None:
        url = getattr(item, "url", None)
        found = self.page_runs.get(url_key(url)) if isinstance(url, str) else None
        if found is not None and self.state is not None:
            self.state.record_stored(found[2], "", status="dropped")

    # -- end ----------------------------------------------------------------------------
    def closed(self, reason: str) -> None:
        if self.state is None:
            return
        finished = reason == "finished"
        for run in self.runs.values():
            metrics = run.metrics
            flags = run_flags(metrics, known_before=metrics.known_before, finished=finished)
            if not finished:
                self.state.forget_listing_validators(run.id)
            elif run.newest_published:
                # Only a complete run moves the watermark: a cut one has not read what lies
                # between its newest article and the last complete run's.
                self.state.raise_watermark(run.id, run.newest_published)
            counts = {name: getattr(metrics, name) for name in (
                "requests", "pages", "new_records", "updated_records", "meeting_reports",
                "retries")}  # fmt: skip
            details = {"listings_read": metrics.listings_read,
                       "listings_unchanged": metrics.listings_unchanged,
                       "listings_empty": metrics.listings_empty,
                       "article_links": metrics.article_links,
                       "challenges": dict(metrics.challenges),
                       "platform": metrics.detected_platform or run.source.platform}  # fmt: skip
            self.state.end_run(self.run_id, run.id, counts, dict(metrics.http_errors), flags,
                               details)  # fmt: skip
            self.state.release(run.id, self.run_id)
            self.logger.info("%s: %d requests, %d new, %d updated, flags %s", run.id,
                             metrics.requests, metrics.new_records, metrics.updated_records,
                             ",".join(flags) or "none")  # fmt: skip
        self.state.close()
