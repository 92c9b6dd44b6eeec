"""`crawler worker` and the feeding side of `harvest --distributed` / `crawl --distributed`.

A worker needs only REDIS_URL (and DATABASE_URL, unless the job's database
suits it): it waits for the job to be open, runs the job's spider against
the shared queue, and exits 0 when the job is done. ``--keep-running`` makes
it start over afterwards, waiting for the job's next feeding (a service).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import Spider
from scrapy.settings import Settings

from crawler.commands.options import add_run_settings
from crawler.runner import UsageError
from crawler.storage import open_storage

if TYPE_CHECKING:
    from crawler.distributed.config import JobKeys

EXIT_FAILED = 1


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


def _require_distributed_extra() -> None:
    # The Redis client is an optional extra; the rest of the CLI works without it.
    if any(importlib.util.find_spec(name) is None for name in ("redis", "scrapy_redis")):
        raise UsageError(
            "distributed crawling needs the `distributed` extra: "
            "pip install 'vn-meetings-crawler[distributed]'"
        )


def job_keys(args: argparse.Namespace) -> tuple[str, JobKeys]:
    """REDIS_URL and the keys of the job the command names; UsageError when unusable."""
    _require_distributed_extra()
    from crawler.distributed.config import DEFAULT_PREFIX, JobKeys, job_name, redis_url

    url = redis_url()
    if not url:
        raise UsageError(
            "distributed crawling needs REDIS_URL=redis://HOST:6379/0 in the environment"
        )
    try:
        name = job_name(getattr(args, "job", None))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    prefix = os.environ.get("CRAWLER_REDIS_PREFIX", "") or DEFAULT_PREFIX
    return url, JobKeys(prefix, name)


def _redis_errors(action: Callable[[], Any], url: str) -> Any:
    from redis.exceptions import RedisError

    try:
        return action()
    except RedisError as exc:
        raise UsageError(f"Redis at {redact(url)}: {exc}") from None


def feed(
    args: argparse.Namespace,
    spider_cls: type[Spider],
    spider_args: dict[str, Any],
    settings: Settings,
    database: str,
) -> int:
    """Feed a job from `harvest --distributed` or `crawl --distributed`; exit status."""
    if getattr(args, "max_pages", None):
        raise UsageError(
            "--max-pages counts one process's pages; it does not go with --distributed"
        )
    url, keys = job_keys(args)
    from crawler.distributed.job import JobBusy
    from crawler.distributed.runtime import feed_job

    try:
        queued = _redis_errors(
            lambda: feed_job(url, keys, spider_cls, spider_args, settings, database), url
        )
    except JobBusy as exc:
        raise UsageError(str(exc)) from None
    print(
        f"job {keys.job}: {queued} requests queued in {redact(url)}; start workers with "
        f"`crawler worker --job {keys.job}`",
        file=sys.stderr,
    )
    return 0


def worker(args: argparse.Namespace) -> int:
    url, keys = job_keys(args)
    from crawler.distributed.runtime import run_worker

    database = args.db or os.environ.get("DATABASE_URL") or None
    if database:
        open_storage(database).close()  # fail fast on an unusable database
    print(f"worker: waiting for job {keys.job} on {redact(url)}", file=sys.stderr)
    result = _redis_errors(
        lambda: run_worker(
            url,
            keys,
            database=database,
            overrides=list(args.settings),
            log_level=args.log_level,
            wait_when_done=args.keep_running,
            wait_timeout=args.wait,
        ),
        url,
    )
    if result.job is None:
        print(f"worker: job {keys.job} is done or was not fed; nothing to do", file=sys.stderr)
        return 0
    stats = result.stats
    print(
        f"worker: job {keys.job}: fetched {stats.get('response_received_count', 0)} pages, "
        f"{stats.get('crawler/articles', 0)} articles "
        f"({stats.get('crawler/records/new', 0)} new), "
        f"requeued {stats.get('distributed/requeued', 0)} of stopped workers "
        f"-> {result.database or 'the default database'}",
        file=sys.stderr,
    )
    failed = stats.get("crawler/failed")
    if failed:
        print(f"error: {failed}", file=sys.stderr)
        return EXIT_FAILED
    if args.keep_running and stats.get("finish_reason") in ("finished", "job_changed"):
        # One crawl per process (one Twisted reactor): start afresh for the next feeding.
        # A worker stopped by a signal (systemctl stop) just ends.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, "-m", "crawler", *worker_argv(args)])
    return 0


def worker_argv(args: argparse.Namespace) -> list[str]:
    """The command line that starts this same worker again."""
    argv = ["worker", "--keep-running"]
    for flag, value in (
        ("--job", args.job),
        ("--db", args.db),
        ("--log-level", args.log_level),
        ("--wait", args.wait),
    ):
        if value is not None:
            argv += [flag, str(value)]
    for setting in args.settings:
        argv += ["-s", setting]
    return argv


def add_worker_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--job", metavar="NAME", help="the job to work on (default $CRAWLER_JOB or 'default')"
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database (default: $DATABASE_URL, else the database the job was fed with)",
    )
    add_run_settings(parser, "a setting for this worker only")
    parser.add_argument(
        "--keep-running",
        action="store_true",
        help="after the job is done, wait for its next feeding (a service)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="give up when no job is open within SECONDS (default: wait)",
    )
    parser.set_defaults(handler=worker)


def add_feed_arguments(parser: argparse.ArgumentParser) -> None:
    """--distributed and --job on a command that crawls."""
    parser.add_argument(
        "--distributed",
        action="store_true",
        help="feed the shared queue in Redis ($REDIS_URL) for `crawler worker`s "
        "instead of crawling here",
    )
    parser.add_argument(
        "--job",
        metavar="NAME",
        help="name of the distributed job (default $CRAWLER_JOB or 'default')",
    )
