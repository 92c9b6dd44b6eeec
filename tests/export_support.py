"""Records for the export tests, stored through the storage API in an SQLite file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from crawler.exporting.articles import ARTICLE_COLUMNS
from crawler.schema import RECORD_FIELDS
from crawler.storage import open_storage

_PLENUM_TEXT = (
    "Sáng 14/3, Ban Chấp hành Đảng bộ huyện Yên Hòa khóa XXII tổ chức Hội nghị lần thứ 9 "
    "để đánh giá kết quả quý I.\n\n"
    "Đồng chí Lê Văn Khải, Bí thư Huyện ủy, chủ trì hội nghị.\n\n"
    "Tổng thu ngân sách đạt 112,5 tỷ đồng, bằng 31% dự toán."
)
_SESSION_TEXT = (
    "Ngày 5/7, HĐND thị xã Bình Sơn khóa VIII, nhiệm kỳ 2021-2026 khai mạc kỳ họp thứ Mười.\n\n"
    "Kỳ họp xem xét 14/20 tờ trình; bà Trần Thị Hoà, Chủ tịch HĐND thị xã, điều hành."
)
_NEWS_TEXT = "Lễ hội đua thuyền truyền thống thu hút đông đảo người dân tham gia.\r\n\nTiếp nối."


def _record(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    record.update(is_meeting_report=False, officials=[], figures=[], source_kind="other")
    record.update(fields)
    return record


RECORDS: tuple[dict[str, Any], ...] = (
    _record(
        url="https://yenhoa.example.gov.vn/tin-tuc/hoi-nghi-lan-thu-9-123.html",
        source="yenhoa.example.gov.vn",
        source_name="Cổng thông tin điện tử huyện Yên Hòa",
        source_kind="district_portal",
        title="Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 9",
        published="2024-03-15",
        published_raw="15/03/2024 08:10",
        author="Minh Châu",
        author_raw="Minh Châu - Trung tâm VHTT",
        text=_PLENUM_TEXT,
        content_hash="a" * 64,
        is_meeting_report=True,
        level="district",
        body="party_committee",
        meeting_type="plenum",
        meeting_date="2024-03-14",
        session_number=9,
        term_number=22,
        province="Thanh Hóa",
        district="Yên Hòa",
        officials=[{"name": "Lê Văn Khải", "titles": ["Bí thư Huyện ủy"]}],
        figures=[
            {"value": 112.5, "unit": "tỷ đồng", "raw": "112,5 tỷ đồng"},
            {"value": 31, "unit": "%", "raw": "31%"},
        ],
        captions=["Quang cảnh hội nghị."],
        meeting_date_evidence="Sáng 14/3, Ban Chấp hành Đảng bộ huyện ...",
        extractor_version="1",
        fetched_at="2024-03-16T01:02:03+00:00",
    ),
    _record(
        url="https://baobinhson.example.vn/ky-hop-thu-muoi-post42.html",
        source="baobinhson.example.vn",
        source_kind="provincial_newspaper",
        title="Khai mạc kỳ họp thứ Mười HĐND thị xã",
        published="2023-07",
        text=_SESSION_TEXT,
        content_hash="b" * 64,
        is_meeting_report=True,
        level="district",
        body="peoples_council",
        meeting_type="council_session",
        meeting_date="2023-07-05",
        session_number=10,
        term_number=8,
        term_period="2021-2026",
        officials=[{"name": "Trần Thị Hoà", "titles": ["Chủ tịch HĐND thị xã"]}],
        figures=[{"value": "14/20", "unit": "tờ trình", "raw": "14/20 tờ trình"}],
        capture_time="2023-08-01T00:00:00Z",
        archive_url="https://web.archive.org/web/20230801000000id_/https://baobinhson.example.vn/",
    ),
    _record(
        url="https://yenhoa.example.gov.vn/tin-tuc/le-hoi-dua-thuyen.html",
        source="yenhoa.example.gov.vn",
        title='Lễ hội đua thuyền | mùa xuân, "vui"',
        published=None,
        text=_NEWS_TEXT,
        content_hash="c" * 64,
    ),
    _record(
        url="https://yenhoa.example.gov.vn/tin-tuc/giao-ban-thang-4.html",
        source="yenhoa.example.gov.vn",
        source_kind="district_portal",
        title="Giao ban tháng 4",
        published="2024-03-15",
        text="UBND huyện họp giao ban tháng 4.",
        content_hash="d" * 64,
        is_meeting_report=True,
        level="district",
        body="peoples_committee",
        meeting_type="regular_meeting",
    ),
)


def records() -> list[dict[str, Any]]:
    return copy.deepcopy(list(RECORDS))


def build_database(path: Path, rows: list[dict[str, Any]] | None = None) -> Path:
    storage = open_storage(str(path))
    try:
        for record in records() if rows is None else rows:
            storage.upsert_article(record)
    finally:
        storage.close()
    return path


def stored_records(path: Path, meetings_only: bool = False) -> list[dict[str, Any]]:
    storage = open_storage(str(path))
    try:
        return list(storage.iter_articles(meetings_only=meetings_only))
    finally:
        storage.close()


def projected(record: dict[str, Any]) -> dict[str, Any]:
    """A record as the article table holds it: every column, absent fields null."""
    return {column.name: record.get(column.name) for column in ARTICLE_COLUMNS}
