"""Field coverage at the close of a run, and a failed status for a run that stored nothing.

A harvest that yields no article is almost always a broken site or a
changed layout, not an empty site: the run is marked failed
(``crawler/failed`` in the stats, non-zero exit status of the CLI).
"""

from __future__ import annotations

import logging
from collections import Counter

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.items import ArticleItem
from crawler.schema import MEETING_FACT_FIELDS, PLACE_FIELDS

logger = logging.getLogger(__name__)

COVERED_FIELDS = (
    "title",
    "published",
    "author",
    *PLACE_FIELDS,
    *MEETING_FACT_FIELDS,
    "officials",
    "figures",
)


class FieldCoverageExtension:
    def __init__(self, crawler: Crawler, fail_on_empty: bool) -> None:
        self.crawler = crawler
        self.fail_on_empty = fail_on_empty
        self.items = 0
        self.meetings = 0
        self.filled: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FieldCoverageExtension:
        extension = cls(crawler, crawler.settings.getbool("CRAWLER_FAIL_ON_EMPTY", True))
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: object) -> None:
        if not isinstance(item, ArticleItem):
            return
        self.items += 1
        if not item.is_meeting_report:
            return
        self.meetings += 1
        for name in COVERED_FIELDS:
            if getattr(item, name) not in (None, "", []):
                self.filled[name] += 1

    def coverage(self) -> dict[str, float]:
        """Share of meeting reports with each field filled."""
        if not self.meetings:
            return {}
        return {name: self.filled[name] / self.meetings for name in COVERED_FIELDS}

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("crawler/articles", self.items)
        for name, share in self.coverage().items():
            stats.set_value(f"crawler/coverage/{name}", round(share, 3))
        if self.meetings:
            summary = ", ".join(f"{k} {v:.0%}" for k, v in self.coverage().items())
            logger.info("field coverage over %d meeting reports: %s", self.meetings, summary)
        if self.items == 0 and self.fail_on_empty:
            stats.set_value("crawler/failed", "no articles were found")
            logger.error("the run found no articles: the site may be down or its layout changed")
