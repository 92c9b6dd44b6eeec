"""Session number, term number and term period."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extraction.session import (
    Sentence,
    find_session_number,
    find_term,
    match_key,
    split_sentences,
)
from crawler.textnorm import fold_keep_marks

# --- session numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text", "meeting_type", "value", "raw"),
    [
        ("Hội nghị lần thứ XVI Ban Chấp hành Đảng bộ huyện", "", "plenum", 16, "lần thứ XVI"),
        ("", "Ngày 3/5, Huyện ủy tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12.",
         "plenum", 12, "lần thứ 12"),
        ("Khai mạc kỳ họp thứ Chín HĐND huyện", "", "council_session", 9, "kỳ họp thứ Chín"),
        ("Kỳ họp thứ 13 HĐND huyện khóa 19", "", None, 13, "Kỳ họp thứ 13"),
        ("Kỳ họp thứ nhất HĐND xã khóa XXII năm 2021", "", "council_session", 1,
         "Kỳ họp thứ nhất"),
        ("Thường trực HĐND huyện tổ chức phiên họp thường kỳ lần thứ 27", "",
         "regular_meeting", 27, "phiên họp thường kỳ lần thứ 27"),
        ("UBND huyện tổ chức phiên họp thứ 5", "", "regular_meeting", 5, "phiên họp thứ 5"),
        ("Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ mười hai", "", "plenum", 12,
         "lần thứ mười hai"),
        ("HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN LẦN THỨ XX", "", None, 20, "LẦN THỨ XX"),
    ],
)
def test_session_numbers(title: str, text: str, meeting_type: str | None, value: int,
                         raw: str) -> None:
    found = find_session_number(title, text, meeting_type)
    assert found is not None
    assert found.value == value
    assert found.raw == raw
    assert found.evidence and raw in found.evidence


@pytest.mark.parametrize(
    ("title", "text", "meeting_type"),
    [
        # A congress number is a term, never a session.
        ("Đại hội đại biểu Đảng bộ huyện lần thứ XXVI", "", "congress"),
        # "lần thứ" of an emulation congress or a contest.
        ("Đại hội thi đua yêu nước lần thứ V", "", None),
        ("Hội thi tìm hiểu pháp luật lần thứ 3", "", None),
        ("Hội nghị tổng kết phong trào thi đua lần thứ 3", "", None),
        # References to another meeting.
        ("", "UBND huyện chuẩn bị nội dung trình kỳ họp thứ 5 HĐND huyện.", None),
        ("", "Huyện ủy tổ chức hội nghị quán triệt Nghị quyết Hội nghị lần thứ tám "
             "Ban Chấp hành Trung ương.", "briefing"),
        # Numbers in unrelated sentences.
        ("", "Quán triệt Chỉ thị số 19-CT/TW ngày 18/11/2022 của Ban Bí thư.", None),
        ("UBND huyện họp phiên thường kỳ tháng 8", "", "regular_meeting"),
        # A council-session number is not taken for a plenum.
        ("", "Hội nghị Ban Chấp hành Đảng bộ huyện tại kỳ họp thứ 5.", "plenum"),
    ],
)
def test_not_session_numbers(title: str, text: str, meeting_type: str | None) -> None:
    assert find_session_number(title, text, meeting_type) is None


# --- terms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "meeting_type", "level", "term", "period"),
    [
        ("Hội nghị lần thứ XVI, Ban Chấp hành Đảng bộ huyện Thọ Xuân khóa XXVII",
         "plenum", "district", 27, None),
        ("Kỳ họp thứ 13 HĐND huyện khoá 19, nhiệm kỳ 2016-2021", "council_session",
         "district", 19, "2016-2021"),
        ("Kỳ họp thứ 7 HĐND huyện khóa XX, nhiệm kỳ 2021 – 2026", "council_session",
         "district", 20, "2021-2026"),
        ("Đại hội đại biểu Đảng bộ huyện lần thứ XXVI, nhiệm kỳ 2020 - 2025", "congress",
         "district", 26, "2020-2025"),
        ("Kỳ họp thứ 12 HĐND tỉnh khóa XVIII", "council_session", "province", 18, None),
    ],
)
def test_terms_in_headline(title: str, meeting_type: str, level: str, term: int,
                           period: str | None) -> None:
    found_term, found_period = find_term(title, "", meeting_type, level)
    assert found_term is not None and found_term.value == term
    if period is None:
        assert found_period is None
    else:
        assert found_period is not None and found_period.value == period


def test_congress_reference_gives_term_of_review() -> None:
    text = ("Ngày 20/6, Ban Chấp hành Đảng bộ huyện tổ chức hội nghị sơ kết giữa nhiệm kỳ "
            "thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025.")
    term, period = find_term("Sơ kết giữa nhiệm kỳ", text, "review_conference", "district")
    assert term is not None and term.value == 25 and term.raw == "lần thứ XXV"
    assert period is not None and period.value == "2020-2025"
    assert period.raw == "nhiệm kỳ 2020 - 2025"


def test_provincial_slogan_does_not_set_district_term() -> None:
    text = ("Quyết tâm thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, "
            "nhiệm kỳ 2020 - 2025\n\n"
            "Ngày 2/7, Huyện ủy tổ chức hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 9.")
    assert find_term("Hội nghị BCH Đảng bộ huyện", text, "plenum", "district") == (None, None)


def test_national_terms_never_count() -> None:
    text = ("Sáng 3/3, Huyện ủy tổ chức hội nghị học tập Nghị quyết Hội nghị lần thứ sáu "
            "Ban Chấp hành Trung ương Đảng khóa XIII. Nghị quyết Đại hội lần thứ XIII của "
            "Đảng được quán triệt.")
    assert find_term("Hội nghị học tập nghị quyết", text, "briefing", "district") == (None, None)


def test_council_session_ignores_party_congress_term() -> None:
    text = ("Sáng 10/7, HĐND huyện khóa XX, nhiệm kỳ 2021 - 2026 khai mạc kỳ họp thứ 8. "
            "Các đại biểu đánh giá việc thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ "
            "XXVI, nhiệm kỳ 2020 - 2025.")
    term, period = find_term("", text, "council_session", "district")
    assert term is not None and term.value == 20
    assert period is not None and period.value == "2021-2026"


def test_government_body_ignores_party_congress_by_body() -> None:
    text = ("Ngày 4/8, UBND huyện tổ chức hội nghị sơ kết thực hiện Nghị quyết Đại hội "
            "Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2020 - 2025.")
    assert find_term("", text, "review_conference", "district",
                     body="peoples_committee") == (None, None)


def test_other_level_khoa_is_ignored() -> None:
    text = ("Ngày 5/5, UBND huyện tổ chức hội nghị tổng kết. Dự có đồng chí Lê Văn Hải, "
            "đại biểu HĐND tỉnh khóa XVIII.")
    assert find_term("", text, "review_conference", "district")[0] is None


def test_khoa_hoc_is_not_a_term() -> None:
    text = "Huyện mở khóa học bồi dưỡng; khoa Nội của bệnh viện có 20 giường."
    assert find_term("", text, None, None) == (None, None)


def test_implausible_periods_are_ignored() -> None:
    text = "Ngày 1/3, Huyện ủy tổ chức hội nghị về kế hoạch nhiệm kỳ 2020 - 2030."
    assert find_term("", text, "plenum", "district")[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị nhấn mạnh việc thẩm định kỹ nhân sự cấp ủy nhiệm kỳ 2020 - 2025.",
        "Các đại biểu góp ý vào mục tiêu, phương hướng nhiệm kỳ 2025 - 2030 của huyện.",
    ],
)
def test_a_period_nobody_holds_is_not_the_meeting_term(text: str) -> None:
    lead = "Ngày 21/7, Ban Thường vụ Huyện ủy tổ chức hội nghị quán triệt chỉ thị. "
    assert find_term("", lead + text, "briefing", "district",
                     body="party_standing_committee")[1] is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Ngày 2/7, HĐND huyện khóa XX, nhiệm kỳ 2021 - 2026 khai mạc kỳ họp thứ 8.",
         "2021-2026"),
        ("Sáng 12/8, Đại hội đại biểu Đảng bộ huyện lần thứ XXVI, nhiệm kỳ 2020-2025 khai mạc.",
         "2020-2025"),
        ("Ngày 5/1, Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2020 - 2025 họp phiên cuối năm.",
         "2020-2025"),
    ],
)
def test_a_period_held_by_a_body_or_a_term(text: str, period: str) -> None:
    found = find_term("", text, None, "district")[1]
    assert found is not None and found.value == period


def test_a_session_number_of_the_session_being_prepared_is_not_the_meetings() -> None:
    text = ("Ngày 1/12, Thường trực HĐND huyện tổ chức phiên họp chuẩn bị nội dung, chương "
            "trình kỳ họp thứ 6 HĐND huyện khóa XX.")
    assert find_session_number("", text, "other_meeting") is None
    # the same sentence read as a council session does give the number
    found = find_session_number("", text, "council_session")
    assert found is not None and found.value == 6


def test_the_programme_of_a_session_is_not_a_reference_to_another() -> None:
    text = "Sáng 8/12, HĐND huyện thông qua chương trình kỳ họp thứ 9 và bầu thư ký kỳ họp."
    found = find_session_number("Khai mạc kỳ họp", text, "council_session")
    assert found is not None and found.value == 9
    # "trình kỳ họp" (to submit to the session) still refers to another one
    text = "Ngày 20/11, UBND huyện họp cho ý kiến các báo cáo trình kỳ họp thứ 9 HĐND huyện."
    assert find_session_number("", text, "council_session") is None


def test_a_congress_of_another_body_takes_its_own_number_as_term() -> None:
    text = ("Sáng 9/8, UBND huyện tổ chức Đại hội đại biểu các dân tộc thiểu số huyện lần thứ "
            "IV năm 2024.")
    term, _period = find_term("", text, "congress", "district", body="other")
    assert term is not None and term.value == 4


# --- helpers -------------------------------------------------------------------


def test_match_key_is_aligned_and_normalised() -> None:
    text = "Uỷ ban KHOÁ hoà\u00a0ÐẠI HỘI"
    key = match_key(text)
    assert len(key) == len(text)
    assert key == "ủy ban khóa hòa đại hội"


def test_match_key_agrees_with_fold_keep_marks() -> None:
    text = "Ban Thường vụ Huyện uỷ Thọ Xuân khoá XXVII, nhiệm kỳ 2020-2025"
    assert match_key(text) == fold_keep_marks(text)


def test_sentence_of_decomposed_text_matches() -> None:
    sentence = Sentence.of(unicodedata.normalize("NFD", "Kỳ họp thứ Chín"))
    assert sentence.key == "kỳ họp thứ chín"


def test_sentences_split_but_not_after_abbreviations() -> None:
    paragraph = "HĐND TP. Hà Nội họp. Kỳ họp kéo dài 3 ngày! Sau đó nghỉ."
    assert split_sentences(paragraph) == ["HĐND TP. Hà Nội họp.", "Kỳ họp kéo dài 3 ngày!",
                                          "Sau đó nghỉ."]


_MEETING_TYPES = st.sampled_from([None, "plenum", "congress", "council_session",
                                  "regular_meeting", "review_conference", "other_meeting"])
_LEVELS = st.sampled_from([None, "province", "district", "commune"])
_VIETNAMESE_TEXT = st.text(alphabet=st.sampled_from(list(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữự"
    "ỳýỷỹỵAĐHKXVI0123456789 .,;:-–/()\n\u0300\u0301\u00a0İß")))


@settings(max_examples=200)
@given(title=st.one_of(st.text(), _VIETNAMESE_TEXT), text=st.one_of(st.text(), _VIETNAMESE_TEXT),
       meeting_type=_MEETING_TYPES, level=_LEVELS)
def test_find_functions_never_raise(title: str, text: str, meeting_type: str | None,
                                    level: str | None) -> None:
    session = find_session_number(title, text, meeting_type)
    term, period = find_term(title, text, meeting_type, level)
    assert session is None or isinstance(session.value, int)
    assert term is None or isinstance(term.value, int)
    assert period is None or isinstance(period.value, str)


@given(st.text())
def test_match_key_keeps_length(text: str) -> None:
    normalised = Sentence.of(text).raw
    assert len(match_key(normalised)) == len(normalised)


def test_session_templates_with_fuzzed_numbers() -> None:
    for number, word in ((3, "III"), (9, "chín"), (21, "hai mươi mốt"), (14, "14")):
        found = find_session_number(f"Kỳ họp thứ {word} HĐND huyện", "", None)
        assert found is not None and found.value == number
