"""extract_page on small pages written in the styles of the portal and newspaper CMSs."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crawler.extraction.chrome import is_chrome_line
from crawler.extraction.page import decode_html, extract_page, strip_site_name
from crawler.extraction.types import PageFields
from crawler.textnorm import fold

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


@dataclass
class Expected:
    url: str
    title: str
    published: str | None
    author: str | None
    captions: list[str]
    source_name: str | None
    #: Openings of every prose paragraph, in order; the text must hold these and no others.
    prose: list[str]
    #: Chrome strings printed on the page that must not reach the text.
    chrome: list[str] = field(default_factory=list)


# Sidebar, footer and widget strings shared by several pages.
COMMON_CHROME = ["Trang chủ", "Liên hệ", "Bản quyền", "Cơ quan chủ quản", "Thống kê truy cập"]

EXPECTED: dict[str, Expected] = {
    "sharepoint_nongcong.html": Expected(
        url="https://nongcong.thanhhoa.gov.vn/portal/Pages/2023-3-9/"
        "Hoi-nghi-Ban-Chap-hanh-Dang-bo-huyen-lan-thu-15k8d2fa.aspx",
        title="Hội nghị Ban Chấp hành Đảng bộ huyện Nông Cống lần thứ 15, khóa XXVI",
        published="2023-03-09",
        author="Lê Minh Tâm",
        captions=["Quang cảnh hội nghị."],
        source_name="Cổng thông tin điện tử huyện Nông Cống",
        prose=[
            "Ngày 8/3, Ban Chấp hành",
            "Đồng chí Phạm Đức Long",
            "Báo cáo tại hội nghị",
            "Thảo luận tại hội nghị",
            "Kết luận hội nghị",
        ],
        chrome=[
            "NÔNG CỐNG QUYẾT TÂM",
            "In bài viết",
            "Cỡ chữ",
            "Các tin khác",
            "Xã Tế Lợi",
            "Tin mới",
            "Khai giảng lớp",
            "Đang online",
            "Ghi rõ nguồn",
            "Trung tâm VH-TT",
        ],
    ),
    "liferay_myduc.html": Expected(
        url="https://myduc.hanoi.gov.vn/tin-tuc-su-kien/-/view_content/"
        "4521-ky-hop-thu-tam-hdnd-huyen-my-duc-khoa-xx.html",
        title="Kỳ họp thứ tám HĐND huyện Mỹ Đức khóa XX",
        published="2019-07-12",
        author="Thu Hà",
        captions=["Đại biểu biểu quyết thông qua các nghị quyết tại kỳ họp."],
        source_name="Cổng giao tiếp điện tử huyện Mỹ Đức",
        prose=[
            "Sáng 11/7, HĐND huyện Mỹ Đức",
            "Theo báo cáo của UBND huyện",
            "Tại kỳ họp, các đại biểu đã nghe",
            "Kỳ họp đã biểu quyết thông qua 7",
        ],
        chrome=[
            "CHÀO MỪNG",
            "Skip to Content",
            "Lượt xem",
            "Tăng cỡ chữ",
            "Facebook",
            "Các tin khác",
            "Hội nghị tiếp xúc cử tri",
            "Ý kiến thăm dò",
            "Bạn quan tâm",
            "Liên kết website",
            "Chịu trách nhiệm",
            "Tin, ảnh",
        ],
    ),
    "nukeviet_bacme.html": Expected(
        url="https://dbnd.hagiang.gov.vn/index.php?nv=news&op=HOAT-DONG-CO-SO/"
        "Bac-Me-hop-ban-chuan-bi-ky-hop-thu-5-HDND-huyen-khoa-XX-6612",
        title="Bắc Mê họp bàn chuẩn bị Kỳ họp thứ 5 HĐND huyện khóa XX",
        published="2022-06-14",
        author="Vàng Thị Mai",
        captions=["Quang cảnh phiên họp."],
        source_name="Đoàn ĐBQH và HĐND tỉnh Hà Giang",
        prose=[
            "Chiều 13/6, Thường trực HĐND huyện Bắc Mê",
            "Phiên họp do đồng chí Hoàng Văn Chiến",
            "Theo dự kiến, Kỳ họp thứ 5",
            "Phát biểu kết luận, đồng chí Chủ tịch",
        ],
        chrome=[
            "Nguồn tin",
            "Tags",
            "kỳ họp, hđnd",
            "Tổng số điểm",
            "Click để đánh giá",
            "Những tin mới hơn",
            "Vị Xuyên giám sát",
            "Những tin cũ hơn",
            "Quản Bạ",
            "Đang truy cập",
            "Tác giả bài viết",
        ],
    ),
    "mvc_dienbiendong.html": Expected(
        url="https://dienbiendong.dienbien.gov.vn/TinTuc/View/"
        "Thuong-truc-HDND-huyen-hop-phien-thuong-ky-thang-9?PageIndex=4",
        title="Thường trực HĐND huyện họp phiên thường kỳ tháng 9",
        published="2021-09-28",
        author="Lò Thị Hương",
        captions=["Thường trực HĐND huyện chủ trì phiên họp."],
        source_name="TRANG THÔNG TIN ĐIỆN TỬ HUYỆN ĐIỆN BIÊN ĐÔNG",
        prose=[
            "Chiều 27/9, Thường trực HĐND",
            "Trong tháng 9, Thường trực HĐND",
            "Tại phiên họp, các thành viên",
            "Kết luận phiên họp",
        ],
        chrome=[
            "Chào mừng kỷ niệm 30 năm",
            "Các tin khác",
            "tiêm vắc xin",
            "Tin mới nhất",
            "Tập huấn chuyển đổi số",
            "Video",
            "Phòng Văn hóa",
            "Điện thoại",
        ],
    ),
    "drupal_chilang.html": Expected(
        url="https://chilang.langson.gov.vn/hoi-nghi-ban-chap-hanh-dang-bo-huyen-chi-lang-lan-thu-9",
        title="Hội nghị Ban Chấp hành Đảng bộ huyện Chi Lăng lần thứ 9",
        published="2022-06-20",
        author="Minh Đức",
        captions=["Quang cảnh tại hội nghị"],
        source_name="Cổng thông tin điện tử huyện Chi Lăng",
        prose=[
            "Ngày 17/6/2022, Huyện ủy Chi Lăng",
            "Sáu tháng đầu năm, tổng giá trị",
            "Tại hội nghị, các đại biểu tập trung",
        ],
        chrome=[
            "Skip to main content",
            "Quyết tâm thực hiện thắng lợi",
            "Chế độ ban đêm",
            "In trang",
            "Xuất PDF",
            "Đọc nội dung",
            "-A",
            "+A",
            "UBND HUYỆN CHI LĂNG",
            "Tin mới",
            "Xã Quang Lang",
            "Chịu trách nhiệm",
        ],
    ),
    "table_layout_tanky.html": Expected(
        url="http://tanky.nghean.gov.vn/index.php?mod=news&act=detail&id=2791",
        title="HĐND huyện Tân Kỳ tổ chức kỳ họp thứ bảy, khóa XX",
        published="2019-11-15",
        author="Nguyễn Hữu Phước",
        captions=["Toàn cảnh kỳ họp."],
        source_name="Trang thông tin điện tử huyện Tân Kỳ",
        prose=[
            "Ngày 14/11, HĐND huyện Tân Kỳ",
            "Theo báo cáo của UBND huyện, tổng giá trị",
            "Tại kỳ họp, các đại biểu tập trung",
            "Kỳ họp đã biểu quyết thông qua 4",
        ],
        chrome=[
            "|",
            "banner_tanky.jpg",
            "NHIỆT LIỆT CHÀO MỪNG",
            "DANH MỤC",
            "Quốc phòng - An ninh",
            "Đang online",
            "Lượt xem",
            "In bài",
            "Gửi bạn bè",
            "Các tin khác",
            "Xã Nghĩa Đồng",
            "TIN MỚI",
            "Khai mạc giải bóng chuyền",
            "Liên kết website",
            "Địa chỉ",
        ],
    ),
    "newspaper_quynhluu.html": Expected(
        url="https://baonghean.vn/quynh-luu-to-chuc-ky-hop-chuyen-de-hdnd-huyen-post271234.html",
        title="Quỳnh Lưu tổ chức kỳ họp chuyên đề HĐND huyện",
        published="2023-04-21",
        author="Thanh Lê - Quang An",
        captions=["Đồng chí Trần Đình Lực phát biểu khai mạc kỳ họp. Ảnh: Thanh Lê"],
        source_name="Báo Nghệ An",
        prose=[
            "Sáng 21/4, HĐND huyện Quỳnh Lưu",
            "Dự kỳ họp có các đồng chí",
            "Tại kỳ họp, các đại biểu đã xem xét",
            "Thảo luận tại kỳ họp",
            "Kết luận kỳ họp",
            "Kỳ họp đã biểu quyết thông qua 3",
        ],
        chrome=[
            "(Baonghean.vn)",
            "0:00",
            "Nam miền Bắc",
            "lượt xem",
            "Tin liên quan",
            "ra quân làm thủy lợi",
            "Chia sẻ",
            "Google News",
            "Tags",
            "Tin cùng chuyên mục",
            "Nghi Lộc",
            "Đọc nhiều",
            "Thời tiết",
            "Giấy phép",
            "Đăng nhập",
            "Thời sự",
        ],
    ),
    "phutho_thanhson.html": Expected(
        url="https://thanhson.phutho.gov.vn/tin-tuc/bai-viet/cat/hoat-dong-cua-huyen-15/id/"
        "hdnd-huyen-thanh-son-to-chuc-ky-hop-thu-muoi-mot-1432",
        title="HĐND huyện Thanh Sơn tổ chức kỳ họp thứ mười một",
        published="2020-11-19",
        author="Hà Thu",
        captions=["Các đại biểu dự kỳ họp."],
        source_name="Cổng thông tin điện tử huyện Thanh Sơn",
        prose=[
            "Ngày 18/11, HĐND huyện Thanh Sơn",
            "Dự kỳ họp có đồng chí Hà Văn Thịnh",
            "Tại kỳ họp, HĐND huyện đã xem xét",
            "Phát biểu bế mạc kỳ họp",
        ],
        chrome=[
            "CỔNG THÔNG TIN",
            "TỈNH PHÚ THỌ",
            "Hoạt động của huyện",
            "Cập nhật",
            "Lượt xem",
            "Chia sẻ",
            "In bài viết",
            "Tin cùng chuyên mục",
            "Ra quân trồng cây",
            "Tin xem nhiều",
            "Đang online",
            "Giấy phép",
            "ky-hop-11.jpg",
            "Tác giả",
        ],
    ),
    "webportal_trieuson.html": Expected(
        url="http://trieuson.thanhhoa.gov.vn/web/trang-chu/tin-tuc-su-kien/tin-hoat-dong/"
        "hoi-nghi-ban-thuong-vu-huyen-uy-kiem-diem-6-thang-dau-nam-2021.html",
        title="Hội nghị Ban Thường vụ Huyện ủy Triệu Sơn kiểm điểm công tác 6 tháng đầu năm 2021",
        published="2021-07-05",
        author="Nguyễn Văn Hào",
        captions=[],
        source_name="Cổng thông tin điện tử huyện Triệu Sơn",
        prose=[
            "Ngày 3/7/2021, Ban Thường vụ",
            "Báo cáo tại hội nghị nêu rõ",
            "Phát biểu kết luận hội nghị",
        ],
        chrome=[
            "TRIỆU SƠN PHẤN ĐẤU",
            "Tin hoạt động",
            "Đăng lúc",
            "100%",
            "bch-ts1.png",
            "bch-ts2.png",
            "Các tin khác",
            "Xã Dân Lý",
            "Ý kiến thăm dò",
            "Bạn đánh giá",
            "Đang truy cập",
            "Trung tâm VHTT",
        ],
    ),
    "font_layout_doluong.html": Expected(
        url="http://doluong.gov.vn/tin-tuc/giao-ban-dan-van-quy-ii.html",
        title="Huyện Đô Lương tổ chức hội nghị giao ban công tác dân vận quý II",
        published="2022-05-13",
        author="Hoài Nam",
        captions=[],
        source_name="UBND HUYỆN ĐÔ LƯƠNG",
        prose=[
            "Sáng 12/5, Ban Dân vận Huyện ủy Đô Lương",
            "Quý II, công tác dân vận",
            "Phát biểu kết luận, đồng chí Phó Bí thư",
        ],
        chrome=["TRANG CHỦ", "GIỚI THIỆU", "CHUYÊN MỤC", "Tin mới", "Khai mạc hội thi", "VNPT"],
    ),
    "plain_krongpa.html": Expected(
        url="https://krongpa.gialai.gov.vn/tin-tuc/hoi-nghi-trien-khai-nhiem-vu-nam-2023",
        title="Hội nghị triển khai nhiệm vụ năm 2023",
        published="2023-01-05",
        author="Ksor H'Bia",
        captions=["Đồng chí Chủ tịch UBND huyện phát biểu chỉ đạo hội nghị"],
        source_name=None,
        prose=[
            "Ngày 4/1, UBND huyện Krông Pa",
            "Năm 2022, tổng giá trị sản xuất",
            "Dịp này, UBND huyện khen thưởng",
        ],
        chrome=[
            "Tin tức",
            "Tin mới",
            "ra quân xây dựng",
            "trao quà Tết",
            "Liên kết website",
            "Online",
            "Tổng: 98.123",
            "Hùng Vương",
        ],
    ),
    "short_notice_yenthe.html": Expected(
        url="https://yenthe.bacgiang.gov.vn/thong-bao/lich-tiep-cong-dan-thang-7-2023",
        title="Thông báo lịch tiếp công dân của Bí thư Huyện ủy tháng 7/2023",
        published="2023-07-03",
        author=None,
        captions=[],
        source_name="Cổng TTĐT huyện Yên Thế",
        prose=["Bí thư Huyện ủy tiếp công dân định kỳ vào ngày 14/7/2023"],
        chrome=["In bài", "Chia sẻ", "Tin mới", "Lịch tiếp công dân tháng 6/2023"],
    ),
    # The article wrapper has no telling class; a right-aligned bold byline ends it and the
    # sidebar that follows in the markup (a notice, a map box, a visitor counter) is not text.
    "sidebar_after_byline_kimbang.html": Expected(
        url="https://kimbang.hanam.gov.vn/tin-tuc/giao-ban-cong-tac-dan-van-quy-iii-2023",
        title="Kim Bảng tổ chức hội nghị giao ban công tác dân vận quý III năm 2023",
        published="2023-09-14",
        author="Vũ Thị Lan",
        captions=[],
        source_name="Cổng thông tin điện tử huyện Kim Bảng",
        prose=[
            "Chiều 13/9, Ban Dân vận",
            "Dự hội nghị có đại diện",
            "Trong quý, khối dân vận",
            "Các đại biểu đề nghị",
        ],
        chrome=[
            "Trung tâm Văn hóa",
            "hồ sơ đăng ký kinh doanh",
            "Bản đồ hành chính",
            "Khách thăm",
            "2.418.905",
        ],
    ),
    # The byline shares the metadata row with the date.
    "liferay_meta_row_giongtrom.html": Expected(
        url="https://hdnd.bentre.gov.vn/tin-hoat-dong/-/view_content/1003-giam-sat-cho-nong-thon",
        title="Thường trực HĐND huyện Giồng Trôm giám sát việc quản lý chợ nông thôn",
        published="2023-03-21",
        author="Ngọc Hân",
        captions=[],
        source_name="Trang thông tin điện tử Hội đồng nhân dân tỉnh Bến Tre",
        prose=["Ngày 20/3, Đoàn giám sát", "Qua giám sát, các chợ", "Đoàn giám sát đề nghị"],
        chrome=[
            "Ngày đăng bài",
            "Tác giả",
            "Chia sẻ bài viết",
            "Tin cùng chuyên mục",
            "Tập huấn kỹ năng",
        ],
    ),
    # A broadcaster's page: "PV: ..." in the author element, a programme box after the article.
    "tv_role_byline_yenson.html": Expected(
        url="https://tuyenquangtv.vn/tin-tuc/yen-son-trien-khai-phong-chong-thien-tai-2024.html",
        title="Yên Sơn: Triển khai nhiệm vụ phòng, chống thiên tai năm 2024",
        published="2024-03-05",
        author="Minh Khôi - Đức Thắng",
        captions=[],
        source_name="Đài Phát thanh và Truyền hình Tuyên Quang",
        prose=["Sáng 5/3, Ban Chỉ huy", "Năm 2023, mưa lớn", "Năm 2024, huyện chủ động"],
        chrome=[
            "PV:",
            "Trình phát video",
            "Trên sóng",
            "Bản tin Thời sự 19 giờ",
            "Tin nổi bật",
            "Giấy phép",
        ],
    ),
    # Paragraphs in bare <div>s and <br> runs, headline in a <font>: the extractor finds
    # nothing to hold on to, and the block with the most paragraph text is read instead.
    "bare_divs_lacson.html": Expected(
        url="http://lacson.hoabinh.gov.vn/tin-tuc/hoi-nghi-bch-dang-bo-huyen-lan-thu-12-4101.html",
        title="Hội nghị Ban Chấp hành Đảng bộ huyện Lạc Sơn lần thứ 12",
        published="2023-10-19",
        author="Quách Văn Tùng",
        captions=[],
        source_name="Cổng thông tin điện tử huyện Lạc Sơn",
        prose=[
            "Ngày 18/10, Ban Chấp hành",
            "Đồng chí Bí thư Huyện ủy chủ trì",
            "Chín tháng qua",
            "Thu ngân sách trên địa bàn",
            "Kết luận hội nghị",
        ],
        chrome=["TRANG CHỦ", "TIN MỚI", "Nghiệm thu công trình", "In trang", "Quay lại"],
    ),
}


def _extract(name: str) -> PageFields:
    return extract_page((PAGES / name).read_bytes(), EXPECTED[name].url)


@pytest.fixture(scope="module")
def results() -> dict[str, PageFields]:
    return {name: _extract(name) for name in EXPECTED}


def test_every_fixture_has_expectations() -> None:
    assert sorted(path.name for path in PAGES.glob("*.html")) == sorted(EXPECTED)


PAGE_FIELDS = ("title", "published", "author", "captions", "source_name")


@pytest.mark.parametrize("field_name", PAGE_FIELDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_fields(name: str, field_name: str, results: dict[str, PageFields]) -> None:
    assert getattr(results[name], field_name) == getattr(EXPECTED[name], field_name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_is_the_prose_and_only_the_prose(name: str, results: dict[str, PageFields]) -> None:
    paragraphs = results[name].text.split("\n\n")
    expected = EXPECTED[name].prose
    assert len(paragraphs) == len(expected), paragraphs
    for paragraph, opening in zip(paragraphs, expected, strict=True):
        assert paragraph.startswith(opening)
        assert not is_chrome_line(paragraph)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_chrome_in_text(name: str, results: dict[str, PageFields]) -> None:
    fields = results[name]
    for chrome in EXPECTED[name].chrome + COMMON_CHROME:
        if chrome == "Trang chủ" or len(chrome) > 3:
            assert chrome not in fields.text, chrome
        else:  # short tokens such as "|" or "-A" only matter as whole paragraphs
            assert chrome not in fields.text.split("\n\n"), chrome
    for caption in fields.captions:
        assert caption not in fields.text
    assert fields.title not in fields.text


# (page, field, value as printed): the raw fields keep the page's own strings.
RAW_FIELDS = [
    ("webportal_trieuson.html", "title_raw", EXPECTED["webportal_trieuson.html"].title),
    ("webportal_trieuson.html", "published_raw", "Đăng lúc: 05/07/2021 (GMT+7)"),
    ("nukeviet_bacme.html", "author_raw", "Tác giả bài viết: Vàng Thị Mai"),
    ("mvc_dienbiendong.html", "author_raw", "Lò Thị Hương - Phòng Văn hóa - Thông tin"),
    # The byline shares the date row: each keeps its own part of the row.
    ("liferay_meta_row_giongtrom.html", "author_raw", "Tác giả: Ngọc Hân"),
    ("liferay_meta_row_giongtrom.html", "published_raw", "Ngày đăng bài: 21/03/2023"),
]


@pytest.mark.parametrize(("name", "field_name", "printed"), RAW_FIELDS)
def test_raw_fields_keep_the_printed_strings(
    name: str, field_name: str, printed: str, results: dict[str, PageFields]
) -> None:
    assert getattr(results[name], field_name) == printed


# (page, folded fragment a header line must hold): the header is kept for place hints.
SITE_LINE_HINTS = [
    ("drupal_chilang.html", "lang son lan thu xvii"),
    ("drupal_chilang.html", "huyen chi lang"),
    ("sharepoint_nongcong.html", "nong cong"),
]


@pytest.mark.parametrize(("name", "fragment"), SITE_LINE_HINTS)
def test_site_lines_keep_the_header_for_place_hints(
    name: str, fragment: str, results: dict[str, PageFields]
) -> None:
    assert any(fragment in fold(line) for line in results[name].site_lines)


# (page, opening of the text): the sapo printed under the headline comes first.
SAPO_FIRST = [
    ("newspaper_quynhluu.html", "Sáng 21/4, HĐND huyện Quỳnh Lưu"),
    ("nukeviet_bacme.html", "Chiều 13/6, Thường trực HĐND"),
    ("phutho_thanhson.html", "Ngày 18/11, HĐND huyện Thanh Sơn"),
]


@pytest.mark.parametrize(("name", "opening"), SAPO_FIRST)
def test_sapo_comes_first(name: str, opening: str, results: dict[str, PageFields]) -> None:
    assert results[name].text.startswith(opening)


def test_sidebar_lines_past_the_article_end_are_dropped(results: dict[str, PageFields]) -> None:
    dropped = results["sidebar_after_byline_kimbang.html"].dropped_lines
    assert "2.418.905" in dropped
    assert any(line.startswith("Ủy ban nhân dân huyện tiếp nhận hồ sơ") for line in dropped)


def test_short_notice_is_kept(results: dict[str, PageFields]) -> None:
    text = results["short_notice_yenthe.html"].text
    assert 0 < len(text) < 250
    assert text.endswith("để đăng ký.")


def test_wrong_meta_charset_with_encoding_given() -> None:
    html = (PAGES / "table_layout_tanky.html").read_text(encoding="utf-8")
    mislabelled = html.replace("charset=utf-8", "charset=windows-1252").encode("utf-8")
    fields = extract_page(mislabelled, EXPECTED["table_layout_tanky.html"].url, encoding="utf-8")
    assert fields.title == "HĐND huyện Tân Kỳ tổ chức kỳ họp thứ bảy, khóa XX"
    assert "giải phóng mặt bằng" in fields.text
    # Valid UTF-8 bytes are read as UTF-8 even when the page claims otherwise.
    guessed = extract_page(mislabelled, EXPECTED["table_layout_tanky.html"].url)
    assert guessed.title == fields.title


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed â ă ê ô ơ ư, tone marks as combining characters."""
    out: list[str] = []
    base = -1
    for char in unicodedata.normalize("NFD", text):
        if char in "\u0302\u0306\u031b" and base >= 0:
            out[base] = unicodedata.normalize("NFC", out[base] + char)
        else:
            if not unicodedata.combining(char):
                base = len(out)
            out.append(char)
    return "".join(out).encode("cp1258")


def test_legacy_vietnamese_codepage_is_decoded() -> None:
    html = (PAGES / "short_notice_yenthe.html").read_text(encoding="utf-8")
    legacy = _to_cp1258(html.replace('charset="utf-8"', 'charset="windows-1258"'))
    declared = extract_page(legacy, EXPECTED["short_notice_yenthe.html"].url)
    assert declared.title == EXPECTED["short_notice_yenthe.html"].title  # composed again (NFC)
    # A page that claims UTF-8 but is not: the caller's encoding wins.
    claimed = _to_cp1258(html)
    fields = extract_page(claimed, "https://yenthe.bacgiang.gov.vn/x", encoding="windows-1258")
    assert fields.title == EXPECTED["short_notice_yenthe.html"].title
    assert "Trụ sở tiếp công dân" in fields.text


@pytest.mark.parametrize(
    ("data", "encoding", "decoded"),
    [
        ("Ủy ban".encode("utf-16"), "utf-16", "Ủy ban"),
        ("đã là chuỗi", None, "đã là chuỗi"),  # text passes through
    ],
)
def test_decode_html_prefers_the_given_encoding(
    data: str | bytes, encoding: str | None, decoded: str
) -> None:
    assert decode_html(data, encoding) == decoded


def test_headline_from_og_title_when_the_page_has_none() -> None:
    html = """<html><head>
    <title>Hội nghị giao ban quý III | Cổng thông tin điện tử huyện Ba Vì</title>
    <meta property="og:title"
          content="Hội nghị giao ban quý III - Cổng thông tin điện tử huyện Ba Vì">
    <meta property="article:published_time" content="2022-10-05T08:00:00+07:00"></head>
    <body><div class="content"><p>Sáng 4/10, UBND huyện Ba Vì tổ chức hội nghị giao ban quý III
    để đánh giá kết quả thực hiện nhiệm vụ và triển khai công tác quý IV năm 2022.</p></div>
    </body></html>"""
    fields = extract_page(html, "https://bavi.hanoi.gov.vn/tin/hoi-nghi-giao-ban")
    assert fields.title == "Hội nghị giao ban quý III"
    assert fields.title_raw == "Hội nghị giao ban quý III - Cổng thông tin điện tử huyện Ba Vì"
    assert fields.published == "2022-10-05"
    assert fields.source_name == "Cổng thông tin điện tử huyện Ba Vì"
    assert fields.text.startswith("Sáng 4/10, UBND huyện Ba Vì")


def test_date_from_url_when_the_page_prints_none() -> None:
    html = """<html><head><title>Cổng thông tin điện tử huyện Hậu Lộc</title></head><body>
    <h1 class="title">Kỳ họp thứ 5 HĐND huyện Hậu Lộc khóa XX</h1>
    <div class="article-content"><p>HĐND huyện Hậu Lộc khai mạc kỳ họp thứ 5 để xem xét các báo
    cáo kinh tế - xã hội và quyết định nhiều nội dung quan trọng của huyện.</p></div>
    </body></html>"""
    url = "http://hauloc.thanhhoa.gov.vn/portal/Pages/2021-5-7/Ky-hop-thu-5ab12cd.aspx"
    fields = extract_page(html, url)
    assert fields.published == "2021-05-07"
    assert fields.title == "Kỳ họp thứ 5 HĐND huyện Hậu Lộc khóa XX"


@pytest.mark.parametrize(("markup", "field_name"), [("", "text"), (b"   ", "title")])
def test_empty_or_textless_input_gives_empty_fields(markup: str | bytes, field_name: str) -> None:
    assert getattr(extract_page(markup, "https://x.gov.vn/"), field_name) == ""


@pytest.mark.parametrize(
    ("title", "site", "stripped"),
    [
        ("Kỳ họp thứ 6 - Báo Thanh Hóa", None, "Kỳ họp thứ 6"),
        (
            "Phát triển kinh tế - xã hội | Cổng thông tin điện tử huyện X",
            None,
            "Phát triển kinh tế - xã hội",
        ),
        ("Trang chủ Portal | Đài ABC", "Đài ABC", "Trang chủ Portal"),
        ("Cổng thông tin điện tử huyện Thọ Xuân", None, ""),
        # A print view names itself, not the article.
        ("Bản in", None, ""),
        ("In tin bài | Cổng thông tin điện tử huyện X", None, ""),
        ("Bản in - Kỳ họp thứ 9 HĐND huyện", None, "Kỳ họp thứ 9 HĐND huyện"),
        ("In bài viết", None, ""),
    ],
)
def test_strip_site_name(title: str, site: str | None, stripped: str) -> None:
    assert strip_site_name(title, site) == stripped


_PRINT_VIEW = """<html><head><title>{title}</title></head><body class="portal-popup">
<div id="print">
<div class="print-tools"><a href="#">In bài viết</a> | <a href="#">Đóng lại</a></div>
<div class="print-content"><p><strong>Hội nghị giao ban công tác dân vận quý I</strong></p>
<p><em>Ngày đăng: 02/04/2024</em></p>
<p>Sáng 1/4, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận quý I và
triển khai nhiệm vụ quý II năm 2024 với sự tham dự của các đơn vị khối dân vận.</p>
</div></div></body></html>"""


@pytest.mark.parametrize("title", ["Bản in", "In tin bài", "In bài viết"])
def test_print_view_headline_is_the_article_not_the_print_label(title: str) -> None:
    fields = extract_page(_PRINT_VIEW.format(title=title), "https://x.gov.vn/print/1")
    assert fields.title == "Hội nghị giao ban công tác dân vận quý I"
    assert fields.published == "2024-04-02"
    assert fields.text.startswith("Sáng 1/4, Ban Dân vận Huyện ủy")
    assert "In bài viết" not in fields.text


def test_extraction_is_fast() -> None:
    names = sorted(EXPECTED)
    start = time.perf_counter()
    for name in names:
        _extract(name)
    mean_ms = (time.perf_counter() - start) * 1000 / len(names)
    assert mean_ms < 100, f"mean {mean_ms:.1f} ms per page"
