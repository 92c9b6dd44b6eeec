"""Running the two halves of a distributed crawl in this process.

- :func:`feed_job`: describe the job in Redis and push the spider's start
  requests into its queue (a crawl whose scheduler enqueues and downloads
  nothing), then open the job to workers;
- :func:`run_worker`: wait for the job to be open, then run its spider with
  its arguments and settings against the shared queue until the job is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy import Spider
from scrapy.settings import SETTINGS_PRIORITIES, Settings
from scrapy.spiderloader import get_spider_loader

from crawler.distributed.config import DistributedConfig, JobKeys, connect
from crawler.distributed.job import OPEN, JobDescription, JobStore
from crawler.distributed.queue import outstanding
from crawler.runner import build_settings, crawl_stats, run_spider

SCHEDULER = "crawler.distributed.scheduler.DistributedScheduler"
DUPEFILTER = "crawler.distributed.dupefilter.JobDupeFilter"
PACED_HANDLER = "crawler.distributed.politeness.PacedHTTPDownloadHandler"
SHARED_SCOPE = "crawler.distributed.scope.SharedScopeExtension"

# Settings of the feeder's command line that are not the job's: where this
# process stores, logs and stops, and the distributed machinery itself.
_NOT_JOB_SETTINGS = frozenset(
    {
        "CRAWLER_DATABASE",
        "CRAWLER_REDIS_FEED_ONLY",
        "CRAWLER_REDIS_GENERATION",
        "CRAWLER_REDIS_JOB",
        "CRAWLER_REDIS_PREFIX",
        "LOG_LEVEL",
        "CLOSESPIDER_PAGECOUNT",
        "REDIS_URL",
        "SCHEDULER",
        "DUPEFILTER_CLASS",
    }
)


@dataclass
class WorkerResult:
    job: JobDescription | None
    database: str = ""
    stats: dict[str, Any] = field(default_factory=dict)


def job_settings(settings: Settings) -> list[str]:
    """The settings given on the feeder's command line, as NAME=VALUE for the workers."""
    cmdline = SETTINGS_PRIORITIES["cmdline"]
    chosen = []
    for name in sorted(settings):
        if name in _NOT_JOB_SETTINGS:
            continue
        if settings.getpriority(name) == cmdline:
            chosen.append(f"{name}={settings.get(name)}")
    return chosen


def enable_distributed(settings: Settings, config: DistributedConfig) -> None:
    """Point a crawl's settings at the job's shared queue, filter and host slots."""
    values = {
        "REDIS_URL": config.url,
        "CRAWLER_REDIS_PREFIX": config.keys.prefix,
        "CRAWLER_REDIS_JOB": config.keys.job,
        "CRAWLER_REDIS_GENERATION": config.generation,
        "CRAWLER_REDIS_FEED_ONLY": config.feed_only,
        "SCHEDULER": SCHEDULER,
        "DUPEFILTER_CLASS": DUPEFILTER,
    }
    for name, value in values.items():
        settings.set(name, value, priority="cmdline")
    if config.host_delay > 0 and not config.feed_only:
        handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
        handlers.update({"http": PACED_HANDLER, "https": PACED_HANDLER})
        settings.set("DOWNLOAD_HANDLERS", handlers, priority="cmdline")
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions[SHARED_SCOPE] = 100
    settings.set("EXTENSIONS", extensions, priority="cmdline")


def config_for(
    url: str, keys: JobKeys, settings: Settings, *, generation: str, feed_only: bool
) -> DistributedConfig:
    probe = settings.copy()
    probe.set("REDIS_URL", url, priority="cmdline")
    probe.set("CRAWLER_REDIS_PREFIX", keys.prefix, priority="cmdline")
    probe.set("CRAWLER_REDIS_JOB", keys.job, priority="cmdline")
    probe.set("CRAWLER_REDIS_GENERATION", generation, priority="cmdline")
    probe.set("CRAWLER_REDIS_FEED_ONLY", feed_only, priority="cmdline")
    return DistributedConfig.from_settings(probe)


def feed_job(
    url: str,
    keys: JobKeys,
    spider_cls: type[Spider],
    spider_args: dict[str, Any],
    settings: Settings,
    database: str,
) -> int:
    """Describe the job, enqueue its start requests, open it; the number of requests queued.

    Raises crawler.distributed.job.JobBusy while the job still has work.
    """
    store = JobStore(connect(url), keys)
    assert spider_cls.name, "a spider needs a name to be found by the workers"
    description = store.begin_feed(
        JobDescription(
            spider=spider_cls.name,
            args=spider_args,
            settings=job_settings(settings),
            database=database,
        )
    )
    feeding = settings.copy()
    # The feeder downloads and extracts nothing: no extraction processes, no progress line.
    for name, value in (
        ("CRAWLER_EXTRACT_WORKERS", 0),
        ("CRAWLER_PROGRESS", False),
        ("CRAWLER_FAIL_ON_EMPTY", False),
    ):
        feeding.set(name, value, priority="cmdline")
    enable_distributed(
        feeding, config_for(url, keys, feeding, generation=description.generation, feed_only=True)
    )
    run_spider(spider_cls, feeding, **spider_args)
    queued = outstanding(store.server, keys).queued
    store.set_status(OPEN, description.generation)
    return queued


def worker_settings(
    job: JobDescription,
    url: str,
    keys: JobKeys,
    database: str,
    overrides: list[str],
    log_level: str | None,
) -> Settings:
    """The job's settings, then this worker's own -s settings, then the distributed ones."""
    settings = build_settings(
        database=database, overrides=[*job.settings, *overrides], log_level=log_level
    )
    # Another worker may well have stored every article: an empty share is no failure.
    settings.set("CRAWLER_FAIL_ON_EMPTY", False, priority="cmdline")
    enable_distributed(
        settings, config_for(url, keys, settings, generation=job.generation, feed_only=False)
    )
    return settings


def run_worker(
    url: str,
    keys: JobKeys,
    *,
    database: str | None,
    overrides: list[str],
    log_level: str | None,
    wait_when_done: bool = False,
    wait_timeout: float | None = None,
) -> WorkerResult:
    """Serve the job until it is done; WorkerResult(job=None) when there was no open job."""
    store = JobStore(connect(url), keys)
    job = store.wait_until_open(timeout=wait_timeout, wait_when_done=wait_when_done)
    if job is None:
        return WorkerResult(job=None)
    target = database or job.database or None
    settings = worker_settings(job, url, keys, target or "", overrides, log_level)
    spider_cls = get_spider_loader(settings).load(job.spider)
    crawler = run_spider(spider_cls, settings, **job.args)
    return WorkerResult(
        job=job, database=settings.get("CRAWLER_DATABASE", ""), stats=crawl_stats(crawler)
    )
