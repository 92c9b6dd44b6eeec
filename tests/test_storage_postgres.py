"""Storage behaviour, the same on SQLite and on a real PostgreSQL server.

The behavioural tests run once per backend; the PostgreSQL-only ones cover
URL selection, batched writes, in-place schema upgrades and the promise that
one set of records reads back identically from both backends.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pg_support
import pytest

from crawler.items import FetchedPage
from crawler.storage import Outcome, Storage, StorageError, open_storage

# The real-server fixtures, shared with any other test module that needs them.
postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url


def record(url: str = "http://a.gov.vn/x", text: str = "Nội dung", **extra: object) -> dict:
    base: dict[str, Any] = {
        "url": url,
        "source": "a.gov.vn",
        "title": "Tiêu đề",
        "text": text,
        "content_hash": f"h-{text}",
        "is_meeting_report": True,
        "level": "district",
        "fetched_at": "2024-01-01T00:00:00+00:00",
    }
    base.update(extra)
    return base


def page(url: str = "http://a.gov.vn/x", status: int = 200, **extra: Any) -> FetchedPage:
    fields: dict[str, Any] = {
        "body": "<p>Hội nghị giao ban quý</p>".encode() * 50,
        "fetched_at": "2024-01-01T00:00:00+00:00",
        "headers": {"etag": '"abc"', "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
    }
    fields.update(extra)
    return FetchedPage(url=url, status=status, **fields)


@dataclass
class Backend:
    name: str
    target: str  # what open_storage is given
    body_size_sql: str  # stored size of every page body
    make_read_only: Callable[[Any], None]

    def open(self) -> Storage:
        return open_storage(self.target)


def _sqlite_read_only(storage: Any) -> None:
    storage.conn.execute("PRAGMA query_only=ON")


def _postgres_read_only(storage: Any) -> None:
    storage.conn.execute("SET default_transaction_read_only = on")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend(
            "sqlite", str(tmp_path / "db.sqlite"), "SELECT length(body) FROM pages",
            _sqlite_read_only,
        )  # fmt: skip
    url = request.getfixturevalue("postgres_url")
    return Backend("postgres", url, "SELECT octet_length(body) FROM pages", _postgres_read_only)


@pytest.fixture
def storage(backend: Backend) -> Iterator[Storage]:
    opened = backend.open()
    yield opened
    opened.close()


# -- the same behaviour on both backends -------------------------------------


def test_upsert_is_idempotent_and_keeps_versions(storage: Storage) -> None:
    assert storage.upsert_article(record()) is Outcome.NEW
    later = record(fetched_at="2025-01-01T00:00:00+00:00")
    assert storage.upsert_article(later) is Outcome.UNCHANGED
    assert storage.upsert_article(record(body="peoples_committee")) is Outcome.REEXTRACTED
    assert storage.article_versions("http://a.gov.vn/x") == []
    assert storage.upsert_article(record(text="Nội dung mới")) is Outcome.UPDATED
    assert storage.upsert_article(record(text="Nội dung mới")) is Outcome.UNCHANGED
    versions = storage.article_versions("http://a.gov.vn/x")
    assert [v["text"] for v in versions] == ["Nội dung"]
    assert versions[0]["body"] == "peoples_committee"
    assert storage.get_article("http://a.gov.vn/x")["text"] == "Nội dung mới"  # type: ignore[index]
    assert storage.get_article("http://a.gov.vn/none") is None
    assert storage.counts() == {"articles": 1, "meeting_reports": 1, "pages": 0, "versions": 1}


def test_newer_extractor_of_the_same_record_is_noted(storage: Storage) -> None:
    storage.upsert_article(record(extractor_version="1"))
    assert storage.upsert_article(record(extractor_version="2")) is Outcome.UNCHANGED
    assert storage.get_article("http://a.gov.vn/x")["extractor_version"] == "2"  # type: ignore[index]
    assert storage.upsert_article(record(extractor_version="2")) is Outcome.UNCHANGED
    assert storage.counts()["versions"] == 0


def test_pages_are_stored_compressed_and_not_rewritten(storage: Storage, backend: Backend) -> None:
    fetched = page()
    assert storage.save_page(fetched) is True
    fetched.fetched_at = "2024-02-01T00:00:00+00:00"
    assert storage.save_page(fetched) is False
    stored = list(storage.iter_pages())
    assert len(stored) == 1 and stored[0].body == fetched.body
    assert stored[0].fetched_at == "2024-01-01T00:00:00+00:00"
    assert stored[0].headers["etag"] == '"abc"'
    (size,) = storage.query(backend.body_size_sql)[0]  # type: ignore[attr-defined]
    assert size < len(fetched.body) / 5
    assert storage.save_page(page(status=404)) is True
    assert [p.status for p in storage.iter_pages()] == [404]


def test_archived_page_keeps_its_capture(storage: Storage) -> None:
    archived = page(capture_time="2019-05-02T08:00:00+00:00", archive_url="http://arc/x")
    storage.save_page(archived)
    (stored,) = storage.iter_pages()
    assert (stored.capture_time, stored.archive_url) == (archived.capture_time, "http://arc/x")


def test_an_older_capture_arriving_late_becomes_an_earlier_version(storage: Storage) -> None:
    newer, older = "2021-03-01T00:00:00+00:00", "2019-05-02T00:00:00+00:00"
    assert storage.upsert_article(record(text="Bản sau", capture_time=newer)) is Outcome.NEW
    assert storage.upsert_article(record(text="Bản đầu", capture_time=older)) is Outcome.UPDATED
    assert storage.upsert_article(record(text="Bản sau", capture_time=older)) is Outcome.UNCHANGED
    current = storage.get_article("http://a.gov.vn/x")
    assert current is not None and (current["text"], current["capture_time"]) == ("Bản sau", newer)
    assert [v["text"] for v in storage.article_versions("http://a.gov.vn/x")] == ["Bản đầu"]
    # A newer capture still replaces the current record, which becomes a version.
    latest = "2023-07-09T00:00:00+00:00"
    assert storage.upsert_article(record(text="Bản cuối", capture_time=latest)) is Outcome.UPDATED
    assert storage.get_article("http://a.gov.vn/x")["text"] == "Bản cuối"  # type: ignore[index]
    assert sorted(v["text"] for v in storage.article_versions("http://a.gov.vn/x")) == [
        "Bản sau", "Bản đầu"]  # fmt: skip

    storage.save_page(page(capture_time=newer, body=b"<p>sau</p>" * 40))
    storage.save_page(page(capture_time=older, body=b"<p>truoc</p>" * 40))
    (stored,) = storage.iter_pages()
    assert (stored.capture_time, stored.body) == (newer, b"<p>sau</p>" * 40)


def test_articles_come_in_source_date_url_order(storage: Storage) -> None:
    storage.upsert_article(record("http://b.gov.vn/2", source="b.gov.vn", published="2024-03-01"))
    storage.upsert_article(record("http://b.gov.vn/1", source="b.gov.vn", published="2024-03-01"))
    storage.upsert_article(record("http://b.gov.vn/0", source="b.gov.vn", published=None))
    storage.upsert_article(record("http://Z.gov.vn/9", source="Z.gov.vn", is_meeting_report=False))
    urls = [r["url"] for r in storage.iter_articles()]
    assert urls == [
        "http://Z.gov.vn/9",
        "http://b.gov.vn/0",
        "http://b.gov.vn/1",
        "http://b.gov.vn/2",
    ]
    assert len(list(storage.iter_articles(meetings_only=True))) == 3
    assert storage.counts()["meeting_reports"] == 3


def test_writes_while_iterating_pages(storage: Storage) -> None:
    # Re-extraction reads every stored page and writes a record for each.
    if hasattr(storage, "fetch_size"):
        storage.fetch_size = 7
    for number in range(30):
        storage.save_page(page(f"http://a.gov.vn/{number:02d}"))
    for stored in storage.iter_pages():
        assert storage.upsert_article(record(stored.url)) is Outcome.NEW
    assert storage.counts()["articles"] == 30
    first = next(iter(storage.iter_pages()))  # an abandoned iteration must not block writes
    assert storage.upsert_article(record(first.url, text="khác")) is Outcome.UPDATED


def test_stored_data_survives_reopening(backend: Backend) -> None:
    first = backend.open()
    first.upsert_article(record())
    first.save_page(page())
    first.close()
    again = backend.open()
    assert again.counts() == {"articles": 1, "meeting_reports": 1, "pages": 1, "versions": 0}
    assert again.upsert_article(record()) is Outcome.UNCHANGED
    again.close()


def test_failed_write_is_a_clear_error_and_keeps_what_is_stored(backend: Backend) -> None:
    first = backend.open()
    first.upsert_article(record())
    first.close()
    blocked = backend.open()
    backend.make_read_only(blocked)
    with pytest.raises(StorageError, match="cannot write"):
        blocked.upsert_article(record(url="http://a.gov.vn/y"))
    with pytest.raises(StorageError, match="cannot write"):
        blocked.save_page(page())
    blocked.close()
    again = backend.open()
    assert again.get_article("http://a.gov.vn/x") is not None
    assert again.counts()["articles"] == 1
    again.close()


# -- PostgreSQL only -----------------------------------------------------------


def test_postgres_urls_choose_the_postgres_backend(postgres_url: str) -> None:
    from crawler.storage.postgres import PostgresStorage

    for url in (postgres_url, postgres_url.replace("postgresql://", "postgres://", 1)):
        opened = open_storage(url)
        assert isinstance(opened, PostgresStorage)
        opened.close()


def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed")
    import socket

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StorageError, match="cannot open database") as failure:
        open_storage(f"postgresql://crawler:s3cret@127.0.0.1:{port}/meetings")
    assert "s3cret" not in str(failure.value) and "crawler:***@" in str(failure.value)


def test_batches_give_the_outcomes_of_single_calls(postgres_url: str, tmp_path: Path) -> None:
    from crawler.storage.postgres import PostgresStorage

    batch = [
        record("http://a.gov.vn/1"),
        record("http://a.gov.vn/2"),
        record("http://a.gov.vn/1", text="sửa lại"),  # same URL again within the batch
        record("http://a.gov.vn/1", text="sửa lại", body="council"),
        record("http://a.gov.vn/2", extractor_version="9"),
    ]
    single = open_storage(str(tmp_path / "db.sqlite"))
    expected = [single.upsert_article(item) for item in batch]
    storage = PostgresStorage(postgres_url)
    assert storage.upsert_many(batch) == expected
    assert storage.upsert_many(batch[-1:]) == [Outcome.UNCHANGED]
    assert storage.counts() == single.counts()
    assert storage.article_versions("http://a.gov.vn/1") == single.article_versions(
        "http://a.gov.vn/1"
    )
    assert storage.get_article("http://a.gov.vn/2") == single.get_article("http://a.gov.vn/2")
    pages = [page("http://a.gov.vn/1"), page("http://a.gov.vn/1"), page("http://a.gov.vn/2")]
    assert storage.save_many(pages) == [True, False, True]
    assert storage.save_many(pages[:1]) == [False]
    single.close()
    storage.close()


def test_a_failing_batch_stores_none_of_it(postgres_url: str) -> None:
    from crawler.storage.postgres import PostgresStorage

    storage = PostgresStorage(postgres_url)
    broken = record("http://a.gov.vn/2")
    del broken["content_hash"]  # the column is required
    with pytest.raises(StorageError, match="cannot write"):
        storage.upsert_many([record("http://a.gov.vn/1"), broken])
    assert storage.counts()["articles"] == 0
    assert storage.upsert_article(record("http://a.gov.vn/1")) is Outcome.NEW  # still usable
    storage.close()


def test_an_older_schema_is_upgraded_in_place(postgres_url: str) -> None:
    import psycopg

    from crawler.storage.migrations import LATEST_VERSION, apply_migrations, current_version
    from crawler.storage.postgres import PostgresStorage

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert apply_migrations(conn, target=1) == [1]
        conn.execute(
            "INSERT INTO pages(url, status, headers, fetched_at, body_sha256, body)"
            " VALUES ('http://a.gov.vn/old', 200, '{}', '2020-01-01', 'x', %s)",
            (__import__("zlib").compress(b"<p>cu</p>"),),
        )
        conn.execute(
            "INSERT INTO articles(url, source, is_meeting_report, content_hash, record,"
            " stored_at, updated_at) VALUES ('http://a.gov.vn/old', 'a.gov.vn', 1, 'h-cũ',"
            " %s, '2020-01-01', '2020-01-01')",
            ('{"url": "http://a.gov.vn/old", "text": "cũ", "content_hash": "h-cũ"}',),
        )
    storage = PostgresStorage(postgres_url)
    assert current_version(storage.conn) == LATEST_VERSION
    (old_page,) = storage.iter_pages()
    assert (old_page.body, old_page.capture_time) == (b"<p>cu</p>", None)
    assert storage.get_article("http://a.gov.vn/old") == {
        "url": "http://a.gov.vn/old", "text": "cũ", "content_hash": "h-cũ",
    }  # fmt: skip
    upgraded = record("http://a.gov.vn/old", text="mới", extractor_version="3")
    assert storage.upsert_article(upgraded) is Outcome.UPDATED
    assert storage.query(
        "SELECT extractor_version, version FROM articles WHERE url = %s", ("http://a.gov.vn/old",)
    ) == [("3", 2)]
    assert apply_migrations(storage.conn) == []  # idempotent
    applied = storage.query("SELECT version FROM schema_version ORDER BY version")
    assert [version for (version,) in applied] == list(range(1, LATEST_VERSION + 1))
    storage.close()


def _tricky_records() -> list[dict[str, Any]]:
    decomposed = unicodedata.normalize("NFD", "Uỷ ban nhân dân huyện")
    return [
        record("http://a.gov.vn/1", published="2024-05-01", figures=[{"value": 1.5}, None]),
        record("http://a.gov.vn/2", title=decomposed, published=None, count=2**53 + 1),
        record("http://b.gov.vn/1", source="b.gov.vn", title="nul\x00trong tiêu đề 🗳"),
        record("http://b.gov.vn/2", source="b.gov.vn", is_meeting_report=False, level=None),
        record("http://a.gov.vn/1", text="bản mới", published="2024-05-02"),
        record("http://a.gov.vn/1", text="bản mới", published="2024-05-02", body="x"),
    ]


def test_the_same_records_read_back_identically(postgres_url: str, tmp_path: Path) -> None:
    backends = [open_storage(str(tmp_path / "db.sqlite")), open_storage(postgres_url)]
    outcomes = [[b.upsert_article(item) for item in _tricky_records()] for b in backends]
    pages = [page("http://a.gov.vn/1"), page("http://a.gov.vn/0", body=b"\x00\xff raw")]
    for b in backends:
        for fetched in pages:
            b.save_page(fetched)
    assert outcomes[0] == outcomes[1]
    sqlite_side, postgres_side = backends
    assert list(postgres_side.iter_articles()) == list(sqlite_side.iter_articles())
    meetings = list(postgres_side.iter_articles(meetings_only=True))
    assert meetings == list(sqlite_side.iter_articles(meetings_only=True))
    assert list(postgres_side.iter_pages()) == list(sqlite_side.iter_pages())
    for url in ("http://a.gov.vn/1", "http://a.gov.vn/2", "http://b.gov.vn/1"):
        assert postgres_side.get_article(url) == sqlite_side.get_article(url)
        assert postgres_side.article_versions(url) == sqlite_side.article_versions(url)
    assert postgres_side.counts() == sqlite_side.counts()
    assert postgres_side.get_article("http://b.gov.vn/1")["title"].count("\x00") == 1  # type: ignore[index]
    for b in backends:
        b.close()
