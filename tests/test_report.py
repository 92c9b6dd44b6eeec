"""`crawler report`: one offline HTML page whose charts and tables match the database."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pg_support
import pytest

from crawler.meetings.build import ensure_meetings
from crawler.report.data import MEETING_FIELDS, NOT_STATED, collect, month_of
from crawler.storage import open_storage

postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing the page could ask for may leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)")

# (host, province, body, meeting_type, meeting_date, published, fetched_at, with officials)
REPORTS = (
    ("a.gov.vn", "Thanh Hóa", "party_committee", "plenum", "2024-01-09", "2024-01-10", "1", True),
    ("a.gov.vn", "Thanh Hóa", "peoples_council", "council_session", "2024-04-02", None, "2", True),
    ("a.gov.vn", "Thanh Hóa", "party_committee", "plenum", None, "2024-04-20", "3", False),
    ("b.vn", "Nghệ An", "peoples_committee", "regular_meeting", "2024-02-15", None, "4", True),
    ("b.vn", None, None, "review_conference", "2023-12", "2024-01-03", "5", False),
    ("c.gov.vn", "Nghệ An", "party_committee", "congress", None, None, "6", False),
)


def report_record(index: int, row: tuple[Any, ...]) -> dict[str, Any]:
    host, province, body, meeting_type, meeting_date, published, fetched, named = row
    return {
        "url": f"http://{host}/bai/{index}",
        "source": host,
        "title": f"Thông báo kết quả phiên làm việc {index}",
        "text": f"Nội dung phiên làm việc số {index} của cơ quan.",
        "content_hash": f"report-{index}",
        "published": published,
        "is_meeting_report": True,
        "level": "district" if index % 2 else None,
        "body": body,
        "meeting_type": meeting_type,
        "meeting_date": meeting_date,
        "session_number": index + 1 if index % 3 == 0 else None,
        "term_number": None,
        "term_period": "2020-2025" if index < 2 else None,
        "province": province,
        "district": "Quỳnh Lưu" if host == "b.vn" else None,
        "officials": [{"name": "Trần Văn Bình", "titles": ["Chủ tịch"]}] if named else [],
        "figures": [],
        "fetched_at": f"2025-0{fetched}-01T00:00:00+00:00",
    }


def fixture_records() -> list[dict[str, Any]]:
    records = [report_record(index, row) for index, row in enumerate(REPORTS)]
    # The first meeting again, republished by another site: one meeting, two reports.
    again = report_record(0, REPORTS[0])
    again.update(url="http://c.gov.vn/dang-lai/0", source="c.gov.vn")
    records.append(again)
    for index, host in enumerate(("a.gov.vn", "c.gov.vn", "d.org.vn")):
        records.append(
            {
                "url": f"http://{host}/tin-khac/{index}",
                "source": host,
                "title": "Lịch tiếp công dân trong tuần",
                "text": "Thời gian và địa điểm tiếp công dân định kỳ.",
                "content_hash": f"other-{index}",
                "published": "2024-03-01",
                "is_meeting_report": False,
                "fetched_at": "2025-09-01T00:00:00+00:00",
            }
        )
    return records


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "meetings.sqlite"
    storage = open_storage(str(path))
    for record in fixture_records():
        storage.upsert_article(record)
    storage.close()
    return path


@pytest.fixture
def report_dir(database: Path, tmp_path: Path, cli: Callable[..., Any]) -> Path:
    out = tmp_path / "report"
    result = cli("report", "--db", str(database), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr
    return out


# -- reading the page ------------------------------------------------------------


class PageReader(HTMLParser):
    """The report-data JSON, every data table, and every address the page names."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.addresses: list[str] = []
        self.json_text = ""
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value and name in ("src", "href", "xlink:href", "action", "poster", "data"):
                self.addresses.append(value)
            self.addresses += _CSS_URL.findall(value or "")
        if tag == "table" and values.get("data-chart"):
            self._table = values["data-chart"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "script" and values.get("id") == "report-data":
            self._in_json = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_json:
            self.json_text += data


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader


# -- what the database says ------------------------------------------------------------


def sql(path: Path, query: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def expected_from_sql(path: Path) -> dict[str, dict[str, list[Any]]]:
    """Per chart: category -> its values, counted by SQL over the articles table."""
    reports = "FROM articles WHERE is_meeting_report = 1"
    month = "substr(coalesce(meeting_date, published), 1, 7)"
    expected: dict[str, dict[str, list[Any]]] = {
        "reports_per_month": {
            m: [n] for m, n in sql(path, f"SELECT {month}, COUNT(*) {reports} GROUP BY 1") if m
        },
    }
    for key, column in (("reports_per_province", "province"), ("reports_per_body", "body")):
        rows = sql(
            path, f"SELECT coalesce({column}, '{NOT_STATED}'), COUNT(*) {reports} GROUP BY 1"
        )
        expected[key] = {name: [count] for name, count in rows}
    coverage = sql(
        path,
        "SELECT source, COUNT(*), SUM(is_meeting_report), MAX(json_extract(record, '$.fetched_at'))"
        " FROM articles GROUP BY source",
    )
    expected["coverage_per_source"] = {s: [a, m, last] for s, a, m, last in coverage}
    (total,) = sql(path, f"SELECT COUNT(*) {reports}")[0]
    completeness = {}
    for name in MEETING_FIELDS:
        value = f"json_extract(record, '$.{name}')"
        filled = (
            f"SELECT COUNT(*) {reports} AND {value} IS NOT NULL AND {value} != ''"
            f" AND (json_type(record, '$.{name}') != 'array' OR json_array_length({value}) > 0)"
        )
        count = sql(path, filled)[0][0]
        completeness[name] = [count, round(count / total, 4)]
    expected["field_completeness"] = completeness
    return expected


def expected_meetings(path: Path) -> dict[str, dict[str, list[Any]]]:
    storage = open_storage(str(path))
    try:
        ensure_meetings(storage)
        meetings = list(storage.iter_meetings())
    finally:
        storage.close()
    assert len(meetings) == 6  # seven reports, two of them of one meeting
    by: dict[str, dict[str, list[Any]]] = {}
    for key, field in (("meetings_per_province", "province"), ("meetings_per_body", "body")):
        counts: dict[str, list[Any]] = {}
        for meeting in meetings:
            counts.setdefault(meeting.get(field) or NOT_STATED, [0])[0] += 1
        by[key] = counts
    months: dict[str, list[Any]] = {}
    for meeting in meetings:
        month = month_of(meeting["meeting_date"]) or month_of(meeting["first_published"])
        if month:
            months.setdefault(month, [0])[0] += 1
    by["meetings_per_month"] = months
    return by


def chart_values(chart: dict[str, Any]) -> dict[str, list[Any]]:
    """category -> values of a report-data chart, months without any dropped."""
    columns = [*chart["series"].values(), *chart["table_only"].values()]
    rows = {
        name: [column[index] for column in columns]
        for index, name in enumerate(chart["categories"])
    }
    if chart["kind"] == "time":
        rows = {name: values for name, values in rows.items() if values[0]}
    return rows


def table_values(table: list[list[str]], kind: str) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = {}
    for cells in table[1:]:
        values: list[Any] = []
        for cell in cells[1:]:
            if re.fullmatch(r"\d+", cell):
                values.append(int(cell))
            elif cell.endswith("%"):
                values.append(round(float(cell[:-1]) / 100, 3))
            else:
                values.append(cell)
        if kind != "time" or values[0]:
            rows[cells[0]] = values
    return rows


def check_against_database(page: PageReader, database: Path) -> None:
    data = json.loads(page.json_text)
    expected = {**expected_from_sql(database), **expected_meetings(database)}
    charts = data["charts"]
    assert set(charts) == set(expected)
    for key, wanted in expected.items():
        assert chart_values(charts[key]) == wanted, key
        shown = table_values(page.tables[key], charts[key]["kind"])
        if key == "field_completeness":
            wanted = {name: [count, round(share, 3)] for name, (count, share) in wanted.items()}
        assert shown == wanted, key
    (articles, reports) = sql(database, "SELECT COUNT(*), SUM(is_meeting_report) FROM articles")[0]
    assert data["totals"]["articles"] == articles == 10
    assert data["totals"]["meeting_reports"] == reports == 7
    assert data["totals"]["meetings"] == 6
    assert data["totals"]["sources"] == 4


# -- the tests ------------------------------------------------------------------------


def test_report_numbers_equal_sql_counts(report_dir: Path, database: Path) -> None:
    page = read_page((report_dir / "index.html").read_text(encoding="utf-8"))
    check_against_database(page, database)
    data = json.loads(page.json_text)
    months = data["charts"]["reports_per_month"]["categories"]
    # The month axis runs without gaps from the first month to the last.
    assert months == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04"]


def test_page_loads_nothing_from_the_network(report_dir: Path) -> None:
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    page = read_page(html)
    outside = [a for a in page.addresses if not a.startswith("#")]
    assert outside == []
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=", html)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert html.count("<svg") == 8  # every chart drawn inline


def test_missing_database_is_one_clear_line(tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("report", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: no database at")


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_rendered_page_shows_charts_that_match_the_database(
    report_dir: Path, database: Path, tmp_path: Path
) -> None:
    from PIL import Image

    url = (report_dir / "index.html").resolve().as_uri()
    shot = tmp_path / "page.png"
    result = chromium(
        f"--screenshot={shot}", "--window-size=1280,4000", url, profile=tmp_path / "profile1"
    )
    assert shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    pixels = image.width * image.height
    colours = image.getcolors(maxcolors=pixels) or []
    assert len(colours) > 50
    white = sum(count for count, rgb in colours if min(rgb) >= 250)
    assert (pixels - white) / pixels > 0.03
    # The bars themselves: the first series colour covers a visible area.
    bar_blue = sum(
        count for count, (r, g, b) in colours if abs(r - 31) + abs(g - 111) + abs(b - 139) < 20
    )
    assert bar_blue > 2000

    dom = chromium("--dump-dom", url, profile=tmp_path / "profile2")
    assert dom.returncode == 0, dom.stderr[-2000:]
    check_against_database(read_page(dom.stdout), database)


def test_postgresql_gives_the_same_report(database: Path, postgres_url: str) -> None:
    storage = open_storage(postgres_url)
    try:
        for record in fixture_records():
            storage.upsert_article(record)
        on_postgres = collect(storage, "pg").as_json()
    finally:
        storage.close()
    storage = open_storage(str(database))
    try:
        on_sqlite = collect(storage, "sqlite").as_json()
    finally:
        storage.close()
    assert on_postgres["totals"] == on_sqlite["totals"]
    assert on_postgres["charts"] == on_sqlite["charts"]


def test_empty_database_gives_a_page_without_charts_to_draw(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "empty.sqlite"
    open_storage(str(path)).close()
    result = cli("report", "--db", str(path), "--out", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    page = read_page((tmp_path / "r" / "index.html").read_text(encoding="utf-8"))
    data = json.loads(page.json_text)
    assert data["totals"] == {"articles": 0, "meeting_reports": 0, "meetings": 0, "sources": 0}
    assert data["charts"]["reports_per_month"]["categories"] == []
    assert data["charts"]["field_completeness"]["series"]["share"] == [0.0] * len(MEETING_FIELDS)
