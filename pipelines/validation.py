"""Check each record against SCHEMA.md before it is stored.

An article with no text or no headline is dropped with its reason counted;
enum fields outside SCHEMA.md are a bug and stop the item loudly. Articles
published before --since are dropped here (listings are cut earlier).
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.schema import validate_record


class ValidationPipeline:
    def __init__(self, crawler: Crawler, since: str) -> None:
        self.stats = crawler.stats
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler, crawler.settings.get("CRAWLER_SINCE", ""))

    def drop(self, reason: str, item: ArticleItem) -> DropItem:
        if self.stats is not None:
            self.stats.inc_value(f"crawler/dropped/{reason}")
        return DropItem(f"{reason}: {item.url}")

    def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, ArticleItem):
            return item
        if not item.text.strip():
            raise self.drop("no_text", item)
        if not item.title.strip():
            raise self.drop("no_title", item)
        if self.since and item.published and item.published < self.since[: len(item.published)]:
            raise self.drop("before_since", item)
        problems = validate_record(item.to_record())
        if problems:
            raise ValueError(f"record for {item.url} breaks SCHEMA.md: {'; '.join(problems)}")
        return item
