"""Settings of distributed crawling and the Redis key names they imply.

Distributed crawling is on when ``REDIS_URL`` is set (as a setting or in the
environment) and the scheduler of this module's package is chosen; every
component raises NotConfigured without it, so a run without Redis is a plain
one-process crawl.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass

from redis import Redis
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

REDIS_URL_ENV = "REDIS_URL"
JOB_ENV = "CRAWLER_JOB"
DEFAULT_JOB = "default"
DEFAULT_PREFIX = "crawler"
#: Seconds a worker's lease on its in-flight requests lasts without a heartbeat.
DEFAULT_LEASE = 30.0
#: Seconds between two looks at the shared queue while this worker has nothing to do.
DEFAULT_IDLE_POLL = 0.1


def redis_url(settings: BaseSettings | None = None) -> str:
    """REDIS_URL from the settings, else from the environment; "" when neither."""
    value = settings.get("REDIS_URL", "") if settings is not None else ""
    return str(value or os.environ.get(REDIS_URL_ENV, "")).strip()


def job_name(explicit: str | None = None) -> str:
    name = (explicit or os.environ.get(JOB_ENV, "") or DEFAULT_JOB).strip()
    if not name or any(ch in name for ch in " :*?[]"):
        raise ValueError(f"a job name is a word without spaces, ':' or wildcards, got {name!r}")
    return name


def connect(url: str) -> Redis:
    """A client of the server at ``url`` (bytes in, bytes out)."""
    return Redis.from_url(
        url,
        socket_timeout=30,
        socket_connect_timeout=10,
        retry_on_timeout=True,
        health_check_interval=30,
    )


def new_worker_id() -> str:
    """Unique per process and readable in `redis-cli`: host, pid and a random tail."""
    return f"{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class JobKeys:
    """The Redis keys of one job (all under ``PREFIX:JOB:``) and of the host slots."""

    prefix: str
    job: str

    def _key(self, *parts: str) -> str:
        return ":".join((self.prefix, self.job, *parts))

    @property
    def description(self) -> str:
        return self._key("job")

    @property
    def queue(self) -> str:
        return self._key("queue")

    @property
    def dupefilter(self) -> str:
        return self._key("dupefilter")

    @property
    def workers(self) -> str:
        """The set of worker ids that may hold leases."""
        return self._key("workers")

    @property
    def sequence(self) -> str:
        return self._key("seq")

    def inflight(self, worker: str) -> str:
        return self._key("inflight", worker)

    def alive(self, worker: str) -> str:
        return self._key("alive", worker)

    def shared_set(self, name: str) -> str:
        return self._key("scope", name)

    def job_pattern(self) -> str:
        return self._key("*")

    def host_slot(self, host: str) -> str:
        # Not per job: politeness holds across every job crawling the same host.
        return f"{self.prefix}:host:{host}"


@dataclass(frozen=True)
class DistributedConfig:
    url: str
    keys: JobKeys
    lease: float
    idle_poll: float
    #: Minimum seconds between two requests to one host from all workers (0 = off).
    host_delay: float
    #: Only push the spider's start requests into the queue; download nothing.
    feed_only: bool
    #: The job generation this process serves; a re-fed job has a new one.
    generation: str

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> DistributedConfig:
        url = redis_url(settings)
        if not url:
            raise NotConfigured("REDIS_URL is not set: not a distributed crawl")
        host_delay = settings.get("CRAWLER_REDIS_HOST_DELAY", "")
        if host_delay in ("", None):
            host_delay = settings.getfloat("DOWNLOAD_DELAY", 0.0)
        lease = settings.getfloat("CRAWLER_REDIS_LEASE", DEFAULT_LEASE)
        if lease <= 0:
            raise ValueError("CRAWLER_REDIS_LEASE must be a positive number of seconds")
        return cls(
            url=url,
            keys=JobKeys(
                settings.get("CRAWLER_REDIS_PREFIX", "") or DEFAULT_PREFIX,
                job_name(settings.get("CRAWLER_REDIS_JOB", "")),
            ),
            lease=lease,
            idle_poll=settings.getfloat("CRAWLER_REDIS_IDLE_POLL", DEFAULT_IDLE_POLL),
            host_delay=max(0.0, float(host_delay)),
            feed_only=settings.getbool("CRAWLER_REDIS_FEED_ONLY", False),
            generation=str(settings.get("CRAWLER_REDIS_GENERATION", "") or ""),
        )
