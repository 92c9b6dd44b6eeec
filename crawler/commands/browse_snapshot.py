"""The SQLite file `crawler browse` serves, built beside the database, never in it.

The snapshot holds a copy of the ``articles`` table and of the meeting tables,
plus what Datasette needs on top of them:

- ``articles_browse``, a view with the columns people filter on, a computed
  ``year`` and the article's clean text;
- ``articles_fts``, a contentless FTS5 index of headline and text whose rowids
  are the snapshot's article rowids (only the index is stored, not the text
  again);
- ``browse_build``: the fingerprint of the source the snapshot was built from.

A SQLite database is opened read-only and copied table by table in SQL, keeping
the articles' row numbers; a PostgreSQL database is read through the storage
interface. The snapshot is built in a temporary file and moved into place, and
only when the source's fingerprint (article count, largest row number and
update time, the meetings build) differs from the one it was built from.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from crawler.storage import StorageError, open_storage
from crawler.storage.sqlite import SQLiteStorage

VIEW = "articles_browse"
FTS_TABLE = "articles_fts"
BUILD_TABLE = "browse_build"
#: Changes whenever what a snapshot holds changes, so older snapshots are rebuilt.
SNAPSHOT_FORMAT = 3
#: Derived tables copied along with the articles when the source has them.
MEETING_TABLES = ("meetings", "meeting_reports", "near_duplicates", "meetings_build")
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

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
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='',"
    # Diacritics folded: "hoi nghi" finds "hội nghị", and Uỷ/Ủy spell alike.
    " tokenize = 'unicode61 remove_diacritics 2')"
)

_FTS_FILL = f"""
INSERT INTO {FTS_TABLE}(rowid, title, text)
SELECT rowid, with_plain_d(title), with_plain_d(json_extract(record, '$.text')) FROM articles
"""

_D_WORD_RE = re.compile(r"\w*[đĐ]\w*")


def with_plain_d(text: str | None) -> str:
    """The text, then its words with "đ" spelt "d", for the search index only.

    The tokenizer folds tone marks but keeps "đ" a letter of its own; users type
    "dong" for "đồng" as often as "hoi nghi" for "hội nghị". Indexing both spellings
    finds the word either way.
    """
    if not text:
        return ""
    plain = {word.replace("đ", "d").replace("Đ", "D") for word in _D_WORD_RE.findall(text)}
    return f"{text}\n{' '.join(sorted(plain))}" if plain else text


@dataclass(frozen=True)
class Snapshot:
    path: Path
    articles: int
    #: False when the snapshot already matched the source and was served as it was.
    rebuilt: bool


def is_postgres(database: str) -> bool:
    return database.startswith(POSTGRES_SCHEMES)


def default_snapshot(source: Path) -> Path:
    """``data/meetings.sqlite`` -> ``data/meetings-browse.sqlite``."""
    return source.with_name(f"{source.stem}-browse.sqlite")


def prepare_snapshot(database: str, target: Path) -> Snapshot:
    """Make ``target`` a current snapshot of ``database`` (a SQLite path or a PostgreSQL URL)."""
    source = None if is_postgres(database) else Path(database)
    if source is not None and source.resolve() == target.resolve():
        raise StorageError(f"--snapshot names the database itself ({target}); browse never "
                           "writes into the database")  # fmt: skip
    fingerprint = source_fingerprint(database)
    if built_from(target) == fingerprint:
        return Snapshot(target, int(fingerprint["articles"]), rebuilt=False)
    with _partial_file(target) as partial:
        if source is None:
            _copy_through_storage(database, partial)
        else:
            _copy_sqlite(source, partial)
        _add_browse_tables(partial, fingerprint)
    return Snapshot(target, int(fingerprint["articles"]), rebuilt=True)


# -- fingerprints -------------------------------------------------------------------------
def source_fingerprint(database: str) -> dict[str, Any]:
    """What tells whether the source changed since a snapshot was built from it."""
    if is_postgres(database):
        return _postgres_fingerprint(database)
    path = Path(database)
    conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=30.0)
    try:
        return _sqlite_fingerprint(conn, "main", str(path.resolve()))
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read {path}: {exc}") from exc
    finally:
        conn.close()


def _fingerprint(
    source: str, articles: int, last_row: Any, last_update: Any, meetings: Any
) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "source": source,
        "articles": articles,
        "last_row": last_row,
        "last_update": last_update,
        "meetings": meetings,
    }


def _sqlite_fingerprint(conn: sqlite3.Connection, schema: str, label: str) -> dict[str, Any]:
    # One pass over the table; the count alone would miss an article changed in place.
    count, last_row, last_update = conn.execute(
        f"SELECT count(*), max(rowid), max(updated_at) FROM {schema}.articles"
    ).fetchone()
    meetings = None
    if _has_table(conn, schema, "meetings_build"):
        row = conn.execute(f"SELECT built_at, marker FROM {schema}.meetings_build").fetchone()
        meetings = list(row) if row else None
    return _fingerprint(label, count, last_row, last_update, meetings)


def _postgres_fingerprint(database: str) -> dict[str, Any]:
    from crawler.storage.postgres import PostgresStorage, redact

    storage = PostgresStorage(database)
    try:
        ((count, last_update),) = storage.query("SELECT count(*), max(updated_at) FROM articles")
        rows = storage.query("SELECT built_at, marker FROM meetings_build")
    finally:
        storage.close()
    meetings = list(rows[0]) if rows else None
    return _fingerprint(redact(database), count, None, last_update, meetings)


def built_from(snapshot: Path) -> dict[str, Any] | None:
    """The fingerprint a snapshot was built from; None if there is no readable snapshot."""
    if not snapshot.is_file():
        return None
    try:
        conn = sqlite3.connect(_read_only_uri(snapshot), uri=True)
        try:
            row = conn.execute(f"SELECT fingerprint FROM {BUILD_TABLE}").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # an older snapshot, or another file: built again
    return json.loads(row[0]) if row else None


# -- building -----------------------------------------------------------------------------
@contextmanager
def _partial_file(target: Path) -> Iterator[Path]:
    """A fresh path beside ``target`` that replaces it when the block succeeds."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".partial",
                                        dir=target.parent)  # fmt: skip
    except OSError as exc:
        raise StorageError(
            f"cannot write the browse snapshot beside {target} ({exc}); name another place "
            "with --snapshot PATH"
        ) from exc
    os.close(handle)
    partial = Path(name)
    partial.unlink()
    try:
        yield partial
        os.replace(partial, target)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _has_table(conn: sqlite3.Connection, schema: str, name: str) -> bool:
    row = conn.execute(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def _copy_table(conn: sqlite3.Connection, table: str, *, keep_rowid: bool = False) -> None:
    """Create ``table`` and its indexes as the attached source has them, and copy its rows."""
    for (statement,) in conn.execute(
        "SELECT sql FROM source.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
        " ORDER BY type = 'index'",
        (table,),
    ).fetchall():
        conn.execute(statement)
    columns = ", ".join(
        f'"{column}"' for _, column, *_ in conn.execute(f"PRAGMA source.table_info({table})")
    )
    if keep_rowid:
        columns = f"rowid, {columns}"
    conn.execute(f"INSERT INTO main.{table}({columns}) SELECT {columns} FROM source.{table}")


def _copy_sqlite(source: Path, partial: Path) -> None:
    """Copy the articles (same row numbers) and the meeting tables of a SQLite database."""
    conn = _build_connection(partial)
    try:
        conn.execute("ATTACH DATABASE ? AS source", (_read_only_uri(source),))
        conn.execute("BEGIN")  # one read of the source: the tables agree with each other
        _copy_table(conn, "articles", keep_rowid=True)
        for table in MEETING_TABLES:
            if _has_table(conn, "source", table):
                _copy_table(conn, table)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE source")
    except sqlite3.Error as exc:
        raise StorageError(f"cannot copy {source} for browsing: {exc}") from exc
    finally:
        conn.close()


def _copy_through_storage(database: str, partial: Path, batch: int = 500) -> None:
    """Copy every article record and the meeting tables through the storage interface."""
    source = open_storage(database)
    copy = SQLiteStorage(partial)
    # A throwaway copy: durability of each write is not worth the fsyncs.
    copy.conn.execute("PRAGMA synchronous=OFF")
    try:
        records = source.iter_articles()
        while chunk := list(islice(records, batch)):
            copy.upsert_many(chunk)
        marker = source.meetings_marker()
        if marker is not None:
            copy.replace_meetings(
                source.iter_meetings(),
                source.iter_meeting_links(),
                duplicates=source.iter_near_duplicates(),
                marker=marker,
            )
    finally:
        source.close()
        copy.close()


def _build_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), uri=True, timeout=30.0, isolation_level=None)
    # A file nobody reads before it is moved into place: no journal, no fsyncs.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    return conn


def _add_browse_tables(partial: Path, fingerprint: dict[str, Any]) -> None:
    """The view, the search index and the build's fingerprint, on top of the copied tables."""
    conn = _build_connection(partial)
    try:
        conn.create_function("with_plain_d", 1, with_plain_d, deterministic=True)
        conn.execute("BEGIN")
        conn.execute(_VIEW_SQL)
        conn.execute(_FTS_SQL)
        conn.execute(_FTS_FILL)
        conn.execute(f"CREATE TABLE {BUILD_TABLE} (fingerprint TEXT NOT NULL)")
        conn.execute(
            f"INSERT INTO {BUILD_TABLE}(fingerprint) VALUES (?)",
            (json.dumps(fingerprint, ensure_ascii=False, sort_keys=True, default=str),),
        )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise StorageError(f"cannot build the browse snapshot {partial}: {exc}") from exc
    finally:
        conn.close()
