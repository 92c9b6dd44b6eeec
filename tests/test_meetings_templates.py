"""Copies of one template that report different meetings are told apart by what they state.

Commune and district portals publish reports of different meetings built from one
template: the same wording with another date, session number or place. Their texts
are near-duplicates, but they are not republications of one report.
"""

from __future__ import annotations

from typing import Any

from meeting_support import from_template, report, republished

from crawler.meetings.build import link_articles
from crawler.meetings.identity import key_of
from crawler.meetings.linking import MeetingSet
from crawler.meetings.neardup import THRESHOLD

PORTAL = "http://nongcong.thanhhoa.gov.vn/tin-tuc/hoi-nghi-bch-lan-19-1201.html"
NEXT = "http://nongcong.thanhhoa.gov.vn/tin-tuc/hoi-nghi-bch-lan-20-1290.html"
PAPER = "http://baothanhhoa.vn/chinh-tri/nong-cong-day-nhanh-gpmb-post201455.html"
OTHER_DISTRICT = "http://nhuthanh.thanhhoa.gov.vn/tin-tuc/hoi-nghi-bch-lan-19-77.html"

#: The next plenum, written from the same template: another day and session number.
NEXT_PLENUM = {"Sáng ngày 14/3/2024": "Sáng ngày 20/6/2024", "lần thứ 19": "lần thứ 20"}


def linked(*records: dict[str, Any]) -> MeetingSet:
    found, _count = link_articles(records, workers=0)
    return found


def reports_per_meeting(found: MeetingSet) -> set[tuple[str, ...]]:
    return {tuple(meeting["reports"]) for meeting in found.meetings}


def next_plenum(original: dict[str, Any], url: str = NEXT, **fields: Any) -> dict[str, Any]:
    stated = {"meeting_date": "2024-06-20", "session_number": 20, "published": "2024-06-20"}
    return from_template(original, url, NEXT_PLENUM, **{**stated, **fields})


def test_template_texts_of_two_meetings_are_near_duplicates_but_two_meetings() -> None:
    original = report(PORTAL)
    found = linked(original, next_plenum(original))
    assert found.duplicate_groups == 1  # the texts are near-duplicates
    assert min(row["similarity"] for row in found.duplicates) >= THRESHOLD
    assert reports_per_meeting(found) == {(NEXT,), (PORTAL,)}
    assert all(meeting["conflicts"] == {} for meeting in found.meetings)
    assert sorted(meeting["meeting_id"] for meeting in found.meetings) == sorted(
        [key_of(original).meeting_id(), key_of(next_plenum(original)).meeting_id()]
    )
    assert all(link["duplicate_of"] is None for link in found.links)


def test_template_texts_of_commune_meetings_are_two_meetings() -> None:
    # Commune meetings are known only by their text: the split is all that keeps them apart.
    original = report(PORTAL, level="commune")
    found = linked(original, next_plenum(original))
    assert found.duplicate_groups == 1
    assert reports_per_meeting(found) == {(NEXT,), (PORTAL,)}
    assert all(meeting["conflicts"] == {} for meeting in found.meetings)


def test_only_the_date_or_only_the_session_differing_is_enough() -> None:
    original = report(PORTAL, level="commune")
    other_day = from_template(original, NEXT, {"14/3/2024": "21/3/2024"},
                              meeting_date="2024-03-21")  # fmt: skip
    assert len(linked(original, other_day).meetings) == 2
    other_session = from_template(original, NEXT, {"lần thứ 19": "lần thứ 20"},
                                  session_number=20)  # fmt: skip
    assert len(linked(original, other_session).meetings) == 2


def test_the_same_template_in_another_district_is_another_meeting() -> None:
    original = report(PORTAL)
    elsewhere = from_template(original, OTHER_DISTRICT, {"Nông Cống": "Như Thanh"},
                              district="Như Thanh")  # fmt: skip
    found = linked(original, elsewhere)
    assert found.duplicate_groups == 1
    assert reports_per_meeting(found) == {(OTHER_DISTRICT,), (PORTAL,)}


def test_a_republished_copy_is_still_one_meeting_even_without_some_fields() -> None:
    original = report(PORTAL, level="commune")
    same_fields = republished(original, PAPER)
    (meeting,) = linked(original, same_fields).meetings
    assert meeting["reports"] == [PORTAL, PAPER] and meeting["conflicts"] == {}
    missing = republished(original, PAPER, meeting_date=None, session_number=None)
    (meeting,) = linked(original, missing).meetings
    assert meeting["reports"] == [PORTAL, PAPER]
    assert (meeting["meeting_date"], meeting["session_number"]) == ("2024-03-14", 19)


def test_three_copies_two_agreeing_make_two_meetings() -> None:
    original = report(PORTAL)
    copy = republished(original, PAPER)
    template = next_plenum(original)
    found = linked(template, copy, original)
    assert found.duplicate_groups == 1 and len(found.duplicates) == 3
    assert reports_per_meeting(found) == {(NEXT,), (PORTAL, PAPER)}
    assert all(meeting["conflicts"] == {} for meeting in found.meetings)
    links = {link["url"]: link for link in found.links}
    # A copy points to the original of its own meeting, never to another meeting's report.
    assert links[PAPER]["duplicate_of"] == PORTAL and links[PAPER]["similarity"] >= THRESHOLD
    assert links[NEXT]["duplicate_of"] is None and links[PORTAL]["duplicate_of"] is None


def test_a_partial_copy_joins_the_one_set_it_fits_and_stays_apart_when_two_fit() -> None:
    original = report(PORTAL, level="commune")
    template = next_plenum(original)
    no_session = republished(original, PAPER, session_number=None)  # its date fits one set
    found = linked(original, template, no_session)
    assert reports_per_meeting(found) == {(NEXT,), (PORTAL, PAPER)}
    neither = republished(original, PAPER, session_number=None, meeting_date=None)
    found = linked(original, template, neither)
    assert reports_per_meeting(found) == {(NEXT,), (PAPER,), (PORTAL,)}


def test_a_body_label_standing_for_several_bodies_is_no_contradiction() -> None:
    original = report(PORTAL)
    vague = republished(original, PAPER, body="party_other")
    (meeting,) = linked(original, vague).meetings
    assert meeting["body"] == "party_committee"
    assert meeting["conflicts"] == {"body": ["party_committee", "party_other"]}


def test_split_meetings_are_the_same_whatever_the_order_of_the_articles() -> None:
    original = report(PORTAL, level="commune")
    vague = next_plenum(original, OTHER_DISTRICT, meeting_date=None, session_number=None)
    records = [original, republished(original, PAPER), next_plenum(original), vague]
    first = linked(*records)
    again = linked(*reversed(records))
    assert first.meetings == again.meetings and first.links == again.links
    assert len(first.meetings) == 3  # the copy stating neither date nor session fits both


def test_what_tells_two_copies_apart() -> None:
    key = key_of(report(PORTAL))
    assert not key.contradicts(key_of(report(PAPER, meeting_date="2024-03")))  # that day's month
    assert not key.contradicts(key_of(report(PAPER, district="NÔNG CỐNG", body="other")))
    assert not key.contradicts(key_of(report(PAPER, level="commune", meeting_type="other_meeting")))
    assert not key.contradicts(key_of(report(PAPER, session_number=None, meeting_date=None)))
    for differing in ({"meeting_date": "2024-04"}, {"session_number": 20}, {"term_number": 27},
                      {"province": "Nghệ An"}, {"district": "Như Thanh"},
                      {"body": "peoples_council"}):  # fmt: skip
        assert key.contradicts(key_of(report(PAPER, **differing))), differing
