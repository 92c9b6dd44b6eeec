"""Archive commands: harvest from a web archive, import WARC files, re-extract.

- ``archive-harvest``: a site's past articles from the Wayback Machine or
  Common Crawl (the district portals closed on 1 July 2025);
- ``import-warc``: the HTML pages of WARC/ARC files into the database;
- ``reextract``: rebuild stored records with the current extractor, no fetching.

Each prints one summary line to stderr and returns the exit status.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.settings import Settings

from crawler.runner import (
    CrawlOutcome,
    UsageError,
    build_settings,
    check_since,
    crawl_stats,
    run_spider,
)
from crawler.storage import open_storage, resolve_database

ARCHIVES = ("wayback", "commoncrawl")


# -- archive harvest ---------------------------------------------------------------
def run_archive_crawl(settings: Settings, **spider_args: Any) -> CrawlOutcome:
    """Run the archive spider in this process (one crawl per process: Twisted's reactor)."""
    from spiders.archive import ArchiveSpider

    return CrawlOutcome(stats=crawl_stats(run_spider(ArchiveSpider, settings, **spider_args)))


def _check_years(from_year: int | None, to_year: int | None) -> None:
    for name, year in (("--from", from_year), ("--to", to_year)):
        if year is not None and not 1990 <= year <= 2100:
            raise UsageError(f"{name} expects a year like 2015, got {year}")
    if from_year and to_year and from_year > to_year:
        raise UsageError(f"--from {from_year} is after --to {to_year}")


def report_archive_outcome(outcome: CrawlOutcome, archive: str, database: str) -> int:
    """One summary line; the exit status says whether the run went wrong."""
    stats = outcome.stats
    listed = stats.get("archive/listed", 0)
    stored_before = stats.get("archive/already_stored", 0)
    new = stats.get("crawler/records/new", 0)
    updated = stats.get("crawler/records/updated", 0)
    print(
        f"{archive}: {listed} captures listed, {stats.get('archive/chosen', 0)} fetched "
        f"({stats.get('archive/fetched', 0)} pages), {stored_before} already stored; "
        f"{outcome.articles} articles ({new} new, {updated} updated), "
        f"{stats.get('crawler/meeting_reports', 0)} meeting reports -> {database}",
        file=sys.stderr,
    )
    if stats.get("archive/index_failed") and not listed:
        print("error: the archive's capture index could not be read", file=sys.stderr)
        return 2
    forbidden = stats.get("robotstxt/forbidden", 0)
    if forbidden:
        print(f"warning: {forbidden} archive requests were refused by the archive's robots.txt "
              "(-s ROBOTSTXT_OBEY=False to override)", file=sys.stderr)  # fmt: skip
    # A re-run that finds everything already stored has done its job.
    if outcome.failed and not stored_before:
        print(f"error: {outcome.failed}", file=sys.stderr)
        return 1
    return 0


def harvest_archive(args: argparse.Namespace) -> int:
    if args.archive not in ARCHIVES:
        raise UsageError(f"--archive must be one of {', '.join(ARCHIVES)}")
    if not (args.target or "").strip():
        raise UsageError("give a domain or URL prefix to look up in the archive")
    _check_years(args.from_year, args.to_year)
    database = resolve_database(args.db)
    open_storage(database).close()  # fail fast, before crawling, on an unusable database
    settings = build_settings(database=database, overrides=args.settings,
                              log_level=args.log_level)  # fmt: skip
    outcome = run_archive_crawl(
        settings, archive=args.archive, target=args.target.strip(), from_year=args.from_year,
        to_year=args.to_year, all_captures=bool(args.all_captures),
    )  # fmt: skip
    return report_archive_outcome(outcome, args.archive, database)


# -- WARC import and re-extraction ------------------------------------------------------
def import_warc(args: argparse.Namespace) -> int:
    from crawler.archive.warcin import import_warcs

    database = resolve_database(args.db)
    summary = import_warcs(args.files, database)
    print(f"{summary.line()} -> {database}", file=sys.stderr)
    for failure in summary.failed_files:
        print(f"error: cannot read {failure}", file=sys.stderr)
    return 1 if summary.failed_files else 0


def reextract_command(args: argparse.Namespace) -> int:
    from crawler.archive.reextract import reextract
    from crawler.extraction.record import EXTRACTOR_VERSION

    database = resolve_database(args.db)
    since = check_since(args.since) or None
    summary = reextract(database, source=args.source, since=since)
    print(f"{summary.line(EXTRACTOR_VERSION)} -> {database}", file=sys.stderr)
    return 0
