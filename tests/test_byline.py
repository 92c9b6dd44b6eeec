"""Bylines: the author's name out of the printed byline."""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from crawler.extraction.byline import (
    byline_in_segments,
    find_byline,
    is_person_name,
    parse_byline,
    take_byline_element,
)
from crawler.extraction.signature import signed_lines

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
        # Role labels of broadcasters and papers.
        ("BTV: Thu Hương", "Thu Hương"),
        ("PV: Minh Khôi - Đức Thắng", "Minh Khôi - Đức Thắng"),
        ("Phóng viên: Lò Văn Sinh", "Lò Văn Sinh"),
        ("Tin/ảnh: Hoàng Yến", "Hoàng Yến"),
        ("Tin và ảnh: Hoàng Yến", "Hoàng Yến"),
        # The writer of a reprint; the outlet in brackets is the source.
        ("Theo Thu Hà (Báo Nghệ An)", "Thu Hà"),
        ("(Theo Lê Minh - Báo Lạng Sơn)", "Lê Minh"),
        # Names that fold like unit words: "Bảo" is not "Báo" (newspaper), "Huyền" not
        # "Huyện" (district), and the surname Đoàn is not "Đoàn" (delegation).
        ("Bảo Ngọc", "Bảo Ngọc"),
        ("Huyền Trang", "Huyền Trang"),
        ("Đoàn Văn Minh", "Đoàn Văn Minh"),
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
        "Theo Cổng thông tin điện tử tỉnh",
        "Chương trình Thời sự tổng hợp",
        # Interview lines use the reporter's label too.
        "PV: Xin trân trọng cảm ơn đồng chí!",
        "PV: Đồng chí có thể cho biết những kết quả nổi bật của huyện trong năm qua?",
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


SIDEBAR_NOTICE = "Thường trực HĐND huyện tiếp công dân vào ngày 10 hằng tháng tại Trụ sở tiếp dân."


def test_byline_found_past_short_lines_left_by_sidebars() -> None:
    # Box titles, a programme name and a counter that no chrome list knows.
    paragraphs = [PROSE, "Vũ Lan", "Chương trình Thời sự tổng hợp", "Khách thăm", "7.553.851"]
    assert find_byline(paragraphs) == ("Vũ Lan", "Vũ Lan", 1)


def test_short_lines_let_only_a_named_byline_through() -> None:
    # A unit alone above sidebar leftovers may be a box title itself: no byline.
    assert find_byline([PROSE, "Phòng Văn hóa huyện", "Khách thăm"]) == (None, None, None)
    # List items end an article: the name above them is part of the list.
    items = [PROSE, "Nguyễn Văn An", "- Trúng cử với 98% số phiếu", "- Nhiệm kỳ 2021 - 2026"]
    assert find_byline(items) == (None, None, None)


def test_signed_byline_is_found_past_a_swept_in_sentence() -> None:
    paragraphs = [PROSE, "Nguyễn Hằng", SIDEBAR_NOTICE]
    assert find_byline(paragraphs) == (None, None, None)
    assert find_byline(paragraphs, signed={"Nguyễn Hằng"}) == ("Nguyễn Hằng", "Nguyễn Hằng", 1)


def test_byline_in_a_metadata_row() -> None:
    row = "Ngày đăng bài: 05/08/2022 | Tác giả: Thanh Trúc"
    assert byline_in_segments(row) == ("Thanh Trúc", "Tác giả: Thanh Trúc")
    assert byline_in_segments("Lượt xem: 120 • BTV: Thu Hương") == ("Thu Hương", "BTV: Thu Hương")
    assert byline_in_segments("Ngày đăng: 05/08/2022 | Lượt xem: 120") is None
    assert byline_in_segments("Tác giả: Thanh Trúc") is None  # a whole line: parse_byline


def test_role_and_team_bylines_in_author_elements() -> None:
    root = document_fromstring(
        "<html><body><p>Nội dung bài viết.</p><div class='detail-author'>Nhóm PV</div>"
        "<div class='post-info'>Lượt xem: 120 | Tác giả: Minh Châu</div>"
        "<div class='post-info'>Ngày đăng: 05/08/2022 | Tác giả: Thanh Trúc</div>"
        "</body></html>"
    )
    assert take_byline_element(root) == (None, "Nhóm PV")
    assert take_byline_element(root) == ("Minh Châu", "Tác giả: Minh Châu")
    # A row that also holds the date is left for the date line reader.
    assert take_byline_element(root) == (None, None)
    assert "Thanh Trúc" in root.text_content()


def test_signed_lines_are_styled_names_closing_their_block() -> None:
    long_paragraph = f"<p>{PROSE}</p>"
    root = document_fromstring(
        "<html><body>"
        f"<div>{long_paragraph}<p style='text-align: right'><b>Vũ Thị Lan, Trung tâm VHTT&amp;TT"
        "</b></p></div>"
        f"<div>{long_paragraph}<p><strong>Lê Văn Bình</strong></p>{long_paragraph}</div>"
        f"<div>{long_paragraph}<p>Trần Hằng</p></div>"
        "</body></html>"
    )
    # Right-aligned and last: a signature. Bold but followed by prose: a name in the text.
    # Plain: no signature (the text-level search still finds it at the foot).
    assert signed_lines(root) == {"Vũ Thị Lan, Trung tâm VHTT&TT"}
