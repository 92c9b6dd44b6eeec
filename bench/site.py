"""The benchmark's web: a generated district portal served on 127.0.0.1, and its WARC.

The portal is ``crawler.demo.generate.generate_portal`` (home page, listing
pages and articles, about a fifth meeting reports) behind the project's
VirtualWeb, which every crawler measured reaches as a forward HTTP proxy.
Pages are rendered once and kept, so every crawler is served the same bytes
at the same cost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.demo.generate import (
    articles_for_pages,
    generate_portal,
    listing_count,
    listing_path,
    make_portal,
    synthetic_articles,
)
from crawler.demo.server import Resource, Site, VirtualWeb, _make_handler

HOST = "huyenmau.demo.gov.vn"
START_URL = f"http://{HOST}/"


class BenchWeb(VirtualWeb):
    """VirtualWeb with TCP_NODELAY on its sockets.

    The handler writes the headers and the body separately; with Nagle's
    algorithm the body then waits for the client's delayed ACK, which would
    make the server, not the crawler, set the pace.
    """

    def start(self) -> str:
        if self._server is None:
            handler = _make_handler(self)
            handler.disable_nagle_algorithm = True
            server = ThreadingHTTPServer(("127.0.0.1", self._port), handler)
            server.daemon_threads = True
            self._server = server
            self._thread = threading.Thread(target=server.serve_forever, daemon=True)
            self._thread.start()
        return self.url


@dataclass
class Portal:
    site: Site
    paths: list[str]

    @property
    def article_count(self) -> int:
        return sum(1 for path in self.paths if path.endswith(".html"))


def build_portal(n_pages: int, seed: int = 0) -> Portal:
    """The generated portal with every page rendered once (robots.txt included)."""
    generated = generate_portal(HOST, n_pages, seed)
    portal = make_portal(HOST, articles_for_pages(n_pages), seed)
    paths = ["/", "/robots.txt"]
    paths += [listing_path(page) for page in range(1, listing_count(portal) + 1)]
    paths += [urlsplit(row["url"]).path for row in synthetic_articles(HOST, n_pages, seed)]
    resources: dict[str, Resource] = {}
    for path in paths:
        resource = generated.get(path)
        if resource is None:
            raise RuntimeError(f"the generated portal has no {path}")
        resources[path] = resource
    return Portal(Site(resources), paths)


@contextmanager
def serve(portal: Portal) -> Iterator[BenchWeb]:
    web = BenchWeb({HOST: portal.site})
    web.start()
    try:
        yield web
    finally:
        web.stop()


def write_warc(portal: Portal, target: Path) -> int:
    """Every HTML page of the portal as a WARC response record; returns the count."""
    written = 0
    with target.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for path in portal.paths:
            resource = portal.site.get(path)
            if resource is None or path == "/robots.txt":
                continue
            status = f"{resource.status} {HTTPStatus(resource.status).phrase}"
            headers = [*resource.headers.items(), ("Content-Length", str(len(resource.body)))]
            record = writer.create_warc_record(
                f"http://{HOST}{path}",
                "response",
                payload=BytesIO(resource.body),
                http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            )
            writer.write_record(record)
            written += 1
    return written
