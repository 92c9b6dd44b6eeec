"""PostgreSQL schema versions, applied in place.

A database records the steps it has had in ``schema_version``; opening it
applies the missing ones in order, each in its own transaction together with
its ``schema_version`` row, so a step is either wholly there or not at all.
An advisory lock keeps two crawlers that open the same database at once from
applying a step twice. Steps only ever get appended: a released step is never
edited, because databases out there already have it.

The tables and columns end up the same as the SQLite backend's, so reports
and exports read both alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

# Any fixed number, the same for every process: the lock that serialises upgrades.
_UPGRADE_LOCK = 7_020_251


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "pages, articles and earlier article versions",
        (
            """CREATE TABLE IF NOT EXISTS pages (
                url TEXT PRIMARY KEY,
                status INTEGER NOT NULL,
                headers TEXT NOT NULL,
                etag TEXT,
                last_modified TEXT,
                encoding TEXT,
                fetched_at TEXT NOT NULL,
                body_sha256 TEXT NOT NULL,
                body BYTEA NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS articles (
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
                version INTEGER NOT NULL DEFAULT 1,
                record TEXT NOT NULL,
                stored_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS article_versions (
                url TEXT NOT NULL,
                version INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                record TEXT NOT NULL,
                replaced_at TEXT NOT NULL,
                PRIMARY KEY (url, version)
            )""",
        ),
    ),
    Migration(
        2,
        "capture time and archive address of pages taken from web archives",
        (
            "ALTER TABLE pages ADD COLUMN IF NOT EXISTS capture_time TEXT",
            "ALTER TABLE pages ADD COLUMN IF NOT EXISTS archive_url TEXT",
        ),
    ),
    Migration(
        3,
        "extractor version of each article, and the indexes reports filter on",
        (
            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS extractor_version TEXT",
            "CREATE INDEX IF NOT EXISTS articles_source ON articles(source)",
            "CREATE INDEX IF NOT EXISTS articles_meeting ON articles(is_meeting_report, level)",
            "CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)",
        ),
    ),
    Migration(
        4,
        "crawl state of the incremental crawler: known URLs, watermarks, runs, source locks",
        (
            """CREATE TABLE IF NOT EXISTS urls (
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
            )""",
            "CREATE INDEX IF NOT EXISTS urls_source ON urls(source_id, status)",
            """CREATE TABLE IF NOT EXISTS source_watermarks (
                source_id TEXT PRIMARY KEY,
                newest_published TEXT,
                updated_at TEXT NOT NULL
            )""",
            # rowid stands for SQLite's implicit one: runs that start in the same
            # second are listed in the order they started on both backends.
            """CREATE TABLE IF NOT EXISTS runs (
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
                rowid BIGINT GENERATED ALWAYS AS IDENTITY,
                PRIMARY KEY (run_id, source_id)
            )""",
            "CREATE INDEX IF NOT EXISTS runs_source ON runs(source_id, started)",
            """CREATE TABLE IF NOT EXISTS source_locks (
                source_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                pid INTEGER NOT NULL,
                hostname TEXT NOT NULL,
                acquired_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        5,
        "meetings built from the articles: meetings, their reports, near-duplicate groups",
        (
            """CREATE TABLE IF NOT EXISTS meetings (
                meeting_id TEXT PRIMARY KEY,
                province TEXT,
                district TEXT,
                level TEXT,
                body TEXT,
                meeting_type TEXT,
                meeting_date TEXT,
                session_number INTEGER,
                term_number INTEGER,
                term_period TEXT,
                title TEXT,
                first_published TEXT,
                conflicts TEXT,
                report_count INTEGER,
                built_at TEXT
            )""",
            """CREATE TABLE IF NOT EXISTS meeting_reports (
                meeting_id TEXT,
                url TEXT PRIMARY KEY,
                position INTEGER,
                source TEXT,
                published TEXT,
                duplicate_of TEXT,
                similarity DOUBLE PRECISION
            )""",
            "CREATE INDEX IF NOT EXISTS meeting_reports_meeting"
            " ON meeting_reports(meeting_id, position)",
            """CREATE TABLE IF NOT EXISTS near_duplicates (
                url TEXT PRIMARY KEY,
                canonical_url TEXT,
                similarity DOUBLE PRECISION
            )""",
            """CREATE TABLE IF NOT EXISTS meetings_build (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                built_at TEXT NOT NULL,
                marker TEXT NOT NULL
            )""",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


def current_version(conn: psycopg.Connection) -> int:
    """The newest step a database has had; 0 for an empty one."""
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def apply_migrations(conn: psycopg.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Bring the database up to ``target``; returns the versions applied now.

    Safe to call any number of times, and from several processes at once.
    """
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target}; the newest is {LATEST_VERSION}")
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
        conn.execute(_VERSION_TABLE)
    for step in MIGRATIONS:
        if step.version > target:
            break
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
            # Read under the lock: another process may have just applied it.
            if current_version(conn) >= step.version:
                continue
            for statement in step.statements:
                conn.execute(statement.encode())
            conn.execute(
                "INSERT INTO schema_version(version, description, applied_at) VALUES (%s,%s,%s)",
                (step.version, step.description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            applied.append(step.version)
    return applied
