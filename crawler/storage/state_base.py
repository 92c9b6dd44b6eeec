"""What every crawl-state backend offers, and the rows it hands back.

:class:`CrawlState` is both the interface and the way in: ``CrawlState(database)``
opens the backend the database setting names (a SQLite file, or a
``postgresql://`` URL), so callers never pick one themselves. The backends keep
the same tables and behave alike; see :mod:`crawler.storage.state`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crawler.storage import StorageError, resolve_database
from crawler.storage.state_runs import added_up, combined_flags
from crawler.urls import host_of, url_key

#: Statuses of article URLs (a listing URL has ``listing`` or ``channel``).
ARTICLE_STATUSES = ("fetched", "stored", "dropped")
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
RUN_COLUMNS = (
    "run_id, source_id, started, ended, requests, pages, new_records, updated_records,"
    " meeting_reports, http_errors_json, retries, flags_json, details_json"
)
LOCK_HOLDER_SQL = "SELECT run_id, pid, hostname, acquired_at FROM source_locks WHERE source_id = ?"
KNOWN_URL_COLUMNS = (
    "url_key, url, etag, last_modified, content_hash, listing_sig, first_seen, last_checked, status"
)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class KnownUrl:
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    listing_sig: str | None
    first_seen: str
    last_checked: str | None
    status: str


@dataclass(frozen=True)
class LockHolder:
    run_id: str
    pid: int
    hostname: str
    acquired_at: str

    def describe(self) -> str:
        return f"run {self.run_id} (pid {self.pid} on {self.hostname}, since {self.acquired_at})"


@dataclass(frozen=True)
class RunRow:
    run_id: str
    source_id: str
    started: str
    ended: str | None
    requests: int
    pages: int
    new_records: int
    updated_records: int
    meeting_reports: int
    http_errors: dict[str, int]
    retries: int
    flags: list[str]
    details: dict[str, Any]


def run_row(row: tuple[Any, ...]) -> RunRow:
    """A ``runs`` row, selected as RUN_COLUMNS, with its JSON columns decoded."""
    (run_id, source_id, started, ended, requests, pages, new, updated, meetings, errors,
     retries, flags, details) = row  # fmt: skip
    return RunRow(
        run_id=run_id, source_id=source_id, started=started, ended=ended, requests=requests,
        pages=pages, new_records=new, updated_records=updated, meeting_reports=meetings,
        http_errors=json.loads(errors), retries=retries, flags=json.loads(flags),
        details=json.loads(details),
    )  # fmt: skip


def known_urls_by_key(rows: Iterable[tuple[Any, ...]]) -> dict[str, KnownUrl]:
    """url_key -> KnownUrl from rows selected as KNOWN_URL_COLUMNS."""
    return {key: KnownUrl(*rest) for key, *rest in rows}


def adoptable(
    rows: Iterable[tuple[str, str, str]],
    known: dict[str, KnownUrl],
    identity: Callable[[str], str] | None,
) -> list[tuple[str, str, str, str]]:
    """(url_key, identity URL, content hash, stored_at) of stored articles not yet known.

    ``rows`` are (url, content_hash, stored_at) of the ``articles`` table.
    """
    own = identity or (lambda url: url)
    keyed = [(url_key(own(url)), own(url), digest, at) for url, digest, at in rows]
    return [row for row in keyed if row[0] not in known]


def run_filters(mark: str, source_id: str | None,
                run_id: str | None) -> tuple[str, tuple[str, ...]]:  # fmt: skip
    """The WHERE clause (or '') and its parameters that choose runs; ``mark`` is '?' or '%s'."""
    clauses, params = [], []
    for column, value in (("source_id", source_id), ("run_id", run_id)):
        if value is not None:
            clauses.append(f"{column} = {mark}")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def run_counts(counts: dict[str, int]) -> tuple[int, ...]:
    """requests, pages, new_records, updated_records, meeting_reports, retries."""
    names = ("requests", "pages", "new_records", "updated_records", "meeting_reports", "retries")
    return tuple(counts.get(name, 0) for name in names)


def run_json(http_errors: dict[str, int], flags: list[str],
             details: dict[str, Any]) -> tuple[str, str, str]:  # fmt: skip
    return (json.dumps(http_errors, sort_keys=True), json.dumps(flags),
            json.dumps(details, sort_keys=True, ensure_ascii=False))  # fmt: skip


def _backend_for(database: str | None) -> type[CrawlState]:
    target = resolve_database(database)
    if target.startswith(POSTGRES_SCHEMES):
        try:
            from crawler.storage.state_postgres import PostgresCrawlState
        except ImportError as exc:
            raise StorageError(f"PostgreSQL crawl state needs psycopg 3 installed: {exc}") from exc
        return PostgresCrawlState
    from crawler.storage.state_sqlite import SQLiteCrawlState

    return SQLiteCrawlState


class CrawlState:
    """Crawl state in the database a setting names: ``CrawlState(database)``.

    ``database`` takes the forms :func:`crawler.storage.open_storage` takes
    (None: DATABASE_URL, then ./data/meetings.sqlite). Every method commits
    before it returns. The methods below are what each backend implements.
    """

    #: Where the state lives, for messages (a path, or a URL without its password).
    label: str

    def __new__(cls, database: str | None = None) -> CrawlState:
        chosen = _backend_for(database) if cls is CrawlState else cls
        return super().__new__(chosen)

    def close(self) -> None:
        raise NotImplementedError

    # -- locks -------------------------------------------------------------------------
    def try_lock(self, source_id: str, run_id: str) -> LockHolder | None:
        """Take the source's lock; None on success, else the live run that holds it.

        The run holding a source may lock it again; a lock whose run died is taken over.
        """
        raise NotImplementedError

    def release(self, source_id: str, run_id: str) -> None:
        raise NotImplementedError

    def lock_holder(self, source_id: str) -> LockHolder | None:
        raise NotImplementedError

    # -- urls --------------------------------------------------------------------------
    def known_urls(self, source_id: str) -> dict[str, KnownUrl]:
        raise NotImplementedError

    def record_url(
        self, url: str, source_id: str, *, status: str, etag: str | None = None,
        last_modified: str | None = None, listing_sig: str | None = None,
    ) -> None:  # fmt: skip
        """Insert or refresh a URL after a fetch (validators) or a listing (signature).

        Validators and signatures not given keep their old values; a stored
        article stays ``stored`` when it is fetched again.
        """
        raise NotImplementedError

    def set_listing_sig(self, url: str, listing_sig: str) -> None:
        raise NotImplementedError

    def record_stored(self, url: str, content_hash: str, status: str = "stored") -> None:
        raise NotImplementedError

    def forget_listing_validators(self, source_id: str) -> None:
        """After an interrupted run: the next run must read the listings again."""
        raise NotImplementedError

    def adopt_articles(self, source_id: str, hosts: Iterable[str], known: dict[str, KnownUrl],
                       identity: Callable[[str], str] | None = None) -> int:  # fmt: skip
        """Mark the stored articles of the source's hosts (a harvest's) as known URLs.

        ``identity`` maps a stored URL to the article's identity URL (a family may drop
        parameters that only say where a listing showed the link). Returns how many.
        """
        raise NotImplementedError

    def newest_stored(self, hosts: Iterable[str], stored_before: str | None = None) -> str | None:
        """The newest ``published`` of the articles stored for these hosts (before a time)."""
        raise NotImplementedError

    # -- watermarks --------------------------------------------------------------------
    def watermark(self, source_id: str) -> str | None:
        raise NotImplementedError

    def raise_watermark(self, source_id: str, published: str) -> None:
        """Keep the newest publication date seen (ISO strings compare in date order)."""
        raise NotImplementedError

    # -- runs --------------------------------------------------------------------------
    def start_run(self, run_id: str, source_id: str) -> None:
        """Open a run's row, or join it: the workers of a distributed run share one row."""
        raise NotImplementedError

    def end_run(self, run_id: str, source_id: str, counts: dict[str, int],
                http_errors: dict[str, int], flags: list[str],
                details: dict[str, Any]) -> None:  # fmt: skip
        """Add one worker's share of the run to its row (crawler.storage.state_runs)."""
        raise NotImplementedError

    def runs(self, source_id: str | None = None, run_id: str | None = None) -> list[RunRow]:
        """Runs, oldest first (then in the order they started), of one source or crawl."""
        raise NotImplementedError


class SqlCrawlState(CrawlState):
    """The statements both SQL backends run alike, written with ``?`` placeholders.

    A backend sets ``placeholder`` (``?`` or ``%s``) and gives ``_write`` and ``_read``;
    what differs between the databases (locks, upserts of runs and watermarks,
    ordering) stays in the backend.
    """

    placeholder = "?"
    #: Ends the SELECT that reads a run's row before adding to it (PostgreSQL locks the row).
    _LOCK_ROW = ""

    def _atomic(self) -> AbstractContextManager[object]:
        """One transaction around the reads and writes made inside it."""
        raise NotImplementedError

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def _read(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """The statement with the backend's placeholder (no statement here holds a literal ?)."""
        return sql.replace("?", self.placeholder)

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one statement for every row, in one transaction."""
        raise NotImplementedError

    def _stored_articles(self, hosts: list[str]) -> list[tuple[str, str, str]]:
        """(url, content_hash, stored_at) of the articles stored for these hosts."""
        raise NotImplementedError

    def _header_text(self, value: str | None) -> str | None:
        """A validator from a response header as the database can hold it."""
        return value

    def lock_holder(self, source_id: str) -> LockHolder | None:
        rows = self._read(self._sql(LOCK_HOLDER_SQL), (source_id,))
        return LockHolder(*rows[0]) if rows else None

    def known_urls(self, source_id: str) -> dict[str, KnownUrl]:
        sql = self._sql(f"SELECT {KNOWN_URL_COLUMNS} FROM urls WHERE source_id = ?")
        return known_urls_by_key(self._read(sql, (source_id,)))

    def record_url(
        self, url: str, source_id: str, *, status: str, etag: str | None = None,
        last_modified: str | None = None, listing_sig: str | None = None,
    ) -> None:  # fmt: skip
        now = now_iso()
        self._write(
            self._sql(
                "INSERT INTO urls(url_key, url, source_id, first_seen, last_seen, last_checked,"
                " etag, last_modified, listing_sig, status) VALUES (?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (url_key) DO UPDATE SET last_seen = excluded.last_seen,"
                " last_checked = excluded.last_checked,"
                " etag = COALESCE(excluded.etag, urls.etag),"
                " last_modified = COALESCE(excluded.last_modified, urls.last_modified),"
                " listing_sig = COALESCE(excluded.listing_sig, urls.listing_sig),"
                " status = CASE WHEN urls.status = 'stored' AND excluded.status = 'fetched'"
                " THEN urls.status ELSE excluded.status END"
            ),
            (url_key(url), url, source_id, now, now, now, self._header_text(etag),
             self._header_text(last_modified), listing_sig, status),
        )  # fmt: skip

    def set_listing_sig(self, url: str, listing_sig: str) -> None:
        self._write(self._sql("UPDATE urls SET listing_sig = ?, last_seen = ? WHERE url_key = ?"),
                    (listing_sig, now_iso(), url_key(url)))  # fmt: skip

    def record_stored(self, url: str, content_hash: str, status: str = "stored") -> None:
        self._write(self._sql("UPDATE urls SET content_hash = ?, status = ? WHERE url_key = ?"),
                    (content_hash, status, url_key(url)))  # fmt: skip

    def forget_listing_validators(self, source_id: str) -> None:
        self._write(self._sql("UPDATE urls SET etag = NULL, last_modified = NULL"
                              " WHERE source_id = ? AND status = 'listing'"),
                    (source_id,))  # fmt: skip

    def adopt_articles(self, source_id: str, hosts: Iterable[str], known: dict[str, KnownUrl],
                       identity: Callable[[str], str] | None = None) -> int:  # fmt: skip
        host_list = sorted({host_of(f"http://{h}") for h in hosts})
        if not host_list:
            return 0
        fresh = adoptable(self._stored_articles(host_list), known, identity)
        if fresh:
            self._write_many(
                self._sql(
                    "INSERT INTO urls(url_key, url, source_id, first_seen, last_seen,"
                    " content_hash, status) VALUES (?,?,?,?,?,?,'stored')"
                    " ON CONFLICT (url_key) DO NOTHING"
                ),
                [(key, url, source_id, at, at, digest) for key, url, digest, at in fresh],
            )
        return len(fresh)

    def watermark(self, source_id: str) -> str | None:
        sql = self._sql("SELECT newest_published FROM source_watermarks WHERE source_id = ?")
        rows = self._read(sql, (source_id,))
        return rows[0][0] if rows else None

    def start_run(self, run_id: str, source_id: str) -> None:
        self._write(self._sql("INSERT INTO runs(run_id, source_id, started) VALUES (?,?,?)"
                              " ON CONFLICT (run_id, source_id) DO NOTHING"),
                    (run_id, source_id, now_iso()))  # fmt: skip

    def end_run(self, run_id: str, source_id: str, counts: dict[str, int],
                http_errors: dict[str, int], flags: list[str],
                details: dict[str, Any]) -> None:  # fmt: skip
        # Read and written under one lock, so workers ending at once add up, not overwrite.
        with self._atomic():
            sql = ("SELECT ended, http_errors_json, flags_json, details_json FROM runs"
                   f" WHERE run_id = ? AND source_id = ?{self._LOCK_ROW}")  # fmt: skip
            rows = self._read(self._sql(sql), (run_id, source_id))
            if not rows:
                return  # a run never started has no row to add to
            ended, old_errors, old_flags, old_details = rows[0]
            errors = added_up(json.loads(old_errors), http_errors)
            total = added_up(json.loads(old_details), details)
            merged = combined_flags(json.loads(old_flags), flags, total)
            self._write(
                self._sql(
                    "UPDATE runs SET ended = ?, requests = requests + ?, pages = pages + ?,"
                    " new_records = new_records + ?, updated_records = updated_records + ?,"
                    " meeting_reports = meeting_reports + ?, retries = retries + ?,"
                    " http_errors_json = ?, flags_json = ?, details_json = ?"
                    " WHERE run_id = ? AND source_id = ?"
                ),
                (max(ended or "", now_iso()), *run_counts(counts),
                 *run_json(errors, merged, total), run_id, source_id),
            )  # fmt: skip
