"""Helpers of the archive tests: WARC fixtures, a pywb replay server, a tiny live site."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from base64 import b32encode
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
HTML = "text/html; charset=utf-8"


def clean_env() -> dict[str, str]:
    """The environment for a child process: no proxy may route a test request off the machine."""
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "DATABASE_URL"):
        env.pop(name, None)
    return env


def run_module(module: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m MODULE ARGS`` in a fresh process (one Twisted reactor per crawl)."""
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True,
        timeout=timeout, env=clean_env(), cwd=ROOT,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def warc_date(timestamp: str) -> str:
    """ "20190102030405" -> "2019-01-02T03:04:05Z"."""
    t = timestamp
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def payload_digest(body: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcBuilder:
    """Writes test WARC records: responses of any status and type, and revisits."""

    def __init__(self, stream: IO[bytes], gzip: bool = True) -> None:
        self.stream = stream
        self.writer = WARCWriter(stream, gzip=gzip)

    def response(self, url: str, timestamp: str, body: bytes, *, status: str = "200 OK",
                 content_type: str | None = HTML,
                 headers: list[tuple[str, str]] | None = None) -> None:  # fmt: skip
        pairs = [("Content-Type", content_type)] if content_type else []
        pairs += headers or []
        if not any(name.lower() == "content-length" for name, _ in pairs):
            pairs.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(status, pairs, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": warc_date(timestamp)},
        )  # fmt: skip
        self.writer.write_record(record)

    def revisit(self, url: str, timestamp: str, original_timestamp: str, body: bytes) -> None:
        http = StatusAndHeaders("200 OK", [("Content-Type", HTML)], protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            url, digest=payload_digest(body), refers_to_uri=url,
            refers_to_date=warc_date(original_timestamp), http_headers=http,
            warc_headers_dict={"WARC-Date": warc_date(timestamp)},
        )  # fmt: skip
        self.writer.write_record(record)

    def resource(self, url: str, timestamp: str, body: bytes, content_type: str) -> None:
        record = self.writer.create_warc_record(
            url, "resource", payload=BytesIO(body), warc_content_type=content_type,
            warc_headers_dict={"WARC-Date": warc_date(timestamp)},
        )  # fmt: skip
        self.writer.write_record(record)


# -- pywb ------------------------------------------------------------------------------
def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answers; a 404 is an answer
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url}")


def pywb_bin() -> Path:
    """Where pywb's commands are: $CRAWLER_PYWB_BIN (its own venv, as `make test` sets up),
    else ./.venv-pywb/bin, else beside this Python."""
    configured = os.environ.get("CRAWLER_PYWB_BIN")
    if configured:
        return Path(configured).resolve()
    beside_project = Path(__file__).resolve().parents[2] / ".venv-pywb" / "bin"
    if (beside_project / "wayback").exists():
        return beside_project
    return Path(sys.executable).parent


class PywbServer:
    """A pywb wayback server on loopback with one collection built by wb-manager."""

    def __init__(self, root: Path, warcs: list[Path], collection: str = "web") -> None:
        self.root = root
        self.warcs = warcs
        self.collection = collection
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / "pywb.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cdx(self) -> str:
        return f"{self.base}/{self.collection}/cdx"

    def _tool(self, name: str) -> str:
        return str(pywb_bin() / name)

    def __enter__(self) -> PywbServer:
        manager = self._tool("wb-manager")
        for args in (["init", self.collection], ["add", self.collection, *map(str, self.warcs)]):
            subprocess.run([manager, *args], cwd=self.root, check=True, capture_output=True,
                           env=clean_env(), timeout=120)  # fmt: skip
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [self._tool("wayback"), "-p", str(self.port), "-b", "127.0.0.1"],
                cwd=self.root, stdout=log, stderr=subprocess.STDOUT, env=clean_env(),
            )  # fmt: skip
        _wait_for(f"{self.cdx}?url=example.invalid", time.monotonic() + 60)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# -- a tiny live site ------------------------------------------------------------------------
@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = HTML
    #: Send the body gzip-compressed (Content-Encoding) or chunked (Transfer-Encoding).
    gzip: bool = False
    chunked: bool = False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: Mapping[str, Page] = {}

    def do_GET(self) -> None:
        page = self.pages.get(self.path) or Page(b"<html><body>not here</body></html>", 404)
        body = page.body
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        if page.gzip:
            import gzip

            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        if page.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 700):
                piece = body[start : start + 700]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawler's own log says what was fetched."""


class SiteServer:
    """Serves ``{path: Page}`` on 127.0.0.1 in a background thread."""

    def __init__(self, pages: Mapping[str, Page]) -> None:
        handler = type("Handler", (_Handler,), {"pages": dict(pages)})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def now_timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S")
