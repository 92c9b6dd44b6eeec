"""`crawler sources`, `crawler sources check`, `crawler crawl`, `crawler status`.

- ``sources``: the registry as a table, filtered by province, kind, status, platform;
- ``sources check``: validate the registry (exit 1 on problems);
- ``crawl``: incremental crawl of registry sources (spiders/incremental.py);
- ``status``: per source, the last run, the last successful run, counts and flags.

Exit statuses of ``crawl``: 0 fine, 1 a source raised a health flag or failed,
2 bad arguments, 3 a source was being crawled by another run (not crawled).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from crawler.commands.worker import add_feed_arguments
from crawler.health import is_success
from crawler.runner import UsageError, build_settings
from crawler.sources.registry import (
    PLATFORMS,
    REGISTRY_ENV,
    STATUSES,
    RegistryError,
    Source,
    crawl_selection,
    load_registry,
    select_sources,
    validate_registry,
)
from crawler.storage import open_storage, resolve_database
from crawler.storage.state import CrawlState, RunRow

EXIT_FLAGGED = 1
EXIT_BUSY = 3


def _registry(args: argparse.Namespace) -> list[Source]:
    try:
        return load_registry(getattr(args, "registry", None) or None)
    except RegistryError as exc:
        raise UsageError(str(exc)) from None


def _table(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


# -- sources --------------------------------------------------------------------------------
def sources_list(args: argparse.Namespace) -> int:
    chosen = select_sources(
        _registry(args), province=getattr(args, "province", None),
        kind=getattr(args, "kind", None), status=getattr(args, "status", None),
        platform=getattr(args, "platform", None),
    )  # fmt: skip
    rows = [(s.id, s.kind, s.province or "", s.district or "", s.platform or "detect", s.status)
            for s in chosen]  # fmt: skip
    if rows:
        print(_table(rows, ("id", "kind", "province", "district", "platform", "status")))
    print(f"{len(rows)} sources", file=sys.stderr)
    return 0


def sources_check(args: argparse.Namespace) -> int:
    sources = _registry(args)
    problems = validate_registry(sources)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems in {len(sources)} sources", file=sys.stderr)
        return 1
    print(f"{len(sources)} sources, no problems", file=sys.stderr)
    return 0


def sources_command(args: argparse.Namespace) -> int:
    """`crawler sources [list|check]`."""
    if getattr(args, "action", "list") == "check":
        return sources_check(args)
    return sources_list(args)


# -- crawl ------------------------------------------------------------------------------------
def run_incremental_crawl(
    settings_overrides: list[str],
    database: str,
    source_ids: list[str],
    run_id: str,
    log_level: str | None,
    registry: str | None = None,
    archive_hosts: Sequence[str] = (),
) -> tuple[dict[str, object], list[str]]:
    """Crawl live sources incrementally and archive-only ones from the Wayback Machine.

    Both kinds of crawler run in this one process (one Twisted reactor per
    process), each with its own pipelines into the same database.
    """
    from spiders.archive import ArchiveSpider
    from spiders.incremental import IncrementalSpider

    settings = build_settings(database=database, overrides=settings_overrides, log_level=log_level)
    registry = registry or os.environ.get(REGISTRY_ENV, "")
    if registry and not settings.get("CRAWLER_REGISTRY"):
        settings.set("CRAWLER_REGISTRY", registry, priority="cmdline")
    process = CrawlerProcess(settings)
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL", "INFO"))
    crawler = None
    if source_ids:
        crawler = process.create_crawler(IncrementalSpider)
        process.crawl(crawler, sources=",".join(source_ids), run_id=run_id)
    for host in archive_hosts:
        process.crawl(ArchiveSpider, archive="wayback", target=host)
    process.start()
    if crawler is None:
        return {}, []
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    spider = crawler.spider
    busy = [
        f"{sid}: already being crawled by {holder.describe()}"
        for sid, holder in getattr(spider, "locked_out", [])
    ]
    return stats, busy


def _summary(run: RunRow) -> str:
    errors = ", ".join(f"{code}×{n}" for code, n in sorted(run.http_errors.items()))
    flags = ",".join(run.flags) or "ok"
    return (f"{run.source_id}: {run.requests} requests, {run.pages} pages, {run.new_records} new,"
            f" {run.updated_records} updated, {run.meeting_reports} meeting reports"
            f"{'; errors ' + errors if errors else ''} [{flags}]")  # fmt: skip


def crawl(args: argparse.Namespace) -> int:
    try:
        chosen = crawl_selection(
            _registry(args), ids=list(getattr(args, "source_ids", None) or []),
            province=getattr(args, "province", None), everything=bool(getattr(args, "all", False)),
        )  # fmt: skip
    except RegistryError as exc:
        raise UsageError(str(exc)) from None
    if not chosen:
        raise UsageError("no live source matches (name a source to crawl it whatever its status)")
    # An archive-only source's site is gone or frozen: its articles come from
    # the Wayback Machine (one archive harvest per host, resumable).
    archived = [s for s in chosen if s.status == "archive-only"]
    live = [s for s in chosen if s.status != "archive-only"]
    for source in archived:
        print(f"note: {source.id} is archive-only; harvesting its archived copies", file=sys.stderr)
    for source in live:
        if source.status == "gone":
            print(f"note: {source.id} is gone; trying the live site", file=sys.stderr)
    database = resolve_database(getattr(args, "db", None))
    open_storage(database).close()  # fail fast, before crawling, on an unusable database
    run_id = uuid.uuid4().hex[:12]
    overrides = list(getattr(args, "settings", None) or [])
    if getattr(args, "warc_out", None):
        overrides.append(f"CRAWLER_WARC_OUT={args.warc_out}")
    if getattr(args, "distributed", False):
        return feed_incremental_job(args, overrides, database, [s.id for s in live], run_id,
                                    [s.id for s in archived])  # fmt: skip
    _stats, busy = run_incremental_crawl(
        overrides,
        database,
        [s.id for s in live],
        run_id,
        getattr(args, "log_level", None),
        getattr(args, "registry", None),
        archive_hosts=[s.id for s in archived],
    )
    state = CrawlState(database)
    try:
        runs = state.runs(run_id=run_id)
    finally:
        state.close()
    for run in runs:
        print(_summary(run), file=sys.stderr)
    for line in busy:
        print(f"error: {line}; not crawled (try again when it ends)", file=sys.stderr)
    if busy:
        return EXIT_BUSY
    return 0 if all(is_success(run.flags) for run in runs) else EXIT_FLAGGED


def feed_incremental_job(
    args: argparse.Namespace, overrides: list[str], database: str, source_ids: list[str],
    run_id: str, archived: list[str],
) -> int:  # fmt: skip
    """`crawl --distributed`: the incremental spider's job, for `crawler worker`s.

    Every worker opens each source's run under the job's run id; archive-only
    sources are harvested by a local `crawler crawl` only.
    """
    from crawler.commands.worker import feed
    from spiders.incremental import IncrementalSpider

    for host in archived:
        print(f"note: {host} is archive-only: not distributed (crawl it without --distributed)",
              file=sys.stderr)  # fmt: skip
    if not source_ids:
        raise UsageError("no live source to distribute")
    settings = build_settings(database=database, overrides=overrides,
                              log_level=getattr(args, "log_level", None))  # fmt: skip
    registry = getattr(args, "registry", None) or os.environ.get(REGISTRY_ENV, "")
    if registry and not settings.get("CRAWLER_REGISTRY"):
        settings.set("CRAWLER_REGISTRY", registry, priority="cmdline")
    spider_args = {"sources": ",".join(source_ids), "run_id": run_id}
    return feed(args, IncrementalSpider, spider_args, settings, database)


# -- status ----------------------------------------------------------------------------------
def status(args: argparse.Namespace) -> int:
    database = resolve_database(getattr(args, "db", None))
    if "://" not in database and not Path(database).exists():
        raise FileNotFoundError(f"no database at {database} (run `crawler crawl` first)")
    state = CrawlState(database)
    try:
        runs = state.runs()
        locks = {sid: state.lock_holder(sid) for sid in {r.source_id for r in runs}}
    finally:
        state.close()
    wanted = set(getattr(args, "source_ids", None) or [])
    last: dict[str, RunRow] = {}
    last_ok: dict[str, RunRow] = {}
    for run in runs:  # oldest first: later runs overwrite
        if wanted and run.source_id not in wanted:
            continue
        last[run.source_id] = run
        if run.ended and is_success(run.flags):
            last_ok[run.source_id] = run
    rows = []
    for source_id in sorted(last):
        run, ok = last[source_id], last_ok.get(source_id)
        flags = ",".join(run.flags) or ("running" if locks.get(source_id) else "ok")
        errors = sum(run.http_errors.values())
        last_success = (ok.ended or "")[:19] if ok else "never"
        rows.append((source_id, (run.ended or "running")[:19], last_success, str(run.pages),
                     str(run.new_records), str(run.updated_records), str(run.meeting_reports),
                     str(errors), flags))  # fmt: skip
    if rows:
        print(_table(rows, ("source", "last run", "last success", "pages", "new", "updated",
                            "meetings", "errors", "flags")))  # fmt: skip
    print(f"{len(rows)} sources with runs in {database}", file=sys.stderr)
    return 0


# -- arguments --------------------------------------------------------------------------------
def add_sources_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", choices=("list", "check"), default="list")
    parser.add_argument("--province", help="only this province (any spelling)")
    parser.add_argument("--kind", help="only this source_kind")
    parser.add_argument("--status", choices=STATUSES, help="only this status")
    parser.add_argument("--platform", choices=PLATFORMS, help="only this CMS family")
    parser.add_argument("--registry", metavar="FILE", help=f"registry file (default ${REGISTRY_ENV}"
                        " or the bundled one)")  # fmt: skip
    parser.set_defaults(handler=sources_command)


def add_crawl_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_ids", nargs="*", metavar="SOURCE", help="registry ids (hosts)")
    parser.add_argument("--province", help="every live source of this province")
    parser.add_argument("--all", action="store_true", help="every active or frozen source")
    parser.add_argument("--db", metavar="PATH", help="SQLite file or postgresql:// URL (default:"
                        " $DATABASE_URL or ./data/meetings.sqlite)")  # fmt: skip
    parser.add_argument("--registry", metavar="FILE", help="registry file")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[],
                        metavar="NAME=VALUE", help="any Scrapy or CRAWLER_* setting")  # fmt: skip
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default INFO)")
    parser.add_argument(
        "--warc-out", metavar="DIR", help="also write every response to rotating WARC files"
    )
    add_feed_arguments(parser)
    parser.set_defaults(handler=crawl)


def add_status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_ids", nargs="*", metavar="SOURCE", help="only these sources")
    parser.add_argument("--db", metavar="PATH", help="SQLite file or postgresql:// URL")
    parser.set_defaults(handler=status)
