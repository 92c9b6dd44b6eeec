"""Check each record against SCHEMA.md before it is stored.

Records that are not stored (no text, no headline, a static page with neither
a date nor an article URL, published before --since) are dropped with their
reason counted (crawler.schema.rejection_reason). Enum values outside
SCHEMA.md are a bug and stop the item loudly.
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.schema import rejection_reason, validate_record


class ValidationPipeline:
    def __init__(self, crawler: Crawler, since: str) -> None:
        self.stats = crawler.stats
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler, crawler.settings.get("CRAWLER_SINCE", ""))

    def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, ArticleItem):
            return item
        record = item.to_record()
        reason = rejection_reason(record, self.since)
        if reason:
            if self.stats is not None:
                self.stats.inc_value(f"crawler/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}")
        problems = validate_record(record)
        if problems:
            raise ValueError(f"record for {item.url} breaks SCHEMA.md: {'; '.join(problems)}")
        return item
