"""Run CPU-heavy extraction off the reactor's core.

Scrapy's reactor is single-threaded: trafilatura on the reactor thread stalls
downloads. With ``CRAWLER_EXTRACT_WORKERS`` > 0 the pipelines hand their pure
functions to a process pool and await the result, so extraction runs on the
other cores while the reactor keeps fetching. With 0 they run inline.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler

T = TypeVar("T")

_POOLS: dict[int, Executor] = {}


def default_workers() -> int:
    """One worker per core beyond the reactor's own, at least one on a multi-core machine."""
    cores = os.cpu_count() or 1
    return max(0, cores - 1)


def _warm_up() -> None:
    # Import the extraction stack once per worker, before the first page.
    import crawler.extraction.record  # noqa: F401


def shared_pool(workers: int) -> Executor:
    """One pool per process and size, shared by every pipeline that offloads."""
    pool = _POOLS.get(workers)
    if pool is None:
        # "spawn": forking a process that runs a Twisted reactor and threads is unsafe.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)
        _POOLS[workers] = pool
    return pool


def shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=True, cancel_futures=True)
    _POOLS.clear()


class Offloader:
    """Calls a picklable function inline or in the shared process pool."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = shared_pool(workers) if workers > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Offloader:
        value = crawler.settings.get("CRAWLER_EXTRACT_WORKERS", "auto")
        workers = default_workers() if str(value).lower() == "auto" else int(value)
        crawler.signals.connect(shutdown_pools, signal=signals.engine_stopped)
        return cls(workers)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        if self.pool is None:
            return function(*args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, function, *args)
