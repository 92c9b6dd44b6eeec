"""Store each article (and the page it came from) through the storage interface.

Writes are batched: articles wait, at most ``WRITE_INTERVAL`` seconds or until
``WRITE_BATCH`` of them are waiting, and are then written in one transaction
for the pages and one for the records (a commit per article cost more than
the writes themselves). An article counts as scraped -- the point where the
incremental crawler notes it as stored -- only once its batch is committed,
so a crash loses at most articles that were never reported as stored.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.items import ArticleItem, FetchedPage
from crawler.storage import Outcome, Storage, StorageError, open_storage

logger = logging.getLogger(__name__)

#: Articles written in one transaction, at most.
WRITE_BATCH = 64
#: Seconds the first article of a batch waits for others, at most.
WRITE_INTERVAL = 0.1


@dataclass
class _Waiting:
    item: ArticleItem
    record: dict[str, Any]
    stored: asyncio.Future[Outcome] = field(repr=False)


class StoragePipeline:
    def __init__(self, crawler: Crawler, database: str, store_pages: bool) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.database = database
        self.store_pages = store_pages
        self.storage: Storage | None = None
        #: Why writing failed (a full disk, a read-only file): the crawl stops.
        self.write_error: str | None = None
        self.waiting: list[_Waiting] = []
        self.timer: asyncio.TimerHandle | None = None

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
        self.write_waiting()
        if self.storage is not None:
            self.storage.close()
            self.storage = None

    async def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, ArticleItem) or self.storage is None:
            return item
        if self.write_error:
            raise DropItem(f"not stored ({self.write_error}): {item.url}")
        loop = asyncio.get_running_loop()
        waiting = _Waiting(item, item.to_record(), loop.create_future())
        self.waiting.append(waiting)
        if len(self.waiting) >= WRITE_BATCH:
            self.write_waiting()
        elif self.timer is None:
            self.timer = loop.call_later(WRITE_INTERVAL, self.write_waiting)
        outcome = await waiting.stored  # DropItem when the batch could not be written
        if self.stats is not None:
            self.stats.inc_value(f"crawler/records/{outcome.value}")
            if item.is_meeting_report:
                self.stats.inc_value("crawler/meeting_reports")
        if outcome is Outcome.UPDATED:
            logger.info("text changed, previous version kept: %s", item.url)
        return item

    def write_waiting(self) -> None:
        """Write every waiting article in one batch and wake their items."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.waiting = self.waiting, []
        if not batch:
            return
        try:
            outcomes = self._write(batch)
        except StorageError as exc:
            self.stop_on_write_error(str(exc))
            for waiting in batch:
                reason = DropItem(f"not stored: {waiting.item.url}")
                reason.__cause__ = exc
                waiting.stored.set_exception(reason)
            return
        except Exception as exc:  # a bug: each item fails with it, none waits forever
            for waiting in batch:
                waiting.stored.set_exception(exc)
            return
        for waiting, outcome in zip(batch, outcomes, strict=True):
            waiting.stored.set_result(outcome)

    def _write(self, batch: list[_Waiting]) -> list[Outcome]:
        storage = self.storage
        if storage is None:
            raise StorageError("the database was closed before the last articles were written")
        pages: list[FetchedPage] = []
        if self.store_pages:
            pages = [w.item.page for w in batch if w.item.page is not None]
        records = [w.record for w in batch]
        # Both backends write a batch in one transaction; any other writes item by item.
        save_many = getattr(storage, "save_many", None)
        upsert_many = getattr(storage, "upsert_many", None)
        if save_many is not None and upsert_many is not None:
            if pages:
                save_many(pages)
            return list(upsert_many(records))
        for page in pages:
            storage.save_page(page)
        return [storage.upsert_article(record) for record in records]

    def stop_on_write_error(self, message: str) -> None:
        """One clear error, then the crawl stops: nothing more could be stored.

        Each batch is one transaction, so what was stored before stays whole.
        """
        self.write_error = message
        logger.error("%s; stopping the crawl (what was stored before is kept)", message)
        if self.stats is not None:
            self.stats.set_value("crawler/failed", message)
            self.stats.inc_value("crawler/dropped/storage_failed")
        if self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_failed"))
