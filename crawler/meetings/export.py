"""The meeting table: one row per meeting, with the reports that describe it.

``crawler export --meetings`` writes these rows; the README's column
dictionary is generated from :data:`MEETING_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawler.exporting.columns import Column
from crawler.meetings.build import ensure_meetings
from crawler.storage.base import Storage

MEETING_COLUMNS: tuple[Column, ...] = (
    Column(
        "meeting_id",
        "str",
        "Stable id of the meeting: a hash of its identity key (province, district, level, body,"
        " meeting type, date, session and term numbers), the same on every rebuild.",
    ),
    Column("province", "str", "Province of the body that met (canonical name)."),
    Column("district", "str", "District of the body that met; empty for province-level bodies."),
    Column("level", "str", "Level of the body: province, district or commune."),
    Column("body", "str", "The body that met (SCHEMA.md enumeration)."),
    Column("meeting_type", "str", "Kind of meeting (SCHEMA.md enumeration)."),
    Column(
        "meeting_date",
        "str",
        "Day the meeting was held (YYYY-MM-DD), or only its month (YYYY-MM) when no report"
        " gives the day.",
    ),
    Column("session_number", "int", "Session, plenum or congress number where a report states it."),
    Column("term_number", "int", "Term (khóa) number where a report states it."),
    Column("term_period", "str", "Term years, e.g. 2020-2025."),
    Column("title", "str", "Headline of the meeting's first report (for reading, not identity)."),
    Column("first_published", "date", "Earliest publication date among the reports."),
    Column("report_count", "int", "Number of reports (articles) linked to the meeting."),
    Column(
        "reports",
        "list",
        "URLs of the reports, the original first (earliest published, then the body's own"
        " site over republishers).",
    ),
    Column("sources", "list", "Hosts of the sites that reported the meeting, in report order."),
    Column("has_conflicts", "bool", "True when reports disagree on a field (see conflicts)."),
    Column(
        "conflicts",
        "json",
        "Fields on which reports disagree, each with every value given; empty when they agree.",
    ),
)


def iter_meeting_rows(storage: Storage) -> Iterator[dict[str, Any]]:
    """One row per meeting, rebuilding the meetings first if the articles changed."""
    ensure_meetings(storage)
    for meeting in storage.iter_meetings():
        meeting["has_conflicts"] = bool(meeting.get("conflicts"))
        yield {column.name: meeting.get(column.name) for column in MEETING_COLUMNS}
