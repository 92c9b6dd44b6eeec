"""Store each article (and the page it came from) through the storage interface."""

from __future__ import annotations

import logging

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.items import ArticleItem
from crawler.storage import Outcome, Storage, StorageError, open_storage

logger = logging.getLogger(__name__)


class StoragePipeline:
    def __init__(self, crawler: Crawler, database: str, store_pages: bool) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.database = database
        self.store_pages = store_pages
        self.storage: Storage | None = None
        #: Why writing failed (a full disk, a read-only file): the crawl stops.
        self.write_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        settings = crawler.settings
        return cls(
            crawler,
            settings.get("CRAWLER_DATABASE", ""),
            settings.getbool("CRAWLER_STORE_PAGES", True),
        )

    def open_spider(self, spider: Spider | None = None) -> None:
        self.storage = open_storage(self.database or None)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.storage is not None:
            self.storage.close()
            self.storage = None

    def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, ArticleItem) or self.storage is None:
            return item
        if self.write_error:
            raise DropItem(f"not stored ({self.write_error}): {item.url}")
        try:
            if self.store_pages and item.page is not None:
                self.storage.save_page(item.page)
            outcome = self.storage.upsert_article(item.to_record())
        except StorageError as exc:
            self.stop_on_write_error(str(exc))
            raise DropItem(f"not stored: {item.url}") from exc
        if self.stats is not None:
            self.stats.inc_value(f"crawler/records/{outcome.value}")
            if item.is_meeting_report:
                self.stats.inc_value("crawler/meeting_reports")
        if outcome is Outcome.UPDATED:
            logger.info("text changed, previous version kept: %s", item.url)
        return item

    def stop_on_write_error(self, message: str) -> None:
        """One clear error, then the crawl stops: nothing more could be stored.

        Every write is its own transaction, so what was stored before stays whole.
        """
        self.write_error = message
        logger.error("%s; stopping the crawl (what was stored before is kept)", message)
        if self.stats is not None:
            self.stats.set_value("crawler/failed", message)
            self.stats.inc_value("crawler/dropped/storage_failed")
        if self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_failed"))
