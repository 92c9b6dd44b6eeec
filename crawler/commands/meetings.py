"""`crawler meetings`: link stored reports to the meetings they describe, and count them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from crawler.storage import open_storage

if TYPE_CHECKING:
    from crawler.meetings.build import BuildSummary

_LINES = (
    ("articles", "articles"),
    ("near_duplicate_groups", "near-duplicate groups"),
    ("meetings", "meetings"),
    ("reports_linked", "reports linked to meetings"),
    ("meetings_with_conflicts", "meetings with conflicting reports"),
)


def add_meetings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file or database URL (default: $DATABASE_URL or ./data/meetings.sqlite)",
    )
    parser.set_defaults(handler=meetings)


def summary_lines(summary: BuildSummary) -> list[str]:
    counts = summary.as_dict()
    width = max(len(str(counts[name])) for name, _label in _LINES)
    return [f"{counts[name]:>{width}}  {label}" for name, label in _LINES]


def meetings(args: argparse.Namespace) -> int:
    # Imported here: the meetings build brings numpy, which other commands need not load.
    from crawler.meetings.build import rebuild_meetings

    storage = open_storage(args.db)
    try:
        summary = rebuild_meetings(storage)
    finally:
        storage.close()
    print("\n".join(summary_lines(summary)))
    return 0
