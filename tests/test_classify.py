"""Meeting-report classification: positives and hard negatives for every enum."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extraction.classify import Classification, classify
from crawler.extraction.session import find_session_number, find_term

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"

# (title, text, level, body, meeting_type)
POSITIVES = [
    # plenum, at every level
    ("Hội nghị Ban Chấp hành Đảng bộ huyện Yên Định lần thứ 14",
     "Ngày 20/7, Huyện ủy Yên Định tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 14 "
     "để đánh giá kết quả 6 tháng đầu năm. Dự hội nghị có đồng chí Trần Văn Bình, Tỉnh ủy "
     "viên, Phó Chủ tịch UBND tỉnh.",
     "district", "party_committee", "plenum"),
    ("Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ tỉnh khóa XX",
     "Sáng 5/7, Tỉnh ủy tổ chức Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ tỉnh khóa XX.",
     "province", "party_committee", "plenum"),
    ("Đảng ủy xã Minh Tân tổ chức Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 7",
     "Ngày 3/4, Đảng ủy xã Minh Tân tổ chức Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 7.",
     "commune", "party_committee", "plenum"),
    ("Hội nghị BCH Đảng bộ huyện mở rộng",
     "Ngày 5/1, Ban Thường vụ Huyện ủy tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện mở rộng. "
     "Tham dự có Chủ tịch UBND các xã, thị trấn.",
     "district", "party_committee", "plenum"),
    # a numbered BCH plenum stays a plenum whatever its agenda
    ("Ban Chấp hành Đảng bộ huyện sơ kết 6 tháng đầu năm",
     "Ngày 12/7, Huyện ủy tổ chức hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 11, sơ kết "
     "công tác 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm.",
     "district", "party_committee", "plenum"),
    # a provincial leader attending a district plenum does not make it provincial
    ("Đồng chí Bí thư Tỉnh ủy dự Hội nghị Ban Chấp hành Đảng bộ huyện Hậu Lộc",
     "Sáng 12/1, đồng chí Bí thư Tỉnh ủy đã dự và chỉ đạo Hội nghị Ban Chấp hành Đảng bộ "
     "huyện Hậu Lộc lần thứ 15.",
     "district", "party_committee", "plenum"),
    # congress
    ("Đại hội đại biểu Đảng bộ huyện Nông Cống lần thứ XXV, nhiệm kỳ 2020 - 2025",
     "Sáng 12/8, Đại hội đại biểu Đảng bộ huyện Nông Cống lần thứ XXV đã long trọng khai mạc.",
     "district", "party_committee", "congress"),
    ("Phiên trù bị Đại hội Đảng bộ thị xã Nghi Sơn",
     "Chiều 20/8, Đảng bộ thị xã Nghi Sơn tiến hành phiên trù bị Đại hội đại biểu.",
     "district", "party_committee", "congress"),
    ("Đại hội đại biểu MTTQ Việt Nam huyện lần thứ XX",
     "Ngày 16/8, Ủy ban MTTQ Việt Nam huyện tổ chức Đại hội đại biểu lần thứ XX.",
     "district", "fatherland_front", "congress"),
    # council session
    ("Kỳ họp thứ Chín HĐND huyện Hoằng Hóa khóa XX",
     "Sáng 14/7, HĐND huyện Hoằng Hóa khóa XX khai mạc kỳ họp thứ Chín.",
     "district", "peoples_council", "council_session"),
    ("HĐND thị trấn Phong Điền tổ chức kỳ họp thứ 6",
     "Ngày 10/12, HĐND thị trấn Phong Điền tổ chức kỳ họp thứ 6.",
     "commune", "peoples_council", "council_session"),
    ("Khai mạc Kỳ họp thứ 12 HĐND tỉnh khóa XVIII",
     "Sáng 8/12, HĐND tỉnh khóa XVIII khai mạc kỳ họp thứ 12.",
     "province", "peoples_council", "council_session"),
    ("HĐND thành phố Hà Nội khai mạc kỳ họp thứ 15",
     "Sáng 5/12, HĐND thành phố Hà Nội khai mạc kỳ họp thứ 15.",
     "province", "peoples_council", "council_session"),
    # regular meetings
    ("UBND huyện họp phiên thường kỳ tháng 8",
     "Chiều 31/8, UBND huyện Vĩnh Lộc họp phiên thường kỳ tháng 8.",
     "district", "peoples_committee", "regular_meeting"),
    ("Thường trực HĐND huyện họp phiên thường kỳ lần thứ 27",
     "Ngày 2/11, Thường trực HĐND huyện Mường Lát tổ chức phiên họp thường kỳ lần thứ 27.",
     "district", "peoples_council_standing", "regular_meeting"),
    ("Huyện ủy Tân Kỳ họp lệ kỳ tháng 5",
     "Sáng 29/5, Ban Thường vụ Huyện ủy Tân Kỳ họp lệ kỳ tháng 5.",
     "district", "party_standing_committee", "regular_meeting"),
    ("Huyện ủy tổ chức hội nghị giao ban công tác quý III",
     "Ngày 5/10, Huyện ủy Hà Trung tổ chức hội nghị giao ban công tác quý III năm 2023.",
     "district", "party_committee", "regular_meeting"),
    ("UBND thành phố Sầm Sơn họp phiên thường kỳ",
     "Ngày 4/7, UBND thành phố Sầm Sơn họp phiên thường kỳ tháng 6.",
     "district", "peoples_committee", "regular_meeting"),
    # review conferences
    ("UBND huyện Triệu Sơn tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
     "Chiều 28/12, UBND huyện Triệu Sơn tổ chức hội nghị tổng kết công tác năm 2023, triển "
     "khai nhiệm vụ năm 2024. Tham dự có đồng chí Lê Văn An, Phó Chủ tịch UBND tỉnh.",
     "district", "peoples_committee", "review_conference"),
    ("UBND huyện tổ chức hội nghị kiểm điểm công tác chỉ đạo, điều hành năm 2023",
     "Sáng 9/1, UBND huyện tổ chức hội nghị kiểm điểm công tác chỉ đạo, điều hành năm 2023.",
     "district", "peoples_committee", "review_conference"),
    ("Ủy ban Kiểm tra Huyện ủy tổng kết công tác năm 2023",
     "Ngày 22/12, Ủy ban Kiểm tra Huyện ủy Lang Chánh tổ chức hội nghị tổng kết công tác "
     "kiểm tra, giám sát năm 2023.",
     "district", "party_other", "review_conference"),
    ("Mặt trận huyện tổng kết công tác năm",
     "Ngày 19/12, Ủy ban MTTQ Việt Nam huyện Như Xuân tổ chức hội nghị tổng kết công tác "
     "Mặt trận năm 2023.",
     "district", "fatherland_front", "review_conference"),
    ("Ban Chỉ đạo xây dựng nông thôn mới huyện họp sơ kết 6 tháng",
     "Ngày 7/7, Ban Chỉ đạo xây dựng nông thôn mới huyện Thiệu Hóa họp sơ kết công tác.",
     "district", "other", "review_conference"),
    ("Xã Quảng Phú tổng kết năm 2023",
     "Ngày 28/12, Đảng ủy xã Quảng Phú tổ chức hội nghị tổng kết công tác năm 2023.",
     "commune", "party_committee", "review_conference"),
    # the headline hides the meeting: the lead decides
    ("Thọ Xuân: Thu ngân sách vượt 20% kế hoạch năm",
     "Năm 2023, tổng thu ngân sách trên địa bàn huyện đạt 450 tỷ đồng, vượt 20% kế hoạch "
     "tỉnh giao.\n\nSáng 3/1, UBND huyện Thọ Xuân tổ chức hội nghị tổng kết công tác năm 2023 "
     "và triển khai nhiệm vụ năm 2024.",
     "district", "peoples_committee", "review_conference"),
    # self-criticism
    ("Ban Thường vụ Huyện ủy Quan Hóa kiểm điểm tập thể, cá nhân năm 2023",
     "Ngày 20/12, Ban Thường vụ Huyện ủy Quan Hóa tổ chức hội nghị kiểm điểm tập thể, cá "
     "nhân năm 2023.",
     "district", "party_standing_committee", "self_criticism"),
    ("Hội nghị tự phê bình và phê bình của Ban Thường vụ Tỉnh ủy",
     "Chiều 26/12, Ban Thường vụ Tỉnh ủy tổ chức hội nghị tự phê bình và phê bình năm 2023.",
     "province", "party_standing_committee", "self_criticism"),
    # briefings
    ("Huyện ủy Thạch Thành học tập, quán triệt Nghị quyết Trung ương 8",
     "Sáng 15/11, Huyện ủy Thạch Thành tổ chức hội nghị học tập, quán triệt Nghị quyết Hội "
     "nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII.",
     "district", "party_committee", "briefing"),
    ("Ban Tuyên giáo Huyện ủy triển khai nhiệm vụ năm 2024",
     "Ngày 9/1, Ban Tuyên giáo Huyện ủy Vĩnh Lộc tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
     "district", "party_other", "briefing"),
    # a guest's or chair's title: the guest's level never leaks in
    ("Chủ tịch UBND tỉnh dự hội nghị tổng kết của UBND huyện Như Xuân",
     "Chiều 27/12, đồng chí Chủ tịch UBND tỉnh dự hội nghị tổng kết năm 2023 của huyện.",
     "district", "peoples_committee", "review_conference"),
    ("Hội nghị sơ kết công tác 6 tháng đầu năm",
     "Sáng 6/7, đồng chí Lê Văn Thành, Chủ tịch UBND huyện chủ trì hội nghị sơ kết công tác "
     "6 tháng đầu năm.",
     "district", "peoples_committee", "review_conference"),
    ("Thành ủy Thanh Hóa tổ chức hội nghị quán triệt nghị quyết",
     "Ngày 2/3, Thành ủy Thanh Hóa tổ chức hội nghị quán triệt nghị quyết của Tỉnh ủy.",
     "district", "party_committee", "briefing"),
    ("Thành ủy Hà Nội tổ chức hội nghị quán triệt nghị quyết",
     "Ngày 2/3, Thành ủy Hà Nội tổ chức hội nghị quán triệt nghị quyết của Trung ương.",
     "province", "party_committee", "briefing"),
    ("Hội nghị Ban Chấp hành Hội Nông dân huyện lần thứ 5",
     "Ngày 3/3, Hội Nông dân huyện tổ chức hội nghị Ban Chấp hành lần thứ 5.",
     "district", "other", "plenum"),
    # other meetings
    ("Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về quy hoạch",
     "Chiều 14/3, Ban Thường vụ Tỉnh ủy họp cho ý kiến về quy hoạch tỉnh.",
     "province", "party_standing_committee", "other_meeting"),
    ("Đại hội đại biểu Hội Nông dân huyện lần thứ X",
     "Ngày 10/6, Hội Nông dân huyện Ngọc Lặc long trọng tổ chức Đại hội đại biểu lần thứ X.",
     "district", "other", "congress"),
]

NEGATIVES = [
    # investment / trade promotion
    ("Hội nghị xúc tiến đầu tư vào huyện Như Thanh năm 2023",
     "Sáng 9/9, UBND tỉnh tổ chức Hội nghị xúc tiến đầu tư với hơn 100 doanh nghiệp."),
    ("Huyện tổ chức hội nghị xúc tiến thương mại nông sản",
     "Ngày 2/10, các doanh nghiệp tham gia hội nghị xúc tiến thương mại tại huyện."),
    # working visits
    ("Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Bá Thước",
     "Chiều 6/3, đồng chí Bí thư Tỉnh ủy đã có buổi làm việc với Ban Thường vụ Huyện ủy Bá "
     "Thước về tình hình phát triển kinh tế."),
    ("Phó Chủ tịch UBND tỉnh thăm và làm việc tại huyện Mường Lát",
     "Ngày 2/2, đồng chí Phó Chủ tịch UBND tỉnh đã thăm và làm việc tại huyện Mường Lát."),
    # supervision
    ("Đoàn giám sát HĐND tỉnh giám sát tại huyện Ngọc Lặc",
     "Ngày 12/5, Đoàn giám sát của HĐND tỉnh đã giám sát tại huyện Ngọc Lặc."),
    # voter meetings
    ("Đại biểu HĐND huyện tiếp xúc cử tri trước kỳ họp thứ 8",
     "Ngày 25/11, Tổ đại biểu HĐND huyện đã tiếp xúc cử tri xã Thành Công trước kỳ họp thứ 8."),
    ("Hội nghị tiếp xúc cử tri xã Định Hòa",
     "Ngày 26/11, tại xã Định Hòa đã diễn ra hội nghị tiếp xúc cử tri."),
    # ceremonies
    ("Lễ kỷ niệm 60 năm thành lập huyện",
     "Tối 10/10, huyện tổ chức lễ kỷ niệm 60 năm ngày thành lập huyện."),
    ("Lễ khánh thành cầu Bản Mới", "Sáng 3/2, huyện tổ chức lễ khánh thành cầu Bản Mới."),
    ("Lễ trao quyết định bổ nhiệm cán bộ",
     "Sáng 3/3, UBND huyện tổ chức lễ trao quyết định bổ nhiệm cán bộ."),
    ("Mít tinh hưởng ứng Ngày Môi trường thế giới",
     "Sáng 5/6, huyện tổ chức mít tinh hưởng ứng Ngày Môi trường thế giới."),
    ("Míttinh kỷ niệm ngày thành lập Đoàn", "Tối 26/3, huyện tổ chức míttinh kỷ niệm."),
    # recruitment, invitations, notices
    ("Thông báo tuyển dụng viên chức năm 2023",
     "UBND huyện thông báo tuyển dụng viên chức sự nghiệp giáo dục năm 2023."),
    ("Giấy mời dự kỳ họp thứ 10 HĐND huyện khóa XX",
     "Thường trực HĐND huyện trân trọng kính mời đại biểu tới dự kỳ họp thứ 10."),
    ("Thông báo lịch họp của UBND huyện tuần 23", "Lịch họp tuần 23 của UBND huyện như sau."),
    ("HĐND huyện sẽ tổ chức kỳ họp thứ 9 vào ngày 20/6",
     "Theo kế hoạch, HĐND huyện sẽ tổ chức kỳ họp thứ 9 vào ngày 20/6."),
    # digests
    ("Điểm tin ngày 5/6/2023",
     "Sáng 5/6, UBND huyện tổ chức hội nghị sơ kết. Chiều 5/6, huyện tổ chức giải bóng đá."),
    ("Bản tin thời sự tối 12/3", "Chương trình gồm các tin: hội nghị, kỳ họp, giải thể thao."),
    # training
    ("Khai giảng lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
     "Sáng 4/4, Trung tâm Chính trị huyện khai giảng lớp bồi dưỡng lý luận chính trị."),
    ("Hội nghị tập huấn công tác thống kê năm 2023",
     "Ngày 8/3, Chi cục Thống kê tổ chức hội nghị tập huấn nghiệp vụ."),
    # sports and culture
    ("Giải bóng đá thanh niên huyện năm 2023",
     "Chiều 1/9, giải bóng đá thanh niên huyện đã khai mạc với 16 đội bóng."),
    ("Đại hội Thể dục thể thao huyện lần thứ IX",
     "Sáng 20/5, huyện tổ chức Đại hội Thể dục thể thao lần thứ IX."),
    ("Liên hoan văn nghệ quần chúng năm 2023",
     "Tối 2/9, Liên hoan văn nghệ quần chúng thu hút 20 đội tham gia."),
    # a past congress mentioned in passing
    ("Huyện Cẩm Thủy đẩy mạnh phát triển du lịch",
     "Thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXVI, huyện đã đầu tư nhiều công "
     "trình. Năm 2023 có 120 nghìn lượt khách đến huyện."),
    ("Đại hội Đảng bộ huyện đã đề ra nhiều mục tiêu lớn",
     "Đại hội đại biểu Đảng bộ huyện lần thứ XXVI đã đề ra 3 khâu đột phá. Đến nay nhiều "
     "công trình đã hoàn thành, đời sống nhân dân được nâng lên rõ rệt."),
]

LISTING_PAGE = "\n".join([
    "UBND huyện họp phiên thường kỳ tháng 5",
    "Huyện ủy tổ chức hội nghị giao ban quý II",
    "HĐND huyện tổ chức kỳ họp thứ 7",
    "Lễ kỷ niệm ngày thành lập Đảng bộ huyện",
    "Giải bóng đá thanh niên năm 2023 khai mạc",
    "Tuyên truyền phòng chống dịch bệnh mùa mưa",
    "Triển khai nhiệm vụ năm học mới tại các trường",
    "Hội nghị tổng kết công tác dân vận năm 2023",
    "Nông dân thu hoạch lúa vụ xuân đạt năng suất cao",
])

DOCUMENT_PAGE = "\n".join([
    "Quyết định số 125/QĐ-UBND về việc phê duyệt kế hoạch",
    "Kế hoạch số 30/KH-UBND về tổ chức hội nghị tổng kết",
    "Công văn số 456/UBND-VP về việc chuẩn bị kỳ họp",
    "Thông báo số 12/TB-UBND kết luận của Chủ tịch UBND huyện",
    "Quyết định số 127/QĐ-UBND về việc thành lập tổ công tác",
    "Kế hoạch số 31/KH-UBND triển khai nhiệm vụ năm 2024",
])


@pytest.mark.parametrize(("title", "text", "level", "body", "meeting_type"), POSITIVES)
def test_meeting_reports(title: str, text: str, level: str, body: str,
                         meeting_type: str) -> None:
    verdict = classify(title, text)
    assert verdict.is_meeting_report, verdict
    assert (verdict.level, verdict.body, verdict.meeting_type) == (level, body, meeting_type)
    assert verdict.score > 0.5
    assert verdict.evidence["meeting_type"]


@pytest.mark.parametrize(("title", "text"), NEGATIVES)
def test_hard_negatives(title: str, text: str) -> None:
    verdict = classify(title, text)
    assert not verdict.is_meeting_report, verdict
    assert (verdict.level, verdict.body, verdict.meeting_type) == (None, None, None)
    assert verdict.score < 0.5


@pytest.mark.parametrize("text", [LISTING_PAGE, DOCUMENT_PAGE])
def test_listing_pages_are_not_reports(text: str) -> None:
    assert not classify("Tin tức - sự kiện", text).is_meeting_report


def test_evidence_names_the_deciding_sentences() -> None:
    lead = ("Ngày 15/3, Huyện ủy Nga Sơn tổ chức hội nghị Ban Chấp hành Đảng bộ huyện lần "
            "thứ 8, khóa XXVI. Dự hội nghị có đồng chí Phó Bí thư Tỉnh ủy.")
    verdict = classify("Nga Sơn: Nhiều chỉ tiêu kinh tế vượt kế hoạch", lead)
    assert verdict.meeting_type == "plenum"
    first_sentence = lead.split(" Dự ")[0]
    assert verdict.evidence == {"is_meeting_report": first_sentence,
                                "meeting_type": first_sentence, "body": first_sentence,
                                "level": first_sentence}


def test_body_text_alone_does_not_make_a_report() -> None:
    text = ("Năm 2023, sản lượng lúa toàn huyện đạt 52 nghìn tấn, tăng 3% so với năm trước.\n\n"
            "Huyện tiếp tục chuyển đổi cơ cấu cây trồng trên đất lúa kém hiệu quả.\n\n"
            "Số liệu trên được báo cáo tại hội nghị của ngành nông nghiệp.")
    assert not classify("Nông dân Hậu Lộc được mùa", text).is_meeting_report


def test_every_cue_has_a_gloss_and_compiles() -> None:
    import re

    from crawler.extraction.data import cues
    from crawler.extraction.session import compile_cues

    for name in dir(cues):
        entries = getattr(cues, name)
        if name.isupper() and isinstance(entries, tuple):
            for entry in entries:
                pattern, gloss = entry[-2], entry[-1]
                assert gloss.strip(), (name, pattern)
                assert isinstance(compile_cues((pattern,)), re.Pattern)


def test_district_portal_supplies_a_missing_level() -> None:
    title = "Hội nghị sơ kết công tác 6 tháng đầu năm"
    text = "Sáng 6/7, Ủy ban nhân dân tổ chức hội nghị sơ kết công tác 6 tháng đầu năm."
    assert classify(title, text).level is None
    assert classify(title, text, source_kind="district_portal").level == "district"


def test_national_online_conference_has_no_local_level() -> None:
    verdict = classify("Hội nghị trực tuyến toàn quốc về phòng chống thiên tai",
                       "Sáng 10/4, Chính phủ tổ chức hội nghị trực tuyến toàn quốc.")
    assert verdict.is_meeting_report
    assert verdict.level is None


def test_unicode_form_and_tone_placement_do_not_matter() -> None:
    import unicodedata

    title = "Ban Thường vụ Huyện uỷ kiểm điểm tập thể năm 2023"
    text = "Ngày 20/12, Ban Thường vụ Huyện uỷ tổ chức hội nghị kiểm điểm tập thể năm 2023."
    plain = classify(title, text)
    decomposed = classify(unicodedata.normalize("NFD", title), unicodedata.normalize("NFD", text))
    assert (plain.body, plain.meeting_type) == ("party_standing_committee", "self_criticism")
    assert (decomposed.level, decomposed.body, decomposed.meeting_type) == (
        plain.level, plain.body, plain.meeting_type)


@settings(max_examples=200)
@given(title=st.text(), text=st.text(), source_kind=st.sampled_from(
    [None, "district_portal", "provincial_newspaper"]))
def test_classify_never_raises(title: str, text: str, source_kind: str | None) -> None:
    verdict = classify(title, text, source_kind=source_kind)
    assert isinstance(verdict, Classification)
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.level in (None, "province", "district", "commune")


@given(st.lists(st.sampled_from([p[0] for p in POSITIVES] + [n[0] for n in NEGATIVES]
                                + ["các xã, thị trấn", "Nghị quyết Đại hội", "\n", ". "]),
                max_size=12))
def test_classify_never_raises_on_genre_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    verdict = classify(pieces[0] if pieces else "", text)
    assert verdict.is_meeting_report in (True, False)


# --- seeds ------------------------------------------------------------------


def _seed_cases() -> list[tuple[str, str, dict[str, object]]]:
    if not (SEEDS / "gold.json").is_file():
        return []
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    cases = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        labels = gold[path.name]
        title = str(labels.get("title") or text.splitlines()[0])
        cases.append((title, text, labels))
    return cases


@pytest.mark.skipif(not (SEEDS / "gold.json").is_file(),
                    reason=f"shared seed documents not found at {SEEDS}")
@pytest.mark.parametrize(("title", "text", "gold"), _seed_cases())
def test_seeds_match_gold(title: str, text: str, gold: dict[str, object]) -> None:
    verdict = classify(title, text, source_kind=str(gold["source_kind"]))
    assert verdict.is_meeting_report == gold["is_meeting_report"]
    assert verdict.level == gold["level"]
    assert verdict.body == gold["body"]
    assert verdict.meeting_type == gold["meeting_type"]
    session = find_session_number(title, text, verdict.meeting_type)
    assert (session.value if session else None) == gold["session_number"]
    # with and without the body: both must give the gold term
    for body in (verdict.body, None):
        term, period = find_term(title, text, verdict.meeting_type, verdict.level, body=body)
        assert (term.value if term else None) == gold["term_number"]
        assert (period.value if period else None) == gold["term_period"]


# --- listing pages ---------------------------------------------------------------

# Headlines each followed by a one-sentence teaser: fewer headlines than a bare
# list needs, but the pairs show the shape.
TEASER_LISTING = "\n\n".join([
    "Chiều 30/9, UBND huyện Lang Chánh tổ chức phiên họp thường kỳ tháng 9.",
    "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 9",
    "Huyện ủy Lang Chánh tổ chức hội nghị bàn nhiệm vụ quý IV.",
    "Nông dân Yên Khương thu hoạch lúa mùa",
    "Năng suất lúa mùa năm nay ước đạt 52 tạ mỗi héc-ta.",
    "Kỳ họp thứ 8 HĐND huyện dự kiến diễn ra cuối tháng 12",
    "Thường trực HĐND huyện thông báo nội dung kỳ họp cuối năm.",
    "Khánh thành cầu treo bản Chiềng Nang",
    "Cây cầu dài 60 mét giúp người dân đi lại an toàn trong mùa mưa.",
    "Tập huấn nghiệp vụ văn thư lưu trữ cho cán bộ xã",
    "Hơn 60 cán bộ, công chức cấp xã tham gia lớp tập huấn.",
])
# Headlines with their date lines, as a channel page prints them.
DATED_LISTING = "\n".join([
    "Hội nghị tổng kết công tác Mặt trận năm 2023", "28/12/2023",
    "UBND huyện họp phiên thường kỳ tháng 12", "27/12/2023",
    "Ra quân làm đường giao thông nông thôn", "20/12/2023",
    "Đại hội Hội Cựu chiến binh xã Tân Lập", "15/12/2023",
    "Trao nhà đại đoàn kết cho hộ nghèo", "10/12/2023",
    "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 20", "05/12/2023",
])


@pytest.mark.parametrize("text", [TEASER_LISTING, DATED_LISTING])
def test_headline_listings_are_not_reports(text: str) -> None:
    # the page's first headline often ends up as its title
    verdict = classify("UBND huyện Lang Chánh họp phiên thường kỳ tháng 9", text)
    assert not verdict.is_meeting_report, verdict


# Counter-examples: short reports whose paragraphs are short or unpunctuated.
SHORT_REPORT_WITH_AGENDA = "\n\n".join([
    "Sáng 4/3, UBND huyện Bá Thước tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế "
    "năm 2024. Đồng chí Chủ tịch UBND huyện chủ trì hội nghị.",
    "Hội nghị đã thảo luận các nội dung sau:",
    "- Kế hoạch thu ngân sách năm 2024",
    "- Phương án phòng chống cháy rừng mùa khô",
    "- Tiến độ giải ngân vốn đầu tư công",
    "- Công tác chuẩn bị vụ chiêm xuân",
    "- Kế hoạch chuyển đổi số của huyện",
    "Kết luận hội nghị, đồng chí Chủ tịch UBND huyện yêu cầu các phòng, ban tập trung thực "
    "hiện đúng tiến độ, báo cáo kết quả trước ngày 30/6.",
])
REPORT_WITH_CAPTIONS = "\n\n".join([
    "Ngày 12/10, Huyện ủy Quan Sơn tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 15 "
    "để đánh giá tình hình thực hiện nhiệm vụ 9 tháng đầu năm, bàn giải pháp thực hiện các "
    "chỉ tiêu còn lại của năm 2023.",
    "Quang cảnh hội nghị",
    "Theo báo cáo, 9 tháng đầu năm tổng giá trị sản xuất ước đạt 2.150 tỷ đồng, tăng 8,2% so "
    "với cùng kỳ; thu ngân sách trên địa bàn đạt 86% dự toán. Toàn huyện trồng mới 900 ha rừng.",
    "Đồng chí Bí thư Huyện ủy phát biểu kết luận hội nghị",
    "Các đại biểu tập trung thảo luận về công tác giải phóng mặt bằng các dự án trọng điểm, "
    "giảm nghèo bền vững và xây dựng nông thôn mới ở các xã vùng cao.",
    "Các đại biểu biểu quyết thông qua nghị quyết",
    "Hội nghị đã biểu quyết thông qua nghị quyết về nhiệm vụ trọng tâm quý IV năm 2023.",
])


@pytest.mark.parametrize("text", [SHORT_REPORT_WITH_AGENDA, REPORT_WITH_CAPTIONS])
def test_short_reports_with_lists_or_captions_stay_reports(text: str) -> None:
    verdict = classify("Hội nghị của huyện", text)
    assert verdict.is_meeting_report, verdict


# --- bodies and types decided by the words after the meeting noun -------------------

@pytest.mark.parametrize(
    ("title", "text", "level", "body", "meeting_type"),
    [
        # a congress is held by those it is named after, not by its organiser
        ("Đại hội đại biểu các dân tộc thiểu số tỉnh Yên Bái lần thứ IV",
         "Sáng 20/9, UBND tỉnh tổ chức Đại hội đại biểu các dân tộc thiểu số tỉnh lần thứ IV.",
         "province", "other", "congress"),
        ("Đại hội Hội Người cao tuổi huyện Tĩnh Gia lần thứ V",
         "Ngày 3/6, Hội Người cao tuổi huyện tổ chức Đại hội đại biểu lần thứ V.",
         "district", "other", "congress"),
        # counter-examples: a congress that names no one keeps the organiser's body
        ("Đảng bộ huyện Mường Lát tổ chức Đại hội lần thứ XXI",
         "Sáng 10/8, Đảng bộ huyện Mường Lát tổ chức Đại hội lần thứ XXI, nhiệm kỳ 2020-2025.",
         "district", "party_committee", "congress"),
        ("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ HUYỆN NHƯ THANH LẦN THỨ XXIII",
         "Sáng 5/8, Đại hội đại biểu Đảng bộ huyện Như Thanh lần thứ XXIII đã khai mạc.",
         "district", "party_committee", "congress"),
        # a briefing about self-criticism is a briefing
        ("Quán triệt hướng dẫn kiểm điểm cuối năm cho cấp ủy cơ sở",
         "Ngày 20/11, Ban Tổ chức Huyện ủy tổ chức hội nghị quán triệt hướng dẫn kiểm điểm, "
         "đánh giá, xếp loại tập thể, cá nhân năm 2023.",
         "district", "party_other", "briefing"),
        ("Triển khai công tác đánh giá cán bộ năm 2023",
         "Ngày 21/11, Huyện ủy tổ chức hội nghị triển khai công tác kiểm điểm, đánh giá, xếp "
         "loại chất lượng năm 2023.",
         "district", "party_committee", "briefing"),
        # counter-example: the self-criticism itself
        ("Ban Thường vụ Huyện ủy kiểm điểm, đánh giá, xếp loại năm 2023",
         "Ngày 26/12, Ban Thường vụ Huyện ủy tổ chức hội nghị kiểm điểm, đánh giá, xếp loại "
         "tập thể, cá nhân năm 2023 và triển khai nhiệm vụ năm 2024.",
         "district", "party_standing_committee", "self_criticism"),
        # a sitting called to prepare a session is not a regular sitting
        ("Thường trực HĐND huyện họp chuẩn bị kỳ họp thứ 6",
         "Ngày 1/12, Thường trực HĐND huyện Quế Phong tổ chức phiên họp chuẩn bị nội dung kỳ "
         "họp thứ 6 HĐND huyện khóa XX.",
         "district", "peoples_council_standing", "other_meeting"),
        ("Họp bàn công tác chuẩn bị Đại hội Đảng bộ huyện",
         "Chiều 3/5, Ban Thường vụ Huyện ủy họp bàn công tác chuẩn bị Đại hội Đảng bộ huyện.",
         "district", "party_standing_committee", "other_meeting"),
        # counter-examples: a regular sitting that also prepares a session; a bare sitting
        ("Thường trực HĐND huyện họp phiên thường kỳ tháng 11",
         "Ngày 2/11, Thường trực HĐND huyện tổ chức phiên họp thường kỳ tháng 11, cho ý kiến "
         "chuẩn bị kỳ họp thứ 6.",
         "district", "peoples_council_standing", "regular_meeting"),
        ("UBND huyện Thạch Thành họp phiên tháng 10",
         "Chiều 31/10, UBND huyện Thạch Thành tổ chức phiên họp tháng 10 năm 2023.",
         "district", "peoples_committee", "regular_meeting"),
        # a command board is a body of its own
        ("Ban Chỉ huy Phòng thủ dân sự huyện họp triển khai ứng phó bão",
         "Chiều 7/9, Ban Chỉ huy Phòng thủ dân sự huyện Quảng Ninh họp triển khai các biện pháp "
         "ứng phó với bão số 3.",
         "district", "other", "briefing"),
    ],
)
def test_agenda_and_congress_rules(title: str, text: str, level: str, body: str,
                                   meeting_type: str) -> None:
    verdict = classify(title, text)
    assert verdict.is_meeting_report, verdict
    assert (verdict.level, verdict.body, verdict.meeting_type) == (level, body, meeting_type)
