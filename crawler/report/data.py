"""The numbers behind `crawler report`, read through the storage interface.

Everything here goes through ``iter_articles()`` and ``iter_meetings()``, so the
report reads SQLite and PostgreSQL alike. Each chart is a :class:`Chart`: its
categories, one or more series of values, and any columns only the table shows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from crawler.meetings.build import ensure_meetings
from crawler.schema import MEETING_FIELDS  # the fields whose completeness is measured
from crawler.storage import Storage

#: Label of the category for records that do not state the value.
NOT_STATED = "(not stated)"


_MONTH = re.compile(r"^(\d{4})-(\d{2})")
# Beyond this many months between the first and the last, gaps are not filled with
# zeros: such a span means a stray date, and a bar per empty month would hide the rest.
_MAX_FILLED_MONTHS = 600


@dataclass
class Chart:
    key: str
    title: str
    category_label: str
    categories: list[str]
    series: dict[str, list[float]]
    #: "time" (months, in order), "category" (ranked bars) or "share" (0..1 values)
    kind: str = "category"
    #: Columns shown in the table only, one value per category.
    table_only: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "category_label": self.category_label,
            "categories": self.categories,
            "series": self.series,
            "table_only": self.table_only,
        }


@dataclass
class ReportData:
    database: str
    generated_at: str
    totals: dict[str, int]
    charts: list[Chart]

    def as_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "generated_at": self.generated_at,
            "totals": self.totals,
            "charts": {chart.key: chart.as_json() for chart in self.charts},
        }


def month_of(value: Any) -> str | None:
    """``YYYY-MM`` of an ISO date (or month), None when it gives no month."""
    found = _MONTH.match(value) if isinstance(value, str) else None
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return f"{found.group(1)}-{found.group(2)}"


def report_month(record: dict[str, Any]) -> str | None:
    """The month a meeting report is filed under: the meeting's, else publication's."""
    return month_of(record.get("meeting_date")) or month_of(record.get("published"))


def is_filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (str, list, dict)):
        return bool(value)
    return True


def _label(value: Any) -> str:
    return str(value) if is_filled(value) else NOT_STATED


def month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last given, or just the given ones if far apart."""
    present = sorted(set(months))
    if not present:
        return []
    first_year, first_month = map(int, present[0].split("-"))
    last_year, last_month = map(int, present[-1].split("-"))
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    if span > _MAX_FILLED_MONTHS:
        return present
    steps = (first_year * 12 + first_month - 1 + step for step in range(span))
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in steps]


def monthly_chart(key: str, title: str, counts: Counter[str], undated: int, noun: str) -> Chart:
    months = month_range(counts)
    note = f"{undated} {noun} without a date are not shown." if undated else ""
    return Chart(
        key, title, "month", months, {noun: [counts[m] for m in months]}, kind="time", note=note
    )


def ranked_chart(key: str, title: str, label: str, counts: Counter[str], noun: str) -> Chart:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return Chart(
        key,
        title,
        label,
        [name for name, _ in ranked],
        {noun: [count for _, count in ranked]},
    )


@dataclass
class _ArticleTally:
    articles: int = 0
    meeting_reports: int = 0
    by_month: Counter[str] = field(default_factory=Counter)
    undated: int = 0
    by_province: Counter[str] = field(default_factory=Counter)
    by_body: Counter[str] = field(default_factory=Counter)
    source_articles: Counter[str] = field(default_factory=Counter)
    source_reports: Counter[str] = field(default_factory=Counter)
    source_last_fetched: dict[str, str] = field(default_factory=dict)
    filled: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        self.articles += 1
        source = _label(record.get("source"))
        self.source_articles[source] += 1
        fetched = record.get("fetched_at")
        if isinstance(fetched, str) and fetched > self.source_last_fetched.get(source, ""):
            self.source_last_fetched[source] = fetched
        if not record.get("is_meeting_report"):
            return
        self.meeting_reports += 1
        self.source_reports[source] += 1
        month = report_month(record)
        if month:
            self.by_month[month] += 1
        else:
            self.undated += 1
        self.by_province[_label(record.get("province"))] += 1
        self.by_body[_label(record.get("body"))] += 1
        for name in MEETING_FIELDS:
            if is_filled(record.get(name)):
                self.filled[name] += 1


def article_charts(tally: _ArticleTally) -> list[Chart]:
    coverage = ranked_chart(
        "coverage_per_source", "Coverage per source", "source", tally.source_articles, "articles"
    )
    coverage.series["meeting reports"] = [tally.source_reports[s] for s in coverage.categories]
    coverage.table_only["last fetched"] = [
        tally.source_last_fetched.get(s, "") for s in coverage.categories
    ]
    total = tally.meeting_reports
    completeness = Chart(
        "field_completeness",
        "Field completeness of meeting reports",
        "field",
        list(MEETING_FIELDS),
        {
            "filled": [tally.filled[name] for name in MEETING_FIELDS],
            "share": [
                round(tally.filled[name] / total, 4) if total else 0.0 for name in MEETING_FIELDS
            ],
        },
        kind="share",
        note=f"Share of the {total} meeting reports in which each field is stated.",
    )
    return [
        monthly_chart(
            "reports_per_month",
            "Meeting reports per month",
            tally.by_month,
            tally.undated,
            "meeting reports",
        ),
        ranked_chart(
            "reports_per_province",
            "Meeting reports per province",
            "province",
            tally.by_province,
            "meeting reports",
        ),
        ranked_chart(
            "reports_per_body",
            "Meeting reports per body",
            "body",
            tally.by_body,
            "meeting reports",
        ),
        coverage,
        completeness,
    ]


def meeting_charts(meetings: Iterable[dict[str, Any]]) -> tuple[int, list[Chart]]:
    by_month: Counter[str] = Counter()
    by_province: Counter[str] = Counter()
    by_body: Counter[str] = Counter()
    count = undated = 0
    for meeting in meetings:
        count += 1
        # As for reports: the meeting's month, else that of its first report.
        month = month_of(meeting.get("meeting_date")) or month_of(meeting.get("first_published"))
        if month:
            by_month[month] += 1
        else:
            undated += 1
        by_province[_label(meeting.get("province"))] += 1
        by_body[_label(meeting.get("body"))] += 1
    charts = [
        monthly_chart("meetings_per_month", "Meetings per month", by_month, undated, "meetings"),
        ranked_chart(
            "meetings_per_province", "Meetings per province", "province", by_province, "meetings"
        ),
        ranked_chart("meetings_per_body", "Meetings per body", "body", by_body, "meetings"),
    ]
    return count, charts


def collect(storage: Storage, database: str) -> ReportData:
    """Tally every chart of the report from the stored articles and meetings."""
    # Meetings first (rebuilt only if stale), so they never come from newer articles
    # than the ones counted below.
    ensure_meetings(storage)
    tally = _ArticleTally()
    for record in storage.iter_articles():
        tally.add(record)
    meeting_count, meetings = meeting_charts(storage.iter_meetings())
    charts = article_charts(tally)
    # Reports and meetings side by side: month, province, body.
    ordered = [charts[0], meetings[0], charts[1], meetings[1], charts[2], meetings[2], *charts[3:]]
    totals = {
        "articles": tally.articles,
        "meeting_reports": tally.meeting_reports,
        "meetings": meeting_count,
        "sources": len(tally.source_articles),
    }
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    return ReportData(database, generated, totals, ordered)
