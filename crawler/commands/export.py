"""`crawler export` and `crawler stats`: what the database holds."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from crawler.exporting.articles import ARTICLE_COLUMNS
from crawler.exporting.atomic import atomic_output
from crawler.exporting.columns import Column
from crawler.exporting.corpus import write_corpus
from crawler.exporting.tables import ExportError, Row, write_table
from crawler.runner import UsageError
from crawler.storage import Storage, open_storage, resolve_database

#: Formats that cannot go to stdout: Parquet is binary, a corpus is a folder.
NEEDS_OUT = {"parquet": "a file", "text": "a folder"}


def _existing_database(path: str | None) -> str:
    database = resolve_database(path)
    if "://" not in database and not Path(database).exists():
        raise FileNotFoundError(f"no database at {database} (run `crawler harvest` first)")
    return database


@contextmanager
def output_stream(path: str | None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """stdout, or a file written beside its target and moved in place when complete.

    An interrupted export never leaves a half-written file under the target name.
    """
    if not path:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with atomic_output(Path(path), binary=binary) as handle:
        yield handle


def check_export_arguments(args: argparse.Namespace) -> None:
    """Reject combinations that cannot work, before the database is opened."""
    fmt = args.format
    if fmt in NEEDS_OUT and not args.out:
        raise UsageError(f"--format {fmt} needs --out ({NEEDS_OUT[fmt]} to write)")
    if getattr(args, "all_articles", False) and fmt != "text":
        raise UsageError("--all-articles applies to --format text only")
    if getattr(args, "all_articles", False) and args.meetings_only:
        raise UsageError("--all-articles and --meetings-only contradict each other")
    if getattr(args, "meetings", False):
        if fmt == "text":
            raise UsageError("--meetings makes a table; --format text writes one file per report")
        if args.meetings_only:
            raise UsageError("--meetings rows are meetings already; drop --meetings-only")


def meeting_table(storage: Storage) -> tuple[Sequence[Column], Iterable[Row]]:
    """The one-row-per-meeting table's columns and rows."""
    try:
        from crawler.meetings.export import MEETING_COLUMNS, iter_meeting_rows
    except ImportError as exc:
        raise UsageError(
            f"--meetings needs the meeting table (crawler.meetings.export), not available: {exc}"
        ) from exc
    return tuple(MEETING_COLUMNS), iter_meeting_rows(storage)


def _write(storage: Storage, args: argparse.Namespace) -> tuple[int, str]:
    if args.format == "text":
        all_articles = bool(getattr(args, "all_articles", False))
        records = storage.iter_articles(meetings_only=not all_articles)
        return write_corpus(records, args.out, all_articles=all_articles), "text files"
    if getattr(args, "meetings", False):
        columns, rows = meeting_table(storage)
        noun = "meetings"
    else:
        columns = ARTICLE_COLUMNS
        rows = storage.iter_articles(meetings_only=args.meetings_only)
        noun = "records"
    if args.out:
        return write_table(rows, columns, args.format, Path(args.out)), noun
    return write_table(rows, columns, args.format, sys.stdout), noun


def export(args: argparse.Namespace) -> int:
    check_export_arguments(args)
    storage = open_storage(_existing_database(args.db))
    try:
        count, noun = _write(storage, args)
    except (ExportError, IsADirectoryError, NotADirectoryError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        storage.close()
    print(f"exported {count} {noun}", file=sys.stderr)
    return 0


def _table(title: str, counts: Counter[str], limit: int = 40) -> str:
    lines = [title]
    for key, count in counts.most_common(limit):
        lines.append(f"  {count:>7}  {key}")
    return "\n".join(lines)


def stats(args: argparse.Namespace) -> int:
    storage = open_storage(_existing_database(args.db))
    try:
        by_source: Counter[str] = Counter()
        by_level: Counter[str] = Counter()
        by_body: Counter[str] = Counter()
        by_month: Counter[str] = Counter()
        total = meetings = 0
        for record in storage.iter_articles():
            total += 1
            by_source[record.get("source") or "?"] += 1
            if not record.get("is_meeting_report"):
                continue
            meetings += 1
            by_level[record.get("level") or "unknown"] += 1
            by_body[record.get("body") or "unknown"] += 1
            month = (record.get("meeting_date") or record.get("published") or "")[:7]
            by_month[month or "undated"] += 1
    finally:
        storage.close()
    print(f"{total} articles, {meetings} meeting reports")
    print(_table("articles by source:", by_source))
    print(_table("meeting reports by level:", by_level))
    print(_table("meeting reports by body:", by_body))
    print("meeting reports by month:")
    for month in sorted(by_month):
        print(f"  {by_month[month]:>7}  {month}")
    return 0
