"""Write every response of a crawl to WARC files (``-s CRAWLER_WARC_OUT=DIR``).

Each response becomes a request record and a response record (gzip, one
member per record) with the HTTP status line, headers and body, so the crawl
can be replayed, re-extracted or shared later. Files rotate at
``CRAWLER_WARC_MAX_BYTES``; each opens with a warcinfo record. A file is
written as ``*.warc.gz.open`` and renamed when complete, so a reader never
picks up half a file. File names come from the run, never from a URL.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import __version__

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1024**3
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
# The body handed over is already de-chunked (and Scrapy drops Content-Encoding
# once it has decoded the body): the WARC keeps what the server said under
# another name, as other crawlers do, so readers do not decode twice.
_UNDONE_HEADERS = {"transfer-encoding": "X-Crawler-Transfer-Encoding"}


def safe_prefix(text: str) -> str:
    """A file-name prefix of letters, digits, "-" and "_" only (never a path)."""
    cleaned = _UNSAFE_NAME.sub("-", text).strip("-_")[:40]
    return cleaned or "crawl"


def _decoded(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        for value in values:
            pairs.append((_decoded(name), _decoded(value)))
    return pairs


def response_header_pairs(response: Response) -> list[tuple[str, str]]:
    """The response's headers, made true of the (decoded) body that is written."""
    pairs: list[tuple[str, str]] = []
    for name, value in _header_pairs(response.headers):
        lower = name.lower()
        if lower == "content-length":
            continue
        pairs.append((_UNDONE_HEADERS.get(lower, name), value))
    pairs.append(("Content-Length", str(len(response.body))))
    return pairs


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class WarcFileSet:
    """Rotating gzip WARC files inside one folder."""

    def __init__(self, folder: Path, prefix: str, max_bytes: int, info: dict[str, str]) -> None:
        self.folder = folder.resolve()
        self.prefix = safe_prefix(prefix)
        self.max_bytes = max_bytes
        self.info = info
        self.serial = 0
        self.files_written = 0
        self.stream: IO[bytes] | None = None
        self.writer: WARCWriter | None = None
        self.open_path: Path | None = None

    def _new_path(self) -> Path:
        self.serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self.prefix}-{stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        path = (self.folder / name).resolve()
        if path.parent != self.folder:
            raise ValueError(f"WARC file name escapes {self.folder}: {name}")
        return path

    def _open(self) -> WARCWriter:
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            final = self._new_path()
            partial = final.with_name(final.name + ".open")
            if final.exists():
                continue
            try:
                self.stream = partial.open("xb")
            except FileExistsError:
                continue
            break
        self.open_path = partial
        self.writer = WARCWriter(self.stream, gzip=True)
        self.writer.write_record(self.writer.create_warcinfo_record(final.name, self.info))
        return self.writer

    def write_pair(self, request_record: Any, response_record: Any) -> None:
        writer = self.writer or self._open()
        writer.write_record(request_record)
        writer.write_record(response_record)
        assert self.stream is not None
        if self.stream.tell() >= self.max_bytes:
            self.close()

    @property
    def current_writer(self) -> WARCWriter:
        return self.writer or self._open()

    def close(self) -> None:
        """Flush and finish the open file (renamed without ``.open``)."""
        if self.stream is None or self.open_path is None:
            return
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        self.open_path.rename(self.open_path.with_name(self.open_path.name[: -len(".open")]))
        self.files_written += 1
        self.stream = self.writer = self.open_path = None


class WarcWriterExtension:
    def __init__(self, crawler: Crawler, files: WarcFileSet) -> None:
        self.crawler = crawler
        self.files = files
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcWriterExtension:
        settings = crawler.settings
        folder = settings.get("CRAWLER_WARC_OUT", "")
        if not folder:
            raise NotConfigured("CRAWLER_WARC_OUT is not set")
        max_bytes = settings.getint("CRAWLER_WARC_MAX_BYTES", DEFAULT_MAX_BYTES)
        if max_bytes <= 0:
            raise ValueError("CRAWLER_WARC_MAX_BYTES must be a positive number of bytes")
        info = {
            "software": f"vn-meetings-crawler/{__version__} (warcio)",
            "format": "WARC File Format 1.0",
            "http-header-user-agent": str(settings.get("USER_AGENT", "")),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        }
        prefix = str(settings.get("BOT_NAME") or "crawl")
        extension = cls(crawler, WarcFileSet(Path(folder), prefix, max_bytes, info))
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _records(self, response: Response, request: Request) -> tuple[Any, Any]:
        writer = self.files.current_writer
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = _header_pairs(request.headers)
        if not any(name.lower() == "host" for name, _ in request_headers):
            request_headers.insert(0, ("Host", parts.netloc))
        request_http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", request_headers,
                                        is_http_request=True)  # fmt: skip
        response_http = StatusAndHeaders(
            status_line(response.status), response_header_pairs(response), protocol="HTTP/1.1"
        )
        warc_headers = {"WARC-Date": now}
        if response.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        response_record = writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body),
            http_headers=response_http, warc_headers_dict=dict(warc_headers),
        )  # fmt: skip
        request_record = writer.create_warc_record(
            response.url, "request", payload=BytesIO(request.body or b""),
            http_headers=request_http, warc_headers_dict={"WARC-Date": now},
        )  # fmt: skip
        record_id = response_record.rec_headers.get_header("WARC-Record-ID")
        request_record.rec_headers.add_header("WARC-Concurrent-To", record_id)
        return request_record, response_record

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        if self.failed:
            return
        try:
            self.files.write_pair(*self._records(response, request))
        except OSError as exc:
            # A full disk must not stop the harvest itself; it is said loudly, once.
            self.failed = True
            logger.error("cannot write WARC files to %s, no more will be written: %s",
                         self.files.folder, exc)  # fmt: skip
            self._count("warc/write_failed")
            return
        self._count("warc/records", 2)

    def _count(self, name: str, amount: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(name, amount)

    def spider_closed(self, spider: Spider) -> None:
        self.files.close()
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("warc/files", self.files.files_written)
