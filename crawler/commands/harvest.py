"""`crawler harvest URL...`: a one-off harvest of whole sites."""

from __future__ import annotations

import argparse
import sys

from scrapy.settings import Settings

from crawler.commands.archive import harvest_archive
from crawler.runner import CrawlOutcome, UsageError, build_settings, run_site_crawl
from crawler.storage import open_storage, resolve_database


def report_outcome(outcome: CrawlOutcome, database: str) -> int:
    """One summary line; the exit status says whether the run found anything."""
    stats = outcome.stats
    new = stats.get("crawler/records/new", 0)
    updated = stats.get("crawler/records/updated", 0)
    meetings = stats.get("crawler/meeting_reports", 0)
    pages = stats.get("response_received_count", 0)
    print(
        f"fetched {pages} pages, {outcome.articles} articles ({new} new, {updated} updated), "
        f"{meetings} meeting reports -> {database}",
        file=sys.stderr,
    )
    for old, new_host in outcome.moved.items():
        print(
            f"note: {old} redirects to {new_host}; the site has moved or closed, and its "
            f"earlier articles may only be archived: crawler harvest --from-archive wayback {old}",
            file=sys.stderr,
        )
    if outcome.start_failures and not pages:
        for failure in outcome.start_failures:
            print(
                f"error: cannot fetch {failure} (if the site is gone, its archived copies: "
                "crawler harvest --from-archive wayback DOMAIN)",
                file=sys.stderr,
            )
        return 2
    if outcome.failed:
        print(f"error: {outcome.failed}", file=sys.stderr)
        return 1
    return 0


def harvest(args: argparse.Namespace) -> int:
    if args.warc_out:
        args.settings = [*args.settings, f"CRAWLER_WARC_OUT={args.warc_out}"]
    if args.from_archive:
        return harvest_from_archive(args)
    if args.from_year or args.to_year or args.all_captures:
        raise UsageError("--from, --to and --all-captures go with --from-archive")
    database = resolve_database(args.db)
    open_storage(database).close()  # fail fast, before crawling, on an unusable database
    settings = build_settings(
        database=database,
        max_pages=args.max_pages,
        max_depth=args.max_depth,
        since=args.since,
        overrides=args.settings,
        log_level=args.log_level,
    )
    if getattr(args, "distributed", False):
        return feed_site_job(args, settings, database)
    outcome = run_site_crawl(args.urls, settings)
    return report_outcome(outcome, database)


def feed_site_job(args: argparse.Namespace, settings: Settings, database: str) -> int:
    """`harvest --distributed`: the site spider's job, for `crawler worker`s."""
    from crawler.commands.worker import feed
    from spiders.site import SiteSpider

    for url in args.urls:
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) URL: {url}")
    return feed(args, SiteSpider, {"start_urls": list(args.urls)}, settings, database)


def harvest_from_archive(args: argparse.Namespace) -> int:
    """`harvest --from-archive wayback|commoncrawl DOMAIN_OR_PREFIX`."""
    if len(args.urls) != 1:
        raise UsageError("--from-archive takes one domain or URL prefix")
    if args.max_pages:
        args.settings = [*args.settings, f"CLOSESPIDER_PAGECOUNT={args.max_pages}"]
    args.archive = args.from_archive
    args.target = args.urls[0]
    return harvest_archive(args)
