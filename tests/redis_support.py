"""A real Redis server on loopback for the distributed-crawling tests.

Started once per session from the installed ``redis-server`` binary on a
free port of 127.0.0.1, without persistence; each test gets a flushed
database. Tests that need it are skipped, with the reason, when the binary
is absent or the server will not start.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.distributed.localserver import LocalRedis, RedisUnavailable


@pytest.fixture(scope="session")
def redis_server() -> Iterator[LocalRedis]:
    try:
        server = LocalRedis().start()
    except RedisUnavailable as exc:
        pytest.skip(f"no Redis server for the distributed tests: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: LocalRedis) -> str:
    """URL of the test server's database, emptied for this test."""
    from redis import Redis

    client = Redis.from_url(redis_server.url)
    client.flushdb()
    client.close()
    return redis_server.url
