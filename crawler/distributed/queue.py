"""The job's shared request queue, where taking a request is a lease.

scrapy-redis pops a request and it is gone: a worker killed while fetching
loses it. Here a pop moves the request, atomically, into the worker's
in-flight hash; the worker acknowledges it when the response has been
processed and its items stored. A worker proves it is alive with a key that
expires after the lease time; the in-flight requests of a worker whose key
has expired go back to the queue (straight into the queue, so the duplicate
filter, which has seen them, does not drop them).

The scripts name keys they compute (one per worker), so a single Redis server
or a replicated one is needed, not Redis Cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.config import JobKeys

# Queue a request unless the filter has its fingerprint ("" = no filtering), in one step:
# a worker killed between the two writes would leave a request seen but never queued.
_PUSH_UNSEEN = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# Pop the best request into the worker's in-flight hash as "score:data".
# Returns -1 when the job was re-fed since the worker started, 0 when empty.
_POP = """
if ARGV[2] ~= '' and redis.call('HGET', KEYS[5], 'generation') ~= ARGV[2] then
  return -1
end
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return 0 end
redis.call('ZREM', KEYS[1], top[1])
local token = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, top[2] .. ':' .. top[1])
redis.call('SADD', KEYS[4], ARGV[1])
return {token, top[1]}
"""

_REQUEUE_ENTRY = """
local function requeue(queue, entry)
  local sep = string.find(entry, ':', 1, true)
  redis.call('ZADD', queue, tonumber(string.sub(entry, 1, sep - 1)), string.sub(entry, sep + 1))
end
"""

# Give a dead worker's leases back to the queue (nothing when it is alive).
_REQUEUE_DEAD = (
    _REQUEUE_ENTRY
    + """
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local entries = redis.call('HVALS', KEYS[1])
for _, entry in ipairs(entries) do requeue(KEYS[2], entry) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #entries
"""
)

# Give some of this worker's own leases back (a worker closing before they were done).
_RELEASE = (
    _REQUEUE_ENTRY
    + """
local released = 0
for i = 1, #ARGV do
  local entry = redis.call('HGET', KEYS[1], ARGV[i])
  if entry then
    requeue(KEYS[2], entry)
    redis.call('HDEL', KEYS[1], ARGV[i])
    released = released + 1
  end
end
return released
"""
)

# One consistent look at the whole job: requests queued, requests leased by anyone.
_OUTSTANDING = """
local leased = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  leased = leased + redis.call('HLEN', ARGV[1] .. worker)
end
return {redis.call('ZCARD', KEYS[1]), leased}
"""


class JobChanged(Exception):
    """The job was fed again (new spider arguments) while this worker ran the old one."""


@dataclass(frozen=True)
class Outstanding:
    queued: int
    leased: int

    @property
    def done(self) -> bool:
        return self.queued == 0 and self.leased == 0


def outstanding(server: Redis, keys: JobKeys) -> Outstanding:
    """Queued and leased requests of the job, read in one atomic step."""
    queued, leased = server.eval(
        _OUTSTANDING,
        2,
        keys.queue,
        keys.workers,
        keys.inflight(""),
    )
    return Outstanding(int(queued), int(leased))


def requeue_dead_workers(server: Redis, keys: JobKeys, *, besides: str = "") -> int:
    """Requeue the leases of every worker whose heartbeat has expired; how many."""
    requeued = 0
    for raw in server.smembers(keys.workers):
        worker = raw.decode() if isinstance(raw, bytes) else str(raw)
        if worker == besides:
            continue
        found = server.eval(
            _REQUEUE_DEAD,
            4,
            keys.inflight(worker),
            keys.queue,
            keys.alive(worker),
            keys.workers,
            worker,
        )
        requeued += max(0, int(found))
    return requeued


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue (a sorted set) with leased pops."""

    def __init__(
        self, server: Redis, spider: Spider, keys: JobKeys, worker: str, generation: str = ""
    ) -> None:
        super().__init__(server, spider, keys.queue)
        self.keys = keys
        self.worker = worker
        self.generation = generation
        self._push_unseen = server.register_script(_PUSH_UNSEEN)
        self._pop = server.register_script(_POP)
        self._release = server.register_script(_RELEASE)

    def push_unseen(self, request: Request, fingerprint: str) -> bool:
        """Queue the request and note its fingerprint, unless the filter has it already."""
        pushed = self._push_unseen(
            keys=[self.keys.dupefilter, self.keys.queue],
            args=[fingerprint, -request.priority, self._encode_request(request)],
        )
        return bool(pushed)

    def pop_leased(self) -> tuple[str, Request] | None:
        """The best request and its lease token, or None when the queue is empty."""
        keys = self.keys
        found: Any = self._pop(
            keys=[
                keys.queue,
                keys.inflight(self.worker),
                keys.sequence,
                keys.workers,
                keys.description,
            ],
            args=[self.worker, self.generation],
        )
        if found == -1:
            raise JobChanged(f"job {keys.job} was fed again")
        if not found:
            return None
        token, data = found
        return str(int(token)), self._decode_request(data)

    def ack(self, tokens: list[str]) -> None:
        """These requests are done: forget their leases."""
        if tokens:
            self.server.hdel(self.keys.inflight(self.worker), *tokens)

    def release(self, tokens: list[str]) -> int:
        """Put these leased requests back in the queue for any worker."""
        if not tokens:
            return 0
        return int(
            self._release(keys=[self.keys.inflight(self.worker), self.keys.queue], args=tokens)
        )

    def heartbeat(self, lease: float) -> None:
        """Prove this worker alive for ``lease`` more seconds."""
        pipe = self.server.pipeline()
        pipe.set(self.keys.alive(self.worker), b"1", px=max(1, int(lease * 1000)))
        pipe.sadd(self.keys.workers, self.worker)
        pipe.execute()

    def retire(self) -> None:
        """This worker is leaving: its key goes, so what it still holds is requeued at once."""
        self.server.delete(self.keys.alive(self.worker))
        if not self.server.hlen(self.keys.inflight(self.worker)):
            self.server.srem(self.keys.workers, self.worker)
