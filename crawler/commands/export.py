"""`crawler export` and `crawler stats`: what the database holds."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from crawler.schema import RECORD_FIELDS
from crawler.storage import open_storage, resolve_database


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """SCHEMA.md fields as columns; lists (officials, figures) as JSON cells."""
    writer = csv.writer(out)
    writer.writerow(RECORD_FIELDS)
    count = 0
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in RECORD_FIELDS])
        count += 1
    return count


def _existing_database(path: str | None) -> str:
    database = resolve_database(path)
    if "://" not in database and not Path(database).exists():
        raise FileNotFoundError(f"no database at {database} (run `crawler harvest` first)")
    return database


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file written beside its target and moved in place when complete.

    An interrupted export never leaves a half-written file under the target name.
    """
    if not path:
        yield sys.stdout
        return
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        yield handle
    os.replace(partial, target)


def export(args: argparse.Namespace) -> int:
    storage = open_storage(_existing_database(args.db))
    writer = write_csv if args.format == "csv" else write_jsonl
    try:
        with output_stream(args.out) as out:
            count = writer(storage.iter_articles(meetings_only=args.meetings_only), out)
    finally:
        storage.close()
    print(f"exported {count} records", file=sys.stderr)
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
