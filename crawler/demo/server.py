"""A local HTTP/1.1 server that plays many virtual web sites on 127.0.0.1.

It works as a forward HTTP proxy: a client sends absolute-URI requests
("GET http://thoxuan.thanhhoa.gov.vn/x HTTP/1.1") and the server answers from
the virtual site of that host, so a crawler can run unchanged against
real-looking host names without any network. Plain requests are routed by
their Host header. An unknown host answers 502, as a proxy that cannot connect.

Run ``python -m crawler.demo.server`` to serve the demo web in the foreground.
"""

from __future__ import annotations

import argparse
import hashlib
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Every resource without its own date claims this one, so If-Modified-Since
# answers are stable from run to run.
DEFAULT_LAST_MODIFIED = datetime(2024, 1, 15, 8, 0, 0, tzinfo=UTC)
HTML_TYPE = "text/html; charset=utf-8"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


@dataclass
class Resource:
    """One answer of a virtual site."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Answer 503 this many times first, then normally (a flaky page).
    fail_times: int = 0
    #: Location of a 301/302 answer (absolute URL or path).
    redirect_to: str | None = None
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Honour If-None-Match / If-Modified-Since with 304 and send ETag / Last-Modified.
    conditional: bool = True
    last_modified: datetime = DEFAULT_LAST_MODIFIED
    failures_served: int = field(default=0, compare=False, repr=False)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


def html_resource(markup: str, status: int = 200) -> Resource:
    """An HTML page encoded as UTF-8."""
    return Resource(body=markup.encode("utf-8"), status=status, headers={"Content-Type": HTML_TYPE})


Resolver = Callable[[str], "Resource | None"]


def normalize_path(path: str) -> str:
    """ "" and "/" are the same page; everything else matches as written."""
    return path if path else "/"


class Site:
    """One virtual host: {path_with_query: Resource}, plus an optional resolver.

    The resolver answers paths not in the table (for generated or endless
    spaces); it returns None for "no such page", which becomes a 404.
    """

    def __init__(
        self,
        resources: Mapping[str, Resource] | None = None,
        resolver: Resolver | None = None,
        not_found_html: str | None = None,
    ) -> None:
        self.resources: dict[str, Resource] = {}
        self.resolver = resolver
        self.not_found_html = not_found_html or _default_not_found()
        for path, resource in (resources or {}).items():
            self.add(path, resource)

    def add(self, path: str, resource: Resource) -> None:
        self.resources[normalize_path(path)] = resource

    def get(self, path: str) -> Resource | None:
        path = normalize_path(path)
        found = self.resources.get(path)
        if found is None and self.resolver is not None:
            found = self.resolver(path)
        return found

    def paths(self) -> list[str]:
        return list(self.resources)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and normalize_path(path) in self.resources

    def __len__(self) -> int:
        return len(self.resources)


def _default_not_found() -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        "<title>Không tìm thấy trang</title></head><body><h1>404</h1>"
        "<p>Trang bạn yêu cầu không tồn tại hoặc đã bị gỡ bỏ.</p>"
        '<p><a href="/">Về trang chủ</a></p></body></html>'
    )


@dataclass(frozen=True)
class LoggedRequest:
    host: str
    path: str
    method: str
    status: int
    headers: dict[str, str]

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class VirtualWeb:
    """Serves ``sites`` (host -> Site) on 127.0.0.1 as a forward proxy."""

    def __init__(self, sites: Mapping[str, Site], port: int = 0) -> None:
        self.sites: dict[str, Site] = {host.lower(): site for host, site in sites.items()}
        self.requests: list[LoggedRequest] = []
        self.errors: list[str] = []
        self._port = port
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> str:
        """Start serving in a background thread; return the proxy URL."""
        if self._server is not None:
            return self.url
        server = ThreadingHTTPServer(("127.0.0.1", self._port), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> VirtualWeb:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the virtual web is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    # -- request log ---------------------------------------------------------
    def count(self, host: str | None = None) -> int:
        with self._lock:
            if host is None:
                return len(self.requests)
            return sum(1 for logged in self.requests if logged.host == host.lower())

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def fetched_urls(self, host: str | None = None) -> list[str]:
        with self._lock:
            return [r.url for r in self.requests if host is None or r.host == host.lower()]

    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)

    # -- answering -----------------------------------------------------------
    def answer(self, host: str, path: str, headers: Mapping[str, str]) -> _Answer:
        site = self.sites.get(host)
        if site is None:
            if host.split(":")[0] in _LOOPBACK_NAMES and path == "/":
                return _Answer(200, {"Content-Type": HTML_TYPE}, self._index_page())
            text = f"502 Bad Gateway: cannot connect to {host}\n".encode()
            return _Answer(502, {"Content-Type": "text/plain; charset=utf-8"}, text)
        try:
            resource = site.get(path)
        except Exception:  # a broken resolver is a bug to show, not a page to hide
            with self._lock:
                self.errors.append(traceback.format_exc())
            return _Answer(500, {"Content-Type": "text/plain"}, b"500 Internal Server Error\n")
        if resource is None:
            return _Answer(404, {"Content-Type": HTML_TYPE}, site.not_found_html.encode())
        return self._answer_resource(resource, headers)

    def _answer_resource(self, resource: Resource, headers: Mapping[str, str]) -> _Answer:
        if resource.delay > 0:
            time.sleep(resource.delay)
        with self._lock:
            failing = resource.failures_served < resource.fail_times
            if failing:
                resource.failures_served += 1
        if failing:
            retry = {"Content-Type": "text/plain", "Retry-After": "0"}
            return _Answer(503, retry, b"503 Service Unavailable\n")
        out_headers = dict(resource.headers)
        if resource.redirect_to is not None:
            status = resource.status if resource.status in _REDIRECT_STATUSES else 302
            out_headers["Location"] = resource.redirect_to
            return _Answer(status, out_headers, resource.body)
        if resource.conditional and resource.status == 200:
            out_headers.setdefault("ETag", resource.etag)
            out_headers.setdefault("Last-Modified", format_datetime(resource.last_modified, True))
            if _not_modified(resource, headers):
                return _Answer(304, out_headers, b"")
        return _Answer(resource.status, out_headers, resource.body)

    def _index_page(self) -> bytes:
        items = "".join(
            f'<li><a href="http://{escape(host)}/">{escape(host)}</a></li>'
            for host in sorted(self.sites)
        )
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Virtual web</title>'
            f"</head><body><p>Use this server as an HTTP proxy.</p><ul>{items}</ul></body></html>"
        ).encode()


def _not_modified(resource: Resource, headers: Mapping[str, str]) -> bool:
    """RFC 9110: If-None-Match decides when present, else If-Modified-Since."""
    headers = {name.lower(): value for name, value in headers.items()}  # names are case-blind
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or resource.etag in tags
    if_modified_since = headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return resource.last_modified.replace(microsecond=0) <= since
    return False


def split_target(target: str, host_header: str | None) -> tuple[str, str]:
    """(host, path_with_query) of a request-target, absolute-URI or origin-form."""
    if "://" in target.split("?", 1)[0]:
        parts = urlsplit(target)
        host = parts.netloc
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    else:
        host = host_header or ""
        path = target
    host = host.lower().strip()
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    host = host.removesuffix(":80")
    return host, normalize_path(path.split("#", 1)[0])


def _make_handler(web: VirtualWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "Microsoft-IIS/8.5"
        sys_version = ""

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self._serve(send_body=True)

        def do_CONNECT(self) -> None:
            # HTTPS would need a tunnel to the real host: refused, as every request stays local.
            answer = _Answer(502, {"Content-Type": "text/plain"}, b"no tunnelling\n")
            host = self.path.lower().removesuffix(":443")
            web._log(LoggedRequest(host, "", "CONNECT", 502, dict(self.headers.items())))
            self._send(answer, True)

        def _serve(self, send_body: bool) -> None:
            host, path = split_target(self.path, self.headers.get("Host"))
            request_headers = dict(self.headers.items())
            answer = web.answer(host, path, request_headers)
            web._log(LoggedRequest(host, path, self.command, answer.status, request_headers))
            self._send(answer, send_body)

        def _send(self, answer: _Answer, send_body: bool) -> None:
            try:
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.status != 304:
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if send_body and answer.status != 304:
                    self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away; nothing to answer

        def log_message(self, format: str, *args: object) -> None:
            return  # quiet: the request log on VirtualWeb records every answer

    return Handler


def _print_start(web: VirtualWeb, start_urls: list[str]) -> None:
    lines = [
        f"Proxy: {web.url}",
        f"Try:   curl -x {web.url} {start_urls[0] if start_urls else 'http://HOST/'}",
        "Start URLs:",
        *(f"  {url}" for url in start_urls),
    ]
    # Flushed at once: the caller may be a script reading the proxy URL from a pipe.
    print("\n".join(lines), flush=True)


SYNTHETIC_HOST = "huyenmau.demo.gov.vn"


def main(argv: list[str] | None = None) -> None:
    from crawler.demo.generate import generate_portal
    from crawler.demo.sites import DEMO_START_URLS, build_demo_web

    parser = argparse.ArgumentParser(description="Serve the demo web as a local HTTP proxy.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument(
        "--synthetic-pages",
        type=int,
        default=0,
        help="also serve a generated portal of this many pages at huyenmau.demo.gov.vn",
    )
    args = parser.parse_args(argv)
    sites = build_demo_web()
    start_urls = list(DEMO_START_URLS)
    if args.synthetic_pages:
        sites[SYNTHETIC_HOST] = generate_portal(SYNTHETIC_HOST, args.synthetic_pages)
        start_urls.append(f"http://{SYNTHETIC_HOST}/")
    web = VirtualWeb(sites, port=args.port)
    web.start()
    _print_start(web, start_urls)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()


if __name__ == "__main__":
    main()
