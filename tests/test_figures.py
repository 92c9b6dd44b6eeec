"""Quantities stated in Vietnamese number format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extraction.figures import find_figures, parse_number

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(
    not (SEEDS / "gold.json").is_file(), reason="shared seed documents are not present"
)


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "raw"),
    [
        ("Tổng giá trị sản xuất đạt 6.214.508 triệu đồng.", 6214508, "triệu đồng",
         "6.214.508 triệu đồng"),
        ("Tốc độ tăng trưởng đạt 7,85%.", 7.85, "%", "7,85%"),
        ("Tổng mức đầu tư 2.345,67 tỷ đồng.", 2345.67, "tỷ đồng", "2.345,67 tỷ đồng"),
        ("Có 21/30 chỉ tiêu đạt và vượt kế hoạch.", "21/30", "chỉ tiêu", "21/30 chỉ tiêu"),
        ("Thu nhập bình quân 48,2 triệu đồng/người/năm.", 48.2, "triệu đồng/người/năm",
         "48,2 triệu đồng/người/năm"),
        ("Thu ngân sách trên 31 tỷ đồng.", 31, "tỷ đồng", "31 tỷ đồng"),
        ("Bình quân đạt 15,6 tiêu chí/01 xã.", 15.6, "tiêu chí/xã", "15,6 tiêu chí/01 xã"),
        ("Đã khởi công 9/24 công trình.", "9/24", "công trình", "9/24 công trình"),
        ("Có 12/19 xã đạt chuẩn nông thôn mới.", "12/19", "xã", "12/19 xã"),
        ("Giải ngân đạt 75% kế hoạch.", 75, "%", "75%"),
        ("Năng suất lúa 62,5 tạ/ha/vụ.", 62.5, "tạ/ha/vụ", "62,5 tạ/ha/vụ"),
        ("Trồng mới 1.250 ha rừng.", 1250, "ha", "1.250 ha"),
        ("Hỗ trợ 350 nghìn đồng/hộ.", 350, "nghìn đồng/hộ", "350 nghìn đồng/hộ"),
        ("Giảm 132 hộ nghèo.", 132, "hộ", "132 hộ"),
        ("Doanh thu 2 tỉ đồng.", 2, "tỷ đồng", "2 tỉ đồng"),
        ("Đạt 96,0 phần trăm.", 96, "%", "96,0 phần trăm"),
        ("Kết nạp 214 đảng viên mới.", 214, "đảng viên", "214 đảng viên"),
        ("Xuất khẩu đạt 12,5 triệu USD.", 12.5, "triệu usd", "12,5 triệu USD"),
    ],
)
def test_figure_forms(sentence: str, value: float | int | str, unit: str, raw: str) -> None:
    figures = find_figures(sentence)
    assert [(f.value, f.unit, f.raw) for f in figures] == [(value, unit, raw)]
    assert type(figures[0].value) is type(value)


@pytest.mark.parametrize(
    "sentence",
    [
        "Quán triệt Chỉ thị số 21-CT/TW ngày 20/01/2023 của Ban Bí thư.",
        "Hội nghị lần thứ 12, kỳ họp thứ 7 HĐND huyện khóa 19.",
        "Kết quả năm 2022 và 6 tháng đầu năm 2023; trong tháng 6 có nhiều hoạt động.",
        "Huyện đứng thứ 7/27 huyện, thị xã, thành phố.",
        "Nghị quyết số 12 xã hội hóa giáo dục.",
        "Ngày 13/12 xã tổ chức hội nghị.",
        "Thực hiện Nghị quyết 06-NQ/HU giai đoạn 2021-2025.",
        "Lúc 10:30, tại thôn 4 xã Quảng Hòa.",
    ],
)
def test_dates_years_numbers_and_ordinals_are_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


def test_figures_in_text_order_without_repeats() -> None:
    text = "Có 14/20 chỉ tiêu đạt. Tăng 5,2%; trong đó 14/20 chỉ tiêu đạt và vượt, 3 dự án mới."
    assert [(f.value, f.unit) for f in find_figures(text)] == [
        ("14/20", "chỉ tiêu"), (5.2, "%"), (3, "dự án")
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [("7.455.344", 7455344), ("1.621,41", 1621.41), ("8,62", 8.62), ("25", 25), ("3.5", 3.5),
     ("4,0", 4), ("2.000", 2000)],
)
def test_parse_number(written: str, value: float) -> None:
    number = parse_number(written)
    assert number == value
    assert isinstance(number, int) == float(value).is_integer()


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return {name: fields for name, fields in data.items() if not name.startswith("_")}


@needs_seeds
def test_seed_figures_include_gold() -> None:
    for name, gold in _gold().items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        found = {(f.value, f.unit) for f in find_figures(text)}
        for expected in gold["figures_include"]:
            assert (expected["value"], expected["unit"]) in found, (name, expected)


@given(st.text())
def test_find_figures_never_raises(text: str) -> None:
    for figure in find_figures(text):
        assert figure.raw and figure.unit


_NUMBER_SHAPES = ["1.234", "5,6", "7/8", "%", " ", "tỷ đồng", "/", "01", "xã", "ngày", "số", "-",
                  "năm", "người", ","]


@given(st.lists(st.sampled_from(_NUMBER_SHAPES), max_size=25).map("".join))
def test_find_figures_never_raises_on_number_shapes(text: str) -> None:
    for figure in find_figures(text):
        assert isinstance(figure.value, (int, float, str))
