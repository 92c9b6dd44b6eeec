"""Run CPU-heavy extraction off the reactor's core.

Scrapy's reactor is single-threaded: trafilatura on the reactor thread stalls
downloads. With ``CRAWLER_EXTRACT_WORKERS`` > 0 the pipelines hand their pure
functions to worker processes and await the result, so extraction runs on the
other cores while the reactor keeps fetching. With 0 they run inline.

The workers are fed by the event loop itself, two pipes per worker
(:class:`WorkerPool`), not through ``concurrent.futures``: its process pool
passes every call through two helper threads and three wake-up pipes, which on
a two-core machine cost the reactor's process about a quarter of a millisecond
per call in thread switches and GIL hand-offs. Calls are written without ever
blocking: what the pipe cannot take yet waits in the pool and is written when
the loop says the pipe is writable. A blocking write of a large page stalled
the reactor until the worker was scheduled to read it.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import multiprocessing
import os
import struct
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

#: Calls handed to one worker at a time (one running, the others waiting in its pipe, so
#: that it does not idle while the reactor is busy with a burst of responses).
CALLS_PER_WORKER = 4
#: Pipe capacity asked for (Linux; the default is 64 KiB): a few pages fit at once,
#: so that most calls are written in one go.
PIPE_BYTES = 1024 * 1024


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


def _serve(calls: Connection, answers: Connection) -> None:
    """A worker's life: answer calls, in order, until told to stop or the pipe closes."""
    import crawler.extraction.record  # noqa: F401  (the extraction stack, before the first page)

    while True:
        try:
            call = calls.recv()
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
            answers.send(answer)
        except Exception:  # an answer that cannot be pickled: its description instead
            answers.send((False, RuntimeError(traceback.format_exc())))


def _frame(payload: bytes) -> bytes:
    """A pickled call framed as ``Connection.send_bytes`` frames it, for ``recv`` to read."""
    if len(payload) > 0x7FFFFFFF:
        return struct.pack("!i", -1) + struct.pack("!Q", len(payload)) + payload
    return struct.pack("!i", len(payload)) + payload


def _widen(fd: int) -> None:
    """Ask for a larger pipe. Linux only, and refused above the system's limit: the
    default pipe then works as well, with more writes per call."""
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


@dataclass
class _Call:
    payload: bytes
    future: asyncio.Future[Any]


@dataclass
class _Worker:
    process: BaseProcess
    #: Our end of the calls pipe, non-blocking.
    calls: Connection
    #: Our end of the answers pipe, read when the loop says it is readable.
    answers: Connection
    #: Futures of the calls sent and not yet answered, oldest first.
    waiting: deque[asyncio.Future[Any]] = field(default_factory=deque)
    #: Framed calls, or what is left of them, that the pipe has not taken yet.
    unwritten: deque[memoryview] = field(default_factory=deque)
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
            their_calls, our_calls = context.Pipe(duplex=False)
            our_answers, their_answers = context.Pipe(duplex=False)
            process = context.Process(
                target=_serve, args=(their_calls, their_answers), daemon=True
            )
            process.start()
            their_calls.close()
            their_answers.close()
            _widen(our_calls.fileno())
            os.set_blocking(our_calls.fileno(), False)
            self.workers.append(_Worker(process, our_calls, our_answers))

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
                loop.add_reader(worker.answers.fileno(), self._answered, worker)
        self.loop = loop

    def _dispatch(self) -> None:
        """Hand queued calls to the least busy workers, up to CALLS_PER_WORKER each."""
        while self.queue:
            worker = self._taker()
            if worker is None:
                if not any(w.alive for w in self.workers):
                    self._fail_all(self.queue, WorkerDied("no extraction worker is left"))
                return
            call = self.queue.popleft()
            worker.waiting.append(call.future)
            worker.unwritten.append(memoryview(_frame(call.payload)))
            if len(worker.unwritten) == 1:  # else a write is already waiting for the pipe
                self._write(worker)

    def _taker(self) -> _Worker | None:
        alive = [w for w in self.workers if w.alive]
        least = min(alive, key=lambda w: len(w.waiting), default=None)
        if least is None or len(least.waiting) >= CALLS_PER_WORKER:
            return None
        return least

    def _write(self, worker: _Worker) -> None:
        """Write what the worker's pipe takes now; wait for the loop for the rest."""
        fd = worker.calls.fileno()
        try:
            while worker.unwritten:
                chunk = worker.unwritten[0]
                written = os.write(fd, chunk)
                if written < len(chunk):
                    worker.unwritten[0] = chunk[written:]
                    break
                worker.unwritten.popleft()
        except BlockingIOError:
            pass  # the pipe is full: the loop calls back when it is writable
        except OSError as exc:
            self._lose(worker, exc)
            return
        assert self.loop is not None
        if worker.unwritten:
            self.loop.add_writer(fd, self._write, worker)
        else:
            self.loop.remove_writer(fd)

    def _answered(self, worker: _Worker) -> None:
        try:
            while worker.answers.poll():
                ok, value = worker.answers.recv()
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
        worker.unwritten.clear()
        if self.loop is not None:
            self.loop.remove_reader(worker.answers.fileno())
            self.loop.remove_writer(worker.calls.fileno())
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
                self.loop.remove_reader(worker.answers.fileno())
                self.loop.remove_writer(worker.calls.fileno())
            # Closing the calls pipe tells the worker to stop: it reads to the end, then EOF
            # (a call left half-written is dropped with it; its future fails below).
            worker.calls.close()
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.answers.close()
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
