"""The meeting-table methods of the PostgreSQL backend.

The tables are created by a step of :mod:`crawler.storage.migrations`, with
the same columns as SQLite's (:mod:`crawler.storage.meeting_tables`). Reads
order text with the "C" collation and NULLs first, as SQLite does, so both
backends give the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import psycopg

from crawler.storage.base import StorageError
from crawler.storage.meeting_tables import (
    DUPLICATE_COLUMNS,
    LINK_COLUMNS,
    MARKER_COLUMNS,
    MEETING_SELECT,
    MeetingTables,
    insert_sql,
    marker_of,
    meeting_dict,
)


class PostgresMeetingTables(MeetingTables):
    """Mixed into :class:`crawler.storage.postgres.PostgresStorage`."""

    conn: psycopg.Connection
    label: str

    if TYPE_CHECKING:

        def _stream(self, sql: str) -> Iterator[tuple[Any, ...]]: ...

    def _replace_derived(
        self, rows: dict[str, list[tuple[Any, ...]]], built_at: str, marker: str | None
    ) -> None:
        try:
            with self.conn.transaction(), self.conn.cursor() as cursor:
                # DELETE, not TRUNCATE: readers keep their snapshot instead of waiting.
                for table in (*rows, "meetings_build"):
                    cursor.execute(f"DELETE FROM {table}".encode())
                for table, table_rows in rows.items():
                    if table_rows:
                        cursor.executemany(insert_sql(table, "%s").encode(), table_rows)
                if marker is not None:
                    cursor.execute(
                        "INSERT INTO meetings_build(id, built_at, marker) VALUES (1, %s, %s)",
                        (built_at, marker),
                    )
        except psycopg.Error as exc:
            raise StorageError(f"cannot write meetings to {self.label}: {exc}") from exc

    def iter_meetings(self) -> Iterator[dict[str, Any]]:
        """Meetings by date (undated first) then id, each with its report URLs and sources."""
        query = (
            f"SELECT {MEETING_SELECT},"
            " (SELECT json_agg(json_build_array(r.position, r.url, r.source))"
            "  FROM meeting_reports r WHERE r.meeting_id = m.meeting_id)"
            ' FROM meetings m ORDER BY m.meeting_date COLLATE "C" NULLS FIRST,'
            ' m.meeting_id COLLATE "C"'
        )
        for row in self._stream(query):
            yield meeting_dict(row[:-1], row[-1])

    def iter_meeting_links(self) -> Iterator[dict[str, Any]]:
        """Every report link, by meeting id then rank within the meeting."""
        query = (
            f"SELECT {', '.join(LINK_COLUMNS)} FROM meeting_reports"
            ' ORDER BY meeting_id COLLATE "C", position'
        )
        for row in self._stream(query):
            yield dict(zip(LINK_COLUMNS, row, strict=True))

    def iter_near_duplicates(self) -> Iterator[dict[str, Any]]:
        """Articles in near-duplicate groups, by canonical URL then URL."""
        query = (
            f"SELECT {', '.join(DUPLICATE_COLUMNS)} FROM near_duplicates"
            ' ORDER BY canonical_url COLLATE "C", url COLLATE "C"'
        )
        for row in self._stream(query):
            yield dict(zip(DUPLICATE_COLUMNS, row, strict=True))

    def meetings_marker(self) -> str | None:
        """Marker of the articles the stored meetings were built from (None: never built)."""
        try:
            row = self.conn.execute("SELECT marker FROM meetings_build WHERE id = 1").fetchone()
        except psycopg.Error as exc:
            raise StorageError(f"cannot read from {self.label}: {exc}") from exc
        return row[0] if row else None

    def articles_marker(self) -> str:
        """Marker of the articles stored now; it changes when any article is added or changed."""
        return marker_of(
            self._stream(f'SELECT {MARKER_COLUMNS} FROM articles ORDER BY url COLLATE "C"')
        )
