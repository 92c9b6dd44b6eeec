"""Strip site chrome: a fetched page becomes headline, dates, byline and clean text.

The work is crawler.extraction.record.page_fields (trafilatura plus rules for
Vietnamese portals); this component only wraps it for Scrapy.
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction.record import page_fields
from crawler.items import ExtractedPage, FetchedPage


class BoilerplatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        return cls(crawler)

    def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, FetchedPage):
            return item
        try:
            fields = page_fields(item.body, item.url, "html", encoding=item.encoding)
        except ValueError as exc:
            # Unparseable markup: counted and reported, the crawl goes on.
            assert self.stats is not None
            self.stats.inc_value("crawler/dropped/unparseable")
            raise DropItem(f"cannot read {item.url}: {exc}") from exc
        return ExtractedPage(page=item, fields=fields)
