"""Meeting tables on SQLite and on a real PostgreSQL server: rebuild, read back, export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pg_support
import pytest
from meeting_support import OTHER_PLENUM_TEXT, report, republished

from crawler.meetings.build import ensure_meetings, link_articles, rebuild_meetings
from crawler.meetings.export import MEETING_COLUMNS, iter_meeting_rows
from crawler.storage import Storage, StorageError, open_storage

postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url

PORTAL = "http://nongcong.thanhhoa.gov.vn/tin-tuc/hoi-nghi-bch-lan-19-1201.html"
PAPER = "http://baothanhhoa.vn/chinh-tri/nong-cong-day-nhanh-gpmb-post201455.html"
COUNCIL = "http://nongcong.thanhhoa.gov.vn/tin-tuc/ky-hop-thu-15-1188.html"
NEWS = "http://nongcong.thanhhoa.gov.vn/tin-tuc/ngay-hoi-doc-sach-1190.html"


def corpus() -> list[dict[str, Any]]:
    plenum = report(PORTAL)
    council = report(COUNCIL, text=OTHER_PLENUM_TEXT + "\n\nKỳ họp thứ 15.", body="peoples_council",
                     meeting_type="council_session", session_number=15, meeting_date="2024-03-20",
                     published="2024-03-21")  # fmt: skip
    news = report(NEWS, text="Ngày hội đọc sách được tổ chức tại nhà văn hóa huyện.",
                  is_meeting_report=False, body=None, meeting_type=None)  # fmt: skip
    copy = republished(plenum, PAPER, term_period="2021-2026")  # extraction disagrees
    return [plenum, copy, council, news]


@pytest.fixture(params=["sqlite", "postgres"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    target = (
        str(tmp_path / "db.sqlite")
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    opened = open_storage(target)
    yield opened
    opened.close()


def stored(storage: Storage, records: list[dict[str, Any]]) -> Storage:
    for record in records:
        storage.upsert_article(record)
    return storage


def without_build_time(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if k != "built_at"} for m in meetings]


def test_meetings_and_links_read_back_as_written(storage: Storage) -> None:
    found, _count = link_articles(corpus())
    storage.replace_meetings(found.meetings, found.links, duplicates=found.duplicates, marker="x")
    read = list(storage.iter_meetings())
    by_date = sorted(found.meetings, key=lambda m: (m["meeting_date"], m["meeting_id"]))
    assert without_build_time(read) == without_build_time(by_date)
    assert all(m["built_at"] for m in read)
    links = sorted(found.links, key=lambda link: (link["meeting_id"], link["position"]))
    assert list(storage.iter_meeting_links()) == links
    assert {row["url"] for row in storage.iter_near_duplicates()} == {PORTAL, PAPER}
    assert storage.meetings_marker() == "x"


def test_a_rebuild_replaces_the_tables_wholesale(storage: Storage) -> None:
    found, _count = link_articles(corpus())
    storage.replace_meetings(found.meetings, found.links, duplicates=found.duplicates, marker="1")
    only_news, _count = link_articles(corpus()[-1:])
    storage.replace_meetings(only_news.meetings, only_news.links, marker="2")
    assert list(storage.iter_meetings()) == []
    assert list(storage.iter_meeting_links()) == []
    assert list(storage.iter_near_duplicates()) == []
    assert storage.meetings_marker() == "2"


def test_rebuild_links_stored_articles_and_flags_conflicts(storage: Storage) -> None:
    assert list(storage.iter_meetings()) == [] and storage.meetings_marker() is None
    summary = rebuild_meetings(stored(storage, corpus()))
    assert (summary.articles, summary.near_duplicate_groups) == (4, 1)
    assert (summary.meetings, summary.reports_linked, summary.meetings_with_conflicts) == (2, 3, 1)
    plenum = next(m for m in storage.iter_meetings() if m["body"] == "party_committee")
    assert plenum["reports"] == [PORTAL, PAPER] and plenum["report_count"] == 2
    assert plenum["sources"] == ["nongcong.thanhhoa.gov.vn", "baothanhhoa.vn"]
    assert plenum["conflicts"] == {"term_period": ["2020-2025", "2021-2026"]}
    links = {link["url"]: link for link in storage.iter_meeting_links()}
    assert links[PAPER]["duplicate_of"] == PORTAL and links[PAPER]["similarity"] >= 0.8
    assert links[PORTAL]["duplicate_of"] is None and links[PORTAL]["similarity"] is None


def test_meetings_are_rebuilt_only_when_articles_changed(storage: Storage) -> None:
    stored(storage, corpus())
    assert ensure_meetings(storage) is not None
    first = list(storage.iter_meetings())
    assert ensure_meetings(storage) is None
    assert list(storage.iter_meetings()) == first  # not even rebuilt
    storage.upsert_article(report("http://other.vn/hop", text="Một kỳ họp khác.",
                                  meeting_date="2024-05-02", session_number=21))  # fmt: skip
    summary = ensure_meetings(storage)
    assert summary is not None and summary.meetings == 3
    ids_before = {m["meeting_id"] for m in first}
    assert ids_before < {m["meeting_id"] for m in storage.iter_meetings()}


def test_export_rows_round_trip_against_the_database(storage: Storage) -> None:
    stored(storage, corpus())
    rows = list(iter_meeting_rows(storage))  # builds the meetings on first use
    assert [list(row) for row in rows] == [[c.name for c in MEETING_COLUMNS]] * len(rows)
    grouped: dict[str, list[str]] = {}
    for link in storage.iter_meeting_links():
        grouped.setdefault(link["meeting_id"], []).append(link["url"])
    assert {row["meeting_id"]: row["reports"] for row in rows} == grouped
    for row, meeting in zip(rows, storage.iter_meetings(), strict=True):
        assert row["report_count"] == len(row["reports"])
        assert row["has_conflicts"] == bool(meeting["conflicts"])
        for column in MEETING_COLUMNS:
            if column.name != "has_conflicts":
                assert row[column.name] == meeting[column.name], column.name
    assert list(iter_meeting_rows(storage)) == rows  # stable, no rebuild in between


def test_a_failed_rebuild_is_a_clear_error_and_keeps_the_old_meetings(
    storage: Storage,
) -> None:
    rebuild_meetings(stored(storage, corpus()))
    before = list(storage.iter_meetings())
    found, _count = link_articles(corpus()[:1])
    broken = [dict(found.meetings[0]), dict(found.meetings[0])]  # the same id twice
    with pytest.raises(StorageError):
        storage.replace_meetings(broken, found.links, marker="bad")
    assert list(storage.iter_meetings()) == before
    assert storage.meetings_marker() != "bad"


def test_meetings_command_prints_the_counts(tmp_path: Path, cli: Any) -> None:
    db = tmp_path / "cli.sqlite"
    storage = stored(open_storage(str(db)), corpus())
    storage.close()
    result = cli("meetings", "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = {line.split(None, 1)[1]: int(line.split()[0]) for line in result.stdout.splitlines()}
    assert lines == {
        "articles": 4,
        "near-duplicate groups": 1,
        "meetings": 2,
        "reports linked to meetings": 3,
        "meetings with conflicting reports": 1,
    }
    bad = cli("meetings", "--db", "mysql://nowhere/x")
    assert bad.returncode == 2 and bad.stderr.startswith("error:")
