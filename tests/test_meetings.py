"""Meetings from reports, without storage: near-duplicates, identity, reconciliation."""

from __future__ import annotations

from typing import Any

from meeting_support import OTHER_PLENUM_TEXT, PLENUM_TEXT, report, republished

from crawler.meetings.build import link_articles
from crawler.meetings.identity import key_of
from crawler.meetings.neardup import THRESHOLD, NearDuplicateIndex, shingles
from crawler.meetings.ranking import credits_another_outlet
from crawler.meetings.reconcile import reconcile, reconcile_field

PORTAL = "http://nongcong.thanhhoa.gov.vn/tin-tuc/hoi-nghi-bch-lan-19-1201.html"
PAPER = "http://baothanhhoa.vn/chinh-tri/nong-cong-day-nhanh-gpmb-post201455.html"
PARTY = "http://huyenuynongcong.vn/tin/hoi-nghi-ban-chap-hanh-lan-thu-19.html"


def meetings_of(*records: dict[str, Any]) -> list[dict[str, Any]]:
    found, _count = link_articles(records)
    return found.meetings


# -- near-duplicates ---------------------------------------------------------------


def test_republished_text_with_other_headline_sapo_and_credit_is_a_near_duplicate() -> None:
    original = report(PORTAL)
    copy = republished(original, PAPER)
    index = NearDuplicateIndex()
    index.add(PORTAL, original["text"])
    index.add(PAPER, copy["text"])
    assert index.groups() == [sorted([PORTAL, PAPER])]
    similarity = index.similarity(PORTAL, PAPER)
    assert similarity is not None and THRESHOLD <= similarity < 1.0


def test_folding_makes_case_diacritics_and_tone_placement_irrelevant() -> None:
    old_style = PLENUM_TEXT.replace("hòa", "hoà").replace("Ủy", "Uỷ").upper()
    assert shingles(old_style) == shingles(PLENUM_TEXT)


def test_the_same_meeting_in_other_words_is_not_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add(PORTAL, PLENUM_TEXT)
    index.add(PAPER, OTHER_PLENUM_TEXT)
    assert index.groups() == [[PAPER], [PORTAL]]
    similarity = index.similarity(PORTAL, PAPER)
    assert similarity is not None and similarity < 0.2


def test_a_text_without_words_groups_with_nothing() -> None:
    index = NearDuplicateIndex()
    index.add("http://a.vn/1", "")
    index.add("http://a.vn/2", " ... ")
    assert index.groups() == [["http://a.vn/1"], ["http://a.vn/2"]]
    assert index.similarity("http://a.vn/1", "http://a.vn/2") is None


def test_credit_lines_are_told_from_reporting_that_opens_with_theo() -> None:
    assert credits_another_outlet("Nội dung.\n\nTheo Báo Thanh Hóa")
    assert credits_another_outlet("(Theo baothanhhoa.vn)\n\nNội dung.")
    assert credits_another_outlet("Nội dung.\n\nNguồn: Cổng TTĐT huyện Thọ Xuân")
    assert not credits_another_outlet(PLENUM_TEXT)
    assert not credits_another_outlet("Theo báo cáo, thu ngân sách đạt 186 tỷ đồng.")


# -- meetings ----------------------------------------------------------------------


def test_republished_copy_is_one_meeting_with_the_original_first() -> None:
    original = report(PORTAL)
    copy = republished(original, PAPER)  # the paper printed it the same day
    (meeting,) = meetings_of(copy, original)
    assert meeting["reports"] == [PORTAL, PAPER]
    assert meeting["sources"] == ["nongcong.thanhhoa.gov.vn", "baothanhhoa.vn"]
    assert meeting["report_count"] == 2 and meeting["conflicts"] == {}
    found, _ = link_articles([copy, original])
    links = {link["url"]: link for link in found.links}
    assert links[PORTAL]["duplicate_of"] is None
    assert links[PAPER]["duplicate_of"] == PORTAL and links[PAPER]["similarity"] >= THRESHOLD


def test_earlier_publication_makes_the_canonical_copy() -> None:
    original = report(PORTAL, published="2024-03-15")
    copy = republished(original, PAPER, published="2024-03-14")
    (meeting,) = meetings_of(original, copy)
    assert meeting["reports"][0] == PAPER


def test_a_copy_whose_extraction_missed_fields_still_joins_its_meeting() -> None:
    original = report(PORTAL)
    copy = republished(original, PAPER, is_meeting_report=False, body=None, meeting_date=None)
    (meeting,) = meetings_of(original, copy)
    assert meeting["reports"] == [PORTAL, PAPER]
    assert meeting["body"] == "party_committee"


def test_reports_in_different_words_with_the_same_stable_fields_are_one_meeting() -> None:
    portal = report(PORTAL)
    paper = report(PAPER, text=OTHER_PLENUM_TEXT, source_kind="provincial_newspaper",
                   title="Một tiêu đề khác hẳn", district="NÔNG CỐNG")  # fmt: skip
    (meeting,) = meetings_of(portal, paper)
    assert meeting["district"] == "Nông Cống"
    assert set(meeting["reports"]) == {PORTAL, PAPER}


def test_a_report_without_the_session_number_joins_the_only_matching_meeting() -> None:
    portal = report(PORTAL)
    paper = report(PAPER, text=OTHER_PLENUM_TEXT, session_number=None, term_number=None)
    (meeting,) = meetings_of(portal, paper)
    assert (meeting["session_number"], meeting["term_number"]) == (19, 26)
    assert meeting["conflicts"] == {}


def test_a_report_without_the_session_number_stays_apart_when_two_meetings_fit() -> None:
    # Two plenums on one day (the second an extraordinary one): a report that
    # names neither number cannot be told apart, so it is not guessed.
    first = report(PORTAL)
    second = report(PARTY, text=OTHER_PLENUM_TEXT, session_number=20)
    vague = report(PAPER, text="Huyện ủy Nông Cống họp Ban Chấp hành hôm nay.",
                   session_number=None)  # fmt: skip
    meetings = meetings_of(first, second, vague)
    assert sorted(m["report_count"] for m in meetings) == [1, 1, 1]
    # A later report naming session 19 (its day not given) still finds the first.
    month_only = report(
        "http://x.vn/1", text="Hội nghị lần thứ 19 trong tháng 3.", meeting_date="2024-03"
    )
    meetings = meetings_of(first, second, vague, month_only)
    assert sorted(m["report_count"] for m in meetings) == [1, 1, 2]


def test_a_month_only_date_joins_the_meeting_of_that_month_and_the_day_wins() -> None:
    portal = report(PORTAL)
    paper = report(PAPER, text=OTHER_PLENUM_TEXT, meeting_date="2024-03")
    (meeting,) = meetings_of(portal, paper)
    assert meeting["meeting_date"] == "2024-03-14" and meeting["conflicts"] == {}


def test_different_dates_or_sessions_are_different_meetings() -> None:
    portal = report(PORTAL)
    later = report(PAPER, text=OTHER_PLENUM_TEXT, meeting_date="2024-06-20", session_number=20)
    assert len(meetings_of(portal, later)) == 2


def test_disagreeing_copies_keep_both_values_and_are_flagged() -> None:
    # The term's years and the kind of meeting do not tell two meetings apart
    # (copies that state different dates or sessions do: see test_meetings_templates).
    original = report(PORTAL)
    copy = republished(original, PAPER, term_period="2021-2026", meeting_type="other_meeting")
    (meeting,) = meetings_of(original, copy)
    # Tie between two reports: the original's value is chosen, both are kept.
    assert (meeting["term_period"], meeting["meeting_type"]) == ("2020-2025", "plenum")
    assert meeting["conflicts"] == {
        "meeting_type": ["plenum", "other_meeting"],
        "term_period": ["2020-2025", "2021-2026"],
    }


def test_commune_meetings_and_undated_reports_link_only_through_their_text() -> None:
    commune_a = report(PORTAL, level="commune")
    commune_b = report(PAPER, text=OTHER_PLENUM_TEXT, level="commune")
    assert len(meetings_of(commune_a, commune_b)) == 2
    undated_a = report(PORTAL, meeting_date=None)
    undated_b = report(PAPER, text=OTHER_PLENUM_TEXT, meeting_date=None)
    assert len(meetings_of(undated_a, undated_b)) == 2
    (together,) = meetings_of(undated_a, republished(undated_a, PAPER))
    assert together["report_count"] == 2


def test_only_meeting_reports_form_meetings() -> None:
    news = report(PORTAL, is_meeting_report=False, body=None, meeting_type=None)
    assert meetings_of(news) == []
    found, count = link_articles([news, republished(news, PAPER)])
    assert count == 2 and found.duplicate_groups == 1 and found.links == []
    assert {row["url"] for row in found.duplicates} == {PORTAL, PAPER}


# -- identity and reconciliation ---------------------------------------------------------


def test_meeting_id_is_stable_and_ignores_titles_urls_and_spelling() -> None:
    first = meetings_of(report(PORTAL), report(PAPER, text=OTHER_PLENUM_TEXT))
    again = meetings_of(
        report("http://other.vn/a", title="Khác", district="nông cống"),
        report("http://other.vn/b", text=OTHER_PLENUM_TEXT, province="THANH HÓA"),
    )
    assert [m["meeting_id"] for m in first] == [m["meeting_id"] for m in again]
    assert first[0]["meeting_id"] == key_of(report(PORTAL)).meeting_id()
    assert (
        key_of(report(PORTAL)).meeting_id() != key_of(report(PORTAL, term_number=25)).meeting_id()
    )


def test_identity_key_normalises_places_and_numbers() -> None:
    key = key_of(
        report(PORTAL, district="Nông  Cống", session_number="19", meeting_date="2024-03-14")
    )
    assert key == key_of(report(PAPER, district="NONG CONG"))
    province_level = key_of(report(PORTAL, level="province", district="Nông Cống"))
    assert province_level.district is None
    assert not key_of(report(PORTAL, body="party_other")).identifiable()
    assert not key_of(report(PORTAL, meeting_date="14/3")).identifiable()


def test_most_specific_value_wins_and_true_disagreements_are_conflicts() -> None:
    assert reconcile_field("meeting_date", ["2024-03", None, "2024-03-14"]) == ("2024-03-14", None)
    assert reconcile_field("session_number", [None, 19]) == (19, None)
    assert reconcile_field("session_number", [19, 20, 20]) == (20, [19, 20])
    assert reconcile_field("district", ["Nông Cống", "NÔNG CỐNG"]) == ("Nông Cống", None)
    fields, conflicts = reconcile([report(PORTAL), report(PAPER, term_period="2021-2026")])
    assert fields["term_period"] == "2020-2025"
    assert conflicts == {"term_period": ["2020-2025", "2021-2026"]}
