"""A stand-in for the Common Crawl index and data servers, on loopback.

It serves ``/collinfo.json``, ``/<collection>-index`` (paged, one JSON object
per line, with ``showNumPages``) built from real WARC files, and the WARC
files themselves under ``/data/`` with HTTP Range support, as
data.commoncrawl.org does.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from warcio.archiveiterator import ArchiveIterator

COLLECTION = "CC-MAIN-2024-10"
_RANGE = re.compile(r"bytes=(\d+)-(\d+)")


def index_entries(warcs: list[Path]) -> list[dict[str, str]]:
    """One index line per response or revisit record, sorted by URL then time."""
    entries = []
    for path in warcs:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type not in ("response", "revisit"):
                    continue
                http = record.http_headers
                date = record.rec_headers.get_header("WARC-Date")
                entry = {
                    "url": record.rec_headers.get_header("WARC-Target-URI"),
                    "timestamp": re.sub(r"\D", "", date)[:14],
                    "mime": "warc/revisit" if record.rec_type == "revisit" else (
                        (http.get_header("Content-Type") or "").split(";")[0]),
                    "status": http.get_statuscode() if record.rec_type == "response" else "-",
                    "filename": path.name,
                }  # fmt: skip
                iterator.read_to_end()
                entry["offset"] = str(iterator.get_record_offset())
                entry["length"] = str(iterator.get_record_length())
                entries.append(entry)
    return sorted(entries, key=lambda e: (e["url"], e["timestamp"]))


class _Handler(BaseHTTPRequestHandler):
    entries: ClassVar[list[dict[str, str]]] = []
    folder = Path()
    page_size = 6

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              extra: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/collinfo.json":
            names = [COLLECTION, "CC-MAIN-2010-01"]  # the second lies outside the years asked
            self._send(200, json.dumps([{"id": name} for name in names]).encode())
        elif parts.path == f"/{COLLECTION}-index":
            self._index(parse_qs(parts.query))
        elif parts.path.startswith("/data/"):
            self._data(parts.path[len("/data/") :])
        else:
            self._send(404, b'{"error": "not found"}')

    def _index(self, params: dict[str, list[str]]) -> None:
        pages = -(-len(self.entries) // self.page_size)
        if params.get("showNumPages") == ["true"]:
            self._send(200, json.dumps({"pages": pages, "pageSize": 5, "blocks": pages}).encode())
            return
        number = int(params.get("page", ["0"])[0])
        chosen = self.entries[number * self.page_size : (number + 1) * self.page_size]
        self._send(200, "".join(json.dumps(e) + "\n" for e in chosen).encode(), "text/x-ndjson")

    def _data(self, name: str) -> None:
        path = self.folder / name
        if "/" in name or not path.is_file():
            self._send(404, b"no such file")
            return
        match = _RANGE.fullmatch(self.headers.get("Range", ""))
        if not match:
            self._send(416, b"a Range is required")
            return
        start, end = int(match.group(1)), int(match.group(2))
        with path.open("rb") as stream:
            stream.seek(start)
            body = stream.read(end - start + 1)
        self._send(206, body, "application/octet-stream",
                   {"Content-Range": f"bytes {start}-{end}/{path.stat().st_size}"})  # fmt: skip

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawler's own log says what was fetched."""


class CommonCrawlServer:
    def __init__(self, warcs: list[Path]) -> None:
        attributes = {"entries": index_entries(warcs), "folder": warcs[0].parent}
        handler = type("Handler", (_Handler,), attributes)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> CommonCrawlServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
