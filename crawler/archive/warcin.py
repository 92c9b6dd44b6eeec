"""WARC and ARC files in: HTML response records as fetched pages, and their import.

Files are streamed record by record (warcio), so memory stays flat however
large the file; a payload is read only for HTML responses and never beyond
:data:`MAX_PAYLOAD_BYTES`. A broken record is counted and skipped: reading
resumes at the next record boundary (the next gzip member of a ``.warc.gz``,
the next ``WARC/1.x`` line of a plain ``.warc``) instead of giving up on the
rest of the file.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from scrapy import Request
from scrapy.http import HtmlResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from crawler.discovery import guess_link_kind
from crawler.items import FetchedPage
from crawler.storage import open_storage
from crawler.urls import clean_url
from spiders.pages import looks_like_article

logger = logging.getLogger(__name__)

#: Same bound as the crawler's DOWNLOAD_MAXSIZE: a larger payload is no article.
MAX_PAYLOAD_BYTES = 16 * 1024 * 1024
#: Response headers kept with a page (as the site spider keeps them).
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date")
_SNIFF_BYTES = 2048
_SCAN_CHUNK = 64 * 1024
# Types that are never HTML in disguise: not even sniffed.
_BINARY_TYPE_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf",
                         "application/zip", "application/vnd.", "application/msword")  # fmt: skip
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<", re.ASCII)
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# What a damaged record raises inside warcio: bad headers, bad gzip, short reads.
RECORD_ERRORS: tuple[type[Exception], ...] = (
    ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError,
    IndexError, KeyError,
)  # fmt: skip


@dataclass
class WarcCounts:
    """What reading WARC files met, record by record."""

    records: int = 0
    pages: int = 0
    revisits: int = 0
    not_html: int = 0
    #: Responses whose HTTP status was not 200 (redirects, errors).
    not_ok: int = 0
    too_large: int = 0
    broken: int = 0
    #: warcinfo, request, metadata, resource and other non-response records.
    other: int = 0

    def add(self, other: WarcCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a payload are an HTML document."""
    return bool(_HTML_START.match(head)) and bool(_HTML_TAG.search(head))


def declared_encoding(content_type: str, body: bytes) -> str | None:
    """Charset from the Content-Type header, else from the page's own <meta>."""
    return http_content_type_encoding(content_type) or html_body_declared_encoding(body)


def is_article_page(url: str, body: bytes, encoding: str | None) -> bool:
    """The site spider's test: home pages and listings are not stored as articles."""
    response = HtmlResponse(url=url, body=body, encoding=encoding, request=Request(url))
    return looks_like_article(response, guess_link_kind(url))


def iso_time(warc_date: str | None) -> str:
    """A WARC-Date ("2024-01-02T03:04:05Z", maybe with fractions) as ISO UTC seconds."""
    if warc_date:
        try:
            when = datetime.fromisoformat(warc_date.strip())
        except ValueError:
            when = None
        if when is not None:
            when = when if when.tzinfo else when.replace(tzinfo=UTC)
            return when.astimezone(UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _kept_headers(http_headers: Any) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name in KEPT_HEADERS:
        value = http_headers.get_header(name)
        if value:
            kept[name] = value
    return kept


def _status_of(http_headers: Any) -> int | None:
    code = str(http_headers.get_statuscode() or "")
    return int(code) if code.isdigit() else None


def _target_uri(record: Any) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _read_html_payload(record: Any, declared_html: bool, counts: WarcCounts,
                       max_payload: int) -> bytes | None:  # fmt: skip
    """The decoded payload (chunking and gzip undone), or None with the reason counted."""
    try:
        stream = record.content_stream()
        head = stream.read(_SNIFF_BYTES)
        if not declared_html and not looks_like_html(head):
            counts.not_html += 1
            return None
        rest = stream.read(max_payload + 1 - len(head))
    except RECORD_ERRORS as exc:
        counts.broken += 1
        logger.warning("unreadable payload of %s: %.200s", _target_uri(record), exc)
        return None
    if len(head) + len(rest) > max_payload:
        counts.too_large += 1
        return None
    return head + rest


def page_from_record(record: Any, counts: WarcCounts, archive_ref: str,
                     max_payload: int = MAX_PAYLOAD_BYTES) -> FetchedPage | None:  # fmt: skip
    """The fetched page a WARC record holds, or None (with the reason counted)."""
    counts.records += 1
    if record.rec_type == "revisit":
        counts.revisits += 1
        return None
    target = _target_uri(record)
    if record.rec_type != "response" or not target.lower().startswith(("http://", "https://")):
        counts.other += 1
        return None
    http_headers = record.http_headers
    if http_headers is None or _status_of(http_headers) != 200:
        counts.not_ok += 1
        return None
    content_type = http_headers.get_header("Content-Type") or ""
    media_type = _media_type(content_type)
    declared_html = "html" in media_type
    if not declared_html and media_type.startswith(_BINARY_TYPE_PREFIXES):
        counts.not_html += 1
        return None
    body = _read_html_payload(record, declared_html, counts, max_payload)
    if body is None:
        return None
    counts.pages += 1
    captured = iso_time(record.rec_headers.get_header("WARC-Date"))
    return FetchedPage(
        url=clean_url(target),
        status=200,
        body=body,
        fetched_at=captured,
        headers=_kept_headers(http_headers),
        encoding=declared_encoding(content_type, body),
        discovered_via="archive",
        capture_time=captured,
        archive_url=archive_ref,
    )


def _boundary_magic(first_bytes: bytes) -> tuple[bytes, int] | None:
    """What starts a record in this file, and where in the match the record begins."""
    if first_bytes.startswith(b"\x1f\x8b"):
        return b"\x1f\x8b\x08", 0  # every record is its own gzip member
    if first_bytes.startswith(b"WARC/"):
        return b"\nWARC/1.", 1
    return None  # a plain ARC file has no reliable marker to resume at


def next_boundary(stream: IO[bytes], start: int, magic: bytes, skip: int) -> int | None:
    """Offset of the next record start at or after ``start``, scanning in fixed chunks."""
    position = start
    stream.seek(position)
    while True:
        chunk = stream.read(_SCAN_CHUNK + len(magic) - 1)
        if len(chunk) < len(magic):
            return None
        found = chunk.find(magic)
        if found >= 0:
            return position + found + skip
        position += _SCAN_CHUNK
        stream.seek(position)


def iter_warc_pages(path: str | Path, counts: WarcCounts | None = None,
                    max_payload: int = MAX_PAYLOAD_BYTES) -> Iterator[FetchedPage]:  # fmt: skip
    """Every HTML 200 response of a WARC or ARC file (gzipped or not), streamed.

    ``counts`` (optional) is filled with what was skipped and why.
    """
    counts = counts if counts is not None else WarcCounts()
    path = Path(path)
    file_uri = path.resolve().as_uri()
    with path.open("rb") as stream:
        boundary = _boundary_magic(stream.read(8))
        position: int | None = 0
        resuming = False
        while position is not None:
            stream.seek(position)
            iterator = ArchiveIterator(stream, arc2warc=True)
            record_start = position
            try:
                for record in iterator:
                    # The start of the record being read (get_record_offset()
                    # would read the record to its end first).
                    record_start = int(iterator.offset)
                    resuming = False
                    ref = f"{file_uri}#offset={record_start}"
                    page = page_from_record(record, counts, ref, max_payload)
                    if page is not None:
                        yield page
                return
            except RECORD_ERRORS as exc:
                # A failure right after resuming means the guessed boundary
                # was not a record (gzip magic inside data): not a new break.
                if not resuming:
                    counts.broken += 1
                    logger.warning("%s: broken record near offset %d: %.200s",
                                   path, record_start, exc)  # fmt: skip
                if boundary is None:
                    logger.warning("%s: cannot resume after a broken ARC record", path)
                    return
                position = next_boundary(stream, record_start + 1, *boundary)
                resuming = True


@dataclass
class RawResponse:
    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes
    warc_date: str | None


def read_response_record(data: bytes, max_payload: int = MAX_PAYLOAD_BYTES) -> RawResponse | None:
    """The HTTP response inside one WARC record's bytes (a Common Crawl range fetch)."""
    for record in ArchiveIterator(BytesIO(data), arc2warc=True):
        if record.rec_type != "response" or record.http_headers is None:
            return None
        http_headers = record.http_headers
        body = record.content_stream().read(max_payload + 1)
        if len(body) > max_payload:
            return None
        return RawResponse(
            status=_status_of(http_headers) or 0,
            content_type=http_headers.get_header("Content-Type") or "",
            headers=_kept_headers(http_headers),
            body=body,
            warc_date=record.rec_headers.get_header("WARC-Date"),
        )
    return None


# -- import ---------------------------------------------------------------------------
@dataclass
class ImportSummary:
    files: int = 0
    counts: WarcCounts = field(default_factory=WarcCounts)
    outcomes: Counter[str] = field(default_factory=Counter)
    #: Pages not stored, by reason (not_article, no_text, no_title, schema).
    dropped: Counter[str] = field(default_factory=Counter)
    #: Captures older than the record already stored for the same URL.
    older: int = 0
    failed_files: list[str] = field(default_factory=list)

    def line(self) -> str:
        outcomes = ", ".join(f"{n} {name}" for name, n in sorted(self.outcomes.items()))
        return (
            f"read {self.files} files, {self.counts.records} records, {self.counts.pages} pages "
            f"({outcomes or 'none stored'}); {self.dropped['not_article']} not articles, "
            f"{sum(self.dropped.values()) - self.dropped['not_article']} without a record, "
            f"{self.older} older than stored, {self.counts.broken} broken records"
        )


def import_warcs(paths: Iterable[str | Path], database: str | None) -> ImportSummary:
    """Extract and store every HTML page of the given WARC/ARC files."""
    from crawler.archive.reextract import build_record

    summary = ImportSummary()
    storage = open_storage(database)
    try:
        for path in paths:
            counts = WarcCounts()
            try:
                for page in iter_warc_pages(path, counts):
                    stored = storage.get_article(page.url)
                    stored_time = (stored or {}).get("capture_time") or (stored or {}).get(
                        "fetched_at"
                    )
                    if stored_time and page.capture_time and stored_time > page.capture_time:
                        summary.older += 1
                        continue
                    if not is_article_page(page.url, page.body, page.encoding):
                        summary.dropped["not_article"] += 1
                        continue
                    record, reason = build_record(page)
                    if record is None:
                        summary.dropped[reason or "unknown"] += 1
                        continue
                    storage.save_page(page)
                    summary.outcomes[storage.upsert_article(record).value] += 1
            except OSError as exc:
                summary.failed_files.append(f"{path}: {exc}")
            summary.files += 1
            summary.counts.add(counts)
    finally:
        storage.close()
    return summary
