"""Per-host politeness across workers: one request per host per delay, whoever sends it.

Each worker's own download slots space its requests to a host; with N
workers a host would see N times the rate. Just before a request is sent,
the worker takes the host's slot in Redis, a key set only if absent and
expiring after the delay (``SET host NX PX delay``); while another worker
holds it, the request waits for the key's remaining time. One round trip per
request when the slot is free.

The wait happens in the HTTP download handler, after the worker's own slot
queue, so it spaces what actually leaves the workers (a downloader
middleware would space requests before they queue locally, and they could
still leave together). The delay is ``CRAWLER_REDIS_HOST_DELAY`` seconds,
by default DOWNLOAD_DELAY; 0 turns it off.
"""

from __future__ import annotations

from redis import Redis
from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from twisted.internet import task

from crawler.distributed.config import DistributedConfig, JobKeys, connect
from crawler.middlewares.retry import installed_reactor
from crawler.urls import host_of

#: Shortest wait between two tries for a slot, in seconds.
_MIN_WAIT = 0.002


class HostSlots:
    """The shared per-host slots: :meth:`take` returns once this worker may send."""

    def __init__(self, server: Redis, keys: JobKeys, delay: float) -> None:
        self.server = server
        self.keys = keys
        self.delay_ms = max(1, int(delay * 1000))

    def try_take(self, host: str) -> float:
        """0 when the slot was taken, else the seconds until it may be free."""
        key = self.keys.host_slot(host)
        if self.server.set(key, b"1", nx=True, px=self.delay_ms):
            return 0.0
        remaining_ms = int(self.server.pttl(key))  # -2 gone meanwhile, -1 no expiry
        return max(_MIN_WAIT, remaining_ms / 1000 if remaining_ms > 0 else 0.0)

    async def take(self, host: str) -> float:
        """Wait for the host's slot; the seconds waited."""
        waited = 0.0
        while wait := self.try_take(host):
            await deferred_to_future(task.deferLater(installed_reactor(), wait, lambda: None))
            waited += wait
        return waited


class PacedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler that first takes the host's shared slot."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        config = DistributedConfig.from_settings(crawler.settings)
        if config.host_delay <= 0:
            raise NotConfigured("no shared host delay")
        self.slots = HostSlots(connect(config.url), config.keys, config.host_delay)
        self.stats = crawler.stats

    async def download_request(self, request: Request) -> Response:
        waited = await self.slots.take(host_of(request.url))
        if waited and self.stats is not None:
            self.stats.inc_value("distributed/host_wait_ms", int(waited * 1000))
        return await super().download_request(request)
