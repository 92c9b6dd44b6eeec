"""A one-line progress display for long runs, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


def progress_line(stats: dict[str, object], elapsed: float) -> str:
    """ "pages 120 | records 80 (12 new) | meetings 15 | errors 2 | 3.4 pages/s"."""

    def number(key: str) -> int:
        value = stats.get(key, 0)
        return value if isinstance(value, int) else 0

    pages = number("response_received_count")
    records = sum(
        number(f"crawler/records/{k}") for k in ("new", "updated", "reextracted", "unchanged")
    )
    errors = number("crawler/fetch_failed") + sum(
        v
        for k, v in stats.items()
        if k.startswith("downloader/response_status_count/5") and isinstance(v, int)
    )
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (
        f"pages {pages} | records {records} ({number('crawler/records/new')} new) | "
        f"meetings {number('crawler/meeting_reports')} | errors {errors} | {rate:.1f} pages/s"
    )


class ProgressExtension:
    def __init__(self, crawler: Crawler, stream: TextIO, interval: float) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        stream = sys.stderr
        if not crawler.settings.getbool("CRAWLER_PROGRESS", True) or not stream.isatty():
            raise NotConfigured
        extension = cls(
            crawler, stream, crawler.settings.getfloat("CRAWLER_PROGRESS_INTERVAL", 2.0)
        )
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def show(self) -> None:
        assert self.crawler.stats is not None
        line = progress_line(self.crawler.stats.get_stats(), time.monotonic() - self.started)
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write("\n")
