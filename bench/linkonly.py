"""The floor: a Scrapy spider that only follows in-site links and yields no items.

Run in its own process (one Twisted reactor per crawl) with the same download
settings as the harvest, so the difference between the two is the cost of
what the harvest does on top of fetching and following links.

``python -m bench.linkonly URL --proxy http://127.0.0.1:PORT [-s NAME=VALUE]...``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse


class LinkOnlySpider(scrapy.Spider):
    name = "linkonly"

    def __init__(self, start_url: str, proxy: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start_url]
        self.allowed_domains = [urlsplit(start_url).hostname or ""]
        self.proxy = proxy

    async def start(self) -> Any:
        for url in self.start_urls:
            yield scrapy.Request(url, meta={"proxy": self.proxy})

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for href in response.xpath("//a/@href").getall():
            if href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            yield response.follow(href, meta={"proxy": self.proxy})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--proxy", required=True)
    parser.add_argument("-s", dest="settings", action="append", default=[])
    args = parser.parse_args(argv)
    settings: dict[str, Any] = {
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }
    for text in args.settings:
        name, _, value = text.partition("=")
        settings[name] = value
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(LinkOnlySpider)
    process.crawl(crawler, start_url=args.url, proxy=args.proxy)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    pages = int(stats.get("response_received_count", 0))
    print(json.dumps({"pages": pages}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
