"""`crawler browse`: the database in Datasette, with facets and full-text search.

Datasette is an optional extra (``pip install 'vn-meetings-crawler[browse]'``) and
reads SQLite files only. Before serving, browse adds two things to the database,
leaving the ``articles`` table as it is:

- ``articles_browse``, a view with the columns people filter on, a computed
  ``year`` and the article's clean text;
- ``articles_fts``, an FTS5 index of headline and text whose rowids are the
  articles' rowids. Each run brings it in line with the table: rows of removed
  or changed articles are dropped and missing ones indexed, so it never lags.

A PostgreSQL database is first copied, through the storage interface, into a
SQLite snapshot (``--snapshot``, rebuilt on every run) and the snapshot is served.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

from crawler.commands.options import add_db_option
from crawler.runner import UsageError
from crawler.storage import StorageError, open_storage, resolve_database
from crawler.storage.sqlite import SQLiteStorage

INSTALL_HINT = "pip install 'vn-meetings-crawler[browse]'"
DEFAULT_SNAPSHOT = Path("data") / "browse-snapshot.sqlite"
VIEW = "articles_browse"
FTS_TABLE = "articles_fts"
FACETS = ("province", "district", "body", "meeting_type", "year")

# The year a row is filed under: the meeting's, else the publication's.
_VIEW_SQL = f"""
CREATE VIEW {VIEW} AS
SELECT
    articles.rowid AS article_id,
    title,
    CASE WHEN is_meeting_report = 1 THEN 'yes' ELSE 'no' END AS meeting_report,
    province,
    district,
    level,
    body,
    meeting_type,
    meeting_date,
    published,
    substr(coalesce(meeting_date, published), 1, 4) AS year,
    source,
    source_kind,
    url,
    json_extract(record, '$.text') AS text
FROM articles
ORDER BY coalesce(meeting_date, published) DESC, url
"""

_FTS_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, text, url UNINDEXED, content_hash UNINDEXED,"
    # Diacritics folded: "hoi nghi" finds "hội nghị", and Uỷ/Ủy spell alike.
    " tokenize = 'unicode61 remove_diacritics 2')"
)

# Index rows whose article is gone or no longer the same (URL, text or headline).
_FTS_STALE = f"""
DELETE FROM {FTS_TABLE} WHERE rowid IN (
    SELECT f.rowid FROM {FTS_TABLE} AS f LEFT JOIN articles AS a ON a.rowid = f.rowid
    WHERE a.rowid IS NULL OR a.url IS NOT f.url OR a.content_hash IS NOT f.content_hash
       OR a.title IS NOT f.title
)
"""

_FTS_MISSING = f"""
INSERT INTO {FTS_TABLE}(rowid, title, text, url, content_hash)
SELECT rowid, title, coalesce(json_extract(record, '$.text'), ''), url, content_hash
FROM articles WHERE rowid NOT IN (SELECT rowid FROM {FTS_TABLE})
"""

COLUMN_DESCRIPTIONS = {
    "article_id": "row number of the article in the articles table (the search index key)",
    "title": "the article's headline",
    "meeting_report": "whether the article reports a meeting",
    "province": "province of the body that met (63-province map in force before July 2025)",
    "district": "district-level unit of the body that met, without its prefix",
    "level": "level of the body: province, district or commune",
    "body": "the body that met (party_committee, peoples_council, peoples_committee, ...)",
    "meeting_type": "plenum, congress, council_session, regular_meeting, review_conference, ...",
    "meeting_date": "the day the meeting was held",
    "published": "publication date shown by the page",
    "year": "year of the meeting, or of publication when the meeting date is not stated",
    "source": "the site's host",
    "source_kind": "kind of site: district_portal, provincial_newspaper, ...",
    "url": "the article's address",
    "text": "the article's clean text",
}


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def prepare_database(path: Path) -> dict[str, int]:
    """Create or refresh the browse view and search index; returns index changes."""
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        # The view is recreated so an older definition never survives an upgrade.
        conn.execute(f"DROP VIEW IF EXISTS {VIEW}")
        conn.execute(_VIEW_SQL)
        conn.execute(_FTS_SQL)
        removed = conn.execute(_FTS_STALE).rowcount
        added = conn.execute(_FTS_MISSING).rowcount
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StorageError(f"cannot prepare {path} for browsing: {exc}") from exc
    finally:
        conn.close()
    return {"indexed": added, "dropped": removed}


def snapshot_to_sqlite(database: str, target: Path) -> int:
    """Copy every article record of ``database`` into a fresh SQLite file; returns the count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial_name = tempfile.mkstemp(suffix=".sqlite", dir=target.parent)
    os.close(handle)
    partial = Path(partial_name)
    partial.unlink()
    source = open_storage(database)
    copy = SQLiteStorage(partial)
    # A throwaway copy: durability of each write is not worth the fsyncs.
    copy.conn.execute("PRAGMA synchronous=OFF")
    count = 0
    try:
        for record in source.iter_articles():
            copy.upsert_article(record)
            count += 1
    except BaseException:
        copy.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        raise
    finally:
        source.close()
    copy.close()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(partial, target)
    return count


def browse_metadata(database_name: str) -> dict[str, Any]:
    """Datasette metadata: titles, facets, the search index and column descriptions."""
    return {
        "title": "Local government meeting reports",
        "databases": {
            database_name: {
                "tables": {
                    VIEW: {
                        "title": "Articles",
                        "description": "One row per stored article; search covers headline "
                        "and text.",
                        "facets": list(FACETS),
                        "fts_table": FTS_TABLE,
                        "fts_pk": "article_id",
                        "columns": COLUMN_DESCRIPTIONS,
                    },
                    FTS_TABLE: {"hidden": True},
                }
            }
        },
    }


def datasette_command(
    path: Path, metadata: Path, *, host: str, port: int, open_browser: bool
) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(path)]
    command += ["--metadata", str(metadata), "--host", host, "--port", str(port)]
    command += ["--setting", "truncate_cells_html", "300"]
    command += ["--setting", "suggest_facets", "off"]
    command += ["--setting", "facet_time_limit_ms", "2000"]
    if open_browser:
        command.append("--open")
    return command


def _sqlite_path(database: str) -> Path:
    for prefix in ("sqlite:///", "sqlite:"):
        if database.startswith(prefix):
            database = database[len(prefix) :]
            break
    if "://" in database:
        raise StorageError(f"unsupported database URL: {database}")
    path = Path(database)
    if not path.exists():
        raise FileNotFoundError(f"no database at {path} (run `crawler harvest` first)")
    return path


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _serve(command: list[str]) -> int:
    """Run Datasette until it exits or the user presses Ctrl-C (or the process is killed)."""
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 0
    finally:
        # Uvicorn shuts down gracefully on SIGTERM; kill only one that hangs.
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        signal.signal(signal.SIGTERM, previous)


def browse(args: argparse.Namespace) -> int:
    if not datasette_available():
        raise UsageError(f"browsing needs Datasette: {INSTALL_HINT}")
    database = resolve_database(args.db)
    if database.startswith(("postgresql://", "postgres://")):
        path = Path(args.snapshot)
        count = snapshot_to_sqlite(database, path)
        print(f"copied {count} articles into the SQLite snapshot {path}", file=sys.stderr)
    else:
        path = _sqlite_path(database)
    changes = prepare_database(path)
    print(
        f"search index: {changes['indexed']} added, {changes['dropped']} dropped",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="crawler-browse-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(browse_metadata(path.stem), ensure_ascii=False, indent=2))
        command = datasette_command(
            path, metadata, host=args.host, port=args.port, open_browser=not args.no_open
        )
        print(f"serving {path} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
        return _serve(command)


def add_browse_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--port", type=int, default=8001, metavar="N", help="default 8001")
    parser.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine)")
    parser.add_argument("--no-open", action="store_true", help="do not open a web browser")
    parser.add_argument(
        "--snapshot",
        metavar="PATH",
        default=str(DEFAULT_SNAPSHOT),
        help=f"for a PostgreSQL database, the SQLite copy to serve (default {DEFAULT_SNAPSHOT})",
    )
    parser.set_defaults(handler=browse)
