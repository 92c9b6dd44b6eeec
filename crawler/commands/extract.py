"""`crawler extract FILE...`: records from local files, one JSON object per line.

HTML files, plain-text documents (text already pulled from pages) and WARC or
ARC files (every HTML response record). No network access.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawler.archive.warcin import iter_warc_pages
from crawler.extraction.record import extract_record
from crawler.parallel_extract import page_records

_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".aspx", ".php")


def file_kind(path: Path, head: bytes) -> str:
    name = path.name.lower()
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    if name.endswith(".txt"):
        return "text"
    sniff = head.lstrip()[:200].lower()
    return "html" if sniff.startswith((b"<!doctype", b"<html", b"<")) else "text"


def records_from(path: Path, url: str | None) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        head = handle.read(512)
    kind = file_kind(path, head)
    if kind == "warc":
        # Each HTML response of the archive, streamed; broken records are
        # skipped and counted by the reader. Pages are extracted on every core,
        # records come out in archive order (crawler.parallel_extract).
        yield from page_records(iter_warc_pages(path))
        return
    yield extract_record(path.read_bytes(), url, kind)


def extract(args: argparse.Namespace) -> int:
    failures = 0
    for name in args.files:
        path = Path(name)
        try:
            for record in records_from(path, args.url):
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        except (OSError, ValueError) as exc:
            failures += 1
            print(f"error: cannot read {name}: {exc}", file=sys.stderr)
    return 1 if failures else 0
