"""Classify each article and extract the meeting's fields (SCHEMA.md "The meeting").

The rules live in crawler.extraction (pure functions); this component turns
an ExtractedPage into an ArticleItem. When the boilerplate pipeline's worker
already made the record from the same fields (FieldsWithRecord), it is used
as it is; otherwise the record is made here, in the extraction pool.
"""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler

from crawler.extraction.record import FieldsWithRecord, meeting_record
from crawler.items import ArticleItem, ExtractedPage
from crawler.offload import Offloader


class MeetingFieldsPipeline:
    def __init__(self, crawler: Crawler, offloader: Offloader) -> None:
        self.stats = crawler.stats
        self.offloader = offloader

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MeetingFieldsPipeline:
        return cls(crawler, Offloader.from_crawler(crawler))

    async def process_item(self, item: object, spider: Spider | None = None) -> object:
        if not isinstance(item, ExtractedPage):
            return item
        if isinstance(item.fields, FieldsWithRecord) and item.fields.record:
            record = dict(item.fields.record)
        else:
            record = await self.offloader.run(meeting_record, item.fields, item.page.url)
        page = item.page
        record.update(
            fetched_at=page.fetched_at,
            capture_time=page.capture_time,
            archive_url=page.archive_url,
        )
        article = ArticleItem.from_record(record)
        article.page = page
        return article
