"""The Scrapy scheduler of a distributed crawl: the job's shared queue and filter in Redis.

Built on scrapy-redis's Scheduler (its duplicate filter and enqueueing), with:

- leased pops (crawler.distributed.queue): each request this worker takes is
  held in its in-flight hash until the engine has finished with it, then
  acknowledged; a heartbeat keeps the lease; leases of dead workers are
  requeued by whichever worker notices first;
- a shared end: an idle worker keeps polling while anything is queued or
  leased anywhere, and the crawl ends, for every worker, when nothing is;
- feed-only mode, used by the feeder: start requests are enqueued, nothing
  is downloaded.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

from crawler.distributed import engine_access
from crawler.distributed.config import DistributedConfig, connect, new_worker_id
from crawler.distributed.dupefilter import JobDupeFilter
from crawler.distributed.job import DONE, JobStore
from crawler.distributed.queue import JobChanged, LeasedQueue, outstanding, requeue_dead_workers
from crawler.middlewares.retry import installed_reactor

logger = logging.getLogger(__name__)
#: Seconds between two acknowledgements sent while requests are being taken.
_ACK_EVERY = 0.1


class DistributedScheduler(RedisScheduler):
    def __init__(self, crawler: Crawler, config: DistributedConfig) -> None:
        server = connect(config.url)
        server.ping()
        super().__init__(
            server,
            persist=True,
            queue_key=config.keys.queue,
            dupefilter=JobDupeFilter(server, config.keys.dupefilter),
            dupefilter_key=config.keys.dupefilter,
        )
        self.crawler = crawler
        self.stats = crawler.stats
        self.config = config
        self.worker = new_worker_id()
        self.store = JobStore(server, config.keys)
        #: Lease token -> the request taken under it, until acknowledged.
        self.leased: dict[str, Request] = {}
        self.job_changed = False
        self._last_ack = 0.0
        self._beat: task.LoopingCall | None = None
        self._wake_call: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedScheduler:
        return cls(crawler, DistributedConfig.from_settings(crawler.settings))

    # -- life cycle ---------------------------------------------------------------------
    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.queue = LeasedQueue(
            self.server, spider, self.config.keys, self.worker, self.config.generation
        )
        if self.config.feed_only:
            return
        engine_access.check_engine(self.crawler)
        self.queue.heartbeat(self.config.lease)
        self._requeue_dead()
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        beat = task.LoopingCall(self._tick)
        beat.clock = installed_reactor()
        beat.start(max(0.2, self.config.lease / 3), now=False)
        self._beat = beat
        logger.info(
            "worker %s on job %s: %d requests queued",
            self.worker,
            self.config.keys.job,
            len(self.queue),
        )

    def close(self, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        if self.config.feed_only or not hasattr(self, "queue"):
            return
        self.acknowledge_finished()
        # The engine lets every request in progress finish before it closes the
        # scheduler; anything still leased now was never worked on.
        released = self.queue.release(list(self.leased))
        if released:
            logger.info("gave %d unfinished requests back to the queue", released)
        self.leased.clear()
        self.queue.retire()

    # -- requests -----------------------------------------------------------------------
    def has_pending_requests(self) -> bool:
        if self.config.feed_only or self.job_changed:
            return False
        return len(self.queue) > 0

    def enqueue_request(self, request: Request) -> bool:
        """Queue a request unless the job has seen it (a retry or redirect marked
        dont_filter goes in regardless)."""
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        if not self.queue.push_unseen(request, fingerprint):
            self.df.log(request, self.spider)
            return False
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.config.feed_only or self.job_changed:
            return None
        if time.monotonic() - self._last_ack >= _ACK_EVERY:
            self.acknowledge_finished()
        try:
            taken = self.queue.pop_leased()
        except JobChanged:
            logger.warning("job %s was fed again; this worker stops", self.config.keys.job)
            self.job_changed = True
            return None
        if taken is None:
            return None
        token, request = taken
        self.leased[token] = request
        if self.stats is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def acknowledge_finished(self) -> None:
        """Acknowledge the leased requests the engine has finished with."""
        self._last_ack = time.monotonic()
        if not self.leased:
            return
        busy = engine_access.in_progress(self.crawler)
        finished = [token for token, request in self.leased.items() if request not in busy]
        if not finished:
            return
        self.queue.ack(finished)
        for token in finished:
            del self.leased[token]
        if self.stats is not None:
            self.stats.inc_value("distributed/acknowledged", len(finished))

    # -- liveness and the end of the job --------------------------------------------------
    def _tick(self) -> None:
        try:
            self.queue.heartbeat(self.config.lease)
            self.acknowledge_finished()
            self._requeue_dead()
        except Exception:  # a Redis hiccup must not stop the heartbeat loop
            logger.exception("distributed heartbeat failed; retrying at the next beat")

    def _requeue_dead(self) -> None:
        requeued = requeue_dead_workers(self.server, self.config.keys, besides=self.worker)
        if requeued:
            logger.info("requeued %d requests of workers that stopped answering", requeued)
            if self.stats is not None:
                self.stats.inc_value("distributed/requeued", requeued)

    def on_idle(self, spider: Spider) -> None:
        """Stay open while the job has work anywhere; mark it done when it has none."""
        if self.job_changed:
            raise CloseSpider("job_changed")
        self.acknowledge_finished()
        self._requeue_dead()
        left = outstanding(self.server, self.config.keys)
        if left.done:
            if self.store.set_status(DONE, self.config.generation):
                logger.info("job %s is done", self.config.keys.job)
            return
        if self._wake_call is None or not self._wake_call.active():
            self._wake_call = installed_reactor().callLater(
                self.config.idle_poll, engine_access.wake, self.crawler
            )
        raise DontCloseSpider
