"""The job's duplicate filter: scrapy-redis's, kept when a worker closes.

Scrapy closes the filter at the end of every worker's crawl and
scrapy-redis's filter then deletes its set; here the set belongs to the job
and is only cleared when the job is fed anew (crawler.distributed.job).
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.distributed.config import DistributedConfig, connect


class JobDupeFilter(RFPDupeFilter):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobDupeFilter:
        config = DistributedConfig.from_settings(crawler.settings)
        return cls(
            connect(config.url),
            key=config.keys.dupefilter,
            debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )

    def close(self, reason: str = "") -> None:
        """Keep the job's fingerprints: other workers still use them."""
