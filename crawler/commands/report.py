"""`crawler report [--db] [--out DIR]`: write the HTML report of the database."""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

from crawler.commands.options import add_db_option
from crawler.runner import UsageError
from crawler.storage import open_storage, resolve_database

DEFAULT_OUT = Path("data") / "report"
_PASSWORD = re.compile(r"(://[^:/@]+):[^@]*@")


def _database_label(database: str) -> str:
    """The database as the page names it, without any password."""
    return _PASSWORD.sub(r"\1:***@", database)


def report(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("matplotlib") is None:
        raise UsageError("the report needs matplotlib: pip install 'vn-meetings-crawler[report]'")
    from crawler.report import write_report

    database = resolve_database(args.db)
    plain = database.removeprefix("sqlite:///").removeprefix("sqlite:")
    if "://" not in plain and not Path(plain).exists():
        raise FileNotFoundError(f"no database at {plain} (run `crawler harvest` first)")
    storage = open_storage(database)
    try:
        target, data = write_report(storage, _database_label(database), Path(args.out))
    finally:
        storage.close()
    totals = data.totals
    print(
        f"wrote {target}: {totals['articles']} articles, {totals['meeting_reports']} meeting"
        f" reports, {totals['meetings']} meetings, {totals['sources']} sources",
        file=sys.stderr,
    )
    return 0


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=str(DEFAULT_OUT),
        help=f"folder to write index.html into (default {DEFAULT_OUT})",
    )
    parser.set_defaults(handler=report)
