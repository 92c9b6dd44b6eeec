"""SQLite backend: one file, WAL journal, every write call in its own transaction
(``save_many`` and ``upsert_many`` write a whole batch in one).

Tables
- ``pages``: the latest fetched bytes of each URL (zlib), status, ETag,
  Last-Modified, fetch time. A page whose bytes did not change is not written.
- ``articles``: one row per article URL: the record as JSON plus the columns
  users filter on. ``version`` counts text changes.
- ``article_versions``: earlier records of articles whose text changed.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.items import FetchedPage
from crawler.storage.base import (
    FILTER_COLUMNS,
    PAGE_IS_NOT_OLDER,
    Outcome,
    StorageError,
    StoredPage,
    body_digest,
    comparable,
    is_older_capture,
)
from crawler.storage.meeting_tables import SQLiteMeetingTables

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    encoding TEXT,
    fetched_at TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body BLOB NOT NULL,
    capture_time TEXT,
    archive_url TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_kind TEXT,
    title TEXT,
    published TEXT,
    is_meeting_report INTEGER NOT NULL,
    level TEXT,
    body TEXT,
    meeting_type TEXT,
    meeting_date TEXT,
    province TEXT,
    district TEXT,
    content_hash TEXT NOT NULL,
    extractor_version TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    record TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_meeting ON articles(is_meeting_report, level);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS article_versions (
    url TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (url, version)
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStorage(SQLiteMeetingTables):
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(_SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open database {path}: {exc}") from exc
        #: True while save_many/upsert_many hold a transaction open around their writes.
        self._batching = False

    # -- pages -------------------------------------------------------------
    def save_page(self, page: FetchedPage) -> bool:
        digest = body_digest(page.body)
        row = self.conn.execute(
            "SELECT body_sha256, status FROM pages WHERE url = ?", (page.url,)
        ).fetchone()
        if row and row[0] == digest and row[1] == page.status:
            return False
        values = (
            page.url,
            page.status,
            json.dumps(page.headers, sort_keys=True),
            page.headers.get("etag"),
            page.headers.get("last-modified"),
            page.encoding,
            page.fetched_at,
            digest,
            zlib.compress(page.body, 6),
            page.capture_time,
            page.archive_url,
        )
        self._write(
            "INSERT INTO pages(url, status, headers, etag, last_modified, encoding, fetched_at,"
            " body_sha256, body, capture_time, archive_url) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET status=excluded.status, headers=excluded.headers,"
            " etag=excluded.etag, last_modified=excluded.last_modified,"
            " encoding=excluded.encoding, fetched_at=excluded.fetched_at,"
            " body_sha256=excluded.body_sha256, body=excluded.body,"
            " capture_time=excluded.capture_time, archive_url=excluded.archive_url"
            f" WHERE {PAGE_IS_NOT_OLDER}",
            values,
        )
        return True

    def save_many(self, pages: Iterable[FetchedPage]) -> list[bool]:
        """:meth:`save_page` for each page, all in one transaction."""
        with self._batch():
            return [self.save_page(page) for page in pages]

    def iter_pages(self) -> Iterator[StoredPage]:
        cursor = self.conn.execute(
            "SELECT url, status, headers, body, fetched_at, encoding, capture_time, archive_url"
            " FROM pages ORDER BY url"
        )
        for url, status, headers, body, fetched_at, encoding, capture, archive in cursor:
            yield StoredPage(
                url=url,
                status=status,
                headers=json.loads(headers),
                body=zlib.decompress(body),
                fetched_at=fetched_at,
                encoding=encoding,
                capture_time=capture,
                archive_url=archive,
            )

    # -- articles ------------------------------------------------------------
    def upsert_article(self, record: dict[str, Any]) -> Outcome:
        url = record["url"]
        row = self.conn.execute(
            "SELECT record, content_hash, version FROM articles WHERE url = ?", (url,)
        ).fetchone()
        now = _now()
        payload = json.dumps(record, ensure_ascii=False, sort_keys=True)
        columns = [record.get(name) for name in FILTER_COLUMNS]
        if row is None:
            self._write(
                "INSERT INTO articles(url, is_meeting_report, version, record, stored_at,"
                f" updated_at, {', '.join(FILTER_COLUMNS)})"
                f" VALUES (?,?,?,?,?,?,{','.join('?' * len(FILTER_COLUMNS))})",
                (url, int(bool(record.get("is_meeting_report"))), 1, payload, now, now, *columns),
            )
            return Outcome.NEW
        old_record, old_hash, version = json.loads(row[0]), row[1], row[2]
        if is_older_capture(old_record, record):
            return self._keep_older_capture(record, payload, old_hash, version, now)
        if comparable(old_record) == comparable(record):
            if old_record.get("extractor_version") != record.get("extractor_version"):
                # A newer extractor made the same record: note who made it, so
                # re-extraction does not rebuild it again.
                self._write(
                    "UPDATE articles SET extractor_version = ?, record = ? WHERE url = ?",
                    (record.get("extractor_version"), payload, url),
                )
            return Outcome.UNCHANGED
        text_changed = old_hash != record.get("content_hash")
        statements: list[tuple[str, tuple[Any, ...]]] = []
        if text_changed:
            statements.append(
                (
                    "INSERT OR REPLACE INTO article_versions(url, version, content_hash, record,"
                    " replaced_at) VALUES (?,?,?,?,?)",
                    (url, version, old_hash, row[0], now),
                )
            )
            version += 1
        assignments = ", ".join(f"{name} = ?" for name in FILTER_COLUMNS)
        statements.append(
            (
                f"UPDATE articles SET {assignments}, is_meeting_report = ?, version = ?,"
                " record = ?, updated_at = ? WHERE url = ?",
                (*columns, int(bool(record.get("is_meeting_report"))), version, payload, now, url),
            )
        )
        self._transaction(statements)
        return Outcome.UPDATED if text_changed else Outcome.REEXTRACTED

    def _keep_older_capture(self, record: dict[str, Any], payload: str, current_hash: str,
                            version: int, now: str) -> Outcome:  # fmt: skip
        """An older capture arriving after a newer one: an earlier version, the current kept."""
        if record.get("content_hash") == current_hash:
            return Outcome.UNCHANGED
        url = record["url"]
        self._transaction([
            ("INSERT OR REPLACE INTO article_versions(url, version, content_hash, record,"
             " replaced_at) VALUES (?,?,?,?,?)",
             (url, version, record.get("content_hash"), payload, now)),
            ("UPDATE articles SET version = ? WHERE url = ?", (version + 1, url)),
        ])  # fmt: skip
        return Outcome.UPDATED

    def upsert_many(self, records: Iterable[dict[str, Any]]) -> list[Outcome]:
        """:meth:`upsert_article` for each record, all in one transaction.

        A URL given twice behaves as two calls: each write sees the ones before it.
        """
        with self._batch():
            return [self.upsert_article(record) for record in records]

    def get_article(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT record FROM articles WHERE url = ?", (url,)).fetchone()
        return json.loads(row[0]) if row else None

    def iter_articles(self, *, meetings_only: bool = False) -> Iterator[dict[str, Any]]:
        query = "SELECT record FROM articles"
        if meetings_only:
            query += " WHERE is_meeting_report = 1"
        for (payload,) in self.conn.execute(query + " ORDER BY source, published, url"):
            yield json.loads(payload)

    def article_versions(self, url: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT record FROM article_versions WHERE url = ? ORDER BY version", (url,)
        )
        return [json.loads(payload) for (payload,) in rows]

    def counts(self) -> dict[str, Any]:
        one = self.conn.execute
        return {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "meeting_reports": one(
                "SELECT COUNT(*) FROM articles WHERE is_meeting_report = 1"
            ).fetchone()[0],
            "pages": one("SELECT COUNT(*) FROM pages").fetchone()[0],
            "versions": one("SELECT COUNT(*) FROM article_versions").fetchone()[0],
        }

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only helper for reports (stats); parameters only, never formatting."""
        return list(self.conn.execute(sql, params))

    # -- plumbing ------------------------------------------------------------
    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self._transaction([(sql, params)])

    def _transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        if self._batching:
            # Inside _batch: its transaction commits or rolls back the whole batch.
            for sql, params in statements:
                self.conn.execute(sql, params)
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self.conn.execute(sql, params)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write to {self.path}: {exc}") from exc

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """One transaction around the writes made inside: all of them are kept, or none."""
        if self._batching:
            raise RuntimeError("batches do not nest")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write to {self.path}: {exc}") from exc
        self._batching = True
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:  # a failed COMMIT may have ended it already
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StorageError(f"cannot write to {self.path}: {exc}") from exc
            raise
        finally:
            self._batching = False

    def flush(self) -> None:
        """Every write is committed at once; nothing is buffered."""

    def close(self) -> None:
        self.conn.close()
