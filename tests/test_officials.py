"""Named officials and their titles."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extraction.officials import find_officials
from crawler.textnorm import same_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(
    not (SEEDS / "gold.json").is_file(), reason="shared seed documents are not present"
)


def _pairs(text: str, captions: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    return [(o.name, o.titles) for o in find_officials(text, captions)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dự hội nghị có đồng chí Trần Quốc Bảo, Phó Chủ tịch UBND tỉnh; đồng chí Phạm Thu "
            "Hằng - Trưởng ban Dân vận Huyện ủy.",
            [("Trần Quốc Bảo", ["Phó Chủ tịch UBND tỉnh"]),
             ("Phạm Thu Hằng", ["Trưởng ban Dân vận Huyện ủy"])],
        ),
        (
            "Các đồng chí: Nguyễn Hữu Lộc, Tỉnh ủy viên, Bí thư Huyện ủy; Đinh Văn Tâm, Phó Bí "
            "thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị.",
            [("Nguyễn Hữu Lộc", ["Tỉnh ủy viên", "Bí thư Huyện ủy"]),
             ("Đinh Văn Tâm", ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"])],
        ),
        (
            "Dự và chỉ đạo hội nghị có các đồng chí: Bùi Minh Châu - Ủy viên Ban Thường vụ Tỉnh "
            "ủy; Lương Thị Hoa - Chánh Văn phòng UBND tỉnh; các đồng chí đại diện lãnh đạo các "
            "sở, ngành; Chủ tịch UBMTTQ VN huyện.",
            [("Bùi Minh Châu", ["Ủy viên Ban Thường vụ Tỉnh ủy"]),
             ("Lương Thị Hoa", ["Chánh Văn phòng UBND tỉnh"])],
        ),
        (
            "Phát biểu tại hội nghị, ông Vương Đình Khải, Giám đốc Sở Nông nghiệp và Phát triển "
            "nông thôn cho biết tiến độ đạt yêu cầu.",
            [("Vương Đình Khải", ["Giám đốc Sở Nông nghiệp và Phát triển nông thôn"])],
        ),
        (
            "Bà Ksor H'Bia, Phó Chủ tịch HĐND huyện điều hành phiên thảo luận.",
            [("Ksor H'Bia", ["Phó Chủ tịch HĐND huyện"])],
        ),
        (
            "Bí thư Huyện ủy Lò Văn Pâng phát biểu chỉ đạo hội nghị.",
            [("Lò Văn Pâng", ["Bí thư Huyện ủy"])],
        ),
        (
            "Đồng chí Giàng Seo Phử, TUV, Bí thư Huyện ủy chủ trì kỳ họp.",
            [("Giàng Seo Phử", ["TUV", "Bí thư Huyện ủy"])],
        ),
        (
            "Đồng chí Nguyễn Văn Bình, UVBTV Huyện ủy, Trưởng ban Tổ chức Huyện ủy trình bày tờ "
            "trình về công tác cán bộ.",
            [("Nguyễn Văn Bình", ["UVBTV Huyện ủy", "Trưởng ban Tổ chức Huyện ủy"])],
        ),
        (
            "Đồng chí Tạ Quang Huy, Phó Chủ tịch HĐND huyện kiêm Trưởng ban Kinh tế - Xã hội HĐND "
            "huyện trình bày báo cáo thẩm tra.",
            [("Tạ Quang Huy", ["Phó Chủ tịch HĐND huyện kiêm Trưởng ban Kinh tế - Xã hội HĐND "
                               "huyện"])],
        ),
        (
            "Thượng tá Hoàng Văn Nam, Trưởng Công an huyện phát biểu.",
            [("Hoàng Văn Nam", ["Trưởng Công an huyện"])],
        ),
        (
            "Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng dự và phát biểu.",
            [("Hoàng Trung Dũng", ["Bí thư Tỉnh ủy Hà Tĩnh"])],
        ),
        (
            "Đồng chí Phí Minh Đạo, Phó Chủ tịch UBND huyện phát biểu.",
            [("Phí Minh Đạo", ["Phó Chủ tịch UBND huyện"])],
        ),
        (
            "Hội nghị do đồng chí Lê Quang Vinh, Bí thư Đảng ủy xã Tân Lập và đồng chí Hà Đức "
            "Thịnh, Chủ tịch UBND xã Tân Lập đồng chủ trì.",
            [("Lê Quang Vinh", ["Bí thư Đảng ủy xã Tân Lập"]),
             ("Hà Đức Thịnh", ["Chủ tịch UBND xã Tân Lập"])],
        ),
        (
            "Đồng chí Mai Thị Thoa, Chủ tịch Hội Liên hiệp Phụ nữ huyện tham luận.",
            [("Mai Thị Thoa", ["Chủ tịch Hội Liên hiệp Phụ nữ huyện"])],
        ),
        (
            "Ông Quách Văn Lực - Giám đốc Công ty TNHH Hòa Bình Xanh giới thiệu mô hình.",
            [("Quách Văn Lực", ["Giám đốc Công ty TNHH Hòa Bình Xanh"])],
        ),
        (
            "Khen thưởng ông Nguyễn Văn Kiên, Trưởng thôn Bắc Lãm.",
            [("Nguyễn Văn Kiên", ["Trưởng thôn Bắc Lãm"])],
        ),
    ],
)
def test_official_formulas(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chủ tịch UBND huyện Hà Trung phát biểu tại hội nghị.",
        "Tham dự có đại diện Thường trực HĐND tỉnh; Chủ tịch UBMTTQ VN huyện; lãnh đạo các xã.",
        "Nhân dân tổ chức Lễ hội Lê Lợi, Lễ hội đền Trần Hưng Đạo tại xã Hải Nhân.",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Chủ tịch nước.",
        "Toàn cảnh hội nghị.",
        "Trường THCS Nguyễn Du, Phó Hiệu trưởng nhà trường báo cáo.",
        "Hội nghị có sự tham gia của ông Nguyễn Văn Tư, người dân thôn Đông.",
    ],
)
def test_places_bodies_and_unnamed_items_are_not_officials(text: str) -> None:
    assert _pairs(text) == []


def test_mentions_merge_by_name_in_order_of_first_mention() -> None:
    text = (
        "Đồng chí Lê Minh Tuấn phát biểu khai mạc.\n"
        "Dự hội nghị có đồng chí Võ Thị Lan, Phó Chủ tịch HĐND huyện.\n"
        "Đồng chí Lê Minh Tuấn, Bí thư Huyện uỷ, Chủ tịch HĐND huyện kết luận hội nghị.\n"
        "Phát biểu bế mạc, đồng chí Bí thư Huyện ủy Lê Minh Tuấn nhấn mạnh ba nhiệm vụ."
    )
    assert _pairs(text) == [
        ("Lê Minh Tuấn", ["Bí thư Huyện uỷ", "Chủ tịch HĐND huyện"]),
        ("Võ Thị Lan", ["Phó Chủ tịch HĐND huyện"]),
    ]


def test_byline_is_not_an_official() -> None:
    text = (
        "Ngày 3/4, Huyện ủy tổ chức hội nghị.\n\n"
        "Nguyễn Thị Mai, Phó Giám đốc Trung tâm VHTT huyện"
    )
    assert _pairs(text) == []


def test_captions_are_read() -> None:
    captions = ("Đồng chí Đặng Quốc Việt, Huyện ủy viên, Phó Chủ tịch UBND huyện phát biểu.",)
    assert _pairs("Ngày 3/4, UBND huyện tổ chức hội nghị.", captions) == [
        ("Đặng Quốc Việt", ["Huyện ủy viên", "Phó Chủ tịch UBND huyện"])
    ]


def test_titles_keep_the_article_spelling_and_match_any_unicode_form() -> None:
    text = unicodedata.normalize("NFD", "Đồng chí Hồ Văn Hoà, Phó Bí thư Huyện uỷ chủ trì.")
    (official,) = find_officials(text)
    assert official.name == "Hồ Văn Hoà"
    assert official.titles == ["Phó Bí thư Huyện uỷ"]
    assert official.evidence and "chủ trì" in official.evidence


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return {name: fields for name, fields in data.items() if not name.startswith("_")}


@needs_seeds
def test_seed_officials_match_gold() -> None:
    for name, gold in _gold().items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        found = find_officials(text, gold.get("captions", []))
        assert len(found) == len(gold["officials"]), name
        for official, expected in zip(found, gold["officials"], strict=True):
            assert same_text(official.name, expected["name"]), name
            assert len(official.titles) == len(expected["titles"]), (name, official)
            for title, gold_title in zip(official.titles, expected["titles"], strict=True):
                assert same_text(title, gold_title), (name, title, gold_title)


@given(st.text(), st.lists(st.text(), max_size=3))
def test_find_officials_never_raises(text: str, captions: list[str]) -> None:
    for official in find_officials(text, captions):
        assert official.name and official.titles


_WORDS = st.sampled_from(
    ["Đồng", "chí", "Lê", "Văn", "A", "Bí", "thư", "Huyện", "ủy", ",", ";", "-", "ông", "Chủ",
     "tịch", "UBND", "huyện", "Hà", "Trung", "các", "đồng", "chí:", "và", "Sở", "phát", "biểu"]
)


@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_find_officials_never_raises_on_genre_words(text: str) -> None:
    for official in find_officials(text):
        assert 2 <= len(official.name.split()) <= 5


def test_a_list_of_names_shares_the_title_before_its_colon() -> None:
    text = ("Cùng dự có các đồng chí Phó Chủ tịch UBND huyện: Đỗ Mạnh Cường, Lý Thị Hạnh và "
            "Trương Văn Bảy; lãnh đạo các phòng, ban chuyên môn.")
    assert _pairs(text) == [
        ("Đỗ Mạnh Cường", ["Phó Chủ tịch UBND huyện"]),
        ("Lý Thị Hạnh", ["Phó Chủ tịch UBND huyện"]),
        ("Trương Văn Bảy", ["Phó Chủ tịch UBND huyện"]),
    ]


def test_a_colon_list_with_own_titles_keeps_each_title() -> None:
    # the words before the colon are not a title: each item carries its own
    text = ("Dự hội nghị có các đồng chí: Đỗ Mạnh Cường, Chủ tịch UBND huyện; Lý Thị Hạnh, "
            "Trưởng ban Tổ chức Huyện ủy.")
    assert _pairs(text) == [
        ("Đỗ Mạnh Cường", ["Chủ tịch UBND huyện"]),
        ("Lý Thị Hạnh", ["Trưởng ban Tổ chức Huyện ủy"]),
    ]


def test_a_name_after_an_unrelated_colon_gets_no_title() -> None:
    text = "Chủ đề năm 2024 của huyện: Nguyễn Văn Mười làm mẫu, dân làm theo."
    assert _pairs(text) == []


def test_titles_are_those_of_the_first_mention_that_has_any() -> None:
    text = (
        "Đồng chí Tạ Quang Vinh, Phó Bí thư Huyện ủy chủ trì hội nghị.\n"
        "Hội nghị đã bầu đồng chí Tạ Quang Vinh giữ chức Chủ tịch HĐND huyện.\n"
        "Phát biểu nhận nhiệm vụ, đồng chí Tạ Quang Vinh, Chủ tịch HĐND huyện khóa XXI cảm ơn "
        "các đại biểu."
    )
    assert _pairs(text) == [("Tạ Quang Vinh", ["Phó Bí thư Huyện ủy"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place name written with a dash stays whole
        ("Dự đại hội có đồng chí Mai Văn Khánh, Phó Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu.",
         [("Mai Văn Khánh", ["Phó Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu"])]),
        ("Ông Kiều Văn Sang, Chủ tịch UBND thành phố Phan Rang - Tháp Chàm phát biểu.",
         [("Kiều Văn Sang", ["Chủ tịch UBND thành phố Phan Rang - Tháp Chàm"])]),
        # a dash that is not inside a known place separates the next title
        ("Đồng chí Tô Thị Yến, Bí thư Huyện ủy Yên Thành - Trưởng ban Chỉ đạo huyện phát biểu.",
         [("Tô Thị Yến", ["Bí thư Huyện ủy Yên Thành", "Trưởng ban Chỉ đạo huyện"])]),
    ],
)
def test_dashes_inside_place_names(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long lower-case department name runs on to its unit word
        ("Đồng chí Hà Văn Quế, Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo phòng chống dịch "
         "bệnh huyện chủ trì cuộc họp.",
         [("Hà Văn Quế", ["Phó Chủ tịch UBND huyện",
                          "Trưởng Ban Chỉ đạo phòng chống dịch bệnh huyện"])]),
        # without a unit word ahead, the name stops after a few syllables
        ("Đồng chí Hà Văn Quế, Trưởng Ban Chỉ đạo phòng chống dịch bệnh nguy hiểm mới nổi "
         "cho biết tình hình đã ổn định.",
         [("Hà Văn Quế", ["Trưởng Ban Chỉ đạo phòng chống"])]),
        # a verb before the unit word ends the title
        ("Đồng chí Hà Văn Quế, Trưởng Ban Chỉ đạo đề nghị huyện sớm hoàn thành.",
         [("Hà Văn Quế", ["Trưởng Ban Chỉ đạo"])]),
    ],
)
def test_long_department_names(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles in brackets
        ("Hội nghị có sự tham dự của đồng chí Phùng Văn Lợi (Phó Chủ tịch UBND huyện) và "
         "đồng chí Lưu Thị Mến (Trưởng phòng Nội vụ).",
         [("Phùng Văn Lợi", ["Phó Chủ tịch UBND huyện"]),
          ("Lưu Thị Mến", ["Trưởng phòng Nội vụ"])]),
        # counter-example: brackets holding something else
        ("Ông Phùng Văn Lợi (sinh năm 1968, trú tại xã Yên Lạc) được tặng giấy khen.", []),
        # a plural title before a list of names is shared
        ("Tham dự có các đồng chí Phó Chủ tịch UBND huyện Mạc Văn Cường, Khổng Thị Tuyết.",
         [("Mạc Văn Cường", ["Phó Chủ tịch UBND huyện"]),
          ("Khổng Thị Tuyết", ["Phó Chủ tịch UBND huyện"])]),
        # counter-example: a singular title is not shared with the next name
        ("Đồng chí Phó Chủ tịch UBND huyện Mạc Văn Cường, Trương Thị Tuyết cùng dự.",
         [("Mạc Văn Cường", ["Phó Chủ tịch UBND huyện"])]),
        # a capitalised word of a department's name is not a new department
        ("Đồng chí Đàm Văn Sơn, Trưởng Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn "
         "huyện chủ trì cuộc họp.",
         [("Đàm Văn Sơn", ["Trưởng Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn "
                           "huyện"])]),
        ("Đại tá Lữ Văn Nam, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh dự hội nghị.",
         [("Lữ Văn Nam", ["Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"])]),
        # counter-example: "Phòng Nội vụ" after a department word is a department
        ("Đồng chí Lữ Văn Nam, Trưởng phòng Nội vụ huyện phát biểu.",
         [("Lữ Văn Nam", ["Trưởng phòng Nội vụ huyện"])]),
    ],
)
def test_more_formulas(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _pairs(text) == expected
