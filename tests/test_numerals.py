"""Roman, Arabic and Vietnamese-word numerals."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extraction.numerals import parse_numeral


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("XVI", 16),
        ("xxvii", 27),
        ("XXVII", 27),
        ("IV", 4),
        ("IX", 9),
        ("XL", 40),
        ("XIX", 19),
        ("I", 1),
        ("12", 12),
        ("01", 1),
        ("Chín", 9),
        ("chín", 9),
        ("CHÍN", 9),
        ("nhất", 1),
        ("thứ nhất", 1),
        ("Thứ Nhất", 1),
        ("thứ tư", 4),
        ("nhì", 2),
        ("mười", 10),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("ba mươi lăm", 35),
        ("bẩy", 7),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("XVI,", 16),
        ("(12)", 12),
    ],
)
def test_numerals_parse(token: str, value: int) -> None:
    assert parse_numeral(token) == value


def test_decomposed_unicode_parses_like_composed() -> None:
    assert parse_numeral(unicodedata.normalize("NFD", "mười hai")) == 12


@pytest.mark.parametrize(
    "token",
    [
        "",
        "   ",
        "Vì",  # "because"; folds to "vi" but keeps its mark
        "Nam",  # a name, not "năm" (five)
        "Lan",
        "khóa",
        "mười mốt",  # 11 is "mười một"
        "một mươi",
        "mốt",
        "lăm",
        "hai hai",
        "XIIII",
        "mix",  # not a Roman numeral this module accepts
        "CD",
        "12a",
        "1.000",
        "thứ",
        "Nguyễn Văn An",
    ],
)
def test_non_numerals_give_none(token: str) -> None:
    assert parse_numeral(token) is None


@given(st.text())
def test_never_raises_on_arbitrary_text(token: str) -> None:
    value = parse_numeral(token)
    assert value is None or value >= 0
