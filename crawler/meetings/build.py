"""Rebuild the derived meeting tables of a storage from its articles.

The tables (``meetings``, ``meeting_reports``, ``near_duplicates``) are derived
data: every rebuild replaces them wholesale in one transaction, so readers see
the old set or the new one, never a mix. The build records a marker of the
articles it was made from; :func:`ensure_meetings` rebuilds only when the
articles changed since.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from crawler.meetings.linking import MeetingSet, link_meetings
from crawler.meetings.neardup import NearDuplicateIndex
from crawler.meetings.ranking import credits_another_outlet
from crawler.meetings.reconcile import MEETING_FIELDS
from crawler.storage.base import Storage

#: Record fields kept in memory per article while linking (the text is not).
_KEPT_FIELDS = (
    "url",
    "source",
    "source_kind",
    "title",
    "published",
    "content_hash",
    "is_meeting_report",
    *MEETING_FIELDS,
)


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    near_duplicate_groups: int
    meetings: int
    reports_linked: int
    meetings_with_conflicts: int
    built_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def link_articles(articles: Any) -> tuple[MeetingSet, int]:
    """Meetings of an iterable of article records, and how many articles there were."""
    index = NearDuplicateIndex()
    records: dict[str, dict[str, Any]] = {}
    for article in articles:
        url = article["url"]
        if url in records:
            continue
        text = article.get("text") or ""
        kept = {name: article.get(name) for name in _KEPT_FIELDS}
        kept["credits_other"] = credits_another_outlet(text)
        records[url] = kept
        index.add(url, text)
    return link_meetings(records, index), len(records)


def rebuild_meetings(storage: Storage) -> BuildSummary:
    """Link every stored article to its meeting and replace the derived tables."""
    # Taken before reading: an article written meanwhile makes the next check rebuild.
    marker = storage.articles_marker()
    built_at = datetime.now(UTC).isoformat(timespec="seconds")
    found, article_count = link_articles(storage.iter_articles())
    for meeting in found.meetings:
        meeting["built_at"] = built_at
    storage.replace_meetings(
        found.meetings, found.links, duplicates=found.duplicates, marker=marker
    )
    return BuildSummary(
        articles=article_count,
        near_duplicate_groups=found.duplicate_groups,
        meetings=len(found.meetings),
        reports_linked=len(found.links),
        meetings_with_conflicts=sum(1 for meeting in found.meetings if meeting["conflicts"]),
        built_at=built_at,
    )


def meetings_are_current(storage: Storage) -> bool:
    """True when the stored meetings were built from the articles stored now."""
    built_from = storage.meetings_marker()
    return built_from is not None and built_from == storage.articles_marker()


def ensure_meetings(storage: Storage) -> BuildSummary | None:
    """Rebuild when the articles changed since the last build; None when nothing was to do."""
    if meetings_are_current(storage):
        return None
    return rebuild_meetings(storage)
