"""Retries with exponential back-off, honouring Retry-After.

Scrapy's RetryMiddleware re-queues at once, which hammers a portal that is
already failing. This subclass waits before handing the retry back; the wait
holds the host's download slot, so the whole host is backed off.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from twisted.internet import task


def installed_reactor() -> Any:
    """The running reactor, imported late: importing it at module level would
    install the default reactor before Scrapy installs the asyncio one."""
    from twisted.internet import reactor

    return reactor


def backoff_delay(attempt: int, base: float, cap: float, retry_after: str | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based).

    A Retry-After header (seconds or an HTTP date) wins when it is sane;
    otherwise full-jitter exponential back-off, capped.
    """
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))
    if base <= 0:
        return 0.0
    return random.uniform(0, min(cap, base * 2 ** (attempt - 1)))


class BackoffRetryMiddleware(RetryMiddleware):
    base: float
    cap: float

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.base = crawler.settings.getfloat("CRAWLER_RETRY_BACKOFF_BASE", 1.0)
        middleware.cap = crawler.settings.getfloat("CRAWLER_RETRY_BACKOFF_MAX", 60.0)
        return middleware

    async def _wait(self, request: Request, retry_after: str | None) -> None:
        attempt = request.meta.get("retry_times", 0) + 1
        delay = backoff_delay(attempt, self.base, self.cap, retry_after)
        if delay > 0:
            await deferred_to_future(task.deferLater(installed_reactor(), delay, lambda: None))

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            header = response.headers.get(b"Retry-After")
            await self._wait(request, header.decode("latin-1") if header else None)
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(request, None)
        return result
