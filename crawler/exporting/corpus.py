"""A plain-text corpus: one UTF-8 file per report, for text-mining tools.

Each file is a head line in the form text collections of these reports use,
`` date 2022-12 (Baonghean.vn) - `` (a leading space, ``date``, the publication
month, the source host with a capital initial in brackets, a dash), followed at
once by the article's clean text, with no trailing newline added. The head
reads back with :func:`read_corpus_file`; ``index.csv`` beside the files maps
each file name to its URL and meeting fields, so a corpus joins back to the
database.

File names are ``<host>_<date>_<digest>.txt``: the host folded to
``[a-z0-9.-]``, the publication date (``undated`` when unknown) and the first
hex digits of the URL's sha256. They never contain a title or any other page
text, never start with a dot and never contain a path separator, so no URL or
title can put a file outside the corpus folder; the same URL gets the same
name in every export.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.exporting.atomic import atomic_output
from crawler.exporting.columns import Column
from crawler.exporting.tables import ExportError, write_table
from crawler.textnorm import strip_diacritics

INDEX_NAME = "index.csv"
#: Hex digits of the URL digest in a file name (48 bits; lengthened on a clash).
DIGEST_CHARS = 12
HOST_MAX_CHARS = 60

INDEX_COLUMNS: tuple[Column, ...] = (
    Column("file", "str", "Name of the text file in the corpus folder."),
    Column("url", "str", "URL of the article (the key of the database record)."),
    Column("source", "str", "The site's host."),
    Column("title", "str", "The article's headline."),
    Column("published", "date", "Publication date, `YYYY-MM-DD` or `YYYY-MM`."),
    Column("is_meeting_report", "bool", "True for a meeting report."),
    Column("level", "str", "Level of the body that met."),
    Column("body", "str", "The body that met."),
    Column("meeting_type", "str", "Kind of meeting."),
    Column("meeting_date", "date", "Day the meeting was held."),
    Column("session_number", "int", "Number of the session or plenum."),
    Column("term_number", "int", "Term of the body."),
    Column("term_period", "str", "Years of the term, `YYYY-YYYY`."),
    Column("province", "str", "Canonical province name."),
    Column("district", "str", "Canonical district name."),
    Column("content_hash", "str", "Hash of the text, for de-duplication."),
)

_ISO_DATE = re.compile(r"\A\d{4}-\d{2}(?:-\d{2})?\Z")
_HEAD = re.compile(r"\A date(?: (?P<date>\d{4}-\d{2}))?(?: \((?P<source>[^()\n]*)\))? - ")
_NOT_HOST_CHARS = re.compile(r"[^a-z0-9.-]+")
_DOT_RUNS = re.compile(r"\.{2,}")
_NOT_SOURCE_CHARS = re.compile(r"[()\r\n]+")
#: Names this writer makes: the only files it ever removes from a corpus folder.
_CORPUS_FILE = re.compile(
    r"\A[a-z0-9][a-z0-9.-]*_(?:\d{4}-\d{2}(?:-\d{2})?|undated)_[0-9a-f]+\.txt\Z"
)


@dataclass(frozen=True)
class CorpusDocument:
    date: str | None  # YYYY-MM
    source: str | None  # host, lower-case
    text: str


def _iso(value: Any) -> str | None:
    return value if isinstance(value, str) and _ISO_DATE.match(value) else None


def head_line(record: dict[str, Any]) -> str:
    """`` date YYYY-MM (Host) - ``: the month published (else of the meeting) and the source."""
    date = _iso(record.get("published")) or _iso(record.get("meeting_date"))
    source = _NOT_SOURCE_CHARS.sub("", str(record.get("source") or "")).strip()
    head = " date"
    if date:
        head += f" {date[:7]}"
    if source:
        head += f" ({source[:1].upper()}{source[1:]})"
    return head + " - "


def read_corpus_file(path: str | Path) -> CorpusDocument:
    """The head fields and the text of a corpus file."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        content = handle.read()
    match = _HEAD.match(content)
    if not match:
        raise ValueError(f"{path}: no ' date YYYY-MM (Source) - ' head line")
    source = match.group("source")
    return CorpusDocument(
        date=match.group("date"),
        source=source.lower() if source else None,
        text=content[match.end() :],
    )


def _host_part(source: Any) -> str:
    folded = strip_diacritics(str(source or "")).lower()
    host = _DOT_RUNS.sub(".", _NOT_HOST_CHARS.sub("-", folded)).strip(".-")
    return host[:HOST_MAX_CHARS].rstrip(".-") or "unknown"


def corpus_file_name(record: dict[str, Any], digest_chars: int = DIGEST_CHARS) -> str:
    """``<host>_<date>_<digest>.txt`` for a record; never a path, never hidden."""
    date = _iso(record.get("published")) or "undated"
    digest = hashlib.sha256(str(record.get("url") or "").encode("utf-8")).hexdigest()
    return f"{_host_part(record.get('source'))}_{date}_{digest[:digest_chars]}.txt"


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, checked: a plain name this writer makes, directly in ``folder``."""
    path = folder / name
    if not _CORPUS_FILE.match(name) or path.parent != folder:
        raise ExportError(f"refusing corpus file name {name!r}")  # a bug, not bad data
    return path


def _unique_name(record: dict[str, Any], used: dict[str, str]) -> str:
    """The record's name, lengthened on the (rare) clash of two URLs' digests."""
    url = str(record.get("url") or "")
    for digest_chars in (DIGEST_CHARS, 24, 64):
        name = corpus_file_name(record, digest_chars)
        if name not in used:
            used[name] = url
            return name
        if used[name] == url:
            break
    raise ExportError(f"the URL {url!r} comes twice in the corpus")


def _write_files(
    records: Iterable[dict[str, Any]], out_dir: Path, all_articles: bool, used: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """Write one file per kept record; yield its index row."""
    for record in records:
        if not all_articles and not record.get("is_meeting_report"):
            continue
        name = _unique_name(record, used)
        with atomic_output(_inside(out_dir, name), partial_name=f".{name}.part") as handle:
            handle.write(head_line(record) + str(record.get("text") or ""))
        yield {**{column.name: record.get(column.name) for column in INDEX_COLUMNS}, "file": name}


def _remove_stale(out_dir: Path, kept: dict[str, str]) -> None:
    """Files of an earlier export whose article is gone (only names this writer makes)."""
    for path in out_dir.iterdir():
        if path.is_file() and _CORPUS_FILE.match(path.name) and path.name not in kept:
            path.unlink()


def write_corpus(
    records: Iterable[dict[str, Any]], out_dir: str | Path, *, all_articles: bool = False
) -> int:
    """One text file per meeting report (every article with ``all_articles``) and the index.

    Streams: one record in memory at a time. Re-exporting into the same folder
    rewrites each file under the same name and removes the files of articles
    no longer exported; the index is replaced last, in one rename.
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()
    used: dict[str, str] = {}  # file name -> URL
    count = write_table(
        _write_files(records, folder, all_articles, used), INDEX_COLUMNS, "csv", folder / INDEX_NAME
    )
    _remove_stale(folder, used)
    return count
