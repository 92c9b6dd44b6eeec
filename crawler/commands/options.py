"""Command-line options shared by the sub-commands that run a crawl or a worker."""

from __future__ import annotations

import argparse


def add_run_settings(parser: argparse.ArgumentParser, set_help: str) -> None:
    """``-s/--set NAME=VALUE`` (repeatable, into ``args.settings``) and ``--log-level``."""
    parser.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=set_help,
    )
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default INFO)")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db``: the database a command reads or writes."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file or database URL (default: $DATABASE_URL or ./data/meetings.sqlite)",
    )
