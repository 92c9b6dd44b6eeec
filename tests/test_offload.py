"""The extraction worker pool: answers in order, errors carried back, a dead worker noticed."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator

import pytest

from crawler.offload import PIPE_BYTES, WorkerDied, WorkerPool, default_workers


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(2)
    yield workers
    workers.shutdown()


def test_every_call_gets_its_own_answer(pool: WorkerPool) -> None:
    texts = [f"trang {n} " * (n % 7 + 1) for n in range(60)]
    # A body larger than the pipe is written in parts as the worker reads; it arrives whole.
    texts.append("x" * (PIPE_BYTES * 3))

    async def run_all() -> list[str]:
        return await asyncio.gather(*(pool.run(str.upper, text) for text in texts))

    assert asyncio.run(run_all()) == [text.upper() for text in texts]


def test_a_large_call_to_a_busy_worker_waits_in_the_pool_not_in_the_loop(
    pool: WorkerPool,
) -> None:
    big = "x" * (PIPE_BYTES * 4)

    async def scenario() -> tuple[bool, list[object]]:
        busy = [asyncio.ensure_future(pool.run(_sleep_then, 1.0)) for _ in range(2)]
        await asyncio.sleep(0.3)  # both workers asleep, not reading their pipes
        sent = asyncio.ensure_future(pool.run(len, big))
        await asyncio.sleep(0)  # the call is dispatched; the loop is back here at once
        held = any(worker.unwritten for worker in pool.workers)
        return held, list(await asyncio.gather(*busy, sent))

    held, answers = asyncio.run(scenario())
    assert held  # the rest of the call waited for the pipe, and the loop went on
    assert answers == [1.0, 1.0, len(big)]


def test_an_exception_in_a_worker_reaches_the_caller(pool: WorkerPool) -> None:
    async def call() -> int:
        return await pool.run(int, "không phải số")

    with pytest.raises(ValueError, match="invalid literal"):
        asyncio.run(call())

    async def after() -> int:
        return await pool.run(int, "42")

    assert asyncio.run(after()) == 42  # the worker carries on


def test_a_killed_worker_fails_its_calls_and_the_other_carries_on(pool: WorkerPool) -> None:
    async def scenario() -> tuple[BaseException | None, int]:
        # A call that sleeps, so the first worker is busy when it is killed.
        slow = asyncio.ensure_future(pool.run(_sleep_then, 5.0))
        await asyncio.sleep(0.5)
        victim = next(w for w in pool.workers if w.waiting)
        os.kill(victim.process.pid or 0, signal.SIGKILL)
        try:
            await asyncio.wait_for(slow, timeout=20)
            failure = None
        except WorkerDied as exc:
            failure = exc
        return failure, await pool.run(len, "còn sống")

    failure, answer = asyncio.run(scenario())
    assert isinstance(failure, WorkerDied)
    assert answer == len("còn sống")


def test_without_workers_left_calls_fail_instead_of_waiting() -> None:
    lone = WorkerPool(1)
    lone.start()
    try:
        os.kill(lone.workers[0].process.pid or 0, signal.SIGKILL)
        lone.workers[0].process.join(timeout=10)

        async def call() -> int:
            return await asyncio.wait_for(lone.run(len, "a"), timeout=20)

        with pytest.raises(WorkerDied):
            asyncio.run(call())
    finally:
        lone.shutdown()


def _sleep_then(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_workers_start_with_the_first_call() -> None:
    idle = WorkerPool(2)
    try:
        assert idle.workers == []  # a crawl that finds no article starts no process

        async def call() -> int:
            return await idle.run(len, "một")

        assert asyncio.run(call()) == 3
        assert len(idle.workers) == 2
    finally:
        idle.shutdown()


@pytest.mark.parametrize(("cores", "workers"), [(None, 0), (1, 0), (2, 2), (8, 8)])
def test_default_workers_use_every_core_but_stay_inline_on_one(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert default_workers() == workers
