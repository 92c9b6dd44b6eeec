"""Strip site chrome: a fetched page becomes headline, dates, byline and clean text.

The work is crawler.extraction.record.page_fields (trafilatura plus rules for
Vietnamese portals); this component only wraps it for Scrapy, running it in
the extraction process pool (crawler.offload) so the reactor keeps fetching.
The pool call also makes the meeting record from those fields
(``fields_with_record``), which the meeting pipeline then takes as it is: one
round trip to a worker per article, the page's bytes sent once.
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction.record import fields_with_record
from crawler.items import ExtractedPage, FetchedPage
from crawler.offload import Offloader


class BoilerplatePipeline:
    def __init__(self, crawler: Crawler, offloader: Offloader) -> None:
        self.stats = crawler.stats
        self.offloader = offloader

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        return cls(crawler, Offloader.from_crawler(crawler))

    async def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, FetchedPage):
            return item
        try:
            fields = await self.offloader.run(
                fields_with_record, item.body, item.url, "html", item.encoding
            )
        except ValueError as exc:
            # Unparseable markup: counted and reported, the crawl goes on.
            assert self.stats is not None
            self.stats.inc_value("crawler/dropped/unparseable")
            raise DropItem(f"cannot read {item.url}: {exc}") from exc
        return ExtractedPage(page=item, fields=fields)
