"""The shared queue, leases, job state and shared sets, against a real Redis server."""

from __future__ import annotations

import time

import pytest
import redis_support
from redis import Redis
from scrapy import Request, Spider

from crawler.distributed.config import JobKeys
from crawler.distributed.dupefilter import JobDupeFilter
from crawler.distributed.job import DONE, OPEN, JobBusy, JobDescription, JobStore
from crawler.distributed.queue import (
    JobChanged,
    LeasedQueue,
    Outstanding,
    outstanding,
    requeue_dead_workers,
)
from crawler.distributed.scope import SharedSet

redis_server = redis_support.redis_server
redis_url = redis_support.redis_url

KEYS = JobKeys("crawler", "unit")


class PageSpider(Spider):
    name = "pages"

    def parse(self, response: object) -> None:  # the callback requests are encoded with
        return None


@pytest.fixture
def server(redis_url: str) -> Redis:
    return Redis.from_url(redis_url)


def queue_for(server: Redis, worker: str, generation: str = "") -> LeasedQueue:
    return LeasedQueue(server, PageSpider(), KEYS, worker, generation)


def fill(queue: LeasedQueue, *paths: str, priority: int = 0) -> None:
    for path in paths:
        queue.push(Request(f"http://a.gov.vn/{path}", priority=priority))


def test_a_pop_is_a_lease_until_acknowledged(server: Redis) -> None:
    queue = queue_for(server, "w1")
    queue.heartbeat(30)
    fill(queue, "low")
    fill(queue, "high", priority=10)
    token, request = queue.pop_leased() or ("", None)
    assert request is not None and request.url.endswith("/high")  # the best priority first
    assert outstanding(server, KEYS) == Outstanding(queued=1, leased=1)
    queue.ack([token])
    assert outstanding(server, KEYS) == Outstanding(queued=1, leased=0)
    assert not Outstanding(queued=1, leased=0).done and Outstanding(0, 0).done


def test_leases_of_a_dead_worker_go_back_to_the_queue(server: Redis) -> None:
    dying = queue_for(server, "dying")
    dying.heartbeat(0.2)  # the worker stops beating: its lease lasts 0.2 s
    fill(dying, "one", "two")
    seen = JobDupeFilter(server, KEYS.dupefilter)
    for path in ("one", "two"):  # the job's filter has seen both, as when they were first queued
        assert seen.request_seen(Request(f"http://a.gov.vn/{path}")) is False
    assert dying.pop_leased() is not None
    assert requeue_dead_workers(server, KEYS) == 0  # still alive
    time.sleep(0.35)
    assert requeue_dead_workers(server, KEYS) == 1
    assert outstanding(server, KEYS) == Outstanding(queued=2, leased=0)
    survivor = queue_for(server, "survivor")
    survivor.heartbeat(30)
    urls = []
    while (taken := survivor.pop_leased()) is not None:
        urls.append(taken[1].url)
    assert sorted(urls) == ["http://a.gov.vn/one", "http://a.gov.vn/two"]
    assert seen.request_seen(Request("http://a.gov.vn/one")) is True


def test_an_alive_worker_keeps_its_leases_and_can_release_them(server: Redis) -> None:
    worker = queue_for(server, "w1")
    worker.heartbeat(30)
    fill(worker, "a", "b")
    tokens = [worker.pop_leased()[0] for _ in range(2)]  # type: ignore[index]
    assert requeue_dead_workers(server, KEYS) == 0
    assert worker.release(tokens[:1]) == 1
    assert outstanding(server, KEYS) == Outstanding(queued=1, leased=1)


def test_a_worker_of_an_older_feeding_stops(server: Redis) -> None:
    store = JobStore(server, KEYS)
    first = store.begin_feed(JobDescription(spider="pages"))
    queue = queue_for(server, "w1", first.generation)
    fill(queue, "a")
    assert queue.pop_leased() is not None
    queue.ack(["1"])
    store.begin_feed(JobDescription(spider="pages"))  # the job is done, so it may be fed again
    fill(queue, "b")
    with pytest.raises(JobChanged):
        queue.pop_leased()


def test_a_job_with_work_left_is_not_fed_again(server: Redis) -> None:
    store = JobStore(server, KEYS)
    job = store.begin_feed(JobDescription(spider="pages", args={"start_urls": ["http://a.gov.vn/"]},
                                          settings=["DEPTH_LIMIT=2"]))  # fmt: skip
    assert store.set_status(OPEN, job.generation)
    fill(queue_for(server, "w1"), "a")
    with pytest.raises(JobBusy, match="1 queued"):
        store.begin_feed(JobDescription(spider="pages"))
    read = store.read()
    assert read is not None and read.status == OPEN
    assert read.args == {"start_urls": ["http://a.gov.vn/"]} and read.settings == ["DEPTH_LIMIT=2"]
    assert store.set_status(DONE, job.generation)
    assert not store.set_status(DONE, "another-generation")
    assert store.wait_until_open(poll=0.01) is None  # done: nothing to wait for


def test_shared_sets_see_members_other_workers_added(server: Redis) -> None:
    key = KEYS.shared_set("hosts")
    first = SharedSet(server, key, {"a.gov.vn"})
    second = SharedSet(server, key)
    assert "a.gov.vn" in second
    assert "b.gov.vn" not in second
    first.add("b.gov.vn")
    assert "b.gov.vn" in second


def test_queueing_notes_the_fingerprint_in_the_same_step(server: Redis) -> None:
    queue = queue_for(server, "w1")
    seen = JobDupeFilter(server, KEYS.dupefilter)
    page = Request("http://a.gov.vn/page")
    fingerprint = seen.request_fingerprint(page)
    assert queue.push_unseen(page, fingerprint) is True
    assert queue.push_unseen(Request("http://a.gov.vn/page"), fingerprint) is False
    assert seen.request_seen(Request("http://a.gov.vn/page")) is True
    assert queue.push_unseen(Request("http://a.gov.vn/page", dont_filter=True), "") is True
    assert outstanding(server, KEYS) == Outstanding(queued=2, leased=0)
