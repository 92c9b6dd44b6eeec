"""Several titles written before a name, and a congress's term named in a meeting report."""

from __future__ import annotations

import pytest

from crawler.extraction.officials import find_officials
from crawler.extraction.session import find_term

TITLE_RUNS = [
    (
        "Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện Nguyễn Văn An "
        "chủ trì kỳ họp.",
        "Nguyễn Văn An",
        ["Ủy viên Ban Thường vụ Tỉnh ủy", "Bí thư Huyện ủy", "Chủ tịch HĐND huyện"],
    ),
    (
        "Dự hội nghị có đồng chí Tỉnh ủy viên, Bí thư Huyện ủy Lò Văn Sơn.",
        "Lò Văn Sơn",
        ["Tỉnh ủy viên", "Bí thư Huyện ủy"],
    ),
    # A clause that is not a title stops the run.
    (
        "Thay mặt Ban Thường vụ Huyện ủy, Phó Bí thư Thường trực Huyện ủy Nguyễn Thị Hà phát biểu.",
        "Nguyễn Thị Hà",
        ["Phó Bí thư Thường trực Huyện ủy"],
    ),
    (
        "Tại hội nghị, Bí thư Huyện ủy Hoàng Văn Dũng phát biểu.",
        "Hoàng Văn Dũng",
        ["Bí thư Huyện ủy"],
    ),
]


@pytest.mark.parametrize(("sentence", "name", "titles"), TITLE_RUNS)
def test_every_title_before_a_name_is_kept_in_order(
    sentence: str, name: str, titles: list[str]
) -> None:
    found = {official.name: official.titles for official in find_officials(sentence)}
    assert found[name] == titles


def test_titles_after_an_earlier_name_stay_with_it() -> None:
    text = "Dự có đồng chí Lê Văn Bình, Chủ tịch UBND huyện, Phó Bí thư Huyện ủy Trần Thị Cúc."
    found = {official.name: official.titles for official in find_officials(text)}
    assert found["Trần Thị Cúc"] == ["Phó Bí thư Huyện ủy"]


PLENUM_TITLE = "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 27, khóa XXIII"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # The next congress's term is not the term of the committee that met.
        (
            "Hội nghị cho ý kiến vào dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ "
            "huyện lần thứ XXIV, nhiệm kỳ 2025 - 2030.",
            None,
        ),
        # The congress that elected the committee shares its term.
        (
            "Đại hội Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2020 - 2025 đã đề ra 22 chỉ tiêu; "
            "đến nay đã hoàn thành 18 chỉ tiêu.",
            "2020-2025",
        ),
        # The committee's own term, named by the meeting.
        (
            "Hội nghị Ban Chấp hành Đảng bộ huyện khóa XXIII, nhiệm kỳ 2020 - 2025 đánh giá "
            "kết quả 9 tháng.",
            "2020-2025",
        ),
    ],
)
def test_a_congress_term_belongs_to_the_meeting_only_when_it_elected_the_body(
    text: str, period: str | None
) -> None:
    term, found = find_term(PLENUM_TITLE, text, "plenum", "district", body="party_committee")
    assert term is not None and term.value == 23
    assert (found.value if found else None) == period


def test_a_congress_keeps_its_own_term() -> None:
    title = "Đại hội đại biểu Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2025 - 2030"
    term, period = find_term(title, "", "congress", "district", body="party_committee")
    assert term is not None and term.value == 24
    assert period is not None and period.value == "2025-2030"
