"""`crawler demo`: harvest the bundled sample sites and print what was found.

The sample web (crawler.demo) is served on 127.0.0.1 and every request of
the harvest goes through it as a proxy, so the demo never leaves the machine.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crawler.commands.harvest import report_outcome
from crawler.meetings.build import rebuild_meetings
from crawler.runner import build_settings, run_site_crawl
from crawler.storage import open_storage

_COLUMNS = (("date", 10), ("district", 12), ("body", 24), ("type", 17), ("title", 60))


def summary_table(records: list[dict[str, Any]]) -> str:
    """The meeting reports found, one line each, newest first."""
    header = "  ".join(name.ljust(width) for name, width in _COLUMNS)
    lines = [header, "-" * len(header)]
    for record in sorted(records, key=lambda r: r.get("meeting_date") or "", reverse=True):
        cells = (
            record.get("meeting_date") or "?",
            record.get("district") or "?",
            record.get("body") or "?",
            record.get("meeting_type") or "?",
            record.get("title") or "",
        )
        lines.append(
            "  ".join(str(c)[:w].ljust(w) for c, (_, w) in zip(cells, _COLUMNS, strict=True))
        )
    return "\n".join(lines)


def demo(args: argparse.Namespace) -> int:
    from crawler.demo.server import VirtualWeb
    from crawler.demo.sites import DEMO_START_URLS, build_demo_web

    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        print(f"sample web on {proxy}; harvesting {len(DEMO_START_URLS)} sites", file=sys.stderr)
        settings = build_settings(
            database=args.db,
            overrides=[
                f"CRAWLER_FIXED_PROXY={proxy}",
                # The sample web is local: no need to wait between requests.
                "AUTOTHROTTLE_ENABLED=False",
                "DOWNLOAD_DELAY=0",
                "CONCURRENT_REQUESTS_PER_DOMAIN=4",
            ],
            log_level="WARNING",
        )
        outcome = run_site_crawl(list(DEMO_START_URLS), settings)
    status = report_outcome(outcome, args.db)
    storage = open_storage(args.db)
    try:
        records = list(storage.iter_articles())
        # The same meeting is often reported by several sites: count meetings, not articles.
        linked = rebuild_meetings(storage)
    finally:
        storage.close()
    meetings = [r for r in records if r.get("is_meeting_report")]
    print(f"\n{len(records)} articles stored in {args.db}; {len(meetings)} meeting reports:\n")
    print(summary_table(meetings))
    print(
        f"\n{linked.meetings} meetings, {linked.reports_linked} reports linked to them;"
        f" near-duplicate groups (republished texts): {linked.near_duplicate_groups}"
    )
    return status
