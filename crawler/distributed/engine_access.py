"""The two things of Scrapy's engine the distributed scheduler needs that have no public API.

- which requests are still being worked on: a request leaves the engine's
  in-progress set only after its response went through the spider callback
  and every item it yielded went through the item pipelines (or after a
  redirect or retry handed on a new request), which is the moment its lease
  may be acknowledged;
- waking the engine, so an idle worker asks the shared queue again soon
  rather than at the engine's five-second heartbeat.

Both are checked when the scheduler opens (``check_engine``), so a Scrapy
that changed them fails at once with a clear message, not with lost requests.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler


class EngineMismatch(RuntimeError):
    """This Scrapy's engine does not expose what the distributed scheduler relies on."""


def _slot(crawler: Crawler) -> Any:
    engine = crawler.engine
    slot = getattr(engine, "_slot", None)
    if slot is None or not isinstance(getattr(slot, "inprogress", None), set):
        raise EngineMismatch(
            "Scrapy's engine has no _slot.inprogress set: "
            "distributed crawling needs Scrapy 2.13 to 2.x"
        )
    return slot


def check_engine(crawler: Crawler) -> None:
    slot = _slot(crawler)
    if not callable(getattr(getattr(slot, "nextcall", None), "schedule", None)):
        raise EngineMismatch("Scrapy's engine has no _slot.nextcall.schedule()")


def in_progress(crawler: Crawler) -> set[Request]:
    """The requests the engine is downloading or whose outputs it is processing."""
    inprogress: set[Request] = _slot(crawler).inprogress
    return inprogress


def wake(crawler: Crawler) -> None:
    """Have the engine ask the scheduler for requests on its next turn."""
    if crawler.engine is not None and getattr(crawler.engine, "_slot", None) is not None:
        _slot(crawler).nextcall.schedule()
