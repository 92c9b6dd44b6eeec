"""Reports -> meetings: near-duplicate groups first, then identity keys.

1. The copies of one text (a near-duplicate group) belong to one meeting when
   what they state about it agrees: no two give different dates, session or
   term numbers, places or bodies. Portals publish reports of different
   meetings made from one template (the same wording, another date or session
   number); those copies contradict each other and are split into one set per
   meeting, the most complete copies first. A copy that leaves a field out
   joins the one set it fits, and stays a set of its own when several fit.
   Each set that holds a meeting report is one *unit*: all its copies (even one
   whose classification missed) belong to the same meeting, and the unit's key
   is reconciled from its meeting reports.
2. Units with the same identifiable key are one meeting.
3. A key that leaves out a session or term number, or gives only the month,
   joins the meeting whose key it is compatible with, only when exactly one
   such meeting exists; otherwise it stays a meeting of its own. Keys are
   taken from the most specific down, so a report joins the most complete
   meeting it fits.
4. Units that cannot be identified (see :mod:`crawler.meetings.identity`)
   are meetings of their own, known by their text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crawler.meetings.identity import MeetingKey, key_of, text_meeting_id
from crawler.meetings.neardup import NearDuplicateIndex
from crawler.meetings.ranking import rank_key
from crawler.meetings.reconcile import reconcile


@dataclass
class _Unit:
    members: list[str]  # URLs of the near-duplicate group, best-ranked first
    reports: list[dict[str, Any]]  # its meeting reports, best-ranked first
    key: MeetingKey


@dataclass
class _Meeting:
    key: MeetingKey
    units: list[_Unit] = field(default_factory=list)
    meeting_id: str = ""
    # Kept apart because several meetings fitted it: never a target for others.
    ambiguous: bool = False


@dataclass
class MeetingSet:
    """What a rebuild stores: meetings, their report links and the near-duplicate rows."""

    meetings: list[dict[str, Any]]
    links: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    duplicate_groups: int


def link_meetings(records: Mapping[str, dict[str, Any]], index: NearDuplicateIndex) -> MeetingSet:
    """Meetings of ``records`` (url -> record without text) whose texts are in ``index``."""
    ranked = [sorted(group, key=lambda url: rank_key(records[url])) for group in index.groups()]
    units: list[_Unit] = []
    duplicates: list[dict[str, Any]] = []
    canonical_of: dict[str, str] = {}
    for group in ranked:
        if len(group) > 1:
            for url in group:
                similarity = 1.0 if url == group[0] else index.similarity(url, group[0])
                duplicates.append({"url": url, "canonical_url": group[0], "similarity": similarity})
        for copies in _copy_sets(group, records):
            for url in copies[1:]:
                canonical_of[url] = copies[0]
            reports = [records[url] for url in copies if records[url].get("is_meeting_report")]
            if reports:
                units.append(_Unit(copies, reports, key_of(reconcile(reports)[0])))
    meetings = _group_units(units)
    built = [_describe(meeting, records, canonical_of, index) for meeting in meetings]
    return MeetingSet(
        meetings=[meeting for meeting, _links in built],
        links=[link for _meeting, links in built for link in links],
        duplicates=duplicates,
        duplicate_groups=sum(1 for group in ranked if len(group) > 1),
    )


@dataclass
class _CopySet:
    members: list[str]
    keys: list[MeetingKey]
    # Several sets fitted its first copy: never joined by others.
    ambiguous: bool = False


def _copy_sets(group: list[str], records: Mapping[str, dict[str, Any]]) -> list[list[str]]:
    """The copies of one text (best-ranked first) split into sets that agree on their meeting.

    The copies stating most come first, so the sets form around complete copies
    and the partial ones then join the one set they fit, if only one.
    """
    if len(group) == 1:
        return [group]
    rank = {url: position for position, url in enumerate(group)}
    keys = {url: key_of(records[url]) for url in group}

    def most_stated_first(url: str) -> tuple[int, int, int]:
        return -len(keys[url].stated()), -keys[url].specificity(), rank[url]

    sets: list[_CopySet] = []
    for url in sorted(group, key=most_stated_first):
        key = keys[url]
        fits = [s for s in sets if not s.ambiguous and not any(map(key.contradicts, s.keys))]
        if len(fits) == 1:
            fits[0].members.append(url)
            fits[0].keys.append(key)
        else:
            sets.append(_CopySet([url], [key], ambiguous=len(fits) > 1))
    return [sorted(copies.members, key=rank.__getitem__) for copies in sets]


def _bucket(key: MeetingKey) -> tuple[Any, ...]:
    """Compatible keys share this, so each key is only matched within its bucket."""
    return (key.province, key.district, key.level, key.body, key.meeting_type,
            (key.meeting_date or "")[:7])  # fmt: skip


def _group_units(units: list[_Unit]) -> list[_Meeting]:
    by_key: dict[MeetingKey, list[_Unit]] = {}
    loose: list[_Meeting] = []
    for unit in units:
        if unit.key.identifiable():
            by_key.setdefault(unit.key, []).append(unit)
        else:
            content = unit.reports[0].get("content_hash") or ""
            loose.append(_Meeting(unit.key, [unit], text_meeting_id(content, unit.key)))
    buckets: dict[tuple[Any, ...], list[_Meeting]] = {}
    order = sorted(by_key, key=lambda k: (-k.specificity(), json.dumps(k.as_list())))
    for key in order:
        bucket = buckets.setdefault(_bucket(key), [])
        matches = [m for m in bucket if not m.ambiguous and m.key.compatible(key)]
        if len(matches) == 1:
            matches[0].key = matches[0].key.merged(key)
            matches[0].units.extend(by_key[key])
        else:
            bucket.append(_Meeting(key, list(by_key[key]), ambiguous=len(matches) > 1))
    keyed = [meeting for bucket in buckets.values() for meeting in bucket]
    for meeting in keyed:
        meeting.meeting_id = meeting.key.meeting_id()
    # Two meetings can only share an id when they share a key: they are one meeting.
    by_id: dict[str, _Meeting] = {}
    for meeting in keyed + loose:
        if meeting.meeting_id in by_id:
            by_id[meeting.meeting_id].units.extend(meeting.units)
        else:
            by_id[meeting.meeting_id] = meeting
    return [by_id[meeting_id] for meeting_id in sorted(by_id)]


def _describe(
    meeting: _Meeting,
    records: Mapping[str, dict[str, Any]],
    canonical_of: Mapping[str, str],
    index: NearDuplicateIndex,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The meeting row (reconciled fields, conflicts, reports) and its report links."""
    reports = sorted((r for unit in meeting.units for r in unit.reports), key=rank_key)
    urls = sorted((url for unit in meeting.units for url in unit.members),
                  key=lambda url: rank_key(records[url]))  # fmt: skip
    fields, conflicts = reconcile(reports)
    sources = list(dict.fromkeys(records[url].get("source") for url in urls if url in records))
    published = [str(records[url]["published"]) for url in urls if records[url].get("published")]
    row: dict[str, Any] = {
        "meeting_id": meeting.meeting_id,
        **fields,
        "conflicts": conflicts,
        "report_count": len(urls),
        "title": records[urls[0]].get("title"),
        "first_published": min(published) if published else None,
        "reports": urls,
        "sources": [source for source in sources if source],
    }
    links = []
    for position, url in enumerate(urls):
        canonical = canonical_of.get(url)
        duplicate_of = canonical if canonical and canonical != url else None
        links.append(
            {
                "meeting_id": meeting.meeting_id,
                "url": url,
                "position": position,
                "source": records[url].get("source"),
                "published": records[url].get("published"),
                "duplicate_of": duplicate_of,
                "similarity": index.similarity(url, duplicate_of) if duplicate_of else None,
            }
        )
    return row, links
