"""PostgreSQL backend (psycopg 3), for crawls shared by several machines.

Same tables, columns and behaviour as the SQLite backend: ``pages`` keeps the
latest zlib-compressed bytes of each URL (BYTEA), ``articles`` one row per
article with the record as JSON text plus the columns users filter on, and
``article_versions`` the earlier records of articles whose text changed. The
schema is created and upgraded in place by :mod:`crawler.storage.migrations`.

Every call is one transaction. ``save_many`` and ``upsert_many`` write a batch
in one transaction with ``executemany``; the single-item methods are batches
of one, so both paths behave alike. Iteration uses a server-side cursor on a
connection of its own: memory stays bounded, and a caller may write while it
iterates (re-extraction does) without holding the iteration's transaction open
around its writes.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg

from crawler.items import FetchedPage
from crawler.storage.base import (
    FILTER_COLUMNS,
    Outcome,
    StorageError,
    StoredPage,
    body_digest,
    comparable,
    is_older_capture,
)
from crawler.storage.meeting_tables_pg import PostgresMeetingTables
from crawler.storage.migrations import apply_migrations

_ARTICLE_COLUMNS = ("url", *FILTER_COLUMNS, "is_meeting_report", "version", "record")
_PAGE_COLUMNS = (
    "url",
    "status",
    "headers",
    "etag",
    "last_modified",
    "encoding",
    "fetched_at",
    "body_sha256",
    "body",
    "capture_time",
    "archive_url",
)


def _upsert_sql(
    table: str, columns: tuple[str, ...], key: tuple[str, ...], keep: tuple[str, ...] = (),
    where: str = "",
) -> bytes:
    """INSERT ... ON CONFLICT DO UPDATE of every column but the key and those to ``keep``
    (only of rows meeting the condition ``where``, if given)."""
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in key + keep)
    return (
        f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
        + (f" WHERE {where}" if where else "")
    ).encode()


# Never an older archive capture over a newer one (COLLATE "C": ISO times compare as bytes).
_PAGE_IS_NOT_OLDER = (
    "excluded.capture_time IS NULL OR pages.capture_time IS NULL"
    ' OR excluded.capture_time COLLATE "C" >= pages.capture_time COLLATE "C"'
)
_PAGE_UPSERT = _upsert_sql("pages", _PAGE_COLUMNS, ("url",), where=_PAGE_IS_NOT_OLDER)
# stored_at keeps the time the article was first stored.
_ARTICLE_UPSERT = _upsert_sql(
    "articles", (*_ARTICLE_COLUMNS, "updated_at", "stored_at"), ("url",), keep=("stored_at",)
)
_VERSION_UPSERT = _upsert_sql(
    "article_versions",
    ("url", "version", "content_hash", "record", "replaced_at"),
    ("url", "version"),
)
# Same order as SQLite's binary collation, whatever the database's locale;
# SQLite also puts NULLs first.
_ARTICLE_ORDER = (
    'source COLLATE "C" NULLS FIRST, published COLLATE "C" NULLS FIRST, url COLLATE "C"'
)
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _safe(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; the JSON record keeps the exact value."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return _PASSWORD.sub(r"\1***@", url)


class PostgresStorage(PostgresMeetingTables):
    #: Rows fetched per round trip by the iterators.
    fetch_size = 500

    def __init__(self, url: str) -> None:
        self.url = url
        self.label = redact(url)
        self.conn = self._connect()
        try:
            apply_migrations(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StorageError(f"cannot prepare database {self.label}: {exc}") from exc

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StorageError(f"cannot open database {self.label}: {exc}") from exc

    # -- pages -------------------------------------------------------------
    def save_page(self, page: FetchedPage) -> bool:
        return self.save_many([page])[0]

    def save_many(self, pages: Iterable[FetchedPage]) -> list[bool]:
        """Store pages in one transaction; per page, False when its bytes were already there."""
        batch = list(pages)
        stored: list[bool] = []
        rows: list[tuple[Any, ...]] = []
        with self._writing() as cur:
            known = {
                url: (digest, status)
                for url, digest, status in cur.execute(
                    "SELECT url, body_sha256, status FROM pages WHERE url = ANY(%s) FOR UPDATE",
                    ([page.url for page in batch],),
                )
            }
            for page in batch:
                digest = body_digest(page.body)
                if known.get(page.url) == (digest, page.status):
                    stored.append(False)
                    continue
                known[page.url] = (digest, page.status)
                rows.append(_page_row(page, digest))
                stored.append(True)
            if rows:
                cur.executemany(_PAGE_UPSERT, rows)
        return stored

    def iter_pages(self) -> Iterator[StoredPage]:
        query = (
            "SELECT url, status, headers, body, fetched_at, encoding, capture_time, archive_url"
            ' FROM pages ORDER BY url COLLATE "C"'
        )
        for url, status, headers, body, fetched_at, encoding, capture, archive in self._stream(
            query
        ):
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
        return self.upsert_many([record])[0]

    def upsert_many(self, records: Iterable[dict[str, Any]]) -> list[Outcome]:
        """Store records in one transaction; the outcome of each, as upsert_article gives."""
        batch = list(records)
        outcomes: list[Outcome] = []
        article_rows: list[tuple[Any, ...]] = []
        version_rows: list[tuple[Any, ...]] = []
        now = _now()
        with self._writing() as cur:
            # url -> (record JSON, content hash, version, updated_at), kept current
            # through the batch so a URL given twice behaves as two calls.
            known: dict[str, tuple[str, str, int, str]] = {
                row[0]: row[1:]
                for row in cur.execute(
                    "SELECT url, record, content_hash, version, updated_at FROM articles"
                    " WHERE url = ANY(%s) FOR UPDATE",
                    ([record["url"] for record in batch],),
                )
            }
            for record in batch:
                url = record["url"]
                payload = json.dumps(record, ensure_ascii=False, sort_keys=True)
                current = known.get(url)
                if current is not None and is_older_capture(json.loads(current[0]), record):
                    # An older capture arriving late: an earlier version, the current kept.
                    old_payload, old_hash, old_version, old_stamp = current
                    same = record.get("content_hash") == old_hash
                    outcomes.append(Outcome.UNCHANGED if same else Outcome.UPDATED)
                    if not same:
                        version_rows.append((url, old_version, record.get("content_hash"),
                                             payload, now))  # fmt: skip
                        kept = json.loads(old_payload)
                        article_rows.append(
                            _article_row(kept, old_version + 1, old_payload, old_stamp, now))
                        known[url] = (old_payload, old_hash, old_version + 1, old_stamp)
                    continue
                outcome, version, updated_at = _decide(current, record, now)
                outcomes.append(outcome)
                if outcome is Outcome.UNCHANGED and updated_at is None:
                    continue
                if outcome is Outcome.UPDATED:
                    old_payload, old_hash, old_version, _ = known[url]
                    version_rows.append((url, old_version, old_hash, old_payload, now))
                stamp = updated_at or now
                article_rows.append(_article_row(record, version, payload, stamp, now))
                known[url] = (payload, record.get("content_hash") or "", version, stamp)
            # Versions first: an update later in the batch may replace the row they copy.
            if version_rows:
                cur.executemany(_VERSION_UPSERT, version_rows)
            if article_rows:
                cur.executemany(_ARTICLE_UPSERT, article_rows)
        return outcomes

    def get_article(self, url: str) -> dict[str, Any] | None:
        rows = self.query("SELECT record FROM articles WHERE url = %s", (url,))
        return json.loads(rows[0][0]) if rows else None

    def iter_articles(self, *, meetings_only: bool = False) -> Iterator[dict[str, Any]]:
        where = " WHERE is_meeting_report = 1" if meetings_only else ""
        for (payload,) in self._stream(
            f"SELECT record FROM articles{where} ORDER BY {_ARTICLE_ORDER}"
        ):
            yield json.loads(payload)

    def article_versions(self, url: str) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT record FROM article_versions WHERE url = %s ORDER BY version", (url,)
        )
        return [json.loads(payload) for (payload,) in rows]

    def counts(self) -> dict[str, Any]:
        (row,) = self.query(
            "SELECT (SELECT COUNT(*) FROM articles),"
            " (SELECT COUNT(*) FROM articles WHERE is_meeting_report = 1),"
            " (SELECT COUNT(*) FROM pages), (SELECT COUNT(*) FROM article_versions)"
        )
        return dict(zip(("articles", "meeting_reports", "pages", "versions"), row, strict=True))

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only helper for reports; ``%s`` parameters only, never formatting."""
        try:
            return list(self.conn.execute(sql.encode(), params))
        except psycopg.Error as exc:
            raise StorageError(f"cannot read from {self.label}: {exc}") from exc

    # -- plumbing ------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[psycopg.Cursor[Any]]:
        """One write transaction; a database failure rolls it back and becomes StorageError."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cursor:
                yield cursor
        except psycopg.Error as exc:
            raise StorageError(f"cannot write to {self.label}: {exc}") from exc

    def _stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """Rows of a query through a server-side cursor on a connection of its own."""
        reader = self._connect()
        try:
            with reader.transaction(), reader.cursor(name="storage_stream") as cursor:
                cursor.itersize = self.fetch_size
                cursor.execute(sql.encode())
                yield from cursor
        except psycopg.Error as exc:
            raise StorageError(f"cannot read from {self.label}: {exc}") from exc
        finally:
            reader.close()

    def flush(self) -> None:
        """Every write is committed at once; nothing is buffered."""

    def close(self) -> None:
        self.conn.close()


def _decide(
    existing: tuple[str, str, int, str] | None, record: dict[str, Any], now: str
) -> tuple[Outcome, int, str | None]:
    """Outcome of storing ``record`` over ``existing``, its version, and the updated_at to keep.

    For UNCHANGED, updated_at is None when nothing is to be written, else the
    old stamp: only the extractor version is noted, so re-extraction does not
    rebuild the record again.
    """
    if existing is None:
        return Outcome.NEW, 1, None
    old_payload, old_hash, version, updated_at = existing
    old_record = json.loads(old_payload)
    if comparable(old_record) == comparable(record):
        if old_record.get("extractor_version") != record.get("extractor_version"):
            return Outcome.UNCHANGED, version, updated_at
        return Outcome.UNCHANGED, version, None
    if old_hash != record.get("content_hash"):
        return Outcome.UPDATED, version + 1, None
    return Outcome.REEXTRACTED, version, None


def _article_row(
    record: dict[str, Any], version: int, payload: str, updated_at: str, now: str
) -> tuple[Any, ...]:
    columns = [_safe(record.get(name)) for name in FILTER_COLUMNS]
    meeting = int(bool(record.get("is_meeting_report")))
    return (record["url"], *columns, meeting, version, payload, updated_at, now)


def _page_row(page: FetchedPage, digest: str) -> tuple[Any, ...]:
    return (
        page.url,
        page.status,
        json.dumps(page.headers, sort_keys=True),
        _safe(page.headers.get("etag")),
        _safe(page.headers.get("last-modified")),
        page.encoding,
        page.fetched_at,
        digest,
        zlib.compress(page.body, 6),
        page.capture_time,
        page.archive_url,
    )
