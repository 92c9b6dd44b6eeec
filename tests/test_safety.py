"""Safety: no entity expansion or network access from parsing, files that stay
in their folder, SQL only through parameters, and refusal of private addresses."""

from __future__ import annotations

import ast
import asyncio
import json
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.archive.warcout import WarcFileSet, safe_prefix
from crawler.demo.server import Site, VirtualWeb, html_resource
from crawler.middlewares.private import (
    PrivateAddressMiddleware,
    is_forbidden_address,
    literal_address,
)
from crawler.storage import open_storage
from spiders.pages import feed_entries, sitemap_entries

ROOT = Path(__file__).resolve().parents[1]
CODE_FOLDERS = ("crawler", "pipelines", "spiders")


# -- XML: no entity expansion, no network ------------------------------------------------
class Listener:
    """A TCP listener on loopback that only counts who connects to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def _laughs(root: str, inner: str) -> bytes:
    entities = ['<!ENTITY a0 "ha">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (f'<?xml version="1.0"?><!DOCTYPE {root} [{"".join(entities)}]>' + inner).encode()


def test_billion_laughs_is_not_expanded() -> None:
    sitemap = _laughs(
        "urlset",
        "<urlset><url><loc>http://x.gov.vn/&a9;</loc></url>"
        "<url><loc>http://x.gov.vn/tin-tuc/bai-viet.html</loc></url></urlset>",
    )
    started = time.monotonic()
    urls = [entry.url for entry in sitemap_entries(sitemap)]
    assert time.monotonic() - started < 2
    assert "http://x.gov.vn/tin-tuc/bai-viet.html" in urls
    assert all(len(url) < 100 and "haha" not in url for url in urls)
    feed = _laughs(
        "rss",
        "<rss><channel><item><title>&a9;</title>"
        "<link>http://x.gov.vn/tin/a.html</link></item></channel></rss>",
    )
    assert [e.url for e in feed_entries(feed)] == ["http://x.gov.vn/tin/a.html"]


def test_external_entities_are_neither_read_nor_fetched(tmp_path: Path, listener: Listener) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("khong-duoc-doc", encoding="utf-8")
    dtd = (
        f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">'
        f'<!ENTITY r SYSTEM "{listener.url}/entity"><!ENTITY % p SYSTEM "{listener.url}/dtd">'
        "%p;]>"
    )
    sitemap = (
        f'<?xml version="1.0"?>{dtd}<urlset><url><loc>http://x.gov.vn/&s;&r;</loc></url>'
        "<url><loc>http://x.gov.vn/ok.html</loc></url></urlset>"
    ).encode()
    feed = (
        f'<?xml version="1.0"?>{dtd}<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        '<link href="http://x.gov.vn/a.html"/><title>&s;&r;</title></entry></feed>'
    ).encode()
    found = [e.url for e in sitemap_entries(sitemap)] + [e.url for e in feed_entries(feed)]
    time.sleep(0.3)  # a fetch, had one started, would have connected by now
    assert listener.connections == 0
    assert not any("khong-duoc-doc" in url for url in found)
    assert "http://x.gov.vn/ok.html" in found and "http://x.gov.vn/a.html" in found


# -- files stay in their folder ------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["../../evil", "/etc/passwd", "..", "a/../../b", "\x00x", ""])
def test_warc_file_names_never_leave_their_folder(tmp_path: Path, prefix: str) -> None:
    folder = tmp_path / "warc"
    files = WarcFileSet(folder, prefix, 1_000_000, {"software": "test"})
    writer = files.current_writer
    assert writer is not None
    files.close()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p.parent == folder.resolve() for p in written)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", safe_prefix(prefix))


HOSTILE_PATHS = (
    "/tin-tuc/..%2F..%2F..%2Fetc%2Fpasswd.html",
    "/tin-tuc/%2e%2e/%2e%2e/thoat-ra-ngoai-thu-muc-bai-viet-nay.html",
    "/tin-tuc/bai-viet-co-ten-rat-dai-" + "x" * 200 + ".html",
)


def _escape_site() -> Site:
    title = "../../../../tmp/thoat-ra ngoài thư mục ; rm -rf / ; <script>"
    pages = {
        "/": html_resource(
            "<html><body>"
            + "".join(
                f'<a href="{p}">Bài viết về hội nghị tổng kết công tác năm của huyện</a>'
                for p in HOSTILE_PATHS
            )
            + "</body></html>"
        ),
    }
    for path in HOSTILE_PATHS:
        pages[path] = html_resource(
            f"<html><head><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
            "<p>Ngày 12/3/2024, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác năm, "
            "đánh giá kết quả thực hiện các chỉ tiêu kinh tế, xã hội và bàn nhiệm vụ năm tới "
            "với sự tham dự của lãnh đạo các phòng, ban và các xã, thị trấn.</p>"
            "<p>Hội nghị thống nhất các giải pháp trọng tâm: đẩy nhanh giải ngân vốn đầu tư, "
            "cải cách thủ tục hành chính và chăm lo đời sống người dân vùng khó khăn.</p>"
            "<p>Phát biểu kết luận, Chủ tịch Ủy ban nhân dân huyện yêu cầu các đơn vị xây dựng "
            "kế hoạch cụ thể và báo cáo kết quả trước ngày 30/6.</p></body></html>"
        )
    return Site(pages)


def test_harvest_files_stay_in_their_folders(cli: Any, tmp_path: Path) -> None:
    work = tmp_path / "work"
    warcs = work / "warc"
    work.mkdir()
    with VirtualWeb({"thoat.gov.vn": _escape_site()}) as web:
        result = cli(
            "harvest",
            "http://thoat.gov.vn/",
            "--db",
            str(work / "x.sqlite"),
            "--warc-out",
            str(warcs),
            "-s",
            f"CRAWLER_FIXED_PROXY={web.url}",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "BOT_NAME=../../../thoat-ra",
            cwd=work,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    out = work / "export" / "all.jsonl"
    out.parent.mkdir()
    exported = cli("export", "--db", str(work / "x.sqlite"), "--out", str(out), cwd=work)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 1
    everything = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    allowed_dirs = {work.resolve(), warcs.resolve(), out.parent.resolve()}
    strays = [p for p in everything if p.parent not in allowed_dirs]
    assert not strays, strays
    assert list(warcs.glob("*.warc.gz")) and not list(warcs.glob("*.open"))
    assert [p.name for p in out.parent.iterdir()] == ["all.jsonl"]


# -- SQL only through parameters -------------------------------------------------------------
_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|REPLACE|PRAGMA)\b")
# Names that, by the code's convention, hold only SQL built in the code itself:
# placeholders ("?,?,?", "%s"), column and table names, "column = ?" lists and
# fixed clauses. A value from a page or a user never goes into one of these.
_PLACEHOLDER_NAMES = frozenset(
    {"marks", "assignments", "placeholders", "table", "columns", "column", "key", "updates",
     "where", "schema"}
)  # fmt: skip


def _is_constant_name(name: str) -> bool:
    return name.lstrip("_").isupper()


def _safe_expression(node: ast.AST) -> bool:
    """An expression built only of literals, module constants and placeholder lists."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return _is_constant_name(node.id) or node.id in _PLACEHOLDER_NAMES
    if isinstance(node, ast.Attribute):  # a class constant: self.LOCK_CLAUSE
        return _is_constant_name(node.attr)
    if isinstance(node, ast.BinOp):
        return _safe_expression(node.left) and _safe_expression(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe_expression(element) for element in node.elts)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "len":
            return True  # a length is a number, whatever it measures
        if isinstance(func, ast.Attribute) and func.attr == "join":
            return _safe_expression(func.value) and all(_safe_expression(a) for a in node.args)
    return False


def formatted_sql(tree: ast.AST) -> Iterable[tuple[int, str]]:
    """(line, why) for each SQL string that is formatted with something not constant."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                p.value
                for p in node.values
                if isinstance(p, ast.Constant) and isinstance(p.value, str)
            )
            if _SQL_WORDS.search(text):
                for part in node.values:
                    if isinstance(part, ast.FormattedValue) and not _safe_expression(part.value):
                        yield node.lineno, f"f-string with {ast.unparse(part.value)}"
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and _SQL_WORDS.search(node.left.value)
        ):
            yield node.lineno, "%-formatted SQL"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
            and _SQL_WORDS.search(str(node.func.value.value))
        ):
            yield node.lineno, ".format()ted SQL"


def test_sql_takes_values_only_as_parameters() -> None:
    problems = []
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            problems += [
                f"{path.relative_to(ROOT)}:{line}: {why}" for line, why in formatted_sql(tree)
            ]
    assert not problems, "\n".join(problems)


def test_the_sql_guard_catches_values_in_sql() -> None:
    bad = ast.parse(
        "conn.execute(f\"SELECT * FROM articles WHERE url = '{url}'\")\n"
        "conn.execute(\"DELETE FROM pages WHERE url = '%s'\" % url)\n"
        'conn.execute("UPDATE x SET a = {}".format(value))\n'
    )
    assert len(list(formatted_sql(bad))) == 3
    good = ast.parse('conn.execute(f"SELECT a FROM t WHERE b IN ({marks})", values)')
    assert list(formatted_sql(good)) == []


def test_hostile_values_are_stored_as_data(tmp_path: Path) -> None:
    storage = open_storage(str(tmp_path / "s.sqlite"))
    nasty = "x'); DROP TABLE articles; --"
    record = {
        "url": f"http://x.gov.vn/{nasty}",
        "source": nasty,
        "title": nasty,
        "text": nasty,
        "content_hash": nasty,
        "is_meeting_report": False,
    }
    try:
        storage.upsert_article(record)
        assert storage.get_article(record["url"])["title"] == nasty  # type: ignore[index]
    finally:
        storage.close()
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    conn.close()


# -- refusing private addresses ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("172.31.255.255", True),
        ("192.168.1.1", True),
        ("127.0.0.1", True),
        ("169.254.169.254", True),
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1", True),
        ("fd12:3456::1", True),
        ("fc00::1", True),
        ("::ffff:10.0.0.1", True),
        ("224.0.0.1", True),
        ("not-an-ip", True),
        ("203.113.131.1", False),
        ("8.8.8.8", False),
        ("172.32.0.1", False),
        ("2001:4860:4860::8888", False),
        ("::ffff:8.8.8.8", False),
    ],
)
def test_forbidden_addresses(address: str, forbidden: bool) -> None:
    assert is_forbidden_address(address) is forbidden


def _middleware(table: dict[str, list[str]]) -> tuple[PrivateAddressMiddleware, Any]:
    crawler = get_crawler(settings_dict={"CRAWLER_REFUSE_PRIVATE": True})
    crawler.stats.open_spider()

    def resolver(host: str) -> list[str]:
        if host not in table:
            raise socket.gaierror(f"no such host {host}")
        return table[host]

    return PrivateAddressMiddleware(crawler, resolver=resolver), crawler.stats


def _check(middleware: PrivateAddressMiddleware, url: str) -> str | None:
    """The refusal message for ``url``, or None when it may be fetched."""

    async def run() -> str | None:
        try:
            await middleware.process_request(Request(url, meta={"proxy": "http://127.0.0.1:3128"}))
        except IgnoreRequest as exc:
            return str(exc)
        return None

    from twisted.internet import threads

    real = threads.deferToThread
    # No reactor runs here: resolve inline, as deferToThread would in its thread.
    threads.deferToThread = _immediate  # type: ignore[assignment]
    try:
        return asyncio.run(run())
    finally:
        threads.deferToThread = real


def _immediate(function: Any, *args: Any) -> Any:
    from twisted.internet import defer

    try:
        return defer.succeed(function(*args))
    except Exception:
        return defer.fail()


def test_private_targets_are_refused_and_counted() -> None:
    middleware, stats = _middleware(
        {
            "portal.gov.vn": ["203.113.131.1"],
            "internal.gov.vn": ["203.113.131.2", "10.0.0.7"],  # one private address is enough
            "rebind.example": ["::ffff:127.0.0.1"],
            "localhost.": ["127.0.0.1", "::1"],
        }
    )
    assert _check(middleware, "http://portal.gov.vn/tin-tuc/a.html") is None
    for url in (
        "http://internal.gov.vn/",
        "http://10.0.0.5/admin",
        "http://localhost.:80/",
        "http://[::1]:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://rebind.example/",
    ):
        assert _check(middleware, url) is not None, url
    refused = _check(middleware, "http://unknown-host.invalid/")
    assert refused is not None and "cannot resolve" in refused
    assert stats.get_value("crawler/refused/private") == 6
    assert stats.get_value("crawler/refused/unresolved") == 1
    assert literal_address("[::1]") == "::1" and literal_address("portal.gov.vn") is None


def test_refusal_is_off_by_default() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        PrivateAddressMiddleware.from_crawler(get_crawler())
    assert (
        PrivateAddressMiddleware.from_crawler(
            get_crawler(settings_dict={"CRAWLER_REFUSE_PRIVATE": True})
        ).verdicts
        == {}
    )


def test_harvest_refuses_loopback_even_through_a_proxy(cli: Any, tmp_path: Path) -> None:
    site = Site({"/": html_resource("<html><body><p>trang chủ</p></body></html>")})
    with VirtualWeb({"x.gov.vn": site}) as web:
        target = web.url + "/"  # the loopback server itself, as a target
        common = [
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "RETRY_TIMES=0",
        ]
        refused = cli(
            "harvest",
            target,
            "http://10.20.30.40/",
            "--db",
            str(tmp_path / "a.sqlite"),
            "-s",
            "CRAWLER_REFUSE_PRIVATE=True",
            "-s",
            f"CRAWLER_FIXED_PROXY={web.url}",
            *common,
        )
        served_when_refused = web.count()
        allowed = cli("harvest", target, "--db", str(tmp_path / "b.sqlite"), *common)
        served_when_allowed = web.count()
    assert refused.returncode == 2, refused.stderr[-2000:]
    errors = [line for line in refused.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and all("private or local address" in line for line in errors)
    assert served_when_refused == 0  # neither the target nor the proxy was contacted
    assert "'crawler/refused/private': " in refused.stderr
    assert served_when_allowed > 0
    assert json.dumps(allowed.returncode) in ("0", "1")  # fetched; no article on that page
