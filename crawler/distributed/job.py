"""A job: what the workers run (spider, arguments, settings) and where it stands.

The description is a Redis hash the feeder writes. ``generation`` changes each
time the job is fed anew, so a worker still running the previous feeding stops
instead of serving new requests with old arguments. ``status`` is ``feeding``
while start requests are being pushed, ``open`` while workers may work, and
``done`` once a worker found nothing queued and nothing leased anywhere.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from redis import Redis
from redis.exceptions import WatchError

from crawler.distributed.config import JobKeys
from crawler.distributed.queue import Outstanding, outstanding, requeue_dead_workers

FEEDING, OPEN, DONE = "feeding", "open", "done"


class JobBusy(RuntimeError):
    """The job still has work queued or in flight; it cannot be fed anew."""


@dataclass
class JobDescription:
    spider: str
    args: dict[str, Any] = field(default_factory=dict)
    #: "NAME=VALUE" settings every worker applies (the feeder's command-line ones).
    settings: list[str] = field(default_factory=list)
    #: The feeder's database; a worker without --db or DATABASE_URL stores there.
    database: str = ""
    generation: str = ""
    status: str = FEEDING

    def to_hash(self) -> dict[str, str]:
        return {
            "spider": self.spider,
            "args": json.dumps(self.args, ensure_ascii=False),
            "settings": json.dumps(self.settings, ensure_ascii=False),
            "database": self.database,
            "generation": self.generation,
            "status": self.status,
        }

    @classmethod
    def from_hash(cls, raw: dict[bytes, bytes]) -> JobDescription:
        fields = {key.decode(): value.decode() for key, value in raw.items()}
        return cls(
            spider=fields["spider"],
            args=json.loads(fields.get("args") or "{}"),
            settings=list(json.loads(fields.get("settings") or "[]")),
            database=fields.get("database", ""),
            generation=fields.get("generation", ""),
            status=fields.get("status", FEEDING),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobStore:
    """Reading and changing one job's description and state."""

    def __init__(self, server: Redis, keys: JobKeys) -> None:
        self.server = server
        self.keys = keys

    def read(self) -> JobDescription | None:
        raw = self.server.hgetall(self.keys.description)
        return JobDescription.from_hash(raw) if raw else None  # type: ignore[arg-type]

    def outstanding(self) -> Outstanding:
        requeue_dead_workers(self.server, self.keys)
        return outstanding(self.server, self.keys)

    def begin_feed(self, description: JobDescription) -> JobDescription:
        """Start feeding the job anew: refuse while it has work, else clear it and describe it."""
        current = self.read()
        if current is not None and current.status != DONE:
            left = self.outstanding()
            if not left.done:
                raise JobBusy(
                    f"job {self.keys.job} is still running ({left.queued} queued, {left.leased} "
                    "in flight); let it finish or name another job with --job"
                )
        self.clear()
        description.generation = uuid.uuid4().hex[:12]
        description.status = FEEDING
        fields = {**description.to_hash(), "fed_at": _now()}
        self.server.hset(self.keys.description, mapping=fields)  # type: ignore[arg-type]
        return description

    def set_status(self, status: str, generation: str) -> bool:
        """Set the status of this generation of the job; False when the job was fed again."""
        for _ in range(5):
            with self.server.pipeline() as pipe:
                try:
                    pipe.watch(self.keys.description)
                    if pipe.hget(self.keys.description, "generation") != generation.encode():
                        return False
                    pipe.multi()
                    pipe.hset(
                        self.keys.description, mapping={"status": status, f"{status}_at": _now()}
                    )
                    pipe.execute()
                    return True
                except WatchError:
                    continue  # another worker changed the job meanwhile: look again
        return False

    def clear(self) -> None:
        """Delete the job's description, queue, filter, leases and shared sets."""
        doomed = list(self.server.scan_iter(match=self.keys.job_pattern(), count=500))
        for start in range(0, len(doomed), 500):
            self.server.delete(*doomed[start : start + 500])

    def wait_until_open(
        self, *, poll: float = 1.0, timeout: float | None = None, wait_when_done: bool = False
    ) -> JobDescription | None:
        """The job's description once it is open to workers.

        Waits while there is no job or it is being fed; a finished job gives
        None unless ``wait_when_done`` (then it waits for the job's next feeding).
        ``timeout`` seconds without an open job also give None.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            job = self.read()
            if job is not None and job.status == OPEN:
                return job
            if job is not None and job.status == DONE and not wait_when_done:
                return None
            if deadline is not None and time.monotonic() >= deadline:
                return None
            time.sleep(poll)
