"""Crawl state in the SQLite file that holds the articles.

The ``source_locks`` row names the process holding a source (pid, hostname).
Taking a lock reads and writes that row inside ``BEGIN IMMEDIATE``, so two
processes never both see the source free; a row whose process died on this
machine is taken over. The workers of one distributed run hold a source
together: each is listed in ``source_lock_holders``, and the lock goes when the
last of them lets go (or has died), as PostgreSQL's shared advisory locks do.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crawler.storage import StorageError, resolve_database
from crawler.storage.state_base import (
    POSTGRES_SCHEMES,
    RUN_COLUMNS,
    LockHolder,
    RunRow,
    SqlCrawlState,
    now_iso,
    run_filters,
    run_row,
)

# The PostgreSQL tables are the same, but they are written out again in their own
# migration step (crawler.storage.migrations): an applied migration must never change,
# so it cannot follow later edits of this text.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    source_id TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_checked TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    listing_sig TEXT,
    status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS urls_source ON urls(source_id, status);
CREATE TABLE IF NOT EXISTS source_watermarks (
    source_id TEXT PRIMARY KEY,
    newest_published TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    new_records INTEGER NOT NULL DEFAULT 0,
    updated_records INTEGER NOT NULL DEFAULT 0,
    meeting_reports INTEGER NOT NULL DEFAULT 0,
    http_errors_json TEXT NOT NULL DEFAULT '{}',
    retries INTEGER NOT NULL DEFAULT 0,
    flags_json TEXT NOT NULL DEFAULT '[]',
    details_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, source_id)
);
CREATE INDEX IF NOT EXISTS runs_source ON runs(source_id, started);
CREATE TABLE IF NOT EXISTS source_locks (
    source_id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    pid INTEGER NOT NULL,
    hostname TEXT NOT NULL,
    acquired_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_lock_holders (
    source_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    pid INTEGER NOT NULL,
    hostname TEXT NOT NULL,
    PRIMARY KEY (source_id, pid, hostname)
);
"""


def sqlite_path(database: str | None) -> Path:
    """The SQLite file a database setting names (the forms open_storage accepts)."""
    target = resolve_database(database)
    if target.startswith("sqlite:///"):
        return Path(target[len("sqlite:///") :])
    if target.startswith("sqlite:"):
        return Path(target[len("sqlite:") :])
    if "://" in target:
        supported = ", ".join(POSTGRES_SCHEMES)
        raise StorageError(f"the crawl state needs a SQLite file or a {supported} URL: {target}")
    return Path(target)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


class SQLiteCrawlState(SqlCrawlState):
    def __init__(self, database: str | None = None) -> None:
        self.path = sqlite_path(database)
        self.label = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open crawl state in {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        # BEGIN IMMEDIATE: the write lock is taken before the first read.
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write crawl state to {self.path}: {exc}") from exc

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        try:
            self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write crawl state to {self.path}: {exc}") from exc

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.executemany(sql, rows)
        self.conn.execute("COMMIT")

    def _stored_articles(self, hosts: list[str]) -> list[tuple[str, str, str]]:
        marks = ",".join("?" * len(hosts))
        try:
            return self._read(
                f"SELECT url, content_hash, stored_at FROM articles WHERE source IN ({marks})",
                tuple(hosts),
            )
        except sqlite3.OperationalError:
            return []  # no articles table yet: nothing was ever stored

    # -- locks -------------------------------------------------------------------------
    def try_lock(self, source_id: str, run_id: str) -> LockHolder | None:
        me = socket.gethostname()
        with self._atomic():
            holder = self.lock_holder(source_id)
            if holder is not None and holder.run_id != run_id:
                if self._run_goes_on(source_id, holder, me):
                    return holder
                holder = None  # its processes died on this machine: taken over
            if holder is None:
                self._write("DELETE FROM source_lock_holders WHERE source_id = ?", (source_id,))
                self._write("INSERT OR REPLACE INTO source_locks(source_id, run_id, pid, hostname,"
                            " acquired_at) VALUES (?,?,?,?,?)",
                            (source_id, run_id, os.getpid(), me, now_iso()))  # fmt: skip
            self._write("INSERT OR REPLACE INTO source_lock_holders(source_id, run_id, pid,"
                        " hostname) VALUES (?,?,?,?)",
                        (source_id, run_id, os.getpid(), me))  # fmt: skip
        return None

    def release(self, source_id: str, run_id: str) -> None:
        me = socket.gethostname()
        with self._atomic():
            self._write("DELETE FROM source_lock_holders WHERE source_id = ? AND pid = ?"
                        " AND hostname = ?", (source_id, os.getpid(), me))  # fmt: skip
            holder = self.lock_holder(source_id)
            if holder is None or holder.run_id != run_id or self._live_holders(source_id, me):
                return  # another run's, or workers of this run still crawl the source
            self._write("DELETE FROM source_locks WHERE source_id = ?", (source_id,))
            self._write("DELETE FROM source_lock_holders WHERE source_id = ?", (source_id,))

    def _holders(self, source_id: str) -> list[tuple[int, str]]:
        return self._read("SELECT pid, hostname FROM source_lock_holders WHERE source_id = ?",
                          (source_id,))  # fmt: skip

    def _live_holders(self, source_id: str, me: str) -> list[tuple[int, str]]:
        """(pid, hostname) of the processes holding the source that may still run: those on
        other machines (which cannot be checked from here) and the live ones on this one."""
        return [(pid, host) for pid, host in self._holders(source_id)
                if host != me or pid_alive(pid)]  # fmt: skip

    def _run_goes_on(self, source_id: str, holder: LockHolder, me: str) -> bool:
        """Whether the run holding the source has a process left (the lock row's own
        process, for a lock taken before holders were listed)."""
        if self._holders(source_id):
            return bool(self._live_holders(source_id, me))
        return holder.hostname != me or pid_alive(holder.pid)

    # -- urls --------------------------------------------------------------------------
    def newest_stored(self, hosts: Iterable[str], stored_before: str | None = None) -> str | None:
        host_list = sorted(set(hosts))
        marks = ",".join("?" * len(host_list))
        try:
            row = self.conn.execute(
                f"SELECT MAX(published) FROM articles WHERE source IN ({marks})"
                " AND (? IS NULL OR stored_at < ?)",
                (*host_list, stored_before, stored_before),
            ).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    # -- watermarks --------------------------------------------------------------------
    def raise_watermark(self, source_id: str, published: str) -> None:
        self._write(
            "INSERT INTO source_watermarks(source_id, newest_published, updated_at)"
            " VALUES (?,?,?) ON CONFLICT(source_id) DO UPDATE SET"
            " newest_published = MAX(COALESCE(source_watermarks.newest_published, ''),"
            " excluded.newest_published), updated_at = excluded.updated_at",
            (source_id, published, now_iso()),
        )

    # -- runs --------------------------------------------------------------------------
    def runs(self, source_id: str | None = None, run_id: str | None = None) -> list[RunRow]:
        where, params = run_filters("?", source_id, run_id)
        rows = self._read(f"SELECT {RUN_COLUMNS} FROM runs{where} ORDER BY started, rowid", params)
        return [run_row(row) for row in rows]
