"""Run CPU-heavy extraction off the reactor's core.

Scrapy's reactor is single-threaded: trafilatura on the reactor thread stalls
downloads. With ``CRAWLER_EXTRACT_WORKERS`` > 0 the pipelines hand their pure
functions to worker processes and await the result, so extraction runs on the
other cores while the reactor keeps fetching. With 0 they run inline.

The workers are fed by the event loop itself, one pipe per worker
(:class:`WorkerPool`), not through ``concurrent.futures``: its process pool
passes every call through two helper threads and three wake-up pipes, which on
a two-core machine cost the reactor's process about a quarter of a millisecond
per call in thread switches and GIL hand-offs.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    # Only for annotations: a worker imports this module and should not pay for
    # importing Scrapy.
    from scrapy.crawler import Crawler

T = TypeVar("T")

#: A call is sent to a worker that is still busy with another only when it is
#: this small: the pipe then holds it without blocking the reactor on a write.
SMALL_CALL_BYTES = 48 * 1024
#: Calls handed to one worker at a time (one running, the others waiting in its pipe, so
#: that it does not idle while the reactor is busy with a burst of responses).
CALLS_PER_WORKER = 4


class WorkerDied(RuntimeError):
    """An extraction worker exited (killed, out of memory) with calls unanswered."""


def default_workers() -> int:
    """One worker per core on a multi-core machine; none (extraction inline) on one core.

    Not one fewer than the cores: the reactor's process waits on the network for part of
    each page and leaves its core idle then. Measured on two cores (bench/README.md, fourth
    round), one worker left both the reactor and the worker waiting on each other a quarter
    of the time; with two the kernel fills the gaps and the harvest ran 0.87-0.91x the
    link-only spider's rate instead of 0.72-0.76x.
    """
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


def _serve(conn: Connection) -> None:
    """A worker's life: answer calls, in order, until told to stop or the pipe closes."""
    import crawler.extraction.record  # noqa: F401  (the extraction stack, before the first page)

    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        function, args = call
        try:
            answer: tuple[bool, Any] = (True, function(*args))
        except Exception as exc:  # sent back: the awaiting pipeline decides what it means
            answer = (False, exc)
        try:
            conn.send(answer)
        except Exception:  # an answer that cannot be pickled: its description instead
            conn.send((False, RuntimeError(traceback.format_exc())))


@dataclass
class _Call:
    payload: bytes
    future: asyncio.Future[Any]


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    #: Futures of the calls sent and not yet answered, oldest first.
    waiting: deque[asyncio.Future[Any]] = field(default_factory=deque)
    alive: bool = True


class WorkerPool:
    """Worker processes, each fed through its own pipe by the running event loop."""

    def __init__(self, workers: int) -> None:
        self.size = workers
        self.workers: list[_Worker] = []
        self.queue: deque[_Call] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Start the workers (on the first call: a crawl that finds no article needs none)."""
        # "spawn": forking a process that runs a Twisted reactor and threads is unsafe.
        context = multiprocessing.get_context("spawn")
        for _ in range(self.size):
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(target=_serve, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            self.workers.append(_Worker(process, ours))

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        if not self.workers:
            self.start()
        if loop is not self.loop:
            self._attach(loop)
        payload = bytes(ForkingPickler.dumps((function, args)))
        future: asyncio.Future[T] = loop.create_future()
        self.queue.append(_Call(payload, future))
        self._dispatch()
        return await future

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        for worker in self.workers:
            if worker.alive:
                loop.add_reader(worker.conn.fileno(), self._answered, worker)
        self.loop = loop

    def _dispatch(self) -> None:
        """Hand queued calls to workers: the idle first, then the busy, small calls only."""
        while self.queue:
            call = self.queue[0]
            worker = self._taker(len(call.payload))
            if worker is None:
                if not any(w.alive for w in self.workers):
                    self._fail_all(self.queue, WorkerDied("no extraction worker is left"))
                return
            self.queue.popleft()
            worker.waiting.append(call.future)
            try:
                worker.conn.send_bytes(call.payload)
            except OSError as exc:
                self._lose(worker, exc)

    def _taker(self, size: int) -> _Worker | None:
        alive = [w for w in self.workers if w.alive]
        idle = [w for w in alive if not w.waiting]
        if idle:
            return idle[0]
        if size > SMALL_CALL_BYTES:
            return None
        least = min(alive, key=lambda w: len(w.waiting), default=None)
        if least is None or len(least.waiting) >= CALLS_PER_WORKER:
            return None
        return least

    def _answered(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                ok, value = worker.conn.recv()
                future = worker.waiting.popleft()
                if future.cancelled():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except (EOFError, OSError) as exc:
            self._lose(worker, exc)
        self._dispatch()

    def _lose(self, worker: _Worker, cause: BaseException) -> None:
        """A worker is gone: its unanswered calls fail, the others carry on."""
        worker.alive = False
        if self.loop is not None:
            self.loop.remove_reader(worker.conn.fileno())
        code = worker.process.exitcode
        error = WorkerDied(f"an extraction worker exited (exit code {code}): {cause!r}")
        self._fail_all(worker.waiting, error)

    @staticmethod
    def _fail_all(calls: deque[Any], error: BaseException) -> None:
        while calls:
            entry = calls.popleft()
            future = entry.future if isinstance(entry, _Call) else entry
            if not future.done():
                future.set_exception(error)

    def shutdown(self) -> None:
        for worker in self.workers:
            if worker.alive and self.loop is not None and not self.loop.is_closed():
                self.loop.remove_reader(worker.conn.fileno())
            with contextlib.suppress(OSError):  # already gone: nothing to tell it
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self._fail_all(self.queue, WorkerDied("the extraction workers were shut down"))
        for worker in self.workers:
            self._fail_all(worker.waiting, WorkerDied("the extraction workers were shut down"))


_POOLS: dict[int, WorkerPool] = {}


def shared_pool(workers: int) -> WorkerPool:
    """One pool per process and size, shared by every pipeline that offloads."""
    pool = _POOLS.get(workers)
    if pool is None:
        pool = WorkerPool(workers)
        _POOLS[workers] = pool
    return pool


def shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown()
    _POOLS.clear()


class Offloader:
    """Calls a picklable function inline or in the shared worker pool."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = shared_pool(workers) if workers > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Offloader:
        from scrapy import signals

        value = crawler.settings.get("CRAWLER_EXTRACT_WORKERS", "auto")
        workers = default_workers() if str(value).lower() == "auto" else int(value)
        crawler.signals.connect(shutdown_pools, signal=signals.engine_stopped)
        return cls(workers)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        if self.pool is None:
            return function(*args)
        return await self.pool.run(function, *args)
