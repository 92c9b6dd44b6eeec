"""SQLite storage: idempotent upserts, versions, pages kept for re-extraction."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from crawler.items import FetchedPage
from crawler.storage import Outcome, StorageError, open_storage, resolve_database


def record(url: str = "http://a.gov.vn/x", text: str = "Nội dung", **extra: object) -> dict:
    base = {
        "url": url,
        "source": "a.gov.vn",
        "title": "Tiêu đề",
        "text": text,
        "content_hash": str(hash(text)),
        "is_meeting_report": True,
        "level": "district",
        "fetched_at": "2024-01-01T00:00:00+00:00",
    }
    base.update(extra)
    return base


def test_upsert_is_idempotent_and_keeps_versions(tmp_path: Path) -> None:
    storage = open_storage(str(tmp_path / "db.sqlite"))
    assert storage.upsert_article(record()) is Outcome.NEW
    assert (
        storage.upsert_article(record(fetched_at="2025-01-01T00:00:00+00:00")) is Outcome.UNCHANGED
    )
    assert storage.upsert_article(record(body="peoples_committee")) is Outcome.REEXTRACTED
    assert storage.article_versions("http://a.gov.vn/x") == []
    assert storage.upsert_article(record(text="Nội dung mới")) is Outcome.UPDATED
    versions = storage.article_versions("http://a.gov.vn/x")
    assert [v["text"] for v in versions] == ["Nội dung"]
    assert storage.get_article("http://a.gov.vn/x")["text"] == "Nội dung mới"
    assert storage.counts() == {"articles": 1, "meeting_reports": 1, "pages": 0, "versions": 1}
    storage.close()


def test_pages_are_stored_compressed_and_not_rewritten(tmp_path: Path) -> None:
    storage = open_storage(str(tmp_path / "db.sqlite"))
    page = FetchedPage(
        url="http://a.gov.vn/x",
        status=200,
        body="<p>Hội nghị</p>".encode() * 50,
        fetched_at="2024-01-01T00:00:00+00:00",
        headers={"etag": '"abc"', "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
    )
    assert storage.save_page(page) is True
    page.fetched_at = "2024-02-01T00:00:00+00:00"
    assert storage.save_page(page) is False
    stored = list(storage.iter_pages())
    assert len(stored) == 1 and stored[0].body == page.body
    assert stored[0].fetched_at == "2024-01-01T00:00:00+00:00"
    assert stored[0].headers["etag"] == '"abc"'
    raw = sqlite3.connect(tmp_path / "db.sqlite").execute("SELECT length(body) FROM pages")
    assert raw.fetchone()[0] < len(page.body) / 5
    storage.close()


def test_database_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert resolve_database(None) == os.path.join("data", "meetings.sqlite")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///tmp/x.sqlite")
    assert resolve_database(None) == "sqlite:///tmp/x.sqlite"
    assert resolve_database("other.sqlite") == "other.sqlite"


def test_unusable_database_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot open database"):
        open_storage(str(blocker / "db.sqlite"))
    with pytest.raises(StorageError, match="unsupported database URL"):
        open_storage("mysql://x")


def test_read_only_database_keeps_what_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    storage = open_storage(str(path))
    storage.upsert_article(record())
    storage.close()
    conn_storage = open_storage(str(path))
    conn_storage.conn.execute("PRAGMA query_only=ON")  # type: ignore[attr-defined]
    with pytest.raises(StorageError, match="cannot write"):
        conn_storage.upsert_article(record(url="http://a.gov.vn/y"))
    conn_storage.close()
    again = open_storage(str(path))
    assert again.get_article("http://a.gov.vn/x") is not None
    assert again.counts()["articles"] == 1
    again.close()
