"""Bylines: the author's name out of the printed byline."""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from crawler.extraction.byline import find_byline, is_person_name, parse_byline, take_byline_element

PROSE = (
    "Tại hội nghị, các đại biểu đã thảo luận và thống nhất các giải pháp trọng tâm cho 6 tháng "
    "cuối năm, trong đó có công tác giải phóng mặt bằng và giải ngân vốn đầu tư công."
)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Hồng Hạ (Trung tâm VHTT&TT)", "Hồng Hạ"),
        ("Đỗ Duy Nhã, Trung tâm VHTT, TT và DL huyện Thọ Xuân", "Đỗ Duy Nhã"),
        ("Trần Hằng", "Trần Hằng"),
        ("Tin, ảnh: Thu Hà", "Thu Hà"),
        ("Bài và ảnh: Nguyễn Minh", "Nguyễn Minh"),
        ("Tác giả: Lê Văn Bình", "Lê Văn Bình"),
        ("Người viết: Hà Linh", "Hà Linh"),
        ("Lê Hà - Minh Anh", "Lê Hà - Minh Anh"),
        ("Thanh Lê – Minh Quân (Báo Nghệ An)", "Thanh Lê – Minh Quân"),
        ("Lò Thị Hương - Phòng Văn hóa - Thông tin", "Lò Thị Hương"),
        ("NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),
        ("T. Hằng", "T. Hằng"),
        ("Hữu Khánh.", "Hữu Khánh"),
    ],
)
def test_byline_names(line: str, author: str) -> None:
    assert parse_byline(line) == (True, author)
    assert find_byline([PROSE, line]) == (author, line, 1)


@pytest.mark.parametrize("line", ["PV", "BBT", "Nhóm PV", "Phóng viên", "Ban Biên tập"])
def test_bylines_naming_no_person_are_removed_without_an_author(line: str) -> None:
    """ "PV" (reporter) or "BBT" (editorial board) is a byline but not a name: the record
    stores a person's name, so author is None while author_raw keeps what was printed."""
    assert find_byline([PROSE, line]) == (None, line, 1)


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Toàn cảnh hội nghị.",
        "Quang cảnh tại hội nghị",
        "Nguồn: Báo Lạng Sơn",
        "Theo Báo Thanh Hóa",
        "Ảnh: Minh Hiếu",
        "Nguyễn Văn An, Bí thư Huyện ủy phát biểu kết luận hội nghị.",
        "Bạn đánh giá thế nào về cổng thông tin?",
        "Hội nghị kết thúc.",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line)[0] is False


def test_long_last_sentence_is_no_byline() -> None:
    assert find_byline(["Mở đầu.", PROSE]) == (None, None, None)


def test_byline_found_past_trailing_chrome_and_source() -> None:
    paragraphs = [PROSE, "Trần Hằng", "Nguồn: Báo Thanh Hóa", "Lượt xem: 120", "Ảnh: Minh Hiếu"]
    assert find_byline(paragraphs) == ("Trần Hằng", "Trần Hằng", 1)


def test_byline_search_stops_at_prose() -> None:
    # A name in the middle of the article is not its byline.
    assert find_byline(["Trần Hằng", PROSE]) == (None, None, None)


def test_labelled_byline_at_the_top() -> None:
    found = find_byline(["Tác giả: Minh Châu", PROSE, PROSE])
    assert found == ("Minh Châu", "Tác giả: Minh Châu", 0)


def test_person_names() -> None:
    assert is_person_name("Đỗ Duy Nhã")
    assert is_person_name("H'Hen Niê")
    assert not is_person_name("Trung tâm VHTT")
    assert not is_person_name("Toàn cảnh hội nghị")
    assert not is_person_name("Hồng", min_words=2)


def test_byline_element_in_page() -> None:
    root = document_fromstring(
        "<html><body><div class='detail'><p>Nội dung bài viết.</p>"
        "<div class='meta'><p class='h5'><strong>Tác giả bài viết: </strong>Vàng Thị Mai</p>"
        "<p class='h5'><strong>Nguồn tin: </strong>Văn phòng HĐND</p></div>"
        "<span class='author-name'>Hoàng Lan</span></div></body></html>"
    )
    assert take_byline_element(root) == ("Vàng Thị Mai", "Tác giả bài viết: Vàng Thị Mai")
    # The element is taken out; the next call finds the marked author element.
    assert take_byline_element(root) == ("Hoàng Lan", "Hoàng Lan")
    assert take_byline_element(root) == (None, None)
