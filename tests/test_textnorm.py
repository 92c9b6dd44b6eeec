"""The matching keys of crawler.textnorm against their plain definitions."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.textnorm import fold, fold_keep_marks, normalize_tone_placement, strip_diacritics

# Letters and marks the genre is written in, composed and decomposed, plus a few others.
_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯY ạảãàáậẩẫầấặẳẵằắẹẻẽèéệểễềếịỉĩìí"
_VIETNAMESE += "ọỏõòóộổỗồốợởỡờớụủũùúựửữừứỵỷỹỳýỦỶỲ.,-\u00a0\t"
_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
vietnamese_text = st.text(
    alphabet=st.sampled_from(_VIETNAMESE + _MARKS) | st.characters(), max_size=60
)


def reference_strip_diacritics(text: str) -> str:
    """The definition: decompose, drop combining marks, đ -> d."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


@given(vietnamese_text)
def test_strip_diacritics_equals_its_definition(text: str) -> None:
    assert strip_diacritics(text) == reference_strip_diacritics(text)


@given(vietnamese_text)
def test_fold_ignores_unicode_form(text: str) -> None:
    composed, decomposed = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
    assert fold(text) == fold(composed) == fold(decomposed)


@given(vietnamese_text)
def test_fold_keep_marks_ignores_unicode_form_and_is_idempotent(text: str) -> None:
    key = fold_keep_marks(text)
    assert key == fold_keep_marks(unicodedata.normalize("NFD", text))
    assert fold_keep_marks(key) == key
    assert unicodedata.is_normalized("NFC", key)


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("hoà", "hòa"),
        ("Hoà.", "Hòa."),
        ("khoá XV", "khóa XV"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoạ", "họa"),
    ],
)
def test_word_final_tone_moves_to_the_first_vowel(old_style: str, new_style: str) -> None:
    assert normalize_tone_placement(old_style) == new_style
    decomposed = unicodedata.normalize("NFD", old_style)
    assert normalize_tone_placement(decomposed) == new_style


@pytest.mark.parametrize("word", ["quý", "hoàng", "thuyền", "luận", "thuận", "hoạch", "khoặc"])
def test_words_with_one_spelling_are_left_alone(word: str) -> None:
    # "luận": the dot below belongs to "ậ" with its circumflex, not to a word-final pair.
    assert normalize_tone_placement(word) == word
    assert normalize_tone_placement(unicodedata.normalize("NFD", word)) == word
