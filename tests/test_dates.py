"""Publication date lines, URL dates and the meeting date of a report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extraction.dates import date_from_url, find_meeting_date, make_iso, parse_date_line

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(
    not (SEEDS / "gold.json").is_file(), reason="shared seed documents are not present"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Đăng lúc: 21/03/2021 (GMT+7)", "2021-03-21"),
        ("Thứ năm, 09/11/2023", "2023-11-09"),
        ("Ngày 14/08/2019 08:05:12", "2019-08-14"),
        ("Ngày đăng 05/10/2018 | 16:40 | Lượt xem: 215", "2018-10-05"),
        ("Cập nhật: 23/04/2021 • Lượt xem: 88", "2021-04-23"),
        ("Tin tức hoạt động ( Cập nhật ngày: 02/06/2020 )", "2020-06-02"),
        ("17-09-2021 15:35", "2021-09-17"),
        ("Ngày đăng bài: 30/12/2022 | Tác giả: Minh Anh", "2022-12-30"),
        ("(07:45, 11/02/2020)", "2020-02-11"),
        ("Cập nhật, 08:15, Thứ Hai, 04/07/2022 (GMT+7)", "2022-07-04"),
        ("Thứ Tư, 16/03/2022, 14:02 [GMT+7]", "2022-03-16"),
        ("18:10 , 21/10/2022", "2022-10-21"),
        ("Thứ 6, 31.07.2020 | 10:31:05", "2020-07-31"),
        ("ngày 3 tháng 4 năm 2021", "2021-04-03"),
        ("2022-12-13T08:00:00+07:00", "2022-12-13"),
        ("2021-06-30", "2021-06-30"),
    ],
)
def test_parse_date_line_reads_portal_formats(line: str, expected: str) -> None:
    found = parse_date_line(line)
    assert found is not None
    assert found.value == expected
    assert found.raw and found.raw in line


def test_iso_timestamp_in_another_zone_is_converted_to_local_date() -> None:
    found = parse_date_line("2022-12-12T20:30:00Z")
    assert found is not None and found.value == "2022-12-13"
    found = parse_date_line("2022-12-12T20:30:00-05:00")
    assert found is not None and found.value == "2022-12-13"


@pytest.mark.parametrize("line", ["Lượt xem: 1234", "31/02/2022", "Ngày 12/13/2020", "", "12/2022"])
def test_parse_date_line_rejects_non_dates(line: str) -> None:
    assert parse_date_line(line) is None


def test_make_iso() -> None:
    assert make_iso(2024, 2, 29) == "2024-02-29"
    assert make_iso(2023, 2, 29) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://x.thanhhoa.gov.vn/portal/Pages/2021-5-7/Hoi-nghi-ab12cd.aspx", "2021-05-07"),
        ("https://baolamdong.vn/chinhtri/202211/hop-hdnd-1234/", "2022-11"),
        ("https://example.vn/tin-tuc/2020/09/03/hoi-nghi/", "2020-09-03"),
        ("https://example.vn/thoi-su/hoi-nghi-post263295.html", None),
        ("https://example.vn/a/123456/b/", None),
        ("https://example.vn/x.aspx?d=2021-5-7/", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    found = date_from_url(url)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sáng ngày 09/3, UBND huyện tổ chức hội nghị giao ban.", "2021-03-10", "2021-03-09"),
        ("Chiều 10.1, HĐND huyện khai mạc kỳ họp thứ Tám.", "2023-01-11", "2023-01-10"),
        ("Ngày 28-6, Ban Thường vụ Huyện ủy họp phiên thường kỳ.", "2023-06", "2023-06-28"),
        ("Sáng 18-7, Huyện ủy tổ chức hội nghị quán triệt.", "2022-07-19", "2022-07-18"),
        ("Hội nghị tổng kết công tác năm được tổ chức ngày 25/12.", "2023-01-03", "2022-12-25"),
        ("Ngày 13 tháng 12 năm 2022, Huyện ủy tổ chức hội nghị.", None, "2022-12-13"),
        ("Trong hai ngày 21 và 22-5-2020, Đảng bộ huyện tổ chức Đại hội lần thứ XX.", None,
         "2020-05-21"),
        ("Trong 2 ngày 14, 15/7, HĐND huyện tổ chức kỳ họp thứ Hai.", "2021-07-16", "2021-07-14"),
        ("Từ ngày 8 đến ngày 10/12/2021, HĐND huyện họp kỳ họp thứ Ba.", None, "2021-12-08"),
        ("Ngày 29/02, Thường trực HĐND huyện họp phiên thường kỳ.", "2024-03-01", "2024-02-29"),
        ("Trong tháng 12 năm 2022, Huyện ủy tổ chức hội nghị chuyên đề.", None, "2022-12"),
        ("Tối thứ Sáu (ngày 6/9), Huyện đoàn tổ chức hội nghị.", "2019-09-07", "2019-09-06"),
    ],
)
def test_meeting_date_forms(text: str, published: str | None, expected: str) -> None:
    found = find_meeting_date("", text, published)
    assert found is not None
    assert found.value == expected
    assert found.raw and found.raw in text
    assert found.evidence and found.raw in found.evidence


def test_document_and_deadline_dates_are_not_the_meeting_date() -> None:
    text = (
        "Thực hiện Chỉ thị số 05-CT/TU ngày 02/10/2022 của Ban Thường vụ Tỉnh ủy và Kế hoạch "
        "số 41-KH/HU, ngày 10/10/2022. Sáng 14/10, Huyện ủy tổ chức hội nghị triển khai, "
        "yêu cầu các xã hoàn thành trước ngày 30/11."
    )
    found = find_meeting_date("", text, "2022-10-15")
    assert found is not None and found.value == "2022-10-14"


def test_work_period_in_headline_and_lead_is_not_the_meeting_date() -> None:
    title = "UBND huyện sơ kết công tác tháng 01/2024, triển khai nhiệm vụ tháng 02/2024"
    text = (
        "Thực hiện chương trình công tác tháng 02/2024, sáng ngày 05/2, UBND huyện tổ chức "
        "hội nghị sơ kết công tác tháng 01/2024."
    )
    found = find_meeting_date(title, text, "2024-02-06")
    assert found is not None and found.value == "2024-02-05"
    assert find_meeting_date(title, "Nội dung đang cập nhật.", "2024-02-06") is None


def test_meeting_sentence_wins_over_an_earlier_dated_sentence() -> None:
    text = (
        "Ngày 02/3, đoàn công tác của tỉnh làm việc tại xã Yên Lạc. "
        "Chiều 04/3, Ban Thường vụ Huyện ủy họp nghe báo cáo kết quả."
    )
    found = find_meeting_date("", text, "2021-03-05")
    assert found is not None and found.value == "2021-03-04"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the report leads with the closing day, then names the opening day
        ("Kỳ họp thứ 9, HĐND huyện khóa XX đã bế mạc chiều 14/7 sau khi thông qua 12 nghị "
         "quyết. Kỳ họp khai mạc sáng 12/7 tại Hội trường huyện.", "2023-07-12"),
        # only the closing day and how long the session lasted
        ("Sau 3 ngày làm việc, Kỳ họp thứ 9 HĐND tỉnh đã bế mạc chiều 14/7.", "2023-07-12"),
        ("Sau 2,5 ngày làm việc, Kỳ họp thứ 9 HĐND tỉnh đã bế mạc sáng 14/7.", "2023-07-12"),
        # only the closing day: it is all the report gives
        ("Chiều 14/7, Kỳ họp thứ 9 HĐND huyện đã bế mạc.", "2023-07-14"),
        # an opening long before the close belongs to another meeting
        ("Hội nghị bế mạc chiều 14/7. Trước đó, sáng 2/6, Huyện ủy tổ chức hội nghị sơ kết.",
         "2023-07-14"),
    ],
)
def test_first_day_of_a_meeting_reported_at_its_close(text: str, expected: str) -> None:
    found = find_meeting_date("Bế mạc kỳ họp", text, "2023-07-15")
    assert found is not None and found.value == expected


def test_year_from_the_lead_when_there_is_no_publication_date() -> None:
    text = "Sáng 20/4, HĐND huyện tổ chức kỳ họp chuyên đề năm 2021."
    found = find_meeting_date("", text, None)
    assert found is not None and found.value == "2021-04-20"
    # Terms such as "nhiệm kỳ 2021-2026" are not a statement of the meeting's year.
    text = "Sáng 20/4, HĐND huyện khóa XX, nhiệm kỳ 2021-2026 tổ chức kỳ họp thứ Tư năm 2022."
    found = find_meeting_date("", text, None)
    assert found is not None and found.value == "2022-04-20"


def test_year_less_date_without_any_year_is_unknown() -> None:
    assert find_meeting_date("", "Sáng 20/4, HĐND huyện tổ chức kỳ họp chuyên đề.", None) is None
    ambiguous = "Sáng 20/4, HĐND huyện tổ chức kỳ họp đánh giá năm 2021 và kế hoạch năm 2022."
    assert find_meeting_date("", ambiguous, None) is None


def test_bare_day_month_is_a_ratio_not_a_date() -> None:
    text = "Hội nghị đánh giá có 14/12 xã đạt chuẩn nông thôn mới."
    assert find_meeting_date("", text, "2022-12-20") is None


def test_unicode_form_does_not_matter() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Chiều ngày 11/5, Huyện ủy tổ chức hội nghị.")
    found = find_meeting_date("", text, "2022-05-12")
    assert found is not None and found.value == "2022-05-11"


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return {name: fields for name, fields in data.items() if not name.startswith("_")}


@needs_seeds
def test_seed_meeting_dates_match_gold() -> None:
    for name, gold in _gold().items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        found = find_meeting_date(gold.get("title", ""), text, gold.get("published"))
        assert (found.value if found else None) == gold["meeting_date"], name


@given(st.text(), st.text(), st.one_of(st.none(), st.text()))
def test_find_meeting_date_never_raises(title: str, text: str, published: str | None) -> None:
    found = find_meeting_date(title, text, published)
    assert found is None or isinstance(found.value, str)


@given(st.text())
def test_date_readers_never_raise(text: str) -> None:
    parse_date_line(text)
    date_from_url(text)


_YEAR_LESS_LEAD = r"(Sáng|Chiều|Ngày) ngày [0-9]{1,2}/[0-9]{1,2}, Huyện ủy họp\."


@given(st.from_regex(_YEAR_LESS_LEAD, fullmatch=True), st.dates().map(lambda d: d.isoformat()))
def test_year_less_meeting_date_is_never_after_publication(text: str, published: str) -> None:
    found = find_meeting_date("", text, published)
    assert found is None or found.value <= published
