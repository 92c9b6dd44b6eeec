"""End to end: `crawler demo` harvests the sample web and counts meetings, not articles.

The provincial paper of the sample web republishes the Thọ Xuân plenum report
of the district portal (another headline and sapo, the same body) and reports
the district council's mid-year session in its own words, without the session
number. Each is one meeting with two reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from crawler.demo.sites import expected_articles
from crawler.meetings.build import ensure_meetings
from crawler.meetings.export import iter_meeting_rows
from crawler.storage import Storage, open_storage
from crawler.urls import url_key

PORTAL = "thoxuan.thanhhoa.gov.vn"
PAPER = "baothanhhoa.vn"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Storage, str]]:
    from conftest import run_cli

    db = tmp_path_factory.mktemp("meetings-demo") / "demo.sqlite"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    storage = open_storage(str(db))
    yield storage, result.stdout
    storage.close()


def meeting_of(storage: Storage, url: str) -> dict[str, Any]:
    wanted = url_key(url)
    return next(m for m in storage.iter_meetings() if wanted in map(url_key, m["reports"]))


def labelled(source: str, meeting_type: str, date: str) -> list[dict[str, Any]]:
    return [
        row
        for row in expected_articles()
        if row["source"] in (source, PAPER)
        and row["meeting_type"] == meeting_type
        and row["meeting_date"] == date
    ]


def test_a_republished_report_is_one_meeting_with_two_reports(demo_db: tuple[Storage, str]) -> None:
    storage, _stdout = demo_db
    rows = labelled(PORTAL, "plenum", "2023-07-12")
    assert {row["source"] for row in rows} == {PORTAL, PAPER}
    meeting = meeting_of(storage, rows[0]["url"])
    assert {url_key(u) for u in meeting["reports"]} == {url_key(row["url"]) for row in rows}
    assert meeting["sources"] == [PORTAL, PAPER]  # the portal published first
    assert (meeting["district"], meeting["session_number"], meeting["term_number"]) == (
        "Thọ Xuân", 20, 27,
    )  # fmt: skip
    copy = next(link for link in storage.iter_meeting_links() if link["source"] == PAPER
                and link["meeting_id"] == meeting["meeting_id"])  # fmt: skip
    assert copy["duplicate_of"] == meeting["reports"][0] and copy["similarity"] >= 0.8


def test_a_meeting_reported_in_other_words_is_one_meeting(demo_db: tuple[Storage, str]) -> None:
    storage, _stdout = demo_db
    rows = labelled(PORTAL, "council_session", "2023-07-18")
    assert {row["source"] for row in rows} == {PORTAL, PAPER}
    meeting = meeting_of(storage, rows[0]["url"])
    assert meeting["report_count"] == 2
    # The paper did not give the session number; the portal's report did.
    assert meeting["session_number"] == 12 and meeting["conflicts"] == {}
    links = [link for link in storage.iter_meeting_links()
             if link["meeting_id"] == meeting["meeting_id"]]  # fmt: skip
    assert all(link["duplicate_of"] is None for link in links)


def test_demo_counts_meetings_and_the_export_round_trips(demo_db: tuple[Storage, str]) -> None:
    storage, stdout = demo_db
    meetings = list(storage.iter_meetings())
    reports = sum(1 for record in storage.iter_articles() if record.get("is_meeting_report"))
    assert f"{len(meetings)} meetings, {reports} reports linked" in stdout
    assert len(meetings) == reports - 2
    assert ensure_meetings(storage) is None  # the demo built them from what it stored
    rows = list(iter_meeting_rows(storage))
    assert [(r["meeting_id"], r["reports"]) for r in rows] == [
        (m["meeting_id"], m["reports"]) for m in meetings
    ]
    assert sorted(url for row in rows for url in row["reports"]) == sorted(
        link["url"] for link in storage.iter_meeting_links()
    )
