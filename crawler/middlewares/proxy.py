"""Route every request through one proxy given as a setting.

Users outside Vietnam set ``http_proxy``/``https_proxy``, which Scrapy's own
HttpProxyMiddleware honours. This component is for a proxy fixed per run:
the demo and the tests route every request through the local sample web, so
that no request can leave the machine whatever the environment says.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


def proxy_from_settings(value: str) -> str:
    """Validate a proxy URL setting: scheme, host and port are required."""
    if not value.startswith(("http://", "https://")) or value.count(":") < 2:
        raise ValueError(f"CRAWLER_FIXED_PROXY must look like http://host:port, got {value!r}")
    return value.rstrip("/")


class FixedProxyMiddleware:
    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FixedProxyMiddleware:
        value = crawler.settings.get("CRAWLER_FIXED_PROXY", "")
        if not value:
            raise NotConfigured
        return cls(proxy_from_settings(value))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.meta["proxy"] = self.proxy
