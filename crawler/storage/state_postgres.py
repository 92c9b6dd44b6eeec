"""Crawl state in a PostgreSQL database, for crawlers on several machines.

The tables are those of the SQLite backend, created by the PostgreSQL
migrations (:mod:`crawler.storage.migrations`). Every method is one
transaction on the state's own connection.

Source locks. The ``source_locks`` row names the run holding a source (and
the pid and host of its last worker to lock it), as on SQLite; every session
crawling the source for that run holds a shared session-level advisory lock,
so the workers of one distributed run share the source and other runs do not.
When crawlers die, on whatever machine, their connections close and
PostgreSQL drops their advisory locks: a row nobody holds any more is a dead
run's, and the next run takes it over. That is the stale-lock recovery, with
no pid to check. Taking and releasing happen under a second, transaction-level
advisory lock per source, so the row and the session locks change together as
other runs see them.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from crawler.storage import StorageError, resolve_database
from crawler.storage.migrations import apply_migrations
from crawler.storage.postgres import redact
from crawler.storage.state_base import (
    LOCK_HOLDER_SQL,
    RUN_COLUMNS,
    LockHolder,
    RunRow,
    SqlCrawlState,
    now_iso,
    run_filters,
    run_row,
)

_LOCK_UPSERT = (
    "INSERT INTO source_locks(source_id, run_id, pid, hostname, acquired_at)"
    " VALUES (%s,%s,%s,%s,%s) ON CONFLICT (source_id) DO UPDATE SET run_id = excluded.run_id,"
    " pid = excluded.pid, hostname = excluded.hostname, acquired_at = excluded.acquired_at"
)


def advisory_key(purpose: str, source_id: str) -> int:
    """A signed 64-bit advisory-lock key for one purpose and source, the same in every process."""
    digest = hashlib.blake2b(f"{purpose}\x00{source_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def holding_key(source_id: str) -> int:
    """The session lock a run holds while it crawls the source."""
    return advisory_key("crawl-state source lock", source_id)


def _guard_key(source_id: str) -> int:
    """The transaction lock under which the source's lock is taken or released."""
    return advisory_key("crawl-state source lock guard", source_id)


class PostgresCrawlState(SqlCrawlState):
    placeholder = "%s"
    _LOCK_ROW = " FOR UPDATE"

    def __init__(self, database: str | None = None) -> None:
        self.url = resolve_database(database)
        self.label = redact(self.url)
        #: source id -> the run for which this connection holds the source's session lock.
        self.held: dict[str, str] = {}
        try:
            self.conn = psycopg.connect(self.url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StorageError(f"cannot open crawl state in {self.label}: {exc}") from exc
        try:
            apply_migrations(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StorageError(f"cannot prepare crawl state in {self.label}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()  # ends the session: its source locks go with it
        self.held.clear()

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[psycopg.Cursor[Any]]:
        """One transaction; a database failure rolls it back and becomes StorageError."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cursor:
                yield cursor
        except psycopg.Error as exc:
            raise StorageError(f"cannot {doing} crawl state in {self.label}: {exc}") from exc

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        # The reads and writes inside open savepoints of this one transaction.
        with self._transaction("write"):
            yield

    def _header_text(self, value: str | None) -> str | None:
        # PostgreSQL text cannot hold NUL, which a hostile server may put in a header.
        return value.replace("\x00", "") if value is not None else None

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._transaction("write") as cur:
            cur.execute(sql.encode(), params)

    def _read(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._transaction("read") as cur:
            return cur.execute(sql.encode(), params).fetchall()

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._transaction("write") as cur:
            cur.executemany(sql.encode(), rows)

    def _stored_articles(self, hosts: list[str]) -> list[tuple[str, str, str]]:
        return self._read("SELECT url, content_hash, stored_at FROM articles"
                          " WHERE source = ANY(%s)", (hosts,))  # fmt: skip

    # -- locks -------------------------------------------------------------------------
    def try_lock(self, source_id: str, run_id: str) -> LockHolder | None:
        me = (source_id, run_id, os.getpid(), socket.gethostname(), now_iso())
        key = holding_key(source_id)
        with self._transaction("lock a source in") as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_guard_key(source_id),))
            holder = self._holder(cur, source_id)
            if source_id in self.held:  # this connection holds it: for which run?
                if self.held[source_id] != run_id:
                    return holder or self._unrecorded()
            elif holder is None or holder.run_id != run_id:
                # Another run's row (or none): that run is over only if no session holds on.
                if not _one(cur, "SELECT pg_try_advisory_lock(%s)", key):
                    return holder or self._unrecorded()
                cur.execute("SELECT pg_advisory_unlock(%s)", (key,))
            # Held shared, so the other workers of the same run can hold it too.
            if source_id not in self.held:
                if not _one(cur, "SELECT pg_try_advisory_lock_shared(%s)", key):
                    return holder or self._unrecorded()
                self.held[source_id] = run_id
            cur.execute(_LOCK_UPSERT.encode(), me)
        return None

    def release(self, source_id: str, run_id: str) -> None:
        key = holding_key(source_id)
        with self._transaction("unlock a source in") as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_guard_key(source_id),))
            if self.held.get(source_id) == run_id:
                cur.execute("SELECT pg_advisory_unlock_shared(%s)", (key,))
                del self.held[source_id]
            holder = self._holder(cur, source_id)
            if holder is None or holder.run_id != run_id:
                return
            # The row goes when the run's last session lets go; until then the
            # source stays locked for the workers of the run still crawling it.
            if _one(cur, "SELECT pg_try_advisory_lock(%s)", key):
                cur.execute("SELECT pg_advisory_unlock(%s)", (key,))
                cur.execute("DELETE FROM source_locks WHERE source_id = %s", (source_id,))

    @staticmethod
    def _unrecorded() -> LockHolder:
        """Under the guard a held source always has its row; this is for one removed by hand."""
        return LockHolder("(not recorded)", 0, "(unknown host)", "")

    @staticmethod
    def _holder(cur: psycopg.Cursor[Any], source_id: str) -> LockHolder | None:
        sql = LOCK_HOLDER_SQL.replace("?", "%s")
        row = cur.execute(sql.encode(), (source_id,)).fetchone()
        return LockHolder(*row) if row else None

    # -- urls --------------------------------------------------------------------------
    def newest_stored(self, hosts: Iterable[str], stored_before: str | None = None) -> str | None:
        # COLLATE "C": compare as SQLite does, byte by byte, whatever the database's locale.
        rows = self._read('SELECT MAX(published COLLATE "C") FROM articles'
                          " WHERE source = ANY(%s)"
                          ' AND (%s::text IS NULL OR stored_at COLLATE "C" < %s)',
                          (sorted(set(hosts)), stored_before, stored_before))  # fmt: skip
        return rows[0][0] if rows else None

    # -- watermarks --------------------------------------------------------------------
    def raise_watermark(self, source_id: str, published: str) -> None:
        self._write(
            "INSERT INTO source_watermarks(source_id, newest_published, updated_at)"
            " VALUES (%s,%s,%s) ON CONFLICT (source_id) DO UPDATE SET newest_published ="
            " GREATEST(COALESCE(source_watermarks.newest_published, '') COLLATE \"C\","
            " excluded.newest_published), updated_at = excluded.updated_at",
            (source_id, published, now_iso()),
        )

    # -- runs --------------------------------------------------------------------------
    def runs(self, source_id: str | None = None, run_id: str | None = None) -> list[RunRow]:
        where, params = run_filters("%s", source_id, run_id)
        # COLLATE "C": order as SQLite does, byte by byte, whatever the database's locale.
        sql = f'SELECT {RUN_COLUMNS} FROM runs{where} ORDER BY started COLLATE "C", rowid'
        return [run_row(row) for row in self._read(sql, params)]


def _one(cur: psycopg.Cursor[Any], sql: str, key: int) -> bool:
    """The boolean answer of one advisory-lock function call."""
    row = cur.execute(sql.encode(), (key,)).fetchone()
    return bool(row and row[0])
