"""The virtual web server: proxy routing, Host routing, errors, flaky pages, caching headers."""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from crawler.demo.server import (
    LoggedRequest,
    Resource,
    Site,
    VirtualWeb,
    html_resource,
    split_target,
)

HOST = "thoxuan.thanhhoa.gov.vn"
OTHER = "giavien.ninhbinh.gov.vn"


def _sites() -> dict[str, Site]:
    site = Site()
    site.add("/", html_resource("<h1>Trang chủ Thọ Xuân</h1>"))
    site.add("/tin-tuc?page=2", html_resource("<p>trang 2</p>"))
    site.add("/flaky", Resource(b"ok", fail_times=1))
    site.add("/cu", Resource(status=301, redirect_to="/moi"))
    site.add("/moi", html_resource("<p>bài mới</p>"))
    site.add("/tam", Resource(redirect_to=f"http://{HOST}/moi"))
    site.add("/cham", Resource(b"slow", delay=0.2))
    site.add("/khong-cache", Resource(b"fresh", conditional=False))
    other = Site({"/": html_resource("<h1>Gia Viễn</h1>")})
    return {HOST: site, OTHER: other}


@pytest.fixture
def web() -> Iterator[VirtualWeb]:
    with VirtualWeb(_sites()) as running:
        yield running


def _opener(proxy: str) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))


def _fetch(
    web: VirtualWeb, url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _opener(web.url).open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _raw(web: VirtualWeb, target: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    """A request sent as written (origin-form target plus Host), without a proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=5)
    connection.request("GET", target, headers=headers)
    return connection.getresponse()


def test_start_returns_a_loopback_proxy_url(web: VirtualWeb) -> None:
    parts = urlsplit(web.url)
    assert parts.scheme == "http" and parts.hostname == "127.0.0.1" and (parts.port or 0) > 0
    assert web.start() == web.url  # starting again is harmless


def test_absolute_uri_requests_are_routed_by_the_url_host(web: VirtualWeb) -> None:
    status, headers, body = _fetch(web, f"http://{HOST}/")
    assert status == 200
    assert "Thọ Xuân" in body.decode("utf-8")
    assert headers["Content-Type"].startswith("text/html")
    status, _headers, body = _fetch(web, f"http://{OTHER}/")
    assert status == 200 and "Gia Viễn" in body.decode("utf-8")


def test_plain_requests_are_routed_by_the_host_header(web: VirtualWeb) -> None:
    response = _raw(web, "/", {"Host": OTHER})
    assert response.status == 200
    assert "Gia Viễn" in response.read().decode("utf-8")


def test_paths_match_with_their_query_and_empty_path_is_root(web: VirtualWeb) -> None:
    assert _fetch(web, f"http://{HOST}/tin-tuc?page=2")[0] == 200
    assert _fetch(web, f"http://{HOST}/tin-tuc?page=3")[0] == 404
    assert _fetch(web, f"http://{HOST}")[0] == 200
    assert split_target("http://A.example.vn", None) == ("a.example.vn", "/")
    assert split_target("/x?y=1#frag", "b.vn:80") == ("b.vn", "/x?y=1")


def test_unknown_path_is_a_404_page(web: VirtualWeb) -> None:
    status, headers, body = _fetch(web, f"http://{HOST}/khong-co-trang-nay.html")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"404" in body


def test_unknown_host_is_a_502_like_a_proxy_that_cannot_connect(web: VirtualWeb) -> None:
    status, headers, body = _fetch(web, "http://khongtontai.example.vn/")
    assert status == 502
    assert headers["Content-Type"].startswith("text/plain")
    assert b"khongtontai.example.vn" in body


def test_flaky_page_answers_503_once_then_200(web: VirtualWeb) -> None:
    assert _fetch(web, f"http://{HOST}/flaky")[0] == 503
    status, _headers, body = _fetch(web, f"http://{HOST}/flaky")
    assert (status, body) == (200, b"ok")
    assert _fetch(web, f"http://{HOST}/flaky")[0] == 200


def test_redirects_carry_location_and_are_followed(web: VirtualWeb) -> None:
    response = _raw(web, "/cu", {"Host": HOST})
    assert response.status == 301
    assert response.getheader("Location") == "/moi"
    status, _headers, body = _fetch(web, f"http://{HOST}/cu")
    assert status == 200 and "bài mới" in body.decode("utf-8")
    temporary = _raw(web, "/tam", {"Host": HOST})
    assert temporary.status == 302
    assert temporary.getheader("Location") == f"http://{HOST}/moi"


def test_if_none_match_gets_304_and_a_changed_body_gets_200(web: VirtualWeb) -> None:
    status, headers, _body = _fetch(web, f"http://{HOST}/moi")
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag.startswith('"')
    status, _headers, body = _fetch(web, f"http://{HOST}/moi", {"If-None-Match": etag})
    assert status == 304 and body == b""
    status, _h, _b = _fetch(web, f"http://{HOST}/moi", {"If-Modified-Since": last_modified})
    assert status == 304
    assert _raw(web, f"http://{HOST}/moi", {"if-none-match": etag}).status == 304
    web.sites[HOST].add("/moi", html_resource("<p>bài đã sửa</p>"))
    assert _fetch(web, f"http://{HOST}/moi", {"If-None-Match": etag})[0] == 200


def test_if_modified_since_before_the_resource_date_gets_200(web: VirtualWeb) -> None:
    old = "Mon, 01 Jan 2018 00:00:00 GMT"
    assert _fetch(web, f"http://{HOST}/moi", {"If-Modified-Since": old})[0] == 200


def test_unconditional_resources_send_no_validators(web: VirtualWeb) -> None:
    status, headers, _body = _fetch(web, f"http://{HOST}/khong-cache", {"If-None-Match": "*"})
    assert status == 200
    assert "ETag" not in headers and "Last-Modified" not in headers


def test_head_sends_headers_without_a_body(web: VirtualWeb) -> None:
    status, headers, body = _fetch(web, f"http://{HOST}/moi", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len("<p>bài mới</p>".encode())


def test_delay_holds_the_answer(web: VirtualWeb) -> None:
    started = time.monotonic()
    assert _fetch(web, f"http://{HOST}/cham")[0] == 200
    assert time.monotonic() - started >= 0.2


def test_request_log_records_every_answer(web: VirtualWeb) -> None:
    _fetch(web, f"http://{HOST}/")
    _fetch(web, f"http://{HOST}/khong-co")
    _fetch(web, "http://khongtontai.example.vn/x")
    _fetch(web, f"http://{OTHER}/", method="HEAD")
    assert web.count() == 4
    assert web.count(HOST) == 2 and web.count(OTHER) == 1
    first, missing, unknown, head = web.requests
    assert isinstance(first, LoggedRequest)
    assert (first.host, first.path, first.method, first.status) == (HOST, "/", "GET", 200)
    assert missing.status == 404 and unknown.status == 502 and unknown.path == "/x"
    assert head.method == "HEAD"
    assert first.url == f"http://{HOST}/"
    assert "User-Agent" in first.headers
    web.reset_log()
    assert web.count() == 0


def test_sites_can_change_while_serving(web: VirtualWeb) -> None:
    assert _fetch(web, f"http://{HOST}/bai-moi.html")[0] == 404
    web.sites[HOST].add("/bai-moi.html", html_resource("<p>vừa đăng</p>"))
    assert _fetch(web, f"http://{HOST}/bai-moi.html")[0] == 200


def test_a_resolver_answers_paths_outside_the_table() -> None:
    def resolve(path: str) -> Resource | None:
        return html_resource(f"<p>{path}</p>") if path.startswith("/lich") else None

    with VirtualWeb({HOST: Site(resolver=resolve)}) as web:
        status, _headers, body = _fetch(web, f"http://{HOST}/lich?thang=5&nam=2031")
        assert status == 200 and b"thang=5" in body
        assert _fetch(web, f"http://{HOST}/khac")[0] == 404


def test_a_failing_resolver_answers_500_and_records_the_error() -> None:
    def broken(path: str) -> Resource | None:
        raise ValueError("broken page generator")

    with VirtualWeb({HOST: Site(resolver=broken)}) as web:
        assert _fetch(web, f"http://{HOST}/x")[0] == 500
        assert any("broken page generator" in error for error in web.errors)


def test_concurrent_requests_are_all_served_and_logged(web: VirtualWeb) -> None:
    statuses: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        status = _fetch(web, f"http://{HOST}/moi")[0]
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert statuses == [200] * 16
    assert web.count(HOST) == 16


def test_keep_alive_connection_serves_several_requests(web: VirtualWeb) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=5)
    for path in ("/", "/moi", "/khong-co"):
        connection.request("GET", f"http://{HOST}{path}")
        response = connection.getresponse()
        response.read()
        assert response.status in (200, 404)
    connection.close()
    assert web.count(HOST) == 3


def test_stop_closes_the_port() -> None:
    web = VirtualWeb(_sites())
    web.start()
    port = web.port
    web.stop()
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
    with pytest.raises(RuntimeError):
        _ = web.url


def test_module_entry_point_serves_the_demo_web_and_prints_start_urls() -> None:
    from crawler.demo.sites import DEMO_START_URLS

    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.demo.server", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        proxy = first.removeprefix("Proxy:").strip()
        assert first.startswith("Proxy:") and proxy.startswith("http://127.0.0.1:")
        printed = [process.stdout.readline().strip() for _ in range(len(DEMO_START_URLS) + 2)]
        assert set(DEMO_START_URLS) <= set(printed)
        opener = _opener(proxy)
        with opener.open(DEMO_START_URLS[0], timeout=5) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_https_tunnels_are_refused_and_logged(web: VirtualWeb) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=5)
    connection.request("CONNECT", "www.facebook.com:443")
    assert connection.getresponse().status == 502
    assert [(r.host, r.method) for r in web.requests] == [("www.facebook.com", "CONNECT")]
