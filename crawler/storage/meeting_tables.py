"""The derived meeting tables, shared by both backends, and their SQLite side.

- ``meetings``: one row per meeting: the reconciled fields, ``conflicts``
  (JSON object: field -> the disagreeing values), ``report_count``,
  ``built_at``.
- ``meeting_reports``: one row per report URL: its meeting, its rank within
  the meeting (``position``), and ``duplicate_of``: the canonical URL of its
  near-duplicate group when it is a copy, with ``similarity`` to it.
- ``near_duplicates``: every article in a near-duplicate group of two or more,
  meeting report or not, with the group's canonical URL.
- ``meetings_build``: one row: when the tables were built and the marker of
  the articles they were built from.

The tables are rebuilt wholesale (:mod:`crawler.meetings.build`); nothing
else writes them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.meetings.reconcile import MEETING_FIELDS
from crawler.storage.base import StorageError

MEETING_COLUMNS = (
    "meeting_id",
    *MEETING_FIELDS,
    "title",
    "first_published",
    "conflicts",
    "report_count",
    "built_at",
)
LINK_COLUMNS = (
    "meeting_id",
    "url",
    "position",
    "source",
    "published",
    "duplicate_of",
    "similarity",
)
DUPLICATE_COLUMNS = ("url", "canonical_url", "similarity")
#: The meeting columns as selected from ``meetings m``.
MEETING_SELECT = ", ".join("m." + name for name in MEETING_COLUMNS)
_INTEGER_COLUMNS = frozenset({"session_number", "term_number", "report_count", "position"})
_REAL_COLUMNS = frozenset({"similarity"})

#: Columns of ``articles`` whose change means the meetings must be rebuilt.
MARKER_COLUMNS = "url, updated_at, content_hash, is_meeting_report, length(record)"


def _column_type(name: str, real: str) -> str:
    if name in _INTEGER_COLUMNS:
        return "INTEGER"
    return real if name in _REAL_COLUMNS else "TEXT"


def table_statements(real: str = "REAL") -> tuple[str, ...]:
    """CREATE statements of the four tables (``real``: the float type's name)."""

    def columns(names: tuple[str, ...], key: str) -> str:
        return ", ".join(
            f"{name} {_column_type(name, real)}{' PRIMARY KEY' if name == key else ''}"
            for name in names
        )

    return (
        f"CREATE TABLE IF NOT EXISTS meetings ({columns(MEETING_COLUMNS, 'meeting_id')})",
        f"CREATE TABLE IF NOT EXISTS meeting_reports ({columns(LINK_COLUMNS, 'url')})",
        "CREATE INDEX IF NOT EXISTS meeting_reports_meeting"
        " ON meeting_reports(meeting_id, position)",
        f"CREATE TABLE IF NOT EXISTS near_duplicates ({columns(DUPLICATE_COLUMNS, 'url')})",
        "CREATE TABLE IF NOT EXISTS meetings_build (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " built_at TEXT NOT NULL, marker TEXT NOT NULL)",
    )


_TABLE_COLUMNS = {
    "meetings": MEETING_COLUMNS,
    "meeting_reports": LINK_COLUMNS,
    "near_duplicates": DUPLICATE_COLUMNS,
}


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def insert_sql(table: str, marks: str) -> str:
    """INSERT of every column of a derived table (``?`` for SQLite, ``%s`` for psycopg)."""
    columns = _TABLE_COLUMNS[table]
    return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join([marks] * len(columns))})"


def meeting_row(meeting: dict[str, Any]) -> tuple[Any, ...]:
    values = dict(meeting, conflicts=json.dumps(meeting.get("conflicts") or {}, ensure_ascii=False))
    return tuple(values.get(name) for name in MEETING_COLUMNS)


def rows_of(items: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return [tuple(item.get(name) for name in columns) for item in items]


def derived_rows(
    built_at: str,
    meetings: Iterable[dict[str, Any]],
    links: Iterable[dict[str, Any]],
    duplicates: Iterable[dict[str, Any]],
) -> dict[str, list[tuple[Any, ...]]]:
    """Table name -> the rows replace_meetings writes into it (meetings stamped ``built_at``)."""
    return {
        "meetings": [meeting_row({"built_at": built_at, **m}) for m in meetings],
        "meeting_reports": rows_of(links, LINK_COLUMNS),
        "near_duplicates": rows_of(duplicates, DUPLICATE_COLUMNS),
    }


def meeting_dict(row: tuple[Any, ...], reports: Any) -> dict[str, Any]:
    """A meetings row and its aggregated [position, url, source] triples, as iter_meetings gives."""
    meeting = dict(zip(MEETING_COLUMNS, row, strict=True))
    meeting["conflicts"] = json.loads(meeting["conflicts"] or "{}")
    triples = sorted(json.loads(reports) if isinstance(reports, str) else reports or [])
    meeting["reports"] = [url for _position, url, _source in triples]
    meeting["sources"] = list(dict.fromkeys(source for _p, _u, source in triples if source))
    return meeting


def marker_of(rows: Iterable[tuple[Any, ...]]) -> str:
    """Digest of the marker columns of every article, in URL order."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


class MeetingTables:
    """replace_meetings of both backends; each writes the rows in its own transaction."""

    def replace_meetings(
        self,
        meetings: Iterable[dict[str, Any]],
        links: Iterable[dict[str, Any]],
        *,
        duplicates: Iterable[dict[str, Any]] = (),
        marker: str | None = None,
    ) -> None:
        """Replace the derived tables with these rows, in one transaction."""
        built_at = now_stamp()
        self._replace_derived(derived_rows(built_at, meetings, links, duplicates), built_at, marker)

    def _replace_derived(
        self, rows: dict[str, list[tuple[Any, ...]]], built_at: str, marker: str | None
    ) -> None:
        """Empty the derived tables, write ``rows`` (table -> rows) and the build marker."""
        raise NotImplementedError


class SQLiteMeetingTables(MeetingTables):
    """The meeting-table methods of :class:`crawler.storage.sqlite.SQLiteStorage`."""

    conn: sqlite3.Connection
    path: Path

    def _replace_derived(
        self, rows: dict[str, list[tuple[Any, ...]]], built_at: str, marker: str | None
    ) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in table_statements():
                    self.conn.execute(statement)
                for table in (*rows, "meetings_build"):
                    self.conn.execute(f"DELETE FROM {table}")
                for table, table_rows in rows.items():
                    self.conn.executemany(insert_sql(table, "?"), table_rows)
                if marker is not None:
                    self.conn.execute(
                        "INSERT INTO meetings_build(id, built_at, marker) VALUES (1, ?, ?)",
                        (built_at, marker),
                    )
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write meetings to {self.path}: {exc}") from exc

    def _has_meeting_tables(self) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meetings_build'"
        ).fetchone()
        return row is not None

    def iter_meetings(self) -> Iterator[dict[str, Any]]:
        """Meetings by date (undated first) then id, each with its report URLs and sources."""
        if not self._has_meeting_tables():
            return
        query = (
            f"SELECT {MEETING_SELECT},"
            " (SELECT json_group_array(json_array(r.position, r.url, r.source))"
            "  FROM meeting_reports r WHERE r.meeting_id = m.meeting_id)"
            " FROM meetings m ORDER BY m.meeting_date, m.meeting_id"
        )
        for row in self.conn.execute(query):
            yield meeting_dict(row[:-1], row[-1])

    def iter_meeting_links(self) -> Iterator[dict[str, Any]]:
        """Every report link, by meeting id then rank within the meeting."""
        if not self._has_meeting_tables():
            return
        query = (
            f"SELECT {', '.join(LINK_COLUMNS)} FROM meeting_reports ORDER BY meeting_id, position"
        )
        for row in self.conn.execute(query):
            yield dict(zip(LINK_COLUMNS, row, strict=True))

    def iter_near_duplicates(self) -> Iterator[dict[str, Any]]:
        """Articles in near-duplicate groups, by canonical URL then URL."""
        if not self._has_meeting_tables():
            return
        query = (
            f"SELECT {', '.join(DUPLICATE_COLUMNS)} FROM near_duplicates"
            " ORDER BY canonical_url, url"
        )
        for row in self.conn.execute(query):
            yield dict(zip(DUPLICATE_COLUMNS, row, strict=True))

    def meetings_marker(self) -> str | None:
        """Marker of the articles the stored meetings were built from (None: never built)."""
        if not self._has_meeting_tables():
            return None
        row = self.conn.execute("SELECT marker FROM meetings_build WHERE id = 1").fetchone()
        return row[0] if row else None

    def articles_marker(self) -> str:
        """Marker of the articles stored now; it changes when any article is added or changed."""
        return marker_of(self.conn.execute(f"SELECT {MARKER_COLUMNS} FROM articles ORDER BY url"))
