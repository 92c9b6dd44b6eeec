"""Store each article (and the page it came from) through the storage interface."""

from __future__ import annotations

import logging

from scrapy import Spider
from scrapy.crawler import Crawler

from crawler.items import ArticleItem
from crawler.storage import Outcome, Storage, open_storage

logger = logging.getLogger(__name__)


class StoragePipeline:
    def __init__(self, crawler: Crawler, database: str, store_pages: bool) -> None:
        self.stats = crawler.stats
        self.database = database
        self.store_pages = store_pages
        self.storage: Storage | None = None

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
        if self.store_pages and item.page is not None:
            self.storage.save_page(item.page)
        outcome = self.storage.upsert_article(item.to_record())
        if self.stats is not None:
            self.stats.inc_value(f"crawler/records/{outcome.value}")
            if item.is_meeting_report:
                self.stats.inc_value("crawler/meeting_reports")
        if outcome is Outcome.UPDATED:
            logger.info("text changed, previous version kept: %s", item.url)
        return item
