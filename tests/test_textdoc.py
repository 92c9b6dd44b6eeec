"""extract_text_document on the seed documents and on text written in their genre."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.extraction.chrome import is_chrome_line
from crawler.extraction.textdoc import (
    extract_text_document,
    is_caption_line,
    parse_head_line,
    tidy_body,
)
from crawler.textnorm import same_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(
    not (SEEDS / "gold.json").is_file(), reason="shared seed documents are not available"
)


def _gold() -> dict[str, dict[str, Any]]:
    if not (SEEDS / "gold.json").is_file():
        return {}
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return {name: value for name, value in gold.items() if not name.startswith("_")}


GOLD = _gold()


@needs_seeds
@pytest.mark.parametrize("name", sorted(GOLD) or ["absent"])
def test_seed_fields(name: str) -> None:
    gold = GOLD[name]
    fields = extract_text_document((SEEDS / name).read_text(encoding="utf-8"), gold.get("url"))
    if gold.get("title"):
        assert same_text(fields.title, gold["title"])
    assert fields.published == gold["published"]
    assert fields.author == gold["author"]
    paragraphs = fields.text.split("\n\n")
    for chrome in gold["chrome"]:
        assert chrome not in paragraphs
        if len(chrome) > 20:
            assert chrome not in fields.text
    for caption in gold["captions"]:
        assert caption in fields.captions
        assert caption not in paragraphs
    assert all(not is_chrome_line(paragraph) for paragraph in paragraphs)
    assert fields.title not in paragraphs


@needs_seeds
def test_seed_without_headline_keeps_its_first_paragraph() -> None:
    name = "000_e4175fed6c45c0f0.txt"
    fields = extract_text_document((SEEDS / name).read_text(encoding="utf-8"), GOLD[name]["url"])
    assert fields.title == ""
    assert fields.source_name == "Baonghean.vn"
    assert fields.text.startswith("Nội dung này được nêu tại Hội nghị kiểm điểm")
    assert fields.published_raw == "2022-12"


@needs_seeds
def test_seed_site_lines_keep_the_header() -> None:
    name = "003_d03f1ded44e62da6.txt"
    fields = extract_text_document((SEEDS / name).read_text(encoding="utf-8"))
    assert fields.source_name == "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa"
    assert any(line.startswith("THỌ XUÂN PHẤN ĐẤU") for line in fields.site_lines)
    assert fields.published_raw == "Đăng lúc: 13/12/2022 (GMT+7)"


PORTAL_TEXT = """Cổng thông tin điện tử huyện Vĩnh Lộc
CHÀO MỪNG KỶ NIỆM 60 NĂM NGÀY THÀNH LẬP HUYỆN
Skip to main content
Trang chủ > Tin tức > Hoạt động
Tin tức - Sự kiện

HĐND huyện Vĩnh Lộc tổ chức kỳ họp thứ 8, khóa XX
Cập nhật, 10:20, Thứ Sáu, 01/07/2022 (GMT+7)
Lượt xem: 215

Sáng ngày 30/6, HĐND huyện Vĩnh Lộc khóa XX tổ chức kỳ họp thứ 8 để đánh giá tình hình \
kinh tế - xã hội 6 tháng đầu năm.

anh1.jpg
Toàn cảnh kỳ họp.

Kỳ họp đã thông qua 6 nghị quyết quan trọng về đầu tư công và ngân sách địa phương \
năm 2022.

Đồng chí Lê Văn Minh phát biểu bế mạc kỳ họp.

Tin, ảnh: Thu Trang
Các tin khác
Xã Vĩnh Hùng ra quân làm đường giao thông (28/06/2022)
Tập huấn nghiệp vụ văn thư lưu trữ (25/06/2022)
"""


def test_portal_text() -> None:
    fields = extract_text_document(PORTAL_TEXT, "https://vinhloc.thanhhoa.gov.vn/tin/ky-hop-8")
    assert fields.title == "HĐND huyện Vĩnh Lộc tổ chức kỳ họp thứ 8, khóa XX"
    assert fields.published == "2022-07-01"
    assert fields.author == "Thu Trang"
    assert fields.author_raw == "Tin, ảnh: Thu Trang"
    assert fields.captions == ["Toàn cảnh kỳ họp."]
    assert fields.source_name == "Cổng thông tin điện tử huyện Vĩnh Lộc"
    assert fields.text.split("\n\n") == [
        "Sáng ngày 30/6, HĐND huyện Vĩnh Lộc khóa XX tổ chức kỳ họp thứ 8 để đánh giá tình hình "
        "kinh tế - xã hội 6 tháng đầu năm.",
        "Kỳ họp đã thông qua 6 nghị quyết quan trọng về đầu tư công và ngân sách địa phương "
        "năm 2022.",
        # A caption naming an official stays in the prose: it may be the only mention.
        "Đồng chí Lê Văn Minh phát biểu bế mạc kỳ họp.",
    ]
    assert "Các tin khác" in fields.dropped_lines
    assert "anh1.jpg" in fields.dropped_lines


def test_date_line_above_headline_and_no_byline() -> None:
    text = (
        "Thứ tư, 14/09/2022\n"
        "Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 9\n"
        "Chiều 13/9, Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 9 năm 2022 để cho ý kiến "
        "vào nhiều nội dung quan trọng, trong đó có đề án sắp xếp đơn vị hành chính cấp xã.\n"
    )
    fields = extract_text_document(text)
    assert fields.title == "Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 9"
    assert fields.published == "2022-09-14"
    assert fields.author is None and fields.author_raw is None
    assert fields.text.startswith("Chiều 13/9, Ban Thường vụ")


def test_date_from_url_when_text_has_none() -> None:
    text = "Huyện ủy tổ chức hội nghị quán triệt nghị quyết\n\nSáng 5/5, Huyện ủy tổ chức hội nghị."
    fields = extract_text_document(text, "https://baolamdong.vn/chinhtri/202205/hoi-nghi-1234/")
    assert fields.published == "2022-05"


def test_head_lines() -> None:
    head = parse_head_line(" date 2022-12 (Baonghean.vn) - Nội dung này được nêu tại hội nghị.")
    assert head is not None
    assert (head.published, head.source, head.title) == ("2022-12", "Baonghean.vn", "")
    assert head.body == "Nội dung này được nêu tại hội nghị."
    head = parse_head_line(" date 2023-06 Huyện X: Phát triển kinh tế - xã hội năm 2023")
    assert head is not None
    assert head.title == "Huyện X: Phát triển kinh tế - xã hội năm 2023"
    assert parse_head_line("Ngày 5/6, huyện tổ chức hội nghị.") is None


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Toàn cảnh hội nghị.", True),
        ("Quang cảnh tại hội nghị", True),
        ("Các đại biểu tham dự hội nghị.", True),
        ("Đại biểu thảo luận tại kỳ họp", True),
        ("Các đồng chí đồng chủ trì hội nghị.", True),
        ("Ảnh: Minh Hiếu", True),
        ("Hội nghị đã thông qua Nghị quyết.", False),
        ("Đồng chí Lê Văn Trung phát biểu khai mạc hội nghị.", False),
        (
            "Tại hội nghị 2 tổ chức cơ sở đảng và 3 cá nhân được Ban Thường vụ Tỉnh ủy tặng Bằng "
            "khen vì đã có thành tích xuất sắc tại hội nghị",
            False,
        ),
    ],
)
def test_caption_lines(line: str, caption: bool) -> None:
    assert is_caption_line(line) is caption


def test_related_list_in_the_middle_is_dropped_but_prose_after_it_stays() -> None:
    body = tidy_body(
        [
            "Sáng 21/4, HĐND huyện tổ chức kỳ họp chuyên đề để xem xét nhiều nội dung quan trọng.",
            "Tin liên quan",
            "Quỳnh Lưu ra quân làm thủy lợi nội đồng",
            "Quỳnh Lưu đón bằng công nhận huyện nông thôn mới",
            "Kỳ họp đã biểu quyết thông qua 3 nghị quyết với sự nhất trí cao của đại biểu dự họp.",
            "Thanh Lê",
        ]
    )
    assert body.paragraphs == [
        "Sáng 21/4, HĐND huyện tổ chức kỳ họp chuyên đề để xem xét nhiều nội dung quan trọng.",
        "Kỳ họp đã biểu quyết thông qua 3 nghị quyết với sự nhất trí cao của đại biểu dự họp.",
    ]
    assert body.author == "Thanh Lê"
    assert body.dropped[0] == "Tin liên quan"


def test_labelled_byline_at_the_top_keeps_the_text_below() -> None:
    body = tidy_body(
        [
            "Tác giả: Minh Châu",
            "Sáng 5/5, Huyện ủy tổ chức hội nghị quán triệt nghị quyết của Tỉnh ủy cho cán bộ.",
            "Hội nghị được kết nối trực tuyến đến 21 điểm cầu các xã, thị trấn trong huyện.",
        ]
    )
    assert body.author == "Minh Châu"
    assert len(body.paragraphs) == 2


def test_captions_after_the_byline_stay_captions() -> None:
    body = tidy_body(
        [
            "Sáng 5/5, Huyện ủy tổ chức hội nghị quán triệt nghị quyết của Tỉnh ủy cho cán bộ.",
            "Trần Hằng",
            "Toàn cảnh hội nghị.",
            "Lượt xem: 12",
        ]
    )
    assert body.author == "Trần Hằng"
    assert body.captions == ["Toàn cảnh hội nghị."]
    assert body.dropped == ["Lượt xem: 12"]


def test_byline_above_sidebar_leftovers_ends_the_text() -> None:
    text = (
        "Hội nghị giao ban khối dân vận quý III\n"
        "Ngày đăng: 14/09/2023 | Tác giả: Vũ Thị Lan\n"
        "Chiều 13/9, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban khối dân vận quý III năm "
        "2023 để bàn giải pháp thực hiện nhiệm vụ cuối năm.\n"
        "Vũ Thị Lan, Trung tâm Văn hóa huyện\n"
        "Bản đồ hành chính\n"
        "Khách thăm\n"
        "2.418.905\n"
    )
    fields = extract_text_document(text)
    assert fields.title == "Hội nghị giao ban khối dân vận quý III"
    assert fields.published == "2023-09-14"
    assert fields.author == "Vũ Thị Lan"
    assert fields.author_raw == "Vũ Thị Lan, Trung tâm Văn hóa huyện"
    assert fields.text.startswith("Chiều 13/9") and fields.text.endswith("cuối năm.")
    assert "Khách thăm" in fields.dropped_lines


def test_byline_in_the_date_line_when_the_foot_has_none() -> None:
    text = (
        "HĐND huyện tổ chức kỳ họp chuyên đề\n"
        "Ngày đăng bài: 05/08/2022 | Tác giả: Thanh Trúc\n"
        "Sáng 4/8, HĐND huyện tổ chức kỳ họp chuyên đề để xem xét, quyết định một số nội dung "
        "cấp thiết thuộc thẩm quyền.\n"
    )
    fields = extract_text_document(text)
    assert fields.published == "2022-08-05"
    assert (fields.author, fields.author_raw) == ("Thanh Trúc", "Tác giả: Thanh Trúc")
    assert "Tác giả" not in fields.text


def test_signed_byline_drops_the_sentence_swept_in_after_it() -> None:
    notice = "Thường trực HĐND huyện tiếp công dân vào ngày 10 hằng tháng tại Trụ sở tiếp dân."
    lines = [
        "Sáng 5/5, Huyện ủy tổ chức hội nghị quán triệt nghị quyết của Tỉnh ủy cho cán bộ.",
        "Nguyễn Hằng",
        notice,
    ]
    body = tidy_body(lines, signed={"Nguyễn Hằng"})
    assert body.author == "Nguyễn Hằng"
    assert body.paragraphs == lines[:1]
    assert body.dropped == [notice]
    # Without the page's styling the name is not known to be a signature: all is text.
    assert tidy_body(lines).author is None


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Chế độ ban đêm In trang Xuất PDF Đọc nội dung",
        "-A A +A",
        "100%",
        " bch10.png ",
        "date",
        "Trang chủ > Tin tức > Hoạt động",
        "Trang chủ | Giới thiệu | Tin tức - Sự kiện | Liên hệ",
        "Theo dõi Báo Thanh Hóa trên Google News",
        "0:00 / 0:00 • Nam miền Bắc • Nữ miền Bắc • Nữ miền Nam",
        "Nguồn tin: Văn phòng HĐND huyện",
        "Lượt xem: 1.204",
        "Tags: kỳ họp, HĐND huyện",
        "Chia sẻ Facebook Zalo",
        "Thống kê truy cập",
        "Bản đồ hành chính",
        "Lượt truy cập",
        "7.553.851",
        "Đang online: 37",
        "Ý kiến thăm dò",
        "Bản quyền thuộc UBND huyện Yên Thế",
        "Ghi rõ nguồn khi phát hành lại thông tin từ website này",
        "Các tin khác",
        "Tin cùng chuyên mục:",
        "Đăng lúc: 13/12/2022 (GMT+7)",
        "Cập nhật, 10:20, Thứ Sáu, 01/07/2022 (GMT+7)",
        "Ngày đăng 02/08/2019 | 18:00 | View count: 123",
        "Quyết tâm thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
        "CHÀO MỪNG ĐẾN TRANG THÔNG TIN ĐIỆN TỬ UBND HUYỆN GIA VIỄN",
        "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa",
        "Chiến lược - Định Hướng - Quy hoạch",
        "Theo Báo Lạng Sơn",
        "|",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ngày 13/12/2022, Ban Thường vụ Huyện ủy tổ chức hội nghị.",
        "Chào mừng kỷ niệm 93 năm Ngày thành lập Đảng, huyện tổ chức nhiều hoạt động ý nghĩa.",
        "Báo cáo tại hội nghị nêu rõ những kết quả đạt được.",
        "Theo báo cáo, thu ngân sách đạt 118 tỷ đồng.",
        "Kinh tế - Xã hội",
        "Lê Hà - Minh Anh",
        "Trong đó 100% chỉ tiêu tỉnh giao hoàn thành kế hoạch.",
        "Tin, ảnh: Thu Hà",
        "Toàn cảnh hội nghị.",
    ],
)
def test_prose_and_bylines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)
