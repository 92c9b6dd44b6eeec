"""Log lines that name the page, never dump it.

Scrapy's default formatter logs a dropped item's whole repr at WARNING; for
pages that is kilobytes of markup per line. Drops are counted in the stats
(crawler/dropped/<reason>) and logged here at INFO with the reason only.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class CrawlerLogFormatter(LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider | None = None,
    ) -> LogFormatterResult:
        return {
            "level": logging.INFO,
            "msg": "Dropped: %(exception)s",
            "args": {"exception": exception},
        }
