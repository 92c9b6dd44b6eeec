"""WARC out and in: a crawl's WARC files read back into the same pages; streaming reads.

The crawl is the project's site spider, run as `python -m crawler harvest` in a
subprocess against a tiny site on 127.0.0.1, with the WARC writer enabled.
"""

from __future__ import annotations

import gzip
import json
import random
import tracemalloc
from io import BytesIO
from pathlib import Path

import pytest
from archive_support import Page, SiteServer, WarcBuilder, run_module
from archive_support.content import ARTICLES, article_html, listing_html
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from crawler import settings as project_settings
from crawler.archive.warcin import WarcCounts, import_warcs, iter_warc_pages
from crawler.archive.warcout import WarcFileSet, safe_prefix
from crawler.storage import open_storage

WARC_EXTENSION = "crawler.archive.warcout.WarcWriterExtension"


def site_pages() -> dict[str, Page]:
    articles = ARTICLES[:3]
    pages = {"/": Page(listing_html(articles).encode())}
    # One article plain, one gzip-compressed, one sent in chunks.
    for article, how in zip(articles, ({}, {"gzip": True}, {"chunked": True}), strict=True):
        pages[article.path] = Page(article_html(article).encode(), **how)
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, WARC folder) of one crawl of the tiny site."""
    root = tmp_path_factory.mktemp("crawl")
    database, warc_dir = root / "crawl.sqlite", root / "warcs"
    extensions = {**project_settings.EXTENSIONS, WARC_EXTENSION: 520}
    with SiteServer(site_pages()) as site:
        result = run_module(
            "crawler", "harvest", f"{site.base}/", "--db", str(database),
            "-s", f"CRAWLER_WARC_OUT={warc_dir}", "-s", "CRAWLER_WARC_MAX_BYTES=6000",
            "-s", f"EXTENSIONS={json.dumps(extensions)}", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CRAWLER_PROGRESS=False",
            "--log-level", "WARNING",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    return database, warc_dir


def test_crawl_writes_complete_rotated_warc_files(crawled: tuple[Path, Path]) -> None:
    _, warc_dir = crawled
    names = sorted(p.name for p in warc_dir.iterdir())
    assert len(names) >= 2, names  # rotated at CRAWLER_WARC_MAX_BYTES
    assert all(name.endswith(".warc.gz") for name in names), names  # no ".open" left behind
    for path in warc_dir.iterdir():
        with path.open("rb") as stream:
            types = [record.rec_type for record in ArchiveIterator(stream)]
        assert types[0] == "warcinfo"
        assert types.count("request") == types.count("response") >= 1


def test_warc_reads_back_into_the_stored_pages(crawled: tuple[Path, Path]) -> None:
    database, warc_dir = crawled
    counts = WarcCounts()
    from_warc = {page.url: page for path in sorted(warc_dir.iterdir())
                 for page in iter_warc_pages(path, counts)}  # fmt: skip
    storage = open_storage(str(database))
    stored = list(storage.iter_pages())
    storage.close()
    assert len(stored) == 3
    for page in stored:
        assert page.url in from_warc
        assert from_warc[page.url].body == page.body  # de-chunked and decompressed alike
        assert from_warc[page.url].status == 200
    assert counts.broken == 0


def test_imported_warc_gives_the_crawled_records(crawled: tuple[Path, Path],
                                                 tmp_path: Path) -> None:  # fmt: skip
    database, warc_dir = crawled
    imported_db = tmp_path / "imported.sqlite"
    summary = import_warcs(sorted(warc_dir.iterdir()), str(imported_db))
    assert summary.outcomes["new"] == 3 and not summary.failed_files
    crawled_store, imported_store = open_storage(str(database)), open_storage(str(imported_db))
    try:
        crawled_records = {r["url"]: r for r in crawled_store.iter_articles()}
        imported_records = {r["url"]: r for r in imported_store.iter_articles()}
    finally:
        crawled_store.close()
        imported_store.close()
    assert imported_records.keys() == crawled_records.keys()
    for url, record in imported_records.items():
        assert record["text"] == crawled_records[url]["text"]
        assert record["title"] == crawled_records[url]["title"]
        assert record["capture_time"]  # a WARC is an archive: its date is the capture time
    again = import_warcs(sorted(warc_dir.iterdir()), str(imported_db))
    assert again.outcomes == {"unchanged": 3}


# -- reading what archives really hold -------------------------------------------------------
def _broken_member() -> bytes:
    """A gzip WARC record whose compressed bytes were damaged in the middle."""
    buffer = BytesIO()
    WarcBuilder(buffer).response("http://a.gov.vn/broken.html", "20200101000000",
                                 article_html(ARTICLES[0]).encode())  # fmt: skip
    damaged = bytearray(buffer.getvalue())
    for index in range(30, 90):
        damaged[index] ^= 0x5A
    return bytes(damaged)


def write_mixed_warc(path: Path, records: int) -> dict[str, int]:
    """HTML (labelled and not), images, JSON, revisits and one broken record."""
    expected = {"html": 0, "not_html": 0, "revisits": 0}
    rng = random.Random(records)
    with path.open("wb") as stream:
        builder = WarcBuilder(stream)
        for index in range(records):
            url, stamp = f"http://a.gov.vn/tin-tuc/bai-{index}.html", "20200101000000"
            kind = index % 5
            if index == records // 2:
                stream.write(_broken_member())
            if kind == 0:
                builder.response(f"http://a.gov.vn/anh/{index}.jpg", stamp, rng.randbytes(3000),
                                 content_type="image/jpeg")  # fmt: skip
                expected["not_html"] += 1
            elif kind == 1:
                builder.revisit(url, stamp, "20190101000000", b"<html></html>")
                expected["revisits"] += 1
            elif kind == 4:
                builder.response(f"http://a.gov.vn/api/{index}", stamp, b'{"ok": true}',
                                 content_type="application/json")  # fmt: skip
                expected["not_html"] += 1
            else:
                body = f"<html><body><p>Trang {index}</p>{'x' * 2000}</body></html>".encode()
                builder.response(url, stamp, body, content_type=None if kind == 3 else "text/html")
                expected["html"] += 1
    return expected


def peak_memory_reading(path: Path) -> tuple[int, WarcCounts]:
    counts = WarcCounts()
    tracemalloc.start()
    try:
        pages = sum(1 for _ in iter_warc_pages(path, counts))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pages == counts.pages
    return peak, counts


def test_streaming_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small, large = tmp_path / "small.warc.gz", tmp_path / "large.warc.gz"
    write_mixed_warc(small, 2_000)
    expected = write_mixed_warc(large, 10_000)
    # URL helpers keep bounded caches (crawler.urls); fill them first, so what is
    # measured is growth with the file, not a cache reaching its bound.
    for _ in iter_warc_pages(large):
        pass
    small_peak, _ = peak_memory_reading(small)
    large_peak, counts = peak_memory_reading(large)
    assert counts.pages == expected["html"]
    assert counts.revisits == expected["revisits"]
    assert counts.not_html == expected["not_html"]
    assert counts.broken == 1
    assert large_peak < 4 * 1024 * 1024, large_peak
    assert large_peak < small_peak * 1.5 + 256 * 1024, (small_peak, large_peak)


def test_payload_encodings_sniffing_and_statuses(tmp_path: Path) -> None:
    html = article_html(ARTICLES[1]).encode()
    chunked_gzip = gzip.compress(html)
    chunked = (
        b"".join(
            f"{len(chunked_gzip[i : i + 500]):x}\r\n".encode() + chunked_gzip[i : i + 500] + b"\r\n"
            for i in range(0, len(chunked_gzip), 500)
        )
        + b"0\r\n\r\n"
    )
    path = tmp_path / "mixed.warc"  # plain, not gzipped
    with path.open("wb") as stream:
        builder = WarcBuilder(stream, gzip=False)
        builder.response("http://a.gov.vn/encoded-1.html", "20200101000000", chunked,
                         headers=[("Transfer-Encoding", "chunked"),
                                  ("Content-Encoding", "gzip")])  # fmt: skip
        builder.response("http://a.gov.vn/plain-2.html", "20200101000000", html,
                         content_type="text/plain")  # fmt: skip
        builder.response("http://a.gov.vn/missing-3.html", "20200101000000", b"",
                         status="404 Not Found")  # fmt: skip
        stream.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\n")
        builder.response("http://a.gov.vn/after-4.html", "20210101000000", html)
        builder.resource("http://a.gov.vn/note.txt", "20210101000000", b"ghi chu", "text/plain")
    counts = WarcCounts()
    pages = {page.url: page for page in iter_warc_pages(path, counts)}
    assert sorted(pages) == ["http://a.gov.vn/after-4.html", "http://a.gov.vn/encoded-1.html",
                             "http://a.gov.vn/plain-2.html"]  # fmt: skip
    assert all(page.body == html for page in pages.values())
    assert pages["http://a.gov.vn/after-4.html"].capture_time == "2021-01-01T00:00:00+00:00"
    assert pages["http://a.gov.vn/plain-2.html"].encoding == "utf-8"  # from the <meta> tag
    assert counts.not_ok == 1 and counts.broken == 1
    assert counts.other >= 1  # the resource record (and the headless one before the break)


def test_arc_files_plain_and_gzipped(tmp_path: Path) -> None:
    html = article_html(ARTICLES[2]).encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(html)) + html  # fmt: skip
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a"
    about = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [
        b"filedesc://t.arc 0.0.0.0 20160101000000 text/plain %d\n%s\n" % (len(about), about),
        b"http://a.gov.vn/tin-5.html 10.0.0.1 20160203040506 text/html %d\n%s\n"
        % (len(http), http),
        b"http://a.gov.vn/logo.gif 10.0.0.1 20160203040507 image/gif %d\n%s\n"
        % (len(image), image),
    ]
    plain, packed = tmp_path / "old.arc", tmp_path / "old.arc.gz"
    plain.write_bytes(b"".join(records))
    packed.write_bytes(b"".join(gzip.compress(record) for record in records))
    for path in (plain, packed):
        pages = list(iter_warc_pages(path))
        assert [(p.url, p.capture_time, p.body) for p in pages] == [
            ("http://a.gov.vn/tin-5.html", "2016-02-03T04:05:06+00:00", html)
        ]


def test_warc_file_names_stay_in_their_folder(tmp_path: Path) -> None:
    assert safe_prefix("../../etc/passwd") == "etc-passwd"
    assert safe_prefix("") == "crawl"
    files = WarcFileSet(tmp_path / "out", "../../escape", max_bytes=1, info={"software": "t"})
    writer = files.current_writer
    record = writer.create_warc_record(
        "http://a.gov.vn/x", "resource", payload=BytesIO(b"x"), warc_content_type="text/plain"
    )
    files.write_pair(record, record)  # past max_bytes: the file is finished at once
    files.close()
    written = list((tmp_path / "out").iterdir())
    assert len(written) == 1 and written[0].name.startswith("escape-")
    assert written[0].name.endswith(".warc.gz")
    assert [p for p in tmp_path.iterdir() if p.name != "out"] == []
    with written[0].open("rb") as stream:
        assert [r.rec_type for r in ArchiveIterator(stream)] == ["warcinfo", "resource", "resource"]
    assert isinstance(files.writer, WARCWriter | None)


def test_import_command_reports_and_fails_on_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crawler.cli import main

    warc = tmp_path / "one.warc.gz"
    with warc.open("wb") as stream:
        builder = WarcBuilder(stream)
        for article in ARTICLES[:2]:
            builder.response(article.url(), "20230101000000", article_html(article).encode())
    database = str(tmp_path / "one.sqlite")
    assert main(["import", str(warc), "--db", database]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "2 pages (2 new)" in lines[0], lines
    assert main(["import", str(warc), str(tmp_path / "absent.warc.gz"), "--db", database]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert "(2 unchanged)" in lines[0] and lines[1].startswith("error: cannot read"), lines
