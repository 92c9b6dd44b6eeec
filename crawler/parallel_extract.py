"""Records from many pages on every core, in input order, in bounded memory.

`crawler extract FILE.warc.gz` reads one archive record after another; the
extraction of each page (trafilatura plus the meeting fields, a few ms) is
what takes the time, and it is a pure function of the page. So the reading
stays in this process and the pages go to a process pool, at most ``window``
of them in flight: memory stays flat whatever the size of the archive, and
the records come out in the order of the archive.

Small inputs never start a pool: the first :data:`INLINE_PAGES` pages are
extracted here, and a pool (whose workers take about a second to import the
extraction stack) starts only when more pages follow.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from crawler.items import FetchedPage

T = TypeVar("T")
R = TypeVar("R")

#: Pages extracted in this process before a pool is worth starting.
INLINE_PAGES = 16
#: Pages in flight per worker: enough to keep every worker busy, few enough
#: that a huge archive never sits in memory.
PAGES_PER_WORKER = 8
#: Environment variable that sets the number of workers (0 or 1: no pool).
WORKERS_ENV = "CRAWLER_EXTRACT_WORKERS"


def default_workers() -> int:
    """$CRAWLER_EXTRACT_WORKERS when it is a number, else one worker per core."""
    value = os.environ.get(WORKERS_ENV, "").strip().lower()
    if value.isdigit():
        return int(value)
    return os.cpu_count() or 1


def _warm_up() -> None:
    # Import the extraction stack once per worker, before the first page.
    import crawler.extraction.record  # noqa: F401


def imap_ordered(
    function: Callable[[T], R],
    items: Iterable[T],
    workers: int | None = None,
    window: int | None = None,
    inline_first: int = INLINE_PAGES,
) -> Iterator[R]:
    """``map(function, items)`` on a process pool: results in input order.

    At most ``window`` items are submitted ahead of the result being waited
    for. ``function`` must be a picklable module-level function. An exception
    raised by ``function`` is raised here, at that item's place in the order.
    """
    workers = default_workers() if workers is None else workers
    iterator = iter(items)
    if workers <= 1:
        yield from map(function, iterator)
        return
    for _, item in zip(range(inline_first), iterator, strict=False):
        yield function(item)
    window = window or workers * PAGES_PER_WORKER
    pool: ProcessPoolExecutor | None = None
    pending: deque[Future[R]] = deque()
    try:
        for item in iterator:
            if pool is None:
                # "spawn": the same start method as the crawl's extraction pool.
                context = multiprocessing.get_context("spawn")
                pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)
            pending.append(pool.submit(function, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def page_record(page: FetchedPage) -> dict[str, Any]:
    """The SCHEMA.md record of one archived page, with where the capture came from."""
    from crawler.extraction.record import meeting_record, page_fields

    fields = page_fields(page.body, page.url, "html", page.encoding)
    record = meeting_record(fields, page.url)
    record.update(capture_time=page.capture_time, archive_url=page.archive_url)
    return record


def page_records(
    pages: Iterable[FetchedPage], workers: int | None = None
) -> Iterator[dict[str, Any]]:
    """The record of every page, in order, extracted on ``workers`` processes."""
    return imap_ordered(page_record, pages, workers)
