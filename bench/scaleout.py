"""`python -m bench.scaleout`: distributed crawling throughput and storage throughput.

A generated portal (``--pages``, default 3,000) is served on 127.0.0.1 and a
throw-away Redis server is started from the installed ``redis-server``. The
portal is harvested three times, each into a fresh SQLite file:

- ``harvest``: the plain one-process `crawler harvest` (no Redis), the reference;
- ``1 worker`` and ``2 workers``: `crawler harvest --distributed` feeds a job,
  then that many `crawler worker` processes share it.

Pages per second count the pages the server answered (robots.txt aside),
over the wall time from the crawl processes' start to the last one's exit
(start-up included), and over the time from the first request the server
saw to the last (the crawl itself). Then the pages and records of the first
run are written again into an empty SQLite file and an empty PostgreSQL
database (a throw-away server from the installed binaries, as the tests
start it), in batches through ``save_many`` and ``upsert_many``: pages and
records per second per backend.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import ROOT, clean_environment
from bench.site import HOST, START_URL, BenchWeb, build_portal
from crawler.demo.server import LoggedRequest
from crawler.distributed.localserver import LocalRedis, RedisUnavailable
from crawler.items import FetchedPage
from crawler.storage import Storage, open_storage

BATCH = 100


@dataclass
class CrawlRate:
    name: str
    processes: int
    pages: int
    wall: float
    #: Seconds from the first request the server answered to the last.
    crawling: float
    stored: int

    @property
    def rate(self) -> float:
        return self.pages / self.wall if self.wall > 0 else 0.0

    @property
    def crawl_rate(self) -> float:
        return self.pages / self.crawling if self.crawling > 0 else 0.0


class TimedBenchWeb(BenchWeb):
    """The bench's web, noting when each page request arrived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arrivals: list[float] = []

    def _log(self, entry: LoggedRequest) -> None:
        if not entry.path.endswith("/robots.txt"):
            self.arrivals.append(time.perf_counter())
        super()._log(entry)

    def take_window(self) -> tuple[int, float]:
        """Pages answered since the last call, and the seconds from the first to the last."""
        arrivals, self.arrivals = self.arrivals, []
        self.reset_log()
        return len(arrivals), (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0


@dataclass
class StoreRate:
    backend: str
    pages_per_s: float
    records_per_s: float
    note: str = ""


def _dash_s(settings: list[str]) -> list[str]:
    return [part for setting in settings for part in ("-s", setting)]


def crawl_settings(proxy: str, concurrency: int) -> list[str]:
    return [
        "AUTOTHROTTLE_ENABLED=False",
        "DOWNLOAD_DELAY=0",
        f"CONCURRENT_REQUESTS={concurrency}",
        f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
        f"CRAWLER_FIXED_PROXY={proxy}",
        "CRAWLER_PROGRESS=False",
    ]


def _crawler(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "crawler", *args], cwd=ROOT, env=env, stdout=sink, stderr=sink
        )


def _wait_all(processes: list[subprocess.Popen[bytes]], logs: list[Path]) -> None:
    for process, log in zip(processes, logs, strict=True):
        if process.wait(timeout=1800) != 0:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{process.args!r} failed:\n{tail}")


def _stored(database: Path) -> int:
    storage = open_storage(str(database))
    try:
        return int(storage.counts().get("articles", 0))
    finally:
        storage.close()


def run_crawl(
    name: str,
    workers: int,
    settings: list[str],
    env: dict[str, str],
    workdir: Path,
    web: TimedBenchWeb,
) -> CrawlRate:
    """A plain harvest (workers == 0) or a fed job shared by ``workers`` workers."""
    database = workdir / f"{name.replace(' ', '-')}.sqlite"
    common = ["--db", str(database), "--log-level", "WARNING"]
    print(f"  {name} ...", file=sys.stderr, flush=True)
    if workers == 0:
        started = time.perf_counter()
        log = workdir / "harvest.log"
        _wait_all([_crawler(["harvest", START_URL, *common, *_dash_s(settings)], env, log)], [log])
        wall = time.perf_counter() - started
        pages, crawling = web.take_window()
        return CrawlRate(name, 1, pages, wall, crawling, _stored(database))
    job_env = {**env, "CRAWLER_JOB": name.replace(" ", "-")}
    feed_log = workdir / f"feed-{workers}.log"
    feed = ["harvest", START_URL, "--distributed", *common, *_dash_s(settings)]
    _wait_all([_crawler(feed, job_env, feed_log)], [feed_log])
    web.take_window()  # the feeder downloads nothing; start counting afresh
    logs = [workdir / f"worker-{workers}-{i}.log" for i in range(workers)]
    started = time.perf_counter()
    processes = [_crawler(["worker", *common], job_env, log) for log in logs]
    _wait_all(processes, logs)
    wall = time.perf_counter() - started
    pages, crawling = web.take_window()
    return CrawlRate(name, workers, pages, wall, crawling, _stored(database))


def _batches(items: Iterable[Any]) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def measure_storage(
    backend: str, target: str, pages: list[FetchedPage], records: list[dict[str, Any]]
) -> StoreRate:
    storage: Storage = open_storage(target)
    try:
        save_many = getattr(storage, "save_many", None)
        upsert_many = getattr(storage, "upsert_many", None)
        started = time.perf_counter()
        for batch in _batches(pages):
            if save_many is not None:
                save_many(batch)
            else:
                for page in batch:
                    storage.save_page(page)
        page_time = time.perf_counter() - started
        started = time.perf_counter()
        for batch in _batches(records):
            if upsert_many is not None:
                upsert_many(batch)
            else:
                for record in batch:
                    storage.upsert_article(record)
        storage.flush()
        record_time = time.perf_counter() - started
    finally:
        storage.close()
    return StoreRate(backend, len(pages) / page_time, len(records) / record_time)


def stored_content(database: Path) -> tuple[list[FetchedPage], list[dict[str, Any]]]:
    storage = open_storage(str(database))
    try:
        pages = [
            FetchedPage(
                url=p.url,
                status=p.status,
                body=p.body,
                fetched_at=p.fetched_at,
                headers=p.headers,
                encoding=p.encoding,
            )
            for p in storage.iter_pages()
        ]
        records = [json.loads(json.dumps(r)) for r in storage.iter_articles()]
    finally:
        storage.close()
    return pages, records


def postgres_rate(pages: list[FetchedPage], records: list[dict[str, Any]]) -> StoreRate:
    """The same writes into a throw-away PostgreSQL server, or why it could not run."""
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_support  # the tests' launcher: initdb and pg_ctl in a temporary folder
    import pytest

    bin_dir = pg_support.find_bin_dir()
    if bin_dir is None:
        return StoreRate("PostgreSQL", 0, 0, "skipped: initdb/pg_ctl not installed")
    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    server = None
    try:
        server = pg_support.PostgresServer(bin_dir, root)
        server.start()
        return measure_storage("PostgreSQL", server.create_database(), pages, records)
    except pytest.skip.Exception as exc:
        return StoreRate("PostgreSQL", 0, 0, f"skipped: {exc}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def table(crawls: list[CrawlRate], stores: list[StoreRate]) -> str:
    base = crawls[0].rate or 1.0
    lines = [
        f"{'crawl':<12} {'processes':>9} {'pages':>6} {'wall s':>7} {'pages/s':>8} "
        f"{'vs harvest':>10} {'crawling s':>10} {'pages/s':>8} {'stored':>6}"
    ]
    for run in crawls:
        lines.append(
            f"{run.name:<12} {run.processes:>9} {run.pages:>6} {run.wall:>7.1f} "
            f"{run.rate:>8.1f} {run.rate / base:>9.2f}x {run.crawling:>10.1f} "
            f"{run.crawl_rate:>8.1f} {run.stored:>6}"
        )
    lines += ["", f"{'storage':<12} {'pages/s (save_many)':>20} {'records/s (upsert_many)':>24}"]
    for store in stores:
        if store.note:
            lines.append(f"{store.backend:<12} {store.note}")
        else:
            lines.append(
                f"{store.backend:<12} {store.pages_per_s:>20.0f} {store.records_per_s:>24.0f}"
            )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scaleout",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--pages", type=int, default=3000, help="portal size (default 3000)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=16,
        help="CONCURRENT_REQUESTS(_PER_DOMAIN) per process (default 16)",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep databases and logs in DIR")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        redis = LocalRedis().start()
    except RedisUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as scratch:
        workdir = Path(args.keep or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            print(f"generating a portal of {args.pages} pages ...", file=sys.stderr, flush=True)
            portal = build_portal(args.pages)
            env = {**clean_environment(), "PYTHONPATH": str(ROOT), "REDIS_URL": redis.url}
            crawls = []
            web = TimedBenchWeb({HOST: portal.site})
            web.start()
            try:
                settings = crawl_settings(web.url, args.concurrency)
                for name, workers in (("harvest", 0), ("1 worker", 1), ("2 workers", 2)):
                    crawls.append(run_crawl(name, workers, settings, env, workdir, web))
            finally:
                web.stop()
        finally:
            redis.stop()
        print("  storage ...", file=sys.stderr, flush=True)
        pages, records = stored_content(workdir / "1-worker.sqlite")
        stores = [
            measure_storage("SQLite", str(workdir / "store.sqlite"), pages, records),
            postgres_rate(pages, records),
        ]
    print(table(crawls, stores))
    print(
        f"\n{len(pages)} pages and {len(records)} records per backend, batches of {BATCH}; "
        "a 2-core machine runs each crawl process's extraction workers on the same cores."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
